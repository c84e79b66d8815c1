//! Attribute access: the descriptor protocol, instance dicts and slots, class
//! attributes, module attributes, and the method-call fast path.

use super::call::{bind_method, call};
use super::protocol::{type_name, type_of};
use super::Vm;
use crate::object::{Kind, ObjHeader, Value};
use crate::types::exception::{attribute_error, type_error};
use crate::types::typeobj::{self, TypeData};
use crate::types::{
    self, str::as_str, DictData, ExceptionData, FunctionData, InstanceData, ModuleData, OpaqueData,
    PropertyData, PyResult,
};

/// The instance `__dict__` of an object, if it has one (created on demand
/// when `create` is set).
pub fn instance_dict(obj: &Value, create: bool) -> Option<Value> {
    let cell = match obj.kind() {
        Kind::Instance => &obj.downcast::<InstanceData>()?.dict,
        Kind::Exception => &obj.downcast::<ExceptionData>()?.dict,
        Kind::Function => &obj.downcast::<FunctionData>()?.dict,
        Kind::Opaque => &obj.downcast::<OpaqueData>()?.dict,
        Kind::Module => return Some(obj.downcast::<ModuleData>()?.dict.clone()),
        Kind::List | Kind::Dict | Kind::Set | Kind::Tuple => {
            let ty = type_of(obj);
            let td = ty.downcast::<TypeData>()?;
            if !td.has_flag(typeobj::HEAP_TYPE) || td.has_flag(typeobj::NO_DICT) {
                return None;
            }
            match obj.kind() {
                Kind::List => &obj.downcast::<types::ListData>()?.attrs,
                Kind::Dict => &obj.downcast::<DictData>()?.attrs,
                Kind::Set => &obj.downcast::<types::SetData>()?.attrs,
                _ => &obj.downcast::<types::TupleData>()?.attrs,
            }
        }
        _ => return None,
    };
    if obj.kind() == Kind::Instance {
        let ty = type_of(obj);
        if let Some(td) = ty.downcast::<TypeData>() {
            if td.has_flag(typeobj::NO_DICT) || !td.has_flag(typeobj::HEAP_TYPE) {
                return None;
            }
        }
    }
    cell.get_or_create(create, types::new_dict)
}

fn is_data_descriptor(vm: &mut Vm, d: &Value) -> bool {
    let _ = vm;
    match d.kind() {
        Kind::Property => true,
        Kind::Instance => {
            let t = type_of(d);
            let td = t.downcast::<TypeData>().expect("type");
            td.lookup(&t, crate::name!("__set__")).is_some()
                || td.lookup(&t, crate::name!("__delete__")).is_some()
        }
        _ => false,
    }
}

/// Applies the descriptor protocol to a value found on a type.
pub fn descr_get(vm: &mut Vm, d: Value, obj: Option<&Value>, ty: &Value) -> PyResult<Value> {
    match d.kind() {
        Kind::Function | Kind::NativeFunction => match obj {
            Some(o) => Ok(bind_method(d, o.clone())),
            None => Ok(d),
        },
        Kind::ClassMethod => {
            let f = d
                .downcast::<types::ClassMethodData>()
                .expect("cm")
                .func
                .clone();
            Ok(bind_method(f, ty.clone()))
        }
        Kind::StaticMethod => Ok(d
            .downcast::<types::StaticMethodData>()
            .expect("sm")
            .func
            .clone()),
        Kind::Property => match obj {
            None => Ok(d),
            Some(o) => {
                let p = d.downcast::<PropertyData>().expect("property");
                let g = p.fget.get();
                if types::is_none(&g) {
                    return Err(attribute_error(format!(
                        "property of '{}' object has no getter",
                        type_name(o)
                    )));
                }
                call(vm, &g, std::slice::from_ref(o))
            }
        },
        Kind::Instance => {
            let t = type_of(&d);
            let td = t.downcast::<TypeData>().expect("type");
            match td.lookup(&t, crate::name!("__get__")) {
                Some(get) => {
                    let o = obj.cloned().unwrap_or_else(types::none);
                    call(vm, &get, &[d, o, ty.clone()])
                }
                None => Ok(d),
            }
        }
        _ => Ok(d),
    }
}

pub(super) fn slot_index(td: &TypeData, name: &Value) -> Option<usize> {
    // Slot names are interned, as are names from code: identity first, text
    // only for a name built at run time.
    td.slots.iter().position(|s| s.is(name)).or_else(|| {
        let text = as_str(name)?;
        td.slots.iter().position(|s| as_str(s) == Some(text))
    })
}

/// The type payload of `obj`'s type, borrowed for as long as `obj` is: every
/// object holds a reference to its type.
#[inline(always)]
pub fn type_data_of(obj: &Value) -> (&Value, &TypeData) {
    match obj.header() {
        Some(h) => {
            // SAFETY: `ob_type` is a live type that `obj` keeps alive, and a
            // transparent `Value` word may view the header's pointer field.
            let tv: &Value = unsafe { &*(&h.ob_type as *const *const ObjHeader as *const Value) };
            // SAFETY: type objects always have the Type layout.
            (tv, unsafe { tv.downcast_unchecked::<TypeData>() })
        }
        None => {
            let bt = types::builtin_types();
            let t = if obj.is_small() {
                bt.int.v()
            } else {
                bt.float.v()
            };
            // SAFETY: `int` and `float` are type objects.
            (t, unsafe { t.downcast_unchecked::<TypeData>() })
        }
    }
}

