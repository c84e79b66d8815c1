//! Code generation: lowers the ruff AST to gilgamesh bytecode, one code object
//! per module, class body, function, lambda and comprehension.
//!
//! Exception handling uses a block stack at run time (`SETUP_FINALLY` /
//! `POP_BLOCK` / `POP_EXCEPT`); `return`, `break` and `continue` that leave a
//! `try`, `with` or loop emit the exit actions of every block they cross
//! (finally bodies are compiled inline on those paths, as CPython does).

use std::collections::HashMap;

use ruff_python_ast as ast;
use ruff_text_size::{Ranged, TextRange};

use super::code::*;
use super::opcodes::{BinOp, Instr, Op, INPLACE_OFFSET};
use super::symtable::{key, NameScope, ScopeKind, SymbolTable};
use crate::object::Value;
use crate::types::{self, intern};

/// A compile-time error: a SyntaxError (or an unsupported construct) at a
/// source location.
#[derive(Debug, Clone)]
pub struct CompileError {
    /// The message.
    pub msg: String,
    /// Byte offset range in the source.
    pub range: TextRange,
}

pub(super) type CResult<T = ()> = Result<T, CompileError>;

pub(super) fn err<T>(msg: impl Into<String>, range: TextRange) -> CResult<T> {
    Err(CompileError {
        msg: msg.into(),
        range,
    })
}

#[derive(Clone)]
pub(super) enum FBlock<'a> {
    /// A `for` loop: its iterator is on the stack.
    For { brk: usize, cont: usize },
    /// A `while` loop.
    While { brk: usize, cont: usize },
    /// The body of `try` with handlers.
    TryExcept,
    /// The body of `try ... finally`.
    Finally { body: &'a [ast::Stmt] },
    /// A finally body running because of an exception (exception on the stack).
    FinallyEnd,
    /// The body of a `with`: `__exit__` on the stack.
    With,
    /// An except handler body.
    Handler { name: Option<String> },
}

pub(super) struct Unit<'a> {
    pub(super) scope: usize,
    pub(super) code: Vec<Instr>,
    pub(super) lines: Vec<u32>,
    pub(super) consts: Vec<Value>,
    pub(super) const_keys: HashMap<(u8, u64, String), u32>,
    pub(super) names: Vec<Value>,
    pub(super) name_map: HashMap<String, u32>,
    pub(super) varnames: Vec<String>,
    pub(super) cellvars: Vec<String>,
    pub(super) freevars: Vec<String>,
    pub(super) labels: Vec<Option<u32>>,
    pub(super) line: u32,
    pub(super) fblocks: Vec<FBlock<'a>>,
    pub(super) kind: ScopeKind,
    pub(super) is_generator: bool,
    pub(super) qualname: String,
}

/// The compiler state for one module.
pub struct Compiler<'a> {
    pub(super) table: SymbolTable,
    pub(super) filename: Value,
    pub(super) line_starts: Vec<u32>,
    pub(super) units: Vec<Unit<'a>>,
}

/// Compiles a parsed module into its code object.
pub fn compile_module(module: &ast::ModModule, source: &str, filename: &str) -> CResult<Value> {
    let table = super::symtable::analyze(module).map_err(|e| CompileError {
        msg: e.msg,
        range: e.range,
    })?;
    let mut line_starts = vec![0u32];
    for (i, b) in source.bytes().enumerate() {
        if b == b'\n' {
            line_starts.push(i as u32 + 1);
        }
    }
    let mut c = Compiler {
        table,
        filename: intern(filename),
        line_starts,
        units: Vec::new(),
    };
    c.enter(0, "<module>".into());
    if has_annotations(&module.body) {
        c.emit(Op::SetupAnnotations, 0);
    }
    // Module docstring.
    let mut body: &[ast::Stmt] = &module.body;
    if let Some(doc) = docstring(body) {
        let v = c.const_str(&doc);
        c.emit(Op::LoadConst, v);
        let n = c.name("__doc__");
        c.emit(Op::StoreName, n);
        body = &body[1..];
    }
    c.body(body)?;
    let none = c.const_none();
    c.emit(Op::LoadConst, none);
    c.emit(Op::ReturnValue, 0);
    Ok(c.leave("<module>", 0, 0, 0, 0, types::none()))
}

/// True if a body (not counting nested functions and classes) has an
/// annotated assignment to a simple name.
pub(super) fn has_annotations(body: &[ast::Stmt]) -> bool {
    use ast::Stmt;
    body.iter().any(|s| match s {
        Stmt::AnnAssign(a) => a.simple,
        Stmt::If(i) => {
            has_annotations(&i.body) || i.elif_else_clauses.iter().any(|c| has_annotations(&c.body))
        }
        Stmt::For(f) => has_annotations(&f.body) || has_annotations(&f.orelse),
        Stmt::While(w) => has_annotations(&w.body) || has_annotations(&w.orelse),
        Stmt::With(w) => has_annotations(&w.body),
        Stmt::Try(t) => {
            has_annotations(&t.body)
                || has_annotations(&t.orelse)
                || has_annotations(&t.finalbody)
                || t.handlers.iter().any(|h| {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    has_annotations(&h.body)
                })
        }
        _ => false,
    })
}

pub(super) fn docstring(body: &[ast::Stmt]) -> Option<String> {
    if let Some(ast::Stmt::Expr(e)) = body.first() {
        if let ast::Expr::StringLiteral(s) = &*e.value {
            return Some(s.value.to_str().to_string());
        }
    }
    None
}

impl<'a> Compiler<'a> {
    // ---------------------------------------------------------------- units

