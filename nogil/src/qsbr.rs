//! Quiescent-state-based reclamation (QSBR): freeing memory that lock-free
//! readers may still be looking at only once every thread that could be has
//! passed a point where it holds no such pointer (Python/qsbr.c,
//! Include/internal/pycore_qsbr.h, InternalDocs/qsbr.md; derived from
//! FreeBSD's "global unbounded sequences").
//!
//! A free-threaded list or dict is read without its lock, so when a resize
//! replaces its storage another thread may still be reading the old array. The
//! old array is not freed then but *deferred* with a goal, and freed once every
//! attached thread has been quiescent since.
//!
//! - The registry's **write sequence** (`wr_seq`) starts at 1 and grows by 2,
//!   so it is always odd. Retiring memory advances it and tags the memory with
//!   the new value as its *goal*.
//! - Each thread's **read sequence** (its slot) is the write sequence it last
//!   saw at a quiescent point: the eval loop's safe-point check
//!   ([`quiescent_state`], CPython's `QSBR_QUIESCENT_STATE` on every
//!   eval-breaker check). 0 means offline: a detached thread holds no
//!   pointers, so it never delays reclamation.
//! - Polling computes the minimum read sequence of the attached threads (the
//!   **read sequence** `rd_seq`, or the write sequence if none is attached);
//!   memory whose goal is at most that is freed.
//! - Deferred advance: a thread advances the write sequence only every 10th
//!   deferral, tagging the others with `wr_seq + 2`; processing advances it if
//!   a pending goal is still ahead, so nothing waits forever.
//!
//! Orderings: a quiescent report is a release store (the thread is done with
//! what it read before); attaching is a sequentially consistent store followed
//! by a fence, and a scan starts with a fence, so that a scanner either sees
//! the attached thread's sequence or the thread sees the removal that made the
//! memory unreachable (CPython's `_Py_qsbr_attach` / `qsbr_poll_scan`).
//!
//! Deferred frees are kept per thread (a reference to drop, the common case
//! of a replaced list item or dict value, or a closure for anything else; run
//! with no lock held); a thread that exits, or leaves the interpreter for
//! another (switching to its state in another registry), hands what it
//! could not free yet to the registry, where any of its threads' processing
//! picks it up.
//!
//! The alternative, crossbeam-epoch, pins a guard around each read and keeps a
//! global epoch with per-thread bags; it would work, but QSBR needs no
//! per-read pin (the eval loop's existing safe point is the quiescent state),
//! matches CPython's costs, and is a few dozen lines.

use std::cell::RefCell;
use std::sync::atomic::Ordering::{Acquire, Relaxed, Release, SeqCst};
use std::sync::atomic::{fence, AtomicBool, AtomicU32, AtomicU64};

use parking_lot::Mutex;

use gilgamesh_core::Value;

use crate::thread_state::{self, Registry, ThreadState, QSBR_WORK_BIT};

/// A slot's sequence while its thread is detached.
pub const QSBR_OFFLINE: u64 = 0;
/// The first write sequence.
pub const QSBR_INITIAL: u64 = 1;
/// The write sequence's step.
pub const QSBR_INCR: u64 = 2;
/// Deferrals between two advances of the write sequence.
const QSBR_DEFERRED_LIMIT: u32 = 10;
/// Pending frees that make a thread process them at its next safe point
/// (fewer wait for more, or for the thread to detach or exit): processing
/// scans every thread's sequence, which is not worth doing per free.
const QSBR_PROCESS_BATCH: usize = 64;

/// `a < b`, safe across wrap-around (FreeBSD's sequences are 32-bit; ours
/// would take centuries to wrap, but the comparison costs nothing).
#[inline]
fn seq_lt(a: u64, b: u64) -> bool {
    (a.wrapping_sub(b) as i64) < 0
}

/// `a <= b`, safe across wrap-around.
#[inline]
fn seq_leq(a: u64, b: u64) -> bool {
    (a.wrapping_sub(b) as i64) <= 0
}

/// Memory retired with a goal, freed by running the closure.
struct Deferred {
    goal: u64,
    free: Free,
}

