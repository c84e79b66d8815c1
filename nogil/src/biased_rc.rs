//! Biased reference counting's inter-thread merge queues: how an object whose
//! shared count would go negative is handed back to its owner, and how the
//! owner folds its counts together (Python/brc.c; the transitions on the
//! header words are `gilgamesh_core::object::refcount`, from Objects/object.c).
//!
//! Every object has two counts: `ob_ref_local`, touched only by the owner
//! thread (named by `ob_tid`) without atomic read-modify-writes, and
//! `ob_ref_shared`, updated atomically by everyone else. Their sum is the true
//! count, so the shared part can be negative when a reference the owner
//! counted is dropped by another thread. The first time that happens (shared
//! count zero, state initial), the dropping thread does not decrement: it
//! marks the object *queued* and gives its reference to the owner's merge
//! queue, then sets the owner's [`EXPLICIT_MERGE_BIT`]. At its next safe point
//! the owner merges each queued object: local count folded into the shared
//! one, `ob_tid` = 0, state *merged*, the queue's reference dropped, and the
//! object freed if that was the last one. From then on every thread uses the
//! shared count.
//!
//! The queueing thread ([`queue_object`], installed as the core's queue hook
//! by [`install`]) finds the owner in a process-wide table of owner ids, and:
//!
//! - if `ob_tid` is already 0, the owner merged concurrently: it just drops
//!   the reference (a shared decrement);
//! - if the owner is not in the table, or its queue is closed, the owner has
//!   exited: it merges the counts itself, immediately (`extra` = -1 for the
//!   stolen reference), and frees the object at zero;
//! - if the owner is detached (blocked, in native code), it holds it suspended,
//!   merges the owner's whole queue on its behalf and lets it go again, then
//!   drops the queue's references, so a sleeping owner does not keep garbage
//!   alive (`_PyThreadState_TrySuspendDetached` in current CPython's brc.c);
//! - otherwise it pushes the object and sets the owner's bit, all under the
//!   queue's lock.
//!
//! An exiting owner ([`retire`]) merges until its queue is empty and closes it
//! under the same lock, so no object is pushed to a queue nobody will read.
//!
//! [`AtomicCounting`] is the ablation the brief asks to measure against: one
//! atomic count per object, updated by every thread (the Gilectomy's scheme).
//!
//! [`EXPLICIT_MERGE_BIT`]: crate::thread_state::EXPLICIT_MERGE_BIT

use std::ops::Deref;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Arc;

use gilgamesh_core::object::header::ObjHeader;
use gilgamesh_core::object::refcount::{self, RefcountWords, Release};
use parking_lot::Mutex;

use crate::thread_state::{self, ThreadState, EXPLICIT_MERGE_BIT};

/// An object as biased reference counting sees it: its count words, and how
/// to free it.
pub trait BrcObject: RefcountWords + Sync {
    /// Frees an object whose count reached zero.
    ///
    /// # Safety
    /// `this` is live and no reference to it remains.
    unsafe fn dealloc(this: *const Self);
}

impl BrcObject for ObjHeader {
    unsafe fn dealloc(this: *const Self) {
        // SAFETY: forwarded from the caller.
        unsafe { gilgamesh_core::object::dealloc(this) }
    }
}

/// A lock around `T`, for the merge queue: `parking_lot::Mutex` here, loom's
/// mutex in the models.
pub trait Locked<T> {
    /// Runs `f` with the lock held.
    fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R;
}

impl<T> Locked<T> for Mutex<T> {
    fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        f(&mut self.lock())
    }
}

/// A thread's queue of objects to merge (`objects_to_merge`); each entry holds
/// one reference. Closed when the owner exits.
pub struct MergeQueue<O> {
    objects: Vec<NonNull<O>>,
    closed: bool,
}

// SAFETY: the queue holds references to objects (which are `Sync`) and hands
// them to whichever thread merges them; the pointers carry no thread affinity.
unsafe impl<O: Sync> Send for MergeQueue<O> {}

impl<O> MergeQueue<O> {
    /// An empty, open queue.
    pub const fn new() -> Self {
        MergeQueue {
            objects: Vec::new(),
            closed: false,
        }
    }

    /// Number of objects waiting.
    pub fn len(&self) -> usize {
        self.objects.len()
    }

    /// True if no object waits.
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }

    /// True once the owner has exited.
    pub fn is_closed(&self) -> bool {
        self.closed
    }
}

impl<O> Default for MergeQueue<O> {
    fn default() -> Self {
        Self::new()
    }
}

