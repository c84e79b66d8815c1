//! `dict` payload: an insertion-ordered hash table (CPython's compact dict:
//! a sparse index table over a dense entry vector).
//!
//! Lookups that may run Python code (`__eq__` of user keys) never hold the
//! table's cell while calling out: they copy the candidate key, release the
//! cell, compare, and restart if the table changed meanwhile.

use super::{builtin_types, PyResult, StrData, Traverse};
use crate::object::{alloc, PyCell, Value};

const EMPTY: i32 = -1;
const DUMMY: i32 = -2;
const MIN_SIZE: usize = 8;

/// One key/value pair; `key == None` marks a deleted entry.
pub struct Entry {
    /// Cached hash of the key.
    pub hash: i64,
    /// The key, or None once deleted.
    pub key: Option<Value>,
    /// The value (present whenever the key is).
    pub value: Option<Value>,
}

/// The table behind a dict.
#[derive(Default)]
pub struct DictTable {
    indices: Vec<i32>,
    /// Dense entries in insertion order (with holes from deletions).
    pub entries: Vec<Entry>,
    used: usize,
    /// Bumped on every mutation (used by caches and iterators).
    pub version: u64,
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

impl DictTable {
    fn mask(&self) -> usize {
        self.indices.len().wrapping_sub(1)
    }

    /// Number of live entries.
    pub fn len(&self) -> usize {
        self.used
    }

    /// True if the table holds no entries.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    fn probe_from(
        &self,
        hash: i64,
        key: &Value,
        start: usize,
        mut perturb: u64,
        skip: usize,
    ) -> Probe {
        // `skip` candidates were already compared unequal by the caller.
        let mask = self.mask();
        let mut i = start;
        let mut skipped = 0;
        loop {
            let ix = self.indices[i];
            if ix == EMPTY {
                return Probe::Vacant(i);
            }
            if ix >= 0 {
                let e = &self.entries[ix as usize];
                if e.hash == hash {
                    if let Some(k) = &e.key {
                        if skipped >= skip {
                            if k.is(key) {
                                return Probe::Found(ix as usize);
                            }
                            match native_eq(k, key) {
                                Some(true) => return Probe::Found(ix as usize),
                                Some(false) => {}
                                None => return Probe::Candidate(ix as usize, k.clone()),
                            }
                        } else {
                            skipped += 1;
                        }
                    }
                }
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(perturb as usize)
                .wrapping_add(1))
                & mask;
        }
    }

    fn rebuild(&mut self, min_used: usize) {
        let mut size = MIN_SIZE;
        while size * 2 < min_used * 3 + 1 {
            size <<= 1;
        }
        let old = std::mem::take(&mut self.entries);
        self.entries = Vec::with_capacity(size * 2 / 3);
        for e in old {
            if e.key.is_some() {
                self.entries.push(e);
            }
        }
        self.indices = vec![EMPTY; size];
        let mask = size - 1;
        for (n, e) in self.entries.iter().enumerate() {
            let mut perturb = e.hash as u64;
            let mut i = (e.hash as u64 as usize) & mask;
            while self.indices[i] != EMPTY {
                perturb >>= 5;
                i = (i
                    .wrapping_mul(5)
                    .wrapping_add(perturb as usize)
                    .wrapping_add(1))
                    & mask;
            }
            self.indices[i] = n as i32;
        }
    }

    /// Removes entry `ix` (whose hash is `hash`): its key and value, if it
    /// was live. The dense entry stays as a hole; its index slot becomes a
    /// dummy; an emptied table is reset.
    fn remove_entry(&mut self, ix: usize, hash: i64) -> (Option<Value>, Option<Value>) {
        let e = &mut self.entries[ix];
        let k = e.key.take();
        let v = e.value.take();
        if k.is_some() {
            self.used -= 1;
            self.version += 1;
            let mask = self.mask();
            let mut i = (hash as u64 as usize) & mask;
            let mut perturb = hash as u64;
            loop {
                if self.indices[i] == ix as i32 {
                    self.indices[i] = DUMMY;
                    break;
                }
                perturb >>= 5;
                i = (i
                    .wrapping_mul(5)
                    .wrapping_add(perturb as usize)
                    .wrapping_add(1))
                    & mask;
            }
            if self.used == 0 {
                *self = DictTable {
                    version: self.version,
                    ..DictTable::default()
                };
            }
        }
        (k, v)
    }

