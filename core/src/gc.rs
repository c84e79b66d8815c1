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
//!
//! Each interpreter has its own heap (`gc/heap.rs`): the registry shards of the
//! threads running in it. A collection examines only the collecting
//! thread's heap, so it needs only that interpreter's GIL (or, without a
//! GIL, the stopped world the free-threaded mode's wrapper provides).

use std::mem::ManuallyDrop;
use std::sync::atomic::Ordering::Relaxed;

use crate::object::header::{gc_link, ObjHeader, GC_TRACKED, GC_UNREACHABLE, GC_WEAKREFS};
use crate::object::{clear_raw, traverse_raw, Kind, Value};

/// Young allocations between two automatic young collections.
pub const YOUNG_THRESHOLD: usize = 2000;
/// `ob_gc_bits`: the object is in the old generation.
const GC_OLD: u8 = 0b1000;

mod heap;

pub use heap::{
    current_heap, current_heap_key, enter_heap, heap_key, new_heap, release_thread_shard,
    retire_heap, set_thread_heap, Heap, HeapGuard,
};
use heap::{my_shard, shard};

/// Queues the finalizer of an object of cyclic garbage, if it has one to
/// run, and returns true (installed by the VM: `vm::finalize`). Must not
/// run Python code.
pub type FinalizerHook = unsafe fn(*const ObjHeader) -> bool;

static FINALIZER_HOOK: std::sync::OnceLock<FinalizerHook> = std::sync::OnceLock::new();

/// Installs the collector's finalizer hook (once per process).
pub fn install_finalizer_hook(h: FinalizerHook) {
    let _ = FINALIZER_HOOK.set(h);
}

/// Registers a new container object (young generation).
///
/// `p` must be a freshly allocated object whose payload is tracked
/// (`PyPayload::TRACKED`: `object::alloc_with` is the only caller).
pub(crate) fn track(p: *const ObjHeader) {
    let id = my_shard();
    let n = {
        let mut r = shard(id).reg.lock();
        // SAFETY: `p` is a freshly allocated, live object with a tracked
        // payload, so it has a registry link.
        let (h, link) = unsafe { (&*p, gc_link(p)) };
        link.index.store(r.young.len() as u32, Relaxed);
        link.shard.store(id, Relaxed);
        // A plain read and write: nobody else can see the new object yet.
        h.ob_gc_bits
            .store(h.ob_gc_bits.load(Relaxed) | GC_TRACKED, Relaxed);
        r.young.push(p);
        r.young.len()
    };
    if n > YOUNG_THRESHOLD && current_heap().enabled.load(Relaxed) {
        crate::vm::request_safe_point();
    }
}

/// Removes a tracked object from the registry (at deallocation or
/// untracking).
pub(crate) fn untrack(p: *const ObjHeader) {
    // SAFETY: `p` is live until its deallocation finishes, and tracked (its
    // `GC_TRACKED` bit is set, the callers' test), so it has a link.
    let (h, link) = unsafe { (&*p, gc_link(p)) };
    {
        // The slot index and generation bit are read under the shard's lock:
        // another thread's untrack may move this object to a new slot
        // (swap_remove) at any moment before we hold it. The shard never
        // changes while the object is tracked.
        let mut r = shard(link.shard.load(Relaxed)).reg.lock();
        let idx = link.index.load(Relaxed) as usize;
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
                unsafe { gc_link(list[idx]) }
                    .index
                    .store(idx as u32, Relaxed);
            }
        }
    };
}

/// Calls `f` on every tracked container of the current heap (both
/// generations), holding the registry lock: `f` must not allocate or free
/// containers.
pub(crate) fn for_each_tracked(mut f: impl FnMut(&ObjHeader)) {
    current_heap().with_shard_ids(|ids| {
        for &id in ids {
            let r = shard(id).reg.lock();
            for &p in r.young.iter().chain(r.old.iter()) {
                // SAFETY: registry entries are live tracked objects.
                f(unsafe { &*p });
            }
        }
    })
}

/// True when enough young containers accumulated in the current heap to
/// make a collection worthwhile.
pub fn should_collect() -> bool {
    let heap = current_heap();
    heap.enabled.load(Relaxed)
        && heap.with_shard_ids(|ids| {
            ids.iter()
                .any(|&id| shard(id).reg.lock().young.len() > YOUNG_THRESHOLD)
        })
}

/// Enables or disables automatic collection of the current heap
/// (`gc.enable()`/`gc.disable()`, per interpreter as in CPython).
pub fn set_enabled(on: bool) {
    current_heap().enabled.store(on, Relaxed);
}

/// True if automatic collection of the current heap is enabled.
pub fn is_enabled() -> bool {
    current_heap().enabled.load(Relaxed)
}

