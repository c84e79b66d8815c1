//! Helpers shared by the stress tests: real core objects whose deallocation
//! is counted, pointers that may cross threads, and a tiny deterministic RNG.
#![allow(dead_code)]

use std::any::Any;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::Arc;

use gilgamesh_core::object::header::ObjHeader;
use gilgamesh_core::types::misc::{new_opaque, NativeState};

/// Native state whose drop (the object's deallocation) bumps a counter.
struct Counted {
    frees: Arc<AtomicUsize>,
    live: bool,
}

impl NativeState for Counted {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        assert!(self.live, "object freed twice");
        self.live = false;
        self.frees.fetch_add(1, SeqCst);
    }
}

/// A new object owned by the calling thread, with one reference (returned).
pub fn new_object(frees: &Arc<AtomicUsize>) -> Obj {
    let ty = gilgamesh_core::types::builtin_types().object.get();
    let v = new_opaque(
        &ty,
        Box::new(Counted {
            frees: frees.clone(),
            live: true,
        }),
    );
    Obj(v.into_raw() as *const ObjHeader)
}

/// An object pointer carrying one reference, movable between threads.
#[derive(Clone, Copy, Debug)]
pub struct Obj(pub *const ObjHeader);

// SAFETY: object headers are `Sync`; the tests hand references between
// threads exactly as the runtime will.
unsafe impl Send for Obj {}
// SAFETY: as above; sharing the pointer shares a `Sync` header.
unsafe impl Sync for Obj {}

impl Obj {
    /// The header.
    pub fn header(&self) -> &ObjHeader {
        // SAFETY: the tests only use pointers they hold a reference to.
        unsafe { &*self.0 }
    }
    /// A new reference (biased protocol, as the calling thread).
    pub fn incref(&self) -> Obj {
        // SAFETY: we hold a reference.
        unsafe { gilgamesh_core::object::refcount::incref(self.0) };
        *self
    }
    /// Drops this reference (biased protocol, as the calling thread).
    pub fn decref(self) {
        // SAFETY: we hold the reference we give up.
        unsafe { gilgamesh_core::object::refcount::decref(self.0) }
    }
}

/// xorshift64*: deterministic per-thread choices.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}
