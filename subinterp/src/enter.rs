//! Running code in another interpreter on the calling thread, and the
//! snapshot of an exception that escapes it.
//!
//! CPython's `Interpreter.exec` and `call` swap the calling thread's state
//! for one of the target interpreter (Doc/library/concurrent.interpreters.rst:
//! "runs in the current thread"). Here the thread gets a second `Vm` over
//! the target's roots for the duration of the run; the thread's own
//! free-threading state (eval-breaker bits, QSBR slot) and native-stack
//! bound carry over, as it is the same OS thread. An exception that escapes
//! becomes an [`ExcSnapshot`]: text only, so nothing of the target's heap
//! reaches the caller (`ExecutionFailed.excinfo`).

use std::sync::Arc;

use gilgamesh_core::types::{self, DictData, PyErr, TypeData};
use gilgamesh_core::vm::protocol::{str_string, type_of};
use gilgamesh_core::vm::{finalize, traceback, Vm};
use gilgamesh_core::Value;
use gilgamesh_core::{gc, gil};

use crate::handles::Immortal;
use crate::registry::{Interp, Roots};

/// An exception raised in another interpreter, as text.
pub struct ExcSnapshot {
    /// The type's `__name__`.
    pub type_name: String,
    /// The type's `__qualname__`.
    pub type_qualname: String,
    /// The type's `__module__`.
    pub type_module: String,
    /// `str(exc)`.
    pub msg: String,
    /// `Type: message`.
    pub formatted: String,
    /// The whole report, traceback included.
    pub errdisplay: String,
}

impl ExcSnapshot {
    /// Snapshots `e`, raised in the interpreter `vm` runs in.
    pub fn take(vm: &mut Vm, e: &PyErr) -> ExcSnapshot {
        let ty = type_of(&e.0);
        let (name, qualname, module) = match ty.downcast::<TypeData>() {
            Some(td) => {
                let module = td
                    .dict()
                    .get_str(&types::intern("__module__"))
                    .and_then(|m| types::str::as_str(&m).map(str::to_string))
                    .unwrap_or_else(|| "builtins".to_string());
                (td.name(), td.qualname.get(), module)
            }
            None => ("?".into(), "?".into(), "builtins".into()),
        };
        let msg = str_string(vm, &e.0).unwrap_or_else(|_| "<exception str() failed>".into());
        // `Type: message`, by the type's bare name and with the colon even
        // for an empty message (what CPython's snapshot holds).
        let formatted = format!("{name}: {msg}");
        let errdisplay = traceback::format_exception(vm, &e.0);
        ExcSnapshot {
            type_name: name,
            type_qualname: qualname,
            type_module: module,
            msg,
            formatted,
            errdisplay,
        }
    }

    /// The snapshot as a tuple `(name, qualname, module, msg, formatted,
    /// errdisplay)` of `str`s, for the Python layer.
    pub fn to_tuple(&self) -> Value {
        types::new_tuple(
            [
                &self.type_name,
                &self.type_qualname,
                &self.type_module,
                &self.msg,
                &self.formatted,
                &self.errdisplay,
            ]
            .iter()
            .map(|s| types::new_str(s.as_str()))
            .collect(),
        )
    }
}

/// Why a run could not start.
pub enum EnterError {
    /// The interpreter was closed.
    Closed,
    /// Code already runs in its `__main__` (on another thread, or this
    /// thread's caller).
    Running,
}

/// Runs `f` with `target`'s GIL as the thread's current one, held instead
/// of the caller's when the GIL is on (with the GIL off, taken if a module
/// switches it on while `f` runs). The thread releases its own GIL first:
/// waiting for one GIL while holding another could deadlock two threads
/// entering each other's interpreter. Generators the caller let go of are
/// closed first, by the caller's interpreter.
pub fn with_gil_of<R>(vm: &mut Vm, target: &Interp, f: impl FnOnce() -> R) -> R {
    let caller_gil = gil::current();
    // The caller's finalizers run in the caller's interpreter, before the
    // thread enters the target (where its objects are out of reach: in
    // `--mode nogil` a collection of the caller's heap no longer waits for
    // this thread once it runs elsewhere).
    if finalize::pending() {
        finalize::run_pending(vm);
    }
    if std::ptr::eq(caller_gil, target.gil) {
        return f();
    }
    // The target's GIL becomes the thread's current one even while the GIL
    // is off (free-threaded mode), so that if a module switches it on
    // meanwhile, the thread takes the target's, not its caller's.
    switch_gil(target.gil);
    let r = f();
    switch_gil(caller_gil);
    r
}

/// Makes `to` the calling thread's current GIL, giving up the one it holds
/// (if the GIL is on and held) and taking `to` instead.
fn switch_gil(to: &'static gil::Gil) {
    let held = gil::enabled() && gil::held();
    if held {
        gil::release(false);
    }
    gil::switch_to(to);
    if held {
        gil::take();
    }
}

