//! Helpers shared by the loom models (`tests/loom_*.rs`): the model runner
//! and a thread-status word over loom's atomics.
#![allow(dead_code)]

use std::sync::atomic::Ordering;

use gilgamesh_nogil::thread_state::StatusWord;
use loom::sync::atomic::AtomicU8;

/// Runs `f` under every interleaving loom explores, up to
/// `LOOM_MAX_PREEMPTIONS` preemptions (default `default_bound`: each model
/// picks the deepest bound it finishes in, in seconds).
pub fn model(default_bound: usize, f: impl Fn() + Sync + Send + 'static) {
    let mut b = loom::model::Builder::new();
    b.preemption_bound = std::env::var("LOOM_MAX_PREEMPTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .or(Some(default_bound));
    b.check(f);
}

/// A thread's status word (`thread_state::StatusWord`) over a loom atomic,
/// so the models run the crate's own transitions.
pub struct LoomStatus(pub AtomicU8);

impl StatusWord for LoomStatus {
    fn load(&self, order: Ordering) -> u8 {
        self.0.load(order)
    }
    fn store(&self, status: u8, order: Ordering) {
        self.0.store(status, order)
    }
    fn compare_exchange(
        &self,
        current: u8,
        new: u8,
        success: Ordering,
        failure: Ordering,
    ) -> Result<u8, u8> {
        self.0.compare_exchange(current, new, success, failure)
    }
}
