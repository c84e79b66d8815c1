//! `str`: the constructor and the searching, splitting, padding and
//! translation methods, plus the dunder methods (`__len__`, `__add__`, ...)
//! that explicit calls such as `str.__len__(s)` reach. Case conversions and
//! predicates live in `str_case.rs`.

use super::{m, sm, Method};
use crate::compiler::opcodes::CmpOp;
use crate::object::{Kind, Value};
use crate::types::exception::{type_error, value_error};
use crate::types::{self, str::as_str, Kwargs, PyResult, StrData};
use crate::vm::protocol::type_name;
use crate::vm::Vm;

/// `str(object='')`, `str(bytes, encoding='utf-8', errors='strict')`.
pub fn str_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    for (k, _) in kw.iter() {
        if !matches!(k, "object" | "encoding" | "errors") {
            return Err(type_error(format!("'{k}' is an invalid keyword argument for str()")));
        }
    }
    if args.len() > 4 {
        return Err(type_error(format!("str() takes at most 3 arguments ({} given)", args.len() - 1)));
    }
    let Some(o) = super::arg_or_kw(args, &kw, 1, "object") else {
        return Ok(types::new_str(""));
    };
    if super::arg_or_kw(args, &kw, 2, "encoding").is_some() || super::arg_or_kw(args, &kw, 3, "errors").is_some() {
        let (codec, errors) = super::codec::codec_args(args, &kw, 2, "str")?;
        return match super::bytes::bytes_like(o) {
            Some(b) => Ok(types::new_str(super::codec::decode(&b, codec, &errors)?)),
            None if o.kind() == Kind::Str => Err(type_error("decoding str is not supported")),
            None => Err(type_error(format!(
                "decoding to str: need a bytes-like object, {} found",
                type_name(o)
            ))),
        };
    }
    crate::vm::protocol::str(vm, o)
}

/// Methods whose argument-count errors use the old `name() takes at most N
/// arguments (M given)` wording.
const OLD_STYLE: &[&str] = &[
    "find", "rfind", "index", "rindex", "count", "startswith", "endswith", "encode", "decode", "split",
    "rsplit", "hex", "expandtabs", "splitlines",
];

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Checks a method call's receiver (`args[0]`, which must be an `owner`:
/// `"str"`, `"bytes"` (or a `bytearray`) or `"bytearray"`) and its count of
/// positional arguments after the receiver, with CPython's messages.
pub fn check_call(args: &[Value], owner: &str, name: &str, min: usize, max: usize) -> PyResult<()> {
    let recv = args.first();
    let ba = recv.is_some_and(super::bytearray::is_bytearray);
    let ok = recv.is_some_and(|r| match owner {
        "str" => r.kind() == Kind::Str,
        "bytes" => r.kind() == Kind::Bytes || ba,
        _ => ba,
    });
    if !ok {
        return Err(type_error(match recv {
            Some(r) => format!(
                "descriptor '{name}' for '{owner}' objects doesn't apply to a '{}' object",
                type_name(r)
            ),
            None => format!("descriptor '{name}' of '{owner}' object needs an argument"),
        }));
    }
    let owner = if ba { "bytearray" } else { owner };
    let n = args.len() - 1;
    if n >= min && n <= max {
        return Ok(());
    }
    Err(type_error(if name.starts_with("__") {
        format!("expected {max} argument{}, got {n}", plural(max))
    } else if min == max && min <= 1 {
        let what = if min == 0 { "no arguments" } else { "exactly one argument" };
        format!("{owner}.{name}() takes {what} ({n} given)")
    } else if OLD_STYLE.contains(&name) {
        let (which, k) = if n < min { ("least", min) } else { ("most", max) };
        format!("{name}() takes at {which} {k} argument{} ({n} given)", plural(k))
    } else {
        let (which, k) = if n < min { ("least", min) } else { ("most", max) };
        format!("{name} expected at {which} {k} argument{}, got {n}", plural(k))
    }))
}

