//! `--mode nogil`: the free-threaded build's policy for the eval loop, and
//! the hooks that give every thread its own thread state.
//!
//! What differs from `--mode gil` (CPython: the `Py_GIL_DISABLED` build):
//!
//! - every thread registers a thread state with its own owner id
//!   ([`crate::thread_state`]), so objects are owned by the thread that
//!   created them and reference counting is *biased*: the owner counts with
//!   plain loads and stores, other threads with atomic adds on the shared
//!   count, and a shared count that would go negative queues the object to its
//!   owner ([`crate::biased_rc`]);
//! - the eval loop's safe-point check also reads the thread's own breaker
//!   bits (merge requests, stop-the-world requests, QSBR work) and handles them
//!   at the safe point ([`crate::thread_state::safe_point`]);
//! - a thread that blocks detaches its thread state (and re-attaches after),
//!   so a stop-the-world or a merge on its behalf does not wait for it.
//!
//! - the GIL is off (unless `--gil 1`): every access to an object's mutable
//!   payload takes that payload's lock (`gilgamesh_core::object::pycell`);
//!   importing a module that needs the GIL stops the world and turns it on.

use std::sync::atomic::{
    AtomicBool,
    Ordering::{Acquire, Relaxed, Release},
};
use std::sync::Arc;

use gilgamesh_core::object::{borrowed, refcount, Value};
use gilgamesh_core::policy::Policy;
use gilgamesh_core::types::PyResult;
use gilgamesh_core::vm::{self, Vm};

use crate::stop_the_world::PauseStats;
use crate::thread_state::{self, Registry};

/// The free-threaded policy.
///
/// `COUNT_OPS` is `--stats`: the eval loop then counts its reference-count
/// operations (local, shared, immortal). It is a separate instance of the
/// eval loop, so that a run without `--stats` pays nothing for the counters,
/// not even a test per operation.
pub struct Nogil<const COUNT_OPS: bool>;

/// The free-threaded policy as it runs without `--stats`.
pub type NogilPolicy = Nogil<false>;

impl<const COUNT_OPS: bool> Policy for Nogil<COUNT_OPS> {
    const NAME: &'static str = "nogil";
    const BORROW_FOR_READS: bool = true;

    #[inline(always)]
    fn clone_value(v: &Value) -> Value {
        if COUNT_OPS {
            if let Some(h) = v.header() {
                refcount::count_op(h);
            }
        }
        // Value's Clone runs the general (biased) protocol.
        v.clone()
    }

    #[inline(always)]
    fn drop_value(v: Value) {
        if COUNT_OPS {
            if let Some(h) = v.header() {
                refcount::count_op(h);
            }
        }
        // Value's Drop runs the general (biased) protocol.
        drop(v);
    }

    #[inline(always)]
    fn critical_section<R>(_obj: &Value, f: impl FnOnce() -> R) -> R {
        // Object payloads lock themselves: every access to a mutable field
        // goes through its `PyCell`, which takes the field's lock when the
        // GIL is off (core/src/object/pycell.rs).
        f()
    }

    #[inline]
    fn safe_point(vm: &mut Vm) -> PyResult<()> {
        // SAFETY: `thread_bits` points into this thread's registered state,
        // which outlives the Vm (see `Vm::thread_bits`).
        if unsafe { &*vm.thread_bits }.load(Relaxed) != 0 {
            thread_state::safe_point();
        }
        if vm::EVAL_BREAKER.load(Relaxed) {
            vm.service_eval_breaker()?;
        }
        // A module that needs the GIL may have switched it on while this
        // thread was parked: take it before running more Python.
        gilgamesh_core::gil::take_if_enabled_meanwhile();
        Ok(())
    }

    #[inline(always)]
    fn breaker_set(vm: &Vm) -> bool {
        // Borrowed method receivers get their counts before the report
        // below (gilgamesh_core::object::borrowed).
        if borrowed::pending() {
            borrowed::strengthen_all();
        }
        // Every safe-point check is a QSBR quiescent state, as CPython's
        // CHECK_EVAL_BREAKER: the thread holds no pointer that a lock-free
        // read took, so memory retired before now may be freed. The store
        // touches only this thread's own line, and only when the write
        // sequence moved.
        // SAFETY: both point into this thread's registered state and its
        // registry, which outlive the Vm (see `Vm::qsbr_slot`).
        let (slot, wr) = unsafe { (&*vm.qsbr_slot, &*vm.qsbr_wr_seq) };
        let seq = wr.load(Acquire);
        if slot.load(Relaxed) != seq {
            slot.store(seq, Release);
        }
        // SAFETY: as in `safe_point`.
        vm::EVAL_BREAKER.load(Relaxed) || unsafe { &*vm.thread_bits }.load(Relaxed) != 0
    }
}

/// Reference counting scheme for `--refcount` (an ablation for teaching and
/// research; biased is the default and PEP 703's design).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refcount {
    /// Biased reference counting (PEP 703): owner-local plain counts, shared
    /// atomic counts, merge queues.
    Biased,
    /// Every increment and decrement an atomic read-modify-write on one
    /// shared count (the Gilectomy's scheme): no owner, no queues.
    Atomic,
}

