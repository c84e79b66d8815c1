//! `bytes` formatting (`%`), hex conversion (`hex`, `fromhex`) and the dunder
//! methods shared by `bytes` and `bytearray` (`__add__`, `__mod__`, rich
//! comparisons, ...), plus the `bytes`-only ones.

use super::bytes::{bytes_like, make, recv};
use super::{cm, m, Method};
use crate::compiler::opcodes::CmpOp;
use crate::format::{self as fmt, PercentCount, PercentPiece};
use crate::object::{Kind, Value};
use crate::types::exception::{overflow_error, type_error, value_error};
use crate::types::{self, str::as_str, Kwargs, PyResult};
use crate::vm::formatting::fmt_err;
use crate::vm::protocol::type_name;
use crate::vm::Vm;

use super::str::no_kw;

/// `check_call` for `bytes` methods, with counts that include the receiver.
fn nargs(name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    super::str::check_call(args, "bytes", name, min - 1, max - 1)
}

fn latin1(b: &[u8]) -> String {
    b.iter().map(|&c| c as char).collect()
}

fn unlatin1(s: &str, out: &mut Vec<u8>) {
    out.extend(s.chars().map(|c| c as u32 as u8));
}

/// Parses a bytes `%` format: `%b` behaves exactly like `%s`, so each `%b` is
/// parsed as `%s`.
fn parse(fmt_bytes: &[u8]) -> PyResult<Vec<PercentPiece>> {
    let mut text: Vec<char> = fmt_bytes.iter().map(|&c| c as char).collect();
    loop {
        let s: String = text.iter().collect();
        match fmt::parse_percent(&s) {
            Ok(p) => return Ok(p),
            Err(e) => {
                let msg: String = e.clone().into();
                let idx = msg
                    .strip_prefix("unsupported format character 'b' (0x62) at index ")
                    .and_then(|n| n.parse::<usize>().ok());
                match idx {
                    Some(i) if text.get(i) == Some(&'b') => text[i] = 's',
                    _ => return Err(fmt_err(e)),
                }
            }
        }
    }
}

/// The bytes for a `%s`/`%b` operand.
fn operand_bytes(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_like(v) {
        return Ok(b.into_owned());
    }
    if let Some(f) = crate::vm::attr::lookup_special_name(v, crate::name!("__bytes__")) {
        let r = crate::vm::call::call(vm, &f, std::slice::from_ref(v))?;
        return match r.kind() {
            Kind::Bytes => Ok(bytes_like(&r).map(|b| b.into_owned()).unwrap_or_default()),
            _ => Err(type_error(format!(
                "__bytes__ returned non-bytes (type {})",
                type_name(&r)
            ))),
        };
    }
    Err(type_error(format!(
        "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
        type_name(v)
    )))
}

fn star_arg(v: Value) -> PyResult<i64> {
    types::bigint::to_i64(&v).ok_or_else(|| type_error("* wants int"))
}