/// `name` in the instance's own `__dict__` (lock-free, no Python code).
#[inline]
fn own_attr(inst: &InstanceData, name: &Value) -> Option<Value> {
    inst.dict
        .with_borrowed(|d| d.and_then(|d| d.downcast::<DictData>()?.get_str(name)))
}

/// Runs `f` on `name` from the `__dict__` of instance `obj` without taking
/// a reference (no class lookup; `f` must not run Python code: see
/// `DictData::with_str`).
pub(crate) fn with_own_attr<R>(
    obj: &Value,
    name: &Value,
    f: impl FnOnce(&Value) -> R,
) -> Option<R> {
    obj.downcast::<InstanceData>()?
        .dict
        .with_borrowed(|d| d?.downcast::<DictData>()?.with_str(name, f))
}

/// Fast path of attribute lookup on instances of user classes without a
/// custom `__getattribute__`: a cached MRO lookup, then the instance dict.
/// Returns `None` to fall back to the general path.
#[inline]
fn instance_getattr_fast(vm: &mut Vm, obj: &Value, name: &Value) -> Option<PyResult<Value>> {
    let (ty, td) = type_data_of(obj);
    if td.custom_getattribute() {
        return super::local_attr::get(obj, name).map(Ok);
    }
    let descr = td.lookup(ty, name);
    if let Some(d) = &descr {
        if matches!(d.kind(), Kind::Property | Kind::Instance) {
            return None;
        }
    }
    let inst = obj.downcast::<InstanceData>()?;
    let found = own_attr(inst, name);
    if let Some(v) = found {
        return Some(Ok(v));
    }
    if !td.slots.is_empty() {
        if let Some(i) = slot_index(td, name) {
            // A set slot with no class attribute of that name (the order of
            // `generic_getattr`: instance dict, slots, class attribute).
            if descr.is_none() {
                return inst.slots.get(i).and_then(|c| c.get()).map(Ok);
            }
            return None;
        }
    }
    let d = descr?;
    Some(descr_get(vm, d, Some(obj), ty))
}

/// True if `v` is a plain value of an exact built-in immutable type (no
/// `__get__`, no `__set__`: not a descriptor).
pub(super) fn plain_value(v: &Value) -> bool {
    if v.is_small() {
        return true;
    }
    let t = v.type_ptr();
    let bt = types::builtin_types();
    [
        &bt.int,
        &bt.float,
        &bt.str,
        &bt.bool,
        &bt.none_type,
        &bt.tuple,
        &bt.bytes,
    ]
    .iter()
    .any(|b| b.as_ptr() == t)
}

/// `obj.name` when it can be answered without running any Python code (a
/// plain instance's own attribute, a plain class-level value, a module
/// global), else `None`. Used on objects read without a reference
/// (free-threaded mode), which must not be held across a safe point.
pub fn getattr_without_python(obj: &Value, name: &Value) -> Option<Value> {
    match obj.kind() {
        Kind::Module => obj
            .downcast::<ModuleData>()?
            .dict
            .downcast::<DictData>()?
            .get_str(name),
        Kind::Instance => {
            let (ty, td) = type_data_of(obj);
            if td.custom_getattribute() || !td.slots.is_empty() {
                return None;
            }
            let descr = td.lookup(ty, name);
            let bt = types::builtin_types();
            if let Some(d) = &descr {
                // Only a descriptor that cannot be a data descriptor lets
                // the instance dict answer first.
                let t = d.type_ptr();
                let non_data = plain_value(d)
                    || t == bt.function.as_ptr()
                    || t == bt.builtin_function.as_ptr()
                    || t == bt.classmethod.as_ptr()
                    || t == bt.staticmethod.as_ptr();
                if !non_data {
                    return None;
                }
            }
            let found = own_attr(obj.downcast::<InstanceData>()?, name);
            if found.is_some() {
                return found;
            }
            descr.filter(plain_value)
        }
        _ => None,
    }
}

/// `getattr(obj, name)`; `name` is an interned str.
#[inline]
pub fn getattr(vm: &mut Vm, obj: &Value, name: &Value) -> PyResult<Value> {
    if obj.kind() == Kind::Instance {
        if let Some(r) = instance_getattr_fast(vm, obj, name) {
            return r;
        }
    }
    getattr_slow(vm, obj, name)
}