static ATOMIC_ONLY: AtomicBool = AtomicBool::new(false);

/// Gives the calling thread the owner id its counting scheme needs.
fn apply_scheme() {
    if ATOMIC_ONLY.load(Relaxed) {
        refcount::set_current_owner(refcount::SHARED_ONLY_OWNER);
    }
}

/// The registry of the interpreter the calling thread runs in.
fn registry() -> Arc<Registry> {
    match thread_state::current() {
        Some(ts) => ts.registry().clone(),
        None => Registry::for_heap(gilgamesh_core::gc::current_heap_key()).clone(),
    }
}

/// Registers the calling thread (in the registry of the interpreter it runs
/// in) and points `vm` at its breaker bits.
fn attach_vm(vm: &mut Vm) {
    let ts = match thread_state::current() {
        Some(ts) => ts,
        None => registry().register_current_thread(),
    };
    apply_scheme();
    bind_vm(vm, &ts);
}

/// Points `vm` (one the calling thread runs) at the breaker bits and QSBR
/// words of `ts`, its current thread state.
fn bind_vm(vm: &mut Vm, ts: &thread_state::ThreadState) {
    vm.thread_bits = ts.breaker_word() as *const _;
    let (slot, wr) = ts.qsbr_words();
    vm.qsbr_slot = slot as *const _;
    vm.qsbr_wr_seq = wr as *const _;
}

fn thread_start(vm: &mut Vm) {
    attach_vm(vm);
}

/// A `Vm` of another interpreter made on the calling thread, after it
/// entered that interpreter's heap: it follows the thread's state there.
fn vm_made(vm: &mut Vm) {
    if let Some(ts) = thread_state::current() {
        bind_vm(vm, &ts);
    }
}

fn thread_exit() {
    if thread_state::current().is_some() {
        thread_state::unregister_current_thread();
    }
}

fn detach() {
    if thread_state::current().is_some() {
        crate::stop_the_world::detach();
    }
}

fn attach() {
    if thread_state::current().is_some() {
        crate::stop_the_world::attach();
    }
}

