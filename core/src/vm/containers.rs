//! Container protocols: subscripting, membership, length, slices, and the
//! dict/set helpers that hash keys and compare them with Python semantics.

use super::attr::{lookup_special, lookup_special_name};
use super::call::call;
use super::protocol::{eq, hash, index_value, type_name};
use super::Vm;
use crate::object::{Kind, Value};
use crate::types::exception::{self as exc, index_error, key_error, type_error};
use crate::types::{
    self, str::as_str, BytesData, DictData, ListData, PyResult, RangeData, SetData, SliceData,
    StrData, TupleData,
};

/// Resolved slice bounds: `(start, stop, step, length)`.
pub fn slice_indices(vm: &mut Vm, s: &SliceData, len: i64) -> PyResult<(i64, i64, i64, usize)> {
    Ok(slice_parts(vm, s)?.resolve(len))
}

/// `r[start:stop:step]` for resolved slice indices (`n` items): the bounds
/// CPython computes (`start + i * step` for each index), or, where one of
/// them leaves the `i64` range a `RangeData` holds (a slice ending past
/// `2**63`), a range of the same items ending just after the last; None if
/// even that does not fit (the last item is `i64::MIN` going down, or two
/// items are more than `i64::MAX` apart).
fn range_slice(r: &RangeData, start: i64, stop: i64, step: i64, n: usize) -> Option<RangeData> {
    let at = |i: i64| r.start as i128 + i as i128 * r.step as i128;
    let (ns, ne, nstep) = (at(start), at(stop), step as i128 * r.step as i128);
    if let (Ok(start), Ok(stop), Ok(step)) =
        (i64::try_from(ns), i64::try_from(ne), i64::try_from(nstep))
    {
        return Some(RangeData { start, stop, step });
    }
    if n == 0 {
        return Some(RangeData {
            start: 0,
            stop: 0,
            step: 1,
        });
    }
    // The first and last items are items of `r`, so they fit; the step
    // does unless it is wider than `i64` (then there are two items at most,
    // and one is represented with a step of one).
    let first = ns as i64;
    let last = (ns + (n as i128 - 1) * nstep) as i64;
    let step = if n == 1 {
        nstep.signum() as i64
    } else {
        i64::try_from(nstep).ok()?
    };
    let stop = last.checked_add(step.signum())?;
    Some(RangeData {
        start: first,
        stop,
        step,
    })
}

/// A slice's bounds as integers, before they are resolved against a length.
/// Resolving is pure, so a container can resolve against its length and act
/// in one access of its storage (another thread may change the length in
/// between two).
#[derive(Clone, Copy, Debug)]
pub struct SliceParts {
    start: Option<i64>,
    stop: Option<i64>,
    step: i64,
}

impl SliceParts {
    /// The parts of `[start:stop]` when both bounds are small ints or
    /// `None` (no `__index__` to call); `None` otherwise.
    #[inline]
    pub fn of_plain_bounds(start: &Value, stop: &Value) -> Option<SliceParts> {
        let bound = |v: &Value| match v.as_small() {
            Some(i) => Some(Some(i)),
            None => types::is_none(v).then_some(None),
        };
        Some(SliceParts {
            start: bound(start)?,
            stop: bound(stop)?,
            step: 1,
        })
    }

    /// `(start, stop, step, length)` for a sequence of `len` items.
    pub fn resolve(self, len: i64) -> (i64, i64, i64, usize) {
        let step = self.step;
        let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
        let adjust = |v: Option<i64>, default: i64| -> i64 {
            match v {
                None => default,
                Some(mut i) => {
                    if i < 0 {
                        i += len;
                        if i < lower {
                            i = lower;
                        }
                    } else if i > upper {
                        i = upper;
                    }
                    i
                }
            }
        };
        let start = adjust(self.start, if step < 0 { upper } else { lower });
        let stop = adjust(self.stop, if step < 0 { lower } else { upper });
        let n = types::misc::range_len(start, stop, step).max(0) as usize;
        (start, stop, step, n)
    }
}

