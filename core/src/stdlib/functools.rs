//! The `functools` module: native `reduce`, `partial` and the lru_cache
//! engine (`functools_lru.rs`); the rest (`wraps`, `total_ordering`,
//! `cmp_to_key`, `lru_cache` decorator plumbing, ...) is embedded Python
//! (`py/functools.py`).

#[path = "functools_lru.rs"]
mod lru;

use std::sync::OnceLock;

use super::collections::native_util::{
    add_property, cached_type, native_state, new_obj, new_weakrefable_type, with, with_or,
};
use crate::object::Value;
use crate::types::exception::type_error;
use crate::types::methods::m;
use crate::types::{self, str::as_str, DictData, Kwargs, PyResult, StaticValue};
use crate::vm::call::{call, call_value};
use crate::vm::iteration::{iter, next};
use crate::vm::protocol::{repr_string, type_name, type_of};
use crate::vm::Vm;

/// `functools.reduce(function, iterable[, initial])`.
fn reduce(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::no_kwargs("reduce", &kw)?;
    if args.len() < 2 || args.len() > 3 {
        return Err(type_error(format!(
            "reduce expected {} arguments, got {}",
            if args.len() < 2 {
                "at least 2"
            } else {
                "at most 3"
            },
            args.len()
        )));
    }
    let it = iter(vm, &args[1]).map_err(|e| {
        if crate::vm::protocol::is_instance(&e.0, types::exc_types().type_error.v()) {
            type_error("reduce() arg 2 must support iteration")
        } else {
            e
        }
    })?;
    let mut acc = args.get(2).cloned();
    while let Some(x) = next(vm, &it)? {
        acc = Some(match acc {
            None => x,
            Some(a) => call(vm, &args[0], &[a, x])?,
        });
    }
    acc.ok_or_else(|| type_error("reduce() of empty iterable with no initial value"))
}

/// The state of a `partial` object.
struct Partial {
    func: Value,
    args: Vec<Value>,
    /// A dict of keyword arguments.
    kw: Value,
}
native_state!(Partial, func, args, kw);

fn partial_type(vm: &mut Vm) -> Value {
    static T: OnceLock<StaticValue> = OnceLock::new();
    cached_type(&T, vm, |vm| {
        let t = new_weakrefable_type(
            vm,
            "partial",
            "functools",
            &[
                m("__call__", partial_call),
                m("__repr__", partial_repr),
                m("__reduce__", partial_reduce),
                m("__setstate__", partial_setstate),
            ],
            Some(partial_new),
        );
        add_property(&t, "func", partial_func);
        add_property(&t, "args", partial_args);
        add_property(&t, "keywords", partial_keywords);
        t
    })
}

fn partial_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    if args.len() < 2 {
        return Err(type_error("type 'partial' takes at least one argument"));
    }
    let mut func = args[1].clone();
    let mut pargs: Vec<Value> = Vec::new();
    let d = types::new_dict();
    let dd = d.downcast::<DictData>().expect("dict");
    let ptype = partial_type(vm);
    if type_of(&func).is(&ptype) {
        if let Some((f, a, k)) = with(&func, |p: &mut Partial| {
            (p.func.clone(), p.args.clone(), p.kw.clone())
        }) {
            func = f;
            pargs = a;
            if let Some(kd) = k.downcast::<DictData>() {
                for (name, v) in kd.items() {
                    dd.set_str(types::intern_value(&name), v);
                }
            }
        }
    }
    if !crate::vm::protocol::is_callable(&func) {
        return Err(type_error("the first argument must be callable"));
    }
    pargs.extend_from_slice(&args[2..]);
    for (name, v) in kw.iter() {
        dd.set_str(types::intern(name), v.clone());
    }
    Ok(new_obj(
        &args[0],
        Partial {
            func,
            args: pargs,
            kw: d,
        },
    ))
}

fn partial_state(v: &Value) -> PyResult<(Value, Vec<Value>, Value)> {
    with_or(v, "functools.partial", |p: &mut Partial| {
        (p.func.clone(), p.args.clone(), p.kw.clone())
    })
}

