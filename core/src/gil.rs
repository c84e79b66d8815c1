//! The global interpreter lock, with CPython's "new GIL" behaviour
//! (Python/ceval_gil.c, since 3.2):
//!
//! - A thread must hold the GIL to run Python code or touch objects.
//! - A thread that wants the GIL waits on a condition variable for at most the
//!   switch interval (default 5 ms, `sys.setswitchinterval`). If the interval
//!   passes and no switch happened meanwhile, it sets the *drop request* and
//!   the eval breaker; the holder drops the GIL at its next safe point.
//! - Forced switching: a holder that dropped the GIL because of a drop request
//!   waits until another thread has actually taken it, so it cannot take it
//!   straight back.
//! - Blocking operations (sleep, lock acquire, join) release the GIL
//!   ([`allow_threads`]).
//!
//! With one thread the GIL is taken once and never contended: no drop request
//! is ever made, so the single-threaded eval loop pays nothing for it.
//!
//! One GIL per interpreter (PEP 684): [`GIL`] is the main interpreter's; an
//! isolated interpreter gets its own ([`new_interpreter_gil`]). Each thread
//! has a *current* GIL, the one of the interpreter it runs in, which every
//! function here acts on; a thread changes interpreter by releasing its GIL,
//! [`switch_to`] and taking the other. A cycle collection examines only
//! its interpreter's heap (`gc::Heap`), so it needs just the GIL it holds.

use std::cell::Cell;
use std::sync::atomic::{
    AtomicBool, AtomicU64,
    Ordering::{Acquire, Relaxed, Release},
};
use std::time::Duration;

use parking_lot::{Condvar, Mutex};

struct State {
    locked: bool,
    /// Incremented every time the GIL changes hands.
    switch_number: u64,
    /// Threads waiting to take the GIL.
    waiters: usize,
}

/// The interpreter lock.
pub struct Gil {
    state: Mutex<State>,
    /// Signalled when the GIL is released.
    released: Condvar,
    /// Signalled when the GIL is taken (for forced switching).
    taken: Condvar,
    drop_request: AtomicBool,
    interval_ns: AtomicU64,
    switches: AtomicU64,
}

impl Gil {
    /// An unlocked GIL with the default 5 ms switch interval.
    pub const fn new() -> Gil {
        Gil {
            state: Mutex::new(State {
                locked: false,
                switch_number: 0,
                waiters: 0,
            }),
            released: Condvar::new(),
            taken: Condvar::new(),
            drop_request: AtomicBool::new(false),
            interval_ns: AtomicU64::new(5_000_000),
            switches: AtomicU64::new(0),
        }
    }
}

impl Default for Gil {
    fn default() -> Gil {
        Gil::new()
    }
}

/// The main interpreter's GIL.
pub static GIL: Gil = Gil::new();

/// The GILs of isolated interpreters, in creation order (leaked: a thread
/// of a closed interpreter may still point at its GIL; [`retire_gil`] puts
/// one back for reuse instead).
static INTERP_GILS: Mutex<Vec<&'static Gil>> = Mutex::new(Vec::new());
/// GILs of closed interpreters, for the next ones.
static SPARE_GILS: Mutex<Vec<&'static Gil>> = Mutex::new(Vec::new());

/// A GIL for a new isolated interpreter, unlocked, with the main GIL's
/// switch interval.
pub fn new_interpreter_gil() -> &'static Gil {
    let g: &'static Gil = SPARE_GILS
        .lock()
        .pop()
        .unwrap_or_else(|| Box::leak(Box::new(Gil::new())));
    g.interval_ns.store(GIL.interval_ns.load(Relaxed), Relaxed);
    g.drop_request.store(false, Relaxed);
    INTERP_GILS.lock().push(g);
    g
}

/// The interpreter that owned `g` was closed: `g` may serve a new one.
pub fn retire_gil(g: &'static Gil) {
    let mut all = INTERP_GILS.lock();
    if let Some(i) = all.iter().position(|x| std::ptr::eq(*x, g)) {
        all.remove(i);
        SPARE_GILS.lock().push(g);
    }
}

/// The calling thread's current GIL: that of the interpreter it runs in.
#[inline]
pub fn current() -> &'static Gil {
    let p = CURRENT.with(|c| c.get());
    if p.is_null() {
        &GIL
    } else {
        // SAFETY: `CURRENT` only ever holds `&'static Gil`s (set by
        // `switch_to`).
        unsafe { &*p }
    }
}

