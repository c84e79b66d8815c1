//! Iteration: `iter()`, `next()`, the native iterators' step functions and
//! generators (`send`, `throw`, `close`).

use super::attr::lookup_special_name;
use super::call::call;
use super::protocol::{truthy, type_name};
use super::Vm;
use crate::object::claim_slot::Unclaimed;
use crate::object::{refcount, Kind, Value};
use crate::types::exception::{self as exc, runtime_error, type_error};
use crate::types::iter_cursor::{Cursor, RangeCursor, SeqCursor};
use crate::types::iterator::{new_cursor_iterator, new_iterator, DictPart, IterState};
use crate::types::typeobj;
use crate::types::{
    self, BytesData, DictData, GeneratorData, IteratorData, ListData, PyErr, PyResult, SetData,
    StrData, TupleData,
};

/// True unless `v` is an instance of a Python subclass that defines its own
/// `__iter__` (then iteration must call it, not walk the built-in storage).
fn native_iter(v: &Value) -> bool {
    !user(v)
        || lookup_special_name(v, crate::name!("__iter__"))
            .is_none_or(|f| f.kind() != Kind::Function)
}

/// `iter(v)`.
pub fn iter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let bt = types::builtin_types();
    let cursor = match v.kind() {
        Kind::List if native_iter(v) => {
            Some((bt.list_iterator.v(), Cursor::Seq(SeqCursor::new(v.clone()))))
        }
        Kind::Tuple if native_iter(v) => Some((
            bt.tuple_iterator.v(),
            Cursor::Seq(SeqCursor::new(v.clone())),
        )),
        Kind::Range => {
            let r = v.downcast::<types::RangeData>().expect("range");
            Some((
                bt.range_iterator.v(),
                Cursor::Range(RangeCursor::new(r.start, r.step, r.len())),
            ))
        }
        _ => None,
    };
    if let Some((ty, c)) = cursor {
        return Ok(new_cursor_iterator(ty, c));
    }
    let st = match v.kind() {
        Kind::Str if native_iter(v) => Some((
            bt.str_iterator.v(),
            IterState::Seq {
                seq: v.clone(),
                index: 0,
            },
        )),
        Kind::Bytes if native_iter(v) => Some((
            bt.bytes_iterator.v(),
            IterState::Seq {
                seq: v.clone(),
                index: 0,
            },
        )),
        Kind::Dict if native_iter(v) => {
            let d = v.downcast::<DictData>().expect("dict");
            Some((
                bt.dict_keyiterator.v(),
                IterState::Dict {
                    dict: v.clone(),
                    pos: 0,
                    len: d.len(),
                    part: DictPart::Keys,
                },
            ))
        }
        Kind::Set if native_iter(v) => {
            let s = v.downcast::<SetData>().expect("set");
            Some((
                bt.set_iterator.v(),
                IterState::Set {
                    set: v.clone(),
                    pos: 0,
                    len: s.len(),
                },
            ))
        }
        Kind::Iterator => {
            let view = v
                .downcast::<IteratorData>()
                .expect("it")
                .state
                .with(|s| match s {
                    IterState::DictView { dict, part } => Some((dict.clone(), *part)),
                    _ => None,
                });
            match view {
                Some((dict, part)) => {
                    let len = dict.downcast::<DictData>().expect("dict").len();
                    let ty = match part {
                        DictPart::Keys => bt.dict_keyiterator.v(),
                        DictPart::Values => bt.dict_valueiterator.v(),
                        DictPart::Items => bt.dict_itemiterator.v(),
                    };
                    Some((
                        ty,
                        IterState::Dict {
                            dict,
                            pos: 0,
                            len,
                            part,
                        },
                    ))
                }
                None => return Ok(v.clone()),
            }
        }
        Kind::Generator => return Ok(v.clone()),
        _ => None,
    };
    if let Some((ty, st)) = st {
        return Ok(new_iterator(ty, st));
    }
    if let Some(f) = lookup_special_name(v, crate::name!("__iter__")) {
        if types::is_none(&f) {
            return Err(type_error(format!(
                "'{}' object is not iterable",
                type_name(v)
            )));
        }
        let it = call(vm, &f, std::slice::from_ref(v))?;
        if lookup_special_name(&it, crate::name!("__next__")).is_none()
            && !matches!(it.kind(), Kind::Iterator | Kind::Generator)
        {
            return Err(type_error(format!(
                "iter() returned non-iterator of type '{}'",
                type_name(&it)
            )));
        }
        return Ok(it);
    }
    if lookup_special_name(v, crate::name!("__getitem__")).is_some() {
        return Ok(new_iterator(
            bt.generic_iterator.v(),
            IterState::GetItem {
                obj: v.clone(),
                index: 0,
            },
        ));
    }
    Err(type_error(format!(
        "'{}' object is not iterable",
        type_name(v)
    )))
}

