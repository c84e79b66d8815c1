//! Finalizers that need Python code: an instance whose class defines
//! `__del__` has it called before it is freed, and a generator freed while
//! suspended inside a `try` or `with` block is closed first, so its
//! `finally` clauses and `__exit__` methods run (PEP 342: a generator's
//! finalizer calls `close()`).
//!
//! Deallocation never runs Python code (it happens inside cell closures and
//! in the middle of native operations), so the free is put off instead:
//! the deallocator asks [`take_back`] first, which resurrects such an
//! object with one new reference held by this thread's queue and requests a
//! safe point. At the safe point ([`run_pending`]) the instance's `__del__`
//! is called or the generator closed, a failure reported as CPython reports
//! an exception in a finalizer ("Exception ignored in: ..."), and the last
//! reference dropped: the object is marked finalized (or the generator
//! finished) by then, so the second deallocation frees it, unless the
//! finalizer stored the object somewhere (resurrection: it lives on, and
//! its `__del__` is not called again, as PEP 442 specifies). So a
//! `__del__` or a `finally` runs before the next call or backward jump
//! after the last reference goes, where CPython runs it at once: output
//! comes in the same order relative to the program's own calls. The queue
//! is also drained when a module body or a thread's function ends. The
//! request is the process-wide eval breaker, which another thread may clear
//! first; it is set again while any thread's queue is non-empty.
//!
//! The cycle collector asks [`queue_unreachable`] for each object of
//! cyclic garbage before clearing any: instances with a `__del__` still to
//! run are queued (which keeps their whole cycle alive) and nothing is
//! cleared in that collection; once the finalizers have run, a later
//! collection frees the cycle if it is still unreachable (PEP 442's order:
//! finalizers see intact objects). `gc.collect()` runs the queued
//! finalizers and collects again itself. A generator found in a garbage
//! cycle is cleared without being closed (CPython would finalize it first).
//! The callbacks of weak references cleared by a death
//! (`object::weakref_table`) go through the same queue
//! ([`queue_weakref_callbacks`]): deallocation and the collector only
//! queue them, and [`run_pending`] calls each with its weak reference.
//! At shutdown [`clear_main_module`] empties `__main__`, which finalizes
//! what the program kept in its globals; objects reachable only from other
//! modules are not finalized (CPython clears every module's namespace).

use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use super::Vm;
use crate::object::header::{ObjHeader, GC_FINALIZED, GC_WEAKREFS};
use crate::object::{refcount, Kind, PyObj, Value};
use crate::types::GeneratorData;

thread_local! {
    /// Objects taken back from deallocation (or found in cyclic garbage),
    /// waiting for their finalizers.
    static PENDING: RefCell<Vec<Pending>> = const { RefCell::new(Vec::new()) };
}

/// Work queued for the next safe point.
enum Pending {
    /// An object to finalize (`__del__`, or a generator to close).
    Object(Value),
    /// A cleared weak reference and its callback, to call with it.
    Callback(Value, Value),
}

/// Threads whose queue is not empty. The safe-point request that
/// [`take_back`] makes is the process-wide eval breaker, which any thread
/// may service (and clear) first; while this is non-zero, a thread that
/// serviced it sets it again, so the thread that queued the generator
/// reaches its own safe point soon (before, say, a `join` on it returns).
static QUEUED_THREADS: AtomicUsize = AtomicUsize::new(0);

/// True if some other thread has generators waiting to be closed (called
/// after draining this thread's queue).
pub fn queued_elsewhere() -> bool {
    QUEUED_THREADS.load(Relaxed) > 0
}