    pub(super) fn enter(&mut self, scope: usize, qualname: String) {
        let sc = &self.table.scopes[&scope];
        let mut varnames: Vec<String> = Vec::new();
        if sc.kind == ScopeKind::Function {
            varnames.extend(sc.params.iter().cloned());
            let mut locals: Vec<&String> = sc
                .resolved
                .iter()
                .filter(|(n, s)| **s == NameScope::Local && !sc.params.contains(n))
                .map(|(n, _)| n)
                .collect();
            locals.sort();
            varnames.extend(locals.into_iter().cloned());
        }
        let unit = Unit {
            scope,
            code: Vec::new(),
            lines: Vec::new(),
            consts: Vec::new(),
            const_keys: HashMap::new(),
            names: Vec::new(),
            name_map: HashMap::new(),
            varnames,
            cellvars: sc.cellvars.clone(),
            freevars: sc.freevars.clone(),
            labels: Vec::new(),
            line: self.units.last().map(|u| u.line).unwrap_or(1),
            fblocks: Vec::new(),
            kind: sc.kind,
            is_generator: sc.is_generator,
            qualname,
        };
        self.units.push(unit);
    }

    pub(super) fn leave(
        &mut self,
        name: &str,
        argcount: u32,
        posonly: u32,
        kwonly: u32,
        mut flags: u32,
        doc: Value,
    ) -> Value {
        let u = self.units.pop().expect("unit");
        let mut code = u.code;
        for ins in code.iter_mut() {
            if ins.op.arg_kind() == super::opcodes::ArgKind::Jump {
                ins.arg = u.labels[ins.arg as usize].expect("unbound label");
            }
        }
        super::opcodes::mark_global_subscripts(&mut code);
        if u.is_generator {
            flags |= CO_GENERATOR;
        }
        if u.kind != ScopeKind::Function {
            flags |= CO_NAMESPACE;
        }
        let cell2arg = u
            .cellvars
            .iter()
            .map(|c| {
                u.varnames
                    .iter()
                    .position(|v| v == c)
                    .filter(|&i| {
                        (i as u32)
                            < argcount
                                + kwonly
                                + ((flags & CO_VARARGS != 0) as u32)
                                + ((flags & CO_VARKEYWORDS != 0) as u32)
                    })
                    .map(|i| i as u32)
            })
            .collect();
        let first_line = u.lines.first().copied().unwrap_or(1);
        let nnames = u.names.len();
        let positional_params = flags & (CO_VARARGS | CO_VARKEYWORDS) == 0 && kwonly == 0;
        let simple_args = positional_params && u.cellvars.is_empty() && u.freevars.is_empty();
        let keeps_first_arg = argcount >= 1
            && flags & CO_GENERATOR == 0
            && !code
                .iter()
                .any(|i| matches!(i.op, Op::StoreFast | Op::DeleteFast) && i.arg == 0);
        super::opcodes::mark_superinstructions(&mut code);
        let nslots = u.varnames.len() + u.cellvars.len() + u.freevars.len();
        // The stack size is what the stack verifier finds the code needs.
        let code = super::dispatch_code::DispatchCode::new(code, nslots, u.consts.len(), None);
        debug_assert!(
            code.rejection().is_none(),
            "the compiler emitted code the stack verifier rejects ({name}): {}",
            code.rejection().unwrap_or("")
        );
        let stacksize = code.stack_bound() as u32;
        // Constants are immortal, which `LOAD_CONST` relies on to push them
        // uncounted; the compiler makes them so (`alloc_immortal`,
        // interning), and this makes sure of any other.
        for c in &u.consts {
            if c.header().is_some_and(|h| !h.is_immortal()) {
                debug_assert!(false, "mortal constant in {name}");
                crate::object::make_immortal(c);
            }
        }
        let co = CodeObject {
            simple_args,
            positional_params,
            keeps_first_arg,
            code,
            lines: u.lines,
            consts: u.consts,
            names: u.names,
            varnames: u.varnames.iter().map(|s| intern(s)).collect(),
            cellvars: u.cellvars.iter().map(|s| intern(s)).collect(),
            freevars: u.freevars.iter().map(|s| intern(s)).collect(),
            cell2arg,
            argcount,
            posonlyargcount: posonly,
            kwonlyargcount: kwonly,
            flags,
            name: intern(name),
            qualname: intern(&u.qualname),
            filename: self.filename.clone(),
            first_line,
            stacksize,
            doc,
            global_cache: (0..nnames).map(|_| Default::default()).collect(),
            attr_cache: (0..nnames).map(|_| Default::default()).collect(),
        };
        crate::object::alloc_immortal(types::builtin_types().code.as_ptr(), co)
    }

    pub(super) fn u(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("unit")
    }

    pub(super) fn scope(&self) -> &super::symtable::Scope {
        &self.table.scopes[&self.units.last().expect("unit").scope]
    }

    pub(super) fn set_line(&mut self, range: TextRange) {
        let off = u32::from(range.start());
        let line = match self.line_starts.binary_search(&off) {
            Ok(i) => i + 1,
            Err(i) => i,
        } as u32;
        self.u().line = line;
    }

    pub(super) fn emit(&mut self, op: Op, arg: u32) {
        let u = self.u();
        let line = u.line;
        u.code.push(Instr { op, arg });
        u.lines.push(line);
    }

    pub(super) fn label(&mut self) -> usize {
        let u = self.u();
        u.labels.push(None);
        u.labels.len() - 1
    }

    pub(super) fn bind(&mut self, l: usize) {
        let u = self.u();
        u.labels[l] = Some(u.code.len() as u32);
    }

    pub(super) fn jump(&mut self, op: Op, l: usize) {
        self.emit(op, l as u32);
    }

    // ------------------------------------------------------------ constants

    pub(super) fn add_const(&mut self, k: (u8, u64, String), v: impl FnOnce() -> Value) -> u32 {
        if let Some(&i) = self.u().const_keys.get(&k) {
            return i;
        }
        let val = v();
        let u = self.u();
        u.consts.push(val);
        let i = (u.consts.len() - 1) as u32;
        u.const_keys.insert(k, i);
        i
    }

    pub(super) fn const_none(&mut self) -> u32 {
        self.add_const((0, 0, String::new()), types::none)
    }

    pub(super) fn const_str(&mut self, s: &str) -> u32 {
        let owned = s.to_string();
        self.add_const((1, 0, owned), || intern(s))
    }

