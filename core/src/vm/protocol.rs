//! Object protocols: type queries, truth, text conversion (`repr`, `str`,
//! `format`), hashing and equality, exceptions and context managers.
//! Iteration lives in [`super::iteration`], containers in [`super::containers`].

use super::attr::lookup_special_name;
use super::call::call;
use super::Vm;
use crate::object::{Kind, Value};
use crate::types::exception::type_error;
use crate::types::typeobj::{self, TypeData};
use crate::types::{
    self, str::as_str, BoolData, BytesData, DictData, ExceptionData, ListData, PyErr, PyResult,
    SetData, StrData, TupleData,
};

pub use super::containers::*;
pub use super::iteration::*;

/// The type object of a value.
#[inline]
pub fn type_of(v: &Value) -> Value {
    // SAFETY: every object's ob_type points to a live type object (types are
    // kept alive by their instances or are immortal).
    unsafe { Value::from_borrowed(v.type_ptr()) }
}

/// The name of a value's type.
pub fn type_name(v: &Value) -> String {
    type_of(v)
        .downcast::<TypeData>()
        .map(|t| t.name())
        .unwrap_or_default()
}

/// `callable(v)`.
pub fn is_callable(v: &Value) -> bool {
    matches!(
        v.kind(),
        Kind::Function | Kind::NativeFunction | Kind::BoundMethod | Kind::Type | Kind::StaticMethod
    ) || super::attr::lookup_special_name(v, crate::name!("__call__")).is_some()
}

/// `isinstance(v, ty)` for a single type.
pub fn is_instance(v: &Value, ty: &Value) -> bool {
    typeobj::is_subtype(&type_of(v), ty)
}

/// True if `v`'s layout is user-extensible (its type may override dunders).
#[inline]
/// True when `f`, found as special method `name` on `v`'s type, is a native
/// method of a native library type (`collections.deque`, `bytearray`, ...:
/// an immutable heap type), which `repr()` and `str()` call directly. Native
/// methods inherited from the built-in base types keep the kind-based paths.
fn native_type_dunder(v: &Value, name: &Value, f: &Value) -> bool {
    if f.kind() != Kind::NativeFunction {
        return false;
    }
    let ty = type_of(v);
    let Some(td) = ty.downcast::<TypeData>() else {
        return false;
    };
    td.mro(&ty)
        .iter()
        .filter_map(|t| t.downcast::<TypeData>())
        .find(|t| t.dict().get_str(name).is_some())
        .is_some_and(|t| t.has_flag(typeobj::HEAP_TYPE) && t.has_flag(typeobj::IMMUTABLE_TYPE))
}

pub(crate) fn user_type(v: &Value) -> bool {
    match v.header() {
        None => false,
        Some(h) => {
            // SAFETY: ob_type is a live type object.
            let t = unsafe { &*(h.ob_type as *const crate::object::PyObj<TypeData>) };
            t.data.has_flag(typeobj::HEAP_TYPE)
        }
    }
}

