//! `tuple` and `list` payloads.

use super::list_store::{ListStore, ListView};
use super::{builtin_types, Traverse};
use crate::object::{alloc, PyCell, Value};

/// A tuple's items: written when the tuple is built and, after that, only by
/// the cycle collector's `clear` of an unreachable tuple (under the GIL or
/// with the world stopped). Every other access is a shared read, which needs
/// no lock in any mode: tuples are read by many threads at once without
/// touching a shared cache line.
struct TupleItems(std::cell::UnsafeCell<Items>);

/// Most items a tuple keeps inside its own object.
pub const INLINE_ITEMS: usize = 2;

/// What fills an inline tuple's unused slots: a small int is no object, so
/// it costs no count, and it needs no runtime (tuples are built while the
/// built-in types are being made).
#[inline(always)]
fn filler() -> Value {
    Value::small(0)
}

/// Where a tuple's items live: pairs, one-cell closures and single-argument
/// packs (most tuples) inside the object, so building one is one
/// allocation (CPython's tuples are variable-sized objects); longer tuples
/// in a boxed slice.
enum Items {
    /// The count and the items; unused slots hold [`filler`].
    Inline(u8, [Value; INLINE_ITEMS]),
    Boxed(Box<[Value]>),
}

impl Items {
    fn from_vec(items: Vec<Value>) -> Items {
        if items.len() > INLINE_ITEMS {
            return Items::Boxed(items.into_boxed_slice());
        }
        let n = items.len() as u8;
        let mut it = items.into_iter();
        let a = it.next().unwrap_or_else(filler);
        let b = it.next().unwrap_or_else(filler);
        Items::Inline(n, [a, b])
    }

    #[inline(always)]
    fn as_slice(&self) -> &[Value] {
        match self {
            Items::Inline(n, items) => &items[..*n as usize],
            Items::Boxed(b) => b,
        }
    }
}

// SAFETY: see the type's documentation: the only write after construction
// happens while no other thread can reach the tuple.
unsafe impl Sync for TupleItems {}

/// The payload of a `tuple`: a fixed slice of values.
pub struct TupleData {
    items: TupleItems,
    /// Instance attributes of a Python subclass's instance (None otherwise).
    pub attrs: crate::object::value_slot::ValueSlot,
}

impl TupleData {
    /// The items. Tuples are immutable once published (only `clear` by the
    /// collector empties them, when no Python code can see them).
    #[inline(always)]
    pub fn items(&self) -> &[Value] {
        // SAFETY: the items are replaced only by `Traverse::clear` on an
        // unreachable tuple (see `TupleItems`), which no live borrow can see.
        unsafe { &*self.items.0.get() }.as_slice()
    }
    /// Number of items.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.items().len()
    }
    /// True if empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Traverse for TupleData {
    const TRACKED: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        for v in self.items() {
            visit(v);
        }
        self.attrs.visit(visit);
    }
    fn clear(&self) {
        // SAFETY: the collector clears only unreachable objects, with every
        // other thread excluded (GIL or stopped world): nothing borrows the
        // items now (see `TupleItems`).
        let items = unsafe { &mut *self.items.0.get() };
        let old = std::mem::replace(items, Items::Boxed(Box::new([])));
        let a = self.attrs.take();
        drop((old, a));
    }
}

/// A new tuple.
pub fn new_tuple(items: Vec<Value>) -> Value {
    if items.is_empty() {
        return super::singletons().empty_tuple.get();
    }
    alloc(builtin_types().tuple.v(), tuple_payload(items))
}

/// Builds the payload directly (for the empty-tuple singleton and subclasses).
pub fn tuple_payload(items: Vec<Value>) -> TupleData {
    payload_of(Items::from_vec(items))
}

fn payload_of(items: Items) -> TupleData {
    TupleData {
        items: TupleItems(std::cell::UnsafeCell::new(items)),
        attrs: Default::default(),
    }
}

/// A new tuple `(a,)` or `(a, b)`, its items in the object (no vector).
pub fn new_small_tuple(a: Value, b: Option<Value>) -> Value {
    let n = 1 + b.is_some() as u8;
    let items = Items::Inline(n, [a, b.unwrap_or_else(filler)]);
    alloc(builtin_types().tuple.v(), payload_of(items))
}

