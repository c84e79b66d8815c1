//! Stop-the-world: pausing every other thread of a registry at a point where
//! it touches no object, and attaching and detaching, which must respect such
//! a pause (Python/pystate.c: `stop_the_world`, `start_the_world`,
//! `park_detached_threads`, `_PyThreadState_Attach`, `_PyThreadState_Detach`,
//! `_PyThreadState_Suspend`; the states are in Include/internal/pycore_pystate.h).
//!
//! The stopper (a collection, a queue overflow, anything that must see every
//! object quiet) takes the registry's stop mutex, so stoppers run one at a
//! time, and under the thread-list lock marks the stop requested and counts
//! the threads to wait for (all but itself). Then, until the count is zero:
//!
//! - every *detached* thread is moved to *suspended* with a compare-and-
//!   exchange (it is not running Python code, so it is already stopped; the
//!   exchange keeps it from attaching) and counted;
//! - every *attached* thread gets [`PLEASE_STOP_BIT`] in its eval-breaker
//!   word; at its next safe point it detaches into *suspended* itself and
//!   counts itself ([`park_if_requested`]), and a thread that exits meanwhile
//!   counts itself on the way out;
//! - the stopper waits on a condition variable, waking at least every
//!   millisecond to retry (a thread may detach without telling it; this one
//!   also nudges it when it detaches during a request).
//!
//! Starting the world moves every suspended thread back to detached and wakes
//! it; [`attach`] waits while its thread is suspended, so a thread that was
//! detached during the pause cannot run Python code until the world restarts,
//! and one that starts during the pause starts suspended.
//!
//! A stopper that is itself an attached thread stays attached and runs alone.
//! It must not take object locks (critical sections) while the world is
//! stopped: a suspended thread may hold one.
//!
//! The VM keeps a registry per interpreter (`Registry::for_heap`), and a
//! thread has a state in each registry it has entered, attached only in the
//! one it runs in ([`switch_state`]). So an interpreter's collection stops
//! its own registry: the threads running in it park, and the detached
//! states of threads that run elsewhere are held suspended (their threads
//! run on, and wait only if they come back before the restart). Stops of
//! different registries run at the same time. A stop of every registry
//! (turning the GIL on) takes them one by one in the order they were made,
//! so two such stops cannot each hold what the other needs; a stopper that
//! must wait for another registry's stopper waits detached.
//!
//! Pauses are recorded per registry ([`PauseStats`]): how many, their total
//! and longest duration (from the request to the restart), and the time it
//! took to stop.

use std::sync::atomic::fence;
use std::sync::atomic::Ordering::{Acquire, SeqCst};
use std::sync::Arc;
use std::time::{Duration, Instant};

use parking_lot::MutexGuard;

use crate::critical_section;
use crate::thread_state::{
    self, current, Head, Registry, ThreadState, ATTACHED, DETACHED, PLEASE_STOP_BIT, SUSPENDED,
};

/// The stop request, under the thread-list lock (`struct _stoptheworld_state`).
#[derive(Default)]
pub(crate) struct StwRequest {
    /// A stop is requested or in force.
    pub(crate) requested: bool,
    /// Threads still to be stopped.
    pub(crate) countdown: usize,
    /// Owner id of the stopping thread in this registry, or 0.
    pub(crate) requester: usize,
    /// Every other thread is stopped.
    pub(crate) world_stopped: bool,
}

/// True if the stop `stw` stops thread state `t`: a stop is requested, and
/// `t` is not the requester's.
pub(crate) fn stops(stw: &StwRequest, t: &ThreadState) -> bool {
    stw.requested && t.id() != stw.requester
}

/// Pause statistics of one registry.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct PauseStats {
    /// Number of stop-the-world pauses.
    pub count: u64,
    /// Total time from stop requests to restarts.
    pub total: Duration,
    /// Longest time from a stop request to its restart.
    pub max: Duration,
    /// Total time from stop requests until every thread was stopped.
    pub time_to_stop_total: Duration,
    /// Longest time from a stop request until every thread was stopped.
    pub time_to_stop_max: Duration,
}

impl PauseStats {
    /// The statistics of two registries together.
    pub fn merged(self, other: PauseStats) -> PauseStats {
        PauseStats {
            count: self.count + other.count,
            total: self.total + other.total,
            max: self.max.max(other.max),
            time_to_stop_total: self.time_to_stop_total + other.time_to_stop_total,
            time_to_stop_max: self.time_to_stop_max.max(other.time_to_stop_max),
        }
    }
}