/// Truth value (`bool(v)`).
pub fn truthy(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    if let Some(i) = v.as_small() {
        return Ok(i != 0);
    }
    let kind = v.kind();
    if !matches!(kind, Kind::Instance | Kind::Exception | Kind::Opaque) && user_type(v) {
        // A subclass of a built-in type (int, str, list...) may define its
        // own `__bool__` or `__len__`.
        if let Some(r) = subclass_truth(vm, v)? {
            return Ok(r);
        }
    }
    Ok(match kind {
        Kind::Bool => v.downcast::<BoolData>().expect("bool").0,
        // `None` is false; `...` and `NotImplemented` (the same payload)
        // are true (CPython 3.11 also warns for the latter).
        Kind::None => !types::is_none(v),
        Kind::Int => true,
        Kind::Float => v.as_float().expect("float") != 0.0,
        Kind::Complex => {
            let c = v.downcast::<types::ComplexData>().expect("complex");
            c.re != 0.0 || c.im != 0.0
        }
        Kind::Str => v.downcast::<StrData>().expect("str").char_len() != 0,
        Kind::List => !v.downcast::<ListData>().expect("list").is_empty(),
        Kind::Tuple => !v.downcast::<TupleData>().expect("tuple").is_empty(),
        Kind::Dict => !v.downcast::<DictData>().expect("dict").is_empty(),
        Kind::Set => !v.downcast::<SetData>().expect("set").is_empty(),
        Kind::Bytes => !v.downcast::<BytesData>().expect("bytes").0.is_empty(),
        Kind::Range => !v.downcast::<types::RangeData>().expect("range").is_empty(),
        Kind::Instance | Kind::Exception | Kind::Opaque => {
            if let Some(b) = lookup_special_name(v, crate::name!("__bool__")) {
                let r = call(vm, &b, std::slice::from_ref(v))?;
                return match r.kind() {
                    Kind::Bool => Ok(r.downcast::<BoolData>().expect("bool").0),
                    _ => Err(type_error(format!(
                        "__bool__ should return bool, returned {}",
                        type_name(&r)
                    ))),
                };
            }
            if let Some(l) = lookup_special_name(v, crate::name!("__len__")) {
                let r = call(vm, &l, std::slice::from_ref(v))?;
                return Ok(index_value(&r)? != 0);
            }
            true
        }
        _ => true,
    })
}

/// The truth of an instance of a subclass of a built-in type from a
/// `__bool__` or `__len__` written in Python, if the class (or a base
/// between it and the built-in type) defines one; `None` if the built-in
/// type's own rule applies.
#[cold]
fn subclass_truth(vm: &mut Vm, v: &Value) -> PyResult<Option<bool>> {
    if let Some(b) = lookup_special_name(v, crate::name!("__bool__")) {
        if b.kind() == Kind::Function {
            let r = call(vm, &b, std::slice::from_ref(v))?;
            return match r.kind() {
                Kind::Bool => Ok(Some(r.downcast::<BoolData>().expect("bool").0)),
                _ => Err(type_error(format!(
                    "__bool__ should return bool, returned {}",
                    type_name(&r)
                ))),
            };
        }
        return Ok(None);
    }
    if let Some(l) = lookup_special_name(v, crate::name!("__len__")) {
        if l.kind() == Kind::Function {
            let r = call(vm, &l, std::slice::from_ref(v))?;
            return Ok(Some(index_value(&r)? != 0));
        }
    }
    Ok(None)
}

/// `operator.index(v)` as a Python int value (ints, then `__index__`).
pub fn index_obj(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if v.is_small() || v.kind() == Kind::Int {
        return Ok(v.clone());
    }
    if let Some(b) = v.downcast::<types::BoolData>() {
        return Ok(types::new_int(b.0 as i64));
    }
    if let Some(f) = lookup_special_name(v, crate::name!("__index__")) {
        let r = call(vm, &f, std::slice::from_ref(v))?;
        if !types::bigint::is_int_like(&r) {
            return Err(type_error(format!(
                "__index__ returned non-int (type {})",
                type_name(&r)
            )));
        }
        return Ok(r);
    }
    Err(type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        type_name(v)
    )))
}

/// An int-like value as i64 (`__index__`), raising TypeError otherwise.
pub fn index_value(v: &Value) -> PyResult<i64> {
    if let Some(i) = types::bigint::to_i64(v) {
        return Ok(i);
    }
    if types::bigint::is_int_like(v) {
        return Err(crate::types::exception::index_error(
            "cannot fit 'int' into an index-sized integer",
        ));
    }
    Err(type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        type_name(v)
    )))
}

fn qualified_class_name(ty: &Value) -> String {
    let td = ty.downcast::<TypeData>().expect("type");
    let module = td
        .dict()
        .get_str(crate::name!("__module__"))
        .and_then(|m| as_str(&m).map(|s| s.to_string()));
    match module {
        Some(m) if m != "builtins" && td.has_flag(typeobj::HEAP_TYPE) => {
            format!("{m}.{}", td.qualname.get())
        }
        _ => td.qualname.get(),
    }
}

