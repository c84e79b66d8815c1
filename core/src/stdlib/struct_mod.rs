//! The `struct` module: `pack`, `unpack`, `calcsize`, `pack_into`,
//! `unpack_from`, `iter_unpack` and the `Struct` class, raising
//! `struct.error` with CPython 3.11's messages.

#[path = "struct_fmt.rs"]
mod fmt;

use std::sync::OnceLock;

use fmt::Format;

use super::collections::native_util::{
    add_property, cached_type, native_state, new_obj, new_weakrefable_type, with_or,
};
use crate::object::Value;
use crate::types::exception::type_error;
use crate::types::iterator::{new_iterator, IterState};
use crate::types::methods::m;
use crate::types::{self, str::as_str, Kwargs, PyErr, PyResult, StaticValue};
use crate::vm::protocol::{index_value, type_name};
use crate::vm::Vm;

/// A new `struct.error` class (each interpreter's `struct` module makes its
/// own: a class is a mutable object, so no interpreter may share one with
/// another).
fn new_error_class(vm: &mut Vm) -> PyResult<Value> {
    let ns = types::new_dict();
    let nd = ns.downcast::<types::DictData>().expect("dict");
    nd.set_str(types::intern("__module__"), types::intern("struct"));
    let bases = types::new_tuple(vec![types::exc_types().exception.get()]);
    crate::vm::class::type_new(
        vm,
        &types::builtin_types().type_.get(),
        &types::intern("error"),
        &bases,
        &ns,
    )
}

/// The calling interpreter's `struct.error`: the class its `struct` module
/// holds (the module is imported before any of its functions can run).
fn error_class(vm: &mut Vm) -> PyResult<Value> {
    let module = vm
        .modules
        .downcast::<types::DictData>()
        .and_then(|d| d.get_str(&types::intern("struct")));
    let cls = module
        .as_ref()
        .and_then(|m| m.downcast::<types::ModuleData>())
        .and_then(|m| {
            m.dict
                .downcast::<types::DictData>()?
                .get_str(&types::intern("error"))
        })
        .filter(|c| c.kind() == crate::object::Kind::Type);
    match cls {
        Some(c) => Ok(c),
        // `struct` was taken out of `sys.modules` or its `error` replaced:
        // a fresh class, as good as any for the message.
        None => new_error_class(vm),
    }
}

fn error(vm: &mut Vm, msg: impl Into<String>) -> PyErr {
    match error_class(vm) {
        Ok(cls) => PyErr(types::exception::new_exception(
            &cls,
            vec![types::new_str(msg.into())],
        )),
        Err(e) => e,
    }
}

fn parse(vm: &mut Vm, f: &Value) -> PyResult<(Format, String)> {
    let text = match as_str(f) {
        Some(s) => s.to_string(),
        None => match f.downcast::<types::BytesData>() {
            Some(b) => String::from_utf8_lossy(&b.0).into_owned(),
            None => {
                return Err(type_error(format!(
                    "Struct() argument 1 must be a str or bytes object, not {}",
                    type_name(f)
                )))
            }
        },
    };
    match fmt::parse(&text) {
        Ok(p) => Ok((p, text)),
        Err(e) => Err(error(vm, e)),
    }
}

fn pack_values(vm: &mut Vm, f: &Format, values: &[Value], fname: &str) -> PyResult<Vec<u8>> {
    if values.len() != f.nvalues {
        return Err(error(
            vm,
            format!(
                "{fname} expected {} items for packing (got {})",
                f.nvalues,
                values.len()
            ),
        ));
    }
    let mut out = vec![0u8; f.size];
    let mut vals = values.iter();
    for item in &f.items {
        if !item.takes_value() {
            continue;
        }
        let v = vals.next().expect("value");
        if let Err(msg) = fmt::pack_item(vm, item, f.order, v, &mut out)? {
            // Float range errors are OverflowError in CPython.
            if msg.starts_with("float too large") {
                return Err(crate::types::exception::overflow_error(msg));
            }
            return Err(error(vm, msg));
        }
    }
    Ok(out)
}

fn unpack_values(f: &Format, data: &[u8]) -> Value {
    let vals: Vec<Value> = f
        .items
        .iter()
        .filter(|i| i.takes_value())
        .map(|i| fmt::unpack_item(i, f.order, data))
        .collect();
    types::new_tuple(vals)
}

