//! Floor division and modulo of big ints, with a linear-time path for short
//! quotients.
//!
//! `num-bigint` 0.4.8 divides operands of more than 64 words (dividend over
//! 128) with Burnikel-Ziegler recursion, whatever the size of the quotient.
//! When dividend and divisor are about the same length the quotient is a
//! word or less, which schoolbook division (CPython's `x_divrem`, Knuth's
//! algorithm D) finds in one pass over the digits, but the recursion still
//! splits, concatenates and re-normalizes both operands at every level:
//! `bench/programs/pidigits.py`, whose divisions all have one-digit
//! quotients of thousand-word operands, spent about half its time there
//! (docs/performance.md, "Fifth round").
//!
//! [`div_mod_floor`] takes a quotient of at most 62 bits from the operands'
//! top two words and corrects it with one multiply-subtract (the estimate is
//! never above the true quotient and at most a few below it, as in algorithm
//! D's trial quotient); every other case goes to `num-bigint`.

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};

/// Divisors shorter than this many bits take `num-bigint`'s own path, which
/// is already linear for them (schoolbook below its recursion threshold).
const MIN_DIVISOR_BITS: u64 = 128;

/// The most quotient bits [`short_div_rem`] handles: the dividend's top
/// 128 bits then hold the whole estimate.
const MAX_QUOTIENT_BITS: u64 = 62;

/// `(a // b, a % b)` with Python's floor semantics (the remainder has the
/// sign of `b`). `b` must not be zero.
pub fn div_mod_floor(a: &BigInt, b: &BigInt) -> (BigInt, BigInt) {
    let (Some((q, r)), sa, sb) = (
        short_div_rem(a.magnitude(), b.magnitude()),
        a.sign(),
        b.sign(),
    ) else {
        return a.div_mod_floor(b);
    };
    floor_signs(q, r, b.magnitude(), sa, sb)
}

/// `a // b` with Python's floor semantics. `b` must not be zero.
pub fn div_floor(a: &BigInt, b: &BigInt) -> BigInt {
    match short_div_rem(a.magnitude(), b.magnitude()) {
        Some((q, r)) => floor_signs(q, r, b.magnitude(), a.sign(), b.sign()).0,
        None => a.div_floor(b),
    }
}

/// `a % b` with Python's floor semantics. `b` must not be zero.
pub fn mod_floor(a: &BigInt, b: &BigInt) -> BigInt {
    match short_div_rem(a.magnitude(), b.magnitude()) {
        Some((q, r)) => floor_signs(q, r, b.magnitude(), a.sign(), b.sign()).1,
        None => a.mod_floor(b),
    }
}

/// The truncated quotient and remainder `u = q*d + r`, `0 <= r < d`, when
/// `d` has at least [`MIN_DIVISOR_BITS`] bits and the quotient at most
/// [`MAX_QUOTIENT_BITS`]; `None` otherwise.
fn short_div_rem(u: &BigUint, d: &BigUint) -> Option<(u64, BigUint)> {
    let (ubits, dbits) = (u.bits(), d.bits());
    if dbits < MIN_DIVISOR_BITS || ubits > dbits + MAX_QUOTIENT_BITS {
        return None;
    }
    if ubits < dbits {
        return Some((0, u.clone()));
    }
    // With s = dbits - 64: d' = d >> s has exactly 64 bits and u' = u >> s
    // at most 126. From d'*2^s <= d < (d'+1)*2^s and u'*2^s <= u:
    // q_est = u' / (d'+1) <= u/d, so q_est <= floor(u/d); and
    // u/d - q_est < (u'+1)/d' - u'/(d'+1) + 1 = (u'+d'+1)/(d'(d'+1)) + 1,
    // which is below 4 because u' < 2^126 and d' >= 2^63. So at most three
    // subtractions of d correct it.
    let s = dbits - 64;
    let d_top = (d >> s).to_u64()?;
    let u_top = (u >> s).to_u128()?;
    let mut q = (u_top / (u128::from(d_top) + 1)) as u64;
    let mut r = u - d * q;
    while &r >= d {
        r -= d;
        q += 1;
    }
    Some((q, r))
}

