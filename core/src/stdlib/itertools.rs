//! The `itertools` module: lazy iterator building blocks, each a native type
//! with `__iter__`/`__next__` (CPython 3.11 semantics).

#[path = "itertools_comb.rs"]
mod comb;
#[path = "itertools_group.rs"]
mod group;

use std::sync::OnceLock;

use super::collections::native_util::{
    arg, cached_type, check_kw, check_n, is_none, native_state, new_obj, new_type, stop, with_or,
};
use crate::compiler::opcodes::BinOp;
use crate::object::Value;
use crate::types::exception::{type_error, value_error};
use crate::types::methods::{cm, m, Method};
use crate::types::{self, Kwargs, NativeFn, PyResult, StaticValue};
use crate::vm::call::{call, call_value};
use crate::vm::iteration::{collect, iter, next};
use crate::vm::ops::binary_op;
use crate::vm::protocol::{repr_string, truthy, type_name};
use crate::vm::Vm;

/// `__iter__` returning the iterator itself.
pub(crate) fn iter_self(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(args[0].clone())
}

/// Defines the `__next__` method of an iterator type from its step function
/// (`Ok(None)` means exhausted).
macro_rules! next_method {
    ($name:ident, $step:ident) => {
        fn $name(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
            match $step(vm, &args[0])? {
                Some(v) => Ok(v),
                None => Err(stop()),
            }
        }
    };
}
pub(crate) use next_method;

/// Creates (once) an `itertools` iterator type with `__iter__`, `__next__`
/// and the extra methods.
pub(crate) fn iter_type(
    cell: &'static OnceLock<StaticValue>,
    vm: &mut Vm,
    name: &str,
    next: NativeFn,
    new: Option<NativeFn>,
    extra: &[Method],
) -> Value {
    cached_type(cell, vm, |vm| {
        let mut ms = vec![m("__iter__", iter_self), m("__next__", next)];
        ms.extend_from_slice(extra);
        new_type(vm, name, "itertools", &ms, new)
    })
}

// ---- count ----

struct Count {
    cur: Value,
    step: Value,
}
native_state!(Count, cur, step);

fn is_number(v: &Value) -> bool {
    use crate::object::Kind;
    matches!(v.kind(), Kind::Int | Kind::Bool | Kind::Float)
        || ["__index__", "__int__", "__float__"]
            .iter()
            .any(|n| crate::vm::attr::lookup_special(v, n).is_some())
}

fn count_new(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    check_kw("count", &kw, &["start", "step"])?;
    check_n("count", args, 0, 2)?;
    let cur = arg(args, &kw, 0, "start")
        .cloned()
        .unwrap_or(Value::small(0));
    let step = arg(args, &kw, 1, "step")
        .cloned()
        .unwrap_or(Value::small(1));
    if !is_number(&cur) || !is_number(&step) {
        return Err(type_error("a number is required"));
    }
    // CPython's fast mode (int step 1) keeps the count as a plain int.
    let cur = match (types::bigint::to_i64(&step), cur.kind()) {
        (Some(1), crate::object::Kind::Bool) => {
            types::new_int(types::bigint::to_i64(&cur).unwrap_or(0))
        }
        _ => cur,
    };
    Ok(new_obj(&args[0], Count { cur, step }))
}

fn count_step(vm: &mut Vm, this: &Value) -> PyResult<Option<Value>> {
    let (cur, step) = with_or(this, "count", |s: &mut Count| {
        if let (Some(a), Some(b)) = (s.cur.as_small(), s.step.as_small()) {
            if let Some(n) = a.checked_add(b).and_then(Value::try_small) {
                return (std::mem::replace(&mut s.cur, n), None);
            }
        }
        (s.cur.clone(), Some(s.step.clone()))
    })?;
    if let Some(step) = step {
        let n = binary_op(vm, &cur, &step, BinOp::Add, false)?;
        with_or(this, "count", |s: &mut Count| s.cur = n)?;
    }
    Ok(Some(cur))
}
next_method!(count_next, count_step);

