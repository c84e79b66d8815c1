//! The `array` module: `array.array`, a compact typed sequence over the
//! storage in `array_data.rs`.

#[path = "array_data.rs"]
mod data;

use std::sync::OnceLock;

use data::{convert, Data, Elem};

use super::collections::native_util::{
    add_property, cached_type, native_state, new_obj, new_type, new_weakrefable_type, stop, with,
    with_or,
};
use crate::compiler::opcodes::CmpOp;
use crate::object::Value;
use crate::types::exception::{index_error, type_error, value_error};
use crate::types::methods::m;
use crate::types::{self, Kwargs, PyResult, SliceData, StaticValue};
use crate::vm::protocol::{eq, index_value, repr_string, type_name, type_of};
use crate::vm::Vm;

/// The state of an `array.array`.
struct ArrayState {
    code: char,
    data: Data,
}
native_state!(ArrayState);

struct ArrayIter {
    array: Value,
    index: usize,
}
native_state!(ArrayIter, array);

fn st<R>(v: &Value, f: impl FnOnce(&mut ArrayState) -> R) -> PyResult<R> {
    with_or(v, "array.array", f)
}

fn code_of(v: &Value) -> PyResult<char> {
    st(v, |a| a.code)
}

fn other_array(v: &Value) -> Option<(char, Data)> {
    with(v, |a: &mut ArrayState| (a.code, a.data.clone()))
}

fn make(ty: &Value, code: char, data: Data) -> Value {
    new_obj(ty, ArrayState { code, data })
}

fn array_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(type_error("array.array() takes no keyword arguments"));
    }
    if args.len() < 2 {
        return Err(type_error(format!(
            "array() takes at least 1 argument ({} given)",
            args.len() - 1
        )));
    }
    if args.len() > 3 {
        return Err(type_error(format!(
            "array() takes at most 2 arguments ({} given)",
            args.len() - 1
        )));
    }
    let code = match types::str::as_str(&args[1]) {
        Some(s) if s.chars().count() == 1 => s.chars().next().expect("char"),
        _ => {
            return Err(type_error(format!(
                "array() argument 1 must be a unicode character, not {}",
                type_name(&args[1])
            )))
        }
    };
    if data::itemsize(code).is_none() {
        return Err(value_error(
            "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)",
        ));
    }
    let obj = make(&args[0], code, data::empty(code));
    if let Some(init) = args.get(2) {
        if let Some(s) = types::str::as_str(init) {
            if code != 'u' {
                return Err(type_error(format!(
                    "cannot use a str to initialize an array with typecode '{code}'"
                )));
            }
            let chars: Vec<Elem> = s.chars().map(Elem::C).collect();
            st(&obj, |a| chars.into_iter().for_each(|c| a.data.push(c)))?;
        } else if let Some(b) = init.downcast::<types::BytesData>() {
            frombytes_impl(&obj, &b.0)?;
        } else if crate::types::methods::bytearray::is_bytearray(init) {
            let b = crate::types::methods::bytearray::data(init).unwrap_or_default();
            frombytes_impl(&obj, &b)?;
        } else {
            extend_iter(vm, &obj, init)?;
        }
    }
    Ok(obj)
}

fn extend_iter(vm: &mut Vm, this: &Value, src: &Value) -> PyResult<()> {
    let code = code_of(this)?;
    let it = crate::vm::iteration::iter(vm, src)?;
    while let Some(v) = crate::vm::iteration::next(vm, &it)? {
        let e = convert(vm, code, &v)?;
        st(this, |a| a.data.push(e))?;
    }
    Ok(())
}

fn frombytes_impl(this: &Value, bytes: &[u8]) -> PyResult<()> {
    let code = code_of(this)?;
    let size = data::itemsize(code).unwrap_or(1);
    if !bytes.len().is_multiple_of(size) {
        return Err(value_error("bytes length not a multiple of item size"));
    }
    st(this, |a| a.data.extend_bytes(code, bytes))
}

fn append(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("append", &args[1..], 1, 1)?;
    let e = convert(vm, code_of(&args[0])?, &args[1])?;
    st(&args[0], |a| a.data.push(e))?;
    Ok(types::none())
}

