//! Class creation: `__build_class__` (the `class` statement) and the
//! three-argument `type()`.

use super::call::{call_value, function_frame};
use super::Vm;
use crate::object::{alloc, Kind, Value};
use crate::types::exception::type_error;
use crate::types::typeobj::{self, TypeData};
use crate::types::{self, str::as_str, DictData, Kwargs, PyResult, TupleData};

/// `__build_class__(func, name, *bases, **kwds)`.
pub fn build_class(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    if args.len() < 2 {
        return Err(type_error("__build_class__: not enough arguments"));
    }
    let func = &args[0];
    let name = &args[1];
    let bases = types::new_tuple(args[2..].to_vec());
    let mut meta = types::builtin_types().type_.get();
    let mut names = Vec::new();
    let mut values = Vec::new();
    for (i, (k, v)) in kw.iter().enumerate() {
        if k == "metaclass" {
            meta = v.clone();
        } else {
            names.push(kw.names[i].clone());
            values.push(v.clone());
        }
    }
    let class_kw = Kwargs {
        names: &names,
        values: &values,
    };
    // The metaclass of the most derived base wins.
    for b in &args[2..] {
        let bt = super::protocol::type_of(b);
        if typeobj::is_subtype(&bt, &meta) {
            meta = bt;
        }
    }
    let ns = types::new_dict();
    let mut frame = function_frame(vm, func, None, &[], &[])?;
    frame.locals_dict = Some(ns.clone());
    vm.run_frame(frame)?;
    let cls = if meta.is(types::builtin_types().type_.v()) {
        type_new_kw(vm, &meta, name, &bases, &ns, class_kw)?
    } else {
        call_value(
            vm,
            &meta,
            &[name.clone(), bases, ns.clone()],
            Kwargs::default(),
        )?
    };
    Ok(cls)
}

/// Creates a class object: `type(name, bases, ns)`.
pub fn type_new(
    vm: &mut Vm,
    meta: &Value,
    name: &Value,
    bases: &Value,
    ns: &Value,
) -> PyResult<Value> {
    type_new_kw(vm, meta, name, bases, ns, Kwargs::default())
}

