//! The `_thread` module: OS threads running Python code under the GIL, and
//! the basic lock. `threading` (embedded Python) is built on top of it.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};

use super::{add_functions, set_attr};
use crate::object::Value;
use crate::types::exception::{runtime_error, type_error, value_error};
use crate::types::methods::{m, Method};
use crate::types::misc::NativeState;
use crate::types::{self, Kwargs, OpaqueData, PyResult, StaticValue};
use crate::vm::Vm;

/// Native stack of threads started from Python.
const THREAD_STACK: usize = 64 << 20;

/// Threads started and not yet finished.
static RUNNING: AtomicUsize = AtomicUsize::new(0);
static NEXT_IDENT: AtomicU64 = AtomicU64::new(1);

thread_local! {
    static IDENT: u64 = NEXT_IDENT.fetch_add(1, Relaxed);
}

/// The calling thread's identifier (`_thread.get_ident()`).
pub fn ident() -> u64 {
    IDENT.with(|i| *i)
}

/// Values handed to a new thread. They are only touched by the new thread
/// after it has taken the GIL.
struct Handoff(Vec<Value>);
// SAFETY: the values are moved to the new thread, which uses them only while
// holding the GIL; the spawning thread keeps no access to them.
unsafe impl Send for Handoff {}

fn start_new_thread(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("start_new_thread", args, 2, 3)?;
    if args[1].kind() != crate::object::Kind::Tuple {
        return Err(type_error("2nd arg must be a tuple"));
    }
    let kwargs = args.get(2).cloned().unwrap_or_else(types::none);
    let handoff = Handoff(vec![
        args[0].clone(),
        args[1].clone(),
        kwargs,
        vm.builtins.clone(),
        vm.modules.clone(),
        vm.sys.clone(),
    ]);
    RUNNING.fetch_add(1, Relaxed);
    let (tx, rx) = std::sync::mpsc::channel::<u64>();
    let spawned = std::thread::Builder::new()
        .stack_size(THREAD_STACK)
        .spawn(move || {
            let _ = tx.send(ident());
            crate::gil::take();
            let h = handoff;
            run_thread(h.0);
            RUNNING.fetch_sub(1, Relaxed);
            crate::gil::release_at_thread_exit();
        });
    if spawned.is_err() {
        RUNNING.fetch_sub(1, Relaxed);
        return Err(runtime_error("can't start new thread"));
    }
    let id = crate::gil::allow_threads(crate::trace::BLOCKED_START, || rx.recv().unwrap_or(0));
    Ok(types::new_int(id as i64))
}

fn run_thread(values: Vec<Value>) {
    let mut it = values.into_iter();
    let (func, args, kwargs, builtins, modules, sys) = match (
        it.next(),
        it.next(),
        it.next(),
        it.next(),
        it.next(),
        it.next(),
    ) {
        (Some(a), Some(b), Some(c), Some(d), Some(e), Some(f)) => (a, b, c, d, e, f),
        _ => return,
    };
    let mut vm = Vm::for_thread(builtins, modules, sys);
    vm.guard_native_stack(THREAD_STACK);
    let pos = args
        .downcast::<types::TupleData>()
        .map(|t| t.items().to_vec())
        .unwrap_or_default();
    let result = match kwargs.downcast::<types::DictData>() {
        Some(d) => {
            let items = d.items();
            let names: Vec<Value> = items.iter().map(|(k, _)| types::intern_value(k)).collect();
            let vals: Vec<Value> = items.into_iter().map(|(_, v)| v).collect();
            crate::vm::call::call_value(
                &mut vm,
                &func,
                &pos,
                Kwargs {
                    names: &names,
                    values: &vals,
                },
            )
        }
        None => crate::vm::call::call(&mut vm, &func, &pos),
    };
    if let Err(e) = result {
        if !crate::vm::protocol::is_instance(&e.0, types::exc_types().system_exit.v()) {
            let text = crate::vm::traceback::format_exception(&mut vm, &e.0);
            let who = crate::vm::protocol::repr_string(&mut vm, &func).unwrap_or_default();
            vm.write_stderr(&format!(
                "Unhandled exception in thread started by {who}\n{text}"
            ));
        }
    }
    vm.flush_stdout();
}

fn get_ident(_vm: &mut Vm, _args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_int(ident() as i64))
}

/// The operating system's id for the calling thread
/// (`_thread.get_native_id()`, Linux `gettid`).
fn get_native_id(_vm: &mut Vm, _args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    // SAFETY: gettid has no preconditions and cannot fail.
    let tid = unsafe { libc::gettid() };
    Ok(types::new_int(tid as i64))
}

/// `_thread.set_name(name)` (CPython 3.14): names the calling thread for the
/// operating system (truncated to Linux's 15 bytes) and for `--stats` and
/// `--trace`.
fn set_name(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("set_name", args, 1, 1)?;
    let name = types::str::as_str(&args[0])
        .ok_or_else(|| type_error("set_name() argument must be str"))?;
    crate::gil::set_thread_name(name);
    let mut end = name.len().min(15);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    if let Ok(c) = std::ffi::CString::new(&name[..end]) {
        // SAFETY: `c` is a NUL-terminated string of at most 16 bytes, as
        // pthread_setname_np requires; pthread_self is the calling thread.
        unsafe { libc::pthread_setname_np(libc::pthread_self(), c.as_ptr()) };
    }
    Ok(types::none())
}

fn count(_vm: &mut Vm, _args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_int(RUNNING.load(Relaxed) as i64))
}