/// `repr(v)` as a `str` value.
pub fn repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(types::new_str(repr_string(vm, v)?))
}

/// `ascii(v)`.
pub fn ascii(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let r = repr_string(vm, v)?;
    let mut out = String::new();
    for c in r.chars() {
        let n = c as u32;
        if n < 128 {
            out.push(c);
        } else if n < 0x100 {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n < 0x10000 {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    Ok(types::new_str(out))
}

fn guard_enter(vm: &mut Vm, v: &Value) -> bool {
    let id = v.bits();
    if vm.repr_guard.contains(&id) {
        return false;
    }
    vm.repr_guard.push(id);
    true
}

fn guard_leave(vm: &mut Vm, v: &Value) {
    vm.repr_guard.remove(&v.bits());
}

fn join_reprs(vm: &mut Vm, items: &[Value], open: &str, close: &str) -> PyResult<String> {
    let mut s = String::from(open);
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(&repr_string(vm, x)?);
    }
    s.push_str(close);
    Ok(s)
}

/// `repr(v)` as Rust text.
pub fn repr_string(vm: &mut Vm, v: &Value) -> PyResult<String> {
    if let Some(i) = v.as_small() {
        return Ok(i.to_string());
    }
    vm.check_native_stack()?;
    if user_type(v) {
        if let Some(r) = lookup_special_name(v, crate::name!("__repr__")) {
            if r.kind() == Kind::Function || native_type_dunder(v, crate::name!("__repr__"), &r) {
                let s = call(vm, &r, std::slice::from_ref(v))?;
                return match as_str(&s) {
                    Some(t) => Ok(t.to_string()),
                    None => Err(type_error(format!(
                        "__repr__ returned non-string (type {})",
                        type_name(&s)
                    ))),
                };
            }
        }
    }
    builtin_repr_string(vm, v)
}

/// The repr of `v`'s built-in layout, ignoring a `__repr__` its class
/// defines: what `int.__repr__(x)` or `float.__repr__(x)` gives for an
/// instance of a subclass (which may call it from its own `__repr__`).
pub fn builtin_repr_string(vm: &mut Vm, v: &Value) -> PyResult<String> {
    if let Some(i) = v.as_small() {
        return Ok(i.to_string());
    }
    Ok(match v.kind() {
        Kind::Int => v
            .downcast::<types::BigIntData>()
            .expect("int")
            .0
            .to_string(),
        Kind::Bool => (if v.downcast::<BoolData>().expect("bool").0 {
            "True"
        } else {
            "False"
        })
        .into(),
        Kind::None => {
            let s = types::singletons();
            if v.is(s.none.v()) {
                "None".into()
            } else if v.is(s.not_implemented.v()) {
                "NotImplemented".into()
            } else if v.is(s.ellipsis.v()) {
                "Ellipsis".into()
            } else {
                "<NULL>".into()
            }
        }
        Kind::Float => crate::format::float_repr(v.as_float().expect("float")),
        Kind::Complex => {
            let c = v.downcast::<types::ComplexData>().expect("complex");
            crate::types::methods::complex::repr(c.re, c.im)
        }
        Kind::Str => crate::format::str_repr(v.downcast::<StrData>().expect("str").as_str()),
        Kind::Bytes => crate::format::bytes_repr(&v.downcast::<BytesData>().expect("bytes").0),
        Kind::List => {
            if !guard_enter(vm, v) {
                return Ok("[...]".into());
            }
            let items = v.downcast::<ListData>().expect("list").snapshot();
            let r = join_reprs(vm, &items, "[", "]");
            guard_leave(vm, v);
            r?
        }
        Kind::Tuple => {
            let items = v.downcast::<TupleData>().expect("tuple").items().to_vec();
            if items.len() == 1 {
                format!("({},)", repr_string(vm, &items[0])?)
            } else {
                join_reprs(vm, &items, "(", ")")?
            }
        }
        Kind::Dict => {
            if !guard_enter(vm, v) {
                return Ok("{...}".into());
            }
            let items = v.downcast::<DictData>().expect("dict").items();
            let mut s = String::from("{");
            let mut res = Ok(());
            for (i, (k, x)) in items.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                match (repr_string(vm, k), repr_string(vm, x)) {
                    (Ok(a), Ok(b)) => {
                        s.push_str(&a);
                        s.push_str(": ");
                        s.push_str(&b);
                    }
                    (Err(e), _) | (_, Err(e)) => {
                        res = Err(e);
                        break;
                    }
                }
            }
            guard_leave(vm, v);
            res?;
            s.push('}');
            s
        }
        Kind::Set => {
            let frozen = v.type_ptr() == types::builtin_types().frozenset.as_ptr();
            let items = v.downcast::<SetData>().expect("set").items();
            if items.is_empty() {
                return Ok(if frozen {
                    "frozenset()".into()
                } else {
                    "set()".into()
                });
            }
            if !guard_enter(vm, v) {
                return Ok(format!("{}(...)", type_name(v)));
            }
            let r = join_reprs(vm, &items, "{", "}");
            guard_leave(vm, v);
            let r = r?;
            if frozen {
                format!("frozenset({r})")
            } else {
                r
            }
        }
        Kind::Type => format!("<class '{}'>", qualified_class_name(v)),
        Kind::Function => {
            let f = v.downcast::<types::FunctionData>().expect("function");
            format!(
                "<function {} at {:#x}>",
                as_str(&f.qualname()).unwrap_or("?"),
                v.bits()
            )
        }
        Kind::NativeFunction => {
            let n = v.downcast::<types::NativeFunctionData>().expect("native");
            format!("<built-in function {}>", n.name)
        }
        Kind::BoundMethod => {
            let m = v.downcast::<types::BoundMethodData>().expect("method");
            let (func, this) = (m.func.clone(), m.self_.clone());
            let fname = match func.kind() {
                Kind::Function => func
                    .downcast::<types::FunctionData>()
                    .expect("f")
                    .qualname
                    .with_borrowed(|q| q.and_then(as_str).unwrap_or("?").to_string()),
                _ => format!(
                    "{}.{}",
                    type_name(&this),
                    func.downcast::<types::NativeFunctionData>()
                        .map(|n| n.name)
                        .unwrap_or("?")
                ),
            };
            if func.kind() == Kind::NativeFunction {
                format!(
                    "<built-in method {} of {} object at {:#x}>",
                    func.downcast::<types::NativeFunctionData>()
                        .map(|n| n.name)
                        .unwrap_or("?"),
                    type_name(&this),
                    this.bits()
                )
            } else {
                format!("<bound method {fname} of {}>", repr_string(vm, &this)?)
            }
        }
        Kind::Module => format!(
            "<module '{}'>",
            v.downcast::<types::ModuleData>().expect("module").name
        ),
        Kind::Range => {
            let r = v.downcast::<types::RangeData>().expect("range");
            if r.step == 1 {
                format!("range({}, {})", r.start, r.stop)
            } else {
                format!("range({}, {}, {})", r.start, r.stop, r.step)
            }
        }
        Kind::Slice => {
            let s = v.downcast::<types::SliceData>().expect("slice");
            format!(
                "slice({}, {}, {})",
                repr_string(vm, &s.start)?,
                repr_string(vm, &s.stop)?,
                repr_string(vm, &s.step)?
            )
        }
        Kind::Exception => {
            let e = v.downcast::<ExceptionData>().expect("exception");
            let args = e.args.get();
            let items = args
                .downcast::<TupleData>()
                .map(|t| t.items().to_vec())
                .unwrap_or_default();
            let name = type_name(v);
            if items.len() == 1 {
                format!("{name}({})", repr_string(vm, &items[0])?)
            } else {
                format!("{name}{}", join_reprs(vm, &items, "(", ")")?)
            }
        }
        Kind::Cell => format!("<cell at {:#x}>", v.bits()),
        Kind::Generator => format!(
            "<generator object {} at {:#x}>",
            as_str(&v.downcast::<types::GeneratorData>().expect("gen").qualname).unwrap_or("?"),
            v.bits()
        ),
        Kind::Code => format!(
            "<code object {} at {:#x}>",
            v.downcast::<crate::compiler::code::CodeObject>()
                .expect("code")
                .name_str(),
            v.bits()
        ),
        Kind::Iterator => {
            let is_view = v
                .downcast::<types::IteratorData>()
                .expect("it")
                .state
                .with(|s| {
                    if let types::iterator::IterState::DictView { dict, part } = s {
                        Some((dict.clone(), *part))
                    } else {
                        None
                    }
                });
            match is_view {
                Some((d, part)) => {
                    let dd = d.downcast::<DictData>().expect("dict");
                    let items: Vec<Value> = match part {
                        types::iterator::DictPart::Keys => dd.keys(),
                        types::iterator::DictPart::Values => dd.values(),
                        types::iterator::DictPart::Items => dd
                            .items()
                            .into_iter()
                            .map(|(k, x)| types::new_tuple(vec![k, x]))
                            .collect(),
                    };
                    format!("{}({})", type_name(v), join_reprs(vm, &items, "[", "]")?)
                }
                None => format!("<{} object at {:#x}>", type_name(v), v.bits()),
            }
        }
        Kind::Property => format!("<property object at {:#x}>", v.bits()),
        Kind::Opaque if lookup_special_name(v, crate::name!("__repr__")).is_some() => {
            let r = lookup_special_name(v, crate::name!("__repr__")).expect("checked");
            let s = call(vm, &r, std::slice::from_ref(v))?;
            match as_str(&s) {
                Some(t) => t.to_string(),
                None => {
                    return Err(type_error(format!(
                        "__repr__ returned non-string (type {})",
                        type_name(&s)
                    )))
                }
            }
        }
        _ => format!(
            "<{} object at {:#x}>",
            qualified_class_name(&type_of(v)),
            v.bits()
        ),
    })
}

/// `str(v)` as a `str` value.
pub fn str(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if v.kind() == Kind::Str && v.type_ptr() == types::builtin_types().str.as_ptr() {
        return Ok(v.clone());
    }
    Ok(types::new_str(str_string(vm, v)?))
}

/// `str(v)` as Rust text.
pub fn str_string(vm: &mut Vm, v: &Value) -> PyResult<String> {
    if let Some(i) = v.as_small() {
        return Ok(i.to_string());
    }
    match v.kind() {
        Kind::Str => return Ok(as_str(v).unwrap_or("").to_string()),
        Kind::Float | Kind::Int | Kind::Bool | Kind::None | Kind::Complex => {
            return repr_string(vm, v)
        }
        _ => {}
    }
    if user_type(v) {
        if let Some(r) = lookup_special_name(v, crate::name!("__str__")) {
            if r.kind() == Kind::Function || native_type_dunder(v, crate::name!("__str__"), &r) {
                let s = call(vm, &r, std::slice::from_ref(v))?;
                return match as_str(&s) {
                    Some(t) => Ok(t.to_string()),
                    None => Err(type_error(format!(
                        "__str__ returned non-string (type {})",
                        type_name(&s)
                    ))),
                };
            }
        }
    }
    if v.kind() == Kind::Exception {
        let e = v.downcast::<ExceptionData>().expect("exception");
        let args = e.args.get();
        let items = args
            .downcast::<TupleData>()
            .map(|t| t.items().to_vec())
            .unwrap_or_default();
        return match items.len() {
            0 => Ok(String::new()),
            1 => {
                if is_instance(v, types::exc_types().key_error.v()) {
                    repr_string(vm, &items[0])
                } else {
                    str_string(vm, &items[0])
                }
            }
            _ => repr_string(vm, &args),
        };
    }
    repr_string(vm, v)
}

/// `format(v, spec)`.
pub fn format(vm: &mut Vm, v: &Value, spec: &str) -> PyResult<Value> {
    if user_type(v) {
        if let Some(f) = lookup_special_name(v, crate::name!("__format__")) {
            if f.kind() == Kind::Function {
                return call(vm, &f, &[v.clone(), types::new_str(spec)]);
            }
        }
    }
    if spec.is_empty() {
        return str(vm, v);
    }
    super::formatting::format_builtin(vm, v, spec)
}

/// CPython's hash of an i64.
pub fn hash_i64(i: i64) -> i64 {
    const M: i128 = (1i128 << 61) - 1;
    if i.unsigned_abs() < M as u64 {
        // Below the modulus an int is its own hash (but -1 is reserved).
        return if i == -1 { -2 } else { i };
    }
    let a = (i as i128).abs() % M;
    let r = if i < 0 { -a } else { a } as i64;
    if r == -1 {
        -2
    } else {
        r
    }
}

/// CPython's hash of a big int.
pub fn hash_bigint(b: &num_bigint::BigInt) -> i64 {
    use num_traits::{Signed, ToPrimitive};
    let m = num_bigint::BigInt::from((1i64 << 61) - 1);
    let a = (b.abs() % &m).to_i64().unwrap_or(0);
    let r = if b.is_negative() { -a } else { a };
    if r == -1 {
        -2
    } else {
        r
    }
}

/// CPython's hash of a float (`_Py_HashDouble`).
pub fn hash_f64(v: f64) -> i64 {
    const BITS: i32 = 61;
    const MODULUS: u64 = (1u64 << BITS) - 1;
    if !v.is_finite() {
        return if v.is_infinite() {
            if v > 0.0 {
                314159
            } else {
                -314159
            }
        } else {
            0
        };
    }
    let (mut m, mut e) = frexp(v);
    let mut sign = 1i64;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (BITS - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e % BITS
    } else {
        BITS - 1 - ((-1 - e) % BITS)
    };
    x = ((x << e) & MODULUS) | (x >> (BITS - e));
    let r = (x as i64) * sign;
    if r == -1 {
        -2
    } else {
        r
    }
}

/// `frexp`: mantissa in [0.5, 1) and exponent.
pub fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale up first.
        let (m, e) = frexp(v * (1u64 << 54) as f64);
        return (m, e - 54);
    }
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, e)
}