/// What biased reference counting needs from the thread that owns objects.
pub trait MergeOwner {
    /// The object type.
    type Obj: BrcObject;
    /// The lock around the merge queue.
    type Queue: Locked<MergeQueue<Self::Obj>>;
    /// The owner's merge queue.
    fn merge_queue(&self) -> &Self::Queue;
    /// Asks the owner to merge at its next safe point (sets its eval-breaker
    /// bit).
    fn request_merge(&self);
    /// Holds the owner suspended if it is detached; while held it cannot
    /// attach, so it cannot touch any object's local count.
    fn try_suspend_detached(&self) -> bool;
    /// Lets an owner held by [`MergeOwner::try_suspend_detached`] go (and
    /// wakes it if it waits to attach).
    fn resume_detached(&self);
}

impl MergeOwner for ThreadState {
    type Obj = ObjHeader;
    type Queue = Mutex<MergeQueue<ObjHeader>>;
    fn merge_queue(&self) -> &Self::Queue {
        &self.merge_queue
    }
    fn request_merge(&self) {
        self.set_breaker_bits(EXPLICIT_MERGE_BIT);
    }
    fn try_suspend_detached(&self) -> bool {
        thread_state::try_suspend_detached(&self.status)
    }
    fn resume_detached(&self) {
        thread_state::resume_suspended(&self.status);
        self.wake();
    }
}

/// Counters of the slow paths, process-wide (relaxed; for tests and stats).
pub struct BrcStats {
    /// Objects pushed to an owner's queue.
    pub queued: AtomicU64,
    /// Objects merged by their owner at a safe point or at exit.
    pub merged_by_owner: AtomicU64,
    /// Objects merged immediately because the owner had exited.
    pub merged_owner_exited: AtomicU64,
    /// Objects merged on behalf of a detached owner.
    pub merged_owner_detached: AtomicU64,
    /// Queue hook calls that found `ob_tid` already 0.
    pub owner_merged_concurrently: AtomicU64,
}

/// The process-wide slow-path counters.
pub static STATS: BrcStats = BrcStats {
    queued: AtomicU64::new(0),
    merged_by_owner: AtomicU64::new(0),
    merged_owner_exited: AtomicU64::new(0),
    merged_owner_detached: AtomicU64::new(0),
    owner_merged_concurrently: AtomicU64::new(0),
};

/// Decrement of `obj` by thread `me`, carried through: freed at zero, queued
/// to its owner (found with `find`) when the protocol says so.
///
/// # Safety
/// `obj` is live and the caller owns the reference it gives up.
pub unsafe fn decref<T: MergeOwner, H: Deref<Target = T>>(
    obj: *const T::Obj,
    me: usize,
    find: &dyn Fn(usize) -> Option<H>,
) {
    // SAFETY: the caller's reference keeps `obj` live.
    let r = refcount::decref_words(unsafe { &*obj }, me);
    // SAFETY: that decrement consumed the caller's reference.
    unsafe { finish::<T, H>(obj, r, me, find) }
}

/// Frees `obj` if `r` says so, or queues it if it says that.
///
/// # Safety
/// `obj` is live and `r` was decided by a transition that consumed a reference.
pub unsafe fn finish<T: MergeOwner, H: Deref<Target = T>>(
    obj: *const T::Obj,
    r: Release,
    me: usize,
    find: &dyn Fn(usize) -> Option<H>,
) {
    match r {
        Release::Live => {}
        // SAFETY: no reference remains.
        Release::Dealloc => unsafe { T::Obj::dealloc(obj) },
        // SAFETY: the reference was handed to us by the transition.
        Release::Queue => unsafe { queue_object::<T, H>(obj, me, find) },
    }
}

