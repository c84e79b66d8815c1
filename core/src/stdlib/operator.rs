//! The `operator` module: the operator functions (and their dunder aliases)
//! over the VM's own operator implementations, plus the native callable
//! types `itemgetter`, `attrgetter` and `methodcaller`.

#[path = "operator_getters.rs"]
mod getters;

use super::{add_functions, set_attr};
use crate::compiler::opcodes::{BinOp, CmpOp};
use crate::object::{Kind, Value};
use crate::types::exception::{type_error, value_error};
use crate::types::iterator::IterState;
use crate::types::{self, Kwargs, PyResult};
use crate::vm::call::call;
use crate::vm::protocol::type_name;
use crate::vm::Vm;

fn nargs(name: &str, args: &[Value], kw: &Kwargs, n: usize) -> PyResult<()> {
    crate::vm::call::no_kwargs(name, kw)?;
    if args.len() != n {
        return Err(type_error(if n == 1 {
            format!("{name}() takes exactly one argument ({} given)", args.len())
        } else {
            format!("{name} expected {n} arguments, got {}", args.len())
        }));
    }
    Ok(())
}

macro_rules! binops {
    ($($name:ident => $op:expr, $inplace:expr);* $(;)?) => {$(
        fn $name(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
            nargs(stringify!($name), args, &kw, 2)?;
            crate::vm::ops::binary_op(vm, &args[0], &args[1], $op, $inplace)
        }
    )*};
}

binops! {
    add => BinOp::Add, false;
    sub => BinOp::Sub, false;
    mul => BinOp::Mul, false;
    truediv => BinOp::TrueDiv, false;
    floordiv => BinOp::FloorDiv, false;
    mod_ => BinOp::Mod, false;
    pow => BinOp::Pow, false;
    lshift => BinOp::LShift, false;
    rshift => BinOp::RShift, false;
    and_ => BinOp::And, false;
    or_ => BinOp::Or, false;
    xor => BinOp::Xor, false;
    matmul => BinOp::MatMul, false;
    iadd => BinOp::Add, true;
    isub => BinOp::Sub, true;
    imul => BinOp::Mul, true;
    itruediv => BinOp::TrueDiv, true;
    ifloordiv => BinOp::FloorDiv, true;
    imod => BinOp::Mod, true;
    ipow => BinOp::Pow, true;
    ilshift => BinOp::LShift, true;
    irshift => BinOp::RShift, true;
    iand => BinOp::And, true;
    ior => BinOp::Or, true;
    ixor => BinOp::Xor, true;
    imatmul => BinOp::MatMul, true;
}

macro_rules! cmpops {
    ($($name:ident => $op:expr);* $(;)?) => {$(
        fn $name(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
            nargs(stringify!($name), args, &kw, 2)?;
            if let (Some(a), Some(b)) = (args[0].as_small(), args[1].as_small()) {
                let r = match $op {
                    CmpOp::Lt => a < b,
                    CmpOp::Le => a <= b,
                    CmpOp::Eq => a == b,
                    CmpOp::Ne => a != b,
                    CmpOp::Gt => a > b,
                    CmpOp::Ge => a >= b,
                };
                return Ok(types::bool_value(r));
            }
            crate::vm::ops::compare(vm, &args[0], &args[1], $op)
        }
    )*};
}

cmpops! {
    lt => CmpOp::Lt;
    le => CmpOp::Le;
    eq => CmpOp::Eq;
    ne => CmpOp::Ne;
    gt => CmpOp::Gt;
    ge => CmpOp::Ge;
}

fn neg(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nargs("neg", args, &kw, 1)?;
    crate::vm::ops::unary_neg(vm, &args[0])
}

fn pos(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nargs("pos", args, &kw, 1)?;
    crate::vm::ops::unary_pos(vm, &args[0])
}

fn invert(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nargs("invert", args, &kw, 1)?;
    crate::vm::ops::unary_invert(vm, &args[0])
}

fn abs(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nargs("abs", args, &kw, 1)?;
    let f = vm
        .builtins
        .downcast::<types::DictData>()
        .and_then(|d| d.get_str(&types::intern("abs")))
        .ok_or_else(|| type_error("abs unavailable"))?;
    call(vm, &f, &args[..1])
}

fn not_(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nargs("not_", args, &kw, 1)?;
    Ok(types::bool_value(!crate::vm::protocol::truthy(
        vm, &args[0],
    )?))
}

fn truth(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nargs("truth", args, &kw, 1)?;
    Ok(types::bool_value(crate::vm::protocol::truthy(
        vm, &args[0],
    )?))
}

