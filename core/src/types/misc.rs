//! Small payloads: float, bool, None, bytes, module, range, slice, super and the
//! opaque payload that native modules use for their own state.

use std::any::Any;

use super::{builtin_types, Traverse};
use crate::object::{alloc, PyCell, Value};

/// The payload of a `float`.
pub struct FloatData(pub f64);
impl Traverse for FloatData {}

/// A new float: tagged when its exponent allows (no allocation), else a
/// heap object.
#[inline(always)]
pub fn new_float(f: f64) -> Value {
    if let Some(v) = Value::try_flonum(f) {
        return v;
    }
    if let Some(v) = crate::object::freelist::pop_float(f) {
        return v;
    }
    alloc_float(f)
}

/// [`new_float`] when the free list is empty.
#[cold]
#[inline(never)]
fn alloc_float(f: f64) -> Value {
    alloc(builtin_types().float.v(), FloatData(f))
}

/// The value of an exact `float`: `None` for anything else, a subclass
/// included (whose arithmetic and comparison methods may be its own, so fast
/// paths must not bypass them).
#[inline(always)]
pub fn exact_float(v: &Value) -> Option<f64> {
    if let Some(f) = v.as_flonum() {
        return Some(f);
    }
    v.downcast::<FloatData>()
        .filter(|_| v.type_ptr() == builtin_types().float.as_ptr())
        .map(|f| f.0)
}

/// The payload of a `complex`.
pub struct ComplexData {
    /// Real part.
    pub re: f64,
    /// Imaginary part.
    pub im: f64,
}
impl Traverse for ComplexData {}

/// The payload of `True` and `False`.
pub struct BoolData(pub bool);
impl Traverse for BoolData {}

/// The payload of `None`, `NotImplemented`, `Ellipsis` and the null marker.
pub struct NoneData;
impl Traverse for NoneData {}

/// The payload of `bytes`.
pub struct BytesData(pub Box<[u8]>);
impl Traverse for BytesData {}

/// A new bytes object.
pub fn new_bytes(b: Vec<u8>) -> Value {
    alloc(builtin_types().bytes.v(), BytesData(b.into_boxed_slice()))
}

/// The payload of a module: its namespace.
pub struct ModuleData {
    /// The module's globals (a dict).
    pub dict: Value,
    /// The module's name.
    pub name: String,
}
impl Traverse for ModuleData {
    const TRACKED: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.dict);
    }
}

/// The payload of a `range` (bounds limited to i64).
pub struct RangeData {
    /// First value.
    pub start: i64,
    /// Bound (exclusive).
    pub stop: i64,
    /// Step (never 0).
    pub step: i64,
}
impl Traverse for RangeData {}

impl RangeData {
    /// Number of values.
    pub fn len(&self) -> i64 {
        range_len(self.start, self.stop, self.step)
    }
    /// True if empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Number of values in `range(start, stop, step)`.
pub fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    // The span fits in a u64 (and a u64 division is several times faster
    // than an i128 one, which slicing pays on every `l[a:b]`).
    if step > 0 && start < stop {
        (stop.wrapping_sub(start) as u64 - 1)
            .checked_div(step as u64)
            .map_or(0, |q| (q + 1) as i64)
    } else if step < 0 && start > stop {
        (start.wrapping_sub(stop) as u64 - 1)
            .checked_div(step.unsigned_abs())
            .map_or(0, |q| (q + 1) as i64)
    } else {
        0
    }
}

/// The payload of a `slice`.
pub struct SliceData {
    /// Start (maybe None).
    pub start: Value,
    /// Stop (maybe None).
    pub stop: Value,
    /// Step (maybe None).
    pub step: Value,
}
impl Traverse for SliceData {
    const TRACKED: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.start);
        visit(&self.stop);
        visit(&self.step);
    }
}

/// The payload of a `super` object.
pub struct SuperData {
    /// The class after which the MRO search starts.
    pub this_class: Value,
    /// The bound object (or class, for classmethods).
    pub obj: Value,
    /// The type whose MRO is searched.
    pub obj_type: Value,
}
impl Traverse for SuperData {
    const TRACKED: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.this_class);
        visit(&self.obj);
        visit(&self.obj_type);
    }
}

/// State of a native object defined by a native module (deque, StringIO,
/// random generator, ...). Implementations report their references to the
/// collector.
pub trait NativeState: Any {
    /// Visits every Python reference held.
    fn traverse(&self, _visit: &mut dyn FnMut(&Value)) {}
    /// Drops every Python reference held.
    fn clear(&mut self) {}
    /// Upcast for downcasting to the concrete state.
    fn as_any(&self) -> &dyn Any;
    /// Mutable upcast.
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

/// The payload of native objects with module-defined state.
pub struct OpaqueData {
    /// The state, guarded like every payload cell.
    pub state: PyCell<Box<dyn NativeState>>,
    /// Instance attribute dict (for Python subclasses or ad-hoc attributes).
    pub dict: crate::object::value_slot::ValueSlot,
}
impl Traverse for OpaqueData {
    const TRACKED: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.state.with(|s| s.traverse(visit));
        self.dict.visit(visit);
    }
    fn clear(&self) {
        let old = self.dict.take();
        drop(old);
        // Clearing the state may drop values; that runs no Python code.
        self.state.with(|s| s.clear());
    }
}

impl OpaqueData {
    /// Runs `f` on the state if it is a `T`. `f` must not call Python code.
    pub fn with<T: 'static, R>(&self, f: impl FnOnce(&mut T) -> R) -> Option<R> {
        self.state
            .with(|s| s.as_any_mut().downcast_mut::<T>().map(f))
    }
}

/// A new opaque object of type `ty`.
pub fn new_opaque(ty: &Value, state: Box<dyn NativeState>) -> Value {
    alloc(
        ty,
        OpaqueData {
            state: PyCell::new(state),
            dict: Default::default(),
        },
    )
}
