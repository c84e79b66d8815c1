//! `itertools.groupby` (with CPython's shared-iterator grouper semantics) and
//! `itertools.tee` (copies sharing a linked buffer of blocks).

use std::sync::OnceLock;

use super::{iter_type, next_method};
use crate::object::Value;
use crate::stdlib::collections::native_util::{
    arg, cached_type, check_kw, check_n, is_none, native_state, new_obj, new_type, stop, with,
    with_or,
};
use crate::types::exception::{runtime_error, type_error, value_error};
use crate::types::methods::m;
use crate::types::{self, Kwargs, PyResult, StaticValue};
use crate::vm::call::call;
use crate::vm::iteration::{iter, next};
use crate::vm::protocol::eq;
use crate::vm::Vm;

// ---- groupby ----

struct GroupBy {
    it: Value,
    keyfunc: Option<Value>,
    tgtkey: Option<Value>,
    currkey: Option<Value>,
    currvalue: Option<Value>,
    /// Id of the current grouper (0: none).
    current: u64,
    /// Last id handed out.
    last_id: u64,
}
native_state!(GroupBy, it, keyfunc, tgtkey, currkey, currvalue);

struct Grouper {
    parent: Value,
    tgtkey: Value,
    id: u64,
}
native_state!(Grouper, parent, tgtkey);

fn groupby_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    check_kw("groupby", &kw, &["iterable", "key"])?;
    check_n("groupby", args, 0, 2)?;
    let src = arg(args, &kw, 0, "iterable")
        .ok_or_else(|| type_error("groupby() missing required argument 'iterable' (pos 1)"))?;
    let it = iter(vm, src)?;
    let keyfunc = arg(args, &kw, 1, "key").filter(|k| !is_none(k)).cloned();
    Ok(new_obj(
        &args[0],
        GroupBy {
            it,
            keyfunc,
            tgtkey: None,
            currkey: None,
            currvalue: None,
            current: 0,
            last_id: 0,
        },
    ))
}

/// Advances the underlying iterator; false when exhausted.
fn groupby_advance(vm: &mut Vm, gb: &Value) -> PyResult<bool> {
    let (it, keyfunc) = with_or(gb, "groupby", |s: &mut GroupBy| {
        (s.it.clone(), s.keyfunc.clone())
    })?;
    let Some(v) = next(vm, &it)? else {
        return Ok(false);
    };
    let key = match keyfunc {
        Some(f) => call(vm, &f, std::slice::from_ref(&v))?,
        None => v.clone(),
    };
    with_or(gb, "groupby", |s: &mut GroupBy| {
        s.currvalue = Some(v);
        s.currkey = Some(key);
    })?;
    Ok(true)
}

fn groupby_step(vm: &mut Vm, this: &Value) -> PyResult<Option<Value>> {
    with_or(this, "groupby", |s: &mut GroupBy| s.current = 0)?;
    loop {
        let (curr, tgt) = with_or(this, "groupby", |s: &mut GroupBy| {
            (s.currkey.clone(), s.tgtkey.clone())
        })?;
        match (&curr, &tgt) {
            (None, _) => {}
            (Some(_), None) => break,
            (Some(c), Some(t)) => {
                if !eq(vm, t, c)? {
                    break;
                }
            }
        }
        if !groupby_advance(vm, this)? {
            return Ok(None);
        }
    }
    let (key, id) = with_or(this, "groupby", |s: &mut GroupBy| {
        s.tgtkey = s.currkey.clone();
        s.last_id += 1;
        s.current = s.last_id;
        (s.currkey.clone().expect("key"), s.last_id)
    })?;
    let gty = grouper_type(vm);
    let g = new_obj(
        &gty,
        Grouper {
            parent: this.clone(),
            tgtkey: key.clone(),
            id,
        },
    );
    Ok(Some(types::new_tuple(vec![key, g])))
}
next_method!(groupby_next, groupby_step);

fn grouper_step(vm: &mut Vm, this: &Value) -> PyResult<Option<Value>> {
    let (parent, tgtkey, id) = with_or(this, "_grouper", |g: &mut Grouper| {
        (g.parent.clone(), g.tgtkey.clone(), g.id)
    })?;
    let (current, has_value) = with_or(&parent, "groupby", |s: &mut GroupBy| {
        (s.current, s.currvalue.is_some())
    })?;
    if current != id {
        return Ok(None);
    }
    if !has_value && !groupby_advance(vm, &parent)? {
        return Ok(None);
    }
    let currkey = with_or(&parent, "groupby", |s: &mut GroupBy| s.currkey.clone())?;
    let Some(currkey) = currkey else {
        return Ok(None);
    };
    if !eq(vm, &tgtkey, &currkey)? {
        return Ok(None);
    }
    with_or(&parent, "groupby", |s: &mut GroupBy| s.currvalue.take())
}
next_method!(grouper_next, grouper_step);

fn grouper_type(vm: &mut Vm) -> Value {
    static T: OnceLock<StaticValue> = OnceLock::new();
    iter_type(&T, vm, "_grouper", grouper_next, None, &[])
}

fn groupby_type(vm: &mut Vm) -> Value {
    static T: OnceLock<StaticValue> = OnceLock::new();
    iter_type(&T, vm, "groupby", groupby_next, Some(groupby_new), &[])
}

