//! Typed storage of `array.array`: element conversion with CPython 3.11's
//! range checks and messages, and the byte representation.

use crate::object::Value;
use crate::types::exception::{overflow_error, type_error};
use crate::types::{self, PyResult};
use crate::vm::protocol::type_name;
use num_traits::ToPrimitive;

/// The elements of an array.
#[derive(Clone, Debug)]
pub enum Data {
    /// Signed integer codes (`b h i l q`).
    I(Vec<i64>),
    /// Unsigned integer codes (`B H I L Q`).
    U(Vec<u64>),
    /// `f` (stored rounded through f32) and `d`.
    F(Vec<f64>),
    /// `u`.
    C(Vec<char>),
}

/// The item size of a typecode, if valid.
pub fn itemsize(code: char) -> Option<usize> {
    Some(match code {
        'b' | 'B' => 1,
        'h' | 'H' => 2,
        'i' | 'I' | 'f' | 'u' => 4,
        'l' | 'L' | 'q' | 'Q' | 'd' => 8,
        _ => return None,
    })
}

/// Empty storage for a typecode.
pub fn empty(code: char) -> Data {
    match code {
        'b' | 'h' | 'i' | 'l' | 'q' => Data::I(Vec::new()),
        'B' | 'H' | 'I' | 'L' | 'Q' => Data::U(Vec::new()),
        'f' | 'd' => Data::F(Vec::new()),
        _ => Data::C(Vec::new()),
    }
}

/// One converted element.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Elem {
    /// Signed.
    I(i64),
    /// Unsigned.
    U(u64),
    /// Float.
    F(f64),
    /// Character.
    C(char),
}

fn index_int(vm: &mut crate::vm::Vm, v: &Value) -> PyResult<num_bigint::BigInt> {
    if let Some(b) = types::bigint::to_bigint(v) {
        return Ok(b);
    }
    if let Some(f) = crate::vm::attr::lookup_special_name(v, crate::name!("__index__")) {
        let r = crate::vm::call::call(vm, &f, std::slice::from_ref(v))?;
        if let Some(b) = types::bigint::to_bigint(&r) {
            return Ok(b);
        }
    }
    Err(type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        type_name(v)
    )))
}

fn range(x: i64, lo: i64, hi: i64, what: &str) -> PyResult<i64> {
    if x > hi {
        Err(overflow_error(format!("{what} is greater than maximum")))
    } else if x < lo {
        Err(overflow_error(format!("{what} is less than minimum")))
    } else {
        Ok(x)
    }
}

/// Converts a Python value to an element of typecode `code`.
pub fn convert(vm: &mut crate::vm::Vm, code: char, v: &Value) -> PyResult<Elem> {
    match code {
        'f' | 'd' => {
            use crate::object::Kind;
            let ok = matches!(v.kind(), Kind::Int | Kind::Bool | Kind::Float)
                || crate::vm::attr::lookup_special_name(v, crate::name!("__float__")).is_some()
                || crate::vm::attr::lookup_special_name(v, crate::name!("__index__")).is_some();
            if !ok {
                return Err(type_error(format!(
                    "must be real number, not {}",
                    type_name(v)
                )));
            }
            let x = crate::vm::ops::to_f64(v)?;
            Ok(Elem::F(if code == 'f' { x as f32 as f64 } else { x }))
        }
        'u' => match types::str::as_str(v) {
            Some(s) if s.chars().count() == 1 => Ok(Elem::C(s.chars().next().expect("char"))),
            _ => Err(type_error("array item must be unicode character")),
        },
        _ => {
            let b = index_int(vm, v)?;
            let long = || {
                b.to_i64()
                    .ok_or_else(|| overflow_error("Python int too large to convert to C long"))
            };
            let neg = b < num_bigint::BigInt::from(0);
            Ok(match code {
                'b' => {
                    let x = range(
                        long()?,
                        i16::MIN as i64,
                        i16::MAX as i64,
                        "signed short integer",
                    )?;
                    Elem::I(range(x, -128, 127, "signed char")?)
                }
                'B' => Elem::U(range(long()?, 0, 255, "unsigned byte integer")? as u64),
                'h' => Elem::I(range(
                    long()?,
                    i16::MIN as i64,
                    i16::MAX as i64,
                    "signed short integer",
                )?),
                'H' => {
                    let x = range(long()?, i32::MIN as i64, i32::MAX as i64, "signed integer")?;
                    Elem::U(range(x, 0, 65535, "unsigned short")? as u64)
                }
                'i' => Elem::I(range(
                    long()?,
                    i32::MIN as i64,
                    i32::MAX as i64,
                    "signed integer",
                )?),
                'l' => Elem::I(long()?),
                'q' => Elem::I(
                    b.to_i64()
                        .ok_or_else(|| overflow_error("int too big to convert"))?,
                ),
                'I' | 'L' => {
                    if neg {
                        return Err(overflow_error(
                            "can't convert negative value to unsigned int",
                        ));
                    }
                    let x = b.to_u64().ok_or_else(|| {
                        overflow_error("Python int too large to convert to C unsigned long")
                    })?;
                    if code == 'I' && x > u32::MAX as u64 {
                        return Err(overflow_error("unsigned int is greater than maximum"));
                    }
                    Elem::U(x)
                }
                _ => {
                    if neg {
                        return Err(overflow_error("can't convert negative int to unsigned"));
                    }
                    Elem::U(
                        b.to_u64()
                            .ok_or_else(|| overflow_error("int too big to convert"))?,
                    )
                }
            })
        }
    }
}

