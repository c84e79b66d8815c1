//! `Value`: one machine word that is a tagged small int, a tagged float, or
//! an owned reference to a heap object.
//!
//! | low bits | meaning |
//! |----------|---------|
//! | `..1`    | a small int, the value shifted left by one (63-bit range) |
//! | `.10`    | a float whose exponent is in the middle of the range (see [`Value::try_flonum`]) |
//! | `000`    | a non-null pointer to an [`ObjHeader`] (objects are 8-aligned); the `Value` owns one reference: `Clone` increments, `Drop` decrements |
//!
//! Tagged ints and floats never allocate and never touch a reference count.
//! The float encoding is CRuby's "flonum" scheme: a double whose three top
//! exponent bits are `011` or `100` (magnitudes from 2^-255 to 2^256, the
//! floats of nearly every program) has two redundant bits, which make room
//! for the tag; `0.0` gets a word of its own, and every other float (`-0.0`,
//! infinities, NaNs, very large or small magnitudes) is a heap object. A
//! tagged float is an exact `float` (subclass instances are heap objects),
//! its `type()` is `float` and `kind()` is [`Kind::Float`]; like CPython's
//! small ints, two tagged floats of one value are the same object to `is`.

use std::mem::ManuallyDrop;
use std::num::NonZeroUsize;

use super::header::ObjHeader;
use super::refcount;
use super::{Kind, PyPayload};

/// Smallest int that fits the tagged representation.
pub const SMALL_MIN: i64 = -(1 << 62);
/// Largest int that fits the tagged representation.
pub const SMALL_MAX: i64 = (1 << 62) - 1;

/// The tag bits of a word: zero for a heap object, anything else for a
/// tagged int or float.
pub(crate) const TAG_MASK: usize = 0b11;
/// The tag of a float ([`Value::try_flonum`]).
const FLONUM_TAG: usize = 0b10;
/// The word of `0.0`, whose exponent has no redundant bits.
const ZERO_WORD: usize = FLONUM_TAG;
/// The one double of the tagged range whose encoding would be `ZERO_WORD`
/// (2^-255): it stays on the heap.
const FLONUM_EXCLUDED: u64 = 0x3000_0000_0000_0000;

/// The double of a tagged-float word.
#[inline(always)]
fn flonum_value(w: usize) -> f64 {
    if w == ZERO_WORD {
        return 0.0;
    }
    let r = (w & !TAG_MASK) as u64;
    // Bits 1 and 0 (the double's bits 61 and 60) are the complement of
    // bit 2 (its bit 62).
    let fill = ((r >> 2) & 1) ^ 1;
    f64::from_bits((r | fill | (fill << 1)).rotate_right(4))
}

/// A Python value: a tagged small int or float, or an owned object reference.
///
/// Neither `Send` nor `Sync` (the `PhantomData`, zero-sized): a handle moves
/// to another thread only through a wrapper that argues why it may (a thread
/// start's hand-off, a retired table, an immortal object, a message), which
/// is what keeps one interpreter's objects out of another
/// (`subinterp/src/handles.rs`).
#[repr(transparent)]
pub struct Value(NonZeroUsize, std::marker::PhantomData<*const ObjHeader>);

impl Value {
    /// Wraps a small int; the caller checks the range.
    #[inline(always)]
    pub fn small(i: i64) -> Value {
        debug_assert!((SMALL_MIN..=SMALL_MAX).contains(&i));
        let w = ((i << 1) | 1) as usize;
        // SAFETY: bit 0 is set, so the word is non-zero.
        Value(
            unsafe { NonZeroUsize::new_unchecked(w) },
            std::marker::PhantomData,
        )
    }

    /// Wraps an i64 as a tagged int if it fits.
    #[inline(always)]
    pub fn try_small(i: i64) -> Option<Value> {
        if (SMALL_MIN..=SMALL_MAX).contains(&i) {
            Some(Value::small(i))
        } else {
            None
        }
    }

    /// The small int, if this is one.
    #[inline(always)]
    pub fn as_small(&self) -> Option<i64> {
        let w = self.0.get();
        if w & 1 == 1 {
            Some((w as i64) >> 1)
        } else {
            None
        }
    }

    /// True if this is a tagged small int.
    #[inline(always)]
    pub fn is_small(&self) -> bool {
        self.0.get() & 1 == 1
    }

    /// True if this is a tagged float.
    #[inline(always)]
    pub fn is_flonum(&self) -> bool {
        self.0.get() & TAG_MASK == FLONUM_TAG
    }

    /// True if this is a reference to a heap object (neither tagged form).
    #[inline(always)]
    pub fn is_obj(&self) -> bool {
        self.0.get() & TAG_MASK == 0
    }

