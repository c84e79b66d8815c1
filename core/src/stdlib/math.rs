//! The `math` module: thin argument-handling wrappers over the CPython-exact
//! algorithms in [`crate::numeric::math_fns`], plus the argument conversion
//! helpers (`float_arg`, `int_arg`, `num_err`) shared with `random`.

#[path = "args.rs"]
pub(crate) mod args;

use num_bigint::BigInt;

use super::{add_functions, set_attr};
use crate::compiler::opcodes::BinOp;
use crate::numeric::math_fns as mf;
use crate::numeric::{ExcKind, IntResult, NumError, NumResult};
use crate::object::{Kind, Value};
use crate::types::exception::{self as exc, type_error};
use crate::types::{self, new_float, Kwargs, PyErr, PyResult};
use crate::vm::attr::{lookup_special, lookup_special_name};
use crate::vm::call::call;
use crate::vm::protocol::type_name;
use crate::vm::Vm;

/// Converts a numeric-library error into the matching Python exception.
pub(crate) fn num_err(e: NumError) -> PyErr {
    let msg: &str = &e.msg;
    match e.kind {
        ExcKind::ZeroDivisionError => exc::zero_division_error(msg),
        ExcKind::ValueError => exc::value_error(msg),
        ExcKind::OverflowError => exc::overflow_error(msg),
        ExcKind::TypeError => exc::type_error(msg),
        ExcKind::IndexError => exc::index_error(msg),
        ExcKind::MemoryError => exc::memory_error(msg),
    }
}

/// A Python int value from a normalised integer result.
pub(crate) fn int_value(r: IntResult) -> Value {
    match r {
        IntResult::Small(i) => types::new_int(i),
        IntResult::Big(b) => types::new_bigint(b),
    }
}

/// `PyFloat_AsDouble`: floats, ints, then `__float__` and `__index__`;
/// otherwise `TypeError("must be real number, not X")`.
pub fn float_arg(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    if let Some(i) = v.as_small() {
        return Ok(i as f64);
    }
    match v.kind() {
        Kind::Float => return Ok(v.as_float().expect("float")),
        Kind::Int | Kind::Bool => return crate::vm::ops::to_f64(v),
        _ => {}
    }
    if let Some(f) = lookup_special_name(v, crate::name!("__float__")) {
        let r = call(vm, &f, std::slice::from_ref(v))?;
        return match r.as_float() {
            Some(x) => Ok(x),
            None => Err(type_error(format!(
                "{}.__float__ returned non-float (type {})",
                type_name(v),
                type_name(&r)
            ))),
        };
    }
    if lookup_special_name(v, crate::name!("__index__")).is_some() {
        let i = int_arg(vm, v)?;
        return crate::vm::ops::int_to_f64(&i);
    }
    Err(type_error(format!(
        "must be real number, not {}",
        type_name(v)
    )))
}

pub(crate) use crate::vm::protocol::index_obj;

/// An integer argument (`__index__` protocol) as a `BigInt`.
pub(crate) fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    let i = index_obj(vm, v)?;
    Ok(types::bigint::to_bigint(&i).expect("int"))
}

fn exactly_one<'a>(name: &str, args: &'a [Value], kw: &Kwargs) -> PyResult<&'a Value> {
    if !kw.is_empty() {
        return Err(type_error(format!(
            "math.{name}() takes no keyword arguments"
        )));
    }
    if args.len() != 1 {
        return Err(type_error(format!(
            "math.{name}() takes exactly one argument ({} given)",
            args.len()
        )));
    }
    Ok(&args[0])
}

fn exactly_n(name: &str, args: &[Value], kw: &Kwargs, n: usize) -> PyResult<()> {
    if !kw.is_empty() {
        return Err(type_error(format!("{name}() takes no keyword arguments")));
    }
    if args.len() != n {
        return Err(type_error(format!(
            "{name} expected {n} argument{}, got {}",
            if n == 1 { "" } else { "s" },
            args.len()
        )));
    }
    Ok(())
}

fn float2(vm: &mut Vm, name: &str, args: &[Value], kw: &Kwargs) -> PyResult<(f64, f64)> {
    exactly_n(name, args, kw, 2)?;
    Ok((float_arg(vm, &args[0])?, float_arg(vm, &args[1])?))
}

fn fres(r: NumResult<f64>) -> PyResult<Value> {
    r.map(new_float).map_err(num_err)
}