/// The payload of a `list`: its items (see [`super::list_store`]: written
/// inside the list's critical section, read without a lock).
pub struct ListData {
    /// The items. Never call Python code inside `with_items`.
    items: PyCell<ListStore>,
    /// The buffer and length as lock-free readers see them.
    view: ListView,
    /// Instance attributes of a Python subclass's instance (None otherwise).
    pub attrs: crate::object::value_slot::ValueSlot,
}

/// Buffers and references a list gave up, freed after the readers' grace
/// period.
struct Released(Vec<Value>, Vec<Box<[std::sync::atomic::AtomicUsize]>>);

// SAFETY: the buffers hold only atomics; the values may be dropped on any
// thread (biased counting routes each decrement).
unsafe impl Send for Released {}

impl Released {
    fn free(self) {
        let Released(values, buffers) = self;
        drop(values);
        drop(buffers);
    }
}

impl ListData {
    /// A list payload holding `items`.
    pub fn new(items: Vec<Value>) -> ListData {
        let store = ListStore::from_vec(items);
        let view = ListView::default();
        store.publish(&view);
        ListData {
            items: PyCell::new(store),
            view,
            attrs: Default::default(),
        }
    }

    /// Runs `f` on the items inside the list's critical section, then
    /// publishes them to lock-free readers and retires what left.
    #[inline]
    pub fn with_items<R>(&self, f: impl FnOnce(&mut ListStore) -> R) -> R {
        let (r, gave_up) = self.items.with(|s| {
            let r = f(s);
            s.publish(&self.view);
            let gave_up = if s.released.is_empty() && s.replaced.is_empty() {
                None
            } else {
                Some(Released(
                    std::mem::take(&mut s.released),
                    std::mem::take(&mut s.replaced),
                ))
            };
            (r, gave_up)
        });
        if let Some(bundle) = gave_up {
            crate::object::retire_with(Box::new(move || bundle.free()));
        }
        r
    }

    /// Number of items (no lock).
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.view.len()
    }
    /// True if empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Item `i` (no negative indexing), read without a lock when possible.
    #[inline(always)]
    pub fn get(&self, i: usize) -> Option<Value> {
        self.get_with(i, Value::clone)
    }
    /// [`get`](Self::get) taking the new reference with `clone` (the eval
    /// loop's policy).
    #[inline(always)]
    pub fn get_with(&self, i: usize, clone: fn(&Value) -> Value) -> Option<Value> {
        match self.view.get_with(i, clone) {
            Some(r) => r,
            None => self.with_items(|s| s.get(i).map(clone)),
        }
    }
    /// Replaces item `i`; the old value is dropped after the access ends.
    #[inline(always)]
    pub fn set(&self, i: usize, val: Value) -> bool {
        match self.replace(i, val) {
            Some(old) => {
                crate::object::retire(old);
                true
            }
            None => false,
        }
    }
    /// Replaces item `i` (if the list still has it: `val` is dropped if
    /// not) and returns the old item, which lock-free readers may still be
    /// reading: the caller retires it (`crate::object::retire`, or the eval
    /// loop's policy).
    #[inline(always)]
    pub fn replace(&self, i: usize, val: Value) -> Option<Value> {
        // Straight in the list's cell, not through `with_items`: replacing
        // an item moves no buffer and changes no length.
        self.items
            .with(|s| (i < s.len()).then(|| s.replace_unrecorded(i, val)))
    }
    /// Appends.
    #[inline(always)]
    pub fn push(&self, val: Value) {
        self.with_items(|s| s.push(val));
    }
    /// A copy of the items (for iteration that may run Python code).
    pub fn snapshot(&self) -> Vec<Value> {
        self.with_items(|s| s.to_vec())
    }
}

impl Traverse for ListData {
    const TRACKED: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.items.with(|s| {
            for x in s.iter() {
                visit(x);
            }
        });
        self.attrs.visit(visit);
    }
    fn clear(&self) {
        let old = self.with_items(|s| s.take_vec());
        let a = self.attrs.take();
        drop((old, a));
    }
}

/// A new list.
pub fn new_list(items: Vec<Value>) -> Value {
    alloc(builtin_types().list.v(), ListData::new(items))
}