fn extend(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("extend", &args[1..], 1, 1)?;
    if let Some((code, d)) = other_array(&args[1]) {
        if code != code_of(&args[0])? {
            return Err(type_error("can only extend with array of same kind"));
        }
        st(&args[0], |a| {
            d.elems().into_iter().for_each(|e| a.data.push(e))
        })?;
        return Ok(types::none());
    }
    extend_iter(vm, &args[0], &args[1])?;
    Ok(types::none())
}

fn fromlist(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("fromlist", &args[1..], 1, 1)?;
    let items = match args[1].downcast::<types::ListData>() {
        Some(l) => l.snapshot(),
        None => return Err(type_error("arg must be list")),
    };
    let code = code_of(&args[0])?;
    let mut elems = Vec::with_capacity(items.len());
    for v in &items {
        elems.push(convert(vm, code, v)?);
    }
    st(&args[0], |a| elems.into_iter().for_each(|e| a.data.push(e)))?;
    Ok(types::none())
}

fn insert(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("insert", &args[1..], 2, 2)?;
    let i = index_value(&args[1])?;
    let e = convert(vm, code_of(&args[0])?, &args[2])?;
    st(&args[0], |a| {
        let n = a.data.len() as i64;
        let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
        a.data.insert(j as usize, e);
    })?;
    Ok(types::none())
}

fn pop(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("pop", &args[1..], 0, 1)?;
    let i = match args.get(1) {
        Some(v) => index_value(v)?,
        None => -1,
    };
    st(&args[0], |a| {
        let n = a.data.len() as i64;
        if n == 0 {
            return Err(index_error("pop from empty array"));
        }
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(index_error("pop index out of range"));
        }
        Ok(a.data.remove(j as usize).to_value())
    })?
}

fn values(v: &Value) -> PyResult<Vec<Value>> {
    st(v, |a| {
        a.data.elems().into_iter().map(Elem::to_value).collect()
    })
}

fn find(
    vm: &mut Vm,
    this: &Value,
    x: &Value,
    start: usize,
    stop: usize,
) -> PyResult<Option<usize>> {
    let vals = values(this)?;
    for (i, v) in vals
        .iter()
        .enumerate()
        .take(stop.min(vals.len()))
        .skip(start)
    {
        if eq(vm, v, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn remove(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("remove", &args[1..], 1, 1)?;
    match find(vm, &args[0], &args[1], 0, usize::MAX)? {
        Some(i) => {
            st(&args[0], |a| a.data.remove(i))?;
            Ok(types::none())
        }
        None => Err(value_error("array.remove(x): x not in array")),
    }
}

fn index(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("index", &args[1..], 1, 3)?;
    let n = st(&args[0], |a| a.data.len())? as i64;
    let norm = |v: Option<&Value>, d: i64| -> PyResult<usize> {
        Ok(match v {
            None => d,
            Some(v) => {
                let i = index_value(v)?;
                if i < 0 {
                    (i + n).max(0)
                } else {
                    i.min(n)
                }
            }
        } as usize)
    };
    let start = norm(args.get(2), 0)?;
    let end = norm(args.get(3), n)?;
    match find(vm, &args[0], &args[1], start, end)? {
        Some(i) => Ok(types::new_int(i as i64)),
        None => Err(value_error("array.index(x): x not in array")),
    }
}

fn count(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("count", &args[1..], 1, 1)?;
    let mut n = 0;
    for v in values(&args[0])? {
        if eq(vm, &v, &args[1])? {
            n += 1;
        }
    }
    Ok(types::new_int(n))
}

fn contains(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::bool_value(
        find(vm, &args[0], &args[1], 0, usize::MAX)?.is_some(),
    ))
}

fn reverse(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    st(&args[0], |a| a.data.reverse())?;
    Ok(types::none())
}

fn tolist(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_list(values(&args[0])?))
}

fn tobytes(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::misc::new_bytes(st(&args[0], |a| {
        a.data.to_bytes(a.code)
    })?))
}