macro_rules! float_fns {
    ($($name:ident => $f:expr),* $(,)?) => {$(
        fn $name(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
            let v = exactly_one(stringify!($name), args, &kw)?;
            let x = match v.as_float() {
                Some(f) => f,
                None => float_arg(vm, v)?,
            };
            let f: fn(f64) -> NumResult<f64> = $f;
            fres(f(x))
        }
    )*};
}

float_fns! {
    sqrt => mf::sqrt,
    exp => mf::exp,
    exp2 => mf::exp2,
    expm1 => mf::expm1,
    sin => mf::sin,
    cos => mf::cos,
    tan => mf::tan,
    asin => mf::asin,
    acos => mf::acos,
    atan => mf::atan,
    sinh => mf::sinh,
    cosh => mf::cosh,
    tanh => mf::tanh,
    asinh => mf::asinh,
    acosh => mf::acosh,
    atanh => mf::atanh,
    log1p => mf::log1p,
    cbrt => mf::cbrt,
    gamma => mf::gamma,
    lgamma => mf::lgamma,
    fabs => |x| Ok(mf::fabs(x)),
    degrees => |x| Ok(mf::degrees(x)),
    radians => |x| Ok(mf::radians(x)),
    erf => |x| Ok(mf::erf(x)),
    erfc => |x| Ok(mf::erfc(x)),
    ulp => |x| Ok(mf::ulp(x)),
}

macro_rules! pred_fns {
    ($($name:ident => $f:path),* $(,)?) => {$(
        fn $name(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
            let v = exactly_one(stringify!($name), args, &kw)?;
            let x = float_arg(vm, v)?;
            Ok(types::bool_value($f(x)))
        }
    )*};
}

pred_fns! {
    isfinite => mf::isfinite,
    isinf => mf::isinf,
    isnan => mf::isnan,
}

macro_rules! float2_fns {
    ($($name:ident => $f:expr),* $(,)?) => {$(
        fn $name(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
            let (x, y) = float2(vm, stringify!($name), args, &kw)?;
            let f: fn(f64, f64) -> NumResult<f64> = $f;
            fres(f(x, y))
        }
    )*};
}

float2_fns! {
    pow => mf::pow,
    atan2 => mf::atan2,
    fmod => mf::fmod,
    remainder => mf::remainder,
    copysign => |x, y| Ok(mf::copysign(x, y)),
    nextafter => |x, y| Ok(mf::nextafter(x, y)),
}

/// The int value of an int-like argument (bools become plain ints).
fn plain_int(v: &Value) -> Option<Value> {
    if v.is_small() || v.kind() == Kind::Int {
        return Some(v.clone());
    }
    v.downcast::<types::BoolData>()
        .map(|b| types::new_int(b.0 as i64))
}

fn rounding(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: Kwargs,
    dunder: &str,
    f: fn(f64) -> NumResult<IntResult>,
) -> PyResult<Value> {
    let v = exactly_one(name, args, &kw)?;
    if let Some(x) = v.as_float() {
        return f(x).map(int_value).map_err(num_err);
    }
    if let Some(i) = plain_int(v) {
        return Ok(i);
    }
    if let Some(m) = lookup_special(v, dunder) {
        return call(vm, &m, std::slice::from_ref(v));
    }
    if dunder == "__trunc__" {
        return Err(type_error(format!(
            "type {} doesn't define __trunc__ method",
            type_name(v)
        )));
    }
    let x = float_arg(vm, v)?;
    f(x).map(int_value).map_err(num_err)
}

fn floor(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    rounding(vm, "floor", args, kw, "__floor__", mf::floor)
}

fn ceil(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    rounding(vm, "ceil", args, kw, "__ceil__", mf::ceil)
}

fn trunc(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    rounding(vm, "trunc", args, kw, "__trunc__", mf::trunc)
}

/// `loghelper`: ints of any size are handled exactly, everything else is
/// converted to float first.
fn log_helper(
    vm: &mut Vm,
    v: &Value,
    ff: fn(f64) -> NumResult<f64>,
    fi: fn(&BigInt) -> NumResult<f64>,
) -> PyResult<f64> {
    if let Some(i) = v.as_small() {
        if i > 0 {
            return ff(i as f64).map_err(num_err);
        }
    }
    if types::bigint::is_int_like(v) {
        let b = types::bigint::to_bigint(v).expect("int");
        return fi(&b).map_err(num_err);
    }
    let x = float_arg(vm, v)?;
    ff(x).map_err(num_err)
}

