//! `ListStore`: a list's items, readable by other threads without a lock.
//!
//! Threads that read a shared list (`data[i]`, `for x in data`) must not
//! write to a shared cache line, so reads take no lock (CPython 3.13t does the
//! same: `list_get_item_ref` reads `ob_item` with atomics and QSBR keeps
//! replaced arrays alive). Writers run inside the list's critical section.
//!
//! ## Layout
//!
//! The items live in a buffer of atomic words, the items' bits (0 for an
//! empty slot): item `i` is word `start + i`, and each word of the live range
//! `start..start + len` owns one reference; every other word is 0. A front
//! offset makes the list a double-ended buffer: `pop(0)`, `del a[0]` and
//! `insert(0, x)` move no words (CPython moves every item), and removing or
//! inserting near either end shifts the shorter side. When the back runs out
//! of room the items are compacted to the front in place if the buffer is at
//! most three quarters full, else moved into a buffer twice as big; so a list
//! used as a queue costs at most about one word move per operation.
//!
//! The list publishes the buffer's address, its capacity, the start and the
//! length in four atomics ([`ListView`]). A buffer is only ever replaced by
//! one at least as big (a list keeps its capacity until it is freed, also
//! across `clear()`), and a new buffer is published before its capacity: so
//! a reader that loads the capacity and then the buffer always finds the
//! buffer at least that long, and it checks every word index against that
//! capacity. Start and length may come from different updates when a writer
//! races the reader: the word read is then another item of the list, a word
//! that just left it (retired, still alive), or 0 (ask under the lock); never
//! memory outside the buffer. A `Vec<Value>` becomes a buffer without copying
//! (same layout).
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
//! - Readers load the length, the capacity, the buffer, the start and then
//!   the slot (all acquire); an index at or past the capacity, or an empty
//!   slot, sends them to the locked path, which gives the exact answer.
//! - Every word outside the live range is 0: a writer that moves the live
//!   range clears the words it leaves.

use std::ops::Range;
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

use crate::object::Value;

/// A buffer of item words.
type Buf = Box<[AtomicUsize]>;

/// A buffer of `cap` empty words, from zeroed memory: the allocator hands
/// out fresh pages without writing them (calloc), so the unused tail of a
/// big buffer (up to half of it after a doubling) takes no resident memory
/// until items arrive.
fn new_buf(cap: usize) -> Buf {
    let words: Box<[usize]> = vec![0usize; cap].into_boxed_slice();
    // SAFETY: `AtomicUsize` has the size, alignment and bit validity of
    // `usize`, so the slice's memory is a valid `[AtomicUsize]` of the same
    // length.
    unsafe { Box::from_raw(Box::into_raw(words) as *mut [AtomicUsize]) }
}

/// The items of `v` as a buffer, without copying when `v` is full.
fn buf_from_vec(v: Vec<Value>) -> Buf {
    let b: Box<[Value]> = v.into_boxed_slice();
    // SAFETY: `Value` is a `repr(transparent)` non-zero `usize` and
    // `AtomicUsize` has the size, alignment and bit validity of `usize`, so
    // the slice's memory is a valid `[AtomicUsize]` of the same length; the
    // references move into the words.
    unsafe { Box::from_raw(Box::into_raw(b) as *mut [AtomicUsize]) }
}

/// What lock-free readers see of a list: its buffer, the buffer's
/// capacity, the start of the items in it and their number.
#[derive(Default)]
pub struct ListView {
    buf: AtomicPtr<AtomicUsize>,
    cap: AtomicUsize,
    start: AtomicUsize,
    len: AtomicUsize,
}

impl ListView {
    /// Item `i`, read without a lock: `Some(Some(v))` found, `Some(None)`
    /// out of range, `None` if the read raced with a writer (ask under the
    /// lock).
    #[inline]
    pub fn get(&self, i: usize) -> Option<Option<Value>> {
        self.get_with(i, Value::clone)
    }

