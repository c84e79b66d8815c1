//! Helpers shared by the stress tests: real core objects whose deallocation
//! is counted, pointers that may cross threads, and a tiny deterministic RNG.
#![allow(dead_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use gilgamesh_core::object::header::ObjHeader;
use gilgamesh_core::types::misc::new_bytes;

/// Byte-string payload sizes from here on identify test objects: freeing an
/// object frees its payload, a block of exactly this size plus the tag.
const BASE_SIZE: usize = 4099;
const TAGS: usize = 16;

static FREES: [AtomicUsize; TAGS] = [const { AtomicUsize::new(0) }; TAGS];

/// The system allocator, counting frees of test-object payloads by size.
/// (Bytes objects, because they are not tracked by the cycle collector,
/// whose registry is only safe under a GIL for now.)
struct CountingAlloc;

// SAFETY: forwards every call to the system allocator unchanged.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let tag = layout.size().wrapping_sub(BASE_SIZE);
        if layout.align() == 1 && tag < TAGS {
            FREES[tag].fetch_add(1, SeqCst);
        }
        // SAFETY: forwarded.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

/// Frees of the objects one test creates (each test uses its own tag).
#[derive(Clone, Copy, Debug)]
pub struct Frees(usize);

impl Frees {
    pub fn new(tag: usize) -> Frees {
        assert!(tag < TAGS);
        Frees(tag)
    }
    /// Objects of this tag freed so far (a double free counts twice).
    pub fn count(&self) -> usize {
        FREES[self.0].load(SeqCst)
    }
}

/// A new object owned by the calling thread, with one reference (returned).
pub fn new_object(frees: &Frees) -> Obj {
    let v = new_bytes(vec![0xA5; BASE_SIZE + frees.0]);
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
