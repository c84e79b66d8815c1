//! The registry of free-threaded thread states: who owns which objects, which
//! threads are running Python code, and the per-thread eval-breaker bits.
//!
//! A thread state is what CPython's free-threaded build keeps in
//! `_PyThreadStateImpl` (Include/internal/pycore_pystate.h, Python/pystate.c):
//!
//! - an **owner id**, stored in `ob_tid` of every object the thread creates,
//!   that makes it the owner in biased reference counting. Ids are
//!   `OWNER_ID_BASE | n` for n = 1, 2, ... and are never reused, so they can
//!   never equal 0 (a merged object), 1 (the owner id every thread of a GIL
//!   interpreter runs under) or any small interpreter id a later mode hands
//!   out, and an object whose owner exited can never be mistaken for an object
//!   of a new thread (CPython, which uses thread-local addresses, can reuse
//!   ids);
//! - a **status** word, one of three values (pycore_pystate.h):
//!
//!   | value | status | meaning | who moves it |
//!   |-------|--------|---------|--------------|
//!   | 0 | detached  | not touching objects (blocked, in native code) | the thread itself, from attached |
//!   | 1 | attached  | running Python code; may touch any object | the thread itself, from detached (compare-and-exchange) |
//!   | 2 | suspended | detached and held so: it cannot attach | a stopper (stop-the-world), or a thread merging its queue on its behalf (biased_rc), from detached; the thread itself, from attached, when it parks for a stop |
//!
//!   A suspended thread goes back to detached only by the thread that
//!   suspended it (or, for a thread that suspended itself, by the stopper),
//!   which then wakes it;
//! - its **merge queue** (biased_rc), its **QSBR slot** (qsbr), and an
//!   **eval-breaker** word of request bits ([`EXPLICIT_MERGE_BIT`],
//!   [`PLEASE_STOP_BIT`], [`QSBR_WORK_BIT`]) that other threads set and the
//!   thread polls at its safe point ([`safe_point`]).
//!
//! A [`Registry`] is one free-threaded interpreter's list of thread states
//! (CPython's `interp->threads`, under `HEAD_LOCK`) together with the state
//! that walks it: the stop-the-world request and the shared QSBR sequences.
//! The VM keeps one registry per heap, that is per interpreter
//! ([`Registry::for_heap`]); tests also make their own. Owner ids are unique
//! across all of them, and the biased-rc owner table is process-wide because
//! the refcount queue hook receives nothing but the object.
//!
//! **A thread state per (thread, interpreter)**, as CPython has
//! (`PyThreadState` belongs to one interpreter): a thread that runs code in
//! another interpreter ([`enter_heap`]) detaches its state there and
//! attaches (making it on its first entry) its state in the interpreter it
//! enters, whose owner id it then puts in the objects it makes. Only one of
//! a thread's states is attached: the *current* one ([`current`]). So a
//! collection of one interpreter stops that interpreter's registry alone:
//! the states in it of threads that now run elsewhere are detached, and
//! the stop holds them suspended without pausing their threads, which wait
//! only if they come back before the restart. Stops of different
//! interpreters run at the same time.
//!
//! Threads register on start ([`Registry::register_current_thread`]) and
//! unregister on exit ([`unregister_current_thread`], every state of the
//! thread); after that, its objects are merged immediately by whichever
//! thread would have queued them.

use std::cell::RefCell;
use std::sync::atomic::Ordering::{self, AcqRel, Acquire, Relaxed, Release};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, AtomicU8, AtomicUsize};
use std::sync::Arc;

use gilgamesh_core::object::refcount;
use parking_lot::{Condvar, Mutex};

use crate::biased_rc;
use crate::critical_section;
use crate::qsbr::{self, QsbrShared, QsbrSlot};
use crate::stop_the_world::{self, PauseStats, StwRequest};

/// The high bit marks an owner id as a free-threaded thread's.
pub const OWNER_ID_BASE: usize = 1 << (usize::BITS - 1);

/// Status: not running Python code.
pub const DETACHED: u8 = 0;
/// Status: running Python code.
pub const ATTACHED: u8 = 1;
/// Status: detached and held so by another thread; cannot attach.
pub const SUSPENDED: u8 = 2;
/// Status: unregistered (terminal; only for assertions).
pub const EXITED: u8 = 3;