    /// [`get`](Self::get) taking the new reference with `clone` (the eval
    /// loop's policy: a plain increment under a GIL).
    #[inline(always)]
    pub fn get_with(&self, i: usize, clone: impl FnOnce(&Value) -> Value) -> Option<Option<Value>> {
        let len = self.len.load(Ordering::Acquire);
        if i >= len {
            return Some(None);
        }
        let cap = self.cap.load(Ordering::Acquire);
        let p = self.buf.load(Ordering::Acquire);
        let k = self.start.load(Ordering::Acquire).wrapping_add(i);
        if k >= cap {
            return None;
        }
        // SAFETY: `cap` was loaded before `p`, and a buffer is published
        // before its capacity and replaced only by one at least as big
        // (module rules), so `p` is a buffer (not null: `cap` > 0) of at
        // least `cap` words and word `k` is in it; it is retired through
        // QSBR when replaced, so it is alive until this thread's next
        // quiescent state.
        let bits = unsafe { &*p.add(k) }.load(Ordering::Acquire);
        if bits == 0 {
            return None;
        }
        // SAFETY: the slot owned a reference to `bits`; one that left the
        // list since was retired and outlives this read (module rules).
        let v = std::mem::ManuallyDrop::new(unsafe { Value::from_raw_bits(bits) });
        Some(Some(clone(&v)))
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
    /// Word index of the first item.
    start: usize,
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
        if items.is_empty() {
            return ListStore::default();
        }
        let len = items.len();
        ListStore {
            buf: Some(buf_from_vec(items)),
            start: 0,
            len,
            released: Vec::new(),
            replaced: Vec::new(),
        }
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
        self.buf.as_ref().map_or(0, |b| b.len())
    }

    /// The word of item `i` (`start + i` must be inside the buffer).
    #[inline]
    fn slot(&self, i: usize) -> &AtomicUsize {
        &self.buf.as_ref().expect("buffer")[self.start + i]
    }

    /// The words of items `range` (inside the buffer).
    #[inline]
    fn slots(&self, range: Range<usize>) -> &[AtomicUsize] {
        &self.buf.as_ref().expect("buffer")[self.start + range.start..self.start + range.end]
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

    /// The live words, in order.
    #[inline]
    fn words(&self) -> &[AtomicUsize] {
        match &self.buf {
            Some(b) => &b[self.start..self.start + self.len],
            None => &[],
        }
    }

    /// The items as a slice (inside the critical section, where no writer
    /// changes them).
    pub fn as_slice(&self) -> &[Value] {
        let w = self.words();
        // SAFETY: `Value` is a `repr(transparent)` non-zero `usize` with
        // `AtomicUsize`'s size and alignment, live words hold owned
        // references (non-zero), and inside the critical section nobody
        // writes them (lock-free readers only load), as in `get`.
        unsafe { std::slice::from_raw_parts(w.as_ptr() as *const Value, w.len()) }
    }

    /// The items by reference, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Value> {
        self.as_slice().iter()
    }

    /// A copy of the items (new references).
    pub fn to_vec(&self) -> Vec<Value> {
        self.as_slice().to_vec()
    }

    /// Records that `v` left the list: a second reference waits out the
    /// readers' grace period if any thread reads without a lock.
    fn leaving(&mut self, v: &Value) {
        if crate::object::needs_grace_period(v) {
            self.released.push(v.clone());
        }
    }

    /// Moves the items to the front of a bigger buffer with room for `cap`
    /// (retiring the old one). Buffers only grow (module rules).
    fn regrow(&mut self, cap: usize) {
        debug_assert!(cap >= self.cap());
        let new = new_buf(cap);
        for (to, from) in new.iter().zip(self.words()) {
            to.store(from.load(Ordering::Relaxed), Ordering::Relaxed);
        }
        self.start = 0;
        if let Some(old) = self.buf.replace(new) {
            self.replaced.push(old);
        }
    }

    /// Moves the items to the front of their buffer, clearing the words
    /// they leave (readers may be looking at any of them: atomic moves).
    fn compact(&mut self) {
        let (start, len) = (self.start, self.len);
        let b = self.buf.as_ref().expect("buffer");
        for k in 0..len {
            b[k].store(b[start + k].load(Ordering::Relaxed), Ordering::Relaxed);
        }
        for w in &b[len.max(start)..start + len] {
            w.store(0, Ordering::Relaxed);
        }
        self.start = 0;
    }

    /// Makes room for `extra` more items after the last one.
    #[inline]
    fn reserve(&mut self, extra: usize) {
        if self.start + self.len + extra > self.cap() {
            self.reserve_slow(extra);
        }
    }

    #[cold]
    fn reserve_slow(&mut self, extra: usize) {
        let need = self.len + extra;
        let cap = self.cap();
        if self.start > 0 && need <= cap - cap / 4 {
            self.compact();
        } else {
            self.regrow(need.max(cap * 2).max(4));
        }
    }

    /// Appends.
    #[inline]
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

