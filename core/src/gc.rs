//! The cycle collector.
//!
//! Reference counting frees everything except garbage cycles. Every container
//! object (one whose payload can hold references) is tracked in the owning
//! thread's registry; a collection computes, for each tracked object, how many
//! of its references come from other tracked objects (CPython's
//! `subtract_refs`), treats objects with references from outside as roots,
//! marks what they reach, and clears the rest, which breaks the cycles so
//! reference counting frees them.
//!
//! Collections run only at the eval loop's safe point, never inside an
//! allocation, so no native code is interrupted half-way through a mutation.
//! A collection is requested when the number of container allocations since the
//! last one exceeds the number that survived it (at least
//! [`MIN_THRESHOLD`]), which keeps the amortised cost per allocation constant.

use std::cell::{Cell, RefCell};
use std::mem::ManuallyDrop;
use std::sync::atomic::Ordering::Relaxed;

use crate::object::header::{ObjHeader, GC_TRACKED};
use crate::object::{clear_raw, traverse_raw, Value};

/// Fewest allocations between two automatic collections.
pub const MIN_THRESHOLD: usize = 10_000;

thread_local! {
    static REGISTRY: RefCell<Vec<*const ObjHeader>> = const { RefCell::new(Vec::new()) };
    static ALLOCATED: Cell<usize> = const { Cell::new(0) };
    static THRESHOLD: Cell<usize> = const { Cell::new(MIN_THRESHOLD) };
    static ENABLED: Cell<bool> = const { Cell::new(true) };
    static COLLECTING: Cell<bool> = const { Cell::new(false) };
    static STATS: Cell<(u64, u64)> = const { Cell::new((0, 0)) };
}

/// Registers a new container object.
pub fn track(p: *const ObjHeader) {
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        // SAFETY: `p` is a freshly allocated, live object.
        let h = unsafe { &*p };
        h.ob_gc_index.store(r.len() as u32, Relaxed);
        h.ob_gc_bits.fetch_or(GC_TRACKED, Relaxed);
        r.push(p);
    });
    let n = ALLOCATED.with(|a| {
        let n = a.get() + 1;
        a.set(n);
        n
    });
    if n > THRESHOLD.with(|t| t.get()) && ENABLED.with(|e| e.get()) {
        crate::vm::request_safe_point();
    }
}

/// Removes an object from the registry (at deallocation).
pub fn untrack(p: *const ObjHeader) {
    // SAFETY: `p` is live until its deallocation finishes.
    let h = unsafe { &*p };
    let idx = h.ob_gc_index.load(Relaxed) as usize;
    h.ob_gc_bits.fetch_and(!GC_TRACKED, Relaxed);
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        if idx < r.len() && r[idx] == p {
            r.swap_remove(idx);
            if idx < r.len() {
                // SAFETY: registry entries are live tracked objects.
                unsafe { &*r[idx] }.ob_gc_index.store(idx as u32, Relaxed);
            }
        }
    });
}

/// True when enough allocations happened to make a collection worthwhile.
pub fn should_collect() -> bool {
    ENABLED.with(|e| e.get()) && ALLOCATED.with(|a| a.get()) > THRESHOLD.with(|t| t.get())
}

/// Enables or disables automatic collection (`gc.enable()`/`gc.disable()`).
pub fn set_enabled(on: bool) {
    ENABLED.with(|e| e.set(on));
}

/// True if automatic collection is enabled.
pub fn is_enabled() -> bool {
    ENABLED.with(|e| e.get())
}

/// Number of tracked container objects.
pub fn tracked_count() -> usize {
    REGISTRY.with(|r| r.borrow().len())
}

/// `(collections, objects collected)` so far on this thread.
pub fn stats() -> (u64, u64) {
    STATS.with(|s| s.get())
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

/// Runs a full collection; returns the number of objects found unreachable.
pub fn collect() -> usize {
    if COLLECTING.with(|c| c.replace(true)) {
        return 0;
    }
    let objs: Vec<*const ObjHeader> = REGISTRY.with(|r| r.borrow().clone());
    let n = objs.len();
    // 1. Start from the full reference counts.
    let mut gc_refs: Vec<isize> = objs
        .iter()
        // SAFETY: registry entries are live.
        .map(|&p| unsafe { &*p }.refcount())
        .collect();
    let index_of = |c: *const ObjHeader| -> Option<usize> {
        // SAFETY: `c` is referenced by a live object, so it is live.
        let h = unsafe { &*c };
        if h.ob_gc_bits.load(Relaxed) & GC_TRACKED == 0 {
            return None;
        }
        let i = h.ob_gc_index.load(Relaxed) as usize;
        (i < n && objs[i] == c).then_some(i)
    };
    // 2. Subtract references that come from tracked objects.
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
    // 4. Clear the unreachable ones while holding a reference to each, then
    //    let reference counting free them.
    let garbage: Vec<ManuallyDrop<Value>> = (0..n)
        .filter(|&i| !reachable[i])
        // SAFETY: unreachable objects are still live; we take a reference.
        .map(|i| ManuallyDrop::new(unsafe { Value::from_borrowed(objs[i]) }))
        .collect();
    let found = garbage.len();
    for g in &garbage {
        if let Some(p) = g.obj_ptr() {
            // SAFETY: we hold a reference, so the object is live; no payload
            // borrow is active at a safe point.
            unsafe { clear_raw(p) };
        }
    }
    for g in garbage {
        drop(ManuallyDrop::into_inner(g));
    }
    let survivors = tracked_count();
    ALLOCATED.with(|a| a.set(0));
    THRESHOLD.with(|t| t.set(survivors.max(MIN_THRESHOLD)));
    STATS.with(|s| {
        let (c, o) = s.get();
        s.set((c + 1, o + found as u64));
    });
    COLLECTING.with(|c| c.set(false));
    found
}