fn log(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(type_error("log() takes no keyword arguments"));
    }
    crate::vm::call::check_args("log", args, 1, 2)?;
    let num = log_helper(vm, &args[0], mf::log, mf::log_int)?;
    match args.get(1) {
        None => Ok(new_float(num)),
        Some(b) => {
            let den = log_helper(vm, b, mf::log, mf::log_int)?;
            fres(mf::log_ratio(num, den))
        }
    }
}

fn log2(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let v = exactly_one("log2", args, &kw)?;
    Ok(new_float(log_helper(vm, v, mf::log2, mf::log2_int)?))
}

fn log10(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let v = exactly_one("log10", args, &kw)?;
    Ok(new_float(log_helper(vm, v, mf::log10, mf::log10_int)?))
}

fn frexp(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let v = exactly_one("frexp", args, &kw)?;
    let (m, e) = mf::frexp(float_arg(vm, v)?);
    Ok(types::new_tuple(vec![
        new_float(m),
        types::new_int(e as i64),
    ]))
}

fn modf(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let v = exactly_one("modf", args, &kw)?;
    let (f, i) = mf::modf(float_arg(vm, v)?);
    Ok(types::new_tuple(vec![new_float(f), new_float(i)]))
}

fn ldexp(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    exactly_n("ldexp", args, &kw, 2)?;
    let x = float_arg(vm, &args[0])?;
    let i = types::bigint::to_bigint(&args[1])
        .ok_or_else(|| type_error("Expected an int as second argument to ldexp."))?;
    fres(mf::ldexp(x, mf::clamp_exponent(&i)))
}

/// Collects the float coordinates of an iterable point.
fn point(vm: &mut Vm, v: &Value) -> PyResult<Vec<f64>> {
    let items = crate::vm::iteration::collect(vm, v)?;
    items.iter().map(|x| float_arg(vm, x)).collect()
}

fn hypot(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(type_error("hypot() takes no keyword arguments"));
    }
    let coords = args
        .iter()
        .map(|x| float_arg(vm, x))
        .collect::<PyResult<Vec<f64>>>()?;
    Ok(new_float(mf::hypot(&coords)))
}

fn dist(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    exactly_n("dist", args, &kw, 2)?;
    let p = point(vm, &args[0])?;
    let q = point(vm, &args[1])?;
    fres(mf::dist(&p, &q))
}

fn fsum(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let v = exactly_one("fsum", args, &kw)?;
    let xs = point(vm, v)?;
    fres(mf::fsum(xs))
}

