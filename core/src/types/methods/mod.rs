//! Native methods and constructors of the built-in types, one file per type.
//! Each file exposes `methods()` (the entries installed in the type's
//! namespace) and the type's constructor (`tp_new`).

pub mod bytearray;
pub mod bytes;
pub mod bytes_ops;
pub mod codec;
pub mod complex;
pub mod dict;
pub mod exception;
pub mod float;
pub mod int;
pub mod iter;
pub mod list;
pub mod number;
pub mod object;
pub mod set;
pub mod str;
pub mod str_case;
pub mod str_ops;
pub mod str_unicode;
pub mod subclass;
pub mod tuple;

use super::{BuiltinTypes, Kwargs, NativeFn, PyResult};
use crate::object::Value;
use crate::types::exception::type_error;

/// How a native method binds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum MethodKind {
    /// Receives the instance first.
    Instance,
    /// Receives the class first (`classmethod`).
    Class,
    /// Receives no implicit first argument (`staticmethod`).
    Static,
}

/// One entry of a type's namespace.
#[derive(Clone, Copy)]
pub struct Method {
    /// Attribute name.
    pub name: &'static str,
    /// Implementation.
    pub func: NativeFn,
    /// Binding.
    pub kind: MethodKind,
}

/// An instance method entry.
pub const fn m(name: &'static str, func: NativeFn) -> Method {
    Method {
        name,
        func,
        kind: MethodKind::Instance,
    }
}

/// A class method entry.
pub const fn cm(name: &'static str, func: NativeFn) -> Method {
    Method {
        name,
        func,
        kind: MethodKind::Class,
    }
}

/// A static method entry.
pub const fn sm(name: &'static str, func: NativeFn) -> Method {
    Method {
        name,
        func,
        kind: MethodKind::Static,
    }
}

/// The method tables of every built-in type.
pub fn tables(bt: &BuiltinTypes) -> Vec<(&Value, &'static str, Vec<Method>)> {
    vec![
        (bt.object.v(), "object", object::object_methods()),
        (bt.type_.v(), "type", object::type_methods()),
        (bt.int.v(), "int", int::methods()),
        (bt.bool.v(), "bool", int::bool_methods()),
        (bt.float.v(), "float", float::methods()),
        (bt.complex.v(), "complex", complex::methods()),
        (bt.str.v(), "str", str::methods()),
        (bt.bytes.v(), "bytes", bytes::methods()),
        (bt.tuple.v(), "tuple", tuple::methods()),
        (bt.list.v(), "list", list::methods()),
        (bt.dict.v(), "dict", dict::methods()),
        (bt.set.v(), "set", set::set_methods()),
        (bt.frozenset.v(), "frozenset", set::frozenset_methods()),
        (bt.property.v(), "property", object::property_methods()),
        (bt.generator.v(), "generator", iter::generator_methods()),
        (bt.range.v(), "range", object::range_methods()),
        (bt.dict_keys.v(), "dict_keys", dict::view_methods()),
        (bt.dict_values.v(), "dict_values", dict::view_methods()),
        (bt.dict_items.v(), "dict_items", dict::view_methods()),
        (bt.slice.v(), "slice", object::slice_methods()),
    ]
    .into_iter()
    .chain(
        [
            bt.list_iterator.v(),
            bt.tuple_iterator.v(),
            bt.range_iterator.v(),
            bt.str_iterator.v(),
            bt.bytes_iterator.v(),
            bt.dict_keyiterator.v(),
            bt.dict_valueiterator.v(),
            bt.dict_itemiterator.v(),
            bt.set_iterator.v(),
            bt.enumerate.v(),
            bt.zip.v(),
            bt.map.v(),
            bt.filter.v(),
            bt.reversed.v(),
            bt.callable_iterator.v(),
            bt.generic_iterator.v(),
        ]
        .into_iter()
        .map(|t| (t, "iterator", iter::iterator_methods())),
    )
    .collect()
}

/// Argument `i`, or a TypeError naming the function.
pub fn arg<'a>(args: &'a [Value], i: usize, fname: &str) -> PyResult<&'a Value> {
    args.get(i).ok_or_else(|| {
        type_error(format!(
            "{fname}() missing required argument (pos {})",
            i + 1
        ))
    })
}

/// Argument `i` by position or keyword `name`.
pub fn arg_or_kw<'a>(
    args: &'a [Value],
    kw: &Kwargs<'a>,
    i: usize,
    name: &str,
) -> Option<&'a Value> {
    args.get(i).or_else(|| kw.get(name))
}

/// Checks the positional argument count (`self` excluded by the caller).
#[inline(always)]
pub fn nargs(fname: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    crate::vm::call::check_args(fname, args, min, max)
}

/// Rejects keyword arguments.
pub fn no_kw(fname: &str, kw: &Kwargs) -> PyResult<()> {
    crate::vm::call::no_kwargs(fname, kw)
}
