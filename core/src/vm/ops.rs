//! Operators: arithmetic on the built-in numeric types, sequence operators,
//! rich comparisons, and dispatch to user dunder methods (with reflected
//! operands and subclass priority, as CPython's `binary_op1`).

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use super::attr::lookup_special;
use super::call::call;
use super::protocol::{is_instance, type_name, type_of};
use super::Vm;
use crate::compiler::opcodes::{BinOp, CmpOp};
use crate::numeric::int_div;
use crate::object::{Kind, Value};
use crate::types::exception::{self as exc, type_error, zero_division_error};
use crate::types::typeobj::{self, TypeData};
use crate::types::{
    self,
    bigint::{new_bigint, to_bigint},
    new_float, BytesData, DictData, ListData, PyResult, SetData, StrData, TupleData,
};

/// Numeric view of an operand.
enum Num {
    Int(BigInt),
    Float(f64),
}

fn as_num(v: &Value) -> Option<Num> {
    if let Some(i) = v.as_small() {
        return Some(Num::Int(BigInt::from(i)));
    }
    match v.kind() {
        Kind::Int | Kind::Bool => to_bigint(v).map(Num::Int),
        Kind::Float => Some(Num::Float(v.as_float().expect("float"))),
        _ => None,
    }
}

/// Converts an int to float with correct rounding, or OverflowError.
pub fn int_to_f64(b: &BigInt) -> PyResult<f64> {
    crate::format::int_to_f64(b)
        .map_err(|_| exc::overflow_error("int too large to convert to float"))
}

fn num_to_f64(n: &Num) -> PyResult<f64> {
    match n {
        Num::Int(b) => int_to_f64(b),
        Num::Float(f) => Ok(*f),
    }
}

/// Python's float `%`.
pub fn float_mod(a: f64, b: f64) -> PyResult<f64> {
    if b == 0.0 {
        return Err(zero_division_error("float modulo"));
    }
    let mut m = a % b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    Ok(m)
}

/// Python's float `//`.
pub fn float_floordiv(a: f64, b: f64) -> PyResult<f64> {
    if b == 0.0 {
        return Err(zero_division_error("float floor division by zero"));
    }
    let m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 && ((b < 0.0) != (m < 0.0)) {
        div -= 1.0;
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(a / b)
    };
    Ok(floordiv)
}

fn float_pow(a: f64, b: f64) -> PyResult<Value> {
    if a == 0.0 && b < 0.0 {
        return Err(zero_division_error(
            "0.0 cannot be raised to a negative power",
        ));
    }
    if a < 0.0 && b.fract() != 0.0 && b.is_finite() {
        // A negative base to a non-integer power is complex, computed as
        // `complex(a) ** complex(b)` (CPython's float_pow does the same).
        let (re, im) = crate::types::methods::complex::pow((a, 0.0), (b, 0.0))?;
        return Ok(crate::types::methods::complex::new_complex(re, im));
    }
    let r = a.powf(b);
    if r.is_infinite() && a.is_finite() && b.is_finite() {
        return Err(exc::overflow_error("(34, 'Numerical result out of range')"));
    }
    Ok(new_float(r))
}

/// Exact comparison of a float with an int value.
pub fn float_eq_int(f: f64, i: &Value) -> bool {
    match to_bigint(i) {
        Some(b) => float_cmp_int(f, &b) == Some(std::cmp::Ordering::Equal),
        None => false,
    }
}

/// Exact ordering of a float against a big int (None for NaN).
pub fn float_cmp_int(f: f64, b: &BigInt) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering;
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Greater
        } else {
            Ordering::Less
        });
    }
    let fl = f.floor();
    let fi = BigInt::from(fl as i128);
    let fi = if fl.abs() < 1e38 {
        fi
    } else {
        // Large floats are integral: convert exactly through their bits.
        let (m, e) = super::protocol::frexp(f);
        let mant = (m * (1u64 << 53) as f64) as i64;
        let v = BigInt::from(mant);
        if e >= 53 {
            v << (e - 53) as usize
        } else {
            v >> (53 - e) as usize
        }
    };
    match fi.cmp(b) {
        Ordering::Equal => {
            if f > fl {
                Some(Ordering::Greater)
            } else {
                Some(Ordering::Equal)
            }
        }
        o => Some(o),
    }
}

fn int_pow(a: &BigInt, b: &BigInt) -> PyResult<Value> {
    if b.is_negative() {
        let fa = int_to_f64(a)?;
        let fb = int_to_f64(b)?;
        return float_pow(fa, fb);
    }
    let e = b
        .to_u32()
        .ok_or_else(|| exc::overflow_error("exponent too large"))?;
    if a.bits().saturating_mul(e as u64) > 1 << 32 {
        return Err(exc::memory_error(""));
    }
    Ok(new_bigint(num_traits::pow::Pow::pow(a, e)))
}