/// Number of tracked container objects in the current heap.
pub fn tracked_count() -> usize {
    let (y, o) = generation_counts();
    y + o
}

/// `(young, old)` generation sizes of the current heap.
pub fn generation_counts() -> (usize, usize) {
    current_heap().with_shard_ids(|ids| {
        ids.iter().fold((0, 0), |(y, o), &id| {
            let r = shard(id).reg.lock();
            (y + r.young.len(), o + r.old.len())
        })
    })
}

/// `(collections, objects collected)` so far in the current heap.
pub fn stats() -> (u64, u64) {
    let h = current_heap();
    (h.collections.load(Relaxed), h.collected.load(Relaxed))
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
        let after = current_heap().old_after_full.load(Relaxed);
        old > after + after / 4 + 10_000
    };
    run(full)
}

/// Runs a full collection; returns the number of objects found unreachable.
pub fn collect() -> usize {
    run(true)
}

/// Wraps every collection: the free-threaded mode stops the world around it
/// (installed once; `--mode gil` needs none: the collection holds the GIL
/// of the interpreter whose heap it examines, which excludes every other
/// thread that reaches that heap).
pub type CollectionWrapper = fn(&mut dyn FnMut());

static WRAPPER: std::sync::OnceLock<CollectionWrapper> = std::sync::OnceLock::new();

/// Installs the collection wrapper (once per process).
pub fn install_collection_wrapper(w: CollectionWrapper) {
    let _ = WRAPPER.set(w);
}

fn run(full: bool) -> usize {
    let heap = current_heap();
    if heap.collecting.load(Relaxed) {
        return 0;
    }
    let mut found = 0;
    let mut collect = || {
        let start = crate::trace::now_ns();
        found = run_stopped(heap, full);
        let name = if full {
            "gc: full collection"
        } else {
            "gc: young collection"
        };
        crate::trace::span(name, "gc", start, crate::trace::now_ns());
    };
    match WRAPPER.get() {
        Some(w) => w(&mut collect),
        // Under GILs: the GIL the caller holds, that of the interpreter whose
        // heap this is, excludes every other thread that can reach the
        // heap's objects. Other interpreters run on.
        None => collect(),
    }
    found
}

/// One generation of one registry shard, taken out of the registry for the
/// length of a collection's analysis.
struct Segment {
    shard: u32,
    old: bool,
    /// Number of the segment's first object in the collection (the index
    /// into `gc_refs`).
    base: usize,
    objs: Vec<*const ObjHeader>,
}

/// `gc_refs` of an object whose reference count does not fit: always a root
/// (conservative: a cycle through it is not collected).
const PINNED: i32 = i32::MAX;

