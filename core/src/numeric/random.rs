//! The Python-level algorithms of CPython 3.11's `Lib/random.py` on top of
//! [`Mt19937`]: seeding (int, float, str/bytes version 2), `_randbelow`,
//! `randrange`, `randint`, `choice`, `shuffle`, `sample`, `choices`,
//! `uniform`, `triangular`, `gauss`, `normalvariate`, `lognormvariate`,
//! `expovariate` and `randbytes`.  Functions that pick from a sequence
//! return indices; the caller does the indexing.

use std::collections::HashSet;

use num_bigint::{BigInt, BigUint};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::hash_cmp::hash_f64;
use super::math_fns;
use super::mt19937::Mt19937;
use super::sha512::sha512;
use super::{NumError, NumResult};

/// Python's `random.Random`: the generator plus the cached `gauss` value.
#[derive(Debug, Clone, Default)]
pub struct PyRandom {
    mt: Mt19937,
    gauss_next: Option<f64>,
}

fn empty_range() -> NumError {
    NumError::value("empty range for randrange()")
}

impl PyRandom {
    /// `random.Random(seed)` for an int seed.
    pub fn new(seed: &BigInt) -> Self {
        PyRandom {
            mt: Mt19937::from_seed_int(seed),
            gauss_next: None,
        }
    }

    /// `random.Random(seed)` for an `i64` seed.
    pub fn from_i64(seed: i64) -> Self {
        Self::new(&BigInt::from(seed))
    }

    /// The underlying generator.
    pub fn mt(&mut self) -> &mut Mt19937 {
        &mut self.mt
    }

    /// `seed(a)` for an int.
    pub fn seed_int(&mut self, seed: &BigInt) {
        self.mt.seed_int(seed);
        self.gauss_next = None;
    }

    /// `seed()`/`seed(None)`: CPython fills the key with 624 words from
    /// `os.urandom`; the caller supplies those entropy words here.
    pub fn seed_entropy(&mut self, words: &[u32]) {
        self.mt.init_by_array(words);
        self.gauss_next = None;
    }

    /// `seed(a)` for `bytes`/`bytearray` (version 2: the bytes followed by
    /// their SHA-512 digest, read as a big-endian int).
    pub fn seed_bytes(&mut self, a: &[u8]) {
        let mut all = a.to_vec();
        all.extend_from_slice(&sha512(a));
        let n = BigUint::from_bytes_be(&all);
        self.seed_int(&BigInt::from(n));
    }

    /// `seed(a)` for a `str` (encoded as UTF-8, then as [`Self::seed_bytes`]).
    pub fn seed_str(&mut self, a: &str) {
        self.seed_bytes(a.as_bytes());
    }

    /// Seeding from an object's hash, as CPython does for non-int seeds
    /// that reach the C layer (the hash is reinterpreted as unsigned).
    pub fn seed_hash(&mut self, hash: i64) {
        self.seed_int(&BigInt::from(hash as u64));
    }

    /// `seed(a)` for a float (seeds with `hash(a)`).
    pub fn seed_float(&mut self, a: f64) {
        self.seed_hash(hash_f64(a));
    }

    /// `getstate()`: the generator words (624 plus position) and `gauss_next`.
    pub fn getstate(&self) -> (Vec<u32>, Option<f64>) {
        (self.mt.getstate(), self.gauss_next)
    }

    /// `setstate(state)` for a state from [`Self::getstate`].
    pub fn setstate(&mut self, words: &[u32], gauss_next: Option<f64>) -> NumResult<()> {
        self.mt.setstate(words)?;
        self.gauss_next = gauss_next;
        Ok(())
    }

    /// `random()`.
    pub fn random(&mut self) -> f64 {
        self.mt.random()
    }

    /// `getrandbits(k)`.
    pub fn getrandbits(&mut self, k: i64) -> NumResult<BigUint> {
        self.mt.getrandbits(k)
    }

