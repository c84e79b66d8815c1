//! The `builtins` module.

use std::sync::OnceLock;

use super::{add_functions, set_attr};
use crate::compiler::opcodes::{BinOp, CmpOp};
use crate::object::{Kind, Value};
use crate::types::exception::{type_error, value_error};
use crate::types::iterator::{new_iterator, IterState};
use crate::types::methods::m;
use crate::types::misc::NativeState;
use crate::types::{self, str::as_str, Kwargs, OpaqueData, PyResult, StaticValue};
use crate::vm::call::call;
use crate::vm::protocol::{self as proto, type_name};
use crate::vm::Vm;

/// State of the standard stream objects.
struct Stream {
    err: bool,
}

impl NativeState for Stream {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

fn stream_write(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let s = args.get(1).and_then(as_str).ok_or_else(|| {
        type_error(format!(
            "write() argument must be str, not {}",
            args.get(1).map(type_name).unwrap_or_default()
        ))
    })?;
    let err = args[0]
        .downcast::<OpaqueData>()
        .and_then(|o| o.with(|st: &mut Stream| st.err))
        .unwrap_or(false);
    if err {
        vm.write_stderr(s);
    } else {
        vm.write_stdout(s);
    }
    Ok(types::new_int(s.chars().count() as i64))
}

fn stream_flush(vm: &mut Vm, _args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    vm.flush_stdout();
    Ok(types::none())
}

fn stream_type() -> &'static Value {
    static T: OnceLock<StaticValue> = OnceLock::new();
    T.get_or_init(|| {
        StaticValue(super::make_native_type(
            "TextIOWrapper",
            "io",
            &[m("write", stream_write), m("flush", stream_flush)],
            None,
        ))
    })
    .v()
}

/// A standard output (`err = false`) or error stream object.
pub fn make_stream(err: bool) -> Value {
    types::misc::new_opaque(stream_type(), Box::new(Stream { err }))
}

fn is_std_stream(v: &Value) -> Option<bool> {
    if !v.type_ptr().eq(&stream_type().as_ptr()) {
        return None;
    }
    v.downcast::<OpaqueData>()
        .and_then(|o| o.with(|s: &mut Stream| s.err))
}

fn print(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let sep = match kw.get("sep") {
        Some(s) if !types::is_none(s) => as_str(s)
            .ok_or_else(|| type_error("sep must be None or a string"))?
            .to_string(),
        _ => " ".to_string(),
    };
    let end = match kw.get("end") {
        Some(s) if !types::is_none(s) => as_str(s)
            .ok_or_else(|| type_error("end must be None or a string"))?
            .to_string(),
        _ => "\n".to_string(),
    };
    for (k, _) in kw.iter() {
        if !matches!(k, "sep" | "end" | "file" | "flush") {
            return Err(type_error(format!(
                "'{k}' is an invalid keyword argument for print()"
            )));
        }
    }
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(&proto::str_string(vm, a)?);
    }
    out.push_str(&end);
    let file = match kw.get("file") {
        Some(f) if !types::is_none(f) => f.clone(),
        _ => crate::vm::attr::getattr_str(vm, &vm.sys.clone(), "stdout")?,
    };
    match is_std_stream(&file) {
        Some(false) => vm.write_stdout(&out),
        Some(true) => vm.write_stderr(&out),
        None => {
            let w = crate::vm::attr::getattr_str(vm, &file, "write")?;
            call(vm, &w, &[types::new_str(out)])?;
        }
    }
    if let Some(f) = kw.get("flush") {
        if proto::truthy(vm, f)? {
            vm.flush_stdout();
        }
    }
    Ok(types::none())
}

fn len(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::no_kwargs("len", &kw)?;
    crate::vm::call::check_args("len", args, 1, 1)?;
    Ok(types::new_int(
        crate::vm::containers::len(vm, &args[0])? as i64
    ))
}

fn repr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("repr", args, 1, 1)?;
    proto::repr(vm, &args[0])
}

fn ascii(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("ascii", args, 1, 1)?;
    proto::ascii(vm, &args[0])
}

fn format(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("format", args, 1, 2)?;
    let spec = args.get(1).and_then(as_str).unwrap_or("").to_string();
    proto::format(vm, &args[0], &spec)
}

