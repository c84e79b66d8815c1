//! `object`, `type`, `property`, `classmethod`, `staticmethod`, `super`,
//! `range` and `slice`.

use super::{arg, cm, m, nargs, no_kw, Method};
use crate::object::{alloc, Kind, PyCell, Value};
use crate::types::exception::{attribute_error, type_error, value_error};
use crate::types::typeobj::{self, TypeData};
use crate::types::{
    self, builtin_types, str::as_str, ClassMethodData, Kwargs, PropertyData, PyResult, RangeData,
    SliceData, StaticMethodData, SuperData,
};
use crate::vm::protocol::{type_name, type_of};
use crate::vm::Vm;

/// `NoneType()` returns the singleton.
pub fn none_new(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    if args.len() > 1 {
        return Err(type_error("NoneType takes no arguments"));
    }
    Ok(types::none())
}

/// `type.__new__(meta, name, bases, ns)`.
pub fn type_new(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("type.__new__", args, 2, 4)?;
    if args.len() == 2 {
        return Ok(type_of(&args[1]));
    }
    if args.len() != 4 {
        return Err(type_error("type() takes 1 or 3 arguments"));
    }
    crate::vm::class::type_new(vm, &args[0], &args[1], &args[2], &args[3])
}

fn object_init(_vm: &mut Vm, _args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::none())
}

fn object_new(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let cls = arg(args, 0, "object.__new__")?;
    let td = cls
        .downcast::<TypeData>()
        .ok_or_else(|| type_error("object.__new__(X): X is not a type object"))?;
    if td.layout == Kind::Exception {
        return Ok(alloc(
            cls,
            types::ExceptionData::new(types::new_tuple(args[1..].to_vec())),
        ));
    }
    Ok(crate::vm::call::new_instance(cls, td))
}

fn object_repr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let o = arg(args, 0, "__repr__")?;
    let ty = type_of(o);
    let td = ty.downcast::<TypeData>().expect("type");
    let module = td
        .dict()
        .get_str(crate::name!("__module__"))
        .and_then(|m| as_str(&m).map(|s| s.to_string()));
    let _ = vm;
    Ok(types::new_str(match module {
        Some(m) if m != "builtins" => {
            format!("<{m}.{} object at {:#x}>", td.qualname.get(), o.bits())
        }
        _ => format!("<{} object at {:#x}>", td.qualname.get(), o.bits()),
    }))
}

fn object_str(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::protocol::repr(vm, arg(args, 0, "__str__")?)
}

fn object_eq(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("__eq__", args, 2, 2)?;
    Ok(if args[0].is(&args[1]) {
        types::bool_value(true)
    } else {
        types::not_implemented()
    })
}

fn object_ne(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("__ne__", args, 2, 2)?;
    let r = crate::vm::ops::compare(vm, &args[0], &args[1], crate::compiler::opcodes::CmpOp::Eq)?;
    let t = crate::vm::protocol::truthy(vm, &r)?;
    Ok(types::bool_value(!t))
}

fn object_hash(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::new_int(
        (arg(args, 0, "__hash__")?.bits() >> 4) as i64,
    ))
}

fn object_setattr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("__setattr__", args, 3, 3)?;
    crate::vm::attr::generic_setattr(vm, &args[0], &args[1], args[2].clone())?;
    Ok(types::none())
}

fn object_delattr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("__delattr__", args, 2, 2)?;
    let name = types::intern_value(&args[1]);
    if let Some(d) = crate::vm::attr::instance_dict(&args[0], false) {
        if d.downcast::<types::DictData>()
            .and_then(|d| d.remove_str(&name))
            .is_some()
        {
            return Ok(types::none());
        }
    }
    let _ = vm;
    Err(attribute_error(format!(
        "'{}' object has no attribute '{}'",
        type_name(&args[0]),
        as_str(&name).unwrap_or("?")
    )))
}

fn object_getattribute(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("__getattribute__", args, 2, 2)?;
    let ty = type_of(&args[0]);
    let td = ty.downcast::<TypeData>().expect("type");
    let name = types::intern_value(&args[1]);
    if args[0].kind() == Kind::Type || args[0].kind() == Kind::Module {
        return crate::vm::attr::getattr(vm, &args[0], &name);
    }
    crate::vm::attr::generic_getattr(vm, &args[0], &name, &ty, td)
}