/// Eval-breaker bit: objects wait in this thread's merge queue.
pub const EXPLICIT_MERGE_BIT: u32 = 1 << 0;
/// Eval-breaker bit: a stop-the-world asks this thread to park.
pub const PLEASE_STOP_BIT: u32 = 1 << 1;
/// Eval-breaker bit: this thread has QSBR-deferred frees to process.
pub const QSBR_WORK_BIT: u32 = 1 << 2;

/// The word that holds a thread's status; the transitions below are written
/// once over it, for std's atomics here and loom's in the models.
pub trait StatusWord {
    /// Loads the status.
    fn load(&self, order: Ordering) -> u8;
    /// Stores the status.
    fn store(&self, status: u8, order: Ordering);
    /// Compare-and-exchange (strong).
    fn compare_exchange(
        &self,
        current: u8,
        new: u8,
        success: Ordering,
        failure: Ordering,
    ) -> Result<u8, u8>;
}

impl StatusWord for AtomicU8 {
    #[inline]
    fn load(&self, order: Ordering) -> u8 {
        AtomicU8::load(self, order)
    }
    #[inline]
    fn store(&self, status: u8, order: Ordering) {
        AtomicU8::store(self, status, order)
    }
    #[inline]
    fn compare_exchange(
        &self,
        current: u8,
        new: u8,
        success: Ordering,
        failure: Ordering,
    ) -> Result<u8, u8> {
        AtomicU8::compare_exchange(self, current, new, success, failure)
    }
}

/// Detached to attached, by the thread itself (`tstate_try_attach`). Acquire:
/// whatever a stopper or merger did while holding the thread suspended is
/// visible once it attaches.
#[inline]
pub fn try_attach<W: StatusWord + ?Sized>(w: &W) -> bool {
    w.compare_exchange(DETACHED, ATTACHED, Acquire, Relaxed)
        .is_ok()
}

/// Attached to detached or suspended, by the thread itself. Release: its
/// object writes (local counts included) happen before anyone who suspends it.
#[inline]
pub fn set_detached<W: StatusWord + ?Sized>(w: &W, status: u8) {
    debug_assert_eq!(w.load(Relaxed), ATTACHED);
    debug_assert!(status == DETACHED || status == SUSPENDED);
    w.store(status, Release);
}

/// Detached to suspended, by another thread (a stopper, or a merger). On
/// success the thread cannot attach until [`resume_suspended`].
#[inline]
pub fn try_suspend_detached<W: StatusWord + ?Sized>(w: &W) -> bool {
    w.compare_exchange(DETACHED, SUSPENDED, AcqRel, Relaxed)
        .is_ok()
}

/// Suspended back to detached, by the thread that suspended it. Release: what
/// it did meanwhile is visible to the thread's next [`try_attach`].
#[inline]
pub fn resume_suspended<W: StatusWord + ?Sized>(w: &W) {
    debug_assert_eq!(w.load(Relaxed), SUSPENDED);
    w.store(DETACHED, Release);
}

static NEXT_OWNER: AtomicUsize = AtomicUsize::new(1);

fn new_owner_id() -> usize {
    let n = NEXT_OWNER.fetch_add(1, Relaxed);
    assert!(n < OWNER_ID_BASE, "owner ids exhausted");
    OWNER_ID_BASE | n
}

/// One free-threaded thread's state. Shared (`Arc`) between the thread, its
/// registry and the biased-rc owner table; fields other threads touch are
/// atomics or behind locks.
pub struct ThreadState {
    id: usize,
    pub(crate) status: AtomicU8,
    breaker: AtomicU32,
    pub(crate) merge_queue: Mutex<biased_rc::MergeQueue<gilgamesh_core::object::ObjHeader>>,
    pub(crate) qsbr: QsbrSlot,
    thread: std::thread::Thread,
    registry: Arc<Registry>,
}

impl ThreadState {
    /// The owner id (what `ob_tid` holds for objects this thread owns).
    pub fn id(&self) -> usize {
        self.id
    }

    /// The current status ([`DETACHED`], [`ATTACHED`], [`SUSPENDED`], [`EXITED`]).
    pub fn status(&self) -> u8 {
        self.status.load(Acquire)
    }

