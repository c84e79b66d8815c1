//! Native iterators (sequence, range, dict and set iterators, `enumerate`,
//! `zip`, `map`, `filter`, `reversed`, ...), dict views, and generators.

use super::iter_cursor::Cursor;
use super::Traverse;
use crate::object::claim_slot::ClaimSlot;
use crate::object::{PyCell, Value};

/// Which part of a dict a view or iterator yields.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DictPart {
    /// Keys.
    Keys,
    /// Values.
    Values,
    /// `(key, value)` tuples.
    Items,
}

/// The state of a native iterator.
pub enum IterState {
    /// Over a str or bytes by index (lists and tuples have a cursor).
    Seq {
        /// The sequence.
        seq: Value,
        /// Next index.
        index: usize,
    },
    /// Over a dict.
    Dict {
        /// The dict.
        dict: Value,
        /// Next dense position.
        pos: usize,
        /// Length when iteration started (changes raise RuntimeError).
        len: usize,
        /// What to yield.
        part: DictPart,
    },
    /// A dict view (not an iterator; `iter()` makes a `Dict` iterator).
    DictView {
        /// The dict.
        dict: Value,
        /// What it shows.
        part: DictPart,
    },
    /// Over a set.
    Set {
        /// The set.
        set: Value,
        /// Next slot.
        pos: usize,
        /// Length when iteration started.
        len: usize,
    },
    /// `enumerate`.
    Enumerate {
        /// Underlying iterator.
        it: Value,
        /// Next count.
        count: Value,
    },
    /// `zip`.
    Zip {
        /// Underlying iterators, as a tuple (each step clones one
        /// reference, not the list).
        its: Value,
        /// `strict=True`.
        strict: bool,
    },
    /// `map`.
    Map {
        /// The function.
        func: Value,
        /// Underlying iterators.
        its: Vec<Value>,
    },
    /// `filter` (func None keeps truthy items).
    Filter {
        /// The predicate or None.
        func: Value,
        /// Underlying iterator.
        it: Value,
    },
    /// `reversed` over an indexable sequence.
    Reversed {
        /// The sequence.
        seq: Value,
        /// Next index + 1 (0 = done).
        next: usize,
    },
    /// `iter(callable, sentinel)`.
    Callable {
        /// The callable.
        func: Value,
        /// Stop value.
        sentinel: Value,
    },
    /// Old-style iteration through `__getitem__` with 0, 1, 2, ...
    GetItem {
        /// The object.
        obj: Value,
        /// Next index.
        index: i64,
    },
    /// Iteration over a materialised list of values (used by native modules).
    Values {
        /// The values.
        items: Vec<Value>,
        /// Next index.
        index: usize,
    },
    /// Finished.
    Exhausted,
}

/// The payload of native iterators.
pub struct IteratorData {
    /// The state (`Exhausted` for an iterator with a cursor).
    pub state: PyCell<IterState>,
    /// The lock-free state of range, list and tuple iterators.
    pub cursor: Cursor,
}

impl Traverse for IteratorData {
    const TRACKED: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.state.with(|s| match s {
            IterState::Seq { seq, .. } | IterState::Reversed { seq, .. } => visit(seq),
            IterState::Dict { dict, .. } | IterState::DictView { dict, .. } => visit(dict),
            IterState::Set { set, .. } => visit(set),
            IterState::Enumerate { it, count } => {
                visit(it);
                visit(count);
            }
            IterState::Zip { its, .. } => visit(its),
            IterState::Map { func, its } => {
                visit(func);
                its.iter().for_each(&mut *visit);
            }
            IterState::Filter { func, it } => {
                visit(func);
                visit(it);
            }
            IterState::Callable { func, sentinel } => {
                visit(func);
                visit(sentinel);
            }
            IterState::GetItem { obj, .. } => visit(obj),
            IterState::Values { items, .. } => items.iter().for_each(&mut *visit),
            IterState::Exhausted => {}
        });
        self.cursor.traverse(visit);
    }
    fn clear(&self) {
        self.cursor.clear();
        let old = self.state.replace(IterState::Exhausted);
        drop(old);
    }
}

/// A new native iterator of type `ty`.
pub fn new_iterator(ty: &Value, state: IterState) -> Value {
    crate::object::alloc(
        ty,
        IteratorData {
            state: PyCell::new(state),
            cursor: Cursor::None,
        },
    )
}

/// A new range, list or tuple iterator of type `ty`.
pub fn new_cursor_iterator(ty: &Value, cursor: Cursor) -> Value {
    crate::object::alloc(
        ty,
        IteratorData {
            state: PyCell::new(IterState::Exhausted),
            cursor,
        },
    )
}

/// The payload of a generator.
pub struct GeneratorData {
    /// The frame, while the generator is suspended. Resuming claims it (one
    /// atomic exchange: [`ClaimSlot`]), so two threads resuming the
    /// generator at once cannot both run it: the second finds it busy
    /// ("generator already executing"). A finished generator's slot is
    /// done.
    pub frame: ClaimSlot<Box<crate::vm::frame::Frame>>,
    /// `__name__`.
    pub name: Value,
    /// `__qualname__`.
    pub qualname: Value,
}

impl Traverse for GeneratorData {
    const TRACKED: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        // A running generator's frame is owned by the eval loop, not here.
        self.frame.inspect(|f| f.traverse(visit));
    }
    fn clear(&self) {
        drop(self.frame.take_for_good());
    }
}
