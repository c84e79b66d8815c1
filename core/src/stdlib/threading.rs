//! The `threading` module: embedded Python (core/src/stdlib/py/threading.py)
//! over `_thread`, plus a native helper that formats an exception's traceback
//! for `threading.excepthook`.

use super::set_attr;
use crate::object::Value;
use crate::types::{self, Kwargs, PyResult};
use crate::vm::Vm;

fn format_exc(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let e = crate::types::methods::arg(args, 0, "_format_exc")?;
    Ok(types::new_str(crate::vm::traceback::format_exception(
        vm, e,
    )))
}

/// Creates the `queue` module (embedded Python over `threading`).
pub fn make_queue_module(vm: &mut Vm) -> PyResult<Value> {
    super::exec_embedded(vm, "queue", include_str!("py/queue.py"))
}

/// Creates the `threading` module.
pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    // `_format_exc` must exist before the body runs (excepthook uses it).
    let m = super::exec_embedded_with(
        vm,
        "threading",
        include_str!("py/threading.py"),
        &[(
            "_format_exc",
            super::native_fn("_format_exc", "threading", format_exc),
        )],
    )?;
    set_attr(&m, "__name__", types::intern("threading"));
    Ok(m)
}