fn user(v: &Value) -> bool {
    super::protocol::type_of(v)
        .downcast::<types::TypeData>()
        .is_some_and(|t| t.has_flag(typeobj::HEAP_TYPE))
}

pub(super) fn is_stop_iteration(e: &PyErr) -> bool {
    super::protocol::is_instance(&e.0, types::exc_types().stop_iteration.v())
}

/// The value carried by a StopIteration.
pub fn stop_value(e: &PyErr) -> Value {
    exc::exc_data(&e.0)
        .and_then(|d| {
            d.args
                .get()
                .downcast::<TupleData>()
                .and_then(|t| t.items().first().cloned())
        })
        .unwrap_or_else(types::none)
}

/// `next(it)`: `Ok(None)` when exhausted.
pub fn next(vm: &mut Vm, it: &Value) -> PyResult<Option<Value>> {
    match it.kind() {
        Kind::Iterator => native_next(vm, it),
        Kind::Generator => match gen_resume(vm, it, types::none(), None)? {
            SendResult::Yielded(v) => Ok(Some(v)),
            SendResult::Returned(_) => Ok(None),
        },
        _ => {
            let Some(f) = lookup_special_name(it, crate::name!("__next__")) else {
                return Err(type_error(format!(
                    "'{}' object is not an iterator",
                    type_name(it)
                )));
            };
            match call(vm, &f, std::slice::from_ref(it)) {
                Ok(v) => Ok(Some(v)),
                Err(e) if is_stop_iteration(&e) => Ok(None),
                Err(e) => Err(e),
            }
        }
    }
}

enum Step {
    Done(Option<Value>),
    Enumerate(Value, Value),
    Zip(Value, bool),
    Map(Value, Vec<Value>),
    Filter(Value, Value),
    Callable(Value, Value),
    GetItem(Value, i64),
    DictChanged,
    SetChanged,
}

