//! `str` payload: immutable UTF-8 text with a cached hash and character count,
//! and the process-wide intern table.

use std::hash::Hasher;
use std::sync::atomic::{AtomicI64, Ordering::Relaxed};

use super::{builtin_types, StaticValue, Traverse};
use crate::object::{alloc_with_tail, Value};

/// Hash value meaning "not computed yet".
const NO_HASH: i64 = -1;

/// Longest text (in bytes) taken from an owned `String` or `Box<str>` that
/// is still copied into the object; a longer one keeps its own block (no
/// copy of a large result, no second copy alive at once).
pub const OWNED_INLINE_MAX: usize = 256;

/// `meta` bit: some character is not ASCII (the character count is stored
/// after the text).
const NON_ASCII: u64 = 1;
/// `meta` bit: the text is in a block of its own, whose address is the
/// tail's first word.
const OUT_OF_LINE: u64 = 2;
/// `meta` holds the byte length shifted past the two bits.
const LEN_SHIFT: u32 = 2;

/// The payload of a `str`: the cached hash and the length, followed in the
/// object's own block by the text, as CPython's compact strings
/// (Include/cpython/unicodeobject.h): a `str` is one allocation of the
/// 32-byte header, these 16 bytes and its text, so ASCII text of up to 16
/// bytes fits a 64-byte block and up to 32 an 80-byte one (CPython 3.11:
/// up to 15 and 31 characters). Layout of the tail:
///
/// - in line: the text; then, for non-ASCII text, the character count as a
///   `u64` at the next multiple of 8.
/// - out of line (a large `String` result kept where it was built): the
///   text's address; then, for non-ASCII text, the character count.
///
/// A `StrData` exists only inside its object (`new_str`, `intern`,
/// `new_str_typed`): its text is read past the end of the struct, within the
/// same block. (Reading past a reference's pointee within its allocation is
/// the same pattern as a header reference cast to its object, used by every
/// downcast; Tree Borrows allows it, see rust-lang/unsafe-code-guidelines#276.)
#[repr(C)]
pub struct StrData {
    hash: AtomicI64,
    meta: u64,
}

impl Traverse for StrData {
    const HAS_TAIL: bool = true;
    fn tail_len(&self) -> usize {
        tail_len(
            self.len(),
            self.meta & NON_ASCII == 0,
            self.meta & OUT_OF_LINE != 0,
        )
    }
}

/// Bytes after the payload for text of `len` bytes.
fn tail_len(len: usize, ascii: bool, out_of_line: bool) -> usize {
    let text = if out_of_line { 8 } else { len };
    if ascii {
        text
    } else {
        text.next_multiple_of(8) + 8
    }
}