/// `check_call` for `str` methods, with counts that include the receiver.
fn nargs(name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    check_call(args, "str", name, min - 1, max - 1)
}

/// The receiver as text.
pub fn this(args: &[Value]) -> PyResult<&str> {
    args.first()
        .and_then(as_str)
        .ok_or_else(|| type_error("descriptor requires a 'str' object"))
}

fn this_data(args: &[Value]) -> PyResult<&StrData> {
    args.first()
        .and_then(|v| v.downcast::<StrData>())
        .ok_or_else(|| type_error("descriptor requires a 'str' object"))
}

/// Argument `i` as text, with CPython's error.
pub fn str_arg<'a>(args: &'a [Value], i: usize, fname: &str) -> PyResult<&'a str> {
    let v = super::arg(args, i, fname)?;
    as_str(v).ok_or_else(|| type_error(format!("{fname}() argument {i} must be str, not {}", type_name(v))))
}

/// An optional slice-index argument (`None` or an int), clamped to i64.
pub fn slice_index(v: Option<&Value>) -> PyResult<Option<i64>> {
    match v {
        None => Ok(None),
        Some(x) if types::is_none(x) => Ok(None),
        Some(x) => {
            if let Some(i) = types::bigint::to_i64(x) {
                return Ok(Some(i));
            }
            if let Some(b) = types::bigint::to_bigint(x) {
                return Ok(Some(if b.sign() == num_bigint::Sign::Minus { i64::MIN } else { i64::MAX }));
            }
            crate::vm::protocol::index_value(x)
                .map(Some)
                .map_err(|_| type_error("slice indices must be integers or None or have an __index__ method"))
        }
    }
}

/// CPython's `ADJUST_INDICES` on the optional `start`/`end` arguments at
/// positions `i` and `i + 1`: returns `(start, end)` where `end <= len` but
/// `start` may exceed it.
pub fn adjust_indices(args: &[Value], i: usize, len: usize) -> PyResult<(usize, usize)> {
    let len = len as i64;
    let mut start = slice_index(args.get(i))?.unwrap_or(0);
    let mut end = slice_index(args.get(i + 1))?.unwrap_or(len);
    if end > len {
        end = len;
    } else if end < 0 {
        end = (end + len).max(0);
    }
    if start < 0 {
        start = (start + len).max(0);
    }
    Ok((start as usize, end as usize))
}

/// Byte offset of character index `ci` in `s` (clamped to the end).
fn byte_at(s: &StrData, ci: usize) -> usize {
    s.byte_offset(ci)
}

fn char_count(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

fn join(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("join", args, 2, 2)?;
    let sep = this(args)?;
    let items = crate::vm::iteration::collect(vm, &args[1]).map_err(|e| {
        if crate::vm::protocol::is_instance(&e.0, types::exc_types().type_error.v())
            && crate::vm::iteration::iter(vm, &args[1]).is_err()
        {
            type_error("can only join an iterable")
        } else {
            e
        }
    })?;
    let mut out = String::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        match as_str(x) {
            Some(s) => out.push_str(s),
            None => {
                return Err(type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    type_name(x)
                )))
            }
        }
    }
    Ok(types::new_str(out))
}

fn sep_maxsplit<'a>(args: &'a [Value], kw: &Kwargs<'a>, fname: &str) -> PyResult<(Option<&'a str>, i64)> {
    nargs(fname, args, 1, 3)?;
    for (k, _) in kw.iter() {
        if k != "sep" && k != "maxsplit" {
            return Err(type_error(format!("'{k}' is an invalid keyword argument for {fname}()")));
        }
    }
    let sep = match super::arg_or_kw(args, kw, 1, "sep") {
        None => None,
        Some(v) if types::is_none(v) => None,
        Some(v) => {
            let s = as_str(v).ok_or_else(|| type_error(format!("must be str or None, not {}", type_name(v))))?;
            if s.is_empty() {
                return Err(value_error("empty separator"));
            }
            Some(s)
        }
    };
    let max = match super::arg_or_kw(args, kw, 2, "maxsplit") {
        None => -1,
        Some(v) => crate::vm::protocol::index_value(v)?,
    };
    Ok((sep, max))
}