fn frombytes(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("frombytes", &args[1..], 1, 1)?;
    let b = crate::types::methods::bytes::bytes_like(&args[1])
        .map(|b| b.into_owned())
        .ok_or_else(|| {
            type_error(format!(
                "a bytes-like object is required, not '{}'",
                type_name(&args[1])
            ))
        })?;
    frombytes_impl(&args[0], &b)?;
    Ok(types::none())
}

fn tounicode(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    st(&args[0], |a| match &a.data {
        Data::C(c) => Ok(types::new_str(c.iter().collect::<String>())),
        _ => Err(value_error(
            "tounicode() may only be called on unicode type arrays",
        )),
    })?
}

fn fromunicode(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("fromunicode", &args[1..], 1, 1)?;
    let s = types::str::as_str(&args[1])
        .ok_or_else(|| {
            type_error(format!(
                "fromunicode() argument must be str, not {}",
                type_name(&args[1])
            ))
        })?
        .to_string();
    st(&args[0], |a| match &mut a.data {
        Data::C(c) => {
            c.extend(s.chars());
            Ok(types::none())
        }
        _ => Err(value_error(
            "fromunicode() may only be called on unicode type arrays",
        )),
    })?
}

fn byteswap(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    st(&args[0], |a| {
        let size = data::itemsize(a.code).unwrap_or(1);
        let mut bytes = a.data.to_bytes(a.code);
        for chunk in bytes.chunks_exact_mut(size) {
            chunk.reverse();
        }
        let mut d = data::empty(a.code);
        d.extend_bytes(a.code, &bytes);
        a.data = d;
    })?;
    Ok(types::none())
}

fn buffer_info(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let n = st(&args[0], |a| a.data.len())?;
    Ok(types::new_tuple(vec![
        types::new_int((args[0].bits() + 64) as i64),
        types::new_int(n as i64),
    ]))
}

fn len(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_int(st(&args[0], |a| a.data.len())? as i64))
}

fn norm(i: i64, n: usize, msg: &str) -> PyResult<usize> {
    let j = if i < 0 { i + n as i64 } else { i };
    if j < 0 || j >= n as i64 {
        return Err(index_error(msg.to_string()));
    }
    Ok(j as usize)
}

fn slice_positions(vm: &mut Vm, sl: &SliceData, n: usize) -> PyResult<(Vec<usize>, i64)> {
    let (start, _, step, count) = crate::vm::containers::slice_indices(vm, sl, n as i64)?;
    Ok((
        (0..count)
            .map(|k| (start + k as i64 * step) as usize)
            .collect(),
        step,
    ))
}

fn getitem(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    if let Some(sl) = args[1].downcast::<SliceData>() {
        let (code, d) = st(&args[0], |a| (a.code, a.data.clone()))?;
        let (pos, _) = slice_positions(vm, sl, d.len())?;
        let elems: Vec<Elem> = pos.into_iter().map(|i| d.get(i)).collect();
        return Ok(make(&type_of(&args[0]), code, d.with_elems(&elems)));
    }
    let i = index_value(&args[1])?;
    st(&args[0], |a| {
        norm(i, a.data.len(), "array index out of range").map(|j| a.data.get(j).to_value())
    })?
}

fn setitem(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let code = code_of(&args[0])?;
    if let Some(sl) = args[1].downcast::<SliceData>() {
        let Some((ocode, od)) = other_array(&args[2]) else {
            return Err(type_error(format!(
                "can only assign array (not \"{}\") to array slice",
                type_name(&args[2])
            )));
        };
        if ocode != code {
            return Err(type_error("bad argument type for built-in operation"));
        }
        let n = st(&args[0], |a| a.data.len())?;
        let (pos, step) = slice_positions(vm, sl, n)?;
        let new = od.elems();
        if step == 1 {
            let (start, stop, _, _) = crate::vm::containers::slice_indices(vm, sl, n as i64)?;
            let (start, stop) = (start as usize, (stop.max(start)) as usize);
            st(&args[0], |a| {
                let mut all = a.data.elems();
                all.splice(start..stop, new);
                a.data = a.data.with_elems(&all);
            })?;
            return Ok(types::none());
        }
        if new.len() != pos.len() {
            return Err(value_error(format!(
                "attempt to assign array of size {} to extended slice of size {}",
                new.len(),
                pos.len()
            )));
        }
        st(&args[0], |a| {
            pos.iter().zip(new).for_each(|(&i, e)| a.data.set(i, e))
        })?;
        return Ok(types::none());
    }
    let i = index_value(&args[1])?;
    let e = convert(vm, code, &args[2])?;
    st(&args[0], |a| {
        norm(i, a.data.len(), "array assignment index out of range").map(|j| a.data.set(j, e))
    })??;
    Ok(types::none())
}

