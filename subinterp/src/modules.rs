//! The native module `_interpreters` (`_interpqueues` is in
//! [`crate::queues`]), and the Python package `concurrent.interpreters`
//! that gives them CPython 3.14's API: `interpreters.py` (the package),
//! `_queues.py` (`concurrent.interpreters._queues`: `Queue`, its exceptions
//! and the `UNBOUND` sentinels) and `_crossinterp.py`
//! (`concurrent.interpreters._crossinterp`), all embedded.
//!
//! The native functions take and return ids and plain values; the Python
//! layer owns the classes (`Interpreter`, `Queue`, the exceptions), which
//! are made per interpreter when it imports the package, never shared.

use std::collections::HashMap;
use std::sync::Arc;

use parking_lot::Mutex;

use gilgamesh_core::stdlib::{add_functions, exec_embedded, run_embedded_in, set_attr};
use gilgamesh_core::types::{self, DictData, Kwargs, PyResult, TupleData};
use gilgamesh_core::vm::call::{check_args, no_kwargs};
use gilgamesh_core::vm::import::new_module;
use gilgamesh_core::vm::Vm;
use gilgamesh_core::Value;

use crate::crossing::{api_error, from_message, to_message};
use crate::enter::{exec_code, run_in, set_main_attrs, EnterError};
use crate::handles::Immortal;
use crate::registry::{self, CloseError, Interp};

/// The module provider installed by [`crate::install`].
pub fn provide(vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
    Some(match name {
        "_interpreters" => Ok(interpreters_module(vm)),
        "_interpqueues" => Ok(crate::queues::queues_module()),
        "concurrent" => {
            let m = new_module("concurrent");
            set_attr(&m, "__path__", types::new_list(vec![]));
            set_attr(&m, "__package__", types::new_str("concurrent"));
            Ok(m)
        }
        "concurrent.interpreters" => package(
            vm,
            "concurrent.interpreters",
            include_str!("interpreters.py"),
        ),
        "concurrent.interpreters._queues" => exec_embedded(vm, name, include_str!("_queues.py")),
        "concurrent.interpreters._crossinterp" => {
            exec_embedded(vm, name, include_str!("_crossinterp.py"))
        }
        _ => return None,
    })
}

/// Runs the embedded package `name`, registered in `sys.modules` (with an
/// empty `__path__`) before its body runs, as an import does, so that the
/// body can import its own submodules (`from ._queues import ...`).
fn package(vm: &mut Vm, name: &str, source: &'static str) -> PyResult<Value> {
    let m = new_module(name);
    set_attr(&m, "__path__", types::new_list(vec![]));
    set_attr(&m, "__package__", types::new_str(name));
    let modules = vm.modules.clone();
    let md = modules.downcast::<DictData>().expect("sys.modules");
    let key = types::intern(name);
    md.set_str(key.clone(), m.clone());
    if let Err(e) = run_embedded_in(vm, &m, name, source) {
        md.remove_str(&key);
        return Err(e);
    }
    Ok(m)
}

fn interpreters_module(vm: &mut Vm) -> Value {
    registry::ensure_main(vm);
    let m = new_module("_interpreters");
    add_functions(
        &m,
        "_interpreters",
        &[
            ("create", create),
            ("destroy", destroy),
            ("list_all", list_all),
            ("get_current", get_current),
            ("exists", exists),
            ("is_running", is_running),
            ("exec", exec),
            ("call", call),
            ("set___main___attrs", set_main),
        ],
    );
    m
}

/// A non-negative int argument (an id).
pub(crate) fn int_arg(v: &Value, what: &str) -> PyResult<u64> {
    match v.as_small() {
        Some(i) if i >= 0 => Ok(i as u64),
        _ => Err(types::exception::type_error(format!(
            "{what} must be a non-negative int"
        ))),
    }
}

/// The interpreter `args[0]` names, or `InterpreterNotFoundError`.
fn target(vm: &mut Vm, args: &[Value]) -> PyResult<Arc<Interp>> {
    let id = int_arg(&args[0], "interpreter id")?;
    registry::find(id).ok_or_else(|| {
        api_error(
            vm,
            "InterpreterNotFoundError",
            format!("unrecognized interpreter ID {id}"),
        )
    })
}

fn closed(vm: &mut Vm, id: u64) -> types::PyErr {
    api_error(
        vm,
        "InterpreterNotFoundError",
        format!("unrecognized interpreter ID {id}"),
    )
}

/// The Python exception for a run that could not start.
fn enter_error(vm: &mut Vm, id: u64, e: EnterError) -> types::PyErr {
    match e {
        EnterError::Closed => closed(vm, id),
        EnterError::Running => api_error(vm, "InterpreterError", "interpreter already running"),
    }
}

fn create(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kwargs("create", &kw)?;
    check_args("create", args, 0, 0)?;
    let i = registry::create(vm)?;
    Ok(types::new_int(i.id as i64))
}

