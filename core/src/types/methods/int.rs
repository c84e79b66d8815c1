//! `int` and `bool`.

use num_bigint::BigInt;

use super::{m, Method};
use crate::object::{Kind, Value};
use crate::types::exception::{type_error, value_error};
use crate::types::{self, bigint::new_bigint, bigint::to_bigint, str::as_str, Kwargs, PyResult};
use crate::vm::protocol::type_name;
use crate::vm::Vm;

/// `int(x=0)`, `int(str, base=10)`.
pub fn int_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    if let Some(r) = super::subclass::via_exact(vm, args, kw, &types::builtin_types().int, int_new)
    {
        return r;
    }
    let a = &args[1..];
    let given = a.len() + kw.names.len();
    if given > 2 {
        return Err(type_error(format!(
            "int() takes at most 2 arguments ({given} given)"
        )));
    }
    let x = a.first().or_else(|| kw.get("x"));
    let base = a.get(1).or_else(|| kw.get("base"));
    let Some(x) = x else {
        return Ok(Value::small(0));
    };
    if let Some(b) = base {
        let base =
            types::bigint::to_i64(b).ok_or_else(|| type_error("'base' must be an integer"))?;
        if base != 0 && !(2..=36).contains(&base) {
            return Err(value_error("int() base must be >= 2 and <= 36, or 0"));
        }
        let s = match (as_str(x), x.downcast::<types::BytesData>()) {
            (Some(s), _) => s.to_string(),
            (None, Some(b)) => String::from_utf8_lossy(&b.0).to_string(),
            _ => {
                return Err(type_error(
                    "int() can't convert non-string with explicit base",
                ))
            }
        };
        return parse_int(vm, &s, base as u32);
    }
    int_from(vm, x)
}

fn parse_int(vm: &mut Vm, s: &str, base: u32) -> PyResult<Value> {
    match crate::format::parse_int_literal(s, base) {
        Some(b) => Ok(new_bigint(b)),
        None => {
            let r = crate::vm::protocol::repr_string(vm, &types::new_str(s))?;
            Err(value_error(format!(
                "invalid literal for int() with base {base}: {r}"
            )))
        }
    }
}

/// `int(x)` for one argument.
pub fn int_from(vm: &mut Vm, x: &Value) -> PyResult<Value> {
    if x.is_small() {
        return Ok(x.clone());
    }
    match x.kind() {
        Kind::Int if x.type_ptr() == types::builtin_types().int.as_ptr() => Ok(x.clone()),
        Kind::Int => Ok(new_bigint(to_bigint(x).unwrap_or_default())),
        Kind::Bool => Ok(Value::small(types::bigint::to_i64(x).unwrap_or(0))),
        Kind::Float => {
            let f = x.as_float().expect("f");
            if f.is_nan() {
                return Err(value_error("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(crate::types::exception::overflow_error(
                    "cannot convert float infinity to integer",
                ));
            }
            Ok(float_to_int(f.trunc()))
        }
        Kind::Str => parse_int(vm, as_str(x).unwrap_or(""), 10),
        Kind::Bytes => {
            let s = String::from_utf8_lossy(&x.downcast::<types::BytesData>().expect("b").0)
                .to_string();
            parse_int(vm, &s, 10)
        }
        _ => {
            for name in ["__int__", "__index__", "__trunc__"] {
                if let Some(f) = crate::vm::attr::lookup_special(x, name) {
                    let r = crate::vm::call::call(vm, &f, std::slice::from_ref(x))?;
                    if !types::bigint::is_int_like(&r) {
                        return Err(type_error(format!(
                            "{name} returned non-int (type {})",
                            type_name(&r)
                        )));
                    }
                    return Ok(r);
                }
            }
            Err(type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                type_name(x)
            )))
        }
    }
}

/// An integral float as an int.
pub fn float_to_int(f: f64) -> Value {
    if f.abs() < 9.0e18 {
        return types::new_int(f as i64);
    }
    let (m, e) = crate::vm::protocol::frexp(f);
    let mant = (m * (1u64 << 53) as f64) as i64;
    let v = BigInt::from(mant);
    new_bigint(if e >= 53 {
        v << (e - 53) as usize
    } else {
        v >> (53 - e) as usize
    })
}

/// `bool(x)`.
pub fn bool_new(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    match args.get(1) {
        None => Ok(types::bool_value(false)),
        Some(v) => Ok(types::bool_value(crate::vm::protocol::truthy(vm, v)?)),
    }
}