/// CPython's tuple hash (xxHash-based, deterministic).
pub fn hash_tuple(hashes: impl ExactSizeIterator<Item = i64>) -> i64 {
    let mut acc = TupleHash::new(hashes.len());
    for h in hashes {
        acc.add(h);
    }
    acc.finish()
}

/// The running state of [`hash_tuple`] (CPython's xxHash-based `tuplehash`),
/// fed one item hash at a time.
pub struct TupleHash {
    acc: u64,
    len: u64,
}

impl TupleHash {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;

    /// The state before the first of `len` items.
    pub fn new(len: usize) -> TupleHash {
        TupleHash {
            acc: Self::P5,
            len: len as u64,
        }
    }

    /// Mixes in the next item's hash.
    #[inline]
    pub fn add(&mut self, h: i64) {
        self.acc = self.acc.wrapping_add((h as u64).wrapping_mul(Self::P2));
        self.acc = self.acc.rotate_left(31);
        self.acc = self.acc.wrapping_mul(Self::P1);
    }

    /// The tuple's hash.
    pub fn finish(self) -> i64 {
        let acc = self.acc.wrapping_add(self.len ^ (Self::P5 ^ 3527539));
        if acc == u64::MAX {
            return 1546275796;
        }
        acc as i64
    }
}

/// CPython's frozenset hash from its elements' hashes: each is shuffled and
/// xored in (order does not matter), then the count and a final mix.
pub fn hash_frozenset(hashes: impl ExactSizeIterator<Item = i64>) -> i64 {
    let n = hashes.len() as u64;
    let mut acc: u64 = 0;
    for h in hashes {
        let h = h as u64;
        acc ^= ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167);
    }
    acc ^= (n + 1).wrapping_mul(1927868237);
    acc ^= (acc >> 11) ^ (acc >> 25);
    acc = acc.wrapping_mul(69069).wrapping_add(907133923);
    let r = acc as i64;
    if r == -1 {
        590923713
    } else {
        r
    }
}