fn partial_call(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let (func, mut all, pkw) = partial_state(&args[0])?;
    all.extend_from_slice(&args[1..]);
    let pkw_items = pkw
        .downcast::<DictData>()
        .map(|d| d.items())
        .unwrap_or_default();
    if pkw_items.is_empty() {
        return call_value(vm, &func, &all, kw);
    }
    let mut names: Vec<Value> = Vec::with_capacity(pkw_items.len() + kw.names.len());
    let mut values: Vec<Value> = Vec::with_capacity(names.capacity());
    for (k, v) in pkw_items {
        if !kw.names.iter().any(|n| as_str(n) == as_str(&k)) {
            names.push(types::intern_value(&k));
            values.push(v);
        }
    }
    names.extend(kw.names.iter().cloned());
    values.extend(kw.values.iter().cloned());
    call_value(
        vm,
        &func,
        &all,
        Kwargs {
            names: &names,
            values: &values,
        },
    )
}

fn partial_repr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let this = &args[0];
    let key = this.bits();
    if vm.repr_guard.contains(&key) {
        return Ok(types::new_str("..."));
    }
    let (func, pargs, pkw) = partial_state(this)?;
    vm.repr_guard.push(key);
    let r = (|| -> PyResult<Vec<String>> {
        let mut parts = vec![repr_string(vm, &func)?];
        for a in &pargs {
            parts.push(repr_string(vm, a)?);
        }
        for (k, v) in pkw
            .downcast::<DictData>()
            .map(|d| d.items())
            .unwrap_or_default()
        {
            parts.push(format!(
                "{}={}",
                as_str(&k).unwrap_or("?"),
                repr_string(vm, &v)?
            ));
        }
        Ok(parts)
    })();
    vm.repr_guard.retain(|k| *k != key);
    let parts = r?;
    let ptype = partial_type(vm);
    let name = if type_of(this).is(&ptype) {
        "functools.partial".to_string()
    } else {
        type_name(this)
    };
    Ok(types::new_str(format!("{name}({})", parts.join(", "))))
}

/// `partial.__reduce__()`: `(type(p), (func,), (func, args, keywords, None))`.
fn partial_reduce(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let (func, pargs, pkw) = partial_state(&args[0])?;
    let dict = crate::vm::attr::instance_dict(&args[0], false).unwrap_or_else(types::none);
    Ok(types::new_tuple(vec![
        type_of(&args[0]),
        types::new_tuple(vec![func.clone()]),
        types::new_tuple(vec![func, types::new_tuple(pargs), pkw, dict]),
    ]))
}

/// `partial.__setstate__((func, args, keywords, dict))`.
fn partial_setstate(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("__setstate__", &args[1..], 1, 1)?;
    let parts = crate::vm::iteration::collect(vm, &args[1])?;
    if parts.len() != 4 {
        return Err(type_error("invalid partial state"));
    }
    let pargs = crate::vm::iteration::collect(vm, &parts[1])?;
    let kw = if types::is_none(&parts[2]) {
        types::new_dict()
    } else {
        parts[2].clone()
    };
    with_or(&args[0], "functools.partial", |p: &mut Partial| {
        p.func = parts[0].clone();
        p.args = pargs;
        p.kw = kw;
    })?;
    if let Some(d) = parts[3].downcast::<DictData>() {
        for (k, v) in d.items() {
            crate::vm::attr::setattr(vm, &args[0], &types::intern_value(&k), v)?;
        }
    }
    Ok(types::none())
}

fn partial_func(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(partial_state(&args[0])?.0)
}

fn partial_args(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_tuple(partial_state(&args[0])?.1))
}

fn partial_keywords(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(partial_state(&args[0])?.2)
}

/// Creates the `functools` module.
pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let helpers = crate::vm::import::new_module("_functools");
    super::add_functions(&helpers, "_functools", &[("reduce", reduce)]);
    lru::add_functions(vm, &helpers);
    super::set_attr(&helpers, "partial", partial_type(vm));
    crate::vm::containers::setitem(
        vm,
        &vm.modules.clone(),
        types::intern("_functools"),
        helpers,
    )?;
    super::exec_embedded(vm, "functools", include_str!("py/functools.py"))
}