fn count_repr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let (cur, step) = with_or(&args[0], "count", |s: &mut Count| {
        (s.cur.clone(), s.step.clone())
    })?;
    let name = type_name(&args[0]);
    let c = repr_string(vm, &cur)?;
    let step_is_one = types::bigint::to_i64(&step) == Some(1);
    if step_is_one {
        Ok(types::new_str(format!("{name}({c})")))
    } else {
        let s = repr_string(vm, &step)?;
        Ok(types::new_str(format!("{name}({c}, {s})")))
    }
}

// ---- cycle ----

struct Cycle {
    it: Option<Value>,
    saved: Vec<Value>,
    index: usize,
}
native_state!(Cycle, it, saved);

fn cycle_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    check_kw("cycle", &kw, &[])?;
    check_n("cycle", args, 1, 1)?;
    let it = iter(vm, &args[1])?;
    Ok(new_obj(
        &args[0],
        Cycle {
            it: Some(it),
            saved: Vec::new(),
            index: 0,
        },
    ))
}

fn cycle_step(vm: &mut Vm, this: &Value) -> PyResult<Option<Value>> {
    let it = with_or(this, "cycle", |s: &mut Cycle| s.it.clone())?;
    if let Some(it) = it {
        match next(vm, &it)? {
            Some(v) => {
                with_or(this, "cycle", |s: &mut Cycle| s.saved.push(v.clone()))?;
                return Ok(Some(v));
            }
            None => with_or(this, "cycle", |s: &mut Cycle| s.it = None)?,
        }
    }
    with_or(this, "cycle", |s: &mut Cycle| {
        if s.saved.is_empty() {
            return None;
        }
        let v = s.saved[s.index].clone();
        s.index += 1;
        if s.index >= s.saved.len() {
            s.index = 0;
        }
        Some(v)
    })
}
next_method!(cycle_next, cycle_step);

// ---- repeat ----

struct Repeat {
    obj: Value,
    remaining: Option<i64>,
}
native_state!(Repeat, obj);

fn repeat_new(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    check_kw("repeat", &kw, &["object", "times"])?;
    check_n("repeat", args, 0, 2)?;
    let obj = arg(args, &kw, 0, "object")
        .cloned()
        .ok_or_else(|| type_error("repeat() missing required argument 'object' (pos 1)"))?;
    let remaining = match arg(args, &kw, 1, "times") {
        Some(t) => Some(crate::vm::protocol::index_value(t)?.max(0)),
        None => None,
    };
    Ok(new_obj(&args[0], Repeat { obj, remaining }))
}

fn repeat_step(_vm: &mut Vm, this: &Value) -> PyResult<Option<Value>> {
    with_or(this, "repeat", |s: &mut Repeat| match &mut s.remaining {
        None => Some(s.obj.clone()),
        Some(0) => None,
        Some(n) => {
            *n -= 1;
            Some(s.obj.clone())
        }
    })
}
next_method!(repeat_next, repeat_step);

fn repeat_repr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let (obj, rem) = with_or(&args[0], "repeat", |s: &mut Repeat| {
        (s.obj.clone(), s.remaining)
    })?;
    let r = repr_string(vm, &obj)?;
    let name = type_name(&args[0]);
    Ok(types::new_str(match rem {
        Some(n) => format!("{name}({r}, {n})"),
        None => format!("{name}({r})"),
    }))
}

fn repeat_len_hint(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    match with_or(&args[0], "repeat", |s: &mut Repeat| s.remaining)? {
        Some(n) => Ok(types::new_int(n)),
        None => Err(type_error("len() of unsized object")),
    }
}

// ---- accumulate ----

struct Accumulate {
    it: Value,
    func: Option<Value>,
    total: Option<Value>,
    initial: Option<Value>,
}
native_state!(Accumulate, it, func, total, initial);