/// `str.split` on whitespace runs.
fn split_whitespace(s: &str, max: i64) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s.trim_start_matches(crate::format::is_py_space);
    let mut n = 0;
    while !rest.is_empty() {
        if max >= 0 && n >= max {
            out.push(rest);
            break;
        }
        let end = rest.find(crate::format::is_py_space).unwrap_or(rest.len());
        out.push(&rest[..end]);
        rest = rest[end..].trim_start_matches(crate::format::is_py_space);
        n += 1;
    }
    out
}

/// `str.rsplit` on whitespace runs (result in reverse order).
fn rsplit_whitespace(s: &str, max: i64) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s.trim_end_matches(crate::format::is_py_space);
    let mut n = 0;
    while !rest.is_empty() {
        if max >= 0 && n >= max {
            out.push(rest);
            break;
        }
        let start = rest
            .char_indices()
            .rev()
            .find(|&(_, c)| crate::format::is_py_space(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        out.push(&rest[start..]);
        rest = rest[..start].trim_end_matches(crate::format::is_py_space);
        n += 1;
    }
    out
}

fn split(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let s = this(args)?;
    let (sep, max) = sep_maxsplit(args, &kw, "split")?;
    let parts: Vec<&str> = match sep {
        Some(sep) if max < 0 => s.split(sep).collect(),
        Some(sep) => s.splitn(max as usize + 1, sep).collect(),
        None => split_whitespace(s, max),
    };
    Ok(types::new_list(parts.into_iter().map(types::new_str).collect()))
}

fn rsplit(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let s = this(args)?;
    let (sep, max) = sep_maxsplit(args, &kw, "rsplit")?;
    let mut parts: Vec<&str> = match sep {
        Some(sep) if max < 0 => s.rsplit(sep).collect(),
        Some(sep) => s.rsplitn(max as usize + 1, sep).collect(),
        None => rsplit_whitespace(s, max),
    };
    parts.reverse();
    Ok(types::new_list(parts.into_iter().map(types::new_str).collect()))
}

/// True for the characters `str.splitlines` breaks on.
pub fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Reads `keepends` (position 1 or keyword) as a truth value.
pub fn keepends_arg(vm: &mut Vm, args: &[Value], kw: &Kwargs) -> PyResult<bool> {
    for (k, _) in kw.iter() {
        if k != "keepends" {
            return Err(type_error(format!("'{k}' is an invalid keyword argument for splitlines()")));
        }
    }
    match super::arg_or_kw(args, kw, 1, "keepends") {
        None => Ok(false),
        Some(v) => {
            if v.kind() == Kind::Float {
                return Err(type_error("'float' object cannot be interpreted as an integer"));
            }
            crate::vm::protocol::truthy(vm, v)
        }
    }
}

fn splitlines(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nargs("splitlines", args, 1, 2)?;
    let keep = keepends_arg(vm, args, &kw)?;
    let s = this(args)?;
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !is_line_break(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c == '\r' && it.peek().is_some_and(|&(_, n)| n == '\n') {
            it.next();
            end += 1;
        }
        out.push(types::new_str(&s[start..if keep { end } else { i }]));
        start = end;
    }
    if start < s.len() {
        out.push(types::new_str(&s[start..]));
    }
    Ok(types::new_list(out))
}

fn strip_impl(args: &[Value], fname: &str, left: bool, right: bool) -> PyResult<Value> {
    nargs(fname, args, 1, 2)?;
    let s = this(args)?;
    let r = match args.get(1) {
        Some(v) if !types::is_none(v) => {
            let c = as_str(v).ok_or_else(|| type_error(format!("{fname} arg must be None or str")))?;
            let f = |x: char| c.contains(x);
            match (left, right) {
                (true, true) => s.trim_matches(f),
                (true, false) => s.trim_start_matches(f),
                _ => s.trim_end_matches(f),
            }
        }
        _ => {
            let f = crate::format::is_py_space;
            match (left, right) {
                (true, true) => s.trim_matches(f),
                (true, false) => s.trim_start_matches(f),
                _ => s.trim_end_matches(f),
            }
        }
    };
    if r.len() == s.len() {
        return Ok(args[0].clone());
    }
    Ok(types::new_str(r))
}

fn strip(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    strip_impl(args, "strip", true, true)
}

fn lstrip(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    strip_impl(args, "lstrip", true, false)
}

fn rstrip(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    strip_impl(args, "rstrip", false, true)
}

fn replace(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("replace", args, 3, 4)?;
    let s = this(args)?;
    let old = str_arg(args, 1, "replace")?;
    let new = str_arg(args, 2, "replace")?;
    let count = match args.get(3) {
        Some(c) => crate::vm::protocol::index_value(c)?,
        None => -1,
    };
    Ok(types::new_str(if count < 0 {
        s.replace(old, new)
    } else {
        s.replacen(old, new, count as usize)
    }))
}

fn format(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let s = this(args)?.to_string();
    crate::vm::formatting::str_format(vm, &s, &args[1..], kw)
}

fn format_map(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("format_map", args, 2, 2)?;
    let s = this(args)?.to_string();
    crate::vm::formatting::str_format_map(vm, &s, &args[1])
}

/// CPython's `tailmatch`: does `sub` match `s[start:end]` at its start
/// (`ends == false`) or end, in character indices.
fn tail_match(s: &StrData, sub: &str, start: usize, end: usize, ends: bool) -> bool {
    let sub_len = char_count(sub);
    if end < sub_len || end - sub_len < start {
        return false;
    }
    if sub_len == 0 {
        return true;
    }
    let at = if ends { end - sub_len } else { start };
    let b0 = byte_at(s, at);
    s.as_str()[b0..].starts_with(sub) && byte_at(s, at + sub_len) == b0 + sub.len()
}

fn prefix_check(args: &[Value], fname: &str, ends: bool) -> PyResult<Value> {
    nargs(fname, args, 2, 4)?;
    let s = this_data(args)?;
    let (start, end) = adjust_indices(args, 2, s.char_len())?;
    let err = |v: &Value| {
        type_error(format!(
            "{fname} first arg must be str or a tuple of str, not {}",
            type_name(v)
        ))
    };
    if let Some(t) = args[1].downcast::<types::TupleData>() {
        for c in t.items() {
            let p = as_str(c).ok_or_else(|| {
                type_error(format!(
                    "tuple for {fname} must only contain str, not {}",
                    type_name(c)
                ))
            })?;
            if tail_match(s, p, start, end, ends) {
                return Ok(types::bool_value(true));
            }
        }
        return Ok(types::bool_value(false));
    }
    let p = as_str(&args[1]).ok_or_else(|| err(&args[1]))?;
    Ok(types::bool_value(tail_match(s, p, start, end, ends)))
}

fn startswith(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    prefix_check(args, "startswith", false)
}

fn endswith(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    prefix_check(args, "endswith", true)
}

fn find_chars(s: &StrData, sub: &str, start: usize, end: usize, reverse: bool) -> Option<usize> {
    if end < start || end - start < char_count(sub) {
        return None;
    }
    let (b0, b1) = (byte_at(s, start), byte_at(s, end));
    let hay = &s.as_str()[b0..b1];
    let pos = if reverse { hay.rfind(sub) } else { hay.find(sub) }?;
    Some(start + char_count(&hay[..pos]))
}

fn find_impl(args: &[Value], fname: &str, reverse: bool) -> PyResult<Option<usize>> {
    nargs(fname, args, 2, 4)?;
    let s = this_data(args)?;
    let sub = as_str(&args[1])
        .ok_or_else(|| type_error(format!("must be str, not {}", type_name(&args[1]))))?;
    let (start, end) = adjust_indices(args, 2, s.char_len())?;
    Ok(find_chars(s, sub, start, end, reverse))
}

fn find(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_int(find_impl(args, "find", false)?.map_or(-1, |i| i as i64)))
}

