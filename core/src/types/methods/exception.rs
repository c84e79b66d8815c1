//! `BaseException` and its subclasses.

use super::{m, Method};
use crate::object::{alloc, Value};
use crate::types::exception::ExceptionData;
use crate::types::{self, Kwargs, PyResult};
use crate::vm::Vm;

/// Constructor shared by all exception types: stores the arguments.
pub fn exception_new(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(alloc(
        &args[0],
        ExceptionData::new(types::new_tuple(args[1..].to_vec())),
    ))
}

fn init(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    if let Some(e) = args.first().and_then(|v| v.downcast::<ExceptionData>()) {
        e.args.replace(types::new_tuple(args[1..].to_vec()));
    }
    Ok(types::none())
}

fn with_traceback(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(args[0].clone())
}

fn exc_str(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let e = args[0]
        .downcast::<ExceptionData>()
        .ok_or_else(|| crate::types::exception::type_error("exception expected"))?;
    let a = e.args.get();
    let items = a
        .downcast::<types::TupleData>()
        .map(|t| t.items().to_vec())
        .unwrap_or_default();
    match items.len() {
        0 => Ok(types::new_str("")),
        1 => crate::vm::protocol::str(vm, &items[0]),
        _ => crate::vm::protocol::repr(vm, &a),
    }
}

fn exc_repr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let e = args[0]
        .downcast::<ExceptionData>()
        .ok_or_else(|| crate::types::exception::type_error("exception expected"))?;
    let a = e.args.get();
    let items = a
        .downcast::<types::TupleData>()
        .map(|t| t.items().to_vec())
        .unwrap_or_default();
    let name = crate::vm::protocol::type_name(&args[0]);
    let inner = if items.len() == 1 {
        crate::vm::protocol::repr_string(vm, &items[0])?
    } else {
        let r = crate::vm::protocol::repr_string(vm, &a)?;
        r[1..r.len() - 1].trim_end_matches(',').to_string()
    };
    Ok(types::new_str(format!("{name}({inner})")))
}

/// Methods of `BaseException`.
pub fn methods() -> Vec<Method> {
    vec![
        m("__init__", init),
        m("with_traceback", with_traceback),
        m("__str__", exc_str),
        m("__repr__", exc_repr),
    ]
}