fn native_next(vm: &mut Vm, it: &Value) -> PyResult<Option<Value>> {
    let d = it.downcast::<IteratorData>().expect("iterator");
    match &d.cursor {
        Cursor::None => {}
        Cursor::Range(c) => return Ok(c.next().map(types::new_int)),
        Cursor::Seq(c) => return Ok(c.next()),
    }
    let step = d.state.with(|s| match s {
        IterState::Seq { seq, index } => {
            let i = *index;
            let r = match seq.kind() {
                Kind::Str => {
                    let sd = seq.downcast::<StrData>().expect("str");
                    // `index` is a byte offset for strings.
                    let s = sd.as_str();
                    match s[i.min(s.len())..].chars().next() {
                        Some(c) => {
                            *index += c.len_utf8();
                            return Step::Done(Some(types::str::new_char(c)));
                        }
                        None => None,
                    }
                }
                Kind::Bytes => seq
                    .downcast::<BytesData>()
                    .expect("bytes")
                    .0
                    .get(i)
                    .map(|b| Value::small(*b as i64)),
                _ => None,
            };
            match r {
                Some(v) => {
                    *index += 1;
                    Step::Done(Some(v))
                }
                None => {
                    *s = IterState::Exhausted;
                    Step::Done(None)
                }
            }
        }
        IterState::Dict {
            dict,
            pos,
            len,
            part,
        } => {
            let dd = dict.downcast::<DictData>().expect("dict");
            if dd.len() != *len {
                *len = usize::MAX;
                return Step::DictChanged;
            }
            match dd.entry_from(*pos) {
                Some((p, k, v)) => {
                    *pos = p;
                    Step::Done(Some(match part {
                        DictPart::Keys => k,
                        DictPart::Values => v,
                        DictPart::Items => types::new_tuple(vec![k, v]),
                    }))
                }
                None => Step::Done(None),
            }
        }
        IterState::Set { set, pos, len } => {
            let sd = set.downcast::<SetData>().expect("set");
            if sd.len() != *len {
                *len = usize::MAX;
                return Step::SetChanged;
            }
            match sd.entry_from(*pos) {
                Some((p, k)) => {
                    *pos = p;
                    Step::Done(Some(k))
                }
                None => Step::Done(None),
            }
        }
        IterState::Enumerate { it, count } => Step::Enumerate(it.clone(), count.clone()),
        IterState::Zip { its, strict } => Step::Zip(its.clone(), *strict),
        IterState::Map { func, its } => Step::Map(func.clone(), its.clone()),
        IterState::Filter { func, it } => Step::Filter(func.clone(), it.clone()),
        IterState::Reversed { seq, next } => {
            if *next == 0 {
                return Step::Done(None);
            }
            let i = *next - 1;
            let r = match seq.kind() {
                Kind::List => seq.downcast::<ListData>().expect("list").get(i),
                Kind::Tuple => seq
                    .downcast::<TupleData>()
                    .expect("tuple")
                    .items()
                    .get(i)
                    .cloned(),
                Kind::Str => seq
                    .downcast::<StrData>()
                    .expect("str")
                    .char_at(i)
                    .map(types::str::new_char),
                Kind::Bytes => seq
                    .downcast::<BytesData>()
                    .expect("bytes")
                    .0
                    .get(i)
                    .map(|b| Value::small(*b as i64)),
                Kind::Range => {
                    let r = seq.downcast::<types::RangeData>().expect("range");
                    Some(types::new_int(r.start + r.step * i as i64))
                }
                _ => return Step::GetItem(seq.clone(), i as i64),
            };
            *next = i;
            Step::Done(r)
        }
        IterState::Callable { func, sentinel } => Step::Callable(func.clone(), sentinel.clone()),
        IterState::GetItem { obj, index } => Step::GetItem(obj.clone(), *index),
        IterState::Values { items, index } => {
            let r = items.get(*index).cloned();
            *index += 1;
            Step::Done(r)
        }
        IterState::DictView { .. } | IterState::Exhausted => Step::Done(None),
    });
    match step {
        Step::Done(v) => Ok(v),
        Step::DictChanged => Err(runtime_error("dictionary changed size during iteration")),
        Step::SetChanged => Err(runtime_error("Set changed size during iteration")),
        Step::Enumerate(inner, count) => match next(vm, &inner)? {
            None => Ok(None),
            Some(v) => {
                let nc = super::ops::binary_op(
                    vm,
                    &count,
                    &Value::small(1),
                    crate::compiler::opcodes::BinOp::Add,
                    false,
                )?;
                d.state.with(|s| {
                    if let IterState::Enumerate { count, .. } = s {
                        *count = nc;
                    }
                });
                Ok(Some(types::new_tuple(vec![count, v])))
            }
        },
        Step::Zip(its, strict) => {
            let its = its.downcast::<TupleData>().map_or(&[][..], |t| t.items());
            if its.is_empty() {
                return Ok(None);
            }
            let mut out = Vec::with_capacity(its.len());
            for (i, x) in its.iter().enumerate() {
                match next(vm, x)? {
                    Some(v) => out.push(v),
                    None => {
                        if strict {
                            if i > 0 {
                                return Err(exc::value_error(format!(
                                    "zip() argument {} is shorter than argument{} 1{}",
                                    i + 1,
                                    if i > 1 { "s" } else { "" },
                                    if i > 1 {
                                        format!("-{i}")
                                    } else {
                                        String::new()
                                    }
                                )));
                            }
                            for (j, y) in its.iter().enumerate().skip(1) {
                                if next(vm, y)?.is_some() {
                                    return Err(exc::value_error(format!(
                                        "zip() argument {} is longer than argument{} 1{}",
                                        j + 1,
                                        if j > 1 { "s" } else { "" },
                                        if j > 1 {
                                            format!("-{j}")
                                        } else {
                                            String::new()
                                        }
                                    )));
                                }
                            }
                        }
                        return Ok(None);
                    }
                }
            }
            Ok(Some(types::new_tuple(out)))
        }
        Step::Map(func, its) => {
            let mut args = Vec::with_capacity(its.len());
            for x in &its {
                match next(vm, x)? {
                    Some(v) => args.push(v),
                    None => return Ok(None),
                }
            }
            Ok(Some(call(vm, &func, &args)?))
        }
        Step::Filter(func, inner) => loop {
            let Some(v) = next(vm, &inner)? else {
                return Ok(None);
            };
            let keep = if types::is_none(&func) {
                truthy(vm, &v)?
            } else {
                let r = call(vm, &func, std::slice::from_ref(&v))?;
                truthy(vm, &r)?
            };
            if keep {
                return Ok(Some(v));
            }
        },
        Step::Callable(func, sentinel) => {
            let v = call(vm, &func, &[])?;
            if super::protocol::eq(vm, &v, &sentinel)? {
                d.state.replace(IterState::Exhausted);
                return Ok(None);
            }
            Ok(Some(v))
        }
        Step::GetItem(obj, index) => {
            match super::containers::getitem(vm, &obj, &types::new_int(index)) {
                Ok(v) => {
                    d.state.with(|s| match s {
                        IterState::GetItem { index, .. } => *index += 1,
                        IterState::Reversed { next, .. } => *next -= 1,
                        _ => {}
                    });
                    Ok(Some(v))
                }
                Err(e)
                    if is_stop_iteration(&e)
                        || super::protocol::is_instance(
                            &e.0,
                            types::exc_types().index_error.v(),
                        ) =>
                {
                    d.state.replace(IterState::Exhausted);
                    Ok(None)
                }
                Err(e) => Err(e),
            }
        }
    }
}