fn buffer(v: &Value) -> PyResult<Vec<u8>> {
    crate::types::methods::bytes::bytes_like(v)
        .map(|b| b.into_owned())
        .ok_or_else(|| {
            type_error(format!(
                "a bytes-like object is required, not '{}'",
                type_name(v)
            ))
        })
}

fn unpack_impl(vm: &mut Vm, f: &Format, buf: &Value) -> PyResult<Value> {
    let data = buffer(buf)?;
    if data.len() != f.size {
        return Err(error(
            vm,
            format!("unpack requires a buffer of {} bytes", f.size),
        ));
    }
    Ok(unpack_values(f, &data))
}

fn unpack_from_impl(
    vm: &mut Vm,
    f: &Format,
    buf: &Value,
    offset: Option<&Value>,
) -> PyResult<Value> {
    let data = buffer(buf)?;
    let mut off = match offset {
        Some(o) => index_value(o)?,
        None => 0,
    };
    let len = data.len() as i64;
    if off < 0 {
        if off + len < 0 {
            return Err(error(
                vm,
                format!("offset {off} out of range for {len}-byte buffer"),
            ));
        }
        off += len;
    }
    if len - off < f.size as i64 {
        return Err(error(
            vm,
            format!(
                "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {off} (actual buffer size is {len})",
                f.size as i64 + off,
                f.size
            ),
        ));
    }
    Ok(unpack_values(f, &data[off as usize..off as usize + f.size]))
}

fn iter_unpack_impl(vm: &mut Vm, f: &Format, buf: &Value) -> PyResult<Value> {
    let data = buffer(buf)?;
    if f.size == 0 {
        return Err(error(
            vm,
            "cannot iteratively unpack with a struct of length 0",
        ));
    }
    if !data.len().is_multiple_of(f.size) {
        return Err(error(
            vm,
            format!(
                "iterative unpacking requires a buffer of a multiple of {} bytes",
                f.size
            ),
        ));
    }
    let items: Vec<Value> = data.chunks(f.size).map(|c| unpack_values(f, c)).collect();
    Ok(new_iterator(
        types::builtin_types().generic_iterator.v(),
        IterState::Values { items, index: 0 },
    ))
}

fn pack_into_impl(vm: &mut Vm, f: &Format, args: &[Value], fname: &str) -> PyResult<Value> {
    if args.len() < 2 {
        return Err(type_error(format!(
            "{fname}() missing required argument 'buffer' or 'offset'"
        )));
    }
    let packed = pack_values(vm, f, &args[2..], fname)?;
    let mut off = index_value(&args[1])?;
    let buf = &args[0];
    let len = crate::types::methods::bytearray::data(buf)
        .map(|d| d.len() as i64)
        .ok_or_else(|| {
            type_error(format!(
                "argument must be read-write bytes-like object, not {}",
                type_name(buf)
            ))
        })?;
    if off < 0 {
        if off + (f.size as i64) > 0 {
            return Err(error(
                vm,
                format!("no space to pack {} bytes at offset {off}", f.size),
            ));
        }
        if off + len < 0 {
            return Err(error(
                vm,
                format!("offset {off} out of range for {len}-byte buffer"),
            ));
        }
        off += len;
    }
    if len - off < f.size as i64 {
        return Err(error(
            vm,
            format!(
                "pack_into requires a buffer of at least {} bytes for packing {} bytes at offset {off} (actual buffer size is {len})",
                f.size as i64 + off,
                f.size
            ),
        ));
    }
    let o = off as usize;
    buf.downcast::<types::OpaqueData>()
        .and_then(|od| {
            od.with(|b: &mut crate::types::methods::bytearray::ByteArray| {
                b.data[o..o + packed.len()].copy_from_slice(&packed)
            })
        })
        .ok_or_else(|| type_error("argument must be read-write bytes-like object"))?;
    Ok(types::none())
}

fn first<'a>(args: &'a [Value], fname: &str) -> PyResult<&'a Value> {
    args.first().ok_or_else(|| {
        type_error(format!(
            "{fname}() missing required argument 'format' (pos 1)"
        ))
    })
}

