//! `bytearray`: a mutable byte sequence, implemented as a native type whose
//! instances hold a `Vec<u8>`. The non-mutating methods are the `bytes` ones
//! (`bytes.rs`, `bytes_ops.rs`), which build results of the receiver's type.

use std::sync::OnceLock;

use super::bytes::{byte_value, bytes_like, source_bytes};
use super::{m, Method};
use crate::object::{alloc_immortal, Kind, Value};
use crate::types::exception::{index_error, type_error, value_error};
use crate::types::misc::NativeState;
use crate::types::typeobj::{type_payload, BASE_TYPE, HEAP_TYPE, IMMUTABLE_TYPE};
use crate::types::{self, DictData, Kwargs, OpaqueData, PyResult, SliceData, StaticValue};
use crate::vm::protocol::{index_value, type_name};
use crate::vm::Vm;

use super::str::no_kw;

/// `check_call` for `bytearray` methods, with counts that include the receiver.
fn nargs(name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    super::str::check_call(args, "bytearray", name, min - 1, max - 1)
}

/// The state of a `bytearray` instance.
pub struct ByteArray {
    /// The contents.
    pub data: Vec<u8>,
}

impl NativeState for ByteArray {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

static TYPE: OnceLock<StaticValue> = OnceLock::new();

/// The `bytearray` type object (created on first use).
///
/// It is flagged like a class so the VM dispatches operators, comparisons,
/// `repr()` and `str()` to its dunder methods, and immutable, as every type
/// shared by all interpreters.
pub fn bytearray_type() -> &'static Value {
    TYPE.get_or_init(|| {
        let bt = types::builtin_types();
        let dict = alloc_immortal(bt.dict.as_ptr(), DictData::new());
        let d = dict.downcast::<DictData>().expect("dict");
        for meth in methods() {
            let f = crate::stdlib::native_fn(meth.name, "bytearray", meth.func);
            let v = match meth.kind {
                super::MethodKind::Instance => f,
                super::MethodKind::Class => {
                    alloc_immortal(bt.classmethod.as_ptr(), types::ClassMethodData { func: f })
                }
                super::MethodKind::Static => alloc_immortal(
                    bt.staticmethod.as_ptr(),
                    types::StaticMethodData { func: f },
                ),
            };
            d.set_str(types::intern(meth.name), v);
        }
        d.set_str(types::intern("__hash__"), types::none());
        d.set_str(types::intern("__module__"), types::intern("builtins"));
        StaticValue(alloc_immortal(
            bt.type_.as_ptr(),
            type_payload(
                "bytearray",
                vec![bt.object.get()],
                vec![bt.object.get()],
                dict,
                Kind::Opaque,
                Some(bytearray_new),
                HEAP_TYPE | BASE_TYPE | IMMUTABLE_TYPE,
                vec![],
            ),
        ))
    })
    .v()
}

/// The contents of a `bytearray` (a copy), or `None` for other values.
pub fn data(v: &Value) -> Option<Vec<u8>> {
    v.downcast::<OpaqueData>()?
        .with(|b: &mut ByteArray| b.data.clone())
}

/// True if `v` is a `bytearray`.
pub fn is_bytearray(v: &Value) -> bool {
    v.downcast::<OpaqueData>()
        .and_then(|o| o.with(|_: &mut ByteArray| ()))
        .is_some()
}

/// A new `bytearray` holding `data`.
pub fn new_bytearray(data: Vec<u8>) -> Value {
    types::misc::new_opaque(bytearray_type(), Box::new(ByteArray { data }))
}

/// Runs `f` on the contents of the receiver. `f` must not call Python code.
fn with<R>(args: &[Value], f: impl FnOnce(&mut Vec<u8>) -> R) -> PyResult<R> {
    let v = args
        .first()
        .ok_or_else(|| type_error("descriptor requires a 'bytearray' object"))?;
    v.downcast::<OpaqueData>()
        .and_then(|o| o.with(|b: &mut ByteArray| f(&mut b.data)))
        .ok_or_else(|| {
            type_error(format!(
                "descriptor requires a 'bytearray' object but received a '{}'",
                type_name(v)
            ))
        })
}

/// `bytearray(source=b'', encoding, errors)`.
pub fn bytearray_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    for (k, _) in kw.iter() {
        if !matches!(k, "source" | "encoding" | "errors") {
            return Err(type_error(format!(
                "'{k}' is an invalid keyword argument for bytearray()"
            )));
        }
    }
    if args.len() > 4 {
        return Err(type_error(format!(
            "bytearray() takes at most 3 arguments ({} given)",
            args.len() - 1
        )));
    }
    let enc = super::arg_or_kw(args, &kw, 2, "encoding");
    let errors = super::arg_or_kw(args, &kw, 3, "errors");
    let data = match super::arg_or_kw(args, &kw, 1, "source") {
        Some(src) => source_bytes(vm, src, enc, errors, "bytearray")?,
        None if enc.is_some() => return Err(type_error("encoding without a string argument")),
        None if errors.is_some() => return Err(type_error("errors without a string argument")),
        None => vec![],
    };
    Ok(types::misc::new_opaque(
        &args[0],
        Box::new(ByteArray { data }),
    ))
}

