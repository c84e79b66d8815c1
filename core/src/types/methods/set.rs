//! `set` and `frozenset`.

use super::{m, nargs, Method};
use crate::compiler::opcodes::BinOp;
use crate::object::{Kind, Value};
use crate::types::exception::{key_error, type_error};
use crate::types::{self, builtin_types, Kwargs, PyResult, SetData};
use crate::vm::containers::{new_set, set_add, set_contains};
use crate::vm::Vm;

fn build(vm: &mut Vm, args: &[Value], kw: Kwargs, frozen: bool) -> PyResult<Value> {
    super::no_kw(if frozen { "frozenset" } else { "set" }, &kw)?;
    nargs(if frozen { "frozenset" } else { "set" }, &args[1..], 0, 1)?;
    let bt = builtin_types();
    let s = crate::object::alloc(&args[0], SetData::new());
    if !frozen && !args[0].is(bt.set.v()) {
        // Subclasses are filled by set.__init__.
        return Ok(s);
    }
    if let Some(src) = args.get(1) {
        if frozen && src.type_ptr() == bt.frozenset.as_ptr() && args[0].is(bt.frozenset.v()) {
            return Ok(src.clone());
        }
        if let Some(other) = src.downcast::<SetData>() {
            s.downcast::<SetData>()
                .expect("set")
                .merge(other, &mut |x, y| crate::vm::protocol::eq(vm, x, y))?;
            return Ok(s);
        }
        for v in crate::vm::iteration::collect(vm, src)? {
            set_add(vm, &s, v)?;
        }
    }
    Ok(s)
}

/// `set(iterable=())`.
pub fn set_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    build(vm, args, kw, false)
}

/// `frozenset(iterable=())`.
pub fn frozenset_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    build(vm, args, kw, true)
}

fn this(args: &[Value]) -> PyResult<&SetData> {
    args.first()
        .and_then(|v| v.downcast::<SetData>())
        .ok_or_else(|| type_error("descriptor requires a 'set' object"))
}

fn as_set(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if v.kind() == Kind::Set {
        return Ok(v.clone());
    }
    let items = crate::vm::iteration::collect(vm, v)?;
    new_set(vm, items, false)
}

fn add(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("add", args, 2, 2)?;
    this(args)?;
    set_add(vm, &args[0], args[1].clone())?;
    Ok(types::none())
}

fn discard(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("discard", args, 2, 2)?;
    let s = this(args)?;
    let h = crate::vm::protocol::hash(vm, &args[1])?;
    s.discard(&args[1], h, &mut |a, b| crate::vm::protocol::eq(vm, a, b))?;
    Ok(types::none())
}

fn remove(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("remove", args, 2, 2)?;
    let s = this(args)?;
    let h = crate::vm::protocol::hash(vm, &args[1])?;
    if !s.discard(&args[1], h, &mut |a, b| crate::vm::protocol::eq(vm, a, b))? {
        return Err(key_error(args[1].clone()));
    }
    Ok(types::none())
}

fn pop(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    this(args)?
        .pop_any()
        .ok_or_else(|| key_error(types::new_str("pop from an empty set")))
}

fn clear(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    this(args)?.clear_all();
    Ok(types::none())
}

fn copy(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let s = this(args)?;
    let frozen = args[0].type_ptr() == builtin_types().frozenset.as_ptr();
    new_set(vm, s.items(), frozen)
}

fn multi(vm: &mut Vm, args: &[Value], op: BinOp) -> PyResult<Value> {
    this(args)?;
    let mut acc = args[0].clone();
    if args.len() == 1 {
        let frozen = args[0].type_ptr() == builtin_types().frozenset.as_ptr();
        let items = this(args)?.items();
        return new_set(vm, items, frozen);
    }
    for o in &args[1..] {
        let o = as_set(vm, o)?;
        acc = crate::vm::ops::set_op(vm, &acc, &o, op)?;
    }
    Ok(acc)
}

fn union(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    multi(vm, args, BinOp::Or)
}
fn intersection(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    multi(vm, args, BinOp::And)
}
fn difference(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    multi(vm, args, BinOp::Sub)
}
fn symmetric_difference(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("symmetric_difference", args, 2, 2)?;
    multi(vm, args, BinOp::Xor)
}

fn in_place(vm: &mut Vm, args: &[Value], op: BinOp) -> PyResult<Value> {
    let r = multi(vm, args, op)?;
    let items = r.downcast::<SetData>().expect("set").items();
    this(args)?.clear_all();
    for v in items {
        set_add(vm, &args[0], v)?;
    }
    Ok(types::none())
}

fn update(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    this(args)?;
    for o in &args[1..] {
        for v in crate::vm::iteration::collect(vm, o)? {
            set_add(vm, &args[0], v)?;
        }
    }
    Ok(types::none())
}
fn intersection_update(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    in_place(vm, args, BinOp::And)
}
fn difference_update(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    in_place(vm, args, BinOp::Sub)
}
fn symmetric_difference_update(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    in_place(vm, args, BinOp::Xor)
}

fn issubset(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("issubset", args, 2, 2)?;
    let o = as_set(vm, &args[1])?;
    for v in this(args)?.items() {
        if !set_contains(vm, &o, &v)? {
            return Ok(types::bool_value(false));
        }
    }
    Ok(types::bool_value(true))
}

fn issuperset(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("issuperset", args, 2, 2)?;
    this(args)?;
    for v in crate::vm::iteration::collect(vm, &args[1])? {
        if !set_contains(vm, &args[0], &v)? {
            return Ok(types::bool_value(false));
        }
    }
    Ok(types::bool_value(true))
}

fn isdisjoint(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("isdisjoint", args, 2, 2)?;
    this(args)?;
    for v in crate::vm::iteration::collect(vm, &args[1])? {
        if set_contains(vm, &args[0], &v)? {
            return Ok(types::bool_value(false));
        }
    }
    Ok(types::bool_value(true))
}

fn contains(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("__contains__", args, 2, 2)?;
    this(args)?;
    Ok(types::bool_value(set_contains(vm, &args[0], &args[1])?))
}

fn common() -> Vec<Method> {
    vec![
        m("copy", copy),
        m("union", union),
        m("intersection", intersection),
        m("difference", difference),
        m("symmetric_difference", symmetric_difference),
        m("issubset", issubset),
        m("issuperset", issuperset),
        m("isdisjoint", isdisjoint),
        m("__contains__", contains),
    ]
}

fn init(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("set", args, 1, 2)?;
    this(args)?.clear_all();
    if let Some(src) = args.get(1) {
        for v in crate::vm::iteration::collect(vm, src)? {
            set_add(vm, &args[0], v)?;
        }
    }
    Ok(types::none())
}

/// Methods of `set`.
pub fn set_methods() -> Vec<Method> {
    let mut v = common();
    v.extend([
        m("__init__", init),
        super::sm("__new__", set_new),
        m("add", add),
        m("discard", discard),
        m("remove", remove),
        m("pop", pop),
        m("clear", clear),
        m("update", update),
        m("intersection_update", intersection_update),
        m("difference_update", difference_update),
        m("symmetric_difference_update", symmetric_difference_update),
    ]);
    v
}

/// Methods of `frozenset`.
pub fn frozenset_methods() -> Vec<Method> {
    let mut v = common();
    v.push(super::sm("__new__", frozenset_new));
    v
}