/// Number of code points in `s`.
fn count_chars(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Where a new `str`'s text comes from.
pub enum StrText<'a> {
    /// Copied into the object.
    Copy(&'a str),
    /// A block handed over (kept as the out-of-line text).
    Keep(Box<str>),
}

/// Allocates a `str` object of type `ty` (the built-in `str` or a subclass).
fn make_str(ty: &Value, immortal: bool, text: StrText<'_>) -> Value {
    let (len, nchars) = match &text {
        StrText::Copy(s) => (s.len(), count_chars(s)),
        StrText::Keep(b) => (b.len(), count_chars(b)),
    };
    let ascii = nchars == len;
    // The copy source, or the kept block's address (owned by the object
    // from here on: `Drop` frees it).
    let (copy, kept) = match text {
        StrText::Copy(s) => (Some(s), std::ptr::null_mut()),
        StrText::Keep(b) => (None, Box::into_raw(b) as *mut u8),
    };
    let out_of_line = copy.is_none();
    let meta = ((len as u64) << LEN_SHIFT)
        | if ascii { 0 } else { NON_ASCII }
        | if out_of_line { OUT_OF_LINE } else { 0 };
    let data = StrData {
        hash: AtomicI64::new(NO_HASH),
        meta,
    };
    let tail = tail_len(len, ascii, out_of_line);
    alloc_with_tail(ty, immortal, data, tail, |p| {
        // SAFETY: `p` is the start of `tail` writable bytes in the new
        // object (see `alloc_with_tail`), filled as `StrData` documents:
        // the text (or its block's address), then for non-ASCII text the
        // count, at an offset that `tail_len` provides room for.
        unsafe {
            let count_at = match copy {
                Some(s) => {
                    std::ptr::copy_nonoverlapping(s.as_ptr(), p, len);
                    len.next_multiple_of(8)
                }
                None => {
                    (p as *mut *mut u8).write_unaligned(kept);
                    8
                }
            };
            if !ascii {
                (p.add(count_at) as *mut u64).write_unaligned(nchars as u64);
            }
        }
    })
}

impl StrData {
    /// The first byte after the payload: the tail (see the type).
    #[inline(always)]
    fn tail(&self) -> *const u8 {
        // One past the payload, inside the object's block.
        (self as *const StrData).wrapping_add(1) as *const u8
    }
    /// Byte length of the text.
    #[inline(always)]
    fn len(&self) -> usize {
        (self.meta >> LEN_SHIFT) as usize
    }
    /// The text.
    #[inline(always)]
    pub fn as_str(&self) -> &str {
        let tail = self.tail();
        // SAFETY: `self` lives in its object (see the type), whose tail was
        // filled by `make_str`: in line, `len` bytes copied from a `&str`;
        // out of line, the address of a `Box<str>` of `len` bytes that the
        // object owns until `Drop`. Either is valid UTF-8 for as long as
        // `self` is borrowed.
        unsafe {
            let text = if self.meta & OUT_OF_LINE != 0 {
                (tail as *const *const u8).read_unaligned()
            } else {
                tail
            };
            std::str::from_utf8_unchecked(std::slice::from_raw_parts(text, self.len()))
        }
    }
    /// Number of code points (`len()`).
    #[inline(always)]
    pub fn char_len(&self) -> usize {
        if self.meta & NON_ASCII == 0 {
            return self.len();
        }
        let at = if self.meta & OUT_OF_LINE != 0 {
            8
        } else {
            self.len().next_multiple_of(8)
        };
        // SAFETY: non-ASCII text has its count at that offset of the tail
        // (`make_str`).
        unsafe { (self.tail().add(at) as *const u64).read_unaligned() as usize }
    }
    /// True if every character is ASCII (byte index == char index).
    #[inline(always)]
    pub fn is_ascii(&self) -> bool {
        self.meta & NON_ASCII == 0
    }
    /// The hash (computed once; a benign race recomputes the same value).
    #[inline(always)]
    pub fn hash(&self) -> i64 {
        let h = self.hash.load(Relaxed);
        if h != NO_HASH {
            return h;
        }
        let h = hash_str(self.as_str());
        self.hash.store(h, Relaxed);
        h
    }
    /// The character at code-point index `i`.
    pub fn char_at(&self, i: usize) -> Option<char> {
        let s = self.as_str();
        if self.is_ascii() {
            s.as_bytes().get(i).map(|&b| b as char)
        } else {
            s.chars().nth(i)
        }
    }
    /// Byte offset of code-point index `i` (clamped to the end).
    pub fn byte_offset(&self, i: usize) -> usize {
        let s = self.as_str();
        if self.is_ascii() {
            i.min(s.len())
        } else {
            s.char_indices().nth(i).map(|(b, _)| b).unwrap_or(s.len())
        }
    }
}

impl Drop for StrData {
    fn drop(&mut self) {
        if self.meta & OUT_OF_LINE != 0 {
            // SAFETY: out of line, the tail holds the address of the
            // `Box<str>` of `len` bytes that `make_str` took apart; the
            // object owns it and is being freed, so it is rebuilt and
            // dropped exactly once.
            unsafe {
                let ptr = (self.tail() as *const *mut u8).read_unaligned();
                let text = std::ptr::slice_from_raw_parts_mut(ptr, self.len()) as *mut str;
                drop(Box::from_raw(text));
            }
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
pub fn new_str(s: impl IntoStrText) -> Value {
    new_str_typed(builtin_types().str.v(), s)
}

/// A new `str` of type `ty`: the built-in `str` (where "" is the shared
/// empty string) or a subclass of it.
pub fn new_str_typed(ty: &Value, s: impl IntoStrText) -> Value {
    if s.text_is_empty() && ty.is(builtin_types().str.v()) {
        return super::singletons().empty_str.get();
    }
    s.with_text(|text| make_str(ty, false, text))
}

/// A new immortal `str` of type `ty` (the shared empty string, made while
/// the built-in types are being set up).
pub(crate) fn immortal_str(ty: &Value, s: &str) -> Value {
    make_str(ty, true, StrText::Copy(s))
}

/// Text a `str` can be made from, each kind in the cheapest way: borrowed
/// text is copied into the object; an owned block of more than
/// [`OWNED_INLINE_MAX`] bytes is kept as it is.
pub trait IntoStrText {
    /// True for "".
    fn text_is_empty(&self) -> bool;
    /// Calls `f` with the text.
    fn with_text<R>(self, f: impl FnOnce(StrText<'_>) -> R) -> R;
}

impl IntoStrText for &str {
    fn text_is_empty(&self) -> bool {
        self.is_empty()
    }
    fn with_text<R>(self, f: impl FnOnce(StrText<'_>) -> R) -> R {
        f(StrText::Copy(self))
    }
}

impl IntoStrText for &String {
    fn text_is_empty(&self) -> bool {
        self.is_empty()
    }
    fn with_text<R>(self, f: impl FnOnce(StrText<'_>) -> R) -> R {
        f(StrText::Copy(self))
    }
}

impl IntoStrText for Box<str> {
    fn text_is_empty(&self) -> bool {
        self.is_empty()
    }
    fn with_text<R>(self, f: impl FnOnce(StrText<'_>) -> R) -> R {
        if self.len() <= OWNED_INLINE_MAX {
            f(StrText::Copy(&self))
        } else {
            f(StrText::Keep(self))
        }
    }
}

impl IntoStrText for String {
    fn text_is_empty(&self) -> bool {
        self.is_empty()
    }
    fn with_text<R>(self, f: impl FnOnce(StrText<'_>) -> R) -> R {
        if self.len() <= OWNED_INLINE_MAX {
            f(StrText::Copy(&self))
        } else {
            f(StrText::Keep(self.into_boxed_str()))
        }
    }
}

impl IntoStrText for std::borrow::Cow<'_, str> {
    fn text_is_empty(&self) -> bool {
        self.is_empty()
    }
    fn with_text<R>(self, f: impl FnOnce(StrText<'_>) -> R) -> R {
        match self {
            std::borrow::Cow::Borrowed(s) => s.with_text(f),
            std::borrow::Cow::Owned(s) => s.with_text(f),
        }
    }
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
    let ty = builtin_types().str.v();
    let mut guard = INTERNED.lock();
    let map = guard.get_or_insert_with(rustc_hash::FxHashMap::default);
    if let Some(v) = map.get(s) {
        return v.get();
    }
    let v = make_str(ty, true, StrText::Copy(s));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn check(s: &str) {
        let made = [
            (new_str(s), false),
            (new_str(s.to_string()), s.len() > OWNED_INLINE_MAX),
            (new_str(Box::<str>::from(s)), s.len() > OWNED_INLINE_MAX),
            (intern(s), false),
        ];
        for (v, out_of_line) in made {
            let d = v.downcast::<StrData>().expect("a str");
            assert_eq!(d.as_str(), s);
            assert_eq!(d.char_len(), s.chars().count(), "{s:?}");
            assert_eq!(d.is_ascii(), s.is_ascii());
            assert_eq!(d.hash(), hash_str(s));
            assert_eq!(d.char_at(d.char_len().saturating_sub(1)), s.chars().last());
            assert_eq!(d.byte_offset(d.char_len()), s.len());
            if !s.is_empty() {
                assert_eq!(d.meta & OUT_OF_LINE != 0, out_of_line, "{s:?}");
                let text = if out_of_line { 8 } else { s.len() };
                let expect = if s.is_ascii() {
                    text
                } else {
                    text.next_multiple_of(8) + 8
                };
                assert_eq!(Traverse::tail_len(d), expect, "{s:?}");
            }
        }
    }

    #[test]
    fn every_form_reads_back_its_text() {
        for n in [0, 1, 7, 8, 9, 15, 16, 17, 32, 33, 255, 256, 257, 1000] {
            check(&"a".repeat(n));
        }
        // Multi-byte characters, the count word after text of every
        // alignment, in line and out of line.
        for unit in ["é", "€", "🐍"] {
            for n in [1, 2, 3, 5, 8, 63, 64, 65, 86, 87, 200] {
                check(&unit.repeat(n));
            }
        }
        check(&format!("{}é", "a".repeat(OWNED_INLINE_MAX)));
    }
}
