//! `dict` payload: an insertion-ordered hash table (CPython's compact dict:
//! a sparse index table over a dense entry array), readable without a lock.
//!
//! ## Layout and ownership
//!
//! A [`Table`] has a fixed shape: `indices` (a power-of-two array of entry
//! numbers, or `EMPTY`/`DUMMY`) and `entries` (hash, key, value), all atomics.
//! Entries are only appended: an entry number is never reused within a table
//! (deleting leaves a hole), so a reader that found a key in entry `ix` and
//! then reads entry `ix`'s value sees that key's value, or nothing if it was
//! deleted meanwhile. Growing or compacting builds a new table and publishes
//! it; the live keys and values move to it (their references with them).
//!
//! ## Who does what
//!
//! - Writers (insert, replace, delete, clear, resize) run inside the dict's
//!   critical section (`DictData::table`, a `PyCell`). They store an entry's
//!   fields before publishing its index (release), give up replaced or
//!   deleted keys and values through `object::retire`, and retire replaced
//!   tables the same way: in free-threaded mode these are freed only after
//!   every thread has passed a quiescent state (QSBR), so a reader that
//!   loaded a pointer a moment before can still use it.
//! - Lookups that need no Python code (`str`, `int`, `float`, `bytes`,
//!   tuples of those: [`native_eq`]) take no lock and write nothing: they load
//!   the current table (acquire), probe, load the entry, compare, and take a
//!   new reference to the value. Threads reading the same dict (module
//!   globals, a class namespace, a shared instance's `__dict__`, a shared
//!   lookup table) do not contend. CPython's free-threaded dict does the
//!   same (`_Py_dict_lookup_threadsafe`), with try-incref and QSBR.
//! - Lookups that must call a user `__eq__` never hold the critical section
//!   while calling out: they copy the candidate key, compare, and restart if
//!   the table's version changed meanwhile; a writer acting on such a lookup
//!   re-checks the version in the same access.

use std::sync::atomic::{
    AtomicI32, AtomicI64, AtomicPtr, AtomicU32, AtomicU64, AtomicUsize, Ordering,
};

use super::{builtin_types, PyResult, StrData, Traverse};
use crate::object::{PyCell, Value};

const EMPTY: i32 = -1;
const DUMMY: i32 = -2;
const MIN_SIZE: usize = 8;

/// One key/value slot. `key == 0` marks an unused or deleted entry; a live
/// entry owns one reference to its key and one to its value.
pub struct Entry {
    hash: AtomicI64,
    key: AtomicUsize,
    value: AtomicUsize,
}

/// A table of fixed shape, shared with lock-free readers (see the module
/// documentation). Dropping a table frees only its arrays: the references in
/// its entries are released by [`DictTable`].
pub struct Table {
    indices: Box<[AtomicI32]>,
    entries: Box<[Entry]>,
}

/// Most freed minimum-size tables a thread keeps for reuse.
const SMALL_TABLES_MAX: usize = 64;

