//! The `struct` module.

use crate::object::Value;
use crate::types::PyResult;
use crate::vm::Vm;

/// Creates the `struct` module.
pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let _ = vm;
    Ok(crate::vm::import::new_module("struct"))
}