    pub(super) fn const_value(&mut self, v: Value) -> u32 {
        // Not deduplicated (code objects, tuples).
        let u = self.u();
        u.consts.push(v);
        (u.consts.len() - 1) as u32
    }

    pub(super) fn name(&mut self, n: &str) -> u32 {
        if let Some(&i) = self.u().name_map.get(n) {
            return i;
        }
        let u = self.u();
        u.names.push(intern(n));
        let i = (u.names.len() - 1) as u32;
        u.name_map.insert(n.to_string(), i);
        i
    }

    pub(super) fn constant_of(&mut self, e: &ast::Expr) -> CResult<Option<Value>> {
        use ast::Expr;
        Ok(Some(match e {
            Expr::NumberLiteral(n) => match &n.value {
                ast::Number::Int(i) => int_const(i),
                ast::Number::Float(f) => match Value::try_flonum(*f) {
                    Some(v) => v,
                    None => crate::object::alloc_immortal(
                        types::builtin_types().float.as_ptr(),
                        types::FloatData(*f),
                    ),
                },
                ast::Number::Complex { real, imag } => crate::object::alloc_immortal(
                    types::builtin_types().complex.as_ptr(),
                    types::ComplexData {
                        re: *real,
                        im: *imag,
                    },
                ),
            },
            Expr::StringLiteral(s) => intern(s.value.to_str()),
            Expr::BytesLiteral(b) => {
                let mut bytes = Vec::new();
                for part in b.value.iter() {
                    bytes.extend_from_slice(&part.value);
                }
                crate::object::alloc_immortal(
                    types::builtin_types().bytes.as_ptr(),
                    types::BytesData(bytes.into_boxed_slice()),
                )
            }
            Expr::BooleanLiteral(b) => types::bool_value(b.value),
            Expr::NoneLiteral(_) => types::none(),
            Expr::EllipsisLiteral(_) => types::singletons().ellipsis.get(),
            Expr::Tuple(t) if !t.elts.is_empty() => {
                let mut items = Vec::new();
                for el in &t.elts {
                    match self.constant_of(el)? {
                        Some(v) => items.push(v),
                        None => return Ok(None),
                    }
                }
                crate::object::alloc_immortal(
                    types::builtin_types().tuple.as_ptr(),
                    types::seq::tuple_payload(items),
                )
            }
            _ => return Ok(None),
        }))
    }

    // ------------------------------------------------------------- names

    pub(super) fn load_name(&mut self, n: &str, range: TextRange) -> CResult {
        let _ = range;
        let sc = self.scope().lookup(n);
        let kind = self.u().kind;
        match sc {
            NameScope::Local => {
                let i = self.local_index(n);
                self.emit(Op::LoadFast, i);
            }
            NameScope::Cell | NameScope::Free => {
                let i = self.deref_index(n);
                if kind == ScopeKind::Class {
                    self.emit(Op::LoadClassDeref, i);
                } else {
                    self.emit(Op::LoadDeref, i);
                }
            }
            NameScope::Global => {
                let i = self.name(n);
                self.emit(Op::LoadGlobal, i);
            }
            NameScope::Name => {
                let i = self.name(n);
                self.emit(Op::LoadName, i);
            }
        }
        Ok(())
    }

    pub(super) fn store_name(&mut self, n: &str) {
        let sc = self.scope().lookup(n);
        match sc {
            NameScope::Local => {
                let i = self.local_index(n);
                self.emit(Op::StoreFast, i);
            }
            NameScope::Cell | NameScope::Free => {
                let i = self.deref_index(n);
                self.emit(Op::StoreDeref, i);
            }
            NameScope::Global => {
                let i = self.name(n);
                self.emit(Op::StoreGlobal, i);
            }
            NameScope::Name => {
                let i = self.name(n);
                self.emit(Op::StoreName, i);
            }
        }
    }

    pub(super) fn delete_name(&mut self, n: &str) {
        let sc = self.scope().lookup(n);
        match sc {
            NameScope::Local => {
                let i = self.local_index(n);
                self.emit(Op::DeleteFast, i);
            }
            NameScope::Cell | NameScope::Free => {
                let i = self.deref_index(n);
                self.emit(Op::DeleteDeref, i);
            }
            NameScope::Global => {
                let i = self.name(n);
                self.emit(Op::DeleteGlobal, i);
            }
            NameScope::Name => {
                let i = self.name(n);
                self.emit(Op::DeleteName, i);
            }
        }
    }

    pub(super) fn local_index(&mut self, n: &str) -> u32 {
        let u = self.u();
        match u.varnames.iter().position(|v| v == n) {
            Some(i) => i as u32,
            None => {
                u.varnames.push(n.to_string());
                (u.varnames.len() - 1) as u32
            }
        }
    }

    pub(super) fn deref_index(&mut self, n: &str) -> u32 {
        let u = self.u();
        if let Some(i) = u.cellvars.iter().position(|v| v == n) {
            return i as u32;
        }
        if let Some(i) = u.freevars.iter().position(|v| v == n) {
            return (u.cellvars.len() + i) as u32;
        }
        u.freevars.push(n.to_string());
        (u.cellvars.len() + u.freevars.len() - 1) as u32
    }

    // --------------------------------------------------------- statements

    pub(super) fn body(&mut self, stmts: &'a [ast::Stmt]) -> CResult {
        for s in stmts {
            self.stmt(s)?;
        }
        Ok(())
    }