/// The deallocation hook (`object::install_finalize_hook`): takes back an
/// object whose `__del__` has not run yet, or a generator that is
/// suspended inside a `try` or `with` block, and queues it. Returns false
/// (free it now) for any other object or generator.
///
/// # Safety
/// `p` is a generator, or an object whose class defines `__del__`, whose
/// last reference is gone (the deallocator's contract), so this thread has
/// it to itself.
pub(crate) unsafe fn take_back(p: *const ObjHeader) -> bool {
    // SAFETY: the caller passes a live object that no one else can reach.
    let h = unsafe { &*p };
    if h.kind() != Kind::Generator {
        // The deallocator asks only for objects whose class defines
        // `__del__` (`object::class_has_del`).
        if finalized(h) {
            return false;
        }
        mark_finalized(h);
        // SAFETY: as above; the object gets one fresh reference, owned by
        // this thread, which the queue holds.
        let v = unsafe {
            h.reset_counts(refcount::current_owner());
            Value::from_raw(p)
        };
        if h.ob_gc_bits.load(Relaxed) & GC_WEAKREFS != 0 {
            // Its weak references stay valid while `__del__` runs (they are
            // cleared only if it really dies), so other threads' `try_incref`
            // must keep working on the fresh counts.
            refcount::mark_maybe_weakref_words(h);
        }
        enqueue(Pending::Object(v));
        return true;
    }
    // SAFETY: the caller passes a live generator object (kind checked by
    // the deallocator) that no one else can reach.
    let g = unsafe { &(*(p as *const PyObj<GeneratorData>)).data };
    if g.frame.is_done() {
        // The common case, a generator that ran to its end.
        return false;
    }
    let needs_close = g
        .frame
        .inspect(|f| f.ip > 0 && !f.blocks.is_empty())
        .unwrap_or(false);
    if !needs_close {
        return false;
    }
    // SAFETY: as above; the object gets one fresh reference, owned by this
    // thread, which the queue holds.
    let v = unsafe {
        (*p).reset_counts(refcount::current_owner());
        Value::from_raw(p)
    };
    enqueue(Pending::Object(v));
    true
}

/// The weak-reference table's callback hook
/// (`weakref_table::install_callback_hook`): queues the callbacks of weak
/// references cleared by a death, to run at the next safe point in the
/// order given (the queue is taken from its end, so they are pushed
/// reversed).
pub(crate) fn queue_weakref_callbacks(cbs: crate::object::weakref_table::Callbacks) {
    for (wr, cb) in cbs.into_iter().rev() {
        enqueue(Pending::Callback(wr, cb));
    }
}

/// Queues `v` (a reference the queue now holds) for its finalizer and
/// requests a safe point.
fn enqueue(v: Pending) {
    PENDING.with(|q| {
        let mut q = q.borrow_mut();
        if q.is_empty() {
            QUEUED_THREADS.fetch_add(1, Relaxed);
        }
        q.push(v);
    });
    super::request_safe_point();
}

/// True if `h` is an instance of a class (a subclass of a built-in type
/// included) that defines `__del__`, and its `__del__` has not run. Runs no
/// Python code (the class's cached flag).
fn needs_del(h: &ObjHeader) -> bool {
    // SAFETY: `h` is a live object (the callers' contract).
    !finalized(h) && unsafe { crate::object::class_has_del(h) }
}

/// True if `h`'s `__del__` has run or is queued.
fn finalized(h: &ObjHeader) -> bool {
    h.ob_gc_bits.load(Relaxed) & GC_FINALIZED != 0
}

/// Marks `h` as finalized: its `__del__` is not called again.
fn mark_finalized(h: &ObjHeader) {
    // A read-modify-write: the collector's marks share the byte, and in
    // free-threaded mode another thread may be tracking or untracking.
    h.ob_gc_bits.fetch_or(GC_FINALIZED, Relaxed);
}

/// The collector's hook (`gc::install_finalizer_hook`), asked for each
/// object of cyclic garbage before anything is cleared: queues an instance
/// whose `__del__` has not run, with a new reference (which keeps its cycle
/// alive until the finalizer has run), and returns true. Runs no Python
/// code.
///
/// # Safety
/// `p` is a live object.
pub(crate) unsafe fn queue_unreachable(p: *const ObjHeader) -> bool {
    // SAFETY: the caller guarantees liveness.
    let h = unsafe { &*p };
    if !needs_del(h) {
        return false;
    }
    mark_finalized(h);
    // SAFETY: live (the caller's guarantee); this takes a new reference.
    enqueue(Pending::Object(unsafe { Value::from_borrowed(p) }));
    true
}

