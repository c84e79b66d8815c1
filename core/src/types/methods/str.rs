//! `str`.

use super::{m, nargs, Method};
use crate::object::{Kind, Value};
use crate::types::exception::{type_error, value_error};
use crate::types::{self, str::as_str, Kwargs, PyResult, StrData};
use crate::vm::protocol::type_name;
use crate::vm::Vm;

/// `str(object='')`, `str(bytes, encoding)`.
pub fn str_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let Some(o) = super::arg_or_kw(args, &kw, 1, "object") else {
        return Ok(types::new_str(""));
    };
    if let (Some(b), Some(_)) = (o.downcast::<types::BytesData>(), super::arg_or_kw(args, &kw, 2, "encoding")) {
        return match std::str::from_utf8(&b.0) {
            Ok(s) => Ok(types::new_str(s)),
            Err(_) => Err(crate::types::exception::unicode_error("'utf-8' codec can't decode bytes")),
        };
    }
    crate::vm::protocol::str(vm, o)
}

/// The receiver as text.
pub fn this(args: &[Value]) -> PyResult<&str> {
    args.first()
        .and_then(as_str)
        .ok_or_else(|| type_error("descriptor requires a 'str' object"))
}

/// Argument `i` as text, with CPython's error.
pub fn str_arg<'a>(args: &'a [Value], i: usize, fname: &str) -> PyResult<&'a str> {
    let v = super::arg(args, i, fname)?;
    as_str(v).ok_or_else(|| {
        type_error(format!(
            "{fname}() argument {} must be str, not {}",
            i,
            type_name(v)
        ))
    })
}

fn join(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("join", args, 2, 2)?;
    let sep = this(args)?;
    let items = crate::vm::iteration::collect(vm, &args[1])?;
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

fn sep_maxsplit<'a>(args: &'a [Value], kw: &Kwargs<'a>) -> PyResult<(Option<&'a str>, i64)> {
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

fn split(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let s = this(args)?;
    let (sep, max) = sep_maxsplit(args, &kw)?;
    let parts: Vec<Value> = match sep {
        Some(sep) => {
            if max < 0 {
                s.split(sep).map(types::new_str).collect()
            } else {
                s.splitn(max as usize + 1, sep).map(types::new_str).collect()
            }
        }
        None => {
            let mut out = Vec::new();
            let mut rest = s.trim_start_matches(crate::format::is_py_space);
            let mut n = 0;
            while !rest.is_empty() {
                if max >= 0 && n >= max {
                    out.push(types::new_str(rest));
                    break;
                }
                let end = rest.find(crate::format::is_py_space).unwrap_or(rest.len());
                out.push(types::new_str(&rest[..end]));
                rest = rest[end..].trim_start_matches(crate::format::is_py_space);
                n += 1;
            }
            out
        }
    };
    Ok(types::new_list(parts))
}

fn rsplit(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let s = this(args)?;
    let (sep, max) = sep_maxsplit(args, &kw)?;
    let mut parts: Vec<Value> = match sep {
        Some(sep) => {
            if max < 0 {
                s.rsplit(sep).map(types::new_str).collect()
            } else {
                s.rsplitn(max as usize + 1, sep).map(types::new_str).collect()
            }
        }
        None => {
            let mut out = Vec::new();
            let mut rest = s.trim_end_matches(crate::format::is_py_space);
            let mut n = 0;
            while !rest.is_empty() {
                if max >= 0 && n >= max {
                    out.push(types::new_str(rest));
                    break;
                }
                let start = rest.rfind(crate::format::is_py_space).map(|i| i + rest[i..].chars().next().map(|c| c.len_utf8()).unwrap_or(1)).unwrap_or(0);
                out.push(types::new_str(&rest[start..]));
                rest = rest[..start].trim_end_matches(crate::format::is_py_space);
                n += 1;
            }
            out
        }
    };
    parts.reverse();
    Ok(types::new_list(parts))
}

fn strip_chars<'a>(args: &'a [Value], fname: &str) -> PyResult<Option<&'a str>> {
    match args.get(1) {
        None => Ok(None),
        Some(v) if types::is_none(v) => Ok(None),
        Some(v) => as_str(v).map(Some).ok_or_else(|| type_error(format!("{fname} arg must be None or str"))),
    }
}

fn strip(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let s = this(args)?;
    Ok(types::new_str(match strip_chars(args, "strip")? {
        None => s.trim_matches(crate::format::is_py_space),
        Some(c) => s.trim_matches(|x| c.contains(x)),
    }))
}

fn lstrip(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let s = this(args)?;
    Ok(types::new_str(match strip_chars(args, "lstrip")? {
        None => s.trim_start_matches(crate::format::is_py_space),
        Some(c) => s.trim_start_matches(|x| c.contains(x)),
    }))
}

