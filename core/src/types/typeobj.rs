//! Type objects: name, bases, C3 method resolution order, the class namespace,
//! the instance layout and the per-type attribute cache.
//!
//! The attribute cache maps an interned name (by pointer) to what an MRO search
//! found. It is invalidated by a process-wide epoch that every class-namespace
//! mutation after class creation bumps, so a stale entry can never be used.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use super::{DictData, NativeFn, PyResult, Traverse};
use crate::object::{Kind, PyCell, Value};

/// Bumped whenever any class namespace changes after creation.
pub static TYPE_EPOCH: AtomicU64 = AtomicU64::new(1);

/// Type flag: created by a `class` statement (mortal, mutable).
pub const HEAP_TYPE: u32 = 1;
/// Type flag: may be subclassed.
pub const BASE_TYPE: u32 = 2;
/// Type flag: a subclass of BaseException.
pub const EXCEPTION_TYPE: u32 = 4;
/// Type flag: instances have no `__dict__` (only `__slots__`).
pub const NO_DICT: u32 = 8;
/// Type flag: the class or a base defines `__getattribute__` in Python.
pub const CUSTOM_GETATTRIBUTE: u32 = 16;

/// Type flag: the class or a base defines `__setattr__` in Python.
pub const CUSTOM_SETATTR: u32 = 32;
/// Type flag: a native type that dispatches dunders like a class
/// (`HEAP_TYPE`) but whose attributes Python code may not set or delete
/// (CPython's `Py_TPFLAGS_IMMUTABLETYPE`: `collections.deque`, `array.array`).
pub const IMMUTABLE_TYPE: u32 = 64;
/// Type flag: instances may be weakly referenced (CPython's non-zero
/// `tp_weaklistoffset`; the weak references themselves live in
/// `object::weakref_table`, not in the instance).
pub const WEAKREFABLE: u32 = 128;

/// Set once any class gains a `__getattribute__` after creation; from then on
/// every heap type is treated as possibly customised.
static LATE_GETATTRIBUTE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The same for `__setattr__`.
static LATE_SETATTR: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Records that a `__getattribute__` was assigned to an existing class.
pub fn note_custom_getattribute() {
    LATE_GETATTRIBUTE.store(true, Relaxed);
}

/// Records that a `__setattr__` was assigned to an existing class.
pub fn note_custom_setattr() {
    LATE_SETATTR.store(true, Relaxed);
}

/// Set once some class defines `__del__` (at its creation or later).
static FINALIZERS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Records that a class defines (or was given) `__del__`.
pub fn note_finalizer() {
    FINALIZERS.store(true, Relaxed);
}

/// True if any class has defined `__del__`: the shutdown collects cycles
/// only then, so that their finalizers run (a program without any has
/// nothing a collection at exit could show).
pub fn finalizers_defined() -> bool {
    FINALIZERS.load(Relaxed)
}

/// Number of entries in a type's attribute cache (a power of two).
const CACHE_SIZE: usize = 64;

/// Cached MRO lookups of one type: a direct-mapped table indexed by the
/// interned name's address. Each entry is tagged with the name's address and
/// the type epoch it was filled in; a hit is a lock-free read (see
/// `object::cache_slot`), so threads looking up methods of a shared class
/// write nothing shared.
pub struct AttrCache {
    entries: Box<[crate::object::cache_slot::CacheSlot<2>]>,
    /// How a call of the class makes an instance, tagged with the type
    /// epoch it was decided in (see `vm::call::class_call`).
    pub constructor: crate::object::cache_slot::CacheSlot<1>,
    /// Whether the class defines `__del__`, as `((epoch + 1) << 1) | yes`
    /// for the type epoch it was looked up in (0: not yet): asked at every
    /// instance's death (see [`TypeData::has_del`]).
    has_del: std::sync::atomic::AtomicU64,
}