/// What a deferred free does.
enum Free {
    /// Run a closure (a retired table, a list's old storage).
    Run(Box<dyn FnOnce() + Send>),
    /// Drop a reference (a replaced list item or dict value): the common
    /// case, kept without a closure's allocation.
    Drop(RetiredValue),
}

impl Free {
    fn run(self) {
        match self {
            Free::Run(f) => f(),
            Free::Drop(v) => drop(v.0),
        }
    }
}

/// A reference given up by one thread and dropped later, maybe by another
/// (an exited thread's frees are run by whichever thread processes them).
struct RetiredValue(Value);

// SAFETY: a `Value` may be dropped on any thread: biased reference counting
// routes the decrement to the owner's local count or to the shared one by the
// dropping thread's id (`object::refcount`), and the object stays alive until
// this reference is dropped. The deferred list is the only holder.
unsafe impl Send for RetiredValue {}

/// The registry-wide sequences (`struct _qsbr_shared`).
pub struct QsbrShared {
    wr_seq: AtomicU64,
    rd_seq: AtomicU64,
    /// Frees left by exited threads.
    abandoned: Mutex<Vec<Deferred>>,
    has_abandoned: AtomicBool,
}

impl Default for QsbrShared {
    fn default() -> Self {
        Self::new()
    }
}

impl QsbrShared {
    /// Fresh sequences.
    pub fn new() -> Self {
        QsbrShared {
            wr_seq: AtomicU64::new(QSBR_INITIAL),
            rd_seq: AtomicU64::new(QSBR_INITIAL),
            abandoned: Mutex::new(Vec::new()),
            has_abandoned: AtomicBool::new(false),
        }
    }

    /// The write sequence.
    pub fn current(&self) -> u64 {
        self.wr_seq.load(Acquire)
    }

    /// The write sequence's word (for the eval loop's quiescent report).
    pub(crate) fn wr_seq_word(&self) -> &AtomicU64 {
        &self.wr_seq
    }

    /// The read sequence as of the last scan.
    pub fn read_sequence(&self) -> u64 {
        self.rd_seq.load(Acquire)
    }

    /// Advances the write sequence; returns the new value, the goal for memory
    /// retired now (`_Py_qsbr_advance`).
    pub fn advance(&self) -> u64 {
        self.wr_seq.fetch_add(QSBR_INCR, SeqCst) + QSBR_INCR
    }

    /// True if the last scan already passed `goal` (no scan).
    pub fn goal_reached(&self, goal: u64) -> bool {
        seq_leq(goal, self.read_sequence())
    }

    /// Computes the read sequence from `slots` and publishes it if it grew
    /// (`qsbr_poll_scan`).
    fn poll_scan<'a>(&self, slots: impl Iterator<Item = &'a QsbrSlot>) -> u64 {
        // Pairs with the fence in `QsbrSlot::attach`.
        fence(SeqCst);
        let mut min = self.wr_seq.load(Acquire);
        for slot in slots {
            let seq = slot.seq.load(Acquire);
            if seq != QSBR_OFFLINE && seq_lt(seq, min) {
                min = seq;
            }
        }
        let mut rd = self.rd_seq.load(Acquire);
        while seq_lt(rd, min) {
            match self.rd_seq.compare_exchange_weak(rd, min, SeqCst, Acquire) {
                Ok(_) => {
                    rd = min;
                    break;
                }
                // Another scanner published; keep the larger.
                Err(actual) => rd = actual,
            }
        }
        rd
    }
}

/// One thread's read sequence, on its own cache line (`struct _qsbr_pad`).
#[repr(align(128))]
pub(crate) struct QsbrSlot {
    seq: AtomicU64,
    deferrals: AtomicU32,
}

impl QsbrSlot {
    pub(crate) fn new() -> Self {
        QsbrSlot {
            seq: AtomicU64::new(QSBR_OFFLINE),
            deferrals: AtomicU32::new(0),
        }
    }

    /// Online at the current write sequence (`_Py_qsbr_attach`).
    pub(crate) fn attach(&self, shared: &QsbrShared) {
        debug_assert_eq!(self.seq.load(Relaxed), QSBR_OFFLINE, "already attached");
        self.seq.store(shared.current(), SeqCst);
        // The thread's next reads of shared structures must not move above
        // this store (a store-load pair, hence the fence).
        fence(SeqCst);
    }