/// True if finalizers wait to run on this thread (or were left by an
/// ended thread).
#[inline]
pub fn pending() -> bool {
    PENDING.with(|q| !q.borrow().is_empty())
        || (QUEUED_THREADS.load(Relaxed) > 0 && orphan_here(&ORPHANED.lock()).is_some())
}

/// Runs the finalizers queued on this thread (`__del__` of instances,
/// `close()` of generators; also those that running them queues),
/// reporting failures on stderr.
pub fn run_pending(vm: &mut Vm) {
    // Each object leaves the queue before its finalizer runs: a finalizer
    // runs Python code, whose safe points drain the queue too (a nested
    // `run_pending`), and must not find the same object again.
    while let Some(next) = take_next() {
        let g = match next {
            Pending::Object(g) => g,
            Pending::Callback(wr, cb) => {
                let r = super::call::call_value(
                    vm,
                    &cb,
                    std::slice::from_ref(&wr),
                    crate::types::Kwargs::default(),
                );
                if let Err(e) = r {
                    report_ignored(vm, &cb, &e);
                }
                continue;
            }
        };
        let (result, culprit) = if g.kind() == Kind::Generator {
            (super::iteration::gen_close(vm, &g), g.clone())
        } else {
            // The class's `__del__` as it is now (bound to the instance).
            let (ty, td) = super::attr::type_data_of(&g);
            match td.lookup(ty, crate::name!("__del__")) {
                Some(del) => (
                    super::call::call_value(
                        vm,
                        &del,
                        std::slice::from_ref(&g),
                        crate::types::Kwargs::default(),
                    )
                    .map(drop),
                    del,
                ),
                None => (Ok(()), g.clone()),
            }
        };
        if let Err(e) = result {
            report_ignored(vm, &culprit, &e);
        }
        drop(g);
    }
}

/// Reports an exception that escaped a finalizer or a weak reference's
/// callback as CPython's `PyErr_WriteUnraisable` does.
fn report_ignored(vm: &mut Vm, culprit: &Value, e: &crate::types::PyErr) {
    let what = super::protocol::repr_string(vm, culprit).unwrap_or_default();
    let text = super::traceback::format_exception(vm, &e.0);
    vm.write_stderr(&format!("Exception ignored in: {what}\n{text}"));
}

/// Takes the last queued object off this thread's queue (uncounting the
/// thread when that empties it), else one that an ended thread left.
fn take_next() -> Option<Pending> {
    let mine = PENDING.with(|q| {
        let mut q = q.borrow_mut();
        let g = q.pop()?;
        if q.is_empty() {
            QUEUED_THREADS.fetch_sub(1, Relaxed);
        }
        Some(g)
    });
    if mine.is_some() || QUEUED_THREADS.load(Relaxed) == 0 {
        return mine;
    }
    let mut orphans = ORPHANED.lock();
    let i = orphan_here(&orphans)?;
    let g = orphans.swap_remove(i);
    if orphans.is_empty() {
        QUEUED_THREADS.fetch_sub(1, Relaxed);
    }
    Some(g.0)
}

/// Objects queued on threads that have ended, for the other threads of the
/// same interpreter to finalize.
static ORPHANED: parking_lot::Mutex<Vec<Orphan>> = parking_lot::Mutex::new(Vec::new());

/// A queued reference handed from an ended thread to the others, with the
/// heap of the interpreter it belongs to: only a thread running in that
/// interpreter (under its GIL) may finalize it.
struct Orphan(Pending, *const crate::gc::Heap);

/// The position of an orphan the calling thread may finalize (one of its
/// current heap).
fn orphan_here(orphans: &[Orphan]) -> Option<usize> {
    let here: *const crate::gc::Heap = crate::gc::current_heap();
    orphans.iter().rposition(|o| std::ptr::eq(o.1, here))
}

