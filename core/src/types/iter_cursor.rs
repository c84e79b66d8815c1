//! Lock-free cursors for the iterators of nearly every `for` loop: over a
//! range, a list or a tuple.
//!
//! The other native iterators keep their state in a [`crate::object::PyCell`],
//! locked on each `next()` in free-threaded mode: two read-modify-writes (lock
//! and unlock) per item, about 10 ns, paid by every loop of every thread once
//! a second thread exists, though such iterators are almost never shared.
//! Here an item costs one: the cursor's position is an atomic word that
//! `next()` advances with a fetch-add ([`take_position`]), so each position,
//! and therefore each item, still goes to exactly one thread when several
//! drain one iterator (`tests/free_threading/iter_race.py`). CPython 3.13t
//! takes no lock either (range and list iterators there advance a plain
//! index, so racing threads may see an item twice).
//!
//! The rest of a cursor never changes after creation (range bounds), or is
//! a [`ValueSlot`] (the sequence, read without a lock). An exhausted
//! sequence cursor keeps its sequence until the iterator is freed (CPython
//! drops `it_seq` at once): a thread that took the last positions may still
//! be reading them when another finds the end, and dropping the sequence
//! then would lose those items. While cell locks are off (GIL mode, or no
//! thread started yet) the fetch-add is a plain load and store.

use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering::Relaxed};

use crate::object::value_slot::ValueSlot;
use crate::object::{Kind, Value};

/// A range iterator's state: `len` values `start`, `start + step`, ...
pub struct RangeCursor {
    start: i64,
    step: i64,
    len: i64,
    /// Values handed out (may pass `len` when threads race at the end).
    taken: AtomicI64,
}

/// A list or tuple iterator's state.
pub struct SeqCursor {
    /// The sequence (emptied only by the collector breaking a cycle).
    seq: ValueSlot,
    /// The next index.
    next: AtomicUsize,
}

/// The lock-free state of a native iterator, if it has one.
pub enum Cursor {
    /// The state is the iterator's `IterState`.
    None,
    /// Over a range.
    Range(RangeCursor),
    /// Over a list or tuple, by index.
    Seq(SeqCursor),
}

/// Advances a position word by one, returning the position taken: a
/// fetch-add when threads may race, a plain load and store otherwise.
#[inline(always)]
fn take_position_i64(w: &AtomicI64) -> i64 {
    if crate::object::pycell::cell_locks_enabled() {
        w.fetch_add(1, Relaxed)
    } else {
        let p = w.load(Relaxed);
        w.store(p.wrapping_add(1), Relaxed);
        p
    }
}

/// [`take_position_i64`] for an index.
#[inline(always)]
fn take_position(w: &AtomicUsize) -> usize {
    if crate::object::pycell::cell_locks_enabled() {
        w.fetch_add(1, Relaxed)
    } else {
        let p = w.load(Relaxed);
        w.store(p.wrapping_add(1), Relaxed);
        p
    }
}

/// An index no sequence reaches: an exhausted sequence cursor's position
/// (further fetch-adds cannot wrap it around in any realistic run).
const EXHAUSTED: usize = usize::MAX / 2;

impl RangeCursor {
    /// A cursor over `len` values from `start` by `step`.
    pub fn new(start: i64, step: i64, len: i64) -> RangeCursor {
        RangeCursor {
            start,
            step,
            len: len.max(0),
            taken: AtomicI64::new(0),
        }
    }

    /// The next value, or `None` at the end.
    #[inline(always)]
    pub fn next(&self) -> Option<i64> {
        // Once past the end, stay there without advancing (no wrap-around
        // however often an exhausted iterator is asked).
        if self.taken.load(Relaxed) >= self.len {
            return None;
        }
        let i = take_position_i64(&self.taken);
        if i < self.len {
            // In range: `start + i * step` is a value of the range, which
            // fits in an i64 (ranges are built so).
            Some(self.start.wrapping_add(i.wrapping_mul(self.step)))
        } else {
            None
        }
    }

    /// Values not yet handed out.
    pub fn remaining(&self) -> i64 {
        (self.len - self.taken.load(Relaxed)).max(0)
    }
}

impl SeqCursor {
    /// A cursor over `seq` (a list or tuple) from index 0.
    pub fn new(seq: Value) -> SeqCursor {
        SeqCursor {
            seq: ValueSlot::new(Some(seq)),
            next: AtomicUsize::new(0),
        }
    }

    /// The next item, or `None` at the end (from then on always `None`, even
    /// if the list grows, as in CPython).
    #[inline(always)]
    pub fn next(&self) -> Option<Value> {
        if self.next.load(Relaxed) >= EXHAUSTED {
            return None;
        }
        let i = take_position(&self.next);
        let item = self.seq.with_borrowed(|s| {
            let s = s?;
            match s.kind() {
                Kind::List => s.downcast::<super::ListData>()?.get(i),
                _ => s.downcast::<super::TupleData>()?.items().get(i).cloned(),
            }
        });
        if item.is_none() {
            self.exhaust();
        }
        item
    }

    /// Ends the iteration: from now on every `next` finds the end, even if
    /// the sequence grows.
    fn exhaust(&self) {
        self.next.store(EXHAUSTED, Relaxed);
    }

    /// The sequence (unless exhausted) and the next index, for
    /// `__length_hint__`.
    pub fn position(&self) -> Option<(Value, usize)> {
        let i = self.next.load(Relaxed);
        if i >= EXHAUSTED {
            return None;
        }
        Some((self.seq.get()?, i))
    }
}

impl Cursor {
    /// Visits the references held (for the collector).
    pub fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        if let Cursor::Seq(c) = self {
            c.seq.visit(visit);
        }
    }

    /// Drops the references held (the collector breaking a cycle).
    pub fn clear(&self) {
        if let Cursor::Seq(c) = self {
            c.exhaust();
            drop(c.seq.take());
        }
    }
}
