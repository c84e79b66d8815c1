//! Reference counting on the PEP 703 header: immortality, the owner fast path and
//! the shared slow path of biased reference counting.
//!
//! The functions here are the *general* protocol, correct in every mode:
//! an increment or decrement by the owner thread is a relaxed load and store of
//! `ob_ref_local` (no read-modify-write); any other thread uses the shared count.
//! In `--mode gil` every thread of an interpreter runs under the same owner id
//! (the interpreter's), so every operation takes the owner path and no atomic
//! read-modify-write is ever executed. The eval loop calls the policy seam
//! ([`crate::policy::Policy`]) instead, which in GIL mode skips even the owner
//! check.
//!
//! The protocol's state transitions are written once, generic over
//! [`RefcountWords`] (the three words it reads and writes), and return a
//! [`Release`] that says what the caller must do next (nothing, free the object,
//! or hand it to its owner's merge queue). [`ObjHeader`] implements the trait
//! with its std atomics, and the pointer functions below ([`incref`],
//! [`decref`], [`explicit_merge`], ...) are those transitions plus the action.
//! The `nogil` crate's loom models implement the trait with loom's atomics and
//! check the very same transitions under every interleaving.
//!
//! `ob_ref_shared` states (the low two bits; they only ever move upward):
//!
//! | bits | state          | meaning |
//! |------|----------------|---------|
//! | 00   | initial        | the owner's local count is authoritative; the shared count is not negative |
//! | 01   | maybe-weakref  | as initial, and the object may have weak references |
//! | 10   | queued         | a non-owner decrement found the shared count at zero: the object sits in its owner's merge queue, which holds that reference, and the shared count may go negative |
//! | 11   | merged         | `ob_tid` is 0 and the shared count is the whole count: the object is freed when it reaches zero |
//!
//! Sources: Objects/object.c (`_Py_IncRef`, `_Py_DecRefShared`,
//! `_Py_MergeZeroLocalRefcount`, `_Py_ExplicitMergeRefcount`) and Python/brc.c.

use std::cell::Cell;
use std::sync::atomic::Ordering::{self, AcqRel, Acquire, Relaxed, Release as ReleaseOrd};
use std::sync::atomic::{fence, AtomicUsize};

use super::header::*;

thread_local! {
    /// The owner id under which this thread creates and owns objects. In GIL mode
    /// all threads of an interpreter share the interpreter's id; in nogil mode each
    /// thread has its own. 1 is the main interpreter.
    static OWNER_ID: Cell<usize> = const { Cell::new(1) };
}

/// The owner id of a thread that owns nothing: objects it allocates start
/// unowned (`ob_tid` 0, state merged, one shared reference), and every
/// increment and decrement it makes is an atomic operation on the shared count.
/// This is plain atomic reference counting (the Gilectomy's scheme), the
/// `--refcount atomic` ablation of `--mode nogil`, expressed through the one
/// biased protocol: no object ever has this owner id.
pub const SHARED_ONLY_OWNER: usize = usize::MAX;

/// The owner id of the calling thread.
#[inline(always)]
pub fn current_owner() -> usize {
    OWNER_ID.with(|c| c.get())
}

/// Sets the owner id of the calling thread (thread start-up only).
pub fn set_current_owner(id: usize) {
    OWNER_ID.with(|c| c.set(id));
}

/// Objects whose shared count went negative on a non-owner thread are handed to
/// this hook (the nogil front-end installs its merge queue). Until one is
/// installed they are counted here and left alive, which is always safe.
pub static UNQUEUED_OBJECTS: AtomicUsize = AtomicUsize::new(0);

/// Signature of the queue hook: give `obj` (with one reference held by the queue)
/// to its owner thread.
pub type QueueHook = fn(*const ObjHeader);

static QUEUE_HOOK: std::sync::OnceLock<QueueHook> = std::sync::OnceLock::new();

/// Installs the hook that queues objects to their owner (once per process).
pub fn install_queue_hook(hook: QueueHook) {
    let _ = QUEUE_HOOK.set(hook);
}