/// Runs `f` with a `Vm` of `target` on the calling thread, under `target`'s
/// GIL. `f` receives the target's `Vm` and its `__main__` dict. Everything
/// of the target's heap (its roots, the `Vm`) is made and dropped inside.
///
/// `f` and its result must be `Send`, and `Value` is not: so `f` cannot
/// capture the caller's objects, and cannot hand the target's objects back.
/// Values cross as [`gilgamesh_channels::Message`]s or the wrappers of
/// [`crate::handles`]. This compiles (a message in, a message out):
///
/// ```
/// use std::sync::Arc;
/// use gilgamesh_channels::{Limits, Message, ShareMode};
/// use gilgamesh_core::{types, vm::Vm};
/// use gilgamesh_subinterp::{enter::run_in, registry::Interp};
///
/// fn send_one(vm: &mut Vm, target: &Arc<Interp>) {
///     let msg = Message::from_value(&types::new_int(1), ShareMode::CopyOnly, &Limits::default())
///         .unwrap();
///     let back = run_in(vm, target, move |_sub, _main| {
///         let v = msg.into_value(&Limits::default()).unwrap();
///         Message::from_value(&v, ShareMode::CopyOnly, &Limits::default()).unwrap()
///     });
///     drop(back);
/// }
/// ```
///
/// A closure that captures one of the caller's objects does not:
///
/// ```compile_fail,E0277
/// use std::sync::Arc;
/// use gilgamesh_core::{types, vm::Vm};
/// use gilgamesh_subinterp::{enter::run_in, registry::Interp};
///
/// fn leak_in(vm: &mut Vm, target: &Arc<Interp>) {
///     let mine = types::new_list(vec![]);
///     let _ = run_in(vm, target, move |_sub, main| {
///         drop(mine.clone()); // the caller's list, used in the target
///         main.clone();
///     });
/// }
/// ```
///
/// Nor does one that returns one of the target's objects:
///
/// ```compile_fail,E0277
/// use std::sync::Arc;
/// use gilgamesh_core::vm::Vm;
/// use gilgamesh_subinterp::{enter::run_in, registry::Interp};
///
/// fn leak_out(vm: &mut Vm, target: &Arc<Interp>) {
///     let theirs = run_in(vm, target, |_sub, main| main.clone()); // the target's __main__
///     drop(theirs);
/// }
/// ```
///
/// And no object handle moves to another thread (which may run in another
/// interpreter):
///
/// ```compile_fail,E0277
/// let v = gilgamesh_core::types::new_list(vec![]);
/// std::thread::spawn(move || drop(v));
/// ```
pub fn run_in<R: Send>(
    vm: &mut Vm,
    target: &Arc<Interp>,
    f: impl FnOnce(&mut Vm, &Value) -> R + Send,
) -> Result<R, EnterError> {
    let like = VmLike::of(vm);
    if !target.begin_run() {
        return Err(if target.is_closed() {
            EnterError::Closed
        } else {
            EnterError::Running
        });
    }
    let traced = gilgamesh_core::trace::enabled().then(gilgamesh_core::trace::now_ns);
    let r = with_gil_of(vm, target, || {
        // Objects made here belong to the target's heap.
        let _heap = gc::enter_heap(target.heap);
        let Some(roots) = target.roots() else {
            return Err(EnterError::Closed);
        };
        let mut sub = like.make(&roots);
        let r = f(&mut sub, &roots.main);
        if finalize::pending() {
            finalize::run_pending(&mut sub);
        }
        Ok(r)
    });
    target.end_run();
    if let Some(start) = traced {
        gilgamesh_core::trace::span_named(
            format!("interpreter {}", target.id).into(),
            "interpreter",
            start,
            gilgamesh_core::trace::now_ns(),
        );
    }
    r
}

/// What a `Vm` made for another interpreter on the calling thread keeps of
/// the caller's: the mode, and the native-stack bound, as it is the same OS
/// thread. (Its free-threading bits and QSBR slot are the thread's state in
/// the target's registry, set by the mode's `vm_made` hook.)
#[derive(Clone, Copy)]
pub struct VmLike {
    /// The caller's driver.
    pub drive: gilgamesh_core::vm::DriveFn,
    /// The caller's mode.
    pub mode: &'static str,
    stack_limit: usize,
}

impl VmLike {
    /// The caller's part, taken from its `Vm`.
    pub fn of(vm: &Vm) -> VmLike {
        VmLike {
            drive: vm.drive,
            mode: vm.mode,
            stack_limit: vm.stack_limit,
        }
    }

    /// A `Vm` over `roots` (another interpreter's, whose GIL and heap the
    /// calling thread has entered) with the caller's part.
    pub fn make(self, roots: &Roots) -> Vm {
        let mut sub = Vm::for_thread(
            roots.builtins.clone(),
            roots.modules.clone(),
            roots.sys.clone(),
            self.drive,
            self.mode,
        );
        sub.stack_limit = self.stack_limit;
        // The free-threaded mode points it at this thread's state in the
        // target (not the caller's: a thread has one per interpreter).
        if let Some(hooks) = gilgamesh_core::vm::thread_hooks() {
            (hooks.vm_made)(&mut sub);
        }
        sub
    }
}

/// Runs the compiled script `code` in `target`'s `__main__`; an exception
/// that escapes comes back as a snapshot. (The caller compiles, so a
/// SyntaxError is raised in the caller, as in CPython 3.14.)
pub fn exec_code(
    vm: &mut Vm,
    target: &Arc<Interp>,
    code: Immortal,
) -> Result<Option<ExcSnapshot>, EnterError> {
    run_in(vm, target, move |sub, main| {
        sub.run_code(code.get().clone(), main.clone())
            .err()
            .map(|e| ExcSnapshot::take(sub, &e))
    })
}

/// Sets names in `target`'s `__main__` (`prepare_main`): `pairs` are made in
/// the target (by the caller, from messages) under its `Vm`.
pub fn set_main_attrs(main: &Value, pairs: Vec<(Value, Value)>) {
    let d = main.downcast::<DictData>().expect("__main__ dict");
    for (k, v) in pairs {
        d.set_str(k, v);
    }
}
