//! `tuple`.

use super::{m, nargs, Method};
use crate::object::Value;
use crate::types::exception::value_error;
use crate::types::{self, Kwargs, PyResult, TupleData};
use crate::vm::Vm;

/// `tuple(iterable=())`.
pub fn tuple_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    super::no_kw("tuple", &kw)?;
    nargs("tuple", &args[1..], 0, 1)?;
    let exact = args[0].is(types::builtin_types().tuple.v());
    let items = match args.get(1) {
        None => vec![],
        Some(v) if exact && v.type_ptr() == types::builtin_types().tuple.as_ptr() => {
            return Ok(v.clone())
        }
        Some(v) => crate::vm::iteration::collect(vm, v)?,
    };
    if exact {
        return Ok(types::new_tuple(items));
    }
    Ok(crate::object::alloc(
        &args[0],
        types::seq::tuple_payload(items),
    ))
}

fn items(v: &Value) -> Vec<Value> {
    v.downcast::<TupleData>()
        .map(|t| t.items().to_vec())
        .unwrap_or_default()
}

fn count(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("count", args, 2, 2)?;
    let mut n = 0;
    for x in items(&args[0]) {
        if x.is(&args[1]) || crate::vm::protocol::eq(vm, &x, &args[1])? {
            n += 1;
        }
    }
    Ok(types::new_int(n))
}

fn index(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("index", args, 2, 4)?;
    let it = items(&args[0]);
    let (start, stop) = super::list::index_bounds(args, it.len())?;
    for (i, x) in it.iter().enumerate().take(stop).skip(start) {
        if x.is(&args[1]) || crate::vm::protocol::eq(vm, x, &args[1])? {
            return Ok(types::new_int(i as i64));
        }
    }
    Err(value_error("tuple.index(x): x not in tuple"))
}

/// Methods of `tuple`.
pub fn methods() -> Vec<Method> {
    vec![
        m("count", count),
        m("index", index),
        super::sm("__new__", tuple_new),
    ]
}