fn len(args: &[Value]) -> PyResult<usize> {
    with(args, |d| d.len())
}

fn dunder_len(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__len__", &kw)?;
    nargs("__len__", args, 1, 1)?;
    Ok(types::new_int(len(args)? as i64))
}

fn norm(i: i64, n: usize) -> PyResult<usize> {
    let j = if i < 0 { i + n as i64 } else { i };
    if j < 0 || j >= n as i64 {
        return Err(index_error("bytearray index out of range"));
    }
    Ok(j as usize)
}

fn index_arg(key: &Value) -> PyResult<i64> {
    if !types::bigint::is_int_like(key) {
        return Err(type_error(format!(
            "bytearray indices must be integers or slices, not {}",
            type_name(key)
        )));
    }
    index_value(key).map_err(|_| index_error("cannot fit 'int' into an index-sized integer"))
}

/// The positions a slice selects, in order.
fn slice_positions(vm: &mut Vm, s: &SliceData, n: usize) -> PyResult<(i64, i64, i64, usize)> {
    crate::vm::containers::slice_indices(vm, s, n as i64)
}

fn dunder_getitem(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__getitem__", &kw)?;
    nargs("__getitem__", args, 2, 2)?;
    if let Some(s) = args[1].downcast::<SliceData>() {
        // The slice's bounds may run Python code (`__index__`): computed
        // outside the payload; the items are read inside it, without a copy.
        let (start, _, step, n) = slice_positions(vm, s, len(args)?)?;
        let out = with(args, |d| {
            (0..n)
                .map(|k| d.get((start + k as i64 * step) as usize).copied())
                .collect::<Option<Vec<u8>>>()
        })?
        .ok_or_else(|| {
            crate::types::exception::index_error("bytearray changed size during slicing")
        })?;
        return Ok(new_bytearray(out));
    }
    let i = index_arg(&args[1])?;
    let b = with(args, |d| norm(i, d.len()).map(|j| d[j]))??;
    Ok(Value::small(b as i64))
}

fn dunder_setitem(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__setitem__", &kw)?;
    nargs("__setitem__", args, 3, 3)?;
    let n = len(args)?;
    if let Some(s) = args[1].downcast::<SliceData>() {
        let v = &args[2];
        let new: Vec<u8> = match bytes_like(v) {
            Some(b) => b.into_owned(),
            None if types::bigint::is_int_like(v) || v.kind() == Kind::Str => {
                return Err(type_error(
                    "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
                ))
            }
            None => source_bytes(vm, v, None, None, "bytearray")?,
        };
        let (start, stop, step, count) = slice_positions(vm, s, n)?;
        if step == 1 {
            let (a, b) = (start as usize, (stop.max(start)) as usize);
            with(args, |d| {
                d.splice(a..b, new);
            })?;
            return Ok(types::none());
        }
        if new.len() != count {
            return Err(value_error(format!(
                "attempt to assign bytes of size {} to extended slice of size {count}",
                new.len()
            )));
        }
        with(args, |d| {
            for (k, x) in new.into_iter().enumerate() {
                d[(start + k as i64 * step) as usize] = x;
            }
        })?;
        return Ok(types::none());
    }
    let i = index_arg(&args[1])?;
    let x = byte_value(&args[2])?;
    let j = norm(i, n)?;
    with(args, |d| d[j] = x)?;
    Ok(types::none())
}

fn dunder_delitem(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__delitem__", &kw)?;
    nargs("__delitem__", args, 2, 2)?;
    let n = len(args)?;
    if let Some(s) = args[1].downcast::<SliceData>() {
        let (start, _, step, count) = slice_positions(vm, s, n)?;
        let mut idx: Vec<usize> = (0..count)
            .map(|k| (start + k as i64 * step) as usize)
            .collect();
        idx.sort_unstable();
        with(args, |d| {
            for &i in idx.iter().rev() {
                d.remove(i);
            }
        })?;
        return Ok(types::none());
    }
    let j = norm(index_arg(&args[1])?, n)?;
    with(args, |d| d.remove(j))?;
    Ok(types::none())
}

fn dunder_iter(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__iter__", &kw)?;
    nargs("__iter__", args, 1, 1)?;
    len(args)?;
    Ok(types::iterator::new_iterator(
        types::builtin_types().generic_iterator.v(),
        types::iterator::IterState::GetItem {
            obj: args[0].clone(),
            index: 0,
        },
    ))
}

fn dunder_repr(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__repr__", &kw)?;
    nargs("__repr__", args, 1, 1)?;
    let d = with(args, |d| d.clone())?;
    Ok(types::new_str(format!(
        "{}({})",
        type_name(&args[0]),
        bytearray_repr(&d)
    )))
}

