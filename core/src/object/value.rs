//! `Value`: one machine word that is either a tagged small int or an owned
//! reference to a heap object.
//!
//! Bit 0 set: a small int, the value shifted left by one (63-bit range). Tagged
//! ints never allocate and never touch a reference count. Bit 0 clear: a
//! non-null pointer to an [`ObjHeader`], and the `Value` owns one reference:
//! `Clone` increments, `Drop` decrements.

use std::mem::ManuallyDrop;
use std::num::NonZeroUsize;

use super::header::ObjHeader;
use super::refcount;
use super::{Kind, PyPayload};

/// Smallest int that fits the tagged representation.
pub const SMALL_MIN: i64 = -(1 << 62);
/// Largest int that fits the tagged representation.
pub const SMALL_MAX: i64 = (1 << 62) - 1;

/// A Python value: a tagged small int or an owned object reference.
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

    /// The object pointer, if this is not a small int.
    #[inline(always)]
    pub fn obj_ptr(&self) -> Option<*const ObjHeader> {
        if self.is_small() {
            None
        } else {
            Some(self.0.get() as *const ObjHeader)
        }
    }

    /// The header of a heap value.
    #[inline(always)]
    pub fn header(&self) -> Option<&ObjHeader> {
        // SAFETY: a non-small Value owns a reference, so the object is live for
        // at least as long as `self` is borrowed.
        self.obj_ptr().map(|p| unsafe { &*p })
    }

    /// The layout kind; tagged ints report [`Kind::Int`].
    #[inline(always)]
    pub fn kind(&self) -> Kind {
        match self.header() {
            None => Kind::Int,
            Some(h) => h.kind(),
        }
    }

    /// True if the payload has layout `T` (exact layout, any Python subclass).
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
        debug_assert!(self.kind() == T::KIND);
        // SAFETY: guaranteed by the caller; see `downcast`.
        unsafe { &(*(self.0.get() as *const super::PyObj<T>)).data }
    }

    /// The Python type object of this value.
    #[inline(always)]
    pub fn type_ptr(&self) -> *const ObjHeader {
        match self.header() {
            None => crate::types::builtin_types().int.as_ptr(),
            Some(h) => h.ob_type,
        }
    }

    /// The object pointer (heap values only).
    #[inline(always)]
    pub fn as_ptr(&self) -> *const ObjHeader {
        debug_assert!(!self.is_small());
        self.0.get() as *const ObjHeader
    }
}

impl Value {
    /// Another handle to the same immortal object (or small int), made
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
        match self.as_small() {
            Some(i) => write!(f, "Value({i})"),
            None => write!(f, "Value({:?} @{:#x})", self.kind(), self.bits()),
        }
    }
}
