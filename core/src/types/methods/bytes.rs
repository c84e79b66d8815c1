//! `bytes`: the constructor and the methods shared with `bytearray`.
//!
//! Every shared method accepts either a `bytes` or a `bytearray` receiver and
//! builds results of the receiver's type, so `bytearray` reuses these tables
//! (see `bytearray.rs`). Formatting, hex conversion and the dunder methods are
//! in `bytes_ops.rs`.

use std::borrow::Cow;

use super::str::adjust_indices;
use super::{m, Method};
use crate::object::{Kind, Value};
use crate::types::exception::{type_error, value_error};
use crate::types::{self, str::as_str, BytesData, Kwargs, PyResult};
use crate::vm::protocol::type_name;
use crate::vm::Vm;

use super::str::{check_kw, no_kw};

/// `check_call` for `bytes` methods, with counts that include the receiver.
fn nargs(name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    super::str::check_call(args, "bytes", name, min - 1, max - 1)
}

/// The bytes of a bytes-like object (`bytes` or `bytearray`).
pub fn bytes_like(v: &Value) -> Option<Cow<'_, [u8]>> {
    if let Some(b) = v.downcast::<BytesData>() {
        return Some(Cow::Borrowed(&b.0));
    }
    super::bytearray::data(v).map(Cow::Owned)
}

/// The contents for `bytes(x)` / `bytearray(x)` from an int count, a
/// bytes-like object, a str with an encoding, or an iterable of ints.
/// `encoding`/`errors` are the optional second and third arguments.
pub fn source_bytes(
    vm: &mut Vm,
    src: &Value,
    encoding: Option<&Value>,
    errors: Option<&Value>,
    fname: &str,
) -> PyResult<Vec<u8>> {
    if let Some(s) = as_str(src) {
        let Some(enc) = encoding else {
            return Err(type_error("string argument without an encoding"));
        };
        let enc = as_str(enc).ok_or_else(|| {
            type_error(format!(
                "{fname}() argument 'encoding' must be str, not {}",
                type_name(enc)
            ))
        })?;
        let errors = match errors {
            None => "strict",
            Some(e) => as_str(e).ok_or_else(|| {
                type_error(format!(
                    "{fname}() argument 'errors' must be str, not {}",
                    type_name(e)
                ))
            })?,
        };
        return super::codec::encode(s, super::codec::lookup(enc)?, errors);
    }
    if encoding.is_some() {
        return Err(type_error("encoding without a string argument"));
    }
    if errors.is_some() {
        return Err(type_error("errors without a string argument"));
    }
    if let Some(b) = bytes_like(src) {
        return Ok(b.into_owned());
    }
    if types::bigint::is_int_like(src) {
        let n = crate::vm::protocol::index_value(src).map_err(|_| {
            crate::types::exception::overflow_error("cannot fit 'int' into an index-sized integer")
        })?;
        if n < 0 {
            return Err(value_error("negative count"));
        }
        if n > 1 << 34 {
            return Err(crate::types::exception::memory_error(""));
        }
        return Ok(vec![0; n as usize]);
    }
    let items = crate::vm::iteration::collect(vm, src).map_err(|e| {
        if crate::vm::protocol::is_instance(&e.0, types::exc_types().type_error.v())
            && src.kind() != Kind::Generator
        {
            type_error(format!(
                "cannot convert '{}' object to {fname}",
                type_name(src)
            ))
        } else {
            e
        }
    })?;
    let mut out = Vec::with_capacity(items.len());
    for v in items {
        out.push(byte_value(&v).map_err(|e| {
            if fname == "bytes"
                && crate::vm::protocol::is_instance(&e.0, types::exc_types().value_error.v())
            {
                value_error("bytes must be in range(0, 256)")
            } else {
                e
            }
        })?);
    }
    Ok(out)
}

/// An int in `range(0, 256)`, with CPython's errors.
pub fn byte_value(v: &Value) -> PyResult<u8> {
    if !types::bigint::is_int_like(v) {
        return Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(v)
        )));
    }
    match types::bigint::to_i64(v) {
        Some(i) if (0..256).contains(&i) => Ok(i as u8),
        _ => Err(value_error("byte must be in range(0, 256)")),
    }
}