/// The integer bounds of `s` (errors for non-integer bounds or a zero step),
/// in CPython's order (step, start, stop).
pub fn slice_parts(vm: &mut Vm, s: &SliceData) -> PyResult<SliceParts> {
    let step = slice_bound(vm, &s.step)?.unwrap_or(1);
    if step == 0 {
        return Err(exc::value_error("slice step cannot be zero"));
    }
    Ok(SliceParts {
        start: slice_bound(vm, &s.start)?,
        stop: slice_bound(vm, &s.stop)?,
        step,
    })
}

/// One bound of a slice (`_PyEval_SliceIndex`): `None` as itself, an int
/// or an object with `__index__` as an `i64`, clamped to half its range
/// where it is bigger (no sequence is that long, and resolving adds a
/// length to it without overflow).
fn slice_bound(vm: &mut Vm, v: &Value) -> PyResult<Option<i64>> {
    if let Some(i) = v.as_small() {
        return Ok(Some(i));
    }
    if types::is_none(v) {
        return Ok(None);
    }
    let int = if types::bigint::is_int_like(v) {
        v.clone()
    } else if lookup_special_name(v, crate::name!("__index__")).is_some() {
        super::protocol::index_obj(vm, v)?
    } else {
        return Err(type_error(
            "slice indices must be integers or None or have an __index__ method",
        ));
    };
    if let Ok(i) = index_value(&int) {
        return Ok(Some(i.clamp(i64::MIN / 2, i64::MAX / 2)));
    }
    let b = types::bigint::to_bigint(&int).unwrap_or_default();
    Ok(Some(if b.sign() == num_bigint::Sign::Minus {
        i64::MIN / 2
    } else {
        i64::MAX / 2
    }))
}

/// `obj[key]` for a key that is not an int: the item at what its
/// `__index__` returns, or CPython's TypeError naming `what` ("list",
/// "tuple", "byte", "range") and the key's type.
fn get_by_index(vm: &mut Vm, obj: &Value, key: &Value, what: &str) -> PyResult<Value> {
    match index_key(vm, key)? {
        Some(k) => getitem(vm, obj, &k),
        None => Err(type_error(format!(
            "{what} indices must be integers or slices, not {}",
            type_name(key)
        ))),
    }
}

/// A sequence index that is not an int but has `__index__`, converted by
/// it (as `PyNumber_AsSsize_t` takes an index); `None` for anything else,
/// which the caller reports in its own words.
fn index_key(vm: &mut Vm, key: &Value) -> PyResult<Option<Value>> {
    if types::bigint::is_int_like(key)
        || key.downcast::<SliceData>().is_some()
        || lookup_special_name(key, crate::name!("__index__")).is_none()
    {
        return Ok(None);
    }
    super::protocol::index_obj(vm, key).map(Some)
}

fn norm_index(i: i64, len: usize, what: &str) -> PyResult<usize> {
    let n = len as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(index_error(format!("{what} index out of range")));
    }
    Ok(j as usize)
}

fn slice_pick<T: Clone>(items: &[T], start: i64, step: i64, n: usize) -> Vec<T> {
    let mut out = Vec::with_capacity(n);
    let mut i = start;
    for _ in 0..n {
        out.push(items[i as usize].clone());
        i += step;
    }
    out
}