/// True division of two ints, correctly rounded.
pub fn int_truediv(a: &BigInt, b: &BigInt) -> PyResult<f64> {
    if b.is_zero() {
        return Err(zero_division_error("division by zero"));
    }
    if let (Some(x), Some(y)) = (a.to_i64(), b.to_i64()) {
        if x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) {
            return Ok(x as f64 / y as f64);
        }
    }
    // Scale so the quotient has 64+ significant bits, then round once.
    let neg = a.is_negative() != b.is_negative();
    let (a, b) = (a.abs(), b.abs());
    let shift = b.bits() as i64 - a.bits() as i64 + 66;
    let (n, d) = if shift > 0 {
        (a << shift as usize, b)
    } else {
        (a, b << (-shift) as usize)
    };
    let (q, r) = n.div_rem(&d);
    let q = if r.is_zero() {
        q
    } else {
        (q << 1usize) | BigInt::from(1)
    };
    let extra = if r.is_zero() { 0 } else { 1 };
    let f = int_to_f64(&q)
        .map_err(|_| exc::overflow_error("integer division result too large for a float"))?;
    let v = f * 2f64.powi(-(shift as i32) - extra);
    let v = if v.is_infinite() {
        return Err(exc::overflow_error(
            "integer division result too large for a float",
        ));
    } else {
        v
    };
    Ok(if neg { -v } else { v })
}

fn int_op(op: BinOp, a: BigInt, b: BigInt) -> PyResult<Value> {
    Ok(match op {
        BinOp::Add => new_bigint(a + b),
        BinOp::Sub => new_bigint(a - b),
        BinOp::Mul => new_bigint(a * b),
        BinOp::TrueDiv => new_float(int_truediv(&a, &b)?),
        BinOp::FloorDiv => {
            if b.is_zero() {
                return Err(zero_division_error("integer division or modulo by zero"));
            }
            new_bigint(int_div::div_floor(&a, &b))
        }
        BinOp::Mod => {
            if b.is_zero() {
                return Err(zero_division_error("integer modulo by zero"));
            }
            new_bigint(int_div::mod_floor(&a, &b))
        }
        BinOp::Pow => return int_pow(&a, &b),
        BinOp::LShift => {
            if b.is_negative() {
                return Err(exc::value_error("negative shift count"));
            }
            let s = b
                .to_usize()
                .ok_or_else(|| exc::overflow_error("too many digits in integer"))?;
            if a.is_zero() {
                return Ok(Value::small(0));
            }
            if s > 1 << 32 {
                return Err(exc::memory_error(""));
            }
            new_bigint(a << s)
        }
        BinOp::RShift => {
            if b.is_negative() {
                return Err(exc::value_error("negative shift count"));
            }
            let s = b.to_usize().unwrap_or(usize::MAX);
            if s > a.bits() as usize {
                return Ok(Value::small(if a.is_negative() { -1 } else { 0 }));
            }
            // Arithmetic shift (floor), as Python.
            new_bigint(a.div_floor(&(BigInt::from(1) << s)))
        }
        BinOp::And => new_bigint(a & b),
        BinOp::Or => new_bigint(a | b),
        BinOp::Xor => new_bigint(a ^ b),
        BinOp::MatMul => {
            return Err(type_error(
                "unsupported operand type(s) for @: 'int' and 'int'",
            ))
        }
    })
}

fn small_op(op: BinOp, x: i64, y: i64) -> Option<PyResult<Value>> {
    let r = match op {
        BinOp::Add => x.checked_add(y),
        BinOp::Sub => x.checked_sub(y),
        BinOp::Mul => x.checked_mul(y),
        BinOp::FloorDiv if y != 0 => Some(Integer::div_floor(&x, &y)),
        BinOp::Mod if y != 0 => Some(Integer::mod_floor(&x, &y)),
        BinOp::And => Some(x & y),
        BinOp::Or => Some(x | y),
        BinOp::Xor => Some(x ^ y),
        BinOp::LShift if (0..63).contains(&y) => {
            let r = x.checked_shl(y as u32)?;
            if r >> y != x {
                return None;
            }
            Some(r)
        }
        BinOp::RShift if y >= 0 => Some(if y >= 64 {
            if x < 0 {
                -1
            } else {
                0
            }
        } else {
            x >> y
        }),
        BinOp::TrueDiv
            if y != 0 && x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) =>
        {
            return Some(Ok(new_float(x as f64 / y as f64)));
        }
        BinOp::Pow if (0..64).contains(&y) => x.checked_pow(y as u32),
        _ => None,
    }?;
    Some(Ok(types::new_int(r)))
}

