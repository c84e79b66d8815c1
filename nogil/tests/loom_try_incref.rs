//! Loom models of a weak reference's dereference racing the last strong
//! reference's drop: the core's `refcount::try_incref_words` (CPython's
//! `_Py_TryIncref`) against `decref_words`, after the referent was put in
//! the maybe-weakref state (`mark_maybe_weakref_words`), run over loom's
//! atomics under every interleaving (to a preemption bound). The weak
//! reference table's lock, which keeps the memory itself valid, is not
//! modelled (the model never frees memory); what is checked is the count
//! protocol: a successful `try_incref` is never ordered after the free, the
//! object is freed exactly once, and a dereference of a live object by a
//! thread that is not its owner succeeds.

mod loom_common;
use loom_common::model;

use std::sync::atomic::Ordering;
use std::sync::Arc;

use gilgamesh_core::object::header::{SHARED_MERGED, SHARED_SHIFT};
use gilgamesh_core::object::refcount::{self, RefcountWords, Release};
use loom::cell::UnsafeCell;
use loom::sync::atomic::{AtomicIsize, AtomicU32, AtomicUsize};

const ALIVE: u64 = 0xA11CE;
const DEAD: u64 = 0xDEAD;
const OWNER: usize = 2;
const OTHER: usize = 3;

/// An object's count words over loom atomics, and its memory.
struct ModelObj {
    tid: AtomicUsize,
    local: AtomicU32,
    shared: AtomicIsize,
    frees: AtomicUsize,
    payload: UnsafeCell<u64>,
}

// SAFETY: the payload cell stands for the object's memory: holders read it,
// the free writes it, and loom reports any pair of such accesses the
// protocol fails to order. Everything else is loom atomics.
unsafe impl Sync for ModelObj {}
// SAFETY: as above; nothing in it is tied to a thread.
unsafe impl Send for ModelObj {}

impl ModelObj {
    /// An object owned by `OWNER` with one local reference, or (for
    /// `merged`) unowned with one shared reference.
    fn new(merged: bool) -> Arc<ModelObj> {
        let (tid, local, shared) = if merged {
            (0, 0, (1 << SHARED_SHIFT) | SHARED_MERGED)
        } else {
            (OWNER, 1, 0)
        };
        let o = Arc::new(ModelObj {
            tid: AtomicUsize::new(tid),
            local: AtomicU32::new(local),
            shared: AtomicIsize::new(shared),
            frees: AtomicUsize::new(0),
            payload: UnsafeCell::new(ALIVE),
        });
        // Registration of the first weak reference, by a holder.
        refcount::mark_maybe_weakref_words(&*o);
        o
    }

    fn read(&self) {
        // SAFETY: loom checks this read against the free's write.
        self.payload
            .with(|p| assert_eq!(unsafe { *p }, ALIVE, "use after free"));
    }

    fn free(&self) {
        // SAFETY: loom checks this write against every holder's read.
        self.payload.with_mut(|p| unsafe { *p = DEAD });
        self.frees.fetch_add(1, Ordering::SeqCst);
    }

    /// Drops a reference held by thread `me`.
    fn drop_ref(&self, me: usize) {
        match refcount::decref_words(self, me) {
            Release::Live => {}
            Release::Dealloc => self.free(),
            Release::Queue => panic!("a counted reference cannot queue here"),
        }
    }
}

impl RefcountWords for ModelObj {
    fn tid(&self) -> usize {
        self.tid.load(Ordering::Relaxed)
    }
    fn set_tid(&self, tid: usize) {
        self.tid.store(tid, Ordering::Relaxed)
    }
    fn local(&self) -> u32 {
        self.local.load(Ordering::Relaxed)
    }
    fn set_local(&self, n: u32) {
        self.local.store(n, Ordering::Relaxed)
    }
    fn shared(&self, order: Ordering) -> isize {
        self.shared.load(order)
    }
    fn add_shared(&self, delta: isize, order: Ordering) {
        self.shared.fetch_add(delta, order);
    }
    fn cas_shared(
        &self,
        current: isize,
        new: isize,
        success: Ordering,
        failure: Ordering,
    ) -> Result<isize, isize> {
        self.shared
            .compare_exchange_weak(current, new, success, failure)
    }
}

/// The thread that dereferences: a successful `try_incref` gives a
/// reference it reads through and drops. Returns whether it succeeded.
fn dereference(o: &ModelObj, me: usize) -> bool {
    if refcount::try_incref_words(o, me) {
        o.read();
        o.drop_ref(me);
        true
    } else {
        false
    }
}

/// The last reference is dropped while another thread dereferences a weak
/// reference to the object: by the owner from its local count, or, for a
/// merged object (every count shared, as under `--refcount atomic` or after
/// its owner exited), from the shared count.
#[test]
fn dereference_races_the_last_drop() {
    for merged in [false, true] {
        model(8, move || {
            let o = ModelObj::new(merged);
            let o2 = o.clone();
            let t = loom::thread::spawn(move || dereference(&o2, OTHER));
            o.read();
            o.drop_ref(OWNER);
            t.join().unwrap();
            assert_eq!(o.frees.load(Ordering::SeqCst), 1);
        });
    }
}

/// A dereference by another thread while the owner's local count still
/// covers the object succeeds: the maybe-weakref state lets the shared
/// count take it (without it the shared word would read zero and refuse).
#[test]
fn dereference_before_the_drop_succeeds() {
    for merged in [false, true] {
        model(8, move || {
            let o = ModelObj::new(merged);
            let o2 = o.clone();
            let t = loom::thread::spawn(move || dereference(&o2, OTHER));
            assert!(t.join().unwrap(), "a live object was not dereferenced");
            o.drop_ref(OWNER);
            assert_eq!(o.frees.load(Ordering::SeqCst), 1);
        });
    }
}
