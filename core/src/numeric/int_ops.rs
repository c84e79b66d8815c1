//! Python `int` arithmetic: `i64` fast paths with overflow detection that
//! fall back to `BigInt`, plus the same operations on `BigInt` arguments.
//!
//! Division and modulo follow Python's floor semantics (the remainder takes
//! the sign of the divisor); shifts are arithmetic; bitwise operations act
//! on the infinite two's-complement representation.  Results are
//! normalised [`IntResult`]s: `Big` only when the value does not fit `i64`.

use std::fmt;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use super::{NumError, NumResult, MAX_INT_BITS};

/// Message for `//` and `divmod` by zero.
pub const MSG_DIV_ZERO: &str = "integer division or modulo by zero";
/// Message for `%` by zero.
pub const MSG_MOD_ZERO: &str = "integer modulo by zero";
/// Message for a negative shift count.
pub const MSG_NEG_SHIFT: &str = "negative shift count";

/// A Python int result: `Small` whenever the value fits in `i64`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum IntResult {
    /// A value that fits in `i64`.
    Small(i64),
    /// A value outside the `i64` range (never constructed for small values).
    Big(BigInt),
}

impl IntResult {
    /// Normalises a `BigInt` into `Small` when it fits.
    pub fn from_big(b: BigInt) -> Self {
        match b.to_i64() {
            Some(v) => IntResult::Small(v),
            None => IntResult::Big(b),
        }
    }

    /// Builds a normalised result from an `i128`.
    pub fn from_i128(v: i128) -> Self {
        match i64::try_from(v) {
            Ok(s) => IntResult::Small(s),
            Err(_) => IntResult::Big(BigInt::from(v)),
        }
    }

    /// The value as a `BigInt` (cloning when already big).
    pub fn to_big(&self) -> BigInt {
        match self {
            IntResult::Small(v) => BigInt::from(*v),
            IntResult::Big(b) => b.clone(),
        }
    }

    /// The value as a `BigInt`, consuming `self`.
    pub fn into_big(self) -> BigInt {
        match self {
            IntResult::Small(v) => BigInt::from(v),
            IntResult::Big(b) => b,
        }
    }

    /// The value as an `i64`, if it is small.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            IntResult::Small(v) => Some(*v),
            IntResult::Big(_) => None,
        }
    }

    /// True when the value is zero.
    pub fn is_zero(&self) -> bool {
        matches!(self, IntResult::Small(0))
    }

    /// True when the value is negative.
    pub fn is_negative(&self) -> bool {
        match self {
            IntResult::Small(v) => *v < 0,
            IntResult::Big(b) => b.is_negative(),
        }
    }
}

impl From<i64> for IntResult {
    fn from(v: i64) -> Self {
        IntResult::Small(v)
    }
}

impl From<BigInt> for IntResult {
    fn from(b: BigInt) -> Self {
        IntResult::from_big(b)
    }
}

impl fmt::Display for IntResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IntResult::Small(v) => write!(f, "{v}"),
            IntResult::Big(b) => write!(f, "{b}"),
        }
    }
}

// ---------------------------------------------------------------------------
// i64 fast paths
// ---------------------------------------------------------------------------

/// `a + b`.
pub fn add_i64(a: i64, b: i64) -> IntResult {
    match a.checked_add(b) {
        Some(v) => IntResult::Small(v),
        None => IntResult::from_i128(a as i128 + b as i128),
    }
}

/// `a - b`.
pub fn sub_i64(a: i64, b: i64) -> IntResult {
    match a.checked_sub(b) {
        Some(v) => IntResult::Small(v),
        None => IntResult::from_i128(a as i128 - b as i128),
    }
}

/// `a * b`.
pub fn mul_i64(a: i64, b: i64) -> IntResult {
    match a.checked_mul(b) {
        Some(v) => IntResult::Small(v),
        None => IntResult::from_i128(a as i128 * b as i128),
    }
}

