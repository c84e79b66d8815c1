//! Attribute-access sites: the inline caches of `LOAD_ATTR`, `STORE_ATTR`
//! and `LOAD_METHOD` on instances of Python classes.
//!
//! Reading `obj.name` in general means a lookup of `name` along the type's
//! MRO (is there a data descriptor, a property, a `__getattribute__`?) and
//! then a probe of the instance dict or a `__slots__` cell. At one site in
//! the code the answer to the first question is nearly always the same,
//! because the objects seen there are nearly always of one class. Each entry
//! of a code object's `names` has an [`AttrSite`] that remembers, for one
//! type and one value of the type epoch (`typeobj::TYPE_EPOCH`, bumped
//! whenever a class namespace changes or a class dies), where instances of
//! that type keep `name`:
//!
//! - in their dict, with nothing on the class that could take precedence: a
//!   hit is a tag compare and a hinted dict read, trying first the entry
//!   index where the name was last found (CPython 3.10's
//!   `LOAD_ATTR_WITH_HINT`; 3.11's `LOAD_ATTR_INSTANCE_VALUE` goes further
//!   with shared-key instance layouts, which gilgamesh does not have);
//! - in `__slots__` cell `i` (CPython's `LOAD_ATTR_SLOT`);
//! - nowhere simple: the general path, without asking again.
//!
//! For `LOAD_METHOD` the site keeps the class's function itself.
//!
//! The caches are [`CacheSlot`]s, so a hit writes nothing and threads that
//! share a function in free-threaded mode do not contend on them; the hint
//! is a relaxed atomic that is only ever a guess, checked against the key
//! before use. A site remembers one type; when it meets a second one (a
//! base class's method run on instances of several subclasses), it gets
//! three more entries for loads, stores and methods, filled in turn, so a
//! site that sees up to four types stops missing (CPython's specialisations are
//! monomorphic: such a site falls back to the generic instruction). A miss
//! answers the access it was made for, so it costs about what the general
//! path did.

use std::sync::atomic::{AtomicU32, Ordering::Relaxed};
use std::sync::OnceLock;

use super::attr::{getattr, plain_value, setattr, slot_index, type_data_of};
use super::Vm;
use crate::object::cache_slot::{CacheSlot, Cached};
use crate::object::{Kind, Value};
use crate::types::typeobj::{self, TypeData, TYPE_EPOCH};
use crate::types::{DictData, InstanceData, PyResult};

/// The caches of one attribute name in one code object.
#[derive(Default)]
pub struct AttrSite {
    /// Where instances of the cached type keep the name, for reading
    /// ([`Place`]).
    load: CacheSlot<2>,
    /// The same for writing.
    store: CacheSlot<2>,
    /// For a type whose instances find `name` on the class as a function
    /// (`LOAD_METHOD`): that function (no value: the general path).
    method: CacheSlot<2>,
    /// Entry index of the name in the last instance dict that held it.
    hint: AtomicU32,
    /// More entries, made when the site meets a second type (a method of a
    /// base class run on instances of its subclasses).
    more: OnceLock<Box<MoreWays>>,
}

/// How many more types a polymorphic site remembers.
const MORE_WAYS: usize = 3;

/// The extra entries of a polymorphic site.
#[derive(Default)]
struct MoreWays {
    load: [CacheSlot<2>; MORE_WAYS],
    store: [CacheSlot<2>; MORE_WAYS],
    method: [CacheSlot<2>; MORE_WAYS],
    /// The next extra entry a fill replaces (round robin; written only when
    /// the site misses).
    next: AtomicU32,
}

impl AttrSite {
    /// Gives up the cached methods (see `compiler::code::clear_caches`).
    pub fn clear(&self) {
        self.method.clear();
        if let Some(m) = self.more.get() {
            m.method.iter().for_each(CacheSlot::clear);
        }
    }

    /// The next extra entry to fill (round robin: a relaxed load and store,
    /// written only on a miss; two threads filling at once may pick the
    /// same one, which only costs a later miss).
    fn next_way(&self) -> (&MoreWays, usize) {
        let m = self.more.get_or_init(Default::default);
        let i = m.next.load(Relaxed) as usize % MORE_WAYS;
        m.next.store((i + 1) as u32, Relaxed);
        (m, i)
    }
}

/// Where a type's instances keep an attribute, as a load or store cache
/// holds it: no value for the instance dict, a small int `i >= 0` for
/// `__slots__` cell `i`, and -1 for "ask the general path".
#[derive(Clone, Copy)]
enum Place {
    Dict,
    Slot(usize),
    General,
}

impl Place {
    fn to_value(self) -> Option<Value> {
        match self {
            Place::Dict => None,
            Place::Slot(i) => Some(Value::small(i as i64)),
            Place::General => Some(Value::small(-1)),
        }
    }

