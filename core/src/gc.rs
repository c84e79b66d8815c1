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

use crate::object::header::{ObjHeader, GC_TRACKED, GC_WEAKREFS};
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
    if n > YOUNG_THRESHOLD && current_heap().enabled.load(Relaxed) {
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

/// A collection of `heap`, with every other thread that reaches its objects
/// excluded (by its interpreter's GIL or a stopped world).
fn run_stopped(heap: &'static Heap, full: bool) -> usize {
    if heap.collecting.swap(true, Relaxed) {
        return 0;
    }
    // The heap's shards' young objects, then (full collections) their old
    // ones; `offsets[shard id]` is where each shard's young and old runs
    // start (`None` for the shards of other heaps: their objects are never
    // examined here, and references to them count as outside references).
    let mut objs: Vec<*const ObjHeader> = Vec::new();
    let ids = heap.shard_ids();
    let mut offsets: Vec<Option<(usize, usize)>> =
        vec![None; ids.iter().max().map_or(0, |&m| m as usize + 1)];
    {
        let guards: Vec<_> = ids.iter().map(|&id| shard(id).reg.lock()).collect();
        for (&id, r) in ids.iter().zip(&guards) {
            offsets[id as usize] = Some((objs.len(), 0));
            objs.extend_from_slice(&r.young);
        }
        if full {
            for (&id, r) in ids.iter().zip(&guards) {
                if let Some(o) = offsets[id as usize].as_mut() {
                    o.1 = objs.len();
                }
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
        let (young_at, old_at) = (*offsets.get(h.ob_gc_shard.load(Relaxed) as usize)?)?;
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
        heap.old_after_full.store(generation_counts().1, Relaxed);
    }
    heap.collections.fetch_add(1, Relaxed);
    heap.collected.fetch_add(found as u64, Relaxed);
    heap.collecting.store(false, Relaxed);
    found
}