// SAFETY: a `Value` may be moved to and dropped on any thread: biased
// counting routes a non-owner's decrement to the shared count, and the
// owner here has ended (its objects' counts were merged or are merged when
// queued to it). Only a thread of the same interpreter takes it
// (`orphan_here`), and under a GIL that thread holds the interpreter's GIL
// when it drains. The heap pointer is only compared, never dereferenced.
unsafe impl Send for Orphan {}

/// Collects the current heap and runs the finalizers that queues (and
/// those they queue) in `vm`, collecting again after each round, so what
/// they did not resurrect is freed (CPython's collection does this in one):
/// `gc.collect()`, and an interpreter's last collection at `close()`.
/// Returns the objects found unreachable.
pub fn collect_with_finalizers(vm: &mut Vm) -> usize {
    let mut found = crate::gc::collect();
    let mut rounds = 0;
    while pending() && rounds < 8 {
        run_pending(vm);
        found += crate::gc::collect();
        rounds += 1;
    }
    found
}

/// Called by a thread as it ends, after its last objects were released
/// (the exit hook merges its counts, which may free objects whose
/// finalizers then queue here): hands what is still queued to the other
/// threads, which run it at their next safe point.
pub fn hand_off_pending() {
    let left: Vec<Pending> = PENDING.with(|q| std::mem::take(&mut *q.borrow_mut()));
    if left.is_empty() {
        return;
    }
    // This thread's queue was counted; the orphan list now is instead.
    let mut orphans = ORPHANED.lock();
    if !orphans.is_empty() {
        QUEUED_THREADS.fetch_sub(1, Relaxed);
    }
    let heap: *const crate::gc::Heap = crate::gc::current_heap();
    orphans.extend(left.into_iter().map(|p| Orphan(p, heap)));
    drop(orphans);
    super::request_safe_point();
}

/// Clears the `__main__` namespace at shutdown as CPython's
/// `_PyModule_ClearDict` does (names starting with one underscore set to
/// None first, then every name but `__builtins__`), collects cycles (when
/// some class defines `__del__`), and runs the finalizers that this queues, so the `__del__` of objects the
/// program kept in globals runs before the process ends. `flush_retired`
/// frees what free-threaded mode put off for a QSBR grace period (nothing
/// else runs by then).
///
/// Skipped while daemon threads still run: they would find the namespace
/// emptied under them (CPython stops them from running Python first).
pub fn clear_main_module(vm: &mut Vm, globals: &Value, flush_retired: fn()) {
    // Joined threads finish their native exit a moment after `join`
    // returns: give them 50 ms; what still runs then is a daemon thread.
    for _ in 0..50 {
        if crate::stdlib::thread::running_threads() == 0 {
            break;
        }
        crate::gil::allow_threads(crate::trace::BLOCKED_SLEEP, || {
            std::thread::sleep(std::time::Duration::from_millis(1))
        });
    }
    if crate::stdlib::thread::running_threads() > 0 {
        return;
    }
    let Some(g) = globals.downcast::<crate::types::DictData>() else {
        return;
    };
    let keys = g.keys();
    let names: Vec<(Value, String)> = keys
        .into_iter()
        .filter_map(|k| crate::types::str::as_str(&k).map(|s| (k.clone(), s.to_string())))
        .collect();
    let single_underscore = |n: &str| n.starts_with('_') && !n.starts_with("__");
    for pass in [true, false] {
        for (k, n) in &names {
            if n == "__builtins__" || (pass && !single_underscore(n)) {
                continue;
            }
            g.set_str(k.clone(), crate::types::none());
            // Each value's finalizer runs as its name goes, as in CPython.
            // In free-threaded mode a replaced value waits for a QSBR grace
            // period; no other thread runs now, so `flush_retired` ends it.
            flush_retired();
            if pending() {
                run_pending(vm);
            }
        }
    }
    if crate::types::typeobj::finalizers_defined() {
        crate::gc::collect();
        run_pending(vm);
        flush_retired();
        run_pending(vm);
    }
}