fn rstrip(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let s = this(args)?;
    Ok(types::new_str(match strip_chars(args, "rstrip")? {
        None => s.trim_end_matches(crate::format::is_py_space),
        Some(c) => s.trim_end_matches(|x| c.contains(x)),
    }))
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

fn prefix_check(vm: &mut Vm, args: &[Value], fname: &str, ends: bool) -> PyResult<Value> {
    nargs(fname, args, 2, 4)?;
    let s = this(args)?;
    let chars: Vec<char> = s.chars().collect();
    let (start, stop) = super::list::index_bounds(args, chars.len())?;
    let sub: String = if start <= stop { chars[start..stop].iter().collect() } else { String::new() };
    let cands: Vec<Value> = match args[1].kind() {
        Kind::Tuple => crate::vm::iteration::collect(vm, &args[1])?,
        _ => vec![args[1].clone()],
    };
    for c in &cands {
        let p = as_str(c).ok_or_else(|| {
            type_error(format!(
                "{fname} first arg must be str or a tuple of str, not {}",
                type_name(c)
            ))
        })?;
        if start > chars.len() {
            continue;
        }
        if (ends && sub.ends_with(p)) || (!ends && sub.starts_with(p)) {
            return Ok(types::bool_value(true));
        }
    }
    Ok(types::bool_value(false))
}

fn startswith(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    prefix_check(vm, args, "startswith", false)
}

fn endswith(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    prefix_check(vm, args, "endswith", true)
}

fn upper(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_str(this(args)?.to_uppercase()))
}

fn lower(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_str(this(args)?.to_lowercase()))
}

/// Finds `sub` in `s[start:stop]` (char indices); returns the char index.
pub fn find_in(s: &str, sub: &str, start: usize, stop: usize, reverse: bool) -> Option<usize> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let n = chars.len();
    if start > n || start > stop {
        return None;
    }
    let b0 = chars.get(start).map(|c| c.0).unwrap_or(s.len());
    let b1 = chars.get(stop).map(|c| c.0).unwrap_or(s.len());
    let hay = &s[b0..b1];
    let pos = if reverse { hay.rfind(sub) } else { hay.find(sub) }?;
    Some(start + hay[..pos].chars().count())
}

fn find_impl(args: &[Value], fname: &str, reverse: bool) -> PyResult<Option<usize>> {
    nargs(fname, args, 2, 4)?;
    let s = this(args)?;
    let sub = str_arg(args, 1, fname)?;
    let (start, stop) = super::list::index_bounds(args, s.chars().count())?;
    Ok(find_in(s, sub, start, stop, reverse))
}

fn find(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_int(find_impl(args, "find", false)?.map(|i| i as i64).unwrap_or(-1)))
}

fn rfind(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_int(find_impl(args, "rfind", true)?.map(|i| i as i64).unwrap_or(-1)))
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
    let s = this(args)?;
    let sub = str_arg(args, 1, "count")?;
    let chars: Vec<char> = s.chars().collect();
    let (start, stop) = super::list::index_bounds(args, chars.len())?;
    if start > stop {
        return Ok(Value::small(0));
    }
    let hay: String = chars[start..stop].iter().collect();
    if sub.is_empty() {
        return Ok(types::new_int(hay.chars().count() as i64 + 1));
    }
    Ok(types::new_int(hay.matches(sub).count() as i64))
}

fn encode(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let s = this(args)?;
    Ok(types::misc::new_bytes(s.as_bytes().to_vec()))
}

fn len_of(args: &[Value]) -> usize {
    args.first().and_then(|v| v.downcast::<StrData>()).map(|s| s.char_len()).unwrap_or(0)
}

fn isdigit(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let s = this(args)?;
    Ok(types::bool_value(len_of(args) > 0 && s.chars().all(|c| c.is_ascii_digit() || crate::format::decimal_digit_value(c).is_some() || c.is_numeric() && c.to_digit(10).is_some())))
}

fn isalpha(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let s = this(args)?;
    Ok(types::bool_value(!s.is_empty() && s.chars().all(char::is_alphabetic)))
}

fn isspace(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let s = this(args)?;
    Ok(types::bool_value(!s.is_empty() && s.chars().all(crate::format::is_py_space)))
}

/// Methods of `str`.
pub fn methods() -> Vec<Method> {
    vec![
        m("join", join),
        m("split", split),
        m("rsplit", rsplit),
        m("strip", strip),
        m("lstrip", lstrip),
        m("rstrip", rstrip),
        m("replace", replace),
        m("format", format),
        m("format_map", format_map),
        m("startswith", startswith),
        m("endswith", endswith),
        m("upper", upper),
        m("lower", lower),
        m("find", find),
        m("rfind", rfind),
        m("index", index),
        m("rindex", rindex),
        m("count", count),
        m("encode", encode),
        m("isdigit", isdigit),
        m("isalpha", isalpha),
        m("isspace", isspace),
    ]
}