fn getattr_slow(vm: &mut Vm, obj: &Value, name: &Value) -> PyResult<Value> {
    match obj.kind() {
        Kind::Type => return type_getattr(vm, obj, name),
        Kind::Super => return crate::types::methods::object::super_getattr(vm, obj, name),
        Kind::Module => {
            let m = obj.downcast::<ModuleData>().expect("module");
            if let Some(v) = m.dict.downcast::<DictData>().and_then(|d| d.get_str(name)) {
                return Ok(v);
            }
            if let Some(v) = special_attr(vm, obj, name)? {
                return Ok(v);
            }
            return Err(attribute_error(format!(
                "module '{}' has no attribute '{}'",
                m.name,
                as_str(name).unwrap_or("?")
            )));
        }
        _ => {}
    }
    let ty = type_of(obj);
    let td = ty.downcast::<TypeData>().expect("type");
    if td.custom_getattribute() {
        if let Some(ga) = td.lookup(&ty, crate::name!("__getattribute__")) {
            if ga.kind() == Kind::Function {
                return match call(vm, &ga, &[obj.clone(), name.clone()]) {
                    Err(e)
                        if super::protocol::is_instance(
                            &e.0,
                            types::exc_types().attribute_error.v(),
                        ) =>
                    {
                        match td.lookup(&ty, crate::name!("__getattr__")) {
                            Some(g) => call(vm, &g, &[obj.clone(), name.clone()]),
                            None => Err(e),
                        }
                    }
                    r => r,
                };
            }
        }
    }
    generic_getattr(vm, obj, name, &ty, td)
}

/// `object.__getattribute__`: descriptors, instance dict, slots, then
/// `__getattr__`.
pub fn generic_getattr(
    vm: &mut Vm,
    obj: &Value,
    name: &Value,
    ty: &Value,
    td: &TypeData,
) -> PyResult<Value> {
    let ty = ty.clone();
    let descr = td.lookup(&ty, name);
    if let Some(d) = &descr {
        if is_data_descriptor(vm, d) {
            return descr_get(vm, d.clone(), Some(obj), &ty);
        }
    }
    if let Some(dict) = instance_dict(obj, false) {
        if let Some(v) = dict.downcast::<DictData>().and_then(|d| d.get_str(name)) {
            return Ok(v);
        }
    }
    if !td.slots.is_empty() {
        if let Some(i) = slot_index(td, name) {
            if let Some(inst) = obj.downcast::<InstanceData>() {
                if let Some(v) = inst.slots.get(i).and_then(|c| c.get()) {
                    return Ok(v);
                }
                return Err(attribute_error(format!(
                    "'{}' object has no attribute '{}'",
                    td.name(),
                    as_str(name).unwrap_or("?")
                )));
            }
        }
    }
    if let Some(d) = descr {
        return descr_get(vm, d, Some(obj), &ty);
    }
    if let Some(v) = special_attr(vm, obj, name)? {
        return Ok(v);
    }
    if let Some(ga) = td.lookup(&ty, crate::name!("__getattr__")) {
        return call(vm, &ga, &[obj.clone(), name.clone()]);
    }
    Err(attribute_error(format!(
        "'{}' object has no attribute '{}'",
        td.name(),
        as_str(name).unwrap_or("?")
    )))
}

/// Attribute lookup on a class object.
fn type_getattr(vm: &mut Vm, cls: &Value, name: &Value) -> PyResult<Value> {
    let td = cls.downcast::<TypeData>().expect("type");
    let meta = type_of(cls);
    let mtd = meta.downcast::<TypeData>().expect("type");
    let meta_attr = if meta.is(types::builtin_types().type_.v()) {
        None
    } else {
        mtd.lookup(&meta, name)
    };
    if let Some(m) = &meta_attr {
        if is_data_descriptor(vm, m) {
            return descr_get(vm, m.clone(), Some(cls), &meta);
        }
    }
    if let Some(v) = td.lookup(cls, name) {
        return match v.kind() {
            Kind::Function | Kind::NativeFunction | Kind::Property => Ok(v),
            _ => descr_get(vm, v, None, cls),
        };
    }
    if let Some(v) = special_attr(vm, cls, name)? {
        return Ok(v);
    }
    if let Some(m) = meta_attr {
        return descr_get(vm, m, Some(cls), &meta);
    }
    // Methods of `type` itself (mro, __subclasses__...).
    if let Some(m) = mtd.lookup(&meta, name) {
        return descr_get(vm, m, Some(cls), &meta);
    }
    Err(attribute_error(format!(
        "type object '{}' has no attribute '{}'",
        td.name(),
        as_str(name).unwrap_or("?")
    )))
}