/// `bytes(source=b'', encoding, errors)`.
pub fn bytes_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    if let Some(r) =
        super::subclass::via_exact(vm, args, kw, &types::builtin_types().bytes, bytes_new)
    {
        return r;
    }
    for (k, _) in kw.iter() {
        if !matches!(k, "source" | "encoding" | "errors") {
            return Err(type_error(format!(
                "'{k}' is an invalid keyword argument for bytes()"
            )));
        }
    }
    if args.len() > 4 {
        return Err(type_error(format!(
            "bytes() takes at most 3 arguments ({} given)",
            args.len() - 1
        )));
    }
    let enc = super::arg_or_kw(args, &kw, 2, "encoding");
    let errors = super::arg_or_kw(args, &kw, 3, "errors");
    let Some(src) = super::arg_or_kw(args, &kw, 1, "source") else {
        if enc.is_some() || errors.is_some() {
            return Err(type_error(if enc.is_some() {
                "encoding without a string argument"
            } else {
                "errors without a string argument"
            }));
        }
        return Ok(types::misc::new_bytes(vec![]));
    };
    if src.kind() == Kind::Bytes && enc.is_none() && errors.is_none() {
        return Ok(src.clone());
    }
    if enc.is_none()
        && errors.is_none()
        && bytes_like(src).is_none()
        && !types::bigint::is_int_like(src)
    {
        if let Some(f) = crate::vm::attr::lookup_special_name(src, crate::name!("__bytes__")) {
            let r = crate::vm::call::call(vm, &f, std::slice::from_ref(src))?;
            if r.kind() != Kind::Bytes {
                return Err(type_error(format!(
                    "__bytes__ returned non-bytes (type {})",
                    type_name(&r)
                )));
            }
            return Ok(r);
        }
    }
    Ok(types::misc::new_bytes(source_bytes(
        vm, src, enc, errors, "bytes",
    )?))
}

/// The receiver's bytes and whether it is a `bytearray`.
pub fn recv(args: &[Value]) -> PyResult<(Cow<'_, [u8]>, bool)> {
    let v = args
        .first()
        .ok_or_else(|| type_error("descriptor requires a 'bytes' object"))?;
    if let Some(b) = v.downcast::<BytesData>() {
        return Ok((Cow::Borrowed(&b.0), false));
    }
    match super::bytearray::data(v) {
        Some(d) => Ok((Cow::Owned(d), true)),
        None => Err(type_error(format!(
            "descriptor requires a 'bytes' object but received a '{}'",
            type_name(v)
        ))),
    }
}

/// A result of the receiver's type (`bytearray` when `ba`).
pub fn make(ba: bool, v: Vec<u8>) -> Value {
    if ba {
        super::bytearray::new_bytearray(v)
    } else {
        types::misc::new_bytes(v)
    }
}

/// A bytes-like argument, with CPython's TypeError.
pub fn arg_bytes(v: &Value) -> PyResult<Cow<'_, [u8]>> {
    bytes_like(v).ok_or_else(|| {
        type_error(format!(
            "a bytes-like object is required, not '{}'",
            type_name(v)
        ))
    })
}

/// The `sub` argument of `count`/`find`/...: a bytes-like object or a byte value.
fn sub_arg(v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_like(v) {
        return Ok(b.into_owned());
    }
    if types::bigint::is_int_like(v) {
        return Ok(vec![byte_value(v)?]);
    }
    Err(type_error(format!(
        "argument should be integer or bytes-like object, not '{}'",
        type_name(v)
    )))
}

