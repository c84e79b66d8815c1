//! CPython's numeric hash (`sys.hash_info`: modulus `2**61 - 1`, `inf` ->
//! 314159) and exact comparison between ints and floats.
//!
//! Equal numbers hash equal across types: `hash(2.0) == hash(2)`.  NaN
//! hashes to 0 here (CPython 3.10+ uses the object identity instead).

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use super::fp::frexp;
use super::int_convert::f64_to_big;

/// Number of bits in the hash modulus.
pub const HASH_BITS: u32 = 61;
/// The hash modulus, the Mersenne prime `2**61 - 1`.
pub const HASH_MODULUS: u64 = (1 << HASH_BITS) - 1;
/// `hash(float('inf'))`.
pub const HASH_INF: i64 = 314_159;

fn finish(negative: bool, x: u64) -> i64 {
    let h = if negative { -(x as i64) } else { x as i64 };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(x)` for an int that fits in `i64`.
pub fn hash_i64(x: i64) -> i64 {
    finish(x < 0, x.unsigned_abs() % HASH_MODULUS)
}

/// `hash(x)` for an arbitrary int.
pub fn hash_big(x: &BigInt) -> i64 {
    if let Some(v) = x.to_i64() {
        return hash_i64(v);
    }
    let digits = x.magnitude().to_u64_digits();
    let m = HASH_MODULUS as u128;
    let mut h: u128 = 0;
    for &d in digits.iter().rev() {
        h = ((h << 64) | d as u128) % m;
    }
    finish(x.is_negative(), h as u64)
}

/// `hash(x)` for a float (NaN hashes to 0).
pub fn hash_f64(v: f64) -> i64 {
    if !v.is_finite() {
        if v.is_infinite() {
            return if v > 0.0 { HASH_INF } else { -HASH_INF };
        }
        return 0;
    }
    let (mut m, mut e) = frexp(v);
    let mut sign = false;
    if m < 0.0 {
        sign = true;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & HASH_MODULUS) | (x >> (HASH_BITS - 28));
        m *= 268_435_456.0; // 2**28
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= HASH_MODULUS {
            x -= HASH_MODULUS;
        }
    }
    let bits = HASH_BITS as i32;
    let e = if e >= 0 {
        e % bits
    } else {
        bits - 1 - ((-1 - e) % bits)
    } as u32;
    x = ((x << e) & HASH_MODULUS) | (x >> (HASH_BITS - e));
    finish(sign, x)
}

/// `hash(complex(re, im))`: `hash(re) + 1000003 * hash(im)` in wrapping
/// unsigned arithmetic, with -1 mapped to -2.
pub fn hash_complex(re: f64, im: f64) -> i64 {
    let combined =
        (hash_f64(re) as u64).wrapping_add(1_000_003u64.wrapping_mul(hash_f64(im) as u64)) as i64;
    if combined == -1 {
        -2
    } else {
        combined
    }
}

/// `hash(Fraction(num, den))` (also `Decimal`'s rule) for a fraction in
/// lowest terms with `den > 0`: `hash(|num|) * pow(den, -1, P)`, or the
/// infinity hash when `den` is a multiple of the modulus.
pub fn hash_fraction(num: &BigInt, den: &BigInt) -> i64 {
    let p = BigInt::from(HASH_MODULUS);
    let h = match super::int_pow::invmod_big(&(den % &p), &p) {
        None => HASH_INF,
        Some(dinv) => {
            let hn = BigInt::from(hash_big(&num.abs()));
            hash_big(&(hn * dinv))
        }
    };
    let r = if num.is_negative() { -h } else { h };
    if r == -1 {
        -2
    } else {
        r
    }
}

/// Exact comparison of an `i64` with a float; `None` when `f` is NaN.
pub fn cmp_i64_f64(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if i.unsigned_abs() <= 1 << 53 {
        return (i as f64).partial_cmp(&f);
    }
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if f >= TWO_63 {
        return Some(Ordering::Less);
    }
    if f < -TWO_63 {
        return Some(Ordering::Greater);
    }
    let fl = f.floor();
    let fi = fl as i64; // exact: fl is integral and in range
    Some(match i.cmp(&fi) {
        Ordering::Less => Ordering::Less,
        Ordering::Greater => Ordering::Greater,
        Ordering::Equal if fl == f => Ordering::Equal,
        Ordering::Equal => Ordering::Less,
    })
}

/// Exact comparison of an arbitrary int with a float; `None` when `f` is
/// NaN.  No precision is lost for huge ints or fractional floats.
pub fn cmp_big_f64(i: &BigInt, f: f64) -> Option<Ordering> {
    if let Some(v) = i.to_i64() {
        return cmp_i64_f64(v, f);
    }
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let fl = f.floor();
    let fb = f64_to_big(fl).ok()?;
    Some(match i.cmp(&fb) {
        Ordering::Less => Ordering::Less,
        Ordering::Greater => Ordering::Greater,
        Ordering::Equal if fl == f => Ordering::Equal,
        Ordering::Equal => Ordering::Less,
    })
}

/// `i == f` for an int and a float, exactly.
pub fn eq_big_f64(i: &BigInt, f: f64) -> bool {
    cmp_big_f64(i, f) == Some(Ordering::Equal)
}

/// `i == f` for an `i64` and a float, exactly.
pub fn eq_i64_f64(i: i64, f: f64) -> bool {
    cmp_i64_f64(i, f) == Some(Ordering::Equal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complex_and_fraction_hashes() {
        // Values from CPython 3.11.
        assert_eq!(hash_complex(1.5, -2.0), 1_152_921_504_604_846_971);
        assert_eq!(hash_complex(0.0, 1.0), 1_000_003);
        assert_eq!(hash_complex(-1.0, 0.0), -2);
        assert_eq!(hash_complex(f64::INFINITY, 2.5), 3_458_764_513_822_855_093);
        let f = |n: BigInt, d: BigInt| hash_fraction(&n, &d);
        assert_eq!(f(1.into(), 3.into()), 1_537_228_672_809_129_301);
        assert_eq!(f((-7).into(), BigInt::from(HASH_MODULUS)), -314_159);
        assert_eq!(f(5.into(), 1.into()), 5);
        assert_eq!(f((-1).into(), 1.into()), -2);
        let big_n: BigInt = num_traits::pow::Pow::pow(BigInt::from(10), 30u32) + 1;
        let big_d: BigInt = num_traits::pow::Pow::pow(BigInt::from(3), 40u32);
        assert_eq!(f(big_n, big_d), 1_236_530_880_072_559_201);
    }
}