    pub(super) fn stmt(&mut self, s: &'a ast::Stmt) -> CResult {
        use ast::Stmt;
        self.set_line(s.range());
        match s {
            Stmt::Expr(e) => {
                self.expr(&e.value)?;
                self.emit(Op::PopTop, 0);
            }
            Stmt::Assign(a) => {
                self.expr(&a.value)?;
                let n = a.targets.len();
                for (i, t) in a.targets.iter().enumerate() {
                    if i + 1 < n {
                        self.emit(Op::Copy, 1);
                    }
                    self.store_target(t)?;
                }
            }
            Stmt::AugAssign(a) => self.aug_assign(a)?,
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.expr(v)?;
                    self.store_target(&a.target)?;
                }
                // Simple names in module and class bodies are recorded in
                // `__annotations__` (the annotation is evaluated, as 3.11 does).
                if let (ast::Expr::Name(n), true) =
                    (&*a.target, a.simple && self.u().kind != ScopeKind::Function)
                {
                    self.expr(&a.annotation)?;
                    let an = self.name("__annotations__");
                    self.emit(Op::LoadName, an);
                    let c = self.const_str(n.id.as_str());
                    self.emit(Op::LoadConst, c);
                    self.emit(Op::StoreSubscr, 0);
                }
            }
            Stmt::If(i) => {
                let end = self.label();
                let mut next = self.label();
                self.expr(&i.test)?;
                self.jump(Op::PopJumpIfFalse, next);
                self.body(&i.body)?;
                for c in &i.elif_else_clauses {
                    self.jump(Op::Jump, end);
                    self.bind(next);
                    next = self.label();
                    if let Some(t) = &c.test {
                        self.set_line(t.range());
                        self.expr(t)?;
                        self.jump(Op::PopJumpIfFalse, next);
                    }
                    self.body(&c.body)?;
                }
                self.bind(next);
                self.bind(end);
            }
            Stmt::While(w) => {
                let top = self.label();
                let brk = self.label();
                let orelse = self.label();
                self.bind(top);
                self.expr(&w.test)?;
                self.jump(Op::PopJumpIfFalse, orelse);
                self.u().fblocks.push(FBlock::While { brk, cont: top });
                self.body(&w.body)?;
                self.u().fblocks.pop();
                self.jump(Op::Jump, top);
                self.bind(orelse);
                self.body(&w.orelse)?;
                self.bind(brk);
            }
            Stmt::For(f) => {
                if f.is_async {
                    return err("gilgamesh does not support 'async for'", f.range);
                }
                let top = self.label();
                let brk = self.label();
                let done = self.label();
                self.expr(&f.iter)?;
                self.emit(Op::GetIter, 0);
                self.bind(top);
                self.jump(Op::ForIter, done);
                self.store_target(&f.target)?;
                self.u().fblocks.push(FBlock::For { brk, cont: top });
                self.body(&f.body)?;
                self.u().fblocks.pop();
                self.set_line(f.range);
                self.jump(Op::Jump, top);
                self.bind(done);
                self.body(&f.orelse)?;
                self.bind(brk);
            }
            Stmt::Break(b) => self.break_continue(true, b.range)?,
            Stmt::Continue(c) => self.break_continue(false, c.range)?,
            Stmt::Pass(_) => {}
            Stmt::Return(r) => {
                if self.u().kind != ScopeKind::Function {
                    return err("'return' outside function", r.range);
                }
                match &r.value {
                    Some(v) => self.expr(v)?,
                    None => {
                        let n = self.const_none();
                        self.emit(Op::LoadConst, n);
                    }
                }
                self.unwind_all(true)?;
                self.set_line(r.range);
                self.emit(Op::ReturnValue, 0);
            }
            Stmt::FunctionDef(f) => self.function_def(f)?,
            Stmt::ClassDef(c) => self.class_def(c)?,
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.delete_target(t)?;
                }
            }
            Stmt::Raise(r) => {
                let mut n = 0;
                if let Some(e) = &r.exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = &r.cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.emit(Op::Raise, n);
            }
            Stmt::Try(t) => {
                if t.is_star {
                    return err("gilgamesh does not support 'except*'", t.range);
                }
                if t.finalbody.is_empty() {
                    self.try_except(t)?;
                } else {
                    self.try_finally(t)?;
                }
            }
            Stmt::Assert(a) => {
                let end = self.label();
                self.expr(&a.test)?;
                self.jump(Op::PopJumpIfTrue, end);
                self.emit(Op::LoadAssertionError, 0);
                if let Some(m) = &a.msg {
                    self.emit(Op::PushNull, 0);
                    self.expr(m)?;
                    self.emit(Op::Call, 1);
                }
                self.emit(Op::Raise, 1);
                self.bind(end);
            }
            Stmt::With(w) => {
                if w.is_async {
                    return err("gilgamesh does not support 'async with'", w.range);
                }
                self.with_items(&w.items, &w.body)?;
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let full = a.name.id.as_str();
                    let zero = self.add_const((2, 0, String::new()), || Value::small(0));
                    self.emit(Op::LoadConst, zero);
                    let none = self.const_none();
                    self.emit(Op::LoadConst, none);
                    let n = self.name(full);
                    self.emit(Op::ImportName, n);
                    match &a.asname {
                        Some(asn) => {
                            for part in full.split('.').skip(1) {
                                let p = self.name(part);
                                self.emit(Op::LoadAttr, p);
                            }
                            self.store_name(asn.id.as_str());
                        }
                        None => {
                            let top = full.split('.').next().unwrap_or(full).to_string();
                            self.store_name(&top);
                        }
                    }
                }
            }
            Stmt::ImportFrom(i) => {
                let level = i.level as i64;
                let lv = self.add_const((2, level as u64, String::new()), || Value::small(level));
                self.emit(Op::LoadConst, lv);
                let names: Vec<Value> =
                    i.names.iter().map(|a| intern(a.name.id.as_str())).collect();
                let tup = crate::object::alloc_immortal(
                    types::builtin_types().tuple.as_ptr(),
                    types::seq::tuple_payload(names),
                );
                let t = self.const_value(tup);
                self.emit(Op::LoadConst, t);
                let modname = i.module.as_ref().map(|m| m.id.as_str()).unwrap_or("");
                let n = self.name(modname);
                self.emit(Op::ImportName, n);
                if i.names.len() == 1 && i.names[0].name.id.as_str() == "*" {
                    self.emit(Op::ImportStar, 0);
                } else {
                    for a in &i.names {
                        let n = self.name(a.name.id.as_str());
                        self.emit(Op::ImportFrom, n);
                        let bound = a.asname.as_ref().unwrap_or(&a.name).id.as_str().to_string();
                        self.store_name(&bound);
                    }
                    self.emit(Op::PopTop, 0);
                }
            }
            Stmt::Global(_) | Stmt::Nonlocal(_) => {}
            Stmt::Match(m) => {
                return err("gilgamesh does not support the 'match' statement", m.range)
            }
            Stmt::TypeAlias(t) => {
                return err("gilgamesh does not support the 'type' statement", t.range)
            }
            Stmt::IpyEscapeCommand(c) => return err("invalid syntax", c.range),
        }
        Ok(())
    }

    pub(super) fn break_continue(&mut self, is_break: bool, range: TextRange) -> CResult {
        let blocks = self.u().fblocks.clone();
        let mut found = None;
        for (i, b) in blocks.iter().enumerate().rev() {
            if matches!(b, FBlock::For { .. } | FBlock::While { .. }) {
                found = Some(i);
                break;
            }
        }
        let Some(li) = found else {
            return if is_break {
                err("'break' outside loop", range)
            } else {
                err("'continue' not properly in loop", range)
            };
        };
        // Exit the blocks inside the loop, innermost first.
        for i in (li + 1..blocks.len()).rev() {
            self.unwind_block(i, false)?;
        }
        match blocks[li] {
            FBlock::For { brk, cont } => {
                if is_break {
                    self.emit(Op::PopTop, 0);
                    self.jump(Op::Jump, brk);
                } else {
                    self.jump(Op::Jump, cont);
                }
            }
            FBlock::While { brk, cont } => {
                self.jump(Op::Jump, if is_break { brk } else { cont });
            }
            _ => unreachable!("loop block"),
        }
        Ok(())
    }

    /// Emits the exit actions of every active block (for `return`).
    pub(super) fn unwind_all(&mut self, preserve_tos: bool) -> CResult {
        let n = self.u().fblocks.len();
        for i in (0..n).rev() {
            self.unwind_block_for_return(i, preserve_tos)?;
        }
        Ok(())
    }

    pub(super) fn unwind_block_for_return(&mut self, i: usize, preserve_tos: bool) -> CResult {
        let b = self.u().fblocks[i].clone();
        match b {
            FBlock::For { .. } => {
                if preserve_tos {
                    self.emit(Op::Swap, 2);
                }
                self.emit(Op::PopTop, 0);
            }
            FBlock::While { .. } => {}
            _ => {
                if preserve_tos && matches!(b, FBlock::With) {
                    // The value goes below the `__exit__` pair.
                    self.emit(Op::Swap, 3);
                    self.emit(Op::Swap, 2);
                }
                self.unwind_block(i, preserve_tos)?;
            }
        }
        Ok(())
    }

    /// Emits the exit actions of block `i` (leaving it by a jump).
    pub(super) fn unwind_block(&mut self, i: usize, preserve_tos: bool) -> CResult {
        let b = self.u().fblocks[i].clone();
        match b {
            FBlock::For { .. } => {
                self.emit(Op::PopTop, 0);
            }
            FBlock::While { .. } => {}
            FBlock::TryExcept => self.emit(Op::PopBlock, 0),
            FBlock::Finally { body } => {
                self.emit(Op::PopBlock, 0);
                // Compile the finally body with the blocks outside it only.
                let saved = self.u().fblocks.split_off(i);
                let r = self.body(body);
                self.u().fblocks.extend(saved);
                r?;
            }
            FBlock::FinallyEnd => {
                if preserve_tos {
                    self.emit(Op::Swap, 2);
                }
                self.emit(Op::PopExcept, 0);
                self.emit(Op::PopTop, 0);
            }
            FBlock::With => {
                self.emit(Op::PopBlock, 0);
                self.emit(Op::ExitWith, 0);
                self.emit(Op::PopTop, 0);
            }
            FBlock::Handler { name } => {
                self.emit(Op::PopExcept, 0);
                if let Some(n) = name {
                    let none = self.const_none();
                    self.emit(Op::LoadConst, none);
                    self.store_name(&n);
                    self.delete_name(&n);
                }
            }
        }
        Ok(())
    }

    pub(super) fn try_except(&mut self, t: &'a ast::StmtTry) -> CResult {
        let handlers = self.label();
        let end = self.label();
        self.jump(Op::SetupFinally, handlers);
        self.u().fblocks.push(FBlock::TryExcept);
        self.body(&t.body)?;
        self.u().fblocks.pop();
        self.emit(Op::PopBlock, 0);
        self.body(&t.orelse)?;
        self.jump(Op::Jump, end);
        self.bind(handlers);
        let mut has_bare = false;
        for (idx, h) in t.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            self.set_line(h.range);
            let next = self.label();
            match &h.type_ {
                Some(ty) => {
                    self.expr(ty)?;
                    self.emit(Op::CheckExcMatch, 0);
                    self.jump(Op::PopJumpIfFalse, next);
                }
                None => {
                    if idx + 1 != t.handlers.len() {
                        return err("default 'except:' must be last", h.range);
                    }
                    has_bare = true;
                }
            }
            let name = h.name.as_ref().map(|n| n.id.as_str().to_string());
            match &name {
                Some(n) => self.store_name(n),
                None => self.emit(Op::PopTop, 0),
            }
            self.u()
                .fblocks
                .push(FBlock::Handler { name: name.clone() });
            self.body(&h.body)?;
            self.u().fblocks.pop();
            self.emit(Op::PopExcept, 0);
            if let Some(n) = &name {
                let none = self.const_none();
                self.emit(Op::LoadConst, none);
                self.store_name(n);
                self.delete_name(n);
            }
            self.jump(Op::Jump, end);
            self.bind(next);
        }
        if !has_bare {
            self.emit(Op::Reraise, 0);
        }
        self.bind(end);
        Ok(())
    }

    pub(super) fn try_finally(&mut self, t: &'a ast::StmtTry) -> CResult {
        let handler = self.label();
        let end = self.label();
        self.jump(Op::SetupFinally, handler);
        self.u()
            .fblocks
            .push(FBlock::Finally { body: &t.finalbody });
        if t.handlers.is_empty() {
            self.body(&t.body)?;
        } else {
            self.try_except(t)?;
        }
        self.u().fblocks.pop();
        self.emit(Op::PopBlock, 0);
        self.body(&t.finalbody)?;
        self.jump(Op::Jump, end);
        self.bind(handler);
        self.u().fblocks.push(FBlock::FinallyEnd);
        self.body(&t.finalbody)?;
        self.u().fblocks.pop();
        self.emit(Op::Reraise, 0);
        self.bind(end);
        Ok(())
    }

    pub(super) fn with_items(
        &mut self,
        items: &'a [ast::WithItem],
        body: &'a [ast::Stmt],
    ) -> CResult {
        let Some((first, rest)) = items.split_first() else {
            return self.body(body);
        };
        let handler = self.label();
        let end = self.label();
        let suppress = self.label();
        self.expr(&first.context_expr)?;
        self.emit(Op::BeforeWith, 0);
        match &first.optional_vars {
            Some(t) => self.store_target(t)?,
            None => self.emit(Op::PopTop, 0),
        }
        self.jump(Op::SetupFinally, handler);
        self.u().fblocks.push(FBlock::With);
        self.with_items(rest, body)?;
        self.u().fblocks.pop();
        self.emit(Op::PopBlock, 0);
        self.emit(Op::ExitWith, 0);
        self.emit(Op::PopTop, 0);
        self.jump(Op::Jump, end);
        self.bind(handler);
        self.emit(Op::WithExceptStart, 0);
        self.jump(Op::PopJumpIfTrue, suppress);
        self.emit(Op::Reraise, 0);
        self.bind(suppress);
        self.emit(Op::PopTop, 0);
        self.emit(Op::PopExcept, 0);
        // The `__exit__` pair.
        self.emit(Op::PopTop, 0);
        self.emit(Op::PopTop, 0);
        self.bind(end);
        Ok(())
    }

    pub(super) fn aug_assign(&mut self, a: &'a ast::StmtAugAssign) -> CResult {
        let op = binop(a.op) as u32 + INPLACE_OFFSET;
        match &*a.target {
            ast::Expr::Name(n) => {
                self.load_name(n.id.as_str(), n.range)?;
                self.expr(&a.value)?;
                self.emit(Op::BinaryOp, op);
                self.store_name(n.id.as_str());
            }
            ast::Expr::Attribute(at) => {
                self.expr(&at.value)?;
                self.emit(Op::Copy, 1);
                let n = self.name(at.attr.id.as_str());
                self.emit(Op::LoadAttr, n);
                self.expr(&a.value)?;
                self.emit(Op::BinaryOp, op);
                self.emit(Op::Swap, 2);
                self.emit(Op::StoreAttr, n);
            }
            ast::Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Op::Copy, 2);
                self.emit(Op::Copy, 2);
                self.emit(Op::BinarySubscr, 0);
                self.expr(&a.value)?;
                self.emit(Op::BinaryOp, op);
                self.emit(Op::Swap, 3);
                self.emit(Op::Swap, 2);
                self.emit(Op::StoreSubscr, 0);
            }
            other => {
                return err(
                    "'expression' is an illegal expression for augmented assignment",
                    other.range(),
                )
            }
        }
        Ok(())
    }

    pub(super) fn store_target(&mut self, t: &'a ast::Expr) -> CResult {
        use ast::Expr;
        match t {
            Expr::Name(n) => self.store_name(n.id.as_str()),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let n = self.name(a.attr.id.as_str());
                self.emit(Op::StoreAttr, n);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                if let Some(sl) = Self::two_part_slice(&s.slice) {
                    self.slice_bounds(sl)?;
                    self.emit(Op::StoreSlice, 0);
                } else {
                    self.expr(&s.slice)?;
                    self.emit(Op::StoreSubscr, 0);
                }
            }
            Expr::Tuple(tu) => self.unpack(&tu.elts, tu.range)?,
            Expr::List(l) => self.unpack(&l.elts, l.range)?,
            Expr::Starred(s) => {
                return err(
                    "starred assignment target must be in a list or tuple",
                    s.range,
                )
            }
            other => {
                return err(
                    format!("cannot assign to {}", expr_kind_name(other)),
                    other.range(),
                )
            }
        }
        Ok(())
    }

    pub(super) fn unpack(&mut self, elts: &'a [ast::Expr], range: TextRange) -> CResult {
        let star = elts.iter().position(|e| matches!(e, ast::Expr::Starred(_)));
        match star {
            None => self.emit(Op::UnpackSequence, elts.len() as u32),
            Some(i) => {
                if elts
                    .iter()
                    .filter(|e| matches!(e, ast::Expr::Starred(_)))
                    .count()
                    > 1
                {
                    return err("multiple starred expressions in assignment", range);
                }
                let after = elts.len() - i - 1;
                self.emit(Op::UnpackEx, i as u32 | ((after as u32) << 8));
            }
        }
        for e in elts {
            match e {
                ast::Expr::Starred(s) => self.store_target(&s.value)?,
                other => self.store_target(other)?,
            }
        }
        Ok(())
    }

    pub(super) fn delete_target(&mut self, t: &'a ast::Expr) -> CResult {
        use ast::Expr;
        match t {
            Expr::Name(n) => self.delete_name(n.id.as_str()),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let n = self.name(a.attr.id.as_str());
                self.emit(Op::DeleteAttr, n);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Op::DeleteSubscr, 0);
            }
            Expr::Tuple(tu) => {
                for e in &tu.elts {
                    self.delete_target(e)?;
                }
            }
            Expr::List(l) => {
                for e in &l.elts {
                    self.delete_target(e)?;
                }
            }
            other => {
                return err(
                    format!("cannot delete {}", expr_kind_name(other)),
                    other.range(),
                )
            }
        }
        Ok(())
    }

    // ---------------------------------------------------- functions, classes

    pub(super) fn qualname_for(&self, name: &str) -> String {
        let u = self.units.last().expect("unit");
        match u.kind {
            ScopeKind::Module => name.to_string(),
            ScopeKind::Class => format!("{}.{}", u.qualname, name),
            ScopeKind::Function => format!("{}.<locals>.{}", u.qualname, name),
        }
    }

    /// Emits defaults and returns MAKE_FUNCTION flags for them.
    pub(super) fn defaults(&mut self, p: &'a ast::Parameters) -> CResult<u32> {
        let mut flags = 0;
        let pos: Vec<&ast::Expr> = p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .filter_map(|a| a.default.as_deref())
            .collect();
        if !pos.is_empty() {
            for d in &pos {
                self.expr(d)?;
            }
            self.emit(Op::BuildTuple, pos.len() as u32);
            flags |= 1;
        }
        let kw: Vec<(&str, &ast::Expr)> = p
            .kwonlyargs
            .iter()
            .filter_map(|a| {
                a.default
                    .as_deref()
                    .map(|d| (a.parameter.name.id.as_str(), d))
            })
            .collect();
        if !kw.is_empty() {
            for (n, d) in &kw {
                let c = self.const_str(n);
                self.emit(Op::LoadConst, c);
                self.expr(d)?;
            }
            self.emit(Op::BuildMap, kw.len() as u32);
            flags |= 2;
        }
        Ok(flags)
    }

    pub(super) fn check_params(&self, p: &ast::Parameters) -> CResult {
        let mut seen = std::collections::HashSet::new();
        for a in p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .chain(p.kwonlyargs.iter())
        {
            if !seen.insert(a.parameter.name.id.as_str()) {
                return err(
                    format!(
                        "duplicate argument '{}' in function definition",
                        a.parameter.name.id.as_str()
                    ),
                    a.range,
                );
            }
        }
        for v in [&p.vararg, &p.kwarg].into_iter().flatten() {
            if !seen.insert(v.name.id.as_str()) {
                return err(
                    format!(
                        "duplicate argument '{}' in function definition",
                        v.name.id.as_str()
                    ),
                    v.range,
                );
            }
        }
        Ok(())
    }

    /// Emits the `__annotations__` dict of a function (flag 8), if any.
    pub(super) fn annotations(
        &mut self,
        p: &'a ast::Parameters,
        returns: Option<&'a ast::Expr>,
    ) -> CResult<u32> {
        let mut n = 0;
        let params = p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .chain(p.kwonlyargs.iter())
            .map(|a| &a.parameter)
            .chain(p.vararg.as_deref())
            .chain(p.kwarg.as_deref());
        for prm in params {
            if let Some(a) = &prm.annotation {
                let c = self.const_str(prm.name.id.as_str());
                self.emit(Op::LoadConst, c);
                self.expr(a)?;
                n += 1;
            }
        }
        if let Some(r) = returns {
            let c = self.const_str("return");
            self.emit(Op::LoadConst, c);
            self.expr(r)?;
            n += 1;
        }
        if n == 0 {
            return Ok(0);
        }
        self.emit(Op::BuildMap, n);
        Ok(8)
    }

    /// Emits closure cells for the function whose scope is `scope` and returns
    /// the MAKE_FUNCTION flag bit for them.
    pub(super) fn closure(&mut self, scope: usize) -> u32 {
        let frees = self.table.scopes[&scope].freevars.clone();
        if frees.is_empty() {
            return 0;
        }
        for f in &frees {
            let i = self.deref_index(f);
            self.emit(Op::LoadClosure, i);
        }
        self.emit(Op::BuildTuple, frees.len() as u32);
        4
    }

    pub(super) fn function_def(&mut self, f: &'a ast::StmtFunctionDef) -> CResult {
        if f.is_async {
            return err("gilgamesh does not support 'async def'", f.range);
        }
        if f.type_params.is_some() {
            return err("gilgamesh does not support type parameter lists", f.range);
        }
        self.check_params(&f.parameters)?;
        for d in &f.decorator_list {
            self.expr(&d.expression)?;
        }
        let mut flags = self.defaults(&f.parameters)?;
        flags |= self.annotations(&f.parameters, f.returns.as_deref())?;
        let k = key(f);
        flags |= self.closure(k);
        let qual = self.qualname_for(f.name.id.as_str());
        let code = self.function_body(
            k,
            f.name.id.as_str(),
            qual,
            &f.parameters,
            FunctionBody::Stmts(&f.body),
        )?;
        let c = self.const_value(code);
        self.emit(Op::LoadConst, c);
        self.emit(Op::MakeFunction, flags);
        for _ in &f.decorator_list {
            self.emit(Op::Call, 0);
        }
        self.store_name(f.name.id.as_str());
        Ok(())
    }

    pub(super) fn function_body(
        &mut self,
        k: usize,
        name: &str,
        qualname: String,
        p: &'a ast::Parameters,
        body: FunctionBody<'a>,
    ) -> CResult<Value> {
        self.enter(k, qualname);
        let mut doc = types::none();
        match body {
            FunctionBody::Stmts(stmts) => {
                let mut stmts: &[ast::Stmt] = stmts;
                if let Some(d) = docstring(stmts) {
                    doc = intern(&d);
                    stmts = &stmts[1..];
                }
                self.body(stmts)?;
                let n = self.const_none();
                self.emit(Op::LoadConst, n);
                self.emit(Op::ReturnValue, 0);
            }
            FunctionBody::Expr(e) => {
                self.expr(e)?;
                if self.u().is_generator {
                    self.emit(Op::PopTop, 0);
                    let n = self.const_none();
                    self.emit(Op::LoadConst, n);
                }
                self.emit(Op::ReturnValue, 0);
            }
        }
        let mut flags = 0;
        if p.vararg.is_some() {
            flags |= CO_VARARGS;
        }
        if p.kwarg.is_some() {
            flags |= CO_VARKEYWORDS;
        }
        let argcount = (p.posonlyargs.len() + p.args.len()) as u32;
        Ok(self.leave(
            name,
            argcount,
            p.posonlyargs.len() as u32,
            p.kwonlyargs.len() as u32,
            flags,
            doc,
        ))
    }

    pub(super) fn class_def(&mut self, c: &'a ast::StmtClassDef) -> CResult {
        if c.type_params.is_some() {
            return err("gilgamesh does not support type parameter lists", c.range);
        }
        for d in &c.decorator_list {
            self.expr(&d.expression)?;
        }
        self.emit(Op::LoadBuildClass, 0);
        self.emit(Op::PushNull, 0);
        let k = key(c);
        let name = c.name.id.as_str();
        let qual = self.qualname_for(name);
        // The body function.
        let flags = self.closure(k);
        self.enter(k, qual.clone());
        let mut body: &[ast::Stmt] = &c.body;
        let modname = self.name("__name__");
        self.emit(Op::LoadName, modname);
        let m = self.name("__module__");
        self.emit(Op::StoreName, m);
        let q = self.const_str(&qual);
        self.emit(Op::LoadConst, q);
        let qn = self.name("__qualname__");
        self.emit(Op::StoreName, qn);
        if has_annotations(&c.body) {
            self.emit(Op::SetupAnnotations, 0);
        }
        if let Some(d) = docstring(body) {
            let dc = self.const_str(&d);
            self.emit(Op::LoadConst, dc);
            let dn = self.name("__doc__");
            self.emit(Op::StoreName, dn);
            body = &body[1..];
        }
        self.body(body)?;
        if self.u().cellvars.iter().any(|c| c == "__class__") {
            let i = self.deref_index("__class__");
            self.emit(Op::LoadClosure, i);
            let cc = self.name("__classcell__");
            self.emit(Op::StoreName, cc);
        }
        let n = self.const_none();
        self.emit(Op::LoadConst, n);
        self.emit(Op::ReturnValue, 0);
        let code = self.leave(name, 0, 0, 0, 0, types::none());
        let ci = self.const_value(code);
        self.emit(Op::LoadConst, ci);
        self.emit(Op::MakeFunction, flags);
        let nc = self.const_str(name);
        self.emit(Op::LoadConst, nc);
        let (args, keywords): (&[ast::Expr], &[ast::Keyword]) = match &c.arguments {
            Some(a) => (&a.args, &a.keywords),
            None => (&[], &[]),
        };
        self.call_args(2, args, keywords)?;
        for _ in &c.decorator_list {
            self.emit(Op::Call, 0);
        }
        self.store_name(name);
        Ok(())
    }
}

