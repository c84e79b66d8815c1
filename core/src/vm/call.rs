//! Calls: binding arguments to parameters, building frames, calling any
//! callable value, and creating functions, generators and instances.

use super::frame::Frame;
use super::Vm;
use crate::compiler::code::{CodeObject, CO_VARARGS, CO_VARKEYWORDS};
use crate::object::cache_slot::Cached;
use crate::object::value_slot::ValueSlot;
use crate::object::{alloc, Kind, Value};
use crate::types::exception::type_error;
use crate::types::typeobj::{self, TypeData};
use crate::types::{
    self, str::as_str, BoundMethodData, CellData, DictData, FunctionData, GeneratorData, Kwargs,
    NativeFunctionData, PyErr, PyResult, TupleData,
};

/// Creates a function object (MAKE_FUNCTION).
pub fn make_function(
    globals: &Value,
    code: Value,
    defaults: Option<Value>,
    kwdefaults: Option<Value>,
    closure: Option<Value>,
) -> Value {
    let co = code.downcast::<CodeObject>().expect("code");
    let module = globals
        .downcast::<DictData>()
        .and_then(|d| d.get_str(crate::name!("__name__")));
    let name = co.name.clone();
    let qualname = co.qualname.clone();
    let doc = Some(co.doc.clone()).filter(|d| !types::is_none(d));
    // Built in place (`alloc_with`): the payload is eleven words.
    crate::object::alloc_with(types::builtin_types().function.v(), || FunctionData {
        name: ValueSlot::new(Some(name)),
        qualname: ValueSlot::new(Some(qualname)),
        doc: ValueSlot::new(doc),
        code,
        globals: globals.clone(),
        defaults: ValueSlot::new(defaults),
        kwdefaults: ValueSlot::new(kwdefaults),
        closure,
        dict: Default::default(),
        module: ValueSlot::new(module.filter(|m| !types::is_none(m))),
        annotations: ValueSlot::empty(),
    })
}