/// `obj[key]`.
pub fn getitem(vm: &mut Vm, obj: &Value, key: &Value) -> PyResult<Value> {
    match obj.kind() {
        Kind::List if !user_override(obj, "__getitem__") => {
            let l = obj.downcast::<ListData>().expect("list");
            if let Some(sl) = key.downcast::<SliceData>() {
                // Bounds are converted first (that may run `__index__`),
                // then resolved and copied in one access of the storage.
                let parts = slice_parts(vm, sl)?;
                return Ok(list_slice(l, parts));
            }
            if !types::bigint::is_int_like(key) {
                return get_by_index(vm, obj, key, "list");
            }
            let i = index_value(key)
                .map_err(|_| index_error("cannot fit 'int' into an index-sized integer"))?;
            let n = l.len() as i64;
            let j = if i < 0 { i + n } else { i };
            match (j >= 0).then(|| l.get(j as usize)).flatten() {
                Some(v) => Ok(v),
                None => Err(index_error("list index out of range")),
            }
        }
        Kind::Tuple if !user_override(obj, "__getitem__") => {
            let items: &[Value] = obj.downcast::<TupleData>().expect("tuple").items();
            let what = if obj.kind() == Kind::List {
                "list"
            } else {
                "tuple"
            };
            if let Some(s) = key.downcast::<SliceData>() {
                let (start, _, step, n) = slice_indices(vm, s, items.len() as i64)?;
                if step == 1
                    && n == items.len()
                    && obj.type_ptr() == types::builtin_types().tuple.as_ptr()
                {
                    // The whole of an exact tuple is the tuple itself
                    // (CPython's `tuple_subscript`).
                    return Ok(obj.clone());
                }
                let v = slice_pick(items, start, step, n);
                return Ok(if obj.kind() == Kind::List {
                    types::new_list(v)
                } else {
                    types::new_tuple(v)
                });
            }
            if !types::bigint::is_int_like(key) {
                return get_by_index(vm, obj, key, what);
            }
            let i = index_value(key)
                .map_err(|_| index_error("cannot fit 'int' into an index-sized integer"))?;
            let j = norm_index(i, items.len(), what)?;
            Ok(items[j].clone())
        }
        Kind::Str if !user_override(obj, "__getitem__") => {
            let s = obj.downcast::<StrData>().expect("str");
            if let Some(sl) = key.downcast::<SliceData>() {
                let (start, _, step, n) = slice_indices(vm, sl, s.char_len() as i64)?;
                return Ok(str_slice(obj, s, start, step, n));
            }
            if !types::bigint::is_int_like(key) {
                if let Some(k) = index_key(vm, key)? {
                    return getitem(vm, obj, &k);
                }
                return Err(type_error(format!(
                    "string indices must be integers, not '{}'",
                    type_name(key)
                )));
            }
            let i = index_value(key)?;
            let j = norm_index(i, s.char_len(), "string")?;
            Ok(types::str::new_char(s.char_at(j).unwrap_or(' ')))
        }
        Kind::Bytes if !user_override(obj, "__getitem__") => {
            let b = &obj.downcast::<BytesData>().expect("bytes").0;
            if let Some(sl) = key.downcast::<SliceData>() {
                let (start, _, step, n) = slice_indices(vm, sl, b.len() as i64)?;
                return Ok(types::misc::new_bytes(slice_pick(b, start, step, n)));
            }
            if !types::bigint::is_int_like(key) {
                return get_by_index(vm, obj, key, "byte");
            }
            let i = index_value(key)?;
            let j = norm_index(i, b.len(), "index")?;
            Ok(Value::small(b[j] as i64))
        }
        Kind::Range => {
            let r = obj.downcast::<RangeData>().expect("range");
            if let Some(sl) = key.downcast::<SliceData>() {
                let (start, stop, step, n) = slice_indices(vm, sl, r.len())?;
                let Some(sliced) = range_slice(r, start, stop, step, n) else {
                    return Err(exc::overflow_error(
                        "gilgamesh does not support range bounds beyond 64 bits",
                    ));
                };
                return Ok(crate::object::alloc(
                    types::builtin_types().range.v(),
                    sliced,
                ));
            }
            if !types::bigint::is_int_like(key) {
                return get_by_index(vm, obj, key, "range");
            }
            let i = index_value(key)?;
            let j = norm_index(i, r.len() as usize, "range object")?;
            // An element of the range: it fits, though the product alone
            // may not (wrapping arithmetic gives the exact result).
            Ok(types::new_int(
                r.start.wrapping_add(r.step.wrapping_mul(j as i64)),
            ))
        }
        Kind::Dict if !user_override(obj, "__getitem__") => {
            let d = obj.downcast::<DictData>().expect("dict");
            let h = hash(vm, key)?;
            match d.get(key, h, &mut |a, b| eq(vm, a, b))? {
                Some(v) => Ok(v),
                None => {
                    if let Some(m) = lookup_special_name(obj, crate::name!("__missing__")) {
                        return call(vm, &m, &[obj.clone(), key.clone()]);
                    }
                    Err(key_error(key.clone()))
                }
            }
        }
        Kind::Type => {
            if let Some(m) = super::attr::getattr_opt(vm, obj, crate::name!("__class_getitem__"))? {
                return call(vm, &m, std::slice::from_ref(key));
            }
            // `list[int]` and friends in annotations: the type itself.
            Ok(obj.clone())
        }
        _ => match lookup_special_name(obj, crate::name!("__getitem__")) {
            Some(f) => call(vm, &f, &[obj.clone(), key.clone()]),
            None => Err(type_error(format!(
                "'{}' object is not subscriptable",
                type_name(obj)
            ))),
        },
    }
}

