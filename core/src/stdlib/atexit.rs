//! The `atexit` module: embedded Python (`py/atexit.py`) keeping the
//! registered handlers, and [`run_handlers`], which the program's shutdown
//! calls to run them.

use crate::object::Value;
use crate::types::{self, DictData, PyResult, TupleData};
use crate::vm::Vm;

/// Creates the `atexit` module.
pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    super::exec_embedded(vm, "atexit", include_str!("py/atexit.py"))
}

/// Runs the handlers registered with `atexit` (if the module was imported),
/// last registered first, reporting each failure on stderr as CPython does
/// ("Exception ignored in atexit callback: ..." and the traceback).
pub fn run_handlers(vm: &mut Vm) {
    let Some(module) = vm
        .modules
        .downcast::<DictData>()
        .and_then(|d| d.get_str(&types::intern("atexit")))
    else {
        return;
    };
    let Ok(handlers) = crate::vm::attr::getattr_str(vm, &module, "_handlers") else {
        return;
    };
    let Some(list) = handlers.downcast::<types::ListData>() else {
        return;
    };
    // One at a time off the end: a handler may register or unregister more.
    while let Some(entry) = list.with_items(|s| s.pop()) {
        let Some(parts) = entry.downcast::<TupleData>().map(|t| t.items().to_vec()) else {
            continue;
        };
        let [func, args, kwargs] = &parts[..] else {
            continue;
        };
        let pos = args
            .downcast::<TupleData>()
            .map(|t| t.items().to_vec())
            .unwrap_or_default();
        let items = kwargs
            .downcast::<DictData>()
            .map(|d| d.items())
            .unwrap_or_default();
        let names: Vec<Value> = items.iter().map(|(k, _)| types::intern_value(k)).collect();
        let values: Vec<Value> = items.into_iter().map(|(_, v)| v).collect();
        let r = crate::vm::call::call_value(
            vm,
            func,
            &pos,
            types::Kwargs {
                names: &names,
                values: &values,
            },
        );
        if let Err(e) = r {
            let what = crate::vm::protocol::repr_string(vm, func).unwrap_or_default();
            let text = crate::vm::traceback::format_exception(vm, &e.0);
            vm.write_stderr(&format!(
                "Exception ignored in atexit callback: {what}\n{text}"
            ));
        }
    }
}
