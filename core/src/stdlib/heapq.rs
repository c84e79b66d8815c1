//! The `heapq` module. The heap primitives are CPython's `_heapq` C code
//! transcribed (same sift order, only `<` comparisons, same "list changed
//! size" checks), so results and tie order match; `nlargest`, `nsmallest`
//! and `merge` are CPython's `Lib/heapq.py` run as embedded Python in the
//! same module namespace.

use super::add_functions;
use crate::compiler::opcodes::CmpOp;
use crate::object::Value;
use crate::types::exception::{index_error, runtime_error, type_error};
use crate::types::{self, Kwargs, ListData, PyResult};
use crate::vm::ops::compare_bool;
use crate::vm::Vm;

/// `a < b`, with the small-int case inline.
#[inline]
fn lt(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        return Ok(x < y);
    }
    compare_bool(vm, a, b, CmpOp::Lt)
}

fn at(l: &ListData, i: usize) -> Value {
    l.get(i).unwrap_or_else(types::none)
}

fn swap(l: &ListData, i: usize, j: usize) {
    l.with_items(|v| {
        if i < v.len() && j < v.len() {
            v.swap(i, j)
        }
    });
}

fn changed() -> crate::types::PyErr {
    runtime_error("list changed size during iteration")
}

/// Follows the path from `pos` to the root, moving parents down until
/// `newitem` fits (`max` reverses the comparison).
fn siftdown(vm: &mut Vm, l: &ListData, startpos: usize, mut pos: usize, max: bool) -> PyResult<()> {
    let size = l.len();
    if pos >= size {
        return Err(index_error("index out of range"));
    }
    while pos > startpos {
        let parentpos = (pos - 1) >> 1;
        let newitem = at(l, pos);
        let parent = at(l, parentpos);
        let cmp = if max {
            lt(vm, &parent, &newitem)?
        } else {
            lt(vm, &newitem, &parent)?
        };
        if size != l.len() {
            return Err(changed());
        }
        if !cmp {
            break;
        }
        swap(l, parentpos, pos);
        pos = parentpos;
    }
    Ok(())
}

/// Bubbles the smaller child up from `pos` to a leaf, then sifts down.
fn siftup(vm: &mut Vm, l: &ListData, mut pos: usize, max: bool) -> PyResult<()> {
    let endpos = l.len();
    let startpos = pos;
    if pos >= endpos {
        return Err(index_error("index out of range"));
    }
    let limit = endpos >> 1;
    while pos < limit {
        let mut childpos = 2 * pos + 1;
        if childpos + 1 < endpos {
            let a = at(l, childpos);
            let b = at(l, childpos + 1);
            let cmp = if max {
                lt(vm, &b, &a)?
            } else {
                lt(vm, &a, &b)?
            };
            if !cmp {
                childpos += 1;
            }
            if endpos != l.len() {
                return Err(changed());
            }
        }
        swap(l, childpos, pos);
        pos = childpos;
    }
    siftdown(vm, l, startpos, pos, max)
}

fn heap_arg<'a>(name: &str, args: &'a [Value], n: usize, kw: &Kwargs) -> PyResult<&'a ListData> {
    crate::vm::call::no_kwargs(name, kw)?;
    if args.len() != n {
        return Err(type_error(if n == 1 {
            format!("{name}() takes exactly one argument ({} given)", args.len())
        } else {
            format!("{name} expected {n} arguments, got {}", args.len())
        }));
    }
    args[0].downcast::<ListData>().ok_or_else(|| {
        type_error(format!(
            "{name}() argument 1 must be list, not {}",
            crate::vm::protocol::type_name(&args[0])
        ))
    })
}

fn heappush(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let l = heap_arg("heappush", args, 2, &kw)?;
    l.push(args[1].clone());
    siftdown(vm, l, 0, l.len() - 1, false)?;
    Ok(types::none())
}

fn pop_impl(vm: &mut Vm, name: &str, args: &[Value], kw: Kwargs, max: bool) -> PyResult<Value> {
    let l = heap_arg(name, args, 1, &kw)?;
    // Pop the last item and put it at the root in one access: another
    // thread may empty the list between two.
    let (ret, was_last) = l
        .with_items(|v| {
            let last = v.pop()?;
            if v.is_empty() {
                return Some((last, true));
            }
            Some((v.replace(0, last), false))
        })
        .ok_or_else(|| index_error("index out of range"))?;
    if was_last {
        return Ok(ret);
    }
    siftup(vm, l, 0, max)?;
    Ok(ret)
}