/// `fmt % args` for bytes.
pub fn percent_format(vm: &mut Vm, fmt_bytes: &[u8], args: &Value) -> PyResult<Vec<u8>> {
    let pieces = parse(fmt_bytes)?;
    let is_tuple = args.kind() == Kind::Tuple;
    let mapping = !is_tuple
        && !matches!(args.kind(), Kind::Str | Kind::Bytes)
        && super::bytearray::data(args).is_none()
        && (args.kind() == Kind::Dict
            || crate::vm::attr::lookup_special_name(args, crate::name!("__getitem__")).is_some());
    let items: Vec<Value> = match args.downcast::<types::TupleData>() {
        Some(t) => t.items().to_vec(),
        None => vec![args.clone()],
    };
    let mut next = 0usize;
    let mut take = || -> PyResult<Value> {
        let v = items
            .get(next)
            .cloned()
            .ok_or_else(|| type_error("not enough arguments for format string"))?;
        next += 1;
        Ok(v)
    };
    let mut out = Vec::with_capacity(fmt_bytes.len() + 16);
    let mut used_mapping = false;
    for p in pieces {
        let mut d = match p {
            PercentPiece::Literal(s) => {
                unlatin1(&s, &mut out);
                continue;
            }
            PercentPiece::Directive(d) => d,
        };
        if let PercentCount::Star = d.width {
            d.set_star_width(star_arg(take()?)?);
        }
        if let PercentCount::Star = d.precision {
            d.set_star_precision(star_arg(take()?)?);
        }
        let v = match &d.key {
            Some(k) => {
                if !mapping {
                    return Err(type_error("format requires a mapping"));
                }
                used_mapping = true;
                let key = types::misc::new_bytes(k.chars().map(|c| c as u32 as u8).collect());
                crate::vm::containers::getitem(vm, args, &key)?
            }
            None if mapping => {
                used_mapping = true;
                args.clone()
            }
            None => take()?,
        };
        let s = match d.conversion {
            's' => fmt::percent_str(&latin1(&operand_bytes(vm, &v)?), &d).map_err(fmt_err)?,
            'r' | 'a' => {
                let a = crate::vm::protocol::ascii(vm, &v)?;
                fmt::percent_str(as_str(&a).unwrap_or(""), &d).map_err(fmt_err)?
            }
            'c' => {
                let byte = if let Some(b) = bytes_like(&v).filter(|b| b.len() == 1) {
                    b[0]
                } else if types::bigint::is_int_like(&v) {
                    match types::bigint::to_i64(&v) {
                        Some(i) if (0..256).contains(&i) => i as u8,
                        _ => return Err(overflow_error("%c arg not in range(256)")),
                    }
                } else {
                    return Err(type_error(
                        "%c requires an integer in range(256) or a single byte",
                    ));
                };
                fmt::percent_str(&latin1(&[byte]), &d).map_err(fmt_err)?
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => match types::bigint::to_bigint(&v) {
                Some(b) => fmt::percent_int(&b, &d).map_err(fmt_err)?,
                None => match v.as_float() {
                    Some(f) if "diu".contains(d.conversion) => {
                        fmt::percent_float(f, &d).map_err(fmt_err)?
                    }
                    _ => {
                        return Err(type_error(format!(
                            "%{} format: {} is required, not {}",
                            d.conversion,
                            if "diu".contains(d.conversion) {
                                "a real number"
                            } else {
                                "an integer"
                            },
                            type_name(&v)
                        )))
                    }
                },
            },
            _ => {
                let f = match v.as_float() {
                    Some(f) => f,
                    None => match types::bigint::to_bigint(&v) {
                        Some(b) => crate::vm::ops::int_to_f64(&b)?,
                        None => {
                            return Err(type_error(format!(
                                "float argument required, not {}",
                                type_name(&v)
                            )))
                        }
                    },
                };
                fmt::percent_float(f, &d).map_err(fmt_err)?
            }
        };
        unlatin1(&s, &mut out);
    }
    if !used_mapping && next < items.len() && !mapping {
        return Err(type_error(
            "not all arguments converted during bytes formatting",
        ));
    }
    Ok(out)
}

/// `bytes % args` as a value (the result has the format's type).
pub fn percent_value(vm: &mut Vm, fmt_v: &Value, args: &Value) -> PyResult<Value> {
    let (b, ba) = recv(std::slice::from_ref(fmt_v))?;
    let b = b.into_owned();
    Ok(make(ba, percent_format(vm, &b, args)?))
}

/// `bytes.hex(sep=..., bytes_per_sep=1)` on raw bytes.
pub fn hex_impl(b: &[u8], args: &[Value], kw: &Kwargs) -> PyResult<Value> {
    super::str::check_kw("hex", kw, &["sep", "bytes_per_sep"])?;
    nargs("hex", args, 1, 3)?;
    let sep = match super::arg_or_kw(args, kw, 1, "sep") {
        None => None,
        Some(v) => {
            let s: Vec<u8> = if let Some(s) = as_str(v) {
                if !s.is_ascii() {
                    return Err(value_error("sep must be ASCII."));
                }
                s.as_bytes().to_vec()
            } else if let Some(b) = bytes_like(v) {
                b.into_owned()
            } else {
                return Err(type_error(format!(
                    "object of type '{}' has no len()",
                    type_name(v)
                )));
            };
            if s.len() != 1 {
                return Err(value_error("sep must be length 1."));
            }
            Some(s[0] as char)
        }
    };
    let per = match super::arg_or_kw(args, kw, 2, "bytes_per_sep") {
        None => 1,
        Some(v) => crate::vm::protocol::index_value(v)?,
    };
    let mut out = String::with_capacity(b.len() * 3);
    let group = per.unsigned_abs() as usize;
    for (i, x) in b.iter().enumerate() {
        if let Some(sep) = sep {
            if group > 0 && i > 0 {
                let boundary = if per > 0 {
                    (b.len() - i).is_multiple_of(group)
                } else {
                    i.is_multiple_of(group)
                };
                if boundary {
                    out.push(sep);
                }
            }
        }
        out.push_str(&format!("{x:02x}"));
    }
    Ok(types::new_str(out))
}

fn hex(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let (b, _) = recv(args)?;
    hex_impl(&b, args, &kw)
}

/// Parses the argument of `fromhex`.
pub fn parse_hex(s: &str) -> PyResult<Vec<u8>> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len() / 2);
    let err = |i: usize| {
        value_error(format!(
            "non-hexadecimal number found in fromhex() arg at position {i}"
        ))
    };
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii() && super::bytes::is_space(chars[i] as u8) {
            i += 1;
            continue;
        }
        let hi = chars[i]
            .to_digit(16)
            .filter(|_| chars[i].is_ascii())
            .ok_or_else(|| err(i))?;
        let lo = chars
            .get(i + 1)
            .filter(|c| c.is_ascii())
            .and_then(|c| c.to_digit(16))
            .ok_or_else(|| err(i + 1))?;
        out.push((hi * 16 + lo) as u8);
        i += 2;
    }
    Ok(out)
}

