//! Heaps and their container registries: which containers each
//! interpreter's collector examines.
//!
//! Every container is tracked in a *shard*: the registry of one thread in
//! one heap, on its own cache lines, so threads allocate containers without
//! touching each other's lock (CPython's free-threaded collector has no
//! registry and walks each thread's mimalloc heap instead; the per-thread
//! shard is gilgamesh's equivalent).
//!
//! A [`Heap`] is the set of shards of one interpreter (PEP 684: each
//! isolated interpreter has its own heap and collector, CPython's
//! `interp->gc`). Its collector examines only its own shards, under its own
//! GIL, while other interpreters run: sound because no object of one
//! interpreter refers to another's (shared objects are immortal and never
//! tracked). A thread allocates into the heap it runs in now
//! ([`enter_heap`] switches it when the thread runs code in another
//! interpreter; threads inherit their starter's heap). A shard belongs to one
//! heap for good: a thread that leaves a heap gives its shard back to that
//! heap, with the containers in it still tracked there.
//!
//! Heaps of closed interpreters are reused whole by new ones
//! ([`retire_heap`]), so creating and closing interpreters in a loop neither
//! leaks shards nor runs out of them.

use std::cell::{Cell, UnsafeCell};
use std::sync::atomic::{
    AtomicBool, AtomicPtr, AtomicU64, AtomicUsize,
    Ordering::{Acquire, Relaxed, Release},
};

use parking_lot::Mutex;

use crate::object::header::ObjHeader;

/// One thread's share of a heap's container registry: the containers it
/// allocated, by generation.
#[derive(Default)]
pub(super) struct Registry {
    pub(super) young: Vec<*const ObjHeader>,
    pub(super) old: Vec<*const ObjHeader>,
}

// SAFETY: the registry only stores object addresses; they are dereferenced
// only by the thread that tracks or frees the object (holding the shard's
// lock) and by the heap's collector with every other thread of the heap
// excluded.
unsafe impl Send for Registry {}

/// A registry shard, on its own cache lines.
#[repr(align(128))]
pub(super) struct Shard {
    pub(super) reg: ShardLock,
}

/// The lock of a registry shard: taken by every container allocation and
/// deallocation, almost always by the shard's own thread, so it is built
/// for the uncontended case. Taking it is one compare-exchange and
/// releasing it a release store (a plain move on x86-64), where a parking
/// mutex pays a second read-modify-write to release. Waiters spin, then
/// yield: holds are a vector push or swap-remove, except during a
/// collection, when the heap's other threads are excluded (by its GIL or a
/// stopped world), so no thread that could wait is running.
pub(super) struct ShardLock {
    locked: AtomicBool,
    reg: UnsafeCell<Registry>,
}

// SAFETY: the registry is only reached through `ShardLock::lock`, which
// gives one thread at a time a guard (acquire on lock, release on unlock).
unsafe impl Sync for ShardLock {}

/// Access to a locked shard's registry; unlocks when dropped.
pub(super) struct ShardGuard<'a>(&'a ShardLock);

impl ShardLock {
    fn new() -> ShardLock {
        ShardLock {
            locked: AtomicBool::new(false),
            reg: UnsafeCell::new(Registry::default()),
        }
    }

    #[inline]
    pub(super) fn lock(&self) -> ShardGuard<'_> {
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

/// Most shards in the process (threads times the heaps they entered).
pub(super) const MAX_SHARDS: usize = 4096;

/// The shards, by id: created on a thread's first container allocation in
/// a heap and never freed (a thread's shard outlives it: its containers may
/// too).
static SHARDS: [AtomicPtr<Shard>; MAX_SHARDS] =
    [const { AtomicPtr::new(std::ptr::null_mut()) }; MAX_SHARDS];
/// Shard ids handed out so far (the next new one).
static SHARD_COUNT: AtomicUsize = AtomicUsize::new(0);
/// Serialises the creation of shards, so two threads never claim one id.
static NEW_SHARD: Mutex<()> = Mutex::new(());

/// The shard with id `id`.
#[inline]
pub(super) fn shard(id: u32) -> &'static Shard {
    let p = SHARDS[id as usize].load(Acquire);
    // SAFETY: ids stored in headers, heaps and thread-locals are of
    // published shards, which are leaked (never freed).
    unsafe { &*p }
}

