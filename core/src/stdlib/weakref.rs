//! `_weakref`: weak reference objects (`weakref.ref`, `weakref.ReferenceType`)
//! and the module functions over the weak-reference table
//! (`getweakrefcount`, `getweakrefs`). The `weakref` module itself is
//! embedded Python (`py/weakref.py`: proxies, the weak containers,
//! `WeakMethod`, `finalize`) over this one.
//!
//! A weak reference is a native object whose state is its referent's
//! address; whether it is alive is decided by the table
//! (`object::weakref_table`), which also keeps its callback. So the state
//! never changes after creation (except the cached hash), and nothing here
//! holds a lock while running Python code: dereferencing takes a new
//! reference under the table's lock and returns it, and comparison and
//! hashing of referents happen after that.
//!
//! Which objects may be weakly referenced is the type's `WEAKREFABLE` flag
//! (CPython's `tp_weaklistoffset`): set for functions, methods, types,
//! sets, generators, modules, code and built-in functions, and computed for
//! classes in `vm::class` as CPython's `type_new` does. Weak references to
//! immortal objects (built-in types and functions, shared by every
//! interpreter) are not registered in the table, as they never die: no
//! interpreter can then find another's weak reference object through the
//! table; `getweakrefcount` of an immortal object is 0.

use std::sync::OnceLock;

use super::collections::native_util::{add_property, cached_type, new_obj, new_type, with};
use super::{add_functions, set_attr};
use crate::object::weakref_table::{self, Flavor};
use crate::object::Value;
use crate::types::exception::type_error;
use crate::types::methods::{m, Method, MethodKind};
use crate::types::typeobj::{TypeData, WEAKREFABLE};
use crate::types::{self, Kwargs, PyResult, StaticValue};
use crate::vm::protocol::{type_name, type_of};
use crate::vm::Vm;

/// The state of a weak reference object.
pub(crate) struct WeakRef {
    /// The referent's address. Alive only while the table lists this weak
    /// reference under it (for a registered one).
    referent: usize,
    /// This object's own address (0 until it is registered).
    me: usize,
    /// Registered in the table; false for an immortal referent.
    tabled: bool,
    /// The callback of an unregistered weak reference (never called: its
    /// referent never dies); a registered one's lives in the table.
    callback: Option<Value>,
    /// The referent's hash, once computed (kept after the referent died).
    hash: Option<i64>,
}