    fn insert_new(&mut self, slot: usize, hash: i64, key: Value, value: Value) {
        self.indices[slot] = self.entries.len() as i32;
        self.entries.push(Entry {
            hash,
            key: Some(key),
            value: Some(value),
        });
        self.used += 1;
        self.version += 1;
        if self.entries.len() * 3 >= self.indices.len() * 2 {
            self.rebuild(self.used * 2);
        }
    }

    /// Iterates live `(key, value)` pairs by reference.
    pub fn iter(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.entries
            .iter()
            .filter_map(|e| match (&e.key, &e.value) {
                (Some(k), Some(v)) => Some((k, v)),
                _ => None,
            })
    }
}

/// The payload of a `dict`.
pub struct DictData {
    /// The table. Never call Python code inside `table.with`; go through
    /// `DictData::access`, which keeps `version` current.
    pub table: PyCell<DictTable>,
    /// The table's mutation counter, mirrored outside the lock so caches
    /// validate against it without taking the dict's lock (LOAD_GLOBAL reads
    /// it on every execution, from every thread).
    version: std::sync::atomic::AtomicU64,
    /// Instance attributes of a Python subclass's instance (None otherwise).
    pub attrs: PyCell<Option<Value>>,
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
        self.attrs.with(|a| a.iter().for_each(&mut *visit));
    }
    fn clear(&self) {
        let old = self.table.take();
        let a = self.attrs.take();
        drop((old, a));
    }
}

/// Equality callback for keys that need Python code to compare.
pub type KeyEq<'a> = &'a mut dyn FnMut(&Value, &Value) -> PyResult<bool>;

impl DictData {
    /// An empty dict payload.
    pub fn new() -> DictData {
        DictData {
            table: PyCell::new(DictTable::default()),
            version: std::sync::atomic::AtomicU64::new(0),
            attrs: PyCell::new(None),
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
        self.version.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Runs `f` on the table inside the dict's critical section, then
    /// publishes the table's version if `f` changed it.
    #[inline(always)]
    fn access<R>(&self, f: impl FnOnce(&mut DictTable) -> R) -> R {
        self.table.with(|t| {
            let r = f(t);
            if self.version.load(std::sync::atomic::Ordering::Relaxed) != t.version {
                self.version
                    .store(t.version, std::sync::atomic::Ordering::Release);
            }
            r
        })
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
                let (probe, version) = self.table.with(|t| {
                    if t.indices.is_empty() {
                        return (Probe::Vacant(usize::MAX), t.version);
                    }
                    let start = (hash as u64 as usize) & t.mask();
                    (t.probe_from(hash, key, start, hash as u64, skip), t.version)
                });
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
        loop {
            let (found, version) = self.find(key, hash, eq)?;
            let Ok(ix) = found else { return Ok(None) };
            let got = self.table.with(|t| {
                (t.version == version).then(|| t.entries.get(ix).and_then(|e| e.value.clone()))
            });
            if let Some(v) = got {
                return Ok(v);
            }
        }
    }

    /// Inserts or replaces.
    pub fn set(&self, key: Value, hash: i64, value: Value, eq: KeyEq) -> PyResult<()> {
        let mut kv = Some((key, value));
        loop {
            let k = &kv.as_ref().expect("put back on retry").0;
            let (found, version) = self.find(k, hash, eq)?;
            let done = self.access(|t| {
                if t.version != version {
                    return None;
                }
                let (key, value) = kv.take().expect("stored once");
                Some(match found {
                    Ok(ix) => {
                        t.version += 1;
                        let old = t.entries[ix].value.replace(value);
                        (Some(key), old)
                    }
                    Err(_) => {
                        if t.indices.is_empty() {
                            t.rebuild(1);
                        }
                        // Probe for the first empty slot: no Python code
                        // runs, and the version check above makes the answer
                        // of `find` still hold.
                        let start = (hash as u64 as usize) & t.mask();
                        let mut i = start;
                        let mut perturb = hash as u64;
                        while t.indices[i] != EMPTY {
                            perturb >>= 5;
                            i = (i
                                .wrapping_mul(5)
                                .wrapping_add(perturb as usize)
                                .wrapping_add(1))
                                & t.mask();
                        }
                        t.insert_new(i, hash, key, value);
                        (None, None)
                    }
                })
            });
            if let Some(old) = done {
                drop(old);
                return Ok(());
            }
        }
    }

    /// Removes `key`, returning its value.
    pub fn remove(&self, key: &Value, hash: i64, eq: KeyEq) -> PyResult<Option<Value>> {
        loop {
            let (found, version) = self.find(key, hash, eq)?;
            let Ok(ix) = found else { return Ok(None) };
            let removed = self.access(|t| {
                if t.version != version {
                    return None;
                }
                Some(t.remove_entry(ix, hash))
            });
            if let Some((k, v)) = removed {
                drop(k);
                return Ok(v);
            }
        }
    }

    /// Fast lookup by a `str` key: never runs Python code.
    #[inline]
    pub fn get_str(&self, key: &Value) -> Option<Value> {
        let s = key.downcast::<StrData>()?;
        let hash = s.hash();
        self.table.with(|t| {
            if t.indices.is_empty() {
                return None;
            }
            let mask = t.mask();
            let mut i = (hash as u64 as usize) & mask;
            let mut perturb = hash as u64;
            loop {
                let ix = t.indices[i];
                if ix == EMPTY {
                    return None;
                }
                if ix >= 0 {
                    let e = &t.entries[ix as usize];
                    if e.hash == hash {
                        if let Some(k) = &e.key {
                            if k.is(key)
                                || k.downcast::<StrData>()
                                    .is_some_and(|ks| ks.as_str() == s.as_str())
                            {
                                return e.value.clone();
                            }
                        }
                    }
                }
                perturb >>= 5;
                i = (i
                    .wrapping_mul(5)
                    .wrapping_add(perturb as usize)
                    .wrapping_add(1))
                    & mask;
            }
        })
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
            t.entries
                .iter()
                .filter_map(|e| match (&e.key, &e.value) {
                    (Some(k), Some(v)) => Some((e.hash, k.clone(), v.clone())),
                    _ => None,
                })
                .collect()
        })
    }