    #[inline(always)]
    fn from_bits(bits: usize) -> Place {
        if bits == 0 {
            return Place::Dict;
        }
        // Filled only by `to_value`: a tagged small int.
        match (bits as i64) >> 1 {
            i if i >= 0 => Place::Slot(i as usize),
            _ => Place::General,
        }
    }
}

/// The tags a site entry is valid for: the type's address and the epoch.
#[inline(always)]
fn tags(obj: &Value) -> [u64; 2] {
    [obj.type_ptr() as u64, TYPE_EPOCH.load(Relaxed)]
}

/// True for names the sites never cache: special names (`__dict__`,
/// `__class__`, ...), which the general paths treat specially.
fn special(name: &Value) -> bool {
    crate::types::str::as_str(name).is_none_or(|n| n.starts_with("__") && n.ends_with("__"))
}

/// True if a class attribute `d` of this name (or none) lets the instance
/// dict answer first: nothing, a function (a non-data descriptor) or a plain
/// value. Properties and instances of Python classes (which may define
/// `__set__`) do not qualify.
fn dict_first(d: &Option<Value>) -> bool {
    match d {
        None => true,
        Some(d) => d.kind() == Kind::Function || plain_value(d),
    }
}

/// Where instances of `td` keep `name` for reading.
fn load_place(ty: &Value, td: &TypeData, name: &Value) -> Place {
    if td.custom_getattribute() || special(name) {
        return Place::General;
    }
    let descr = td.lookup(ty, name);
    if td.slots.is_empty() {
        return if dict_first(&descr) {
            Place::Dict
        } else {
            Place::General
        };
    }
    // A slot with no class attribute of that name, and no instance dict
    // that could hold the name first.
    match slot_index(td, name) {
        Some(i) if descr.is_none() && td.has_flag(typeobj::NO_DICT) => Place::Slot(i),
        _ => Place::General,
    }
}

/// Where instances of `td` keep `name` for writing.
fn store_place(ty: &Value, td: &TypeData, name: &Value) -> Place {
    if td.custom_setattr() || special(name) || !td.has_flag(typeobj::HEAP_TYPE) {
        return Place::General;
    }
    let descr = td.lookup(ty, name);
    if td.slots.is_empty() {
        return if !td.has_flag(typeobj::NO_DICT) && dict_first(&descr) {
            Place::Dict
        } else {
            Place::General
        };
    }
    match slot_index(td, name) {
        Some(i) if descr.is_none() => Place::Slot(i),
        _ => Place::General,
    }
}

/// `obj.name` through the site's cache.
#[inline(always)]
pub fn load(vm: &mut Vm, site: &AttrSite, obj: &Value, name: &Value) -> PyResult<Value> {
    if obj.kind() == Kind::Instance {
        let t = tags(obj);
        let place = match site.load.peek(t) {
            Some(bits) => Place::from_bits(bits),
            None => site.miss(obj, name, t, Access::Load),
        };
        if let Some(v) = read_place(site, obj, name, place) {
            return Ok(v);
        }
    }
    getattr(vm, obj, name)
}

/// The attribute at `place`, if it is there.
#[inline(always)]
fn read_place(site: &AttrSite, obj: &Value, name: &Value, place: Place) -> Option<Value> {
    let inst = obj.downcast::<InstanceData>()?;
    match place {
        Place::Dict => inst
            .dict
            .with_borrowed(|d| d?.downcast::<DictData>()?.get_str_hinted(name, &site.hint)),
        Place::Slot(i) => inst.slots.get(i)?.get(),
        Place::General => None,
    }
}

/// Which of a site's place caches.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    Load,
    Store,
}

impl AttrSite {
    /// A miss in the first entry: the extra entries of a polymorphic site,
    /// else the place decided for this type and cached. The epoch in `t`
    /// was read before the class lookup, so a change to the class since
    /// makes the new entry stale at once.
    #[cold]
    #[inline(never)]
    fn miss(&self, obj: &Value, name: &Value, t: [u64; 2], access: Access) -> Place {
        let (first, more) = match access {
            Access::Load => (&self.load, self.more.get().map(|m| &m.load)),
            Access::Store => (&self.store, self.more.get().map(|m| &m.store)),
        };
        if let Some(bits) = more.and_then(|ways| ways.iter().find_map(|w| w.peek(t))) {
            return Place::from_bits(bits);
        }
        let (ty, td) = type_data_of(obj);
        let place = match access {
            Access::Load => load_place(ty, td, name),
            Access::Store => store_place(ty, td, name),
        };
        if first.never_filled() {
            first.set(t, place.to_value());
        } else {
            // A second type at this site: the extra entries, in turn.
            let (m, i) = self.next_way();
            match access {
                Access::Load => m.load[i].set(t, place.to_value()),
                Access::Store => m.store[i].set(t, place.to_value()),
            }
        }
        place
    }
}