fn float_op(op: BinOp, a: f64, b: f64) -> PyResult<Value> {
    Ok(new_float(match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::TrueDiv => {
            if b == 0.0 {
                return Err(zero_division_error("float division by zero"));
            }
            a / b
        }
        BinOp::FloorDiv => float_floordiv(a, b)?,
        BinOp::Mod => float_mod(a, b)?,
        BinOp::Pow => return float_pow(a, b),
        _ => return Err(type_error("unsupported")),
    }))
}

/// The built-in meaning of `a <op> b` for built-in layouts (also for
/// instances of Python subclasses of built-in types), without user dunders;
/// `None` if the operand types do not support it.
pub fn builtin_binary(vm: &mut Vm, a: &Value, b: &Value, op: BinOp) -> Option<PyResult<Value>> {
    builtin_binop(vm, a, b, op)
}

/// The built-in comparison for built-in layouts, without user dunders.
pub fn builtin_comparison(vm: &mut Vm, a: &Value, b: &Value, op: CmpOp) -> PyResult<Option<bool>> {
    builtin_compare(vm, a, b, op)
}

/// Built-in arithmetic and sequence operators; `None` if not applicable.
fn builtin_binop(vm: &mut Vm, a: &Value, b: &Value, op: BinOp) -> Option<PyResult<Value>> {
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        if let Some(r) = small_op(op, x, y) {
            return Some(r);
        }
    }
    let (ka, kb) = (a.kind(), b.kind());
    // Floats first (the hot case in numeric code).
    if ka == Kind::Float && kb == Kind::Float {
        let x = a.as_float().expect("f");
        let y = b.as_float().expect("f");
        if !matches!(
            op,
            BinOp::LShift | BinOp::RShift | BinOp::And | BinOp::Or | BinOp::Xor | BinOp::MatMul
        ) {
            return Some(float_op(op, x, y));
        }
    }
    if ka == Kind::Complex || kb == Kind::Complex {
        use crate::types::methods::complex::{as_complex, binop};
        if let (Some(x), Some(y)) = (as_complex(a), as_complex(b)) {
            return binop(x, y, op);
        }
        return None;
    }
    if ka == Kind::Bool && kb == Kind::Bool && matches!(op, BinOp::And | BinOp::Or | BinOp::Xor) {
        let x = a.downcast::<types::BoolData>().expect("b").0;
        let y = b.downcast::<types::BoolData>().expect("b").0;
        return Some(Ok(types::bool_value(match op {
            BinOp::And => x & y,
            BinOp::Or => x | y,
            _ => x ^ y,
        })));
    }
    if let (Some(na), Some(nb)) = (as_num(a), as_num(b)) {
        return match (na, nb) {
            (Num::Int(x), Num::Int(y)) => {
                if op == BinOp::MatMul {
                    return None;
                }
                Some(int_op(op, x, y))
            }
            (x, y) => {
                if matches!(
                    op,
                    BinOp::LShift
                        | BinOp::RShift
                        | BinOp::And
                        | BinOp::Or
                        | BinOp::Xor
                        | BinOp::MatMul
                ) {
                    return None;
                }
                let fx = match num_to_f64(&x) {
                    Ok(v) => v,
                    Err(e) => return Some(Err(e)),
                };
                let fy = match num_to_f64(&y) {
                    Ok(v) => v,
                    Err(e) => return Some(Err(e)),
                };
                Some(float_op(op, fx, fy))
            }
        };
    }
    match (op, ka, kb) {
        (BinOp::Add, Kind::Str, Kind::Str) => {
            let mut s = String::with_capacity(0);
            s.push_str(a.downcast::<StrData>().expect("s").as_str());
            s.push_str(b.downcast::<StrData>().expect("s").as_str());
            Some(Ok(types::new_str(s)))
        }
        (BinOp::Add, Kind::List, Kind::List) => {
            let mut v = a.downcast::<ListData>().expect("l").snapshot();
            v.extend(b.downcast::<ListData>().expect("l").snapshot());
            Some(Ok(types::new_list(v)))
        }
        (BinOp::Add, Kind::Tuple, Kind::Tuple) => {
            let mut v = a.downcast::<TupleData>().expect("t").items().to_vec();
            v.extend_from_slice(b.downcast::<TupleData>().expect("t").items());
            Some(Ok(types::new_tuple(v)))
        }
        (BinOp::Add, Kind::Bytes, Kind::Bytes) => {
            let mut v = a.downcast::<BytesData>().expect("b").0.to_vec();
            v.extend_from_slice(&b.downcast::<BytesData>().expect("b").0);
            Some(Ok(types::misc::new_bytes(v)))
        }
        (
            BinOp::Mul,
            Kind::Str | Kind::List | Kind::Tuple | Kind::Bytes,
            Kind::Int | Kind::Bool,
        )
        | (
            BinOp::Mul,
            Kind::Int | Kind::Bool,
            Kind::Str | Kind::List | Kind::Tuple | Kind::Bytes,
        ) => {
            let (seq, n) = if matches!(ka, Kind::Int | Kind::Bool) {
                (b, a)
            } else {
                (a, b)
            };
            let n = match super::protocol::index_value(n) {
                Ok(n) => n.max(0) as usize,
                Err(_) => {
                    return Some(Err(exc::overflow_error(
                        "cannot fit 'int' into an index-sized integer",
                    )))
                }
            };
            Some(repeat(seq, n))
        }
        (BinOp::Mod, Kind::Str, _) => Some(super::formatting::percent_format(vm, a, b)),
        (BinOp::Mod, Kind::Bytes, _) => {
            Some(crate::types::methods::bytes_ops::percent_value(vm, a, b))
        }
        (BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor, Kind::Set, Kind::Set) => {
            Some(set_op(vm, a, b, op))
        }
        (BinOp::Or, Kind::Dict, Kind::Dict) => {
            let d = types::new_dict();
            let r = super::containers::dict_update(vm, &d, a, false)
                .and_then(|_| super::containers::dict_update(vm, &d, b, false));
            Some(r.map(|_| d))
        }
        (BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor, _, _)
            if is_set_like(a) && is_set_like(b) =>
        {
            let sa = match as_set(vm, a) {
                Ok(s) => s,
                Err(e) => return Some(Err(e)),
            };
            let sb = match as_set(vm, b) {
                Ok(s) => s,
                Err(e) => return Some(Err(e)),
            };
            Some(set_op(vm, &sa, &sb, op).and_then(|r| {
                // Views combine into a plain set.
                if sa.type_ptr() == types::builtin_types().frozenset.as_ptr()
                    && a.kind() != Kind::Set
                {
                    let items = r.downcast::<SetData>().expect("s").items();
                    super::containers::new_set(vm, items, false)
                } else {
                    Ok(r)
                }
            }))
        }
        _ => None,
    }
}