    /// Offline (`_Py_qsbr_detach`).
    pub(crate) fn detach(&self) {
        self.seq.store(QSBR_OFFLINE, Release);
    }

    /// Publishes a quiescent state (`_Py_qsbr_quiescent_state`).
    #[inline]
    pub(crate) fn quiescent(&self, shared: &QsbrShared) {
        self.seq.store(shared.current(), Release);
    }

    /// The read sequence's word (for the eval loop's quiescent report: a
    /// release store of the write sequence, as [`QsbrSlot::quiescent`]).
    pub(crate) fn seq_word(&self) -> &AtomicU64 {
        &self.seq
    }

    /// The published read sequence (0 when offline).
    pub(crate) fn seq(&self) -> u64 {
        self.seq.load(Acquire)
    }
}

thread_local! {
    static DEFERRED: RefCell<std::collections::VecDeque<Deferred>> =
        const { RefCell::new(std::collections::VecDeque::new()) };
}

fn current_thread() -> std::sync::Arc<ThreadState> {
    thread_state::current().expect("QSBR needs a registered thread")
}

impl Registry {
    /// Scans the attached threads' read sequences and returns the new read
    /// sequence.
    pub fn qsbr_poll_scan(&self) -> u64 {
        let head = self.head.lock();
        self.qsbr.poll_scan(head.threads.iter().map(|t| &t.qsbr))
    }

    /// True once every thread attached now has been quiescent since `goal`
    /// was taken (`_Py_qsbr_poll`).
    pub fn qsbr_poll(&self, goal: u64) -> bool {
        self.qsbr.goal_reached(goal) || seq_leq(goal, self.qsbr_poll_scan())
    }
}

/// Reports a quiescent state for the calling thread: it holds no pointer to
/// memory that another thread may retire. The VM calls this at every
/// safe-point check. Does nothing on an unregistered thread.
#[inline]
pub fn quiescent_state() {
    // Borrowed receivers are counted before the report.
    gilgamesh_core::object::borrowed::strengthen_all();
    thread_state::with_current(|ts| ts.qsbr.quiescent(&ts.registry().qsbr));
}

/// The calling thread's published read sequence (0 if detached or
/// unregistered).
pub fn read_sequence() -> u64 {
    thread_state::with_current(|ts| ts.qsbr.seq()).unwrap_or(QSBR_OFFLINE)
}

/// Advances the calling thread's registry's write sequence; returns the goal.
pub fn advance() -> u64 {
    current_thread().registry().qsbr.advance()
}

/// The goal for memory retired now, advancing the write sequence only every
/// tenth call (`_Py_qsbr_deferred_advance`).
pub fn deferred_advance() -> u64 {
    let ts = current_thread();
    let shared = &ts.registry().qsbr;
    let n = ts.qsbr.deferrals.load(Relaxed) + 1;
    if n < QSBR_DEFERRED_LIMIT {
        ts.qsbr.deferrals.store(n, Relaxed);
        return shared.current() + QSBR_INCR;
    }
    ts.qsbr.deferrals.store(0, Relaxed);
    shared.advance()
}

/// True once every attached thread has been quiescent since `goal`.
pub fn poll(goal: u64) -> bool {
    current_thread().registry().qsbr_poll(goal)
}

/// Retires memory: `free` runs once every thread attached now has passed a
/// quiescent state (`_PyMem_FreeDelayed`). The caller must already have made
/// the memory unreachable for new readers.
pub fn defer_free(free: impl FnOnce() + Send + 'static) {
    let goal = deferred_advance();
    defer_free_with_goal(goal, free);
}

/// [`defer_free`] of an already boxed closure (no second box).
pub fn defer_boxed(free: Box<dyn FnOnce() + Send>) {
    let goal = deferred_advance();
    push_deferred(goal, Free::Run(free));
}

/// Gives up `v` once every thread attached now has passed a quiescent state
/// (a replaced list item or dict value that lock-free readers may still be
/// taking a reference to).
pub fn defer_drop(v: Value) {
    let goal = deferred_advance();
    push_deferred(goal, Free::Drop(RetiredValue(v)));
}

/// Retires memory with an explicit goal (from [`advance`] or
/// [`deferred_advance`]).
pub fn defer_free_with_goal(goal: u64, free: impl FnOnce() + Send + 'static) {
    push_deferred(goal, Free::Run(Box::new(free)));
}