fn abs(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("abs", args, 1, 1)?;
    let v = &args[0];
    if let Some(i) = v.as_small() {
        return Ok(types::new_int(i.abs()));
    }
    match v.kind() {
        Kind::Float => Ok(types::new_float(v.as_float().expect("f").abs())),
        Kind::Complex => {
            let c = v.downcast::<types::ComplexData>().expect("c");
            Ok(types::new_float(c.re.hypot(c.im)))
        }
        Kind::Int | Kind::Bool => {
            use num_traits::Signed;
            Ok(types::bigint::new_bigint(
                types::bigint::to_bigint(v).expect("int").abs(),
            ))
        }
        _ => match crate::vm::attr::lookup_special_name(v, crate::name!("__abs__")) {
            Some(f) => call(vm, &f, std::slice::from_ref(v)),
            None => Err(type_error(format!(
                "bad operand type for abs(): '{}'",
                type_name(v)
            ))),
        },
    }
}

fn minmax(vm: &mut Vm, args: &[Value], kw: Kwargs, op: CmpOp, name: &str) -> PyResult<Value> {
    let key = kw.get("key").filter(|k| !types::is_none(k)).cloned();
    let default = kw.get("default").cloned();
    for (k, _) in kw.iter() {
        if k != "key" && k != "default" {
            return Err(type_error(format!(
                "'{k}' is an invalid keyword argument for {name}()"
            )));
        }
    }
    let items = match args.len() {
        0 => {
            return Err(type_error(format!(
                "{name} expected at least 1 argument, got 0"
            )))
        }
        1 => crate::vm::iteration::collect(vm, &args[0])?,
        _ => {
            if default.is_some() {
                return Err(type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            args.to_vec()
        }
    };
    let mut best: Option<(Value, Value)> = None;
    for x in items {
        let k = match &key {
            Some(f) => call(vm, f, std::slice::from_ref(&x))?,
            None => x.clone(),
        };
        best = Some(match best {
            None => (x, k),
            Some((bx, bk)) => {
                if crate::vm::ops::compare_bool(vm, &k, &bk, op)? {
                    (x, k)
                } else {
                    (bx, bk)
                }
            }
        });
    }
    match best {
        Some((x, _)) => Ok(x),
        None => default.ok_or_else(|| value_error(format!("{name}() arg is an empty sequence"))),
    }
}

fn min(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    minmax(vm, args, kw, CmpOp::Lt, "min")
}

fn max(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    minmax(vm, args, kw, CmpOp::Gt, "max")
}

fn sum(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("sum", args, 1, 2)?;
    let acc = args
        .get(1)
        .or_else(|| kw.get("start"))
        .cloned()
        .unwrap_or(Value::small(0));
    if acc.kind() == Kind::Str {
        return Err(type_error(
            "sum() can't sum strings [use ''.join(seq) instead]",
        ));
    }
    // Items of an exact tuple or list are read directly (a tuple's in place,
    // a list's from a snapshot); anything else goes through the iterator
    // protocol.
    let mut sum = SumAcc::new(acc);
    let (seq, bt) = (&args[0], types::builtin_types());
    if let Some(t) = seq
        .downcast::<types::TupleData>()
        .filter(|_| seq.type_ptr() == bt.tuple.as_ptr())
    {
        for x in t.items() {
            sum.add(vm, x)?;
        }
    } else if let Some(l) = seq
        .downcast::<types::ListData>()
        .filter(|_| seq.type_ptr() == bt.list.as_ptr())
    {
        for x in &l.snapshot() {
            sum.add(vm, x)?;
        }
    } else {
        let it = crate::vm::iteration::iter(vm, seq)?;
        while let Some(x) = crate::vm::iteration::next(vm, &it)? {
            sum.add(vm, &x)?;
        }
    }
    Ok(sum.finish())
}

/// `sum()`'s running total. As CPython's `builtin_sum_impl`, small ints are
/// added as machine integers and exact floats as doubles, with no object per
/// step; the first item that is neither (or an int sum leaving the tagged
/// range) turns the total into an object and the rest is added with `+`.
/// The order is left to right in every case, so float results are those of
/// repeated `+`.
enum SumAcc {
    Int(i64),
    Float(f64),
    Obj(Value),
}

impl SumAcc {
    fn new(start: Value) -> SumAcc {
        if let Some(i) = start.as_small() {
            return SumAcc::Int(i);
        }
        match types::exact_float(&start) {
            Some(f) => SumAcc::Float(f),
            None => SumAcc::Obj(start),
        }
    }

    fn add(&mut self, vm: &mut Vm, x: &Value) -> PyResult<()> {
        let fast = match (&*self, x.as_small(), types::exact_float(x)) {
            (SumAcc::Int(a), Some(b), _) => a
                .checked_add(b)
                .and_then(Value::try_small)
                .map(|_| SumAcc::Int(a + b)),
            (SumAcc::Int(a), None, Some(f)) => Some(SumAcc::Float(*a as f64 + f)),
            (SumAcc::Float(a), Some(b), _) => Some(SumAcc::Float(a + b as f64)),
            (SumAcc::Float(a), None, Some(f)) => Some(SumAcc::Float(a + f)),
            _ => None,
        };
        *self = match fast {
            Some(acc) => acc,
            None => {
                let acc = std::mem::replace(self, SumAcc::Int(0)).finish();
                SumAcc::Obj(crate::vm::ops::binary_op(vm, &acc, x, BinOp::Add, false)?)
            }
        };
        Ok(())
    }

    fn finish(self) -> Value {
        match self {
            SumAcc::Int(i) => Value::small(i),
            SumAcc::Float(f) => types::new_float(f),
            SumAcc::Obj(v) => v,
        }
    }
}

fn isinstance(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("isinstance", args, 2, 2)?;
    let _ = vm;
    Ok(types::bool_value(isinstance_check(&args[0], &args[1])?))
}

fn isinstance_check(v: &Value, cls: &Value) -> PyResult<bool> {
    if let Some(t) = cls.downcast::<types::TupleData>() {
        for c in t.items().to_vec() {
            if isinstance_check(v, &c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if cls.kind() != Kind::Type {
        return Err(type_error(
            "isinstance() arg 2 must be a type, a tuple of types, or a union",
        ));
    }
    Ok(proto::is_instance(v, cls))
}

fn issubclass(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("issubclass", args, 2, 2)?;
    if args[0].kind() != Kind::Type {
        return Err(type_error("issubclass() arg 1 must be a class"));
    }
    fn check(c: &Value, cls: &Value) -> PyResult<bool> {
        if let Some(t) = cls.downcast::<types::TupleData>() {
            for x in t.items().to_vec() {
                if check(c, &x)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        if cls.kind() != Kind::Type {
            return Err(type_error(
                "issubclass() arg 2 must be a class, a tuple of classes, or a union",
            ));
        }
        Ok(types::typeobj::is_subtype(c, cls))
    }
    let _ = vm;
    Ok(types::bool_value(check(&args[0], &args[1])?))
}

fn sorted(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("sorted", args, 1, 1)?;
    let items = crate::vm::iteration::collect(vm, &args[0])?;
    let rev = match kw.get("reverse") {
        Some(r) => proto::truthy(vm, r)?,
        None => false,
    };
    let out = types::methods::list::sort_values(vm, items, kw.get("key"), rev)?;
    Ok(types::new_list(out))
}

fn any(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("any", args, 1, 1)?;
    let it = crate::vm::iteration::iter(vm, &args[0])?;
    while let Some(x) = crate::vm::iteration::next(vm, &it)? {
        if proto::truthy(vm, &x)? {
            return Ok(types::bool_value(true));
        }
    }
    Ok(types::bool_value(false))
}

fn all(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("all", args, 1, 1)?;
    let it = crate::vm::iteration::iter(vm, &args[0])?;
    while let Some(x) = crate::vm::iteration::next(vm, &it)? {
        if !proto::truthy(vm, &x)? {
            return Ok(types::bool_value(false));
        }
    }
    Ok(types::bool_value(true))
}

fn iter(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("iter", args, 1, 2)?;
    if args.len() == 2 {
        return Ok(new_iterator(
            types::builtin_types().callable_iterator.v(),
            IterState::Callable {
                func: args[0].clone(),
                sentinel: args[1].clone(),
            },
        ));
    }
    crate::vm::iteration::iter(vm, &args[0])
}

fn next(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("next", args, 1, 2)?;
    let it = &args[0];
    if !matches!(it.kind(), Kind::Iterator | Kind::Generator)
        && crate::vm::attr::lookup_special_name(it, crate::name!("__next__")).is_none()
    {
        return Err(type_error(format!(
            "'{}' object is not an iterator",
            type_name(it)
        )));
    }
    if it.kind() == Kind::Generator {
        return match crate::vm::iteration::gen_resume(vm, it, types::none(), None)? {
            crate::vm::iteration::SendResult::Yielded(v) => Ok(v),
            crate::vm::iteration::SendResult::Returned(r) => match args.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(crate::types::exception::stop_iteration(
                    if types::is_none(&r) { None } else { Some(r) },
                )),
            },
        };
    }
    match crate::vm::iteration::next(vm, it)? {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(crate::types::exception::stop_iteration(None)),
        },
    }
}

fn getattr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("getattr", args, 2, 3)?;
    let name = as_str(&args[1]).ok_or_else(|| type_error("attribute name must be string"))?;
    let name = types::intern(name);
    if args.len() == 3 {
        return Ok(
            crate::vm::attr::getattr_opt(vm, &args[0], &name)?.unwrap_or_else(|| args[2].clone())
        );
    }
    crate::vm::attr::getattr(vm, &args[0], &name)
}

fn setattr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("setattr", args, 3, 3)?;
    let name = as_str(&args[1]).ok_or_else(|| type_error("attribute name must be string"))?;
    crate::vm::attr::setattr(vm, &args[0], &types::intern(name), args[2].clone())?;
    Ok(types::none())
}

fn hasattr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("hasattr", args, 2, 2)?;
    let name = as_str(&args[1]).ok_or_else(|| type_error("attribute name must be string"))?;
    Ok(types::bool_value(
        crate::vm::attr::getattr_opt(vm, &args[0], &types::intern(name))?.is_some(),
    ))
}

fn delattr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("delattr", args, 2, 2)?;
    let name = as_str(&args[1]).ok_or_else(|| type_error("attribute name must be string"))?;
    crate::vm::attr::delattr(vm, &args[0], &types::intern(name))?;
    Ok(types::none())
}

fn hash(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("hash", args, 1, 1)?;
    Ok(types::new_int(proto::hash(vm, &args[0])?))
}

fn id(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("id", args, 1, 1)?;
    Ok(types::new_int(args[0].bits() as i64 >> 1))
}

fn divmod(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("divmod", args, 2, 2)?;
    if let Some(f) = crate::vm::attr::lookup_special_name(&args[0], crate::name!("__divmod__"))
        .filter(|f| f.kind() == Kind::Function)
    {
        return call(vm, &f, args);
    }
    let q = crate::vm::ops::binary_op(vm, &args[0], &args[1], BinOp::FloorDiv, false)?;
    let r = crate::vm::ops::binary_op(vm, &args[0], &args[1], BinOp::Mod, false)?;
    Ok(types::new_tuple(vec![q, r]))
}

fn pow(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let base = super::super::types::methods::arg_or_kw(args, &kw, 0, "base")
        .ok_or_else(|| type_error("pow() missing required argument 'base' (pos 1)"))?;
    let exp = super::super::types::methods::arg_or_kw(args, &kw, 1, "exp")
        .ok_or_else(|| type_error("pow() missing required argument 'exp' (pos 2)"))?;
    let m = super::super::types::methods::arg_or_kw(args, &kw, 2, "mod");
    match m {
        Some(m) if !types::is_none(m) => {
            let (Some(b), Some(e), Some(md)) = (
                types::bigint::to_bigint(base),
                types::bigint::to_bigint(exp),
                types::bigint::to_bigint(m),
            ) else {
                return Err(type_error(
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            };
            use num_traits::{Signed, Zero};
            if md.is_zero() {
                return Err(value_error("pow() 3rd argument cannot be 0"));
            }
            let r = if e.is_negative() {
                let inv = modinv(&b, &md)
                    .ok_or_else(|| value_error("base is not invertible for the given modulus"))?;
                inv.modpow(&(-e), &md.abs())
            } else {
                b.modpow(&e, &md.abs())
            };
            let r = if md.is_negative() && !r.is_zero() {
                r + md
            } else {
                r
            };
            Ok(types::bigint::new_bigint(r))
        }
        _ => crate::vm::ops::binary_op(vm, base, exp, BinOp::Pow, false),
    }
}

fn modinv(a: &num_bigint::BigInt, m: &num_bigint::BigInt) -> Option<num_bigint::BigInt> {
    use num_integer::Integer;
    use num_traits::{One, Signed};
    let m = m.abs();
    let e = a.mod_floor(&m).extended_gcd(&m);
    if !e.gcd.is_one() {
        return None;
    }
    Some(e.x.mod_floor(&m))
}

pub(crate) fn round(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let x = types::methods::arg_or_kw(args, &kw, 0, "number")
        .ok_or_else(|| type_error("round() missing required argument 'number' (pos 1)"))?;
    let nd = types::methods::arg_or_kw(args, &kw, 1, "ndigits").filter(|n| !types::is_none(n));
    if types::bigint::is_int_like(x) {
        return match nd {
            None => Ok(types::bigint::new_bigint(
                types::bigint::to_bigint(x).expect("int"),
            )),
            Some(n) => {
                let n = proto::index_value(n)?;
                if n >= 0 {
                    return Ok(types::bigint::new_bigint(
                        types::bigint::to_bigint(x).expect("int"),
                    ));
                }
                use num_integer::Integer;
                let b = types::bigint::to_bigint(x).expect("int");
                let p = num_traits::pow(num_bigint::BigInt::from(10), (-n) as usize);
                let (q, r) = b.div_mod_floor(&p);
                let twice = &r * 2;
                let q = if twice > p || (twice == p && q.is_odd()) {
                    q + 1
                } else {
                    q
                };
                Ok(types::bigint::new_bigint(q * p))
            }
        };
    }
    if let Some(f) = x.as_float() {
        return match nd {
            None => {
                if f.is_nan() {
                    return Err(value_error("cannot convert float NaN to integer"));
                }
                if f.is_infinite() {
                    return Err(crate::types::exception::overflow_error(
                        "cannot convert float infinity to integer",
                    ));
                }
                let r = f.round();
                let r = if (f - f.trunc()).abs() == 0.5 {
                    2.0 * (f / 2.0).round()
                } else {
                    r
                };
                Ok(types::methods::int::float_to_int(r))
            }
            Some(n) => {
                let n = proto::index_value(n)?;
                Ok(types::new_float(round_float(f, n)))
            }
        };
    }
    match crate::vm::attr::lookup_special_name(x, crate::name!("__round__")) {
        Some(f) => {
            let mut a = vec![x.clone()];
            if let Some(n) = nd {
                a.push(n.clone());
            }
            call(vm, &f, &a)
        }
        None => Err(type_error(format!(
            "type {} doesn't define __round__ method",
            type_name(x)
        ))),
    }
}

/// `round(f, n)` with CPython's correctly rounded decimal semantics.
pub fn round_float(f: f64, n: i64) -> f64 {
    if !f.is_finite() || f == 0.0 {
        return f;
    }
    if n > 300 {
        return f;
    }
    if n < -310 {
        return 0.0f64.copysign(f);
    }
    // Format the exact value with round-half-even at n decimals, then parse.
    if n >= 0 {
        let s = format!("{:.*}", n as usize, f);
        s.parse().unwrap_or(f)
    } else {
        let p = 10f64.powi((-n) as i32);
        let y = f / p;
        let r = y.round();
        let r = if (y - y.trunc()).abs() == 0.5 {
            2.0 * (y / 2.0).round()
        } else {
            r
        };
        let z = r * p;
        if z.is_infinite() {
            return f;
        }
        z
    }
}

fn chr(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("chr", args, 1, 1)?;
    let i = proto::index_value(&args[0])?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => Ok(types::str::new_char(c)),
        None => Err(value_error("chr() arg not in range(0x110000)")),
    }
}

fn ord(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("ord", args, 1, 1)?;
    if let Some(s) = as_str(&args[0]) {
        let mut it = s.chars();
        return match (it.next(), it.next()) {
            (Some(c), None) => Ok(types::new_int(c as i64)),
            _ => Err(type_error(format!(
                "ord() expected a character, but string of length {} found",
                s.chars().count()
            ))),
        };
    }
    if let Some(b) = args[0].downcast::<types::BytesData>() {
        if b.0.len() == 1 {
            return Ok(types::new_int(b.0[0] as i64));
        }
        return Err(type_error(format!(
            "ord() expected a character, but string of length {} found",
            b.0.len()
        )));
    }
    Err(type_error(format!(
        "ord() expected string of length 1, but {} found",
        type_name(&args[0])
    )))
}

fn int_base(vm: &mut Vm, args: &[Value], spec: &str, name: &str) -> PyResult<Value> {
    crate::vm::call::check_args(name, args, 1, 1)?;
    if !types::bigint::is_int_like(&args[0]) {
        return Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(&args[0])
        )));
    }
    proto::format(vm, &args[0], spec)
}

