//! `collections.deque`: a native double-ended queue over a `VecDeque`, with
//! `maxlen`, CPython's error messages and mutation-checked iteration.

use std::collections::VecDeque;
use std::sync::OnceLock;

use super::native_util::{
    add_property, arg, cached_type, check_kw, check_n, is_none, native_state, new_obj, new_type,
    new_weakrefable_type, stop, with, with_or,
};
use crate::compiler::opcodes::CmpOp;
use crate::object::Value;
use crate::types::exception::{index_error, runtime_error, type_error, value_error};
use crate::types::methods::m;
use crate::types::{self, Kwargs, PyResult, StaticValue};
use crate::vm::iteration::{iter, next};
use crate::vm::protocol::{eq, index_value, repr_string, type_name, type_of};
use crate::vm::Vm;

/// The state of a deque.
pub(crate) struct Deque {
    items: VecDeque<Value>,
    maxlen: Option<usize>,
    /// Bumped by every length-changing mutation (iterators check it).
    state: u64,
}
native_state!(Deque, items);

struct DequeIter {
    deque: Value,
    index: usize,
    state: u64,
    reverse: bool,
}
native_state!(DequeIter, deque);

const NAME: &str = "collections.deque";

fn dq<R>(v: &Value, f: impl FnOnce(&mut Deque) -> R) -> PyResult<R> {
    with_or(v, NAME, f)
}

/// The `deque` type.
pub fn deque_type(vm: &mut Vm) -> Value {
    static T: OnceLock<StaticValue> = OnceLock::new();
    cached_type(&T, vm, |vm| {
        let t = new_weakrefable_type(
            vm,
            "deque",
            "collections",
            &[
                m("append", append),
                m("appendleft", appendleft),
                m("pop", pop),
                m("popleft", popleft),
                m("extend", extend),
                m("extendleft", extendleft),
                m("rotate", rotate),
                m("clear", clear),
                m("count", count),
                m("index", index),
                m("remove", remove),
                m("insert", insert),
                m("reverse", reverse),
                m("copy", copy),
                m("__copy__", copy),
                m("__init__", init),
                m("__reduce__", reduce),
                m("__len__", len),
                m("__getitem__", getitem),
                m("__setitem__", setitem),
                m("__delitem__", delitem),
                m("__contains__", contains),
                m("__iter__", iter_deque),
                m("__reversed__", reversed),
                m("__repr__", repr),
                m("__eq__", cmp_eq),
                m("__ne__", cmp_ne),
                m("__lt__", cmp_lt),
                m("__le__", cmp_le),
                m("__gt__", cmp_gt),
                m("__ge__", cmp_ge),
                m("__add__", add),
                m("__mul__", mul),
                m("__rmul__", mul),
                m("__iadd__", iadd),
                m("__imul__", imul),
            ],
            Some(new),
        );
        add_property(&t, "maxlen", maxlen_get);
        t
    })
}

fn iter_type(vm: &mut Vm) -> Value {
    static T: OnceLock<StaticValue> = OnceLock::new();
    cached_type(&T, vm, |vm| {
        new_type(
            vm,
            "_deque_iterator",
            "collections",
            &[
                m("__iter__", crate::stdlib::itertools::iter_self),
                m("__next__", iter_next),
            ],
            None,
        )
    })
}

fn new(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(new_obj(
        &args[0],
        Deque {
            items: VecDeque::new(),
            maxlen: None,
            state: 0,
        },
    ))
}

/// `deque.__init__(iterable=(), maxlen=None)`.
fn init(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    check_kw("deque", &kw, &["iterable", "maxlen"])?;
    check_n("deque", args, 0, 2)?;
    let maxlen = match arg(args, &kw, 1, "maxlen") {
        Some(v) if !is_none(v) => {
            let n = index_value(v)?;
            if n < 0 {
                return Err(value_error("maxlen must be non-negative"));
            }
            Some(n as usize)
        }
        _ => None,
    };
    let old = dq(&args[0], |d| {
        d.maxlen = maxlen;
        d.state += 1;
        std::mem::take(&mut d.items)
    })?;
    drop(old);
    if let Some(src) = arg(args, &kw, 0, "iterable") {
        extend_impl(vm, &args[0], src, false)?;
    }
    Ok(types::none())
}

/// Creates a deque of `ty` holding `items`.
pub(crate) fn make(ty: &Value, items: VecDeque<Value>, maxlen: Option<usize>) -> Value {
    let mut items = items;
    if let Some(n) = maxlen {
        while items.len() > n {
            items.pop_front();
        }
    }
    new_obj(
        ty,
        Deque {
            items,
            maxlen,
            state: 0,
        },
    )
}