fn delitem(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    if let Some(sl) = args[1].downcast::<SliceData>() {
        let n = st(&args[0], |a| a.data.len())?;
        let (mut pos, _) = slice_positions(vm, sl, n)?;
        pos.sort_unstable();
        st(&args[0], |a| {
            for &i in pos.iter().rev() {
                a.data.remove(i);
            }
        })?;
        return Ok(types::none());
    }
    let i = index_value(&args[1])?;
    st(&args[0], |a| {
        norm(i, a.data.len(), "array assignment index out of range").map(|j| a.data.remove(j))
    })??;
    Ok(types::none())
}

fn iter_array(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    code_of(&args[0])?;
    let ty = iter_type(vm);
    Ok(new_obj(
        &ty,
        ArrayIter {
            array: args[0].clone(),
            index: 0,
        },
    ))
}

fn iter_next(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let (arr, i) = with_or(&args[0], "arrayiterator", |s: &mut ArrayIter| {
        (s.array.clone(), s.index)
    })?;
    let v = st(&arr, |a| {
        if i < a.data.len() {
            Some(a.data.get(i).to_value())
        } else {
            None
        }
    })?;
    match v {
        Some(v) => {
            with_or(&args[0], "arrayiterator", |s: &mut ArrayIter| s.index += 1)?;
            Ok(v)
        }
        None => Err(stop()),
    }
}

fn repr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let (code, d) = st(&args[0], |a| (a.code, a.data.clone()))?;
    let name = type_name(&args[0]);
    if d.len() == 0 {
        return Ok(types::new_str(format!("{name}('{code}')")));
    }
    let inner = match &d {
        Data::C(c) => repr_string(vm, &types::new_str(c.iter().collect::<String>()))?,
        _ => repr_string(
            vm,
            &types::new_list(d.elems().into_iter().map(Elem::to_value).collect()),
        )?,
    };
    Ok(types::new_str(format!("{name}('{code}', {inner})")))
}

fn compare(vm: &mut Vm, args: &[Value], op: CmpOp) -> PyResult<Value> {
    if other_array(&args[1]).is_none() {
        return Ok(types::not_implemented());
    }
    let a = types::new_list(values(&args[0])?);
    let b = types::new_list(values(&args[1])?);
    crate::vm::ops::compare(vm, &a, &b, op)
}

macro_rules! cmp_fns {
    ($($name:ident => $op:ident),*) => {$(
        fn $name(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
            compare(vm, args, CmpOp::$op)
        }
    )*};
}
cmp_fns!(cmp_eq => Eq, cmp_ne => Ne, cmp_lt => Lt, cmp_le => Le, cmp_gt => Gt, cmp_ge => Ge);

fn concat(args: &[Value]) -> PyResult<(char, Data)> {
    let Some((ocode, od)) = other_array(&args[1]) else {
        return Err(type_error(format!(
            "can only append array (not \"{}\") to array",
            type_name(&args[1])
        )));
    };
    let (code, mut d) = st(&args[0], |a| (a.code, a.data.clone()))?;
    if code != ocode {
        return Err(type_error("bad argument type for built-in operation"));
    }
    od.elems().into_iter().for_each(|e| d.push(e));
    Ok((code, d))
}

fn add(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let (code, d) = concat(args)?;
    Ok(make(&type_of(&args[0]), code, d))
}