fn index(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nargs("index", args, &kw, 1)?;
    super::math::index_obj(vm, &args[0])
}

fn is_(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nargs("is_", args, &kw, 2)?;
    Ok(types::bool_value(args[0].is(&args[1])))
}

fn is_not(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nargs("is_not", args, &kw, 2)?;
    Ok(types::bool_value(!args[0].is(&args[1])))
}

/// `PySequence_Check`: indexable and not a mapping.
fn is_sequence(v: &Value) -> bool {
    match v.kind() {
        Kind::List | Kind::Tuple | Kind::Str | Kind::Bytes | Kind::Range => true,
        Kind::Dict => false,
        _ => crate::vm::attr::lookup_special_name(v, crate::name!("__getitem__")).is_some(),
    }
}

fn concat_impl(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: Kwargs,
    inplace: bool,
) -> PyResult<Value> {
    nargs(name, args, &kw, 2)?;
    if !is_sequence(&args[0]) {
        return Err(type_error(format!(
            "'{}' object can't be concatenated",
            type_name(&args[0])
        )));
    }
    crate::vm::ops::binary_op(vm, &args[0], &args[1], BinOp::Add, inplace)
}

fn concat(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    concat_impl(vm, "concat", args, kw, false)
}

fn iconcat(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    concat_impl(vm, "iconcat", args, kw, true)
}

fn contains(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nargs("contains", args, &kw, 2)?;
    Ok(types::bool_value(crate::vm::containers::contains(
        vm, &args[0], &args[1],
    )?))
}

/// Finds `b` in the iterable `a` (`item is b or item == b`): the count of
/// matches, or the index of the first one.
fn scan(vm: &mut Vm, a: &Value, b: &Value, first: bool) -> PyResult<Option<i64>> {
    let it = crate::vm::iteration::iter(vm, a)?;
    let (mut i, mut n) = (0i64, 0i64);
    while let Some(x) = crate::vm::iteration::next(vm, &it)? {
        if x.is(b) || crate::vm::protocol::eq(vm, &x, b)? {
            if first {
                return Ok(Some(i));
            }
            n += 1;
        }
        i += 1;
    }
    Ok(if first { None } else { Some(n) })
}

fn count_of(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nargs("countOf", args, &kw, 2)?;
    Ok(types::new_int(
        scan(vm, &args[0], &args[1], false)?.unwrap_or(0),
    ))
}

fn index_of(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nargs("indexOf", args, &kw, 2)?;
    match scan(vm, &args[0], &args[1], true)? {
        Some(i) => Ok(types::new_int(i)),
        None => Err(value_error("sequence.index(x): x not in sequence")),
    }
}

fn getitem(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nargs("getitem", args, &kw, 2)?;
    crate::vm::containers::getitem(vm, &args[0], &args[1])
}

fn setitem(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nargs("setitem", args, &kw, 3)?;
    crate::vm::containers::setitem(vm, &args[0], args[1].clone(), args[2].clone())?;
    Ok(types::none())
}

fn delitem(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nargs("delitem", args, &kw, 2)?;
    crate::vm::containers::delitem(vm, &args[0], &args[1])?;
    Ok(types::none())
}

/// Items left in a native iterator, when it can tell.
fn native_hint(vm: &mut Vm, v: &Value) -> PyResult<Option<usize>> {
    let Some(it) = v.downcast::<types::IteratorData>() else {
        return Ok(None);
    };
    enum Hint {
        Seq(Value, usize),
        Known(usize),
        Unknown,
    }
    let h = match &it.cursor {
        types::iter_cursor::Cursor::Range(c) => Hint::Known(c.remaining() as usize),
        types::iter_cursor::Cursor::Seq(c) => match c.position() {
            Some((seq, i)) => Hint::Seq(seq, i),
            None => Hint::Known(0),
        },
        types::iter_cursor::Cursor::None => Hint::Unknown,
    };
    let h = match h {
        Hint::Unknown => it.state.with(|s| match s {
            IterState::Seq { seq, index } => Hint::Seq(seq.clone(), *index),
            IterState::Reversed { next, .. } => Hint::Known(*next),
            IterState::Values { items, index } => Hint::Known(items.len().saturating_sub(*index)),
            IterState::Exhausted => Hint::Known(0),
            IterState::Dict { dict, pos, .. } => Hint::Known(
                dict.downcast::<types::DictData>()
                    .map_or(0, |d| d.len().saturating_sub(*pos)),
            ),
            _ => Hint::Unknown,
        }),
        h => h,
    };
    Ok(match h {
        Hint::Seq(seq, i) => Some(crate::vm::containers::len(vm, &seq)?.saturating_sub(i)),
        Hint::Known(n) => Some(n),
        Hint::Unknown => None,
    })
}

