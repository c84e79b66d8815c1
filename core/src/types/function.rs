//! Callables and descriptors: Python functions, bound methods, native
//! functions, closure cells, `property`, `classmethod` and `staticmethod`.

use super::{NativeFn, Traverse};
use crate::object::{PyCell, Value};

/// The payload of a Python function.
pub struct FunctionData {
    /// The code object (immortal).
    pub code: Value,
    /// The module globals (a dict).
    pub globals: Value,
    /// `__name__`.
    pub name: PyCell<Value>,
    /// `__qualname__`.
    pub qualname: PyCell<Value>,
    /// Positional defaults (a tuple) or None.
    pub defaults: PyCell<Option<Value>>,
    /// Keyword-only defaults (a dict) or None.
    pub kwdefaults: PyCell<Option<Value>>,
    /// Closure cells (a tuple of cells) or None.
    pub closure: Option<Value>,
    /// `__dict__`, created on first attribute store.
    pub dict: crate::object::value_slot::ValueSlot,
    /// `__doc__`.
    pub doc: PyCell<Value>,
    /// `__module__`.
    pub module: PyCell<Value>,
    /// `__annotations__` (a dict), created on first access when absent.
    pub annotations: PyCell<Option<Value>>,
}

impl FunctionData {
    /// The code object.
    #[inline(always)]
    pub fn code(&self) -> &crate::compiler::code::CodeObject {
        // SAFETY: `code` is always a code object (set by MAKE_FUNCTION).
        unsafe {
            self.code
                .downcast_unchecked::<crate::compiler::code::CodeObject>()
        }
    }
}

impl Traverse for FunctionData {
    const TRACKED: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.globals);
        self.name.with(|v| visit(v));
        self.qualname.with(|v| visit(v));
        self.defaults.with(|v| v.iter().for_each(&mut *visit));
        self.kwdefaults.with(|v| v.iter().for_each(&mut *visit));
        if let Some(c) = &self.closure {
            visit(c);
        }
        self.dict.visit(visit);
        self.doc.with(|v| visit(v));
        self.module.with(|v| visit(v));
        self.annotations.with(|v| v.iter().for_each(&mut *visit));
    }
    fn clear(&self) {
        let a = self.defaults.take();
        let b = self.kwdefaults.take();
        let c = self.dict.take();
        let d = self.doc.replace(super::none());
        let e = self.module.replace(super::none());
        let g = self.annotations.take();
        drop((a, b, c, d, e, g));
        // `globals` and `closure` are immutable fields; cycles through them are
        // broken by clearing the dict / cells they point to.
    }
}

/// A function bound to its receiver.
pub struct BoundMethodData {
    /// The function (Python or native).
    pub func: Value,
    /// The receiver passed as the first argument.
    pub self_: Value,
}

impl Traverse for BoundMethodData {
    const TRACKED: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.func);
        visit(&self.self_);
    }
}

/// A function implemented in Rust.
pub struct NativeFunctionData {
    /// `__name__`.
    pub name: &'static str,
    /// The implementation.
    pub func: NativeFn,
    /// Name of the owning type or module (for `__qualname__` and errors).
    pub owner: &'static str,
}

impl Traverse for NativeFunctionData {}

/// A closure cell.
pub struct CellData {
    /// The contents; None while unbound.
    pub value: PyCell<Option<Value>>,
}

impl Traverse for CellData {
    const TRACKED: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.value.with(|v| v.iter().for_each(&mut *visit));
    }
    fn clear(&self) {
        let old = self.value.take();
        drop(old);
    }
}

/// The payload of `property`.
pub struct PropertyData {
    /// Getter or None.
    pub fget: PyCell<Value>,
    /// Setter or None.
    pub fset: PyCell<Value>,
    /// Deleter or None.
    pub fdel: PyCell<Value>,
    /// Docstring or None.
    pub doc: PyCell<Value>,
}

impl Traverse for PropertyData {
    const TRACKED: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.fget.with(|v| visit(v));
        self.fset.with(|v| visit(v));
        self.fdel.with(|v| visit(v));
        self.doc.with(|v| visit(v));
    }
    fn clear(&self) {
        let a = self.fget.replace(super::none());
        let b = self.fset.replace(super::none());
        let c = self.fdel.replace(super::none());
        drop((a, b, c));
    }
}

/// The payload of `classmethod`.
pub struct ClassMethodData {
    /// The wrapped callable.
    pub func: Value,
}

impl Traverse for ClassMethodData {
    const TRACKED: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.func);
    }
}

/// The payload of `staticmethod`.
pub struct StaticMethodData {
    /// The wrapped callable.
    pub func: Value,
}

impl Traverse for StaticMethodData {
    const TRACKED: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.func);
    }
}
