//! The float functions of Python's `math` module with CPython 3.11's
//! special-value handling and error policy (`math_1`, `math_2`,
//! `loghelper`, `math_pow`, ...): a NaN from non-NaN input raises
//! `ValueError("math domain error")`, an infinity from finite input raises
//! `OverflowError("math range error")` for functions that can overflow and
//! `ValueError` otherwise.
//!
//! The libm calls go through Rust's `f64` methods, which use the platform
//! C library, exactly as CPython does.  Functions CPython implements itself
//! or for which Rust does not call libm (`cbrt`, `erf`, the inverse
//! hyperbolics, `gamma`) live in [`super::math_special`].

use std::f64::consts::PI;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use super::fp;
use super::int_convert::{big_frexp, big_to_f64, f64_to_int};
use super::{IntResult, NumError, NumResult};

// The whole `math` module in one namespace.
pub use super::math_int::{comb, factorial, factorial_u64, gcd, gcd_i64, isqrt, lcm, perm};
pub use super::math_special::{acosh, asinh, atanh, cbrt, erf, erfc, gamma, lgamma};
pub use super::math_sum::{dist, fsum, hypot};

/// `ValueError` message for domain errors.
pub const MSG_DOMAIN: &str = "math domain error";
/// `OverflowError` message for range errors.
pub const MSG_RANGE: &str = "math range error";

/// `ValueError("math domain error")`.
pub(crate) fn domain() -> NumError {
    NumError::value(MSG_DOMAIN)
}

/// `OverflowError("math range error")`.
pub(crate) fn range() -> NumError {
    NumError::overflow(MSG_RANGE)
}

/// CPython's `math_1` result check.
pub(crate) fn check_1(x: f64, r: f64, can_overflow: bool) -> NumResult<f64> {
    if r.is_nan() && !x.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range() } else { domain() });
    }
    Ok(r)
}

/// CPython's `math_2` result check.
fn check_2(x: f64, y: f64, r: f64) -> NumResult<f64> {
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range());
    }
    Ok(r)
}

