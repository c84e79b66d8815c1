//! Helpers shared by the native modules `itertools`, `functools`,
//! `collections`, `io`, `array` and `struct`: creating native types whose
//! dunders the VM dispatches like a class's, reading and writing the Rust
//! state of their instances, and argument parsing.

use std::sync::OnceLock;

use crate::object::{alloc_immortal, Kind, Value};
use crate::types::exception::type_error;
use crate::types::methods::{Method, MethodKind};
use crate::types::misc::NativeState;
use crate::types::typeobj::{type_payload, BASE_TYPE, HEAP_TYPE, IMMUTABLE_TYPE};
use crate::types::{self, DictData, Kwargs, NativeFn, OpaqueData, PyResult, StaticValue};
use crate::vm::Vm;

/// Values held by native state that the cycle collector must see.
pub trait Refs {
    /// Visits every held reference.
    fn visit_refs(&self, f: &mut dyn FnMut(&Value));
    /// Drops every held reference (a plain value becomes `None`).
    fn drop_refs(&mut self);
}

impl Refs for Value {
    fn visit_refs(&self, f: &mut dyn FnMut(&Value)) {
        f(self)
    }
    fn drop_refs(&mut self) {
        *self = types::none();
    }
}

impl<T: Refs> Refs for Option<T> {
    fn visit_refs(&self, f: &mut dyn FnMut(&Value)) {
        if let Some(v) = self {
            v.visit_refs(f)
        }
    }
    fn drop_refs(&mut self) {
        *self = None;
    }
}

impl<T: Refs> Refs for Vec<T> {
    fn visit_refs(&self, f: &mut dyn FnMut(&Value)) {
        self.iter().for_each(|v| v.visit_refs(f))
    }
    fn drop_refs(&mut self) {
        self.clear();
    }
}

impl<T: Refs> Refs for std::collections::VecDeque<T> {
    fn visit_refs(&self, f: &mut dyn FnMut(&Value)) {
        self.iter().for_each(|v| v.visit_refs(f))
    }
    fn drop_refs(&mut self) {
        self.clear();
    }
}

/// Implements [`NativeState`] for a struct, reporting the listed fields (each
/// implementing [`Refs`]) to the cycle collector.
macro_rules! native_state {
    ($t:ty $(, $field:ident)* $(,)?) => {
        impl $crate::types::misc::NativeState for $t {
            #[allow(unused_variables)]
            fn traverse(&self, visit: &mut dyn FnMut(&$crate::object::Value)) {
                $( $crate::stdlib::collections::native_util::Refs::visit_refs(&self.$field, visit); )*
            }
            fn clear(&mut self) {
                $( $crate::stdlib::collections::native_util::Refs::drop_refs(&mut self.$field); )*
            }
            fn as_any(&self) -> &dyn std::any::Any {
                self
            }
            fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
                self
            }
        }
    };
}
pub(crate) use native_state;

/// Runs `f` on the state of `v` if it is a native object holding a `T`.
/// `f` must not call Python code.
#[inline]
pub fn with<T: 'static, R>(v: &Value, f: impl FnOnce(&mut T) -> R) -> Option<R> {
    v.downcast::<OpaqueData>()?.with(f)
}

/// Like [`with`], raising TypeError (naming `what`) when `v` holds no `T`.
#[inline]
pub fn with_or<T: 'static, R>(v: &Value, what: &str, f: impl FnOnce(&mut T) -> R) -> PyResult<R> {
    with(v, f).ok_or_else(|| {
        type_error(format!(
            "descriptor requires a '{what}' object but received a '{}'",
            crate::vm::protocol::type_name(v)
        ))
    })
}

/// A new native object of type `ty` with state `s`.
pub fn new_obj<T: NativeState>(ty: &Value, s: T) -> Value {
    types::misc::new_opaque(ty, Box::new(s))
}

/// A StopIteration without a value.
pub fn stop() -> crate::types::PyErr {
    types::exception::stop_iteration(None)
}

/// Creates an immortal native type named `name` in module `module`. The VM
/// treats it like a class (operators, comparisons and `__repr__` on its type
/// are dispatched, `__repr__` and `__str__` natively); its instances carry
/// Rust state (see [`new_obj`]). `_vm` is unused: types are process-wide
/// and built without one.
pub fn new_type(
    vm: &mut Vm,
    name: &str,
    module: &str,
    methods: &[Method],
    new: Option<NativeFn>,
) -> Value {
    new_type_flags(vm, name, module, methods, new, 0)
}

