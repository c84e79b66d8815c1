//! Python subclasses of the immutable built-in types (`class Pos(int)`,
//! `class Upper(str)`): their instances use the built-in layout with the
//! subclass as type. The constructors compute the value with the exact
//! built-in type, then re-wrap it.

use crate::object::{alloc, Kind, Value};
use crate::types::{self, BytesData, FloatData, Kwargs, NativeFn, PyResult, StaticValue};
use crate::vm::Vm;

/// Re-wraps a value computed by a built-in constructor as an instance of `cls`.
pub fn rewrap(cls: &Value, v: Value) -> Value {
    match v.kind() {
        Kind::Int | Kind::Bool => alloc(
            cls,
            types::BigIntData(types::bigint::to_bigint(&v).unwrap_or_default()),
        ),
        Kind::Str => types::str::new_str_typed(cls, types::str::as_str(&v).unwrap_or("")),
        Kind::Float => alloc(cls, FloatData(v.as_float().unwrap_or(0.0))),
        Kind::Bytes => alloc(
            cls,
            BytesData(
                v.downcast::<BytesData>()
                    .map(|b| b.0.clone())
                    .unwrap_or_default(),
            ),
        ),
        _ => v,
    }
}

/// When `args[0]` (the class) is a subclass of `exact`, runs `new` for the
/// exact type and re-wraps the result; `None` when the class is `exact`.
pub fn via_exact(
    vm: &mut Vm,
    args: &[Value],
    kw: Kwargs,
    exact: &StaticValue,
    new: NativeFn,
) -> Option<PyResult<Value>> {
    let cls = args.first()?;
    if cls.is(exact.v()) {
        return None;
    }
    let mut all = Vec::with_capacity(args.len());
    all.push(exact.get());
    all.extend_from_slice(&args[1..]);
    Some(new(vm, &all, kw).map(|v| rewrap(cls, v)))
}