pub(super) enum FunctionBody<'a> {
    Stmts(&'a [ast::Stmt]),
    Expr(&'a ast::Expr),
}

pub(super) enum CompKind<'a> {
    List(&'a ast::Expr),
    Set(&'a ast::Expr),
    Dict(&'a ast::Expr, &'a ast::Expr),
    Gen(&'a ast::Expr),
}

pub(super) fn empty_params() -> &'static ast::Parameters {
    static EMPTY: std::sync::OnceLock<StaticParams> = std::sync::OnceLock::new();
    &EMPTY
        .get_or_init(|| StaticParams(ast::Parameters::default()))
        .0
}

pub(super) struct StaticParams(ast::Parameters);
// SAFETY: the empty parameter list is never mutated after creation; its atomic
// node index is only read.
unsafe impl Sync for StaticParams {}
// SAFETY: as above.
unsafe impl Send for StaticParams {}

pub(super) fn binop(op: ast::Operator) -> BinOp {
    use ast::Operator as O;
    match op {
        O::Add => BinOp::Add,
        O::Sub => BinOp::Sub,
        O::Mult => BinOp::Mul,
        O::MatMult => BinOp::MatMul,
        O::Div => BinOp::TrueDiv,
        O::Mod => BinOp::Mod,
        O::Pow => BinOp::Pow,
        O::LShift => BinOp::LShift,
        O::RShift => BinOp::RShift,
        O::BitOr => BinOp::Or,
        O::BitXor => BinOp::Xor,
        O::BitAnd => BinOp::And,
        O::FloorDiv => BinOp::FloorDiv,
    }
}

pub(super) fn expr_kind_name(e: &ast::Expr) -> &'static str {
    use ast::Expr;
    match e {
        Expr::Call(_) => "function call",
        Expr::Compare(_) => "comparison",
        Expr::BinOp(_) | Expr::UnaryOp(_) | Expr::BoolOp(_) => "expression",
        Expr::NumberLiteral(_) | Expr::StringLiteral(_) | Expr::BytesLiteral(_) => "literal",
        Expr::BooleanLiteral(_) | Expr::NoneLiteral(_) => "constant",
        Expr::Lambda(_) => "lambda",
        Expr::If(_) => "conditional expression",
        Expr::Named(_) => "named expression",
        Expr::FString(_) => "f-string expression",
        Expr::ListComp(_) => "list comprehension",
        Expr::Generator(_) => "generator expression",
        _ => "expression",
    }
}

pub(super) fn int_const(i: &ast::Int) -> Value {
    if let Some(v) = i.as_i64() {
        if let Some(s) = Value::try_small(v) {
            return s;
        }
    }
    let text = i.to_string().replace('_', "");
    let lower = text.to_ascii_lowercase();
    let (digits, radix) = if let Some(r) = lower.strip_prefix("0x") {
        (r.to_string(), 16)
    } else if let Some(r) = lower.strip_prefix("0o") {
        (r.to_string(), 8)
    } else if let Some(r) = lower.strip_prefix("0b") {
        (r.to_string(), 2)
    } else {
        (lower, 10)
    };
    let b = num_bigint::BigInt::parse_bytes(digits.as_bytes(), radix).unwrap_or_default();
    crate::object::alloc_immortal(types::builtin_types().int.as_ptr(), types::BigIntData(b))
}