/// Makes `g` the calling thread's current GIL. The thread must hold no GIL
/// (release the old one first, take the new one after).
pub fn switch_to(g: &'static Gil) {
    debug_assert!(!held(), "switching GIL while holding one");
    CURRENT.with(|c| c.set(g as *const Gil));
}

/// The GIL protocol's acquisition: waits for `g` to be free, for at most a
/// switch interval at a time, setting the drop request (and the eval
/// breaker) whenever an interval passes without a switch; then takes it and
/// wakes a forced-switching releaser. Returns the state, still locked.
fn acquire(g: &Gil) -> parking_lot::MutexGuard<'_, State> {
    let mut st = g.state.lock();
    if st.locked {
        crate::trace::transition(Some(crate::trace::WAITING_GIL));
        st.waiters += 1;
        loop {
            let seen = st.switch_number;
            let timed_out = g
                .released
                .wait_for(&mut st, Duration::from_nanos(g.interval_ns.load(Relaxed)))
                .timed_out();
            if !st.locked {
                break;
            }
            if timed_out && st.switch_number == seen {
                g.drop_request.store(true, Relaxed);
                crate::vm::request_safe_point();
            }
        }
        st.waiters -= 1;
    }
    st.locked = true;
    st.switch_number += 1;
    g.switches.fetch_add(1, Relaxed);
    g.drop_request.store(false, Relaxed);
    g.taken.notify_all();
    st
}

static ENABLED: AtomicBool = AtomicBool::new(true);
/// `--gil 0`: the GIL stays off even when a module asks for it.
static FORCED_OFF: AtomicBool = AtomicBool::new(false);

/// True if threads must hold the GIL to run Python (`sys._is_gil_enabled()`).
#[inline]
pub fn enabled() -> bool {
    ENABLED.load(Acquire)
}

/// Switches the GIL off (free-threaded mode, before a second thread starts):
/// `take` and `release` then only attach and detach the thread. With
/// `forced`, [`enable_for_module`] leaves it off (`--gil 0`, `PYTHON_GIL=0`).
pub fn disable(forced: bool) {
    FORCED_OFF.store(forced, Relaxed);
    ENABLED.store(false, Release);
}

/// Turns the GIL back on because module `name` needs it, as CPython's
/// free-threaded build does for an extension that does not declare
/// `Py_MOD_GIL_NOT_USED` (Python/import.c, `_PyImport_CheckGILForModule`).
/// `stop_the_world` runs its argument with every other thread parked at a
/// safe point or detached; the calling thread comes out holding the GIL, and
/// every other thread takes the GIL before it runs Python again. Returns
/// false (and does nothing) if the GIL is already on or forced off.
pub fn enable_for_module(stop_the_world: impl FnOnce(&mut dyn FnMut())) -> bool {
    if enabled() || FORCED_OFF.load(Relaxed) {
        return false;
    }
    stop_the_world(&mut || {
        if enabled() {
            return;
        }
        let mut st = current().state.lock();
        st.locked = true;
        st.switch_number += 1;
        drop(st);
        HOLDS.with(|h| h.set(true));
        TAKEN_AT.with(|t| t.set(clock()));
        STATS.with(|s| s.acquisitions.fetch_add(1, Relaxed));
        ENABLED.store(true, Release);
    });
    true
}

/// A thread running Python without holding the GIL finds the GIL switched on
/// (at its safe point, after a stop-the-world): it detaches and takes it.
pub fn take_if_enabled_meanwhile() {
    if enabled() && !held() {
        if let Some(h) = crate::vm::thread_hooks() {
            (h.detach)();
        }
        take();
    }
}

static TIMED: AtomicBool = AtomicBool::new(false);

/// Times every GIL hold and wait from now on (`--stats`, before the first
/// [`take`]). Untimed, a hand-off reads no clock; acquisitions and forced
/// drops are counted either way.
pub fn time_holds() {
    TIMED.store(true, Relaxed);
}

/// Now, if holds are timed.
#[inline]
fn clock() -> Option<std::time::Instant> {
    TIMED.load(Relaxed).then(std::time::Instant::now)
}

