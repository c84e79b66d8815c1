//! `ListStore`: a list's items, readable by other threads without a lock.
//!
//! Threads that read a shared list (`data[i]`, `for x in data`) must not
//! write to a shared cache line, so reads take no lock (CPython 3.13t does the
//! same: `list_get_item_ref` reads `ob_item` with atomics and QSBR keeps
//! replaced arrays alive). Writers run inside the list's critical section.
//!
//! ## Layout
//!
//! The items live in a buffer of atomic words: word 0 holds the capacity,
//! words `1..=capacity` the items' bits (0 for an empty slot). Each non-zero
//! word below the length owns one reference. The list publishes the buffer's
//! address and the length in two atomics ([`ListView`]).
//!
//! ## Rules
//!
//! - Writers change slots with atomic stores (release when a new value is
//!   stored), one word at a time, so a concurrent reader sees each slot
//!   either before or after (an insert may show it an element twice or skip
//!   one: a surprising but valid answer, as in CPython, never a torn word).
//! - A value that leaves the list (removed, replaced, cleared) may have just
//!   been loaded by a reader that has not taken its reference yet: when
//!   other threads read without locks, a second reference to it is retired
//!   through QSBR (`released`), so it stays alive until every thread has
//!   passed a quiescent state.
//! - A buffer replaced when the list grows or shrinks is retired the same
//!   way; the values in it moved to the new buffer with their references.
//! - Readers load the buffer (acquire), its capacity, the length (acquire)
//!   and the slot (acquire); an index beyond either bound, or an empty slot,
//!   sends them to the locked path, which gives the exact answer.

use std::ops::Range;
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

use crate::object::Value;

/// A buffer: capacity in word 0, items after.
type Buf = Box<[AtomicUsize]>;

fn new_buf(cap: usize) -> Buf {
    let b: Buf = (0..=cap).map(|_| AtomicUsize::new(0)).collect();
    b[0].store(cap, Ordering::Relaxed);
    b
}

/// What lock-free readers see of a list: its buffer and length.
#[derive(Default)]
pub struct ListView {
    buf: AtomicPtr<AtomicUsize>,
    len: AtomicUsize,
}

impl ListView {
    /// Item `i`, read without a lock: `Some(Some(v))` found, `Some(None)`
    /// out of range, `None` if the read raced with a writer (ask under the
    /// lock).
    #[inline]
    pub fn get(&self, i: usize) -> Option<Option<Value>> {
        let p = self.buf.load(Ordering::Acquire);
        let len = self.len.load(Ordering::Acquire);
        if i >= len {
            return Some(None);
        }
        if p.is_null() {
            return None;
        }
        // SAFETY: `p` is a published buffer, retired through QSBR when
        // replaced, so it is alive until this thread's next quiescent state;
        // word 0 is its capacity.
        let cap = unsafe { &*p }.load(Ordering::Relaxed);
        if i >= cap {
            return None;
        }
        // SAFETY: `1 + i <= cap` is within the buffer.
        let bits = unsafe { &*p.add(1 + i) }.load(Ordering::Acquire);
        if bits == 0 {
            return None;
        }
        // SAFETY: the slot owned a reference to `bits`; one that left the
        // list since was retired and outlives this read (module rules).
        let v = std::mem::ManuallyDrop::new(unsafe { Value::from_raw_bits(bits) });
        Some(Some((*v).clone()))
    }

    /// The length, without a lock.
    #[inline]
    pub fn len(&self) -> usize {
        self.len.load(Ordering::Acquire)
    }

    /// True if empty, without a lock.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The writer's side of a list's items (inside its critical section).
#[derive(Default)]
pub struct ListStore {
    buf: Option<Buf>,
    len: usize,
    /// References to values that left the list during this access (only
    /// when other threads may be reading without a lock).
    pub(crate) released: Vec<Value>,
    /// Buffers replaced during this access.
    pub(crate) replaced: Vec<Buf>,
}

// SAFETY: the store is touched only inside the list's critical section; its
// words are references it owns.
unsafe impl Send for ListStore {}

impl ListStore {
    /// A store holding `items`.
    pub fn from_vec(items: Vec<Value>) -> ListStore {
        let mut s = ListStore::default();
        s.extend(items);
        s
    }

    /// Number of items.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    /// True if empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn cap(&self) -> usize {
        self.buf.as_ref().map_or(0, |b| b.len() - 1)
    }

    #[inline]
    fn slot(&self, i: usize) -> &AtomicUsize {
        &self.buf.as_ref().expect("buffer")[1 + i]
    }

    /// Item `i` by reference.
    #[inline]
    pub fn get(&self, i: usize) -> Option<&Value> {
        if i >= self.len {
            return None;
        }
        let w = self.slot(i);
        // SAFETY: slots below `len` hold owned references, and inside the
        // critical section no one writes them, so the word may be viewed as
        // a `Value` (lock-free readers only load it).
        Some(unsafe { &*(w.as_ptr() as *const Value) })
    }

