//! The suspended callers of one [`super::eval::drive`]: a Python-to-Python
//! call pushes the caller's frame here and switches to the callee inside
//! the eval loop; a return pops it. Both ends are on the path of every
//! call and every generator resume, so they are forced inline where LLVM
//! left them out of line.
// Frames move between the pool, the caller list and the current slot by
// pointer.
#![allow(clippy::vec_box)]

use super::frame::Frame;

/// Suspends a caller (`Vec::push`, forced inline: LLVM kept it out of line
/// inside `execute`, a call and return per Python call).
#[inline(always)]
pub(super) fn push_caller(callers: &mut Vec<Box<Frame>>, f: Box<Frame>) {
    if callers.len() == callers.capacity() {
        grow_callers(callers);
    }
    let len = callers.len();
    // SAFETY: `len < capacity`, so slot `len` is allocated and
    // uninitialised; it is written before the length covers it.
    unsafe {
        callers.as_mut_ptr().add(len).write(f);
        callers.set_len(len + 1);
    }
}

#[cold]
#[inline(never)]
fn grow_callers(callers: &mut Vec<Box<Frame>>) {
    callers.reserve(16);
}

/// Gives up `drive`'s caller list on the way out. It is nearly always empty
/// and never allocated (a generator's resume is a `drive` of its own), and
/// the general drop, which LLVM keeps out of line, costs a call and a loop
/// per resume: only a list that holds memory is dropped.
#[inline(always)]
pub(super) fn release_callers(callers: Vec<Box<Frame>>) {
    if callers.capacity() == 0 {
        // Nothing to free: no elements, no buffer.
        std::mem::forget(callers);
    } else {
        drop(callers);
    }
}
