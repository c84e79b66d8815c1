//! The `collections` module: a native `deque`, and `defaultdict`, `Counter`,
//! `OrderedDict`, `ChainMap` and `namedtuple` written in embedded Python
//! (`py/collections.py`, `py/collections_chainmap.py`) on top of a few native helpers defined here.

#[path = "collections_deque.rs"]
mod deque;
#[path = "native_util.rs"]
pub(crate) mod native_util;

use std::sync::OnceLock;

use crate::object::{Kind, Value};
use crate::types::exception::type_error;
use crate::types::methods::m;
use crate::types::{self, DictData, Kwargs, PyResult, StaticValue, TupleData};
use crate::vm::Vm;
use native_util::{cached_type, native_state, new_obj, new_type, with_or};

/// `_dict_repr(d)`: the repr of a dict's contents, ignoring any subclass
/// `__repr__` (like `dict.__repr__(d)`).
fn dict_repr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let d = args
        .first()
        .and_then(|d| d.downcast::<DictData>())
        .ok_or_else(|| type_error("_dict_repr() expects a dict"))?;
    let key = args[0].bits();
    if vm.repr_guard.contains(&key) {
        return Ok(types::new_str("{...}"));
    }
    let items = d.items();
    vm.repr_guard.push(key);
    let r = (|| -> PyResult<String> {
        let mut s = String::from("{");
        for (i, (k, v)) in items.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            s.push_str(&crate::vm::protocol::repr_string(vm, k)?);
            s.push_str(": ");
            s.push_str(&crate::vm::protocol::repr_string(vm, v)?);
        }
        s.push('}');
        Ok(s)
    })();
    vm.repr_guard.retain(|k| *k != key);
    Ok(types::new_str(r?))
}

/// `_dict_eq(a, b)`: plain dict equality of two dicts (or dict subclasses),
/// ignoring subclass `__eq__`.
fn dict_eq(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("_dict_eq", args, 2, 2)?;
    let (Some(a), Some(b)) = (
        args[0].downcast::<DictData>(),
        args[1].downcast::<DictData>(),
    ) else {
        return Ok(types::not_implemented());
    };
    if a.len() != b.len() {
        return Ok(types::bool_value(false));
    }
    for (h, k, v) in a.items_hashed() {
        let other = b.get(&k, h, &mut |x, y| crate::vm::protocol::eq(vm, x, y))?;
        match other {
            Some(o) if o.is(&v) || crate::vm::protocol::eq(vm, &v, &o)? => {}
            _ => return Ok(types::bool_value(false)),
        }
    }
    Ok(types::bool_value(true))
}

/// `_count_elements(mapping, iterable)`: the Counter tally loop.
fn count_elements(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("_count_elements", args, 2, 2)?;
    let map = &args[0];
    let plain = map.kind() == Kind::Dict
        && !["__getitem__", "__setitem__", "get"].iter().any(|n| {
            crate::vm::attr::lookup_special(map, n).is_some_and(|f| f.kind() == Kind::Function)
        });
    let it = crate::vm::iteration::iter(vm, &args[1])?;
    if plain {
        let d = map.downcast::<DictData>().expect("dict");
        while let Some(x) = crate::vm::iteration::next(vm, &it)? {
            let h = crate::vm::protocol::hash(vm, &x)?;
            let old = d.get(&x, h, &mut |a, b| crate::vm::protocol::eq(vm, a, b))?;
            let new = match old {
                None => Value::small(1),
                Some(o) => match o.as_small().and_then(|i| i.checked_add(1)) {
                    Some(n) => types::new_int(n),
                    None => crate::vm::ops::binary_op(
                        vm,
                        &o,
                        &Value::small(1),
                        crate::compiler::opcodes::BinOp::Add,
                        false,
                    )?,
                },
            };
            d.set(x, h, new, &mut |a, b| crate::vm::protocol::eq(vm, a, b))?;
        }
        return Ok(types::none());
    }
    let get = crate::vm::attr::getattr_str(vm, map, "get")?;
    while let Some(x) = crate::vm::iteration::next(vm, &it)? {
        let old = crate::vm::call::call(vm, &get, &[x.clone(), Value::small(0)])?;
        let new = crate::vm::ops::binary_op(
            vm,
            &old,
            &Value::small(1),
            crate::compiler::opcodes::BinOp::Add,
            false,
        )?;
        crate::vm::containers::setitem(vm, map, x, new)?;
    }
    Ok(types::none())
}