/// Gives `obj` (and the reference its caller dropped) to its owner
/// (`_Py_brc_queue_object`). `me` is the calling thread's owner id and
/// `find` looks an owner id up (a trait object, so that the recursion through
/// [`finish`] instantiates this function once).
///
/// # Safety
/// `obj` is live and its state was just moved to queued by the caller's
/// decrement ([`Release::Queue`]), whose reference this call consumes.
pub unsafe fn queue_object<T: MergeOwner, H: Deref<Target = T>>(
    obj: *const T::Obj,
    me: usize,
    find: &dyn Fn(usize) -> Option<H>,
) {
    // SAFETY: the caller's reference keeps the object live.
    let words = unsafe { &*obj };
    let tid = words.tid();
    if tid == 0 {
        // The owner merged concurrently (it stores `ob_tid` = 0 before it
        // marks the object merged): drop the reference the ordinary way.
        STATS.owner_merged_concurrently.fetch_add(1, Relaxed);
        let r = refcount::decref_words(words, me);
        // SAFETY: that decrement consumed our reference.
        unsafe { finish::<T, H>(obj, r, me, find) };
        return;
    }
    let Some(owner) = find(tid) else {
        // SAFETY: the owner left the table: it will never touch the counts
        // again, and its removal is ordered before our lookup by the table's
        // lock.
        unsafe { merge_for_exited_owner(obj) };
        return;
    };
    enum Outcome<O> {
        Queued,
        Closed,
        MergedOnBehalf(Vec<NonNull<O>>),
    }
    let ptr = NonNull::new(obj as *mut T::Obj).expect("object pointer is null");
    let outcome = owner.merge_queue().with(|q| {
        if q.closed {
            return Outcome::Closed;
        }
        q.objects.push(ptr);
        if owner.try_suspend_detached() {
            // The owner cannot attach while we hold it, and its detach
            // (release) is ordered before our suspension (acquire): its local
            // counts are ours to merge. Keep the queue's references for now:
            // dropping one may free an object, which must not happen under
            // the lock.
            let objects = std::mem::take(&mut q.objects);
            for o in &objects {
                // SAFETY: queued objects are live (the queue holds a reference).
                refcount::explicit_merge_words(unsafe { o.as_ref() }, 0);
            }
            owner.resume_detached();
            return Outcome::MergedOnBehalf(objects);
        }
        owner.request_merge();
        Outcome::Queued
    });
    match outcome {
        Outcome::Queued => {
            STATS.queued.fetch_add(1, Relaxed);
        }
        // SAFETY: a closed queue means the owner finished with every count
        // before closing it under the lock we just took.
        Outcome::Closed => unsafe { merge_for_exited_owner(obj) },
        Outcome::MergedOnBehalf(objects) => {
            STATS
                .merged_owner_detached
                .fetch_add(objects.len() as u64, Relaxed);
            for o in objects {
                // The objects are merged (`ob_tid` = 0): this is a shared
                // decrement, which frees at zero.
                // SAFETY: the queue's reference keeps `o` live until here.
                let r = refcount::decref_words(unsafe { o.as_ref() }, me);
                // SAFETY: that decrement consumed the queue's reference.
                unsafe { finish::<T, H>(o.as_ptr(), r, me, find) };
            }
        }
    }
}

/// Merges an object whose owner exited, dropping the caller's reference.
///
/// # Safety
/// `obj` is live, the caller holds a reference that the object's queued state
/// stands for, and the owner's last count write is ordered before this call.
unsafe fn merge_for_exited_owner<O: BrcObject>(obj: *const O) {
    STATS.merged_owner_exited.fetch_add(1, Relaxed);
    // SAFETY: the caller's reference keeps `obj` live.
    if refcount::explicit_merge_words(unsafe { &*obj }, -1) == 0 {
        // SAFETY: the merged count is zero: no reference remains.
        unsafe { O::dealloc(obj) };
    }
}

/// Merges every object in `owner`'s queue (`_Py_brc_merge_refcounts`): the
/// objects are taken under the lock and merged outside it (a merge may free
/// an object). Returns how many were merged. Only the owner calls this,
/// attached.
pub fn merge_queued<T: MergeOwner>(owner: &T) -> usize {
    let objects = owner.merge_queue().with(|q| std::mem::take(&mut q.objects));
    merge_objects::<T::Obj>(objects)
}

fn merge_objects<O: BrcObject>(objects: Vec<NonNull<O>>) -> usize {
    let n = objects.len();
    STATS.merged_by_owner.fetch_add(n as u64, Relaxed);
    for o in objects {
        // The queue held a reference: subtract it while merging.
        // SAFETY: that reference keeps the object live; we are its owner.
        if refcount::explicit_merge_words(unsafe { o.as_ref() }, -1) == 0 {
            // SAFETY: the merged count is zero: no reference remains.
            unsafe { O::dealloc(o.as_ptr()) };
        }
    }
    n
}

/// Merges `owner`'s queue until it is empty, then closes it under the lock so
/// that later queueing threads merge by themselves (`_Py_brc_remove_thread`).
/// Only the owner calls this, attached, as its last count operation.
pub fn retire<T: MergeOwner>(owner: &T) {
    loop {
        let batch = owner.merge_queue().with(|q| {
            if q.objects.is_empty() {
                q.closed = true;
            }
            std::mem::take(&mut q.objects)
        });
        if batch.is_empty() {
            return;
        }
        merge_objects::<T::Obj>(batch);
    }
}

// ---------------------------------------------------------------------------
// The process-wide owner table and the hook.

const BUCKETS: usize = 64;

/// Owner id to thread state, in buckets by id, as CPython's `brc.table`.
static OWNERS: [Mutex<Vec<Arc<ThreadState>>>; BUCKETS] =
    [const { Mutex::new(Vec::new()) }; BUCKETS];

fn bucket(id: usize) -> &'static Mutex<Vec<Arc<ThreadState>>> {
    &OWNERS[id % BUCKETS]
}