/// Floor quotient and remainder from the magnitudes' truncated ones, given
/// the operands' signs (`d` is the divisor's magnitude).
fn floor_signs(q: u64, r: BigUint, d: &BigUint, sa: Sign, sb: Sign) -> (BigInt, BigInt) {
    let negative_quotient = sa != Sign::NoSign && sa != sb;
    if !negative_quotient {
        // Same signs (or a zero dividend): the truncated quotient is the
        // floor, and the remainder takes the dividend's (= divisor's) sign.
        return (BigInt::from(q), BigInt::from_biguint(sb, r));
    }
    if r.is_zero() {
        return (-BigInt::from(q), BigInt::zero());
    }
    // Opposite signs and inexact: round the quotient down, away from zero,
    // and move the remainder to the divisor's side.
    (-BigInt::from(q) - 1, BigInt::from_biguint(sb, d - r))
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_traits::One;

    /// A deterministic sample of operands around the fast path's edges.
    fn operands() -> Vec<BigInt> {
        let mut out = Vec::new();
        let mut x = BigUint::from(0x9e37_79b9_7f4a_7c15u64);
        for bits in [
            1u32, 63, 64, 65, 127, 128, 129, 190, 191, 192, 193, 256, 700, 4100, 9000,
        ] {
            for k in 0..4u64 {
                // Pseudo-random words, masked to `bits` bits, plus the
                // all-ones and power-of-two extremes.
                x = (&x * 6_364_136_223_846_793_005u64 + 1_442_695_040_888_963_407u64)
                    % (BigUint::one() << 20_000u32);
                let mask = (BigUint::one() << bits) - 1u32;
                let v = match k {
                    0 => mask.clone(),
                    1 => BigUint::one() << (bits - 1),
                    _ => (&x * &x * &x) & &mask | (BigUint::one() << (bits - 1)),
                };
                out.push(BigInt::from(v));
            }
        }
        out
    }

    #[test]
    fn agrees_with_num_bigint_for_every_sign() {
        let ops = operands();
        let mut fast = 0;
        for a in &ops {
            for b in &ops {
                for (sa, sb) in [(1i8, 1i8), (1, -1), (-1, 1), (-1, -1)] {
                    let (a, b): (BigInt, BigInt) = (a * sa, b * sb);
                    let want = a.div_mod_floor(&b);
                    assert_eq!(div_mod_floor(&a, &b), want, "{a} divmod {b}");
                    assert_eq!(div_floor(&a, &b), want.0);
                    assert_eq!(mod_floor(&a, &b), want.1);
                    fast += usize::from(short_div_rem(a.magnitude(), b.magnitude()).is_some());
                }
            }
        }
        assert!(fast > 500, "the fast path ran {fast} times");
    }

    #[test]
    fn zero_dividend_and_exact_quotients() {
        let d = BigInt::from(3u8) << 300u32;
        assert_eq!(
            div_mod_floor(&BigInt::zero(), &d),
            (BigInt::zero(), BigInt::zero())
        );
        assert_eq!(
            div_mod_floor(&BigInt::zero(), &-&d),
            (BigInt::zero(), BigInt::zero())
        );
        let a = &d * 12345u32;
        assert_eq!(
            div_mod_floor(&-&a, &d),
            (BigInt::from(-12345), BigInt::zero())
        );
        assert_eq!(
            div_mod_floor(&(&a + 1), &-&d),
            (BigInt::from(-12346), &BigInt::one() - &d)
        );
    }

    #[test]
    fn largest_short_quotients() {
        let d: BigInt = (BigInt::one() << 500u32) - 1;
        for q in [(1u64 << 62) - 1, 1 << 61, (1 << 62) - 12_345] {
            let a: BigInt = &d * q + 17;
            assert!(short_div_rem(a.magnitude(), d.magnitude()).is_some());
            assert_eq!(div_mod_floor(&a, &d), (BigInt::from(q), BigInt::from(17)));
        }
    }
}