fn rfind(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_int(find_impl(args, "rfind", true)?.map_or(-1, |i| i as i64)))
}

fn index(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    match find_impl(args, "index", false)? {
        Some(i) => Ok(types::new_int(i as i64)),
        None => Err(value_error("substring not found")),
    }
}

fn rindex(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    match find_impl(args, "rindex", true)? {
        Some(i) => Ok(types::new_int(i as i64)),
        None => Err(value_error("substring not found")),
    }
}

fn count(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("count", args, 2, 4)?;
    let s = this_data(args)?;
    let sub = as_str(&args[1])
        .ok_or_else(|| type_error(format!("must be str, not {}", type_name(&args[1]))))?;
    let (start, end) = adjust_indices(args, 2, s.char_len())?;
    if end < start || end - start < char_count(sub) {
        return Ok(Value::small(0));
    }
    if sub.is_empty() {
        return Ok(types::new_int((end - start) as i64 + 1));
    }
    let hay = &s.as_str()[byte_at(s, start)..byte_at(s, end)];
    Ok(types::new_int(hay.matches(sub).count() as i64))
}

fn partition_impl(args: &[Value], fname: &str, reverse: bool) -> PyResult<Value> {
    nargs(fname, args, 2, 2)?;
    let s = this(args)?;
    let sep = as_str(&args[1]).ok_or_else(|| type_error(format!("must be str, not {}", type_name(&args[1]))))?;
    if sep.is_empty() {
        return Err(value_error("empty separator"));
    }
    let empty = || types::new_str("");
    let pos = if reverse { s.rfind(sep) } else { s.find(sep) };
    Ok(types::new_tuple(match pos {
        Some(i) => vec![
            types::new_str(&s[..i]),
            args[1].clone(),
            types::new_str(&s[i + sep.len()..]),
        ],
        None if reverse => vec![empty(), empty(), args[0].clone()],
        None => vec![args[0].clone(), empty(), empty()],
    }))
}