impl crate::types::misc::NativeState for WeakRef {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        if self.tabled {
            weakref_table::visit_callback(self.me, self.referent, visit);
        } else if let Some(cb) = &self.callback {
            visit(cb);
        }
    }
    fn clear(&mut self) {
        let cb = if self.tabled {
            weakref_table::take_callback(self.me, self.referent)
        } else {
            self.callback.take()
        };
        drop(cb);
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

impl Drop for WeakRef {
    fn drop(&mut self) {
        if self.tabled && self.me != 0 {
            weakref_table::unregister(self.me, self.referent);
        }
    }
}

const REF_METHODS: &[Method] = &[
    Method {
        name: "__new__",
        func: ref_new,
        kind: MethodKind::Static,
    },
    m("__init__", ref_init),
    m("__call__", ref_call),
    m("__hash__", ref_hash),
    m("__eq__", ref_eq),
    m("__ne__", ref_ne),
    m("__repr__", ref_repr),
];

/// `weakref.ReferenceType` (`weakref.ref`).
pub fn ref_type(vm: &mut Vm) -> Value {
    static T: OnceLock<StaticValue> = OnceLock::new();
    cached_type(&T, vm, |vm| {
        let t = new_type(vm, "ReferenceType", "weakref", REF_METHODS, Some(ref_new));
        add_property(&t, "__callback__", ref_callback);
        t
    })
}

/// True if objects of `v`'s type may be weakly referenced.
pub fn weakrefable(v: &Value) -> bool {
    let t = type_of(v);
    t.downcast::<TypeData>()
        .is_some_and(|td| td.has_flag(WEAKREFABLE))
}

/// The type's name as CPython's `tp_name` spells it: dotted with the
/// module for a native type (`weakref.ReferenceType`, `collections.deque`),
/// the bare name for a class or a core built-in.
fn tp_name(v: &Value) -> String {
    let t = type_of(v);
    let short = type_name(v);
    let Some(td) = t.downcast::<TypeData>() else {
        return short;
    };
    if !td.has_flag(crate::types::typeobj::IMMUTABLE_TYPE) {
        return short;
    }
    let module = td
        .dict
        .downcast::<types::DictData>()
        .and_then(|d| d.get_str(crate::name!("__module__")))
        .and_then(|m| types::str::as_str(&m).map(str::to_string));
    match module {
        Some(m) if m != "builtins" => format!("{m}.{short}"),
        _ => short,
    }
}

/// Creates a weak reference of class `cls` to `ob` (the basic one, shared,
/// when `cls` is exactly `ReferenceType` and there is no callback).
fn new_ref(vm: &mut Vm, cls: &Value, ob: &Value, callback: Option<Value>) -> PyResult<Value> {
    if !weakrefable(ob) {
        return Err(type_error(format!(
            "cannot create weak reference to '{}' object",
            tp_name(ob)
        )));
    }
    let callback = callback.filter(|c| !types::is_none(c));
    let immortal = ob.header().is_none_or(|h| h.is_immortal());
    if immortal {
        return Ok(new_obj(
            cls,
            WeakRef {
                referent: ob.bits(),
                me: 0,
                tabled: false,
                callback,
                hash: None,
            },
        ));
    }
    let basic = callback.is_none() && cls.is(&ref_type(vm));
    let wr = new_obj(
        cls,
        WeakRef {
            referent: ob.bits(),
            me: 0,
            tabled: true,
            callback: None,
            hash: None,
        },
    );
    let me = wr.bits();
    with(&wr, |w: &mut WeakRef| w.me = me);
    let flavor = if basic {
        Flavor::BasicRef
    } else {
        Flavor::Other
    };
    match weakref_table::register(ob, &wr, flavor, callback) {
        // A live basic reference exists: that one is the answer, and the
        // new one (never listed) is dropped.
        Some(existing) => Ok(existing),
        None => Ok(wr),
    }
}

/// `ReferenceType.__new__(cls, ob, callback=None)`.
fn ref_new(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let n = args.len().saturating_sub(1);
    if !(1..=2).contains(&n) {
        return Err(type_error(if n == 0 {
            "__new__ expected at least 1 argument, got 0".to_string()
        } else {
            format!("__new__ expected at most 2 arguments, got {n}")
        }));
    }
    let rt = ref_type(vm);
    let cls = &args[0];
    if cls.downcast::<TypeData>().is_none() {
        return Err(type_error(format!(
            "weakref.ReferenceType.__new__(X): X is not a type object ({})",
            type_name(cls)
        )));
    }
    if !crate::types::typeobj::is_subtype(cls, &rt) {
        let name = cls
            .downcast::<TypeData>()
            .map(|t| t.name())
            .unwrap_or_default();
        return Err(type_error(format!(
            "weakref.ReferenceType.__new__({name}): {name} is not a subtype of weakref.ReferenceType"
        )));
    }
    new_ref(vm, cls, &args[1], args.get(2).cloned())
}

/// `ReferenceType.__init__`: the work was done by `__new__` (it accepts
/// the same arguments, so that a subclass's `__init__` can call it).
fn ref_init(_vm: &mut Vm, _args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::none())
}

/// The state of `v` if it is a weak reference: (referent, own address,
/// registered).
fn parts(v: &Value) -> Option<(usize, usize, bool)> {
    with(v, |w: &mut WeakRef| (w.referent, w.me, w.tabled))
}

fn expect_ref(v: &Value, method: &str) -> PyResult<(usize, usize, bool)> {
    parts(v).ok_or_else(|| {
        type_error(format!(
            "descriptor '{method}' requires a 'weakref.ReferenceType' object but received a '{}'",
            tp_name(v)
        ))
    })
}

/// The referent of a weak reference (a new reference), or None once it
/// died. In free-threaded mode this never returns an object whose last
/// reference another thread has dropped (see `weakref_table::deref`).
pub fn deref(v: &Value) -> Option<Value> {
    let (referent, me, tabled) = parts(v)?;
    if !tabled {
        // SAFETY: an unregistered weak reference's referent is immortal:
        // never freed, and taking a reference to it changes no count.
        return Some(unsafe { Value::from_raw_bits(referent) });
    }
    weakref_table::deref(me, referent)
}

