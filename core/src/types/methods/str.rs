//! `str`: the constructor and the searching, splitting, padding and
//! translation methods, plus the dunder methods (`__len__`, `__add__`, ...)
//! that explicit calls such as `str.__len__(s)` reach. Case conversions and
//! predicates live in `str_case.rs`.

use super::{m, Method};
use crate::object::{Kind, Value};
use crate::types::exception::{type_error, value_error};
use crate::types::{self, str::as_str, str_search, Kwargs, PyResult, StrData};
use crate::vm::protocol::type_name;
use crate::vm::Vm;

/// `str(object='')`, `str(bytes, encoding='utf-8', errors='strict')`.
pub fn str_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    if let Some(r) = super::subclass::via_exact(vm, args, kw, &types::builtin_types().str, str_new)
    {
        return r;
    }
    for (k, _) in kw.iter() {
        if !matches!(k, "object" | "encoding" | "errors") {
            return Err(type_error(format!(
                "'{k}' is an invalid keyword argument for str()"
            )));
        }
    }
    if args.len() > 4 {
        return Err(type_error(format!(
            "str() takes at most 3 arguments ({} given)",
            args.len() - 1
        )));
    }
    let Some(o) = super::arg_or_kw(args, &kw, 1, "object") else {
        return Ok(types::new_str(""));
    };
    if super::arg_or_kw(args, &kw, 2, "encoding").is_some()
        || super::arg_or_kw(args, &kw, 3, "errors").is_some()
    {
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
    "find",
    "rfind",
    "index",
    "rindex",
    "count",
    "startswith",
    "endswith",
    "encode",
    "decode",
    "split",
    "rsplit",
    "hex",
    "expandtabs",
    "splitlines",
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
    let n = args.len().wrapping_sub(1);
    if n >= min && n <= max && owner == "str" && args[0].kind() == Kind::Str {
        return Ok(());
    }
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
    if n >= min && n <= max {
        return Ok(());
    }
    Err(type_error(if name.starts_with("__") {
        format!("expected {max} argument{}, got {n}", plural(max))
    } else if min == max && min <= 1 {
        let what = if min == 0 {
            "no arguments"
        } else {
            "exactly one argument"
        };
        format!("{owner}.{name}() takes {what} ({n} given)")
    } else if OLD_STYLE.contains(&name) {
        let (which, k) = if n < min {
            ("least", min)
        } else {
            ("most", max)
        };
        format!(
            "{name}() takes at {which} {k} argument{} ({n} given)",
            plural(k)
        )
    } else {
        let (which, k) = if n < min {
            ("least", min)
        } else {
            ("most", max)
        };
        format!(
            "{name} expected at {which} {k} argument{}, got {n}",
            plural(k)
        )
    }))
}

/// Rejects keyword arguments to a positional-only method, naming the
/// receiver's type as CPython does.
pub fn no_kw(args: &[Value], name: &str, kw: &Kwargs) -> PyResult<()> {
    if kw.is_empty() {
        return Ok(());
    }
    if name.starts_with("__") {
        return Err(type_error(format!(
            "wrapper {name}() takes no keyword arguments"
        )));
    }
    let owner = match args.first() {
        Some(r) if r.kind() == Kind::Type => r
            .downcast::<types::TypeData>()
            .map_or("type".into(), |t| t.name()),
        Some(r) if super::bytearray::is_bytearray(r) => "bytearray".into(),
        Some(r) if r.kind() == Kind::Bytes => "bytes".into(),
        _ => "str".into(),
    };
    Err(type_error(format!(
        "{owner}.{name}() takes no keyword arguments"
    )))
}

/// Rejects keyword arguments other than `allowed`, with CPython's message.
pub fn check_kw(fname: &str, kw: &Kwargs, allowed: &[&str]) -> PyResult<()> {
    match kw.iter().find(|(k, _)| !allowed.contains(k)) {
        Some((k, _)) => Err(type_error(format!(
            "'{k}' is an invalid keyword argument for {fname}()"
        ))),
        None => Ok(()),
    }
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
    as_str(v).ok_or_else(|| {
        type_error(format!(
            "{fname}() argument {i} must be str, not {}",
            type_name(v)
        ))
    })
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
                return Ok(Some(if b.sign() == num_bigint::Sign::Minus {
                    i64::MIN
                } else {
                    i64::MAX
                }));
            }
            crate::vm::protocol::index_value(x).map(Some).map_err(|_| {
                type_error("slice indices must be integers or None or have an __index__ method")
            })
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

