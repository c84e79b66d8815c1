//! The `types` module: embedded Python (`py/types.py`) naming the built-in
//! types that builtins does not (`ModuleType`, `FunctionType`, ...), and
//! `SimpleNamespace`.

use crate::object::Value;
use crate::types::PyResult;
use crate::vm::Vm;

/// Creates the `types` module.
pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    super::exec_embedded(vm, "types", include_str!("py/types.py"))
}
