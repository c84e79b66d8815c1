//! Conversions involving Python ints: correctly rounded true division,
//! `float(int)`, `int(float)`, string forms in bases 2/8/10/16,
//! `bit_length`/`bit_count`, and `to_bytes`/`from_bytes`.

use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{Signed, ToPrimitive, Zero};

use super::fp::{decompose, ratio_to_f64, round_to_f64};
use super::{IntResult, NumError, NumResult};

/// Message for `int / 0`.
pub const MSG_TRUEDIV_ZERO: &str = "division by zero";
/// Message for a true-division result beyond the float range.
pub const MSG_TRUEDIV_OVERFLOW: &str = "integer division result too large for a float";
/// Message for `float(int)` beyond the float range.
pub const MSG_INT_TOO_LARGE: &str = "int too large to convert to float";
/// Message for `int(nan)`.
pub const MSG_FLOAT_NAN_TO_INT: &str = "cannot convert float NaN to integer";
/// Message for `int(inf)`.
pub const MSG_FLOAT_INF_TO_INT: &str = "cannot convert float infinity to integer";
/// CPython 3.11's default limit on decimal digits in int/str conversion.
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;

// ---------------------------------------------------------------------------
// int <-> float
// ---------------------------------------------------------------------------

/// `float(x)` for an `i64` (always representable; rounds half to even).
pub fn i64_to_f64(x: i64) -> f64 {
    x as f64
}

/// `float(x)`: round-half-even, `OverflowError` when too large.
pub fn big_to_f64(x: &BigInt) -> NumResult<f64> {
    if let Some(v) = x.to_i64() {
        return Ok(v as f64);
    }
    let mag =
        round_to_f64(x.magnitude(), 0).ok_or_else(|| NumError::overflow(MSG_INT_TOO_LARGE))?;
    Ok(if x.is_negative() { -mag } else { mag })
}

/// CPython's `_PyLong_Frexp` for a positive magnitude: `(m, e)` with
/// `x ~= m * 2**e`, `0.5 <= m < 1`, `m` correctly rounded to 53 bits.
/// Used by `math.log` on ints too large for a float.
pub fn big_frexp(x: &BigUint) -> (f64, u64) {
    if x.is_zero() {
        return (0.0, 0);
    }
    let bits = x.bits();
    let m = round_to_f64(x, -(bits as i64)).unwrap_or(1.0);
    if m == 1.0 {
        (0.5, bits + 1)
    } else {
        (m, bits)
    }
}

/// `int(x)` for a float: truncation toward zero.
pub fn f64_to_int(x: f64) -> NumResult<IntResult> {
    if x.is_nan() {
        return Err(NumError::value(MSG_FLOAT_NAN_TO_INT));
    }
    if x.is_infinite() {
        return Err(NumError::overflow(MSG_FLOAT_INF_TO_INT));
    }
    let t = x.trunc();
    if t.abs() < 9_223_372_036_854_775_808.0 {
        return Ok(IntResult::Small(t as i64));
    }
    let (m, e) = decompose(t);
    // |t| >= 2**63 is an integer, so e > 0.
    let mag = BigInt::from(m) << (e as u64);
    Ok(IntResult::from_big(if t < 0.0 { -mag } else { mag }))
}

/// Exact `BigInt` value of an integral finite float (helper for callers
/// that already know `x` is finite).
pub fn f64_to_big(x: f64) -> NumResult<BigInt> {
    f64_to_int(x).map(IntResult::into_big)
}

/// `a / b` for `i64` operands, correctly rounded.
pub fn truediv_i64(a: i64, b: i64) -> NumResult<f64> {
    if b == 0 {
        return Err(NumError::zero_div(MSG_TRUEDIV_ZERO));
    }
    const EXACT: u64 = 1 << 53;
    if a.unsigned_abs() <= EXACT && b.unsigned_abs() <= EXACT {
        return Ok(a as f64 / b as f64);
    }
    truediv_big(&BigInt::from(a), &BigInt::from(b))
}

/// `a / b` for arbitrary ints, correctly rounded as CPython's
/// `long_true_divide`.
pub fn truediv_big(a: &BigInt, b: &BigInt) -> NumResult<f64> {
    if b.is_zero() {
        return Err(NumError::zero_div(MSG_TRUEDIV_ZERO));
    }
    let negate = a.is_negative() != b.is_negative();
    let mag = ratio_to_f64(a.magnitude(), b.magnitude())
        .ok_or_else(|| NumError::overflow(MSG_TRUEDIV_OVERFLOW))?;
    Ok(if negate { -mag } else { mag })
}

// ---------------------------------------------------------------------------
// Strings
// ---------------------------------------------------------------------------

