//! `int` payload for values outside the tagged small-int range, and the
//! conversions between the two representations.

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use super::{builtin_types, Traverse};
use crate::object::{alloc, Value};

/// The payload of a heap `int`: an arbitrary-precision integer that does not
/// fit the tagged range.
pub struct BigIntData(pub BigInt);

impl Traverse for BigIntData {}

/// A new `int`: tagged if it fits, else a heap big int.
pub fn new_int(i: i64) -> Value {
    match Value::try_small(i) {
        Some(v) => v,
        None => alloc(builtin_types().int.v(), BigIntData(BigInt::from(i))),
    }
}

/// A new `int` from a big integer, normalised to the tagged form when it fits.
pub fn new_bigint(b: BigInt) -> Value {
    if let Some(i) = b.to_i64() {
        if let Some(v) = Value::try_small(i) {
            return v;
        }
    }
    alloc(builtin_types().int.v(), BigIntData(b))
}

/// An int-like value (int or bool) as a big integer.
pub fn to_bigint(v: &Value) -> Option<BigInt> {
    if let Some(i) = v.as_small() {
        return Some(BigInt::from(i));
    }
    if let Some(b) = v.downcast::<BigIntData>() {
        return Some(b.0.clone());
    }
    if let Some(b) = v.downcast::<super::BoolData>() {
        return Some(BigInt::from(b.0 as i64));
    }
    None
}

/// An int-like value (int or bool) as an i64, if it fits.
#[inline]
pub fn to_i64(v: &Value) -> Option<i64> {
    if let Some(i) = v.as_small() {
        return Some(i);
    }
    match v.kind() {
        crate::object::Kind::Int => v.downcast::<BigIntData>().and_then(|b| b.0.to_i64()),
        crate::object::Kind::Bool => v.downcast::<super::BoolData>().map(|b| b.0 as i64),
        _ => None,
    }
}

/// True for `int` and `bool` values (including subclasses' layouts).
#[inline]
pub fn is_int_like(v: &Value) -> bool {
    v.is_small()
        || matches!(
            v.kind(),
            crate::object::Kind::Int | crate::object::Kind::Bool
        )
}
