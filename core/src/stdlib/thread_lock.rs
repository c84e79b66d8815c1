//! `_thread.lock` and `_thread.RLock`: the locks every `threading` and
//! `queue` primitive is built from.
//!
//! A lock is a flag under a parking_lot mutex with a condition variable for
//! waiters ([`RawLock`]). Taking a free lock never releases the GIL (the fast
//! path CPython also has); a blocking acquire releases it, waits, and takes
//! it back (`Py_BEGIN_ALLOW_THREADS` around `PyThread_acquire_lock_timed`).
//! In the main thread the wait is woken by Ctrl-C: the SIGINT handler raises
//! `KeyboardInterrupt`, or the wait goes on with the time left (PEP 475).
//!
//! `RLock` is native as in CPython (`Modules/_threadmodule.c`, `rlockobject`):
//! the owner's ident and a recursion count beside a plain lock.

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};

use crate::object::Value;
use crate::types::exception::{overflow_error, runtime_error, type_error, value_error};
use crate::types::methods::{arg, arg_or_kw, m, Method};
use crate::types::misc::NativeState;
use crate::types::{self, Kwargs, OpaqueData, PyResult, StaticValue};
use crate::vm::Vm;

/// The longest timeout `acquire` accepts (`_thread.TIMEOUT_MAX`).
pub const TIMEOUT_MAX: f64 = 4294967.0;

/// A non-reentrant lock that any thread may release.
#[derive(Default)]
pub struct RawLock {
    locked: Mutex<bool>,
    freed: Condvar,
}

impl RawLock {
    /// Takes the lock if it is free.
    pub fn try_acquire(&self) -> bool {
        let mut l = self.locked.lock();
        !std::mem::replace(&mut *l, true)
    }

    /// Frees the lock; false if it was not locked.
    pub fn release(&self) -> bool {
        let mut l = self.locked.lock();
        if !*l {
            return false;
        }
        *l = false;
        self.freed.notify_one();
        true
    }

    /// True if some thread holds the lock.
    pub fn is_locked(&self) -> bool {
        *self.locked.lock()
    }

    /// Waits (without the GIL) until the lock is free and takes it. A free
    /// lock is taken even when a signal is pending, so a wake-up meant for
    /// another waiter is never swallowed.
    fn wait(&self, deadline: Option<Instant>, is_main: bool) -> Wait {
        let mut held = self.locked.lock();
        loop {
            if !*held {
                *held = true;
                return Wait::Acquired;
            }
            if is_main && crate::signals::sigint_pending() {
                return Wait::Interrupted;
            }
            match deadline {
                Some(d) => {
                    if self.freed.wait_until(&mut held, d).timed_out() && *held {
                        return Wait::TimedOut;
                    }
                }
                None => self.freed.wait(&mut held),
            }
        }
    }

    /// Wakes every waiter (they re-check the lock and the signal flag).
    fn wake_all(&self) {
        let _g = self.locked.lock();
        self.freed.notify_all();
    }
}

/// How a blocking wait ended.
enum Wait {
    Acquired,
    TimedOut,
    Interrupted,
}

/// Times a blocking acquire yields the processor and retries before it
/// parks, when no GIL runs (CPython's `MAX_SPIN_COUNT`, `Python/lock.c`: 40
/// in free-threaded builds, 0 with a GIL, where the holder cannot run while
/// the waiter spins).
const MAX_SPIN_COUNT: usize = 40;

/// Blocks until `lock` is taken or `deadline` passes, with the GIL released.
///
/// Without a GIL it first yields and retries a few times: a holder on the
/// same processor then gets to release, and the lock changes hands without
/// a park and a wake-up. Parking at once made two threads sharing one core
/// hand the lock back and forth through the kernel on every acquisition (a
/// lock convoy: 20x slower than one thread).
pub fn acquire_blocking(
    vm: &mut Vm,
    lock: &Arc<RawLock>,
    deadline: Option<Instant>,
) -> PyResult<bool> {
    if !crate::gil::enabled() {
        for _ in 0..MAX_SPIN_COUNT {
            std::thread::yield_now();
            if lock.try_acquire() {
                return Ok(true);
            }
            if deadline.is_some_and(|d| Instant::now() >= d) {
                break;
            }
        }
    }
    let is_main = vm.is_main_thread;
    loop {
        let waker = lock.clone();
        let waiter = lock.clone();
        let outcome = crate::gil::allow_threads(crate::trace::BLOCKED_LOCK, move || {
            crate::signals::wait_on(
                is_main,
                move || waker.wake_all(),
                move || waiter.wait(deadline, is_main),
            )
        });
        match outcome {
            Wait::Acquired => return Ok(true),
            Wait::TimedOut => return Ok(false),
            Wait::Interrupted => vm.service_eval_breaker()?,
        }
    }
}