/// A Python lock: not owned by a thread (any thread may release it).
#[derive(Default)]
struct LockState {
    inner: std::sync::Arc<(Mutex<bool>, Condvar)>,
}

impl NativeState for LockState {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

fn lock_of(v: &Value) -> PyResult<std::sync::Arc<(Mutex<bool>, Condvar)>> {
    v.downcast::<OpaqueData>()
        .and_then(|o| o.with(|s: &mut LockState| s.inner.clone()))
        .ok_or_else(|| type_error("lock object expected"))
}

fn lock_acquire(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let lock = lock_of(super::super::types::methods::arg(args, 0, "acquire")?)?;
    let blocking = match types::methods::arg_or_kw(args, &kw, 1, "blocking") {
        Some(b) => crate::vm::protocol::truthy(vm, b)?,
        None => true,
    };
    let timeout = match types::methods::arg_or_kw(args, &kw, 2, "timeout") {
        Some(t) => crate::vm::ops::to_f64(t)?,
        None => -1.0,
    };
    if !blocking && timeout != -1.0 {
        return Err(value_error(
            "can't specify a timeout for a non-blocking call",
        ));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(value_error("timeout value must be a non-negative number"));
    }
    if timeout > TIMEOUT_MAX {
        return Err(crate::types::exception::overflow_error(
            "timeout value is too large",
        ));
    }
    // Fast path: uncontended.
    {
        let mut held = lock.0.lock();
        if !*held {
            *held = true;
            return Ok(types::bool_value(true));
        }
        if !blocking {
            return Ok(types::bool_value(false));
        }
    }
    let deadline = (timeout >= 0.0).then(|| {
        Instant::now()
            .checked_add(Duration::from_secs_f64(timeout.min(TIMEOUT_MAX)))
            .unwrap_or_else(|| Instant::now() + Duration::from_secs(u32::MAX as u64))
    });
    let is_main = vm.is_main_thread;
    loop {
        let waker_lock = lock.clone();
        let wait_lock = lock.clone();
        let outcome = crate::gil::allow_threads(crate::trace::BLOCKED_LOCK, move || {
            crate::signals::wait_on(
                is_main,
                move || {
                    let _g = waker_lock.0.lock();
                    waker_lock.1.notify_all();
                },
                move || wait_for_lock(&wait_lock, deadline, is_main),
            )
        });
        match outcome {
            Wait::Acquired => return Ok(types::bool_value(true)),
            Wait::TimedOut => return Ok(types::bool_value(false)),
            // Ctrl-C in the main thread: its handler raises
            // KeyboardInterrupt, or the wait goes on (PEP 475).
            Wait::Interrupted => vm.service_eval_breaker()?,
        }
    }
}

/// The longest timeout `acquire` accepts (`_thread.TIMEOUT_MAX`).
const TIMEOUT_MAX: f64 = 4294967.0;

/// How a blocking lock wait ended.
enum Wait {
    Acquired,
    TimedOut,
    Interrupted,
}

/// Waits (without the GIL) until the lock is free and takes it. A free lock
/// is taken even when a signal is pending, so a wake-up meant for another
/// waiter is never swallowed.
fn wait_for_lock(lock: &(Mutex<bool>, Condvar), deadline: Option<Instant>, is_main: bool) -> Wait {
    let mut held = lock.0.lock();
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
                if lock.1.wait_until(&mut held, d).timed_out() && *held {
                    return Wait::TimedOut;
                }
            }
            None => lock.1.wait(&mut held),
        }
    }
}

fn lock_release(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let lock = lock_of(super::super::types::methods::arg(args, 0, "release")?)?;
    let mut held = lock.0.lock();
    if !*held {
        return Err(runtime_error("release unlocked lock"));
    }
    *held = false;
    lock.1.notify_one();
    Ok(types::none())
}

fn lock_locked(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let lock = lock_of(super::super::types::methods::arg(args, 0, "locked")?)?;
    let held = *lock.0.lock();
    Ok(types::bool_value(held))
}

fn lock_exit(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    lock_release(vm, &args[..1], kw)?;
    Ok(types::bool_value(false))
}

fn lock_type() -> &'static Value {
    static T: OnceLock<StaticValue> = OnceLock::new();
    T.get_or_init(|| {
        let methods: Vec<Method> = vec![
            m("acquire", lock_acquire),
            m("release", lock_release),
            m("locked", lock_locked),
            m("__enter__", lock_acquire),
            m("__exit__", lock_exit),
            m("acquire_lock", lock_acquire),
            m("release_lock", lock_release),
        ];
        StaticValue(super::make_native_type("lock", "_thread", &methods, None))
    })
    .v()
}

fn allocate_lock(_vm: &mut Vm, _args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::misc::new_opaque(
        lock_type(),
        Box::new(LockState::default()),
    ))
}

/// Creates the `_thread` module.
pub fn make_module(_vm: &mut Vm) -> PyResult<Value> {
    let m = crate::vm::import::new_module("_thread");
    add_functions(
        &m,
        "_thread",
        &[
            ("start_new_thread", start_new_thread),
            ("start_new", start_new_thread),
            ("allocate_lock", allocate_lock),
            ("allocate", allocate_lock),
            ("get_ident", get_ident),
            ("get_native_id", get_native_id),
            ("set_name", set_name),
            ("_count", count),
        ],
    );
    set_attr(&m, "LockType", lock_type().clone());
    set_attr(&m, "error", types::exc_types().runtime_error.get());
    set_attr(&m, "TIMEOUT_MAX", types::new_float(TIMEOUT_MAX));
    Ok(m)
}
