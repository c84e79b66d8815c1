//! Hashing and comparing dict keys and set elements while decoding, without a
//! `Vm`.
//!
//! A decoded key is always of a builtin type (`None`, `bool`, `int`, `float`,
//! `str`, `bytes`, `tuple`, `frozenset`), so its hash and equality never run
//! Python code. [`key_hash`] returns exactly what `hash()` returns in the
//! interpreter (`vm::protocol::hash`), built from the same core functions, and
//! a test checks the two agree over generated keys; a decoded dict therefore
//! finds its keys with the interpreter's own lookups. Lists, dicts and sets as
//! keys (possible only in malformed input) are reported as unhashable.
//!
//! Recursion here follows tuple and frozenset nesting, which the decoder has
//! already bounded by `Limits::max_depth`.

use gilgamesh_core::object::Kind;
use gilgamesh_core::types::{self, BoolData, BytesData, SetData, StrData, TupleData};
use gilgamesh_core::vm::protocol::{hash_bigint, hash_f64, hash_frozenset, hash_i64, hash_tuple};
use gilgamesh_core::Value;

use crate::error::DecodeError;

fn unhashable(v: &Value) -> DecodeError {
    let type_name = match v.kind() {
        Kind::List => "list",
        Kind::Dict => "dict",
        Kind::Set => "set",
        _ => "object",
    };
    DecodeError::Unhashable { type_name }
}

fn is_frozenset(v: &Value) -> bool {
    v.type_ptr() == types::builtin_types().frozenset.as_ptr()
}

/// The hash of a decoded key, equal to Python's `hash(key)`.
pub fn key_hash(v: &Value) -> Result<i64, DecodeError> {
    if let Some(i) = v.as_small() {
        return Ok(hash_i64(i));
    }
    let h = match v.kind() {
        Kind::None => (v.bits() >> 4) as i64,
        Kind::Bool => v.downcast::<BoolData>().map_or(0, |b| b.0 as i64),
        Kind::Int => hash_bigint(
            &v.downcast::<types::BigIntData>()
                .ok_or_else(|| unhashable(v))?
                .0,
        ),
        Kind::Float => hash_f64(v.as_float().ok_or_else(|| unhashable(v))?),
        Kind::Str => v.downcast::<StrData>().ok_or_else(|| unhashable(v))?.hash(),
        Kind::Bytes => {
            // The interpreter's bytes hash (`vm::protocol::hash`).
            let b = &v.downcast::<BytesData>().ok_or_else(|| unhashable(v))?.0;
            match std::str::from_utf8(b) {
                Ok(s) => types::str::hash_str(s),
                Err(_) => types::str::hash_str(&String::from_utf8_lossy(b)) ^ 0x5bd1e995,
            }
        }
        Kind::Tuple => {
            let items = v
                .downcast::<TupleData>()
                .ok_or_else(|| unhashable(v))?
                .items();
            let mut hs = Vec::with_capacity(items.len());
            for x in items {
                hs.push(key_hash(x)?);
            }
            hash_tuple(hs.into_iter())
        }
        Kind::Set if is_frozenset(v) => {
            // CPython's frozenset hash, as the interpreter computes it.
            let set = v.downcast::<SetData>().ok_or_else(|| unhashable(v))?;
            let hs = set.items_hashed();
            hash_frozenset(hs.iter().map(|(h, _)| *h))
        }
        _ => return Err(unhashable(v)),
    };
    Ok(h)
}

/// Python equality of two decoded keys (`a == b`), without running Python
/// code: scalars through the core's `native_eq`, tuples item by item,
/// frozensets by membership.
pub fn key_eq(a: &Value, b: &Value) -> bool {
    if a.is(b) {
        return true;
    }
    match (a.kind(), b.kind()) {
        (Kind::Tuple, Kind::Tuple) => {
            let (Some(x), Some(y)) = (a.downcast::<TupleData>(), b.downcast::<TupleData>()) else {
                return false;
            };
            x.len() == y.len() && x.items().iter().zip(y.items()).all(|(p, q)| key_eq(p, q))
        }
        (Kind::Set, Kind::Set) => {
            let (Some(x), Some(y)) = (a.downcast::<SetData>(), b.downcast::<SetData>()) else {
                return false;
            };
            if x.len() != y.len() {
                return false;
            }
            x.items_hashed().iter().all(|(h, item)| {
                y.contains(item, *h, &mut |p, q| Ok(key_eq(p, q)))
                    .unwrap_or(false)
            })
        }
        (Kind::Tuple | Kind::Set, _) | (_, Kind::Tuple | Kind::Set) => false,
        _ => types::dict::native_eq(a, b).unwrap_or(false),
    }
}