/// Per-thread GIL accounting, shown by `--stats`.
#[derive(Default)]
pub struct ThreadStats {
    /// The thread's name (its Python name once `threading` has set it).
    pub name: Mutex<String>,
    /// Nanoseconds spent holding the GIL.
    pub hold_ns: AtomicU64,
    /// Nanoseconds spent waiting for it.
    pub wait_ns: AtomicU64,
    /// Times the thread took it.
    pub acquisitions: AtomicU64,
    /// Times the thread dropped it because another thread asked.
    pub forced_drops: AtomicU64,
}

/// One row of `--stats`: a thread's counters.
pub type StatsRow = std::sync::Arc<ThreadStats>;

static ALL_STATS: Mutex<Vec<StatsRow>> = Mutex::new(Vec::new());
static NEXT_THREAD: AtomicU64 = AtomicU64::new(0);

thread_local! {
    /// The thread's current GIL (null: the main interpreter's [`GIL`]).
    static CURRENT: Cell<*const Gil> = const { Cell::new(std::ptr::null()) };
    static HOLDS: Cell<bool> = const { Cell::new(false) };
    static STATS: std::sync::Arc<ThreadStats> = {
        let s = std::sync::Arc::new(ThreadStats::default());
        let n = NEXT_THREAD.fetch_add(1, Relaxed);
        *s.name.lock() = if n == 0 { "MainThread".to_string() } else { format!("thread-{n}") };
        ALL_STATS.lock().push(s.clone());
        s
    };
    static TAKEN_AT: Cell<Option<std::time::Instant>> = const { Cell::new(None) };
}

/// The GIL counters of every thread that ever took the GIL, in start order.
pub fn all_stats() -> Vec<StatsRow> {
    ALL_STATS.lock().clone()
}

/// Names the calling thread in `--stats` and `--trace` (threading calls this
/// with the Python thread's name, as CPython 3.14 names OS threads).
pub fn set_thread_name(name: &str) {
    STATS.with(|s| *s.name.lock() = name.to_string());
    crate::trace::set_thread_name(name);
}

/// True if the calling thread holds the GIL.
pub fn held() -> bool {
    HOLDS.with(|h| h.get())
}

/// The switch interval (`sys.getswitchinterval`).
pub fn switch_interval() -> Duration {
    Duration::from_nanos(current().interval_ns.load(Relaxed))
}

/// Sets the switch interval (`sys.setswitchinterval`).
pub fn set_switch_interval(d: Duration) {
    current()
        .interval_ns
        .store(d.as_nanos().clamp(1_000, u64::MAX as u128) as u64, Relaxed);
}

/// Number of times the GIL changed hands.
pub fn switch_count() -> u64 {
    GIL.switches.load(Relaxed)
        + INTERP_GILS
            .lock()
            .iter()
            .map(|g| g.switches.load(Relaxed))
            .sum::<u64>()
}

/// Takes the GIL, waiting (and asking the holder to drop it) as needed.
pub fn take() {
    if !enabled() && attach_free() {
        // Registers the thread's `--stats` row in start order.
        STATS.with(|_| ());
        return;
    }
    let start = clock();
    drop(acquire(current()));
    let now = clock();
    STATS.with(|s| {
        s.acquisitions.fetch_add(1, Relaxed);
        if let (Some(start), Some(now)) = (start, now) {
            s.wait_ns
                .fetch_add((now - start).as_nanos() as u64, Relaxed);
        }
    });
    TAKEN_AT.with(|t| t.set(now));
    HOLDS.with(|h| h.set(true));
    // The free-threaded thread state attaches only once the GIL is held, so
    // a thread waiting for the GIL is detached and never holds up a
    // stop-the-world requested by the holder (CPython: take_gil runs inside
    // `_PyThreadState_Attach` before the state becomes attached).
    if let Some(h) = crate::vm::thread_hooks() {
        (h.attach)();
    }
    crate::trace::transition(Some(crate::trace::RUNNING));
}

/// Attaches the calling thread to run Python without the GIL. False if the
/// GIL was switched on meanwhile (the thread is then detached again and must
/// take it). Switching the GIL on stops the world, which waits for every
/// attached thread to reach a safe point, so a thread that finds the GIL still
/// off once attached can run until its next safe point.
fn attach_free() -> bool {
    let hooks = crate::vm::thread_hooks();
    if let Some(h) = hooks {
        (h.attach)();
    }
    if !enabled() {
        crate::trace::transition(Some(crate::trace::RUNNING));
        return true;
    }
    if let Some(h) = hooks {
        (h.detach)();
    }
    false
}