/// `type(name, bases, ns)` with class keywords, which are passed on to
/// `__init_subclass__` (`class P(Base, name="x")`).
pub fn type_new_kw(
    vm: &mut Vm,
    meta: &Value,
    name: &Value,
    bases: &Value,
    ns: &Value,
    class_kw: Kwargs,
) -> PyResult<Value> {
    let name_s = as_str(name)
        .ok_or_else(|| type_error("type.__new__() argument 1 must be str"))?
        .to_string();
    let bt = types::builtin_types();
    let mut base_list: Vec<Value> = bases
        .downcast::<TupleData>()
        .map(|t| t.items().to_vec())
        .ok_or_else(|| type_error("type.__new__() argument 2 must be tuple"))?;
    let nsd = ns
        .downcast::<DictData>()
        .ok_or_else(|| type_error("type.__new__() argument 3 must be dict"))?;
    if base_list.is_empty() {
        base_list.push(bt.object.get());
    }
    let mut layout = Kind::Instance;
    let mut native_new = None;
    let mut flags = typeobj::HEAP_TYPE | typeobj::BASE_TYPE;
    for b in &base_list {
        let Some(btd) = b.downcast::<TypeData>() else {
            return Err(type_error(format!(
                "bases must be types, not '{}'",
                super::protocol::type_name(b)
            )));
        };
        // A native type without a constructor of its own (a lock, an
        // iterator) has no instance to give a subclass: not a base, as in
        // CPython.
        let native_without_new = btd.layout == Kind::Opaque && btd.native_new.is_none();
        if !btd.has_flag(typeobj::BASE_TYPE) || native_without_new {
            return Err(type_error(format!(
                "type '{}' is not an acceptable base type",
                btd.name()
            )));
        }
        if btd.layout != Kind::Instance {
            if layout != Kind::Instance && layout != btd.layout {
                return Err(type_error("multiple bases have instance lay-out conflict"));
            }
            layout = btd.layout;
            native_new = btd.native_new;
        }
        if btd.has_flag(typeobj::EXCEPTION_TYPE) {
            flags |= typeobj::EXCEPTION_TYPE;
        }
    }
    if !matches!(
        layout,
        Kind::Instance
            | Kind::Exception
            | Kind::List
            | Kind::Dict
            | Kind::Set
            | Kind::Tuple
            | Kind::Int
            | Kind::Str
            | Kind::Float
            | Kind::Bytes
            | Kind::Opaque
    ) {
        return Err(type_error(format!(
            "gilgamesh does not support subclassing built-in type '{}'",
            base_list
                .iter()
                .find_map(|b| b
                    .downcast::<TypeData>()
                    .filter(|t| t.layout == layout)
                    .map(|t| t.name()))
                .unwrap_or_default()
        )));
    }
    let Some(mro_rest) = typeobj::c3_mro(&base_list) else {
        let names: Vec<String> = base_list
            .iter()
            .map(|b| {
                b.downcast::<TypeData>()
                    .map(|t| t.name())
                    .unwrap_or_default()
            })
            .collect();
        return Err(type_error(format!(
            "Cannot create a consistent method resolution order (MRO) for bases {}",
            names.join(", ")
        )));
    };
    // Slots: inherited ones first, in MRO order from the root.
    let mut slots: Vec<Value> = Vec::new();
    let mut has_dict = false;
    for b in mro_rest.iter().rev() {
        let btd = b.downcast::<TypeData>().expect("type");
        for s in &btd.slots {
            if !slots.iter().any(|x| x.is(s)) {
                slots.push(s.clone());
            }
        }
        if btd.has_flag(typeobj::HEAP_TYPE) && !btd.has_flag(typeobj::NO_DICT) {
            has_dict = true;
        }
    }
    let dict = types::new_dict();
    let d = dict.downcast::<DictData>().expect("dict");
    let mut own_slots = None;
    for (k, v) in nsd.items() {
        if as_str(&k) == Some("__slots__") {
            own_slots = Some(v.clone());
        }
        if as_str(&k) == Some("__classcell__") || as_str(&k) == Some("__qualname__") {
            continue;
        }
        d.set_str(types::intern_value(&k), v);
    }
    let declares_slots = own_slots.is_some();
    let mut slots_weakref = false;
    if let Some(sv) = own_slots {
        let names = if sv.kind() == Kind::Str {
            vec![sv]
        } else {
            super::protocol::collect(vm, &sv)?
        };
        for n in names {
            let s = as_str(&n).ok_or_else(|| type_error("__slots__ items must be strings"))?;
            if s == "__dict__" {
                has_dict = true;
                continue;
            }
            if s == "__weakref__" {
                slots_weakref = true;
                continue;
            }
            let i = types::intern(s);
            if d.get_str(&i).is_some() {
                return Err(crate::types::exception::value_error(format!(
                    "'{s}' in __slots__ conflicts with class variable"
                )));
            }
            if !slots.iter().any(|x| x.is(&i)) {
                slots.push(i);
            }
        }
        if !has_dict {
            flags |= typeobj::NO_DICT;
        }
    }
    // Weak references (CPython's `type_new_slots`): inherited from any base
    // that has them; added unless `__slots__` leaves `__weakref__` out, or
    // the layout is variable-sized in CPython (int, tuple, bytes).
    let base_weak = mro_rest.iter().any(|b| {
        b.downcast::<TypeData>()
            .is_some_and(|t| t.has_flag(typeobj::WEAKREFABLE))
    });
    let may_add_weak = !matches!(layout, Kind::Int | Kind::Tuple | Kind::Bytes);
    if base_weak || (may_add_weak && (!declares_slots || slots_weakref)) {
        flags |= typeobj::WEAKREFABLE;
    }
    if d.get_str(crate::name!("__module__")).is_none() {
        d.set_str(
            crate::name!("__module__").clone(),
            crate::name!("__main__").clone(),
        );
    }
    let qualname = nsd
        .get_str(crate::name!("__qualname__"))
        .and_then(|q| as_str(&q).map(|s| s.to_string()))
        .unwrap_or_else(|| name_s.clone());
    // Defining __eq__ without __hash__ makes instances unhashable.
    if d.get_str(crate::name!("__eq__")).is_some() && d.get_str(crate::name!("__hash__")).is_none()
    {
        d.set_str(crate::name!("__hash__").clone(), types::none());
    }
    // Plain functions stored as __new__ are implicitly static methods, and
    // __init_subclass__ / __class_getitem__ implicitly class methods.
    if let Some(n) = d.get_str(crate::name!("__new__")) {
        if n.kind() == Kind::Function {
            d.set_str(
                crate::name!("__new__").clone(),
                alloc(bt.staticmethod.v(), types::StaticMethodData { func: n }),
            );
        }
    }
    // A Python `__getattribute__` or `__setattr__` here or on a base: the
    // attribute paths must call it (checked by flag, not by lookup).
    for (name, flag) in [
        (
            crate::name!("__getattribute__"),
            typeobj::CUSTOM_GETATTRIBUTE,
        ),
        (crate::name!("__setattr__"), typeobj::CUSTOM_SETATTR),
    ] {
        let own = d.get_str(name).is_some_and(|f| f.kind() == Kind::Function);
        let base = mro_rest
            .iter()
            .any(|b| b.downcast::<TypeData>().is_some_and(|t| t.has_flag(flag)));
        if own || base {
            flags |= flag;
        }
    }
    if d.get_str(crate::name!("__del__")).is_some() {
        typeobj::note_finalizer();
    }
    let payload = typeobj::type_payload(
        &name_s, base_list, mro_rest, dict, layout, native_new, flags, slots,
    );
    payload.qualname.replace(qualname);
    let cls = alloc(meta, payload);
    crate::object::deferred::mark(&cls);
    if let Some(d) = cls.downcast::<TypeData>() {
        crate::object::deferred::mark(&d.dict);
    }
    if let Some(cell) = nsd.get_str(crate::name!("__classcell__")) {
        if let Some(c) = cell.downcast::<types::CellData>() {
            c.value.replace(Some(cls.clone()));
        }
    }
    // __set_name__ on descriptors.
    let td = cls.downcast::<TypeData>().expect("type");
    for (k, v) in td.dict().items() {
        if v.kind() == Kind::Instance {
            if let Some(sn) = super::attr::lookup_special_name(&v, crate::name!("__set_name__")) {
                super::call::call(vm, &sn, &[v.clone(), cls.clone(), k])?;
            }
        }
    }
    // __init_subclass__ of the nearest base that defines one.
    let rest = td.mro_rest.get();
    for b in rest.iter() {
        let btd = b.downcast::<TypeData>().expect("type");
        if let Some(f) = btd.dict().get_str(crate::name!("__init_subclass__")) {
            let f = match f.downcast::<types::ClassMethodData>() {
                Some(c) => c.func.clone(),
                None => f,
            };
            if f.kind() == Kind::Function {
                super::call::call_value(vm, &f, std::slice::from_ref(&cls), class_kw)?;
            } else if !class_kw.is_empty() {
                return Err(type_error(format!(
                    "{}.__init_subclass__() takes no keyword arguments",
                    name_s
                )));
            }
            break;
        }
    }
    Ok(cls)
}
