//! Native fast paths for attributes of `threading.local` instances.
//!
//! `threading.local` is written in Python (core/src/stdlib/py/threading.py):
//! each instance keeps one dict per thread in `_local__dicts`, keyed by
//! `_thread.get_ident()`, and its `__getattribute__`/`__setattr__` route
//! names to the calling thread's dict. Running those Python methods on every
//! `loc.x` made a read about 8x slower than CPython's C implementation. Once
//! threading.py registers the class (`_thread._register_local`), a read or
//! write whose answer is already in the calling thread's dict is served here
//! with the same result the Python methods give; anything else (the thread's
//! first access, which creates its dict and runs `__init__`; a name missing
//! from the dict; `__dict__`; the class's own `_local__` names; a subclass
//! that overrides either method) still runs the Python code.

use std::sync::OnceLock;

use super::attr::with_own_attr;
use crate::object::{Kind, Value};
use crate::types::{self, DictData, StaticValue, TypeData};

/// The registered class and its two methods.
struct Local {
    class: StaticValue,
    getattribute: StaticValue,
    setattr: StaticValue,
}

static LOCAL: OnceLock<Local> = OnceLock::new();

/// Registers `class` as `threading.local` (the first registration wins).
pub fn register(class: &Value) {
    let Some(td) = class.downcast::<TypeData>() else {
        return;
    };
    let get = td.dict().get_str(crate::name!("__getattribute__"));
    let set = td.dict().get_str(crate::name!("__setattr__"));
    if let (Some(get), Some(set)) = (get, set) {
        let _ = LOCAL.set(Local {
            class: StaticValue(class.clone()),
            getattribute: StaticValue(get),
            setattr: StaticValue(set),
        });
    }
}

/// Runs `f` on this thread's dict of `obj` (a dict, unless Python code
/// stored something else there), if `obj` is a
/// `threading.local` whose type resolves `method_name` to the registered
/// `method`, `name` is an ordinary attribute name, and the dict exists
/// already. Neither `_local__dicts` nor the thread's dict is counted: every
/// thread reads the one shared `_local__dicts`, and a count would make them
/// all write its cache line; both are borrowed from dicts whose writers
/// retire what they replace (QSBR), and `f` runs no Python code.
fn with_thread_dict<R>(
    obj: &Value,
    name: &Value,
    method_name: &Value,
    method: impl Fn(&Local) -> &StaticValue,
    f: impl FnOnce(&Value) -> Option<R>,
) -> Option<R> {
    let local = LOCAL.get()?;
    if obj.kind() != Kind::Instance {
        return None;
    }
    let (ty, td) = super::attr::type_data_of(obj);
    let class = local.class.v();
    if !ty.is(class) && !td.mro_rest.with(|r| r.iter().any(|t| t.is(class))) {
        return None;
    }
    if !td
        .lookup(ty, method_name)
        .is_some_and(|m| m.is(method(local).v()))
    {
        return None;
    }
    let text = types::str::as_str(name)?;
    if text.starts_with("_local__") || text == "__dict__" || text == "__class__" {
        return None;
    }
    let me = types::new_int(crate::stdlib::thread::ident() as i64);
    with_own_attr(obj, crate::name!("_local__dicts"), |dicts| {
        dicts.downcast::<DictData>()?.with_native(&me, f)?
    })?
}

/// `obj.name` for a `threading.local` when this thread's dict holds `name`.
pub fn get(obj: &Value, name: &Value) -> Option<Value> {
    with_thread_dict(
        obj,
        name,
        crate::name!("__getattribute__"),
        |l| &l.getattribute,
        |d| d.downcast::<DictData>()?.get_str(name),
    )
}

/// `obj.name = value` for a `threading.local` whose dict for this thread
/// exists; gives `value` back when the Python method must run.
pub fn set(obj: &Value, name: &Value, value: Value) -> Result<(), Value> {
    // Only interned names: the dict's keys must be the canonical strings.
    if !name.header().is_some_and(|h| h.is_immortal()) {
        return Err(value);
    }
    // Storing drops the old value (freeing it, perhaps), which is not done
    // inside the borrow: the dict is taken out with a reference of its own
    // (the thread's dict is this thread's object: a local count).
    match with_thread_dict(
        obj,
        name,
        crate::name!("__setattr__"),
        |l| &l.setattr,
        |d| Some(d.clone()),
    ) {
        Some(d) => match d.downcast::<DictData>() {
            Some(dd) => {
                dd.set_str(name.clone(), value);
                Ok(())
            }
            None => Err(value),
        },
        None => Err(value),
    }
}