fn find_owner(id: usize) -> Option<Arc<ThreadState>> {
    bucket(id).lock().iter().find(|t| t.id() == id).cloned()
}

pub(crate) fn register_owner(ts: &Arc<ThreadState>) {
    install();
    bucket(ts.id()).lock().push(ts.clone());
}

/// Drains and closes the calling thread's queue, then leaves the owner table.
pub(crate) fn retire_current(ts: &Arc<ThreadState>) {
    retire(&**ts);
    bucket(ts.id()).lock().retain(|t| !Arc::ptr_eq(t, ts));
}

/// Closes the calling thread's queue in a registry it is leaving for good
/// (at exit, a state of an interpreter it does not run in now) and leaves
/// the owner table, without merging: the objects waiting belong to that
/// interpreter, and freeing them here could run their finalizers in this
/// one. They go to the registry's orphans, which its next collection merges
/// ([`merge_orphans`]), as an exited owner's objects are merged by whoever
/// meets them. Only the owner calls this, attached, as its last count
/// operation.
pub(crate) fn orphan_current(ts: &Arc<ThreadState>, orphans: &Mutex<MergeQueue<ObjHeader>>) {
    let objects = ts.merge_queue.with(|q| {
        q.closed = true;
        std::mem::take(&mut q.objects)
    });
    bucket(ts.id()).lock().retain(|t| !Arc::ptr_eq(t, ts));
    orphans.lock().objects.extend(objects);
}

/// Merges the objects exited owners left in `orphans` ([`orphan_current`]):
/// their owner will never touch their counts again. Called by a collection
/// of their interpreter, so finalizers run there.
pub(crate) fn merge_orphans(orphans: &Mutex<MergeQueue<ObjHeader>>) -> usize {
    let objects = std::mem::take(&mut orphans.lock().objects);
    let n = objects.len();
    for o in objects {
        // SAFETY: the orphan list's reference keeps `o` live, and its owner
        // left the owner table before the object was listed.
        unsafe { merge_for_exited_owner(o.as_ptr() as *const ObjHeader) };
    }
    n
}

fn hook(obj: *const ObjHeader) {
    // SAFETY: the core calls the hook with a live object whose state it just
    // moved to queued, handing over the reference it dropped.
    unsafe { queue_object::<ThreadState, _>(obj, refcount::current_owner(), &find_owner) }
}

/// Installs the merge queues as the core's queue hook (idempotent; done by
/// the first registration too).
pub fn install() {
    refcount::install_queue_hook(hook);
}

/// Merges the calling thread's queue (the safe-point handler for
/// [`EXPLICIT_MERGE_BIT`]); returns how many objects were merged. Does
/// nothing on an unregistered thread.
pub fn merge_pending() -> usize {
    let Some(ts) = thread_state::current() else {
        return 0;
    };
    ts.clear_breaker_bits(EXPLICIT_MERGE_BIT);
    merge_queued(&*ts)
}

// ---------------------------------------------------------------------------
// Counting schemes, for the nogil policy to choose from.

/// A way of counting references, chosen once by a policy (a type parameter,
/// never a run-time branch).
pub trait RefcountScheme {
    /// Increments the count of `obj`.
    ///
    /// # Safety
    /// `obj` is live.
    unsafe fn incref(obj: *const ObjHeader);
    /// Decrements the count of `obj`, freeing it at zero.
    ///
    /// # Safety
    /// `obj` is live and the caller owns the reference it gives up.
    unsafe fn decref(obj: *const ObjHeader);
}

/// PEP 703's biased reference counting (the core's general protocol plus
/// these merge queues).
pub struct Biased;

impl RefcountScheme for Biased {
    #[inline(always)]
    unsafe fn incref(obj: *const ObjHeader) {
        // SAFETY: forwarded.
        unsafe { refcount::incref(obj) }
    }
    #[inline(always)]
    unsafe fn decref(obj: *const ObjHeader) {
        // SAFETY: forwarded.
        unsafe { refcount::decref(obj) }
    }
}

/// The ablation: every increment and decrement is one atomic read-modify-write
/// on a single per-object count, whatever thread runs it (the Gilectomy's
/// scheme). Simple and always correct, and it is what biased counting is
/// measured against: every count update of a shared object contends on one
/// cache line, and even unshared objects pay a locked instruction.
pub struct AtomicCounting;

impl RefcountScheme for AtomicCounting {
    #[inline(always)]
    unsafe fn incref(obj: *const ObjHeader) {
        // SAFETY: forwarded.
        unsafe { refcount::incref_atomic(obj) }
    }
    #[inline(always)]
    unsafe fn decref(obj: *const ObjHeader) {
        // SAFETY: forwarded.
        unsafe { refcount::decref_atomic(obj) }
    }
}
