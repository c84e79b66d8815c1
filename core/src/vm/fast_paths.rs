//! Value-level fast paths of the eval loop: the truth test of conditional
//! jumps and arithmetic on small ints and floats, decided without calling
//! into the object protocols (`protocol::truthy`, `ops::binary_op`), which
//! take every case these decline.

use super::{protocol, Vm};
use crate::object::{refcount, Kind, PyObj, Value};
use crate::policy::Policy;
use crate::types::{self, FloatData, PyResult};

/// The truth of `v` for a conditional jump: bools, None and small ints
/// decided here, anything else by `protocol::truthy`.
#[inline(always)]
pub(super) fn truth(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    if let Some(i) = v.as_small() {
        return Ok(i != 0);
    }
    match v.kind() {
        Kind::Bool => Ok(v.bits() == types::singletons().true_.v().bits()),
        _ if types::is_none(v) => Ok(false),
        _ => protocol::truthy(vm, v),
    }
}

/// `a OP b` for a `BINARY_OP` argument when both operands are exact floats,
/// or an exact float and a small int, and the operation is `+ - * /` or a
/// `**` that stays real: the `f64` result, else `None` (the general path:
/// division by zero, overflow, complex results, other operators).
#[inline(always)]
pub(super) fn float_binop(arg: u32, a: &Value, b: &Value) -> Option<f64> {
    let (x, y) = float_operands(a, b)?;
    match arg % crate::compiler::opcodes::INPLACE_OFFSET {
        0 => Some(x + y),
        1 => Some(x - y),
        2 => Some(x * y),
        3 if y != 0.0 => Some(x / y),
        // A positive finite base and a finite exponent: C's `pow`, as
        // float_pow calls it, unless it overflows (OverflowError): no
        // complex results, no special cases of zero, infinity or NaN.
        6 if x > 0.0 && x.is_finite() && y.is_finite() => Some(x.powf(y)).filter(|r| r.is_finite()),
        _ => None,
    }
}

/// The float value `r` computed from operands `a` and `b` (which it
/// consumes): a tagged float when `r` has one, else written into an operand
/// that is a heap float referenced only by the caller's stack, else a new
/// float. Reusing the dying operand saves the allocation of the result and
/// the freeing of the operand; CPython 3.13 does the same in its
/// specialised float instructions (`DECREF_INPUTS_AND_REUSE_FLOAT`,
/// `_PyObject_IsUniquelyReferenced`).
#[inline(always)]
pub(super) fn float_result<P: Policy>(a: Value, b: Value, r: f64) -> Value {
    if let Some(v) = Value::try_flonum(r) {
        P::drop_value(a);
        P::drop_value(b);
        return v;
    }
    if overwrite_unique_float(&a, r) {
        P::drop_value(b);
        return a;
    }
    if overwrite_unique_float(&b, r) {
        P::drop_value(a);
        return b;
    }
    P::drop_value(a);
    P::drop_value(b);
    types::new_float(r)
}

/// Stores `r` in `v` if `v` is an exact float that nothing but `v` refers to.
#[inline(always)]
fn overwrite_unique_float(v: &Value, r: f64) -> bool {
    let Some(h) = v.header() else {
        return false;
    };
    // Uniqueness first: its first test, the local count, rules out most
    // shared operands (locals, constants) with one load.
    if !refcount::is_uniquely_referenced(h) || h.ob_type != types::builtin_types().float.as_ptr() {
        return false;
    }
    let p = v.bits() as *mut PyObj<FloatData>;
    // SAFETY: `p` is an exact float and `v` holds its only reference: no
    // other thread can reach it (a reader that borrows a value out of a
    // container is covered by a reference retired through QSBR, which
    // would make the count at least two), so writing its payload is
    // unobservable and races with nothing.
    unsafe { (*p).data.0 = r };
    true
}