macro_rules! math1 {
    ($(#[$doc:meta])* $name:ident, $method:ident, $over:expr) => {
        $(#[$doc])*
        pub fn $name(x: f64) -> NumResult<f64> {
            check_1(x, x.$method(), $over)
        }
    };
}

math1!(/// `math.sqrt(x)`.
    sqrt, sqrt, false);
math1!(/// `math.exp(x)`.
    exp, exp, true);
math1!(/// `math.exp2(x)`.
    exp2, exp2, true);
math1!(/// `math.expm1(x)`.
    expm1, exp_m1, true);
math1!(/// `math.sin(x)`.
    sin, sin, false);
math1!(/// `math.cos(x)`.
    cos, cos, false);
math1!(/// `math.tan(x)`.
    tan, tan, false);
math1!(/// `math.asin(x)`.
    asin, asin, false);
math1!(/// `math.acos(x)`.
    acos, acos, false);
math1!(/// `math.atan(x)`.
    atan, atan, false);
math1!(/// `math.sinh(x)`.
    sinh, sinh, true);
math1!(/// `math.cosh(x)`.
    cosh, cosh, true);
math1!(/// `math.tanh(x)`.
    tanh, tanh, false);

/// `math.log1p(x)`.
pub fn log1p(x: f64) -> NumResult<f64> {
    let r = if x == 0.0 { x } else { x.ln_1p() };
    check_1(x, r, false)
}

/// `math.fabs(x)`.
pub fn fabs(x: f64) -> f64 {
    x.abs()
}

/// `math.copysign(x, y)`.
pub fn copysign(x: f64, y: f64) -> f64 {
    x.copysign(y)
}

/// `math.isfinite(x)`.
pub fn isfinite(x: f64) -> bool {
    x.is_finite()
}

/// `math.isinf(x)`.
pub fn isinf(x: f64) -> bool {
    x.is_infinite()
}

/// `math.isnan(x)`.
pub fn isnan(x: f64) -> bool {
    x.is_nan()
}

/// `math.degrees(x)`.
pub fn degrees(x: f64) -> f64 {
    x * (180.0 / PI)
}

/// `math.radians(x)`.
pub fn radians(x: f64) -> f64 {
    x * (PI / 180.0)
}

/// `math.floor(x)` for a float, as a Python int.
pub fn floor(x: f64) -> NumResult<IntResult> {
    f64_to_int(x.floor())
}

/// `math.ceil(x)` for a float, as a Python int.
pub fn ceil(x: f64) -> NumResult<IntResult> {
    f64_to_int(x.ceil())
}

/// `math.trunc(x)` for a float, as a Python int.
pub fn trunc(x: f64) -> NumResult<IntResult> {
    f64_to_int(x)
}

/// `math.fmod(x, y)`.
pub fn fmod(x: f64, y: f64) -> NumResult<f64> {
    if y.is_infinite() && x.is_finite() {
        return Ok(x);
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain());
    }
    Ok(r)
}

/// `math.atan2(y, x)`.
pub fn atan2(y: f64, x: f64) -> NumResult<f64> {
    let r = if x.is_nan() || y.is_nan() {
        f64::NAN
    } else if y.is_infinite() {
        if x.is_infinite() {
            if 1.0f64.copysign(x) == 1.0 {
                (0.25 * PI).copysign(y)
            } else {
                (0.75 * PI).copysign(y)
            }
        } else {
            (0.5 * PI).copysign(y)
        }
    } else if x.is_infinite() || y == 0.0 {
        if 1.0f64.copysign(x) == 1.0 {
            0.0f64.copysign(y)
        } else {
            PI.copysign(y)
        }
    } else {
        y.atan2(x)
    };
    check_2(y, x, r)
}

/// `math.remainder(x, y)`: IEEE 754 remainder, exact.
pub fn remainder(x: f64, y: f64) -> NumResult<f64> {
    let r = if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            f64::NAN
        } else {
            let absx = x.abs();
            let absy = y.abs();
            let m = absx % absy;
            let c = absy - m;
            let r = if m < c {
                m
            } else if m > c {
                -c
            } else {
                m - 2.0 * ((0.5 * (absx - m)) % absy)
            };
            1.0f64.copysign(x) * r
        }
    } else if x.is_nan() {
        x
    } else if y.is_nan() {
        y
    } else if x.is_infinite() {
        f64::NAN
    } else {
        x
    };
    check_2(x, y, r)
}

/// `math.pow(x, y)` (not the `**` operator: zero to a negative power is a
/// domain error here).
pub fn pow(x: f64, y: f64) -> NumResult<f64> {
    if !x.is_finite() || !y.is_finite() {
        let r = if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && (y.abs() % 2.0) == 1.0;
            if y > 0.0 {
                if odd_y {
                    x
                } else {
                    x.abs()
                }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if y > 0.0 && x.abs() > 1.0 {
            y
        } else if y < 0.0 && x.abs() < 1.0 {
            -y
        } else {
            0.0
        };
        return Ok(r);
    }
    let r = x.powf(y);
    if r.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() {
        return Err(if x == 0.0 { domain() } else { range() });
    }
    Ok(r)
}

// ---------------------------------------------------------------------------
// Logarithms
// ---------------------------------------------------------------------------

fn m_log(x: f64) -> f64 {
    if x.is_finite() {
        if x > 0.0 {
            x.ln()
        } else if x == 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::NAN
        }
    } else if x.is_nan() || x > 0.0 {
        x
    } else {
        f64::NAN
    }
}

fn m_log2(x: f64) -> f64 {
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            x
        } else {
            f64::NAN
        }
    } else if x > 0.0 {
        x.log2()
    } else if x == 0.0 {
        f64::NEG_INFINITY
    } else {
        f64::NAN
    }
}

fn m_log10(x: f64) -> f64 {
    if x.is_finite() {
        if x > 0.0 {
            x.log10()
        } else if x == 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::NAN
        }
    } else if x.is_nan() || x > 0.0 {
        x
    } else {
        f64::NAN
    }
}

