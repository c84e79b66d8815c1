//! Python `float` semantics: true/floor division, modulo and `divmod` with
//! CPython's signed-zero rules, `**` with its special cases and errors,
//! `round()` (to an int, or to `n` decimal places exactly as CPython's
//! dtoa-based `double_round`), `is_integer` and `as_integer_ratio`.

use num_bigint::{BigInt, BigUint};
use num_integer::Integer;
use num_traits::{One, Zero};

use super::fp::{decompose, is_odd_integer, ratio_to_f64, round_to_f64};
use super::int_convert::f64_to_int;
use super::{IntResult, NumError, NumResult};

/// Message for `x / 0.0`.
pub const MSG_DIV_ZERO: &str = "float division by zero";
/// Message for `x // 0.0`.
pub const MSG_FLOORDIV_ZERO: &str = "float floor division by zero";
/// Message for `x % 0.0`.
pub const MSG_MOD_ZERO: &str = "float modulo";
/// Message for `divmod(x, 0.0)`.
pub const MSG_DIVMOD_ZERO: &str = "float divmod()";
/// Message for `0.0 ** negative`.
pub const MSG_ZERO_NEG_POW: &str = "0.0 cannot be raised to a negative power";
/// Marker message for `negative ** fractional`: Python returns a complex
/// number here; callers detect it with [`NumError::is_complex_pow`].
pub const MSG_NEG_FRACTIONAL_POW: &str = "negative number cannot be raised to a fractional power";
/// Message for a `**` result that overflows (`OverflowError` from errno).
pub const MSG_POW_RANGE: &str = "(34, 'Numerical result out of range')";
/// Message for `round(x, n)` overflowing.
pub const MSG_ROUND_OVERFLOW: &str = "rounded value too large to represent";

/// `a / b`.
pub fn float_truediv(a: f64, b: f64) -> NumResult<f64> {
    if b == 0.0 {
        return Err(NumError::zero_div(MSG_DIV_ZERO));
    }
    Ok(a / b)
}

/// CPython's `_float_div_mod` (divisor already checked nonzero).
fn div_mod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

/// `a // b`.
pub fn float_floordiv(a: f64, b: f64) -> NumResult<f64> {
    if b == 0.0 {
        return Err(NumError::zero_div(MSG_FLOORDIV_ZERO));
    }
    Ok(div_mod(a, b).0)
}

/// `a % b` (result has the sign of `b`; zero results are signed like `b`).
pub fn float_mod(a: f64, b: f64) -> NumResult<f64> {
    if b == 0.0 {
        return Err(NumError::zero_div(MSG_MOD_ZERO));
    }
    let mut m = a % b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    Ok(m)
}

/// `divmod(a, b)`.
pub fn float_divmod(a: f64, b: f64) -> NumResult<(f64, f64)> {
    if b == 0.0 {
        return Err(NumError::zero_div(MSG_DIVMOD_ZERO));
    }
    Ok(div_mod(a, b))
}