fn accumulate_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    check_kw("accumulate", &kw, &["iterable", "func", "initial"])?;
    check_n("accumulate", args, 0, 2)?;
    let src = arg(args, &kw, 0, "iterable")
        .ok_or_else(|| type_error("accumulate() missing required argument 'iterable' (pos 1)"))?;
    let it = iter(vm, src)?;
    let func = arg(args, &kw, 1, "func").filter(|f| !is_none(f)).cloned();
    let initial = kw.get("initial").filter(|f| !is_none(f)).cloned();
    Ok(new_obj(
        &args[0],
        Accumulate {
            it,
            func,
            total: None,
            initial,
        },
    ))
}

fn accumulate_step(vm: &mut Vm, this: &Value) -> PyResult<Option<Value>> {
    let (it, func, total, initial) = with_or(this, "accumulate", |s: &mut Accumulate| {
        (
            s.it.clone(),
            s.func.clone(),
            s.total.clone(),
            s.initial.take(),
        )
    })?;
    if let Some(init) = initial {
        with_or(this, "accumulate", |s: &mut Accumulate| {
            s.total = Some(init.clone())
        })?;
        return Ok(Some(init));
    }
    let Some(v) = next(vm, &it)? else {
        return Ok(None);
    };
    let new_total = match total {
        None => v,
        Some(t) => match func {
            Some(f) => call(vm, &f, &[t, v])?,
            None => binary_op(vm, &t, &v, BinOp::Add, false)?,
        },
    };
    with_or(this, "accumulate", |s: &mut Accumulate| {
        s.total = Some(new_total.clone())
    })?;
    Ok(Some(new_total))
}
next_method!(accumulate_next, accumulate_step);

// ---- chain ----

struct Chain {
    source: Option<Value>,
    active: Option<Value>,
}
native_state!(Chain, source, active);

fn chain_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    check_kw("chain", &kw, &[])?;
    let source = iter(vm, &types::new_tuple(args[1..].to_vec()))?;
    Ok(new_obj(
        &args[0],
        Chain {
            source: Some(source),
            active: None,
        },
    ))
}

fn chain_from_iterable(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    check_kw("from_iterable", &kw, &[])?;
    check_n("from_iterable", args, 1, 1)?;
    let source = iter(vm, &args[1])?;
    Ok(new_obj(
        &args[0],
        Chain {
            source: Some(source),
            active: None,
        },
    ))
}

fn chain_step(vm: &mut Vm, this: &Value) -> PyResult<Option<Value>> {
    loop {
        let (source, active) = with_or(this, "chain", |s: &mut Chain| {
            (s.source.clone(), s.active.clone())
        })?;
        let Some(source) = source else {
            return Ok(None);
        };
        let active = match active {
            Some(a) => a,
            None => {
                let iterable = match next(vm, &source) {
                    Ok(Some(x)) => x,
                    Ok(None) => {
                        with_or(this, "chain", |s: &mut Chain| s.source = None)?;
                        return Ok(None);
                    }
                    Err(e) => {
                        with_or(this, "chain", |s: &mut Chain| s.source = None)?;
                        return Err(e);
                    }
                };
                let a = match iter(vm, &iterable) {
                    Ok(a) => a,
                    Err(e) => {
                        with_or(this, "chain", |s: &mut Chain| s.source = None)?;
                        return Err(e);
                    }
                };
                with_or(this, "chain", |s: &mut Chain| s.active = Some(a.clone()))?;
                a
            }
        };
        if let Some(v) = next(vm, &active)? {
            return Ok(Some(v));
        }
        with_or(this, "chain", |s: &mut Chain| s.active = None)?;
    }
}
next_method!(chain_next, chain_step);

// ---- compress, dropwhile, takewhile, filterfalse, starmap ----

/// State of the simple predicate-driven iterators.
struct Filtered {
    /// The predicate or function (compress: the selectors iterator).
    func: Value,
    it: Value,
    /// dropwhile: done dropping; takewhile: stopped.
    flag: bool,
}
native_state!(Filtered, func, it);

fn two_arg_new(vm: &mut Vm, args: &[Value], kw: Kwargs, name: &str) -> PyResult<Value> {
    check_kw(name, &kw, &[])?;
    check_n(name, args, 2, 2)?;
    let it = iter(vm, &args[2])?;
    Ok(new_obj(
        &args[0],
        Filtered {
            func: args[1].clone(),
            it,
            flag: false,
        },
    ))
}