/// First index of `needle` in `hay`.
pub fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    if needle.len() == 1 {
        return hay.iter().position(|&b| b == needle[0]);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Last index of `needle` in `hay`.
pub fn rfind_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(hay.len());
    }
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn find_impl(args: &[Value], fname: &str, reverse: bool) -> PyResult<Option<usize>> {
    nargs(fname, args, 2, 4)?;
    let (b, _) = recv(args)?;
    let sub = sub_arg(&args[1])?;
    let (start, end) = adjust_indices(args, 2, b.len())?;
    if end < start || end - start < sub.len() {
        return Ok(None);
    }
    let hay = &b[start..end];
    let r = if reverse {
        rfind_bytes(hay, &sub)
    } else {
        find_bytes(hay, &sub)
    };
    Ok(r.map(|i| i + start))
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
        None => Err(value_error("subsection not found")),
    }
}

fn rindex(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "rindex", &kw)?;
    match find_impl(args, "rindex", true)? {
        Some(i) => Ok(types::new_int(i as i64)),
        None => Err(value_error("subsection not found")),
    }
}

/// Non-overlapping occurrences of `sub` in `hay` (`len + 1` for empty `sub`).
pub fn count_bytes(hay: &[u8], sub: &[u8]) -> usize {
    if sub.is_empty() {
        return hay.len() + 1;
    }
    let (mut n, mut i) = (0, 0);
    while i + sub.len() <= hay.len() {
        if &hay[i..i + sub.len()] == sub {
            n += 1;
            i += sub.len();
        } else {
            i += 1;
        }
    }
    n
}

fn count(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "count", &kw)?;
    nargs("count", args, 2, 4)?;
    let (b, _) = recv(args)?;
    let sub = sub_arg(&args[1])?;
    let (start, end) = adjust_indices(args, 2, b.len())?;
    if end < start || end - start < sub.len() {
        return Ok(Value::small(0));
    }
    Ok(types::new_int(count_bytes(&b[start..end], &sub) as i64))
}

fn prefix_check(args: &[Value], fname: &str, ends: bool) -> PyResult<Value> {
    nargs(fname, args, 2, 4)?;
    let (b, _) = recv(args)?;
    let (start, end) = adjust_indices(args, 2, b.len())?;
    let test = |p: &[u8]| -> bool {
        if end < p.len() || end - p.len() < start {
            return false;
        }
        if ends {
            &b[end - p.len()..end] == p
        } else {
            &b[start..start + p.len()] == p
        }
    };
    if let Some(t) = args[1].downcast::<types::TupleData>() {
        for c in t.items() {
            let p = bytes_like(c).ok_or_else(|| {
                type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    type_name(c)
                ))
            })?;
            if test(&p) {
                return Ok(types::bool_value(true));
            }
        }
        return Ok(types::bool_value(false));
    }
    let p = bytes_like(&args[1]).ok_or_else(|| {
        type_error(format!(
            "{fname} first arg must be bytes or a tuple of bytes, not {}",
            type_name(&args[1])
        ))
    })?;
    Ok(types::bool_value(test(&p)))
}

fn startswith(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "startswith", &kw)?;
    prefix_check(args, "startswith", false)
}

fn endswith(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "endswith", &kw)?;
    prefix_check(args, "endswith", true)
}

/// ASCII whitespace as `bytes.isspace`/`split` see it.
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