    /// The pending eval-breaker bits; the VM calls [`safe_point`] when this is
    /// non-zero. One relaxed load.
    #[inline]
    pub fn breaker_bits(&self) -> u32 {
        self.breaker.load(Relaxed)
    }

    /// The eval-breaker word itself, for the eval loop's safe-point check
    /// (valid while the thread state is registered).
    pub fn breaker_word(&self) -> &AtomicU32 {
        &self.breaker
    }

    /// This thread's QSBR read sequence and its registry's write sequence,
    /// for the eval loop's quiescent-state report (valid while the thread
    /// state is registered; the registry outlives it).
    pub fn qsbr_words(&self) -> (&AtomicU64, &AtomicU64) {
        (self.qsbr.seq_word(), self.registry.qsbr.wr_seq_word())
    }

    /// Sets eval-breaker bits (any thread).
    pub fn set_breaker_bits(&self, bits: u32) {
        self.breaker.fetch_or(bits, Release);
    }

    /// Clears eval-breaker bits (the thread itself, before handling them).
    pub(crate) fn clear_breaker_bits(&self, bits: u32) {
        self.breaker.fetch_and(!bits, AcqRel);
    }

    /// Number of objects waiting in the thread's merge queue.
    pub fn merge_queue_len(&self) -> usize {
        self.merge_queue.lock().len()
    }

    /// The registry the thread belongs to.
    pub fn registry(&self) -> &Arc<Registry> {
        &self.registry
    }

    /// Wakes the thread if it waits to attach.
    pub(crate) fn wake(&self) {
        self.thread.unpark();
    }
}

/// The thread list and what walks it (CPython's `HEAD_LOCK` section).
pub(crate) struct Head {
    pub(crate) threads: Vec<Arc<ThreadState>>,
    pub(crate) stw: StwRequest,
}

/// One free-threaded interpreter's thread states, stop-the-world state and
/// QSBR sequences.
pub struct Registry {
    /// The key of the heap (interpreter) this registry serves
    /// (`gilgamesh_core::gc::heap_key`), or None for a registry of its own
    /// ([`Registry::new`]).
    heap: Option<usize>,
    pub(crate) head: Mutex<Head>,
    /// Signalled when the last thread a stopper waits for parks or exits.
    pub(crate) stop_event: Condvar,
    /// True from a stop request to the restart (a lock-free hint for detach).
    pub(crate) stw_requested: AtomicBool,
    /// Serialises stoppers; held from `stop_the_world` to the restart.
    pub(crate) stw_serial: Mutex<()>,
    pub(crate) qsbr: QsbrShared,
    pub(crate) pauses: Mutex<PauseStats>,
    /// Objects left in the queues of thread states that exited while their
    /// thread ran in another interpreter; merged by this registry's
    /// collections (`biased_rc::merge_orphans`).
    pub(crate) orphans: Mutex<biased_rc::MergeQueue<gilgamesh_core::object::ObjHeader>>,
}

impl Registry {
    /// An empty registry, serving no heap (for tests and models).
    pub fn new() -> Arc<Registry> {
        Registry::with_heap(None)
    }

    fn with_heap(heap: Option<usize>) -> Arc<Registry> {
        Arc::new(Registry {
            heap,
            head: Mutex::new(Head {
                threads: Vec::new(),
                stw: StwRequest::default(),
            }),
            stop_event: Condvar::new(),
            stw_requested: AtomicBool::new(false),
            stw_serial: Mutex::new(()),
            qsbr: QsbrShared::new(),
            pauses: Mutex::new(PauseStats::default()),
            orphans: Mutex::new(biased_rc::MergeQueue::new()),
        })
    }