fn object_format(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("__format__", args, 2, 2)?;
    if as_str(&args[1]).is_some_and(|s| !s.is_empty()) {
        return Err(type_error(format!(
            "unsupported format string passed to {}.__format__",
            type_name(&args[0])
        )));
    }
    crate::vm::protocol::str(vm, &args[0])
}

fn object_init_subclass(_vm: &mut Vm, _args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    Ok(types::none())
}

fn object_dir(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let o = arg(args, 0, "__dir__")?;
    let mut names: Vec<String> = Vec::new();
    if let Some(d) = crate::vm::attr::instance_dict(o, false) {
        for k in d.downcast::<types::DictData>().expect("d").keys() {
            if let Some(s) = as_str(&k) {
                names.push(s.to_string());
            }
        }
    }
    let ty = if o.kind() == Kind::Type {
        o.clone()
    } else {
        type_of(o)
    };
    if let Some(td) = ty.downcast::<TypeData>() {
        for t in td.mro(&ty) {
            for k in t.downcast::<TypeData>().expect("t").dict().keys() {
                if let Some(s) = as_str(&k) {
                    names.push(s.to_string());
                }
            }
        }
    }
    names.sort();
    names.dedup();
    let _ = vm;
    Ok(types::new_list(
        names.into_iter().map(types::new_str).collect(),
    ))
}

/// Methods of `object`.
pub fn object_methods() -> Vec<Method> {
    vec![
        m("__init__", object_init),
        super::sm("__new__", object_new),
        m("__repr__", object_repr),
        m("__str__", object_str),
        m("__eq__", object_eq),
        m("__ne__", object_ne),
        m("__hash__", object_hash),
        m("__setattr__", object_setattr),
        m("__delattr__", object_delattr),
        m("__getattribute__", object_getattribute),
        m("__format__", object_format),
        cm("__init_subclass__", object_init_subclass),
        m("__dir__", object_dir),
    ]
}

fn type_mro(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let t = arg(args, 0, "mro")?;
    let td = t
        .downcast::<TypeData>()
        .ok_or_else(|| type_error("mro() needs a type"))?;
    Ok(types::new_list(td.mro(t)))
}

fn type_subclasscheck(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("__subclasscheck__", args, 2, 2)?;
    Ok(types::bool_value(typeobj::is_subtype(&args[1], &args[0])))
}

fn type_instancecheck(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("__instancecheck__", args, 2, 2)?;
    Ok(types::bool_value(crate::vm::protocol::is_instance(
        &args[1], &args[0],
    )))
}

/// Methods of `type`.
pub fn type_methods() -> Vec<Method> {
    vec![
        m("mro", type_mro),
        m("__subclasscheck__", type_subclasscheck),
        m("__instancecheck__", type_instancecheck),
    ]
}

/// `property(fget=None, fset=None, fdel=None, doc=None)`.
pub fn property_new(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let get = |i: usize, n: &str| {
        super::arg_or_kw(args, &kw, i, n)
            .cloned()
            .unwrap_or_else(types::none)
    };
    let fget = get(1, "fget");
    let mut doc = get(4, "doc");
    if types::is_none(&doc) {
        if let Some(f) = fget.downcast::<types::FunctionData>() {
            doc = f.doc();
        }
    }
    Ok(alloc(
        &args[0],
        PropertyData {
            fget: PyCell::new(fget),
            fset: PyCell::new(get(2, "fset")),
            fdel: PyCell::new(get(3, "fdel")),
            doc: PyCell::new(doc),
        },
    ))
}

fn property_copy(p: &Value, which: usize, f: Value) -> Value {
    let pd = p.downcast::<PropertyData>().expect("property");
    let (mut g, mut s, mut d) = (pd.fget.get(), pd.fset.get(), pd.fdel.get());
    match which {
        0 => g = f,
        1 => s = f,
        _ => d = f,
    }
    alloc(
        &type_of(p),
        PropertyData {
            fget: PyCell::new(g),
            fset: PyCell::new(s),
            fdel: PyCell::new(d),
            doc: PyCell::new(pd.doc.get()),
        },
    )
}