/// Parses `acquire(blocking=True, timeout=-1)` (arguments after `self`) into
/// "may block" and the deadline.
fn acquire_args(vm: &mut Vm, args: &[Value], kw: &Kwargs) -> PyResult<(bool, Option<Instant>)> {
    let blocking = match arg_or_kw(args, kw, 1, "blocking") {
        Some(b) => crate::vm::protocol::truthy(vm, b)?,
        None => true,
    };
    let timeout = match arg_or_kw(args, kw, 2, "timeout") {
        Some(t) => super::math::float_arg(vm, t)?,
        None => -1.0,
    };
    if !blocking && timeout != -1.0 {
        return Err(value_error(
            "can't specify a timeout for a non-blocking call",
        ));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(value_error("timeout value must be positive"));
    }
    if timeout > TIMEOUT_MAX {
        return Err(overflow_error("timestamp out of range for platform time_t"));
    }
    let deadline = (timeout >= 0.0).then(|| Instant::now() + Duration::from_secs_f64(timeout));
    Ok((blocking, deadline))
}

fn address(v: &Value) -> String {
    format!("0x{:x}", v.bits())
}

// ---- _thread.lock -------------------------------------------------------

#[derive(Default)]
struct LockState {
    raw: Arc<RawLock>,
}

impl NativeState for LockState {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

fn with_lock<R>(v: &Value, f: impl FnOnce(&mut LockState) -> R) -> PyResult<R> {
    v.downcast::<OpaqueData>()
        .and_then(|o| o.with(f))
        .ok_or_else(|| type_error("lock object expected"))
}

fn lock_acquire(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let this = arg(args, 0, "acquire")?;
    if args.len() == 1 && kw.is_empty() && with_lock(this, |s| s.raw.try_acquire())? {
        return Ok(types::bool_value(true));
    }
    let (blocking, deadline) = acquire_args(vm, args, &kw)?;
    let raw = with_lock(this, |s| s.raw.clone())?;
    if raw.try_acquire() {
        return Ok(types::bool_value(true));
    }
    if !blocking {
        return Ok(types::bool_value(false));
    }
    Ok(types::bool_value(acquire_blocking(vm, &raw, deadline)?))
}

fn lock_release(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    if !with_lock(arg(args, 0, "release")?, |s| s.raw.release())? {
        return Err(runtime_error("release unlocked lock"));
    }
    Ok(types::none())
}

fn lock_locked(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let locked = with_lock(arg(args, 0, "locked")?, |s| s.raw.is_locked())?;
    Ok(types::bool_value(locked))
}

fn lock_exit(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    lock_release(vm, &args[..1], kw)?;
    Ok(types::bool_value(false))
}

fn lock_repr(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let this = arg(args, 0, "__repr__")?;
    let locked = with_lock(this, |s| s.raw.is_locked())?;
    Ok(types::new_str(format!(
        "<{} _thread.lock object at {}>",
        if locked { "locked" } else { "unlocked" },
        address(this)
    )))
}

/// The `_thread.lock` type.
pub fn lock_type() -> &'static Value {
    static T: OnceLock<StaticValue> = OnceLock::new();
    T.get_or_init(|| {
        let methods: Vec<Method> = vec![
            m("acquire", lock_acquire),
            m("release", lock_release),
            m("locked", lock_locked),
            m("__enter__", lock_acquire),
            m("__exit__", lock_exit),
            m("__repr__", lock_repr),
            m("acquire_lock", lock_acquire),
            m("release_lock", lock_release),
            m("locked_lock", lock_locked),
        ];
        StaticValue(super::make_native_type_flags(
            "lock",
            "_thread",
            &methods,
            None,
            types::typeobj::WEAKREFABLE,
        ))
    })
    .v()
}

/// `_thread.allocate_lock()`.
pub fn allocate_lock(_vm: &mut Vm, _args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::misc::new_opaque(
        lock_type(),
        Box::new(LockState::default()),
    ))
}

// ---- _thread.RLock ------------------------------------------------------

/// A reentrant lock: `owner` (a thread ident, 0 = none) and `count` change
/// only while `raw` is held by that owner.
#[derive(Default)]
struct RLockState {
    raw: Arc<RawLock>,
    owner: u64,
    count: u64,
}