/// True for sets and the keys/items views of dicts.
fn is_set_like(v: &Value) -> bool {
    match v.kind() {
        Kind::Set => true,
        Kind::Iterator => v.downcast::<types::IteratorData>().is_some_and(|d| {
            d.state.with(|s| matches!(s, types::iterator::IterState::DictView { part, .. } if *part != types::iterator::DictPart::Values))
        }),
        _ => false,
    }
}

fn as_set(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if v.kind() == Kind::Set {
        return Ok(v.clone());
    }
    let items = super::iteration::collect(vm, v)?;
    super::containers::new_set(vm, items, false)
}

fn repeat(seq: &Value, n: usize) -> PyResult<Value> {
    Ok(match seq.kind() {
        Kind::Str => {
            let s = seq.downcast::<StrData>().expect("s").as_str();
            if s.len().saturating_mul(n) > 1 << 34 {
                return Err(exc::memory_error(""));
            }
            types::new_str(s.repeat(n))
        }
        Kind::Bytes => {
            let b = &seq.downcast::<BytesData>().expect("b").0;
            if b.len().saturating_mul(n) > 1 << 34 {
                return Err(exc::memory_error(""));
            }
            types::misc::new_bytes(b.repeat(n))
        }
        Kind::List => {
            let v = seq.downcast::<ListData>().expect("l").snapshot();
            if v.len().saturating_mul(n) > 1 << 31 {
                return Err(exc::memory_error(""));
            }
            let mut out = Vec::with_capacity(v.len() * n);
            for _ in 0..n {
                out.extend(v.iter().cloned());
            }
            types::new_list(out)
        }
        _ => {
            let v = seq.downcast::<TupleData>().expect("t").items().to_vec();
            if v.len().saturating_mul(n) > 1 << 31 {
                return Err(exc::memory_error(""));
            }
            let mut out = Vec::with_capacity(v.len() * n);
            for _ in 0..n {
                out.extend(v.iter().cloned());
            }
            types::new_tuple(out)
        }
    })
}

