//! The sharing rules: which values cross to another interpreter as they are,
//! which are copied through the [`crate::wire`] format, and which cannot cross.
//!
//! | [`Crossing`]     | values | how they cross |
//! |------------------|--------|----------------|
//! | `Immortal`       | `None`, `True`, `False`, small ints, immortal `str`/`bytes`/`int`/`float` (interned strings, constants) and immortal tuples of these | the same object; reference counting on it is a no-op |
//! | `ZeroCopy`       | mortal `str` and `bytes` (exact types) | the same object, its reference count merged so every interpreter counts atomically (only with [`ShareMode::ZeroCopy`]) |
//! | `Copy`           | `int`, `float`, `tuple`, `list`, `dict`, `set`, `frozenset`, `complex`, `bytearray`, `range`, `slice` (exact types), instances of plain classes ([`crate::instance`]) | encoded by the sender, decoded into new objects by the receiver |
//! | `NotShareable`   | everything else, including subclasses of the builtin types | refused: `NotShareableError` naming the type |
//!
//! PEP 734 copies `str` and `bytes`; gilgamesh hands the receiver the sender's
//! object. Tuples are copied, unlike strings: a tuple is a container tracked
//! by its interpreter's cycle collector, which examines and may untrack it
//! while another interpreter would be counting references to it or freeing it
//! (see "doubts" in the crate docs). Floats are copied because a freed float
//! goes to the freeing thread's free list.
//!
//! # The zero-copy invariant
//!
//! Handing one interpreter's object to another is sound only while all of
//! these hold, and [`SharedValue::new`] is the one place that checks them:
//!
//! 1. The object is immutable: `str` and `bytes` payloads never change after
//!    allocation (the cached `str` hash is an atomic written idempotently).
//! 2. Its type is immortal (`str` and `bytes` are builtin types), so neither
//!    interpreter ever counts references on the type object.
//! 3. Its reference count is *merged* before it leaves: the sender, which owns
//!    the object, folds its local count into the shared one
//!    (`refcount::explicit_merge`), so `ob_tid` becomes 0 and every later
//!    increment and decrement, by any thread of any interpreter, is an atomic
//!    operation on `ob_ref_shared`, and whichever thread drops the last
//!    reference frees it. Without the merge, the receiver's decrements would
//!    mark the object queued for an owner in another interpreter, and with no
//!    merge queue between interpreters the string would leak.
//! 4. No thread runs with owner id 0 (ids start at 1), so nobody takes the
//!    owner path on a merged object.
//! 5. Every interpreter counts references on it through the owner-checking
//!    protocol (`object::refcount`, `Value`'s `Clone`/`Drop`, the `nogil`
//!    policy). The `--mode gil` eval loop (`policy::GilPolicy`) skips the
//!    owner check and writes `ob_ref_local` with plain stores, which would
//!    race with another interpreter doing the same; so a shared object's
//!    local count is set to the mark `SHARED_LOCAL`, for which that policy
//!    takes the owner-checking path (its test for immortal objects is
//!    `local >= SHARED_LOCAL`), and nothing else ever writes it.
//!
//! The rules never call Python code and only read payloads, so they may run
//! under the sender's GIL at any point.

use std::sync::atomic::Ordering::Relaxed;

use gilgamesh_core::object::header::{
    IMMORTAL, SHARED_FLAGS_MASK, SHARED_LOCAL, SHARED_MAYBE_WEAKREF, SHARED_MERGED,
};
use gilgamesh_core::object::{refcount, Kind};
use gilgamesh_core::types::{self, BytesData, StrData, TupleData};
use gilgamesh_core::vm::protocol::type_name;
use gilgamesh_core::Value;

use crate::error::{NotShareable, Refusal};

/// How a value crosses to another interpreter (see the module table).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Crossing {
    /// Shared as is; reference counting on it is a no-op.
    Immortal,
    /// Immutable; shared as is after merging its reference count.
    ZeroCopy,
    /// Copied through the wire format. Only the top level is classified: the
    /// items of a container may still be refused when it is encoded.
    Copy,
    /// Cannot cross.
    NotShareable(NotShareable),
}

/// Whether mortal immutable values may be shared zero-copy (see invariant 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareMode {
    /// Only immortal values are shared; everything else is copied. Sound under
    /// every refcounting policy.
    CopyOnly,
    /// Mortal `str` and `bytes` are shared too. Requires every interpreter to
    /// use the owner-checking reference counting protocol.
    ZeroCopy,
}