    /// `f` as a tagged float, if its exponent allows (see the module
    /// documentation).
    #[inline(always)]
    pub fn try_flonum(f: f64) -> Option<Value> {
        let b = f.to_bits();
        // The top three exponent bits (62..60) are 011 or 100: bits 61 and
        // 60 both equal the complement of bit 62 and can be rebuilt.
        let top = (b >> 60) & 0b111;
        let w = if (top == 0b011 || top == 0b100) && b != FLONUM_EXCLUDED {
            (b.rotate_left(4) & !(TAG_MASK as u64)) | FLONUM_TAG as u64
        } else if b == 0 {
            ZERO_WORD as u64
        } else {
            return None;
        };
        // SAFETY: bit 1 is set, so the word is non-zero.
        Some(Value(
            unsafe { NonZeroUsize::new_unchecked(w as usize) },
            std::marker::PhantomData,
        ))
    }

    /// The tagged float, if this is one.
    #[inline(always)]
    pub fn as_flonum(&self) -> Option<f64> {
        let w = self.0.get();
        if w & TAG_MASK != FLONUM_TAG {
            return None;
        }
        Some(flonum_value(w))
    }

    /// The value of any float, tagged or a heap object of the float layout
    /// (subclass instances included).
    #[inline(always)]
    pub fn as_float(&self) -> Option<f64> {
        let w = self.0.get();
        if w & TAG_MASK == FLONUM_TAG {
            return Some(flonum_value(w));
        }
        self.downcast::<crate::types::FloatData>().map(|f| f.0)
    }

    /// The raw word (for identity, `id()` and hashing by identity).
    #[inline(always)]
    pub fn bits(&self) -> usize {
        self.0.get()
    }

    /// Identity comparison (`is`).
    #[inline(always)]
    pub fn is(&self, other: &Value) -> bool {
        self.0 == other.0
    }

    /// Takes ownership of an object pointer (no increment).
    ///
    /// # Safety
    /// `p` points to a live object and the caller hands over one reference.
    #[inline(always)]
    pub unsafe fn from_raw(p: *const ObjHeader) -> Value {
        // SAFETY: object pointers are non-null and 8-aligned (bit 0 clear).
        Value(
            unsafe { NonZeroUsize::new_unchecked(p as usize) },
            std::marker::PhantomData,
        )
    }

    /// A new reference to a borrowed object pointer (increments).
    ///
    /// # Safety
    /// `p` points to a live object.
    #[inline(always)]
    pub unsafe fn from_borrowed(p: *const ObjHeader) -> Value {
        // SAFETY: the caller guarantees liveness.
        unsafe {
            refcount::incref(p);
            Value::from_raw(p)
        }
    }

    /// Gives up ownership without decrementing, returning the raw word.
    #[inline(always)]
    pub fn into_raw(self) -> usize {
        ManuallyDrop::new(self).0.get()
    }

    /// Rebuilds a value from [`Value::into_raw`].
    ///
    /// # Safety
    /// `w` came from `into_raw` and its reference was not used since.
    #[inline(always)]
    pub unsafe fn from_raw_bits(w: usize) -> Value {
        // SAFETY: words from into_raw are non-zero.
        Value(
            unsafe { NonZeroUsize::new_unchecked(w) },
            std::marker::PhantomData,
        )
    }

    /// The object pointer, if this is a heap object.
    #[inline(always)]
    pub fn obj_ptr(&self) -> Option<*const ObjHeader> {
        if self.is_obj() {
            Some(self.0.get() as *const ObjHeader)
        } else {
            None
        }
    }

    /// The header of a heap value.
    #[inline(always)]
    pub fn header(&self) -> Option<&ObjHeader> {
        // SAFETY: a heap Value owns a reference, so the object is live for
        // at least as long as `self` is borrowed.
        self.obj_ptr().map(|p| unsafe { &*p })
    }

    /// The layout kind; tagged ints report [`Kind::Int`], tagged floats
    /// [`Kind::Float`] (neither has a payload to downcast to).
    #[inline(always)]
    pub fn kind(&self) -> Kind {
        match self.header() {
            None if self.is_small() => Kind::Int,
            None => Kind::Float,
            Some(h) => h.kind(),
        }
    }

    /// True if the payload has layout `T` (exact layout, any Python subclass;
    /// false for tagged values).
    #[inline(always)]
    pub fn is_kind<T: PyPayload>(&self) -> bool {
        match self.header() {
            Some(h) => h.kind() == T::KIND,
            None => false,
        }
    }

