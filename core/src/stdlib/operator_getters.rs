//! `operator.itemgetter`, `operator.attrgetter` and `operator.methodcaller`:
//! native callable types whose instances keep their arguments in Rust state.

use std::sync::OnceLock;

use crate::object::Value;
use crate::stdlib::collections::native_util::{cached_type, new_type};
use crate::types::exception::type_error;
use crate::types::methods::m;
use crate::types::misc::NativeState;
use crate::types::str::as_str;
use crate::types::{self, Kwargs, ListData, OpaqueData, PyResult, StaticValue, TupleData};
use crate::vm::protocol::repr_string;
use crate::vm::Vm;

struct ItemGetter {
    items: Vec<Value>,
}

struct AttrGetter {
    /// The names as given (for `repr`).
    names: Vec<Value>,
    /// Each name split at dots, as interned strings.
    paths: Vec<Vec<Value>>,
}

struct MethodCaller {
    name: Value,
    args: Vec<Value>,
    kw_names: Vec<Value>,
    kw_values: Vec<Value>,
}

macro_rules! state_impl {
    ($t:ty, |$s:ident, $visit:ident| $trav:block, |$c:ident| $clear:block) => {
        impl NativeState for $t {
            fn traverse(&self, $visit: &mut dyn FnMut(&Value)) {
                let $s = self;
                $trav
            }
            fn clear(&mut self) {
                let $c = self;
                $clear
            }
            fn as_any(&self) -> &dyn std::any::Any {
                self
            }
            fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
                self
            }
        }
    };
}

state_impl!(
    ItemGetter,
    |s, visit| { s.items.iter().for_each(&mut *visit) },
    |c| { c.items.clear() }
);
state_impl!(
    AttrGetter,
    |s, visit| {
        s.names.iter().for_each(&mut *visit);
        s.paths.iter().flatten().for_each(&mut *visit);
    },
    |c| {
        c.names.clear();
        c.paths.clear();
    }
);
state_impl!(
    MethodCaller,
    |s, visit| {
        visit(&s.name);
        s.args.iter().for_each(&mut *visit);
        s.kw_names.iter().for_each(&mut *visit);
        s.kw_values.iter().for_each(&mut *visit);
    },
    |c| {
        c.name = types::none();
        c.args.clear();
        c.kw_names.clear();
        c.kw_values.clear();
    }
);

/// Reads (a copy of) the state `T` of `this`.
fn state<T: 'static, R>(this: &Value, what: &str, f: impl FnOnce(&mut T) -> R) -> PyResult<R> {
    this.downcast::<OpaqueData>()
        .and_then(|o| o.with(f))
        .ok_or_else(|| type_error(format!("descriptor requires a 'operator.{what}' object")))
}

fn one_arg<'a>(name: &str, args: &'a [Value], kw: &Kwargs) -> PyResult<&'a Value> {
    crate::vm::call::no_kwargs(name, kw)?;
    if args.len() != 2 {
        return Err(type_error(format!(
            "{name} expected 1 argument, got {}",
            args.len().saturating_sub(1)
        )));
    }
    Ok(&args[1])
}

fn join_reprs(vm: &mut Vm, vals: &[Value]) -> PyResult<String> {
    let mut parts = Vec::with_capacity(vals.len());
    for v in vals {
        parts.push(repr_string(vm, v)?);
    }
    Ok(parts.join(", "))
}

// ---------------------------------------------------------------- itemgetter

fn itemgetter_new(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::no_kwargs("itemgetter", &kw)?;
    if args.len() < 2 {
        return Err(type_error("itemgetter expected 1 argument, got 0"));
    }
    Ok(types::misc::new_opaque(
        &args[0],
        Box::new(ItemGetter {
            items: args[1..].to_vec(),
        }),
    ))
}

/// `obj[key]` with list/tuple fast paths for small int keys.
fn fetch(vm: &mut Vm, obj: &Value, key: &Value) -> PyResult<Value> {
    if let Some(i) = key.as_small() {
        if let Some(l) = obj.downcast::<ListData>() {
            let n = l.len() as i64;
            let j = if i < 0 { i + n } else { i };
            if (0..n).contains(&j) {
                if let Some(v) = l.get(j as usize) {
                    return Ok(v);
                }
            }
        } else if let Some(t) = obj.downcast::<TupleData>() {
            let items = t.items();
            let n = items.len() as i64;
            let j = if i < 0 { i + n } else { i };
            if (0..n).contains(&j) {
                return Ok(items[j as usize].clone());
            }
        }
    }
    crate::vm::containers::getitem(vm, obj, key)
}

fn itemgetter_call(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let obj = one_arg("itemgetter", args, &kw)?;
    let items = state(&args[0], "itemgetter", |s: &mut ItemGetter| s.items.clone())?;
    if items.len() == 1 {
        return fetch(vm, obj, &items[0]);
    }
    let mut out = Vec::with_capacity(items.len());
    for k in &items {
        out.push(fetch(vm, obj, k)?);
    }
    Ok(types::new_tuple(out))
}

