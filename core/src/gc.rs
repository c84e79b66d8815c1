//! The cycle collector.
//!
//! Reference counting frees everything except garbage cycles. Every container
//! object (one whose payload can hold references) is tracked in the owning
//! thread's registry; a collection computes, for each object it examines, how
//! many of its references come from other examined objects (CPython's
//! `subtract_refs`), treats objects with references from outside as roots,
//! marks what they reach, and clears the rest, which breaks the cycles so
//! reference counting frees them.
//!
//! The registry has two generations, as CPython's: new containers are
//! *young*; a young collection examines only them (references from old
//! objects count as outside references, which is conservative and so safe)
//! and promotes survivors to the *old* generation. A full collection, which
//! examines both, runs when the old generation has grown by a quarter since
//! the last one. Exact tuples whose items are all atomic (ints, strs,
//! floats...) can never be part of a cycle and are untracked when a
//! collection finds them (CPython does the same).
//!
//! Collections run only at the eval loop's safe point, never inside an
//! allocation, so no native code is interrupted half-way through a mutation.

use std::mem::ManuallyDrop;
use std::sync::atomic::{
    AtomicBool, AtomicU64,
    Ordering::{Acquire, Relaxed, Release},
};

use crate::object::header::{ObjHeader, GC_TRACKED, GC_WEAKREFS};
use crate::object::{clear_raw, traverse_raw, Kind, Value};

/// Young allocations between two automatic young collections.
pub const YOUNG_THRESHOLD: usize = 2000;
/// `ob_gc_bits`: the object is in the old generation.
const GC_OLD: u8 = 0b1000;

/// One thread's share of the container registry: the containers it
/// allocated, by generation.
#[derive(Default)]
struct Registry {
    young: Vec<*const ObjHeader>,
    old: Vec<*const ObjHeader>,
}

// SAFETY: the registry only stores object addresses; they are dereferenced
// only by the thread that tracks or frees the object (holding the shard's
// lock) and by the collector with every other thread excluded.
unsafe impl Send for Registry {}

/// A registry shard, on its own cache lines: threads allocate containers
/// without touching each other's lock (CPython's free-threaded collector has
/// no registry at all and walks each thread's mimalloc heap instead; the
/// per-thread shard is gilgamesh's equivalent).
#[repr(align(128))]
struct Shard {
    reg: ShardLock,
}

/// The lock of a registry shard: taken by every container allocation and
/// deallocation, almost always by the shard's own thread, so it is built
/// for the uncontended case. Taking it is one compare-exchange and
/// releasing it a release store (a plain move on x86-64), where a parking
/// mutex pays a second read-modify-write to release. Waiters spin, then
/// yield: holds are a vector push or swap-remove, except during a
/// collection, when the world is stopped (or the GIL held), so no thread
/// that could wait is running.
struct ShardLock {
    locked: AtomicBool,
    reg: std::cell::UnsafeCell<Registry>,
}

// SAFETY: the registry is only reached through `ShardLock::lock`, which
// gives one thread at a time a guard (acquire on lock, release on unlock).
unsafe impl Sync for ShardLock {}

/// Access to a locked shard's registry; unlocks when dropped.
struct ShardGuard<'a>(&'a ShardLock);

impl ShardLock {
    fn new() -> ShardLock {
        ShardLock {
            locked: AtomicBool::new(false),
            reg: std::cell::UnsafeCell::new(Registry::default()),
        }
    }

    #[inline]
    fn lock(&self) -> ShardGuard<'_> {
        if self
            .locked
            .compare_exchange_weak(false, true, Acquire, Relaxed)
            .is_err()
        {
            self.lock_slow();
        }
        ShardGuard(self)
    }

    #[cold]
    fn lock_slow(&self) {
        let mut spins = 0u32;
        loop {
            if !self.locked.load(Relaxed)
                && self
                    .locked
                    .compare_exchange_weak(false, true, Acquire, Relaxed)
                    .is_ok()
            {
                return;
            }
            spins += 1;
            if spins < 64 {
                std::hint::spin_loop();
            } else {
                std::thread::yield_now();
            }
        }
    }
}