fn length_hint(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::no_kwargs("length_hint", &kw)?;
    crate::vm::call::check_args("length_hint", args, 1, 2)?;
    let default = match args.get(1) {
        Some(d) => {
            if !types::bigint::is_int_like(d) {
                return Err(type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name(d)
                )));
            }
            crate::vm::protocol::index_value(d)?
        }
        None => 0,
    };
    let o = &args[0];
    let has_len = matches!(
        o.kind(),
        Kind::List | Kind::Tuple | Kind::Str | Kind::Bytes | Kind::Dict | Kind::Set | Kind::Range
    ) || crate::vm::attr::lookup_special_name(o, crate::name!("__len__")).is_some();
    if has_len {
        match crate::vm::containers::len(vm, o) {
            Ok(n) => return Ok(types::new_int(n as i64)),
            Err(e) => {
                if !crate::vm::protocol::is_instance(&e.0, types::exc_types().type_error.v()) {
                    return Err(e);
                }
            }
        }
    }
    // Native iterators: answered from their state (the shared
    // `__length_hint__` of the native iterator types is not exact).
    if o.kind() == Kind::Iterator {
        return Ok(types::new_int(match native_hint(vm, o)? {
            Some(n) => n as i64,
            None => default,
        }));
    }
    if let Some(f) = crate::vm::attr::lookup_special_name(o, crate::name!("__length_hint__")) {
        let r = call(vm, &f, std::slice::from_ref(o))?;
        if r.is(&types::not_implemented()) {
            return Ok(types::new_int(default));
        }
        if !types::bigint::is_int_like(&r) {
            return Err(type_error(format!(
                "__length_hint__ must be an integer, not {}",
                type_name(&r)
            )));
        }
        let n = crate::vm::protocol::index_value(&r)?;
        if n < 0 {
            return Err(value_error("__length_hint__() should return >= 0"));
        }
        return Ok(types::new_int(n));
    }
    Ok(types::new_int(match native_hint(vm, o)? {
        Some(n) => n as i64,
        None => default,
    }))
}

fn call_fn(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    if args.is_empty() {
        return Err(type_error(
            "call() missing 1 required positional argument: 'obj'",
        ));
    }
    crate::vm::call::call_value(vm, &args[0], &args[1..], kw)
}

/// Creates the `operator` module.
pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let m = crate::vm::import::new_module("operator");
    let fns: &[(&'static str, crate::types::NativeFn)] = &[
        ("add", add),
        ("sub", sub),
        ("mul", mul),
        ("truediv", truediv),
        ("floordiv", floordiv),
        ("mod", mod_),
        ("pow", pow),
        ("lshift", lshift),
        ("rshift", rshift),
        ("and_", and_),
        ("or_", or_),
        ("xor", xor),
        ("matmul", matmul),
        ("iadd", iadd),
        ("isub", isub),
        ("imul", imul),
        ("itruediv", itruediv),
        ("ifloordiv", ifloordiv),
        ("imod", imod),
        ("ipow", ipow),
        ("ilshift", ilshift),
        ("irshift", irshift),
        ("iand", iand),
        ("ior", ior),
        ("ixor", ixor),
        ("imatmul", imatmul),
        ("lt", lt),
        ("le", le),
        ("eq", eq),
        ("ne", ne),
        ("gt", gt),
        ("ge", ge),
        ("neg", neg),
        ("pos", pos),
        ("invert", invert),
        ("inv", invert),
        ("abs", abs),
        ("not_", not_),
        ("truth", truth),
        ("index", index),
        ("is_", is_),
        ("is_not", is_not),
        ("concat", concat),
        ("iconcat", iconcat),
        ("contains", contains),
        ("countOf", count_of),
        ("indexOf", index_of),
        ("getitem", getitem),
        ("setitem", setitem),
        ("delitem", delitem),
        ("length_hint", length_hint),
        ("call", call_fn),
    ];
    add_functions(&m, "operator", fns);
    // The dunder aliases (`operator.__add__` is `operator.add`, ...).
    let d = super::module_dict(&m);
    for (name, _) in fns {
        if matches!(
            *name,
            "countOf" | "indexOf" | "is_" | "is_not" | "length_hint"
        ) {
            continue;
        }
        let base = name.trim_end_matches('_');
        let alias = format!("__{base}__");
        if let Some(f) = d.get_str(&types::intern(name)) {
            set_attr(&m, &alias, f);
        }
    }
    for (name, ty) in getters::types(vm) {
        set_attr(&m, name, ty);
    }
    Ok(m)
}
