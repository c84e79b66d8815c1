//! CPython's Mersenne Twister (`Modules/_randommodule.c`), bit-exact:
//! `init_genrand`, `init_by_array`, int seeding as `random_seed` does it,
//! `genrand_uint32`, `random()` (`genrand_res53`) and `getrandbits(k)`.

use num_bigint::{BigInt, BigUint};
use num_traits::Zero;

use super::{NumError, NumResult};

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// The MT19937 generator state, identical to CPython's `RandomObject`.
#[derive(Clone)]
pub struct Mt19937 {
    state: [u32; N],
    index: usize,
}

impl std::fmt::Debug for Mt19937 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mt19937")
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}

impl Default for Mt19937 {
    fn default() -> Self {
        Self::from_seed_int(&BigInt::zero())
    }
}

impl Mt19937 {
    /// A generator initialised with `init_genrand(seed)`.
    pub fn new(seed: u32) -> Self {
        let mut mt = Mt19937 {
            state: [0; N],
            index: N,
        };
        mt.init_genrand(seed);
        mt
    }

    /// A generator seeded exactly as `random.Random(seed)` for an int seed.
    pub fn from_seed_int(seed: &BigInt) -> Self {
        let mut mt = Mt19937::new(0);
        mt.seed_int(seed);
        mt
    }

    /// `init_genrand(s)`.
    pub fn init_genrand(&mut self, s: u32) {
        let mt = &mut self.state;
        mt[0] = s;
        for i in 1..N {
            mt[i] = 1_812_433_253u32
                .wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    /// `init_by_array(init_key)`.
    pub fn init_by_array(&mut self, init_key: &[u32]) {
        self.init_genrand(19_650_218);
        let key_length = init_key.len().max(1);
        let key = |j: usize| init_key.get(j).copied().unwrap_or(0);
        let mt = &mut self.state;
        let mut i = 1usize;
        let mut j = 0usize;
        let mut k = N.max(key_length);
        while k > 0 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key(j))
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key_length {
                j = 0;
            }
            k -= 1;
        }
        k = N - 1;
        while k > 0 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            k -= 1;
        }
        mt[0] = 0x8000_0000;
    }

    /// Seeds from an int as CPython's `random_seed`: the absolute value is
    /// split into 32-bit words, least significant first (0 gives `[0]`).
    pub fn seed_int(&mut self, seed: &BigInt) {
        let mut key = seed.magnitude().to_u32_digits();
        if key.is_empty() {
            key.push(0);
        }
        self.init_by_array(&key);
    }

    /// `genrand_uint32()`: the next 32 random bits.
    pub fn genrand_u32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    fn twist(&mut self) {
        let mt = &mut self.state;
        let mag = |y: u32| if y & 1 == 1 { MATRIX_A } else { 0 };
        for kk in 0..N - M {
            let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M] ^ (y >> 1) ^ mag(y);
        }
        for kk in N - M..N - 1 {
            let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M - N] ^ (y >> 1) ^ mag(y);
        }
        let y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ mag(y);
        self.index = 0;
    }

    /// `random()`: a float in `[0, 1)` with 53 random bits (`genrand_res53`).
    pub fn random(&mut self) -> f64 {
        let a = self.genrand_u32() >> 5;
        let b = self.genrand_u32() >> 6;
        (a as f64 * 67_108_864.0 + b as f64) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for `k <= 64`, as a `u64` (consumes the same words
    /// as the general version).  Panics if `k > 64`.
    pub fn getrandbits_u64(&mut self, k: u32) -> u64 {
        assert!(k <= 64, "getrandbits_u64 takes at most 64 bits");
        if k == 0 {
            return 0;
        }
        if k <= 32 {
            return (self.genrand_u32() >> (32 - k)) as u64;
        }
        let lo = self.genrand_u32() as u64;
        let hi = (self.genrand_u32() >> (64 - k)) as u64;
        lo | (hi << 32)
    }

    /// `getrandbits(k)` for any nonnegative `k` (`k = 0` gives 0).
    pub fn getrandbits(&mut self, k: i64) -> NumResult<BigUint> {
        if k < 0 {
            return Err(NumError::value("number of bits must be non-negative"));
        }
        if k <= 64 {
            return Ok(BigUint::from(self.getrandbits_u64(k as u32)));
        }
        let k = k as u64;
        if k > super::MAX_INT_BITS {
            return Err(NumError::memory());
        }
        let words = (k - 1) / 32 + 1;
        let mut digits = Vec::with_capacity(words as usize);
        let mut left = k;
        for _ in 0..words {
            let mut r = self.genrand_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            digits.push(r);
            left = left.saturating_sub(32);
        }
        Ok(BigUint::new(digits))
    }

    /// The 624 state words plus the position, as `getstate()[1]`.
    pub fn getstate(&self) -> Vec<u32> {
        let mut v = self.state.to_vec();
        v.push(self.index as u32);
        v
    }

    /// Restores a state produced by [`Mt19937::getstate`] (`setstate`).
    pub fn setstate(&mut self, state: &[u32]) -> NumResult<()> {
        if state.len() != N + 1 {
            return Err(NumError::value("state vector is the wrong size"));
        }
        let index = state[N] as usize;
        if index > N {
            return Err(NumError::value("invalid state"));
        }
        self.state.copy_from_slice(&state[..N]);
        self.index = index;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_init_genrand_5489() {
        // First outputs of the reference mt19937ar.c with init_genrand(5489).
        let mut mt = Mt19937::new(5489);
        let got: Vec<u32> = (0..3).map(|_| mt.genrand_u32()).collect();
        assert_eq!(got, vec![3_499_211_612, 581_869_302, 3_890_346_734]);
    }

    #[test]
    fn state_roundtrip() {
        let mut a = Mt19937::from_seed_int(&BigInt::from(5));
        let st = a.getstate();
        assert_eq!(&st[..3], &[2_147_483_648, 2_796_186_638, 190_942_503]);
        assert_eq!(st[624], 624);
        let x = a.random();
        let mut b = Mt19937::new(1);
        b.setstate(&st).unwrap();
        assert_eq!(b.random(), x);
        assert!(b.setstate(&st[..10]).is_err());
    }
}
