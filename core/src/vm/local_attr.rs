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
//!
//! Each interpreter registers its own class (its `threading` is its own),
//! kept in its heap ([`crate::gc::Heap`]): a thread finds the class of the
//! interpreter it runs in, and nothing of one interpreter is kept by
//! another or by the process. A closed interpreter's class is let go of
//! ([`release_current_heap`]).

use std::sync::atomic::Ordering::{AcqRel, Acquire};

use super::attr::with_own_attr;
use crate::object::{Kind, Value};
use crate::types::{self, DictData, TypeData};

/// An interpreter's registered class and its two methods.
pub struct Local {
    class: Value,
    getattribute: Value,
    setattr: Value,
}

// SAFETY: a `Local` is shared only by the threads of its own interpreter
// (through its heap), which may all touch that interpreter's objects. After
// registration the three values are only compared by identity (no count is
// written through them), and they are dropped by
// `release_current_heap`, when no thread runs in the interpreter any more.
unsafe impl Sync for Local {}
// SAFETY: as above; the `Local` is made and dropped by threads of its
// interpreter.
unsafe impl Send for Local {}

/// Registers `class` as `threading.local` for the calling thread's
/// interpreter (the first registration wins).
pub fn register(class: &Value) {
    let Some(td) = class.downcast::<TypeData>() else {
        return;
    };
    let get = td.dict().get_str(crate::name!("__getattribute__"));
    let set = td.dict().get_str(crate::name!("__setattr__"));
    if let (Some(getattribute), Some(setattr)) = (get, set) {
        let new = Box::into_raw(Box::new(Local {
            class: class.clone(),
            getattribute,
            setattr,
        }));
        let slot = &crate::gc::current_heap().thread_local_class;
        if slot
            .compare_exchange(std::ptr::null_mut(), new, AcqRel, Acquire)
            .is_err()
        {
            // SAFETY: `new` came from `Box::into_raw` above and was not
            // published.
            drop(unsafe { Box::from_raw(new) });
        }
    }
}

/// The calling thread's interpreter is closing and no other thread runs in
/// it: its registered class is let go of (before its last collections).
pub fn release_current_heap() {
    let p = crate::gc::current_heap()
        .thread_local_class
        .swap(std::ptr::null_mut(), AcqRel);
    if !p.is_null() {
        // SAFETY: published by `register` from `Box::into_raw`, and taken
        // out of the heap just now, so no thread can load it again; no
        // thread runs in the interpreter to hold a borrow from before.
        drop(unsafe { Box::from_raw(p) });
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
    method: impl Fn(&Local) -> &Value,
    f: impl FnOnce(&Value) -> Option<R>,
) -> Option<R> {
    if obj.kind() != Kind::Instance {
        return None;
    }
    let p = crate::gc::current_heap().thread_local_class.load(Acquire);
    if p.is_null() {
        return None;
    }
    // SAFETY: a published `Local` lives until its interpreter closes
    // (`release_current_heap`), and this thread runs in it.
    let local = unsafe { &*p };
    let (ty, td) = super::attr::type_data_of(obj);
    let class = &local.class;
    if !ty.is(class) && !td.mro_rest.with(|r| r.iter().any(|t| t.is(class))) {
        return None;
    }
    if !td
        .lookup(ty, method_name)
        .is_some_and(|m| m.is(method(local)))
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
