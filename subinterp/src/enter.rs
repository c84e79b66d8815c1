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
use gilgamesh_core::vm::{traceback, Vm};
use gilgamesh_core::Value;

use crate::registry::Interp;

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
    /// `Type: message` (`traceback.format_exception_only`).
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
        let formatted = traceback::exception_only(vm, &e.0);
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
}

/// Runs `f` with a `Vm` of `target` on the calling thread. `f` receives the
/// target's `Vm` and its `__main__` dict.
pub fn run_in<R>(
    vm: &mut Vm,
    target: &Arc<Interp>,
    f: impl FnOnce(&mut Vm, &Value) -> R,
) -> Result<R, EnterError> {
    let roots = target.roots().ok_or(EnterError::Closed)?;
    let mut sub = Vm::for_thread(roots.builtins, roots.modules, roots.sys, vm.drive, vm.mode);
    sub.stack_limit = vm.stack_limit;
    sub.thread_bits = vm.thread_bits;
    sub.qsbr_slot = vm.qsbr_slot;
    sub.qsbr_wr_seq = vm.qsbr_wr_seq;
    target.note_run(true);
    let r = f(&mut sub, &roots.main);
    target.note_run(false);
    Ok(r)
}

/// Compiles and runs `source` in `target`'s `__main__`; an exception that
/// escapes comes back as a snapshot.
pub fn exec_source(
    vm: &mut Vm,
    target: &Arc<Interp>,
    source: &str,
) -> Result<Option<ExcSnapshot>, EnterError> {
    run_in(vm, target, |sub, main| {
        let r = match gilgamesh_core::compiler::compile_source(source, "<string>") {
            Ok(code) => sub.run_code(code, main.clone()).map(drop),
            Err(e) => Err(gilgamesh_core::compiler::syntax_error_exception(&e)),
        };
        r.err().map(|e| ExcSnapshot::take(sub, &e))
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