/// Set algebra for `| & - ^`.
pub fn set_op(vm: &mut Vm, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    let frozen = a.type_ptr() == types::builtin_types().frozenset.as_ptr();
    let sa = a.downcast::<SetData>().expect("set");
    let sb = b.downcast::<SetData>().expect("set");
    // The algorithms (and so the resulting slot order) follow
    // Objects/setobject.c: set_union, set_intersection, set_difference and
    // set_symmetric_difference.
    let out = super::containers::new_set(vm, vec![], frozen)?;
    let so = out.downcast::<SetData>().expect("set");
    match op {
        BinOp::Or => {
            so.merge(sa, &mut |x, y| super::protocol::eq(vm, x, y))?;
            so.merge(sb, &mut |x, y| super::protocol::eq(vm, x, y))?;
        }
        BinOp::And => {
            let (big, small) = if sb.len() > sa.len() { (b, a) } else { (a, b) };
            for (h, v) in small.downcast::<SetData>().expect("s").items_hashed() {
                if super::containers::set_contains(vm, big, &v)? {
                    so.add(v, h, &mut |x, y| super::protocol::eq(vm, x, y))?;
                }
            }
        }
        BinOp::Sub => {
            if (sa.len() >> 2) > sb.len() {
                so.merge(sa, &mut |x, y| super::protocol::eq(vm, x, y))?;
                for (h, v) in sb.items_hashed() {
                    so.discard(&v, h, &mut |x, y| super::protocol::eq(vm, x, y))?;
                }
            } else {
                for (h, v) in sa.items_hashed() {
                    if !super::containers::set_contains(vm, b, &v)? {
                        so.add(v, h, &mut |x, y| super::protocol::eq(vm, x, y))?;
                    }
                }
            }
        }
        _ => {
            so.merge(sa, &mut |x, y| super::protocol::eq(vm, x, y))?;
            symmetric_update(vm, &out, sb)?;
        }
    }
    Ok(out)
}

/// `s ^= other` in place (CPython's set_symmetric_difference_update).
fn symmetric_update(vm: &mut Vm, s: &Value, other: &SetData) -> PyResult<()> {
    let so = s.downcast::<SetData>().expect("set");
    for (h, v) in other.items_hashed() {
        if !so.discard(&v, h, &mut |x, y| super::protocol::eq(vm, x, y))? {
            so.add(v, h, &mut |x, y| super::protocol::eq(vm, x, y))?;
        }
    }
    Ok(())
}

/// The rank of a built-in number's kind in the numeric tower (int and bool
/// 0, float 1, complex 2), or `None` for other values.
fn numeric_rank(v: &Value) -> Option<u8> {
    match v.kind() {
        Kind::Int | Kind::Bool => Some(0),
        Kind::Float => Some(1),
        Kind::Complex => Some(2),
        _ => None,
    }
}

/// True for a method the class defines itself (a Python function or any
/// other callable), as opposed to a built-in type's native method.
fn is_python_code(f: &Value) -> bool {
    f.kind() != Kind::NativeFunction
}

fn is_user(v: &Value) -> bool {
    type_of(v)
        .downcast::<TypeData>()
        .is_some_and(|t| t.has_flag(typeobj::HEAP_TYPE))
}

fn call_dunder(vm: &mut Vm, obj: &Value, name: &str, arg: &Value) -> PyResult<Option<Value>> {
    match lookup_special(obj, name) {
        Some(f) if !types::is_none(&f) => {
            let r = call(vm, &f, &[obj.clone(), arg.clone()])?;
            if r.is(types::singletons().not_implemented.v()) {
                Ok(None)
            } else {
                Ok(Some(r))
            }
        }
        _ => Ok(None),
    }
}