    /// The items by reference, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Value> + '_ {
        (0..self.len).map(|i| self.get(i).expect("in range"))
    }

    /// A copy of the items (new references).
    pub fn to_vec(&self) -> Vec<Value> {
        self.iter().cloned().collect()
    }

    /// Records that `v` left the list: a second reference waits out the
    /// readers' grace period if any thread reads without a lock.
    fn leaving(&mut self, v: &Value) {
        if crate::object::pycell::cell_locks_enabled() && !v.is_small() {
            self.released.push(v.clone());
        }
    }

    /// Moves the items into a buffer with room for `cap` (retiring the old).
    fn regrow(&mut self, cap: usize) {
        let new = new_buf(cap);
        if let Some(old) = &self.buf {
            for i in 0..self.len {
                new[1 + i].store(old[1 + i].load(Ordering::Relaxed), Ordering::Relaxed);
            }
        }
        if let Some(old) = self.buf.replace(new) {
            self.replaced.push(old);
        }
    }

    fn reserve(&mut self, extra: usize) {
        let need = self.len + extra;
        if need > self.cap() {
            self.regrow(need.max(self.cap() * 2).max(4));
        }
    }

    /// Shrinks the buffer when it is mostly empty (as CPython's
    /// `list_resize`).
    fn maybe_shrink(&mut self) {
        let cap = self.cap();
        if cap > 16 && self.len < cap / 4 {
            self.regrow((self.len * 2).max(8));
        } else if self.len == 0 && cap > 0 {
            if let Some(old) = self.buf.take() {
                self.replaced.push(old);
            }
        }
    }

    /// Appends.
    pub fn push(&mut self, v: Value) {
        self.reserve(1);
        self.slot(self.len).store(v.into_raw(), Ordering::Release);
        self.len += 1;
    }

    /// Appends every item.
    pub fn extend(&mut self, items: impl IntoIterator<Item = Value>) {
        let items = items.into_iter();
        self.reserve(items.size_hint().0);
        for v in items {
            self.push(v);
        }
    }

    /// Inserts at `i` (`i <= len`).
    pub fn insert(&mut self, i: usize, v: Value) {
        assert!(i <= self.len, "insert index out of bounds");
        self.reserve(1);
        let mut j = self.len;
        while j > i {
            let w = self.slot(j - 1).load(Ordering::Relaxed);
            self.slot(j).store(w, Ordering::Relaxed);
            j -= 1;
        }
        self.slot(i).store(v.into_raw(), Ordering::Release);
        self.len += 1;
    }

    /// Removes and returns item `i` (`i < len`).
    pub fn remove(&mut self, i: usize) -> Value {
        assert!(i < self.len, "remove index out of bounds");
        let bits = self.slot(i).load(Ordering::Relaxed);
        for j in i..self.len - 1 {
            let w = self.slot(j + 1).load(Ordering::Relaxed);
            self.slot(j).store(w, Ordering::Relaxed);
        }
        self.slot(self.len - 1).store(0, Ordering::Relaxed);
        self.len -= 1;
        // SAFETY: the slot owned this reference; it is handed out.
        let v = unsafe { Value::from_raw_bits(bits) };
        self.leaving(&v);
        self.maybe_shrink();
        v
    }

    /// Removes and returns the last item.
    pub fn pop(&mut self) -> Option<Value> {
        if self.len == 0 {
            return None;
        }
        Some(self.remove(self.len - 1))
    }

    /// Stores `v` at `i` (`i < len`), returning the old item.
    pub fn replace(&mut self, i: usize, v: Value) -> Value {
        assert!(i < self.len, "index out of bounds");
        let bits = self.slot(i).swap(v.into_raw(), Ordering::AcqRel);
        // SAFETY: the slot owned this reference; it is handed out.
        let old = unsafe { Value::from_raw_bits(bits) };
        self.leaving(&old);
        old
    }

    /// Swaps items `i` and `j`.
    pub fn swap(&mut self, i: usize, j: usize) {
        assert!(i < self.len && j < self.len, "swap index out of bounds");
        let a = self.slot(i).load(Ordering::Relaxed);
        let b = self.slot(j).load(Ordering::Relaxed);
        self.slot(i).store(b, Ordering::Relaxed);
        self.slot(j).store(a, Ordering::Relaxed);
    }

    /// Reverses the items in place.
    pub fn reverse(&mut self) {
        let n = self.len;
        for i in 0..n / 2 {
            self.swap(i, n - 1 - i);
        }
    }

    /// Replaces the items in `range` by `items`, returning the old ones.
    pub fn splice(&mut self, range: Range<usize>, items: Vec<Value>) -> Vec<Value> {
        assert!(
            range.start <= range.end && range.end <= self.len,
            "splice out of bounds"
        );
        let mut all = self.take_vec();
        let removed: Vec<Value> = all.splice(range, items).collect();
        self.set_vec(all);
        for v in &removed {
            self.leaving(v);
        }
        removed
    }

    /// Takes every item out, leaving the list empty.
    pub fn take_vec(&mut self) -> Vec<Value> {
        let mut out = Vec::with_capacity(self.len);
        for i in 0..self.len {
            let bits = self.slot(i).swap(0, Ordering::Relaxed);
            // SAFETY: the slot owned this reference; it is handed out.
            out.push(unsafe { Value::from_raw_bits(bits) });
        }
        self.len = 0;
        for v in &out {
            self.leaving(v);
        }
        if let Some(old) = self.buf.take() {
            self.replaced.push(old);
        }
        out
    }

    /// Replaces every item by `items`, returning the old ones.
    pub fn set_vec(&mut self, items: Vec<Value>) -> Vec<Value> {
        let old = self.take_vec();
        self.extend(items);
        old
    }

    /// Removes every item, returning them.
    pub fn clear(&mut self) -> Vec<Value> {
        self.take_vec()
    }

    /// Runs `f` on the items as a vector (for whole-list algorithms: sort,
    /// shuffle). Readers see an empty list meanwhile, as with CPython's sort.
    pub fn with_vec<R>(&mut self, f: impl FnOnce(&mut Vec<Value>) -> R) -> R {
        let mark = self.released.len();
        let mut v = self.take_vec();
        // The items come back: they do not leave the list.
        self.released.truncate(mark);
        let r = f(&mut v);
        self.extend(v);
        r
    }

    /// Publishes the buffer and length to `view`.
    pub(crate) fn publish(&self, view: &ListView) {
        let p = self
            .buf
            .as_ref()
            .map_or(std::ptr::null_mut(), |b| b.as_ptr() as *mut AtomicUsize);
        if view.buf.load(Ordering::Relaxed) != p {
            view.buf.store(p, Ordering::Release);
        }
        if view.len.load(Ordering::Relaxed) != self.len {
            view.len.store(self.len, Ordering::Release);
        }
    }
}