/// Result of resuming a generator or sub-iterator.
pub enum SendResult {
    /// It yielded a value.
    Yielded(Value),
    /// It finished with a return value.
    Returned(Value),
}

/// Resumes a generator, sending `value` (or throwing `throw`).
pub fn gen_resume(
    vm: &mut Vm,
    gen: &Value,
    value: Value,
    throw: Option<PyErr>,
) -> PyResult<SendResult> {
    let g = gen.downcast::<GeneratorData>().expect("generator");
    // Claiming the generator's frame is one atomic exchange, so two threads
    // resuming it at once cannot both run it: the second gets the error.
    let mut frame = match g.frame.take() {
        Ok(f) => f,
        Err(Unclaimed::Busy) => return Err(exc::value_error("generator already executing")),
        Err(Unclaimed::Done) => {
            if let Some(e) = throw {
                return Err(e);
            }
            return Ok(SendResult::Returned(types::none()));
        }
    };
    if frame.ip == 0 && throw.is_none() {
        if !types::is_none(&value) {
            g.frame.put_back(frame);
            return Err(type_error(
                "can't send non-None value to a just-started generator",
            ));
        }
    } else if throw.is_none() {
        frame.stack.push(value);
    }
    let out = (vm.drive)(vm, frame, throw);
    match out {
        super::eval::Outcome::Yield(v, f) => {
            g.frame.put_back(f);
            Ok(SendResult::Yielded(v))
        }
        super::eval::Outcome::Return(v, f) => {
            g.frame.finish();
            vm.recycle_frame(f);
            Ok(SendResult::Returned(v))
        }
        super::eval::Outcome::Error(e) => {
            g.frame.finish();
            Err(super::gen_inline::escaped(e))
        }
    }
}

/// SEND for `yield from`: forwards a value to a sub-iterator.
pub fn send(vm: &mut Vm, it: &Value, value: Value) -> PyResult<SendResult> {
    if it.kind() == Kind::Generator {
        return gen_resume(vm, it, value, None);
    }
    if types::is_none(&value) {
        next_with_stop_value(vm, it)
    } else {
        let m = super::attr::getattr_str(vm, it, "send")?;
        match call(vm, &m, &[value]) {
            Ok(v) => Ok(SendResult::Yielded(v)),
            Err(e) if is_stop_iteration(&e) => Ok(SendResult::Returned(stop_value(&e))),
            Err(e) => Err(e),
        }
    }
}

fn next_with_stop_value(vm: &mut Vm, it: &Value) -> PyResult<SendResult> {
    match it.kind() {
        Kind::Iterator => Ok(match native_next(vm, it)? {
            Some(v) => SendResult::Yielded(v),
            None => SendResult::Returned(types::none()),
        }),
        _ => {
            let Some(f) = lookup_special_name(it, crate::name!("__next__")) else {
                return Err(type_error(format!(
                    "'{}' object is not an iterator",
                    type_name(it)
                )));
            };
            match call(vm, &f, std::slice::from_ref(it)) {
                Ok(v) => Ok(SendResult::Yielded(v)),
                Err(e) if is_stop_iteration(&e) => Ok(SendResult::Returned(stop_value(&e))),
                Err(e) => Err(e),
            }
        }
    }
}

