//! The object header: PEP 703's fields, shared by every mode.
//!
//! Every heap object starts with an [`ObjHeader`]. Its layout follows CPython's
//! free-threaded `PyObject` (Include/object.h) so that the same object can be
//! managed by plain reference counting (`--mode gil`) or by biased reference
//! counting (`--mode nogil`) without changing its shape.
//!
//! | field           | type          | who may write it                                             |
//! |-----------------|---------------|--------------------------------------------------------------|
//! | `ob_tid`        | `AtomicUsize` | the owner thread; set to 0 when the owner's count is merged  |
//! | `ob_flags`      | `u16`         | nobody after allocation (low byte: layout [`Kind`])          |
//! | `ob_mutex`      | `RawMutex`    | any thread, through lock/unlock (1 byte, bit 0 locked, bit 1 parked) |
//! | `ob_gc_bits`    | `AtomicU8`    | the cycle collector (owner thread or the world stopped); [`GC_WEAKREFS`] by read-modify-write from a thread holding a reference |
//! | `ob_ref_local`  | `AtomicU32`   | the owner thread (relaxed load + store, no RMW); see below   |
//! | `ob_ref_shared` | `AtomicIsize` | any thread, by atomic read-modify-write                      |
//! | `ob_type`       | pointer       | nobody after allocation                                      |
//!
//! `ob_ref_shared` holds the shared count shifted left by two; its low two bits
//! are the biased-refcount state (see [`SHARED_QUEUED`] and [`SHARED_MERGED`]),
//! which only ever move upward, as in Python/brc.c.
//!
//! Besides the owner, two writers may store `ob_ref_local`, never concurrently
//! with the owner: a thread that merges the counts on behalf of an owner that
//! has exited or is detached and held suspended (`refcount::explicit_merge`,
//! ordered after the owner's last write by the owner's exit or detach), and,
//! under the "atomic" ablation policy (`refcount::incref_atomic`), every thread
//! by atomic read-modify-write, because there it is the only count.
//!
//! The header is 32 bytes, CPython 3.13t's `PyObject` exactly. Containers
//! (payloads the cycle collector tracks) carry one more word right after it,
//! a [`GcLink`]: their slot in the collector's registry. CPython's
//! free-threaded collector needs none because it finds objects by walking
//! mimalloc's heaps; gilgamesh keeps an explicit registry instead. The link
//! follows the header rather than living in it so that the objects that can
//! never be in a cycle (floats, ints, strs, bytes) do not pay for it, as
//! CPython 3.11 puts its `PyGC_Head` only in front of containers.
//!
//! Relaxed loads and stores of the atomics compile to plain moves on x86-64 and
//! AArch64, so the GIL mode pays nothing for them; they are atomics because in
//! `--mode nogil` another thread may read them while the owner writes.

use std::sync::atomic::{AtomicIsize, AtomicU32, AtomicU8, AtomicUsize, Ordering::Relaxed};

use super::Kind;

/// The local count that marks an object immortal (PEP 683): increments and
/// decrements leave it untouched.
pub const IMMORTAL: u32 = u32::MAX;

/// The local count of an object shared zero-copy between interpreters
/// (`channels::share`): it was merged (`ob_tid` 0), so its whole count is
/// `ob_ref_shared`, which every interpreter's threads change atomically.
/// The mark keeps `--mode gil`'s plain counting (`policy::GilPolicy`, which
/// skips the owner check) off it: that policy takes its slow path for any
/// local count of this value or above, a test it made for [`IMMORTAL`]
/// anyway.
pub const SHARED_LOCAL: u32 = u32::MAX - 1;

/// Low bits of `ob_ref_shared`: no special state.
pub const SHARED_INITIAL: isize = 0b00;
/// Low bits of `ob_ref_shared`: the object may have weak references.
pub const SHARED_MAYBE_WEAKREF: isize = 0b01;
/// Low bits of `ob_ref_shared`: the object sits in its owner's merge queue.
pub const SHARED_QUEUED: isize = 0b10;
/// Low bits of `ob_ref_shared`: local and shared counts have been merged.
pub const SHARED_MERGED: isize = 0b11;
/// Mask of the two state bits of `ob_ref_shared`.
pub const SHARED_FLAGS_MASK: isize = 0b11;
/// How far the shared count is shifted left in `ob_ref_shared`.
pub const SHARED_SHIFT: u32 = 2;