fn push(d: &mut Deque, v: Value, left: bool) -> Option<Value> {
    d.state += 1;
    if d.maxlen == Some(0) {
        return Some(v);
    }
    let full = d.maxlen.is_some_and(|n| d.items.len() >= n);
    if left {
        let out = if full { d.items.pop_back() } else { None };
        d.items.push_front(v);
        out
    } else {
        let out = if full { d.items.pop_front() } else { None };
        d.items.push_back(v);
        out
    }
}

fn append(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    check_n("append", args, 1, 1)?;
    let old = dq(&args[0], |d| push(d, args[1].clone(), false))?;
    drop(old);
    Ok(types::none())
}

fn appendleft(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    check_n("appendleft", args, 1, 1)?;
    let old = dq(&args[0], |d| push(d, args[1].clone(), true))?;
    drop(old);
    Ok(types::none())
}

fn pop(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    check_n("pop", args, 0, 0)?;
    dq(&args[0], |d| {
        d.state += 1;
        d.items.pop_back()
    })?
    .ok_or_else(|| index_error("pop from an empty deque"))
}

fn popleft(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    check_n("popleft", args, 0, 0)?;
    dq(&args[0], |d| {
        d.state += 1;
        d.items.pop_front()
    })?
    .ok_or_else(|| index_error("pop from an empty deque"))
}

fn extend_impl(vm: &mut Vm, this: &Value, src: &Value, left: bool) -> PyResult<()> {
    if src.is(this) {
        let items: Vec<Value> = dq(this, |d| d.items.iter().cloned().collect())?;
        let old: Vec<Option<Value>> = dq(this, |d| {
            items.into_iter().map(|v| push(d, v, left)).collect()
        })?;
        drop(old);
        return Ok(());
    }
    let it = iter(vm, src)?;
    while let Some(v) = next(vm, &it)? {
        let old = dq(this, |d| push(d, v, left))?;
        drop(old);
    }
    Ok(())
}

fn extend(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    check_n("extend", args, 1, 1)?;
    extend_impl(vm, &args[0], &args[1], false)?;
    Ok(types::none())
}

fn extendleft(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    check_n("extendleft", args, 1, 1)?;
    extend_impl(vm, &args[0], &args[1], true)?;
    Ok(types::none())
}

fn rotate(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    check_n("rotate", args, 0, 1)?;
    let n = match args.get(1) {
        Some(v) => index_value(v)?,
        None => 1,
    };
    dq(&args[0], |d| {
        let len = d.items.len() as i64;
        if len <= 1 {
            return;
        }
        let k = n.rem_euclid(len) as usize;
        d.items.rotate_right(k);
        d.state += 1;
    })?;
    Ok(types::none())
}

fn clear(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let old = dq(&args[0], |d| {
        d.state += 1;
        std::mem::take(&mut d.items)
    })?;
    drop(old);
    Ok(types::none())
}

fn snapshot(v: &Value) -> PyResult<Vec<Value>> {
    dq(v, |d| d.items.iter().cloned().collect())
}

fn state_of(v: &Value) -> PyResult<u64> {
    dq(v, |d| d.state)
}

fn mutated() -> crate::types::PyErr {
    runtime_error("deque mutated during iteration")
}

fn count(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    check_n("count", args, 1, 1)?;
    let st = state_of(&args[0])?;
    let mut n = 0;
    for x in snapshot(&args[0])? {
        if x.is(&args[1]) || eq(vm, &x, &args[1])? {
            n += 1;
        }
        if state_of(&args[0])? != st {
            return Err(mutated());
        }
    }
    Ok(types::new_int(n))
}

fn index(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    check_n("index", args, 1, 3)?;
    let items = snapshot(&args[0])?;
    let len = items.len() as i64;
    let norm = |v: Option<&Value>, dflt: i64| -> PyResult<i64> {
        match v {
            None => Ok(dflt),
            Some(v) => {
                let i = index_value(v)?;
                Ok(if i < 0 { (i + len).max(0) } else { i.min(len) })
            }
        }
    };
    let start = norm(args.get(2), 0)?;
    let stop = norm(args.get(3), len)?;
    let st = state_of(&args[0])?;
    let mut i = start;
    while i < stop {
        let x = &items[i as usize];
        if x.is(&args[1]) || eq(vm, x, &args[1])? {
            return Ok(types::new_int(i));
        }
        if state_of(&args[0])? != st {
            return Err(mutated());
        }
        i += 1;
    }
    let r = repr_string(vm, &args[1])?;
    Err(value_error(format!("{r} is not in deque")))
}