/// `a // b` (floor division).
pub fn floordiv_i64(a: i64, b: i64) -> NumResult<IntResult> {
    if b == 0 {
        return Err(NumError::zero_div(MSG_DIV_ZERO));
    }
    if b == -1 {
        return Ok(neg_i64(a));
    }
    Ok(IntResult::Small(Integer::div_floor(&a, &b)))
}

/// `a % b` (result has the sign of `b`).
pub fn mod_i64(a: i64, b: i64) -> NumResult<i64> {
    if b == 0 {
        return Err(NumError::zero_div(MSG_MOD_ZERO));
    }
    if b == -1 {
        return Ok(0);
    }
    Ok(Integer::mod_floor(&a, &b))
}

/// `divmod(a, b)`.
pub fn divmod_i64(a: i64, b: i64) -> NumResult<(IntResult, i64)> {
    if b == 0 {
        return Err(NumError::zero_div(MSG_DIV_ZERO));
    }
    if b == -1 {
        return Ok((neg_i64(a), 0));
    }
    let (q, r) = Integer::div_mod_floor(&a, &b);
    Ok((IntResult::Small(q), r))
}

/// `-a`.
pub fn neg_i64(a: i64) -> IntResult {
    match a.checked_neg() {
        Some(v) => IntResult::Small(v),
        None => IntResult::from_i128(-(a as i128)),
    }
}

/// `abs(a)`.
pub fn abs_i64(a: i64) -> IntResult {
    match a.checked_abs() {
        Some(v) => IntResult::Small(v),
        None => IntResult::from_i128(-(a as i128)),
    }
}

/// `~a`.
pub fn invert_i64(a: i64) -> i64 {
    !a
}

/// `a & b`.
pub fn and_i64(a: i64, b: i64) -> i64 {
    a & b
}

/// `a | b`.
pub fn or_i64(a: i64, b: i64) -> i64 {
    a | b
}

/// `a ^ b`.
pub fn xor_i64(a: i64, b: i64) -> i64 {
    a ^ b
}

/// `a << n`.
pub fn lshift_i64(a: i64, n: i64) -> NumResult<IntResult> {
    if n < 0 {
        return Err(NumError::value(MSG_NEG_SHIFT));
    }
    if a == 0 {
        return Ok(IntResult::Small(0));
    }
    if n < 64 {
        let shifted = a << n;
        if shifted >> n == a {
            return Ok(IntResult::Small(shifted));
        }
    }
    lshift_big(&BigInt::from(a), &BigInt::from(n))
}

/// `a >> n` (arithmetic: rounds toward negative infinity).
pub fn rshift_i64(a: i64, n: i64) -> NumResult<i64> {
    if n < 0 {
        return Err(NumError::value(MSG_NEG_SHIFT));
    }
    Ok(if n >= 64 {
        if a < 0 {
            -1
        } else {
            0
        }
    } else {
        a >> n
    })
}

// ---------------------------------------------------------------------------
// BigInt versions
// ---------------------------------------------------------------------------

/// `a + b`.
pub fn add_big(a: &BigInt, b: &BigInt) -> IntResult {
    IntResult::from_big(a + b)
}

/// `a - b`.
pub fn sub_big(a: &BigInt, b: &BigInt) -> IntResult {
    IntResult::from_big(a - b)
}

/// `a * b`.
pub fn mul_big(a: &BigInt, b: &BigInt) -> IntResult {
    IntResult::from_big(a * b)
}

/// `a // b` (floor division).
pub fn floordiv_big(a: &BigInt, b: &BigInt) -> NumResult<IntResult> {
    if b.is_zero() {
        return Err(NumError::zero_div(MSG_DIV_ZERO));
    }
    Ok(IntResult::from_big(super::int_div::div_floor(a, b)))
}

/// `a % b` (result has the sign of `b`).
pub fn mod_big(a: &BigInt, b: &BigInt) -> NumResult<IntResult> {
    if b.is_zero() {
        return Err(NumError::zero_div(MSG_MOD_ZERO));
    }
    Ok(IntResult::from_big(super::int_div::mod_floor(a, b)))
}

