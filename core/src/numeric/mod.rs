//! CPython-exact numeric semantics over plain Rust types.
//!
//! This module is self-contained: it depends only on `num-bigint`,
//! `num-traits` and `num-integer`, never on the rest of the crate.  Every
//! operation reproduces CPython 3.11's observable behaviour: the same
//! results bit for bit (floats) or digit for digit (ints), and the same
//! exception class and message on failure, carried in [`NumError`].
//!
//! Layout:
//! * [`int_ops`]: `int` arithmetic on `i64` fast paths with `BigInt` fallback.
//! * [`int_div`]: big-int floor division, linear for short quotients.
//! * [`int_pow`]: `int.__pow__`, including three-argument `pow`.
//! * [`int_convert`]: true division, int/float conversion, bases, bytes.
//! * [`hash_cmp`]: the numeric hash and exact int/float comparison.
//! * [`float_ops`]: `float` arithmetic, `round`, ratios.
//! * [`float_hex`]: `float.hex()` and `float.fromhex()`.
//! * [`fp`]: low-level IEEE-754 helpers (`frexp`, `ldexp`, exact rounding).
//! * [`math_fns`], [`math_special`], [`math_sum`], [`math_int`]: the `math`
//!   module.
//! * [`mt19937`], [`random`], [`sha512`]: the `random` module core.

use std::borrow::Cow;
use std::fmt;

pub mod float_hex;
pub mod float_ops;
pub mod fp;
pub mod hash_cmp;
pub mod int_convert;
pub mod int_div;
pub mod int_ops;
pub mod int_pow;
pub mod math_fns;
pub mod math_int;
pub mod math_special;
pub mod math_sum;
pub mod mt19937;
pub mod random;
pub mod sha512;

#[cfg(test)]
mod tests_common;
#[cfg(test)]
mod tests_float;
#[cfg(test)]
mod tests_int;
#[cfg(test)]
mod tests_math;
#[cfg(test)]
mod tests_random;

pub use int_ops::IntResult;
pub use int_pow::PowResult;
pub use mt19937::Mt19937;
pub use random::PyRandom;

/// The Python exception class that a numeric failure maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExcKind {
    /// `ZeroDivisionError`.
    ZeroDivisionError,
    /// `ValueError`.
    ValueError,
    /// `OverflowError`.
    OverflowError,
    /// `TypeError`.
    TypeError,
    /// `IndexError`.
    IndexError,
    /// `MemoryError`: the result would not fit in memory.
    MemoryError,
}

impl ExcKind {
    /// The Python name of the exception class.
    pub fn name(self) -> &'static str {
        match self {
            ExcKind::ZeroDivisionError => "ZeroDivisionError",
            ExcKind::ValueError => "ValueError",
            ExcKind::OverflowError => "OverflowError",
            ExcKind::TypeError => "TypeError",
            ExcKind::IndexError => "IndexError",
            ExcKind::MemoryError => "MemoryError",
        }
    }
}

/// A numeric failure: the Python exception class plus CPython's exact message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumError {
    /// Which Python exception to raise.
    pub kind: ExcKind,
    /// The message, exactly as CPython words it.
    pub msg: Cow<'static, str>,
}

impl NumError {
    /// Builds an error of any kind.
    pub fn new(kind: ExcKind, msg: impl Into<Cow<'static, str>>) -> Self {
        NumError {
            kind,
            msg: msg.into(),
        }
    }

    /// A `ZeroDivisionError`.
    pub fn zero_div(msg: impl Into<Cow<'static, str>>) -> Self {
        Self::new(ExcKind::ZeroDivisionError, msg)
    }

    /// A `ValueError`.
    pub fn value(msg: impl Into<Cow<'static, str>>) -> Self {
        Self::new(ExcKind::ValueError, msg)
    }

    /// An `OverflowError`.
    pub fn overflow(msg: impl Into<Cow<'static, str>>) -> Self {
        Self::new(ExcKind::OverflowError, msg)
    }

    /// A `TypeError`.
    pub fn type_error(msg: impl Into<Cow<'static, str>>) -> Self {
        Self::new(ExcKind::TypeError, msg)
    }

    /// An `IndexError`.
    pub fn index(msg: impl Into<Cow<'static, str>>) -> Self {
        Self::new(ExcKind::IndexError, msg)
    }

    /// A `MemoryError` (CPython raises it with an empty message).
    pub fn memory() -> Self {
        Self::new(ExcKind::MemoryError, "")
    }

    /// True when this is the marker for "a negative float raised to a
    /// fractional power", where Python returns a complex number instead.
    pub fn is_complex_pow(&self) -> bool {
        self.kind == ExcKind::ValueError && self.msg == float_ops::MSG_NEG_FRACTIONAL_POW
    }
}

impl fmt::Display for NumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.msg.is_empty() {
            f.write_str(self.kind.name())
        } else {
            write!(f, "{}: {}", self.kind.name(), self.msg)
        }
    }
}

impl std::error::Error for NumError {}

/// Shorthand for results of numeric operations.
pub type NumResult<T> = Result<T, NumError>;

/// Largest number of bits a computed integer result may have before the
/// operation reports `MemoryError` instead of trying to allocate it
/// (2**36 bits, 8 GiB).  CPython would attempt the allocation; Rust would
/// abort the process on failure, so we refuse up front.
pub const MAX_INT_BITS: u64 = 1 << 36;