    /// Inserts at `i` (`i <= len`): the items before `i` move one word
    /// towards the front when there is room there and they are the shorter
    /// side, else the items from `i` on move one word back.
    pub fn insert(&mut self, i: usize, v: Value) {
        assert!(i <= self.len, "insert index out of bounds");
        if self.start > 0 && i < self.len / 2 {
            self.start -= 1;
            // Word moves one at a time, atomic: readers may be looking.
            let s = self.slots(0..i + 1);
            for k in 1..s.len() {
                s[k - 1].store(s[k].load(Ordering::Relaxed), Ordering::Relaxed);
            }
            s[i].store(v.into_raw(), Ordering::Release);
            self.len += 1;
            return;
        }
        self.reserve(1);
        let s = self.slots(i..self.len + 1);
        for k in (1..s.len()).rev() {
            s[k].store(s[k - 1].load(Ordering::Relaxed), Ordering::Relaxed);
        }
        s[0].store(v.into_raw(), Ordering::Release);
        self.len += 1;
    }

    /// Removes and returns item `i` (`i < len`): the shorter side of the
    /// list moves one word to close the gap (so `pop(0)` moves none).
    pub fn remove(&mut self, i: usize) -> Value {
        assert!(i < self.len, "remove index out of bounds");
        let bits;
        if i < self.len / 2 {
            let s = self.slots(0..i + 1);
            bits = s[i].load(Ordering::Relaxed);
            for k in (1..s.len()).rev() {
                s[k].store(s[k - 1].load(Ordering::Relaxed), Ordering::Relaxed);
            }
            s[0].store(0, Ordering::Relaxed);
            self.start += 1;
        } else {
            let s = self.slots(i..self.len);
            bits = s[0].load(Ordering::Relaxed);
            for w in s.windows(2) {
                w[0].store(w[1].load(Ordering::Relaxed), Ordering::Relaxed);
            }
            s[s.len() - 1].store(0, Ordering::Relaxed);
        }
        self.len -= 1;
        if self.len == 0 {
            self.start = 0;
        }
        // SAFETY: the slot owned this reference; it is handed out.
        let v = unsafe { Value::from_raw_bits(bits) };
        self.leaving(&v);
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
        // Writers are serialised by the list's lock, so a load and a store
        // do (an atomic swap would be a locked instruction for nothing).
        let bits = self.slot(i).load(Ordering::Relaxed);
        self.slot(i).store(v.into_raw(), Ordering::Release);
        // SAFETY: the slot owned this reference; it is handed out.
        let old = unsafe { Value::from_raw_bits(bits) };
        self.leaving(&old);
        old
    }

