//! The `io` module: in-memory text (`StringIO`) and binary (`BytesIO`)
//! streams with CPython's positioning rules (code-point positions for text,
//! zero-fill when writing past the end).

use std::sync::OnceLock;

use super::collections::native_util::{cached_type, new_obj, new_weakrefable_type, stop, with_or};
use crate::object::Value;
use crate::types::exception::{os_error, type_error, value_error};
use crate::types::methods::m;
use crate::types::{self, str::as_str, Kwargs, PyErr, PyResult, StaticValue};
use crate::vm::protocol::{index_value, type_name};
use crate::vm::Vm;

/// An element type of an in-memory stream: `char` for text, `u8` for bytes.
trait Elem: Copy + PartialEq + 'static {
    const NEWLINE: Self;
    const ZERO: Self;
    const NAME: &'static str;
    fn to_value(items: &[Self]) -> Value;
    fn from_value(v: &Value) -> PyResult<Vec<Self>>;
}

impl Elem for char {
    const NEWLINE: char = '\n';
    const ZERO: char = '\0';
    const NAME: &'static str = "StringIO";
    fn to_value(items: &[char]) -> Value {
        types::new_str(items.iter().collect::<String>())
    }
    fn from_value(v: &Value) -> PyResult<Vec<char>> {
        match as_str(v) {
            Some(s) => Ok(s.chars().collect()),
            None => Err(type_error(format!(
                "string argument expected, got '{}'",
                type_name(v)
            ))),
        }
    }
}

impl Elem for u8 {
    const NEWLINE: u8 = b'\n';
    const ZERO: u8 = 0;
    const NAME: &'static str = "BytesIO";
    fn to_value(items: &[u8]) -> Value {
        types::misc::new_bytes(items.to_vec())
    }
    fn from_value(v: &Value) -> PyResult<Vec<u8>> {
        match crate::types::methods::bytes::bytes_like(v) {
            Some(b) => Ok(b.into_owned()),
            None => Err(type_error(format!(
                "a bytes-like object is required, not '{}'",
                type_name(v)
            ))),
        }
    }
}

/// The state of a `StringIO` or `BytesIO`.
struct Stream<T> {
    buf: Vec<T>,
    pos: usize,
    closed: bool,
    /// StringIO with `newline=None`: translate `\r\n` and `\r` on write.
    translate: bool,
}

impl<T: Elem> crate::types::misc::NativeState for Stream<T> {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

fn closed_err<T: Elem>() -> PyErr {
    // CPython's StringIO and BytesIO differ by the final period.
    value_error(if T::NAME == "StringIO" {
        "I/O operation on closed file"
    } else {
        "I/O operation on closed file."
    })
}

fn st<T: Elem, R>(v: &Value, f: impl FnOnce(&mut Stream<T>) -> R) -> PyResult<R> {
    with_or(v, T::NAME, f)
}

/// Runs `f` on an open stream.
fn open<T: Elem, R>(v: &Value, f: impl FnOnce(&mut Stream<T>) -> R) -> PyResult<R> {
    st(v, |s: &mut Stream<T>| {
        if s.closed {
            Err(closed_err::<T>())
        } else {
            Ok(f(s))
        }
    })?
}

fn size_arg(args: &[Value], i: usize) -> PyResult<Option<usize>> {
    match args.get(i) {
        None => Ok(None),
        Some(v) if types::is_none(v) => Ok(None),
        Some(v) => {
            let n = index_value(v)?;
            Ok(if n < 0 { None } else { Some(n as usize) })
        }
    }
}

fn new_stream<T: Elem>(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let init = args
        .get(1)
        .or_else(|| kw.get("initial_value").or_else(|| kw.get("initial_bytes")));
    let mut translate = false;
    if T::NAME == "StringIO" {
        if let Some(nl) = args.get(2).or_else(|| kw.get("newline")) {
            if types::is_none(nl) {
                translate = true;
            } else if !matches!(as_str(nl), Some("" | "\n" | "\r" | "\r\n")) {
                let r = crate::vm::protocol::repr_string(vm, nl)?;
                return Err(value_error(format!("illegal newline value: {r}")));
            }
        }
    }
    let buf = match init {
        Some(v) if !types::is_none(v) => T::from_value(v)?,
        _ => Vec::new(),
    };
    let buf = if translate { crlf_to_lf(&buf) } else { buf };
    Ok(new_obj(
        &args[0],
        Stream {
            buf,
            pos: 0,
            closed: false,
            translate,
        },
    ))
}

fn write<T: Elem>(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("write", &args[1..], 1, 1)?;
    let mut data = T::from_value(&args[1])?;
    let n = data.len();
    open(&args[0], |s: &mut Stream<T>| {
        if s.translate {
            data = crlf_to_lf(&data);
        }
        if s.pos > s.buf.len() {
            s.buf.resize(s.pos, T::ZERO);
        }
        let end = s.pos + data.len();
        if end > s.buf.len() {
            s.buf.resize(end, T::ZERO);
        }
        s.buf[s.pos..end].copy_from_slice(&data);
        s.pos = end;
    })?;
    Ok(types::new_int(n as i64))
}

fn crlf_to_lf<T: Elem>(data: &[T]) -> Vec<T> {
    let cr = |x: &T| (x as &dyn std::any::Any).downcast_ref::<char>() == Some(&'\r');
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        if cr(&data[i]) {
            out.push(T::NEWLINE);
            if i + 1 < data.len() && data[i + 1] == T::NEWLINE {
                i += 1;
            }
        } else {
            out.push(data[i]);
        }
        i += 1;
    }
    out
}