/// `a <op> b` (and the in-place form).
pub fn binary_op(vm: &mut Vm, a: &Value, b: &Value, op: BinOp, inplace: bool) -> PyResult<Value> {
    if inplace {
        // Mutating in-place operators on built-in mutable containers.
        match (op, a.kind()) {
            (BinOp::Add, Kind::List) if !is_user(a) => {
                let items = super::iteration::collect(vm, b)?;
                a.downcast::<ListData>()
                    .expect("l")
                    .with_items(|v| v.extend(items));
                return Ok(a.clone());
            }
            (BinOp::Mul, Kind::List) if !is_user(a) && types::bigint::is_int_like(b) => {
                let n = super::protocol::index_value(b)?.max(0) as usize;
                let l = a.downcast::<ListData>().expect("l");
                let old = l.with_items(|v| {
                    let snap = v.to_vec();
                    let old = v.clear();
                    for _ in 0..n {
                        v.extend(snap.iter().cloned());
                    }
                    old
                });
                drop(old);
                return Ok(a.clone());
            }
            (BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor, Kind::Set)
                if b.kind() == Kind::Set && a.type_ptr() == types::builtin_types().set.as_ptr() =>
            {
                let sa = a.downcast::<SetData>().expect("s");
                let sb = b.downcast::<SetData>().expect("s");
                match op {
                    BinOp::Or => sa.merge(sb, &mut |x, y| super::protocol::eq(vm, x, y))?,
                    BinOp::Sub => {
                        for (h, v) in sb.items_hashed() {
                            sa.discard(&v, h, &mut |x, y| super::protocol::eq(vm, x, y))?;
                        }
                    }
                    BinOp::Xor => symmetric_update(vm, a, sb)?,
                    _ => {
                        let r = set_op(vm, a, b, op)?;
                        sa.take_table_of(r.downcast::<SetData>().expect("s"));
                    }
                }
                return Ok(a.clone());
            }
            (BinOp::Or, Kind::Dict) if !is_user(a) => {
                super::containers::dict_update(vm, a, b, false)?;
                return Ok(a.clone());
            }
            _ => {}
        }
        if is_user(a) {
            if let Some(r) = call_dunder(vm, a, op.idunder(), b)? {
                return Ok(r);
            }
        }
    }
    let (ua, ub) = (is_user(a), is_user(b));
    if !ua && !ub {
        if let Some(r) = builtin_binop(vm, a, b, op) {
            return r;
        }
    } else {
        // Subclass priority: if b's type is a proper subclass of a's type and
        // overrides the reflected method, try it first.
        let ta = type_of(a);
        let tb = type_of(b);
        let b_first = ub && !ta.is(&tb) && typeobj::is_subtype(&tb, &ta);
        if b_first {
            if let Some(r) = call_dunder(vm, b, op.rdunder(), a)? {
                return Ok(r);
            }
        }
        // A built-in number's own method gives NotImplemented for a number
        // of a wider kind (`int.__add__(1, 2.0)`): the wider operand's
        // reflected method decides, which a subclass of it may override.
        let a_declines = !ua
            && numeric_rank(a)
                .zip(numeric_rank(b))
                .is_some_and(|(x, y)| x < y);
        if ua {
            if let Some(r) = call_dunder(vm, a, op.dunder(), b)? {
                return Ok(r);
            }
        } else if !a_declines {
            if let Some(r) = builtin_binop(vm, a, b, op) {
                return r;
            }
        }
        if ub && !b_first {
            if let Some(r) = call_dunder(vm, b, op.rdunder(), a)? {
                return Ok(r);
            }
        }
        // Subclasses of built-in types without their own dunder use the
        // built-in operation.
        // When a declined, the built-in operation stands in for b's reflected
        // method only if b's class does not define its own (whose
        // NotImplemented is final).
        let b_overrides = || lookup_special(b, op.rdunder()).is_some_and(|f| is_python_code(&f));
        if ua || (a_declines && !b_overrides()) {
            if let Some(r) = builtin_binop(vm, a, b, op) {
                return r;
            }
        }
    }
    let sym = if inplace {
        format!("{}=", op.symbol())
    } else {
        op.symbol().to_string()
    };
    if op == BinOp::Pow && !inplace {
        return Err(type_error(format!(
            "unsupported operand type(s) for ** or pow(): '{}' and '{}'",
            type_name(a),
            type_name(b)
        )));
    }
    if op == BinOp::Add && a.kind() == Kind::Str && !ua {
        return Err(type_error(format!(
            "can only concatenate str (not \"{}\") to str",
            type_name(b)
        )));
    }
    if op == BinOp::Add && a.kind() == Kind::List && !ua {
        return Err(type_error(format!(
            "can only concatenate list (not \"{}\") to list",
            type_name(b)
        )));
    }
    if op == BinOp::Add && a.kind() == Kind::Tuple && !ua {
        return Err(type_error(format!(
            "can only concatenate tuple (not \"{}\") to tuple",
            type_name(b)
        )));
    }
    if op == BinOp::Add && a.kind() == Kind::Bytes && !ua {
        return Err(type_error(format!(
            "can't concat {} to bytes",
            type_name(b)
        )));
    }
    if op == BinOp::Mul
        && matches!(a.kind(), Kind::Str | Kind::List | Kind::Tuple | Kind::Bytes)
        && !ua
    {
        return Err(type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            type_name(b)
        )));
    }
    Err(type_error(format!(
        "unsupported operand type(s) for {sym}: '{}' and '{}'",
        type_name(a),
        type_name(b)
    )))
}

fn cmp_ord(o: std::cmp::Ordering, op: CmpOp) -> bool {
    use std::cmp::Ordering::*;
    match op {
        CmpOp::Lt => o == Less,
        CmpOp::Le => o != Greater,
        CmpOp::Eq => o == Equal,
        CmpOp::Ne => o != Equal,
        CmpOp::Gt => o == Greater,
        CmpOp::Ge => o != Less,
    }
}