fn partition(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    partition_impl(args, "partition", false)
}

fn rpartition(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    partition_impl(args, "rpartition", true)
}

fn remove_affix(args: &[Value], fname: &str, suffix: bool) -> PyResult<Value> {
    nargs(fname, args, 2, 2)?;
    let s = this(args)?;
    let a = as_str(&args[1])
        .ok_or_else(|| type_error(format!("{fname}() argument must be str, not {}", type_name(&args[1]))))?;
    let r = if suffix { s.strip_suffix(a) } else { s.strip_prefix(a) };
    match r {
        Some(r) if !a.is_empty() => Ok(types::new_str(r)),
        _ => Ok(args[0].clone()),
    }
}

fn removeprefix(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    remove_affix(args, "removeprefix", false)
}

fn removesuffix(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    remove_affix(args, "removesuffix", true)
}

/// How `pad` distributes the fill.
#[derive(Clone, Copy)]
enum Align {
    Left,
    Right,
    Center,
}

fn pad(args: &[Value], fname: &str, align: Align) -> PyResult<Value> {
    nargs(fname, args, 2, 3)?;
    let s = this_data(args)?;
    let width = crate::vm::protocol::index_value(&args[1])?;
    let fill = match args.get(2) {
        None => ' ',
        Some(v) => {
            let f = as_str(v).ok_or_else(|| {
                type_error(format!("The fill character must be a unicode character, not {}", type_name(v)))
            })?;
            let mut it = f.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => c,
                _ => return Err(type_error("The fill character must be exactly one character long")),
            }
        }
    };
    let len = s.char_len() as i64;
    if width <= len {
        return Ok(args[0].clone());
    }
    let marg = width - len;
    let left = match align {
        Align::Left => 0,
        Align::Right => marg,
        Align::Center => marg / 2 + (marg & width & 1),
    };
    let mut out = String::with_capacity(s.as_str().len() + marg as usize);
    out.extend(std::iter::repeat_n(fill, left as usize));
    out.push_str(s.as_str());
    out.extend(std::iter::repeat_n(fill, (marg - left) as usize));
    Ok(types::new_str(out))
}