/// The words of an object's header that biased reference counting reads and
/// writes, with the memory orderings the protocol needs fixed by the
/// implementation (relaxed for the owner's own fields) or passed in.
///
/// Implemented by [`ObjHeader`]; the loom models of the `nogil` crate implement
/// it over loom's atomics so that the same transition functions are checked.
pub trait RefcountWords {
    /// `ob_tid`, relaxed.
    fn tid(&self) -> usize;
    /// Stores `ob_tid`, relaxed (ordered by a later release on `ob_ref_shared`).
    fn set_tid(&self, tid: usize);
    /// `ob_ref_local`, relaxed.
    fn local(&self) -> u32;
    /// Stores `ob_ref_local`, relaxed (never a read-modify-write).
    fn set_local(&self, n: u32);
    /// `ob_ref_shared`.
    fn shared(&self, order: Ordering) -> isize;
    /// Atomically adds `delta` to `ob_ref_shared`.
    fn add_shared(&self, delta: isize, order: Ordering);
    /// Compare-and-exchange on `ob_ref_shared` (may fail spuriously).
    fn cas_shared(
        &self,
        current: isize,
        new: isize,
        success: Ordering,
        failure: Ordering,
    ) -> Result<isize, isize>;
}

impl RefcountWords for ObjHeader {
    #[inline(always)]
    fn tid(&self) -> usize {
        self.ob_tid.load(Relaxed)
    }
    #[inline(always)]
    fn set_tid(&self, tid: usize) {
        self.ob_tid.store(tid, Relaxed)
    }
    #[inline(always)]
    fn local(&self) -> u32 {
        self.ob_ref_local.load(Relaxed)
    }
    #[inline(always)]
    fn set_local(&self, n: u32) {
        self.ob_ref_local.store(n, Relaxed)
    }
    #[inline(always)]
    fn shared(&self, order: Ordering) -> isize {
        self.ob_ref_shared.load(order)
    }
    #[inline(always)]
    fn add_shared(&self, delta: isize, order: Ordering) {
        self.ob_ref_shared.fetch_add(delta, order);
    }
    #[inline(always)]
    fn cas_shared(
        &self,
        current: isize,
        new: isize,
        success: Ordering,
        failure: Ordering,
    ) -> Result<isize, isize> {
        self.ob_ref_shared
            .compare_exchange_weak(current, new, success, failure)
    }
}

/// What the caller of a decrement must do next.
#[must_use]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Release {
    /// Nothing: other references remain (or the object is immortal).
    Live,
    /// The count reached zero: free the object.
    Dealloc,
    /// The object was marked queued: hand it, with the reference the caller
    /// gave up, to its owner's merge queue.
    Queue,
}

/// Increment by thread `me`: the owner bumps its local count with a plain
/// store, any other thread adds to the shared count.
#[inline(always)]
pub fn incref_words<W: RefcountWords + ?Sized>(w: &W, me: usize) {
    let local = w.local();
    if local == IMMORTAL {
        return;
    }
    if w.tid() == me {
        // Overflow makes the object immortal, as CPython does.
        w.set_local(local.wrapping_add(1));
    } else {
        w.add_shared(1 << SHARED_SHIFT, Relaxed);
    }
}

/// Decrement by thread `me`.
#[inline(always)]
pub fn decref_words<W: RefcountWords + ?Sized>(w: &W, me: usize) -> Release {
    let local = w.local();
    if local == IMMORTAL {
        return Release::Live;
    }
    if w.tid() == me {
        let n = local - 1;
        w.set_local(n);
        if n == 0 {
            return merge_zero_local_words(w);
        }
        Release::Live
    } else {
        decref_shared_words(w)
    }
}

/// The owner's count reached zero: free the object if the shared count is zero
/// too, or give up ownership (`ob_tid` = 0, state merged) and let the shared
/// count decide (`_Py_MergeZeroLocalRefcount`).
#[cold]
#[inline(never)]
pub fn merge_zero_local_words<W: RefcountWords + ?Sized>(w: &W) -> Release {
    let shared = w.shared(Acquire);
    if shared == 0 {
        return Release::Dealloc;
    }
    // Before the release below, so that a zero `ob_tid` always implies a merged
    // count to whoever observes the merged state (gh-121794).
    w.set_tid(0);
    let mut cur = shared;
    loop {
        let new = cur | SHARED_MERGED;
        match w.cas_shared(cur, new, AcqRel, Relaxed) {
            Ok(_) => {
                return if new == SHARED_MERGED {
                    // Merged and nothing shared left: nobody else holds a reference.
                    Release::Dealloc
                } else {
                    Release::Live
                };
            }
            Err(actual) => cur = actual,
        }
    }
}