/// Built-in comparisons; `None` if the types do not compare natively.
fn builtin_compare(vm: &mut Vm, a: &Value, b: &Value, op: CmpOp) -> PyResult<Option<bool>> {
    let (ka, kb) = (a.kind(), b.kind());
    if (ka == Kind::Complex || kb == Kind::Complex) && matches!(op, CmpOp::Eq | CmpOp::Ne) {
        use crate::types::methods::complex::as_complex;
        if let (Some(x), Some(y)) = (as_complex(a), as_complex(b)) {
            return Ok(Some((x == y) == (op == CmpOp::Eq)));
        }
    }
    if let (Some(na), Some(nb)) = (as_num(a), as_num(b)) {
        let o = match (&na, &nb) {
            (Num::Int(x), Num::Int(y)) => Some(x.cmp(y)),
            (Num::Float(x), Num::Float(y)) => x.partial_cmp(y),
            (Num::Float(x), Num::Int(y)) => float_cmp_int(*x, y),
            (Num::Int(x), Num::Float(y)) => float_cmp_int(*y, x).map(|o| o.reverse()),
        };
        return Ok(Some(match o {
            Some(o) => cmp_ord(o, op),
            None => op == CmpOp::Ne,
        }));
    }
    Ok(Some(match (ka, kb) {
        (Kind::Str, Kind::Str) => {
            let x = a.downcast::<StrData>().expect("s").as_str();
            let y = b.downcast::<StrData>().expect("s").as_str();
            cmp_ord(x.cmp(y), op)
        }
        (Kind::Bytes, Kind::Bytes) => {
            let x = &a.downcast::<BytesData>().expect("b").0;
            let y = &b.downcast::<BytesData>().expect("b").0;
            cmp_ord(x.cmp(y), op)
        }
        (Kind::List, Kind::List) | (Kind::Tuple, Kind::Tuple) => {
            vm.check_native_stack()?;
            let (x, y) = if ka == Kind::List {
                (
                    a.downcast::<ListData>().expect("l").snapshot(),
                    b.downcast::<ListData>().expect("l").snapshot(),
                )
            } else {
                (
                    a.downcast::<TupleData>().expect("t").items().to_vec(),
                    b.downcast::<TupleData>().expect("t").items().to_vec(),
                )
            };
            if (op == CmpOp::Eq || op == CmpOp::Ne) && x.len() != y.len() {
                return Ok(Some(op == CmpOp::Ne));
            }
            for (p, q) in x.iter().zip(y.iter()) {
                if p.is(q) {
                    continue;
                }
                if !super::protocol::eq(vm, p, q)? {
                    return match op {
                        CmpOp::Eq => Ok(Some(false)),
                        CmpOp::Ne => Ok(Some(true)),
                        _ => {
                            let r = compare(vm, p, q, op)?;
                            Ok(Some(super::protocol::truthy(vm, &r)?))
                        }
                    };
                }
            }
            cmp_ord(x.len().cmp(&y.len()), op)
        }
        (Kind::Dict, Kind::Dict) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
            let x = a.downcast::<DictData>().expect("d");
            let y = b.downcast::<DictData>().expect("d");
            let mut same = x.len() == y.len();
            if same {
                for (k, v) in x.items() {
                    match super::containers::dict_get(vm, b, &k)? {
                        Some(w) => {
                            if !(v.is(&w) || super::protocol::eq(vm, &v, &w)?) {
                                same = false;
                                break;
                            }
                        }
                        None => {
                            same = false;
                            break;
                        }
                    }
                }
            }
            same == (op == CmpOp::Eq)
        }
        (Kind::Set, Kind::Set) => {
            let x = a.downcast::<SetData>().expect("s");
            let y = b.downcast::<SetData>().expect("s");
            let subset = |vm: &mut Vm, p: &Value, q: &Value| -> PyResult<bool> {
                for v in p.downcast::<SetData>().expect("s").items() {
                    if !super::containers::set_contains(vm, q, &v)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            };
            match op {
                CmpOp::Eq => x.len() == y.len() && subset(vm, a, b)?,
                CmpOp::Ne => !(x.len() == y.len() && subset(vm, a, b)?),
                CmpOp::Le => subset(vm, a, b)?,
                CmpOp::Lt => x.len() < y.len() && subset(vm, a, b)?,
                CmpOp::Ge => subset(vm, b, a)?,
                CmpOp::Gt => x.len() > y.len() && subset(vm, b, a)?,
            }
        }
        (Kind::Iterator, _) | (_, Kind::Iterator) if is_set_like(a) && is_set_like(b) => {
            let (sa, sb) = (as_set(vm, a)?, as_set(vm, b)?);
            return builtin_compare(vm, &sa, &sb, op);
        }
        (Kind::BoundMethod, Kind::BoundMethod) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
            let x = a.downcast::<types::BoundMethodData>().expect("m");
            let y = b.downcast::<types::BoundMethodData>().expect("m");
            (x.func.is(&y.func) && x.self_.is(&y.self_)) == (op == CmpOp::Eq)
        }
        (Kind::Range, Kind::Range) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
            let x = a.downcast::<types::RangeData>().expect("r");
            let y = b.downcast::<types::RangeData>().expect("r");
            let same = x.len() == y.len()
                && (x.is_empty() || (x.start == y.start && (x.len() == 1 || x.step == y.step)));
            same == (op == CmpOp::Eq)
        }
        (Kind::Slice, Kind::Slice) => {
            // As the tuples (start, stop, step), CPython's slice_richcompare.
            let parts = |v: &Value| {
                let s = v.downcast::<types::SliceData>().expect("slice");
                types::new_tuple(vec![s.start.clone(), s.stop.clone(), s.step.clone()])
            };
            let (ta, tb) = (parts(a), parts(b));
            return builtin_compare(vm, &ta, &tb, op);
        }
        _ => return Ok(None),
    }))
}