/// The hash of a value whose hash needs no Python code (constants: ints,
/// floats, strs, bytes, bools, None and tuples of these).
pub fn const_hash(v: &Value) -> Option<i64> {
    if let Some(i) = v.as_small() {
        return Some(hash_i64(i));
    }
    Some(match v.kind() {
        Kind::Str => v.downcast::<StrData>()?.hash(),
        Kind::Int => hash_bigint(&v.downcast::<types::BigIntData>()?.0),
        Kind::Bool => v.downcast::<BoolData>()?.0 as i64,
        Kind::Float => hash_f64(v.as_float()?),
        Kind::None => (v.bits() >> 4) as i64,
        Kind::Tuple => {
            let items = v.downcast::<TupleData>()?.items();
            let hs: Option<Vec<i64>> = items.iter().map(const_hash).collect();
            hash_tuple(hs?.into_iter())
        }
        _ => return None,
    })
}

/// `hash(v)`.
#[inline(always)]
pub fn hash(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    if let Some(i) = v.as_small() {
        return Ok(hash_i64(i));
    }
    hash_object(vm, v)
}

/// [`hash`] of a heap object.
#[inline(never)]
fn hash_object(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    // A subclass's own `__hash__` (or its `__hash__ = None`) comes first; a
    // subclass that inherits the built-in one hashes as its base does.
    if user_type(v) {
        if let Some(h) = lookup_special_name(v, crate::name!("__hash__")) {
            if types::is_none(&h) {
                return Err(type_error(format!("unhashable type: '{}'", type_name(v))));
            }
            // A native type's own `__hash__` (a weak reference's, which
            // hashes its referent) is called too; the default one is not.
            let native_own = v.kind() == Kind::Opaque
                && h.downcast::<types::NativeFunctionData>()
                    .is_some_and(|n| n.owner != "object");
            if h.kind() == Kind::Function || native_own {
                let r = call(vm, &h, std::slice::from_ref(v))?;
                // As CPython's slot_tp_hash: a result that fits a machine
                // word is the hash as is (-1 excepted); a bigger one is
                // reduced as an int's hash is.
                return match types::bigint::to_bigint(&r) {
                    Some(b) => Ok(match i64::try_from(&b) {
                        Ok(-1) => -2,
                        Ok(h) => h,
                        Err(_) => hash_bigint(&b),
                    }),
                    None => Err(type_error("__hash__ method should return an integer")),
                };
            }
        }
    }
    builtin_hash(vm, v)
}

