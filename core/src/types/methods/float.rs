//! `float`.

use super::{m, Method};
use crate::object::{Kind, Value};
use crate::types::exception::{type_error, value_error};
use crate::types::{self, new_float, str::as_str, Kwargs, PyResult};
use crate::vm::protocol::type_name;
use crate::vm::Vm;

/// `float(x=0.0)`.
pub fn float_new(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    if let Some(r) =
        super::subclass::via_exact(vm, args, _kw, &types::builtin_types().float, float_new)
    {
        return r;
    }
    let Some(x) = args.get(1) else {
        return Ok(new_float(0.0));
    };
    float_from(vm, x)
}

/// `float(x)` for one argument.
pub fn float_from(vm: &mut Vm, x: &Value) -> PyResult<Value> {
    if let Some(i) = x.as_small() {
        return Ok(new_float(i as f64));
    }
    match x.kind() {
        Kind::Float if x.type_ptr() == types::builtin_types().float.as_ptr() => Ok(x.clone()),
        Kind::Float => Ok(new_float(x.as_float().unwrap_or(0.0))),
        Kind::Int | Kind::Bool => Ok(new_float(crate::vm::ops::to_f64(x)?)),
        Kind::Str => {
            let s = as_str(x).unwrap_or("");
            match crate::format::parse_float_literal(s) {
                Some(f) => Ok(new_float(f)),
                None => Err(value_error(format!(
                    "could not convert string to float: {}",
                    crate::format::str_repr(s)
                ))),
            }
        }
        _ => {
            for name in ["__float__", "__index__"] {
                if let Some(f) = crate::vm::attr::lookup_special(x, name) {
                    let r = crate::vm::call::call(vm, &f, std::slice::from_ref(x))?;
                    return float_from(vm, &r);
                }
            }
            Err(type_error(format!(
                "float() argument must be a string or a real number, not '{}'",
                type_name(x)
            )))
        }
    }
}

fn self_f(args: &[Value]) -> PyResult<f64> {
    args.first()
        .and_then(|v| v.as_float())
        .ok_or_else(|| type_error("descriptor requires a 'float' object"))
}

fn is_integer(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let f = self_f(args)?;
    Ok(types::bool_value(f.is_finite() && f.fract() == 0.0))
}

fn as_integer_ratio(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let f = self_f(args)?;
    if f.is_infinite() {
        return Err(crate::types::exception::overflow_error(
            "cannot convert Infinity to integer ratio",
        ));
    }
    if f.is_nan() {
        return Err(value_error("cannot convert NaN to integer ratio"));
    }
    let (mut mant, mut e) = crate::vm::protocol::frexp(f);
    let mut i = 0;
    while mant != mant.floor() && i < 300 {
        mant *= 2.0;
        e -= 1;
        i += 1;
    }
    let num = num_bigint::BigInt::from(mant as i64);
    let (num, den) = if e > 0 {
        (num << e as usize, num_bigint::BigInt::from(1))
    } else {
        (num, num_bigint::BigInt::from(1) << (-e) as usize)
    };
    let g = num_integer::Integer::gcd(&num, &den);
    Ok(types::new_tuple(vec![
        types::bigint::new_bigint(&num / &g),
        types::bigint::new_bigint(&den / &g),
    ]))
}

fn float_format(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    super::nargs("__format__", args, 2, 2)?;
    crate::vm::protocol::format(vm, &args[0], as_str(&args[1]).unwrap_or(""))
}

fn conjugate(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(new_float(self_f(args)?))
}

/// Methods of `float`.
pub fn methods() -> Vec<Method> {
    let mut v = super::number::float_dunders();
    v.push(super::sm("__new__", float_new));
    v.extend([
        m("is_integer", is_integer),
        m("as_integer_ratio", as_integer_ratio),
        m("__format__", float_format),
        m("conjugate", conjugate),
    ]);
    v
}