impl std::ops::Deref for ShardGuard<'_> {
    type Target = Registry;
    fn deref(&self) -> &Registry {
        // SAFETY: this guard's thread holds the lock.
        unsafe { &*self.0.reg.get() }
    }
}

impl std::ops::DerefMut for ShardGuard<'_> {
    fn deref_mut(&mut self) -> &mut Registry {
        // SAFETY: this guard's thread holds the lock, and `&mut self` makes
        // this the only access through it.
        unsafe { &mut *self.0.reg.get() }
    }
}

impl Drop for ShardGuard<'_> {
    #[inline]
    fn drop(&mut self) {
        self.0.locked.store(false, Release);
    }
}

/// Most shards alive at once; threads beyond this share the last one.
const MAX_SHARDS: usize = 1024;

/// The shards, by id: created on a thread's first container allocation and
/// never freed (a thread's shard outlives it: its containers may too). A
/// shard id freed by an ending thread is reused by the next new thread.
static SHARDS: [std::sync::atomic::AtomicPtr<Shard>; MAX_SHARDS] =
    [const { std::sync::atomic::AtomicPtr::new(std::ptr::null_mut()) }; MAX_SHARDS];
/// Shard ids handed out so far (the next new one).
static SHARD_COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
/// Ids of shards whose thread ended.
static FREE_SHARDS: parking_lot::Mutex<Vec<u32>> = parking_lot::Mutex::new(Vec::new());
/// Old-generation size (all shards) after the last full collection.
static OLD_AFTER_FULL: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

thread_local! {
    /// The calling thread's shard id (`u32::MAX` until its first container).
    static MY_SHARD: std::cell::Cell<u32> = const { std::cell::Cell::new(u32::MAX) };
}

fn shard(id: u32) -> &'static Shard {
    let p = SHARDS[id as usize].load(std::sync::atomic::Ordering::Acquire);
    // SAFETY: ids stored in headers and thread-locals are of published
    // shards, which are leaked (never freed).
    unsafe { &*p }
}

/// The calling thread's shard id, creating its shard on first use.
#[inline]
fn my_shard() -> u32 {
    let id = MY_SHARD.with(|s| s.get());
    if id != u32::MAX {
        return id;
    }
    // The free list's lock also serialises the creation of new shards, so
    // two threads never claim the same new id.
    let mut free = FREE_SHARDS.lock();
    let id = match free.pop() {
        Some(id) => id,
        None => {
            let n = SHARD_COUNT.load(Relaxed);
            if n >= MAX_SHARDS {
                (MAX_SHARDS - 1) as u32
            } else {
                let s: &'static Shard = Box::leak(Box::new(Shard {
                    reg: ShardLock::new(),
                }));
                SHARDS[n].store(
                    s as *const Shard as *mut Shard,
                    std::sync::atomic::Ordering::Release,
                );
                SHARD_COUNT.store(n + 1, std::sync::atomic::Ordering::Release);
                n as u32
            }
        }
    };
    drop(free);
    MY_SHARD.with(|s| s.set(id));
    id
}

/// The calling thread ends: its shard id goes to the next new thread (the
/// containers in it stay tracked there).
pub fn release_thread_shard() {
    let id = MY_SHARD.with(|s| s.replace(u32::MAX));
    if id != u32::MAX && (id as usize) < MAX_SHARDS - 1 {
        FREE_SHARDS.lock().push(id);
    }
}

/// The shards that exist now.
fn all_shards() -> impl Iterator<Item = &'static Shard> {
    let n = SHARD_COUNT.load(std::sync::atomic::Ordering::Acquire);
    (0..n as u32).map(shard)
}

/// Queues the finalizer of an object of cyclic garbage, if it has one to
/// run, and returns true (installed by the VM: `vm::finalize`). Must not
/// run Python code.
pub type FinalizerHook = unsafe fn(*const ObjHeader) -> bool;

static FINALIZER_HOOK: std::sync::OnceLock<FinalizerHook> = std::sync::OnceLock::new();

/// Installs the collector's finalizer hook (once per process).
pub fn install_finalizer_hook(h: FinalizerHook) {
    let _ = FINALIZER_HOOK.set(h);
}