fn hex(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    int_base(vm, args, "#x", "hex")
}
fn oct(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    int_base(vm, args, "#o", "oct")
}
fn bin(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    int_base(vm, args, "#b", "bin")
}

fn callable(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("callable", args, 1, 1)?;
    Ok(types::bool_value(crate::vm::protocol::is_callable(
        &args[0],
    )))
}

fn vars(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("vars", args, 1, 1)?;
    crate::vm::attr::getattr_str(vm, &args[0], "__dict__")
        .map_err(|_| type_error("vars() argument must have __dict__ attribute"))
}

fn dir(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("dir", args, 1, 1)?;
    if let Some(md) = args[0].downcast::<types::ModuleData>() {
        let mut names: Vec<String> = md
            .dict
            .downcast::<types::DictData>()
            .expect("d")
            .keys()
            .iter()
            .filter_map(|k| as_str(k).map(|s| s.to_string()))
            .collect();
        names.sort();
        return Ok(types::new_list(
            names.into_iter().map(types::new_str).collect(),
        ));
    }
    let f = crate::vm::attr::lookup_special_name(&args[0], crate::name!("__dir__"))
        .ok_or_else(|| type_error("object does not provide __dir__"))?;
    let r = call(vm, &f, std::slice::from_ref(&args[0]))?;
    let items = crate::vm::iteration::collect(vm, &r)?;
    let out = types::methods::list::sort_values(vm, items, None, false)?;
    Ok(types::new_list(out))
}