fn center(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    pad(args, "center", Align::Center)
}

fn ljust(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    pad(args, "ljust", Align::Left)
}

fn rjust(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    pad(args, "rjust", Align::Right)
}

fn zfill(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("zfill", args, 2, 2)?;
    let s = this_data(args)?;
    let width = crate::vm::protocol::index_value(&args[1])?;
    let len = s.char_len() as i64;
    if width <= len {
        return Ok(args[0].clone());
    }
    let text = s.as_str();
    let zeros = "0".repeat((width - len) as usize);
    let out = match text.strip_prefix(['+', '-']) {
        Some(rest) => format!("{}{zeros}{rest}", &text[..1]),
        None => format!("{zeros}{text}"),
    };
    Ok(types::new_str(out))
}

fn expandtabs(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nargs("expandtabs", args, 1, 2)?;
    let s = this(args)?;
    let tab = match super::arg_or_kw(args, &kw, 1, "tabsize") {
        Some(v) => crate::vm::protocol::index_value(v)?,
        None => 8,
    };
    let mut out = String::with_capacity(s.len());
    let mut col: i64 = 0;
    for c in s.chars() {
        match c {
            '\t' => {
                if tab > 0 {
                    let n = tab - col % tab;
                    col += n;
                    out.extend(std::iter::repeat_n(' ', n as usize));
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(types::new_str(out))
}

fn encode(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nargs("encode", args, 1, 3)?;
    let s = this(args)?;
    let (codec, errors) = super::codec::codec_args(args, &kw, 1, "encode")?;
    Ok(types::misc::new_bytes(super::codec::encode(s, codec, &errors)?))
}

fn maketrans(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    match args.len() {
        0 => return Err(type_error("maketrans expected at least 1 argument, got 0")),
        n if n > 3 => return Err(type_error(format!("maketrans expected at most 3 arguments, got {n}"))),
        _ => {}
    }
    let out = types::new_dict();
    if args.len() == 1 {
        let d = args[0]
            .downcast::<types::DictData>()
            .ok_or_else(|| type_error("if you give only one argument to maketrans it must be a dict"))?;
        for (k, v) in d.items() {
            let key = if let Some(s) = as_str(&k) {
                let mut it = s.chars();
                match (it.next(), it.next()) {
                    (Some(c), None) => types::new_int(c as i64),
                    _ => return Err(value_error("string keys in translate table must be of length 1")),
                }
            } else if types::bigint::is_int_like(&k) {
                k.clone()
            } else {
                return Err(type_error("keys in translate table must be strings or integers"));
            };
            crate::vm::containers::dict_set(vm, &out, key, v)?;
        }
        return Ok(out);
    }
    let x = as_str(&args[0]).ok_or_else(|| {
        type_error(format!("maketrans() argument 1 must be str, not {}", type_name(&args[0])))
    })?;
    let y = as_str(&args[1]).ok_or_else(|| {
        type_error(format!("maketrans() argument 2 must be str, not {}", type_name(&args[1])))
    })?;
    if char_count(x) != char_count(y) {
        return Err(value_error("the first two maketrans arguments must have equal length"));
    }
    for (a, b) in x.chars().zip(y.chars()) {
        crate::vm::containers::dict_set(vm, &out, types::new_int(a as i64), types::new_int(b as i64))?;
    }
    if let Some(z) = args.get(2) {
        let z = as_str(z)
            .ok_or_else(|| type_error(format!("maketrans() argument 3 must be str, not {}", type_name(z))))?;
        for c in z.chars() {
            crate::vm::containers::dict_set(vm, &out, types::new_int(c as i64), types::none())?;
        }
    }
    Ok(out)
}

/// What `translate` does with one character.
#[derive(Clone)]
enum Trans {
    Keep,
    Delete,
    Text(String),
}

fn translate_lookup(vm: &mut Vm, table: &Value, c: char) -> PyResult<Trans> {
    let key = types::new_int(c as i64);
    let found = if table.kind() == Kind::Dict && table.type_ptr() == types::builtin_types().dict.as_ptr() {
        crate::vm::containers::dict_get(vm, table, &key)?
    } else {
        match crate::vm::containers::getitem(vm, table, &key) {
            Ok(v) => Some(v),
            Err(e) if crate::vm::protocol::is_instance(&e.0, types::exc_types().lookup_error.v()) => None,
            Err(e) => return Err(e),
        }
    };
    let Some(v) = found else { return Ok(Trans::Keep) };
    if types::is_none(&v) {
        return Ok(Trans::Delete);
    }
    if let Some(s) = as_str(&v) {
        return Ok(Trans::Text(s.to_string()));
    }
    if types::bigint::is_int_like(&v) {
        let i = types::bigint::to_i64(&v).unwrap_or(-1);
        return match u32::try_from(i).ok().and_then(char::from_u32) {
            Some(ch) => Ok(Trans::Text(ch.to_string())),
            None => Err(value_error("character mapping must be in range(0x110000)")),
        };
    }
    Err(type_error("character mapping must return integer, None or str"))
}

fn translate(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("translate", args, 2, 2)?;
    let s = this(args)?.to_string();
    let table = args[1].clone();
    let mut cache: std::collections::HashMap<char, Trans> = std::collections::HashMap::new();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let t = match cache.get(&c) {
            Some(t) => t.clone(),
            None => {
                let t = translate_lookup(vm, &table, c)?;
                cache.insert(c, t.clone());
                t
            }
        };
        match t {
            Trans::Keep => out.push(c),
            Trans::Delete => {}
            Trans::Text(x) => out.push_str(&x),
        }
    }
    Ok(types::new_str(out))
}

fn other_str(args: &[Value], fname: &str) -> PyResult<()> {
    nargs(fname, args, 2, 2)?;
    this(args).map(drop)
}

fn dunder_len(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("__len__", args, 1, 1)?;
    Ok(types::new_int(this_data(args)?.char_len() as i64))
}

fn dunder_contains(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    other_str(args, "__contains__")?;
    Ok(types::bool_value(crate::vm::containers::contains(vm, &args[0], &args[1])?))
}

fn dunder_getitem(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    other_str(args, "__getitem__")?;
    crate::vm::containers::getitem(vm, &args[0], &args[1])
}

fn dunder_add(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    other_str(args, "__add__")?;
    let a = this(args)?;
    match as_str(&args[1]) {
        Some(b) => Ok(types::new_str(format!("{a}{b}"))),
        None => Err(type_error(format!(
            "can only concatenate str (not \"{}\") to str",
            type_name(&args[1])
        ))),
    }
}

fn dunder_mul(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    other_str(args, "__mul__")?;
    let s = this(args)?;
    if !types::bigint::is_int_like(&args[1]) {
        return Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(&args[1])
        )));
    }
    let n = crate::vm::protocol::index_value(&args[1])
        .map_err(|_| crate::types::exception::overflow_error("cannot fit 'int' into an index-sized integer"))?;
    let n = n.max(0) as usize;
    if s.len().saturating_mul(n) > 1 << 34 {
        return Err(crate::types::exception::memory_error(""));
    }
    Ok(types::new_str(s.repeat(n)))
}

