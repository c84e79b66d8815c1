//! The arithmetic and comparison dunders of `int`, `bool` and `float`
//! (`int.__add__`, `float.__lt__`, ...), for code that calls them directly or
//! through `super()`. They return `NotImplemented` for operands of other
//! types, as CPython's do.

use super::{m, Method};
use crate::compiler::opcodes::{BinOp, CmpOp};
use crate::object::{Kind, Value};
use crate::types::{self, Kwargs, PyResult};
use crate::vm::Vm;

fn is_int(v: &Value) -> bool {
    types::bigint::is_int_like(v)
}

fn is_num(v: &Value) -> bool {
    is_int(v) || v.kind() == Kind::Float
}

fn binary(vm: &mut Vm, args: &[Value], op: BinOp, reflected: bool, float: bool) -> PyResult<Value> {
    super::nargs(op.dunder(), args, 2, 2)?;
    let ok = if float {
        is_num(&args[1])
    } else {
        is_int(&args[1])
    };
    if !ok {
        return Ok(types::not_implemented());
    }
    let (a, b) = if reflected {
        (&args[1], &args[0])
    } else {
        (&args[0], &args[1])
    };
    // The built-in operation itself: dispatching through `binary_op` would
    // find this dunder again on a subclass instance.
    match crate::vm::ops::builtin_binary(vm, a, b, op) {
        Some(r) => r,
        None => Ok(types::not_implemented()),
    }
}

fn compare(vm: &mut Vm, args: &[Value], op: CmpOp, float: bool) -> PyResult<Value> {
    super::nargs(op.dunder(), args, 2, 2)?;
    let ok = if float {
        is_num(&args[1])
    } else {
        is_int(&args[1])
    };
    if !ok {
        return Ok(types::not_implemented());
    }
    match crate::vm::ops::builtin_comparison(vm, &args[0], &args[1], op)? {
        Some(r) => Ok(types::bool_value(r)),
        None => Ok(types::not_implemented()),
    }
}

macro_rules! dunders {
    ($float:expr, $($name:ident = $kind:ident $op:ident $refl:expr;)*) => {
        $(pub(super) fn $name(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
            dunders!(@call $kind vm, args, $op, $refl, $float)
        })*
    };
    (@call bin $vm:ident, $args:ident, $op:ident, $refl:expr, $float:expr) => {
        binary($vm, $args, BinOp::$op, $refl, $float)
    };
    (@call cmp $vm:ident, $args:ident, $op:ident, $refl:expr, $float:expr) => {
        compare($vm, $args, CmpOp::$op, $float)
    };
}

mod int_d {
    use super::*;
    dunders!(false,
        add = bin Add false; radd = bin Add true; sub = bin Sub false; rsub = bin Sub true;
        mul = bin Mul false; rmul = bin Mul true; truediv = bin TrueDiv false; rtruediv = bin TrueDiv true;
        floordiv = bin FloorDiv false; rfloordiv = bin FloorDiv true; mod_ = bin Mod false; rmod = bin Mod true;
        pow = bin Pow false; rpow = bin Pow true; lshift = bin LShift false; rlshift = bin LShift true;
        rshift = bin RShift false; rrshift = bin RShift true; and = bin And false; rand = bin And true;
        or = bin Or false; ror = bin Or true; xor = bin Xor false; rxor = bin Xor true;
        lt = cmp Lt false; le = cmp Le false; eq = cmp Eq false; ne = cmp Ne false; gt = cmp Gt false; ge = cmp Ge false;
    );
}

mod float_d {
    use super::*;
    dunders!(true,
        add = bin Add false; radd = bin Add true; sub = bin Sub false; rsub = bin Sub true;
        mul = bin Mul false; rmul = bin Mul true; truediv = bin TrueDiv false; rtruediv = bin TrueDiv true;
        floordiv = bin FloorDiv false; rfloordiv = bin FloorDiv true; mod_ = bin Mod false; rmod = bin Mod true;
        pow = bin Pow false; rpow = bin Pow true;
        lt = cmp Lt false; le = cmp Le false; eq = cmp Eq false; ne = cmp Ne false; gt = cmp Gt false; ge = cmp Ge false;
    );
}