fn heappop(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    pop_impl(vm, "heappop", args, kw, false)
}

fn heappop_max(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    pop_impl(vm, "_heappop_max", args, kw, true)
}

fn replace_impl(vm: &mut Vm, name: &str, args: &[Value], kw: Kwargs, max: bool) -> PyResult<Value> {
    let l = heap_arg(name, args, 2, &kw)?;
    let item = args[1].clone();
    let ret = l
        .with_items(|v| (!v.is_empty()).then(|| v.replace(0, item)))
        .ok_or_else(|| index_error("index out of range"))?;
    siftup(vm, l, 0, max)?;
    Ok(ret)
}

fn heapreplace(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    replace_impl(vm, "heapreplace", args, kw, false)
}

fn heapreplace_max(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    replace_impl(vm, "_heapreplace_max", args, kw, true)
}

fn heappushpop(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let l = heap_arg("heappushpop", args, 2, &kw)?;
    let item = &args[1];
    let Some(top) = l.get(0) else {
        return Ok(item.clone());
    };
    if !lt(vm, &top, item)? {
        return Ok(item.clone());
    }
    let ret = l
        .with_items(|v| (!v.is_empty()).then(|| v.replace(0, item.clone())))
        .ok_or_else(|| index_error("index out of range"))?;
    siftup(vm, l, 0, false)?;
    Ok(ret)
}

fn heapify_impl(vm: &mut Vm, name: &str, args: &[Value], kw: Kwargs, max: bool) -> PyResult<Value> {
    let l = heap_arg(name, args, 1, &kw)?;
    let n = l.len();
    // CPython's cache-friendly order for big heaps performs the same
    // comparisons on the same subheaps and builds the same heap.
    for i in (0..n / 2).rev() {
        siftup(vm, l, i, max)?;
    }
    Ok(types::none())
}

fn heapify(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    heapify_impl(vm, "heapify", args, kw, false)
}

fn heapify_max(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    heapify_impl(vm, "_heapify_max", args, kw, true)
}

fn sift_args<'a>(
    name: &str,
    args: &'a [Value],
    n: usize,
    kw: &Kwargs,
) -> PyResult<(&'a ListData, Vec<usize>)> {
    let l = heap_arg(name, args, n, kw)?;
    let mut pos = Vec::with_capacity(n - 1);
    for a in &args[1..] {
        let i = crate::vm::protocol::index_value(a)?;
        pos.push(usize::try_from(i).map_err(|_| index_error("list index out of range"))?);
    }
    Ok((l, pos))
}

fn py_siftdown(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let (l, p) = sift_args("_siftdown", args, 3, &kw)?;
    siftdown(vm, l, p[0], p[1], false)?;
    Ok(types::none())
}

fn py_siftdown_max(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let (l, p) = sift_args("_siftdown_max", args, 3, &kw)?;
    siftdown(vm, l, p[0], p[1], true)?;
    Ok(types::none())
}

fn py_siftup(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let (l, p) = sift_args("_siftup", args, 2, &kw)?;
    siftup(vm, l, p[0], false)?;
    Ok(types::none())
}

fn py_siftup_max(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let (l, p) = sift_args("_siftup_max", args, 2, &kw)?;
    siftup(vm, l, p[0], true)?;
    Ok(types::none())
}

/// `Lib/heapq.py`'s pure-Python functions (iterators kept as objects rather
/// than bound `__next__` methods; the observable behaviour is the same).
static PY_SOURCE: &str = r#"
__all__ = ['heappush', 'heappop', 'heapify', 'heapreplace', 'merge',
           'nlargest', 'nsmallest', 'heappushpop']
