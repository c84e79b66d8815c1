//! The `_thread` module: OS threads running Python code under the GIL, and
//! the basic lock. `threading` (embedded Python) is built on top of it.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};

use super::{add_functions, set_attr, thread_lock};
use crate::object::Value;
use crate::types::exception::{runtime_error, type_error};
use crate::types::{self, Kwargs, PyResult};
use crate::vm::Vm;

/// Native stack of threads started from Python.
const THREAD_STACK: usize = 64 << 20;

/// Threads started and not yet finished.
static RUNNING: AtomicUsize = AtomicUsize::new(0);

/// Number of threads started by `_thread` that are still running (daemon
/// threads at shutdown).
pub fn running_threads() -> usize {
    RUNNING.load(Relaxed)
}
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
    let (drive, mode) = (vm.drive, vm.mode);
    // The new thread runs in this thread's interpreter, under its GIL and
    // allocating into its heap.
    let gil = crate::gil::current();
    let heap = crate::gc::current_heap();
    crate::object::pycell::thread_starting();
    crate::object::deferred::thread_starting();
    RUNNING.fetch_add(1, Relaxed);
    let (tx, rx) = std::sync::mpsc::channel::<u64>();
    let spawned = std::thread::Builder::new()
        .stack_size(THREAD_STACK)
        .spawn(move || {
            let _ = tx.send(ident());
            crate::gil::switch_to(gil);
            crate::gc::set_thread_heap(heap);
            crate::gil::take();
            let h = handoff;
            // A Rust panic is a gilgamesh bug. In a Python thread it would
            // leave the thread's locks held and hang whoever joins it, so the
            // process ends at once instead (CPython's Py_FatalError aborts).
            let run = std::panic::AssertUnwindSafe(|| run_thread(h.0, drive, mode));
            if std::panic::catch_unwind(run).is_err() {
                eprintln!("Fatal Python error: internal error in a thread (a gilgamesh bug; see the panic message above)");
                std::process::abort();
            }
            crate::object::pycell::flush_thread_stats();
            crate::object::refcount::flush_operation_counts();
            if let Some(hooks) = crate::vm::thread_hooks() {
                (hooks.exit)();
            }
            // Finalizers queued by the last frees (the exit hook's merge
            // among them) run on another thread.
            crate::vm::finalize::hand_off_pending();
            // After the exit hook, which may still free (never allocate)
            // containers: the shard goes to the heap's next new thread.
            crate::gc::release_thread_shard();
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

fn run_thread(values: Vec<Value>, drive: crate::vm::DriveFn, mode: &'static str) {
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
    let mut vm = Vm::for_thread(builtins, modules, sys, drive, mode);
    if let Some(hooks) = crate::vm::thread_hooks() {
        (hooks.start)(&mut vm);
    }
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
    // Generators the function let go of at its end are closed in its
    // thread.
    crate::vm::finalize::run_pending(&mut vm);
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

/// `_thread._register_local(cls)`: threading.py hands over its `local` class
/// so reads and writes of its instances' per-thread attributes take the
/// native path (`vm::local_attr`).
fn register_local(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    if let Some(c) = args.first() {
        crate::vm::local_attr::register(c);
    }
    Ok(types::none())
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

/// `_thread.interrupt_main(signum=SIGINT)`: simulates SIGINT: the main
/// thread raises KeyboardInterrupt at its next safe point (a blocking call
/// it is in finishes first, as in CPython, where no real signal is sent).
fn interrupt_main(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("interrupt_main", args, 0, 1)?;
    if let Some(sig) = args.first() {
        match types::bigint::to_i64(sig) {
            Some(2) => {}
            Some(n) if !(1..65).contains(&n) => {
                return Err(crate::types::exception::value_error(
                    "signal number out of range",
                ))
            }
            Some(n) => {
                return Err(crate::types::exception::value_error(format!(
                    "gilgamesh: interrupt_main supports only SIGINT (2), not signal {n}"
                )))
            }
            None => return Err(type_error("an integer is required")),
        }
    }
    crate::signals::trip_sigint();
    Ok(types::none())
}

/// The `sys` attribute an interpreter layer sets to `False` in an isolated
/// interpreter's `sys` (CPython's `allow_daemon_threads` config, off for
/// `concurrent.interpreters.create()`).
pub const ALLOW_DAEMON_THREADS: &str = "_interp_allow_daemon_threads";

/// `_thread.daemon_threads_allowed()` (CPython 3.12+): false in an isolated
/// interpreter, whose close must be able to join every thread it started.
fn daemon_threads_allowed(vm: &mut Vm, _args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let allowed = vm
        .sys
        .downcast::<types::ModuleData>()
        .and_then(|m| {
            m.dict
                .downcast::<types::DictData>()
                .map(|d| d.get_str(&types::intern(ALLOW_DAEMON_THREADS)))
        })
        .flatten()
        .is_none_or(|v| !v.is(&types::bool_value(false)));
    Ok(types::bool_value(allowed))
}

fn count(_vm: &mut Vm, _args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_int(RUNNING.load(Relaxed) as i64))
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
            ("allocate_lock", thread_lock::allocate_lock),
            ("allocate", thread_lock::allocate_lock),
            ("get_ident", get_ident),
            ("get_native_id", get_native_id),
            ("set_name", set_name),
            ("interrupt_main", interrupt_main),
            ("_count", count),
            ("daemon_threads_allowed", daemon_threads_allowed),
            ("_register_local", register_local),
        ],
    );
    set_attr(&m, "LockType", thread_lock::lock_type().clone());
    set_attr(&m, "lock", thread_lock::lock_type().clone());
    set_attr(&m, "RLock", thread_lock::rlock_type().clone());
    set_attr(&m, "error", types::exc_types().runtime_error.get());
    set_attr(
        &m,
        "TIMEOUT_MAX",
        types::new_float(thread_lock::TIMEOUT_MAX),
    );
    Ok(m)
}