/// Rich comparison `a <op> b`.
pub fn compare(vm: &mut Vm, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    let (ua, ub) = (is_user(a), is_user(b));
    if !ua && !ub {
        if let Some(r) = builtin_compare(vm, a, b, op)? {
            return Ok(types::bool_value(r));
        }
    } else {
        let ta = type_of(a);
        let tb = type_of(b);
        let b_first = ub && !ta.is(&tb) && typeobj::is_subtype(&tb, &ta);
        if b_first {
            if let Some(r) = call_dunder(vm, b, op.swapped().dunder(), a)? {
                return Ok(r);
            }
        }
        if ua {
            if let Some(r) = call_dunder(vm, a, op.dunder(), b)? {
                return Ok(r);
            }
        }
        if !b_first && ub {
            if let Some(r) = call_dunder(vm, b, op.swapped().dunder(), a)? {
                return Ok(r);
            }
        }
        if let Some(r) = builtin_compare(vm, a, b, op)? {
            return Ok(types::bool_value(r));
        }
        if op == CmpOp::Ne && ua {
            // Default __ne__ inverts __eq__.
            if let Some(r) = call_dunder(vm, a, "__eq__", b)? {
                let t = super::protocol::truthy(vm, &r)?;
                return Ok(types::bool_value(!t));
            }
        }
    }
    match op {
        CmpOp::Eq => Ok(types::bool_value(a.is(b))),
        CmpOp::Ne => Ok(types::bool_value(!a.is(b))),
        _ => Err(type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            type_name(a),
            type_name(b)
        ))),
    }
}

/// Rich comparison as a Rust bool.
pub fn compare_bool(vm: &mut Vm, a: &Value, b: &Value, op: CmpOp) -> PyResult<bool> {
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        return Ok(cmp_ord(x.cmp(&y), op));
    }
    let r = compare(vm, a, b, op)?;
    super::protocol::truthy(vm, &r)
}

/// `-a`.
pub fn unary_neg(vm: &mut Vm, a: &Value) -> PyResult<Value> {
    if let Some(i) = a.as_small() {
        return Ok(types::new_int(-i));
    }
    match a.kind() {
        Kind::Float => Ok(new_float(-a.as_float().expect("f"))),
        Kind::Int | Kind::Bool => Ok(new_bigint(-to_bigint(a).expect("int"))),
        Kind::Complex => {
            let c = a.downcast::<types::ComplexData>().expect("c");
            Ok(crate::types::methods::complex::new_complex(-c.re, -c.im))
        }
        _ => unary_dunder(vm, a, "__neg__", "-"),
    }
}

/// `+a`.
pub fn unary_pos(vm: &mut Vm, a: &Value) -> PyResult<Value> {
    if a.is_small() {
        return Ok(a.clone());
    }
    match a.kind() {
        Kind::Float | Kind::Int | Kind::Complex => Ok(a.clone()),
        Kind::Bool => Ok(new_bigint(to_bigint(a).expect("int"))),
        _ => unary_dunder(vm, a, "__pos__", "+"),
    }
}

/// `~a`.
pub fn unary_invert(vm: &mut Vm, a: &Value) -> PyResult<Value> {
    if let Some(i) = a.as_small() {
        return Ok(types::new_int(!i));
    }
    match a.kind() {
        Kind::Int | Kind::Bool => Ok(new_bigint(!to_bigint(a).expect("int"))),
        _ => unary_dunder(vm, a, "__invert__", "~"),
    }
}

fn unary_dunder(vm: &mut Vm, a: &Value, name: &str, sym: &str) -> PyResult<Value> {
    match lookup_special(a, name) {
        Some(f) => call(vm, &f, std::slice::from_ref(a)),
        None => Err(type_error(format!(
            "bad operand type for unary {sym}: '{}'",
            type_name(a)
        ))),
    }
}

/// True if `v` is an instance of `float` (for numeric helpers).
pub fn is_float(v: &Value) -> bool {
    is_instance(v, types::builtin_types().float.v())
}

/// A numeric value as f64 (int or float), for math functions.
pub fn to_f64(v: &Value) -> PyResult<f64> {
    if let Some(i) = v.as_small() {
        return Ok(i as f64);
    }
    match as_num(v) {
        Some(n) => num_to_f64(&n),
        None => {
            // `__float__`/`__index__` need the VM: callers with one use
            // `methods::float::float_from`.
            Err(type_error(format!(
                "must be real number, not {}",
                type_name(v)
            )))
        }
    }
}