// ---- tee ----

const LINKCELLS: usize = 57;

struct TeeData {
    it: Value,
    values: Vec<Value>,
    next: Option<Value>,
    running: bool,
}
native_state!(TeeData, it, values, next);

struct Tee {
    data: Value,
    index: usize,
}
native_state!(Tee, data);

fn teedata_type(vm: &mut Vm) -> Value {
    static T: OnceLock<StaticValue> = OnceLock::new();
    cached_type(&T, vm, |vm| {
        new_type(vm, "_tee_dataobject", "itertools", &[], None)
    })
}

fn new_teedata(vm: &mut Vm, it: Value) -> Value {
    let ty = teedata_type(vm);
    new_obj(
        &ty,
        TeeData {
            it,
            values: Vec::new(),
            next: None,
            running: false,
        },
    )
}

fn tee_from_iterator(vm: &mut Vm, it: Value) -> Value {
    let data = new_teedata(vm, it);
    let ty = tee_type(vm);
    new_obj(&ty, Tee { data, index: 0 })
}

fn tee_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    check_kw("_tee", &kw, &[])?;
    check_n("_tee", args, 1, 1)?;
    let it = iter(vm, &args[1])?;
    if let Some((data, index)) = with(&it, |t: &mut Tee| (t.data.clone(), t.index)) {
        return Ok(new_obj(&args[0], Tee { data, index }));
    }
    let data = new_teedata(vm, it);
    Ok(new_obj(&args[0], Tee { data, index: 0 }))
}

fn tee_copy(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let (data, index) = with_or(&args[0], "_tee", |t: &mut Tee| (t.data.clone(), t.index))?;
    Ok(new_obj(
        &crate::vm::protocol::type_of(&args[0]),
        Tee { data, index },
    ))
}

fn tee_step(vm: &mut Vm, this: &Value) -> PyResult<Option<Value>> {
    let (mut data, mut index) = with_or(this, "_tee", |t: &mut Tee| (t.data.clone(), t.index))?;
    if index >= LINKCELLS {
        let link = with_or(&data, "_tee_dataobject", |d: &mut TeeData| {
            (d.next.clone(), d.it.clone())
        })?;
        data = match link {
            (Some(n), _) => n,
            (None, it) => {
                let n = new_teedata(vm, it);
                with_or(&data, "_tee_dataobject", |d: &mut TeeData| {
                    d.next = Some(n.clone())
                })?;
                n
            }
        };
        index = 0;
        let d2 = data.clone();
        with_or(this, "_tee", |t: &mut Tee| {
            t.data = d2;
            t.index = 0;
        })?;
    }
    let (have, it, running) = with_or(&data, "_tee_dataobject", |d: &mut TeeData| {
        (d.values.get(index).cloned(), d.it.clone(), d.running)
    })?;
    let v = match have {
        Some(v) => v,
        None => {
            if running {
                return Err(runtime_error("cannot re-enter the tee iterator"));
            }
            with_or(&data, "_tee_dataobject", |d: &mut TeeData| d.running = true)?;
            let r = next(vm, &it);
            with_or(&data, "_tee_dataobject", |d: &mut TeeData| {
                d.running = false
            })?;
            let Some(v) = r? else { return Ok(None) };
            with_or(&data, "_tee_dataobject", |d: &mut TeeData| {
                d.values.push(v.clone())
            })?;
            v
        }
    };
    with_or(this, "_tee", |t: &mut Tee| t.index = index + 1)?;
    Ok(Some(v))
}
next_method!(tee_next, tee_step);

fn tee_type(vm: &mut Vm) -> Value {
    static T: OnceLock<StaticValue> = OnceLock::new();
    iter_type(
        &T,
        vm,
        "_tee",
        tee_next,
        Some(tee_new),
        &[m("__copy__", tee_copy)],
    )
}

/// `itertools.tee(iterable, n=2)`.
pub fn tee(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::no_kwargs("tee", &kw)?;
    crate::vm::call::check_args("tee", args, 1, 2)?;
    let n = match args.get(1) {
        Some(v) => crate::vm::protocol::index_value(v)?,
        None => 2,
    };
    if n < 0 {
        return Err(value_error("n must be >= 0"));
    }
    if n == 0 {
        return Ok(types::new_tuple(vec![]));
    }
    let it = iter(vm, &args[0])?;
    let first = match crate::vm::attr::lookup_special_name(&it, crate::name!("__copy__")) {
        Some(_) => it,
        None => tee_from_iterator(vm, it),
    };
    let copy = crate::vm::attr::getattr_str(vm, &first, "__copy__")?;
    let mut out = vec![first];
    for _ in 1..n {
        out.push(call(vm, &copy, &[])?);
    }
    Ok(types::new_tuple(out))
}

/// The types this file defines, by module attribute name.
pub fn types(vm: &mut Vm) -> Vec<(&'static str, Value)> {
    vec![
        ("groupby", groupby_type(vm)),
        ("_grouper", grouper_type(vm)),
        ("_tee", tee_type(vm)),
        ("_tee_dataobject", teedata_type(vm)),
    ]
}