static ENABLED: AtomicBool = AtomicBool::new(true);
static COLLECTING: AtomicBool = AtomicBool::new(false);
static COLLECTIONS: AtomicU64 = AtomicU64::new(0);
static COLLECTED: AtomicU64 = AtomicU64::new(0);

/// Registers a new container object (young generation).
pub(crate) fn track(p: *const ObjHeader) {
    let id = my_shard();
    let n = {
        let mut r = shard(id).reg.lock();
        // SAFETY: `p` is a freshly allocated, live object.
        let h = unsafe { &*p };
        h.ob_gc_index.store(r.young.len() as u32, Relaxed);
        h.ob_gc_shard.store(id, Relaxed);
        // A plain read and write: nobody else can see the new object yet.
        h.ob_gc_bits
            .store(h.ob_gc_bits.load(Relaxed) | GC_TRACKED, Relaxed);
        r.young.push(p);
        r.young.len()
    };
    if n > YOUNG_THRESHOLD && ENABLED.load(Relaxed) {
        crate::vm::request_safe_point();
    }
}

/// Removes an object from the registry (at deallocation or untracking).
pub(crate) fn untrack(p: *const ObjHeader) {
    // SAFETY: `p` is live until its deallocation finishes.
    let h = unsafe { &*p };
    {
        // The slot index and generation bit are read under the shard's lock:
        // another thread's untrack may move this object to a new slot
        // (swap_remove) at any moment before we hold it. The shard never
        // changes while the object is tracked.
        let mut r = shard(h.ob_gc_shard.load(Relaxed)).reg.lock();
        let idx = h.ob_gc_index.load(Relaxed) as usize;
        // A plain read and write: the object is being freed, so this thread
        // alone reaches it, and the collector (the only other writer) runs
        // with this thread stopped.
        let bits = h.ob_gc_bits.load(Relaxed);
        h.ob_gc_bits.store(bits & !(GC_TRACKED | GC_OLD), Relaxed);
        let list = if bits & GC_OLD != 0 {
            &mut r.old
        } else {
            &mut r.young
        };
        if idx < list.len() && list[idx] == p {
            list.swap_remove(idx);
            if idx < list.len() {
                // SAFETY: registry entries are live tracked objects.
                unsafe { &*list[idx] }
                    .ob_gc_index
                    .store(idx as u32, Relaxed);
            }
        }
    };
}

/// Calls `f` on every tracked container (both generations), holding the
/// registry lock: `f` must not allocate or free containers.
pub(crate) fn for_each_tracked(mut f: impl FnMut(&ObjHeader)) {
    for s in all_shards() {
        let r = s.reg.lock();
        for &p in r.young.iter().chain(r.old.iter()) {
            // SAFETY: registry entries are live tracked objects.
            f(unsafe { &*p });
        }
    }
}

/// True when enough young containers accumulated to make a collection
/// worthwhile.
pub fn should_collect() -> bool {
    ENABLED.load(Relaxed) && all_shards().any(|s| s.reg.lock().young.len() > YOUNG_THRESHOLD)
}

/// Enables or disables automatic collection (`gc.enable()`/`gc.disable()`).
pub fn set_enabled(on: bool) {
    ENABLED.store(on, Relaxed);
}

/// True if automatic collection is enabled.
pub fn is_enabled() -> bool {
    ENABLED.load(Relaxed)
}

/// Number of tracked container objects.
pub fn tracked_count() -> usize {
    let (y, o) = generation_counts();
    y + o
}

/// `(young, old)` generation sizes.
pub fn generation_counts() -> (usize, usize) {
    all_shards().fold((0, 0), |(y, o), s| {
        let r = s.reg.lock();
        (y + r.young.len(), o + r.old.len())
    })
}

/// `(collections, objects collected)` so far on this thread.
pub fn stats() -> (u64, u64) {
    (COLLECTIONS.load(Relaxed), COLLECTED.load(Relaxed))
}

fn visit_all(p: *const ObjHeader, f: &mut dyn FnMut(*const ObjHeader)) {
    // SAFETY: `p` is a live tracked object during the collection.
    unsafe {
        traverse_raw(p, &mut |v: &Value| {
            if let Some(c) = v.obj_ptr() {
                f(c);
            }
        });
        // The reference every object holds to its (heap) type.
        let ty = (*p).ob_type;
        if !ty.is_null() {
            f(ty);
        }
    }
}