thread_local! {
    /// Freed tables of the minimum size, reset to empty: most dicts (an
    /// instance's attributes, a small literal) need one, and reusing it
    /// saves its three allocations (CPython keeps a free list of the
    /// smallest dict keys objects for the same reason). Boxed: a table
    /// moves in and out of a dict by its pointer, which readers load.
    #[allow(clippy::vec_box)]
    static SMALL_TABLES: std::cell::RefCell<Vec<Box<Table>>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

impl Table {
    /// A table with `size` index slots (a power of two) and room for
    /// `size * 2 / 3` entries.
    fn with_size(size: usize) -> Box<Table> {
        if size == MIN_SIZE {
            if let Some(t) = SMALL_TABLES
                .try_with(|f| f.borrow_mut().pop())
                .ok()
                .flatten()
            {
                return t;
            }
        }
        Box::new(Table {
            indices: (0..size).map(|_| AtomicI32::new(EMPTY)).collect(),
            // Zeroed memory (calloc): fresh pages are not written, so the
            // entries a grown table has not used yet take no resident memory.
            // SAFETY: an `Entry` is three atomic integers, for which all
            // zero bits are valid (zero hash, no key, no value).
            entries: unsafe { Box::<[Entry]>::new_zeroed_slice(size * 2 / 3).assume_init() },
        })
    }

    #[inline(always)]
    fn mask(&self) -> usize {
        self.indices.len() - 1
    }

    /// The index size for `min_used` entries: the smallest power of two
    /// (at least [`MIN_SIZE`]) whose two-thirds holds them.
    fn size_for(min_used: usize) -> usize {
        let mut size = MIN_SIZE;
        while size * 2 / 3 < min_used {
            size <<= 1;
        }
        size
    }

    /// Writes entry `n` (hash, key and value bits, whose references the
    /// table now owns) and its index, in a table no reader can reach yet
    /// and whose keys are known to be distinct (no comparison).
    fn place(&self, n: usize, hash: i64, kb: usize, vb: usize) {
        let e = &self.entries[n];
        e.hash.store(hash, Ordering::Relaxed);
        e.key.store(kb, Ordering::Relaxed);
        e.value.store(vb, Ordering::Relaxed);
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        while self.indices[i].load(Ordering::Relaxed) != EMPTY {
            i = next_slot(i, &mut perturb, mask);
        }
        self.indices[i].store(n as i32, Ordering::Relaxed);
    }

    /// Frees a table that holds no references any more (its key and value
    /// words are zero) and that no reader can reach, or keeps it for reuse
    /// if it has the minimum size.
    fn release(t: Box<Table>) {
        if t.indices.len() != MIN_SIZE {
            return;
        }
        for i in t.indices.iter() {
            i.store(EMPTY, Ordering::Relaxed);
        }
        for e in t.entries.iter() {
            debug_assert_eq!(e.key.load(Ordering::Relaxed), 0);
            debug_assert_eq!(e.value.load(Ordering::Relaxed), 0);
            e.hash.store(0, Ordering::Relaxed);
        }
        let _ = SMALL_TABLES.try_with(|f| {
            let mut f = f.borrow_mut();
            if f.len() < SMALL_TABLES_MAX {
                f.push(t);
            }
        });
    }
}

/// Borrows the value whose bits are `bits` (non-zero) without taking a
/// reference.
///
/// # Safety
/// The object must stay alive while the borrow is used: the caller holds the
/// dict's critical section (so the entry still owns it), or reads lock-free
/// before its next quiescent state (so a retired reference is not freed yet).
#[inline(always)]
unsafe fn borrow_bits(bits: usize) -> std::mem::ManuallyDrop<Value> {
    // SAFETY: per the function's contract.
    std::mem::ManuallyDrop::new(unsafe { Value::from_raw_bits(bits) })
}

/// The writer's side of a dict: the current table and its counters, inside
/// the dict's critical section.
#[derive(Default)]
pub struct DictTable {
    /// The current table (`None` while the dict has never held an item, or
    /// after it was emptied). `DictData::current` mirrors its address.
    table: Option<Box<Table>>,
    /// Entries used so far in `table` (live or deleted).
    nentries: usize,
    /// Live entries.
    used: usize,
    /// Where `dict.popitem` starts looking for the last live entry.
    pop_hint: usize,
    /// Bumped on every mutation (used by caches and iterators).
    pub version: u64,
    /// Tables replaced inside the current access, retired once the new one
    /// is published. Boxed: lock-free readers hold the tables' addresses,
    /// which must not move.
    #[allow(clippy::vec_box)]
    replaced: Vec<Box<Table>>,
}

// SAFETY: `DictTable` lives in a `PyCell` and is touched only inside the
// dict's critical section; the raw bits in its entries are references it owns.
unsafe impl Send for DictTable {}

/// Gives up `v`, which lock-free readers may have loaded: kept for the
/// grace period in `released` if other threads read without locks, else
/// dropped at once (dropping runs no Python code).
#[inline]
fn give_up(released: &mut Vec<Value>, v: Value) {
    if crate::object::needs_grace_period(&v) {
        released.push(v);
    } else {
        drop(v);
    }
}

/// Records `ix` in an attribute site's hint. The hint belongs to a code
/// object that every thread running it reads: it is written only when it
/// changes, so threads whose instances agree (or that fill fresh instances,
/// where the hint cannot match before the store) write no shared line.
#[inline]
fn note_hint(hint: &AtomicU32, ix: usize) {
    if hint.load(Ordering::Relaxed) != ix as u32 {
        hint.store(ix as u32, Ordering::Relaxed);
    }
}

/// Outcome of a probe step.
enum Probe {
    /// Key absent; insert at index slot `slot`.
    Vacant(usize),
    /// Key present at entry `ix`.
    Found(usize),
    /// A candidate with equal hash that needs a Python-level comparison.
    Candidate(usize, Value),
}

/// Outcome of a lock-free lookup.
enum Fast<T = Value> {
    Found(T),
    Absent,
    /// A key needs a Python `__eq__`: take the slow path.
    NeedsPython,
}

#[inline(always)]
fn next_slot(i: usize, perturb: &mut u64, mask: usize) -> usize {
    *perturb >>= 5;
    (i.wrapping_mul(5)
        .wrapping_add(*perturb as usize)
        .wrapping_add(1))
        & mask
}

impl DictTable {
    /// Number of live entries.
    pub fn len(&self) -> usize {
        self.used
    }

    /// True if the table holds no entries.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    fn probe_from(&self, hash: i64, key: &Value, skip: usize) -> Probe {
        let Some(t) = &self.table else {
            return Probe::Vacant(usize::MAX);
        };
        // `skip` candidates were already compared unequal by the caller.
        let mask = t.mask();
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        let mut skipped = 0;
        loop {
            let ix = t.indices[i].load(Ordering::Relaxed);
            if ix == EMPTY {
                return Probe::Vacant(i);
            }
            if ix >= 0 {
                let e = &t.entries[ix as usize];
                let kb = e.key.load(Ordering::Relaxed);
                if kb != 0 && e.hash.load(Ordering::Relaxed) == hash {
                    // SAFETY: inside the critical section the entry owns it.
                    let k = unsafe { borrow_bits(kb) };
                    if skipped >= skip {
                        if k.is(key) {
                            return Probe::Found(ix as usize);
                        }
                        match native_eq(&k, key) {
                            Some(true) => return Probe::Found(ix as usize),
                            Some(false) => {}
                            None => return Probe::Candidate(ix as usize, (*k).clone()),
                        }
                    } else {
                        skipped += 1;
                    }
                }
            }
            i = next_slot(i, &mut perturb, mask);
        }
    }

    /// Moves the live entries into a new table with room for at least
    /// `min_used` entries (the smallest power-of-two index size whose
    /// two-thirds holds them); the old one waits in `replaced` until the new
    /// one is published.
    fn rebuild(&mut self, min_used: usize) {
        let new = Table::with_size(Table::size_for(min_used));
        let mut n = 0;
        if let Some(old) = &self.table {
            for e in old.entries[..self.nentries].iter() {
                let kb = e.key.load(Ordering::Relaxed);
                if kb != 0 {
                    let hash = e.hash.load(Ordering::Relaxed);
                    new.place(n, hash, kb, e.value.load(Ordering::Relaxed));
                    n += 1;
                }
            }
        }
        // The references moved to `new`; the old arrays are freed without
        // touching them.
        if let Some(old) = self.table.replace(new) {
            self.replaced.push(old);
        }
        self.nentries = n;
        self.pop_hint = n;
    }

    /// Removes entry `ix` (whose hash is `hash`): its key and value, if it
    /// was live. The entry stays as a hole; its index slot becomes a dummy;
    /// an emptied table is dropped.
    fn remove_entry(&mut self, ix: usize, hash: i64) -> (Option<Value>, Option<Value>) {
        let Some(t) = &self.table else {
            return (None, None);
        };
        let e = &t.entries[ix];
        // Writers are serialised by the dict's lock: loads and stores do.
        let kb = e.key.load(Ordering::Relaxed);
        if kb == 0 {
            return (None, None);
        }
        let vb = e.value.load(Ordering::Relaxed);
        e.key.store(0, Ordering::Relaxed);
        e.value.store(0, Ordering::Relaxed);
        self.used -= 1;
        self.version += 1;
        let mask = t.mask();
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        loop {
            if t.indices[i].load(Ordering::Relaxed) == ix as i32 {
                t.indices[i].store(DUMMY, Ordering::Release);
                break;
            }
            i = next_slot(i, &mut perturb, mask);
        }
        if self.used == 0 {
            if let Some(old) = self.table.take() {
                self.replaced.push(old);
            }
            self.nentries = 0;
            self.pop_hint = 0;
        }
        // SAFETY: the entry owned these references; they are handed out.
        unsafe {
            (
                Some(Value::from_raw_bits(kb)),
                Some(Value::from_raw_bits(vb)),
            )
        }
    }

    /// Inserts `key` (known to be absent) with `value`.
    fn insert_absent(&mut self, hash: i64, key: Value, value: Value) {
        let full = match &self.table {
            None => true,
            Some(t) => self.nentries == t.entries.len(),
        };
        if full {
            // Room for twice the live entries, as CPython's `GROWTH_RATE`
            // (used * 3 index slots, Objects/dictobject.c): a full table
            // doubles, one with many holes is compacted in place.
            self.rebuild((self.used * 2).max(1));
        }
        let t = self.table.as_ref().expect("table after rebuild");
        let mask = t.mask();
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        while t.indices[i].load(Ordering::Relaxed) != EMPTY {
            i = next_slot(i, &mut perturb, mask);
        }
        let n = self.nentries;
        let e = &t.entries[n];
        e.hash.store(hash, Ordering::Relaxed);
        e.key.store(key.into_raw(), Ordering::Relaxed);
        e.value.store(value.into_raw(), Ordering::Relaxed);
        // Publishes the entry to lock-free readers.
        t.indices[i].store(n as i32, Ordering::Release);
        self.nentries = n + 1;
        self.pop_hint = self.nentries;
        self.used += 1;
        self.version += 1;
    }

    /// Replaces the value of live entry `ix`, returning the old one.
    fn replace_value(&mut self, ix: usize, value: Value) -> Option<Value> {
        let t = self.table.as_ref()?;
        let slot = &t.entries[ix].value;
        let old = slot.load(Ordering::Relaxed);
        slot.store(value.into_raw(), Ordering::Release);
        self.version += 1;
        // SAFETY: the entry owned the old reference.
        (old != 0).then(|| unsafe { Value::from_raw_bits(old) })
    }

    /// Iterates live `(hash, key, value)` by reference (inside the critical
    /// section, where no writer can change them).
    pub fn iter_hashed(&self) -> impl Iterator<Item = (i64, &Value, &Value)> {
        let entries = match &self.table {
            Some(t) => &t.entries[..self.nentries],
            None => &[][..],
        };
        entries.iter().filter_map(|e| {
            if e.key.load(Ordering::Relaxed) == 0 {
                return None;
            }
            // SAFETY: a live entry's key and value words hold owned
            // references, and inside the critical section nobody writes
            // them, so viewing the words as `Value`s is sound (concurrent
            // lock-free readers only load them).
            unsafe {
                Some((
                    e.hash.load(Ordering::Relaxed),
                    &*(e.key.as_ptr() as *const Value),
                    &*(e.value.as_ptr() as *const Value),
                ))
            }
        })
    }

    /// Iterates live `(key, value)` pairs by reference.
    pub fn iter(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.iter_hashed().map(|(_, k, v)| (k, v))
    }

    /// A compact copy of the live entries (new references to the same keys
    /// and values), in a table sized for them: keys are copied with their
    /// hashes and never compared, as CPython copies a dict's keys object
    /// instead of inserting item by item (`PyDict_Copy`).
    fn copy_live(&self) -> DictTable {
        let mut copy = DictTable::default();
        if self.used == 0 {
            return copy;
        }
        let new = Table::with_size(Table::size_for(self.used));
        let mut n = 0;
        for (hash, k, v) in self.iter_hashed() {
            new.place(n, hash, k.clone().into_raw(), v.clone().into_raw());
            n += 1;
        }
        copy.table = Some(new);
        copy.nentries = n;
        copy.used = n;
        copy.pop_hint = n;
        copy
    }

    /// Takes every live key and value out (the table is left empty).
    fn take_all(&mut self) -> Vec<Value> {
        let mut out = Vec::with_capacity(self.used * 2);
        if let Some(t) = self.table.take() {
            for e in t.entries[..self.nentries].iter() {
                let kb = e.key.load(Ordering::Relaxed);
                if kb != 0 {
                    let vb = e.value.load(Ordering::Relaxed);
                    e.key.store(0, Ordering::Relaxed);
                    e.value.store(0, Ordering::Relaxed);
                    // SAFETY: the entry owned both references.
                    unsafe {
                        out.push(Value::from_raw_bits(kb));
                        out.push(Value::from_raw_bits(vb));
                    }
                }
            }
            self.replaced.push(t);
        }
        self.nentries = 0;
        self.used = 0;
        self.pop_hint = 0;
        out
    }
}

