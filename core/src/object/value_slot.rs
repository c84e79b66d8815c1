//! `ValueSlot`: an optional object reference that threads read without a
//! lock (an instance's `__dict__`, the attribute dict of a subclass
//! instance).
//!
//! Every attribute read of an instance first fetches its `__dict__`; behind a
//! per-object lock that made threads reading one shared instance write its
//! lock's cache line on every access. The slot is one atomic word holding
//! the reference's bits (0 for none):
//!
//! - readers load it (acquire) and use the object without taking a
//!   reference for the duration of a closure that runs no Python code
//!   ([`ValueSlot::with_borrowed`]), or take one ([`ValueSlot::get`]);
//! - writers swap a new reference in and give up the old one through
//!   [`super::retire`]: in free-threaded mode it is dropped only after every
//!   thread has passed a quiescent state (QSBR), so a reader that loaded it a
//!   moment before still sees a live object. A reference handed back to the
//!   caller ([`ValueSlot::replace`], [`ValueSlot::take`]) comes with a second
//!   one retired the same way, since the caller may drop it at once.

use std::mem::ManuallyDrop;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::Value;

/// An atomically replaceable `Option<Value>`.
pub struct ValueSlot(AtomicUsize);

impl ValueSlot {
    /// A slot holding `v`.
    pub fn new(v: Option<Value>) -> ValueSlot {
        ValueSlot(AtomicUsize::new(v.map_or(0, |v| v.into_raw())))
    }

    /// An empty slot.
    pub const fn empty() -> ValueSlot {
        ValueSlot(AtomicUsize::new(0))
    }

    /// Runs `f` on the current value without taking a reference. `f` must
    /// not run Python code (no safe point may be reached while it runs).
    #[inline]
    pub fn with_borrowed<R>(&self, f: impl FnOnce(Option<&Value>) -> R) -> R {
        let bits = self.0.load(Ordering::Acquire);
        if bits == 0 {
            return f(None);
        }
        // SAFETY: the slot owned a reference to `bits` when loaded; a writer
        // that replaced it retired that reference, which is not released
        // before this thread's next quiescent state (or at once only when no
        // other thread runs Python without a lock, so no writer can run
        // now). `f` reaches no safe point.
        let v = ManuallyDrop::new(unsafe { Value::from_raw_bits(bits) });
        f(Some(&v))
    }

    /// A new reference to the current value.
    #[inline]
    pub fn get(&self) -> Option<Value> {
        self.with_borrowed(|v| v.cloned())
    }

    /// Stores `v`, returning the old value (a second reference to it is
    /// retired, so lock-free readers stay safe whatever the caller does).
    #[inline]
    pub fn replace(&self, v: Option<Value>) -> Option<Value> {
        let new = v.map_or(0, |v| v.into_raw());
        if super::pycell::cell_locks_enabled() {
            return Self::hand_out(self.0.swap(new, Ordering::AcqRel));
        }
        // No other thread runs Python without the GIL (cell locks are off),
        // so no writer races and no reader holds a borrowed reference past
        // a safe point: a plain load and store, and the old reference is
        // the caller's at once.
        let old = self.0.load(Ordering::Relaxed);
        self.0.store(new, Ordering::Release);
        Self::owned(old)
    }

    /// Empties the slot, returning the old value (see [`ValueSlot::replace`]).
    pub fn take(&self) -> Option<Value> {
        self.replace(None)
    }

    /// The current value, or, if empty and `create` is set, a value made by
    /// `make` and stored (if another thread stored one first, that one).
    pub fn get_or_create(&self, create: bool, make: impl FnOnce() -> Value) -> Option<Value> {
        if let Some(v) = self.get() {
            return Some(v);
        }
        if !create {
            return None;
        }
        let new = make();
        let bits = new.clone().into_raw();
        match self
            .0
            .compare_exchange(0, bits, Ordering::AcqRel, Ordering::Acquire)
        {
            Ok(_) => Some(new),
            Err(_) => {
                // SAFETY: our extra reference was not stored; take it back.
                drop(unsafe { Value::from_raw_bits(bits) });
                drop(new);
                self.get()
            }
        }
    }

    /// Visits the value (the collector's traverse: no writer runs).
    pub fn visit(&self, visit: &mut dyn FnMut(&Value)) {
        self.with_borrowed(|v| {
            if let Some(v) = v {
                visit(v);
            }
        });
    }

    /// The reference the slot held as `bits` and gave up, now the caller's.
    fn owned(bits: usize) -> Option<Value> {
        if bits == 0 {
            return None;
        }
        // SAFETY: the slot owned this reference and gave it up.
        Some(unsafe { Value::from_raw_bits(bits) })
    }

    /// [`ValueSlot::owned`], with a second reference retired for lock-free
    /// readers that loaded `bits` a moment before.
    fn hand_out(bits: usize) -> Option<Value> {
        let v = Self::owned(bits)?;
        if super::needs_grace_period(&v) {
            super::retire(v.clone());
        }
        Some(v)
    }
}

impl Default for ValueSlot {
    fn default() -> Self {
        ValueSlot::empty()
    }
}

impl Drop for ValueSlot {
    fn drop(&mut self) {
        let bits = *self.0.get_mut();
        if bits != 0 {
            // SAFETY: the slot owns this reference, and its owner object is
            // being freed: nobody can load it any more.
            drop(unsafe { Value::from_raw_bits(bits) });
        }
    }
}
