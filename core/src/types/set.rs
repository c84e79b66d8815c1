//! `set` and `frozenset` payload: CPython's open-addressing set table
//! (Objects/setobject.c: linear probes of 9 slots, then perturbed probing), so
//! that iteration order, and so printed output, matches CPython for the same
//! insertions.

use super::{PyResult, Traverse};
use crate::object::{PyCell, Value};

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;
const DUMMY_HASH: i64 = -1;

/// One slot: unused (`key None`, hash 0), dummy (`key None`, hash -1) or active.
#[derive(Default)]
pub struct SetEntry {
    /// Cached hash.
    pub hash: i64,
    /// The key when active.
    pub key: Option<Value>,
}

/// The table behind a set.
pub struct SetTable {
    /// Slots (a power of two).
    pub slots: Vec<SetEntry>,
    fill: usize,
    used: usize,
    /// Bumped on every mutation.
    pub version: u64,
}

impl Default for SetTable {
    fn default() -> Self {
        let mut slots = Vec::with_capacity(MIN_SIZE);
        slots.resize_with(MIN_SIZE, SetEntry::default);
        SetTable {
            slots,
            fill: 0,
            used: 0,
            version: 0,
        }
    }
}

/// The next probe of CPython's open addressing after slot `i`: `i*5 + 1`
/// plus the hash bits not used yet.
#[inline(always)]
fn next_probe(i: usize, perturb: &mut u64, mask: usize) -> usize {
    *perturb >>= PERTURB_SHIFT;
    (i.wrapping_mul(5)
        .wrapping_add(1)
        .wrapping_add(*perturb as usize))
        & mask
}

enum Look {
    /// Absent; the slot an insertion takes: the last dummy on the probe
    /// sequence before the first unused slot, else that unused slot (as
    /// CPython's `set_add_entry` does, so add/remove churn reuses dummies
    /// instead of filling the table).
    Unused(usize),
    Found(usize),
    Candidate(usize, Value),
}

impl SetTable {
    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.used
    }

    /// True if the table holds no elements.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Finds `key`: the probe of CPython's `set_lookkey`/`set_add_entry`.
    /// `skip` passes over that many equal-hash elements first (the restart
    /// after a Python `__eq__`, see `SetData::find`). A slot is rejected by
    /// its cached hash first (on a miss most slots passed hold other
    /// elements), as CPython's loop does.
    #[inline]
    fn look(&self, key: &Value, hash: i64, skip: usize) -> Look {
        // The common case gets its own copy of the loop, without the
        // skipping test (which costs the hot loop more than it looks).
        if skip == 0 {
            self.probe::<false>(key, hash, 0)
        } else {
            self.probe::<true>(key, hash, skip)
        }
    }

    /// [`Self::look`]'s loop; `SKIPPING` compiles the `skip` test in.
    fn probe<const SKIPPING: bool>(&self, key: &Value, hash: i64, skip: usize) -> Look {
        let slots = &self.slots[..];
        let mask = slots.len() - 1;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        let mut skipped = 0;
        let mut freeslot = usize::MAX;
        // The insertion slot when `key` is absent: the last dummy passed,
        // else the unused slot that ended the search.
        let unused = |at: usize, freeslot: usize| {
            Look::Unused(if freeslot == usize::MAX { at } else { freeslot })
        };
        loop {
            // Up to LINEAR_PROBES more slots after `i` when they fit, as one
            // bounds-checked run.
            let end = if i + LINEAR_PROBES <= mask {
                i + LINEAR_PROBES
            } else {
                i
            };
            for (j, e) in slots[i..=end].iter().enumerate() {
                let h = e.hash;
                if h == hash {
                    // Hash 0 and no key: unused.
                    let Some(k) = &e.key else {
                        return unused(i + j, freeslot);
                    };
                    if SKIPPING && skipped < skip {
                        skipped += 1;
                        continue;
                    }
                    if k.is(key) {
                        return Look::Found(i + j);
                    }
                    match super::dict::native_eq(k, key) {
                        Some(true) => return Look::Found(i + j),
                        Some(false) => {}
                        None => return Look::Candidate(i + j, k.clone()),
                    }
                } else if h == 0 {
                    if e.key.is_none() {
                        return unused(i + j, freeslot);
                    }
                } else if h == DUMMY_HASH {
                    freeslot = i + j;
                }
            }
            i = next_probe(i, &mut perturb, mask);
        }
    }

    fn insert_clean(slots: &mut [SetEntry], key: Value, hash: i64) {
        let mask = slots.len() - 1;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        loop {
            if slots[i].key.is_none() {
                slots[i] = SetEntry {
                    hash,
                    key: Some(key),
                };
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for j in 1..=LINEAR_PROBES {
                    if slots[i + j].key.is_none() {
                        slots[i + j] = SetEntry {
                            hash,
                            key: Some(key),
                        };
                        return;
                    }
                }
            }
            i = next_probe(i, &mut perturb, mask);
        }
    }

    fn resize(&mut self, min_used: usize) {
        let mut size = MIN_SIZE;
        while size <= min_used {
            size <<= 1;
        }
        let mut new_slots = Vec::with_capacity(size);
        new_slots.resize_with(size, SetEntry::default);
        let old = std::mem::replace(&mut self.slots, new_slots);
        for e in old {
            if let Some(k) = e.key {
                SetTable::insert_clean(&mut self.slots, k, e.hash);
            }
        }
        self.fill = self.used;
    }

    /// Iterates the active keys in table order.
    pub fn iter(&self) -> impl Iterator<Item = &Value> {
        self.slots.iter().filter_map(|e| e.key.as_ref())
    }

    /// Adds a key known to be absent (for copies and resizes of sets).
    pub fn add_unique(&mut self, key: Value, hash: i64) {
        SetTable::insert_clean(&mut self.slots, key, hash);
        self.fill += 1;
        self.used += 1;
        self.version += 1;
        self.grow_if_full();
    }

    /// Grows (and cleans of dummies) a table whose unused slots fell to
    /// 40%, as CPython's `set_add_entry` does after filling an unused slot.
    fn grow_if_full(&mut self) {
        if self.fill * 5 >= self.mask() * 3 {
            self.resize(if self.used > 50000 {
                self.used * 2
            } else {
                self.used * 4
            });
        }
    }
}