impl Drop for DictTable {
    fn drop(&mut self) {
        // The dict itself is being freed (or this is a table state taken
        // out of it): nobody can read it, so the references go at once, and
        // the table with them (no grace period, nothing collected first).
        if let Some(mut t) = self.table.take() {
            // Owned, so plain reads and writes (an atomic swap would be a
            // locked instruction per word for nothing).
            for e in t.entries[..self.nentries].iter_mut() {
                let kb = std::mem::take(e.key.get_mut());
                if kb != 0 {
                    let vb = std::mem::take(e.value.get_mut());
                    // SAFETY: the entry owned both references; its words are
                    // zeroed, so they are given up exactly once.
                    unsafe {
                        drop(Value::from_raw_bits(kb));
                        drop(Value::from_raw_bits(vb));
                    }
                }
            }
            Table::release(t);
        }
    }
}

/// The payload of a `dict`.
pub struct DictData {
    /// The writer's state, inside the dict's critical section. Never call
    /// Python code inside it; go through `DictData::access`, which keeps
    /// `current` and `version` current.
    table: PyCell<DictTable>,
    /// The current table's address (null: empty), for lock-free lookups.
    current: AtomicPtr<Table>,
    /// The table's mutation counter, mirrored outside the lock so caches
    /// validate against it without taking the dict's lock (LOAD_GLOBAL reads
    /// it on every execution, from every thread).
    version: AtomicU64,
    /// Instance attributes of a Python subclass's instance (None otherwise).
    pub attrs: crate::object::value_slot::ValueSlot,
}