/// `ob_gc_bits`: the object is in a collector registry.
pub const GC_TRACKED: u8 = 0b0001;
/// `ob_gc_bits`: scratch mark used while a collection runs.
pub const GC_REACHABLE: u8 = 0b0010;
/// `ob_gc_bits`: the object was found unreachable and is being cleared.
pub const GC_UNREACHABLE: u8 = 0b0100;
/// `ob_gc_bits`: deferred reference counting (see `object::deferred`);
/// `0b1000` is the collector's old-generation bit.
pub const GC_DEFERRED: u8 = 0b1_0000;
/// `ob_gc_bits`: the object's `__del__` has run (or been queued to run):
/// it is not run again, even if the object is resurrected and dies again
/// (PEP 442; CPython's `_PyGC_FINALIZED`).
pub const GC_FINALIZED: u8 = 0b10_0000;
/// `ob_gc_bits`: weak references to the object may exist, so the
/// deallocator must clear them (`object::weakref_table`). Set with a
/// read-modify-write when the first weak reference is registered and never
/// cleared before the object dies (except by the collector, which clears
/// the weak references itself with the world stopped). The
/// `ob_ref_shared` state [`SHARED_MAYBE_WEAKREF`] cannot serve: it moves on
/// to queued and merged, losing the information.
pub const GC_WEAKREFS: u8 = 0b100_0000;

/// The header every heap object starts with.
#[repr(C)]
pub struct ObjHeader {
    /// Owning thread id; 0 = unowned (merged).
    pub ob_tid: AtomicUsize,
    /// Immutable flags; the low byte is the payload layout [`Kind`].
    pub ob_flags: u16,
    /// Per-object lock, the shape of PEP 703's `ob_mutex`. The core's
    /// payloads lock per mutable field instead (`PyCell`); this one serves
    /// the `nogil` crate's critical-section stack.
    pub ob_mutex: parking_lot::RawMutex,
    /// Cycle-collector state bits.
    pub ob_gc_bits: AtomicU8,
    /// Owner-thread reference count, or [`IMMORTAL`].
    pub ob_ref_local: AtomicU32,
    /// Shared reference count (shifted by [`SHARED_SHIFT`]) and state bits.
    pub ob_ref_shared: AtomicIsize,
    /// The object's Python type (itself an object of kind `Type`).
    pub ob_type: *const ObjHeader,
}

/// A container's place in the cycle collector's registry (`gc.rs`): the
/// word that follows the header of every object whose payload the collector
/// tracks (`PyPayload::TRACKED`), at [`GC_LINK_OFFSET`]. Written only by the
/// collector's registry functions, under the shard's lock.
#[repr(C)]
#[derive(Default)]
pub struct GcLink {
    /// Slot in the registry's young or old list while tracked.
    pub index: AtomicU32,
    /// Which thread's registry shard tracks the object.
    pub shard: AtomicU32,
}

/// Where a container's [`GcLink`] starts, counted from its header.
pub const GC_LINK_OFFSET: usize = std::mem::size_of::<ObjHeader>();

/// The place of the object's payload type in the header-then-link layout:
/// a [`GcLink`] for tracked payloads, nothing for the rest.
pub trait LinkSlot: Default + Sync + Send + 'static {}
impl LinkSlot for GcLink {}
/// The empty link of a payload the collector never tracks (zero bytes).
#[derive(Default)]
pub struct NoLink;
impl LinkSlot for NoLink {}

/// Maps a payload's `TRACKED` constant to its link type.
pub struct LinkFor<const TRACKED: bool>;
/// See [`LinkFor`].
pub trait SelectLink {
    /// [`GcLink`] or [`NoLink`].
    type Link: LinkSlot;
}
impl SelectLink for LinkFor<true> {
    type Link = GcLink;
}
impl SelectLink for LinkFor<false> {
    type Link = NoLink;
}