/// Decrement by a thread that does not own the object (`_Py_DecRefShared`).
///
/// If the shared count is zero and the object is neither queued nor merged,
/// the reference being dropped is one the owner's local count covers: instead
/// of going negative, the object is marked queued and the caller must hand it
/// (with this reference) to the owner, which merges the counts later.
#[cold]
#[inline(never)]
pub fn decref_shared_words<W: RefcountWords + ?Sized>(w: &W) -> Release {
    let mut cur = w.shared(Relaxed);
    loop {
        let queue = cur == SHARED_INITIAL || cur == SHARED_MAYBE_WEAKREF;
        let new = if queue {
            // The queue keeps the reference, so the count does not change.
            SHARED_QUEUED
        } else {
            // May go negative while queued; the owner's merge settles it.
            cur - (1 << SHARED_SHIFT)
        };
        match w.cas_shared(cur, new, AcqRel, Relaxed) {
            Ok(_) => {
                return if queue {
                    Release::Queue
                } else if new == SHARED_MERGED {
                    // Merged and the last reference is gone.
                    Release::Dealloc
                } else {
                    Release::Live
                };
            }
            Err(actual) => cur = actual,
        }
    }
}

/// Takes a new reference to an object that may be dying, for thread `me`,
/// and returns false (taking nothing) if its count already reached zero
/// (`_Py_TryIncrefFast` and `_Py_TryIncRefShared` of CPython's
/// free-threaded build). The owner checks its local count; any other thread
/// adds to the shared count with a compare-exchange that refuses a zero
/// count in the initial or merged state. An object that may be reached
/// through a weak reference is put in the maybe-weakref state first
/// ([`mark_maybe_weakref_words`]), so its shared word is never zero while
/// the owner's count still covers it: the owner's last decrement then goes
/// through the compare-exchange of [`merge_zero_local_words`], which either
/// sees this increment or makes it fail.
///
/// The caller must keep the object's memory from being freed while this
/// runs (the weak-reference table's lock: the deallocator clears the
/// table entry under it before freeing).
#[inline]
pub fn try_incref_words<W: RefcountWords + ?Sized>(w: &W, me: usize) -> bool {
    let local = w.local();
    if local == IMMORTAL {
        return true;
    }
    if w.tid() == me {
        if local == 0 {
            // This thread dropped its last local reference and is freeing
            // (or merging) the object right now.
            return false;
        }
        w.set_local(local + 1);
        return true;
    }
    let mut cur = w.shared(Relaxed);
    loop {
        if cur == SHARED_INITIAL || cur == SHARED_MERGED {
            return false;
        }
        match w.cas_shared(cur, cur + (1 << SHARED_SHIFT), AcqRel, Relaxed) {
            Ok(_) => return true,
            Err(actual) => cur = actual,
        }
    }
}

/// Moves the object from the initial to the maybe-weakref state (keeping
/// the count), so that [`try_incref_words`] by another thread can succeed
/// while only the owner's count covers it (`_PyObject_SetMaybeWeakref`).
/// Queued and merged objects are left alone: their shared word is already
/// non-zero while they live. Called by a thread holding a reference.
pub fn mark_maybe_weakref_words<W: RefcountWords + ?Sized>(w: &W) {
    let mut cur = w.shared(Relaxed);
    loop {
        if cur & SHARED_FLAGS_MASK != SHARED_INITIAL {
            return;
        }
        match w.cas_shared(cur, cur | SHARED_MAYBE_WEAKREF, Relaxed, Relaxed) {
            Ok(_) => return,
            Err(actual) => cur = actual,
        }
    }
}

/// [`try_incref_words`] on an object's header, for the calling thread.
///
/// # Safety
/// `obj` points to an object whose memory is not freed while this runs
/// (its reference count may be zero).
#[inline]
pub unsafe fn try_incref(obj: *const ObjHeader) -> bool {
    // SAFETY: the caller keeps the memory valid.
    try_incref_words(unsafe { &*obj }, current_owner())
}

/// Folds the local count into the shared count, gives up ownership and marks
/// the object merged; returns the merged count after adding `extra`
/// (`_Py_ExplicitMergeRefcount`). The caller frees the object if it returns 0.
/// An immortal object is left alone (`isize::MAX` is returned).
///
/// Only the owner may call this, or a thread that has made sure the owner
/// cannot touch `ob_ref_local` any more (it exited, or it is detached and held
/// suspended), with a happens-before edge from the owner's last write.
#[cold]
#[inline(never)]
pub fn explicit_merge_words<W: RefcountWords + ?Sized>(w: &W, extra: isize) -> isize {
    let local = w.local();
    if local == IMMORTAL {
        // Made immortal while it waited in a queue (a code constant, an
        // interned string): its counts no longer matter and it is never freed.
        return isize::MAX;
    }
    let local = local as isize;
    // Written before the release below (gh-119999).
    w.set_local(0);
    w.set_tid(0);
    let mut cur = w.shared(Relaxed);
    loop {
        let count = (cur >> SHARED_SHIFT) + local + extra;
        let new = (count << SHARED_SHIFT) | SHARED_MERGED;
        match w.cas_shared(cur, new, AcqRel, Relaxed) {
            Ok(_) => return count,
            Err(actual) => cur = actual,
        }
    }
}

