//! `list`.

use super::{m, nargs, Method};
use crate::object::Value;
use crate::types::exception::{index_error, type_error, value_error};
use crate::types::{self, Kwargs, ListData, PyResult, TupleData};
use crate::vm::protocol::index_value;
use crate::vm::Vm;

/// `list(iterable=())`.
pub fn list_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let exact = args[0].is(types::builtin_types().list.v());
    if !exact {
        // Subclasses are filled by list.__init__.
        return Ok(crate::object::alloc(&args[0], ListData::new(vec![])));
    }
    super::no_kw("list", &kw)?;
    nargs("list", &args[1..], 0, 1)?;
    match args.get(1) {
        None => Ok(types::new_list(vec![])),
        Some(v) => Ok(types::new_list(crate::vm::iteration::collect(vm, v)?)),
    }
}

fn init(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    super::no_kw("list", &kw)?;
    nargs("list", args, 1, 2)?;
    let l = this(args)?;
    let items = match args.get(1) {
        Some(v) => crate::vm::iteration::collect(vm, v)?,
        None => vec![],
    };
    let old = l.with_items(|s| s.set_vec(items));
    drop(old);
    Ok(types::none())
}

fn this(args: &[Value]) -> PyResult<&ListData> {
    args.first()
        .and_then(|v| v.downcast::<ListData>())
        .ok_or_else(|| type_error("descriptor requires a 'list' object"))
}

/// `(start, stop)` from optional index arguments 2 and 3, clamped.
pub fn index_bounds(args: &[Value], len: usize) -> PyResult<(usize, usize)> {
    let norm = |v: Option<&Value>, default: usize| -> PyResult<usize> {
        match v {
            None => Ok(default),
            Some(x) if types::is_none(x) => Ok(default),
            Some(x) => {
                let i = index_value(x)?;
                Ok(if i < 0 {
                    (i + len as i64).max(0) as usize
                } else {
                    (i as usize).min(len)
                })
            }
        }
    };
    Ok((norm(args.get(2), 0)?, norm(args.get(3), len)?))
}

fn append(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("append", args, 2, 2)?;
    this(args)?.push(args[1].clone());
    Ok(types::none())
}

fn extend(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("extend", args, 2, 2)?;
    let items = crate::vm::iteration::collect(vm, &args[1])?;
    this(args)?.with_items(|s| s.extend(items));
    Ok(types::none())
}

fn pop(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("pop", args, 1, 2)?;
    let l = this(args)?;
    let i = match args.get(1) {
        Some(x) => index_value(x)?,
        None => -1,
    };
    // Length check and removal in one critical section: another thread may
    // change the list between two.
    l.with_items(|v| {
        let n = v.len() as i64;
        if n == 0 {
            return Err(index_error("pop from empty list"));
        }
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(index_error("pop index out of range"));
        }
        Ok(v.remove(j as usize))
    })
}

fn insert(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("insert", args, 3, 3)?;
    let l = this(args)?;
    let i = index_value(&args[1])?;
    l.with_items(|v| {
        let n = v.len() as i64;
        let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
        v.insert(j as usize, args[2].clone())
    });
    Ok(types::none())
}

fn remove(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("remove", args, 2, 2)?;
    let l = this(args)?;
    for (i, x) in l.snapshot().iter().enumerate() {
        if x.is(&args[1]) || crate::vm::protocol::eq(vm, x, &args[1])? {
            // Removes that very element, if it is still at `i` (another
            // thread, or `__eq__`, may have changed the list); else goes on
            // with the later ones.
            let old = l.with_items(|v| {
                if v.get(i).is_some_and(|y| y.is(x)) {
                    Some(v.remove(i))
                } else {
                    None
                }
            });
            if old.is_some() {
                return Ok(types::none());
            }
        }
    }
    Err(value_error("list.remove(x): x not in list"))
}

fn index(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("index", args, 2, 4)?;
    let items = this(args)?.snapshot();
    let (start, stop) = index_bounds(args, items.len())?;
    for (i, x) in items.iter().enumerate().take(stop).skip(start) {
        if x.is(&args[1]) || crate::vm::protocol::eq(vm, x, &args[1])? {
            return Ok(types::new_int(i as i64));
        }
    }
    let r = crate::vm::protocol::repr_string(vm, &args[1])?;
    Err(value_error(format!("{r} is not in list")))
}

fn count(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("count", args, 2, 2)?;
    let mut n = 0;
    for x in this(args)?.snapshot() {
        if x.is(&args[1]) || crate::vm::protocol::eq(vm, &x, &args[1])? {
            n += 1;
        }
    }
    Ok(types::new_int(n))
}

