//! The built-in types: payload layouts, the process-wide immortal type objects
//! and singletons, and constructors for common values.
//!
//! Built-in type objects, `None`, `True`, `False` and interned strings are
//! immortal and shared by every interpreter in the process (PEP 683/684): their
//! reference counts are never written, so sharing them costs no contention.

pub mod bigint;
pub mod dict;
pub mod exception;
pub mod function;
pub mod init;
pub mod instance;
pub mod iter_cursor;
pub mod iterator;
pub mod list_store;
pub mod methods;
pub mod misc;
pub mod seq;
pub mod set;
pub mod str;
pub mod str_search;

pub use self::str::{intern, intern_value, new_str};
pub use bigint::{new_bigint, new_int};
pub use dict::new_dict;
pub use misc::{exact_float, new_float};
pub use seq::{new_list, new_tuple};
pub mod typeobj;

use std::sync::OnceLock;

pub use bigint::BigIntData;
pub use dict::DictData;
pub use exception::ExceptionData;
pub use function::{
    BoundMethodData, CellData, ClassMethodData, FunctionData, NativeFunctionData, PropertyData,
    StaticMethodData,
};
pub use instance::InstanceData;
pub use iterator::{GeneratorData, IteratorData};
pub use misc::{
    BoolData, BytesData, ComplexData, FloatData, ModuleData, NoneData, OpaqueData, RangeData,
    SliceData, SuperData,
};
pub use seq::{ListData, TupleData};
pub use set::SetData;
pub use str::StrData;
pub use typeobj::TypeData;

use crate::object::Value;

/// How the cycle collector sees a payload; implemented by every layout.
pub trait Traverse {
    /// True if the payload can hold references.
    const TRACKED: bool = false;
    /// Visits every reference held.
    fn traverse(&self, _visit: &mut dyn FnMut(&Value)) {}
    /// Drops every reference held.
    fn clear(&self) {}
    /// True if the payload is followed by bytes of its own in the object's
    /// block (a variable-size object: `str` keeps its text there), so the
    /// block is `size_of::<PyObj<Self>>() + tail_len()` bytes.
    const HAS_TAIL: bool = false;
    /// The number of bytes after the payload (when `HAS_TAIL`).
    fn tail_len(&self) -> usize {
        0
    }
}

/// A `Value` that may live in a process-wide static: only immortal objects are
/// stored in one, so no reference count is ever written through it.
#[repr(transparent)]
pub struct StaticValue(pub Value);
// SAFETY: only immortal objects are wrapped; their refcounts are never written
// and their immutable parts are read-only after start-up.
unsafe impl Sync for StaticValue {}
// SAFETY: as above.
unsafe impl Send for StaticValue {}

impl StaticValue {
    /// The wrapped value (a new reference, which for immortals is free).
    #[inline(always)]
    pub fn get(&self) -> Value {
        self.0.clone()
    }
    /// [`StaticValue::get`] for a value made immortal at creation (the
    /// singletons): the count is never written, so the reference is the word
    /// itself, with no load and compare of the count.
    #[inline(always)]
    fn get_immortal(&self) -> Value {
        debug_assert!(self.0.header().is_some_and(|h| h.is_immortal()));
        // SAFETY: the object is immortal (made by `alloc_immortal` in
        // `init`), so its count is never read to free it: copying the word
        // gives a valid reference, and dropping it does not write the count.
        unsafe { Value::from_raw_bits(self.0.bits()) }
    }
    /// The object pointer.
    #[inline(always)]
    pub fn as_ptr(&self) -> *const crate::object::ObjHeader {
        self.0.as_ptr()
    }
    /// Borrow the value.
    #[inline(always)]
    pub fn v(&self) -> &Value {
        &self.0
    }
}

macro_rules! builtin_type_table {
    ($($field:ident),* $(,)?) => {
        /// Every built-in type object, created once per process.
        pub struct BuiltinTypes { $(
            #[doc = concat!("The `", stringify!($field), "` type.")]
            pub $field: StaticValue,
        )* }
    };
}