fn neg(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::ops::unary_neg(vm, super::arg(args, 0, "__neg__")?)
}
fn pos(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::ops::unary_pos(vm, super::arg(args, 0, "__pos__")?)
}
fn invert(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::ops::unary_invert(vm, super::arg(args, 0, "__invert__")?)
}
fn hash(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_int(crate::vm::protocol::builtin_hash(
        vm,
        super::arg(args, 0, "__hash__")?,
    )?))
}
fn bool_(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::bool_value(crate::vm::protocol::truthy(
        vm,
        super::arg(args, 0, "__bool__")?,
    )?))
}
fn repr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let v = super::arg(args, 0, "__repr__")?;
    Ok(types::new_str(crate::vm::protocol::builtin_repr_string(
        vm, v,
    )?))
}
fn abs(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let v = super::arg(args, 0, "__abs__")?;
    let negative = crate::vm::ops::compare_bool(vm, v, &Value::small(0), CmpOp::Lt)?;
    if negative {
        crate::vm::ops::unary_neg(vm, v)
    } else {
        crate::vm::ops::unary_pos(vm, v)
    }
}
fn float_(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    super::float::float_from(vm, super::arg(args, 0, "__float__")?)
}
fn int_(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    super::int::int_from(vm, super::arg(args, 0, "__int__")?)
}

fn common() -> Vec<Method> {
    vec![
        m("__neg__", neg),
        m("__pos__", pos),
        m("__hash__", hash),
        m("__bool__", bool_),
        m("__repr__", repr),
        m("__abs__", abs),
        m("__float__", float_),
    ]
}

/// The dunders of `int` (and, by inheritance, `bool`).
pub fn int_dunders() -> Vec<Method> {
    use int_d::*;
    let mut v = common();
    v.extend([
        m("__add__", add),
        m("__radd__", radd),
        m("__sub__", sub),
        m("__rsub__", rsub),
        m("__mul__", mul),
        m("__rmul__", rmul),
        m("__truediv__", truediv),
        m("__rtruediv__", rtruediv),
        m("__floordiv__", floordiv),
        m("__rfloordiv__", rfloordiv),
        m("__mod__", mod_),
        m("__rmod__", rmod),
        m("__pow__", pow),
        m("__rpow__", rpow),
        m("__lshift__", lshift),
        m("__rlshift__", rlshift),
        m("__rshift__", rshift),
        m("__rrshift__", rrshift),
        m("__and__", and),
        m("__rand__", rand),
        m("__or__", or),
        m("__ror__", ror),
        m("__xor__", xor),
        m("__rxor__", rxor),
        m("__lt__", lt),
        m("__le__", le),
        m("__eq__", eq),
        m("__ne__", ne),
        m("__gt__", gt),
        m("__ge__", ge),
        m("__invert__", invert),
    ]);
    v
}

/// The dunders of `float`.
pub fn float_dunders() -> Vec<Method> {
    use float_d::*;
    let mut v = common();
    v.extend([
        m("__add__", add),
        m("__radd__", radd),
        m("__sub__", sub),
        m("__rsub__", rsub),
        m("__mul__", mul),
        m("__rmul__", rmul),
        m("__truediv__", truediv),
        m("__rtruediv__", rtruediv),
        m("__floordiv__", floordiv),
        m("__rfloordiv__", rfloordiv),
        m("__mod__", mod_),
        m("__rmod__", rmod),
        m("__pow__", pow),
        m("__rpow__", rpow),
        m("__lt__", lt),
        m("__le__", le),
        m("__eq__", eq),
        m("__ne__", ne),
        m("__gt__", gt),
        m("__ge__", ge),
        m("__int__", int_),
    ]);
    v
}