fn reverse(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    this(args)?.with_items(|v| v.reverse());
    Ok(types::none())
}

fn clear(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let old = this(args)?.with_items(|v| v.clear());
    drop(old);
    Ok(types::none())
}

fn copy(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_list(this(args)?.snapshot()))
}

/// Sorts values with an optional key function (stable, like CPython's
/// timsort; merge sort keeps equal keys in order).
pub fn sort_values(
    vm: &mut Vm,
    items: Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<Vec<Value>> {
    let keys: Vec<Value> = match key {
        Some(k) if !types::is_none(k) => {
            let mut ks = Vec::with_capacity(items.len());
            for x in &items {
                ks.push(crate::vm::call::call(vm, k, std::slice::from_ref(x))?);
            }
            ks
        }
        _ => items.clone(),
    };
    let mut idx: Vec<usize> = (0..items.len()).collect();
    if let Some(kinds) = native_key_kinds(&keys) {
        // Keys that compare without Python code (CPython's
        // `unsafe_*_compare` pre-check in listobject.c): a stable sort of
        // the indices by the keys' native order.
        if reverse {
            idx.sort_by(|&a, &b| native_cmp(&keys[b], &keys[a], kinds));
        } else {
            idx.sort_by(|&a, &b| native_cmp(&keys[a], &keys[b], kinds));
        }
        return Ok(idx.into_iter().map(|i| items[i].clone()).collect());
    }
    // Merge sort with a fallible comparison.
    let mut err = None;
    let mut buf = idx.clone();
    merge_sort(vm, &keys, &mut idx, &mut buf, reverse, &mut err);
    if let Some(e) = err {
        return Err(e);
    }
    Ok(idx.into_iter().map(|i| items[i].clone()).collect())
}

/// How keys compare natively: scalars of one kind, or tuples whose items at
/// each position are scalars of one kind.
#[derive(Clone, Copy, PartialEq, Eq)]
enum NativeKeys {
    /// Tagged small ints.
    Int,
    /// Exact floats, none NaN (so `<` is a total order on them).
    Float,
    /// Exact strs (UTF-8 byte order is code point order).
    Str,
    /// Exact tuples of such scalars.
    Tuple,
}

/// The scalar kind of `v`, if it compares natively.
fn scalar_kind(v: &Value) -> Option<NativeKeys> {
    if v.is_small() {
        return Some(NativeKeys::Int);
    }
    let bt = types::builtin_types();
    let t = v.type_ptr();
    if t == bt.str.as_ptr() {
        Some(NativeKeys::Str)
    } else if t == bt.float.as_ptr() && v.as_float().is_some_and(|f| !f.is_nan()) {
        Some(NativeKeys::Float)
    } else {
        None
    }
}

/// `Some(kind)` if every key compares with every other without Python
/// code and with the same result as Python's `<`: all small ints, all
/// non-NaN floats, all strs, or all tuples whose items at each position are
/// all of one of those kinds. Anything else (mixed kinds, subclasses, big
/// ints, NaN) takes the general sort.
fn native_key_kinds(keys: &[Value]) -> Option<NativeKeys> {
    let first = keys.first()?;
    if let Some(k) = scalar_kind(first) {
        return keys.iter().all(|x| scalar_kind(x) == Some(k)).then_some(k);
    }
    let tuple_type = types::builtin_types().tuple.as_ptr();
    let mut columns: Vec<NativeKeys> = Vec::new();
    for key in keys {
        if key.type_ptr() != tuple_type {
            return None;
        }
        let t = key.downcast::<TupleData>()?;
        for (i, item) in t.items().iter().enumerate() {
            let k = scalar_kind(item)?;
            match columns.get(i) {
                Some(&c) if c != k => return None,
                Some(_) => {}
                None => columns.push(k),
            }
        }
    }
    Some(NativeKeys::Tuple)
}

/// Compares two keys that [`native_key_kinds`] accepted.
fn native_cmp(a: &Value, b: &Value, kind: NativeKeys) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match kind {
        NativeKeys::Int => a.as_small().cmp(&b.as_small()),
        NativeKeys::Float => {
            let f = |v: &Value| v.as_float().unwrap_or(0.0);
            f(a).partial_cmp(&f(b)).unwrap_or(Ordering::Equal)
        }
        NativeKeys::Str => types::str::as_str(a).cmp(&types::str::as_str(b)),
        NativeKeys::Tuple => {
            fn items(v: &Value) -> &[Value] {
                v.downcast::<TupleData>().map_or(&[][..], |t| t.items())
            }
            let (x, y) = (items(a), items(b));
            for (p, q) in x.iter().zip(y) {
                // Items at one position share a kind (checked up front).
                let kind = scalar_kind(p).unwrap_or(NativeKeys::Int);
                match native_cmp(p, q, kind) {
                    Ordering::Equal => {}
                    o => return o,
                }
            }
            x.len().cmp(&y.len())
        }
    }
}

