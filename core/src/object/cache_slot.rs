//! `CacheSlot`: a lock-free, version-tagged cache entry shared by threads
//! (the LOAD_GLOBAL cache and the per-type attribute cache).
//!
//! Every thread that runs a function reads its code object's caches, so in
//! free-threaded mode a cache behind a lock would make every thread write the
//! lock's cache line on every global or method lookup, and calls would not
//! scale (CPython 3.13t switched its specialising caches off for this reason;
//! 3.14 made them thread-safe). A slot is a sequence lock over `N` tags and
//! one value, all atomics:
//!
//! - a reader loads the sequence (acquire), the tags and the value (relaxed),
//!   then an acquire fence and the sequence again: if it was even and
//!   unchanged, the tags and value belong together. It then takes a new
//!   reference to the value. That is safe although the value may be replaced
//!   at the same moment: a writer that replaces it gives up the slot's
//!   reference through [`super::retire`], which in free-threaded mode waits
//!   until every thread has passed a quiescent state (QSBR), so the object
//!   outlives any read that started before.
//! - a writer claims the slot by moving the sequence from even to odd (a
//!   compare-exchange; if another thread is filling it, this fill is simply
//!   skipped: it is a cache), fences, stores the tags and value, and
//!   publishes the next even sequence with a release store (Boehm, "Can
//!   seqlocks get along with programming language memory models?", 2012).
//!
//! No lock is taken and a hit writes nothing, in any mode.

use std::sync::atomic::{fence, AtomicU64, AtomicUsize, Ordering};

use super::Value;

/// One cached value with `N` tags that say what it is valid for.
pub struct CacheSlot<const N: usize> {
    seq: AtomicU64,
    tags: [AtomicU64; N],
    /// The value's bits (the slot owns a reference), or 0 for a cached
    /// "nothing found".
    value: AtomicUsize,
}

impl<const N: usize> Default for CacheSlot<N> {
    fn default() -> Self {
        CacheSlot {
            seq: AtomicU64::new(0),
            tags: std::array::from_fn(|_| AtomicU64::new(0)),
            value: AtomicUsize::new(0),
        }
    }
}

/// What a lookup found.
pub enum Cached {
    /// The tags did not match (or a writer was busy): look it up.
    Miss,
    /// A hit: a new reference to the value, or `None` if "nothing" was cached.
    Hit(Option<Value>),
}

impl<const N: usize> CacheSlot<N> {
    /// The cached value if the slot was filled with exactly `tags` (a slot
    /// never filled is always a miss).
    #[inline(always)]
    pub fn get(&self, tags: [u64; N]) -> Cached {
        match self.read(tags) {
            Some(bits) => Self::hit(bits),
            None => Cached::Miss,
        }
    }

    /// The value's raw bits (0: "nothing") if the slot was filled with
    /// exactly `tags`, without taking a reference: for slots that cache
    /// small ints (tagged words, which hold no reference).
    #[inline(always)]
    pub fn peek(&self, tags: [u64; N]) -> Option<usize> {
        self.read(tags)
    }

    /// True if the slot was never filled.
    #[inline]
    pub fn never_filled(&self) -> bool {
        self.seq.load(Ordering::Relaxed) == 0
    }

    /// The value's bits (0: "nothing" cached) if the slot was filled with
    /// exactly `tags`, loaded consistently with them; `None` on a miss.
    #[inline(always)]
    fn read(&self, tags: [u64; N]) -> Option<usize> {
        if !super::pycell::cell_locks_enabled() {
            // No thread runs Python without a lock (a GIL, or a single
            // thread): no writer can be half-way through; skip the sequence.
            let same = self
                .tags
                .iter()
                .zip(tags)
                .all(|(t, want)| t.load(Ordering::Relaxed) == want);
            return (same && self.seq.load(Ordering::Relaxed) != 0)
                .then(|| self.value.load(Ordering::Relaxed));
        }
        let s1 = self.seq.load(Ordering::Acquire);
        let mut same = s1 & 1 == 0 && s1 != 0;
        for (t, want) in self.tags.iter().zip(tags) {
            same &= t.load(Ordering::Relaxed) == want;
        }
        let bits = self.value.load(Ordering::Relaxed);
        fence(Ordering::Acquire);
        (same && self.seq.load(Ordering::Relaxed) == s1).then_some(bits)
    }

    /// A hit on value `bits` (loaded while valid).
    #[inline(always)]
    fn hit(bits: usize) -> Cached {
        if bits == 0 {
            return Cached::Hit(None);
        }
        // SAFETY: `bits` was the slot's value while the sequence was stable,
        // so it was a live object (or tagged int or float) the slot held a reference
        // to; a writer that replaced it since retired that reference through
        // QSBR, which cannot complete before this thread's next quiescent
        // state, so the object is still alive. The clone takes our own
        // reference; the borrowed one is forgotten.
        let borrowed = std::mem::ManuallyDrop::new(unsafe { Value::from_raw_bits(bits) });
        Cached::Hit(Some((*borrowed).clone()))
    }

    /// The cached value's bits if the slot was filled with exactly `tags`
    /// and holds a value, without taking a reference: the object stays alive
    /// until this thread's next quiescent state (see [`CacheSlot::get`]), so
    /// the caller must use it without reaching a safe point (no Python code).
    #[inline(always)]
    pub fn get_borrowed(&self, tags: [u64; N]) -> Option<usize> {
        self.read(tags).filter(|&bits| bits != 0)
    }

    /// Fills the slot (skipped if another thread is filling it).
    pub fn set(&self, tags: [u64; N], value: Option<Value>) {
        let s = self.seq.load(Ordering::Relaxed);
        if s & 1 == 1
            || self
                .seq
                .compare_exchange(s, s + 1, Ordering::Relaxed, Ordering::Relaxed)
                .is_err()
        {
            return;
        }
        fence(Ordering::Release);
        for (t, v) in self.tags.iter().zip(tags) {
            t.store(v, Ordering::Relaxed);
        }
        let new = value.map(|v| v.into_raw()).unwrap_or(0);
        // The odd sequence excludes other writers: a load and a store do.
        let old = self.value.load(Ordering::Relaxed);
        self.value.store(new, Ordering::Relaxed);
        self.seq.store(s + 2, Ordering::Release);
        if old != 0 {
            // SAFETY: the slot owned a reference to `old`, now given up.
            super::retire(unsafe { Value::from_raw_bits(old) });
        }
    }

    /// Visits the cached value (the collector's traverse: the world is
    /// stopped or the GIL held, so no writer runs).
    pub fn visit(&self, visit: &mut dyn FnMut(&Value)) {
        let bits = self.value.load(Ordering::Acquire);
        if bits != 0 {
            // SAFETY: the slot owns a reference to this value; the borrow
            // ends before any writer could run.
            let v = std::mem::ManuallyDrop::new(unsafe { Value::from_raw_bits(bits) });
            visit(&v);
        }
    }

    /// Empties the slot (the collector's clear, or dropping the owner).
    pub fn clear(&self) {
        let old = self.value.swap(0, Ordering::AcqRel);
        self.seq.fetch_add(2, Ordering::Release);
        if old != 0 {
            // SAFETY: the slot owned a reference to `old`.
            super::retire(unsafe { Value::from_raw_bits(old) });
        }
    }
}

impl<const N: usize> Drop for CacheSlot<N> {
    fn drop(&mut self) {
        let bits = *self.value.get_mut();
        if bits != 0 {
            // SAFETY: the slot owned a reference; nobody can read it any more
            // (the owner is being freed), so it is dropped at once.
            drop(unsafe { Value::from_raw_bits(bits) });
        }
    }
}