impl NativeState for RLockState {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

fn with_rlock<R>(v: &Value, f: impl FnOnce(&mut RLockState) -> R) -> PyResult<R> {
    v.downcast::<OpaqueData>()
        .and_then(|o| o.with(f))
        .ok_or_else(|| type_error("RLock object expected"))
}

/// Tries the non-blocking ways in: already ours (count up) or free.
fn rlock_try(this: &Value, me: u64) -> PyResult<bool> {
    with_rlock(this, |s| {
        if s.owner == me {
            s.count = s
                .count
                .checked_add(1)
                .ok_or_else(|| overflow_error("Internal lock count overflowed"))?;
            return Ok(true);
        }
        if s.raw.try_acquire() {
            s.owner = me;
            s.count = 1;
            return Ok(true);
        }
        Ok(false)
    })?
}

fn rlock_acquire(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let this = arg(args, 0, "acquire")?;
    let me = super::thread::ident();
    if args.len() == 1 && kw.is_empty() && rlock_try(this, me)? {
        return Ok(types::bool_value(true));
    }
    let (blocking, deadline) = acquire_args(vm, args, &kw)?;
    if rlock_try(this, me)? {
        return Ok(types::bool_value(true));
    }
    if !blocking {
        return Ok(types::bool_value(false));
    }
    let raw = with_rlock(this, |s| s.raw.clone())?;
    if !acquire_blocking(vm, &raw, deadline)? {
        return Ok(types::bool_value(false));
    }
    with_rlock(this, |s| {
        s.owner = me;
        s.count = 1;
    })?;
    Ok(types::bool_value(true))
}

fn rlock_release(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let me = super::thread::ident();
    with_rlock(arg(args, 0, "release")?, |s| {
        if s.count == 0 || s.owner != me {
            return Err(runtime_error("cannot release un-acquired lock"));
        }
        s.count -= 1;
        if s.count == 0 {
            s.owner = 0;
            s.raw.release();
        }
        Ok(())
    })??;
    Ok(types::none())
}

fn rlock_exit(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    rlock_release(vm, &args[..1], kw)?;
    Ok(types::bool_value(false))
}

/// `_release_save()`: frees the lock whatever the recursion depth and returns
/// `(count, owner)` for `_acquire_restore` (used by `Condition.wait`).
fn rlock_release_save(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let (count, owner) = with_rlock(arg(args, 0, "_release_save")?, |s| {
        if s.count == 0 {
            return Err(runtime_error("cannot release un-acquired lock"));
        }
        let saved = (s.count, s.owner);
        s.count = 0;
        s.owner = 0;
        s.raw.release();
        Ok(saved)
    })??;
    Ok(types::new_tuple(vec![
        types::new_int(count as i64),
        types::new_int(owner as i64),
    ]))
}

/// `_acquire_restore((count, owner))`: takes the lock back (blocking) and
/// restores the saved recursion state.
fn rlock_acquire_restore(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let this = arg(args, 0, "_acquire_restore")?;
    let state = arg(args, 1, "_acquire_restore")?;
    let items = state
        .downcast::<types::TupleData>()
        .map(|t| t.items().to_vec())
        .filter(|t| t.len() == 2)
        .ok_or_else(|| type_error("_acquire_restore() argument must be a (count, owner) tuple"))?;
    let count =
        types::bigint::to_i64(&items[0]).ok_or_else(|| type_error("count must be an int"))?;
    let owner =
        types::bigint::to_i64(&items[1]).ok_or_else(|| type_error("owner must be an int"))?;
    let raw = with_rlock(this, |s| s.raw.clone())?;
    if !raw.try_acquire() {
        acquire_blocking(vm, &raw, None)?;
    }
    with_rlock(this, |s| {
        s.count = count as u64;
        s.owner = owner as u64;
    })?;
    Ok(types::none())
}

fn rlock_is_owned(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let me = super::thread::ident();
    let owned = with_rlock(arg(args, 0, "_is_owned")?, |s| s.count > 0 && s.owner == me)?;
    Ok(types::bool_value(owned))
}

fn rlock_recursion_count(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let me = super::thread::ident();
    let n = with_rlock(arg(args, 0, "_recursion_count")?, |s| {
        if s.owner == me {
            s.count
        } else {
            0
        }
    })?;
    Ok(types::new_int(n as i64))
}

fn rlock_repr(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let this = arg(args, 0, "__repr__")?;
    let (owner, count) = with_rlock(this, |s| (s.owner, s.count))?;
    Ok(types::new_str(format!(
        "<{} _thread.RLock object owner={owner} count={count} at {}>",
        if count > 0 { "locked" } else { "unlocked" },
        address(this)
    )))
}

fn rlock_new(_vm: &mut Vm, _args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::misc::new_opaque(
        rlock_type(),
        Box::new(RLockState::default()),
    ))
}

/// The `_thread.RLock` type.
pub fn rlock_type() -> &'static Value {
    static T: OnceLock<StaticValue> = OnceLock::new();
    T.get_or_init(|| {
        let methods: Vec<Method> = vec![
            m("acquire", rlock_acquire),
            m("release", rlock_release),
            m("__enter__", rlock_acquire),
            m("__exit__", rlock_exit),
            m("__repr__", rlock_repr),
            m("_release_save", rlock_release_save),
            m("_acquire_restore", rlock_acquire_restore),
            m("_is_owned", rlock_is_owned),
            m("_recursion_count", rlock_recursion_count),
        ];
        StaticValue(super::make_native_type_flags(
            "RLock",
            "_thread",
            &methods,
            Some(rlock_new),
            types::typeobj::WEAKREFABLE,
        ))
    })
    .v()
}
