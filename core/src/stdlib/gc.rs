//! The `gc` module: manual collection, enabling/disabling automatic
//! collection and a few introspection helpers over [`crate::gc`].

use super::{add_functions, set_attr};
use crate::object::Value;
use crate::types::exception::{type_error, value_error};
use crate::types::{self, Kwargs, PyResult};
use crate::vm::Vm;

fn collect(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("collect", args, 0, 1)?;
    let gen = args.first().or_else(|| kw.get("generation"));
    if let Some(g) = gen {
        let g = crate::vm::protocol::index_value(g)?;
        if !(0..=2).contains(&g) {
            return Err(value_error("invalid generation"));
        }
    }
    // A collection that found instances with a `__del__` to run queued them
    // and freed nothing: they run, and the heap is collected again.
    let found = crate::vm::finalize::collect_with_finalizers(vm);
    Ok(types::new_int(found as i64))
}

fn enable(_vm: &mut Vm, _args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::gc::set_enabled(true);
    Ok(types::none())
}

fn disable(_vm: &mut Vm, _args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::gc::set_enabled(false);
    Ok(types::none())
}

fn isenabled(_vm: &mut Vm, _args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::bool_value(crate::gc::is_enabled()))
}

fn get_count(_vm: &mut Vm, _args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let n = crate::gc::tracked_count() as i64;
    Ok(types::new_tuple(vec![
        types::new_int(n),
        types::new_int(0),
        types::new_int(0),
    ]))
}

fn get_threshold(_vm: &mut Vm, _args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_tuple(vec![
        types::new_int(crate::gc::YOUNG_THRESHOLD as i64),
        types::new_int(10),
        types::new_int(10),
    ]))
}

fn set_threshold(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("set_threshold", args, 1, 3)?;
    for a in args {
        crate::vm::protocol::index_value(a)?;
    }
    Ok(types::none())
}

fn is_tracked(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("is_tracked", args, 1, 1)?;
    let tracked = args[0].header().is_some_and(|h| {
        h.ob_gc_bits.load(std::sync::atomic::Ordering::Relaxed) & crate::object::header::GC_TRACKED
            != 0
    });
    Ok(types::bool_value(tracked))
}

fn get_stats(_vm: &mut Vm, _args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let (collections, collected) = crate::gc::stats();
    let mut out = Vec::new();
    for gen in 0..3 {
        let d = types::new_dict();
        let dd = d.downcast::<types::DictData>().expect("dict");
        let (c, n) = if gen == 2 {
            (collections, collected)
        } else {
            (0, 0)
        };
        dd.set_str(types::intern("collections"), types::new_int(c as i64));
        dd.set_str(types::intern("collected"), types::new_int(n as i64));
        dd.set_str(types::intern("uncollectable"), types::new_int(0));
        out.push(d);
    }
    Ok(types::new_list(out))
}

fn freeze(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    if !args.is_empty() {
        return Err(type_error(format!(
            "freeze() takes no arguments ({} given)",
            args.len()
        )));
    }
    Ok(types::none())
}

/// Creates the `gc` module.
pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let _ = vm;
    let m = crate::vm::import::new_module("gc");
    add_functions(
        &m,
        "gc",
        &[
            ("collect", collect),
            ("enable", enable),
            ("disable", disable),
            ("isenabled", isenabled),
            ("get_count", get_count),
            ("get_threshold", get_threshold),
            ("set_threshold", set_threshold),
            ("is_tracked", is_tracked),
            ("get_stats", get_stats),
            ("freeze", freeze),
            ("unfreeze", freeze),
        ],
    );
    set_attr(&m, "garbage", types::new_list(vec![]));
    set_attr(&m, "callbacks", types::new_list(vec![]));
    set_attr(&m, "DEBUG_STATS", types::new_int(1));
    set_attr(&m, "DEBUG_COLLECTABLE", types::new_int(2));
    set_attr(&m, "DEBUG_UNCOLLECTABLE", types::new_int(4));
    set_attr(&m, "DEBUG_SAVEALL", types::new_int(32));
    set_attr(&m, "DEBUG_LEAK", types::new_int(38));
    Ok(m)
}