    /// `_randbelow_with_getrandbits(n)` for `n > 0` (returns 0 for `n == 0`
    /// instead of looping forever).
    pub fn randbelow_u64(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.mt.getrandbits_u64(k);
            if r < n {
                return r;
            }
        }
    }

    /// `_randbelow_with_getrandbits(n)` for any `n > 0`.
    pub fn randbelow(&mut self, n: &BigUint) -> BigUint {
        if let Some(small) = n.to_u64() {
            return BigUint::from(self.randbelow_u64(small));
        }
        let k = n.bits() as i64;
        loop {
            // k is far below MAX_INT_BITS for any n that exists in memory
            let r = self.mt.getrandbits(k).unwrap_or_default();
            if &r < n {
                return r;
            }
        }
    }

    /// `randrange(start, stop, step)`; pass `stop = None` for the one
    /// argument form and `step = 1` when no step was given.
    pub fn randrange(
        &mut self,
        start: &BigInt,
        stop: Option<&BigInt>,
        step: &BigInt,
    ) -> NumResult<BigInt> {
        let stop = match stop {
            None => {
                if !step.is_one() {
                    return Err(NumError::type_error("Missing a non-None stop argument"));
                }
                if start.is_positive() {
                    return Ok(BigInt::from(self.randbelow(start.magnitude())));
                }
                return Err(empty_range());
            }
            Some(s) => s,
        };
        let width = stop - start;
        if step.is_one() {
            if width.is_positive() {
                return Ok(start + BigInt::from(self.randbelow(width.magnitude())));
            }
            return Err(NumError::value(format!(
                "empty range for randrange() ({start}, {stop}, {width})"
            )));
        }
        let n = if step.is_positive() {
            (width + step - 1u32).div_floor(step)
        } else if step.is_negative() {
            (width + step + 1u32).div_floor(step)
        } else {
            return Err(NumError::value("zero step for randrange()"));
        };
        if !n.is_positive() {
            return Err(empty_range());
        }
        Ok(start + step * BigInt::from(self.randbelow(n.magnitude())))
    }

    /// `randrange` for `i64` arguments (same consumption of random bits).
    pub fn randrange_i64(&mut self, start: i64, stop: Option<i64>, step: i64) -> NumResult<i64> {
        let stop = match stop {
            None => {
                if step != 1 {
                    return Err(NumError::type_error("Missing a non-None stop argument"));
                }
                if start > 0 {
                    return Ok(self.randbelow_u64(start as u64) as i64);
                }
                return Err(empty_range());
            }
            Some(s) => s,
        };
        let (start, stop, step) = (start as i128, stop as i128, step as i128);
        let width = stop - start;
        if step == 1 {
            if width > 0 {
                return Ok((start + self.randbelow_u64(width as u64) as i128) as i64);
            }
            return Err(NumError::value(format!(
                "empty range for randrange() ({start}, {stop}, {width})"
            )));
        }
        let n = match step.signum() {
            1 => Integer::div_floor(&(width + step - 1), &step),
            -1 => Integer::div_floor(&(width + step + 1), &step),
            _ => return Err(NumError::value("zero step for randrange()")),
        };
        if n <= 0 {
            return Err(empty_range());
        }
        Ok((start + step * self.randbelow_u64(n as u64) as i128) as i64)
    }

    /// `randint(a, b)`, i.e. `randrange(a, b + 1)`.
    pub fn randint(&mut self, a: &BigInt, b: &BigInt) -> NumResult<BigInt> {
        self.randrange(a, Some(&(b + 1)), &BigInt::one())
    }

    /// `randint(a, b)` for `i64` arguments.
    pub fn randint_i64(&mut self, a: i64, b: i64) -> NumResult<i64> {
        match b.checked_add(1) {
            Some(stop) => self.randrange_i64(a, Some(stop), 1),
            None => self
                .randint(&BigInt::from(a), &BigInt::from(b))
                .map(|v| v.to_i64().unwrap_or(i64::MAX)),
        }
    }

    /// `choice(seq)`: the index to pick from a sequence of length `len`.
    pub fn choice_index(&mut self, len: usize) -> NumResult<usize> {
        if len == 0 {
            return Err(NumError::index("Cannot choose from an empty sequence"));
        }
        Ok(self.randbelow_u64(len as u64) as usize)
    }

    /// `shuffle(x)` in place.
    pub fn shuffle<T>(&mut self, x: &mut [T]) {
        for i in (1..x.len()).rev() {
            let j = self.randbelow_u64(i as u64 + 1) as usize;
            x.swap(i, j);
        }
    }

    /// `sample(population, k)`: indices into a population of size `n`, in
    /// selection order (also serves `sample(range(n), k)`).
    pub fn sample_indices(&mut self, n: u64, k: i64) -> NumResult<Vec<u64>> {
        if k < 0 || k as u64 > n {
            return Err(NumError::value(
                "Sample larger than population or is negative",
            ));
        }
        let k = k as u64;
        let mut setsize: u128 = 21;
        if k > 5 {
            let num = math_fns::log_int(&BigInt::from(k as u128 * 3))?;
            let den = math_fns::log(4.0)?;
            let e = (num / den).ceil() as u32;
            setsize += 4u128.pow(e);
        }
        let mut result = Vec::with_capacity(k as usize);
        if n as u128 <= setsize {
            let mut pool: Vec<u64> = (0..n).collect();
            for i in 0..k {
                let j = self.randbelow_u64(n - i) as usize;
                result.push(pool[j]);
                pool[j] = pool[(n - i - 1) as usize];
            }
        } else {
            let mut selected = HashSet::with_capacity(k as usize);
            for _ in 0..k {
                let mut j = self.randbelow_u64(n);
                while selected.contains(&j) {
                    j = self.randbelow_u64(n);
                }
                selected.insert(j);
                result.push(j);
            }
        }
        Ok(result)
    }

    /// `sample(population, k, counts=counts)`: indices into the population
    /// (`counts.len()` must equal `population_len`).
    pub fn sample_counts(
        &mut self,
        population_len: usize,
        counts: &[i64],
        k: i64,
    ) -> NumResult<Vec<usize>> {
        let mut cum: Vec<i128> = Vec::with_capacity(counts.len());
        let mut acc: i128 = 0;
        for &c in counts {
            acc += c as i128;
            cum.push(acc);
        }
        if cum.len() != population_len {
            return Err(NumError::value(
                "The number of counts does not match the population",
            ));
        }
        let total = cum
            .pop()
            .ok_or_else(|| NumError::index("pop from empty list"))?;
        if total <= 0 {
            return Err(NumError::value("Total of counts must be greater than zero"));
        }
        let total = u64::try_from(total).map_err(|_| NumError::memory())?;
        let picks = self.sample_indices(total, k)?;
        Ok(picks
            .into_iter()
            .map(|s| cum.partition_point(|&c| c <= s as i128))
            .collect())
    }

    /// `choices(population, k=k)` without weights: indices into a
    /// population of size `n` (all 0 when `n == 0`; the caller's indexing
    /// then raises, as in Python).
    pub fn choices_indices(&mut self, n: usize, k: usize) -> Vec<usize> {
        let nf = n as f64;
        (0..k)
            .map(|_| (self.random() * nf).floor() as usize)
            .collect()
    }

    /// `choices(population, weights=weights, k=k)`: the weights are summed
    /// left to right in float arithmetic, as `itertools.accumulate` does.
    pub fn choices_weighted(
        &mut self,
        population_len: usize,
        weights: &[f64],
        k: usize,
    ) -> NumResult<Vec<usize>> {
        let mut cum = Vec::with_capacity(weights.len());
        let mut acc = None;
        for &w in weights {
            let next = match acc {
                None => w,
                Some(a) => a + w,
            };
            acc = Some(next);
            cum.push(next);
        }
        self.choices_cum_weights(population_len, &cum, k)
    }

    /// `choices(population, cum_weights=cum_weights, k=k)`.
    pub fn choices_cum_weights(
        &mut self,
        population_len: usize,
        cum_weights: &[f64],
        k: usize,
    ) -> NumResult<Vec<usize>> {
        if cum_weights.len() != population_len {
            return Err(NumError::value(
                "The number of weights does not match the population",
            ));
        }
        let total = cum_weights
            .last()
            .ok_or_else(|| NumError::index("list index out of range"))?
            + 0.0;
        if total <= 0.0 {
            return Err(NumError::value(
                "Total of weights must be greater than zero",
            ));
        }
        if !total.is_finite() {
            return Err(NumError::value("Total of weights must be finite"));
        }
        let hi = population_len - 1;
        Ok((0..k)
            .map(|_| {
                let x = self.random() * total;
                cum_weights[..hi].partition_point(|&c| c <= x)
            })
            .collect())
    }

    /// `uniform(a, b)`.
    pub fn uniform(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.random()
    }

    /// `triangular(low, high, mode)`.
    pub fn triangular(&mut self, low: f64, high: f64, mode: Option<f64>) -> NumResult<f64> {
        let mut u = self.random();
        let mut c = match mode {
            None => 0.5,
            Some(m) => {
                if high - low == 0.0 {
                    return Ok(low);
                }
                (m - low) / (high - low)
            }
        };
        let (mut low, mut high) = (low, high);
        if u > c {
            u = 1.0 - u;
            c = 1.0 - c;
            std::mem::swap(&mut low, &mut high);
        }
        Ok(low + (high - low) * math_fns::sqrt(u * c)?)
    }

    /// `normalvariate(mu, sigma)` (Kinderman and Monahan).
    pub fn normalvariate(&mut self, mu: f64, sigma: f64) -> f64 {
        let nv_magicconst = 4.0 * (-0.5f64).exp() / 2.0f64.sqrt();
        loop {
            let u1 = self.random();
            let u2 = 1.0 - self.random();
            let z = nv_magicconst * (u1 - 0.5) / u2;
            let zz = z * z / 4.0;
            if zz <= -u2.ln() {
                return mu + z * sigma;
            }
        }
    }

    /// `gauss(mu, sigma)` (Box-Muller, caching the second value).
    pub fn gauss(&mut self, mu: f64, sigma: f64) -> f64 {
        let z = match self.gauss_next.take() {
            Some(z) => z,
            None => {
                let x2pi = self.random() * std::f64::consts::TAU;
                let g2rad = (-2.0 * (1.0 - self.random()).ln()).sqrt();
                self.gauss_next = Some(x2pi.sin() * g2rad);
                x2pi.cos() * g2rad
            }
        };
        mu + z * sigma
    }

    /// `lognormvariate(mu, sigma)`.
    pub fn lognormvariate(&mut self, mu: f64, sigma: f64) -> NumResult<f64> {
        math_fns::exp(self.normalvariate(mu, sigma))
    }

    /// `expovariate(lambd)`.
    pub fn expovariate(&mut self, lambd: f64) -> NumResult<f64> {
        let l = -(1.0 - self.random()).ln();
        super::float_ops::float_truediv(l, lambd)
    }

    /// `randbytes(n)`: `getrandbits(n * 8).to_bytes(n, 'little')`.
    pub fn randbytes(&mut self, n: usize) -> NumResult<Vec<u8>> {
        let bits = self.getrandbits(n as i64 * 8)?;
        let mut v = if bits.is_zero() {
            Vec::new()
        } else {
            bits.to_bytes_le()
        };
        v.resize(n, 0);
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_42_matches_cpython() {
        // random.Random(42): [r.random() for _ in range(3)],
        // [r.randint(1, 100) for _ in range(3)], r.getrandbits(100)
        let mut r = PyRandom::from_i64(42);
        let got: Vec<f64> = (0..3).map(|_| r.random()).collect();
        assert_eq!(
            got,
            vec![
                0.6394267984578837,
                0.025010755222666936,
                0.27502931836911926
            ]
        );
        let ints: Vec<i64> = (0..3).map(|_| r.randint_i64(1, 100).unwrap()).collect();
        assert_eq!(ints, vec![29, 18, 95]);
        assert_eq!(
            r.getrandbits(100).unwrap().to_string(),
            "1167876019479626170561453694887"
        );
    }
}