fn remove(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    check_n("remove", args, 1, 1)?;
    let items = snapshot(&args[0])?;
    for (i, x) in items.iter().enumerate() {
        if x.is(&args[1]) || eq(vm, x, &args[1])? {
            let old = dq(&args[0], |d| {
                d.state += 1;
                if d.items.get(i).is_some_and(|y| y.is(x)) {
                    Ok(d.items.remove(i))
                } else {
                    Err(())
                }
            })?;
            return match old {
                Ok(_) => Ok(types::none()),
                Err(()) => Err(index_error("deque mutated during remove().")),
            };
        }
    }
    let r = repr_string(vm, &args[1])?;
    Err(value_error(format!("{r} is not in deque")))
}

fn insert(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    check_n("insert", args, 2, 2)?;
    let i = index_value(&args[1])?;
    let full = dq(&args[0], |d| {
        if d.maxlen.is_some_and(|n| d.items.len() >= n) {
            return true;
        }
        let len = d.items.len() as i64;
        let j = if i < 0 { (i + len).max(0) } else { i.min(len) };
        d.items.insert(j as usize, args[2].clone());
        d.state += 1;
        false
    })?;
    if full {
        return Err(index_error("deque already at its maximum size"));
    }
    Ok(types::none())
}

fn reverse(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    dq(&args[0], |d| d.items.make_contiguous().reverse())?;
    Ok(types::none())
}

fn copy(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let (items, maxlen) = dq(&args[0], |d| (d.items.clone(), d.maxlen))?;
    Ok(make(&type_of(&args[0]), items, maxlen))
}

fn len(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_int(dq(&args[0], |d| d.items.len())? as i64))
}

fn item_index(key: &Value) -> PyResult<i64> {
    if !types::bigint::is_int_like(key)
        && crate::vm::attr::lookup_special_name(key, crate::name!("__index__")).is_none()
    {
        return Err(type_error(format!(
            "sequence index must be integer, not '{}'",
            type_name(key)
        )));
    }
    index_value(key)
}

fn getitem(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let i = item_index(&args[1])?;
    dq(&args[0], |d| {
        let len = d.items.len() as i64;
        let j = if i < 0 { i + len } else { i };
        if j < 0 || j >= len {
            None
        } else {
            d.items.get(j as usize).cloned()
        }
    })?
    .ok_or_else(|| index_error("deque index out of range"))
}

fn setitem(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let i = item_index(&args[1])?;
    let old = dq(&args[0], |d| {
        let len = d.items.len() as i64;
        let j = if i < 0 { i + len } else { i };
        if j < 0 || j >= len {
            None
        } else {
            Some(std::mem::replace(&mut d.items[j as usize], args[2].clone()))
        }
    })?;
    match old {
        Some(_) => Ok(types::none()),
        None => Err(index_error("deque index out of range")),
    }
}

fn delitem(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let i = item_index(&args[1])?;
    let old = dq(&args[0], |d| {
        let len = d.items.len() as i64;
        let j = if i < 0 { i + len } else { i };
        if j < 0 || j >= len {
            None
        } else {
            d.state += 1;
            d.items.remove(j as usize)
        }
    })?;
    match old {
        Some(_) => Ok(types::none()),
        None => Err(index_error("deque index out of range")),
    }
}

fn contains(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let st = state_of(&args[0])?;
    for x in snapshot(&args[0])? {
        if x.is(&args[1]) || eq(vm, &x, &args[1])? {
            return Ok(types::bool_value(true));
        }
        if state_of(&args[0])? != st {
            return Err(mutated());
        }
    }
    Ok(types::bool_value(false))
}

fn iter_deque(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let st = state_of(&args[0])?;
    let ty = iter_type(vm);
    Ok(new_obj(
        &ty,
        DequeIter {
            deque: args[0].clone(),
            index: 0,
            state: st,
            reverse: false,
        },
    ))
}

fn reversed(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let st = state_of(&args[0])?;
    let ty = iter_type(vm);
    Ok(new_obj(
        &ty,
        DequeIter {
            deque: args[0].clone(),
            index: 0,
            state: st,
            reverse: true,
        },
    ))
}