fn isclose(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let mut a = args.first().cloned();
    let mut b = args.get(1).cloned();
    if args.len() > 2 {
        return Err(type_error(format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            args.len()
        )));
    }
    let (mut rel, mut abs) = (1e-9, 0.0);
    for (k, v) in kw.iter() {
        match k {
            "a" if a.is_none() => a = Some(v.clone()),
            "b" if b.is_none() => b = Some(v.clone()),
            "rel_tol" => rel = float_arg(vm, v)?,
            "abs_tol" => abs = float_arg(vm, v)?,
            "a" | "b" => {
                return Err(type_error(format!(
                    "argument for isclose() given by name ('{k}') and position"
                )))
            }
            _ => {
                return Err(type_error(format!(
                    "isclose() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    let a = a.ok_or_else(|| type_error("isclose() missing required argument 'a' (pos 1)"))?;
    let b = b.ok_or_else(|| type_error("isclose() missing required argument 'b' (pos 2)"))?;
    let (x, y) = (float_arg(vm, &a)?, float_arg(vm, &b)?);
    mf::isclose(x, y, rel, abs)
        .map(types::bool_value)
        .map_err(num_err)
}

fn prod(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    if args.len() != 1 {
        return Err(type_error(format!(
            "prod() takes exactly 1 positional argument ({} given)",
            args.len()
        )));
    }
    let mut acc = Value::small(1);
    for (k, v) in kw.iter() {
        if k != "start" {
            return Err(type_error(format!(
                "prod() got an unexpected keyword argument '{k}'"
            )));
        }
        acc = v.clone();
    }
    let it = crate::vm::iteration::iter(vm, &args[0])?;
    while let Some(x) = crate::vm::iteration::next(vm, &it)? {
        if let (Some(a), Some(b)) = (acc.as_small(), x.as_small()) {
            if let Some(p) = a.checked_mul(b) {
                acc = types::new_int(p);
                continue;
            }
        }
        acc = crate::vm::ops::binary_op(vm, &acc, &x, BinOp::Mul, false)?;
    }
    Ok(acc)
}

fn gcd(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(type_error("gcd() takes no keyword arguments"));
    }
    let mut small: Option<i64> = Some(0);
    let mut bigs: Vec<BigInt> = Vec::new();
    for a in args {
        if let (Some(acc), Some(x)) = (small, a.as_small()) {
            let g = mf::gcd_i64(acc, x);
            if let Ok(g) = i64::try_from(g) {
                small = Some(g);
                continue;
            }
        }
        if let Some(acc) = small.take() {
            bigs.push(BigInt::from(acc));
        }
        bigs.push(int_arg(vm, a)?);
    }
    Ok(match small {
        Some(g) => types::new_int(g),
        None => types::new_bigint(mf::gcd(&bigs)),
    })
}

fn lcm(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(type_error("lcm() takes no keyword arguments"));
    }
    let vals = args
        .iter()
        .map(|a| int_arg(vm, a))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(types::new_bigint(mf::lcm(&vals)))
}

fn isqrt(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let v = exactly_one("isqrt", args, &kw)?;
    if let Some(n) = v.as_small() {
        if (0..1 << 52).contains(&n) {
            let mut r = (n as f64).sqrt() as i64;
            while r * r > n {
                r -= 1;
            }
            while (r + 1) * (r + 1) <= n {
                r += 1;
            }
            return Ok(types::new_int(r));
        }
    }
    let n = int_arg(vm, v)?;
    mf::isqrt(&n).map(types::new_bigint).map_err(num_err)
}

fn factorial(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let v = exactly_one("factorial", args, &kw)?;
    let n = int_arg(vm, v)?;
    mf::factorial(&n).map(types::new_bigint).map_err(num_err)
}

fn comb(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    exactly_n("comb", args, &kw, 2)?;
    let n = int_arg(vm, &args[0])?;
    let k = int_arg(vm, &args[1])?;
    mf::comb(&n, &k).map(types::new_bigint).map_err(num_err)
}

fn perm(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(type_error("perm() takes no keyword arguments"));
    }
    crate::vm::call::check_args("perm", args, 1, 2)?;
    let n = int_arg(vm, &args[0])?;
    let k = match args.get(1) {
        Some(k) if !types::is_none(k) => Some(int_arg(vm, k)?),
        _ => None,
    };
    mf::perm(&n, k.as_ref())
        .map(types::new_bigint)
        .map_err(num_err)
}

/// Creates the `math` module.
pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let _ = vm;
    let m = crate::vm::import::new_module("math");
    add_functions(
        &m,
        "math",
        &[
            ("sqrt", sqrt),
            ("exp", exp),
            ("exp2", exp2),
            ("expm1", expm1),
            ("sin", sin),
            ("cos", cos),
            ("tan", tan),
            ("asin", asin),
            ("acos", acos),
            ("atan", atan),
            ("sinh", sinh),
            ("cosh", cosh),
            ("tanh", tanh),
            ("asinh", asinh),
            ("acosh", acosh),
            ("atanh", atanh),
            ("log1p", log1p),
            ("cbrt", cbrt),
            ("gamma", gamma),
            ("lgamma", lgamma),
            ("fabs", fabs),
            ("degrees", degrees),
            ("radians", radians),
            ("erf", erf),
            ("erfc", erfc),
            ("ulp", ulp),
            ("isfinite", isfinite),
            ("isinf", isinf),
            ("isnan", isnan),
            ("pow", pow),
            ("atan2", atan2),
            ("fmod", fmod),
            ("remainder", remainder),
            ("copysign", copysign),
            ("nextafter", nextafter),
            ("floor", floor),
            ("ceil", ceil),
            ("trunc", trunc),
            ("log", log),
            ("log2", log2),
            ("log10", log10),
            ("frexp", frexp),
            ("modf", modf),
            ("ldexp", ldexp),
            ("hypot", hypot),
            ("dist", dist),
            ("fsum", fsum),
            ("isclose", isclose),
            ("prod", prod),
            ("gcd", gcd),
            ("lcm", lcm),
            ("isqrt", isqrt),
            ("factorial", factorial),
            ("comb", comb),
            ("perm", perm),
        ],
    );
    set_attr(&m, "pi", new_float(std::f64::consts::PI));
    set_attr(&m, "e", new_float(std::f64::consts::E));
    set_attr(&m, "tau", new_float(std::f64::consts::TAU));
    set_attr(&m, "inf", new_float(f64::INFINITY));
    set_attr(&m, "nan", new_float(f64::NAN));
    Ok(m)
}