/// True for a tuple whose items can never lead back to it.
fn atomic_tuple(p: *const ObjHeader) -> bool {
    // SAFETY: `p` is live during the collection.
    let h = unsafe { &*p };
    // Exact tuples only, as CPython (`untrack_tuples`): an instance of a
    // tuple subclass refers to its class, which is often in a cycle with it
    // (the class's module holds the instance); untracked, it would keep
    // that cycle alive for ever.
    if h.kind() != Kind::Tuple || h.ob_type != crate::types::builtin_types().tuple.as_ptr() {
        return false;
    }
    let mut atomic = true;
    // SAFETY: as above.
    unsafe {
        traverse_raw(p, &mut |v: &Value| {
            if let Some(h) = v.header() {
                if h.ob_gc_bits.load(Relaxed) & GC_TRACKED != 0 {
                    atomic = false;
                }
            }
        })
    };
    atomic
}

/// The automatic collection run at a safe point: young, or full when the old
/// generation has grown enough.
pub fn collect_automatic() -> usize {
    let full = {
        let old = generation_counts().1;
        let after = OLD_AFTER_FULL.load(Relaxed);
        old > after + after / 4 + 10_000
    };
    run(full)
}

/// Runs a full collection; returns the number of objects found unreachable.
pub fn collect() -> usize {
    run(true)
}

/// Wraps every collection: the free-threaded mode stops the world around it
/// (installed once; `--mode gil` needs none: the collection holds every
/// interpreter's GIL, which excludes every other thread).
pub type CollectionWrapper = fn(&mut dyn FnMut());

static WRAPPER: std::sync::OnceLock<CollectionWrapper> = std::sync::OnceLock::new();

/// Installs the collection wrapper (once per process).
pub fn install_collection_wrapper(w: CollectionWrapper) {
    let _ = WRAPPER.set(w);
}

fn run(full: bool) -> usize {
    if COLLECTING.load(Relaxed) {
        return 0;
    }
    let mut found = 0;
    let mut collect = || {
        let start = crate::trace::now_ns();
        found = run_stopped(full);
        let name = if full {
            "gc: full collection"
        } else {
            "gc: young collection"
        };
        crate::trace::span(name, "gc", start, crate::trace::now_ns());
    };
    match WRAPPER.get() {
        Some(w) => w(&mut collect),
        // Under GILs: every interpreter's GIL, as every interpreter's
        // containers are examined (just the one held with one interpreter).
        None => crate::gil::with_all_gils(&mut collect),
    }
    found
}