fn itemgetter_repr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let items = state(&args[0], "itemgetter", |s: &mut ItemGetter| s.items.clone())?;
    Ok(types::new_str(format!(
        "operator.itemgetter({})",
        join_reprs(vm, &items)?
    )))
}

// ---------------------------------------------------------------- attrgetter

fn attrgetter_new(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::no_kwargs("attrgetter", &kw)?;
    if args.len() < 2 {
        return Err(type_error("attrgetter expected 1 argument, got 0"));
    }
    let mut paths = Vec::with_capacity(args.len() - 1);
    for a in &args[1..] {
        let s = as_str(a).ok_or_else(|| type_error("attribute name must be a string"))?;
        paths.push(s.split('.').map(types::intern).collect());
    }
    Ok(types::misc::new_opaque(
        &args[0],
        Box::new(AttrGetter {
            names: args[1..].to_vec(),
            paths,
        }),
    ))
}

fn attrgetter_call(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let obj = one_arg("attrgetter", args, &kw)?;
    let paths = state(&args[0], "attrgetter", |s: &mut AttrGetter| s.paths.clone())?;
    let mut out = Vec::with_capacity(paths.len());
    for path in &paths {
        let mut cur = obj.clone();
        for name in path {
            cur = crate::vm::attr::getattr(vm, &cur, name)?;
        }
        out.push(cur);
    }
    if out.len() == 1 {
        return Ok(out.pop().expect("one"));
    }
    Ok(types::new_tuple(out))
}

fn attrgetter_repr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let names = state(&args[0], "attrgetter", |s: &mut AttrGetter| s.names.clone())?;
    Ok(types::new_str(format!(
        "operator.attrgetter({})",
        join_reprs(vm, &names)?
    )))
}

// -------------------------------------------------------------- methodcaller

fn methodcaller_new(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    if args.len() < 2 {
        return Err(type_error(
            "methodcaller needs at least one argument, the method name",
        ));
    }
    if as_str(&args[1]).is_none() {
        return Err(type_error("method name must be a string"));
    }
    let st = MethodCaller {
        name: types::intern_value(&args[1]),
        args: args[2..].to_vec(),
        kw_names: kw.names.to_vec(),
        kw_values: kw.values.to_vec(),
    };
    Ok(types::misc::new_opaque(&args[0], Box::new(st)))
}

type CallParts = (Value, Vec<Value>, Vec<Value>, Vec<Value>);

fn parts(this: &Value) -> PyResult<CallParts> {
    state(this, "methodcaller", |s: &mut MethodCaller| {
        (
            s.name.clone(),
            s.args.clone(),
            s.kw_names.clone(),
            s.kw_values.clone(),
        )
    })
}

fn methodcaller_call(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let obj = one_arg("methodcaller", args, &kw)?;
    let (name, cargs, names, values) = parts(&args[0])?;
    let meth = crate::vm::attr::getattr(vm, obj, &name)?;
    crate::vm::call::call_value(
        vm,
        &meth,
        &cargs,
        Kwargs {
            names: &names,
            values: &values,
        },
    )
}

fn methodcaller_repr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let (name, cargs, names, values) = parts(&args[0])?;
    let mut out = vec![repr_string(vm, &name)?];
    for a in &cargs {
        out.push(repr_string(vm, a)?);
    }
    for (k, v) in names.iter().zip(&values) {
        out.push(format!(
            "{}={}",
            as_str(k).unwrap_or(""),
            repr_string(vm, v)?
        ));
    }
    Ok(types::new_str(format!(
        "operator.methodcaller({})",
        out.join(", ")
    )))
}

/// The three types, created once per process: `(name, type)` pairs.
pub(super) fn types(vm: &mut Vm) -> Vec<(&'static str, Value)> {
    static ITEM: OnceLock<StaticValue> = OnceLock::new();
    static ATTR: OnceLock<StaticValue> = OnceLock::new();
    static METH: OnceLock<StaticValue> = OnceLock::new();
    let item = cached_type(&ITEM, vm, |vm| {
        new_type(
            vm,
            "itemgetter",
            "operator",
            &[
                m("__call__", itemgetter_call),
                m("__repr__", itemgetter_repr),
            ],
            Some(itemgetter_new),
        )
    });
    let attr = cached_type(&ATTR, vm, |vm| {
        new_type(
            vm,
            "attrgetter",
            "operator",
            &[
                m("__call__", attrgetter_call),
                m("__repr__", attrgetter_repr),
            ],
            Some(attrgetter_new),
        )
    });
    let meth = cached_type(&METH, vm, |vm| {
        new_type(
            vm,
            "methodcaller",
            "operator",
            &[
                m("__call__", methodcaller_call),
                m("__repr__", methodcaller_repr),
            ],
            Some(methodcaller_new),
        )
    });
    vec![
        ("itemgetter", item),
        ("attrgetter", attr),
        ("methodcaller", meth),
    ]
}