/// CPython's `bytearray_repr` body: like `bytes` repr, but a single quote is
/// always escaped, even inside double quotes.
fn bytearray_repr(d: &[u8]) -> String {
    let quote = if d.contains(&b'\'') && !d.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(d.len() + 3);
    out.push('b');
    out.push(quote);
    for &c in d {
        match c {
            b'\'' | b'\\' => {
                out.push('\\');
                out.push(c as char);
            }
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            0x20..=0x7e => out.push(c as char),
            _ => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

fn dunder_radd(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__radd__", &kw)?;
    nargs("__radd__", args, 2, 2)?;
    let d = with(args, |d| d.clone())?;
    let Some(b) = bytes_like(&args[1]) else {
        return Ok(types::not_implemented());
    };
    let mut out = b.into_owned();
    out.extend_from_slice(&d);
    Ok(super::bytes::make(is_bytearray(&args[1]), out))
}

fn dunder_iadd(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nargs("__iadd__", args, 2, 2)?;
    if bytes_like(&args[1]).is_none() {
        return Err(type_error(format!(
            "can't concat {} to bytearray",
            type_name(&args[1])
        )));
    }
    extend(vm, args, kw)?;
    Ok(args[0].clone())
}

fn dunder_imul(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__imul__", &kw)?;
    let r = super::bytes_ops::repeat(args)?;
    let new = data(&r).unwrap_or_default();
    with(args, |d| *d = new)?;
    Ok(args[0].clone())
}

fn append(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "append", &kw)?;
    nargs("append", args, 2, 2)?;
    let x = byte_value(&args[1])?;
    with(args, |d| d.push(x))?;
    Ok(types::none())
}

fn extend(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "extend", &kw)?;
    nargs("extend", args, 2, 2)?;
    let v = &args[1];
    let new = match bytes_like(v) {
        Some(b) => b.into_owned(),
        None if types::bigint::is_int_like(v) || v.kind() == Kind::Str => {
            return Err(type_error(format!(
                "can't extend bytearray with {}",
                type_name(v)
            )))
        }
        None => source_bytes(vm, v, None, None, "bytearray")?,
    };
    with(args, |d| d.extend_from_slice(&new))?;
    Ok(types::none())
}

fn pop(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "pop", &kw)?;
    nargs("pop", args, 1, 2)?;
    let n = len(args)?;
    if n == 0 {
        return Err(index_error("pop from empty bytearray"));
    }
    let i = match args.get(1) {
        Some(x) => index_value(x)?,
        None => -1,
    };
    let j = if i < 0 { i + n as i64 } else { i };
    if j < 0 || j >= n as i64 {
        return Err(index_error("pop index out of range"));
    }
    Ok(Value::small(with(args, |d| d.remove(j as usize))? as i64))
}

fn insert(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "insert", &kw)?;
    nargs("insert", args, 3, 3)?;
    let n = len(args)? as i64;
    let i = index_value(&args[1])?;
    let x = byte_value(&args[2])?;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
    with(args, |d| d.insert(j as usize, x))?;
    Ok(types::none())
}

fn remove(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "remove", &kw)?;
    nargs("remove", args, 2, 2)?;
    let x = byte_value(&args[1])?;
    let found = with(args, |d| match d.iter().position(|&c| c == x) {
        Some(i) => {
            d.remove(i);
            true
        }
        None => false,
    })?;
    if !found {
        return Err(value_error("value not found in bytearray"));
    }
    Ok(types::none())
}

fn reverse(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "reverse", &kw)?;
    nargs("reverse", args, 1, 1)?;
    with(args, |d| d.reverse())?;
    Ok(types::none())
}

fn clear(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "clear", &kw)?;
    nargs("clear", args, 1, 1)?;
    with(args, |d| d.clear())?;
    Ok(types::none())
}

fn copy(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "copy", &kw)?;
    nargs("copy", args, 1, 1)?;
    Ok(new_bytearray(with(args, |d| d.clone())?))
}

fn alloc(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__alloc__", &kw)?;
    nargs("__alloc__", args, 1, 1)?;
    Ok(types::new_int(with(args, |d| d.capacity() + 1)? as i64))
}

fn dunder_reduce(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__reduce__", &kw)?;
    nargs("__reduce__", args, 1, 1)?;
    let d = with(args, |d| d.clone())?;
    Ok(types::new_tuple(vec![
        crate::vm::protocol::type_of(&args[0]),
        types::new_tuple(vec![types::misc::new_bytes(d)]),
    ]))
}

/// Methods of `bytearray`.
pub fn methods() -> Vec<Method> {
    let mut v = super::bytes::shared_methods();
    v.extend(super::bytes_ops::shared_dunders());
    v.extend([
        m("__len__", dunder_len),
        m("__getitem__", dunder_getitem),
        m("__setitem__", dunder_setitem),
        m("__delitem__", dunder_delitem),
        m("__iter__", dunder_iter),
        m("__repr__", dunder_repr),
        m("__radd__", dunder_radd),
        m("__iadd__", dunder_iadd),
        m("__imul__", dunder_imul),
        m("__alloc__", alloc),
        m("__reduce__", dunder_reduce),
        m("append", append),
        m("extend", extend),
        m("pop", pop),
        m("insert", insert),
        m("remove", remove),
        m("reverse", reverse),
        m("clear", clear),
        m("copy", copy),
    ]);
    v
}
