//! `tuple` and `list` payloads.

use super::{builtin_types, Traverse};
use crate::object::{alloc, PyCell, Value};

/// The payload of a `tuple`: a fixed slice of values.
pub struct TupleData {
    items: PyCell<Box<[Value]>>,
}

impl TupleData {
    /// The items. Tuples are immutable once published (only `clear` by the
    /// collector empties them, when no Python code can see them).
    #[inline(always)]
    pub fn items(&self) -> &[Value] {
        // SAFETY-free: we hand out a shared borrow; the only mutation is
        // `Traverse::clear` on unreachable tuples, which no live borrow can see.
        self.items.with(|b| {
            let p: *const [Value] = &**b;
            // SAFETY: see above: the boxed slice is never replaced while reachable.
            unsafe { &*p }
        })
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
    }
    fn clear(&self) {
        let old = self.items.replace(Box::new([]));
        drop(old);
    }
}

/// A new tuple.
pub fn new_tuple(items: Vec<Value>) -> Value {
    if items.is_empty() {
        return super::singletons().empty_tuple.get();
    }
    alloc(
        builtin_types().tuple.v(),
        TupleData {
            items: PyCell::new(items.into_boxed_slice()),
        },
    )
}

/// Builds the payload directly (for the empty-tuple singleton and subclasses).
pub fn tuple_payload(items: Vec<Value>) -> TupleData {
    TupleData {
        items: PyCell::new(items.into_boxed_slice()),
    }
}

/// The payload of a `list`: a growable vector guarded by the object's
/// critical section.
pub struct ListData {
    /// The items. Never call Python code while inside `items.with`.
    pub items: PyCell<Vec<Value>>,
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
        let old = self.items.with(|v| v.get_mut(i).map(|slot| std::mem::replace(slot, val)));
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
    }
    fn clear(&self) {
        let old = self.items.take();
        drop(old);
    }
}

/// A new list.
pub fn new_list(items: Vec<Value>) -> Value {
    alloc(
        builtin_types().list.v(),
        ListData {
            items: PyCell::new(items),
        },
    )
}