fn fromhex(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "fromhex", &kw)?;
    if args.len() != 2 {
        let owner = if args
            .first()
            .is_some_and(|c| c.is(super::bytearray::bytearray_type()))
        {
            "bytearray"
        } else {
            "bytes"
        };
        return Err(type_error(format!(
            "{owner}.fromhex() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        )));
    }
    let s = as_str(&args[1]).ok_or_else(|| {
        type_error(format!(
            "fromhex() argument must be str, not {}",
            type_name(&args[1])
        ))
    })?;
    let data = parse_hex(s)?;
    let cls = &args[0];
    if cls.is(super::bytearray::bytearray_type()) {
        return Ok(super::bytearray::new_bytearray(data));
    }
    let b = types::misc::new_bytes(data);
    if cls.is(types::builtin_types().bytes.v()) {
        return Ok(b);
    }
    crate::vm::call::call(vm, cls, &[b])
}

fn other<'a>(args: &'a [Value], fname: &str) -> PyResult<&'a Value> {
    nargs(fname, args, 2, 2)?;
    recv(args)?;
    Ok(&args[1])
}

fn dunder_contains(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__contains__", &kw)?;
    let x = other(args, "__contains__")?;
    let (b, _) = recv(args)?;
    if let Some(sub) = bytes_like(x) {
        return Ok(types::bool_value(
            super::bytes::find_bytes(&b, &sub).is_some(),
        ));
    }
    if types::bigint::is_int_like(x) {
        let v = super::bytes::byte_value(x)?;
        return Ok(types::bool_value(b.contains(&v)));
    }
    Err(type_error(format!(
        "a bytes-like object is required, not '{}'",
        type_name(x)
    )))
}

fn dunder_add(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__add__", &kw)?;
    let x = other(args, "__add__")?;
    let (b, ba) = recv(args)?;
    let Some(y) = bytes_like(x) else {
        return Err(type_error(format!(
            "can't concat {} to {}",
            type_name(x),
            type_name(&args[0])
        )));
    };
    let mut v = b.into_owned();
    v.extend_from_slice(&y);
    Ok(make(ba, v))
}

/// `seq * n` for bytes-like receivers.
pub fn repeat(args: &[Value]) -> PyResult<Value> {
    let x = other(args, "__mul__")?;
    let (b, ba) = recv(args)?;
    if !types::bigint::is_int_like(x) {
        return Err(type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            type_name(x)
        )));
    }
    let n = crate::vm::protocol::index_value(x)
        .map_err(|_| overflow_error("cannot fit 'int' into an index-sized integer"))?
        .max(0) as usize;
    if b.len().saturating_mul(n) > 1 << 34 {
        return Err(crate::types::exception::memory_error(""));
    }
    Ok(make(ba, b.repeat(n)))
}

fn dunder_mul(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__mul__", &kw)?;
    repeat(args)
}

fn dunder_mod(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__mod__", &kw)?;
    other(args, "__mod__")?;
    percent_value(vm, &args[0], &args[1])
}

fn dunder_rmod(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__rmod__", &kw)?;
    other(args, "__rmod__")?;
    Ok(types::not_implemented())
}