fn qualname(fd: &FunctionData) -> String {
    fd.qualname
        .with_borrowed(|q| q.and_then(as_str).unwrap_or("?").to_string())
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn name_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

/// Builds the frame for calling `func` with positional `args` (whose last
/// `kwnames.len()` entries are keyword values), optionally prefixed by a bound
/// receiver.
pub fn function_frame(
    vm: &mut Vm,
    func: &Value,
    bound: Option<Value>,
    args: &[Value],
    kwnames: &[Value],
) -> PyResult<Box<Frame>> {
    let fd = func.downcast::<FunctionData>().expect("function");
    let co = fd.code();
    let nkw = kwnames.len();
    let npos_args = args.len() - nkw;
    let npos = npos_args + bound.is_some() as usize;
    let argcount = co.argcount as usize;
    let kwonly = co.kwonlyargcount as usize;
    let mut f = vm.alloc_frame(&fd.code, &fd.globals);
    // Positional arguments only, any missing ones covered by defaults, and
    // possibly cells and free variables (closures): bound without the
    // general binder's temporary vectors.
    // Keyword-only parameters are covered when each has a default in
    // `__kwdefaults__` (up to eight of them, looked up once here).
    let mut kw_values: [Option<Value>; 8] = Default::default();
    let kwonly_covered = kwonly == 0
        || (nkw == 0
            && kwonly <= kw_values.len()
            && fd.kwdefaults.with_borrowed(|d| {
                let Some(d) = d.and_then(|d| d.downcast::<DictData>()) else {
                    return false;
                };
                let names = &co.varnames[argcount..argcount + kwonly];
                names.iter().zip(kw_values.iter_mut()).all(|(n, slot)| {
                    *slot = d.get_str(n);
                    slot.is_some()
                })
            }));
    if nkw == 0
        && npos <= argcount
        && co.flags & (CO_VARARGS | CO_VARKEYWORDS) == 0
        && kwonly_covered
    {
        let defaults = if npos < argcount {
            fd.defaults.get()
        } else {
            None
        };
        let items: &[Value] = defaults
            .as_ref()
            .and_then(|d| d.downcast::<TupleData>())
            .map_or(&[], |t| t.items());
        if argcount - npos <= items.len() {
            let mut i = 0;
            if let Some(b) = bound {
                f.locals[0] = Some(b);
                i = 1;
            }
            for a in &args[..npos_args] {
                f.locals[i] = Some(a.clone());
                i += 1;
            }
            let first_default = argcount - items.len();
            for j in npos..argcount {
                f.locals[j] = Some(items[j - first_default].clone());
            }
            for (j, v) in (argcount..argcount + kwonly).zip(kw_values.iter_mut()) {
                f.locals[j] = v.take();
            }
            if !co.simple_args {
                bind_cells(fd, co, &mut f);
            }
            return Ok(f);
        }
    }
    // Positional arguments filling the parameters and a `*args` that takes
    // the rest (`def __exit__(self, *exc)`), nothing else.
    if nkw == 0
        && npos >= argcount
        && co.flags & (CO_VARARGS | CO_VARKEYWORDS) == CO_VARARGS
        && kwonly == 0
    {
        let mut i = 0;
        let mut args = args.iter();
        if let Some(b) = bound {
            if argcount == 0 {
                // `self` itself goes into `*args`.
                let mut rest = Vec::with_capacity(npos);
                rest.push(b);
                rest.extend(args.cloned());
                f.locals[0] = Some(types::new_tuple(rest));
                if !co.cellvars.is_empty() || !co.freevars.is_empty() {
                    bind_cells(fd, co, &mut f);
                }
                return Ok(f);
            }
            f.locals[0] = Some(b);
            i = 1;
        }
        while i < argcount {
            f.locals[i] = args.next().cloned();
            i += 1;
        }
        f.locals[argcount] = Some(types::new_tuple(args.cloned().collect()));
        if !co.cellvars.is_empty() || !co.freevars.is_empty() {
            bind_cells(fd, co, &mut f);
        }
        return Ok(f);
    }
    let res = bind_slow(
        vm,
        fd,
        co,
        &mut f,
        bound,
        &args[..npos_args],
        kwnames,
        &args[npos_args..],
    );
    match res {
        Ok(()) => Ok(f),
        Err(e) => {
            vm.recycle_frame(f);
            Err(e)
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn bind_slow(
    _vm: &mut Vm,
    fd: &FunctionData,
    co: &CodeObject,
    f: &mut Frame,
    bound: Option<Value>,
    pos: &[Value],
    kwnames: &[Value],
    kwvalues: &[Value],
) -> PyResult<()> {
    let argcount = co.argcount as usize;
    let posonly = co.posonlyargcount as usize;
    let kwonly = co.kwonlyargcount as usize;
    let has_varargs = co.flags & CO_VARARGS != 0;
    let has_varkw = co.flags & CO_VARKEYWORDS != 0;
    let all_pos: Vec<Value> = bound.into_iter().chain(pos.iter().cloned()).collect();
    let n = all_pos.len();
    let mut extra = Vec::new();
    for (i, v) in all_pos.into_iter().enumerate() {
        if i < argcount {
            f.locals[i] = Some(v);
        } else {
            extra.push(v);
        }
    }
    if !extra.is_empty() && !has_varargs {
        let ndef = fd.defaults.with_borrowed(|d| {
            d.and_then(|t| t.downcast::<TupleData>().map(|t| t.len()))
                .unwrap_or(0)
        });
        let takes = if ndef > 0 {
            format!(
                "from {} to {} positional arguments",
                argcount - ndef,
                argcount
            )
        } else {
            plural(argcount, "positional argument")
        };
        let given = if n == 1 {
            "1 was given".to_string()
        } else {
            format!("{n} were given")
        };
        return Err(type_error(format!(
            "{}() takes {takes} but {given}",
            qualname(fd)
        )));
    }
    let varargs_slot = argcount + kwonly;
    if has_varargs {
        f.locals[varargs_slot] = Some(types::new_tuple(extra));
    }
    let varkw_slot = varargs_slot + has_varargs as usize;
    let kwdict = if has_varkw {
        let d = types::new_dict();
        f.locals[varkw_slot] = Some(d.clone());
        Some(d)
    } else {
        None
    };
    let mut posonly_as_kw = Vec::new();
    for (name, value) in kwnames.iter().zip(kwvalues) {
        let ns = as_str(name).unwrap_or("");
        let idx = co.varnames[posonly..argcount + kwonly]
            .iter()
            .position(|v| v.is(name) || as_str(v) == Some(ns))
            .map(|i| i + posonly);
        match idx {
            Some(i) => {
                if f.locals[i].is_some() {
                    return Err(type_error(format!(
                        "{}() got multiple values for argument '{ns}'",
                        qualname(fd)
                    )));
                }
                f.locals[i] = Some(value.clone());
            }
            None => match &kwdict {
                Some(d) => {
                    d.downcast::<DictData>()
                        .expect("dict")
                        .set_str(types::intern(ns), value.clone());
                }
                None => {
                    if co.varnames[..posonly].iter().any(|v| as_str(v) == Some(ns)) {
                        posonly_as_kw.push(ns.to_string());
                        continue;
                    }
                    return Err(type_error(format!(
                        "{}() got an unexpected keyword argument '{ns}'",
                        qualname(fd)
                    )));
                }
            },
        }
    }
    if !posonly_as_kw.is_empty() {
        return Err(type_error(format!(
            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
            qualname(fd),
            posonly_as_kw.join(", ")
        )));
    }
    // Positional defaults.
    let defaults: Vec<Value> = fd.defaults.with_borrowed(|d| {
        d.and_then(|t| t.downcast::<TupleData>().map(|t| t.items().to_vec()))
            .unwrap_or_default()
    });
    let first_default = argcount.saturating_sub(defaults.len());
    let mut missing = Vec::new();
    for i in 0..argcount {
        if f.locals[i].is_none() {
            if i >= first_default {
                f.locals[i] = Some(defaults[i - first_default].clone());
            } else {
                missing.push(as_str(&co.varnames[i]).unwrap_or("?").to_string());
            }
        }
    }
    if !missing.is_empty() {
        return Err(type_error(format!(
            "{}() missing {} required positional argument{}: {}",
            qualname(fd),
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            name_list(&missing)
        )));
    }
    let kwdefaults = fd.kwdefaults.get();
    for i in argcount..argcount + kwonly {
        if f.locals[i].is_none() {
            let name = &co.varnames[i];
            let d = kwdefaults
                .as_ref()
                .and_then(|d| d.downcast::<DictData>())
                .and_then(|d| d.get_str(name));
            match d {
                Some(v) => f.locals[i] = Some(v),
                None => missing.push(as_str(name).unwrap_or("?").to_string()),
            }
        }
    }
    if !missing.is_empty() {
        return Err(type_error(format!(
            "{}() missing {} required keyword-only argument{}: {}",
            qualname(fd),
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            name_list(&missing)
        )));
    }
    bind_cells(fd, co, f);
    Ok(())
}

/// Creates the frame's cells (initialised from the arguments they shadow)
/// and installs the function's closure cells as its free variables.
pub(crate) fn bind_cells(fd: &FunctionData, co: &CodeObject, f: &mut Frame) {
    let nvar = co.varnames.len();
    for (i, arg) in co.cell2arg.iter().enumerate() {
        let init = arg.and_then(|a| f.locals[a as usize].clone());
        f.locals[nvar + i] = Some(alloc(
            types::builtin_types().cell.v(),
            CellData {
                value: crate::object::value_slot::ValueSlot::new(init),
            },
        ));
    }
    if let Some(c) = &fd.closure {
        if let Some(t) = c.downcast::<TupleData>() {
            for (j, cell) in t.items().iter().enumerate() {
                f.locals[nvar + co.cellvars.len() + j] = Some(cell.clone());
            }
        }
    }
}

/// Creates a generator object around a prepared frame.
pub fn make_generator(func: &Value, frame: Box<Frame>) -> Value {
    let fd = func.downcast::<FunctionData>().expect("function");
    alloc(
        types::builtin_types().generator.v(),
        GeneratorData {
            frame: crate::object::claim_slot::ClaimSlot::new(frame),
            name: fd.name(),
            qualname: fd.qualname(),
        },
    )
}

/// The frame for calling `func` (a plain function or a method bound to
/// one) with positional `args`, if the eval loop can run the call as a
/// frame of its own (not a generator function); `None` for any other
/// callable, which the caller calls as usual.
pub fn inline_call_frame(
    vm: &mut Vm,
    func: &Value,
    args: &[Value],
) -> PyResult<Option<Box<Frame>>> {
    let (func, bound) = match func.kind() {
        Kind::Function => (func, None),
        Kind::BoundMethod => {
            let m = func.downcast::<BoundMethodData>().expect("method");
            (&m.func, Some(m.self_.clone()))
        }
        _ => return Ok(None),
    };
    match func.downcast::<FunctionData>() {
        Some(fd) if !fd.code().is_generator() => {
            function_frame(vm, func, bound, args, &[]).map(Some)
        }
        _ => Ok(None),
    }
}

/// Calls any callable with positional and keyword arguments.
pub fn call_value(vm: &mut Vm, callable: &Value, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    match callable.kind() {
        Kind::Function => {
            let mut all: Vec<Value>;
            let (a, names): (&[Value], &[Value]) = if kw.is_empty() {
                (args, &[])
            } else {
                all = args.to_vec();
                all.extend(kw.values.iter().cloned());
                (&all[..], kw.names)
            };
            let frame = function_frame(vm, callable, None, a, names)?;
            let fd = callable.downcast::<FunctionData>().expect("function");
            if fd.code().is_generator() {
                return Ok(make_generator(callable, frame));
            }
            vm.run_frame(frame)
        }
        Kind::NativeFunction => {
            let nf = callable.downcast::<NativeFunctionData>().expect("native");
            (nf.func)(vm, args, kw)
        }
        Kind::BoundMethod => {
            let m = callable.downcast::<BoundMethodData>().expect("method");
            // `callable` (borrowed for the whole call) keeps `m.func` alive.
            let func = &m.func;
            let this = m.self_.clone();
            if func.kind() != Kind::Function {
                // Native methods: `self` goes first; short argument lists
                // stay on the native stack.
                return match args {
                    [] => call_value(vm, func, &[this], kw),
                    [a] => call_value(vm, func, &[this, a.clone()], kw),
                    [a, b] => call_value(vm, func, &[this, a.clone(), b.clone()], kw),
                    _ => {
                        let mut all = Vec::with_capacity(args.len() + 1);
                        all.push(this);
                        all.extend_from_slice(args);
                        call_value(vm, func, &all, kw)
                    }
                };
            }
            {
                let func = func.clone();
                let mut all: Vec<Value> = args.to_vec();
                all.extend(kw.values.iter().cloned());
                let frame = function_frame(vm, &func, Some(this), &all, kw.names)?;
                let fd = func.downcast::<FunctionData>().expect("function");
                if fd.code().is_generator() {
                    return Ok(make_generator(&func, frame));
                }
                vm.run_frame(frame)
            }
        }
        Kind::Type => call_type(vm, callable, args, kw),
        Kind::StaticMethod => {
            let f = callable
                .downcast::<types::StaticMethodData>()
                .expect("staticmethod")
                .func
                .clone();
            call_value(vm, &f, args, kw)
        }
        _ => {
            let ty = super::protocol::type_of(callable);
            let td = ty.downcast::<TypeData>().expect("type");
            match td.lookup(&ty, crate::name!("__call__")) {
                Some(c) => {
                    let mut all = Vec::with_capacity(args.len() + 1);
                    all.push(callable.clone());
                    all.extend_from_slice(args);
                    call_value(vm, &c, &all, kw)
                }
                None => Err(type_error(format!(
                    "'{}' object is not callable",
                    super::protocol::type_name(callable)
                ))),
            }
        }
    }
}

/// How CPython names a callable in argument errors (`mod.func()`).
pub fn function_description(callee: &Value) -> String {
    match callee.downcast::<FunctionData>() {
        Some(fd) => {
            let q = qualname(fd);
            match fd
                .module
                .with_borrowed(|m| m.and_then(as_str).map(|s| s.to_string()))
            {
                Some(m) if m != "builtins" => format!("{m}.{q}()"),
                _ => format!("{q}()"),
            }
        }
        None => format!("{}()", super::protocol::type_name(callee)),
    }
}

/// Calls with positional arguments only.
pub fn call(vm: &mut Vm, callable: &Value, args: &[Value]) -> PyResult<Value> {
    call_value(vm, callable, args, Kwargs::default())
}

fn is_native_object_method(v: &Value, name: &str) -> bool {
    v.downcast::<NativeFunctionData>()
        .is_some_and(|n| n.owner == "object" && n.name == name)
}

/// What the eval loop does for a call of a class with positional
/// arguments (see [`class_call`]).
pub enum ClassCall {
    /// Enter this frame of `__init__`, whose `init_self` is the new instance.
    Enter(Box<Frame>),
    /// The call's result: a new instance that needs no initialisation.
    Made(Value),
    /// Anything else: `call_type`.
    General,
}

/// How instances of a class are made, as far as [`class_call`] cares.
enum Constructor {
    /// `object.__new__` and `object.__init__`: a bare instance.
    Plain,
    /// `object.__new__` and this Python `__init__` (not a generator).
    Init(Value),
    /// A `__new__` of its own, a native base, a native or odd `__init__`.
    General,
}

/// For a call of class `ty` with positional `args` that needs nothing but
/// the default `object.__new__` and either no `__init__` or a Python one:
/// the bare instance, or the frame of `__init__` with a new instance bound
/// as `self` and kept in `init_self`, for the eval loop to enter
/// (CPython's CALL_ALLOC_AND_ENTER_INIT). How the class constructs is
/// decided once per type epoch and cached on the type. An error binding the
/// arguments is raised as the general path would raise it.
pub fn class_call(vm: &mut Vm, ty: &Value, args: &[Value]) -> PyResult<ClassCall> {
    let Some(td) = ty.downcast::<TypeData>() else {
        return Ok(ClassCall::General);
    };
    // Only under the metatype `type` (another may override `__call__`).
    if !super::protocol::type_of(ty).is(types::builtin_types().type_.v()) {
        return Ok(ClassCall::General);
    }
    match constructor(ty, td) {
        // With arguments, `object.__init__` raises: the general path says so.
        Constructor::Plain if args.is_empty() => Ok(ClassCall::Made(new_instance(ty, td))),
        Constructor::Init(init) => {
            let obj = new_instance(ty, td);
            let mut f = function_frame(vm, &init, Some(obj.clone()), args, &[])?;
            f.init_self = Some(obj);
            Ok(ClassCall::Enter(f))
        }
        _ => Ok(ClassCall::General),
    }
}

/// How `ty` constructs, from its cache when the type epoch has not moved
/// since it was decided. The cache holds `None` (the object) for
/// [`Constructor::Plain`], the function for [`Constructor::Init`] and
/// nothing for [`Constructor::General`].
#[inline]
fn constructor(ty: &Value, td: &TypeData) -> Constructor {
    let tags = [typeobj::TYPE_EPOCH.load(std::sync::atomic::Ordering::Relaxed)];
    match td.cache.constructor.get(tags) {
        Cached::Hit(Some(v)) if types::is_none(&v) => Constructor::Plain,
        Cached::Hit(Some(init)) => Constructor::Init(init),
        Cached::Hit(None) => Constructor::General,
        Cached::Miss => {
            let c = classify_constructor(ty, td);
            let cached = match &c {
                Constructor::Plain => Some(types::none()),
                Constructor::Init(init) => Some(init.clone()),
                Constructor::General => None,
            };
            td.cache.constructor.set(tags, cached);
            c
        }
    }
}

/// The MRO lookups behind [`constructor`].
fn classify_constructor(ty: &Value, td: &TypeData) -> Constructor {
    if !td.has_flag(typeobj::HEAP_TYPE) || td.native_new.is_some() {
        return Constructor::General;
    }
    let new_is_default = td.lookup(ty, crate::name!("__new__")).is_none_or(|n| {
        match n.downcast::<types::StaticMethodData>() {
            Some(s) => is_native_object_method(&s.func, "__new__"),
            None => is_native_object_method(&n, "__new__"),
        }
    });
    if !new_is_default {
        return Constructor::General;
    }
    match td.lookup(ty, crate::name!("__init__")) {
        None => Constructor::Plain,
        Some(init) if is_native_object_method(&init, "__init__") => Constructor::Plain,
        Some(init) => match init.downcast::<FunctionData>() {
            Some(fd) if !fd.code().is_generator() => Constructor::Init(init),
            _ => Constructor::General,
        },
    }
}

/// Calls a type: creates an instance (`__new__`) and initialises it
/// (`__init__`).
pub fn call_type(vm: &mut Vm, ty: &Value, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let td = ty.downcast::<TypeData>().expect("type");
    let bt = types::builtin_types();
    if ty.is(bt.type_.v()) {
        if args.len() == 1 && kw.is_empty() {
            return Ok(super::protocol::type_of(&args[0]));
        }
        if args.len() == 3 {
            return super::class::type_new(vm, ty, &args[0], &args[1], &args[2]);
        }
        return Err(type_error("type() takes 1 or 3 arguments"));
    }
    // A built-in type (not a subclass) is immutable, so its constructor is
    // its native `__new__`, which also initialises: no lookups, and short
    // argument lists stay on the native stack (`range(10)`, `list(x)`).
    if !td.has_flag(typeobj::HEAP_TYPE) {
        if let Some(native_new) = td.native_new {
            return match args {
                [] => native_new(vm, std::slice::from_ref(ty), kw),
                [a] => native_new(vm, &[ty.clone(), a.clone()], kw),
                [a, b] => native_new(vm, &[ty.clone(), a.clone(), b.clone()], kw),
                _ => {
                    let mut all = Vec::with_capacity(args.len() + 1);
                    all.push(ty.clone());
                    all.extend_from_slice(args);
                    native_new(vm, &all, kw)
                }
            };
        }
    }
    // A metaclass other than `type`: its __call__ may be overridden.
    let new = td.lookup(ty, crate::name!("__new__")).map(|n| {
        match n.downcast::<types::StaticMethodData>() {
            Some(s) => s.func.clone(),
            None => n,
        }
    });
    let user_new = new
        .as_ref()
        .is_some_and(|n| n.kind() != Kind::NativeFunction);
    let obj = if user_new {
        let f = new.expect("new");
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(ty.clone());
        all.extend_from_slice(args);
        call_value(vm, &f, &all, kw)?
    } else if let Some(native_new) = td.native_new {
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(ty.clone());
        all.extend_from_slice(args);
        let obj = native_new(vm, &all, kw)?;
        if !td.has_flag(typeobj::HEAP_TYPE) {
            // Built-in types initialise in their constructor.
            return Ok(obj);
        }
        obj
    } else {
        new_instance(ty, td)
    };
    // __init__ runs only if __new__ returned an instance of the type.
    let ot = super::protocol::type_of(&obj);
    if !typeobj::is_subtype(&ot, ty) {
        return Ok(obj);
    }
    let init = td.lookup(ty, crate::name!("__init__"));
    match init {
        Some(i) if !is_native_object_method(&i, "__init__") => {
            let mut all = Vec::with_capacity(args.len() + 1);
            all.push(obj.clone());
            all.extend_from_slice(args);
            let r = call_value(vm, &i, &all, kw)?;
            if !types::is_none(&r) {
                return Err(type_error(format!(
                    "__init__() should return None, not '{}'",
                    super::protocol::type_name(&r)
                )));
            }
        }
        _ => {
            if (!args.is_empty() || !kw.is_empty()) && !user_new && td.native_new.is_none() {
                return Err(type_error(format!("{}() takes no arguments", td.name())));
            }
        }
    }
    Ok(obj)
}

/// A bare instance of a user class (no `__init__` run).
pub fn new_instance(ty: &Value, td: &TypeData) -> Value {
    let nslots = td.slots.len();
    let mut slots = Vec::with_capacity(nslots);
    slots.resize_with(nslots, crate::object::value_slot::ValueSlot::empty);
    alloc(
        ty,
        types::InstanceData {
            dict: Default::default(),
            slots: slots.into_boxed_slice(),
        },
    )
}

/// A bound method object.
pub fn bind_method(func: Value, this: Value) -> Value {
    alloc(
        types::builtin_types().method.v(),
        BoundMethodData { func, self_: this },
    )
}

/// Raises unless no keyword arguments were passed.
pub fn no_kwargs(name: &str, kw: &Kwargs) -> PyResult<()> {
    if kw.is_empty() {
        Ok(())
    } else {
        Err(type_error(format!("{name}() takes no keyword arguments")))
    }
}

/// Checks the number of positional arguments.
#[inline(always)]
pub fn check_args(name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    let n = args.len();
    if n < min || n > max {
        return Err(arg_count_error(name, n, min, max));
    }
    Ok(())
}

/// The TypeError of [`check_args`].
#[cold]
#[inline(never)]
fn arg_count_error(name: &str, n: usize, min: usize, max: usize) -> PyErr {
    let msg = if min == max {
        match min {
            0 => format!("{name}() takes no arguments ({n} given)"),
            1 => format!("{name}() takes exactly one argument ({n} given)"),
            _ => format!("{name}() takes exactly {min} arguments ({n} given)"),
        }
    } else if n < min {
        format!(
            "{name} expected at least {min} argument{}, got {n}",
            if min == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{name} expected at most {max} argument{}, got {n}",
            if max == 1 { "" } else { "s" }
        )
    };
    type_error(msg)
}

/// Marks an error as a `PyErr` (helper for native code).
pub fn err<T>(e: PyErr) -> PyResult<T> {
    Err(e)
}