/// Both operands of a float operation as `f64`: two exact floats, or an
/// exact float and a small int (converted as `int.__float__` converts it,
/// rounding to nearest, which `as f64` does for an `i64`).
#[inline(always)]
fn float_operands(a: &Value, b: &Value) -> Option<(f64, f64)> {
    match (types::exact_float(a), types::exact_float(b)) {
        (Some(x), Some(y)) => Some((x, y)),
        (Some(x), None) => Some((x, b.as_small()? as f64)),
        (None, Some(y)) => Some((a.as_small()? as f64, y)),
        (None, None) => None,
    }
}

/// `a OP b` on two small ints for the operators done inline (`+ - * // %
/// & | ^` and their in-place forms), if the result is a small int too.
#[inline(always)]
pub(super) fn small_binop(op: u32, a: i64, b: i64) -> Option<Value> {
    // Only the non-inplace and inplace variants of + - * & | ^ and comparisons
    // are done inline; the rest go through `ops`.
    let r = match op % crate::compiler::opcodes::INPLACE_OFFSET {
        0 => a.checked_add(b)?,
        1 => a.checked_sub(b)?,
        2 => a.checked_mul(b)?,
        // Floor division and modulo (the result takes the divisor's sign).
        // A power-of-two divisor, the common `n // 2` and `i % 8`, is a
        // shift or a mask (the shift rounds toward minus infinity, as
        // floor division does); otherwise one hardware division. Small
        // ints have 63 bits, so `a / -1` cannot overflow.
        4 => {
            if b > 0 && b & (b - 1) == 0 {
                a >> b.trailing_zeros()
            } else if b == 0 {
                return None;
            } else {
                let q = a / b;
                if (a % b != 0) && ((a ^ b) < 0) {
                    q - 1
                } else {
                    q
                }
            }
        }
        5 => {
            if b > 0 && b & (b - 1) == 0 {
                a & (b - 1)
            } else if b == 0 {
                return None;
            } else {
                let m = a % b;
                if m != 0 && ((m ^ b) < 0) {
                    m + b
                } else {
                    m
                }
            }
        }
        9 => a & b,
        10 => a | b,
        11 => a ^ b,
        _ => return None,
    };
    Value::try_small(r)
}

/// `item in container` for an exact `set`, `frozenset` or `dict` and a
/// small int or exact `str` item (whose hash and equality need no Python
/// code): one probe of the table, without the general protocol's dispatch.
/// None when the general path must answer (another container or item type,
/// or an element of the same hash that needs a Python `__eq__`).
#[inline(always)]
pub(super) fn contains(container: &Value, item: &Value) -> Option<bool> {
    let bt = types::builtin_types();
    let ty = container.type_ptr();
    if ty == bt.dict.as_ptr() {
        return container
            .downcast::<types::DictData>()?
            .contains_native(item);
    }
    if ty != bt.set.as_ptr() && ty != bt.frozenset.as_ptr() {
        return None;
    }
    let hash = match item.as_small() {
        Some(i) => protocol::hash_i64(i),
        None if item.type_ptr() == bt.str.as_ptr() => item.downcast::<types::StrData>()?.hash(),
        None => return None,
    };
    container
        .downcast::<types::SetData>()?
        .contains_native(item, hash)
}

/// `d[key]` for an exact dict `d` and a str or small-int key: one probe
/// without the protocol's dispatch (CPython's `BINARY_SUBSCR_DICT`); None
/// when the general path must answer (another key type, a key needing a
/// Python `__eq__`, or a missing key, whose KeyError it raises). Kept out
/// of the eval loop's body, whose list paths it would otherwise crowd.
#[inline(never)]
pub(super) fn dict_get<P: Policy>(d: &Value, key: &Value) -> Option<Value> {
    d.downcast::<types::DictData>()?
        .with_native(key, P::clone_value)
}

/// `d[key] = value` for an exact dict `d` and a str or small-int key,
/// looked up and stored in one access (CPython's `STORE_SUBSCR_DICT`); the
/// key and value handed back when the general path must store them.
#[inline(never)]
pub(super) fn dict_set(d: &Value, key: Value, value: Value) -> Result<(), (Value, Value)> {
    match d.downcast::<types::DictData>() {
        Some(dd) => dd.set_native_key(key, value),
        None => Err((key, value)),
    }
}
