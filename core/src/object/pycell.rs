//! `PyCell`: interior mutability for object payloads.
//!
//! Python objects are shared by reference and mutated through any of them, so
//! payload fields that Python code can change live in a `PyCell`. Access is
//! serialised by the concurrency model, not by the type system: in `--mode gil`
//! by the interpreter lock, in `--mode nogil` by the object's critical section
//! (or the lock-free protocols of the containers that use atomics instead).
//!
//! The one rule every caller keeps: the closure given to [`PyCell::with`] never
//! calls back into Python code and never re-enters the same cell. Dropping
//! values inside the closure is allowed: deallocation runs no Python code.

use std::cell::UnsafeCell;

/// A mutable payload field guarded by the interpreter's locking discipline.
pub struct PyCell<T>(UnsafeCell<T>);

impl<T> PyCell<T> {
    /// Wraps a value.
    pub const fn new(v: T) -> PyCell<T> {
        PyCell(UnsafeCell::new(v))
    }

    /// Runs `f` with exclusive access to the contents.
    #[inline(always)]
    pub fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        // SAFETY: access is serialised by the GIL or the object's critical
        // section, and callers never re-enter the cell from `f` (module rule).
        f(unsafe { &mut *self.0.get() })
    }

    /// Replaces the contents, returning the old value (dropped by the caller
    /// outside the cell).
    #[inline(always)]
    pub fn replace(&self, v: T) -> T {
        self.with(|x| std::mem::replace(x, v))
    }
}

impl<T: Clone> PyCell<T> {
    /// A copy of the contents.
    #[inline(always)]
    pub fn get(&self) -> T {
        self.with(|x| x.clone())
    }
}

impl<T: Default> PyCell<T> {
    /// Takes the contents, leaving the default.
    #[inline(always)]
    pub fn take(&self) -> T {
        self.with(std::mem::take)
    }
}

// SAFETY: see the module documentation: every access is serialised by the GIL or
// by the owning object's critical section.
unsafe impl<T> Sync for PyCell<T> {}