/// [`new_type`] for a type whose instances may be weakly referenced
/// (CPython gives it a `tp_weaklistoffset`: `deque`, `partial`, `Struct`,
/// the `io` streams, `Random`, `array`).
pub fn new_weakrefable_type(
    vm: &mut Vm,
    name: &str,
    module: &str,
    methods: &[Method],
    new: Option<NativeFn>,
) -> Value {
    new_type_flags(
        vm,
        name,
        module,
        methods,
        new,
        crate::types::typeobj::WEAKREFABLE,
    )
}

/// [`new_type`] with `extra` type flags.
fn new_type_flags(
    _vm: &mut Vm,
    name: &str,
    module: &str,
    methods: &[Method],
    new: Option<NativeFn>,
    extra: u32,
) -> Value {
    let bt = types::builtin_types();
    let dict = alloc_immortal(bt.dict.as_ptr(), DictData::new());
    let d = dict.downcast::<DictData>().expect("dict");
    for m in methods {
        let f = crate::stdlib::native_fn(m.name, "native", m.func);
        let v = match m.kind {
            MethodKind::Instance => f,
            MethodKind::Class => {
                alloc_immortal(bt.classmethod.as_ptr(), types::ClassMethodData { func: f })
            }
            MethodKind::Static => alloc_immortal(
                bt.staticmethod.as_ptr(),
                types::StaticMethodData { func: f },
            ),
        };
        d.set_str(types::intern(m.name), v);
    }
    if !methods.iter().any(|m| m.name == "__hash__") && methods.iter().any(|m| m.name == "__eq__") {
        d.set_str(types::intern("__hash__"), types::none());
    }
    d.set_str(types::intern("__module__"), types::intern(module));
    let short = name.rsplit('.').next().unwrap_or(name);
    alloc_immortal(
        bt.type_.as_ptr(),
        type_payload(
            short,
            vec![bt.object.get()],
            vec![bt.object.get()],
            dict,
            Kind::Opaque,
            new,
            HEAP_TYPE | BASE_TYPE | IMMUTABLE_TYPE | extra,
            vec![],
        ),
    )
}

/// Returns the type stored in `cell`, creating it with `make` on first use.
pub fn cached_type(
    cell: &'static OnceLock<StaticValue>,
    vm: &mut Vm,
    make: impl FnOnce(&mut Vm) -> Value,
) -> Value {
    if let Some(t) = cell.get() {
        return t.get();
    }
    let t = make(vm);
    cell.get_or_init(|| StaticValue(t)).get()
}

/// Positional argument `i` or keyword `name` (the receiver or class is
/// argument 0 and not counted by `i`).
pub fn arg<'a>(args: &'a [Value], kw: &Kwargs<'a>, i: usize, name: &str) -> Option<&'a Value> {
    args.get(i + 1).or_else(|| kw.get(name))
}

/// Rejects keyword arguments other than `allowed`.
pub fn check_kw(fname: &str, kw: &Kwargs, allowed: &[&str]) -> PyResult<()> {
    for (k, _) in kw.iter() {
        if !allowed.contains(&k) {
            return Err(type_error(format!(
                "{fname}() got an unexpected keyword argument '{k}'"
            )));
        }
    }
    Ok(())
}

/// Checks the count of positional arguments after the receiver.
pub fn check_n(fname: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    let n = args.len().saturating_sub(1);
    if n < min || n > max {
        return Err(type_error(if min == max {
            format!(
                "{fname}() takes exactly {min} argument{} ({n} given)",
                if min == 1 { "" } else { "s" }
            )
        } else if n < min {
            format!(
                "{fname} expected at least {min} argument{}, got {n}",
                if min == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "{fname} expected at most {max} argument{}, got {n}",
                if max == 1 { "" } else { "s" }
            )
        }));
    }
    Ok(())
}

/// True if `v` is `None`.
#[inline]
pub fn is_none(v: &Value) -> bool {
    types::is_none(v)
}

/// Adds a read-only property `name` computed by `getter` to a native type
/// made by [`new_type`].
pub fn add_property(ty: &Value, name: &'static str, getter: NativeFn) {
    let bt = types::builtin_types();
    let f = crate::stdlib::native_fn(name, "native", getter);
    let p = alloc_immortal(
        bt.property.as_ptr(),
        types::PropertyData {
            fget: crate::object::PyCell::new(f),
            fset: crate::object::PyCell::new(types::none()),
            fdel: crate::object::PyCell::new(types::none()),
            doc: crate::object::PyCell::new(types::none()),
        },
    );
    if let Some(td) = ty.downcast::<types::TypeData>() {
        td.dict().set_str(types::intern(name), p);
    }
}