/// Attributes every object (or every object of a kind) has without a dict
/// entry: `__class__`, `__dict__`, `__name__` of functions and classes, ...
fn special_attr(vm: &mut Vm, obj: &Value, name: &Value) -> PyResult<Option<Value>> {
    let Some(n) = as_str(name) else {
        return Ok(None);
    };
    if !n.starts_with("__") {
        return Ok(match (obj.kind(), n) {
            (Kind::Exception, "args") => {
                Some(obj.downcast::<ExceptionData>().expect("exc").args.get())
            }
            (Kind::Exception, "value") if is_stop_iteration(obj) => {
                let a = obj.downcast::<ExceptionData>().expect("exc").args.get();
                Some(
                    a.downcast::<types::TupleData>()
                        .and_then(|t| t.items().first().cloned())
                        .unwrap_or_else(types::none),
                )
            }
            (Kind::Exception, "code") if is_system_exit(obj) => {
                let a = obj.downcast::<ExceptionData>().expect("exc").args.get();
                let t = a.downcast::<types::TupleData>();
                Some(
                    match t.map(|t| t.items().to_vec()).unwrap_or_default().as_slice() {
                        [] => types::none(),
                        [x] => x.clone(),
                        _ => a.clone(),
                    },
                )
            }
            (Kind::Exception, "msg" | "filename" | "lineno" | "offset" | "text")
                if is_syntax_error(obj) =>
            {
                syntax_error_field(obj, n)
            }
            (Kind::Generator, "gi_running") => Some(types::bool_value(
                obj.downcast::<types::GeneratorData>()
                    .expect("gen")
                    .frame
                    .is_busy(),
            )),
            (Kind::Slice, "start") => Some(
                obj.downcast::<types::SliceData>()
                    .expect("slice")
                    .start
                    .clone(),
            ),
            (Kind::Slice, "stop") => Some(
                obj.downcast::<types::SliceData>()
                    .expect("slice")
                    .stop
                    .clone(),
            ),
            (Kind::Slice, "step") => Some(
                obj.downcast::<types::SliceData>()
                    .expect("slice")
                    .step
                    .clone(),
            ),
            (Kind::Int | Kind::Bool, "real") | (Kind::Int | Kind::Bool, "numerator") => {
                Some(crate::types::bigint::new_bigint(
                    crate::types::bigint::to_bigint(obj).unwrap_or_default(),
                ))
            }
            (Kind::Int | Kind::Bool, "imag") => Some(Value::small(0)),
            (Kind::Int | Kind::Bool, "denominator") => Some(Value::small(1)),
            (Kind::Float, "real") => Some(obj.clone()),
            (Kind::Complex, "real") => Some(types::new_float(
                obj.downcast::<types::ComplexData>().expect("c").re,
            )),
            (Kind::Complex, "imag") => Some(types::new_float(
                obj.downcast::<types::ComplexData>().expect("c").im,
            )),
            (Kind::Float, "imag") => Some(types::new_float(0.0)),
            (Kind::Range, "start") => Some(types::new_int(
                obj.downcast::<types::RangeData>().expect("range").start,
            )),
            (Kind::Range, "stop") => Some(types::new_int(
                obj.downcast::<types::RangeData>().expect("range").stop,
            )),
            (Kind::Range, "step") => Some(types::new_int(
                obj.downcast::<types::RangeData>().expect("range").step,
            )),
            (Kind::Property, "fget") => Some(obj.downcast::<PropertyData>().expect("p").fget.get()),
            (Kind::Property, "fset") => Some(obj.downcast::<PropertyData>().expect("p").fset.get()),
            (Kind::Property, "fdel") => Some(obj.downcast::<PropertyData>().expect("p").fdel.get()),
            _ => None,
        });
    }
    let v = match (obj.kind(), n) {
        (_, "__class__") => type_of(obj),
        (_, "__weakref__") => {
            // A class's instances that may be weakly referenced (CPython's
            // `__weakref__` getset): the head of the object's list.
            let ty = type_of(obj);
            let td = ty.downcast::<TypeData>().expect("type");
            if !td.is_mutable_type() || !td.has_flag(typeobj::WEAKREFABLE) {
                return Ok(None);
            }
            crate::object::weakref_table::refs(obj)
                .into_iter()
                .next()
                .unwrap_or_else(types::none)
        }
        (_, "__dict__") => match obj.kind() {
            Kind::Type => {
                let td = obj.downcast::<TypeData>().expect("type");
                let d = types::new_dict();
                for (k, v) in td.dict().items() {
                    super::protocol::dict_set(vm, &d, k, v)?;
                }
                d
            }
            _ => match instance_dict(obj, true) {
                Some(d) => d,
                None => return Ok(None),
            },
        },
        (Kind::Type, "__name__") => {
            types::new_str(obj.downcast::<TypeData>().expect("type").name())
        }
        (Kind::Type, "__qualname__") => {
            types::new_str(obj.downcast::<TypeData>().expect("type").qualname.get())
        }
        (Kind::Type, "__mro__") => {
            let td = obj.downcast::<TypeData>().expect("type");
            types::new_tuple(td.mro(obj))
        }
        (Kind::Type, "__bases__") => {
            types::new_tuple(obj.downcast::<TypeData>().expect("type").bases.get())
        }
        (Kind::Type, "__base__") => obj
            .downcast::<TypeData>()
            .expect("type")
            .bases
            .get()
            .first()
            .cloned()
            .unwrap_or_else(types::none),
        (Kind::Type, "__doc__") => types::none(),
        (Kind::Type, "__module__") => types::intern("builtins"),
        (Kind::Function, "__name__") => obj.downcast::<FunctionData>().expect("f").name(),
        (Kind::Function, "__qualname__") => obj.downcast::<FunctionData>().expect("f").qualname(),
        (Kind::Function, "__doc__") => obj.downcast::<FunctionData>().expect("f").doc(),
        (Kind::Function, "__module__") => obj.downcast::<FunctionData>().expect("f").module(),
        (Kind::Function, "__defaults__") => obj
            .downcast::<FunctionData>()
            .expect("f")
            .defaults
            .get()
            .unwrap_or_else(types::none),
        (Kind::Function, "__kwdefaults__") => obj
            .downcast::<FunctionData>()
            .expect("f")
            .kwdefaults
            .get()
            .unwrap_or_else(types::none),
        (Kind::Function, "__annotations__") => obj
            .downcast::<FunctionData>()
            .expect("f")
            .annotations
            .get_or_create(true, types::new_dict)
            .expect("annotations"),
        (Kind::Function, "__code__") => obj.downcast::<FunctionData>().expect("f").code.clone(),
        (Kind::Function, "__globals__") => {
            obj.downcast::<FunctionData>().expect("f").globals.clone()
        }
        (Kind::Function, "__closure__") => obj
            .downcast::<FunctionData>()
            .expect("f")
            .closure
            .clone()
            .unwrap_or_else(types::none),
        (Kind::NativeFunction, "__name__") | (Kind::NativeFunction, "__qualname__") => {
            types::intern(
                obj.downcast::<types::NativeFunctionData>()
                    .expect("nf")
                    .name,
            )
        }
        (Kind::NativeFunction, "__doc__") => types::none(),
        (Kind::BoundMethod, "__self__") => obj
            .downcast::<types::BoundMethodData>()
            .expect("m")
            .self_
            .clone(),
        (Kind::BoundMethod, "__func__") => obj
            .downcast::<types::BoundMethodData>()
            .expect("m")
            .func
            .clone(),
        (Kind::BoundMethod, "__name__")
        | (Kind::BoundMethod, "__qualname__")
        | (Kind::BoundMethod, "__doc__") => {
            let f = obj
                .downcast::<types::BoundMethodData>()
                .expect("m")
                .func
                .clone();
            return Ok(Some(getattr(vm, &f, name)?));
        }
        (Kind::ClassMethod, "__func__") | (Kind::ClassMethod, "__wrapped__") => obj
            .downcast::<types::ClassMethodData>()
            .expect("cm")
            .func
            .clone(),
        (Kind::StaticMethod, "__func__") | (Kind::StaticMethod, "__wrapped__") => obj
            .downcast::<types::StaticMethodData>()
            .expect("sm")
            .func
            .clone(),
        (Kind::Module, "__name__") => {
            types::new_str(obj.downcast::<ModuleData>().expect("m").name.clone())
        }
        (Kind::Generator, "__name__") => obj
            .downcast::<types::GeneratorData>()
            .expect("g")
            .name
            .clone(),
        (Kind::Generator, "__qualname__") => obj
            .downcast::<types::GeneratorData>()
            .expect("g")
            .qualname
            .clone(),
        (Kind::Exception, "__traceback__") => {
            let tb = obj.downcast::<ExceptionData>().expect("e").traceback.get();
            crate::stdlib::builtins::traceback_object(&tb)
        }
        (Kind::Exception, "__cause__") => obj.downcast::<ExceptionData>().expect("e").cause.get(),
        (Kind::Exception, "__context__") => {
            obj.downcast::<ExceptionData>().expect("e").context.get()
        }
        (Kind::Exception, "__suppress_context__") => types::bool_value(
            obj.downcast::<ExceptionData>()
                .expect("e")
                .suppress_context
                .get(),
        ),
        (Kind::Property, "__doc__") => obj.downcast::<PropertyData>().expect("p").doc.get(),
        (Kind::Code, "co_name") => obj
            .downcast::<crate::compiler::code::CodeObject>()
            .expect("c")
            .name
            .clone(),
        (_, "__doc__") => types::none(),
        _ => return Ok(None),
    };
    Ok(Some(v))
}