/// The hash of `v`'s built-in layout, ignoring a `__hash__` its class
/// defines: what `int.__hash__(x)` or `str.__hash__(x)` gives for an
/// instance of a subclass (which may call it from its own `__hash__`).
pub fn builtin_hash(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    if let Some(i) = v.as_small() {
        return Ok(hash_i64(i));
    }
    match v.kind() {
        Kind::Str => return Ok(v.downcast::<StrData>().expect("str").hash()),
        Kind::Int => {
            return Ok(hash_bigint(
                &v.downcast::<types::BigIntData>().expect("int").0,
            ))
        }
        Kind::Bool => return Ok(v.downcast::<BoolData>().expect("bool").0 as i64),
        Kind::Float => return Ok(hash_f64(v.as_float().expect("float"))),
        Kind::Complex => {
            let c = v.downcast::<types::ComplexData>().expect("complex");
            return Ok(crate::numeric::hash_cmp::hash_complex(c.re, c.im));
        }
        Kind::Tuple => {
            vm.check_native_stack()?;
            // A tuple's items never change and `v` keeps them alive, so they
            // are hashed in place, one at a time.
            let items = v.downcast::<TupleData>().expect("tuple").items();
            let mut acc = TupleHash::new(items.len());
            for x in items {
                acc.add(hash(vm, x)?);
            }
            return Ok(acc.finish());
        }
        Kind::Bytes => {
            let b = &v.downcast::<BytesData>().expect("bytes").0;
            return Ok(match std::str::from_utf8(b) {
                Ok(s) => types::str::hash_str(s),
                Err(_) => types::str::hash_str(&String::from_utf8_lossy(b)) ^ 0x5bd1e995,
            });
        }
        Kind::List | Kind::Dict => {
            return Err(type_error(format!("unhashable type: '{}'", type_name(v))));
        }
        Kind::Set => {
            if v.type_ptr() == types::builtin_types().frozenset.as_ptr() {
                let hs = v.downcast::<SetData>().expect("set").items_hashed();
                return Ok(hash_frozenset(hs.iter().map(|(h, _)| *h)));
            }
            return Err(type_error(format!("unhashable type: '{}'", type_name(v))));
        }
        _ => {}
    }
    Ok((v.bits() >> 4) as i64)
}