impl Default for AttrCache {
    fn default() -> Self {
        AttrCache {
            entries: (0..CACHE_SIZE).map(|_| Default::default()).collect(),
            constructor: Default::default(),
            has_del: std::sync::atomic::AtomicU64::new(0),
        }
    }
}

#[inline(always)]
fn cache_slot(key: usize) -> usize {
    (key >> 4) & (CACHE_SIZE - 1)
}

/// The payload of a type object.
pub struct TypeData {
    /// `__name__`.
    pub name: PyCell<String>,
    /// `__qualname__`.
    pub qualname: PyCell<String>,
    /// `__bases__`.
    pub bases: PyCell<Vec<Value>>,
    /// `__mro__`, starting with the type itself (stored without it to avoid a
    /// self-reference; see [`TypeData::mro`]).
    pub mro_rest: PyCell<Vec<Value>>,
    /// The class namespace (a dict).
    pub dict: Value,
    /// Payload layout of instances.
    pub layout: Kind,
    /// Native constructor of the nearest built-in base (`tp_new`).
    pub native_new: Option<NativeFn>,
    /// Flags (`HEAP_TYPE`, ...).
    pub flags: u32,
    /// `__slots__` names, when declared (instances then store them in a vector).
    pub slots: Vec<Value>,
    /// MRO lookup cache.
    pub cache: AttrCache,
}

impl Traverse for TypeData {
    const TRACKED: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.dict);
        self.bases.with(|b| b.iter().for_each(&mut *visit));
        self.mro_rest.with(|b| b.iter().for_each(&mut *visit));
        for s in &self.slots {
            visit(s);
        }
        for e in self.cache.entries.iter() {
            e.visit(visit);
        }
        self.cache.constructor.visit(visit);
    }
    fn clear(&self) {
        // Attribute-site caches are tagged with a type's address: one that
        // dies must not be mistaken for a new type at the same address.
        invalidate_caches();
        let a = self.bases.take();
        let b = self.mro_rest.take();
        for e in self.cache.entries.iter() {
            e.clear();
        }
        self.cache.constructor.clear();
        drop((a, b));
        if let Some(d) = self.dict.downcast::<DictData>() {
            d.clear_all();
        }
    }
}

impl TypeData {
    /// The type's namespace dict payload.
    #[inline(always)]
    pub fn dict(&self) -> &DictData {
        // SAFETY: `dict` is always a dict (set at construction).
        unsafe { self.dict.downcast_unchecked::<DictData>() }
    }

    /// Looks `name` (an interned str) up along the MRO of `this` (the type
    /// object owning `self`), using the cache.
    #[inline]
    pub fn lookup(&self, this: &Value, name: &Value) -> Option<Value> {
        let epoch = TYPE_EPOCH.load(Relaxed);
        let key = name.bits();
        let slot = cache_slot(key);
        let tags = [key as u64, epoch];
        let entry = &self.cache.entries[slot];
        if let crate::object::cache_slot::Cached::Hit(r) = entry.get(tags) {
            return r;
        }
        let found = self.lookup_uncached(this, name);
        entry.set(tags, found.clone());
        found
    }

    /// True if the class (or a base) defines `__del__`: a lookup once per
    /// type epoch, then one load and compare.
    #[inline]
    pub fn has_del(&self, this: &Value) -> bool {
        let tag = (TYPE_EPOCH.load(Relaxed) + 1) << 1;
        let known = self.cache.has_del.load(Relaxed);
        if known & !1 == tag {
            return known & 1 == 1;
        }
        let yes = self.lookup(this, crate::name!("__del__")).is_some();
        self.cache.has_del.store(tag | yes as u64, Relaxed);
        yes
    }

    /// MRO search without the cache.
    pub fn lookup_uncached(&self, this: &Value, name: &Value) -> Option<Value> {
        if let Some(v) = self.dict().get_str(name) {
            return Some(v);
        }
        let _ = this;
        let rest = self.mro_rest.get();
        for t in rest.iter() {
            if let Some(td) = t.downcast::<TypeData>() {
                if let Some(v) = td.dict().get_str(name) {
                    return Some(v);
                }
            }
        }
        None
    }