fn is_stop_iteration(obj: &Value) -> bool {
    typeobj::is_subtype(&type_of(obj), types::exc_types().stop_iteration.v())
}

fn is_syntax_error(obj: &Value) -> bool {
    typeobj::is_subtype(&type_of(obj), types::exc_types().syntax_error.v())
}

/// `msg`, `filename`, `lineno`, `offset` or `text` of a SyntaxError, from
/// its arguments `(msg, (filename, lineno, offset, text, ...))`; None when
/// they do not have that shape (CPython's defaults).
fn syntax_error_field(obj: &Value, name: &str) -> Option<Value> {
    let args = obj.downcast::<ExceptionData>()?.args.get();
    let items = args.downcast::<types::TupleData>()?.items().to_vec();
    if name == "msg" {
        return Some(items.first().cloned().unwrap_or_else(types::none));
    }
    let at = ["filename", "lineno", "offset", "text"]
        .iter()
        .position(|f| *f == name)?;
    let details = items
        .get(1)
        .and_then(|d| d.downcast::<types::TupleData>().map(|t| t.items().to_vec()));
    Some(
        details
            .and_then(|d| d.get(at).cloned())
            .unwrap_or_else(types::none),
    )
}

fn is_system_exit(obj: &Value) -> bool {
    typeobj::is_subtype(&type_of(obj), types::exc_types().system_exit.v())
}