fn join(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "join", &kw)?;
    nargs("join", args, 2, 2)?;
    let sep = this(args)?;
    // An exact list is read in place under its lock (nothing here runs
    // Python code), without a copy of its items.
    if args[1].type_ptr() == types::builtin_types().list.as_ptr() {
        let list = args[1].downcast::<types::ListData>().expect("list");
        let out = list.with_items(|s| {
            let words: &[Value] = s.as_slice();
            join_texts(sep, words)
        })?;
        return Ok(types::new_str(out));
    }
    let items = crate::vm::iteration::collect(vm, &args[1]).map_err(|e| {
        if crate::vm::protocol::is_instance(&e.0, types::exc_types().type_error.v())
            && crate::vm::iteration::iter(vm, &args[1]).is_err()
        {
            type_error("can only join an iterable")
        } else {
            e
        }
    })?;
    Ok(types::new_str(join_texts(sep, &items)?))
}

/// `sep` between the texts of `items`, built in one block of the exact
/// size (the length is summed first, as CPython's `_PyUnicode_JoinArray`
/// does): no doubling on the way, no shrinking copy at the end.
fn join_texts(sep: &str, items: &[Value]) -> PyResult<String> {
    let mut total = sep.len() * items.len().saturating_sub(1);
    for (i, x) in items.iter().enumerate() {
        match as_str(x) {
            Some(s) => total += s.len(),
            None => {
                return Err(type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    type_name(x)
                )))
            }
        }
    }
    let mut out = String::with_capacity(total);
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(as_str(x).unwrap_or_default());
    }
    Ok(out)
}

fn sep_maxsplit<'a>(
    args: &'a [Value],
    kw: &Kwargs<'a>,
    fname: &str,
) -> PyResult<(Option<&'a str>, i64)> {
    nargs(fname, args, 1, 3)?;
    check_kw(fname, kw, &["sep", "maxsplit"])?;
    let sep = match super::arg_or_kw(args, kw, 1, "sep") {
        None => None,
        Some(v) if types::is_none(v) => None,
        Some(v) => {
            let s = as_str(v)
                .ok_or_else(|| type_error(format!("must be str or None, not {}", type_name(v))))?;
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
    let parts = match sep {
        Some(sep) => {
            // Straight into a list of the exact size (no vector of slices
            // or of match offsets on the way).
            let max = if max < 0 { usize::MAX } else { max as usize };
            let mut out = Vec::with_capacity(str_search::split_count(s, sep, max));
            str_search::split_each(s, sep, max, |p| out.push(types::new_str(p)));
            out
        }
        None => split_whitespace(s, max)
            .into_iter()
            .map(types::new_str)
            .collect(),
    };
    Ok(types::new_list(parts))
}

fn rsplit(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let s = this(args)?;
    let (sep, max) = sep_maxsplit(args, &kw, "rsplit")?;
    let parts: Vec<&str> = match sep {
        Some(sep) if max < 0 => str_search::rsplit(s, sep, usize::MAX),
        Some(sep) => str_search::rsplit(s, sep, max as usize),
        None => {
            let mut parts = rsplit_whitespace(s, max);
            parts.reverse();
            parts
        }
    };
    Ok(types::new_list(
        parts.into_iter().map(types::new_str).collect(),
    ))
}

/// True for the characters `str.splitlines` breaks on.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// Reads `keepends` (position 1 or keyword) as a truth value.
pub fn keepends_arg(vm: &mut Vm, args: &[Value], kw: &Kwargs) -> PyResult<bool> {
    check_kw("splitlines", kw, &["keepends"])?;
    match super::arg_or_kw(args, kw, 1, "keepends") {
        None => Ok(false),
        Some(v) => {
            if v.kind() == Kind::Float {
                return Err(type_error(
                    "'float' object cannot be interpreted as an integer",
                ));
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
            let c =
                as_str(v).ok_or_else(|| type_error(format!("{fname} arg must be None or str")))?;
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

fn strip(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "strip", &kw)?;
    strip_impl(args, "strip", true, true)
}

fn lstrip(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "lstrip", &kw)?;
    strip_impl(args, "lstrip", true, false)
}

fn rstrip(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "rstrip", &kw)?;
    strip_impl(args, "rstrip", false, true)
}

fn replace(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "replace", &kw)?;
    nargs("replace", args, 3, 4)?;
    let s = this(args)?;
    let old = str_arg(args, 1, "replace")?;
    let new = str_arg(args, 2, "replace")?;
    let count = match args.get(3) {
        Some(c) => crate::vm::protocol::index_value(c)?,
        None => -1,
    };
    let max = if count < 0 {
        usize::MAX
    } else {
        count as usize
    };
    Ok(types::new_str(if old.is_empty() {
        s.replacen(old, new, max)
    } else {
        let out = str_search::replace(s.as_bytes(), old.as_bytes(), new.as_bytes(), max);
        // Whole UTF-8 pieces joined at character boundaries.
        String::from_utf8(out).expect("UTF-8 pieces joined at boundaries")
    }))
}

fn format(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let s = this(args)?.to_string();
    crate::vm::formatting::str_format(vm, &s, &args[1..], kw)
}

fn format_map(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "format_map", &kw)?;
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

fn startswith(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "startswith", &kw)?;
    prefix_check(args, "startswith", false)
}

fn endswith(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "endswith", &kw)?;
    prefix_check(args, "endswith", true)
}