fn property_getter(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("getter", args, 2, 2)?;
    Ok(property_copy(&args[0], 0, args[1].clone()))
}
fn property_setter(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("setter", args, 2, 2)?;
    Ok(property_copy(&args[0], 1, args[1].clone()))
}
fn property_deleter(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("deleter", args, 2, 2)?;
    Ok(property_copy(&args[0], 2, args[1].clone()))
}
fn property_get(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("__get__", args, 2, 3)?;
    if types::is_none(&args[1]) {
        return Ok(args[0].clone());
    }
    let ty = type_of(&args[1]);
    crate::vm::attr::descr_get(vm, args[0].clone(), Some(&args[1]), &ty)
}

/// Methods of `property`.
pub fn property_methods() -> Vec<Method> {
    vec![
        m("getter", property_getter),
        m("setter", property_setter),
        m("deleter", property_deleter),
        m("__get__", property_get),
    ]
}

/// `classmethod(f)`.
pub fn classmethod_new(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw("classmethod", &kw)?;
    nargs("classmethod", args, 2, 2)?;
    Ok(alloc(
        &args[0],
        ClassMethodData {
            func: args[1].clone(),
        },
    ))
}

/// `staticmethod(f)`.
pub fn staticmethod_new(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw("staticmethod", &kw)?;
    nargs("staticmethod", args, 2, 2)?;
    Ok(alloc(
        &args[0],
        StaticMethodData {
            func: args[1].clone(),
        },
    ))
}

/// `super(type, obj)` (the compiler supplies both for the zero-argument form).
pub fn super_new(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    if args.len() != 3 {
        return Err(crate::types::exception::runtime_error(
            "super(): no arguments",
        ));
    }
    let this = args[1].clone();
    let obj = args[2].clone();
    if this.kind() != Kind::Type {
        return Err(type_error(format!(
            "super() argument 1 must be a type, not {}",
            type_name(&this)
        )));
    }
    let obj_type = if obj.kind() == Kind::Type && typeobj::is_subtype(&obj, &this) {
        obj.clone()
    } else {
        let t = type_of(&obj);
        if !typeobj::is_subtype(&t, &this) {
            return Err(type_error(
                "super(type, obj): obj must be an instance or subtype of type",
            ));
        }
        t
    };
    Ok(alloc(
        builtin_types().super_.v(),
        SuperData {
            this_class: this,
            obj,
            obj_type,
        },
    ))
}

/// Attribute lookup through a `super` object.
pub fn super_getattr(vm: &mut Vm, sup: &Value, name: &Value) -> PyResult<Value> {
    let s = sup.downcast::<SuperData>().expect("super");
    let td = s.obj_type.downcast::<TypeData>().expect("type");
    let mro = td.mro(&s.obj_type);
    let start = mro
        .iter()
        .position(|t| t.is(&s.this_class))
        .map(|i| i + 1)
        .unwrap_or(mro.len());
    for t in &mro[start..] {
        let ttd = t.downcast::<TypeData>().expect("type");
        if let Some(v) = ttd.dict().get_str(name) {
            let inst = if s.obj.is(&s.obj_type) {
                None
            } else {
                Some(&s.obj)
            };
            return crate::vm::attr::descr_get(vm, v, inst, &s.obj_type);
        }
    }
    if as_str(name) == Some("__class__") {
        return Ok(type_of(sup));
    }
    Err(attribute_error(format!(
        "'super' object has no attribute '{}'",
        as_str(name).unwrap_or("?")
    )))
}

fn int_arg(v: &Value) -> PyResult<i64> {
    crate::vm::protocol::index_value(v)
}