impl Drop for ListStore {
    fn drop(&mut self) {
        // The list is being freed (or this store was taken out of it):
        // nobody reads it any more, so the references go at once.
        for i in 0..self.len {
            let bits = self.slot(i).swap(0, Ordering::Relaxed);
            // SAFETY: the slot owned this reference.
            drop(unsafe { Value::from_raw_bits(bits) });
        }
        self.len = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::{ListStore, ListView};
    use crate::object::Value;

    fn ints(s: &ListStore) -> Vec<i64> {
        s.iter().map(|v| v.as_small().expect("small int")).collect()
    }

    /// Every operation agrees with `Vec` on a pseudo-random sequence of
    /// operations, and the published view agrees with the store.
    #[test]
    fn operations_match_a_vec_model() {
        let mut s = ListStore::default();
        let mut model: Vec<i64> = Vec::new();
        let view = ListView::default();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n.max(1) as u64) as usize
        };
        for step in 0..20_000i64 {
            match next(9) {
                0 | 1 => {
                    s.push(Value::small(step));
                    model.push(step);
                }
                2 => {
                    let i = next(model.len() + 1);
                    s.insert(i, Value::small(step));
                    model.insert(i, step);
                }
                3 if !model.is_empty() => {
                    let i = next(model.len());
                    assert_eq!(s.remove(i).as_small(), Some(model.remove(i)));
                }
                4 => assert_eq!(s.pop().and_then(|v| v.as_small()), model.pop()),
                5 if !model.is_empty() => {
                    let i = next(model.len());
                    let old = s.replace(i, Value::small(-step));
                    assert_eq!(
                        old.as_small(),
                        Some(std::mem::replace(&mut model[i], -step))
                    );
                }
                6 => {
                    let a = next(model.len() + 1);
                    let b = a + next(model.len() + 1 - a);
                    let new: Vec<i64> = (0..next(4) as i64).map(|k| step * 10 + k).collect();
                    let removed = s.splice(a..b, new.iter().map(|&k| Value::small(k)).collect());
                    let expect: Vec<i64> = model.splice(a..b, new).collect();
                    let got: Vec<i64> = removed.iter().map(|v| v.as_small().unwrap()).collect();
                    assert_eq!(got, expect);
                }
                7 => {
                    s.reverse();
                    model.reverse();
                }
                _ => {
                    if next(50) == 0 {
                        s.clear();
                        model.clear();
                    }
                }
            }
            s.publish(&view);
            assert_eq!(ints(&s), model);
            assert_eq!(view.len(), model.len());
            let i = next(model.len() + 2);
            let got = view
                .get(i)
                .expect("no writer runs")
                .map(|v| v.as_small().unwrap());
            assert_eq!(got, model.get(i).copied());
        }
    }

    #[test]
    fn with_vec_keeps_the_items() {
        let mut s = ListStore::from_vec((0..10).rev().map(Value::small).collect());
        s.with_vec(|v| v.sort_by_key(|x| x.as_small()));
        assert_eq!(ints(&s), (0..10).collect::<Vec<_>>());
        assert!(s.released.is_empty());
    }
}
