//! Per-thread free lists for the most frequently allocated short-lived
//! objects (floats), as CPython keeps: a freed float's memory is reused by the
//! next float instead of going back to the allocator.
//!
//! The list is intrusive: a free float's payload holds the address of the
//! next free float, so pushing and popping touch two thread-local cells.

use std::cell::Cell;

use super::header::ObjHeader;
use super::{PyObj, Value};
use crate::types::FloatData;

/// Most floats kept per thread.
const MAX_FLOATS: usize = 256;

thread_local! {
    /// The first free float (0 when empty).
    static HEAD: Cell<usize> = const { Cell::new(0) };
    /// How many floats are on the list.
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

/// Takes a freed float object (exact `float` type) for reuse; returns false
/// if the list is full or the object is a subclass instance.
///
/// # Safety
/// `p` is a float object (of kind `Float`) with no references left, which
/// the caller gives up.
#[inline]
pub(crate) unsafe fn push_float(p: *const ObjHeader) -> bool {
    // SAFETY: the caller guarantees `p` is a float being deallocated.
    let h = unsafe { &*p };
    if h.ob_type != crate::types::builtin_types().float.as_ptr() {
        return false;
    }
    let n = COUNT.with(|c| c.get());
    if n >= MAX_FLOATS {
        return false;
    }
    let next = HEAD.with(|c| c.get());
    // SAFETY: the object is exclusively ours now; its payload is plain data
    // and becomes the link to the next free float.
    unsafe { (*(p as *mut PyObj<FloatData>)).data.0 = f64::from_bits(next as u64) };
    HEAD.with(|c| c.set(p as usize));
    COUNT.with(|c| c.set(n + 1));
    true
}

/// A new float from the free list, if one is available.
#[inline(always)]
pub fn pop_float(f: f64) -> Option<Value> {
    let head = HEAD.with(|c| c.get());
    if head == 0 {
        return None;
    }
    let p = head as *mut PyObj<FloatData>;
    // SAFETY: free-list entries are float objects whose last reference was
    // dropped; they are exclusively this thread's until handed out here. The
    // payload holds the link to the next entry; the header is reset to a
    // fresh single reference owned by this thread.
    unsafe {
        let next = (*p).data.0.to_bits() as usize;
        HEAD.with(|c| c.set(next));
        COUNT.with(|c| c.set(c.get() - 1));
        (*p).data.0 = f;
        let h = &(*p).header;
        h.reset_counts(super::refcount::current_owner());
        Some(Value::from_raw(p as *const ObjHeader))
    }
}
