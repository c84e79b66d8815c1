//! Loom models of biased reference counting's merge/queue protocol: the
//! core's transitions (`refcount::*_words`) and the crate's queue hook, owner
//! merge, exit and merge-on-behalf, run over loom's atomics and mutex under
//! every interleaving (to a preemption bound). In each model the object must
//! be freed exactly once, and never while a holder may still read it: every
//! holder reads the object's payload before dropping its reference and the
//! free writes it, so a free not ordered after a read is a data race loom
//! reports.

mod loom_common;
use loom_common::{model, LoomStatus};

use std::ops::Deref;
use std::sync::atomic::Ordering;

use gilgamesh_core::object::header::{SHARED_MERGED, SHARED_SHIFT};
use gilgamesh_core::object::refcount::RefcountWords;
use gilgamesh_nogil::biased_rc::{self, BrcObject, Locked, MergeOwner, MergeQueue};
use gilgamesh_nogil::thread_state::{self, StatusWord, ATTACHED, DETACHED};
use loom::cell::UnsafeCell;
use loom::sync::atomic::{AtomicIsize, AtomicU32, AtomicU8, AtomicUsize};
use loom::sync::Mutex;
use std::sync::Arc;

const ALIVE: u64 = 0xA11CE;
const DEAD: u64 = 0xDEAD;
const OWNER: usize = 2;
const OTHER: usize = 3;

/// An object's count words over loom atomics.
struct ModelObj {
    tid: AtomicUsize,
    local: AtomicU32,
    shared: AtomicIsize,
    frees: AtomicUsize,
    payload: UnsafeCell<u64>,
}

// SAFETY: the payload cell is the model's stand-in for the object's memory:
// holders read it and the free writes it, and loom reports any pair of such
// accesses the protocol fails to order. Everything else is loom atomics.
unsafe impl Sync for ModelObj {}
// SAFETY: as above; nothing in it is tied to a thread.
unsafe impl Send for ModelObj {}

impl ModelObj {
    fn new(local: u32, shared_count: isize) -> Arc<ModelObj> {
        Arc::new(ModelObj {
            tid: AtomicUsize::new(OWNER),
            local: AtomicU32::new(local),
            shared: AtomicIsize::new(shared_count << SHARED_SHIFT),
            frees: AtomicUsize::new(0),
            payload: UnsafeCell::new(ALIVE),
        })
    }

    /// What a holder does with its reference before dropping it.
    fn read(&self) {
        // SAFETY: loom checks this read against the free's write.
        self.payload
            .with(|p| assert_eq!(unsafe { *p }, ALIVE, "use after free"));
    }