    /// The registry of the heap with key `heap` (`gilgamesh_core::gc::heap_key`),
    /// made on first use. Heaps are never freed (a closed interpreter's heap
    /// serves the next one), so neither are their registries.
    pub fn for_heap(heap: usize) -> &'static Arc<Registry> {
        let mut all = HEAP_REGISTRIES.lock();
        if let Some(r) = all.iter().find(|r| r.heap == Some(heap)) {
            return r;
        }
        let r: &'static Arc<Registry> = Box::leak(Box::new(Registry::with_heap(Some(heap))));
        all.push(r);
        r
    }

    /// Every heap's registry, in the order they were made (the order in
    /// which a stop of every registry takes them).
    pub fn all_heaps() -> Vec<&'static Arc<Registry>> {
        HEAP_REGISTRIES.lock().clone()
    }

    /// Registers the calling thread, makes it the owner of the objects it
    /// creates from now on, and attaches it (waiting while the world is
    /// stopped). Called once at thread start.
    ///
    /// # Panics
    /// If the thread is already registered.
    pub fn register_current_thread(self: &Arc<Self>) -> Arc<ThreadState> {
        assert!(current().is_none(), "thread already registered");
        PREVIOUS_OWNER.with(|p| p.set(refcount::current_owner()));
        let ts = self.add_calling_thread();
        refcount::set_current_owner(ts.id);
        CURRENT.with(|c| *c.borrow_mut() = Some(ts.clone()));
        stop_the_world::attach();
        ts
    }

    /// A new, detached state of the calling thread in this registry (or
    /// suspended, if a stop is in progress: that stop did not count it and
    /// must keep the world stopped), listed among the thread's states.
    fn add_calling_thread(self: &Arc<Self>) -> Arc<ThreadState> {
        let ts = Arc::new(ThreadState {
            id: new_owner_id(),
            status: AtomicU8::new(DETACHED),
            breaker: AtomicU32::new(0),
            merge_queue: Mutex::new(biased_rc::MergeQueue::new()),
            qsbr: QsbrSlot::new(),
            thread: std::thread::current(),
            registry: self.clone(),
        });
        {
            let mut head = self.head.lock();
            if stop_the_world::stops(&head.stw, &ts) {
                // Not counted by the stop in progress, which stops it: start
                // held, as CPython does, so the stopped world stays stopped.
                ts.status.store(SUSPENDED, Release);
            }
            head.threads.push(ts.clone());
        }
        biased_rc::register_owner(&ts);
        STATES.with(|s| s.borrow_mut().push(ts.clone()));
        ts
    }

    /// Number of registered threads.
    pub fn thread_count(&self) -> usize {
        self.head.lock().threads.len()
    }

    /// The registered thread states (a snapshot).
    pub fn threads(&self) -> Vec<Arc<ThreadState>> {
        self.head.lock().threads.clone()
    }

    /// The shared QSBR sequences.
    pub fn qsbr(&self) -> &QsbrShared {
        &self.qsbr
    }
}

/// The registries of the heaps ([`Registry::for_heap`]).
static HEAP_REGISTRIES: Mutex<Vec<&'static Arc<Registry>>> = Mutex::new(Vec::new());