thread_local! {
    /// The calling thread runs a collection with its heap's threads stopped.
    static COLLECTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// True while the calling thread collects with its heap's threads stopped:
/// they are parked at safe points (offline for QSBR), and no other thread
/// can reach the heap's objects, so nothing the collection lets go of can be
/// in a lock-free reader's hands.
fn collecting() -> bool {
    COLLECTING.with(std::cell::Cell::get)
}

/// Frees what lock-free readers may still be looking at, once every thread
/// has passed a quiescent state (QSBR), or at once in a stopped-world
/// collection ([`collecting`]).
fn retire(free: Box<dyn FnOnce() + Send>) {
    if collecting() {
        free();
    } else {
        crate::qsbr::defer_boxed(free);
    }
}

/// A value a container let go of: given up after a QSBR grace period, or at
/// once in a stopped-world collection ([`collecting`]).
fn retire_value(v: gilgamesh_core::Value) {
    if collecting() {
        drop(v);
    } else {
        crate::qsbr::defer_drop(v);
    }
}

/// Marks the calling thread as collecting until dropped (also on unwind).
struct Collecting;

impl Collecting {
    fn start() -> Collecting {
        COLLECTING.with(|c| c.set(true));
        Collecting
    }
}

impl Drop for Collecting {
    fn drop(&mut self) {
        COLLECTING.with(|c| c.set(false));
    }
}

/// Traces a stop-the-world pause that began at `start` (`--trace`).
fn trace_pause(start: u64) {
    gilgamesh_core::trace::span(
        "stop-the-world",
        "stop-the-world",
        start,
        gilgamesh_core::trace::now_ns(),
    );
}

/// Runs `f` with every other thread of every interpreter parked at its safe
/// point or detached (turning the GIL on): each heap's registry is stopped
/// in turn, in the order they were made, and again for any registry made
/// meanwhile (by a thread not stopped yet); restarted in reverse.
fn run_with_world_stopped(f: &mut dyn FnMut()) {
    let start = gilgamesh_core::trace::now_ns();
    let mut worlds = Vec::new();
    let mut stopped = 0;
    loop {
        let all = Registry::all_heaps();
        if all.len() == stopped {
            break;
        }
        for r in &all[stopped..] {
            worlds.push(r.stop_the_world());
        }
        stopped = all.len();
    }
    f();
    while let Some(w) = worlds.pop() {
        drop(w);
    }
    trace_pause(start);
}

/// Runs a collection of the calling thread's heap with its world stopped, as
/// the free-threaded build's collector does (Python/gc_free_threading.c,
/// `_PyEval_StopTheWorld(interp)`): the heap's registry is stopped (every
/// other thread running in this interpreter parks at its safe point; the
/// states here of threads running elsewhere are held suspended), their
/// merge queues are merged first (queued objects carry a reference the
/// collector must not count), then the collection runs and the world
/// restarts. Other interpreters run on, and may collect at the same time.
/// The pause is recorded (`--stats`) and traced (`--trace`).
fn collect_with_world_stopped(collect: &mut dyn FnMut()) {
    let registry = registry();
    let start = gilgamesh_core::trace::now_ns();
    let world = registry.stop_the_world();
    // Only this registry's states own objects of this heap (and its
    // orphans, left by states that exited while their thread ran elsewhere).
    for ts in registry.threads() {
        crate::biased_rc::merge_queued(&*ts);
    }
    crate::biased_rc::merge_orphans(&registry.orphans);
    {
        let _collecting = Collecting::start();
        collect();
    }
    // Every other state of this heap is parked or suspended, so offline for
    // QSBR: what they deferred (values a container let go of, kept from
    // lock-free readers) may well be free now. Running it here, not at some
    // later batch, lets `gc.collect()` finalize what a program cleared
    // (`lst.clear(); gc.collect()`), as CPython, which gives up a
    // container's items at once, does. The QSBR poll still decides what is
    // safe; the finalizers it queues run after the restart.
    if thread_state::current().is_some() {
        crate::qsbr::process_deferred();
    }
    drop(world);
    trace_pause(start);
}

fn enter_heap(heap: usize) {
    thread_state::enter_heap(heap);
}

/// Sets the process up for `--mode nogil`: installs the merge queues and the
/// thread hooks, and registers the calling (main) thread, so that objects it
/// creates from now on are owned by it (or, with [`Refcount::Atomic`], by
/// nobody). Call before creating the main `Vm`.
pub fn enter_mode(scheme: Refcount) {
    ATOMIC_ONLY.store(scheme == Refcount::Atomic, Relaxed);
    crate::biased_rc::install();
    gilgamesh_core::object::install_retire_hook(retire);
    gilgamesh_core::object::install_retire_value_hook(retire_value);
    gilgamesh_core::gc::install_collection_wrapper(collect_with_world_stopped);
    vm::install_thread_hooks(vm::ThreadHooks {
        start: thread_start,
        exit: thread_exit,
        detach,
        attach,
        stop_the_world: run_with_world_stopped,
        enter_heap,
        vm_made,
    });
    if thread_state::current().is_none() {
        registry().register_current_thread();
    }
    apply_scheme();
}

/// A main `Vm` for `--mode nogil` (after [`enter_mode`]).
pub fn new_vm() -> Vm {
    let drive = if refcount::counting() {
        gilgamesh_core::vm::eval::drive::<Nogil<true>>
    } else {
        gilgamesh_core::vm::eval::drive::<NogilPolicy>
    };
    let mut vm = Vm::with_driver(drive, "nogil");
    attach_vm(&mut vm);
    vm
}

/// The `--stats` lines of the free-threaded machinery.
pub fn stats_report() -> String {
    let s = &crate::biased_rc::STATS;
    let p = Registry::all_heaps()
        .iter()
        .map(|r| r.pause_stats())
        .fold(PauseStats::default(), PauseStats::merged);
    let mut out = format!(
        "refcount scheme: {}; deferred refcounting: {}\n",
        if ATOMIC_ONLY.load(Relaxed) {
            "atomic (every count on the shared word)"
        } else {
            "biased"
        },
        if gilgamesh_core::object::deferred::enabled() {
            "on (module-level functions, classes, modules immortal once threads start)"
        } else {
            "off"
        },
    );
    if let Some([local, shared, immortal]) = refcount::operation_counts() {
        let total = (local + shared + immortal).max(1);
        out.push_str(&format!(
            "refcount operations by the eval loop: {local} local (owner thread, plain), {shared} shared \
             (atomic, {:.1}%), {immortal} on immortal objects (skipped)\n",
            shared as f64 * 100.0 / total as f64
        ));
    }
    out.push_str(&format!(
        "biased refcounting: {} objects queued to their owner, {} merged by the owner, \
         {} merged because the owner had exited, {} merged for a detached owner\n",
        s.queued.load(Relaxed),
        s.merged_by_owner.load(Relaxed),
        s.merged_owner_exited.load(Relaxed),
        s.merged_owner_detached.load(Relaxed),
    ));
    let (acquired, contended) = gilgamesh_core::object::pycell::lock_stats();
    let n_contended: u64 = contended.iter().map(|(_, n)| n).sum();
    out.push_str(&format!(
        "per-object locks: {acquired} acquisitions, {n_contended} contended{}\n",
        if contended.is_empty() {
            String::new()
        } else {
            format!(
                " (by payload: {})",
                contended
                    .iter()
                    .map(|(t, n)| format!("{t} {n}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    ));
    out.push_str(&format!(
        "stop-the-world pauses: {} (total {:.3} ms, longest {:.3} ms)\n",
        p.count,
        p.total.as_secs_f64() * 1e3,
        p.max.as_secs_f64() * 1e3,
    ));
    out
}
