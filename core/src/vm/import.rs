//! `import`: native modules, the user's `.py` files and packages found on
//! `sys.path`, relative imports, and `sys.modules` caching.

use super::Vm;
use crate::object::{alloc, Kind, Value};
use crate::types::exception::{self as exc, import_error};
use crate::types::{self, str::as_str, DictData, ModuleData, PyErr, PyResult};

/// A new, empty module object.
pub fn new_module(name: &str) -> Value {
    let dict = types::new_dict();
    let d = dict.downcast::<DictData>().expect("dict");
    d.set_str(types::intern("__name__"), types::intern(name));
    d.set_str(types::intern("__doc__"), types::none());
    d.set_str(types::intern("__package__"), types::none());
    crate::object::deferred::mark(&dict);
    let m = alloc(
        types::builtin_types().module.v(),
        ModuleData {
            dict,
            name: name.to_string(),
        },
    );
    crate::object::deferred::mark(&m);
    m
}

fn modules(vm: &Vm) -> &DictData {
    vm.modules.downcast::<DictData>().expect("sys.modules")
}

fn module_not_found(name: &str) -> PyErr {
    let e = exc::module_not_found_error(format!("No module named '{name}'"));
    if let Some(d) = exc::exc_data(&e.0) {
        d.dict.replace(Some(types::new_dict()));
        if let Some(dd) = d.dict.get() {
            dd.downcast::<DictData>()
                .expect("d")
                .set_str(types::intern("name"), types::new_str(name));
        }
    }
    e
}

fn resolve_relative(vm: &mut Vm, name: &str, level: i64, globals: &Value) -> PyResult<String> {
    let _ = vm;
    if level == 0 {
        return Ok(name.to_string());
    }
    let g = globals.downcast::<DictData>().expect("globals");
    let package = g
        .get_str(&types::intern("__package__"))
        .and_then(|p| as_str(&p).map(|s| s.to_string()))
        .filter(|s| !s.is_empty())
        .or_else(|| {
            let n = g
                .get_str(&types::intern("__name__"))
                .and_then(|p| as_str(&p).map(|s| s.to_string()))?;
            let is_pkg = g.get_str(&types::intern("__path__")).is_some();
            if is_pkg {
                Some(n)
            } else {
                n.rsplit_once('.').map(|(a, _)| a.to_string())
            }
        });
    let Some(package) = package else {
        return Err(import_error(
            "attempted relative import with no known parent package",
        ));
    };
    let mut parts: Vec<&str> = package.split('.').collect();
    for _ in 1..level {
        if parts.pop().is_none() {
            return Err(import_error(
                "attempted relative import beyond top-level package",
            ));
        }
    }
    if parts.is_empty() {
        return Err(import_error(
            "attempted relative import beyond top-level package",
        ));
    }
    let base = parts.join(".");
    Ok(if name.is_empty() {
        base
    } else {
        format!("{base}.{name}")
    })
}

/// IMPORT_NAME: imports `name` and returns the module (or, without a
/// fromlist, the top-level package).
pub fn import_name(
    vm: &mut Vm,
    name: &Value,
    fromlist: &Value,
    level: i64,
    globals: &Value,
) -> PyResult<Value> {
    let raw = as_str(name).unwrap_or("");
    let full = resolve_relative(vm, raw, level, globals)?;
    let m = import_module(vm, &full)?;
    let has_fromlist = !types::is_none(fromlist)
        && fromlist
            .downcast::<types::TupleData>()
            .is_some_and(|t| !t.is_empty());
    if has_fromlist {
        // `from pkg import submodule` imports the submodule if needed.
        if m.downcast::<ModuleData>().is_some_and(|md| {
            md.dict
                .downcast::<DictData>()
                .is_some_and(|d| d.get_str(&types::intern("__path__")).is_some())
        }) {
            for item in fromlist
                .downcast::<types::TupleData>()
                .expect("t")
                .items()
                .to_vec()
            {
                let n = as_str(&item).unwrap_or("");
                if n == "*" {
                    continue;
                }
                let has = m
                    .downcast::<ModuleData>()
                    .expect("m")
                    .dict
                    .downcast::<DictData>()
                    .expect("d")
                    .get_str(&item)
                    .is_some();
                if !has {
                    let sub = format!("{full}.{n}");
                    match import_module(vm, &sub) {
                        Ok(_) => {}
                        Err(e)
                            if super::protocol::is_instance(
                                &e.0,
                                types::exc_types().module_not_found_error.v(),
                            ) => {}
                        Err(e) => return Err(e),
                    }
                }
            }
        }
        return Ok(m);
    }
    if level > 0 {
        return Ok(m);
    }
    let top = full.split('.').next().unwrap_or(&full);
    match modules(vm).get_str(&types::intern(top)) {
        Some(t) => Ok(t),
        None => Ok(m),
    }
}