fn dunder_mod(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    other_str(args, "__mod__")?;
    crate::vm::formatting::percent_format(vm, &args[0], &args[1])
}

fn dunder_rmod(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    other_str(args, "__rmod__")?;
    Ok(types::not_implemented())
}

fn rich_compare(args: &[Value], fname: &str, op: CmpOp) -> PyResult<Value> {
    other_str(args, fname)?;
    let a = this(args)?;
    let Some(b) = as_str(&args[1]) else {
        return Ok(types::not_implemented());
    };
    let o = a.cmp(b);
    Ok(types::bool_value(match op {
        CmpOp::Eq => o.is_eq(),
        CmpOp::Ne => o.is_ne(),
        CmpOp::Lt => o.is_lt(),
        CmpOp::Le => o.is_le(),
        CmpOp::Gt => o.is_gt(),
        CmpOp::Ge => o.is_ge(),
    }))
}

fn dunder_eq(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    rich_compare(args, "__eq__", CmpOp::Eq)
}

fn dunder_ne(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    rich_compare(args, "__ne__", CmpOp::Ne)
}

fn dunder_lt(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    rich_compare(args, "__lt__", CmpOp::Lt)
}

fn dunder_le(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    rich_compare(args, "__le__", CmpOp::Le)
}

fn dunder_gt(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    rich_compare(args, "__gt__", CmpOp::Gt)
}

