//! Shared test helpers: a deterministic value generator and deep equality.

#![allow(dead_code)]

use gilgamesh_core::object::Kind;
use gilgamesh_core::types::{
    self, BigIntData, BoolData, BytesData, DictData, ListData, SetData, StrData, TupleData,
};
use gilgamesh_core::Value;
use num_bigint::BigInt;

/// xorshift64*: deterministic, seedable, no dependency.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545F4914F6CDD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn hashable(rng: &mut Rng, depth: u32) -> Value {
    match rng.below(if depth == 0 { 6 } else { 8 }) {
        0 => types::none(),
        1 => types::bool_value(rng.below(2) == 1),
        2 => types::new_int(rng.next() as i64 >> rng.below(64)),
        3 => types::new_float(f64::from_bits(rng.next()) % 1e6),
        4 => types::new_str(text(rng)),
        5 => types::misc::new_bytes((0..rng.below(12)).map(|_| rng.next() as u8).collect()),
        6 => types::new_tuple(
            (0..rng.below(4))
                .map(|_| hashable(rng, depth - 1))
                .collect(),
        ),
        _ => {
            let items: Vec<(i64, Value)> = (0..rng.below(4))
                .map(|_| {
                    let k = hashable(rng, 0);
                    (gilgamesh_channels::keys::key_hash(&k).unwrap(), k)
                })
                .collect();
            types::set::new_set_from(true, items, &mut |a, b| {
                Ok(gilgamesh_channels::keys::key_eq(a, b))
            })
            .unwrap()
        }
    }
}

fn text(rng: &mut Rng) -> String {
    const ALPHABET: &[char] = &['a', 'b', 'z', ' ', '\u{e9}', '\u{4e2d}', '\u{1f600}', '0'];
    (0..rng.below(16))
        .map(|_| ALPHABET[rng.below(ALPHABET.len() as u64) as usize])
        .collect()
}

/// A random value of every wire-format type, nested up to `depth`.
pub fn gen(rng: &mut Rng, depth: u32) -> Value {
    let kinds = if depth == 0 { 8 } else { 13 };
    match rng.below(kinds) {
        0..=5 => hashable(rng, 0),
        6 => {
            // Big ints, both signs, beyond i64.
            let mut b = BigInt::from(rng.next()) << (64 + rng.below(200));
            if rng.below(2) == 1 {
                b = -b;
            }
            types::new_bigint(b + rng.below(1000))
        }
        7 => types::new_float([f64::NAN, f64::INFINITY, -0.0, 1.5][rng.below(4) as usize]),
        8 => types::new_tuple((0..rng.below(5)).map(|_| gen(rng, depth - 1)).collect()),
        9 => types::new_list((0..rng.below(5)).map(|_| gen(rng, depth - 1)).collect()),
        10 => {
            let d = DictData::new();
            for _ in 0..rng.below(5) {
                let k = hashable(rng, depth.min(2));
                let h = gilgamesh_channels::keys::key_hash(&k).unwrap();
                d.set(k, h, gen(rng, depth - 1), &mut |a, b| {
                    Ok(gilgamesh_channels::keys::key_eq(a, b))
                })
                .unwrap();
            }
            gilgamesh_core::object::alloc(types::builtin_types().dict.v(), d)
        }
        11 => hashable(rng, depth.min(2)),
        _ => {
            let items: Vec<(i64, Value)> = (0..rng.below(5))
                .map(|_| {
                    let k = hashable(rng, depth.min(2));
                    (gilgamesh_channels::keys::key_hash(&k).unwrap(), k)
                })
                .collect();
            types::set::new_set_from(false, items, &mut |a, b| {
                Ok(gilgamesh_channels::keys::key_eq(a, b))
            })
            .unwrap()
        }
    }
}

/// Structural equality that also distinguishes types (1 vs True vs 1.0),
/// compares floats by bits (NaN == NaN) and dicts in order.
pub fn same(a: &Value, b: &Value) -> bool {
    if a.as_small().is_some() || b.as_small().is_some() {
        return int_of(a).is_some() && int_of(a) == int_of(b);
    }
    if a.type_ptr() != b.type_ptr() {
        return false;
    }
    match a.kind() {
        Kind::None => a.is(b),
        Kind::Bool => a.downcast::<BoolData>().unwrap().0 == b.downcast::<BoolData>().unwrap().0,
        Kind::Int => int_of(a) == int_of(b),
        Kind::Float => a.as_float().unwrap().to_bits() == b.as_float().unwrap().to_bits(),
        Kind::Str => {
            a.downcast::<StrData>().unwrap().as_str() == b.downcast::<StrData>().unwrap().as_str()
        }
        Kind::Bytes => a.downcast::<BytesData>().unwrap().0 == b.downcast::<BytesData>().unwrap().0,
        Kind::Tuple => seq_same(
            a.downcast::<TupleData>().unwrap().items(),
            b.downcast::<TupleData>().unwrap().items(),
        ),
        Kind::List => seq_same(
            &a.downcast::<ListData>().unwrap().snapshot(),
            &b.downcast::<ListData>().unwrap().snapshot(),
        ),
        Kind::Dict => {
            let (x, y) = (
                a.downcast::<DictData>().unwrap().items(),
                b.downcast::<DictData>().unwrap().items(),
            );
            x.len() == y.len()
                && x.iter()
                    .zip(&y)
                    .all(|((k1, v1), (k2, v2))| same(k1, k2) && same(v1, v2))
        }
        Kind::Set => {
            // Iteration order depends on the table's history, not only on its
            // contents: compare as sets.
            let (x, y) = (
                a.downcast::<SetData>().unwrap().items(),
                b.downcast::<SetData>().unwrap().items(),
            );
            x.len() == y.len() && x.iter().all(|p| y.iter().any(|q| same(p, q)))
        }
        _ => false,
    }
}

fn int_of(v: &Value) -> Option<BigInt> {
    if let Some(i) = v.as_small() {
        return Some(BigInt::from(i));
    }
    v.downcast::<BigIntData>().map(|b| b.0.clone())
}

fn seq_same(a: &[Value], b: &[Value]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
}