fn push_deferred(goal: u64, free: Free) {
    let ts = current_thread();
    let pending = DEFERRED.with(|d| {
        let mut d = d.borrow_mut();
        d.push_back(Deferred { goal, free });
        d.len()
    });
    if pending >= QSBR_PROCESS_BATCH {
        ts.set_breaker_bits(QSBR_WORK_BIT);
    }
}

/// Number of frees the calling thread has deferred and not run yet.
pub fn pending_frees() -> usize {
    DEFERRED.with(|d| d.borrow().len())
}

/// Runs the deferred frees whose goal every attached thread has passed, the
/// calling thread's and those exited threads left (`_PyMem_ProcessDelayed`).
/// Call at a quiescent point (it reports one). Returns how many ran.
pub fn process_deferred() -> usize {
    let ts = current_thread();
    let registry = ts.registry().clone();
    let shared = &registry.qsbr;
    ts.qsbr.quiescent(shared);

    let mut ready = Vec::new();
    let front = DEFERRED.with(|d| d.borrow().front().map(|x| x.goal));
    if let Some(goal) = front {
        // A deferred goal may be ahead of the write sequence: advance it so
        // the goal can be reached, and catch up ourselves.
        if seq_lt(shared.current(), goal) {
            shared.advance();
            ts.qsbr.quiescent(shared);
        }
        // Goals are taken in order, so the ready ones are a prefix; a scan
        // of every thread's sequence only when the last one is not enough.
        let rd = if shared.goal_reached(goal) {
            shared.read_sequence()
        } else {
            registry.qsbr_poll_scan()
        };
        DEFERRED.with(|d| {
            let mut d = d.borrow_mut();
            while d.front().is_some_and(|x| seq_leq(x.goal, rd)) {
                ready.extend(d.pop_front());
            }
        });
    }
    if shared.has_abandoned.load(Acquire) {
        // Never holds the abandoned list's lock while scanning (which takes
        // the registry's).
        let ahead = shared
            .abandoned
            .lock()
            .iter()
            .any(|d| seq_lt(shared.current(), d.goal));
        if ahead {
            shared.advance();
            ts.qsbr.quiescent(shared);
        }
        let rd = registry.qsbr_poll_scan();
        let mut abandoned = shared.abandoned.lock();
        let (now, later): (Vec<_>, Vec<_>) = abandoned.drain(..).partition(|d| seq_leq(d.goal, rd));
        *abandoned = later;
        shared.has_abandoned.store(!abandoned.is_empty(), Release);
        ready.extend(now);
    }
    let n = ready.len();
    for d in ready {
        d.free.run();
    }
    // Frees run above may have deferred more; ask again only for a batch.
    if DEFERRED.with(|d| d.borrow().len()) >= QSBR_PROCESS_BATCH {
        ts.set_breaker_bits(QSBR_WORK_BIT);
    } else {
        ts.clear_breaker_bits(QSBR_WORK_BIT);
    }
    n
}

/// At thread exit: runs what can be freed and hands the rest to the registry.
pub(crate) fn abandon_current(ts: &ThreadState) {
    process_deferred();
    hand_over(ts);
}

/// Hands the calling thread's deferred frees, taken while `ts` was its
/// current state, to `ts`'s registry, where any of its threads' processing
/// (or its heap's next collection) runs them: the thread exits, or leaves
/// `ts`'s interpreter for another, where the frees must not run (a freed
/// object's finalizer runs in the interpreter of the thread that frees it).
pub(crate) fn hand_over(ts: &ThreadState) {
    DEFERRED.with(|d| {
        let mut d = d.borrow_mut();
        if !d.is_empty() {
            let shared = &ts.registry().qsbr;
            shared.abandoned.lock().extend(d.drain(..));
            shared.has_abandoned.store(true, Release);
        }
    });
    if ts.breaker_bits() & QSBR_WORK_BIT != 0 {
        ts.clear_breaker_bits(QSBR_WORK_BIT);
    }
}

/// Number of frees left by exited threads and not run yet.
pub fn abandoned_frees(registry: &Registry) -> usize {
    registry.qsbr.abandoned.lock().len()
}