/// A new `slice` object.
pub fn new_slice(start: Value, stop: Value, step: Value) -> Value {
    crate::object::alloc(
        types::builtin_types().slice.v(),
        SliceData { start, stop, step },
    )
}

/// The items of `l` that `parts` selects, as a new list (resolved and
/// copied in one access of the storage).
fn list_slice(l: &ListData, parts: SliceParts) -> Value {
    let v = l.with_items(|s| {
        let (start, _, step, n) = parts.resolve(s.len() as i64);
        let mut out = Vec::with_capacity(n);
        let mut i = start;
        for _ in 0..n {
            out.push(s.get(i as usize).expect("resolved index").clone());
            i += step;
        }
        out
    });
    types::new_list(v)
}

/// `l[parts] = value` for a list whose bounds are already taken (CPython's
/// `list_ass_subscript` also takes them before the items): the value's
/// items (which may run Python code), then the bounds resolved and the
/// items replaced in one access of the storage.
fn list_assign_slice(vm: &mut Vm, l: &ListData, parts: SliceParts, value: Value) -> PyResult<()> {
    let new_items = if value.type_ptr() == types::builtin_types().list.as_ptr() {
        super::iteration::collect_owned(vm, value)?
    } else {
        super::iteration::collect(vm, &value).map_err(|e| {
            // Not iterable at all gets list_ass_slice's message; an error
            // raised while iterating stays.
            if super::protocol::is_instance(&e.0, types::exc_types().type_error.v())
                && lookup_special_name(&value, crate::name!("__iter__")).is_none()
                && lookup_special_name(&value, crate::name!("__getitem__")).is_none()
            {
                type_error("can only assign an iterable")
            } else {
                e
            }
        })?
    };
    let old: PyResult<Vec<Value>> = l.with_items(|v| {
        let (start, stop, step, n) = parts.resolve(v.len() as i64);
        if step == 1 {
            let stop = stop.max(start);
            return Ok(v.splice(start as usize..stop as usize, new_items));
        }
        if new_items.len() != n {
            return Err(exc::value_error(format!(
                "attempt to assign sequence of size {} to extended slice of size {n}",
                new_items.len()
            )));
        }
        let mut old = Vec::with_capacity(n);
        let mut i = start;
        for x in new_items {
            old.push(v.replace(i as usize, x));
            i += step;
        }
        Ok(old)
    });
    drop(old?);
    Ok(())
}