/// `divmod(a, b)`.
pub fn divmod_big(a: &BigInt, b: &BigInt) -> NumResult<(IntResult, IntResult)> {
    if b.is_zero() {
        return Err(NumError::zero_div(MSG_DIV_ZERO));
    }
    let (q, r) = super::int_div::div_mod_floor(a, b);
    Ok((IntResult::from_big(q), IntResult::from_big(r)))
}

/// `-a`.
pub fn neg_big(a: &BigInt) -> IntResult {
    IntResult::from_big(-a)
}

/// `abs(a)`.
pub fn abs_big(a: &BigInt) -> IntResult {
    IntResult::from_big(a.abs())
}

/// `~a`, i.e. `-(a + 1)`.
pub fn invert_big(a: &BigInt) -> IntResult {
    IntResult::from_big(-(a + BigInt::from(1)))
}

/// `a & b` (two's complement semantics).
pub fn and_big(a: &BigInt, b: &BigInt) -> IntResult {
    IntResult::from_big(a & b)
}

/// `a | b` (two's complement semantics).
pub fn or_big(a: &BigInt, b: &BigInt) -> IntResult {
    IntResult::from_big(a | b)
}

/// `a ^ b` (two's complement semantics).
pub fn xor_big(a: &BigInt, b: &BigInt) -> IntResult {
    IntResult::from_big(a ^ b)
}

/// `a << n`.  Shifts producing more than [`MAX_INT_BITS`] bits report
/// `MemoryError`, as CPython does for absurd shift counts.
pub fn lshift_big(a: &BigInt, n: &BigInt) -> NumResult<IntResult> {
    if n.is_negative() {
        return Err(NumError::value(MSG_NEG_SHIFT));
    }
    if a.is_zero() {
        return Ok(IntResult::Small(0));
    }
    let n = match n.to_u64() {
        Some(n) if n.saturating_add(a.bits()) <= MAX_INT_BITS => n,
        _ => return Err(NumError::memory()),
    };
    Ok(IntResult::from_big(a << n))
}

/// `a >> n` (arithmetic: rounds toward negative infinity).
pub fn rshift_big(a: &BigInt, n: &BigInt) -> NumResult<IntResult> {
    if n.is_negative() {
        return Err(NumError::value(MSG_NEG_SHIFT));
    }
    match n.to_u64() {
        Some(n) if n < a.bits() => Ok(IntResult::from_big(floor_shr(a, n))),
        _ => Ok(IntResult::Small(if a.is_negative() { -1 } else { 0 })),
    }
}

/// Arithmetic right shift of a `BigInt`, rounding toward negative infinity.
fn floor_shr(a: &BigInt, n: u64) -> BigInt {
    if a.is_negative() {
        // -((-a - 1) >> n) - 1 == floor(a / 2**n) for negative a
        let m: BigInt = -a - 1;
        -(m >> n) - 1
    } else {
        a >> n
    }
}

/// `round(a, ndigits)` for an int: `a` itself when `ndigits >= 0`, else `a`
/// rounded to a multiple of `10**-ndigits` with ties to even.
pub fn round_big(a: &BigInt, ndigits: i64) -> IntResult {
    if ndigits >= 0 {
        return IntResult::from_big(a.clone());
    }
    let exp = ndigits.unsigned_abs();
    // 10**exp exceeds |a| once exp is larger than its digit count.
    if exp > a.bits() / 3 + 2 {
        return IntResult::Small(0);
    }
    let pow = num_traits::pow::Pow::pow(BigInt::from(10u32), exp);
    let (q, r) = a.div_mod_floor(&pow);
    let twice: BigInt = &r * 2;
    let q = if twice > pow || (twice == pow && q.is_odd()) {
        q + 1
    } else {
        q
    };
    IntResult::from_big(q * pow)
}