/// `obj.name = value`, honouring a user `__setattr__`.
pub fn setattr(vm: &mut Vm, obj: &Value, name: &Value, value: Value) -> PyResult<()> {
    if obj.kind() == Kind::Instance {
        let (ty, td) = type_data_of(obj);
        let custom = if td.custom_setattr() {
            td.lookup(ty, crate::name!("__setattr__"))
        } else {
            None
        };
        if let Some(sa) = custom {
            if sa.kind() == Kind::Function {
                let value = match super::local_attr::set(obj, name, value) {
                    Ok(()) => return Ok(()),
                    Err(value) => value,
                };
                call(vm, &sa, &[obj.clone(), name.clone(), value])?;
                return Ok(());
            }
        }
        if name.is(crate::name!("__dict__")) {
            return generic_setattr(vm, obj, name, value);
        }
        // Fast path: a slot with no class attribute of that name.
        if !td.slots.is_empty() {
            if let Some(i) = slot_index(td, name) {
                if td.lookup(ty, name).is_none() {
                    if let Some(inst) = obj.downcast::<InstanceData>() {
                        let old = inst.slots[i].replace(Some(value));
                        drop(old);
                        return Ok(());
                    }
                }
            }
        }
        // Fast path: no data descriptor and no slots: store in the dict.
        if td.slots.is_empty() && !td.has_flag(typeobj::NO_DICT) && td.has_flag(typeobj::HEAP_TYPE)
        {
            let descr = td.lookup(ty, name);
            if !descr
                .as_ref()
                .is_some_and(|d| matches!(d.kind(), Kind::Property | Kind::Instance))
            {
                if let Some(inst) = obj.downcast::<InstanceData>() {
                    let name = if name.header().is_some_and(|h| h.is_immortal()) {
                        name.clone()
                    } else {
                        types::intern_value(name)
                    };
                    // Into the existing dict without counting a reference
                    // to it (the slot's writer retires a replaced dict, and
                    // storing runs no Python code), else into a new one.
                    let mut pending = Some((name, value));
                    inst.dict.with_borrowed(|d| {
                        if let Some(dd) = d.and_then(|d| d.downcast::<DictData>()) {
                            let (name, value) = pending.take().expect("once");
                            dd.set_str(name, value);
                        }
                    });
                    if let Some((name, value)) = pending {
                        let dict = inst
                            .dict
                            .get_or_create(true, types::new_dict)
                            .expect("created");
                        dict.downcast::<DictData>()
                            .expect("dict")
                            .set_str(name, value);
                    }
                    return Ok(());
                }
            }
        }
    }
    generic_setattr(vm, obj, name, value)
}

/// `object.__setattr__`: descriptors, slots, then the instance dict.
pub fn generic_setattr(vm: &mut Vm, obj: &Value, name: &Value, value: Value) -> PyResult<()> {
    // Names from code are interned already (and immortal).
    let interned;
    let name = if name.header().is_some_and(|h| h.is_immortal()) {
        name
    } else {
        interned = types::intern_value(name);
        &interned
    };
    match obj.kind() {
        Kind::Type => {
            let td = obj.downcast::<TypeData>().expect("type");
            if !td.is_mutable_type() {
                return Err(immutable_type_error(name, td));
            }
            match as_str(name) {
                Some("__name__") => {
                    td.name.replace(as_str(&value).unwrap_or("?").to_string());
                }
                Some("__qualname__") => {
                    td.qualname
                        .replace(as_str(&value).unwrap_or("?").to_string());
                }
                _ => {
                    if as_str(name) == Some("__getattribute__") {
                        typeobj::note_custom_getattribute();
                    }
                    if as_str(name) == Some("__setattr__") {
                        typeobj::note_custom_setattr();
                    }
                    if as_str(name) == Some("__del__") {
                        typeobj::note_finalizer();
                    }
                    td.dict().set_str(name.clone(), value);
                }
            }
            typeobj::invalidate_caches();
            return Ok(());
        }
        Kind::Module => {
            obj.downcast::<ModuleData>()
                .expect("m")
                .dict
                .downcast::<DictData>()
                .expect("d")
                .set_str(name.clone(), value);
            return Ok(());
        }
        Kind::Exception => {
            if as_str(name) == Some("args") {
                let t = super::protocol::collect(vm, &value)?;
                obj.downcast::<ExceptionData>()
                    .expect("e")
                    .args
                    .replace(types::new_tuple(t));
                return Ok(());
            }
            if as_str(name) == Some("__cause__") {
                let e = obj.downcast::<ExceptionData>().expect("e");
                e.cause.replace(value);
                e.suppress_context.replace(true);
                return Ok(());
            }
            if as_str(name) == Some("__context__") {
                obj.downcast::<ExceptionData>()
                    .expect("e")
                    .context
                    .replace(value);
                return Ok(());
            }
        }
        Kind::Function => {
            if let Some(r) = set_function_attr(obj, name, value.clone()) {
                return r;
            }
        }
        _ => {}
    }
    let ty = type_of(obj);
    let td = ty.downcast::<TypeData>().expect("type");
    if let Some(d) = td.lookup(&ty, name) {
        match d.kind() {
            Kind::Property => {
                let p = d.downcast::<PropertyData>().expect("property");
                let s = p.fset.get();
                if types::is_none(&s) {
                    return Err(attribute_error(format!(
                        "property '{}' of '{}' object has no setter",
                        as_str(name).unwrap_or("?"),
                        td.name()
                    )));
                }
                call(vm, &s, &[obj.clone(), value])?;
                return Ok(());
            }
            Kind::Instance => {
                let dt = type_of(&d);
                let dtd = dt.downcast::<TypeData>().expect("type");
                if let Some(set) = dtd.lookup(&dt, crate::name!("__set__")) {
                    call(vm, &set, &[d.clone(), obj.clone(), value])?;
                    return Ok(());
                }
            }
            _ => {}
        }
    }
    if name.is(crate::name!("__dict__")) && !td.has_flag(typeobj::NO_DICT) {
        if let Some(inst) = obj.downcast::<InstanceData>() {
            // `obj.__dict__ = d` replaces the namespace itself.
            if value.kind() != Kind::Dict {
                return Err(type_error(format!(
                    "__dict__ must be set to a dictionary, not a '{}'",
                    type_name(&value)
                )));
            }
            drop(inst.dict.replace(Some(value)));
            return Ok(());
        }
    }
    if let Some(i) = slot_index(td, name) {
        if let Some(inst) = obj.downcast::<InstanceData>() {
            let old = inst.slots[i].replace(Some(value));
            drop(old);
            return Ok(());
        }
    }
    match instance_dict(obj, true) {
        Some(d) => {
            d.downcast::<DictData>()
                .expect("dict")
                .set_str(name.clone(), value);
            Ok(())
        }
        None => Err(attribute_error(format!(
            "'{}' object has no attribute '{}'",
            td.name(),
            as_str(name).unwrap_or("?")
        ))),
    }
}