impl Elem {
    /// The element as a Python value.
    pub fn to_value(self) -> Value {
        match self {
            Elem::I(i) => types::new_int(i),
            Elem::U(u) => {
                if u > i64::MAX as u64 {
                    types::new_bigint(num_bigint::BigInt::from(u))
                } else {
                    types::new_int(u as i64)
                }
            }
            Elem::F(f) => types::new_float(f),
            Elem::C(c) => types::str::new_char(c),
        }
    }
}

impl Data {
    /// Number of elements.
    pub fn len(&self) -> usize {
        match self {
            Data::I(v) => v.len(),
            Data::U(v) => v.len(),
            Data::F(v) => v.len(),
            Data::C(v) => v.len(),
        }
    }

    /// Element `i` (in range).
    pub fn get(&self, i: usize) -> Elem {
        match self {
            Data::I(v) => Elem::I(v[i]),
            Data::U(v) => Elem::U(v[i]),
            Data::F(v) => Elem::F(v[i]),
            Data::C(v) => Elem::C(v[i]),
        }
    }

    /// Replaces element `i` (in range; `e` has this array's kind).
    pub fn set(&mut self, i: usize, e: Elem) {
        match (self, e) {
            (Data::I(v), Elem::I(x)) => v[i] = x,
            (Data::U(v), Elem::U(x)) => v[i] = x,
            (Data::F(v), Elem::F(x)) => v[i] = x,
            (Data::C(v), Elem::C(x)) => v[i] = x,
            _ => {}
        }
    }

    /// Inserts at `i` (`e` has this array's kind).
    pub fn insert(&mut self, i: usize, e: Elem) {
        match (self, e) {
            (Data::I(v), Elem::I(x)) => v.insert(i, x),
            (Data::U(v), Elem::U(x)) => v.insert(i, x),
            (Data::F(v), Elem::F(x)) => v.insert(i, x),
            (Data::C(v), Elem::C(x)) => v.insert(i, x),
            _ => {}
        }
    }

    /// Removes element `i` (in range).
    pub fn remove(&mut self, i: usize) -> Elem {
        match self {
            Data::I(v) => Elem::I(v.remove(i)),
            Data::U(v) => Elem::U(v.remove(i)),
            Data::F(v) => Elem::F(v.remove(i)),
            Data::C(v) => Elem::C(v.remove(i)),
        }
    }

    /// All elements.
    pub fn elems(&self) -> Vec<Elem> {
        (0..self.len()).map(|i| self.get(i)).collect()
    }

    /// Storage of the same kind holding `elems`.
    pub fn with_elems(&self, elems: &[Elem]) -> Data {
        let mut d = match self {
            Data::I(_) => Data::I(Vec::with_capacity(elems.len())),
            Data::U(_) => Data::U(Vec::with_capacity(elems.len())),
            Data::F(_) => Data::F(Vec::with_capacity(elems.len())),
            Data::C(_) => Data::C(Vec::with_capacity(elems.len())),
        };
        for e in elems {
            d.push(*e);
        }
        d
    }

    /// Appends (`e` has this array's kind).
    pub fn push(&mut self, e: Elem) {
        let n = self.len();
        self.insert(n, e);
    }

    /// Reverses in place.
    pub fn reverse(&mut self) {
        match self {
            Data::I(v) => v.reverse(),
            Data::U(v) => v.reverse(),
            Data::F(v) => v.reverse(),
            Data::C(v) => v.reverse(),
        }
    }

    /// The machine representation (native little-endian).
    pub fn to_bytes(&self, code: char) -> Vec<u8> {
        let size = itemsize(code).unwrap_or(1);
        let mut out = Vec::with_capacity(self.len() * size);
        for e in self.elems() {
            let raw: u64 = match e {
                Elem::I(i) => i as u64,
                Elem::U(u) => u,
                Elem::F(f) => {
                    if code == 'f' {
                        (f as f32).to_bits() as u64
                    } else {
                        f.to_bits()
                    }
                }
                Elem::C(c) => c as u64,
            };
            out.extend_from_slice(&raw.to_le_bytes()[..size]);
        }
        out
    }

    /// Appends elements decoded from machine bytes (length checked by the caller).
    pub fn extend_bytes(&mut self, code: char, bytes: &[u8]) {
        let size = itemsize(code).unwrap_or(1);
        for chunk in bytes.chunks_exact(size) {
            let mut buf = [0u8; 8];
            buf[..size].copy_from_slice(chunk);
            let raw = u64::from_le_bytes(buf);
            let e = match code {
                'f' => Elem::F(f32::from_bits(raw as u32) as f64),
                'd' => Elem::F(f64::from_bits(raw)),
                'u' => Elem::C(char::from_u32(raw as u32).unwrap_or('\u{fffd}')),
                'b' | 'h' | 'i' | 'l' | 'q' => {
                    let shift = 64 - size * 8;
                    Elem::I(((raw << shift) as i64) >> shift)
                }
                _ => Elem::U(raw),
            };
            self.push(e);
        }
    }
}