fn iter_next(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let (d, i, st, rev) = with_or(&args[0], "_deque_iterator", |s: &mut DequeIter| {
        (s.deque.clone(), s.index, s.state, s.reverse)
    })?;
    let r = dq(&d, |d| {
        if d.state != st {
            return Err(());
        }
        let n = d.items.len();
        Ok(if i >= n {
            None
        } else if rev {
            d.items.get(n - 1 - i).cloned()
        } else {
            d.items.get(i).cloned()
        })
    })?;
    match r {
        Err(()) => Err(mutated()),
        Ok(None) => Err(stop()),
        Ok(Some(v)) => {
            with_or(&args[0], "_deque_iterator", |s: &mut DequeIter| {
                s.index += 1
            })?;
            Ok(v)
        }
    }
}

fn repr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let this = &args[0];
    let name = type_name(this);
    let key = this.bits();
    if vm.repr_guard.contains(&key) {
        return Ok(types::new_str("[...]"));
    }
    let (items, maxlen) = dq(this, |d| {
        (d.items.iter().cloned().collect::<Vec<_>>(), d.maxlen)
    })?;
    vm.repr_guard.push(key);
    let list = repr_string(vm, &types::new_list(items));
    vm.repr_guard.retain(|k| *k != key);
    let list = list?;
    Ok(types::new_str(match maxlen {
        Some(n) => format!("{name}({list}, maxlen={n})"),
        None => format!("{name}({list})"),
    }))
}

fn compare(vm: &mut Vm, args: &[Value], op: CmpOp) -> PyResult<Value> {
    let (a, b) = (&args[0], &args[1]);
    if with(b, |_: &mut Deque| ()).is_none() {
        return Ok(types::not_implemented());
    }
    let la = types::new_list(snapshot(a)?);
    let lb = types::new_list(snapshot(b)?);
    crate::vm::ops::compare(vm, &la, &lb, op)
}

fn cmp_eq(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    compare(vm, args, CmpOp::Eq)
}
fn cmp_ne(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    compare(vm, args, CmpOp::Ne)
}
fn cmp_lt(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    compare(vm, args, CmpOp::Lt)
}
fn cmp_le(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    compare(vm, args, CmpOp::Le)
}
fn cmp_gt(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    compare(vm, args, CmpOp::Gt)
}
fn cmp_ge(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    compare(vm, args, CmpOp::Ge)
}

fn add(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let Some(other) = with(&args[1], |d: &mut Deque| d.items.clone()) else {
        return Err(type_error(format!(
            "can only concatenate deque (not \"{}\") to deque",
            type_name(&args[1])
        )));
    };
    let (mut items, maxlen) = dq(&args[0], |d| (d.items.clone(), d.maxlen))?;
    items.extend(other);
    Ok(make(&type_of(&args[0]), items, maxlen))
}

fn repeat_count(v: &Value) -> PyResult<Option<usize>> {
    if !types::bigint::is_int_like(v) {
        return Ok(None);
    }
    Ok(Some(index_value(v)?.max(0) as usize))
}

fn mul(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let Some(n) = repeat_count(&args[1])? else {
        return Ok(types::not_implemented());
    };
    let (items, maxlen) = dq(&args[0], |d| (d.items.clone(), d.maxlen))?;
    let mut out = VecDeque::with_capacity(items.len() * n);
    for _ in 0..n {
        out.extend(items.iter().cloned());
    }
    Ok(make(&type_of(&args[0]), out, maxlen))
}

fn iadd(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    extend_impl(vm, &args[0], &args[1], false)?;
    Ok(args[0].clone())
}

fn imul(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let Some(n) = repeat_count(&args[1])? else {
        return Ok(types::not_implemented());
    };
    let items: Vec<Value> = snapshot(&args[0])?;
    let old = dq(&args[0], |d| {
        let old = std::mem::take(&mut d.items);
        let mut dropped = Vec::new();
        for _ in 0..n {
            for v in &items {
                if let Some(x) = push(d, v.clone(), false) {
                    dropped.push(x);
                }
            }
        }
        (old, dropped)
    })?;
    drop(old);
    Ok(args[0].clone())
}

/// `deque.__reduce__()`: `(type(d), (list(d), maxlen))`.
fn reduce(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let (items, maxlen) = dq(&args[0], |d| {
        (d.items.iter().cloned().collect::<Vec<_>>(), d.maxlen)
    })?;
    let maxlen = maxlen
        .map(|n| types::new_int(n as i64))
        .unwrap_or_else(types::none);
    Ok(types::new_tuple(vec![
        type_of(&args[0]),
        types::new_tuple(vec![types::new_list(items), maxlen]),
    ]))
}

fn maxlen_get(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(match dq(&args[0], |d| d.maxlen)? {
        Some(n) => types::new_int(n as i64),
        None => types::none(),
    })
}