/// Imports a module by absolute dotted name.
pub fn import_module(vm: &mut Vm, full: &str) -> PyResult<Value> {
    if full.is_empty() {
        return Err(exc::value_error("Empty module name"));
    }
    if let Some(m) = modules(vm).get_str(&types::intern(full)) {
        return Ok(m);
    }
    let (parent, leaf) = match full.rsplit_once('.') {
        Some((p, l)) => (Some(p), l),
        None => (None, full),
    };
    let search: Vec<String> = match parent {
        Some(p) => {
            let pm = import_module(vm, p)?;
            // A native submodule of a native package (the installed
            // provider's `concurrent.interpreters`).
            if let Some(m) = crate::stdlib::provided_module(vm, full) {
                let m = m?;
                modules(vm).set_str(types::intern(full), m.clone());
                if let Some(pmd) = pm.downcast::<ModuleData>() {
                    if let Some(d) = pmd.dict.downcast::<DictData>() {
                        d.set_str(types::intern(leaf), m.clone());
                    }
                }
                return Ok(m);
            }
            let path = pm.downcast::<ModuleData>().and_then(|m| {
                m.dict
                    .downcast::<DictData>()
                    .and_then(|d| d.get_str(&types::intern("__path__")))
            });
            match path {
                Some(p) => super::iteration::collect(vm, &p)?
                    .iter()
                    .filter_map(|x| as_str(x).map(|s| s.to_string()))
                    .collect(),
                None => {
                    return Err(exc::module_not_found_error(format!(
                        "No module named '{full}'; '{p}' is not a package"
                    )))
                }
            }
        }
        None => {
            if let Some(m) = crate::stdlib::native_module(vm, full) {
                let m = m?;
                modules(vm).set_str(types::intern(full), m.clone());
                return Ok(m);
            }
            let sys_path = super::attr::getattr_str(vm, &vm.sys.clone(), "path")?;
            super::iteration::collect(vm, &sys_path)?
                .iter()
                .filter_map(|x| as_str(x).map(|s| s.to_string()))
                .collect()
        }
    };
    for dir in search {
        let base = if dir.is_empty() {
            std::path::PathBuf::from(".")
        } else {
            std::path::PathBuf::from(&dir)
        };
        let pkg_init = base.join(leaf).join("__init__.py");
        let file = base.join(format!("{leaf}.py"));
        if pkg_init.is_file() {
            let pkg_dir = base.join(leaf);
            return exec_module_file(vm, full, &pkg_init, Some(&pkg_dir));
        }
        if file.is_file() {
            return exec_module_file(vm, full, &file, None);
        }
    }
    Err(module_not_found(full))
}

fn exec_module_file(
    vm: &mut Vm,
    name: &str,
    path: &std::path::Path,
    pkg_dir: Option<&std::path::Path>,
) -> PyResult<Value> {
    let source = std::fs::read_to_string(path)
        .map_err(|e| import_error(format!("cannot read '{}': {e}", path.display())))?;
    let filename = path.to_string_lossy().to_string();
    let code = crate::compiler::compile_source(&source, &filename)
        .map_err(|e| crate::compiler::syntax_error_exception(&e))?;
    let m = new_module(name);
    let md = m.downcast::<ModuleData>().expect("module");
    let d = md.dict.downcast::<DictData>().expect("dict");
    d.set_str(types::intern("__file__"), types::new_str(filename.as_str()));
    d.set_str(types::intern("__builtins__"), vm.builtins.clone());
    match pkg_dir {
        Some(dir) => {
            d.set_str(
                types::intern("__path__"),
                types::new_list(vec![types::new_str(dir.to_string_lossy().to_string())]),
            );
            d.set_str(types::intern("__package__"), types::new_str(name));
        }
        None => {
            let pkg = name.rsplit_once('.').map(|(p, _)| p).unwrap_or("");
            d.set_str(types::intern("__package__"), types::new_str(pkg));
        }
    }
    modules(vm).set_str(types::intern(name), m.clone());
    if let Err(e) = vm.run_code(code, md.dict.clone()) {
        modules(vm).remove_str(&types::intern(name));
        return Err(e);
    }
    // Bind the submodule in its parent package.
    if let Some((parent, leaf)) = name.rsplit_once('.') {
        if let Some(pm) = modules(vm).get_str(&types::intern(parent)) {
            if let Some(pmd) = pm.downcast::<ModuleData>() {
                pmd.dict
                    .downcast::<DictData>()
                    .expect("d")
                    .set_str(types::intern(leaf), m.clone());
            }
        }
    }
    Ok(modules(vm).get_str(&types::intern(name)).unwrap_or(m))
}

/// IMPORT_FROM: an attribute of the module, or its submodule.
pub fn import_from(vm: &mut Vm, module: &Value, name: &Value) -> PyResult<Value> {
    if let Some(v) = super::attr::getattr_opt(vm, module, name)? {
        return Ok(v);
    }
    let n = as_str(name).unwrap_or("?");
    if let Some(md) = module.downcast::<ModuleData>() {
        let sub = format!("{}.{n}", md.name);
        if let Some(m) = modules(vm).get_str(&types::intern(&sub)) {
            return Ok(m);
        }
        let file = md
            .dict
            .downcast::<DictData>()
            .and_then(|d| d.get_str(&types::intern("__file__")))
            .and_then(|f| as_str(&f).map(|s| s.to_string()));
        return Err(import_error(match file {
            Some(f) => format!("cannot import name '{n}' from '{}' ({f})", md.name),
            None => format!(
                "cannot import name '{n}' from '{}' (unknown location)",
                md.name
            ),
        }));
    }
    Err(import_error(format!("cannot import name '{n}'")))
}

/// `from module import *`.
pub fn import_star(vm: &mut Vm, module: &Value, target: &Value) -> PyResult<()> {
    let Some(md) = module.downcast::<ModuleData>() else {
        return Err(exc::type_error("import * requires a module"));
    };
    let d = md.dict.downcast::<DictData>().expect("dict");
    let all = d.get_str(&types::intern("__all__"));
    let names: Vec<Value> = match all {
        Some(a) => super::iteration::collect(vm, &a)?,
        None => d
            .keys()
            .into_iter()
            .filter(|k| as_str(k).is_some_and(|s| !s.starts_with('_')))
            .collect(),
    };
    for n in names {
        let v = super::attr::getattr(vm, module, &types::intern_value(&n))?;
        if target.kind() == Kind::Dict {
            target
                .downcast::<DictData>()
                .expect("d")
                .set_str(types::intern_value(&n), v);
        }
    }
    Ok(())
}