/// CPython's `loghelper` for int arguments: works for ints of any size.
fn log_helper_int(x: &BigInt, func: fn(f64) -> f64) -> NumResult<f64> {
    if !x.is_positive() {
        return Err(domain());
    }
    match big_to_f64(x) {
        Ok(v) => Ok(func(v)),
        Err(_) => {
            let (m, e) = big_frexp(x.magnitude());
            Ok(func(m) + func(2.0) * e as f64)
        }
    }
}

/// `math.log(x)` for a float.
pub fn log(x: f64) -> NumResult<f64> {
    check_1(x, m_log(x), false)
}

/// `math.log(x)` for an int (any size).
pub fn log_int(x: &BigInt) -> NumResult<f64> {
    log_helper_int(x, m_log)
}

/// `math.log2(x)` for a float.
pub fn log2(x: f64) -> NumResult<f64> {
    check_1(x, m_log2(x), false)
}

/// `math.log2(x)` for an int (any size).
pub fn log2_int(x: &BigInt) -> NumResult<f64> {
    log_helper_int(x, m_log2)
}

/// `math.log10(x)` for a float.
pub fn log10(x: f64) -> NumResult<f64> {
    check_1(x, m_log10(x), false)
}

/// `math.log10(x)` for an int (any size).
pub fn log10_int(x: &BigInt) -> NumResult<f64> {
    log_helper_int(x, m_log10)
}

/// The final step of `math.log(x, base)`: `log(x) / log(base)`, where both
/// logs come from [`log`]/[`log_int`].  Raises `ZeroDivisionError` for base 1.
pub fn log_ratio(num: f64, den: f64) -> NumResult<f64> {
    super::float_ops::float_truediv(num, den)
}

/// `math.log(x, base)` for float arguments.
pub fn log_base(x: f64, base: f64) -> NumResult<f64> {
    let num = log(x)?;
    let den = log(base)?;
    log_ratio(num, den)
}

// ---------------------------------------------------------------------------
// Decomposition and comparison
// ---------------------------------------------------------------------------

/// `math.frexp(x)`.
pub fn frexp(x: f64) -> (f64, i32) {
    fp::frexp(x)
}

/// `math.ldexp(x, i)`; callers clamp huge Python ints to the `i64` range
/// (CPython clamps to `LONG_MIN`/`LONG_MAX`).
pub fn ldexp(x: f64, i: i64) -> NumResult<f64> {
    if x == 0.0 || !x.is_finite() {
        return Ok(x);
    }
    if i > i32::MAX as i64 {
        return Err(range());
    }
    if i < i32::MIN as i64 {
        return Ok(0.0f64.copysign(x));
    }
    let r = fp::ldexp(x, i as i32);
    if r.is_infinite() {
        return Err(range());
    }
    Ok(r)
}

/// `math.modf(x)`: `(fractional, integral)`, both with the sign of `x`.
pub fn modf(x: f64) -> (f64, f64) {
    if x.is_infinite() {
        return (0.0f64.copysign(x), x);
    }
    if x.is_nan() {
        return (x, x);
    }
    let ip = x.trunc();
    ((x - ip).copysign(x), ip)
}

/// `math.isclose(a, b, rel_tol=..., abs_tol=...)`.
pub fn isclose(a: f64, b: f64, rel_tol: f64, abs_tol: f64) -> NumResult<bool> {
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(NumError::value("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(true);
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(false);
    }
    let diff = (b - a).abs();
    Ok(diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol)
}

/// `math.nextafter(x, y)`.
pub fn nextafter(x: f64, y: f64) -> f64 {
    fp::nextafter(x, y)
}

/// `math.ulp(x)`.
pub fn ulp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let x = x.abs();
    if x.is_infinite() {
        return x;
    }
    let x2 = fp::nextafter(x, f64::INFINITY);
    if x2.is_infinite() {
        return x - fp::nextafter(x, f64::NEG_INFINITY);
    }
    x2 - x
}

/// Converts a Python int to the `i64` exponent [`ldexp`] expects,
/// saturating like `PyLong_AsLongAndOverflow`.
pub fn clamp_exponent(i: &BigInt) -> i64 {
    i.to_i64()
        .unwrap_or(if i.is_negative() { i64::MIN } else { i64::MAX })
}