/// `_second(pair)`: `pair[1]` (the sort key of `Counter.most_common`).
fn second(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("_second", args, 1, 1)?;
    if let Some(v) = args[0]
        .downcast::<TupleData>()
        .and_then(|t| t.items().get(1).cloned())
    {
        return Ok(v);
    }
    crate::vm::containers::getitem(vm, &args[0], &Value::small(1))
}

/// `_tuple_richcmp(a, b, op)`: compares two tuples (or tuple subclasses) as
/// plain tuples; `op` indexes `<, <=, ==, !=, >, >=`. NotImplemented when `b`
/// is not a tuple.
fn tuple_richcmp(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("_tuple_richcmp", args, 3, 3)?;
    let (Some(a), Some(b)) = (
        args[0].downcast::<TupleData>(),
        args[1].downcast::<TupleData>(),
    ) else {
        return Ok(types::not_implemented());
    };
    let op = crate::vm::protocol::index_value(&args[2])? as usize;
    let op = *crate::compiler::opcodes::CmpOp::ALL
        .get(op)
        .ok_or_else(|| type_error("bad comparison"))?;
    let (a, b) = (
        types::new_tuple(a.items().to_vec()),
        types::new_tuple(b.items().to_vec()),
    );
    crate::vm::ops::compare(vm, &a, &b, op)
}

/// `_tuple_hash(t)`: the hash of a tuple subclass instance as a plain tuple.
fn tuple_hash(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("_tuple_hash", args, 1, 1)?;
    let t = args[0]
        .downcast::<TupleData>()
        .ok_or_else(|| type_error("_tuple_hash() expects a tuple"))?;
    let plain = types::new_tuple(t.items().to_vec());
    Ok(types::new_int(crate::vm::protocol::hash(vm, &plain)?))
}

/// `_exec(source, namespace)`: runs source text in a namespace dict (used to
/// build namedtuple's `__new__`).
fn exec(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("_exec", args, 2, 2)?;
    let src =
        types::str::as_str(&args[0]).ok_or_else(|| type_error("_exec() expects source text"))?;
    let ns = args[1]
        .downcast::<DictData>()
        .ok_or_else(|| type_error("_exec() expects a dict"))?;
    if ns.get_str(&types::intern("__builtins__")).is_none() {
        ns.set_str(types::intern("__builtins__"), vm.builtins.clone());
    }
    let code = crate::compiler::compile_source(src, "<collections>")
        .map_err(|e| crate::compiler::syntax_error_exception(&e))?;
    vm.run_code(code, args[1].clone())?;
    Ok(types::none())
}

/// State of `_tuplegetter`: the field index of a namedtuple.
struct TupleGetter {
    index: usize,
}
native_state!(TupleGetter);

fn tuplegetter_new(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("_tuplegetter", args, 2, 2)?;
    let index = crate::vm::protocol::index_value(&args[1])? as usize;
    Ok(new_obj(&args[0], TupleGetter { index }))
}

fn tuplegetter_call(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("_tuplegetter", args, 2, 2)?;
    let i = with_or(&args[0], "_tuplegetter", |g: &mut TupleGetter| g.index)?;
    match args[1]
        .downcast::<TupleData>()
        .and_then(|t| t.items().get(i).cloned())
    {
        Some(v) => Ok(v),
        None => Err(crate::types::exception::index_error(
            "tuple index out of range",
        )),
    }
}

fn tuplegetter_type(vm: &mut Vm) -> Value {
    static T: OnceLock<StaticValue> = OnceLock::new();
    cached_type(&T, vm, |vm| {
        new_type(
            vm,
            "_tuplegetter",
            "collections",
            &[m("__call__", tuplegetter_call)],
            Some(tuplegetter_new),
        )
    })
}

/// Creates the `collections` module.
pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    // Natives first, in a helper module the Python part imports from.
    let helpers = crate::vm::import::new_module("_collections");
    super::add_functions(
        &helpers,
        "_collections",
        &[
            ("_dict_repr", dict_repr),
            ("_dict_eq", dict_eq),
            ("_count_elements", count_elements),
            ("_exec", exec),
            ("_second", second),
            ("_tuple_richcmp", tuple_richcmp),
            ("_tuple_hash", tuple_hash),
        ],
    );
    let dq = deque::deque_type(vm);
    super::set_attr(&helpers, "deque", dq.clone());
    super::set_attr(&helpers, "_tuplegetter_index", tuplegetter_type(vm));
    crate::vm::containers::setitem(
        vm,
        &vm.modules.clone(),
        types::intern("_collections"),
        helpers,
    )?;
    let module = super::exec_embedded(
        vm,
        "collections",
        concat!(
            include_str!("py/collections.py"),
            "\n",
            include_str!("py/collections_chainmap.py")
        ),
    )?;
    Ok(module)
}
