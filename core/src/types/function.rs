//! Callables and descriptors: Python functions, bound methods, native
//! functions, closure cells, `property`, `classmethod` and `staticmethod`.

use super::{NativeFn, Traverse};
use crate::object::value_slot::ValueSlot;
use crate::object::{PyCell, Value};

/// The payload of a Python function.
///
/// The fields that Python code may reassign (`__name__`, `__defaults__`,
/// ...) are [`ValueSlot`]s, read without a lock: every thread that calls a
/// shared function reads its defaults, and every generator it creates reads
/// its names, so a per-object lock here would make all those threads write
/// the function's cache line (CPython reads these fields without a lock too).
pub struct FunctionData {
    /// The code object (immortal).
    pub code: Value,
    /// The module globals (a dict).
    pub globals: Value,
    /// `__name__` (a str; always set).
    pub name: ValueSlot,
    /// `__qualname__` (a str; always set).
    pub qualname: ValueSlot,
    /// Positional defaults (a tuple), or empty for None.
    pub defaults: ValueSlot,
    /// Keyword-only defaults (a dict), or empty for None.
    pub kwdefaults: ValueSlot,
    /// Closure cells (a tuple of cells) or None.
    pub closure: Option<Value>,
    /// `__dict__`, created on first attribute store.
    pub dict: ValueSlot,
    /// `__doc__` (empty for None).
    pub doc: ValueSlot,
    /// `__module__` (empty for None).
    pub module: ValueSlot,
    /// `__annotations__` (a dict), created on first access when absent.
    pub annotations: ValueSlot,
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

    /// `__name__`.
    pub fn name(&self) -> Value {
        self.name.get().unwrap_or_else(super::none)
    }

    /// `__qualname__`.
    pub fn qualname(&self) -> Value {
        self.qualname.get().unwrap_or_else(super::none)
    }

    /// `__doc__`.
    pub fn doc(&self) -> Value {
        self.doc.get().unwrap_or_else(super::none)
    }

    /// `__module__`.
    pub fn module(&self) -> Value {
        self.module.get().unwrap_or_else(super::none)
    }
}

impl Traverse for FunctionData {
    const TRACKED: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.globals);
        self.name.visit(visit);
        self.qualname.visit(visit);
        self.defaults.visit(visit);
        self.kwdefaults.visit(visit);
        if let Some(c) = &self.closure {
            visit(c);
        }
        self.dict.visit(visit);
        self.doc.visit(visit);
        self.module.visit(visit);
        self.annotations.visit(visit);
    }
    fn clear(&self) {
        let a = self.defaults.take();
        let b = self.kwdefaults.take();
        let c = self.dict.take();
        let d = self.doc.take();
        let e = self.module.take();
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
    /// The contents; None while unbound. Read without a lock (LOAD_DEREF in
    /// a closure that threads share, `x + i` of a loop's closures), replaced
    /// with one atomic swap, the old value retired for lock-free readers.
    pub value: ValueSlot,
}

impl Traverse for CellData {
    const TRACKED: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.value.visit(visit);
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