    /// The entry at dense position `pos` or later: `(next_pos, key, value)`.
    pub fn entry_from(&self, pos: usize) -> Option<(usize, Value, Value)> {
        self.table.with(|t| {
            let mut p = pos;
            while p < t.entries.len() {
                let e = &t.entries[p];
                if let (Some(k), Some(v)) = (&e.key, &e.value) {
                    return Some((p + 1, k.clone(), v.clone()));
                }
                p += 1;
            }
            None
        })
    }

    /// Removes everything.
    pub fn clear_all(&self) {
        let old = self.access(|t| {
            let v = t.version + 1;
            let old = std::mem::take(t);
            t.version = v;
            old
        });
        drop(old);
    }

    /// Removes and returns the last item, in one access (`dict.popitem`).
    pub fn pop_last(&self) -> Option<(Value, Value)> {
        self.access(|t| {
            while let Some(e) = t.entries.last() {
                if e.key.is_some() {
                    break;
                }
                t.entries.pop();
            }
            let ix = t.entries.len().checked_sub(1)?;
            let hash = t.entries[ix].hash;
            match t.remove_entry(ix, hash) {
                (Some(k), Some(v)) => Some((k, v)),
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
    alloc(builtin_types().dict.v(), DictData::new())
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
    let (ka, kb) = (a.kind(), b.kind());
    match (ka, kb) {
        (Kind::Str, Kind::Str) => {
            Some(a.downcast::<StrData>()?.as_str() == b.downcast::<StrData>()?.as_str())
        }
        (Kind::Int | Kind::Bool, Kind::Int | Kind::Bool) => {
            Some(super::bigint::to_bigint(a)? == super::bigint::to_bigint(b)?)
        }
        (Kind::Float, Kind::Float) => {
            Some(a.downcast::<super::FloatData>()?.0 == b.downcast::<super::FloatData>()?.0)
        }
        (Kind::Float, Kind::Int | Kind::Bool) | (Kind::Int | Kind::Bool, Kind::Float) => {
            let (f, i) = if ka == Kind::Float { (a, b) } else { (b, a) };
            let f = f.downcast::<super::FloatData>()?.0;
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