/// Counts `n` more threads as stopped; wakes the stopper at zero.
pub(crate) fn count_parked(registry: &Registry, head: &mut Head, n: usize) {
    debug_assert!(head.stw.countdown >= n);
    head.stw.countdown -= n;
    if head.stw.countdown == 0 {
        registry.stop_event.notify_all();
    }
}

/// Suspends every detached thread and asks every attached one to park; returns
/// how many were suspended (`park_detached_threads`).
fn park_detached_threads(head: &Head) -> usize {
    let mut parked = 0;
    for t in &head.threads {
        if !stops(&head.stw, t) {
            continue;
        }
        match t.status.load(Acquire) {
            DETACHED if thread_state::try_suspend_detached(&t.status) => parked += 1,
            ATTACHED => t.set_breaker_bits(PLEASE_STOP_BIT),
            _ => {}
        }
    }
    parked
}

/// The world, stopped; dropping it (or [`StoppedWorld::start`]) restarts it.
#[must_use = "the world restarts when this is dropped"]
pub struct StoppedWorld<'a> {
    registry: &'a Registry,
    _serial: MutexGuard<'a, ()>,
    requested_at: Instant,
    stopped_at: Instant,
}

impl StoppedWorld<'_> {
    /// How long it took to stop every thread.
    pub fn time_to_stop(&self) -> Duration {
        self.stopped_at - self.requested_at
    }

    /// Restarts the world (`start_the_world`).
    pub fn start(self) {}
}

impl Drop for StoppedWorld<'_> {
    fn drop(&mut self) {
        let registry = self.registry;
        {
            let mut head = registry.head.lock();
            for t in &head.threads {
                if stops(&head.stw, t) {
                    thread_state::resume_suspended(&t.status);
                    t.wake();
                }
            }
            head.stw = StwRequest::default();
            registry.stw_requested.store(false, SeqCst);
        }
        let now = Instant::now();
        let pause = now - self.requested_at;
        let to_stop = self.stopped_at - self.requested_at;
        let mut s = registry.pauses.lock();
        s.count += 1;
        s.total += pause;
        s.max = s.max.max(pause);
        s.time_to_stop_total += to_stop;
        s.time_to_stop_max = s.time_to_stop_max.max(to_stop);
        // `_serial` is released after this, so the next stopper starts from
        // a running world.
    }
}

impl Registry {
    /// Stops every other thread of this registry at a safe point and returns
    /// when all are stopped (`_PyEval_StopTheWorld(interp)`). The calling
    /// thread, if its current state is in this registry, stays attached.
    pub fn stop_the_world(&self) -> StoppedWorld<'_> {
        let requested_at = Instant::now();
        let cur = current();
        let serial = match self.stw_serial.try_lock() {
            Some(g) => g,
            None => match &cur {
                // Another stopper runs and may be waiting for us (in this
                // registry, or, stopping every registry, in ours): wait
                // detached, as CPython's `PyMutex_Lock` would.
                Some(ts) if ts.status() == ATTACHED => {
                    detach();
                    let g = self.stw_serial.lock();
                    attach();
                    g
                }
                _ => self.stw_serial.lock(),
            },
        };
        let mine = cur.filter(|ts| std::ptr::eq(&**ts.registry(), self));
        let requester = mine.as_ref().map_or(0, |ts| ts.id());
        let mut head = self.head.lock();
        head.stw = StwRequest {
            requested: true,
            countdown: 0,
            requester,
            world_stopped: false,
        };
        head.stw.countdown = head.threads.iter().filter(|t| stops(&head.stw, t)).count();
        self.stw_requested.store(true, SeqCst);
        while head.stw.countdown > 0 {
            let parked = park_detached_threads(&head);
            if parked > 0 {
                count_parked(self, &mut head, parked);
            }
            if head.stw.countdown == 0 {
                break;
            }
            self.stop_event
                .wait_for(&mut head, Duration::from_millis(1));
        }
        head.stw.world_stopped = true;
        drop(head);
        StoppedWorld {
            registry: self,
            _serial: serial,
            requested_at,
            stopped_at: Instant::now(),
        }
    }

    /// True while a stop is in force (every other thread stopped).
    pub fn is_world_stopped(&self) -> bool {
        self.head.lock().stw.world_stopped
    }

    /// The pause statistics so far.
    pub fn pause_stats(&self) -> PauseStats {
        *self.pauses.lock()
    }
}

/// Attached to `status` (detached or suspended), in CPython's order: critical
/// sections suspended, QSBR offline, then the status published.
fn detach_thread(ts: &ThreadState, status: u8) {
    critical_section::suspend_all();
    go_offline(ts, status);
}

