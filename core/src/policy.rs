//! The concurrency-policy seam: how the eval loop counts references, enters
//! critical sections and services its safe point.
//!
//! The eval loop is generic over [`Policy`] and monomorphised once per mode, so
//! `--mode gil` compiles to plain increments with no owner check, no atomic
//! read-modify-write and empty critical sections. The free-threaded policy
//! (`nogil` crate) plugs in biased counting and per-object locks through the
//! same trait. Code outside the eval loop uses the general protocol in
//! [`crate::object::refcount`], which is correct in every mode.

use crate::object::header::SHARED_LOCAL;
use crate::object::{refcount, Value};
use crate::types::PyResult;
use crate::vm::Vm;
use std::sync::atomic::Ordering::Relaxed;

/// A refcounting and locking policy, chosen once at start-up.
pub trait Policy: 'static {
    /// The mode's name (`gil`, `nogil`).
    const NAME: &'static str;

    /// Global reads that skip counting a reference: a `LOAD_GLOBAL` consumed
    /// at once by `LOAD_ATTR` or a subscript reads from its cache slot
    /// (`vm::borrowed_reads::borrowed_global_read`). Worth the extra checks on every
    /// `LOAD_GLOBAL` only where counts on shared objects are atomic (free
    /// threading); under a GIL a count is a plain increment. (`LOAD_FAST`
    /// followed by `LOAD_ATTR` reads through the local in every mode.)
    const BORROW_FOR_READS: bool = false;

    /// A new reference to `v`.
    fn clone_value(v: &Value) -> Value;

    /// Gives up the reference held by `v`.
    fn drop_value(v: Value);

    /// Gives up `v`, a reference that other threads may be reading without
    /// a lock (a list item just replaced): after a QSBR grace period where
    /// threads read without locks (`crate::object::retire`); at once under
    /// a GIL, where nothing reads without it.
    #[inline(always)]
    fn retire_value(v: Value) {
        crate::object::retire(v)
    }

    /// Runs `f` inside the critical section of `obj` (a no-op under the GIL).
    fn critical_section<R>(obj: &Value, f: impl FnOnce() -> R) -> R;

    /// The eval loop's safe point: handles pending work (collection, signals,
    /// GIL drop requests) when the eval breaker is set.
    fn safe_point(vm: &mut Vm) -> PyResult<()>;

    /// True when the eval loop must visit its safe point: the interpreter-wide
    /// eval breaker, plus whatever per-thread requests the mode has.
    #[inline(always)]
    fn breaker_set(_vm: &Vm) -> bool {
        crate::vm::EVAL_BREAKER.load(Relaxed)
    }
}

/// An increment on an object shared zero-copy with other interpreters
/// ([`SHARED_LOCAL`]): the owner-checking protocol, which counts it
/// atomically on the shared count (its `ob_tid` is 0, no thread's id).
///
/// # Safety
/// The object is live.
#[cold]
#[inline(never)]
unsafe fn shared_incref(h: &crate::object::ObjHeader) {
    // SAFETY: the caller guarantees liveness.
    unsafe { refcount::incref(h) }
}

/// The decrement matching [`shared_incref`]; frees the object with the last
/// reference of any interpreter.
///
/// # Safety
/// The object is live and the caller gives up a reference to it.
#[cold]
#[inline(never)]
unsafe fn shared_decref(p: *const crate::object::ObjHeader) {
    // SAFETY: the caller guarantees liveness and gives up its reference.
    unsafe { refcount::decref(p) }
}

/// `--mode gil`: one lock per interpreter, plain reference counts.
///
/// Every thread of a GIL interpreter runs under the interpreter's owner id, so
/// every object is owned by the running thread and the owner check of the
/// general protocol is always true: this policy skips it. The exception is a
/// `str`/`bytes` shared zero-copy with other interpreters, whose local count
/// is the mark [`SHARED_LOCAL`]: the test for immortality (`>=` instead of
/// `==`) sends it to the general protocol, which counts it atomically.
pub struct GilPolicy;

impl Policy for GilPolicy {
    const NAME: &'static str = "gil";

    #[inline(always)]
    fn clone_value(v: &Value) -> Value {
        if let Some(h) = v.header() {
            let l = h.ob_ref_local.load(Relaxed);
            if l < SHARED_LOCAL {
                h.ob_ref_local.store(l.wrapping_add(1), Relaxed);
            } else if l == SHARED_LOCAL {
                // SAFETY: `v` keeps the object alive.
                unsafe { shared_incref(h) };
            }
        }
        // SAFETY: we just took a new reference (or the object is immortal).
        unsafe { Value::from_raw_bits(v.bits()) }
    }

    #[inline(always)]
    fn drop_value(v: Value) {
        let bits = v.into_raw();
        // Tagged ints and floats hold no reference.
        if bits & crate::object::value::TAG_MASK != 0 {
            return;
        }
        let p = bits as *const crate::object::ObjHeader;
        // SAFETY: `v` owned a reference to this live object.
        let h = unsafe { &*p };
        let l = h.ob_ref_local.load(Relaxed);
        if l >= SHARED_LOCAL {
            if l == SHARED_LOCAL {
                // SAFETY: `v` owned a reference to this live object.
                unsafe { shared_decref(p) };
            }
            return;
        }
        let n = l - 1;
        h.ob_ref_local.store(n, Relaxed);
        if n == 0 {
            // SAFETY: the last local reference is gone; the object is live.
            unsafe { refcount::merge_zero_local(p) };
        }
    }

    #[inline(always)]
    fn retire_value(v: Value) {
        Self::drop_value(v)
    }

    #[inline(always)]
    fn critical_section<R>(_obj: &Value, f: impl FnOnce() -> R) -> R {
        f()
    }

    #[inline]
    fn safe_point(vm: &mut Vm) -> PyResult<()> {
        vm.service_eval_breaker()
    }
}
