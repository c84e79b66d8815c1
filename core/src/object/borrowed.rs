//! Borrowed receivers: `g.method()` on a shared module global without
//! counting a reference to `g`, in free-threaded mode.
//!
//! Every thread that calls a method of one shared object (a module-level
//! config, cache or logger) would otherwise add to and subtract from that
//! object's shared count on each call: one cache line written by all of them,
//! so the calls stop scaling (ftscalingbench's read-only sharing; CPython
//! 3.13t and 3.14t count these references too). The eval loop instead reads
//! `g` from the `LOAD_GLOBAL` cache without a reference and enters the
//! method with `self` *borrowed*: the callee frame's first local holds `g`'s
//! bits but owns no count (`Frame::borrowed_self`).
//!
//! Why the object stays alive: the cache slot owns a counted reference, and a
//! writer that replaces it retires that reference through QSBR, which frees
//! nothing until this thread reports a quiescent state (see
//! `CacheSlot::get_borrowed`). So the borrow is sound until the thread's
//! next quiescent report, and this module makes every report first
//! *strengthen* the thread's outstanding borrows: each gets the count it
//! lacked ([`strengthen_all`], called by the free-threaded policy before it
//! publishes a quiescent state, goes offline to block, or parks for a
//! stop-the-world). A method that returns before reaching a safe point (the
//! common short accessor) touches no count at all; a longer one pays the
//! increment once and the decrement at its return, as without borrowing.
//!
//! The borrows form a per-thread stack in call order (borrowed frames are
//! never generators, so they end in reverse order of entry): the eval loop
//! [`push`]es when it enters such a frame and [`pop`]s when the frame ends,
//! learning whether the frame's `self` was strengthened and so must be
//! dropped (a real reference) or forgotten (a borrowed one). The callee may
//! not rebind or delete its `self` (the compiler records that in the code
//! object), so the first local is the borrowed value until the frame ends.

use std::cell::{Cell, RefCell};

use super::refcount;

thread_local! {
    /// Outstanding borrows, innermost last: the object's bits and whether
    /// it has been strengthened (counted) since.
    static BORROWS: RefCell<Vec<(usize, bool)>> = const { RefCell::new(Vec::new()) };
    /// How many entries of `BORROWS` are not strengthened yet (the entries
    /// from this index up): the quiescent-report check reads only this.
    static WEAK_FROM: Cell<usize> = const { Cell::new(usize::MAX) };
}

/// Records a frame entered with a borrowed `self` whose bits are `bits`.
#[inline]
pub fn push(bits: usize) {
    BORROWS.with(|b| {
        let mut b = b.borrow_mut();
        if WEAK_FROM.with(|w| w.get()) == usize::MAX {
            WEAK_FROM.with(|w| w.set(b.len()));
        }
        b.push((bits, false));
    });
}

/// The innermost borrowed frame ends: true if its `self` was strengthened
/// (the frame now owns a counted reference to drop), false if it is still
/// borrowed (forget it).
#[inline]
pub fn pop() -> bool {
    BORROWS.with(|b| {
        let mut b = b.borrow_mut();
        let (_, strong) = b.pop().expect("a borrowed frame ends that was entered");
        if WEAK_FROM.with(|w| w.get()) >= b.len() {
            WEAK_FROM.with(|w| w.set(usize::MAX));
        }
        strong
    })
}

/// True if some borrow is not strengthened yet (one thread-local read).
#[inline(always)]
pub fn pending() -> bool {
    WEAK_FROM.with(|w| w.get()) != usize::MAX
}

/// Gives every outstanding borrow of this thread its own count: called
/// before the thread reports a quiescent state (after which a retired
/// reference may be freed), so a borrowed object is counted before anything
/// could free it.
#[cold]
pub fn strengthen_all() {
    let from = WEAK_FROM.with(|w| w.replace(usize::MAX));
    if from == usize::MAX {
        return;
    }
    BORROWS.with(|b| {
        for entry in b.borrow_mut()[from..].iter_mut() {
            // SAFETY: the entry's object is alive: it was read from a cache
            // slot that owned a reference, and this thread has not reported
            // a quiescent state since (that report calls this first), so a
            // retired reference to it cannot have been released.
            unsafe { refcount::incref(entry.0 as *const super::ObjHeader) };
            entry.1 = true;
        }
    });
}

/// Number of outstanding borrows on this thread (tests).
pub fn depth() -> usize {
    BORROWS.with(|b| b.borrow().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrows_end_in_order_and_strengthening_counts_each_once() {
        let a = crate::types::new_list(Vec::new());
        let b = crate::types::new_list(Vec::new());
        let count = |v: &crate::object::Value| v.header().expect("heap").refcount();
        let (ca, cb) = (count(&a), count(&b));
        assert!(!pending());
        push(a.bits());
        assert!(pending());
        strengthen_all();
        assert!(!pending());
        assert_eq!(count(&a), ca + 1);
        push(b.bits());
        assert!(pending());
        assert_eq!(depth(), 2);
        // `b` ends unstrengthened: nothing to drop; `a` was strengthened.
        assert!(!pop());
        assert!(!pending());
        assert!(pop());
        assert_eq!(count(&b), cb);
        // The strengthened reference is the caller's to drop.
        // SAFETY: `strengthen_all` added exactly this reference to `a`.
        drop(unsafe { crate::object::Value::from_raw_bits(a.bits()) });
        assert_eq!(count(&a), ca);
        assert_eq!(depth(), 0);
        // A second strengthening only touches borrows made since.
        push(a.bits());
        push(b.bits());
        strengthen_all();
        strengthen_all();
        assert_eq!((count(&a), count(&b)), (ca + 1, cb + 1));
        assert!(pop() && pop());
        // SAFETY: as above, one reference each.
        unsafe {
            drop(crate::object::Value::from_raw_bits(a.bits()));
            drop(crate::object::Value::from_raw_bits(b.bits()));
        }
    }
}