impl Traverse for DictData {
    const TRACKED: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.table.with(|t| {
            for (k, v) in t.iter() {
                visit(k);
                visit(v);
            }
        });
        self.attrs.visit(visit);
    }
    fn clear(&self) {
        self.clear_all();
        let a = self.attrs.take();
        drop(a);
    }
}

/// Equality callback for keys that need Python code to compare.
pub type KeyEq<'a> = &'a mut dyn FnMut(&Value, &Value) -> PyResult<bool>;

/// A table and the references its owner gave up, freed after a grace period.
#[allow(clippy::vec_box)] // readers hold the tables' addresses (see `DictTable`)
struct RetiredTables(Vec<Box<Table>>, Vec<Value>);

// SAFETY: the tables hold only atomics; the values may be dropped on any
// thread (biased counting routes each decrement).
unsafe impl Send for RetiredTables {}

impl RetiredTables {
    fn free(self) {
        let RetiredTables(tables, values) = self;
        drop(values);
        drop(tables);
    }
}

impl DictData {
    /// An empty dict payload.
    pub fn new() -> DictData {
        DictData {
            table: PyCell::new(DictTable::default()),
            current: AtomicPtr::new(std::ptr::null_mut()),
            version: AtomicU64::new(0),
            attrs: Default::default(),
        }
    }

    /// Number of items.
    #[inline]
    pub fn len(&self) -> usize {
        self.table.with(|t| t.used)
    }