/// `range(stop)`, `range(start, stop[, step])`.
pub fn range_new(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw("range", &kw)?;
    let a = &args[1..];
    let (start, stop, step) = match a.len() {
        1 => (0, int_arg(&a[0])?, 1),
        2 => (int_arg(&a[0])?, int_arg(&a[1])?, 1),
        3 => (int_arg(&a[0])?, int_arg(&a[1])?, int_arg(&a[2])?),
        0 => return Err(type_error("range expected at least 1 argument, got 0")),
        n => {
            return Err(type_error(format!(
                "range expected at most 3 arguments, got {n}"
            )))
        }
    };
    if step == 0 {
        return Err(value_error("range() arg 3 must not be zero"));
    }
    Ok(alloc(
        builtin_types().range.v(),
        RangeData { start, stop, step },
    ))
}

fn range_index(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("index", args, 2, 2)?;
    let r = args[0].downcast::<RangeData>().expect("range");
    if crate::vm::containers::contains(vm, &args[0], &args[1])? {
        let i = types::bigint::to_i64(&args[1]).unwrap_or(0);
        return Ok(types::new_int((i - r.start) / r.step));
    }
    Err(value_error(format!(
        "{} is not in range",
        crate::vm::protocol::repr_string(vm, &args[1])?
    )))
}

fn range_count(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("count", args, 2, 2)?;
    Ok(Value::small(
        crate::vm::containers::contains(vm, &args[0], &args[1])? as i64,
    ))
}

/// Methods of `range`.
pub fn range_methods() -> Vec<Method> {
    vec![m("index", range_index), m("count", range_count)]
}

/// `types.MethodType(function, instance)`: a bound method.
pub fn method_new(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(type_error("method() takes no keyword arguments"));
    }
    let [_, func, this] = args else {
        return Err(type_error(format!(
            "method expected 2 arguments, got {}",
            args.len().saturating_sub(1)
        )));
    };
    if !crate::vm::protocol::is_callable(func) {
        return Err(type_error("first argument must be callable"));
    }
    if crate::types::is_none(this) {
        return Err(type_error("instance must not be None"));
    }
    Ok(crate::vm::call::bind_method(func.clone(), this.clone()))
}

/// `module(name, doc=None)` (`types.ModuleType`).
pub fn module_new(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let mut name = args.get(1).cloned();
    let mut doc = args.get(2).cloned();
    for (k, v) in kw.iter() {
        match k {
            "name" if name.is_none() => name = Some(v.clone()),
            "doc" if doc.is_none() => doc = Some(v.clone()),
            _ => {
                return Err(type_error(format!(
                    "module() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    if args.len() > 3 {
        return Err(type_error(format!(
            "module() takes at most 2 arguments ({} given)",
            args.len() - 1
        )));
    }
    let Some(name) = name else {
        return Err(type_error(
            "module() missing required argument 'name' (pos 1)",
        ));
    };
    let Some(n) = crate::types::str::as_str(&name) else {
        return Err(type_error(format!(
            "module.__init__() argument 'name' must be str, not {}",
            crate::vm::protocol::type_name(&name)
        )));
    };
    let m = crate::vm::import::new_module(n);
    if let Some(d) = doc {
        crate::stdlib::set_attr(&m, "__doc__", d);
    }
    Ok(m)
}

/// `slice(stop)`, `slice(start, stop[, step])`.
pub fn slice_new(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw("slice", &kw)?;
    let a = &args[1..];
    let n = types::none;
    let (start, stop, step) = match a.len() {
        1 => (n(), a[0].clone(), n()),
        2 => (a[0].clone(), a[1].clone(), n()),
        3 => (a[0].clone(), a[1].clone(), a[2].clone()),
        k => {
            return Err(type_error(format!(
                "slice expected at least 1 argument, got {k}"
            )))
        }
    };
    Ok(alloc(
        builtin_types().slice.v(),
        SliceData { start, stop, step },
    ))
}

fn slice_indices(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    nargs("indices", args, 2, 2)?;
    let s = args[0].downcast::<SliceData>().expect("slice");
    let len = int_arg(&args[1])?;
    let (a, b, c, _) = crate::vm::containers::slice_indices(vm, s, len)?;
    Ok(types::new_tuple(vec![
        types::new_int(a),
        types::new_int(b),
        types::new_int(c),
    ]))
}

/// Methods of `slice`.
pub fn slice_methods() -> Vec<Method> {
    vec![m("indices", slice_indices)]
}