fn compress_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    check_kw("compress", &kw, &["data", "selectors"])?;
    let data = arg(args, &kw, 0, "data")
        .ok_or_else(|| type_error("compress() missing required argument 'data' (pos 1)"))?;
    let sel = arg(args, &kw, 1, "selectors")
        .ok_or_else(|| type_error("compress() missing required argument 'selectors' (pos 2)"))?;
    let it = iter(vm, data)?;
    let func = iter(vm, sel)?;
    Ok(new_obj(
        &args[0],
        Filtered {
            func,
            it,
            flag: false,
        },
    ))
}

fn filtered(this: &Value) -> PyResult<(Value, Value, bool)> {
    with_or(this, "iterator", |s: &mut Filtered| {
        (s.func.clone(), s.it.clone(), s.flag)
    })
}

fn compress_step(vm: &mut Vm, this: &Value) -> PyResult<Option<Value>> {
    let (sel, data, _) = filtered(this)?;
    loop {
        let Some(d) = next(vm, &data)? else {
            return Ok(None);
        };
        let Some(s) = next(vm, &sel)? else {
            return Ok(None);
        };
        if truthy(vm, &s)? {
            return Ok(Some(d));
        }
    }
}
next_method!(compress_next, compress_step);

fn dropwhile_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    two_arg_new(vm, args, kw, "dropwhile")
}

fn dropwhile_step(vm: &mut Vm, this: &Value) -> PyResult<Option<Value>> {
    let (func, it, dropped) = filtered(this)?;
    loop {
        let Some(v) = next(vm, &it)? else {
            return Ok(None);
        };
        if dropped {
            return Ok(Some(v));
        }
        let r = call(vm, &func, std::slice::from_ref(&v))?;
        if !truthy(vm, &r)? {
            with_or(this, "dropwhile", |s: &mut Filtered| s.flag = true)?;
            return Ok(Some(v));
        }
    }
}
next_method!(dropwhile_next, dropwhile_step);

fn takewhile_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    two_arg_new(vm, args, kw, "takewhile")
}

fn takewhile_step(vm: &mut Vm, this: &Value) -> PyResult<Option<Value>> {
    let (func, it, stopped) = filtered(this)?;
    if stopped {
        return Ok(None);
    }
    let Some(v) = next(vm, &it)? else {
        return Ok(None);
    };
    let r = call(vm, &func, std::slice::from_ref(&v))?;
    if truthy(vm, &r)? {
        return Ok(Some(v));
    }
    with_or(this, "takewhile", |s: &mut Filtered| s.flag = true)?;
    Ok(None)
}
next_method!(takewhile_next, takewhile_step);

fn filterfalse_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    two_arg_new(vm, args, kw, "filterfalse")
}

fn filterfalse_step(vm: &mut Vm, this: &Value) -> PyResult<Option<Value>> {
    let (func, it, _) = filtered(this)?;
    loop {
        let Some(v) = next(vm, &it)? else {
            return Ok(None);
        };
        let ok = if is_none(&func) {
            truthy(vm, &v)?
        } else {
            let r = call(vm, &func, std::slice::from_ref(&v))?;
            truthy(vm, &r)?
        };
        if !ok {
            return Ok(Some(v));
        }
    }
}
next_method!(filterfalse_next, filterfalse_step);

fn starmap_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    two_arg_new(vm, args, kw, "starmap")
}

fn starmap_step(vm: &mut Vm, this: &Value) -> PyResult<Option<Value>> {
    let (func, it, _) = filtered(this)?;
    let Some(v) = next(vm, &it)? else {
        return Ok(None);
    };
    let items = match v.downcast::<types::TupleData>() {
        Some(t) => t.items().to_vec(),
        None => collect(vm, &v).map_err(|_| type_error("iterable argument required"))?,
    };
    Ok(Some(call_value(vm, &func, &items, Kwargs::default())?))
}
next_method!(starmap_next, starmap_step);

// ---- islice ----

struct Islice {
    it: Option<Value>,
    next: i64,
    stop: i64,
    step: i64,
    cnt: i64,
}
native_state!(Islice, it);