fn destroy(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kwargs("destroy", &kw)?;
    check_args("destroy", args, 1, 1)?;
    let id = int_arg(&args[0], "interpreter id")?;
    if let Some(target) = registry::find(id) {
        if id != 0 && !target.is_running() && registry::current(vm).is_none_or(|c| c.id != id) {
            join_threads(vm, &target);
        }
    }
    match registry::close(vm, id) {
        Ok(()) => Ok(types::none()),
        Err(CloseError::NotFound) => Err(closed(vm, id)),
        Err(CloseError::Running) => Err(api_error(vm, "InterpreterError", "interpreter running")),
        Err(CloseError::Current) => Err(api_error(
            vm,
            "InterpreterError",
            if id == 0 {
                // CPython 3.14's words: the module does not own the main
                // interpreter.
                "cannot destroy unrecognized interpreter 0".to_string()
            } else {
                "cannot destroy the current interpreter".to_string()
            },
        )),
    }
}

/// Waits for the threads `target` started, as CPython's `Py_EndInterpreter`
/// does through `threading._shutdown()` (its threads are never daemons:
/// `_thread.daemon_threads_allowed()` is false there). An error in it is
/// ignored: the close goes on.
fn join_threads(vm: &mut Vm, target: &Arc<Interp>) {
    let _ = run_in(vm, target, |sub, _main| {
        let threading = sub
            .modules
            .downcast::<DictData>()
            .and_then(|d| d.get_str(&types::intern("threading")));
        if let Some(t) = threading {
            if let Ok(shutdown) = gilgamesh_core::vm::attr::getattr_str(sub, &t, "_shutdown") {
                let _ = gilgamesh_core::vm::call::call(sub, &shutdown, &[]);
            }
        }
    });
}

fn list_all(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kwargs("list_all", &kw)?;
    check_args("list_all", args, 0, 0)?;
    Ok(types::new_list(
        registry::ids()
            .into_iter()
            .map(|i| types::new_int(i as i64))
            .collect(),
    ))
}

fn get_current(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kwargs("get_current", &kw)?;
    check_args("get_current", args, 0, 0)?;
    let id = registry::current(vm).map(|i| i.id).unwrap_or(0);
    Ok(types::new_int(id as i64))
}

fn exists(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kwargs("exists", &kw)?;
    check_args("exists", args, 1, 1)?;
    let id = int_arg(&args[0], "interpreter id")?;
    Ok(types::bool_value(registry::find(id).is_some()))
}

fn is_running(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kwargs("is_running", &kw)?;
    check_args("is_running", args, 1, 1)?;
    let i = target(vm, args)?;
    Ok(types::bool_value(i.is_running()))
}

/// Scripts compiled for `exec`, by their text (at most [`MAX_SCRIPTS`]).
/// Each interpreter runs its own copy (`Interp::code_copy`), and code
/// objects are immortal, so a script run in a loop of interpreters is
/// compiled once and copied once instead of leaking a code object each time.
static SCRIPTS: Mutex<Option<HashMap<String, types::StaticValue>>> = Mutex::new(None);
/// Distinct scripts kept compiled; beyond that, each `exec` of a new text
/// compiles (and keeps: code is immortal) its own.
const MAX_SCRIPTS: usize = 4096;

/// The compiled script `src` (a SyntaxError is raised in the caller, as
/// CPython 3.14 compiles before switching interpreters).
fn compiled_script(src: &str) -> PyResult<Value> {
    if let Some(c) = SCRIPTS.lock().as_ref().and_then(|m| m.get(src)) {
        return Ok(c.get());
    }
    let code = gilgamesh_core::compiler::compile_source(src, "<script>")
        .map_err(|e| gilgamesh_core::compiler::syntax_error_exception(&e))?;
    let mut scripts = SCRIPTS.lock();
    let m = scripts.get_or_insert_with(HashMap::new);
    if m.len() < MAX_SCRIPTS {
        m.insert(src.to_string(), types::StaticValue(code.clone()));
    }
    Ok(code)
}

/// `exec(id, source)`: None, or the snapshot tuple of the exception.
fn exec(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kwargs("exec", &kw)?;
    check_args("exec", args, 2, 2)?;
    let i = target(vm, args)?;
    let src = types::str::as_str(&args[1])
        .ok_or_else(|| types::exception::type_error("exec() code must be a str"))?;
    let code = Immortal::new(i.code_copy(&compiled_script(src)?)).expect("code is immortal");
    match exec_code(vm, &i, code) {
        Ok(None) => Ok(types::none()),
        Ok(Some(snap)) => Ok(snap.to_tuple()),
        Err(e) => Err(enter_error(vm, i.id, e)),
    }
}

