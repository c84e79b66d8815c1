//! Loom models of the claim-slot protocol (`gilgamesh_core::object::claim_slot`,
//! what a generator's frame lives in): the core's `try_claim` and `release`
//! transitions run over a loom atomic. The payload is a loom cell that a
//! thread touches only while it holds the claim, so loom reports any access
//! the protocol fails to order; every model also checks that each claim
//! round trip happened exactly once and that nothing touches the payload
//! after it was released for good.

mod loom_common;
use loom_common::model;

use std::sync::Arc;

use gilgamesh_core::object::claim_slot::{release, try_claim, ClaimWord, BUSY, DONE, READY};
use loom::cell::UnsafeCell;
use loom::sync::atomic::AtomicU8;
use std::sync::atomic::Ordering::{Acquire, Release};

/// A claim word over a loom atomic.
struct Word(AtomicU8);

impl ClaimWord for Word {
    fn exchange_acquire(&self, current: u8, new: u8) -> Result<u8, u8> {
        self.0.compare_exchange(current, new, Acquire, Acquire)
    }
    fn store_release(&self, v: u8) {
        self.0.store(v, Release)
    }
    fn load_acquire(&self) -> u8 {
        self.0.load(Acquire)
    }
}

/// A slot: the word and the payload it guards (a generator's frame: here a
/// count of the resumes it went through, or `u64::MAX` once finished).
struct Slot {
    word: Word,
    payload: UnsafeCell<u64>,
}

// SAFETY: the payload is touched only by the claim holder, which is what loom
// checks.
unsafe impl Sync for Slot {}
// SAFETY: as above.
unsafe impl Send for Slot {}

impl Slot {
    fn new() -> Arc<Slot> {
        Arc::new(Slot {
            word: Word(AtomicU8::new(READY)),
            payload: UnsafeCell::new(0),
        })
    }

    /// One resume: claims (spinning while another thread holds it), bumps
    /// the payload, puts it back. Returns false if the slot was finished.
    fn resume(&self) -> bool {
        loop {
            match try_claim(&self.word) {
                Ok(()) => {
                    // SAFETY: this thread holds the claim.
                    self.payload.with_mut(|p| unsafe {
                        assert_ne!(*p, u64::MAX, "claimed a finished slot");
                        *p += 1;
                    });
                    release(&self.word, READY);
                    return true;
                }
                Err(DONE) => return false,
                Err(s) => {
                    assert_eq!(s, BUSY);
                    loom::thread::yield_now();
                }
            }
        }
    }

    /// Claims and finishes the slot (the generator returns). Returns false
    /// if it was already finished.
    fn finish(&self) -> bool {
        loop {
            match try_claim(&self.word) {
                Ok(()) => {
                    // SAFETY: this thread holds the claim.
                    self.payload.with_mut(|p| unsafe { *p = u64::MAX });
                    release(&self.word, DONE);
                    return true;
                }
                Err(DONE) => return false,
                Err(_) => loom::thread::yield_now(),
            }
        }
    }

    fn value(&self) -> u64 {
        // SAFETY: read after every thread joined.
        self.payload.with(|p| unsafe { *p })
    }
}

/// Two threads resume one slot twice each: the claims exclude each other
/// (loom checks the payload accesses) and no resume is lost.
#[test]
fn concurrent_resumes_exclude_each_other() {
    model(4, || {
        let s = Slot::new();
        let t = {
            let s = s.clone();
            loom::thread::spawn(move || {
                assert!(s.resume());
                assert!(s.resume());
            })
        };
        assert!(s.resume());
        assert!(s.resume());
        t.join().unwrap();
        assert_eq!(s.value(), 4);
    });
}

/// One thread resumes while another finishes the slot: the resume either
/// happened before the finish or sees the slot done; nobody touches the
/// payload after the finish.
#[test]
fn a_finished_slot_is_never_claimed_again() {
    model(4, || {
        let s = Slot::new();
        let t = {
            let s = s.clone();
            loom::thread::spawn(move || s.resume())
        };
        assert!(s.finish());
        // The resume got in before the finish (true) or found it done.
        t.join().unwrap();
        assert_eq!(s.value(), u64::MAX);
        assert!(!s.finish());
        assert!(!s.resume());
    });
}