    /// True if empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The mutation counter (no lock taken).
    #[inline]
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Acquire)
    }

    /// Runs a mutation `f` on the table inside the dict's critical section,
    /// then publishes the current table and version and retires what `f`
    /// replaced or gave up (`released`: references readers may still load).
    #[inline(always)]
    fn access<R>(&self, f: impl FnOnce(&mut DictTable, &mut Vec<Value>) -> R) -> R {
        let mut released = Vec::new();
        let (r, replaced) = self.table.with(|t| {
            let r = f(t, &mut released);
            let now = t
                .table
                .as_deref()
                .map_or(std::ptr::null_mut(), |p| p as *const Table as *mut Table);
            if self.current.load(Ordering::Relaxed) != now {
                self.current.store(now, Ordering::Release);
            }
            if self.version.load(Ordering::Relaxed) != t.version {
                self.version.store(t.version, Ordering::Release);
            }
            let replaced = if t.replaced.is_empty() {
                Vec::new()
            } else {
                std::mem::take(&mut t.replaced)
            };
            (r, replaced)
        });
        if !replaced.is_empty() || !released.is_empty() {
            let bundle = RetiredTables(replaced, released);
            crate::object::retire_with(Box::new(move || bundle.free()));
        }
        r
    }

    /// Lock-free lookup for keys that compare without Python code.
    #[inline]
    fn lookup_fast<R>(&self, key: &Value, hash: i64, found: impl FnOnce(&Value) -> R) -> Fast<R> {
        self.lookup_fast_with(
            hash,
            |k| {
                if k.is(key) {
                    Some(true)
                } else {
                    native_eq(k, key)
                }
            },
            |v, _| found(v),
        )
    }

    /// [`Self::lookup_fast`] with the key comparison `same` (`None`: needs
    /// Python code). `found` gets the value without a reference of its own:
    /// it must not run Python code (no safe point while the borrow lasts).
    #[inline(always)]
    fn lookup_fast_with<R>(
        &self,
        hash: i64,
        same: impl Fn(&Value) -> Option<bool>,
        found: impl FnOnce(&Value, usize) -> R,
    ) -> Fast<R> {
        let p = self.current.load(Ordering::Acquire);
        if p.is_null() {
            return Fast::Absent;
        }
        // SAFETY: `p` was the current table when loaded; a writer that
        // replaces it retires it (freed only after this thread's next
        // quiescent state, or at once when no thread reads without a lock,
        // in which case no writer runs concurrently).
        let t = unsafe { &*p };
        let mask = t.mask();
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        loop {
            let ix = t.indices[i].load(Ordering::Acquire);
            if ix == EMPTY {
                return Fast::Absent;
            }
            if ix >= 0 {
                let e = &t.entries[ix as usize];
                if e.hash.load(Ordering::Relaxed) == hash {
                    let kb = e.key.load(Ordering::Acquire);
                    if kb != 0 {
                        // SAFETY: the key was live in the entry; a writer
                        // that deleted it since retired it (see above).
                        let k = unsafe { borrow_bits(kb) };
                        match same(&k) {
                            Some(true) => {
                                let vb = e.value.load(Ordering::Acquire);
                                if vb == 0 {
                                    // Deleted meanwhile.
                                    return Fast::Absent;
                                }
                                // SAFETY: as for the key.
                                let v = unsafe { borrow_bits(vb) };
                                return Fast::Found(found(&v, ix as usize));
                            }
                            Some(false) => {}
                            None => return Fast::NeedsPython,
                        }
                    }
                }
            }
            i = next_slot(i, &mut perturb, mask);
        }
    }

    /// Finds the entry index of `key`: `Ok(entry)` if present, `Err(slot)` if
    /// not, with the table version the answer holds for. Equality callbacks
    /// run outside the table's critical section, so a caller that acts on the
    /// answer does it in one access that first checks the version is
    /// unchanged (and looks again if not): another thread, or the callback
    /// itself, may have changed the table meanwhile.
    fn find(&self, key: &Value, hash: i64, eq: KeyEq) -> PyResult<(Result<usize, usize>, u64)> {
        'restart: loop {
            let mut skip = 0;
            loop {
                let (probe, version) = self
                    .table
                    .with(|t| (t.probe_from(hash, key, skip), t.version));
                match probe {
                    Probe::Vacant(slot) => return Ok((Err(slot), version)),
                    Probe::Found(ix) => return Ok((Ok(ix), version)),
                    Probe::Candidate(ix, k) => {
                        let same = eq(&k, key)?;
                        if self.table.with(|t| t.version) != version {
                            continue 'restart;
                        }
                        if same {
                            return Ok((Ok(ix), version));
                        }
                        skip += 1;
                    }
                }
            }
        }
    }

    /// Looks up `key` (with its hash).
    pub fn get(&self, key: &Value, hash: i64, eq: KeyEq) -> PyResult<Option<Value>> {
        match self.lookup_fast(key, hash, Value::clone) {
            Fast::Found(v) => return Ok(Some(v)),
            Fast::Absent => return Ok(None),
            Fast::NeedsPython => {}
        }
        loop {
            let (found, version) = self.find(key, hash, eq)?;
            let Ok(ix) = found else { return Ok(None) };
            let got = self.table.with(|t| {
                (t.version == version).then(|| {
                    let vb = t.table.as_ref()?.entries[ix].value.load(Ordering::Relaxed);
                    // SAFETY: inside the critical section the entry owns it.
                    (vb != 0).then(|| (*unsafe { borrow_bits(vb) }).clone())
                })
            });
            if let Some(v) = got {
                return Ok(v);
            }
        }
    }

    /// The usual store, a key that compares without Python code: looks up
    /// and stores in one access and returns the entry's index. `None` (the
    /// key and value handed back) when an equal-hash key needs Python
    /// `__eq__`.
    fn set_native(&self, key: Value, hash: i64, value: Value) -> Result<usize, (Value, Value)> {
        let mut kv = Some((key, value));
        let ix = self.access(|t, released| {
            match t.probe_from(hash, &kv.as_ref().expect("present").0, 0) {
                Probe::Found(ix) => {
                    let (key, value) = kv.take().expect("stored once");
                    if let Some(old) = t.replace_value(ix, value) {
                        give_up(released, old);
                    }
                    drop(key);
                    Some(ix)
                }
                Probe::Vacant(_) => {
                    let (key, value) = kv.take().expect("stored once");
                    t.insert_absent(hash, key, value);
                    Some(t.nentries - 1)
                }
                Probe::Candidate(..) => None,
            }
        });
        match ix {
            Some(ix) => Ok(ix),
            None => Err(kv.expect("handed back")),
        }
    }

    /// Inserts or replaces.
    pub fn set(&self, key: Value, hash: i64, value: Value, eq: KeyEq) -> PyResult<()> {
        let mut kv = match self.set_native(key, hash, value) {
            Ok(_) => return Ok(()),
            Err(kv) => Some(kv),
        };
        loop {
            let k = &kv.as_ref().expect("put back on retry").0;
            let (found, version) = self.find(k, hash, eq)?;
            let done = self.access(|t, released| {
                if t.version != version {
                    return false;
                }
                let (key, value) = kv.take().expect("stored once");
                match found {
                    Ok(ix) => {
                        if let Some(old) = t.replace_value(ix, value) {
                            give_up(released, old);
                        }
                        drop(key);
                    }
                    Err(_) => t.insert_absent(hash, key, value),
                }
                true
            });
            if done {
                return Ok(());
            }
        }
    }

    /// Fills this dict with `src`'s items if it is empty: one copy of the
    /// source's table, sized for its items (no growth on the way, no key
    /// compared, no hash recomputed). False, with nothing changed, if this
    /// dict is not empty (another thread may have filled it meanwhile).
    pub fn fill_from(&self, src: &DictData) -> bool {
        let mut copy = src.table.with(|s| s.copy_live());
        self.access(|t, _| {
            if t.used != 0 {
                return false;
            }
            if let Some(old) = std::mem::replace(&mut t.table, copy.table.take()) {
                t.replaced.push(old);
            }
            t.nentries = copy.nentries;
            t.used = copy.used;
            t.pop_hint = copy.pop_hint;
            t.version += 1;
            true
        })
    }

    /// Removes `key`, returning its value.
    pub fn remove(&self, key: &Value, hash: i64, eq: KeyEq) -> PyResult<Option<Value>> {
        loop {
            let (found, version) = self.find(key, hash, eq)?;
            let Ok(ix) = found else { return Ok(None) };
            let removed = self.access(|t, released| {
                if t.version != version {
                    return None;
                }
                let (k, v) = t.remove_entry(ix, hash);
                if let Some(k) = k {
                    give_up(released, k);
                }
                // The caller gets the value's reference and may drop it at
                // once, while a lock-free reader that loaded it a moment ago
                // has not taken its own yet: a second reference waits out
                // the grace period.
                if let Some(v) = &v {
                    give_up(released, v.clone());
                }
                Some(v)
            });
            if let Some(v) = removed {
                return Ok(v);
            }
        }
    }

    /// `d[key]` for a key that compares without Python code (exact `str`
    /// or small int): `Some(value)` if present; `None` if absent or if the
    /// question needs Python code (the caller takes the general path). Takes
    /// no lock and runs no Python code.
    pub fn get_native(&self, key: &Value) -> Option<Value> {
        self.with_native(key, Value::clone)
    }

    /// [`Self::get_native`] without taking a reference: runs `found` on the
    /// value, which stays alive while it runs since a writer that removes it
    /// retires it (QSBR). `found` must not run Python code.
    #[inline]
    pub fn with_native<R>(&self, key: &Value, found: impl FnOnce(&Value) -> R) -> Option<R> {
        if !key.is_small() && key.type_ptr() != builtin_types().str.as_ptr() {
            return None;
        }
        let hash = crate::vm::protocol::const_hash(key)?;
        match self.lookup_fast(key, hash, found) {
            Fast::Found(v) => Some(v),
            Fast::Absent | Fast::NeedsPython => None,
        }
    }

    /// `key in d` for a key that compares without Python code (exact `str`
    /// or small int): `Some(answer)`, or `None` if the question needs Python
    /// code (the caller takes the general path). Takes no lock.
    #[inline]
    pub fn contains_native(&self, key: &Value) -> Option<bool> {
        if !key.is_small() && key.type_ptr() != builtin_types().str.as_ptr() {
            return None;
        }
        let hash = crate::vm::protocol::const_hash(key)?;
        match self.lookup_fast(key, hash, |_| ()) {
            Fast::Found(()) => Some(true),
            Fast::Absent => Some(false),
            Fast::NeedsPython => None,
        }
    }

    /// `self[key] = value` for a key whose hash and equality need no Python
    /// code (an exact `str` or a small int), in one access; the key and
    /// value handed back when the store needs Python code (another key
    /// type, or an entry of the same hash with a Python `__eq__`).
    #[inline]
    pub fn set_native_key(&self, key: Value, value: Value) -> Result<(), (Value, Value)> {
        if !key.is_small() && key.type_ptr() != builtin_types().str.as_ptr() {
            return Err((key, value));
        }
        let Some(hash) = crate::vm::protocol::const_hash(&key) else {
            return Err((key, value));
        };
        self.set_native(key, hash, value).map(|_| ())
    }

    /// Fast lookup by a `str` key: never runs Python code, takes no lock.
    #[inline]
    pub fn get_str(&self, key: &Value) -> Option<Value> {
        self.with_str(key, Value::clone)
    }

    /// [`Self::get_str`] without taking a reference (see
    /// [`Self::with_native`]).
    #[inline]
    pub fn with_str<R>(&self, key: &Value, found: impl FnOnce(&Value) -> R) -> Option<R> {
        self.with_str_at(key, |v, _| found(v))
    }

    /// [`Self::with_str`], also giving `found` the entry index of the key.
    #[inline]
    fn with_str_at<R>(&self, key: &Value, found: impl FnOnce(&Value, usize) -> R) -> Option<R> {
        let s = key.downcast::<StrData>()?;
        match self.lookup_fast_with(
            s.hash(),
            |k| {
                Some(
                    k.is(key)
                        || k.downcast::<StrData>()
                            .is_some_and(|ks| ks.as_str() == s.as_str()),
                )
            },
            found,
        ) {
            Fast::Found(v) => Some(v),
            // A `str` key never needs Python code to compare with another
            // `str`; a non-str key with the same hash compares unequal.
            Fast::Absent | Fast::NeedsPython => None,
        }
    }

    /// [`Self::get_str`] trying entry `hint` first (the index where the key
    /// was last found, kept by the caller: an attribute-access site, whose
    /// instances tend to hold their attributes in the same order, as
    /// CPython 3.10's LOAD_ATTR_WITH_HINT assumes). The hint only matches
    /// the identical key object (interned names); on a miss the full lookup
    /// runs and the hint is updated.
    #[inline(always)]
    pub fn get_str_hinted(&self, key: &Value, hint: &AtomicU32) -> Option<Value> {
        let p = self.current.load(Ordering::Acquire);
        if !p.is_null() {
            // SAFETY: as in `lookup_fast_with`: the table was current when
            // loaded, and a writer that replaced it since retired it.
            let t = unsafe { &*p };
            if let Some(e) = t.entries.get(hint.load(Ordering::Relaxed) as usize) {
                if e.key.load(Ordering::Acquire) == key.bits() {
                    let vb = e.value.load(Ordering::Acquire);
                    if vb != 0 {
                        // SAFETY: as for the key in `lookup_fast_with`: a
                        // value replaced or deleted since was retired.
                        return Some(Value::clone(&*unsafe { borrow_bits(vb) }));
                    }
                }
            }
        }
        self.get_str_rehint(key, hint)
    }

    /// The full lookup of [`Self::get_str_hinted`], noting the index.
    #[cold]
    #[inline(never)]
    fn get_str_rehint(&self, key: &Value, hint: &AtomicU32) -> Option<Value> {
        self.with_str_at(key, |v, ix| {
            note_hint(hint, ix);
            v.clone()
        })
    }

    /// [`Self::set_str`] trying entry `hint` first (see
    /// [`Self::get_str_hinted`]): replacing the value of an existing key in
    /// place, without a probe.
    #[inline]
    pub fn set_str_hinted(&self, key: Value, value: Value, hint: &AtomicU32) {
        let h = hint.load(Ordering::Relaxed) as usize;
        let kb = key.bits();
        let mut pending = Some(value);
        // A value replaced in place leaves the table and its shape as they
        // are: only the version moves, so none of `access`'s table
        // bookkeeping is needed.
        let old = self.table.with(|t| {
            let tab = t.table.as_ref()?;
            if h >= t.nentries || tab.entries[h].key.load(Ordering::Relaxed) != kb {
                return None;
            }
            let old = t.replace_value(h, pending.take().expect("stored once"));
            self.version.store(t.version, Ordering::Release);
            old
        });
        if let Some(old) = old {
            // Lock-free readers may hold it: a grace period first if any.
            crate::object::retire(old);
        }
        if let Some(value) = pending {
            self.set_str_rehint(key, value, hint);
        }
    }

    /// The full store of [`Self::set_str_hinted`], noting the index.
    #[cold]
    #[inline(never)]
    fn set_str_rehint(&self, key: Value, value: Value, hint: &AtomicU32) {
        let hash = key.downcast::<StrData>().map(|s| s.hash()).unwrap_or(0);
        match self.set_native(key, hash, value) {
            Ok(ix) => note_hint(hint, ix),
            Err((key, value)) => self.set_str(key, value),
        }
    }

    /// Stores under a `str` key without running Python code.
    pub fn set_str(&self, key: Value, value: Value) {
        let hash = key.downcast::<StrData>().map(|s| s.hash()).unwrap_or(0);
        let _ = self.set(key, hash, value, &mut |_, _| Ok(false));
    }

    /// Removes a `str` key without running Python code.
    pub fn remove_str(&self, key: &Value) -> Option<Value> {
        let hash = key.downcast::<StrData>().map(|s| s.hash()).unwrap_or(0);
        self.remove(key, hash, &mut |_, _| Ok(false)).ok().flatten()
    }

    /// The live keys, in order.
    pub fn keys(&self) -> Vec<Value> {
        self.table
            .with(|t| t.iter().map(|(k, _)| k.clone()).collect())
    }

    /// The live values, in order.
    pub fn values(&self) -> Vec<Value> {
        self.table
            .with(|t| t.iter().map(|(_, v)| v.clone()).collect())
    }

    /// The live items, in order.
    pub fn items(&self) -> Vec<(Value, Value)> {
        self.table
            .with(|t| t.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
    }

    /// The live items with their hashes (for copying without rehashing).
    pub fn items_hashed(&self) -> Vec<(i64, Value, Value)> {
        self.table.with(|t| {
            t.iter_hashed()
                .map(|(h, k, v)| (h, k.clone(), v.clone()))
                .collect()
        })
    }

    /// The entry at dense position `pos` or later: `(next_pos, key, value)`.
    pub fn entry_from(&self, pos: usize) -> Option<(usize, Value, Value)> {
        self.table.with(|t| {
            let tab = t.table.as_ref()?;
            let mut p = pos;
            while p < t.nentries {
                let e = &tab.entries[p];
                let kb = e.key.load(Ordering::Relaxed);
                if kb != 0 {
                    let vb = e.value.load(Ordering::Relaxed);
                    // SAFETY: inside the critical section the entry owns both.
                    let (k, v) = unsafe { (borrow_bits(kb), borrow_bits(vb)) };
                    return Some((p + 1, (*k).clone(), (*v).clone()));
                }
                p += 1;
            }
            None
        })
    }

    /// Removes everything.
    pub fn clear_all(&self) {
        self.access(|t, released| {
            for v in t.take_all() {
                give_up(released, v);
            }
            t.version += 1;
        });
    }

    /// Removes and returns the last item, in one access (`dict.popitem`).
    pub fn pop_last(&self) -> Option<(Value, Value)> {
        self.access(|t, released| {
            let tab = t.table.as_ref()?;
            let mut p = t.pop_hint.min(t.nentries);
            let ix = loop {
                let i = p.checked_sub(1)?;
                if tab.entries[i].key.load(Ordering::Relaxed) != 0 {
                    break i;
                }
                p = i;
            };
            t.pop_hint = ix;
            let hash = tab.entries[ix].hash.load(Ordering::Relaxed);
            match t.remove_entry(ix, hash) {
                (Some(k), Some(v)) => {
                    // The caller owns the pair and may drop it at once; a
                    // second reference to each waits out the grace period
                    // for lock-free readers that loaded them (see `remove`).
                    give_up(released, k.clone());
                    give_up(released, v.clone());
                    Some((k, v))
                }
                _ => None,
            }
        })
    }
}