/// `obj.name = value` through the site's cache.
#[inline(always)]
pub fn store(
    vm: &mut Vm,
    site: &AttrSite,
    obj: &Value,
    name: &Value,
    value: Value,
) -> PyResult<()> {
    if obj.kind() == Kind::Instance {
        let t = tags(obj);
        let place = match site.store.peek(t) {
            Some(bits) => Place::from_bits(bits),
            None => site.miss(obj, name, t, Access::Store),
        };
        let value = match write_place(site, obj, name, value, place) {
            None => return Ok(()),
            Some(v) => v,
        };
        return setattr(vm, obj, name, value);
    }
    setattr(vm, obj, name, value)
}

/// Stores `value` at `place`, or gives it back (no dict yet, or the general
/// path). A dict is written without counting a reference to it (the slot's
/// writer retires a replaced dict, and storing runs no Python code), as
/// `attr::setattr` does.
#[inline(always)]
fn write_place(
    site: &AttrSite,
    obj: &Value,
    name: &Value,
    value: Value,
    place: Place,
) -> Option<Value> {
    let Some(inst) = obj.downcast::<InstanceData>() else {
        return Some(value);
    };
    match place {
        Place::Dict => {
            let mut pending = Some(value);
            inst.dict.with_borrowed(|d| {
                if let Some(dd) = d.and_then(|d| d.downcast::<DictData>()) {
                    let v = pending.take().expect("once");
                    dd.set_str_hinted(name.clone(), v, &site.hint);
                }
            });
            if let Some(v) = pending {
                // The first attribute of a fresh instance (the class allows
                // a dict, or the place would not be `Dict`): a new dict, as
                // `attr::setattr` makes.
                let dict = inst.dict.get_or_create(true, crate::types::new_dict);
                match dict.as_ref().and_then(|d| d.downcast::<DictData>()) {
                    Some(dd) => dd.set_str_hinted(name.clone(), v, &site.hint),
                    None => return Some(v),
                }
            }
            None
        }
        Place::Slot(i) => match inst.slots.get(i) {
            Some(cell) => {
                drop(cell.replace(Some(value)));
                None
            }
            None => Some(value),
        },
        Place::General => Some(value),
    }
}

/// `obj.name` for a call (`LOAD_METHOD`) through the site's cache: the
/// function and `obj` to bind it to, or the attribute and `None` (see
/// `attr::load_method`).
#[inline(always)]
pub fn load_method(
    vm: &mut Vm,
    site: &AttrSite,
    obj: Value,
    name: &Value,
) -> PyResult<(Value, Option<Value>)> {
    if obj.kind() == Kind::Instance {
        let t = tags(&obj);
        let func = match site.method.get(t) {
            Cached::Hit(func) => func,
            Cached::Miss => fill_method(site, &obj, name, t),
        };
        if let Some(func) = func {
            // The instance's own dict could still shadow the method.
            let shadowed = obj.downcast::<InstanceData>().and_then(|inst| {
                inst.dict
                    .with_borrowed(|d| d?.downcast::<DictData>()?.with_str(name, |_| ()))
            });
            if shadowed.is_none() {
                return Ok((func, Some(obj)));
            }
        }
    } else if matches!(
        obj.kind(),
        Kind::List | Kind::Dict | Kind::Set | Kind::Tuple | Kind::Str | Kind::Bytes
    ) {
        // A method of a built-in container or string (`l.append`,
        // `d.get`, `s.join`): nothing can shadow it, since instances of the
        // built-in types have no dict (`fill_method` caches nothing for
        // their subclasses, which may).
        let t = tags(&obj);
        let func = match site.method.get(t) {
            Cached::Hit(func) => func,
            Cached::Miss => fill_method(site, &obj, name, t),
        };
        if let Some(func) = func {
            return Ok((func, Some(obj)));
        }
    }
    super::attr::load_method(vm, obj, name)
}

/// A miss in a site's first method entry: the extra entries of a
/// polymorphic site, else the class's function when the type qualifies (an
/// instance of a class, or of a built-in type itself; no custom
/// `__getattribute__`; `name` on the class is a function) or no value (the
/// general path), cached.
#[cold]
#[inline(never)]
fn fill_method(site: &AttrSite, obj: &Value, name: &Value, t: [u64; 2]) -> Option<Value> {
    if let Some(m) = site.more.get() {
        for w in &m.method {
            if let Cached::Hit(func) = w.get(t) {
                return func;
            }
        }
    }
    let (ty, td) = type_data_of(obj);
    // Instances of classes are checked for shadowing at each hit; other
    // objects only qualify as instances of the built-in types themselves.
    let qualifies = obj.kind() == Kind::Instance || !td.has_flag(typeobj::HEAP_TYPE);
    let func = (qualifies && !td.custom_getattribute() && !special(name))
        .then(|| td.lookup(ty, name))
        .flatten()
        .filter(|d| matches!(d.kind(), Kind::Function | Kind::NativeFunction));
    if site.method.never_filled() {
        site.method.set(t, func.clone());
    } else {
        // A second type at this site: the extra entries, in turn.
        let (m, i) = site.next_way();
        m.method[i].set(t, func.clone());
    }
    func
}