fn islice_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    check_kw("islice", &kw, &[])?;
    check_n("islice", args, 2, 4)?;
    let a = &args[1..];
    let idx = |v: &Value, msg: &str| -> PyResult<i64> {
        if is_none(v) {
            return Ok(-1);
        }
        match types::bigint::to_bigint(v) {
            Some(b) => {
                use num_traits::{Signed, ToPrimitive};
                if b.is_negative() {
                    Err(value_error(msg.to_string()))
                } else {
                    Ok(b.to_i64().unwrap_or(i64::MAX))
                }
            }
            None => Err(value_error(msg.to_string())),
        }
    };
    let (start, stop, step);
    if a.len() == 2 {
        start = 0;
        stop = idx(
            &a[1],
            "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
        )?;
        step = 1;
    } else {
        let imsg = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
        let s0 = idx(&a[1], imsg)?;
        start = if s0 == -1 { 0 } else { s0 };
        stop = idx(&a[2], imsg)?;
        let st = match a.get(3) {
            None => 1,
            Some(v) if is_none(v) => 1,
            Some(v) => match types::bigint::to_i64(v) {
                Some(x) if x >= 1 => x,
                _ => {
                    return Err(value_error(
                        "Step for islice() must be a positive integer or None.",
                    ))
                }
            },
        };
        step = st;
    }
    let it = iter(vm, &a[0])?;
    Ok(new_obj(
        &args[0],
        Islice {
            it: Some(it),
            next: start,
            stop,
            step,
            cnt: 0,
        },
    ))
}

fn islice_step(vm: &mut Vm, this: &Value) -> PyResult<Option<Value>> {
    let (it, nxt, stop) = with_or(this, "islice", |s: &mut Islice| {
        (s.it.clone(), s.next, s.stop)
    })?;
    let Some(it) = it else { return Ok(None) };
    let done = |this: &Value| with_or(this, "islice", |s: &mut Islice| s.it = None);
    loop {
        let cnt = with_or(this, "islice", |s: &mut Islice| s.cnt)?;
        if cnt >= nxt {
            break;
        }
        if next(vm, &it)?.is_none() {
            done(this)?;
            return Ok(None);
        }
        with_or(this, "islice", |s: &mut Islice| s.cnt += 1)?;
    }
    let cnt = with_or(this, "islice", |s: &mut Islice| s.cnt)?;
    if stop != -1 && cnt >= stop {
        done(this)?;
        return Ok(None);
    }
    let Some(v) = next(vm, &it)? else {
        done(this)?;
        return Ok(None);
    };
    with_or(this, "islice", |s: &mut Islice| {
        s.cnt += 1;
        let old = s.next;
        s.next = s.next.saturating_add(s.step);
        if s.next < old || (s.stop != -1 && s.next > s.stop) {
            s.next = s.stop;
        }
    })?;
    Ok(Some(v))
}
next_method!(islice_next, islice_step);

// ---- pairwise ----

struct Pairwise {
    it: Option<Value>,
    old: Option<Value>,
}
native_state!(Pairwise, it, old);

fn pairwise_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    check_kw("pairwise", &kw, &[])?;
    check_n("pairwise", args, 1, 1)?;
    let it = iter(vm, &args[1])?;
    Ok(new_obj(
        &args[0],
        Pairwise {
            it: Some(it),
            old: None,
        },
    ))
}

fn pairwise_step(vm: &mut Vm, this: &Value) -> PyResult<Option<Value>> {
    let (it, old) = with_or(this, "pairwise", |s: &mut Pairwise| {
        (s.it.clone(), s.old.clone())
    })?;
    let Some(it) = it else { return Ok(None) };
    let clear = |this: &Value| {
        with_or(this, "pairwise", |s: &mut Pairwise| {
            s.it = None;
            s.old = None;
        })
    };
    let old = match old {
        Some(o) => o,
        None => match next(vm, &it)? {
            Some(o) => o,
            None => {
                clear(this)?;
                return Ok(None);
            }
        },
    };
    let Some(new) = next(vm, &it)? else {
        clear(this)?;
        return Ok(None);
    };
    with_or(this, "pairwise", |s: &mut Pairwise| {
        s.old = Some(new.clone())
    })?;
    Ok(Some(types::new_tuple(vec![old, new])))
}
next_method!(pairwise_next, pairwise_step);