/// CPython's error for setting or deleting an attribute of a built-in or
/// native type (shared by every thread, and never to be changed by one).
/// Native types outside `builtins` are named with their module, as
/// CPython's `tp_name` (`collections.deque`).
fn immutable_type_error(name: &Value, td: &TypeData) -> crate::types::PyErr {
    let module = td
        .dict()
        .get_str(crate::name!("__module__"))
        .and_then(|m| as_str(&m).map(str::to_string))
        .filter(|m| m != "builtins");
    let ty = match module {
        Some(m) => format!("{m}.{}", td.name()),
        None => td.name(),
    };
    type_error(format!(
        "cannot set '{}' attribute of immutable type '{ty}'",
        as_str(name).unwrap_or("?"),
    ))
}

/// `del obj.name`.
pub fn delattr(vm: &mut Vm, obj: &Value, name: &Value) -> PyResult<()> {
    let ty = type_of(obj);
    let td = ty.downcast::<TypeData>().expect("type");
    if obj.kind() == Kind::Instance {
        if let Some(da) = td.lookup(&ty, crate::name!("__delattr__")) {
            if da.kind() == Kind::Function {
                call(vm, &da, &[obj.clone(), name.clone()])?;
                return Ok(());
            }
        }
    }
    if obj.kind() == Kind::Type {
        let ctd = obj.downcast::<TypeData>().expect("type");
        if !ctd.is_mutable_type() {
            return Err(immutable_type_error(name, ctd));
        }
        if ctd.dict().remove_str(name).is_some() {
            typeobj::invalidate_caches();
            return Ok(());
        }
    } else {
        if let Some(d) = td.lookup(&ty, name) {
            if let Some(p) = d.downcast::<PropertyData>() {
                let del = p.fdel.get();
                if types::is_none(&del) {
                    return Err(attribute_error(format!(
                        "property '{}' of '{}' object has no deleter",
                        as_str(name).unwrap_or("?"),
                        td.name()
                    )));
                }
                call(vm, &del, std::slice::from_ref(obj))?;
                return Ok(());
            }
        }
        if let Some(i) = slot_index(td, name) {
            if let Some(inst) = obj.downcast::<InstanceData>() {
                if inst.slots[i].take().is_some() {
                    return Ok(());
                }
            }
        }
        if let Some(d) = instance_dict(obj, false) {
            if d.downcast::<DictData>()
                .and_then(|d| d.remove_str(name))
                .is_some()
            {
                return Ok(());
            }
        }
    }
    Err(attribute_error(if obj.kind() == Kind::Type {
        format!(
            "type object '{}' has no attribute '{}'",
            obj.downcast::<TypeData>().expect("t").name(),
            as_str(name).unwrap_or("?")
        )
    } else {
        format!(
            "'{}' object has no attribute '{}'",
            td.name(),
            as_str(name).unwrap_or("?")
        )
    }))
}

/// LOAD_METHOD: returns `(function, Some(receiver))` when the attribute is a
/// plain method found on the type (no bound-method object is created), else
/// `(attribute, None)`.
#[inline]
pub fn load_method(vm: &mut Vm, obj: Value, name: &Value) -> PyResult<(Value, Option<Value>)> {
    match obj.kind() {
        Kind::Type | Kind::Module | Kind::Super => {}
        _ => {
            let (ty, td) = type_data_of(&obj);
            if td.custom_getattribute() {
                let v = getattr(vm, &obj, name)?;
                return Ok((v, None));
            }
            if let Some(d) = td.lookup(ty, name) {
                if matches!(d.kind(), Kind::Function | Kind::NativeFunction) {
                    let shadowed = match obj.downcast::<InstanceData>() {
                        Some(inst) => own_attr(inst, name),
                        // Built-in containers (not a subclass) have no
                        // instance dict: nothing can shadow the method.
                        None if matches!(
                            obj.kind(),
                            Kind::List | Kind::Dict | Kind::Set | Kind::Tuple
                        ) && !td.has_flag(typeobj::HEAP_TYPE) =>
                        {
                            None
                        }
                        None => match instance_dict(&obj, false) {
                            Some(dict) => dict.downcast::<DictData>().and_then(|x| x.get_str(name)),
                            None => None,
                        },
                    };
                    return Ok(match shadowed {
                        Some(v) => (v, None),
                        None => (d, Some(obj)),
                    });
                }
            }
        }
    }
    let v = getattr(vm, &obj, name)?;
    Ok((v, None))
}