/// `a ** b` following CPython's `float_pow`.
///
/// Errors: `ZeroDivisionError` for `0.0 ** negative`, `OverflowError` on
/// overflow, and the [`MSG_NEG_FRACTIONAL_POW`] marker (kind `ValueError`)
/// where Python would switch to complex arithmetic.
pub fn float_pow(iv: f64, iw: f64) -> NumResult<f64> {
    if iw == 0.0 {
        return Ok(1.0);
    }
    if iv.is_nan() {
        return Ok(iv);
    }
    if iw.is_nan() {
        return Ok(if iv == 1.0 { 1.0 } else { iw });
    }
    if iw.is_infinite() {
        let av = iv.abs();
        return Ok(if av == 1.0 {
            1.0
        } else if (iw > 0.0) == (av > 1.0) {
            iw.abs()
        } else {
            0.0
        });
    }
    if iv.is_infinite() {
        let odd = is_odd_integer(iw);
        return Ok(if iw > 0.0 {
            if odd {
                iv
            } else {
                iv.abs()
            }
        } else if odd {
            0.0f64.copysign(iv)
        } else {
            0.0
        });
    }
    if iv == 0.0 {
        if iw < 0.0 {
            return Err(NumError::zero_div(MSG_ZERO_NEG_POW));
        }
        return Ok(if is_odd_integer(iw) { iv } else { 0.0 });
    }
    let mut base = iv;
    let mut negate = false;
    if base < 0.0 {
        if iw != iw.floor() {
            return Err(NumError::value(MSG_NEG_FRACTIONAL_POW));
        }
        base = -base;
        negate = is_odd_integer(iw);
    }
    if base == 1.0 {
        return Ok(if negate { -1.0 } else { 1.0 });
    }
    let r = base.powf(iw);
    if r.is_infinite() {
        return Err(NumError::overflow(MSG_POW_RANGE));
    }
    Ok(if negate { -r } else { r })
}

/// `round(x)`: nearest integer with ties to even, as a Python int.
pub fn float_round(x: f64) -> NumResult<IntResult> {
    let mut rounded = x.round();
    if (x - rounded).abs() == 0.5 {
        rounded = 2.0 * (x / 2.0).round();
    }
    f64_to_int(rounded)
}

/// `round(x, ndigits)` exactly as CPython: the exact binary value of `x` is
/// rounded (ties to even) to `ndigits` decimal places, and that decimal is
/// converted back to the nearest float.  `ndigits` beyond the `i64` range
/// should be clamped by the caller (CPython clips to `Py_ssize_t`).
pub fn float_round_ndigits(x: f64, ndigits: i64) -> NumResult<f64> {
    const NDIGITS_MAX: i64 = 323;
    const NDIGITS_MIN: i64 = -308;
    if !x.is_finite() || ndigits > NDIGITS_MAX || x == 0.0 {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    let negative = x < 0.0;
    let (m, e) = decompose(x);
    let mut num = BigUint::from(m);
    let mut den = BigUint::one();
    if e >= 0 {
        num <<= e as u64;
    } else {
        den <<= (-e) as u64;
    }
    let ten = BigUint::from(10u32);
    let scale = num_traits::pow::Pow::pow(&ten, ndigits.unsigned_abs());
    if ndigits >= 0 {
        num *= &scale;
    } else {
        den *= &scale;
    }
    let (mut q, r) = num.div_rem(&den);
    let twice: BigUint = r << 1u32;
    if twice > den || (twice == den && q.is_odd()) {
        q += 1u32;
    }
    let value = if q.is_zero() {
        Some(0.0)
    } else if ndigits >= 0 {
        ratio_to_f64(&q, &scale)
    } else {
        round_to_f64(&(q * scale), 0)
    };
    let v = value.ok_or_else(|| NumError::overflow(MSG_ROUND_OVERFLOW))?;
    Ok(if negative { -v } else { v })
}

/// `float.is_integer()`.
pub fn float_is_integer(x: f64) -> bool {
    x.is_finite() && x == x.floor()
}

/// `float.as_integer_ratio()`: lowest terms, positive denominator.
pub fn float_as_integer_ratio(x: f64) -> NumResult<(BigInt, BigInt)> {
    if x.is_infinite() {
        return Err(NumError::overflow(
            "cannot convert Infinity to integer ratio",
        ));
    }
    if x.is_nan() {
        return Err(NumError::value("cannot convert NaN to integer ratio"));
    }
    if x == 0.0 {
        return Ok((BigInt::zero(), BigInt::one()));
    }
    let (m, e) = decompose(x);
    let mut num = BigInt::from(m);
    let mut den = BigInt::one();
    if e >= 0 {
        num <<= e as u64;
    } else {
        den <<= (-e) as u64;
    }
    if x < 0.0 {
        num = -num;
    }
    Ok((num, den))
}
