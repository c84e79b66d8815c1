//! The `bisect` module: CPython's `_bisect` algorithms (same probes, same
//! `<` comparisons), natively.

use super::add_functions;
use super::math::args::{Sig, Style};
use crate::compiler::opcodes::CmpOp;
use crate::object::Value;
use crate::types::exception::value_error;
use crate::types::{self, Kwargs, ListData, PyResult};
use crate::vm::call::call;
use crate::vm::ops::compare_bool;
use crate::vm::Vm;

/// The bound arguments of every bisect/insort function.
struct Bound {
    a: Value,
    x: Value,
    lo: usize,
    hi: Option<i64>,
    key: Option<Value>,
}

fn bind(vm: &mut Vm, name: &'static str, args: &[Value], kw: Kwargs) -> PyResult<Bound> {
    let sig = Sig {
        name,
        params: &["a", "x", "lo", "hi", "key"],
        npos: 4,
        required: 2,
        style: Style::Clinic,
    };
    let b = sig.bind(args, &kw)?;
    let lo = match &b[2] {
        Some(v) => crate::vm::protocol::index_value(&super::math::index_obj(vm, v)?)?,
        None => 0,
    };
    if lo < 0 {
        return Err(value_error("lo must be non-negative"));
    }
    let hi = match &b[3] {
        Some(v) if !types::is_none(v) => {
            let h = crate::vm::protocol::index_value(&super::math::index_obj(vm, v)?)?;
            if h == -1 {
                None
            } else {
                Some(h)
            }
        }
        _ => None,
    };
    Ok(Bound {
        a: b[0].clone().expect("a"),
        x: b[1].clone().expect("x"),
        lo: lo as usize,
        hi,
        key: b[4].clone().filter(|k| !types::is_none(k)),
    })
}

/// `a[i]` (`PySequence_GetItem`), with a fast path for lists.
fn item(vm: &mut Vm, a: &Value, i: usize) -> PyResult<Value> {
    if let Some(l) = a.downcast::<ListData>() {
        if let Some(v) = l.get(i) {
            return Ok(v);
        }
    }
    crate::vm::containers::getitem(vm, a, &types::new_int(i as i64))
}

/// `internal_bisect_right` / `internal_bisect_left`.
fn search(vm: &mut Vm, b: &Bound, x: &Value, right: bool) -> PyResult<usize> {
    let (mut lo, mut hi) = (
        b.lo as i64,
        match b.hi {
            Some(h) => h,
            None => crate::vm::containers::len(vm, &b.a)? as i64,
        },
    );
    while lo < hi {
        let mid = ((lo as u64 + hi as u64) / 2) as i64;
        let mut litem = item(vm, &b.a, mid as usize)?;
        if let Some(k) = &b.key {
            litem = call(vm, k, &[litem])?;
        }
        if right {
            if compare_bool(vm, x, &litem, CmpOp::Lt)? {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        } else if compare_bool(vm, &litem, x, CmpOp::Lt)? {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    Ok(lo as usize)
}

fn bisect_right(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let b = bind(vm, "bisect_right", args, kw)?;
    Ok(types::new_int(search(vm, &b, &b.x, true)? as i64))
}

fn bisect_left(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let b = bind(vm, "bisect_left", args, kw)?;
    Ok(types::new_int(search(vm, &b, &b.x, false)? as i64))
}

fn insort(
    vm: &mut Vm,
    name: &'static str,
    args: &[Value],
    kw: Kwargs,
    right: bool,
) -> PyResult<Value> {
    let b = bind(vm, name, args, kw)?;
    let kx = match &b.key {
        Some(k) => call(vm, k, std::slice::from_ref(&b.x))?,
        None => b.x.clone(),
    };
    let i = search(vm, &b, &kx, right)?;
    let exact_list = b.a.type_ptr() == types::builtin_types().list.as_ptr();
    match b.a.downcast::<ListData>() {
        Some(l) if exact_list => {
            let x = b.x.clone();
            l.with_items(|v| {
                let i = i.min(v.len());
                v.insert(i, x)
            });
        }
        _ => {
            let ins = crate::vm::attr::getattr_str(vm, &b.a, "insert")?;
            call(vm, &ins, &[types::new_int(i as i64), b.x.clone()])?;
        }
    }
    Ok(types::none())
}

fn insort_right(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    insort(vm, "insort_right", args, kw, true)
}

fn insort_left(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    insort(vm, "insort_left", args, kw, false)
}

/// Creates the `bisect` module.
pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let _ = vm;
    let m = crate::vm::import::new_module("bisect");
    add_functions(
        &m,
        "bisect",
        &[
            ("bisect_right", bisect_right),
            ("bisect_left", bisect_left),
            ("bisect", bisect_right),
            ("insort_right", insort_right),
            ("insort_left", insort_left),
            ("insort", insort_right),
        ],
    );
    Ok(m)
}
