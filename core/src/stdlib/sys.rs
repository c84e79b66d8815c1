//! The `sys` module: argv, path, modules, exit, recursion limit, stdout and
//! stderr, version information.

use super::{add_functions, set_attr};
use crate::object::Value;
use crate::types::exception::{self as exc, type_error, value_error};
use crate::types::{self, Kwargs, PyErr, PyResult};
use crate::vm::Vm;

fn exit(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let code: Vec<Value> = args.first().cloned().into_iter().collect();
    Err(PyErr(exc::new_exception(
        types::exc_types().system_exit.v(),
        code,
    )))
}

fn getrecursionlimit(vm: &mut Vm, _args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_int(vm.recursion_limit as i64))
}

fn setrecursionlimit(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let n = args
        .first()
        .and_then(types::bigint::to_i64)
        .ok_or_else(|| type_error("an integer is required"))?;
    if n < 1 {
        return Err(value_error(
            "recursion limit must be greater or equal than 1",
        ));
    }
    vm.recursion_limit = n.min(1_000_000) as u32;
    Ok(types::none())
}

fn setswitchinterval(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let v = args
        .first()
        .ok_or_else(|| type_error("setswitchinterval() takes exactly one argument (0 given)"))?;
    let secs = crate::vm::ops::to_f64(v)?;
    if secs <= 0.0 || !secs.is_finite() {
        return Err(value_error("switch interval must be strictly positive"));
    }
    let _ = vm;
    crate::gil::set_switch_interval(std::time::Duration::from_secs_f64(secs));
    Ok(types::none())
}

fn getswitchinterval(_vm: &mut Vm, _args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_float(
        crate::gil::switch_interval().as_secs_f64(),
    ))
}

/// `sys._is_gil_enabled()` (CPython 3.13): always true in `--mode gil`; in
/// `--mode nogil`, whether `--gil 1` (or a module that needs it) turned it on.
fn is_gil_enabled(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("_is_gil_enabled", args, 0, 0)?;
    Ok(types::bool_value(crate::gil::enabled()))
}

fn getrefcount(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let v = args
        .first()
        .ok_or_else(|| type_error("getrefcount() takes exactly one argument (0 given)"))?;
    Ok(types::new_int(
        v.header()
            .map(|h| h.refcount().min(i64::MAX as isize) as i64)
            .unwrap_or(1 << 32),
    ))
}

fn exc_info(vm: &mut Vm, _args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(match &vm.exc_info {
        Some(e) => types::new_tuple(vec![
            crate::vm::protocol::type_of(e),
            e.clone(),
            types::none(),
        ]),
        None => types::new_tuple(vec![types::none(), types::none(), types::none()]),
    })
}

fn intern_fn(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let v = args
        .first()
        .ok_or_else(|| type_error("intern() takes exactly one argument"))?;
    Ok(types::intern_value(v))
}

/// Creates the `sys` module for an interpreter.
pub fn make_module(vm: &mut Vm) -> Value {
    let m = crate::vm::import::new_module("sys");
    add_functions(
        &m,
        "sys",
        &[
            ("exit", exit),
            ("getrecursionlimit", getrecursionlimit),
            ("setrecursionlimit", setrecursionlimit),
            ("getrefcount", getrefcount),
            ("setswitchinterval", setswitchinterval),
            ("getswitchinterval", getswitchinterval),
            ("exc_info", exc_info),
            ("intern", intern_fn),
            ("_is_gil_enabled", is_gil_enabled),
        ],
    );
    set_attr(&m, "argv", types::new_list(vec![]));
    set_attr(&m, "path", types::new_list(vec![]));
    set_attr(&m, "modules", vm.modules.clone());
    set_attr(&m, "maxsize", types::new_int(i64::MAX));
    set_attr(&m, "byteorder", types::new_str("little"));
    set_attr(&m, "platform", types::new_str(std::env::consts::OS));
    set_attr(&m, "version", types::new_str("3.11.0 (gilgamesh)"));
    set_attr(&m, "implementation", types::new_str("gilgamesh"));
    set_attr(
        &m,
        "executable",
        types::new_str(
            std::env::current_exe()
                .map(|p| p.to_string_lossy().to_string())
                .unwrap_or_default(),
        ),
    );
    match super::exec_embedded(vm, "_sys_structs", include_str!("py/sys_structs.py")) {
        Ok(structs) => {
            for name in ["version_info", "float_info", "implementation"] {
                if let Some(v) = super::module_dict(&structs).get_str(&types::intern(name)) {
                    set_attr(&m, name, v);
                }
            }
        }
        Err(_) => set_attr(
            &m,
            "version_info",
            types::new_tuple(vec![
                Value::small(3),
                Value::small(11),
                Value::small(0),
                types::new_str("final"),
                Value::small(0),
            ]),
        ),
    }
    set_attr(&m, "stdout", crate::stdlib::builtins::make_stream(false));
    set_attr(&m, "stderr", crate::stdlib::builtins::make_stream(true));
    set_attr(
        &m,
        "__stdout__",
        crate::stdlib::builtins::make_stream(false),
    );
    set_attr(&m, "__stderr__", crate::stdlib::builtins::make_stream(true));
    m
}