/// One interpreter's heap: its shards, and its collector's state.
pub struct Heap {
    /// Every shard of this heap.
    shards: Mutex<Vec<u32>>,
    /// Shards of this heap no thread allocates into now.
    free: Mutex<Vec<u32>>,
    /// `gc.enable()`/`gc.disable()` of this interpreter.
    pub(super) enabled: AtomicBool,
    /// A collection of this heap is under way (no re-entry from finalizers).
    pub(super) collecting: AtomicBool,
    /// Old-generation size after the last full collection.
    pub(super) old_after_full: AtomicUsize,
    /// Collections run so far.
    pub(super) collections: AtomicU64,
    /// Objects found unreachable so far.
    pub(super) collected: AtomicU64,
    /// This interpreter's `threading.local` class, once its `threading`
    /// registers it (`vm::local_attr`); null before, and after the
    /// interpreter closes.
    pub(crate) thread_local_class: AtomicPtr<crate::vm::local_attr::Local>,
}

impl Heap {
    const fn new() -> Heap {
        Heap {
            shards: Mutex::new(Vec::new()),
            free: Mutex::new(Vec::new()),
            enabled: AtomicBool::new(true),
            collecting: AtomicBool::new(false),
            old_after_full: AtomicUsize::new(0),
            collections: AtomicU64::new(0),
            collected: AtomicU64::new(0),
            thread_local_class: AtomicPtr::new(std::ptr::null_mut()),
        }
    }

    /// This heap's shard ids.
    pub(super) fn shard_ids(&self) -> Vec<u32> {
        self.shards.lock().clone()
    }

    /// Runs `f` on this heap's shard ids, holding the list's lock (no shard
    /// lock is ever held while waiting for it, so `f` may take them).
    pub(super) fn with_shard_ids<R>(&self, f: impl FnOnce(&[u32]) -> R) -> R {
        f(&self.shards.lock())
    }

    /// A shard for a thread starting to allocate here: a free one of this
    /// heap, or a new one.
    fn claim_shard(&self) -> u32 {
        if let Some(id) = self.free.lock().pop() {
            return id;
        }
        let _serial = NEW_SHARD.lock();
        let n = SHARD_COUNT.load(Relaxed);
        if n >= MAX_SHARDS {
            // Every shard id is taken: share one of this heap's (its lock
            // serialises the threads), never another heap's.
            if let Some(&id) = self.shards.lock().first() {
                return id;
            }
            eprintln!(
                "Fatal Python error: more than {MAX_SHARDS} threads and interpreters \
                 allocate containers at once"
            );
            std::process::abort();
        }
        let s: &'static Shard = Box::leak(Box::new(Shard {
            reg: ShardLock::new(),
        }));
        SHARDS[n].store(s as *const Shard as *mut Shard, Release);
        SHARD_COUNT.store(n + 1, Release);
        self.shards.lock().push(n as u32);
        n as u32
    }

    /// A thread stops allocating here: its shard (and the containers in it)
    /// stays with this heap for the next thread.
    fn give_back(&self, id: u32) {
        let mut free = self.free.lock();
        if !free.contains(&id) {
            free.push(id);
        }
    }
}

/// The main interpreter's heap.
static MAIN_HEAP: Heap = Heap::new();
/// Heaps of closed interpreters, for the next ones.
static SPARE_HEAPS: Mutex<Vec<&'static Heap>> = Mutex::new(Vec::new());

thread_local! {
    /// The heap the calling thread allocates into (null: the main one).
    static MY_HEAP: Cell<*const Heap> = const { Cell::new(std::ptr::null()) };
    /// The calling thread's shard in that heap (`u32::MAX` until its first
    /// container there).
    static MY_SHARD: Cell<u32> = const { Cell::new(u32::MAX) };
}

/// The heap the calling thread runs in.
#[inline]
pub fn current_heap() -> &'static Heap {
    let p = MY_HEAP.with(Cell::get);
    if p.is_null() {
        &MAIN_HEAP
    } else {
        // SAFETY: `MY_HEAP` only holds `&'static Heap`s (leaked, never
        // freed: see `new_heap`).
        unsafe { &*p }
    }
}