impl Default for DictData {
    fn default() -> Self {
        DictData::new()
    }
}

/// A new empty dict.
pub fn new_dict() -> Value {
    crate::object::alloc_with(builtin_types().dict.v(), DictData::new)
}

/// True if every key of `items` (keys and values alternating) is a small
/// int or an exact `str`: keys that hash and compare without Python code.
pub fn native_keys(items: &[Value]) -> bool {
    let str_type = builtin_types().str.as_ptr();
    items
        .iter()
        .step_by(2)
        .all(|k| k.is_small() || k.type_ptr() == str_type)
}

/// A new dict of `items` (keys and values alternating; a later value wins
/// for an equal key, the first key stays), all keys accepted by
/// [`native_keys`]. The table is filled before
/// the dict exists, so no other thread can see it and no lock is taken
/// (CPython's `_PyDict_FromItems`).
pub fn new_dict_from_native(mut items: impl Iterator<Item = Value>) -> Value {
    // The dict is allocated first and its table filled in place: a table
    // built on the native stack and copied into the object afterwards
    // stalls store forwarding (wide loads of just-written fields).
    let d = crate::object::alloc_with(builtin_types().dict.v(), || DictData {
        table: PyCell::new(DictTable::default()),
        current: AtomicPtr::new(std::ptr::null_mut()),
        version: AtomicU64::new(0),
        attrs: Default::default(),
    });
    let dd = d.downcast::<DictData>().expect("dict");
    let fill = |t: &mut DictTable| {
        while let (Some(k), Some(v)) = (items.next(), items.next()) {
            let hash = crate::vm::protocol::const_hash(&k).unwrap_or(0);
            let mut skip = 0;
            loop {
                match t.probe_from(hash, &k, skip) {
                    Probe::Found(ix) => {
                        drop(t.replace_value(ix, v));
                        drop(k);
                        break;
                    }
                    Probe::Vacant(_) => {
                        t.insert_absent(hash, k, v);
                        break;
                    }
                    // Not for native keys; treated as unequal, never a panic.
                    Probe::Candidate(..) => skip += 1,
                }
            }
        }
        let current = t
            .table
            .as_deref()
            .map_or(std::ptr::null_mut(), |p| p as *const Table as *mut Table);
        (current, t.version)
    };
    // SAFETY: `d` was just allocated and not handed out: no other thread
    // can reach its table; `fill` runs no Python code (native keys only).
    let (current, version) = unsafe { dd.table.with_unshared(fill) };
    // Published with the reference itself (whoever receives `d` from this
    // thread synchronises with this thread first).
    dd.current.store(current, Ordering::Release);
    dd.version.store(version, Ordering::Release);
    d
}