/// Counting of reference-count operations for `--stats` (off unless asked).
/// The free-threaded policy counts the eval loop's operations (the vast
/// majority); the general protocol below does not count, so it costs nothing
/// in any mode.
static COUNTING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

thread_local! {
    /// This thread's (local, shared, immortal) operation counts not yet
    /// folded into [`OP_TOTALS`].
    static OPS: Cell<[u64; 3]> = const { Cell::new([0; 3]) };
}

/// Operation counts of threads that ended: local, shared, immortal.
static OP_TOTALS: [std::sync::atomic::AtomicU64; 3] =
    [const { std::sync::atomic::AtomicU64::new(0) }; 3];

/// Starts counting reference-count operations (`--stats`).
pub fn count_operations() {
    COUNTING.store(true, Relaxed);
}

/// True when `--stats` asked for operation counts.
#[inline(always)]
pub fn counting() -> bool {
    COUNTING.load(Relaxed)
}

/// Counts one operation on `h` by the calling thread (`--stats`).
#[cold]
#[inline(never)]
pub fn count_op(h: &ObjHeader) {
    let me = current_owner();
    let which = if h.ob_ref_local.load(Relaxed) == IMMORTAL {
        2
    } else if h.ob_tid.load(Relaxed) == me {
        0
    } else {
        1
    };
    OPS.with(|c| {
        let mut v = c.get();
        v[which] += 1;
        c.set(v);
    });
}

/// Folds the calling thread's operation counts into the totals (at thread
/// end).
pub fn flush_operation_counts() {
    let v = OPS.with(|c| c.replace([0; 3]));
    for (t, n) in OP_TOTALS.iter().zip(v) {
        t.fetch_add(n, Relaxed);
    }
}

/// Reference-count operations so far (ended threads plus the calling one):
/// `[local, shared, immortal]`, or `None` if not counting.
pub fn operation_counts() -> Option<[u64; 3]> {
    if !COUNTING.load(Relaxed) {
        return None;
    }
    let mine = OPS.with(|c| c.get());
    Some(std::array::from_fn(|i| {
        OP_TOTALS[i].load(Relaxed) + mine[i]
    }))
}

/// True if the calling thread holds the only reference to `h`: it owns the
/// object, its local count is one and nothing is counted on the shared
/// count (`_PyObject_IsUniquelyReferenced`). Immortal objects and objects of
/// the atomic ablation (never owned) are never unique.
#[inline(always)]
pub fn is_uniquely_referenced(h: &ObjHeader) -> bool {
    h.local() == 1 && h.tid() == current_owner() && h.shared(Acquire) == 0
}

/// Increments the reference count of `obj`.
///
/// # Safety
/// `obj` must point to a live object.
#[inline(always)]
pub unsafe fn incref(obj: *const ObjHeader) {
    // SAFETY: the caller guarantees `obj` is live.
    incref_words(unsafe { &*obj }, current_owner())
}

/// Decrements the reference count of `obj`, freeing it when it reaches zero.
///
/// # Safety
/// `obj` must point to a live object and the caller must own the reference it
/// gives up.
#[inline(always)]
pub unsafe fn decref(obj: *const ObjHeader) {
    // SAFETY: the caller guarantees `obj` is live.
    let h = unsafe { &*obj };
    let local = h.local();
    if local == IMMORTAL {
        return;
    }
    // `decref_words`, with the owner's last reference going to
    // `merge_zero_local`, which frees a float straight to the free list.
    if h.tid() == current_owner() {
        h.set_local(local - 1);
        if local == 1 {
            // SAFETY: the object is live and its local count is now zero.
            unsafe { zero_local(obj) }
        }
    } else {
        // SAFETY: live, and the caller gives up its reference.
        unsafe { decref_shared(obj) }
    }
}

/// [`merge_zero_local`] out of line, keeping [`decref`] small enough to
/// inline everywhere.
///
/// # Safety
/// As for [`merge_zero_local`].
#[inline(never)]
unsafe fn zero_local(obj: *const ObjHeader) {
    // SAFETY: the caller's guarantees are the callee's.
    unsafe { merge_zero_local(obj) }
}