    /// Borrows the payload as `T` if the object has that layout.
    #[inline(always)]
    pub fn downcast<T: PyPayload>(&self) -> Option<&T> {
        let h = self.header()?;
        if h.kind() == T::KIND {
            // SAFETY: objects of kind T::KIND are allocated as `PyObj<T>`
            // (see `object::alloc`), whose first field is the header.
            Some(unsafe { &(*(h as *const ObjHeader as *const super::PyObj<T>)).data })
        } else {
            None
        }
    }

    /// Borrows the payload as `T` without checking the kind.
    ///
    /// # Safety
    /// The caller has checked that `self.kind() == T::KIND`.
    #[inline(always)]
    pub unsafe fn downcast_unchecked<T: PyPayload>(&self) -> &T {
        debug_assert!(self.is_obj() && self.kind() == T::KIND);
        // SAFETY: guaranteed by the caller; see `downcast`.
        unsafe { &(*(self.0.get() as *const super::PyObj<T>)).data }
    }

    /// The Python type object of this value.
    #[inline(always)]
    pub fn type_ptr(&self) -> *const ObjHeader {
        match self.header() {
            None if self.is_small() => crate::types::builtin_types().int.as_ptr(),
            None => crate::types::builtin_types().float.as_ptr(),
            Some(h) => h.ob_type,
        }
    }

    /// The object pointer (heap values only).
    #[inline(always)]
    pub fn as_ptr(&self) -> *const ObjHeader {
        debug_assert!(self.is_obj());
        self.0.get() as *const ObjHeader
    }
}

impl Value {
    /// Another handle to the same immortal object (or a tagged int or float), made
    /// without touching the count: counting on an immortal object is a
    /// no-op (PEP 683), so this skips even the test for it (`LOAD_CONST`).
    ///
    /// # Safety
    /// The object is immortal: nothing ever frees it, so the handle needs
    /// no reference of its own. (Debug builds check.)
    #[inline(always)]
    pub unsafe fn copy_immortal(&self) -> Value {
        debug_assert!(
            self.header().is_none_or(|h| h.is_immortal()),
            "copy_immortal of a mortal object"
        );
        Value(self.0, std::marker::PhantomData)
    }
}

impl Clone for Value {
    #[inline(always)]
    fn clone(&self) -> Value {
        if let Some(p) = self.obj_ptr() {
            // SAFETY: `self` keeps the object alive.
            unsafe { refcount::incref(p) };
        }
        Value(self.0, std::marker::PhantomData)
    }
}

impl Drop for Value {
    #[inline(always)]
    fn drop(&mut self) {
        if let Some(p) = self.obj_ptr() {
            // SAFETY: this Value owns one reference, which it gives up here.
            unsafe { refcount::decref(p) };
        }
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.as_small(), self.as_flonum()) {
            (Some(i), _) => write!(f, "Value({i})"),
            (_, Some(x)) => write!(f, "Value({x:?})"),
            _ => write!(f, "Value({:?} @{:#x})", self.kind(), self.bits()),
        }
    }
}

#[cfg(test)]
mod tagged_float_tests {
    use super::*;

    fn round_trip(f: f64) -> Option<u64> {
        Value::try_flonum(f).map(|v| {
            assert!(v.is_flonum() && !v.is_small() && !v.is_obj());
            v.as_flonum().unwrap().to_bits()
        })
    }

    #[test]
    fn the_middle_exponents_are_tagged_and_exact() {
        for f in [
            1.0,
            -1.0,
            0.1,
            1.5e-70,
            -3.25e75,
            f64::from_bits(0x3000_0000_0000_0001),
            f64::from_bits(0x4fff_ffff_ffff_ffff),
            f64::from_bits(0xb000_0000_0000_0001),
            f64::from_bits(0xcfff_ffff_ffff_ffff),
        ] {
            assert_eq!(round_trip(f), Some(f.to_bits()), "{f:e}");
        }
        assert_eq!(round_trip(0.0), Some(0));
    }

    #[test]
    fn the_rest_stay_on_the_heap() {
        for f in [
            -0.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            5e-324,
            1e300,
            -1e-300,
            // Just outside the range on each side, and the excluded 2^-255.
            f64::from_bits(0x2fff_ffff_ffff_ffff),
            f64::from_bits(0x5000_0000_0000_0000),
            f64::from_bits(0x3000_0000_0000_0000),
        ] {
            assert_eq!(round_trip(f), None, "{f:e}");
        }
    }

    #[test]
    fn every_tagged_word_decodes_to_what_was_encoded() {
        // A deterministic sweep over exponents and mantissas.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let f = f64::from_bits(x);
            if let Some(bits) = round_trip(f) {
                assert_eq!(bits, x);
            }
        }
    }
}