/// The state `ts`, attached, stops touching objects: its borrowed receivers
/// are counted (offline counts as quiescent), it goes offline for QSBR, and
/// its status becomes `status`.
fn go_offline(ts: &ThreadState, status: u8) {
    gilgamesh_core::object::borrowed::strengthen_all();
    ts.qsbr.detach();
    thread_state::set_detached(&ts.status, status);
}

/// Detaches the calling thread: it stops touching objects (it is about to
/// block or run native code). Its critical sections are suspended, it stops
/// delaying QSBR, and a stop-the-world no longer waits for it. On an
/// unregistered thread this only suspends critical sections.
pub fn detach() {
    let Some(ts) = current() else {
        critical_section::suspend_all();
        return;
    };
    detach_thread(&ts, DETACHED);
    nudge_stopper(&ts);
}

/// A stopper may be waiting for `ts`, just detached: nudge it rather than
/// let it find out at its next timed retry.
fn nudge_stopper(ts: &ThreadState) {
    fence(SeqCst);
    let registry = ts.registry();
    if registry.stw_requested.load(SeqCst) {
        let _head = registry.head.lock();
        registry.stop_event.notify_all();
    }
}

/// Switches the calling thread from its current state `cur` to its state
/// `next` in another registry (it enters another interpreter, or comes
/// back): `cur` is detached (its borrowed receivers counted, offline for
/// QSBR, its deferred frees handed to its registry, where that heap's
/// threads and collections run them, in their interpreter), `next` becomes
/// current and owns what the thread makes from now on, and is attached if
/// `cur` was, waiting while a stop of its registry holds it. Critical
/// sections are left as they are: they lock objects, not states, and a
/// stopper takes no object lock.
pub(crate) fn switch_state(cur: &Arc<ThreadState>, next: Arc<ThreadState>) {
    let attached = cur.status.load(Acquire) == ATTACHED;
    if attached {
        go_offline(cur, DETACHED);
        nudge_stopper(cur);
    }
    crate::qsbr::hand_over(cur);
    if gilgamesh_core::object::refcount::current_owner() == cur.id() {
        gilgamesh_core::object::refcount::set_current_owner(next.id());
    }
    thread_state::set_current(next.clone());
    if attached {
        attach_thread(&next);
    }
}

/// Attaches the calling thread, waiting while it is suspended (a stop in
/// force, or a thread merging its queue), then puts it back online for QSBR
/// and resumes its top-most critical section. On an unregistered thread this
/// only resumes critical sections.
pub fn attach() {
    let Some(ts) = current() else {
        critical_section::resume();
        return;
    };
    attach_thread(&ts);
    critical_section::resume();
}

fn attach_thread(ts: &Arc<ThreadState>) {
    loop {
        if thread_state::try_attach(&ts.status) {
            break;
        }
        match ts.status.load(Acquire) {
            // Woken by whoever resumes it; spurious wake-ups just retry.
            SUSPENDED => std::thread::park(),
            DETACHED => {}
            s => panic!("attach from status {s}"),
        }
    }
    ts.qsbr.attach(&ts.registry().qsbr);
}

/// The stop-the-world part of the safe point: if a stop asked this thread to
/// park, detach into suspended, count itself, and wait until the world
/// restarts (`_PyThreadState_Suspend` then `_PyThreadState_Attach`). Returns
/// true if it parked.
pub fn park_if_requested() -> bool {
    let Some(ts) = current() else { return false };
    if ts.breaker_bits() & PLEASE_STOP_BIT == 0 {
        return false;
    }
    ts.clear_breaker_bits(PLEASE_STOP_BIT);
    let registry = ts.registry().clone();
    let requested = stops(&registry.head.lock().stw, &ts);
    if !requested {
        // The stop is over (the bit was stale).
        return false;
    }
    // Counted by the stopper and not yet parked: the stop cannot end before
    // we count ourselves below.
    detach_thread(&ts, SUSPENDED);
    {
        let mut head = registry.head.lock();
        count_parked(&registry, &mut head, 1);
    }
    attach();
    true
}

/// Runs `f` detached (CPython's `Py_BEGIN_ALLOW_THREADS`): for blocking calls
/// that touch no object. Re-attaches even if `f` panics.
pub fn allow_threads<R>(f: impl FnOnce() -> R) -> R {
    struct Reattach;
    impl Drop for Reattach {
        fn drop(&mut self) {
            attach();
        }
    }
    detach();
    let _g = Reattach;
    f()
}
