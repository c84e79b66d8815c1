//! Low-level IEEE-754 binary64 helpers shared by the numeric modules.
//!
//! `frexp`, `ldexp` and `nextafter` reproduce the C library functions
//! exactly; [`round_to_f64`] and [`ratio_to_f64`] convert exact binary
//! values (an integer times a power of two, or a ratio of integers) to the
//! nearest double with round-half-even, which is the primitive behind
//! `int.__float__`, `int.__truediv__`, `round(x, n)` and `float.fromhex`.

use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};

/// 2**1023, the largest power of two that is a finite double.
const TWO_POW_1023: f64 = f64::from_bits(0x7fe0_0000_0000_0000);
/// 2**53.
const TWO_POW_53: f64 = f64::from_bits(0x4340_0000_0000_0000);
/// 2**-1022, the smallest normal double.
const TWO_POW_M1022: f64 = f64::from_bits(0x0010_0000_0000_0000);
/// 2**54, used to normalise subnormals in `frexp`.
const TWO_POW_54: f64 = f64::from_bits(0x4350_0000_0000_0000);

/// C `frexp`: splits `x` into `(m, e)` with `x == m * 2**e` and
/// `0.5 <= |m| < 1`.  Zeros, infinities and NaNs come back as `(x, 0)`.
pub fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    if biased == 0 {
        let (m, e) = frexp(x * TWO_POW_54);
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, biased - 1022)
}

/// C `ldexp`/`scalbn`: `x * 2**n` with a single correct rounding.
pub fn ldexp(x: f64, n: i32) -> f64 {
    let mut y = x;
    let mut n = n;
    if n > 1023 {
        y *= TWO_POW_1023;
        n -= 1023;
        if n > 1023 {
            y *= TWO_POW_1023;
            n -= 1023;
            if n > 1023 {
                n = 1023;
            }
        }
    } else if n < -1022 {
        // Scale in steps that keep intermediates normal, so the only
        // rounding happens in the final multiplication.
        y *= TWO_POW_M1022 * TWO_POW_53;
        n += 1022 - 53;
        if n < -1022 {
            y *= TWO_POW_M1022 * TWO_POW_53;
            n += 1022 - 53;
            if n < -1022 {
                n = -1022;
            }
        }
    }
    y * f64::from_bits(((0x3ff + n) as u64) << 52)
}

/// C `nextafter`: the next double after `x` in the direction of `y`.
pub fn nextafter(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return x + y;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        let tiny = f64::from_bits(1);
        return if y > 0.0 { tiny } else { -tiny };
    }
    let bits = x.to_bits();
    let up = (y > x) == (x > 0.0);
    f64::from_bits(if up { bits + 1 } else { bits - 1 })
}

/// Splits a finite, nonzero `|x|` into an integer mantissa and exponent:
/// `|x| == m * 2**e` exactly, with `m` odd.
pub fn decompose(x: f64) -> (u64, i32) {
    let bits = x.abs().to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut m, mut e) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), biased - 1075)
    };
    if m != 0 {
        let tz = m.trailing_zeros();
        m >>= tz;
        e += tz as i32;
    }
    (m, e)
}

/// True when `x` is an odd integer (finite and integral with odd value).
pub fn is_odd_integer(x: f64) -> bool {
    x.is_finite() && (x % 2.0).abs() == 1.0
}

/// Rounds the exact value `m * 2**e` to the nearest double (ties to even),
/// handling subnormal results.  Returns `None` when the rounded value is
/// too large for a double.
pub fn round_to_f64(m: &BigUint, e: i64) -> Option<f64> {
    if m.is_zero() {
        return Some(0.0);
    }
    let nbits = m.bits() as i64;
    let top = nbits + e; // value lies in [2**(top-1), 2**top)
    if top > 1024 {
        return None;
    }
    // Exponent of the least significant bit that survives rounding.
    let lsb = (top - 53).max(-1074);
    let shift = lsb - e;
    let q: u64 = if shift <= 0 {
        // exact: m has at most 53 significant bits here
        let v = m.to_u64()?;
        return Some(ldexp(v as f64, e as i32));
    } else {
        let shift_u = shift as u64;
        let mut q = (m >> shift_u).to_u64().unwrap_or(0);
        let half_bit = m.bit(shift_u - 1);
        if half_bit {
            let sticky = m.trailing_zeros().unwrap_or(0) < shift_u - 1;
            if sticky || q & 1 == 1 {
                q += 1;
            }
        }
        q
    };
    let r = ldexp(q as f64, lsb as i32);
    if r.is_infinite() {
        None
    } else {
        Some(r)
    }
}

/// Correctly rounded `num / den` for nonnegative integers (ties to even,
/// subnormals handled).  Returns `None` on overflow; `den` must be nonzero.
pub fn ratio_to_f64(num: &BigUint, den: &BigUint) -> Option<f64> {
    if num.is_zero() {
        return Some(0.0);
    }
    let a_bits = num.bits() as i64;
    let b_bits = den.bits() as i64;
    let diff = a_bits - b_bits;
    if diff > 1025 {
        return None;
    }
    if diff < -1080 {
        return Some(0.0);
    }
    // Scale so that the integer quotient has at least 55 bits, then append a
    // sticky bit recording whether the division was inexact.
    let shift = (56 - diff).max(0);
    let scaled = num << (shift as u64);
    let (q, r) = scaled.div_rem(den);
    let mut q2: BigUint = q << 1u32;
    if !r.is_zero() {
        q2 |= BigUint::from(1u32);
    }
    round_to_f64(&q2, -shift - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frexp_ldexp_roundtrip() {
        for &x in &[
            1.0,
            0.5,
            3.0,
            -7.25,
            5e-324,
            2.2250738585072014e-308,
            1.7976931348623157e308,
        ] {
            let (m, e) = frexp(x);
            assert!((0.5..1.0).contains(&m.abs()), "{x}");
            assert_eq!(ldexp(m, e), x);
        }
        assert_eq!(frexp(0.0), (0.0, 0));
        assert_eq!(ldexp(1.0, -1074), 5e-324);
        assert_eq!(ldexp(1.0, -1075), 0.0);
        assert_eq!(ldexp(1.5, -1074), 1e-323); // ties to even: 1.5 -> 2
        assert_eq!(ldexp(1.0, 1024), f64::INFINITY);
        assert_eq!(
            ldexp(3.0, 1022).to_bits(),
            (3.0f64 * 2f64.powi(1022)).to_bits()
        );
    }

    #[test]
    fn rounding_helpers() {
        let two = BigUint::from(2u32);
        assert_eq!(round_to_f64(&BigUint::from(1u32), -1074), Some(5e-324));
        assert_eq!(round_to_f64(&BigUint::from(1u32), -1075), Some(0.0));
        assert_eq!(round_to_f64(&BigUint::from(3u32), -1076), Some(5e-324));
        assert_eq!(round_to_f64(&BigUint::from(1u32), 1024), None);
        assert_eq!(
            ratio_to_f64(&BigUint::from(1u32), &BigUint::from(3u32)),
            Some(1.0 / 3.0)
        );
        assert_eq!(ratio_to_f64(&BigUint::from(2u32), &two), Some(1.0));
        let big = BigUint::from(1u32) << 2000u32;
        assert_eq!(ratio_to_f64(&BigUint::from(1u32), &big), Some(0.0));
        assert_eq!(ratio_to_f64(&big, &BigUint::from(1u32)), None);
        assert_eq!(nextafter(1.0, 2.0), 1.0000000000000002);
        assert_eq!(nextafter(0.0, -1.0), -5e-324);
        assert_eq!(decompose(6.0), (3, 1));
    }
}