fn build_class(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    crate::vm::class::build_class(vm, args, kw)
}

fn import(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let name = args
        .first()
        .and_then(as_str)
        .ok_or_else(|| type_error("__import__() argument 1 must be str"))?
        .to_string();
    let m = crate::vm::import::import_module(vm, &name)?;
    let top = name.split('.').next().unwrap_or(&name).to_string();
    if args.len() >= 4 && !types::is_none(&args[3]) && proto::truthy(vm, &args[3])? {
        return Ok(m);
    }
    crate::vm::import::import_module(vm, &top)
}

fn globals(vm: &mut Vm, _args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let _ = vm;
    Err(crate::types::exception::not_implemented_error(
        "gilgamesh does not support globals() yet",
    ))
}

fn exit(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let code: Vec<Value> = args.first().cloned().into_iter().collect();
    Err(types::PyErr(crate::types::exception::new_exception(
        types::exc_types().system_exit.v(),
        code,
    )))
}

fn input(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    if let Some(p) = args.first() {
        let s = proto::str_string(vm, p)?;
        vm.write_stdout(&s);
    }
    vm.flush_stdout();
    let mut line = String::new();
    let read = crate::gil::allow_threads(crate::trace::BLOCKED_STDIN, || {
        std::io::stdin().read_line(&mut line)
    });
    match read {
        Ok(0) => Err(crate::types::exception::eof_error(
            "EOF when reading a line",
        )),
        Ok(_) => Ok(types::new_str(line.trim_end_matches('\n'))),
        Err(e) => Err(crate::types::exception::os_error(e.to_string())),
    }
}

