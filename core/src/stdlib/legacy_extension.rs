//! `_legacy_extension`: a teaching stand-in for a C extension module built
//! before free threading.
//!
//! CPython's free-threaded build turns the GIL back on when it imports an
//! extension module that does not declare `Py_MOD_GIL_NOT_USED`, and warns
//! (Python/import.c, `_PyImport_CheckGILForModule`); `PYTHON_GIL=0` keeps it
//! off. Importing this module does the same in `--mode nogil`: the world is
//! stopped, the GIL is switched on, a RuntimeWarning is printed, and from then
//! on `sys._is_gil_enabled()` is true. `--gil 0` keeps the GIL off.

use crate::stdlib::{add_functions, set_attr};
use crate::types::{self, Kwargs, PyResult};
use crate::vm::Vm;
use crate::Value;

/// Creates the module, switching the GIL on if the process runs without it.
pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let hooks = crate::vm::thread_hooks();
    let switched_on = match hooks {
        Some(h) => crate::gil::enable_for_module(h.stop_the_world),
        None => false,
    };
    if switched_on {
        vm.write_stderr(
            "<gilgamesh import>: RuntimeWarning: The global interpreter lock (GIL) has been \
             enabled to load module '_legacy_extension', which has not declared that it can \
             run safely without the GIL. To override this behavior and keep the GIL disabled \
             (at your own risk), run with --gil 0.\n",
        );
    }
    let m = crate::vm::import::new_module("_legacy_extension");
    set_attr(&m, "gil_not_used", types::bool_value(false));
    add_functions(&m, "_legacy_extension", &[("needs_gil", needs_gil)]);
    Ok(m)
}

/// `_legacy_extension.needs_gil()`: True (the module's declaration).
fn needs_gil(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("needs_gil", args, 0, 0)?;
    Ok(types::bool_value(true))
}