fn iadd(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let (_, d) = concat(args)?;
    st(&args[0], |a| a.data = d)?;
    Ok(args[0].clone())
}

fn repeated(args: &[Value]) -> PyResult<Option<(char, Data)>> {
    if !types::bigint::is_int_like(&args[1]) {
        return Ok(None);
    }
    let n = index_value(&args[1])?.max(0) as usize;
    let (code, d) = st(&args[0], |a| (a.code, a.data.clone()))?;
    let elems = d.elems();
    let mut all = Vec::with_capacity(elems.len() * n);
    for _ in 0..n {
        all.extend_from_slice(&elems);
    }
    Ok(Some((code, d.with_elems(&all))))
}

fn mul(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    match repeated(args)? {
        Some((code, d)) => Ok(make(&type_of(&args[0]), code, d)),
        None => Err(type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            type_name(&args[1])
        ))),
    }
}

fn imul(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    match repeated(args)? {
        Some((_, d)) => {
            st(&args[0], |a| a.data = d)?;
            Ok(args[0].clone())
        }
        None => Ok(types::not_implemented()),
    }
}

fn copy(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let (code, d) = st(&args[0], |a| (a.code, a.data.clone()))?;
    Ok(make(&type_of(&args[0]), code, d))
}

/// `array.__reduce__()`: `(type(a), (typecode, list(a)))`.
fn reduce(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let code = code_of(&args[0])?;
    let items = values(&args[0])?;
    Ok(types::new_tuple(vec![
        type_of(&args[0]),
        types::new_tuple(vec![types::str::new_char(code), types::new_list(items)]),
    ]))
}

fn typecode(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::str::new_char(code_of(&args[0])?))
}

fn itemsize(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_int(
        data::itemsize(code_of(&args[0])?).unwrap_or(1) as i64,
    ))
}

fn iter_type(vm: &mut Vm) -> Value {
    static T: OnceLock<StaticValue> = OnceLock::new();
    cached_type(&T, vm, |vm| {
        new_type(
            vm,
            "arrayiterator",
            "array",
            &[
                m("__iter__", crate::stdlib::itertools::iter_self),
                m("__next__", iter_next),
            ],
            None,
        )
    })
}

fn array_type(vm: &mut Vm) -> Value {
    static T: OnceLock<StaticValue> = OnceLock::new();
    cached_type(&T, vm, |vm| {
        let t = new_weakrefable_type(
            vm,
            "array",
            "array",
            &[
                m("append", append),
                m("extend", extend),
                m("fromlist", fromlist),
                m("insert", insert),
                m("pop", pop),
                m("remove", remove),
                m("index", index),
                m("count", count),
                m("reverse", reverse),
                m("tolist", tolist),
                m("tobytes", tobytes),
                m("frombytes", frombytes),
                m("tounicode", tounicode),
                m("fromunicode", fromunicode),
                m("byteswap", byteswap),
                m("buffer_info", buffer_info),
                m("__len__", len),
                m("__getitem__", getitem),
                m("__setitem__", setitem),
                m("__delitem__", delitem),
                m("__contains__", contains),
                m("__iter__", iter_array),
                m("__repr__", repr),
                m("__eq__", cmp_eq),
                m("__ne__", cmp_ne),
                m("__lt__", cmp_lt),
                m("__le__", cmp_le),
                m("__gt__", cmp_gt),
                m("__ge__", cmp_ge),
                m("__add__", add),
                m("__iadd__", iadd),
                m("__mul__", mul),
                m("__rmul__", mul),
                m("__imul__", imul),
                m("__copy__", copy),
                m("__deepcopy__", copy),
                m("__reduce__", reduce),
            ],
            Some(array_new),
        );
        add_property(&t, "typecode", typecode);
        add_property(&t, "itemsize", itemsize);
        t
    })
}

/// Creates the `array` module.
pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let module = crate::vm::import::new_module("array");
    let t = array_type(vm);
    super::set_attr(&module, "array", t.clone());
    super::set_attr(&module, "ArrayType", t);
    super::set_attr(&module, "typecodes", types::new_str("bBuhHiIlLqQfd"));
    Ok(module)
}