builtin_type_table!(
    type_,
    object,
    int,
    bool,
    float,
    complex,
    str,
    bytes,
    tuple,
    list,
    dict,
    set,
    frozenset,
    function,
    code,
    builtin_function,
    method,
    module,
    range,
    slice,
    cell,
    generator,
    property,
    classmethod,
    staticmethod,
    super_,
    none_type,
    not_implemented_type,
    ellipsis_type,
    null_type,
    list_iterator,
    tuple_iterator,
    range_iterator,
    str_iterator,
    dict_keyiterator,
    dict_valueiterator,
    dict_itemiterator,
    set_iterator,
    dict_keys,
    dict_values,
    dict_items,
    enumerate,
    zip,
    map,
    filter,
    reversed,
    callable_iterator,
    generic_iterator,
    bytes_iterator,
);

/// The singletons.
pub struct Singletons {
    /// `None`.
    pub none: StaticValue,
    /// `True`.
    pub true_: StaticValue,
    /// `False`.
    pub false_: StaticValue,
    /// `NotImplemented`.
    pub not_implemented: StaticValue,
    /// `...`.
    pub ellipsis: StaticValue,
    /// The internal "no value" stack marker (never visible to Python code).
    pub null: StaticValue,
    /// The empty tuple.
    pub empty_tuple: StaticValue,
    /// The empty string.
    pub empty_str: StaticValue,
}

pub(crate) static TYPES: OnceLock<BuiltinTypes> = OnceLock::new();
pub(crate) static SINGLETONS: OnceLock<Singletons> = OnceLock::new();
pub(crate) static EXC_TYPES: OnceLock<exception::ExceptionTypes> = OnceLock::new();

/// The built-in types (after [`init::init`]).
#[inline(always)]
pub fn builtin_types() -> &'static BuiltinTypes {
    match TYPES.get() {
        Some(t) => t,
        None => init::init_and_get(),
    }
}

/// The singletons.
#[inline(always)]
pub fn singletons() -> &'static Singletons {
    match SINGLETONS.get() {
        Some(s) => s,
        None => {
            init::init_and_get();
            SINGLETONS.get().expect("initialised")
        }
    }
}

/// The exception types.
#[inline(always)]
pub fn exc_types() -> &'static exception::ExceptionTypes {
    match EXC_TYPES.get() {
        Some(s) => s,
        None => {
            init::init_and_get();
            EXC_TYPES.get().expect("initialised")
        }
    }
}

/// `None`.
#[inline(always)]
pub fn none() -> Value {
    singletons().none.get_immortal()
}

/// `True` or `False`.
#[inline(always)]
pub fn bool_value(b: bool) -> Value {
    let s = singletons();
    if b {
        s.true_.get_immortal()
    } else {
        s.false_.get_immortal()
    }
}

/// The internal null marker.
#[inline(always)]
pub fn null() -> Value {
    singletons().null.get_immortal()
}

/// `NotImplemented`.
#[inline(always)]
pub fn not_implemented() -> Value {
    singletons().not_implemented.get_immortal()
}

/// True if `v` is `None`.
#[inline(always)]
pub fn is_none(v: &Value) -> bool {
    v.bits() == singletons().none.0.bits()
}

/// True if `v` is the internal null marker.
#[inline(always)]
pub fn is_null(v: &Value) -> bool {
    v.bits() == singletons().null.0.bits()
}

/// The error type of every fallible operation: an exception instance.
#[derive(Clone, Debug)]
pub struct PyErr(pub Value);

/// Result of an operation that may raise.
pub type PyResult<T = Value> = Result<T, PyErr>;

/// Keyword arguments passed to a native function: names and values line up.
#[derive(Clone, Copy, Default)]
pub struct Kwargs<'a> {
    /// Interned `str` names.
    pub names: &'a [Value],
    /// Values, same length as `names`.
    pub values: &'a [Value],
}

impl<'a> Kwargs<'a> {
    /// True if no keyword was passed.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
    /// Iterates `(name, value)` pairs.
    pub fn iter(&self) -> impl Iterator<Item = (&'a str, &'a Value)> + 'a {
        let names = self.names;
        let values = self.values;
        names
            .iter()
            .zip(values.iter())
            .map(|(n, v)| (n.downcast::<StrData>().map(|s| s.as_str()).unwrap_or(""), v))
    }
    /// The value passed for `name`, if any.
    pub fn get(&self, name: &str) -> Option<&'a Value> {
        self.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

/// A native function: receives the VM, positional arguments (for methods the
/// first is the receiver) and keyword arguments.
pub type NativeFn = fn(&mut crate::vm::Vm, &[Value], Kwargs) -> PyResult<Value>;