    fn frees(&self) -> usize {
        self.frees.load(Ordering::SeqCst)
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

impl BrcObject for ModelObj {
    unsafe fn dealloc(this: *const Self) {
        // SAFETY: the model never really frees; `this` stays valid.
        let o = unsafe { &*this };
        // SAFETY: loom checks this write against every holder's read.
        o.payload.with_mut(|p| unsafe { *p = DEAD });
        o.frees.fetch_add(1, Ordering::SeqCst);
    }
}

struct LoomLocked<T>(Mutex<T>);

impl<T> Locked<T> for LoomLocked<T> {
    fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        f(&mut self.0.lock().unwrap())
    }
}

/// The owner thread's state, as biased_rc sees it.
struct ModelOwner {
    queue: LoomLocked<MergeQueue<ModelObj>>,
    status: LoomStatus,
    merge_requested: AtomicU32,
}

impl ModelOwner {
    fn new() -> Arc<ModelOwner> {
        Arc::new(ModelOwner {
            queue: LoomLocked(Mutex::new(MergeQueue::new())),
            status: LoomStatus(AtomicU8::new(ATTACHED)),
            merge_requested: AtomicU32::new(0),
        })
    }
}

impl MergeOwner for ModelOwner {
    type Obj = ModelObj;
    type Queue = LoomLocked<MergeQueue<ModelObj>>;
    fn merge_queue(&self) -> &Self::Queue {
        &self.queue
    }
    fn request_merge(&self) {
        self.merge_requested.store(1, Ordering::Release);
    }
    fn try_suspend_detached(&self) -> bool {
        thread_state::try_suspend_detached(&self.status)
    }
    fn resume_detached(&self) {
        thread_state::resume_suspended(&self.status);
    }
}

/// Owner lookup: the one owner, by id.
fn finder(owner: &Arc<ModelOwner>) -> impl Fn(usize) -> Option<Arc<ModelOwner>> {
    let owner = owner.clone();
    move |tid| (tid == OWNER).then(|| owner.clone())
}

/// Drops one reference as thread `me`, through the real protocol.
fn drop_ref<H: Deref<Target = ModelOwner>>(
    obj: &ModelObj,
    me: usize,
    find: &dyn Fn(usize) -> Option<H>,
) {
    obj.read();
    // SAFETY: the caller holds the reference it gives up.
    unsafe { biased_rc::decref::<ModelOwner, H>(obj, me, find) };
}

/// The owner holds one reference, another thread the other (both counted
/// locally). The other thread's drop queues the object; the owner drops its
/// own and merges, concurrently and then at its next safe point.
#[test]
fn queued_object_is_merged_and_freed_once() {
    model(8, || {
        let obj = ModelObj::new(2, 0);
        let owner = ModelOwner::new();
        let t = {
            let (obj, owner) = (obj.clone(), owner.clone());
            loom::thread::spawn(move || drop_ref(&obj, OTHER, &finder(&owner)))
        };
        drop_ref(&obj, OWNER, &finder(&owner));
        biased_rc::merge_queued(&*owner);
        t.join().unwrap();
        assert_eq!(owner.merge_requested.load(Ordering::Acquire), 1);
        biased_rc::merge_queued(&*owner);
        assert_eq!(obj.frees(), 1);
        assert_eq!(obj.shared.load(Ordering::SeqCst), SHARED_MERGED);
    });
}

/// The owner's last local reference and another thread's shared one go
/// together: merge-at-zero against a shared decrement.
#[test]
fn owner_and_shared_drops_race_to_a_single_free() {
    model(8, || {
        let obj = ModelObj::new(1, 1);
        let owner = ModelOwner::new();
        let t = {
            let (obj, owner) = (obj.clone(), owner.clone());
            loom::thread::spawn(move || {
                // Take and drop another shared reference first.
                gilgamesh_core::object::refcount::incref_words(&*obj, OTHER);
                drop_ref(&obj, OTHER, &finder(&owner));
                drop_ref(&obj, OTHER, &finder(&owner));
            })
        };
        drop_ref(&obj, OWNER, &finder(&owner));
        t.join().unwrap();
        assert_eq!(obj.frees(), 1);
    });
}

/// The owner exits (merges its queue until empty and closes it) while the
/// other thread's drop queues the object: either the exit merges it or the
/// other thread finds the queue closed and merges itself.
#[test]
fn owner_exit_races_with_queueing() {
    model(8, || {
        let obj = ModelObj::new(2, 0);
        let owner = ModelOwner::new();
        let t = {
            let (obj, owner) = (obj.clone(), owner.clone());
            loom::thread::spawn(move || drop_ref(&obj, OTHER, &finder(&owner)))
        };
        drop_ref(&obj, OWNER, &finder(&owner));
        biased_rc::retire(&*owner);
        t.join().unwrap();
        assert_eq!(obj.frees(), 1);
        assert!(owner.queue.with(|q| q.is_closed() && q.is_empty()));
    });
}

/// The owner detaches after dropping its reference: the other thread's drop
/// may find it detached, hold it suspended, merge for it and free the object,
/// while the owner tries to re-attach (it must wait) and then merges.
#[test]
fn detached_owner_is_merged_on_its_behalf() {
    model(8, || {
        let obj = ModelObj::new(2, 0);
        let owner = ModelOwner::new();
        let t = {
            let (obj, owner) = (obj.clone(), owner.clone());
            loom::thread::spawn(move || drop_ref(&obj, OTHER, &finder(&owner)))
        };
        drop_ref(&obj, OWNER, &finder(&owner));
        thread_state::set_detached(&owner.status, DETACHED);
        while !thread_state::try_attach(&owner.status) {
            loom::thread::yield_now();
        }
        biased_rc::merge_queued(&*owner);
        t.join().unwrap();
        biased_rc::merge_queued(&*owner);
        assert_eq!(obj.frees(), 1);
        assert_eq!(owner.status.load(Ordering::SeqCst), ATTACHED);
    });
}
