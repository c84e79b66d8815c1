//! `tuple` and `list` payloads.

use super::{builtin_types, Traverse};
use crate::object::{alloc, PyCell, Value};

/// A tuple's items: written when the tuple is built and, after that, only by
/// the cycle collector's `clear` of an unreachable tuple (under the GIL or
/// with the world stopped). Every other access is a shared read, which needs
/// no lock in any mode: tuples are read by many threads at once without
/// touching a shared cache line.
struct TupleItems(std::cell::UnsafeCell<Box<[Value]>>);

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
        // SAFETY: the boxed slice is replaced only by `Traverse::clear` on an
        // unreachable tuple (see `TupleItems`), which no live borrow can see.
        unsafe { &*self.items.0.get() }
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
        let old = std::mem::replace(unsafe { &mut *self.items.0.get() }, Box::new([]));
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
    TupleData {
        items: TupleItems(std::cell::UnsafeCell::new(items.into_boxed_slice())),
        attrs: Default::default(),
    }
}

/// The payload of a `list`: a growable vector guarded by the object's
/// critical section.
pub struct ListData {
    /// The items. Never call Python code while inside `items.with`.
    pub items: PyCell<Vec<Value>>,
    /// Instance attributes of a Python subclass's instance (None otherwise).
    pub attrs: crate::object::value_slot::ValueSlot,
}

impl ListData {
    /// A list payload holding `items`.
    pub fn new(items: Vec<Value>) -> ListData {
        ListData {
            items: PyCell::new(items),
            attrs: Default::default(),
        }
    }
}

impl ListData {
    /// Number of items.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.items.with(|v| v.len())
    }
    /// True if empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Item `i` (no negative indexing).
    #[inline(always)]
    pub fn get(&self, i: usize) -> Option<Value> {
        self.items.with(|v| v.get(i).cloned())
    }
    /// Replaces item `i`; the old value is dropped after the borrow ends.
    #[inline(always)]
    pub fn set(&self, i: usize, val: Value) -> bool {
        let old = self
            .items
            .with(|v| v.get_mut(i).map(|slot| std::mem::replace(slot, val)));
        old.is_some()
    }
    /// Appends.
    #[inline(always)]
    pub fn push(&self, val: Value) {
        self.items.with(|v| v.push(val));
    }
    /// A copy of the items (for iteration that may run Python code).
    pub fn snapshot(&self) -> Vec<Value> {
        self.items.with(|v| v.clone())
    }
}

impl Traverse for ListData {
    const TRACKED: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.items.with(|v| {
            for x in v.iter() {
                visit(x);
            }
        });
        self.attrs.visit(visit);
    }
    fn clear(&self) {
        let old = self.items.take();
        let a = self.attrs.take();
        drop((old, a));
    }
}

/// A new list.
pub fn new_list(items: Vec<Value>) -> Value {
    alloc(builtin_types().list.v(), ListData::new(items))
}