/// Rich comparison of two bytes-like values (`NotImplemented` otherwise).
pub fn rich_compare(args: &[Value], fname: &str, op: CmpOp) -> PyResult<Value> {
    let x = other(args, fname)?;
    let (a, _) = recv(args)?;
    let Some(b) = bytes_like(x) else {
        return Ok(types::not_implemented());
    };
    let o = a.as_ref().cmp(b.as_ref());
    Ok(types::bool_value(match op {
        CmpOp::Eq => o.is_eq(),
        CmpOp::Ne => o.is_ne(),
        CmpOp::Lt => o.is_lt(),
        CmpOp::Le => o.is_le(),
        CmpOp::Gt => o.is_gt(),
        CmpOp::Ge => o.is_ge(),
    }))
}

fn dunder_eq(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__eq__", &kw)?;
    rich_compare(args, "__eq__", CmpOp::Eq)
}

fn dunder_ne(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__ne__", &kw)?;
    rich_compare(args, "__ne__", CmpOp::Ne)
}

fn dunder_lt(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__lt__", &kw)?;
    rich_compare(args, "__lt__", CmpOp::Lt)
}

fn dunder_le(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__le__", &kw)?;
    rich_compare(args, "__le__", CmpOp::Le)
}

fn dunder_gt(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__gt__", &kw)?;
    rich_compare(args, "__gt__", CmpOp::Gt)
}

fn dunder_ge(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__ge__", &kw)?;
    rich_compare(args, "__ge__", CmpOp::Ge)
}

/// The dunder methods `bytes` and `bytearray` share.
pub fn shared_dunders() -> Vec<Method> {
    vec![
        m("hex", hex),
        cm("fromhex", fromhex),
        m("__contains__", dunder_contains),
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
    ]
}

fn this_bytes(args: &[Value]) -> PyResult<&Value> {
    match args.first() {
        Some(v) if v.kind() == Kind::Bytes => Ok(v),
        _ => Err(type_error("descriptor requires a 'bytes' object")),
    }
}

fn dunder_len(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__len__", &kw)?;
    nargs("__len__", args, 1, 1)?;
    let (b, _) = recv(args)?;
    Ok(types::new_int(b.len() as i64))
}

fn dunder_getitem(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__getitem__", &kw)?;
    nargs("__getitem__", args, 2, 2)?;
    crate::vm::containers::getitem(vm, this_bytes(args)?, &args[1])
}

fn dunder_hash(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__hash__", &kw)?;
    nargs("__hash__", args, 1, 1)?;
    Ok(types::new_int(crate::vm::protocol::hash(
        vm,
        this_bytes(args)?,
    )?))
}

fn dunder_iter(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__iter__", &kw)?;
    nargs("__iter__", args, 1, 1)?;
    Ok(types::iterator::new_iterator(
        types::builtin_types().bytes_iterator.v(),
        types::iterator::IterState::Seq {
            seq: this_bytes(args)?.clone(),
            index: 0,
        },
    ))
}

fn dunder_repr(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__repr__", &kw)?;
    nargs("__repr__", args, 1, 1)?;
    let (b, _) = recv(std::slice::from_ref(this_bytes(args)?))?;
    Ok(types::new_str(fmt::bytes_repr(&b)))
}

fn dunder_bytes(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__bytes__", &kw)?;
    nargs("__bytes__", args, 1, 1)?;
    let v = this_bytes(args)?;
    if v.type_ptr() == types::builtin_types().bytes.as_ptr() {
        return Ok(v.clone());
    }
    let (b, _) = recv(args)?;
    Ok(types::misc::new_bytes(b.into_owned()))
}

fn dunder_getnewargs(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__getnewargs__", &kw)?;
    nargs("__getnewargs__", args, 1, 1)?;
    let (b, _) = recv(std::slice::from_ref(this_bytes(args)?))?;
    Ok(types::new_tuple(vec![types::misc::new_bytes(
        b.into_owned(),
    )]))
}

/// The `bytes` methods defined here (shared dunders plus `bytes`-only ones).
pub fn methods() -> Vec<Method> {
    let mut v = shared_dunders();
    v.extend([
        m("__len__", dunder_len),
        m("__getitem__", dunder_getitem),
        m("__hash__", dunder_hash),
        m("__iter__", dunder_iter),
        m("__repr__", dunder_repr),
        m("__bytes__", dunder_bytes),
        m("__getnewargs__", dunder_getnewargs),
    ]);
    v
}