thread_local! {
    /// The calling thread's current state: the one in the registry of the
    /// interpreter it runs in, the only one that may be attached.
    static CURRENT: RefCell<Option<Arc<ThreadState>>> = const { RefCell::new(None) };
    /// Every state of the calling thread, one per registry it has entered.
    static STATES: RefCell<Vec<Arc<ThreadState>>> = const { RefCell::new(Vec::new()) };
    /// The owner id the thread had before it registered, restored on exit.
    static PREVIOUS_OWNER: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The calling thread's state, if it is registered.
pub fn current() -> Option<Arc<ThreadState>> {
    CURRENT.with(|c| c.borrow().clone())
}

/// Runs `f` on the calling thread's state, if it is registered (no `Arc`
/// clone).
pub fn with_current<R>(f: impl FnOnce(&ThreadState) -> R) -> Option<R> {
    CURRENT.with(|c| c.borrow().as_deref().map(f))
}

/// The calling thread is about to run in the heap with key `heap`
/// (`gilgamesh_core::gc::heap_key`): it enters another interpreter, or comes
/// back from one. Its current state is left (detached, if it was attached)
/// for its state in that heap's registry ([`Registry::for_heap`]), made on
/// the first entry, which it attaches, waiting while a stop of that heap
/// holds it; from then on the objects it makes are owned by that state.
/// Does nothing on an unregistered thread, or if the thread's current
/// state already serves `heap`.
pub fn enter_heap(heap: usize) {
    let Some(cur) = current() else { return };
    if cur.registry.heap == Some(heap) {
        return;
    }
    let known = STATES.with(|s| {
        s.borrow()
            .iter()
            .find(|t| t.registry.heap == Some(heap))
            .cloned()
    });
    let next = known.unwrap_or_else(|| Registry::for_heap(heap).add_calling_thread());
    stop_the_world::switch_state(&cur, next);
}

/// Makes `ts` the calling thread's current state (the switch itself; see
/// [`stop_the_world::switch_state`]).
pub(crate) fn set_current(ts: Arc<ThreadState>) {
    CURRENT.with(|c| *c.borrow_mut() = Some(ts));
}

/// True if the calling thread is registered and attached.
pub fn current_is_attached() -> bool {
    with_current(|ts| ts.status.load(Relaxed) == ATTACHED).unwrap_or(false)
}

/// Unregisters the calling thread at exit, each of its states in turn (the
/// current one first, then each other one, attached for the purpose). The
/// current state's queue is merged until it is empty and closed (later
/// queueing threads merge its objects themselves) and its unprocessed QSBR
/// frees go to its registry; another state's queue is closed and its objects
/// left to its registry's next collection, so that nothing of another
/// interpreter is freed (and finalized) here. Each state detaches and leaves
/// its registry's thread list (counting as parked for a stop in progress).
/// Then restores the owner id the thread had before registering.
///
/// # Panics
/// If the thread is not registered and attached, or still inside a critical
/// section.
pub fn unregister_current_thread() {
    let ts = current().expect("thread not registered");
    assert_eq!(ts.status(), ATTACHED, "unregister from an attached thread");
    assert_eq!(
        critical_section::depth(),
        0,
        "thread exits inside a critical section"
    );
    let others: Vec<Arc<ThreadState>> = STATES.with(|s| {
        s.borrow_mut()
            .drain(..)
            .filter(|t| !Arc::ptr_eq(t, &ts))
            .collect()
    });
    biased_rc::retire_current(&ts);
    qsbr::abandon_current(&ts);
    leave_registry(&ts);
    for other in others {
        // Its queue may only be closed by its owner, attached (a merger
        // may hold the detached state meanwhile). Nothing of that
        // interpreter is freed here (its finalizers would run in this
        // one): the queue goes to the registry's orphans, and the frees it
        // deferred went to the registry when the thread left.
        set_current(other.clone());
        if refcount::current_owner() != refcount::SHARED_ONLY_OWNER {
            refcount::set_current_owner(other.id);
        }
        stop_the_world::attach();
        biased_rc::orphan_current(&other, &other.registry.orphans);
        leave_registry(&other);
    }
    refcount::set_current_owner(PREVIOUS_OWNER.with(std::cell::Cell::get));
    CURRENT.with(|c| *c.borrow_mut() = None);
}

/// The calling thread's current state `ts` (attached, its queue closed)
/// leaves its registry: see [`unregister_current_thread`].
fn leave_registry(ts: &Arc<ThreadState>) {
    ts.qsbr.detach();
    let registry = ts.registry.clone();
    let mut head = registry.head.lock();
    head.threads.retain(|t| !Arc::ptr_eq(t, ts));
    // An attached thread leaving during a stop was counted and has not
    // parked: it counts as parked now (CPython's tstate_delete_common).
    if stop_the_world::stops(&head.stw, ts) {
        stop_the_world::count_parked(&registry, &mut head, 1);
    }
    ts.status.store(EXITED, Release);
}

/// The safe point: handles every request in the calling thread's eval-breaker
/// word, in CPython's order (`_Py_HandlePending`): park for a stop-the-world,
/// merge queued objects, process QSBR-deferred frees. Also reports a quiescent
/// state. Does nothing on an unregistered thread.
pub fn safe_point() {
    let Some(ts) = current() else { return };
    debug_assert_eq!(ts.status(), ATTACHED);
    qsbr::quiescent_state();
    let bits = ts.breaker_bits();
    if bits & PLEASE_STOP_BIT != 0 {
        stop_the_world::park_if_requested();
    }
    if bits & EXPLICIT_MERGE_BIT != 0 {
        biased_rc::merge_pending();
    }
    if bits & QSBR_WORK_BIT != 0 {
        qsbr::process_deferred();
    }
}