/// The registry link of a tracked container.
///
/// # Safety
/// `p` is a live object whose payload is tracked (`PyPayload::TRACKED`): it
/// was allocated with a [`GcLink`] at [`GC_LINK_OFFSET`]. The collector
/// calls this only for objects with [`GC_TRACKED`] set, which only such
/// objects ever have.
#[inline(always)]
pub unsafe fn gc_link<'a>(p: *const ObjHeader) -> &'a GcLink {
    // SAFETY: the caller guarantees the object has a link at this offset,
    // and that it is live for the borrow's lifetime.
    unsafe { &*(p.cast::<u8>().add(GC_LINK_OFFSET).cast::<GcLink>()) }
}

impl ObjHeader {
    /// A fresh header for an object allocated by a thread with owner id
    /// `owner`: owned by it with one local reference, or, for
    /// [`super::refcount::SHARED_ONLY_OWNER`], unowned and merged with one
    /// shared reference.
    #[inline]
    pub fn for_owner(ty: *const ObjHeader, kind: Kind, owner: usize) -> ObjHeader {
        let h = ObjHeader::new(ty, kind, owner);
        if owner == super::refcount::SHARED_ONLY_OWNER {
            h.reset_counts(owner);
        }
        h
    }

    /// Gives the header the counts of a fresh object with one reference,
    /// allocated by a thread with owner id `owner` (see [`Self::for_owner`]).
    /// Only for an object no other thread can reach (allocation, free-list
    /// reuse).
    #[inline]
    pub fn reset_counts(&self, owner: usize) {
        if owner == super::refcount::SHARED_ONLY_OWNER {
            self.ob_tid.store(0, Relaxed);
            self.ob_ref_local.store(0, Relaxed);
            self.ob_ref_shared
                .store((1 << SHARED_SHIFT) | SHARED_MERGED, Relaxed);
        } else {
            self.ob_tid.store(owner, Relaxed);
            self.ob_ref_local.store(1, Relaxed);
            self.ob_ref_shared.store(0, Relaxed);
        }
    }

    /// A fresh header owned by thread `tid` with one local reference.
    #[inline]
    pub fn new(ty: *const ObjHeader, kind: Kind, tid: usize) -> ObjHeader {
        ObjHeader {
            ob_tid: AtomicUsize::new(tid),
            ob_flags: kind as u16,
            ob_mutex: <parking_lot::RawMutex as parking_lot::lock_api::RawMutex>::INIT,
            ob_gc_bits: AtomicU8::new(0),
            ob_ref_local: AtomicU32::new(1),
            ob_ref_shared: AtomicIsize::new(0),
            ob_type: ty,
        }
    }

    /// A header for an immortal object (statics, interned strings, builtin types).
    pub fn immortal(ty: *const ObjHeader, kind: Kind) -> ObjHeader {
        let h = ObjHeader::new(ty, kind, 0);
        h.ob_ref_local
            .store(IMMORTAL, std::sync::atomic::Ordering::Relaxed);
        h
    }

    /// The payload layout of this object.
    #[inline(always)]
    pub fn kind(&self) -> Kind {
        // SAFETY: ob_flags' low byte is always written from a `Kind` discriminant
        // by `ObjHeader::new` and never changes afterwards.
        unsafe { std::mem::transmute::<u8, Kind>(self.ob_flags as u8) }
    }

    /// True if refcount operations on this object are no-ops.
    #[inline(always)]
    pub fn is_immortal(&self) -> bool {
        self.ob_ref_local.load(std::sync::atomic::Ordering::Relaxed) == IMMORTAL
    }

    /// The total reference count (local plus shared), for `sys.getrefcount` and
    /// the cycle collector.
    pub fn refcount(&self) -> isize {
        use std::sync::atomic::Ordering::Relaxed;
        let local = self.ob_ref_local.load(Relaxed);
        if local == IMMORTAL {
            return isize::MAX;
        }
        let local = if local == SHARED_LOCAL { 0 } else { local };
        local as isize + (self.ob_ref_shared.load(Relaxed) >> SHARED_SHIFT)
    }
}

// SAFETY: every field that another thread may touch is an atomic or the
// parking_lot mutex; `ob_flags` and `ob_type` are written only before the object
// is published and never changed afterwards.
unsafe impl Sync for ObjHeader {}
// SAFETY: as above; the header holds no thread-bound data.
unsafe impl Send for ObjHeader {}