fn less(vm: &mut Vm, a: &Value, b: &Value, err: &mut Option<types::PyErr>) -> bool {
    if err.is_some() {
        return false;
    }
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        return x < y;
    }
    match crate::vm::ops::compare_bool(vm, a, b, crate::compiler::opcodes::CmpOp::Lt) {
        Ok(r) => r,
        Err(e) => {
            *err = Some(e);
            false
        }
    }
}

fn merge_sort(
    vm: &mut Vm,
    keys: &[Value],
    idx: &mut [usize],
    buf: &mut [usize],
    reverse: bool,
    err: &mut Option<types::PyErr>,
) {
    let n = idx.len();
    if n <= 16 {
        // Insertion sort (stable).
        for i in 1..n {
            let cur = idx[i];
            let mut j = i;
            while j > 0 {
                let prev = idx[j - 1];
                let lt = if reverse {
                    less(vm, &keys[prev], &keys[cur], err)
                } else {
                    less(vm, &keys[cur], &keys[prev], err)
                };
                if !lt {
                    break;
                }
                idx[j] = prev;
                j -= 1;
            }
            idx[j] = cur;
        }
        return;
    }
    let mid = n / 2;
    {
        let (l, r) = idx.split_at_mut(mid);
        let (bl, br) = buf.split_at_mut(mid);
        merge_sort(vm, keys, l, bl, reverse, err);
        merge_sort(vm, keys, r, br, reverse, err);
    }
    buf[..n].copy_from_slice(idx);
    let (mut i, mut j, mut k) = (0, mid, 0);
    while i < mid && j < n {
        let (a, b) = (buf[i], buf[j]);
        let take_right = if reverse {
            less(vm, &keys[a], &keys[b], err)
        } else {
            less(vm, &keys[b], &keys[a], err)
        };
        if take_right {
            idx[k] = b;
            j += 1;
        } else {
            idx[k] = a;
            i += 1;
        }
        k += 1;
    }
    while i < mid {
        idx[k] = buf[i];
        i += 1;
        k += 1;
    }
    while j < n {
        idx[k] = buf[j];
        j += 1;
        k += 1;
    }
}

fn sort(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    if args.len() > 1 {
        return Err(type_error("sort() takes no positional arguments"));
    }
    let l = this(args)?;
    let key = kw.get("key");
    let rev = match kw.get("reverse") {
        Some(r) => crate::vm::protocol::truthy(vm, r)?,
        None => false,
    };
    if key.is_none_or(types::is_none) && l.with_items(|s| s.with_vec(|v| sort_native(v, rev))) {
        return Ok(types::none());
    }
    let items = l.with_items(|s| s.take_vec());
    let r = sort_values(vm, items.clone(), key, rev);
    match r {
        Ok(sorted) => {
            let modified = l.with_items(|s| s.set_vec(sorted));
            if !modified.is_empty() {
                return Err(value_error("list modified during sort"));
            }
            Ok(types::none())
        }
        Err(e) => {
            let added = l.with_items(|s| s.set_vec(items));
            drop(added);
            Err(e)
        }
    }
}

/// Sorts `v` in place if its items compare natively ([`native_key_kinds`]:
/// all small ints, all exact floats without NaN, all exact strs, or tuples
/// of those with one kind per position): no Python code can run, so
/// the sort happens inside the list's critical section and is atomic, as
/// CPython's is for such lists. False (list untouched) otherwise. Stable, and
/// `reverse` keeps equal items in their original order, as `list.sort` does.
fn sort_native(v: &mut [Value], reverse: bool) -> bool {
    let Some(kind) = native_key_kinds(v) else {
        return v.is_empty();
    };
    if reverse {
        v.sort_by(|a, b| native_cmp(b, a, kind));
    } else {
        v.sort_by(|a, b| native_cmp(a, b, kind));
    }
    true
}

/// Methods of `list`.
pub fn methods() -> Vec<Method> {
    vec![
        m("append", append),
        m("extend", extend),
        m("pop", pop),
        m("insert", insert),
        m("remove", remove),
        m("index", index),
        m("count", count),
        m("reverse", reverse),
        m("clear", clear),
        m("copy", copy),
        m("sort", sort),
        m("__init__", init),
        super::sm("__new__", list_new),
    ]
}