fn self_int(args: &[Value]) -> PyResult<BigInt> {
    args.first()
        .and_then(to_bigint)
        .ok_or_else(|| type_error("descriptor requires an 'int' object"))
}

fn bit_length(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_int(self_int(args)?.bits() as i64))
}

fn bit_count(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let b = self_int(args)?;
    let (_, mag) = b.to_bytes_le();
    Ok(types::new_int(
        mag.iter().map(|x| x.count_ones() as i64).sum(),
    ))
}

fn conjugate(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(new_bigint(self_int(args)?))
}

fn int_index(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(new_bigint(self_int(args)?))
}

fn int_format(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    super::nargs("__format__", args, 2, 2)?;
    crate::vm::protocol::format(vm, &args[0], as_str(&args[1]).unwrap_or(""))
}

fn as_integer_ratio(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_tuple(vec![
        new_bigint(self_int(args)?),
        Value::small(1),
    ]))
}

fn to_bytes(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let v = self_int(args)?;
    let length = super::arg_or_kw(args, &kw, 1, "length")
        .map(crate::vm::protocol::index_value)
        .transpose()?
        .unwrap_or(1);
    let order = super::arg_or_kw(args, &kw, 2, "byteorder")
        .and_then(|x| as_str(x).map(|s| s.to_string()))
        .unwrap_or_else(|| "big".into());
    let signed = match kw.get("signed") {
        Some(s) => crate::vm::protocol::truthy(vm, s)?,
        None => false,
    };
    if !signed && v.sign() == num_bigint::Sign::Minus {
        return Err(crate::types::exception::overflow_error(
            "can't convert negative int to unsigned",
        ));
    }
    let mut bytes = if signed {
        v.to_signed_bytes_le()
    } else {
        v.to_bytes_le().1
    };
    let fill = if signed && v.sign() == num_bigint::Sign::Minus {
        0xff
    } else {
        0
    };
    if bytes.len() > length as usize {
        // Trailing sign-extension bytes may be dropped.
        while bytes.len() > length as usize && bytes.last() == Some(&fill) {
            bytes.pop();
        }
        if bytes.len() > length as usize
            || (signed
                && bytes
                    .last()
                    .is_some_and(|b| (b & 0x80 != 0) != (fill == 0xff)))
        {
            return Err(crate::types::exception::overflow_error(
                "int too big to convert",
            ));
        }
    }
    bytes.resize(length as usize, fill);
    if order == "big" {
        bytes.reverse();
    } else if order != "little" {
        return Err(value_error("byteorder must be either 'little' or 'big'"));
    }
    Ok(types::misc::new_bytes(bytes))
}

fn from_bytes(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let data = super::arg_or_kw(args, &kw, 1, "bytes")
        .ok_or_else(|| type_error("from_bytes() missing required argument 'bytes'"))?;
    let items = crate::vm::iteration::collect(vm, data)?;
    let mut bytes: Vec<u8> = items
        .iter()
        .map(|b| types::bigint::to_i64(b).unwrap_or(0) as u8)
        .collect();
    if let Some(b) = data.downcast::<types::BytesData>() {
        bytes = b.0.to_vec();
    }
    let order = super::arg_or_kw(args, &kw, 2, "byteorder")
        .and_then(|x| as_str(x).map(|s| s.to_string()))
        .unwrap_or_else(|| "big".into());
    let signed = match kw.get("signed") {
        Some(s) => crate::vm::protocol::truthy(vm, s)?,
        None => false,
    };
    if order == "big" {
        bytes.reverse();
    }
    let v = if signed {
        BigInt::from_signed_bytes_le(&bytes)
    } else {
        BigInt::from_bytes_le(num_bigint::Sign::Plus, &bytes)
    };
    Ok(new_bigint(v))
}

/// Methods of `int`.
pub fn methods() -> Vec<Method> {
    let mut v = super::number::int_dunders();
    v.push(super::sm("__new__", int_new));
    v.extend([
        m("bit_length", bit_length),
        m("bit_count", bit_count),
        m("conjugate", conjugate),
        m("__index__", int_index),
        m("__int__", int_index),
        m("__format__", int_format),
        m("as_integer_ratio", as_integer_ratio),
        m("to_bytes", to_bytes),
        super::cm("from_bytes", from_bytes),
    ]);
    v
}

/// Methods of `bool` (beyond int's).
pub fn bool_methods() -> Vec<Method> {
    vec![]
}