fn writelines<T: Elem>(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("writelines", &args[1..], 1, 1)?;
    let it = crate::vm::iteration::iter(vm, &args[1])?;
    while let Some(line) = crate::vm::iteration::next(vm, &it)? {
        write::<T>(vm, &[args[0].clone(), line], Kwargs::default())?;
    }
    Ok(types::none())
}

fn read<T: Elem>(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let n = size_arg(args, 1)?;
    open(&args[0], |s: &mut Stream<T>| {
        let start = s.pos.min(s.buf.len());
        let end = match n {
            Some(n) => (start + n).min(s.buf.len()),
            None => s.buf.len(),
        };
        s.pos = end.max(s.pos);
        T::to_value(&s.buf[start..end])
    })
}

fn readline_raw<T: Elem>(s: &mut Stream<T>, limit: Option<usize>) -> Vec<T> {
    let start = s.pos.min(s.buf.len());
    let mut end = start;
    let max = match limit {
        Some(n) => (start + n).min(s.buf.len()),
        None => s.buf.len(),
    };
    while end < max {
        end += 1;
        if s.buf[end - 1] == T::NEWLINE {
            break;
        }
    }
    s.pos = end.max(s.pos);
    s.buf[start..end].to_vec()
}

fn readline<T: Elem>(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let n = size_arg(args, 1)?;
    open(&args[0], |s: &mut Stream<T>| {
        T::to_value(&readline_raw(s, n))
    })
}

fn readlines<T: Elem>(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let hint = size_arg(args, 1)?.filter(|&h| h > 0);
    open(&args[0], |s: &mut Stream<T>| {
        let mut out = Vec::new();
        let mut total = 0;
        loop {
            let line = readline_raw(s, None);
            if line.is_empty() {
                break;
            }
            total += line.len();
            out.push(T::to_value(&line));
            if hint.is_some_and(|h| total >= h) {
                break;
            }
        }
        types::new_list(out)
    })
}

fn next_line<T: Elem>(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let line = open(&args[0], |s: &mut Stream<T>| readline_raw(s, None))?;
    if line.is_empty() {
        return Err(stop());
    }
    Ok(T::to_value(&line))
}

fn iter_self<T: Elem>(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    open(&args[0], |_: &mut Stream<T>| ())?;
    Ok(args[0].clone())
}

fn getvalue<T: Elem>(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    open(&args[0], |s: &mut Stream<T>| T::to_value(&s.buf))
}

