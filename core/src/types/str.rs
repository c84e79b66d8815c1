//! `str` payload: immutable UTF-8 text with a cached hash and character count,
//! and the process-wide intern table.

use std::hash::Hasher;
use std::sync::atomic::{AtomicI64, Ordering::Relaxed};

use super::{builtin_types, StaticValue, Traverse};
use crate::object::{alloc, alloc_immortal, Value};

/// Hash value meaning "not computed yet".
const NO_HASH: i64 = -1;

/// The payload of a `str`.
pub struct StrData {
    s: Box<str>,
    nchars: usize,
    hash: AtomicI64,
}

impl Traverse for StrData {}

impl StrData {
    /// Wraps text.
    pub fn new(s: Box<str>) -> StrData {
        let nchars = if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        StrData {
            s,
            nchars,
            hash: AtomicI64::new(NO_HASH),
        }
    }
    /// The text.
    #[inline(always)]
    pub fn as_str(&self) -> &str {
        &self.s
    }
    /// Number of code points (`len()`).
    #[inline(always)]
    pub fn char_len(&self) -> usize {
        self.nchars
    }
    /// True if every character is ASCII (byte index == char index).
    #[inline(always)]
    pub fn is_ascii(&self) -> bool {
        self.nchars == self.s.len()
    }
    /// The hash (computed once; a benign race recomputes the same value).
    #[inline(always)]
    pub fn hash(&self) -> i64 {
        let h = self.hash.load(Relaxed);
        if h != NO_HASH {
            return h;
        }
        let h = hash_str(&self.s);
        self.hash.store(h, Relaxed);
        h
    }
    /// The character at code-point index `i`.
    pub fn char_at(&self, i: usize) -> Option<char> {
        if self.is_ascii() {
            self.s.as_bytes().get(i).map(|&b| b as char)
        } else {
            self.s.chars().nth(i)
        }
    }
    /// Byte offset of code-point index `i` (clamped to the end).
    pub fn byte_offset(&self, i: usize) -> usize {
        if self.is_ascii() {
            i.min(self.s.len())
        } else {
            self.s
                .char_indices()
                .nth(i)
                .map(|(b, _)| b)
                .unwrap_or(self.s.len())
        }
    }
}

/// The hash of text, never -1 (Python reserves -1 for errors).
pub fn hash_str(s: &str) -> i64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(s.as_bytes());
    h.write_u8(0xff);
    let v = h.finish() as i64;
    if v == -1 {
        -2
    } else {
        v
    }
}

/// A new `str` value.
pub fn new_str(s: impl Into<Box<str>>) -> Value {
    let s: Box<str> = s.into();
    if s.is_empty() {
        return super::singletons().empty_str.get();
    }
    alloc(builtin_types().str.v(), StrData::new(s))
}

/// A `str` holding one character (ASCII ones are cached and immortal).
pub fn new_char(c: char) -> Value {
    if c.is_ascii() {
        static ASCII: std::sync::OnceLock<Vec<StaticValue>> = std::sync::OnceLock::new();
        let table = ASCII.get_or_init(|| {
            (0u8..128)
                .map(|b| StaticValue(intern(&(b as char).to_string())))
                .collect()
        });
        return table[c as usize].get();
    }
    new_str(c.to_string())
}

static INTERNED: parking_lot::Mutex<Option<rustc_hash::FxHashMap<Box<str>, StaticValue>>> =
    parking_lot::Mutex::new(None);

/// The interned (immortal, process-wide) `str` for `s`. Identifiers, attribute
/// names and string constants are interned, so comparing two interned strings is
/// one pointer compare.
pub fn intern(s: &str) -> Value {
    // The built-in types first: setting them up interns names, which must
    // not happen under the table's lock (a first call here deadlocked).
    let ty = builtin_types().str.as_ptr();
    let mut guard = INTERNED.lock();
    let map = guard.get_or_insert_with(rustc_hash::FxHashMap::default);
    if let Some(v) = map.get(s) {
        return v.get();
    }
    let v = alloc_immortal(ty, StrData::new(s.into()));
    map.insert(s.into(), StaticValue(v.clone()));
    v
}

/// Interns an existing `str` value (returns the canonical object).
pub fn intern_value(v: &Value) -> Value {
    match v.downcast::<StrData>() {
        Some(s) => intern(s.as_str()),
        None => v.clone(),
    }
}

/// Borrow a value as text if it is a `str`.
#[inline(always)]
pub fn as_str(v: &Value) -> Option<&str> {
    v.downcast::<StrData>().map(|s| s.as_str())
}