fn find_chars(s: &StrData, sub: &str, start: usize, end: usize, reverse: bool) -> Option<usize> {
    if end < start || end - start < char_count(sub) {
        return None;
    }
    let (b0, b1) = (byte_at(s, start), byte_at(s, end));
    let hay = &s.as_str()[b0..b1];
    let pos = if sub.is_empty() {
        if reverse {
            hay.len()
        } else {
            0
        }
    } else if reverse {
        str_search::rfind(hay.as_bytes(), sub.as_bytes())?
    } else {
        str_search::find(hay.as_bytes(), sub.as_bytes())?
    };
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

fn find(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "find", &kw)?;
    Ok(types::new_int(
        find_impl(args, "find", false)?.map_or(-1, |i| i as i64),
    ))
}

fn rfind(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "rfind", &kw)?;
    Ok(types::new_int(
        find_impl(args, "rfind", true)?.map_or(-1, |i| i as i64),
    ))
}

fn index(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "index", &kw)?;
    match find_impl(args, "index", false)? {
        Some(i) => Ok(types::new_int(i as i64)),
        None => Err(value_error("substring not found")),
    }
}

fn rindex(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "rindex", &kw)?;
    match find_impl(args, "rindex", true)? {
        Some(i) => Ok(types::new_int(i as i64)),
        None => Err(value_error("substring not found")),
    }
}

fn count(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "count", &kw)?;
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
    Ok(types::new_int(
        str_search::count(hay.as_bytes(), sub.as_bytes()) as i64,
    ))
}

fn partition_impl(args: &[Value], fname: &str, reverse: bool) -> PyResult<Value> {
    nargs(fname, args, 2, 2)?;
    let s = this(args)?;
    let sep = as_str(&args[1])
        .ok_or_else(|| type_error(format!("must be str, not {}", type_name(&args[1]))))?;
    if sep.is_empty() {
        return Err(value_error("empty separator"));
    }
    let empty = || types::new_str("");
    let pos = if reverse {
        str_search::rfind(s.as_bytes(), sep.as_bytes())
    } else {
        str_search::find(s.as_bytes(), sep.as_bytes())
    };
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

fn partition(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "partition", &kw)?;
    partition_impl(args, "partition", false)
}

fn rpartition(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "rpartition", &kw)?;
    partition_impl(args, "rpartition", true)
}

fn remove_affix(args: &[Value], fname: &str, suffix: bool) -> PyResult<Value> {
    nargs(fname, args, 2, 2)?;
    let s = this(args)?;
    let a = as_str(&args[1]).ok_or_else(|| {
        type_error(format!(
            "{fname}() argument must be str, not {}",
            type_name(&args[1])
        ))
    })?;
    let r = if suffix {
        s.strip_suffix(a)
    } else {
        s.strip_prefix(a)
    };
    match r {
        Some(r) if !a.is_empty() => Ok(types::new_str(r)),
        _ => Ok(args[0].clone()),
    }
}

fn removeprefix(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "removeprefix", &kw)?;
    remove_affix(args, "removeprefix", false)
}

fn removesuffix(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "removesuffix", &kw)?;
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
                type_error(format!(
                    "The fill character must be a unicode character, not {}",
                    type_name(v)
                ))
            })?;
            let mut it = f.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(type_error(
                        "The fill character must be exactly one character long",
                    ))
                }
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

fn center(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "center", &kw)?;
    pad(args, "center", Align::Center)
}

fn ljust(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "ljust", &kw)?;
    pad(args, "ljust", Align::Left)
}

fn rjust(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "rjust", &kw)?;
    pad(args, "rjust", Align::Right)
}

fn zfill(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "zfill", &kw)?;
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
    check_kw("expandtabs", &kw, &["tabsize"])?;
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
    check_kw("encode", &kw, &["encoding", "errors"])?;
    nargs("encode", args, 1, 3)?;
    let s = this(args)?;
    let (codec, errors) = super::codec::codec_args(args, &kw, 1, "encode")?;
    Ok(types::misc::new_bytes(super::codec::encode(
        s, codec, &errors,
    )?))
}

/// Methods of `str`.
pub fn methods() -> Vec<Method> {
    let mut v = vec![
        super::sm("__new__", str_new),
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
    ];
    v.extend(super::str_ops::methods());
    v.extend(super::str_case::methods());
    v
}