/// Creates the `builtins` module.
pub fn make_module() -> Value {
    let m = crate::vm::import::new_module("builtins");
    add_functions(
        &m,
        "builtins",
        &[
            ("print", print),
            ("len", len),
            ("repr", repr),
            ("ascii", ascii),
            ("format", format),
            ("abs", abs),
            ("min", min),
            ("max", max),
            ("sum", sum),
            ("isinstance", isinstance),
            ("issubclass", issubclass),
            ("sorted", sorted),
            ("any", any),
            ("all", all),
            ("iter", iter),
            ("next", next),
            ("getattr", getattr),
            ("setattr", setattr),
            ("hasattr", hasattr),
            ("delattr", delattr),
            ("hash", hash),
            ("id", id),
            ("divmod", divmod),
            ("pow", pow),
            ("round", round),
            ("chr", chr),
            ("ord", ord),
            ("hex", hex),
            ("oct", oct),
            ("bin", bin),
            ("callable", callable),
            ("vars", vars),
            ("dir", dir),
            ("__build_class__", build_class),
            ("__import__", import),
            ("globals", globals),
            ("exit", exit),
            ("quit", exit),
            ("input", input),
        ],
    );
    let bt = types::builtin_types();
    for (name, t) in [
        ("object", &bt.object),
        ("type", &bt.type_),
        ("int", &bt.int),
        ("bool", &bt.bool),
        ("float", &bt.float),
        ("complex", &bt.complex),
        ("str", &bt.str),
        ("bytes", &bt.bytes),
        ("tuple", &bt.tuple),
        ("list", &bt.list),
        ("dict", &bt.dict),
        ("set", &bt.set),
        ("frozenset", &bt.frozenset),
        ("range", &bt.range),
        ("slice", &bt.slice),
        ("property", &bt.property),
        ("classmethod", &bt.classmethod),
        ("staticmethod", &bt.staticmethod),
        ("super", &bt.super_),
        ("enumerate", &bt.enumerate),
        ("zip", &bt.zip),
        ("map", &bt.map),
        ("filter", &bt.filter),
        ("reversed", &bt.reversed),
    ] {
        set_attr(&m, name, t.get());
    }
    for (name, t) in types::exc_types().all() {
        set_attr(&m, name, t);
    }
    set_attr(
        &m,
        "bytearray",
        crate::types::methods::bytearray::bytearray_type().clone(),
    );
    set_attr(&m, "EnvironmentError", types::exc_types().os_error.get());
    set_attr(&m, "IOError", types::exc_types().os_error.get());
    let s = types::singletons();
    set_attr(&m, "None", s.none.get());
    set_attr(&m, "True", s.true_.get());
    set_attr(&m, "False", s.false_.get());
    set_attr(&m, "NotImplemented", s.not_implemented.get());
    set_attr(&m, "Ellipsis", s.ellipsis.get());
    set_attr(&m, "__debug__", s.true_.get());
    m
}

