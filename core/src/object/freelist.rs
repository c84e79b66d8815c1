//! Per-thread free lists for the most frequently allocated short-lived
//! objects (floats), as CPython keeps: a freed float's memory is reused by the
//! next float instead of going back to the allocator.

use std::cell::RefCell;

use super::header::ObjHeader;
use super::{PyObj, Value};
use crate::types::FloatData;

/// Most floats kept per thread.
const MAX_FLOATS: usize = 256;

thread_local! {
    static FLOATS: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Takes a freed float object (exact `float` type) for reuse; returns false
/// if the list is full or the object is a subclass instance.
pub(crate) fn push_float(p: *const ObjHeader) -> bool {
    // SAFETY: `p` is a float object being deallocated (no references left).
    let h = unsafe { &*p };
    if h.ob_type != crate::types::builtin_types().float.as_ptr() {
        return false;
    }
    FLOATS.with(|l| {
        let mut l = l.borrow_mut();
        if l.len() >= MAX_FLOATS {
            return false;
        }
        l.push(p as usize);
        true
    })
}

/// A new float from the free list, if one is available.
#[inline]
pub fn pop_float(f: f64) -> Option<Value> {
    let p = FLOATS.with(|l| l.borrow_mut().pop())? as *mut PyObj<FloatData>;
    // SAFETY: free-list entries are float objects whose last reference was
    // dropped; they are exclusively ours until handed out here. We reset the
    // header to a fresh single reference owned by this thread.
    unsafe {
        (*p).data.0 = f;
        let h = &(*p).header;
        h.reset_counts(super::refcount::current_owner());
        Some(Value::from_raw(p as *const ObjHeader))
    }
}