/// The characters of the `str` `obj` (payload `s`) at resolved slice
/// indices: the string itself when that is all of an exact `str` (as
/// CPython's `unicode_subscript`), bytes cut directly when it is ASCII.
fn str_slice(obj: &Value, s: &StrData, start: i64, step: i64, n: usize) -> Value {
    if step == 1 && n == s.char_len() && obj.type_ptr() == types::builtin_types().str.as_ptr() {
        return obj.clone();
    }
    let text = s.as_str();
    if s.is_ascii() {
        let start = start as usize;
        if step == 1 {
            return types::new_str(&text[start..start + n]);
        }
        let picked = slice_pick(text.as_bytes(), start as i64, step, n);
        // ASCII bytes are one character each, so any selection of them
        // is UTF-8.
        return types::new_str(String::from_utf8(picked).expect("ASCII"));
    }
    let chars: Vec<char> = text.chars().collect();
    let v: String = slice_pick(&chars, start, step, n).into_iter().collect();
    types::new_str(v)
}

/// `obj[start:stop]` (`BINARY_SLICE`, as CPython 3.12's): an exact list,
/// tuple or `str` with small-int or `None` bounds is sliced without making
/// a slice object; anything else goes through one and [`getitem`].
pub fn get_slice(vm: &mut Vm, obj: &Value, start: Value, stop: Value) -> PyResult<Value> {
    if let Some(parts) = SliceParts::of_plain_bounds(&start, &stop) {
        let ty = obj.type_ptr();
        let bt = types::builtin_types();
        if ty == bt.list.as_ptr() {
            return Ok(list_slice(obj.downcast::<ListData>().expect("list"), parts));
        }
        if ty == bt.tuple.as_ptr() {
            let items = obj.downcast::<TupleData>().expect("tuple").items();
            let (start, _, _, n) = parts.resolve(items.len() as i64);
            if n == items.len() {
                // The whole of an exact tuple is the tuple itself
                // (CPython's `tuple_subscript`).
                return Ok(obj.clone());
            }
            let start = start as usize;
            return Ok(types::new_tuple(items[start..start + n].to_vec()));
        }
        if ty == bt.str.as_ptr() {
            let s = obj.downcast::<StrData>().expect("str");
            let (start, _, _, n) = parts.resolve(s.char_len() as i64);
            return Ok(str_slice(obj, s, start, 1, n));
        }
    }
    let slice = new_slice(start, stop, types::none());
    getitem(vm, obj, &slice)
}

/// `obj[start:stop] = value` (`STORE_SLICE`, as CPython 3.12's): an exact
/// list with small-int or `None` bounds without a slice object, anything
/// else through one and [`setitem`].
pub fn set_slice(
    vm: &mut Vm,
    obj: &Value,
    start: Value,
    stop: Value,
    value: Value,
) -> PyResult<()> {
    if obj.type_ptr() == types::builtin_types().list.as_ptr() {
        if let Some(parts) = SliceParts::of_plain_bounds(&start, &stop) {
            let l = obj.downcast::<ListData>().expect("list");
            return list_assign_slice(vm, l, parts, value);
        }
    }
    setitem(vm, obj, new_slice(start, stop, types::none()), value)
}

#[inline]
fn user_override(obj: &Value, name: &str) -> bool {
    // The type borrowed from the header: a built-in container (the usual
    // case) is answered without touching any count.
    let (_, td) = super::attr::type_data_of(obj);
    td.has_flag(types::typeobj::HEAP_TYPE)
        && lookup_special(obj, name).is_some_and(|f| f.kind() == Kind::Function)
}

/// `obj[key] = value`.
pub fn setitem(vm: &mut Vm, obj: &Value, key: Value, value: Value) -> PyResult<()> {
    match obj.kind() {
        Kind::List if !user_override(obj, "__setitem__") => {
            let l = obj.downcast::<ListData>().expect("list");
            if let Some(sl) = key.downcast::<SliceData>() {
                let parts = slice_parts(vm, sl)?;
                return list_assign_slice(vm, l, parts, value);
            }
            if !types::bigint::is_int_like(&key) {
                if let Some(k) = index_key(vm, &key)? {
                    return setitem(vm, obj, k, value);
                }
                return Err(type_error(format!(
                    "list indices must be integers or slices, not {}",
                    type_name(&key)
                )));
            }
            let i = index_value(&key)?;
            let old = l.with_items(|v| {
                let j = norm_index(i, v.len(), "list assignment")?;
                Ok::<_, crate::types::PyErr>(v.replace(j, value))
            })?;
            drop(old);
            Ok(())
        }
        Kind::Dict if !user_override(obj, "__setitem__") => dict_set(vm, obj, key, value),
        _ => match lookup_special_name(obj, crate::name!("__setitem__")) {
            Some(f) => {
                call(vm, &f, &[obj.clone(), key, value])?;
                Ok(())
            }
            None => Err(type_error(format!(
                "'{}' object does not support item assignment",
                type_name(obj)
            ))),
        },
    }
}