fn sep_maxsplit(args: &[Value], kw: &Kwargs, fname: &str) -> PyResult<(Option<Vec<u8>>, i64)> {
    nargs(fname, args, 1, 3)?;
    check_kw(fname, kw, &["sep", "maxsplit"])?;
    let sep = match super::arg_or_kw(args, kw, 1, "sep") {
        None => None,
        Some(v) if types::is_none(v) => None,
        Some(v) => {
            let s = arg_bytes(v)?.into_owned();
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

fn split_impl(args: &[Value], kw: &Kwargs, fname: &str, reverse: bool) -> PyResult<Value> {
    let (b, ba) = recv(args)?;
    let (sep, max) = sep_maxsplit(args, kw, fname)?;
    let max = if max < 0 { usize::MAX } else { max as usize };
    let mut parts: Vec<&[u8]> = Vec::new();
    match sep {
        Some(sep) => {
            let mut rest: &[u8] = &b;
            while parts.len() < max {
                let pos = if reverse {
                    rfind_bytes(rest, &sep)
                } else {
                    find_bytes(rest, &sep)
                };
                let Some(i) = pos else { break };
                if reverse {
                    parts.push(&rest[i + sep.len()..]);
                    rest = &rest[..i];
                } else {
                    parts.push(&rest[..i]);
                    rest = &rest[i + sep.len()..];
                }
            }
            parts.push(rest);
        }
        None => {
            let mut rest: &[u8] = &b;
            loop {
                rest = if reverse {
                    rest.trim_ascii_end_py()
                } else {
                    rest.trim_ascii_start_py()
                };
                if rest.is_empty() {
                    break;
                }
                if parts.len() >= max {
                    parts.push(rest);
                    break;
                }
                if reverse {
                    let i = rest.iter().rposition(|&c| is_space(c)).map_or(0, |i| i + 1);
                    parts.push(&rest[i..]);
                    rest = &rest[..i];
                } else {
                    let i = rest.iter().position(|&c| is_space(c)).unwrap_or(rest.len());
                    parts.push(&rest[..i]);
                    rest = &rest[i..];
                }
            }
        }
    }
    if reverse {
        parts.reverse();
    }
    Ok(types::new_list(
        parts.into_iter().map(|p| make(ba, p.to_vec())).collect(),
    ))
}

/// Trimming with `bytes.isspace` whitespace.
trait TrimPy {
    fn trim_ascii_start_py(&self) -> &Self;
    fn trim_ascii_end_py(&self) -> &Self;
}

impl TrimPy for [u8] {
    fn trim_ascii_start_py(&self) -> &[u8] {
        let i = self
            .iter()
            .position(|&c| !is_space(c))
            .unwrap_or(self.len());
        &self[i..]
    }
    fn trim_ascii_end_py(&self) -> &[u8] {
        let i = self
            .iter()
            .rposition(|&c| !is_space(c))
            .map_or(0, |i| i + 1);
        &self[..i]
    }
}

fn split(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    split_impl(args, &kw, "split", false)
}

fn rsplit(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    split_impl(args, &kw, "rsplit", true)
}

fn splitlines(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nargs("splitlines", args, 1, 2)?;
    let keep = super::str::keepends_arg(vm, args, &kw)?;
    let (b, ba) = recv(args)?;
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        let c = b[i];
        if c == b'\n' || c == b'\r' {
            let mut end = i + 1;
            if c == b'\r' && b.get(i + 1) == Some(&b'\n') {
                end += 1;
            }
            out.push(make(ba, b[start..if keep { end } else { i }].to_vec()));
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < b.len() {
        out.push(make(ba, b[start..].to_vec()));
    }
    Ok(types::new_list(out))
}

fn strip_impl(args: &[Value], fname: &str, left: bool, right: bool) -> PyResult<Value> {
    nargs(fname, args, 1, 2)?;
    let (b, ba) = recv(args)?;
    let chars: Option<Vec<u8>> = match args.get(1) {
        Some(v) if !types::is_none(v) => Some(arg_bytes(v)?.into_owned()),
        _ => None,
    };
    let keep = |c: u8| match &chars {
        Some(cs) => !cs.contains(&c),
        None => !is_space(c),
    };
    let start = if left {
        b.iter().position(|&c| keep(c)).unwrap_or(b.len())
    } else {
        0
    };
    let end = if right {
        b.iter().rposition(|&c| keep(c)).map_or(0, |i| i + 1)
    } else {
        b.len()
    };
    Ok(make(
        ba,
        if start < end {
            b[start..end].to_vec()
        } else {
            vec![]
        },
    ))
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

/// `hay.replace(old, new, count)` (`count < 0` replaces all).
pub fn replace_bytes(hay: &[u8], old: &[u8], new: &[u8], count: i64) -> Vec<u8> {
    let max = if count < 0 {
        usize::MAX
    } else {
        count as usize
    };
    if !old.is_empty() {
        return crate::types::str_search::replace(hay, old, new, max);
    }
    // An empty `old` matches before every byte and at the end.
    let mut out = Vec::with_capacity(hay.len());
    let mut n = 0;
    for (i, &c) in hay.iter().enumerate() {
        if n < max {
            out.extend_from_slice(new);
            n += 1;
        } else {
            out.extend_from_slice(&hay[i..]);
            return out;
        }
        out.push(c);
    }
    if n < max {
        out.extend_from_slice(new);
    }
    out
}

fn replace(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "replace", &kw)?;
    nargs("replace", args, 3, 4)?;
    let (b, ba) = recv(args)?;
    let old = arg_bytes(&args[1])?;
    let new = arg_bytes(&args[2])?;
    let count = match args.get(3) {
        Some(c) => crate::vm::protocol::index_value(c)?,
        None => -1,
    };
    Ok(make(ba, replace_bytes(&b, &old, &new, count)))
}

fn join(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "join", &kw)?;
    nargs("join", args, 2, 2)?;
    let (sep, ba) = recv(args)?;
    let sep = sep.into_owned();
    let items = crate::vm::iteration::collect(vm, &args[1])?;
    let mut out = Vec::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        match bytes_like(x) {
            Some(b) => out.extend_from_slice(&b),
            None => {
                return Err(type_error(format!(
                    "sequence item {i}: expected a bytes-like object, {} found",
                    type_name(x)
                )))
            }
        }
    }
    Ok(make(ba, out))
}

/// Defines a method mapping the receiver's bytes through `f`.
macro_rules! map_method {
    ($name:ident, $pyname:literal, |$b:ident| $body:expr) => {
        fn $name(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
            no_kw(args, $pyname, &kw)?;
            nargs($pyname, args, 1, 1)?;
            let ($b, ba) = recv(args)?;
            Ok(make(ba, $body))
        }
    };
}

map_method!(upper, "upper", |b| b.to_ascii_uppercase());
map_method!(lower, "lower", |b| b.to_ascii_lowercase());
map_method!(swapcase, "swapcase", |b| b
    .iter()
    .map(|&c| if c.is_ascii_alphabetic() { c ^ 0x20 } else { c })
    .collect());
map_method!(title, "title", |b| ascii_title(&b));
map_method!(capitalize, "capitalize", |b| b
    .iter()
    .enumerate()
    .map(|(i, &c)| if i == 0 {
        c.to_ascii_uppercase()
    } else {
        c.to_ascii_lowercase()
    })
    .collect());

fn ascii_title(b: &[u8]) -> Vec<u8> {
    let mut prev = false;
    b.iter()
        .map(|&c| {
            let r = if prev {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            };
            prev = c.is_ascii_alphabetic();
            r
        })
        .collect()
}

/// Defines a predicate method over the receiver's bytes.
macro_rules! predicate {
    ($name:ident, $pyname:literal, |$b:ident| $body:expr) => {
        fn $name(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
            no_kw(args, $pyname, &kw)?;
            nargs($pyname, args, 1, 1)?;
            let ($b, _) = recv(args)?;
            Ok(types::bool_value($body))
        }
    };
}

predicate!(isalpha, "isalpha", |b| !b.is_empty()
    && b.iter().all(u8::is_ascii_alphabetic));
predicate!(isdigit, "isdigit", |b| !b.is_empty()
    && b.iter().all(u8::is_ascii_digit));
predicate!(isalnum, "isalnum", |b| !b.is_empty()
    && b.iter().all(u8::is_ascii_alphanumeric));
predicate!(isspace, "isspace", |b| !b.is_empty()
    && b.iter().all(|&c| is_space(c)));
predicate!(isascii, "isascii", |b| b.is_ascii());
predicate!(islower, "islower", |b| b.iter().any(u8::is_ascii_lowercase)
    && !b.iter().any(u8::is_ascii_uppercase));
predicate!(isupper, "isupper", |b| b.iter().any(u8::is_ascii_uppercase)
    && !b.iter().any(u8::is_ascii_lowercase));
predicate!(istitle, "istitle", |b| is_title(&b));

fn is_title(b: &[u8]) -> bool {
    let (mut cased, mut prev) = (false, false);
    for &c in b {
        if c.is_ascii_uppercase() {
            if prev {
                return false;
            }
            prev = true;
            cased = true;
        } else if c.is_ascii_lowercase() {
            if !prev {
                return false;
            }
            prev = true;
            cased = true;
        } else {
            prev = false;
        }
    }
    cased
}

fn partition_impl(args: &[Value], fname: &str, reverse: bool) -> PyResult<Value> {
    nargs(fname, args, 2, 2)?;
    let (b, ba) = recv(args)?;
    let sep = arg_bytes(&args[1])?;
    if sep.is_empty() {
        return Err(value_error("empty separator"));
    }
    let pos = if reverse {
        rfind_bytes(&b, &sep)
    } else {
        find_bytes(&b, &sep)
    };
    let empty = || make(ba, vec![]);
    let whole = || {
        if ba {
            make(ba, b.to_vec())
        } else {
            args[0].clone()
        }
    };
    Ok(types::new_tuple(match pos {
        Some(i) => vec![
            make(ba, b[..i].to_vec()),
            if ba {
                make(ba, sep.to_vec())
            } else {
                args[1].clone()
            },
            make(ba, b[i + sep.len()..].to_vec()),
        ],
        None if reverse => vec![empty(), empty(), whole()],
        None => vec![whole(), empty(), empty()],
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

/// How `pad` distributes the fill.
#[derive(Clone, Copy)]
enum Align {
    Left,
    Right,
    Center,
}

fn pad(args: &[Value], fname: &str, align: Align) -> PyResult<Value> {
    nargs(fname, args, 2, 3)?;
    let (b, ba) = recv(args)?;
    let width = crate::vm::protocol::index_value(&args[1])?;
    let fill = match args.get(2) {
        None => b' ',
        Some(v) => match bytes_like(v) {
            Some(f) if f.len() == 1 => f[0],
            _ => {
                return Err(type_error(format!(
                    "{fname}() argument 2 must be a byte string of length 1, not {}",
                    type_name(v)
                )))
            }
        },
    };
    let len = b.len() as i64;
    if width <= len {
        return Ok(make(ba, b.into_owned()));
    }
    let marg = width - len;
    let left = match align {
        Align::Left => 0,
        Align::Right => marg,
        Align::Center => marg / 2 + (marg & width & 1),
    };
    let mut out = vec![fill; left as usize];
    out.extend_from_slice(&b);
    out.extend(std::iter::repeat_n(fill, (marg - left) as usize));
    Ok(make(ba, out))
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
    let (b, ba) = recv(args)?;
    let width = crate::vm::protocol::index_value(&args[1])?;
    let len = b.len() as i64;
    if width <= len {
        return Ok(make(ba, b.into_owned()));
    }
    let fill = (width - len) as usize;
    let mut out = Vec::with_capacity(width as usize);
    let rest: &[u8] = match b.first() {
        Some(&s) if s == b'+' || s == b'-' => {
            out.push(s);
            &b[1..]
        }
        _ => &b,
    };
    out.extend(std::iter::repeat_n(b'0', fill));
    out.extend_from_slice(rest);
    Ok(make(ba, out))
}

fn expandtabs(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    check_kw("expandtabs", &kw, &["tabsize"])?;
    nargs("expandtabs", args, 1, 2)?;
    let (b, ba) = recv(args)?;
    let tab = match super::arg_or_kw(args, &kw, 1, "tabsize") {
        Some(v) => crate::vm::protocol::index_value(v)?,
        None => 8,
    };
    let mut out = Vec::with_capacity(b.len());
    let mut col: i64 = 0;
    for &c in b.iter() {
        match c {
            b'\t' => {
                if tab > 0 {
                    let n = tab - col % tab;
                    col += n;
                    out.extend(std::iter::repeat_n(b' ', n as usize));
                }
            }
            b'\n' | b'\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(make(ba, out))
}

fn remove_affix(args: &[Value], fname: &str, suffix: bool) -> PyResult<Value> {
    nargs(fname, args, 2, 2)?;
    let (b, ba) = recv(args)?;
    let a = arg_bytes(&args[1])?;
    let r = if suffix {
        b.strip_suffix(&a[..])
    } else {
        b.strip_prefix(&a[..])
    };
    Ok(match r {
        Some(r) => make(ba, r.to_vec()),
        None if !ba => args[0].clone(),
        None => make(ba, b.into_owned()),
    })
}

fn removeprefix(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "removeprefix", &kw)?;
    remove_affix(args, "removeprefix", false)
}

fn removesuffix(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "removesuffix", &kw)?;
    remove_affix(args, "removesuffix", true)
}

fn decode(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    check_kw("decode", &kw, &["encoding", "errors"])?;
    nargs("decode", args, 1, 3)?;
    let (b, _) = recv(args)?;
    let (codec, errors) = super::codec::codec_args(args, &kw, 1, "decode")?;
    Ok(types::new_str(super::codec::decode(&b, codec, &errors)?))
}

fn translate(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    check_kw("translate", &kw, &["delete"])?;
    nargs("translate", args, 2, 3)?;
    let (b, ba) = recv(args)?;
    let table = match &args[1] {
        t if types::is_none(t) => None,
        t => {
            let t = arg_bytes(t)?;
            if t.len() != 256 {
                return Err(value_error("translation table must be 256 characters long"));
            }
            Some(t.into_owned())
        }
    };
    let delete = match super::arg_or_kw(args, &kw, 2, "delete") {
        Some(d) => arg_bytes(d)?.into_owned(),
        None => vec![],
    };
    let out = b
        .iter()
        .filter(|c| !delete.contains(c))
        .map(|&c| table.as_ref().map_or(c, |t| t[c as usize]))
        .collect();
    Ok(make(ba, out))
}

fn maketrans(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "maketrans", &kw)?;
    if args.len() != 2 {
        return Err(type_error(format!(
            "maketrans expected 2 arguments, got {}",
            args.len()
        )));
    }
    let from = arg_bytes(&args[0])?;
    let to = arg_bytes(&args[1])?;
    if from.len() != to.len() {
        return Err(value_error("maketrans arguments must have same length"));
    }
    let mut t: Vec<u8> = (0..=255).collect();
    for (&a, &b) in from.iter().zip(to.iter()) {
        t[a as usize] = b;
    }
    Ok(types::misc::new_bytes(t))
}

/// The methods `bytes` and `bytearray` share (receiver-type preserving).
pub fn shared_methods() -> Vec<Method> {
    vec![
        m("decode", decode),
        m("count", count),
        m("find", find),
        m("rfind", rfind),
        m("index", index),
        m("rindex", rindex),
        m("startswith", startswith),
        m("endswith", endswith),
        m("split", split),
        m("rsplit", rsplit),
        m("splitlines", splitlines),
        m("strip", strip),
        m("lstrip", lstrip),
        m("rstrip", rstrip),
        m("replace", replace),
        m("join", join),
        m("upper", upper),
        m("lower", lower),
        m("swapcase", swapcase),
        m("title", title),
        m("capitalize", capitalize),
        m("isalpha", isalpha),
        m("isdigit", isdigit),
        m("isalnum", isalnum),
        m("isspace", isspace),
        m("isascii", isascii),
        m("islower", islower),
        m("isupper", isupper),
        m("istitle", istitle),
        m("partition", partition),
        m("rpartition", rpartition),
        m("center", center),
        m("ljust", ljust),
        m("rjust", rjust),
        m("zfill", zfill),
        m("expandtabs", expandtabs),
        m("removeprefix", removeprefix),
        m("removesuffix", removesuffix),
        m("translate", translate),
        super::sm("maketrans", maketrans),
    ]
}

/// Methods of `bytes`.
pub fn methods() -> Vec<Method> {
    let mut v = shared_methods();
    v.push(super::sm("__new__", bytes_new));
    v.extend(super::bytes_ops::methods());
    v
}