fn ref_call(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    expect_ref(&args[0], "__call__")?;
    if args.len() > 1 || !kw.is_empty() {
        return Err(type_error(format!(
            "weakref() takes exactly 0 arguments ({} given)",
            args.len() - 1 + kw.names.len()
        )));
    }
    Ok(deref(&args[0]).unwrap_or_else(types::none))
}

fn ref_hash(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    expect_ref(&args[0], "__hash__")?;
    if let Some(h) = with(&args[0], |w: &mut WeakRef| w.hash).flatten() {
        return Ok(types::new_int(h));
    }
    let Some(obj) = deref(&args[0]) else {
        return Err(type_error("weak object has gone away"));
    };
    let h = crate::vm::protocol::hash(vm, &obj)?;
    with(&args[0], |w: &mut WeakRef| w.hash = Some(h));
    Ok(types::new_int(h))
}

/// `==` of two weak references: their referents' if both are alive, else
/// identity; NotImplemented if `b` is not a weak reference.
fn compare(vm: &mut Vm, a: &Value, b: &Value, method: &str) -> PyResult<Option<bool>> {
    expect_ref(a, method)?;
    if parts(b).is_none() {
        return Ok(None);
    }
    match (deref(a), deref(b)) {
        (Some(x), Some(y)) => Ok(Some(crate::vm::protocol::eq(vm, &x, &y)?)),
        _ => Ok(Some(a.is(b))),
    }
}

fn ref_eq(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("__eq__", args, 2, 2)?;
    Ok(match compare(vm, &args[0], &args[1], "__eq__")? {
        Some(r) => types::bool_value(r),
        None => types::not_implemented(),
    })
}

fn ref_ne(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("__ne__", args, 2, 2)?;
    Ok(match compare(vm, &args[0], &args[1], "__ne__")? {
        Some(r) => types::bool_value(!r),
        None => types::not_implemented(),
    })
}

/// `0x...` of an object, as `%p` prints it.
fn address(bits: usize) -> String {
    format!("0x{bits:x}")
}

fn ref_repr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    expect_ref(&args[0], "__repr__")?;
    let me = address(args[0].bits());
    let Some(obj) = deref(&args[0]) else {
        return Ok(types::new_str(format!("<weakref at {me}; dead>")));
    };
    let name = crate::vm::attr::getattr_opt(vm, &obj, crate::name!("__name__"))?;
    let name = name.as_ref().and_then(|n| types::str::as_str(n));
    let at = address(obj.bits());
    let ty = tp_name(&obj);
    Ok(types::new_str(match name {
        Some(n) => format!("<weakref at {me}; to '{ty}' at {at} ({n})>"),
        None => format!("<weakref at {me}; to '{ty}' at {at}>"),
    }))
}

fn ref_callback(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let (referent, me, tabled) = expect_ref(&args[0], "__callback__")?;
    let cb = if tabled {
        weakref_table::callback_of(me, referent)
    } else {
        with(&args[0], |w: &mut WeakRef| w.callback.clone()).flatten()
    };
    Ok(cb.unwrap_or_else(types::none))
}

fn getweakrefcount(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("getweakrefcount", args, 1, 1)?;
    Ok(types::new_int(weakref_table::count(&args[0]) as i64))
}

fn getweakrefs(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("getweakrefs", args, 1, 1)?;
    Ok(types::new_list(weakref_table::refs(&args[0])))
}

/// Creates the `_weakref` module.
pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let module = crate::vm::import::new_module("_weakref");
    add_functions(
        &module,
        "_weakref",
        &[
            ("getweakrefcount", getweakrefcount),
            ("getweakrefs", getweakrefs),
        ],
    );
    let t = ref_type(vm);
    set_attr(&module, "ref", t.clone());
    set_attr(&module, "ReferenceType", t);
    Ok(module)
}

/// Creates the `weakref` module (embedded Python over `_weakref`).
pub fn make_weakref_module(vm: &mut Vm) -> PyResult<Value> {
    super::exec_embedded(vm, "weakref", include_str!("py/weakref.py"))
}
