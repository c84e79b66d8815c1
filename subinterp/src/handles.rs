//! The only object handles that may be held outside their interpreter.
//!
//! [`Value`] is neither `Send` nor `Sync`: a handle to an object cannot move
//! to another thread, and [`crate::enter::run_in`] only runs closures that are
//! `Send` and return `Send` results, so a closure run in another interpreter
//! can neither capture the caller's objects nor hand the target's objects
//! back (the `compile_fail` examples on `run_in` show both). What crosses is
//! a [`gilgamesh_channels::Message`] or one of the two wrappers here, each
//! with the argument for why it may:
//!
//! - [`Immortal`]: an immortal object (a code object, a built-in function
//!   or type), whose reference count no thread ever writes;
//! - [`InterpOwned`]: an interpreter's own roots, kept in the process-wide
//!   registry, touched only by a thread that holds that interpreter's GIL.

use gilgamesh_core::Value;

/// A handle to an immortal object: any thread of any interpreter may hold,
/// clone and drop it, since none of those writes its reference count.
pub struct Immortal(Value);

impl Immortal {
    /// Wraps `v` if it is immortal (or a tagged int or float).
    pub fn new(v: Value) -> Option<Immortal> {
        v.header()
            .is_none_or(|h| h.is_immortal())
            .then_some(Immortal(v))
    }

    /// The object.
    pub fn get(&self) -> &Value {
        &self.0
    }
}

// SAFETY: the object is immortal (checked by `new`; immortality is never
// revoked), so cloning and dropping the handle never write its header, and
// the object is never freed. Its contents are read and written only by code
// running in an interpreter, under that interpreter's rules (the built-in
// types are immutable; a code object is run only by the interpreter that
// owns the copy, `Interp::code_copy`).
unsafe impl Send for Immortal {}
// SAFETY: as for `Send`: `&Immortal` gives only `&Value`, whose clone of an
// immortal object writes nothing.
unsafe impl Sync for Immortal {}

/// Values owned by one interpreter and kept in the process-wide registry
/// (`registry::Interp`), which every thread can reach.
pub struct InterpOwned<T>(T);

impl<T> InterpOwned<T> {
    /// Wraps the interpreter's values. Called while they are made (the
    /// creating thread holds them alone).
    pub fn new(v: T) -> InterpOwned<T> {
        InterpOwned(v)
    }

    /// The values. The caller must hold the owning interpreter's GIL (or,
    /// without a GIL, run in that interpreter): cloning or dropping them
    /// counts references on its objects.
    pub fn get(&self) -> &T {
        &self.0
    }

    /// Unwraps the values (when the interpreter is closed, under its GIL).
    pub fn into_inner(self) -> T {
        self.0
    }
}

// SAFETY: the wrapped values are only cloned, dropped or dereferenced
// through `get`/`into_inner`, which `registry` calls only with the owning
// interpreter's GIL held by the calling thread (`Interp::roots` from
// `enter::run_in`, `registry::close` under `enter::with_gil_of`), the same
// rule as for any of that interpreter's objects. Other threads only compare
// addresses (`Value::is`), which reads the handle, not the object.
unsafe impl<T> Send for InterpOwned<T> {}
// SAFETY: as for `Send`.
unsafe impl<T> Sync for InterpOwned<T> {}
