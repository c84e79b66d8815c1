//! Native modules. `builtins` and `sys` are created with every interpreter;
//! the others are created on first import.

pub mod array;
pub mod atexit;
pub mod bisect;
pub mod builtins;
pub mod collections;
pub mod copy;
pub mod functools;
pub mod gc;
pub mod heapq;
pub mod io;
pub mod itertools;
pub mod legacy_extension;
pub mod math;
pub mod operator;
pub mod random;
pub mod string;
pub mod struct_mod;
pub mod sys;
pub mod thread;
pub mod thread_lock;
pub mod threading;
pub mod time;
pub mod types_mod;
pub mod weakref;

use crate::object::{alloc_immortal, Value};
use crate::types::{self, DictData, NativeFn, NativeFunctionData, PyResult};
use crate::vm::Vm;

/// Native function objects made so far, by (name, owner, function).
type NativeFnTable =
    rustc_hash::FxHashMap<((usize, usize), (usize, usize), usize), types::StaticValue>;

static NATIVE_FNS: parking_lot::Mutex<Option<NativeFnTable>> = parking_lot::Mutex::new(None);

/// The native function object for `func` named `name` of `owner`: immortal
/// and made once per process (it holds no state, so every interpreter's
/// modules share it, and creating an interpreter allocates none).
pub fn native_fn(name: &'static str, owner: &'static str, func: NativeFn) -> Value {
    let key = (
        (name.as_ptr() as usize, name.len()),
        (owner.as_ptr() as usize, owner.len()),
        func as usize,
    );
    let mut table = NATIVE_FNS.lock();
    let table = table.get_or_insert_with(Default::default);
    if let Some(f) = table.get(&key) {
        return f.get();
    }
    let f = alloc_immortal(
        types::builtin_types().builtin_function.as_ptr(),
        NativeFunctionData { name, func, owner },
    );
    table.insert(key, types::StaticValue(f.clone()));
    f
}

/// Adds native functions to a module namespace.
pub fn add_functions(module: &Value, owner: &'static str, fns: &[(&'static str, NativeFn)]) {
    let d = module_dict(module);
    for (name, f) in fns {
        d.set_str(types::intern(name), native_fn(name, owner, *f));
    }
}

/// Sets a module attribute.
pub fn set_attr(module: &Value, name: &str, v: Value) {
    module_dict(module).set_str(types::intern(name), v);
}

/// The namespace of a module value.
pub fn module_dict(module: &Value) -> &DictData {
    module
        .downcast::<types::ModuleData>()
        .and_then(|m| m.dict.downcast::<DictData>())
        .expect("module")
}

/// Creates the native module `name`, if there is one.
pub fn native_module(vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
    let make: fn(&mut Vm) -> PyResult<Value> = match name {
        "math" => math::make_module,
        "time" => time::make_module,
        "random" => random::make_module,
        "string" => string::make_module,
        "operator" => operator::make_module,
        "bisect" => bisect::make_module,
        "heapq" => heapq::make_module,
        "copy" => copy::make_module,
        "itertools" => itertools::make_module,
        "functools" => functools::make_module,
        "collections" => collections::make_module,
        "io" => io::make_module,
        "array" => array::make_module,
        "struct" => struct_mod::make_module,
        "gc" => gc::make_module,
        "atexit" => atexit::make_module,
        "_thread" => thread::make_module,
        "_legacy_extension" => legacy_extension::make_module,
        "threading" => threading::make_module,
        "queue" => threading::make_queue_module,
        "types" => types_mod::make_module,
        "_weakref" => weakref::make_module,
        "weakref" => weakref::make_weakref_module,
        _ => return provided_module(vm, name),
    };
    Some(make(vm))
}

/// Makes the module `name` (a dotted name for a submodule), or `None` when
/// the provider has no such module.
pub type ModuleProvider = fn(&mut Vm, &str) -> Option<PyResult<Value>>;

static PROVIDER: std::sync::OnceLock<ModuleProvider> = std::sync::OnceLock::new();

/// Installs the provider of native modules that live outside the core (the
/// `subinterp` crate's `concurrent.interpreters`); once per process.
pub fn install_module_provider(p: ModuleProvider) {
    let _ = PROVIDER.set(p);
}

/// A module of the installed provider, if any.
pub fn provided_module(vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
    PROVIDER.get().and_then(|p| p(vm, name))
}

/// Runs embedded Python source as the body of a new module `name` (for parts
/// of the standard library that are simplest to write in Python).
pub fn exec_embedded(vm: &mut Vm, name: &str, source: &'static str) -> PyResult<Value> {
    exec_embedded_with(vm, name, source, &[])
}

/// Compiled embedded sources, by the address of their (static) text, so an
/// interpreter copies a code object instead of parsing and compiling the
/// source again (interpreter creation runs `sys`'s structs). Never run.
static EMBEDDED_CODE: parking_lot::Mutex<Vec<(usize, types::StaticValue)>> =
    parking_lot::Mutex::new(Vec::new());

/// An embedded module's code copy: the address of its source text (which
/// module it is) and the copy.
type CodeCopy = (usize, types::StaticValue);

