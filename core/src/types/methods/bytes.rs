//! `bytes`.

use super::{m, nargs, Method};
use crate::object::{Kind, Value};
use crate::types::exception::{type_error, value_error};
use crate::types::{self, str::as_str, BytesData, Kwargs, PyResult};
use crate::vm::Vm;

/// `bytes(x=b'')`: from an int (zeros), an iterable of ints, or a str with an
/// encoding.
pub fn bytes_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let src = super::arg_or_kw(args, &kw, 1, "source");
    let Some(src) = src else { return Ok(types::misc::new_bytes(vec![])) };
    if let Some(s) = as_str(src) {
        let enc = super::arg_or_kw(args, &kw, 2, "encoding").and_then(as_str).map(|s| s.to_ascii_lowercase());
        return match enc.as_deref() {
            Some("utf-8") | Some("utf8") => Ok(types::misc::new_bytes(s.as_bytes().to_vec())),
            Some("ascii") => {
                if s.is_ascii() {
                    Ok(types::misc::new_bytes(s.as_bytes().to_vec()))
                } else {
                    Err(crate::types::exception::unicode_error("'ascii' codec can't encode character"))
                }
            }
            Some("latin-1") | Some("latin1") => Ok(types::misc::new_bytes(s.chars().map(|c| c as u32 as u8).collect())),
            Some(e) => Err(value_error(format!("unknown encoding: {e}"))),
            None => Err(type_error("string argument without an encoding")),
        };
    }
    if let Some(n) = src.as_small() {
        if n < 0 {
            return Err(value_error("negative count"));
        }
        return Ok(types::misc::new_bytes(vec![0; n as usize]));
    }
    if src.kind() == Kind::Bytes {
        return Ok(src.clone());
    }
    let mut out = Vec::new();
    for v in crate::vm::iteration::collect(vm, src)? {
        let i = crate::vm::protocol::index_value(&v)?;
        if !(0..256).contains(&i) {
            return Err(value_error("bytes must be in range(0, 256)"));
        }
        out.push(i as u8);
    }
    Ok(types::misc::new_bytes(out))
}

fn this(args: &[Value]) -> PyResult<&[u8]> {
    args.first()
        .and_then(|v| v.downcast::<BytesData>())
        .map(|b| &*b.0)
        .ok_or_else(|| type_error("descriptor requires a 'bytes' object"))
}

fn decode(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let b = this(args)?;
    match std::str::from_utf8(b) {
        Ok(s) => Ok(types::new_str(s)),
        Err(e) => Err(crate::types::exception::unicode_error(format!(
            "'utf-8' codec can't decode byte 0x{:02x} in position {}: invalid start byte",
            b[e.valid_up_to()],
            e.valid_up_to()
        ))),
    }
}

fn hex(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let b = this(args)?;
    Ok(types::new_str(b.iter().map(|x| format!("{x:02x}")).collect::<String>()))
}

fn count(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("count", args, 2, 2)?;
    let b = this(args)?;
    if let Some(i) = args[1].as_small() {
        return Ok(types::new_int(b.iter().filter(|x| **x as i64 == i).count() as i64));
    }
    let sub = &args[1].downcast::<BytesData>().ok_or_else(|| type_error("argument should be integer or bytes-like object"))?.0;
    if sub.is_empty() {
        return Ok(types::new_int(b.len() as i64 + 1));
    }
    let (mut n, mut i) = (0, 0);
    while i + sub.len() <= b.len() {
        if &b[i..i + sub.len()] == &sub[..] {
            n += 1;
            i += sub.len();
        } else {
            i += 1;
        }
    }
    Ok(types::new_int(n))
}

/// Methods of `bytes`.
pub fn methods() -> Vec<Method> {
    vec![m("decode", decode), m("hex", hex), m("count", count)]
}