/// Carries out a [`Release`] decision for `obj`.
///
/// # Safety
/// `obj` is live and `r` was returned by a transition on it that consumed the
/// caller's reference.
#[inline(always)]
pub unsafe fn finish(obj: *const ObjHeader, r: Release) {
    match r {
        Release::Live => {}
        // SAFETY: the protocol found no remaining reference.
        Release::Dealloc => unsafe { super::dealloc(obj) },
        Release::Queue => queue_to_owner(obj),
    }
}

#[cold]
fn queue_to_owner(obj: *const ObjHeader) {
    match QUEUE_HOOK.get() {
        Some(hook) => hook(obj),
        None => {
            UNQUEUED_OBJECTS.fetch_add(1, Relaxed);
        }
    }
}

/// The owner's count reached zero: free the object, or merge the counts and let
/// the shared count decide.
///
/// # Safety
/// `obj` is live and its local count is zero.
#[inline]
pub unsafe fn merge_zero_local(obj: *const ObjHeader) {
    // SAFETY: caller guarantees liveness.
    let h = unsafe { &*obj };
    // The commonest death: a float whose every reference was this
    // thread's (no shared count), which goes straight back to the free list
    // (CPython's float_dealloc). The shared count is read as
    // `merge_zero_local_words` reads it.
    if h.kind() == super::Kind::Float
        && h.ob_ref_shared.load(Acquire) == 0
        // SAFETY: no reference is left (local count zero, shared zero),
        // and a float holds no references and is never GC-tracked.
        && unsafe { super::freelist::push_float(obj) }
    {
        return;
    }
    let r = merge_zero_local_words(h);
    // SAFETY: `r` was decided for this live object.
    unsafe { finish(obj, r) }
}

/// Decrement by a thread that does not own `obj`.
///
/// # Safety
/// `obj` is live and the caller owns the reference it gives up.
#[cold]
pub unsafe fn decref_shared(obj: *const ObjHeader) {
    // SAFETY: caller guarantees liveness.
    let r = decref_shared_words(unsafe { &*obj });
    // SAFETY: `r` was decided for this live object.
    unsafe { finish(obj, r) }
}

/// Merges the counts of `obj` (see [`explicit_merge_words`]) and returns the
/// merged count plus `extra`; the caller frees the object when that is 0.
///
/// # Safety
/// `obj` is live and mortal; the caller is its owner, or the owner can no
/// longer touch `ob_ref_local` and that is ordered before this call.
pub unsafe fn explicit_merge(obj: *const ObjHeader, extra: isize) -> isize {
    // SAFETY: caller guarantees liveness.
    explicit_merge_words(unsafe { &*obj }, extra)
}

/// The "atomic" ablation (the Gilectomy's scheme): every increment, by any
/// thread, is one atomic add on `ob_ref_local`, which is the whole count.
/// `ob_tid` and `ob_ref_shared` are not used. A policy uses either this pair or
/// the biased protocol for every object, never both.
///
/// # Safety
/// `obj` must point to a live object.
#[inline(always)]
pub unsafe fn incref_atomic(obj: *const ObjHeader) {
    // SAFETY: the caller guarantees `obj` is live.
    let h = unsafe { &*obj };
    if h.ob_ref_local.load(Relaxed) == IMMORTAL {
        return;
    }
    // As for `Arc`, a new reference is made from an existing one, so no
    // ordering is needed. A count that reaches `IMMORTAL` stays there.
    h.ob_ref_local.fetch_add(1, Relaxed);
}

/// Decrement of the atomic ablation (see [`incref_atomic`]); frees the object
/// when the count reaches zero.
///
/// # Safety
/// `obj` must point to a live object and the caller must own the reference it
/// gives up.
#[inline(always)]
pub unsafe fn decref_atomic(obj: *const ObjHeader) {
    // SAFETY: the caller guarantees `obj` is live.
    let h = unsafe { &*obj };
    if h.ob_ref_local.load(Relaxed) == IMMORTAL {
        return;
    }
    // Release publishes this thread's writes to the object; the acquire fence
    // makes every other thread's writes visible to the one that frees it.
    if h.ob_ref_local.fetch_sub(1, ReleaseOrd) == 1 {
        fence(Acquire);
        // SAFETY: the count reached zero: no reference remains.
        unsafe { super::dealloc(obj) };
    }
}