/// `call(id, callable, args, kwargs)`: `(True, result)` or `(False,
/// snapshot)`. A built-in function is the same immortal object in every
/// interpreter; a Python function crosses as its code, rebuilt over the
/// target's `__main__` (it must have no closure; its defaults cross as
/// messages); anything else must be shareable.
fn call(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kwargs("call", &kw)?;
    check_args("call", args, 4, 4)?;
    let i = target(vm, args)?;
    let func = &args[1];
    if !gilgamesh_core::vm::protocol::is_callable(func) {
        let r = gilgamesh_core::vm::protocol::repr_string(vm, func)?;
        return Err(types::exception::type_error(format!(
            "expected a callable, got {r}"
        )));
    }
    enum Callable {
        Shared(gilgamesh_channels::Message),
        // A built-in function or type: immortal, stateless (types are
        // immutable) and the same object in every interpreter (CPython
        // pickles it by name).
        Native(Immortal),
        Code {
            code: Immortal,
            defaults: Option<gilgamesh_channels::Message>,
        },
    }
    let callable = match func.downcast::<types::FunctionData>() {
        Some(fd) => {
            if fd.closure.is_some() {
                return Err(api_error(
                    vm,
                    "NotShareableError",
                    "function objects with a closure are not shareable",
                ));
            }
            let defaults = match fd.defaults.get() {
                Some(d) => Some(to_message(vm, &d)?),
                None => None,
            };
            Callable::Code {
                code: Immortal::new(fd.code.clone()).expect("code is immortal"),
                defaults,
            }
        }
        None => match Immortal::new(func.clone()) {
            Some(f)
                if matches!(
                    func.kind(),
                    gilgamesh_core::object::Kind::NativeFunction
                        | gilgamesh_core::object::Kind::Type
                ) =>
            {
                Callable::Native(f)
            }
            _ => Callable::Shared(to_message(vm, func)?),
        },
    };
    let pos = args[2]
        .downcast::<TupleData>()
        .ok_or_else(|| types::exception::type_error("call() args must be a tuple"))?
        .items()
        .to_vec();
    let mut pos_msgs = Vec::with_capacity(pos.len());
    for a in &pos {
        pos_msgs.push(to_message(vm, a)?);
    }
    let kw_dict = args[3]
        .downcast::<DictData>()
        .ok_or_else(|| types::exception::type_error("call() kwargs must be a dict"))?;
    let mut kw_msgs = Vec::new();
    for (k, v) in kw_dict.items() {
        let name = types::str::as_str(&k)
            .ok_or_else(|| types::exception::type_error("keywords must be strings"))?
            .to_string();
        kw_msgs.push((name, to_message(vm, &v)?));
    }
    let target = i.clone();
    let outcome = run_in(
        vm,
        &i,
        move |sub, main| -> Result<gilgamesh_channels::Message, Box<crate::enter::ExcSnapshot>> {
            let run = |sub: &mut Vm| -> PyResult<Value> {
                let f = match callable {
                    Callable::Shared(m) => from_message(sub, m)?,
                    Callable::Native(f) => f.get().clone(),
                    Callable::Code { code, defaults } => {
                        let defaults = match defaults {
                            Some(m) => Some(from_message(sub, m)?),
                            None => None,
                        };
                        let code = target.code_copy(code.get());
                        gilgamesh_core::vm::call::make_function(main, code, defaults, None, None)
                    }
                };
                let mut a = Vec::with_capacity(pos_msgs.len());
                for m in pos_msgs {
                    a.push(from_message(sub, m)?);
                }
                let mut names = Vec::new();
                let mut values = Vec::new();
                for (k, m) in kw_msgs {
                    names.push(types::intern(&k));
                    values.push(from_message(sub, m)?);
                }
                gilgamesh_core::vm::call::call_value(
                    sub,
                    &f,
                    &a,
                    Kwargs {
                        names: &names,
                        values: &values,
                    },
                )
            };
            match run(sub).and_then(|v| to_message(sub, &v)) {
                Ok(m) => Ok(m),
                Err(e) => Err(Box::new(crate::enter::ExcSnapshot::take(sub, &e))),
            }
        },
    );
    match outcome {
        Err(e) => Err(enter_error(vm, i.id, e)),
        Ok(Ok(m)) => {
            let v = from_message(vm, m)?;
            Ok(types::new_tuple(vec![types::bool_value(true), v]))
        }
        Ok(Err(snap)) => Ok(types::new_tuple(vec![
            types::bool_value(false),
            snap.to_tuple(),
        ])),
    }
}

/// `set___main___attrs(id, dict)`: `prepare_main`.
fn set_main(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kwargs("set___main___attrs", &kw)?;
    check_args("set___main___attrs", args, 2, 2)?;
    let i = target(vm, args)?;
    let d = args[1]
        .downcast::<DictData>()
        .ok_or_else(|| types::exception::type_error("expected a dict"))?;
    let mut msgs = Vec::new();
    for (k, v) in d.items() {
        let name = types::str::as_str(&k)
            .ok_or_else(|| types::exception::type_error("names must be str"))?
            .to_string();
        msgs.push((name, to_message(vm, &v)?));
    }
    let r = run_in(vm, &i, move |sub, main| {
        let mut pairs = Vec::new();
        for (k, m) in msgs {
            match from_message(sub, m) {
                Ok(v) => pairs.push((types::intern(&k), v)),
                Err(e) => return Err(Box::new(crate::enter::ExcSnapshot::take(sub, &e))),
            }
        }
        set_main_attrs(main, pairs);
        Ok(())
    });
    match r {
        Ok(Ok(())) => Ok(types::none()),
        Ok(Err(snap)) => Err(api_error(vm, "InterpreterError", snap.formatted)),
        Err(e) => Err(enter_error(vm, i.id, e)),
    }
}