    /// [`ListStore::replace`] without recording the old item as leaving:
    /// the caller gives it up through [`crate::object::retire`] (which
    /// waits out the readers' grace period when there are lock-free
    /// readers). The buffer and length do not change, so nothing needs
    /// publishing.
    pub fn replace_unrecorded(&mut self, i: usize, v: Value) -> Value {
        assert!(i < self.len, "index out of bounds");
        let bits = self.slot(i).load(Ordering::Relaxed);
        self.slot(i).store(v.into_raw(), Ordering::Release);
        // SAFETY: the slot owned this reference; it is handed out.
        unsafe { Value::from_raw_bits(bits) }
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

    /// Replaces the items in `range` by `items`, returning the old ones (in
    /// place: the tail moves one word at a time).
    pub fn splice(&mut self, range: Range<usize>, items: Vec<Value>) -> Vec<Value> {
        let (a, b) = (range.start, range.end);
        assert!(a <= b && b <= self.len, "splice out of bounds");
        let old_len = self.len;
        let k = items.len();
        let mut removed = Vec::with_capacity(b - a);
        for i in a..b {
            let bits = self.slot(i).load(Ordering::Relaxed);
            // SAFETY: the slot owned this reference; it is handed out (the
            // word is overwritten below).
            removed.push(unsafe { Value::from_raw_bits(bits) });
        }
        let new_len = old_len - (b - a) + k;
        if new_len > old_len {
            self.reserve(new_len - old_len);
        }
        if a + k > b {
            let d = a + k - b;
            for i in (b..old_len).rev() {
                let w = self.slot(i).load(Ordering::Relaxed);
                self.slot(i + d).store(w, Ordering::Relaxed);
            }
        } else if a + k < b {
            let d = b - (a + k);
            for i in b..old_len {
                let w = self.slot(i).load(Ordering::Relaxed);
                self.slot(i - d).store(w, Ordering::Relaxed);
            }
            for i in new_len..old_len {
                self.slot(i).store(0, Ordering::Relaxed);
            }
        }
        for (j, v) in items.into_iter().enumerate() {
            self.slot(a + j).store(v.into_raw(), Ordering::Release);
        }
        self.len = new_len;
        for v in &removed {
            self.leaving(v);
        }
        removed
    }

    /// Takes every item out, leaving the list empty (the buffer is kept for
    /// the items that follow).
    pub fn take_vec(&mut self) -> Vec<Value> {
        let out = self.take_vec_unread();
        for v in &out {
            self.leaving(v);
        }
        out
    }

    /// [`take_vec`](Self::take_vec) for a list no other thread can reach
    /// (its only reference is the caller's): no reader can be looking at
    /// the items, so none waits out a grace period.
    pub fn take_vec_unread(&mut self) -> Vec<Value> {
        let mut out = Vec::with_capacity(self.len);
        for i in 0..self.len {
            let bits = self.slot(i).load(Ordering::Relaxed);
            self.slot(i).store(0, Ordering::Relaxed);
            // SAFETY: the slot owned this reference; it is handed out.
            out.push(unsafe { Value::from_raw_bits(bits) });
        }
        self.len = 0;
        self.start = 0;
        out
    }

    /// Replaces every item by `items`, returning the old ones.
    pub fn set_vec(&mut self, items: Vec<Value>) -> Vec<Value> {
        let old = self.take_vec();
        self.extend(items);
        old
    }

    /// Removes every item, returning them (the buffer stays: see the
    /// module rules).
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

    /// Publishes the buffer, capacity, start and length to `view`: the
    /// buffer before its capacity, so a reader that loads the capacity and
    /// then the buffer finds a buffer at least that long (module rules).
    pub(crate) fn publish(&self, view: &ListView) {
        let p = self
            .buf
            .as_ref()
            .map_or(std::ptr::null_mut(), |b| b.as_ptr() as *mut AtomicUsize);
        if view.buf.load(Ordering::Relaxed) != p {
            view.buf.store(p, Ordering::Release);
            view.cap.store(self.cap(), Ordering::Release);
        }
        if view.start.load(Ordering::Relaxed) != self.start {
            view.start.store(self.start, Ordering::Release);
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
        let len = std::mem::take(&mut self.len);
        let start = self.start;
        if let Some(b) = &mut self.buf {
            for w in b[start..start + len].iter_mut() {
                let bits = std::mem::take(w.get_mut());
                // SAFETY: the slot owned this reference.
                drop(unsafe { Value::from_raw_bits(bits) });
            }
        }
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
            if let Some(b) = &s.buf {
                let live = s.start..s.start + s.len;
                assert!(b
                    .iter()
                    .enumerate()
                    .all(|(k, w)| (w.load(std::sync::atomic::Ordering::Relaxed) != 0)
                        == live.contains(&k)));
            }
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

    /// A list used as a queue (`pop(0)` and `append`) moves at most about
    /// one word per operation, keeps a bounded buffer and clears every
    /// word outside its items.
    #[test]
    fn queue_use_stays_cheap_and_clean() {
        let mut s = ListStore::from_vec((0..100).map(Value::small).collect());
        let view = ListView::default();
        for step in 100..100_000i64 {
            assert_eq!(s.remove(0).as_small(), Some(step - 100));
            s.push(Value::small(step));
            s.publish(&view);
            assert_eq!(view.get(50).unwrap().unwrap().as_small(), Some(step - 49));
        }
        assert!(s.cap() <= 400, "capacity {}", s.cap());
        let b = s.buf.as_ref().unwrap();
        for (k, w) in b.iter().enumerate() {
            let live = (s.start..s.start + s.len).contains(&k);
            assert_eq!(
                w.load(std::sync::atomic::Ordering::Relaxed) != 0,
                live,
                "word {k}"
            );
        }
        // Inserting at the front reuses the room there.
        let start = s.start;
        s.insert(0, Value::small(-1));
        if start > 0 {
            assert_eq!(s.start, start - 1);
        }
        assert_eq!(s.get(0).unwrap().as_small(), Some(-1));
        assert_eq!(s.get(1).unwrap().as_small(), Some(99_900));
        s.released.clear();
    }

    #[test]
    fn with_vec_keeps_the_items() {
        let mut s = ListStore::from_vec((0..10).rev().map(Value::small).collect());
        s.with_vec(|v| v.sort_by_key(|x| x.as_small()));
        assert_eq!(ints(&s), (0..10).collect::<Vec<_>>());
        assert!(s.released.is_empty());
    }
}