/// A collection, with every other thread excluded (by the GIL or a stopped
/// world).
fn run_stopped(full: bool) -> usize {
    if COLLECTING.swap(true, Relaxed) {
        return 0;
    }
    // Every shard's young objects, then (full collections) every shard's old
    // ones; `offsets[shard]` is where each shard's young and old runs start.
    let mut objs: Vec<*const ObjHeader> = Vec::new();
    let mut offsets: Vec<(usize, usize)> = Vec::new();
    {
        let shards: Vec<_> = all_shards().collect();
        let guards: Vec<_> = shards.iter().map(|s| s.reg.lock()).collect();
        for r in &guards {
            offsets.push((objs.len(), 0));
            objs.extend_from_slice(&r.young);
        }
        if full {
            for (i, r) in guards.iter().enumerate() {
                offsets[i].1 = objs.len();
                objs.extend_from_slice(&r.old);
            }
        }
    }
    let n = objs.len();
    // Position of an examined object in `objs`, from its shard, generation
    // and slot (old objects only in full collections).
    let index_of = |c: *const ObjHeader| -> Option<usize> {
        // SAFETY: `c` is referenced by a live object, so it is live.
        let h = unsafe { &*c };
        let bits = h.ob_gc_bits.load(Relaxed);
        if bits & GC_TRACKED == 0 {
            return None;
        }
        let slot = h.ob_gc_index.load(Relaxed) as usize;
        let (young_at, old_at) = *offsets.get(h.ob_gc_shard.load(Relaxed) as usize)?;
        let i = if bits & GC_OLD != 0 {
            if !full {
                return None;
            }
            old_at + slot
        } else {
            young_at + slot
        };
        (i < n && objs[i] == c).then_some(i)
    };
    // 1. Start from the full reference counts.
    let mut gc_refs: Vec<isize> = objs
        .iter()
        // SAFETY: registry entries are live.
        .map(|&p| unsafe { &*p }.refcount())
        .collect();
    // 2. Subtract references that come from examined objects.
    for &p in &objs {
        visit_all(p, &mut |c| {
            if let Some(i) = index_of(c) {
                gc_refs[i] -= 1;
            }
        });
    }
    // 3. Objects still referenced from outside are roots; mark what they reach.
    let mut reachable = vec![false; n];
    let mut work: Vec<usize> = (0..n).filter(|&i| gc_refs[i] > 0).collect();
    for &i in &work {
        reachable[i] = true;
    }
    while let Some(i) = work.pop() {
        visit_all(objs[i], &mut |c| {
            if let Some(j) = index_of(c) {
                if !reachable[j] {
                    reachable[j] = true;
                    work.push(j);
                }
            }
        });
    }
    // 4. Survivors: untrack atomic tuples, promote the rest.
    for (i, &p) in objs.iter().enumerate() {
        if !reachable[i] {
            continue;
        }
        if atomic_tuple(p) {
            untrack(p);
            continue;
        }
        // SAFETY: live tracked object.
        let h = unsafe { &*p };
        if h.ob_gc_bits.load(Relaxed) & GC_OLD == 0 {
            let id = h.ob_gc_shard.load(Relaxed);
            untrack(p);
            {
                let mut r = shard(id).reg.lock();
                h.ob_gc_index.store(r.old.len() as u32, Relaxed);
                h.ob_gc_bits.fetch_or(GC_TRACKED | GC_OLD, Relaxed);
                r.old.push(p);
            };
        }
    }
    // 5. Clear the unreachable ones while holding a reference to each, then
    //    let reference counting free them.
    let garbage: Vec<ManuallyDrop<Value>> = (0..n)
        .filter(|&i| !reachable[i])
        // SAFETY: unreachable objects are still live; we take a reference.
        .map(|i| ManuallyDrop::new(unsafe { Value::from_borrowed(objs[i]) }))
        .collect();
    // Weak references to unreachable objects are cleared before anything
    // else happens to them (CPython's `handle_weakrefs`, which runs before
    // the finalizers): a finalizer or callback must not reach garbage
    // through one. Callbacks are queued only for weak references that are
    // not garbage themselves: a callback of a weak reference in the cycle
    // could see objects already cleared.
    for g in &garbage {
        if let Some(p) = g.obj_ptr() {
            // SAFETY: we hold a reference, so the object is live.
            if unsafe { &*p }.ob_gc_bits.load(Relaxed) & GC_WEAKREFS != 0 {
                let is_garbage =
                    |wr: usize| index_of(wr as *const ObjHeader).is_some_and(|i| !reachable[i]);
                // SAFETY: live, and every other thread is excluded.
                unsafe { crate::object::weakref_table::clear_unreachable(p, is_garbage) };
            }
        }
    }
    // Objects with a `__del__` still to run are queued for it first
    // (PEP 442): nothing is cleared this time, so the finalizers see
    // intact objects; a later collection frees what is still unreachable.
    let mut queued = false;
    if let Some(queue) = FINALIZER_HOOK.get() {
        for g in &garbage {
            if let Some(p) = g.obj_ptr() {
                // SAFETY: we hold a reference, so the object is live.
                queued |= unsafe { queue(p) };
            }
        }
    }
    let found = if queued { 0 } else { garbage.len() };
    if !queued {
        for g in &garbage {
            if let Some(p) = g.obj_ptr() {
                // SAFETY: we hold a reference, so the object is live; no
                // payload borrow is active at a safe point.
                unsafe { clear_raw(p) };
            }
        }
    }
    for g in garbage {
        drop(ManuallyDrop::into_inner(g));
    }
    if full && !queued {
        OLD_AFTER_FULL.store(generation_counts().1, Relaxed);
    }
    COLLECTIONS.fetch_add(1, Relaxed);
    COLLECTED.fetch_add(found as u64, Relaxed);
    COLLECTING.store(false, Relaxed);
    found
}