/// `del obj[key]`.
pub fn delitem(vm: &mut Vm, obj: &Value, key: &Value) -> PyResult<()> {
    match obj.kind() {
        Kind::List if !user_override(obj, "__delitem__") => {
            let l = obj.downcast::<ListData>().expect("list");
            if let Some(sl) = key.downcast::<SliceData>() {
                let parts = slice_parts(vm, sl)?;
                // Resolve and remove in one access of the storage.
                let removed: Vec<Value> = l.with_items(|v| {
                    let (start, _, step, n) = parts.resolve(v.len() as i64);
                    let mut idx: Vec<usize> =
                        (0..n).map(|k| (start + k as i64 * step) as usize).collect();
                    idx.sort_unstable();
                    let mut out = Vec::with_capacity(n);
                    for &i in idx.iter().rev() {
                        out.push(v.remove(i));
                    }
                    out
                });
                drop(removed);
                return Ok(());
            }
            let i = index_value(key)?;
            let old = l.with_items(|v| {
                let j = norm_index(i, v.len(), "list assignment")?;
                Ok::<_, crate::types::PyErr>(v.remove(j))
            })?;
            drop(old);
            Ok(())
        }
        Kind::Dict if !user_override(obj, "__delitem__") => {
            let d = obj.downcast::<DictData>().expect("dict");
            let h = hash(vm, key)?;
            match d.remove(key, h, &mut |a, b| eq(vm, a, b))? {
                Some(_) => Ok(()),
                None => Err(key_error(key.clone())),
            }
        }
        _ => match lookup_special_name(obj, crate::name!("__delitem__")) {
            Some(f) => {
                call(vm, &f, &[obj.clone(), key.clone()])?;
                Ok(())
            }
            None => Err(type_error(format!(
                "'{}' object doesn't support item deletion",
                type_name(obj)
            ))),
        },
    }
}