/// `a == b` as a Rust bool.
pub fn eq(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if let Some(r) = types::dict::native_eq(a, b) {
        return Ok(r);
    }
    let r = super::ops::compare(vm, a, b, crate::compiler::opcodes::CmpOp::Eq)?;
    truthy(vm, &r)
}

/// Turns a raised value (instance or class) into an exception.
pub fn make_exception(vm: &mut Vm, v: Value) -> PyResult<PyErr> {
    let base = types::exc_types().base_exception.get();
    if v.kind() == Kind::Type && typeobj::is_subtype(&v, &base) {
        let e = call(vm, &v, &[])?;
        if !is_instance(&e, &base) {
            return Err(type_error(
                "calling exception class did not return an exception",
            ));
        }
        return Ok(PyErr(e));
    }
    if is_instance(&v, &base) {
        return Ok(PyErr(v));
    }
    Err(type_error("exceptions must derive from BaseException"))
}

/// `except ty:` matching.
pub fn exception_matches(_vm: &mut Vm, e: &Value, ty: &Value) -> PyResult<bool> {
    exception_matches_type(e, ty)
}

fn exception_matches_type(e: &Value, ty: &Value) -> PyResult<bool> {
    if let Some(t) = ty.downcast::<TupleData>() {
        for x in t.items().to_vec() {
            if exception_matches_type(e, &x)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    let base = types::exc_types().base_exception.get();
    if ty.kind() != Kind::Type || !typeobj::is_subtype(ty, &base) {
        return Err(type_error(
            "catching classes that do not inherit from BaseException is not allowed",
        ));
    }
    Ok(is_instance(e, ty))
}

/// `with mgr:`: how to call `__exit__` (a callable and the `self` to pass
/// first, or NULL when the callable is already bound) and the unbound
/// `__enter__`, which the caller calls with `mgr` (a Python one as a frame
/// of its eval loop). A plain-function `__exit__` is not bound: the pair
/// is `(function, mgr)`, as CALL's `[callable, self]` (CPython 3.14's
/// LOAD_SPECIAL), so a `with` allocates no bound method.
pub fn context_methods(vm: &mut Vm, mgr: &Value) -> PyResult<((Value, Value), Value)> {
    let enter = lookup_special_name(mgr, crate::name!("__enter__"));
    let exit = lookup_special_name(mgr, crate::name!("__exit__"));
    let (Some(enter), Some(exit)) = (enter, exit) else {
        return Err(type_error(format!(
            "'{}' object does not support the context manager protocol",
            type_name(mgr)
        )));
    };
    if exit.kind() == Kind::Function {
        return Ok(((exit, mgr.clone()), enter));
    }
    let ty = type_of(mgr);
    let exit = super::attr::descr_get(vm, exit, Some(mgr), &ty)?;
    Ok(((exit, types::null()), enter))
}