fn dunder_ge(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    rich_compare(args, "__ge__", CmpOp::Ge)
}

fn dunder_hash(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("__hash__", args, 1, 1)?;
    Ok(types::new_int(this_data(args)?.hash()))
}

fn dunder_iter(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("__iter__", args, 1, 1)?;
    this(args)?;
    Ok(types::iterator::new_iterator(
        types::builtin_types().str_iterator.v(),
        types::iterator::IterState::Seq { seq: args[0].clone(), index: 0 },
    ))
}

fn dunder_repr(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("__repr__", args, 1, 1)?;
    Ok(types::new_str(crate::format::str_repr(this(args)?)))
}

fn dunder_str(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("__str__", args, 1, 1)?;
    let s = this(args)?;
    if args[0].type_ptr() == types::builtin_types().str.as_ptr() {
        return Ok(args[0].clone());
    }
    Ok(types::new_str(s))
}

fn dunder_format(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("__format__", args, 2, 2)?;
    this(args)?;
    let spec = as_str(&args[1]).ok_or_else(|| {
        type_error(format!("__format__() argument must be str, not {}", type_name(&args[1])))
    })?;
    if spec.is_empty() {
        return dunder_str(vm, &args[..1], Kwargs::default());
    }
    crate::vm::formatting::format_builtin(vm, &args[0], spec)
}

fn dunder_getnewargs(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("__getnewargs__", args, 1, 1)?;
    Ok(types::new_tuple(vec![types::new_str(this(args)?)]))
}

/// Methods of `str`.
pub fn methods() -> Vec<Method> {
    let mut v = vec![
        m("join", join),
        m("split", split),
        m("rsplit", rsplit),
        m("splitlines", splitlines),
        m("strip", strip),
        m("lstrip", lstrip),
        m("rstrip", rstrip),
        m("replace", replace),
        m("format", format),
        m("format_map", format_map),
        m("startswith", startswith),
        m("endswith", endswith),
        m("find", find),
        m("rfind", rfind),
        m("index", index),
        m("rindex", rindex),
        m("count", count),
        m("partition", partition),
        m("rpartition", rpartition),
        m("removeprefix", removeprefix),
        m("removesuffix", removesuffix),
        m("center", center),
        m("ljust", ljust),
        m("rjust", rjust),
        m("zfill", zfill),
        m("expandtabs", expandtabs),
        m("encode", encode),
        sm("maketrans", maketrans),
        m("translate", translate),
        m("__len__", dunder_len),
        m("__contains__", dunder_contains),
        m("__getitem__", dunder_getitem),
        m("__add__", dunder_add),
        m("__mul__", dunder_mul),
        m("__rmul__", dunder_mul),
        m("__mod__", dunder_mod),
        m("__rmod__", dunder_rmod),
        m("__eq__", dunder_eq),
        m("__ne__", dunder_ne),
        m("__lt__", dunder_lt),
        m("__le__", dunder_le),
        m("__gt__", dunder_gt),
        m("__ge__", dunder_ge),
        m("__hash__", dunder_hash),
        m("__iter__", dunder_iter),
        m("__repr__", dunder_repr),
        m("__str__", dunder_str),
        m("__format__", dunder_format),
        m("__getnewargs__", dunder_getnewargs),
    ];
    v.extend(super::str_case::methods());
    v
}
