//! Reference counting on the PEP 703 header: immortality, the owner fast path and
//! the shared slow path of biased reference counting.
//!
//! The functions here are the *general* protocol, correct in every mode:
//! an increment or decrement by the owner thread is a relaxed load and store of
//! `ob_ref_local` (no read-modify-write); any other thread uses the shared count.
//! In `--mode gil` every thread of an interpreter runs under the same owner id
//! (the interpreter's), so every operation takes the owner path and no atomic
//! read-modify-write is ever executed. The eval loop calls the policy seam
//! ([`crate::policy::Policy`]) instead, which in GIL mode skips even the owner
//! check.
//!
//! Sources: Objects/object.c (`_Py_IncRef`, `_Py_DecRefShared`,
//! `_Py_MergeZeroLocalRefcount`) and Python/brc.c.

use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use super::header::*;

thread_local! {
    /// The owner id under which this thread creates and owns objects. In GIL mode
    /// all threads of an interpreter share the interpreter's id; in nogil mode each
    /// thread has its own. 1 is the main interpreter.
    static OWNER_ID: Cell<usize> = const { Cell::new(1) };
}

/// The owner id of the calling thread.
#[inline(always)]
pub fn current_owner() -> usize {
    OWNER_ID.with(|c| c.get())
}

/// Sets the owner id of the calling thread (thread start-up only).
pub fn set_current_owner(id: usize) {
    OWNER_ID.with(|c| c.set(id));
}

/// Objects whose shared count went negative on a non-owner thread are handed to
/// this hook (the nogil front-end installs its merge queue). Until one is
/// installed they are counted here and left alive, which is always safe.
pub static UNQUEUED_OBJECTS: AtomicUsize = AtomicUsize::new(0);

/// Signature of the queue hook: give `obj` (with one reference held by the queue)
/// to its owner thread.
pub type QueueHook = fn(*const ObjHeader);

static QUEUE_HOOK: std::sync::OnceLock<QueueHook> = std::sync::OnceLock::new();

/// Installs the hook that queues objects to their owner (once per process).
pub fn install_queue_hook(hook: QueueHook) {
    let _ = QUEUE_HOOK.set(hook);
}

/// Increments the reference count of `obj`.
///
/// # Safety
/// `obj` must point to a live object.
#[inline(always)]
pub unsafe fn incref(obj: *const ObjHeader) {
    // SAFETY: the caller guarantees `obj` is live.
    let h = unsafe { &*obj };
    let local = h.ob_ref_local.load(Relaxed);
    if local == IMMORTAL {
        return;
    }
    if h.ob_tid.load(Relaxed) == current_owner() {
        // Overflow makes the object immortal, as CPython does.
        h.ob_ref_local.store(local.wrapping_add(1), Relaxed);
    } else {
        h.ob_ref_shared.fetch_add(1 << SHARED_SHIFT, Relaxed);
    }
}

/// Decrements the reference count of `obj`, freeing it when it reaches zero.
///
/// # Safety
/// `obj` must point to a live object and the caller must own the reference it
/// gives up.
#[inline(always)]
pub unsafe fn decref(obj: *const ObjHeader) {
    // SAFETY: the caller guarantees `obj` is live.
    let h = unsafe { &*obj };
    let local = h.ob_ref_local.load(Relaxed);
    if local == IMMORTAL {
        return;
    }
    if h.ob_tid.load(Relaxed) == current_owner() {
        let n = local - 1;
        h.ob_ref_local.store(n, Relaxed);
        if n == 0 {
            // SAFETY: the owner's count reached zero; the object is still live.
            unsafe { merge_zero_local(obj) };
        }
    } else {
        // SAFETY: as above.
        unsafe { decref_shared(obj) };
    }
}

/// The owner's count reached zero: free the object, or merge the counts and let
/// the shared count decide.
///
/// # Safety
/// `obj` is live and its local count is zero.
#[cold]
pub unsafe fn merge_zero_local(obj: *const ObjHeader) {
    // SAFETY: caller guarantees liveness.
    let h = unsafe { &*obj };
    let shared = h.ob_ref_shared.load(std::sync::atomic::Ordering::Acquire);
    if shared == 0 {
        // SAFETY: no other reference exists.
        unsafe { super::dealloc(obj) };
        return;
    }
    h.ob_tid.store(0, Relaxed);
    let mut cur = shared;
    loop {
        let new = cur | SHARED_MERGED;
        match h.ob_ref_shared.compare_exchange_weak(
            cur,
            new,
            std::sync::atomic::Ordering::AcqRel,
            Relaxed,
        ) {
            Ok(_) => {
                if new >> SHARED_SHIFT == 0 {
                    // SAFETY: the merged count is zero: nobody else holds a reference.
                    unsafe { super::dealloc(obj) };
                }
                return;
            }
            Err(actual) => cur = actual,
        }
    }
}

/// Decrement by a thread that does not own `obj`.
///
/// # Safety
/// `obj` is live and the caller owns the reference it gives up.
#[cold]
pub unsafe fn decref_shared(obj: *const ObjHeader) {
    // SAFETY: caller guarantees liveness.
    let h = unsafe { &*obj };
    let mut cur = h.ob_ref_shared.load(Relaxed);
    loop {
        let state = cur & SHARED_FLAGS_MASK;
        let mut new = cur - (1 << SHARED_SHIFT);
        let mut queue = false;
        if new < 0 && (state == SHARED_INITIAL || state == SHARED_MAYBE_WEAKREF) {
            // The owner still holds local references that will cover this one:
            // mark the object queued; the queue keeps our reference alive.
            new = (cur & !SHARED_FLAGS_MASK) | SHARED_QUEUED;
            queue = true;
        }
        match h.ob_ref_shared.compare_exchange_weak(
            cur,
            new,
            std::sync::atomic::Ordering::AcqRel,
            Relaxed,
        ) {
            Ok(_) => {
                if queue {
                    match QUEUE_HOOK.get() {
                        Some(hook) => hook(obj),
                        None => {
                            UNQUEUED_OBJECTS.fetch_add(1, Relaxed);
                        }
                    }
                } else if state == SHARED_MERGED && new >> SHARED_SHIFT == 0 {
                    // SAFETY: merged and the last reference is gone.
                    unsafe { super::dealloc(obj) };
                }
                return;
            }
            Err(actual) => cur = actual,
        }
    }
}