fn with_prefix(negative: bool, prefix: &str, digits: &str) -> String {
    let mut s = String::with_capacity(digits.len() + 3);
    if negative {
        s.push('-');
    }
    s.push_str(prefix);
    s.push_str(digits);
    s
}

/// Digits of `x` in `radix` (2..=36) with a leading `-` for negatives and
/// lowercase letters, as `format(x, 'x')` and friends produce (no prefix).
pub fn to_str_radix(x: &BigInt, radix: u32) -> String {
    x.to_str_radix(radix)
}

/// `bin(x)`, e.g. `-0b101`.
pub fn bin_big(x: &BigInt) -> String {
    with_prefix(x.is_negative(), "0b", &x.magnitude().to_str_radix(2))
}

/// `oct(x)`, e.g. `-0o17`.
pub fn oct_big(x: &BigInt) -> String {
    with_prefix(x.is_negative(), "0o", &x.magnitude().to_str_radix(8))
}

/// `hex(x)`, e.g. `-0x1f`.
pub fn hex_big(x: &BigInt) -> String {
    with_prefix(x.is_negative(), "0x", &x.magnitude().to_str_radix(16))
}

/// `bin(x)` for an `i64`.
pub fn bin_i64(x: i64) -> String {
    with_prefix(x < 0, "0b", &format!("{:b}", x.unsigned_abs()))
}

/// `oct(x)` for an `i64`.
pub fn oct_i64(x: i64) -> String {
    with_prefix(x < 0, "0o", &format!("{:o}", x.unsigned_abs()))
}

/// `hex(x)` for an `i64`.
pub fn hex_i64(x: i64) -> String {
    with_prefix(x < 0, "0x", &format!("{:x}", x.unsigned_abs()))
}

/// `str(x)` honouring CPython 3.11's integer string conversion length
/// limit (`sys.get_int_max_str_digits()`; 0 disables the check).
pub fn to_decimal_checked(x: &BigInt, max_digits: usize) -> NumResult<String> {
    // Values below 10**max_digits cannot exceed the limit; 3.32 bits/digit.
    if max_digits == 0 || x.bits() <= (max_digits as u64) * 3 {
        return Ok(x.to_string());
    }
    let s = x.to_string();
    let ndigits = s.len() - usize::from(x.is_negative());
    if ndigits > max_digits {
        return Err(NumError::value(format!(
            "Exceeds the limit ({max_digits} digits) for integer string conversion; \
             use sys.set_int_max_str_digits() to increase the limit"
        )));
    }
    Ok(s)
}

// ---------------------------------------------------------------------------
// Bits and bytes
// ---------------------------------------------------------------------------

/// `int.bit_length()` for an `i64`.
pub fn bit_length_i64(x: i64) -> u32 {
    64 - x.unsigned_abs().leading_zeros()
}

/// `int.bit_length()`.
pub fn bit_length_big(x: &BigInt) -> u64 {
    x.bits()
}

/// `int.bit_count()` for an `i64` (population count of `abs(x)`).
pub fn bit_count_i64(x: i64) -> u32 {
    x.unsigned_abs().count_ones()
}

/// `int.bit_count()` (population count of `abs(x)`).
pub fn bit_count_big(x: &BigInt) -> u64 {
    x.magnitude().count_ones()
}

/// `int.to_bytes(length, byteorder, signed=signed)`.
pub fn to_bytes(x: &BigInt, length: usize, big_endian: bool, signed: bool) -> NumResult<Vec<u8>> {
    if !signed && x.is_negative() {
        return Err(NumError::overflow("can't convert negative int to unsigned"));
    }
    let too_big = || NumError::overflow("int too big to convert");
    // CPython quirk: -1 is representable in zero signed bytes.
    let minus_one = signed && x == &BigInt::from(-1);
    let mut bytes = if x.is_zero() || (minus_one && length == 0) {
        Vec::new()
    } else if signed {
        x.to_signed_bytes_le()
    } else {
        x.magnitude().to_bytes_le()
    };
    if bytes.len() > length {
        return Err(too_big());
    }
    let fill = if x.is_negative() { 0xff } else { 0 };
    bytes.resize(length, fill);
    if big_endian {
        bytes.reverse();
    }
    Ok(bytes)
}

/// `int.from_bytes(bytes, byteorder, signed=signed)`.
pub fn from_bytes(bytes: &[u8], big_endian: bool, signed: bool) -> IntResult {
    let v = match (big_endian, signed) {
        (true, true) => BigInt::from_signed_bytes_be(bytes),
        (false, true) => BigInt::from_signed_bytes_le(bytes),
        (true, false) => BigInt::from_bytes_be(Sign::Plus, bytes),
        (false, false) => BigInt::from_bytes_le(Sign::Plus, bytes),
    };
    IntResult::from_big(v)
}