    /// The full MRO, starting with `this`.
    pub fn mro(&self, this: &Value) -> Vec<Value> {
        let mut v = vec![this.clone()];
        v.extend(self.mro_rest.get());
        v
    }

    /// The type's name.
    pub fn name(&self) -> String {
        self.name.get()
    }

    /// True if a flag is set.
    #[inline(always)]
    pub fn has_flag(&self, f: u32) -> bool {
        self.flags & f != 0
    }

    /// True if Python code may set or delete the type's attributes: a
    /// class, not a built-in or native type.
    pub fn is_mutable_type(&self) -> bool {
        self.flags & (HEAP_TYPE | IMMUTABLE_TYPE) == HEAP_TYPE
    }

    /// True if attribute access must call a Python `__getattribute__`.
    #[inline(always)]
    pub fn custom_getattribute(&self) -> bool {
        self.flags & CUSTOM_GETATTRIBUTE != 0
            || (self.flags & HEAP_TYPE != 0 && LATE_GETATTRIBUTE.load(Relaxed))
    }

    /// True if attribute stores may have to call a Python `__setattr__`.
    #[inline(always)]
    pub fn custom_setattr(&self) -> bool {
        self.flags & CUSTOM_SETATTR != 0
            || (self.flags & HEAP_TYPE != 0 && LATE_SETATTR.load(Relaxed))
    }
}

impl Drop for TypeData {
    fn drop(&mut self) {
        // As in `clear`: the address may be reused by another type.
        invalidate_caches();
    }
}

/// Marks every attribute cache stale (call after mutating a class namespace).
pub fn invalidate_caches() {
    TYPE_EPOCH.fetch_add(1, Relaxed);
}

/// The type payload of a type object value.
#[inline(always)]
pub fn type_data(v: &Value) -> Option<&TypeData> {
    v.downcast::<TypeData>()
}

/// True if type `sub` is `sup` or inherits from it.
pub fn is_subtype(sub: &Value, sup: &Value) -> bool {
    if sub.is(sup) {
        return true;
    }
    match sub.downcast::<TypeData>() {
        Some(t) => t.mro_rest.with(|m| m.iter().any(|x| x.is(sup))),
        None => false,
    }
}

/// Computes the C3 linearisation of a class with `bases` (excluding the class
/// itself). Returns None when no consistent order exists.
pub fn c3_mro(bases: &[Value]) -> Option<Vec<Value>> {
    let mut seqs: Vec<Vec<Value>> = Vec::new();
    for b in bases {
        let td = b.downcast::<TypeData>()?;
        seqs.push(td.mro(b));
    }
    seqs.push(bases.to_vec());
    let mut out: Vec<Value> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Some(out);
        }
        let mut chosen = None;
        for s in &seqs {
            let cand = &s[0];
            let in_tail = seqs.iter().any(|t| t[1..].iter().any(|x| x.is(cand)));
            if !in_tail {
                chosen = Some(cand.clone());
                break;
            }
        }
        let c = chosen?;
        for s in seqs.iter_mut() {
            if s[0].is(&c) {
                s.remove(0);
            }
        }
        out.push(c);
    }
}

/// Builds the payload of a new type.
#[allow(clippy::too_many_arguments)]
pub fn type_payload(
    name: &str,
    bases: Vec<Value>,
    mro_rest: Vec<Value>,
    dict: Value,
    layout: Kind,
    native_new: Option<NativeFn>,
    flags: u32,
    slots: Vec<Value>,
) -> TypeData {
    TypeData {
        name: PyCell::new(name.to_string()),
        qualname: PyCell::new(name.to_string()),
        bases: PyCell::new(bases),
        mro_rest: PyCell::new(mro_rest),
        dict,
        layout,
        native_new,
        flags,
        slots,
        cache: AttrCache::default(),
    }
}

/// Result alias re-export for type creation helpers.
pub type TypeResult = PyResult<Value>;
