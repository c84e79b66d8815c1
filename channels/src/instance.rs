//! Instances of plain classes: how they cross by copy.
//!
//! PEP 734 copies an object that has no cross-interpreter form by pickling
//! it, and pickle's default for an instance of a class is "the class, named
//! by module and qualified name, plus a copy of the instance's `__dict__`"
//! (`copyreg.__reduce_ex__`, protocol 2). The receiver imports the module,
//! looks the class up by name, makes a bare instance (no `__init__`) and
//! gives it the copied `__dict__`. gilgamesh does the same through the wire
//! format, for the classes where that default is all pickle would do:
//!
//! - a class statement's class (a heap type whose instances are plain
//!   objects: a `__dict__`, `__slots__` or both, no built-in base other than
//!   `object`, metaclass `type`); as with pickle's `object.__getstate__`, the
//!   set slots travel by name beside the `__dict__`;
//! - defined at a module's top level or nested in classes (a qualified name
//!   without `<locals>`, which the receiver can look up);
//! - with no pickling hooks of its own along the MRO (`__reduce__`,
//!   `__reduce_ex__`, `__getstate__`, `__setstate__`, `__getnewargs__`,
//!   `__getnewargs_ex__`): the encoder runs no Python code, so a class that
//!   customises its pickling is refused rather than copied wrongly.
//!
//! As with pickle, the class itself does not travel: the receiving
//! interpreter must be able to import it (for `__main__`, it must define a
//! class of that name), and gets its own class object. Finding it runs Python
//! code (an import), so the decoder asks the interpreter layer through
//! [`Classes`].

use gilgamesh_core::object::Kind;
use gilgamesh_core::types::{self, str::as_str, typeobj, InstanceData, TypeData};
use gilgamesh_core::vm::protocol::type_of;
use gilgamesh_core::Value;

use crate::error::{DecodeError, Refusal};

/// The receiving interpreter's side of decoding instances: finding a class
/// by module and qualified name (which runs Python code: an import), and
/// choosing the object that stands for a restored instance. An error ends the
/// decoding; an interpreter layer that needs the Python exception keeps it
/// aside and returns [`DecodeError::Class`].
pub trait Classes {
    /// The class `qualname` of module `module`.
    fn resolve(&mut self, module: &str, qualname: &str) -> Result<Value, DecodeError>;

    /// The object that stands for `obj`, an instance just restored (by
    /// default `obj` itself; an interpreter layer may map a handle object,
    /// such as a queue, to its own canonical one).
    fn finish(&mut self, obj: Value) -> Result<Value, DecodeError> {
        Ok(obj)
    }
}

/// For decoders that cannot import: every instance is refused.
pub struct NoClasses;

impl Classes for NoClasses {
    fn resolve(&mut self, module: &str, qualname: &str) -> Result<Value, DecodeError> {
        Err(DecodeError::Class {
            module: module.into(),
            qualname: qualname.into(),
            why: "no interpreter to import the class in".into(),
        })
    }
}

/// Methods that customise pickling; a class defining one is not plain.
const PICKLING_HOOKS: [&str; 6] = [
    "__reduce__",
    "__reduce_ex__",
    "__getstate__",
    "__setstate__",
    "__getnewargs__",
    "__getnewargs_ex__",
];

/// A class's name on the wire: where the receiver looks it up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClassRef {
    /// `__module__`.
    pub module: String,
    /// `__qualname__`.
    pub qualname: String,
}

/// True for the type object of a class statement whose instances are plain
/// objects (see the module docs).
fn is_plain_class(ty: &Value) -> bool {
    let Some(td) = ty.downcast::<TypeData>() else {
        return false;
    };
    td.layout == Kind::Instance
        && td.has_flag(typeobj::HEAP_TYPE)
        && type_of(ty).is(types::builtin_types().type_.v())
}

