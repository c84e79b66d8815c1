//! `int.__pow__`: two-argument power (negative exponents give floats, as in
//! CPython) and three-argument modular power, including negative exponents
//! through the modular inverse (Python 3.8+).

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::float_ops::float_pow;
use super::int_convert::big_to_f64;
use super::{IntResult, NumError, NumResult, MAX_INT_BITS};

/// Message for `pow(a, b, 0)`.
pub const MSG_POW_MOD_ZERO: &str = "pow() 3rd argument cannot be 0";
/// Message for `pow(a, -b, m)` when `a` has no inverse modulo `m`.
pub const MSG_NOT_INVERTIBLE: &str = "base is not invertible for the given modulus";

/// The result of `int ** int`: an int, or a float for negative exponents.
#[derive(Debug, Clone, PartialEq)]
pub enum PowResult {
    /// Nonnegative exponent: an exact integer.
    Int(IntResult),
    /// Negative exponent: CPython computes `float(a) ** float(b)`.
    Float(f64),
}

/// `base ** exp` for `i64` operands.
pub fn pow_i64(base: i64, exp: i64) -> NumResult<PowResult> {
    if exp < 0 {
        return float_pow(base as f64, exp as f64).map(PowResult::Float);
    }
    if let Ok(e32) = u32::try_from(exp) {
        if let Some(v) = base.checked_pow(e32) {
            return Ok(PowResult::Int(IntResult::Small(v)));
        }
    }
    pow_nonneg(&BigInt::from(base), exp as u64).map(PowResult::Int)
}

/// `base ** exp` for arbitrary ints.
pub fn pow_big(base: &BigInt, exp: &BigInt) -> NumResult<PowResult> {
    if exp.is_negative() {
        let b = big_to_f64(base)?;
        let e = big_to_f64(exp)?;
        return float_pow(b, e).map(PowResult::Float);
    }
    if let Some(v) = small_base_pow(base, exp) {
        return Ok(PowResult::Int(v));
    }
    match exp.to_u64() {
        Some(e) => pow_nonneg(base, e).map(PowResult::Int),
        None => Err(NumError::memory()),
    }
}

/// Powers of 0, 1 and -1, which never grow, for any exponent size.
fn small_base_pow(base: &BigInt, exp: &BigInt) -> Option<IntResult> {
    if exp.is_zero() {
        return Some(IntResult::Small(1));
    }
    if base.is_zero() {
        return Some(IntResult::Small(0));
    }
    if base.is_one() {
        return Some(IntResult::Small(1));
    }
    if *base == BigInt::from(-1) {
        return Some(IntResult::Small(if exp.is_odd() { -1 } else { 1 }));
    }
    None
}

/// `base ** exp` with a nonnegative `u64` exponent, refusing results larger
/// than [`MAX_INT_BITS`] with `MemoryError`.
fn pow_nonneg(base: &BigInt, exp: u64) -> NumResult<IntResult> {
    if let Some(v) = small_base_pow(base, &BigInt::from(exp)) {
        return Ok(v);
    }
    // |base| >= 2, so the result has more than (bits - 1) * exp bits.
    let est = (base.bits() - 1).saturating_mul(exp);
    if est > MAX_INT_BITS {
        return Err(NumError::memory());
    }
    Ok(IntResult::from_big(num_traits::pow::Pow::pow(base, exp)))
}

/// `pow(base, exp, modulus)` for `i64` operands (the result always fits).
pub fn pow_mod_i64(base: i64, exp: i64, modulus: i64) -> NumResult<i64> {
    if modulus == 0 {
        return Err(NumError::value(MSG_POW_MOD_ZERO));
    }
    let negative_output = modulus < 0;
    let m = (modulus as i128).unsigned_abs();
    if m == 1 {
        return Ok(0);
    }
    let mut b = (base as i128).rem_euclid(m as i128) as u128;
    if exp < 0 {
        b = invmod_u128(b, m).ok_or_else(|| NumError::value(MSG_NOT_INVERTIBLE))?;
    }
    let mut e = (exp as i128).unsigned_abs();
    let mut r: u128 = 1;
    while e > 0 {
        if e & 1 == 1 {
            r = r * b % m;
        }
        b = b * b % m;
        e >>= 1;
    }
    let r = r as i128;
    let r = if negative_output && r != 0 {
        r - m as i128
    } else {
        r
    };
    Ok(r as i64)
}

/// Inverse of `a` modulo `m` (with `0 <= a < m`), if it exists.
fn invmod_u128(a: u128, m: u128) -> Option<u128> {
    let (mut old_r, mut r) = (a as i128, m as i128);
    let (mut old_s, mut s) = (1i128, 0i128);
    while r != 0 {
        let q = old_r / r;
        (old_r, r) = (r, old_r - q * r);
        (old_s, s) = (s, old_s - q * s);
    }
    if old_r != 1 {
        return None;
    }
    Some(old_s.rem_euclid(m as i128) as u128)
}

/// `pow(base, exp, modulus)` for arbitrary ints, matching CPython's
/// `long_pow`: the result takes the sign of the modulus, and a negative
/// exponent uses the modular inverse of the base.
pub fn pow_mod_big(base: &BigInt, exp: &BigInt, modulus: &BigInt) -> NumResult<IntResult> {
    if modulus.is_zero() {
        return Err(NumError::value(MSG_POW_MOD_ZERO));
    }
    let negative_output = modulus.is_negative();
    let m = modulus.abs();
    if m.is_one() {
        return Ok(IntResult::Small(0));
    }
    let mut b = base.mod_floor(&m);
    let mut e = exp.clone();
    if e.is_negative() {
        b = invmod_big(&b, &m).ok_or_else(|| NumError::value(MSG_NOT_INVERTIBLE))?;
        e = -e;
    }
    let r = b.modpow(&e, &m);
    let r = if negative_output && !r.is_zero() {
        r - m
    } else {
        r
    };
    Ok(IntResult::from_big(r))
}

/// Inverse of `a` modulo `m` (`m > 1`, `0 <= a < m`), if it exists.
pub fn invmod_big(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let (mut old_r, mut r) = (a.clone(), m.clone());
    let (mut old_s, mut s) = (BigInt::one(), BigInt::zero());
    while !r.is_zero() {
        let (q, rem) = old_r.div_rem(&r);
        old_r = std::mem::replace(&mut r, rem);
        let new_s = &old_s - &q * &s;
        old_s = std::mem::replace(&mut s, new_s);
    }
    if old_r.sign() != Sign::Plus || !old_r.is_one() {
        return None;
    }
    Some(old_s.mod_floor(m))
}