/// The calling thread's shard id in its current heap, claiming one on
/// first use.
#[inline]
pub(super) fn my_shard() -> u32 {
    let id = MY_SHARD.with(Cell::get);
    if id != u32::MAX {
        return id;
    }
    let id = current_heap().claim_shard();
    MY_SHARD.with(|s| s.set(id));
    id
}

/// A heap for a new interpreter: empty but for what a closed interpreter
/// left behind in a reused one (unreachable leftovers its last collections
/// could not free, examined again by the new owner's collections).
pub fn new_heap() -> &'static Heap {
    let h = SPARE_HEAPS
        .lock()
        .pop()
        .unwrap_or_else(|| Box::leak(Box::new(Heap::new())));
    h.enabled.store(true, Relaxed);
    h.collecting.store(false, Relaxed);
    // A closed interpreter lets its `threading.local` class go
    // (`local_attr::release_current_heap`); one left behind would keep
    // the new interpreter from registering its own, so it is dropped from
    // view here (and leaked: its interpreter is gone).
    let stale = h.thread_local_class.swap(std::ptr::null_mut(), Relaxed);
    debug_assert!(
        stale.is_null(),
        "a closed interpreter kept its threading.local class"
    );
    h.collections.store(0, Relaxed);
    h.collected.store(0, Relaxed);
    h
}

/// The interpreter that owned `h` was closed and no thread runs in it any
/// more: `h` may serve a new one.
pub fn retire_heap(h: &'static Heap) {
    if std::ptr::eq(h, &MAIN_HEAP) {
        return;
    }
    SPARE_HEAPS.lock().push(h);
}

/// A heap's identity for the free-threaded mode's stop-the-world (which
/// threads a collection of it must stop): its address, stable since heaps
/// are never freed. A reused heap keeps its key.
pub fn heap_key(h: &'static Heap) -> usize {
    h as *const Heap as usize
}

/// The key of the heap the calling thread runs in.
pub fn current_heap_key() -> usize {
    heap_key(current_heap())
}

/// Tells the mode's thread hooks that the calling thread now runs in `h`.
fn announce(h: &'static Heap) {
    if let Some(hooks) = crate::vm::thread_hooks() {
        (hooks.enter_heap)(heap_key(h));
    }
}

/// Makes the calling thread allocate into `h` from now on: for a new thread
/// that runs in its starter's interpreter, before its first allocation.
pub fn set_thread_heap(h: &'static Heap) {
    leave_shard();
    MY_HEAP.with(|c| c.set(h as *const Heap));
    announce(h);
}

/// Gives the calling thread's shard back to its heap.
fn leave_shard() {
    let id = MY_SHARD.with(|s| s.replace(u32::MAX));
    if id != u32::MAX {
        current_heap().give_back(id);
    }
}

/// The calling thread ends: its shard goes to the next thread of its heap
/// (the containers in it stay tracked there).
pub fn release_thread_shard() {
    leave_shard();
}

/// While alive, the calling thread allocates into another heap; dropping it
/// returns the thread to the heap (and shard) it had.
pub struct HeapGuard {
    heap: *const Heap,
    shard: u32,
}

/// Makes the calling thread allocate into `h` until the guard drops (a
/// thread running code in another interpreter). Call it holding `h`'s
/// interpreter's GIL (or with the GIL off), as the collections `h` may run
/// meanwhile assume.
pub fn enter_heap(h: &'static Heap) -> HeapGuard {
    // First, as it may wait for a collection of `h` to end (free-threaded
    // mode): the thread must not touch `h`'s objects before.
    announce(h);
    let guard = HeapGuard {
        heap: MY_HEAP.with(Cell::get),
        shard: MY_SHARD.with(|s| s.replace(u32::MAX)),
    };
    MY_HEAP.with(|c| c.set(h as *const Heap));
    guard
}

impl Drop for HeapGuard {
    fn drop(&mut self) {
        leave_shard();
        MY_HEAP.with(|c| c.set(self.heap));
        MY_SHARD.with(|s| s.set(self.shard));
        // Back in the heap it had (the free-threaded mode switches back to
        // the thread's state there, waiting while a collection of that heap
        // holds it).
        announce(current_heap());
    }
}