fn pack(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let (f, _) = parse(vm, first(args, "pack")?)?;
    Ok(types::misc::new_bytes(pack_values(
        vm,
        &f,
        &args[1..],
        "pack",
    )?))
}

fn unpack(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("unpack", args, 2, 2)?;
    let (f, _) = parse(vm, &args[0])?;
    unpack_impl(vm, &f, &args[1])
}

fn unpack_from(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let buf = args
        .get(1)
        .or_else(|| kw.get("buffer"))
        .ok_or_else(|| type_error("unpack_from() missing required argument 'buffer' (pos 2)"))?;
    let (f, _) = parse(vm, first(args, "unpack_from")?)?;
    unpack_from_impl(vm, &f, buf, args.get(2).or_else(|| kw.get("offset")))
}

fn iter_unpack(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("iter_unpack", args, 2, 2)?;
    let (f, _) = parse(vm, &args[0])?;
    iter_unpack_impl(vm, &f, &args[1])
}

fn calcsize(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("calcsize", args, 1, 1)?;
    let (f, _) = parse(vm, &args[0])?;
    Ok(types::new_int(f.size as i64))
}

fn pack_into(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let (f, _) = parse(vm, first(args, "pack_into")?)?;
    pack_into_impl(vm, &f, &args[1..], "pack_into")
}

/// The state of a `Struct` object.
struct StructState {
    format: Format,
    text: String,
}
native_state!(StructState);

fn sfmt(v: &Value) -> PyResult<Format> {
    with_or(v, "Struct", |s: &mut StructState| s.format.clone())
}

fn struct_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let f = args
        .get(1)
        .or_else(|| kw.get("format"))
        .ok_or_else(|| type_error("Struct() missing required argument 'format' (pos 1)"))?;
    let (format, text) = parse(vm, f)?;
    Ok(new_obj(&args[0], StructState { format, text }))
}

fn s_pack(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let f = sfmt(&args[0])?;
    Ok(types::misc::new_bytes(pack_values(
        vm,
        &f,
        &args[1..],
        "pack",
    )?))
}

fn s_unpack(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("unpack", &args[1..], 1, 1)?;
    let f = sfmt(&args[0])?;
    unpack_impl(vm, &f, &args[1])
}

fn s_unpack_from(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let f = sfmt(&args[0])?;
    let buf = args
        .get(1)
        .or_else(|| kw.get("buffer"))
        .ok_or_else(|| type_error("unpack_from() missing required argument 'buffer' (pos 1)"))?;
    unpack_from_impl(vm, &f, buf, args.get(2).or_else(|| kw.get("offset")))
}

fn s_iter_unpack(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("iter_unpack", &args[1..], 1, 1)?;
    let f = sfmt(&args[0])?;
    iter_unpack_impl(vm, &f, &args[1])
}

fn s_pack_into(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let f = sfmt(&args[0])?;
    pack_into_impl(vm, &f, &args[1..], "pack_into")
}

fn s_format(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_str(with_or(
        &args[0],
        "Struct",
        |s: &mut StructState| s.text.clone(),
    )?))
}

fn s_size(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_int(sfmt(&args[0])?.size as i64))
}

fn struct_type(vm: &mut Vm) -> Value {
    static T: OnceLock<StaticValue> = OnceLock::new();
    cached_type(&T, vm, |vm| {
        let t = new_weakrefable_type(
            vm,
            "Struct",
            "_struct",
            &[
                m("pack", s_pack),
                m("unpack", s_unpack),
                m("unpack_from", s_unpack_from),
                m("iter_unpack", s_iter_unpack),
                m("pack_into", s_pack_into),
            ],
            Some(struct_new),
        );
        add_property(&t, "format", s_format);
        add_property(&t, "size", s_size);
        t
    })
}

/// Creates the `struct` module.
pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let module = crate::vm::import::new_module("struct");
    super::add_functions(
        &module,
        "struct",
        &[
            ("pack", pack),
            ("unpack", unpack),
            ("unpack_from", unpack_from),
            ("iter_unpack", iter_unpack),
            ("calcsize", calcsize),
            ("pack_into", pack_into),
        ],
    );
    super::set_attr(&module, "Struct", struct_type(vm));
    let err = new_error_class(vm)?;
    super::set_attr(&module, "error", err);
    Ok(module)
}
