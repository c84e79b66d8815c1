//! `complex`: construction, arithmetic (CPython's algorithms from
//! Objects/complexobject.c), `repr`, and the `real`/`imag`/`conjugate()`
//! members.

use super::{m, Method};
use crate::object::Value;
use crate::types::exception::{type_error, value_error, zero_division_error};
use crate::types::{self, str::as_str, ComplexData, Kwargs, PyResult};
use crate::vm::Vm;

/// A new complex number.
pub fn new_complex(re: f64, im: f64) -> Value {
    crate::object::alloc(types::builtin_types().complex.v(), ComplexData { re, im })
}

/// The value as a complex number, if it is a number.
pub fn as_complex(v: &Value) -> Option<(f64, f64)> {
    if let Some(c) = v.downcast::<ComplexData>() {
        return Some((c.re, c.im));
    }
    if let Some(f) = v.as_float() {
        return Some((f, 0.0));
    }
    if types::bigint::is_int_like(v) {
        return crate::vm::ops::to_f64(v).ok().map(|f| (f, 0.0));
    }
    None
}

/// `(a+bj) / (c+dj)` as CPython computes it (Smith's method).
pub fn div(a: (f64, f64), b: (f64, f64)) -> PyResult<(f64, f64)> {
    let (ar, ai) = a;
    let (br, bi) = b;
    let (abs_r, abs_i) = (br.abs(), bi.abs());
    if abs_r >= abs_i {
        if abs_r == 0.0 {
            return Err(zero_division_error("complex division by zero"));
        }
        let ratio = bi / br;
        let denom = br + bi * ratio;
        Ok(((ar + ai * ratio) / denom, (ai - ar * ratio) / denom))
    } else if abs_i >= abs_r {
        let ratio = br / bi;
        let denom = br * ratio + bi;
        Ok(((ar * ratio + ai) / denom, (ai * ratio - ar) / denom))
    } else {
        Ok((f64::NAN, f64::NAN))
    }
}

fn mul(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

fn powu(x: (f64, f64), mut n: u64) -> (f64, f64) {
    let mut r = (1.0, 0.0);
    let mut p = x;
    while n > 0 {
        if n & 1 == 1 {
            r = mul(r, p);
        }
        p = mul(p, p);
        n >>= 1;
    }
    r
}

/// `a ** b` as CPython computes it.
pub fn pow(a: (f64, f64), b: (f64, f64)) -> PyResult<(f64, f64)> {
    if b.1 == 0.0 && b.0 == b.0.trunc() && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        if n >= 0 {
            return Ok(powu(a, n as u64));
        }
        if a == (0.0, 0.0) {
            return Err(zero_division_error("0.0 to a negative or complex power"));
        }
        return div((1.0, 0.0), powu(a, n.unsigned_abs()));
    }
    if b == (0.0, 0.0) {
        return Ok((1.0, 0.0));
    }
    if a == (0.0, 0.0) {
        if b.1 != 0.0 || b.0 < 0.0 {
            return Err(zero_division_error("0.0 to a negative or complex power"));
        }
        return Ok((0.0, 0.0));
    }
    let vabs = a.0.hypot(a.1);
    let mut len = vabs.powf(b.0);
    let at = a.1.atan2(a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= (at * b.1).exp();
        phase += b.1 * vabs.ln();
    }
    Ok((len * phase.cos(), len * phase.sin()))
}

/// Arithmetic between numbers where at least one is complex.
pub fn binop(
    a: (f64, f64),
    b: (f64, f64),
    op: crate::compiler::opcodes::BinOp,
) -> Option<PyResult<Value>> {
    use crate::compiler::opcodes::BinOp;
    let r = match op {
        BinOp::Add => Ok((a.0 + b.0, a.1 + b.1)),
        BinOp::Sub => Ok((a.0 - b.0, a.1 - b.1)),
        BinOp::Mul => Ok(mul(a, b)),
        BinOp::TrueDiv => div(a, b),
        BinOp::Pow => pow(a, b),
        _ => return None,
    };
    Some(r.map(|(re, im)| new_complex(re, im)))
}

fn part(x: f64, sign: bool) -> String {
    crate::format::double_to_string(
        x,
        'r',
        0,
        crate::format::DtoaFlags {
            always_sign: sign,
            add_dot_0: false,
            alt: false,
            no_neg_0: false,
        },
    )
}

/// `repr(complex)`: `1j`, `(1+2j)`, `(-0-1j)`, as CPython.
pub fn repr(re: f64, im: f64) -> String {
    if re == 0.0 && re.is_sign_positive() {
        format!("{}j", part(im, false))
    } else {
        format!("({}{}j)", part(re, false), part(im, true))
    }
}

fn parse(s: &str) -> Option<(f64, f64)> {
    let t = s.trim();
    let t = t
        .strip_prefix('(')
        .and_then(|x| x.strip_suffix(')'))
        .unwrap_or(t)
        .trim();
    if let Some(body) = t.strip_suffix(['j', 'J']) {
        // Find the split between real and imaginary parts: the last sign that
        // is not part of an exponent.
        let bytes = body.as_bytes();
        let mut split = None;
        for i in (1..bytes.len()).rev() {
            if (bytes[i] == b'+' || bytes[i] == b'-') && !matches!(bytes[i - 1], b'e' | b'E') {
                split = Some(i);
                break;
            }
        }
        let imag = |x: &str| -> Option<f64> {
            match x {
                "" | "+" => Some(1.0),
                "-" => Some(-1.0),
                _ => crate::format::parse_float_literal(x),
            }
        };
        return match split {
            Some(i) => Some((
                crate::format::parse_float_literal(&body[..i])?,
                imag(&body[i..])?,
            )),
            None => Some((0.0, imag(body)?)),
        };
    }
    Some((crate::format::parse_float_literal(t)?, 0.0))
}

/// `complex(real=0, imag=0)` or `complex(str)`.
pub fn complex_new(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let r = super::arg_or_kw(args, &kw, 1, "real");
    let i = super::arg_or_kw(args, &kw, 2, "imag");
    if let Some(s) = r.and_then(as_str) {
        if i.is_some() {
            return Err(type_error(
                "complex() can't take second arg if first is a string",
            ));
        }
        return match parse(s) {
            Some((re, im)) => Ok(new_complex(re, im)),
            None => Err(value_error("complex() arg is a malformed string")),
        };
    }
    let get = |v: Option<&Value>, what: &str| -> PyResult<(f64, f64)> {
        match v {
            None => Ok((0.0, 0.0)),
            Some(x) => as_complex(x).ok_or_else(|| {
                type_error(format!(
                    "complex() {what} must be a number, not '{}'",
                    crate::vm::protocol::type_name(x)
                ))
            }),
        }
    };
    let (ar, ai) = get(r, "first argument")?;
    let (br, bi) = get(i, "second argument")?;
    Ok(new_complex(ar - bi, ai + br))
}

fn this(args: &[Value]) -> PyResult<(f64, f64)> {
    args.first()
        .and_then(|v| v.downcast::<ComplexData>())
        .map(|c| (c.re, c.im))
        .ok_or_else(|| type_error("descriptor requires a 'complex' object"))
}

fn conjugate(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let (re, im) = this(args)?;
    Ok(new_complex(re, -im))
}

/// Methods of `complex`.
pub fn methods() -> Vec<Method> {
    vec![m("conjugate", conjugate)]
}