/// `item in container`.
pub fn contains(vm: &mut Vm, container: &Value, item: &Value) -> PyResult<bool> {
    match container.kind() {
        Kind::Tuple if !user_override(container, "__contains__") => {
            // The items never change and `container` keeps them alive.
            let t = container.downcast::<TupleData>().expect("tuple");
            for x in t.items() {
                if x.is(item) || eq(vm, x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Kind::List if !user_override(container, "__contains__") => {
            // One item at a time, the length checked at each step: `__eq__`
            // may change the list (CPython's list_contains does the same).
            let l = container.downcast::<ListData>().expect("list");
            let mut i = 0;
            while let Some(x) = l.get(i) {
                if x.is(item) || eq(vm, &x, item)? {
                    return Ok(true);
                }
                i += 1;
            }
            Ok(false)
        }
        Kind::Str if !user_override(container, "__contains__") => match as_str(item) {
            Some(s) => Ok(as_str(container).unwrap_or("").contains(s)),
            None => Err(type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                type_name(item)
            ))),
        },
        Kind::Bytes if !user_override(container, "__contains__") => {
            let b = &container.downcast::<BytesData>().expect("bytes").0;
            if let Some(i) = item.as_small() {
                return Ok(b.contains(&(i as u8)) && (0..256).contains(&i));
            }
            match item.downcast::<BytesData>() {
                Some(sub) => Ok(sub.0.is_empty() || b.windows(sub.0.len()).any(|w| w == &*sub.0)),
                None => Err(type_error("a bytes-like object is required")),
            }
        }
        Kind::Dict if !user_override(container, "__contains__") => {
            let d = container.downcast::<DictData>().expect("dict");
            let h = hash(vm, item)?;
            Ok(d.get(item, h, &mut |a, b| eq(vm, a, b))?.is_some())
        }
        Kind::Set if !user_override(container, "__contains__") => {
            let s = container.downcast::<SetData>().expect("set");
            let h = hash(vm, item)?;
            s.contains(item, h, &mut |a, b| eq(vm, a, b))
        }
        Kind::Range => {
            let r = container.downcast::<RangeData>().expect("range");
            let Some(i) = types::bigint::to_i64(item) else {
                if item.kind() == Kind::Float {
                    let f = item.as_float().expect("f");
                    if f.fract() == 0.0 {
                        return contains(vm, container, &types::new_int(f as i64));
                    }
                }
                return Ok(false);
            };
            Ok(if r.step > 0 {
                i >= r.start && i < r.stop && (i - r.start) % r.step == 0
            } else {
                i <= r.start && i > r.stop && (r.start - i) % (-r.step) == 0
            })
        }
        _ => {
            if let Some(f) = lookup_special_name(container, crate::name!("__contains__")) {
                let r = call(vm, &f, &[container.clone(), item.clone()])?;
                return super::protocol::truthy(vm, &r);
            }
            let it = super::iteration::iter(vm, container).map_err(|_| {
                type_error(format!(
                    "argument of type '{}' is not iterable",
                    type_name(container)
                ))
            })?;
            while let Some(x) = super::iteration::next(vm, &it)? {
                if x.is(item) || eq(vm, &x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}

/// `len(v)`.
pub fn len(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    // A subclass of a built-in container may define its own `__len__`
    // (asked only for those kinds: other objects look it up below anyway).
    let builtin = || !user_override(v, "__len__");
    Ok(match v.kind() {
        Kind::List if builtin() => v.downcast::<ListData>().expect("list").len(),
        Kind::Tuple if builtin() => v.downcast::<TupleData>().expect("tuple").len(),
        Kind::Str if builtin() => v.downcast::<StrData>().expect("str").char_len(),
        Kind::Bytes if builtin() => v.downcast::<BytesData>().expect("bytes").0.len(),
        Kind::Dict if builtin() => v.downcast::<DictData>().expect("dict").len(),
        Kind::Set if builtin() => v.downcast::<SetData>().expect("set").len(),
        Kind::Range => {
            let n = v.downcast::<RangeData>().expect("range").len();
            // A length past i64::MAX (`range(-2**63, 2**63 - 1, 2)`) does
            // not fit the machine word, as in CPython.
            if n < 0 {
                return Err(crate::types::exception::overflow_error(
                    "Python int too large to convert to C ssize_t",
                ));
            }
            n as usize
        }
        _ => {
            if let Some(view) = dict_view_len(v) {
                return Ok(view);
            }
            let Some(f) = lookup_special_name(v, crate::name!("__len__")) else {
                return Err(type_error(format!(
                    "object of type '{}' has no len()",
                    type_name(v)
                )));
            };
            let r = call(vm, &f, std::slice::from_ref(v))?;
            let n = index_value(&r)?;
            if n < 0 {
                return Err(exc::value_error("__len__() should return >= 0"));
            }
            n as usize
        }
    })
}

fn dict_view_len(v: &Value) -> Option<usize> {
    let it = v.downcast::<types::IteratorData>()?;
    it.state.with(|s| match s {
        types::iterator::IterState::DictView { dict, .. } => {
            dict.downcast::<DictData>().map(|d| d.len())
        }
        _ => None,
    })
}

/// `d[k] = v` on a dict.
pub fn dict_set(vm: &mut Vm, d: &Value, k: Value, v: Value) -> PyResult<()> {
    let dd = d.downcast::<DictData>().expect("dict");
    if k.kind() == Kind::Str {
        let h = k.downcast::<StrData>().expect("str").hash();
        return dd.set(k, h, v, &mut |a, b| eq(vm, a, b));
    }
    let h = hash(vm, &k)?;
    dd.set(k, h, v, &mut |a, b| eq(vm, a, b))
}

/// `d.get(k)` on a dict.
pub fn dict_get(vm: &mut Vm, d: &Value, k: &Value) -> PyResult<Option<Value>> {
    let dd = d.downcast::<DictData>().expect("dict");
    let h = hash(vm, k)?;
    dd.get(k, h, &mut |a, b| eq(vm, a, b))
}

/// `d.update(other)` (mapping or iterable of pairs); with `merge`, keys must
/// be strings and duplicates are an error (`f(**a, **b)`).
pub fn dict_update(vm: &mut Vm, d: &Value, other: &Value, merge: bool) -> PyResult<()> {
    if let Some(od) = other.downcast::<DictData>() {
        if !merge {
            // An empty target takes a copy of the source's table; otherwise
            // the items are inserted one by one with their stored hashes
            // (CPython's dict_merge calls no `__hash__` either).
            let dd = d.downcast::<DictData>().expect("dict");
            if dd.is_empty() && dd.fill_from(od) {
                return Ok(());
            }
            for (h, k, v) in od.items_hashed() {
                dd.set(k, h, v, &mut |a, b| eq(vm, a, b))?;
            }
            return Ok(());
        }
        for (k, v) in od.items() {
            if merge {
                if k.kind() != Kind::Str {
                    return Err(type_error("keywords must be strings"));
                }
                if dict_get(vm, d, &k)?.is_some() {
                    return Err(type_error(format!(
                        "got multiple values for keyword argument '{}'",
                        as_str(&k).unwrap_or("?")
                    )));
                }
            }
            dict_set(vm, d, k, v)?;
        }
        return Ok(());
    }
    if let Some(keys) = super::attr::getattr_opt(vm, other, crate::name!("keys"))? {
        let ks = call(vm, &keys, &[])?;
        for k in super::iteration::collect(vm, &ks)? {
            let v = getitem(vm, other, &k)?;
            dict_set(vm, d, k, v)?;
        }
        return Ok(());
    }
    if merge {
        return Err(type_error(format!(
            "argument after ** must be a mapping, not {}",
            type_name(other)
        )));
    }
    for (i, item) in super::iteration::collect(vm, other)?
        .into_iter()
        .enumerate()
    {
        let pair = super::iteration::collect(vm, &item).map_err(|_| {
            type_error(format!(
                "cannot convert dictionary update sequence element #{i} to a sequence"
            ))
        })?;
        if pair.len() != 2 {
            return Err(exc::value_error(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            )));
        }
        let mut it = pair.into_iter();
        let (k, v) = (it.next().expect("k"), it.next().expect("v"));
        dict_set(vm, d, k, v)?;
    }
    Ok(())
}

/// Adds to a set.
pub fn set_add(vm: &mut Vm, s: &Value, v: Value) -> PyResult<()> {
    let sd = s.downcast::<SetData>().expect("set");
    let h = hash(vm, &v)?;
    sd.add(v, h, &mut |a, b| eq(vm, a, b))?;
    Ok(())
}

/// Set membership.
pub fn set_contains(vm: &mut Vm, s: &Value, v: &Value) -> PyResult<bool> {
    let sd = s.downcast::<SetData>().expect("set");
    let h = hash(vm, v)?;
    sd.contains(v, h, &mut |a, b| eq(vm, a, b))
}

/// A new set (or frozenset) from values.
pub fn new_set(vm: &mut Vm, items: Vec<Value>, frozen: bool) -> PyResult<Value> {
    let bt = types::builtin_types();
    let s = crate::object::alloc(
        if frozen { bt.frozenset.v() } else { bt.set.v() },
        SetData::new(),
    );
    for v in items {
        set_add(vm, &s, v)?;
    }
    Ok(s)
}
