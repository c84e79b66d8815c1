//! Code objects: the compiled form of a module, class body, function or
//! comprehension.

use crate::object::Value;
use crate::types::Traverse;

use super::dispatch_code::DispatchCode;

/// Code flag: the function takes `*args`.
pub const CO_VARARGS: u32 = 0x04;
/// Code flag: the function takes `**kwargs`.
pub const CO_VARKEYWORDS: u32 = 0x08;
/// Code flag: calling the function makes a generator.
pub const CO_GENERATOR: u32 = 0x20;
/// Code flag: the code runs with a locals dict (module and class bodies).
pub const CO_NAMESPACE: u32 = 0x1000;

/// A compiled body.
pub struct CodeObject {
    /// The instructions.
    pub code: DispatchCode,
    /// Source line of each instruction.
    pub lines: Vec<u32>,
    /// Constants, every one immortal (or a tagged int or float): `LOAD_CONST` pushes
    /// them without counting (`Value::copy_immortal`). The compiler makes
    /// them so and `fresh_copy` keeps them so; any other constructor must.
    pub consts: Vec<Value>,
    /// Global, attribute and imported names (interned).
    pub names: Vec<Value>,
    /// Names of the fast locals, arguments first (interned).
    pub varnames: Vec<Value>,
    /// Names of cell variables (locals captured by inner functions).
    pub cellvars: Vec<Value>,
    /// Names of free variables (captured from outer functions).
    pub freevars: Vec<Value>,
    /// For each cell variable that is also an argument, the argument index.
    pub cell2arg: Vec<Option<u32>>,
    /// Positional parameters (including positional-only).
    pub argcount: u32,
    /// Positional-only parameters.
    pub posonlyargcount: u32,
    /// Keyword-only parameters.
    pub kwonlyargcount: u32,
    /// `CO_*` flags.
    pub flags: u32,
    /// `co_name`.
    pub name: Value,
    /// `co_qualname`.
    pub qualname: Value,
    /// Source file name.
    pub filename: Value,
    /// First source line.
    pub first_line: u32,
    /// Maximum value-stack depth.
    pub stacksize: u32,
    /// The docstring, or None.
    pub doc: Value,
    /// True when calls can bind arguments by position alone: no `*args`,
    /// `**kwargs`, keyword-only parameters, cells or free variables.
    pub simple_args: bool,
    /// True when calls can bind arguments by position alone, cells and free
    /// variables aside: no `*args`, `**kwargs` or keyword-only parameters
    /// (`simple_args` plus closures and functions with cell variables).
    pub positional_params: bool,
    /// The first parameter is never rebound or deleted (no `STORE_FAST 0` or
    /// `DELETE_FAST 0`) and the code is no generator: a method whose frame
    /// may hold a borrowed `self` (`crate::object::borrowed`).
    pub keeps_first_arg: bool,
    /// LOAD_GLOBAL inline caches, one per entry of `names`.
    pub global_cache: Box<[GlobalCache]>,
    /// LOAD_ATTR / STORE_ATTR caches on instances, one per entry of `names`
    /// (`vm::attr_site`).
    pub attr_cache: Box<[crate::vm::attr_site::AttrSite]>,
}

/// A LOAD_GLOBAL cache entry: valid while the globals dict is the same object
/// and neither it nor the builtins dict changed since the value was cached
/// (dict versions bump on every mutation).
pub type GlobalCache = crate::object::cache_slot::CacheSlot<3>;

/// The tags a LOAD_GLOBAL cache entry is valid for: the globals dict's
/// address and version, and the builtins dict's version.
#[inline(always)]
pub fn global_cache_tags(globals: usize, globals_version: u64, builtins_version: u64) -> [u64; 3] {
    [globals as u64, globals_version, builtins_version]
}

impl Traverse for CodeObject {}

// Code objects are immortal and never tracked; their caches hold only
// references to globals that the module also holds.