/// A collection of `heap`, with every other thread that reaches its objects
/// excluded (by its interpreter's GIL or a stopped world).
///
/// The examined generations are moved out of the registries rather than
/// copied, and the analysis keeps one `i32` per examined object (CPython
/// 3.11 keeps its `gc_refs` in each object's `PyGC_Head`): a full
/// collection of a large heap then needs a few bytes per container on top
/// of the heap, not a copy of the registry plus counts, flags and a work
/// list. Nothing tracks or untracks a container while they are out: the
/// analysis neither allocates objects nor frees them.
fn run_stopped(heap: &'static Heap, full: bool) -> usize {
    if heap.collecting.swap(true, Relaxed) {
        return 0;
    }
    // The heap's shards' young objects and (full collections) old ones;
    // `place[shard id]` says which segments hold them (`None` for the
    // shards of other heaps: their objects are never examined here, and
    // references to them count as outside references).
    const ABSENT: usize = usize::MAX;
    let ids = heap.shard_ids();
    let mut place: Vec<Option<(usize, usize)>> =
        vec![None; ids.iter().max().map_or(0, |&m| m as usize + 1)];
    let mut segs: Vec<Segment> = Vec::new();
    let mut n = 0;
    for &id in &ids {
        let mut r = shard(id).reg.lock();
        let mut take = |old: bool, objs: Vec<*const ObjHeader>| {
            let base = n;
            n += objs.len();
            segs.push(Segment {
                shard: id,
                old,
                base,
                objs,
            });
            segs.len() - 1
        };
        let young = take(false, std::mem::take(&mut r.young));
        let old = if full {
            take(true, std::mem::take(&mut r.old))
        } else {
            ABSENT
        };
        place[id as usize] = Some((young, old));
    }
    // Number of an examined object in this collection, from its shard,
    // generation and slot (old objects only in full collections).
    let index_of = |c: *const ObjHeader| -> Option<usize> {
        // SAFETY: `c` is referenced by a live object, so it is live.
        let h = unsafe { &*c };
        let bits = h.ob_gc_bits.load(Relaxed);
        if bits & GC_TRACKED == 0 {
            return None;
        }
        // SAFETY: tracked, so it has a link.
        let link = unsafe { gc_link(c) };
        let (young, old) = (*place.get(link.shard.load(Relaxed) as usize)?)?;
        let seg = if bits & GC_OLD != 0 { old } else { young };
        let s = segs.get(seg)?;
        let slot = link.index.load(Relaxed) as usize;
        (s.objs.get(slot) == Some(&c)).then_some(s.base + slot)
    };
    // 1. Start from the full reference counts.
    let mut gc_refs: Vec<i32> = Vec::with_capacity(n);
    for s in &segs {
        gc_refs.extend(s.objs.iter().map(|&p| {
            // SAFETY: registry entries are live.
            let rc = unsafe { &*p }.refcount();
            i32::try_from(rc).unwrap_or(PINNED)
        }));
    }
    // 2. Subtract references that come from examined objects.
    for s in &segs {
        for &p in &s.objs {
            visit_all(p, &mut |c| {
                if let Some(i) = index_of(c) {
                    if gc_refs[i] != PINNED {
                        gc_refs[i] = gc_refs[i].saturating_sub(1);
                    }
                }
            });
        }
    }
    // 3. Objects still referenced from outside (`gc_refs` > 0) are roots;
    //    mark what they reach by setting its `gc_refs` to 1. One pass in
    //    order: a newly reached object after the current one is scanned
    //    when the pass gets to it, one before it (passed as unreachable)
    //    goes on a stack, as CPython's `move_unreachable` moves it back.
    let mut stack: Vec<*const ObjHeader> = Vec::new();
    let mut i = 0;
    for s in &segs {
        for &p in &s.objs {
            if gc_refs[i] > 0 {
                stack.push(p);
                while let Some(q) = stack.pop() {
                    visit_all(q, &mut |c| {
                        if let Some(j) = index_of(c) {
                            if gc_refs[j] <= 0 {
                                gc_refs[j] = 1;
                                if j < i {
                                    stack.push(c);
                                }
                            }
                        }
                    });
                }
            }
            i += 1;
        }
    }
    drop(stack);
    // 4. Put the generations back: survivors are promoted (atomic tuples
    //    untracked), unreachable objects stay where they were, marked
    //    `GC_UNREACHABLE` and held by `garbage` until the end.
    let mut garbage: Vec<ManuallyDrop<Value>> = Vec::new();
    // Old segments first, so that a shard's young survivors are appended
    // to its own old generation.
    segs.sort_by_key(|s| !s.old);
    for s in segs {
        let mut r = shard(s.shard).reg.lock();
        let mut kept = s.objs;
        let mut k = 0;
        for j in 0..kept.len() {
            let p = kept[j];
            // SAFETY: registry entries are live tracked objects.
            let (h, link) = unsafe { (&*p, gc_link(p)) };
            if gc_refs[s.base + j] <= 0 {
                h.ob_gc_bits.fetch_or(GC_UNREACHABLE, Relaxed);
                // SAFETY: unreachable objects are still live; we take a
                // reference.
                garbage.push(ManuallyDrop::new(unsafe { Value::from_borrowed(p) }));
            } else if atomic_tuple(p) {
                h.ob_gc_bits.fetch_and(!(GC_TRACKED | GC_OLD), Relaxed);
                continue;
            } else if !s.old {
                link.index.store(r.old.len() as u32, Relaxed);
                h.ob_gc_bits.fetch_or(GC_OLD, Relaxed);
                r.old.push(p);
                continue;
            }
            link.index.store(k as u32, Relaxed);
            kept[k] = p;
            k += 1;
        }
        kept.truncate(k);
        if s.old {
            // Young survivors of this shard are pushed after these.
            debug_assert!(r.old.is_empty());
            r.old = kept;
        } else {
            debug_assert!(r.young.is_empty());
            r.young = kept;
        }
    }
    drop(gc_refs);
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
                let is_garbage = |wr: usize| {
                    // SAFETY: a registered weak reference object is live.
                    unsafe { &*(wr as *const ObjHeader) }
                        .ob_gc_bits
                        .load(Relaxed)
                        & GC_UNREACHABLE
                        != 0
                };
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
        if let Some(h) = g.header() {
            h.ob_gc_bits.fetch_and(!GC_UNREACHABLE, Relaxed);
        }
        drop(ManuallyDrop::into_inner(g));
    }
    if full && !queued {
        heap.old_after_full.store(generation_counts().1, Relaxed);
    }
    heap.collections.fetch_add(1, Relaxed);
    heap.collected.fetch_add(found as u64, Relaxed);
    heap.collecting.store(false, Relaxed);
    found
}