def merge(*iterables, **kwargs):
    key = kwargs.pop("key", None)
    reverse = kwargs.pop("reverse", False)
    for name in kwargs:
        raise TypeError(f"merge() got an unexpected keyword argument '{name}'")
    h = []
    h_append = h.append
    if reverse:
        _heapify = _heapify_max
        _heappop = _heappop_max
        _heapreplace = _heapreplace_max
        direction = -1
    else:
        _heapify = heapify
        _heappop = heappop
        _heapreplace = heapreplace
        direction = 1
    if key is None:
        for order, it in enumerate(map(iter, iterables)):
            try:
                h_append([next(it), order * direction, it])
            except StopIteration:
                pass
        _heapify(h)
        while len(h) > 1:
            try:
                while True:
                    s = h[0]
                    yield s[0]
                    s[0] = next(s[2])
                    _heapreplace(h, s)
            except StopIteration:
                _heappop(h)
        if h:
            value, order, it = h[0]
            yield value
            yield from it
        return
    for order, it in enumerate(map(iter, iterables)):
        try:
            value = next(it)
            h_append([key(value), order * direction, value, it])
        except StopIteration:
            pass
    _heapify(h)
    while len(h) > 1:
        try:
            while True:
                s = h[0]
                yield s[2]
                value = next(s[3])
                s[0] = key(value)
                s[2] = value
                _heapreplace(h, s)
        except StopIteration:
            _heappop(h)
    if h:
        key_value, order, value, it = h[0]
        yield value
        yield from it

def nsmallest(n, iterable, key=None):
    if n == 1:
        it = iter(iterable)
        sentinel = object()
        result = min(it, default=sentinel, key=key)
        return [] if result is sentinel else [result]
    try:
        size = len(iterable)
    except (TypeError, AttributeError):
        pass
    else:
        if n >= size:
            return sorted(iterable, key=key)[:n]
    if key is None:
        it = iter(iterable)
        result = [(elem, i) for i, elem in zip(range(n), it)]
        if not result:
            return result
        _heapify_max(result)
        top = result[0][0]
        order = n
        for elem in it:
            if elem < top:
                _heapreplace_max(result, (elem, order))
                top, _order = result[0]
                order += 1
        result.sort()
        return [elem for (elem, order) in result]
    it = iter(iterable)
    result = [(key(elem), i, elem) for i, elem in zip(range(n), it)]
    if not result:
        return result
    _heapify_max(result)
    top = result[0][0]
    order = n
    for elem in it:
        k = key(elem)
        if k < top:
            _heapreplace_max(result, (k, order, elem))
            top, _order, _elem = result[0]
            order += 1
    result.sort()
    return [elem for (k, order, elem) in result]

def nlargest(n, iterable, key=None):
    if n == 1:
        it = iter(iterable)
        sentinel = object()
        result = max(it, default=sentinel, key=key)
        return [] if result is sentinel else [result]
    try:
        size = len(iterable)
    except (TypeError, AttributeError):
        pass
    else:
        if n >= size:
            return sorted(iterable, key=key, reverse=True)[:n]
    if key is None:
        it = iter(iterable)
        result = [(elem, i) for i, elem in zip(range(0, -n, -1), it)]
        if not result:
            return result
        heapify(result)
        top = result[0][0]
        order = -n
        for elem in it:
            if top < elem:
                heapreplace(result, (elem, order))
                top, _order = result[0]
                order -= 1
        result.sort(reverse=True)
        return [elem for (elem, order) in result]
    it = iter(iterable)
    result = [(key(elem), i, elem) for i, elem in zip(range(0, -n, -1), it)]
    if not result:
        return result
    heapify(result)
    top = result[0][0]
    order = -n
    for elem in it:
        k = key(elem)
        if top < k:
            heapreplace(result, (k, order, elem))
            top, _order, _elem = result[0]
            order -= 1
    result.sort(reverse=True)
    return [elem for (k, order, elem) in result]
"#;

/// Creates the `heapq` module.
pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let m = crate::vm::import::new_module("heapq");
    add_functions(
        &m,
        "heapq",
        &[
            ("heappush", heappush),
            ("heappop", heappop),
            ("heapreplace", heapreplace),
            ("heappushpop", heappushpop),
            ("heapify", heapify),
            ("_heappop_max", heappop_max),
            ("_heapreplace_max", heapreplace_max),
            ("_heapify_max", heapify_max),
            ("_siftdown", py_siftdown),
            ("_siftdown_max", py_siftdown_max),
            ("_siftup", py_siftup),
            ("_siftup_max", py_siftup_max),
        ],
    );
    super::run_embedded_in(vm, &m, "heapq", PY_SOURCE)?;
    Ok(m)
}