/// Compares two keys without running Python code, when their types allow it.
/// `None` means a Python-level `__eq__` is needed.
pub fn native_eq(a: &Value, b: &Value) -> Option<bool> {
    use crate::object::Kind;
    if a.is(b) {
        return Some(true);
    }
    if a.is_small() && b.is_small() {
        return Some(false);
    }
    // An instance of a Python class (a str or int subclass too) may define
    // its own `__eq__`: the caller compares with Python's rules.
    if crate::vm::protocol::user_type(a) || crate::vm::protocol::user_type(b) {
        return None;
    }
    let (ka, kb) = (a.kind(), b.kind());
    match (ka, kb) {
        (Kind::Str, Kind::Str) => {
            Some(a.downcast::<StrData>()?.as_str() == b.downcast::<StrData>()?.as_str())
        }
        (Kind::Int | Kind::Bool, Kind::Int | Kind::Bool) => {
            Some(super::bigint::to_bigint(a)? == super::bigint::to_bigint(b)?)
        }
        (Kind::Float, Kind::Float) => Some(a.as_float()? == b.as_float()?),
        (Kind::Float, Kind::Int | Kind::Bool) | (Kind::Int | Kind::Bool, Kind::Float) => {
            let (f, i) = if ka == Kind::Float { (a, b) } else { (b, a) };
            let f = f.as_float()?;
            Some(crate::vm::ops::float_eq_int(f, i))
        }
        (Kind::Bytes, Kind::Bytes) => {
            Some(a.downcast::<super::BytesData>()?.0 == b.downcast::<super::BytesData>()?.0)
        }
        (Kind::Tuple, Kind::Tuple) => {
            let (ta, tb) = (
                a.downcast::<super::TupleData>()?,
                b.downcast::<super::TupleData>()?,
            );
            if ta.len() != tb.len() {
                return Some(false);
            }
            for (x, y) in ta.items().iter().zip(tb.items()) {
                if !native_eq(x, y)? {
                    return Some(false);
                }
            }
            Some(true)
        }
        (Kind::None, _) | (_, Kind::None) => Some(false),
        (Kind::Str, Kind::Int | Kind::Float | Kind::Bool | Kind::Bytes | Kind::Tuple)
        | (Kind::Int | Kind::Float | Kind::Bool | Kind::Bytes | Kind::Tuple, Kind::Str) => {
            Some(false)
        }
        _ => None,
    }
}