/// State of a traceback object (its fields live in the instance dict).
struct TracebackState;

impl NativeState for TracebackState {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

fn traceback_type() -> &'static Value {
    static T: OnceLock<StaticValue> = OnceLock::new();
    T.get_or_init(|| StaticValue(super::make_native_type("traceback", "builtins", &[], None)))
        .v()
}

/// The `__traceback__` of an exception: a chain of traceback objects with
/// `tb_lineno`, `tb_next` and `tb_frame` (None: frames are not exposed), or
/// None when the exception was never raised.
pub fn traceback_object(entries: &[crate::types::exception::TbEntry]) -> Value {
    let mut next = types::none();
    // Entries are innermost first; the chain starts at the outermost frame.
    for e in entries.iter() {
        let tb = types::misc::new_opaque(traceback_type(), Box::new(TracebackState));
        let d = types::new_dict();
        let dd = d.downcast::<types::DictData>().expect("dict");
        dd.set_str(types::intern("tb_lineno"), types::new_int(e.line as i64));
        dd.set_str(types::intern("tb_next"), next);
        dd.set_str(types::intern("tb_frame"), types::none());
        if let Some(o) = tb.downcast::<OpaqueData>() {
            o.dict.replace(Some(d));
        }
        next = tb;
    }
    next
}
