//! The `copy` module: CPython's `Lib/copy.py` (shallow and deep copies with
//! memo, cycles, `__copy__`/`__deepcopy__` and the default reduce protocol),
//! run as embedded Python from `py/copy.py`.

use crate::object::Value;
use crate::types::PyResult;
use crate::vm::Vm;

/// Creates the `copy` module.
pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    super::exec_embedded(vm, "copy", include_str!("py/copy.py"))
}