/// Code copies run by each interpreter, by the address of its
/// `sys.modules` (see [`release_code_copies`]).
static COPIES_BY_INTERPRETER: parking_lot::Mutex<Vec<(usize, Vec<CodeCopy>)>> =
    parking_lot::Mutex::new(Vec::new());
/// Copies of closed interpreters, caches emptied, for the next ones: code
/// objects are immortal, so without reuse every interpreter that imports a
/// module would leave its copy behind.
static SPARE_COPIES: parking_lot::Mutex<Vec<CodeCopy>> = parking_lot::Mutex::new(Vec::new());

/// A code object of the embedded module `name` with text `source`, for the
/// interpreter whose `sys.modules` is `modules`: its own copy of the one
/// compiled the first time (`compiler::code::fresh_copy`), as interpreters
/// never share code objects; the original is never run, so its caches
/// hold nothing. A closed interpreter's copies are reused.
fn embedded_code(modules: &Value, name: &str, source: &'static str) -> PyResult<Value> {
    let key = source.as_ptr() as usize;
    let known = EMBEDDED_CODE
        .lock()
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, c)| c.get());
    let original = match known {
        Some(c) => c,
        None => {
            let filename = format!("<gilgamesh stdlib {name}>");
            let code = crate::compiler::compile_source(source, &filename)
                .map_err(|e| crate::compiler::syntax_error_exception(&e))?;
            EMBEDDED_CODE
                .lock()
                .push((key, types::StaticValue(code.clone())));
            code
        }
    };
    let spare = {
        let mut spares = SPARE_COPIES.lock();
        spares
            .iter()
            .position(|(k, _)| *k == key)
            .map(|i| spares.swap_remove(i).1.get())
    };
    let copy = spare.unwrap_or_else(|| crate::compiler::code::fresh_copy(&original));
    let mut all = COPIES_BY_INTERPRETER.lock();
    let owner = modules.bits();
    let entry = (key, types::StaticValue(copy.clone()));
    match all.iter_mut().find(|(m, _)| *m == owner) {
        Some((_, v)) => v.push(entry),
        None => all.push((owner, vec![entry])),
    }
    Ok(copy)
}

/// The interpreter whose `sys.modules` is `modules` is closing: the caches
/// of the embedded code copies it ran let go of its objects (see
/// `compiler::code::clear_caches`) and the copies serve the next
/// interpreters. Called with nothing of it running (a thread it started
/// that still ran would share a copy with a later interpreter: its caches
/// stay correct, being tagged by globals, but hold references across).
pub fn release_code_copies(modules: &Value) {
    let owner = modules.bits();
    let copies = {
        let mut all = COPIES_BY_INTERPRETER.lock();
        match all.iter().position(|(m, _)| *m == owner) {
            Some(i) => all.swap_remove(i).1,
            None => return,
        }
    };
    for (_, c) in &copies {
        crate::compiler::code::clear_caches(&c.get());
    }
    SPARE_COPIES.lock().extend(copies);
}

/// [`exec_embedded`] with names defined in the module before its body runs.
pub fn exec_embedded_with(
    vm: &mut Vm,
    name: &str,
    source: &'static str,
    pre: &[(&str, Value)],
) -> PyResult<Value> {
    let m = crate::vm::import::new_module(name);
    for (k, v) in pre {
        set_attr(&m, k, v.clone());
    }
    run_embedded_in(vm, &m, name, source)?;
    Ok(m)
}

/// Runs embedded Python source in the namespace of an existing (native)
/// `module`, as [`exec_embedded`] does for a new one (the compiled code is
/// shared the same way).
pub fn run_embedded_in(
    vm: &mut Vm,
    module: &Value,
    name: &str,
    source: &'static str,
) -> PyResult<()> {
    let code = embedded_code(&vm.modules, name, source)?;
    module_dict(module).set_str(types::intern("__builtins__"), vm.builtins.clone());
    let dict = module
        .downcast::<types::ModuleData>()
        .expect("module")
        .dict
        .clone();
    vm.run_code(code, dict)?;
    Ok(())
}

/// Creates an immortal native type (for objects with Rust state) whose base is
/// `object`.
pub fn make_native_type(
    name: &str,
    module: &str,
    methods: &[crate::types::methods::Method],
    new: Option<NativeFn>,
) -> Value {
    make_native_type_flags(name, module, methods, new, 0)
}

/// [`make_native_type`] with `extra` type flags (`WEAKREFABLE`).
pub fn make_native_type_flags(
    name: &str,
    module: &str,
    methods: &[crate::types::methods::Method],
    new: Option<NativeFn>,
    extra: u32,
) -> Value {
    use crate::object::Kind;
    use crate::types::methods::MethodKind;
    use crate::types::typeobj::{type_payload, BASE_TYPE};
    let bt = types::builtin_types();
    let dict = alloc_immortal(bt.dict.as_ptr(), DictData::new());
    let d = dict.downcast::<DictData>().expect("dict");
    for m in methods {
        let f = native_fn(m.name, "native", m.func);
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
    d.set_str(types::intern("__module__"), types::intern(module));
    alloc_immortal(
        bt.type_.as_ptr(),
        type_payload(
            name,
            vec![bt.object.get()],
            vec![bt.object.get()],
            dict,
            Kind::Opaque,
            new,
            BASE_TYPE | extra,
            vec![],
        ),
    )
}
