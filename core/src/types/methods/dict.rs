//! `dict` and its views.

use super::{m, nargs, Method};
use crate::object::Value;
use crate::types::exception::{key_error, type_error};
use crate::types::iterator::{new_iterator, DictPart, IterState};
use crate::types::{self, builtin_types, DictData, Kwargs, PyResult};
use crate::vm::containers::{dict_get, dict_set, dict_update};
use crate::vm::Vm;

/// `dict(mapping_or_iterable=(), **kw)`.
pub fn dict_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nargs("dict", &args[1..], 0, 1)?;
    let d = crate::object::alloc(&args[0], DictData::new());
    if !args[0].is(builtin_types().dict.v()) {
        // Subclasses are filled by dict.__init__.
        return Ok(d);
    }
    if let Some(src) = args.get(1) {
        dict_update(vm, &d, src, false)?;
    }
    for (k, v) in kw.iter() {
        dict_set(vm, &d, types::intern(k), v.clone())?;
    }
    Ok(d)
}

fn this(args: &[Value]) -> PyResult<&DictData> {
    args.first()
        .and_then(|v| v.downcast::<DictData>())
        .ok_or_else(|| type_error("descriptor requires a 'dict' object"))
}

fn view(args: &[Value], part: DictPart) -> PyResult<Value> {
    this(args)?;
    let bt = builtin_types();
    let ty = match part {
        DictPart::Keys => bt.dict_keys.v(),
        DictPart::Values => bt.dict_values.v(),
        DictPart::Items => bt.dict_items.v(),
    };
    Ok(new_iterator(
        ty,
        IterState::DictView {
            dict: args[0].clone(),
            part,
        },
    ))
}

fn keys(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    view(args, DictPart::Keys)
}
fn values(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    view(args, DictPart::Values)
}
fn items(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    view(args, DictPart::Items)
}

fn get(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("get", args, 2, 3)?;
    this(args)?;
    Ok(dict_get(vm, &args[0], &args[1])?
        .unwrap_or_else(|| args.get(2).cloned().unwrap_or_else(types::none)))
}

fn setdefault(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("setdefault", args, 2, 3)?;
    this(args)?;
    if let Some(v) = dict_get(vm, &args[0], &args[1])? {
        return Ok(v);
    }
    let d = args.get(2).cloned().unwrap_or_else(types::none);
    dict_set(vm, &args[0], args[1].clone(), d.clone())?;
    Ok(d)
}

fn pop(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("pop", args, 2, 3)?;
    let d = this(args)?;
    let h = crate::vm::protocol::hash(vm, &args[1])?;
    match d.remove(&args[1], h, &mut |a, b| crate::vm::protocol::eq(vm, a, b))? {
        Some(v) => Ok(v),
        None => args
            .get(2)
            .cloned()
            .ok_or_else(|| key_error(args[1].clone())),
    }
}

fn popitem(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    match this(args)?.pop_last() {
        Some((k, v)) => Ok(types::new_tuple(vec![k, v])),
        None => Err(key_error(types::new_str("popitem(): dictionary is empty"))),
    }
}

fn update(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nargs("update", args, 1, 2)?;
    this(args)?;
    if let Some(o) = args.get(1) {
        dict_update(vm, &args[0], o, false)?;
    }
    for (k, v) in kw.iter() {
        dict_set(vm, &args[0], types::intern(k), v.clone())?;
    }
    Ok(types::none())
}

fn clear(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    this(args)?.clear_all();
    Ok(types::none())
}

fn copy(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    this(args)?;
    let d = types::new_dict();
    dict_update(vm, &d, &args[0], false)?;
    Ok(d)
}

fn fromkeys(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("fromkeys", args, 2, 3)?;
    let d = crate::vm::call::call(vm, &args[0], &[])?;
    let v = args.get(2).cloned().unwrap_or_else(types::none);
    for k in crate::vm::iteration::collect(vm, &args[1])? {
        crate::vm::containers::setitem(vm, &d, k, v.clone())?;
    }
    Ok(d)
}

fn getitem(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("__getitem__", args, 2, 2)?;
    this(args)?;
    dict_get(vm, &args[0], &args[1])?.ok_or_else(|| key_error(args[1].clone()))
}

fn setitem(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("__setitem__", args, 3, 3)?;
    this(args)?;
    dict_set(vm, &args[0], args[1].clone(), args[2].clone())?;
    Ok(types::none())
}

fn delitem(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("__delitem__", args, 2, 2)?;
    let d = this(args)?;
    let h = crate::vm::protocol::hash(vm, &args[1])?;
    match d.remove(&args[1], h, &mut |a, b| crate::vm::protocol::eq(vm, a, b))? {
        Some(_) => Ok(types::none()),
        None => Err(key_error(args[1].clone())),
    }
}

fn contains(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("__contains__", args, 2, 2)?;
    this(args)?;
    Ok(types::bool_value(
        dict_get(vm, &args[0], &args[1])?.is_some(),
    ))
}

fn len(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_int(this(args)?.len() as i64))
}

fn init(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    this(args)?;
    if let Some(o) = args.get(1) {
        dict_update(vm, &args[0], o, false)?;
    }
    for (k, v) in kw.iter() {
        dict_set(vm, &args[0], types::intern(k), v.clone())?;
    }
    Ok(types::none())
}

fn iter(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    this(args)?;
    let d = args[0].downcast::<DictData>().expect("dict");
    let _ = vm;
    Ok(new_iterator(
        builtin_types().dict_keyiterator.v(),
        IterState::Dict {
            dict: args[0].clone(),
            pos: 0,
            len: d.len(),
            part: DictPart::Keys,
        },
    ))
}

/// Methods of `dict`.
pub fn methods() -> Vec<Method> {
    vec![
        m("keys", keys),
        m("values", values),
        m("items", items),
        m("get", get),
        m("setdefault", setdefault),
        m("pop", pop),
        m("popitem", popitem),
        m("update", update),
        m("clear", clear),
        m("copy", copy),
        super::cm("fromkeys", fromkeys),
        m("__getitem__", getitem),
        m("__setitem__", setitem),
        m("__delitem__", delitem),
        m("__contains__", contains),
        m("__len__", len),
        m("__init__", init),
        m("__iter__", iter),
        super::sm("__new__", dict_new),
    ]
}

fn view_isdisjoint(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("isdisjoint", args, 2, 2)?;
    let mine = crate::vm::iteration::collect(vm, &args[0])?;
    for x in crate::vm::iteration::collect(vm, &args[1])? {
        for y in &mine {
            if crate::vm::protocol::eq(vm, &x, y)? {
                return Ok(types::bool_value(false));
            }
        }
    }
    Ok(types::bool_value(true))
}

/// Methods of the dict views.
pub fn view_methods() -> Vec<Method> {
    vec![m("isdisjoint", view_isdisjoint)]
}
