//! Finalizers that need Python code: a generator freed while suspended
//! inside a `try` or `with` block is closed first, so its `finally`
//! clauses and `__exit__` methods run (PEP 342: a generator's finalizer
//! calls `close()`).
//!
//! Deallocation never runs Python code (it happens inside cell closures and
//! in the middle of native operations), so the free is put off instead:
//! the deallocator asks [`take_back`] first, which resurrects such a
//! generator with one new reference held by this thread's queue and
//! requests a safe point. At the safe point ([`run_pending`]) the generator
//! is closed, a failure reported as CPython reports an exception in a
//! finalizer ("Exception ignored in: ..."), and the last reference dropped:
//! the generator is finished by then, so the second deallocation frees it.
//! For a loop that breaks out of a generator the `finally` runs before the
//! next call or backward jump, as on CPython it runs at once. The queue is
//! also drained when a module body or a thread's function ends. The request
//! is the process-wide eval breaker, which another thread may clear first;
//! it is set again while any thread's queue is non-empty.
//!
//! A generator found in a garbage cycle is cleared by the collector
//! without being closed (CPython would finalize it first).

use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use super::Vm;
use crate::object::header::ObjHeader;
use crate::object::{refcount, PyObj, Value};
use crate::types::GeneratorData;

thread_local! {
    /// Generators taken back from deallocation, waiting to be closed.
    static PENDING: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
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

/// The deallocation hook (`object::install_finalize_hook`): takes back a
/// generator that is suspended inside a `try` or `with` block and queues it
/// to be closed. Returns false (free it now) for any other generator.
///
/// # Safety
/// `p` is a generator object whose last reference is gone (the deallocator's
/// contract), so this thread has it to itself.
pub(crate) unsafe fn take_back(p: *const ObjHeader) -> bool {
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
    PENDING.with(|q| {
        let mut q = q.borrow_mut();
        if q.is_empty() {
            QUEUED_THREADS.fetch_add(1, Relaxed);
        }
        q.push(v);
    });
    super::request_safe_point();
    true
}

/// True if generators wait to be closed on this thread.
#[inline]
pub fn pending() -> bool {
    PENDING.with(|q| !q.borrow().is_empty())
}

/// Closes the generators queued by [`take_back`] on this thread (also those
/// that closing queues), reporting failures on stderr.
pub fn run_pending(vm: &mut Vm) {
    // The queue stays non-empty (and counted) until its last generator is
    // closed: closing one may queue more.
    while let Some(g) = PENDING.with(|q| q.borrow().last().cloned()) {
        if let Err(e) = super::iteration::gen_close(vm, &g) {
            let what = super::protocol::repr_string(vm, &g).unwrap_or_default();
            let text = super::traceback::format_exception(vm, &e.0);
            vm.write_stderr(&format!("Exception ignored in: {what}\n{text}"));
        }
        let emptied = PENDING.with(|q| {
            let mut q = q.borrow_mut();
            if let Some(i) = q.iter().rposition(|x| x.is(&g)) {
                q.remove(i);
            }
            q.is_empty()
        });
        drop(g);
        if emptied {
            QUEUED_THREADS.fetch_sub(1, Relaxed);
        }
    }
}