/// A copy of the code object `code` and of the code objects among its
/// constants, with empty caches: what another interpreter runs. A code
/// object's LOAD_GLOBAL cache holds references into the globals of whoever
/// ran it, so interpreters never share one (CPython ships a function's code
/// to another interpreter by marshalling it). Other constants are immortal
/// and shared. The copy is immortal, like every code object.
pub fn fresh_copy(code: &Value) -> Value {
    let Some(co) = code.downcast::<CodeObject>() else {
        return code.clone();
    };
    let copy = CodeObject {
        code: co.code.clone(),
        lines: co.lines.clone(),
        consts: co
            .consts
            .iter()
            .map(|c| {
                if c.downcast::<CodeObject>().is_some() {
                    fresh_copy(c)
                } else {
                    c.clone()
                }
            })
            .collect(),
        names: co.names.clone(),
        varnames: co.varnames.clone(),
        cellvars: co.cellvars.clone(),
        freevars: co.freevars.clone(),
        cell2arg: co.cell2arg.clone(),
        argcount: co.argcount,
        posonlyargcount: co.posonlyargcount,
        kwonlyargcount: co.kwonlyargcount,
        flags: co.flags,
        name: co.name.clone(),
        qualname: co.qualname.clone(),
        filename: co.filename.clone(),
        first_line: co.first_line,
        stacksize: co.stacksize,
        doc: co.doc.clone(),
        simple_args: co.simple_args,
        positional_params: co.positional_params,
        keeps_first_arg: co.keeps_first_arg,
        global_cache: (0..co.names.len()).map(|_| Default::default()).collect(),
        attr_cache: (0..co.names.len()).map(|_| Default::default()).collect(),
    };
    crate::object::alloc_immortal(code.type_ptr(), copy)
}

/// Empties the LOAD_GLOBAL caches of `code` and of the code objects among
/// its constants, giving up the references they hold into the globals of
/// whoever ran it (an interpreter that closes: otherwise its immortal code
/// copies would keep its modules alive for ever). Nothing may run the code
/// meanwhile.
pub fn clear_caches(code: &Value) {
    let Some(co) = code.downcast::<CodeObject>() else {
        return;
    };
    for slot in co.global_cache.iter() {
        slot.set([0; 3], None);
    }
    for site in co.attr_cache.iter() {
        site.clear();
    }
    for c in &co.consts {
        if c.downcast::<CodeObject>().is_some() {
            clear_caches(c);
        }
    }
}

impl CodeObject {
    /// True for the body of a comprehension or generator expression
    /// (`<listcomp>`, `<setcomp>`, `<dictcomp>`, `<genexpr>`): a function
    /// made anew, and called once, each time the expression runs.
    pub fn is_comprehension(&self) -> bool {
        crate::types::str::as_str(&self.name)
            .is_some_and(|n| matches!(n, "<listcomp>" | "<setcomp>" | "<dictcomp>" | "<genexpr>"))
    }

    /// The name of cell or free variable `i` (`LOAD_DEREF`'s argument).
    pub fn deref_name(&self, i: u32) -> Value {
        let i = i as usize;
        if i < self.cellvars.len() {
            self.cellvars[i].clone()
        } else {
            self.freevars[i - self.cellvars.len()].clone()
        }
    }
    /// Number of fast-local slots (locals, then cells, then frees).
    pub fn nslots(&self) -> usize {
        self.varnames.len() + self.cellvars.len() + self.freevars.len()
    }
    /// True if the code is a generator function.
    pub fn is_generator(&self) -> bool {
        self.flags & CO_GENERATOR != 0
    }
    /// The name as text.
    pub fn name_str(&self) -> &str {
        crate::types::str::as_str(&self.name).unwrap_or("?")
    }
    /// The file name as text.
    pub fn filename_str(&self) -> &str {
        crate::types::str::as_str(&self.filename).unwrap_or("?")
    }
    /// The line of instruction `ip`.
    pub fn line_of(&self, ip: usize) -> u32 {
        self.lines.get(ip).copied().unwrap_or(self.first_line)
    }
}