fn seek<T: Elem>(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("seek", &args[1..], 1, 2)?;
    let pos = index_value(&args[1])?;
    let whence = match args.get(2) {
        Some(w) => index_value(w)?,
        None => 0,
    };
    let text = T::NAME == "StringIO";
    open(&args[0], |s: &mut Stream<T>| {
        let base = match whence {
            0 => 0,
            1 => {
                if text && pos != 0 {
                    return Err(os_error("Can't do nonzero cur-relative seeks"));
                }
                s.pos as i64
            }
            2 => {
                if text && pos != 0 {
                    return Err(os_error("Can't do nonzero end-relative seeks"));
                }
                s.buf.len() as i64
            }
            _ => {
                return Err(value_error(format!(
                    "invalid whence ({whence}, should be 0, 1 or 2)"
                )))
            }
        };
        if whence == 0 && pos < 0 {
            return Err(value_error(if text {
                format!("Negative seek position {pos}")
            } else {
                format!("negative seek value {pos}")
            }));
        }
        s.pos = (base + pos).max(0) as usize;
        Ok(types::new_int(s.pos as i64))
    })?
}

fn tell<T: Elem>(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    open(&args[0], |s: &mut Stream<T>| types::new_int(s.pos as i64))
}

fn truncate<T: Elem>(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let size = match args.get(1) {
        None => None,
        Some(v) if types::is_none(v) => None,
        Some(v) => {
            let n = index_value(v)?;
            if n < 0 {
                return Err(value_error(format!("Negative size value {n}")));
            }
            Some(n as usize)
        }
    };
    open(&args[0], |s: &mut Stream<T>| {
        let n = size.unwrap_or(s.pos);
        if n < s.buf.len() {
            s.buf.truncate(n);
        }
        types::new_int(n as i64)
    })
}

fn close<T: Elem>(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let old = st(&args[0], |s: &mut Stream<T>| {
        s.closed = true;
        std::mem::take(&mut s.buf)
    })?;
    drop(old);
    Ok(types::none())
}

fn closed<T: Elem>(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::bool_value(st(&args[0], |s: &mut Stream<T>| {
        s.closed
    })?))
}

fn yes<T: Elem>(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    open(&args[0], |_: &mut Stream<T>| types::bool_value(true))
}

fn no<T: Elem>(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    open(&args[0], |_: &mut Stream<T>| types::bool_value(false))
}

fn flush<T: Elem>(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    open(&args[0], |_: &mut Stream<T>| types::none())
}

fn enter<T: Elem>(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    open(&args[0], |_: &mut Stream<T>| ())?;
    Ok(args[0].clone())
}

fn exit<T: Elem>(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    close::<T>(vm, &args[..1], Kwargs::default())
}

fn stream_type<T: Elem>(cell: &'static OnceLock<StaticValue>, vm: &mut Vm) -> Value {
    cached_type(cell, vm, |vm| {
        let t = new_weakrefable_type(
            vm,
            T::NAME,
            "_io",
            &[
                m("write", write::<T>),
                m("writelines", writelines::<T>),
                m("read", read::<T>),
                m("read1", read::<T>),
                m("readline", readline::<T>),
                m("readlines", readlines::<T>),
                m("getvalue", getvalue::<T>),
                m("seek", seek::<T>),
                m("tell", tell::<T>),
                m("truncate", truncate::<T>),
                m("close", close::<T>),
                m("readable", yes::<T>),
                m("writable", yes::<T>),
                m("seekable", yes::<T>),
                m("isatty", no::<T>),
                m("flush", flush::<T>),
                m("__iter__", iter_self::<T>),
                m("__next__", next_line::<T>),
                m("__enter__", enter::<T>),
                m("__exit__", exit::<T>),
            ],
            Some(new_stream::<T>),
        );
        super::collections::native_util::add_property(&t, "closed", closed::<T>);
        t
    })
}

/// Creates the `io` module.
pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    static S: OnceLock<StaticValue> = OnceLock::new();
    static B: OnceLock<StaticValue> = OnceLock::new();
    let module = crate::vm::import::new_module("io");
    super::set_attr(&module, "StringIO", stream_type::<char>(&S, vm));
    super::set_attr(&module, "BytesIO", stream_type::<u8>(&B, vm));
    super::set_attr(&module, "SEEK_SET", types::new_int(0));
    super::set_attr(&module, "SEEK_CUR", types::new_int(1));
    super::set_attr(&module, "SEEK_END", types::new_int(2));
    super::set_attr(&module, "DEFAULT_BUFFER_SIZE", types::new_int(8192));
    let builtins = vm.builtins.clone();
    if let Some(open) = builtins
        .downcast::<types::DictData>()
        .and_then(|d| d.get_str(&types::intern("open")))
    {
        super::set_attr(&module, "open", open);
    }
    Ok(module)
}