/// How `v`'s class is named on the wire, if `v` is an instance of a plain
/// class; else why it cannot cross.
pub fn class_ref(v: &Value) -> Result<ClassRef, Refusal> {
    if v.kind() != Kind::Instance {
        return Err(Refusal::UnsupportedType);
    }
    let ty = type_of(v);
    if !is_plain_class(&ty) {
        return Err(Refusal::UnsupportedType);
    }
    let td = ty.downcast::<TypeData>().ok_or(Refusal::UnsupportedType)?;
    let object = types::builtin_types().object.v();
    for base in td.mro(&ty) {
        if base.is(object) {
            continue;
        }
        // Every other class on the MRO is a class statement's too: a native
        // base would hold state outside `__dict__`.
        let Some(bd) = base.downcast::<TypeData>() else {
            return Err(Refusal::UnsupportedType);
        };
        if !bd.has_flag(typeobj::HEAP_TYPE) {
            return Err(Refusal::UnsupportedType);
        }
        let dict = bd.dict();
        if PICKLING_HOOKS
            .iter()
            .any(|h| dict.get_str(&types::intern(h)).is_some())
        {
            return Err(Refusal::PicklingHooks);
        }
    }
    let module = td
        .dict()
        .get_str(&types::intern("__module__"))
        .and_then(|m| as_str(&m).map(str::to_string))
        .ok_or(Refusal::UnnamedClass)?;
    let qualname = td.qualname.get();
    if qualname.contains("<locals>") || qualname.is_empty() || module.is_empty() {
        return Err(Refusal::UnnamedClass);
    }
    Ok(ClassRef { module, qualname })
}

/// The instance `__dict__` of `v` (an instance of a plain class), if it has
/// one yet.
pub fn state(v: &Value) -> Option<Value> {
    v.downcast::<InstanceData>()?.dict.get()
}

/// The slots of `v` (an instance of a plain class) that are set, as (name,
/// value) pairs in declaration order.
pub fn slot_state(v: &Value) -> Vec<(Value, Value)> {
    let ty = type_of(v);
    let (Some(td), Some(inst)) = (ty.downcast::<TypeData>(), v.downcast::<InstanceData>()) else {
        return Vec::new();
    };
    td.slots
        .iter()
        .zip(inst.slots.iter())
        .filter_map(|(name, cell)| cell.get().map(|x| (name.clone(), x)))
        .collect()
}

fn class_error(r: &ClassRef, why: &str) -> DecodeError {
    DecodeError::Class {
        module: r.module.clone(),
        qualname: r.qualname.clone(),
        why: why.into(),
    }
}

/// A bare instance of `cls` (found by the receiver's [`Classes`] under
/// the name `r`), as pickle's `copyreg.__newobj__` makes it: no `__init__`.
pub fn new_bare(cls: &Value, r: &ClassRef) -> Result<Value, DecodeError> {
    if !is_plain_class(cls) {
        return Err(class_error(
            r,
            "the receiver's object of that name is not a plain class",
        ));
    }
    let td = cls
        .downcast::<TypeData>()
        .ok_or_else(|| class_error(r, "not a class"))?;
    Ok(gilgamesh_core::vm::call::new_instance(cls, td))
}

/// Gives the instance `obj` (made by [`new_bare`]) its copied state, as
/// pickle's default `__setstate__` does: `items` is its `__dict__` (or
/// `None`), then slot names and values alternating.
pub fn set_state(obj: &Value, r: &ClassRef, items: Vec<Value>) -> Result<(), DecodeError> {
    let ty = type_of(obj);
    let (Some(td), Some(inst)) = (ty.downcast::<TypeData>(), obj.downcast::<InstanceData>()) else {
        return Err(class_error(r, "not an instance"));
    };
    let mut it = items.into_iter();
    let state = it.next().unwrap_or_else(types::none);
    if !types::is_none(&state) {
        if !state.type_ptr().eq(&types::builtin_types().dict.as_ptr()) {
            return Err(class_error(r, "instance state is not a dict"));
        }
        if td.has_flag(typeobj::NO_DICT) {
            return Err(class_error(r, "the receiver's class has no __dict__"));
        }
        drop(inst.dict.replace(Some(state)));
    }
    while let (Some(name), Some(value)) = (it.next(), it.next()) {
        let wanted = as_str(&name).ok_or_else(|| class_error(r, "slot name is not a str"))?;
        let i = td
            .slots
            .iter()
            .position(|s| as_str(s) == Some(wanted))
            .ok_or_else(|| {
                class_error(r, &format!("the receiver's class has no slot {wanted:?}"))
            })?;
        drop(inst.slots[i].replace(Some(value)));
    }
    Ok(())
}
