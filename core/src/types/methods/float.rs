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

/// `float.hex()`: CPython's exact hexadecimal form.
fn hex(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    super::nargs("hex", args, 1, 1)?;
    Ok(types::new_str(crate::numeric::float_hex::float_hex(
        self_f(args)?,
    )))
}

/// `float.fromhex(string)`, a class method: a subclass gets
/// `cls(float.fromhex(string))`, as in CPython.
fn fromhex(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    super::nargs("fromhex", args, 2, 2)?;
    let Some(text) = as_str(&args[1]) else {
        // CPython 3.11's words (PyUnicode_AsUTF8AndSize's error).
        return Err(type_error("bad argument type for built-in operation"));
    };
    let f = crate::numeric::float_hex::float_fromhex(text).map_err(crate::stdlib::math::num_err)?;
    let x = new_float(f);
    if args[0].is(types::builtin_types().float.v()) {
        return Ok(x);
    }
    crate::vm::call::call(vm, &args[0], &[x])
}

/// `float.__round__(ndigits=None)`: `round()` on the float.
fn round_(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    super::nargs("__round__", args, 1, 2)?;
    self_f(args)?;
    crate::stdlib::builtins::round(vm, args, kw)
}

/// `__trunc__`, `__floor__`, `__ceil__`: the integer toward zero, below,
/// above (OverflowError for infinities, ValueError for NaN).
fn to_int(
    args: &[Value],
    name: &str,
    f: fn(f64) -> crate::numeric::NumResult<crate::numeric::IntResult>,
) -> PyResult<Value> {
    super::nargs(name, args, 1, 1)?;
    f(self_f(args)?)
        .map(crate::stdlib::math::int_value)
        .map_err(crate::stdlib::math::num_err)
}

fn trunc(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    to_int(args, "__trunc__", crate::numeric::math_fns::trunc)
}

fn floor(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    to_int(args, "__floor__", crate::numeric::math_fns::floor)
}

fn ceil(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    to_int(args, "__ceil__", crate::numeric::math_fns::ceil)
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
        m("hex", hex),
        super::cm("fromhex", fromhex),
        m("__round__", round_),
        m("__trunc__", trunc),
        m("__floor__", floor),
        m("__ceil__", ceil),
    ]);
    v
}
