//! Iterator types (`enumerate`, `zip`, `map`, `filter`, `reversed`), the
//! iterator protocol methods, and generator methods.

use super::{m, nargs, Method};
use crate::object::{Kind, Value};
use crate::types::exception::{stop_iteration, type_error};
use crate::types::iterator::{new_iterator, IterState};
use crate::types::{self, builtin_types, Kwargs, PyErr, PyResult};
use crate::vm::iteration::{gen_close, gen_resume, iter, next, SendResult};
use crate::vm::Vm;

/// `enumerate(iterable, start=0)`.
pub fn enumerate_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let src = super::arg_or_kw(args, &kw, 1, "iterable")
        .ok_or_else(|| type_error("enumerate() missing required argument 'iterable' (pos 1)"))?;
    let start = super::arg_or_kw(args, &kw, 2, "start")
        .cloned()
        .unwrap_or(Value::small(0));
    let it = iter(vm, src)?;
    Ok(new_iterator(
        builtin_types().enumerate.v(),
        IterState::Enumerate { it, count: start },
    ))
}

/// `zip(*iterables, strict=False)`.
pub fn zip_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let strict = match kw.get("strict") {
        Some(s) => crate::vm::protocol::truthy(vm, s)?,
        None => false,
    };
    let mut its = Vec::new();
    for a in &args[1..] {
        its.push(iter(vm, a)?);
    }
    Ok(new_iterator(
        builtin_types().zip.v(),
        IterState::Zip {
            its: types::new_tuple(its),
            strict,
        },
    ))
}

/// `map(func, *iterables)`.
pub fn map_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    super::no_kw("map", &kw)?;
    if args.len() < 3 {
        return Err(type_error("map() must have at least two arguments."));
    }
    let mut its = Vec::new();
    for a in &args[2..] {
        its.push(iter(vm, a)?);
    }
    Ok(new_iterator(
        builtin_types().map.v(),
        IterState::Map {
            func: args[1].clone(),
            its,
        },
    ))
}

/// `filter(func, iterable)`.
pub fn filter_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    super::no_kw("filter", &kw)?;
    nargs("filter", &args[1..], 2, 2)?;
    let it = iter(vm, &args[2])?;
    Ok(new_iterator(
        builtin_types().filter.v(),
        IterState::Filter {
            func: args[1].clone(),
            it,
        },
    ))
}

/// `reversed(seq)`.
pub fn reversed_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    super::no_kw("reversed", &kw)?;
    nargs("reversed", &args[1..], 1, 1)?;
    let seq = &args[1];
    if let Some(f) = crate::vm::attr::lookup_special_name(seq, crate::name!("__reversed__")) {
        if f.kind() == Kind::Function {
            return crate::vm::call::call(vm, &f, std::slice::from_ref(seq));
        }
    }
    if let Some(r) = seq.downcast::<types::RangeData>() {
        let n = r.len();
        return Ok(types::iterator::new_cursor_iterator(
            builtin_types().range_iterator.v(),
            types::iter_cursor::Cursor::Range(types::iter_cursor::RangeCursor::new(
                r.start.wrapping_add(r.step.wrapping_mul(n - 1)),
                r.step.wrapping_neg(),
                n,
            )),
        ));
    }
    if seq.kind() == Kind::Iterator {
        let is_view = seq
            .downcast::<types::IteratorData>()
            .is_some_and(|d| d.state.with(|s| matches!(s, IterState::DictView { .. })));
        if is_view {
            let items = crate::vm::iteration::collect(vm, seq)?;
            let n = items.len();
            return Ok(new_iterator(
                builtin_types().reversed.v(),
                IterState::Reversed {
                    seq: types::new_list(items),
                    next: n,
                },
            ));
        }
    }
    let n = match seq.kind() {
        Kind::List | Kind::Tuple | Kind::Str | Kind::Bytes | Kind::Range => {
            crate::vm::containers::len(vm, seq)?
        }
        Kind::Dict => {
            let keys = seq.downcast::<types::DictData>().expect("d").keys();
            let n = keys.len();
            return Ok(new_iterator(
                builtin_types().reversed.v(),
                IterState::Reversed {
                    seq: types::new_list(keys),
                    next: n,
                },
            ));
        }
        _ => {
            if crate::vm::attr::lookup_special_name(seq, crate::name!("__getitem__")).is_some()
                && crate::vm::attr::lookup_special_name(seq, crate::name!("__len__")).is_some()
            {
                crate::vm::containers::len(vm, seq)?
            } else {
                return Err(type_error(format!(
                    "'{}' object is not reversible",
                    crate::vm::protocol::type_name(seq)
                )));
            }
        }
    };
    Ok(new_iterator(
        builtin_types().reversed.v(),
        IterState::Reversed {
            seq: seq.clone(),
            next: n,
        },
    ))
}

fn iter_self(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(args[0].clone())
}

fn iter_next(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    match next(vm, &args[0])? {
        Some(v) => Ok(v),
        None => Err(stop_iteration(None)),
    }
}

fn length_hint(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let d = args[0]
        .downcast::<types::IteratorData>()
        .ok_or_else(|| type_error("iterator expected"))?;
    match &d.cursor {
        types::iter_cursor::Cursor::Range(c) => return Ok(types::new_int(c.remaining())),
        types::iter_cursor::Cursor::Seq(c) => {
            let n = match c.position() {
                Some((seq, i)) => crate::vm::containers::len(vm, &seq)?.saturating_sub(i),
                None => 0,
            };
            return Ok(types::new_int(n as i64));
        }
        types::iter_cursor::Cursor::None => {}
    }
    let n = d.state.with(|s| match s {
        IterState::Values { items, index } => (items.len() - (*index).min(items.len())) as i64,
        _ => 0,
    });
    Ok(types::new_int(n))
}

/// Methods shared by native iterators.
pub fn iterator_methods() -> Vec<Method> {
    vec![
        m("__iter__", iter_self),
        m("__next__", iter_next),
        m("__length_hint__", length_hint),
    ]
}

fn result(r: SendResult) -> PyResult<Value> {
    match r {
        SendResult::Yielded(v) => Ok(v),
        SendResult::Returned(v) => Err(stop_iteration(if types::is_none(&v) {
            None
        } else {
            Some(v)
        })),
    }
}

fn gen_send(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("send", args, 2, 2)?;
    let r = gen_resume(vm, &args[0], args[1].clone(), None)?;
    result(r)
}

fn gen_next(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let r = gen_resume(vm, &args[0], types::none(), None)?;
    result(r)
}

fn gen_throw(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("throw", args, 2, 4)?;
    let mut e = crate::vm::protocol::make_exception(vm, args[1].clone())?;
    if args.len() >= 3 && args[1].kind() == Kind::Type && !types::is_none(&args[2]) {
        let inst = crate::vm::call::call(vm, &args[1], std::slice::from_ref(&args[2]))?;
        e = PyErr(inst);
    }
    let r = gen_resume(vm, &args[0], types::none(), Some(e))?;
    result(r)
}

fn gen_close_m(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    gen_close(vm, &args[0])?;
    Ok(types::none())
}

/// Methods of generators.
pub fn generator_methods() -> Vec<Method> {
    vec![
        m("send", gen_send),
        m("throw", gen_throw),
        m("close", gen_close_m),
        m("__next__", gen_next),
        m("__iter__", iter_self),
    ]
}