/// Classifies `v`. Cheap: looks at the top level only (and at the items of an
/// immortal tuple).
pub fn classify(v: &Value) -> Crossing {
    let Some(h) = v.header() else {
        return Crossing::Immortal;
    };
    let t = types::builtin_types();
    let ty = v.type_ptr();
    let exact = |x: &types::StaticValue| ty == x.as_ptr();
    let immortal = h.is_immortal();
    match h.kind() {
        Kind::None if types::is_none(v) => Crossing::Immortal,
        Kind::Bool => Crossing::Immortal,
        Kind::Str if exact(&t.str) => {
            if immortal {
                Crossing::Immortal
            } else {
                Crossing::ZeroCopy
            }
        }
        Kind::Bytes if exact(&t.bytes) => {
            if immortal {
                Crossing::Immortal
            } else {
                Crossing::ZeroCopy
            }
        }
        Kind::Int if exact(&t.int) => {
            if immortal {
                Crossing::Immortal
            } else {
                Crossing::Copy
            }
        }
        Kind::Float if exact(&t.float) => {
            if immortal {
                Crossing::Immortal
            } else {
                Crossing::Copy
            }
        }
        Kind::Tuple if exact(&t.tuple) => {
            // An immortal tuple may hold mortal items (a constant tuple made
            // immortal after the fact); those would be counted by the receiver.
            let all_immortal = immortal
                && v.downcast::<TupleData>()
                    .is_some_and(|tu| tu.items().iter().all(|x| classify(x) == Crossing::Immortal));
            if all_immortal {
                Crossing::Immortal
            } else {
                Crossing::Copy
            }
        }
        Kind::List if exact(&t.list) => Crossing::Copy,
        Kind::Dict if exact(&t.dict) => Crossing::Copy,
        Kind::Set if exact(&t.set) || exact(&t.frozenset) => Crossing::Copy,
        Kind::Complex if exact(&t.complex) => Crossing::Copy,
        Kind::Range if exact(&t.range) => Crossing::Copy,
        Kind::Slice if exact(&t.slice) => Crossing::Copy,
        _ if gilgamesh_core::types::methods::bytearray::is_bytearray(v) => Crossing::Copy,
        Kind::Instance => match crate::instance::class_ref(v) {
            Ok(_) => Crossing::Copy,
            Err(reason) => Crossing::NotShareable(NotShareable {
                type_name: type_name(v),
                reason,
            }),
        },
        _ => Crossing::NotShareable(NotShareable {
            type_name: type_name(v),
            reason: Refusal::UnsupportedType,
        }),
    }
}

/// A value that may be handed to another interpreter as is: immortal, or an
/// immutable `str`/`bytes` whose reference count has been merged (the module's
/// invariant). The only way to make one is [`SharedValue::new`].
#[derive(Debug)]
pub struct SharedValue(Value);

// SAFETY: a SharedValue holds an immortal object (reference counting on it is
// a no-op and it is never freed) or a `str`/`bytes` object that
// `SharedValue::new` merged: `ob_tid` is 0, which is no thread's owner id, so
// every increment and decrement from any thread is an atomic read-modify-write
// on `ob_ref_shared`, and the thread that drops the last reference frees it
// (the payload is plain Rust data, the type immortal, the object untracked by
// any collector). The payload is immutable. So moving the handle to, using it
// on and dropping it on another thread touches only atomics and immutable data.
unsafe impl Send for SharedValue {}

impl SharedValue {
    /// Prepares `v` to be shared, or returns `None` if it must be copied (or
    /// cannot cross). Called by a thread that holds the GIL of the interpreter
    /// `v` belongs to.
    ///
    /// A mortal `str`/`bytes` is shared only in [`ShareMode::ZeroCopy`] and
    /// only if the calling thread owns it (or it is merged already): merging
    /// is the owner's operation. Otherwise (owned by another thread of a
    /// free-threaded interpreter, or sitting in a merge queue) it is copied.
    pub fn new(v: &Value, mode: ShareMode) -> Option<SharedValue> {
        match classify(v) {
            Crossing::Immortal => Some(SharedValue(v.clone())),
            Crossing::ZeroCopy if mode == ShareMode::ZeroCopy => {
                let h = v.header()?;
                let state = h.ob_ref_shared.load(Relaxed) & SHARED_FLAGS_MASK;
                let tid = h.ob_tid.load(Relaxed);
                let handle = v.clone();
                if tid == refcount::current_owner() && state <= SHARED_MAYBE_WEAKREF {
                    // SAFETY: the object is live (we hold `handle`) and mortal
                    // (classified ZeroCopy, not Immortal); the calling thread
                    // is its owner and holds its interpreter's GIL, so no other
                    // thread writes `ob_ref_local` meanwhile.
                    let count = unsafe { refcount::explicit_merge(v.as_ptr(), 0) };
                    debug_assert!(count >= 2, "v and handle are both references");
                } else if !(tid == 0 && state == SHARED_MERGED) {
                    return None;
                }
                // Merged: nobody owns it, so nobody writes `ob_ref_local`
                // any more but this store (idempotent; an immortalisation
                // meanwhile, by interning, wins: it only ever stores IMMORTAL
                // over a mortal count, and this store is skipped then).
                if h.ob_ref_local.load(Relaxed) != IMMORTAL {
                    h.ob_ref_local.store(SHARED_LOCAL, Relaxed);
                }
                Some(SharedValue(handle))
            }
            _ => None,
        }
    }

    /// The value, for the receiving interpreter (a reference it now owns).
    pub fn into_value(self) -> Value {
        self.0
    }

    /// Borrows the value.
    pub fn value(&self) -> &Value {
        &self.0
    }

    /// The payload bytes the receiver gets without a copy (0 for immortals).
    pub fn payload_len(&self) -> usize {
        if let Some(s) = self.0.downcast::<StrData>() {
            if !self.0.header().is_some_and(|h| h.is_immortal()) {
                return s.as_str().len();
            }
        }
        if let Some(b) = self.0.downcast::<BytesData>() {
            if !self.0.header().is_some_and(|h| h.is_immortal()) {
                return b.0.len();
            }
        }
        0
    }
}
