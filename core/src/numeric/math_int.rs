//! Integer functions of Python's `math` module over `BigInt`: `gcd`,
//! `lcm`, `isqrt`, `factorial` (CPython's binary-splitting odd-part
//! algorithm), `comb` and `perm` (divide and conquer), with CPython's
//! error messages.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::{NumError, NumResult};

/// `math.gcd(*integers)`: 0 for no arguments, always nonnegative.
pub fn gcd(values: &[BigInt]) -> BigInt {
    let mut res = BigInt::zero();
    for v in values {
        if res.is_one() {
            break;
        }
        res = res.gcd(v);
    }
    res
}

/// `math.gcd(a, b)` for two `i64`s (the result may be `2**63`, hence `u64`).
pub fn gcd_i64(a: i64, b: i64) -> u64 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// `math.lcm(*integers)`: 1 for no arguments, always nonnegative.
pub fn lcm(values: &[BigInt]) -> BigInt {
    let mut res = BigInt::one();
    for (i, v) in values.iter().enumerate() {
        if i == 0 {
            res = v.abs();
            continue;
        }
        if res.is_zero() {
            continue;
        }
        if v.is_zero() {
            res = BigInt::zero();
            continue;
        }
        let g = res.gcd(v);
        res = (res.div_floor(&g) * v).abs();
    }
    res
}

/// `math.isqrt(n)`: the floor of the square root.
pub fn isqrt(n: &BigInt) -> NumResult<BigInt> {
    if n.is_negative() {
        return Err(NumError::value("isqrt() argument must be nonnegative"));
    }
    Ok(BigInt::from(n.magnitude().sqrt()))
}

/// Product of the odd numbers in `range(start, stop, 2)` (both odd).
fn odd_product(start: u64, stop: u64) -> BigInt {
    let count = (stop - start) / 2;
    if count <= 8 {
        let mut acc = BigInt::from(start);
        let mut j = start + 2;
        while j < stop {
            acc *= j;
            j += 2;
        }
        return acc;
    }
    let mid = (start + count) | 1;
    odd_product(start, mid) * odd_product(mid, stop)
}

/// Odd part of `n!`: product over i of the odd numbers in `(n >> (i+1), n >> i]`,
/// each raised to the appropriate multiplicity via the running product.
fn factorial_odd_part(n: u64) -> BigInt {
    let mut inner = BigInt::one();
    let mut outer = BigInt::one();
    let mut upper: u64 = 3;
    let bl = 64 - n.leading_zeros() as i64;
    let mut i = bl - 2;
    while i >= 0 {
        let v = n >> i;
        i -= 1;
        if v <= 2 {
            continue;
        }
        let lower = upper;
        upper = (v + 1) | 1;
        if upper > lower {
            inner *= odd_product(lower, upper);
        }
        outer *= &inner;
    }
    outer
}

/// `math.factorial(n)`.
pub fn factorial(n: &BigInt) -> NumResult<BigInt> {
    if n.is_negative() {
        return Err(NumError::value(
            "factorial() not defined for negative values",
        ));
    }
    let x = n.to_i64().ok_or_else(|| {
        NumError::overflow(format!(
            "factorial() argument should not exceed {}",
            i64::MAX
        ))
    })? as u64;
    factorial_u64(x)
}

/// `math.factorial(n)` for a nonnegative machine integer.
pub fn factorial_u64(x: u64) -> NumResult<BigInt> {
    if x < 21 {
        let mut f: u64 = 1;
        for k in 2..=x {
            f *= k;
        }
        return Ok(BigInt::from(f));
    }
    // log2(x!) < x * log2(x); refuse results that cannot be allocated.
    let bits = x.saturating_mul(64 - x.leading_zeros() as u64);
    if bits > super::MAX_INT_BITS {
        return Err(NumError::memory());
    }
    let two_valuation = x - x.count_ones() as u64;
    Ok(factorial_odd_part(x) << two_valuation)
}

fn check_nonneg(n: &BigInt, k: &BigInt) -> NumResult<()> {
    if n.is_negative() {
        return Err(NumError::value("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(NumError::value("k must be a non-negative integer"));
    }
    Ok(())
}

/// Falling factorial `n * (n-1) * ... * (n-k+1)` by splitting.
fn falling(n: &BigInt, k: u64) -> BigInt {
    if k == 0 {
        return BigInt::one();
    }
    if k <= 16 {
        let mut acc = n.clone();
        for i in 1..k {
            acc *= n - i;
        }
        return acc;
    }
    let j = k / 2;
    falling(n, j) * falling(&(n - j), k - j)
}

/// `math.perm(n, k)`; `k=None` is `factorial(n)`.
pub fn perm(n: &BigInt, k: Option<&BigInt>) -> NumResult<BigInt> {
    let k = match k {
        None => return factorial(n),
        Some(k) => k,
    };
    check_nonneg(n, k)?;
    if n < k {
        return Ok(BigInt::zero());
    }
    let ki = k
        .to_i64()
        .ok_or_else(|| NumError::overflow(format!("k must not exceed {}", i64::MAX)))?;
    guard_size(n, ki as u64)?;
    Ok(falling(n, ki as u64))
}

/// `math.comb(n, k)`.
pub fn comb(n: &BigInt, k: &BigInt) -> NumResult<BigInt> {
    check_nonneg(n, k)?;
    let nk = n - k;
    if nk.is_negative() {
        return Ok(BigInt::zero());
    }
    let k = if nk < *k { &nk } else { k };
    let ki = k
        .to_i64()
        .ok_or_else(|| NumError::overflow(format!("min(n - k, k) must not exceed {}", i64::MAX)))?
        as u64;
    guard_size(n, ki)?;
    Ok(comb_rec(n, ki))
}

/// `C(n, k) = C(n, j) * C(n - j, k - j) / C(k, j)`.
fn comb_rec(n: &BigInt, k: u64) -> BigInt {
    if k == 0 {
        return BigInt::one();
    }
    if k <= 16 {
        let mut num = falling(n, k);
        let mut den: u64 = 1;
        for i in 2..=k {
            den *= i;
        }
        num /= den;
        return num;
    }
    let j = k / 2;
    let a = comb_rec(n, j) * comb_rec(&(n - j), k - j);
    a / comb_rec(&BigInt::from(k), j)
}

/// Refuses products of `k` factors of `n`'s size beyond [`super::MAX_INT_BITS`].
fn guard_size(n: &BigInt, k: u64) -> NumResult<()> {
    if n.bits().saturating_mul(k) > super::MAX_INT_BITS {
        return Err(NumError::memory());
    }
    Ok(())
}