/// The payload of `set` and `frozenset`.
pub struct SetData {
    /// The table. Never call Python code inside `table.with`.
    pub table: PyCell<SetTable>,
    /// Instance attributes of a Python subclass's instance (None otherwise).
    pub attrs: crate::object::value_slot::ValueSlot,
}

impl Traverse for SetData {
    const TRACKED: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.table.with(|t| {
            for k in t.iter() {
                visit(k);
            }
        });
        self.attrs.visit(visit);
    }
    fn clear(&self) {
        let old = self.table.take();
        let a = self.attrs.take();
        drop((old, a));
    }
}

impl Default for SetData {
    fn default() -> Self {
        SetData::new()
    }
}

impl SetData {
    /// An empty set payload.
    pub fn new() -> SetData {
        SetData {
            table: PyCell::new(SetTable::default()),
            attrs: Default::default(),
        }
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.table.with(|t| t.used)
    }

    /// True if empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Finds `key`: `Ok(slot)` if present, `Err(slot)` if not, with the table
    /// version the answer holds for. Equality callbacks run outside the
    /// table's critical section, so a caller that acts on the answer does it
    /// in one access that first checks the version is unchanged (and looks
    /// again if not): another thread, or the callback itself, may have
    /// changed the table meanwhile.
    fn find(
        &self,
        key: &Value,
        hash: i64,
        eq: super::dict::KeyEq,
    ) -> PyResult<(Result<usize, usize>, u64)> {
        'restart: loop {
            let mut skip = 0;
            loop {
                let (look, version) = self.table.with(|t| (t.look(key, hash, skip), t.version));
                match look {
                    Look::Unused(i) => return Ok((Err(i), version)),
                    Look::Found(i) => return Ok((Ok(i), version)),
                    Look::Candidate(i, k) => {
                        let same = eq(&k, key)?;
                        if self.table.with(|t| t.version) != version {
                            continue 'restart;
                        }
                        if same {
                            return Ok((Ok(i), version));
                        }
                        skip += 1;
                    }
                }
            }
        }
    }

    /// Adds every element of `other` (CPython's `set_merge`): one resize up
    /// front, a straight copy of the table when this set is empty and both
    /// tables have the same size, clean inserts when it is empty, else normal
    /// insertions in `other`'s slot order.
    pub fn merge(&self, other: &SetData, eq: super::dict::KeyEq) -> PyResult<()> {
        if std::ptr::eq(self, other) {
            return Ok(());
        }
        let (entries, ofill, oused, omask) = other.table.with(|t| {
            (
                t.slots
                    .iter()
                    .map(|e| e.key.clone().map(|k| (e.hash, k)))
                    .collect::<Vec<_>>(),
                t.fill,
                t.used,
                t.mask(),
            )
        });
        if oused == 0 {
            return Ok(());
        }
        let done = self.table.with(|t| {
            if (t.fill + oused) * 5 >= t.mask() * 3 {
                t.resize((t.used + oused) * 2);
            }
            if t.fill == 0 && t.mask() == omask && ofill == oused {
                for (slot, e) in t.slots.iter_mut().zip(entries.iter()) {
                    if let Some((h, k)) = e {
                        *slot = SetEntry {
                            hash: *h,
                            key: Some(k.clone()),
                        };
                    }
                }
                t.fill = oused;
                t.used = oused;
                t.version += 1;
                return true;
            }
            if t.fill == 0 {
                for (h, k) in entries.iter().flatten() {
                    SetTable::insert_clean(&mut t.slots, k.clone(), *h);
                }
                t.fill = oused;
                t.used = oused;
                t.version += 1;
                return true;
            }
            false
        });
        if !done {
            for (h, k) in entries.into_iter().flatten() {
                self.add(k, h, eq)?;
            }
        }
        Ok(())
    }

    /// Replaces this set's table with `other`'s contents (for `&=`).
    pub fn take_table_of(&self, other: &SetData) {
        let t = other.table.take();
        let old = self.table.with(|mine| {
            let v = mine.version + 1;
            let old = std::mem::replace(mine, t);
            mine.version = v;
            old
        });
        drop(old);
    }

    /// Membership test answered in one access, or None when an element of
    /// the same hash needs a Python `__eq__` (then [`SetData::contains`]).
    #[inline]
    pub fn contains_native(&self, key: &Value, hash: i64) -> Option<bool> {
        match self.table.with(|t| t.look(key, hash, 0)) {
            Look::Found(_) => Some(true),
            Look::Unused(_) => Some(false),
            Look::Candidate(..) => None,
        }
    }

    /// Membership test.
    pub fn contains(&self, key: &Value, hash: i64, eq: super::dict::KeyEq) -> PyResult<bool> {
        // One access answers unless an element needs a Python `__eq__`.
        match self.table.with(|t| t.look(key, hash, 0)) {
            Look::Found(_) => Ok(true),
            Look::Unused(_) => Ok(false),
            Look::Candidate(..) => Ok(self.find(key, hash, eq)?.0.is_ok()),
        }
    }

    /// Adds `key`; returns true if it was new.
    pub fn add(&self, key: Value, hash: i64, eq: super::dict::KeyEq) -> PyResult<bool> {
        let mut key = Some(key);
        // One access looks and inserts unless an element needs a Python
        // `__eq__` (then the versioned protocol below).
        let fast = self.table.with(|t| {
            let k = key.as_ref().expect("not taken yet");
            match t.look(k, hash, 0) {
                Look::Found(_) => Some(false),
                Look::Unused(slot) => {
                    let k = key.take().expect("inserted once");
                    Self::insert_at(t, slot, k, hash);
                    Some(true)
                }
                Look::Candidate(..) => None,
            }
        });
        if let Some(added) = fast {
            return Ok(added);
        }
        loop {
            let k = key.as_ref().expect("key is put back on retry");
            let (found, version) = self.find(k, hash, eq)?;
            if found.is_ok() {
                return Ok(false);
            }
            if self.table.with(|t| {
                if t.version != version {
                    return false;
                }
                let key = key.take().expect("inserted once");
                Self::insert_absent(t, key, hash);
                true
            }) {
                return Ok(true);
            }
        }
    }

    /// Inserts `key`, known to be absent, into `t` (no Python code runs).
    fn insert_absent(t: &mut SetTable, key: Value, hash: i64) {
        // Re-probe for the insertion slot without comparing keys: the last
        // dummy before the first unused slot, else that slot.
        let mask = t.mask();
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        let mut freeslot = None;
        let slot = 'outer: loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in 0..=probes {
                let e = &t.slots[i + j];
                if e.key.is_none() {
                    if e.hash == 0 {
                        break 'outer freeslot.unwrap_or(i + j);
                    }
                    freeslot = Some(i + j);
                }
            }
            i = next_probe(i, &mut perturb, mask);
        };
        Self::insert_at(t, slot, key, hash);
    }

    /// Puts `key` into `slot` (as chosen by `look` or `insert_absent`: a
    /// reused dummy or the first unused slot of its probe sequence) and grows
    /// the table when unused slots fall to 40%.
    fn insert_at(t: &mut SetTable, slot: usize, key: Value, hash: i64) {
        debug_assert!(t.slots[slot].key.is_none());
        let reuses_dummy = t.slots[slot].hash == DUMMY_HASH;
        t.slots[slot] = SetEntry {
            hash,
            key: Some(key),
        };
        t.used += 1;
        t.version += 1;
        if reuses_dummy {
            return;
        }
        t.fill += 1;
        t.grow_if_full();
    }

    /// Takes the element out of active `slot`, leaving a dummy.
    fn remove_at(t: &mut SetTable, slot: usize) -> Value {
        let e = &mut t.slots[slot];
        let k = e.key.take().expect("active slot");
        e.hash = DUMMY_HASH;
        t.used -= 1;
        t.version += 1;
        k
    }

    /// Removes `key`; returns true if it was present.
    pub fn discard(&self, key: &Value, hash: i64, eq: super::dict::KeyEq) -> PyResult<bool> {
        // One access finds and removes unless an element needs a Python
        // `__eq__` (then the versioned protocol below).
        let fast = self.table.with(|t| match t.look(key, hash, 0) {
            Look::Found(i) => {
                let k = Self::remove_at(t, i);
                Some(Some(k))
            }
            Look::Unused(_) => Some(None),
            Look::Candidate(..) => None,
        });
        if let Some(removed) = fast {
            let found = removed.is_some();
            drop(removed);
            return Ok(found);
        }
        loop {
            let (found, version) = self.find(key, hash, eq)?;
            let Ok(i) = found else {
                return Ok(false);
            };
            let old = self.table.with(|t| {
                if t.version != version {
                    return None;
                }
                Some(Self::remove_at(t, i))
            });
            if let Some(k) = old {
                drop(k);
                return Ok(true);
            }
        }
    }

    /// The elements in table order.
    pub fn items(&self) -> Vec<Value> {
        self.table.with(|t| t.iter().cloned().collect())
    }

    /// The elements with their hashes.
    pub fn items_hashed(&self) -> Vec<(i64, Value)> {
        self.table.with(|t| {
            t.slots
                .iter()
                .filter_map(|e| e.key.as_ref().map(|k| (e.hash, k.clone())))
                .collect()
        })
    }

    /// The element at slot `pos` or later: `(next_pos, key)`.
    pub fn entry_from(&self, pos: usize) -> Option<(usize, Value)> {
        self.table.with(|t| {
            let mut p = pos;
            while p < t.slots.len() {
                if let Some(k) = &t.slots[p].key {
                    return Some((p + 1, k.clone()));
                }
                p += 1;
            }
            None
        })
    }

    /// Removes everything.
    pub fn clear_all(&self) {
        let old = self.table.with(|t| {
            let v = t.version + 1;
            let old = std::mem::take(t);
            t.version = v;
            old
        });
        drop(old);
    }

    /// Removes and returns an arbitrary element (CPython's `set.pop` order:
    /// the first active slot scanning from a moving finger; here from slot 0).
    pub fn pop_any(&self) -> Option<Value> {
        self.table.with(|t| {
            for e in t.slots.iter_mut() {
                if e.key.is_some() {
                    let k = e.key.take();
                    e.hash = DUMMY_HASH;
                    t.used -= 1;
                    t.version += 1;
                    return k;
                }
            }
            None
        })
    }
}

/// A new set (`frozen` picks the frozenset type) from hashed elements.
pub fn new_set_from(
    frozen: bool,
    items: Vec<(i64, Value)>,
    eq: super::dict::KeyEq,
) -> PyResult<Value> {
    let data = SetData::new();
    for (h, k) in items {
        data.add(k, h, eq)?;
    }
    let t = super::builtin_types();
    let ty = if frozen { t.frozenset.v() } else { t.set.v() };
    Ok(crate::object::alloc(ty, data))
}