// ---- zip_longest ----

struct ZipLongest {
    its: Vec<Option<Value>>,
    active: usize,
    fill: Value,
}
native_state!(ZipLongest, its, fill);

fn zip_longest_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    check_kw("zip_longest", &kw, &["fillvalue"])?;
    let fill = kw.get("fillvalue").cloned().unwrap_or_else(types::none);
    let mut its = Vec::new();
    for a in &args[1..] {
        its.push(Some(iter(vm, a)?));
    }
    let active = its.len();
    Ok(new_obj(&args[0], ZipLongest { its, active, fill }))
}

fn zip_longest_step(vm: &mut Vm, this: &Value) -> PyResult<Option<Value>> {
    let (its, active, fill) = with_or(this, "zip_longest", |s: &mut ZipLongest| {
        (s.its.clone(), s.active, s.fill.clone())
    })?;
    if its.is_empty() || active == 0 {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(its.len());
    for (i, it) in its.iter().enumerate() {
        match it {
            None => out.push(fill.clone()),
            Some(it) => match next(vm, it) {
                Ok(Some(v)) => out.push(v),
                r => {
                    let n = with_or(this, "zip_longest", |s: &mut ZipLongest| {
                        s.active -= 1;
                        if s.active == 0 || r.is_err() {
                            s.active = 0;
                        } else {
                            s.its[i] = None;
                        }
                        s.active
                    })?;
                    r?;
                    if n == 0 {
                        return Ok(None);
                    }
                    out.push(fill.clone());
                }
            },
        }
    }
    Ok(Some(types::new_tuple(out)))
}
next_method!(zip_longest_next, zip_longest_step);

macro_rules! types_table {
    ($($fn:ident: $name:literal, $next:ident, $new:expr, [$($extra:expr),*];)*) => {
        $(
            fn $fn(vm: &mut Vm) -> Value {
                static T: OnceLock<StaticValue> = OnceLock::new();
                iter_type(&T, vm, $name, $next, Some($new), &[$($extra),*])
            }
        )*
        fn all_types(vm: &mut Vm) -> Vec<(&'static str, Value)> {
            vec![$(($name, $fn(vm))),*]
        }
    };
}

types_table! {
    count_type: "count", count_next, count_new, [m("__repr__", count_repr)];
    cycle_type: "cycle", cycle_next, cycle_new, [];
    repeat_type: "repeat", repeat_next, repeat_new, [m("__repr__", repeat_repr), m("__length_hint__", repeat_len_hint)];
    accumulate_type: "accumulate", accumulate_next, accumulate_new, [];
    chain_type: "chain", chain_next, chain_new, [cm("from_iterable", chain_from_iterable)];
    compress_type: "compress", compress_next, compress_new, [];
    dropwhile_type: "dropwhile", dropwhile_next, dropwhile_new, [];
    takewhile_type: "takewhile", takewhile_next, takewhile_new, [];
    filterfalse_type: "filterfalse", filterfalse_next, filterfalse_new, [];
    starmap_type: "starmap", starmap_next, starmap_new, [];
    islice_type: "islice", islice_next, islice_new, [];
    pairwise_type: "pairwise", pairwise_next, pairwise_new, [];
    zip_longest_type: "zip_longest", zip_longest_next, zip_longest_new, [];
}

/// Creates the `itertools` module.
pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let module = crate::vm::import::new_module("itertools");
    for (name, ty) in all_types(vm) {
        super::set_attr(&module, name, ty);
    }
    for (name, ty) in comb::types(vm) {
        super::set_attr(&module, name, ty);
    }
    for (name, ty) in group::types(vm) {
        super::set_attr(&module, name, ty);
    }
    super::add_functions(&module, "itertools", &[("tee", group::tee)]);
    Ok(module)
}