/// Releases the GIL. With `forced`, waits until another thread has taken it
/// (if any is waiting), so the releasing thread does not take it straight
/// back.
pub fn release(forced: bool) {
    if let Some(h) = crate::vm::thread_hooks() {
        (h.detach)();
    }
    if !held() {
        // Free-threaded: there is no GIL to give back.
        return;
    }
    HOLDS.with(|h| h.set(false));
    let taken_at = TAKEN_AT.with(|t| t.take());
    if taken_at.is_some() || forced {
        STATS.with(|s| {
            if let Some(t) = taken_at {
                s.hold_ns.fetch_add(t.elapsed().as_nanos() as u64, Relaxed);
            }
            if forced {
                s.forced_drops.fetch_add(1, Relaxed);
            }
        });
    }
    let gil = current();
    let mut st = gil.state.lock();
    st.locked = false;
    gil.released.notify_one();
    if forced && st.waiters > 0 {
        let n = st.switch_number;
        while st.switch_number == n && st.waiters > 0 {
            gil.taken.wait_for(&mut st, Duration::from_millis(50));
        }
    }
}

/// Accounts the GIL time of a thread that ends while holding it (the main
/// thread at exit), so `--stats` is complete.
pub fn account_hold() {
    if let Some(t) = TAKEN_AT.with(|t| t.replace(clock())) {
        STATS.with(|s| s.hold_ns.fetch_add(t.elapsed().as_nanos() as u64, Relaxed));
    }
}

/// The `--stats` report: per thread, time holding and waiting for the GIL,
/// acquisitions and forced drops, then the total number of switches.
pub fn stats_report(mode: &str) -> String {
    account_hold();
    let mut out = format!(
        "gilgamesh --stats (mode {mode}, GIL {})\n",
        if enabled() { "enabled" } else { "disabled" }
    );
    let rows = all_stats();
    let names: Vec<String> = rows.iter().map(|s| s.name.lock().clone()).collect();
    let w = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0)
        .max(6);
    out.push_str(&format!(
        "{:<w$} {:>12} {:>12} {:>10} {:>12}\n",
        "thread", "held ms", "waited ms", "acquired", "forced drops"
    ));
    for (s, name) in rows.iter().zip(&names) {
        out.push_str(&format!(
            "{:<w$} {:>12.3} {:>12.3} {:>10} {:>12}\n",
            name,
            s.hold_ns.load(Relaxed) as f64 / 1e6,
            s.wait_ns.load(Relaxed) as f64 / 1e6,
            s.acquisitions.load(Relaxed),
            s.forced_drops.load(Relaxed)
        ));
    }
    out.push_str(&format!("GIL switches: {}\n", switch_count()));
    out
}

/// True if another thread asked the holder to drop the GIL.
#[inline]
pub fn drop_requested() -> bool {
    current().drop_request.load(Relaxed)
}

/// Safe-point handling: drops and retakes the GIL when a waiter asked.
pub fn yield_if_requested() {
    if drop_requested() && held() {
        crate::trace::transition(Some(crate::trace::WAITING_GIL));
        release(true);
        take();
    }
}

/// Runs a blocking operation with the GIL released (CPython's
/// `Py_BEGIN_ALLOW_THREADS`). `f` must not touch Python objects. `why` names
/// the blocked span in `--trace` (one of the `trace::BLOCKED_*` names).
pub fn allow_threads<R>(why: &'static str, f: impl FnOnce() -> R) -> R {
    if !enabled() && !held() {
        if let Some(h) = crate::vm::thread_hooks() {
            (h.detach)();
        }
        crate::trace::transition(Some(why));
        let r = f();
        if !attach_free() {
            take();
        }
        return r;
    }
    if !held() {
        return f();
    }
    release(false);
    crate::trace::transition(Some(why));
    let r = f();
    take();
    r
}

/// A thread started by `_thread` ends: it gives the GIL up for good.
pub fn release_at_thread_exit() {
    release(false);
    crate::trace::transition(None);
}