/// The Python function that `obj.name(...)` calls with `obj` as `self`,
/// when finding it runs no Python code: `obj` is an instance of a class
/// without a custom `__getattribute__`, `name` resolves on the type to a
/// plain function, and the instance's dict does not shadow it.
pub(crate) fn plain_method_of(obj: &Value, name: &Value) -> Option<Value> {
    let inst = obj.downcast::<InstanceData>()?;
    let (ty, td) = type_data_of(obj);
    if td.custom_getattribute() {
        return None;
    }
    let d = td.lookup(ty, name)?;
    if d.kind() != Kind::Function {
        return None;
    }
    let shadowed = inst
        .dict
        .with_borrowed(|dict| dict.and_then(|x| x.downcast::<DictData>()?.with_str(name, |_| ())));
    if shadowed.is_some() {
        return None;
    }
    Some(d)
}

/// `getattr` by Rust string.
pub fn getattr_str(vm: &mut Vm, obj: &Value, name: &str) -> PyResult<Value> {
    getattr(vm, obj, &types::intern(name))
}

/// `hasattr`-style lookup: Ok(None) when the attribute is missing.
pub fn getattr_opt(vm: &mut Vm, obj: &Value, name: &Value) -> PyResult<Option<Value>> {
    match getattr(vm, obj, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) => {
            if typeobj::is_subtype(&type_of(&e.0), types::exc_types().attribute_error.v()) {
                Ok(None)
            } else {
                Err(e)
            }
        }
    }
}

/// Looks up a special method on the type of `obj` (not the instance), as the
/// interpreter does for operators.
pub fn lookup_special_name(obj: &Value, name: &Value) -> Option<Value> {
    let ty = type_of(obj);
    let td = ty.downcast::<TypeData>()?;
    td.lookup(&ty, name)
}

/// [`lookup_special_name`] by a Rust string (interned through a per-thread
/// cache; code with a literal name uses `crate::name!` and the function
/// above).
pub fn lookup_special(obj: &Value, name: &str) -> Option<Value> {
    let ty = type_of(obj);
    let td = ty.downcast::<TypeData>()?;
    td.lookup(&ty, &intern_cached(name))
}

thread_local! {
    /// Interned names by the address and length of the Rust string that asked
    /// for them (dunder names passed as literals), verified by content.
    static NAME_CACHE: std::cell::RefCell<rustc_hash::FxHashMap<(usize, usize), Value>> =
        std::cell::RefCell::new(rustc_hash::FxHashMap::default());
}

/// `types::intern` with a per-thread cache that avoids the global intern lock
/// for names the runtime asks for repeatedly.
pub fn intern_cached(name: &str) -> Value {
    let key = (name.as_ptr() as usize, name.len());
    let hit = NAME_CACHE.with(|c| {
        c.borrow()
            .get(&key)
            .filter(|v| types::str::as_str(v) == Some(name))
            .cloned()
    });
    if let Some(v) = hit {
        return v;
    }
    let v = types::intern(name);
    NAME_CACHE.with(|c| c.borrow_mut().insert(key, v.clone()));
    v
}

/// Assigns one of a function's own attributes (`__name__`, `__defaults__`,
/// ...) with CPython's type checks; None if `name` is not one of them.
fn set_function_attr(obj: &Value, name: &Value, value: Value) -> Option<PyResult<()>> {
    let fd = obj.downcast::<FunctionData>()?;
    let is_str = matches!(value.kind(), Kind::Str);
    let none = types::is_none(&value);
    let (slot, ok, what) = match as_str(name)? {
        "__name__" => (&fd.name, is_str, "a string"),
        "__qualname__" => (&fd.qualname, is_str, "a string"),
        "__doc__" => (&fd.doc, true, ""),
        "__module__" => (&fd.module, true, ""),
        "__defaults__" => (&fd.defaults, none || value.kind() == Kind::Tuple, "a tuple"),
        "__kwdefaults__" => (&fd.kwdefaults, none || value.kind() == Kind::Dict, "a dict"),
        "__annotations__" => (
            &fd.annotations,
            none || value.kind() == Kind::Dict,
            "a dict",
        ),
        _ => return None,
    };
    if !ok {
        return Some(Err(type_error(format!(
            "{} must be set to {what} object",
            as_str(name).unwrap_or("?")
        ))));
    }
    let old = slot.replace(Some(value).filter(|v| !types::is_none(v)));
    drop(old);
    Some(Ok(()))
}