/// `generator.close()`.
pub fn gen_close(vm: &mut Vm, gen: &Value) -> PyResult<()> {
    let g = gen.downcast::<GeneratorData>().expect("generator");
    let started = g.frame.inspect(|f| f.ip > 0);
    match started {
        None => Ok(()),
        Some(false) => {
            if let Some(f) = g.frame.take_for_good() {
                vm.recycle_frame(f);
            }
            Ok(())
        }
        Some(true) => {
            let ge = PyErr(exc::new_exception(
                types::exc_types().generator_exit.v(),
                vec![],
            ));
            match gen_resume(vm, gen, types::none(), Some(ge)) {
                Ok(SendResult::Yielded(_)) => Err(runtime_error("generator ignored GeneratorExit")),
                Ok(SendResult::Returned(_)) => Ok(()),
                Err(e) => {
                    if super::protocol::is_instance(&e.0, types::exc_types().generator_exit.v()) {
                        Ok(())
                    } else {
                        Err(e)
                    }
                }
            }
        }
    }
}

/// Collects an iterable into a vector.
pub fn collect(vm: &mut Vm, v: &Value) -> PyResult<Vec<Value>> {
    match v.kind() {
        Kind::List if native_iter(v) => {
            return Ok(v.downcast::<ListData>().expect("list").snapshot())
        }
        Kind::Tuple if native_iter(v) => {
            return Ok(v.downcast::<TupleData>().expect("tuple").items().to_vec())
        }
        _ => {}
    }
    let it = iter(vm, v)?;
    let mut out = Vec::new();
    while let Some(x) = next(vm, &it)? {
        out.push(x);
    }
    Ok(out)
}

/// [`collect`] consuming `v`: an exact list that nothing else references
/// (a temporary, as the slice in `a[i:j] = b[k::-1]`) gives up its items
/// without a copy or any count, as CPython's `list_ass_slice` uses a list
/// operand's items in place.
pub fn collect_owned(vm: &mut Vm, v: Value) -> PyResult<Vec<Value>> {
    if let Some(h) = v.header() {
        if h.ob_type == types::builtin_types().list.as_ptr() && refcount::is_uniquely_referenced(h)
        {
            let l = v.downcast::<ListData>().expect("list");
            return Ok(l.with_items(|s| s.take_vec_unread()));
        }
    }
    collect(vm, &v)
}

/// Unpacks exactly `n` values.
pub fn unpack(vm: &mut Vm, v: &Value, n: usize) -> PyResult<Vec<Value>> {
    if v.type_ptr() == types::builtin_types().list.as_ptr() {
        // An exact list of the right length: its items, copied in one
        // access (CPython's UNPACK_SEQUENCE_LIST).
        if let Some(items) = v
            .downcast::<types::ListData>()
            .and_then(|l| l.with_items(|s| (s.len() == n).then(|| s.to_vec())))
        {
            return Ok(items);
        }
    }
    let it = match iter(vm, v) {
        Ok(it) => it,
        Err(e) => {
            // Not iterable at all (no `__iter__`, no `__getitem__`) gets the
            // unpacking message; an error raised by an `__iter__` stays.
            if super::protocol::is_instance(&e.0, types::exc_types().type_error.v())
                && lookup_special_name(v, crate::name!("__iter__")).is_none()
                && lookup_special_name(v, crate::name!("__getitem__")).is_none()
            {
                return Err(type_error(format!(
                    "cannot unpack non-iterable {} object",
                    type_name(v)
                )));
            }
            return Err(e);
        }
    };
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        match next(vm, &it)? {
            Some(x) => out.push(x),
            None => {
                return Err(exc::value_error(format!(
                    "not enough values to unpack (expected {n}, got {})",
                    out.len()
                )))
            }
        }
    }
    if next(vm, &it)?.is_some() {
        return Err(exc::value_error(format!(
            "too many values to unpack (expected {n})"
        )));
    }
    Ok(out)
}
