//! Claim slots: a payload that one thread at a time takes out, works on
//! and puts back, with one atomic read-modify-write per round trip.
//!
//! A generator's frame is the use: resuming it takes the frame out of the
//! generator, runs it, and puts it back when it yields (or marks the
//! generator finished). A per-object lock would cost two read-modify-writes
//! (lock, unlock) on each of the two accesses; here claiming is one
//! compare-exchange and putting back a release store, a plain move on
//! x86-64. CPython 3.14 guards `gi_frame_state` the same way (a
//! compare-exchange from suspended to running in `gen_send_ex2`).
//!
//! The state word:
//!
//! - [`READY`]: the payload is in the slot; whoever moves the word from
//!   `READY` to [`BUSY`] owns it;
//! - [`BUSY`]: a thread owns the payload (the slot's cell is empty or
//!   stale and nobody else touches it);
//! - [`DONE`]: the payload is gone for good.
//!
//! Only the thread that moved the word to `BUSY` reads or writes the cell,
//! and it leaves with a release store (back to `READY` with the payload in
//! the cell, or to `DONE`); the next claim's acquire exchange orders every
//! access of the previous owner before its own. The transitions are the
//! generic functions [`try_claim`] and [`release`], which the `nogil`
//! crate's loom model (`tests/loom_claim_slot.rs`) runs over loom's atomics.
//!
//! While cell locks are off (the GIL mode, or a free-threaded program that
//! has not started a thread) accesses are already serialised, so the claim
//! is a plain load and store, as [`super::pycell::PyCell`] skips its lock.

use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicU8, Ordering};

/// The payload is in the slot.
pub const READY: u8 = 0;
/// A thread owns the payload.
pub const BUSY: u8 = 1;
/// The payload is gone.
pub const DONE: u8 = 2;

/// The state word of a claim slot: std's `AtomicU8` here, loom's in the
/// model.
pub trait ClaimWord {
    /// `compare_exchange(current, new, Acquire, Acquire)`.
    fn exchange_acquire(&self, current: u8, new: u8) -> Result<u8, u8>;
    /// `store(v, Release)`.
    fn store_release(&self, v: u8);
    /// `load(Acquire)`.
    fn load_acquire(&self) -> u8;
}

impl ClaimWord for AtomicU8 {
    #[inline(always)]
    fn exchange_acquire(&self, current: u8, new: u8) -> Result<u8, u8> {
        self.compare_exchange(current, new, Ordering::Acquire, Ordering::Acquire)
    }
    #[inline(always)]
    fn store_release(&self, v: u8) {
        self.store(v, Ordering::Release)
    }
    #[inline(always)]
    fn load_acquire(&self) -> u8 {
        self.load(Ordering::Acquire)
    }
}

/// Moves the word from [`READY`] to [`BUSY`]: on success the caller owns
/// the payload until its [`release`]. On failure returns the state found
/// (`BUSY` or `DONE`).
#[inline(always)]
pub fn try_claim<W: ClaimWord>(w: &W) -> Result<(), u8> {
    w.exchange_acquire(READY, BUSY).map(|_| ())
}

/// Ends the caller's ownership: `to` is [`READY`] (the payload is back in
/// the cell) or [`DONE`].
#[inline(always)]
pub fn release<W: ClaimWord>(w: &W, to: u8) {
    debug_assert!(to == READY || to == DONE);
    w.store_release(to)
}

/// Why a claim failed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Unclaimed {
    /// Another claim holds the payload.
    Busy,
    /// The payload is gone.
    Done,
}

/// A payload behind a claim word.
pub struct ClaimSlot<T> {
    state: AtomicU8,
    value: UnsafeCell<Option<T>>,
}

// SAFETY: the cell is only accessed by the thread that holds the claim
// (module docs), which acquired the previous owner's release, so the slot
// hands `T` between threads like a mutex does: `T: Send` is enough.
unsafe impl<T: Send> Sync for ClaimSlot<T> {}

impl<T> ClaimSlot<T> {
    /// A slot holding `v`, ready to be claimed.
    pub const fn new(v: T) -> ClaimSlot<T> {
        ClaimSlot {
            state: AtomicU8::new(READY),
            value: UnsafeCell::new(Some(v)),
        }
    }

    /// Claims the slot and takes the payload out. The caller then owns the
    /// slot until [`ClaimSlot::put_back`] or [`ClaimSlot::finish`].
    #[inline]
    pub fn take(&self) -> Result<T, Unclaimed> {
        if super::pycell::cell_locks_enabled() {
            if let Err(s) = try_claim(&self.state) {
                return Err(if s == DONE {
                    Unclaimed::Done
                } else {
                    Unclaimed::Busy
                });
            }
        } else {
            // Serialised by the GIL or a single thread (module docs).
            match self.state.load(Ordering::Relaxed) {
                READY => self.state.store(BUSY, Ordering::Relaxed),
                DONE => return Err(Unclaimed::Done),
                _ => return Err(Unclaimed::Busy),
            }
        }
        // SAFETY: this thread moved the state to BUSY, so it alone accesses
        // the cell until it releases it (module docs).
        let v = unsafe { (*self.value.get()).take() };
        match v {
            Some(v) => Ok(v),
            None => {
                // A READY slot always holds its payload; stay safe anyway.
                release(&self.state, DONE);
                Err(Unclaimed::Done)
            }
        }
    }

    /// Puts the payload back and releases the claim taken by
    /// [`ClaimSlot::take`].
    #[inline]
    pub fn put_back(&self, v: T) {
        // SAFETY: the caller holds the claim (state BUSY, taken by this
        // thread), so no other thread accesses the cell.
        unsafe { *self.value.get() = Some(v) };
        release(&self.state, READY);
    }

    /// Releases the claim for good: the slot is empty from now on.
    #[inline]
    pub fn finish(&self) {
        release(&self.state, DONE);
    }

    /// True once the payload is gone for good (a finished generator).
    #[inline]
    pub fn is_done(&self) -> bool {
        self.state.load_acquire() == DONE
    }

    /// True while a claim holds the payload (a running generator).
    #[inline]
    pub fn is_busy(&self) -> bool {
        self.state.load_acquire() == BUSY
    }

    /// Runs `f` on the payload if it is in the slot, claiming it meanwhile
    /// (the collector's traversal, `close()`'s look at a frame).
    pub fn inspect<R>(&self, f: impl FnOnce(&T) -> R) -> Option<R> {
        let v = self.take().ok()?;
        let r = f(&v);
        self.put_back(v);
        Some(r)
    }

    /// Takes the payload out for good if it is in the slot (closing an
    /// unstarted generator, the collector clearing one).
    pub fn take_for_good(&self) -> Option<T> {
        let v = self.take().ok()?;
        self.finish();
        Some(v)
    }
}
