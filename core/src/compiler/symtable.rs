//! Scope analysis: decides for every name in every scope whether it is a fast
//! local, a cell, a free variable, a global or a namespace (module/class) name.
//!
//! Scopes are keyed by the address of their AST node, so the code generator,
//! walking the same tree, finds the scope of each function, lambda, class and
//! comprehension it meets.

use std::collections::{HashMap, HashSet};

use ruff_python_ast as ast;
use ruff_text_size::{Ranged, TextRange};

/// What kind of block a scope is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ScopeKind {
    /// A module body.
    Module,
    /// A class body.
    Class,
    /// A function, lambda or comprehension.
    Function,
}

/// How a name is accessed in a scope.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NameScope {
    /// Fast local slot.
    Local,
    /// Local captured by an inner scope (lives in a cell).
    Cell,
    /// Captured from an enclosing function.
    Free,
    /// Declared `global`, or not bound anywhere enclosing (functions).
    Global,
    /// Namespace lookup (module and class bodies).
    Name,
}

/// The analysis result for one scope.
#[derive(Debug)]
pub struct Scope {
    /// Block kind.
    pub kind: ScopeKind,
    /// Name (function or class name, `<lambda>`, `<listcomp>`...).
    pub name: String,
    /// Names bound here (assigned, parameters, imports, defs).
    pub bound: HashSet<String>,
    /// Names used here.
    pub used: HashSet<String>,
    /// `global` declarations.
    pub globals: HashSet<String>,
    /// `nonlocal` declarations.
    pub nonlocals: HashSet<String>,
    /// Parameters in order.
    pub params: Vec<String>,
    /// Child scope keys in order.
    pub children: Vec<usize>,
    /// Resolved names.
    pub resolved: HashMap<String, NameScope>,
    /// Cell variables, in order.
    pub cellvars: Vec<String>,
    /// Free variables, in order.
    pub freevars: Vec<String>,
    /// Contains `yield`.
    pub is_generator: bool,
    /// Uses `super` or `__class__` (needs the implicit `__class__` cell).
    pub needs_class_cell: bool,
    /// Parent scope key.
    pub parent: Option<usize>,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str, parent: Option<usize>) -> Scope {
        Scope {
            kind,
            name: name.to_string(),
            bound: HashSet::new(),
            used: HashSet::new(),
            globals: HashSet::new(),
            nonlocals: HashSet::new(),
            params: Vec::new(),
            children: Vec::new(),
            resolved: HashMap::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            is_generator: false,
            needs_class_cell: false,
            parent,
        }
    }

    /// How `name` is accessed here.
    pub fn lookup(&self, name: &str) -> NameScope {
        if let Some(s) = self.resolved.get(name) {
            return *s;
        }
        match self.kind {
            ScopeKind::Function => NameScope::Global,
            _ => NameScope::Name,
        }
    }
}

/// A scope-analysis error (a SyntaxError at a location).
#[derive(Debug)]
pub struct SymError {
    /// Message.
    pub msg: String,
    /// Where.
    pub range: TextRange,
}

/// All scopes of a module.
pub struct SymbolTable {
    /// Scopes by key (AST node address); the module is key 0.
    pub scopes: HashMap<usize, Scope>,
}

/// Key of an AST node.
pub fn key<T>(node: &T) -> usize {
    node as *const T as usize
}

struct Builder {
    scopes: HashMap<usize, Scope>,
    stack: Vec<usize>,
    error: Option<SymError>,
    depth: usize,
}

/// Deepest nesting of statements and expressions the compiler accepts; deeper
/// sources are rejected with a SyntaxError instead of exhausting the native
/// stack (CPython reports such sources as too complex as well).
pub const MAX_NESTING: usize = 1000;

impl Builder {
    fn cur(&mut self) -> &mut Scope {
        let k = *self.stack.last().expect("scope stack");
        self.scopes.get_mut(&k).expect("scope")
    }

    fn err(&mut self, msg: String, range: TextRange) {
        if self.error.is_none() {
            self.error = Some(SymError { msg, range });
        }
    }

    fn bind(&mut self, name: &str) {
        self.cur().bound.insert(name.to_string());
    }

    fn use_name(&mut self, name: &str) {
        self.cur().used.insert(name.to_string());
        if name == "super" || name == "__class__" {
            self.cur().needs_class_cell = true;
        }
    }

    fn push(&mut self, k: usize, kind: ScopeKind, name: &str) {
        let parent = self.stack.last().copied();
        if let Some(p) = parent {
            self.scopes.get_mut(&p).expect("parent").children.push(k);
        }
        self.scopes.insert(k, Scope::new(kind, name, parent));
        self.stack.push(k);
    }

    fn pop(&mut self) {
        self.stack.pop();
    }

    fn body(&mut self, stmts: &[ast::Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    fn params(&mut self, p: &ast::Parameters) {
        for a in p.posonlyargs.iter().chain(p.args.iter()) {
            let n = a.parameter.name.id.as_str().to_string();
            self.cur().params.push(n.clone());
            self.bind(&n);
        }
        // CPython's co_varnames order: positional, keyword-only, *args, **kwargs.
        for a in p.kwonlyargs.iter() {
            let n = a.parameter.name.id.as_str().to_string();
            self.cur().params.push(n.clone());
            self.bind(&n);
        }
        if let Some(v) = &p.vararg {
            let n = v.name.id.as_str().to_string();
            self.cur().params.push(n.clone());
            self.bind(&n);
        }
        if let Some(v) = &p.kwarg {
            let n = v.name.id.as_str().to_string();
            self.cur().params.push(n.clone());
            self.bind(&n);
        }
    }

    fn param_defaults(&mut self, p: &ast::Parameters) {
        for a in p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .chain(p.kwonlyargs.iter())
        {
            if let Some(d) = &a.default {
                self.expr(d);
            }
        }
    }

    fn stmt(&mut self, s: &ast::Stmt) {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            self.err("too many nested blocks and expressions".into(), s.range());
        } else if self.error.is_none() {
            self.stmt_inner(s);
        }
        self.depth -= 1;
    }

    fn stmt_inner(&mut self, s: &ast::Stmt) {
        use ast::Stmt;
        match s {
            Stmt::FunctionDef(f) => {
                for d in &f.decorator_list {
                    self.expr(&d.expression);
                }
                self.param_defaults(&f.parameters);
                self.bind(f.name.id.as_str());
                self.push(key(f), ScopeKind::Function, f.name.id.as_str());
                self.params(&f.parameters);
                self.body(&f.body);
                self.pop();
            }
            Stmt::ClassDef(c) => {
                for d in &c.decorator_list {
                    self.expr(&d.expression);
                }
                if let Some(args) = &c.arguments {
                    for a in args.args.iter() {
                        self.expr(a);
                    }
                    for k in args.keywords.iter() {
                        self.expr(&k.value);
                    }
                }
                self.bind(c.name.id.as_str());
                self.push(key(c), ScopeKind::Class, c.name.id.as_str());
                self.body(&c.body);
                self.pop();
            }
            Stmt::Return(r) => {
                if let Some(v) = &r.value {
                    self.expr(v);
                }
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.target(t);
                }
            }
            Stmt::Assign(a) => {
                self.expr(&a.value);
                for t in &a.targets {
                    self.target(t);
                }
            }
            Stmt::AugAssign(a) => {
                self.expr(&a.value);
                if let ast::Expr::Name(n) = &*a.target {
                    self.use_name(n.id.as_str());
                }
                self.target(&a.target);
            }
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.expr(v);
                    self.target(&a.target);
                } else if let ast::Expr::Name(n) = &*a.target {
                    // A bare annotation still makes the name local.
                    self.bind(n.id.as_str());
                } else {
                    self.target(&a.target);
                }
            }
            Stmt::For(f) => {
                self.expr(&f.iter);
                self.target(&f.target);
                self.body(&f.body);
                self.body(&f.orelse);
            }
            Stmt::While(w) => {
                self.expr(&w.test);
                self.body(&w.body);
                self.body(&w.orelse);
            }
            Stmt::If(i) => {
                self.expr(&i.test);
                self.body(&i.body);
                for c in &i.elif_else_clauses {
                    if let Some(t) = &c.test {
                        self.expr(t);
                    }
                    self.body(&c.body);
                }
            }
            Stmt::With(w) => {
                for item in &w.items {
                    self.expr(&item.context_expr);
                    if let Some(v) = &item.optional_vars {
                        self.target(v);
                    }
                }
                self.body(&w.body);
            }
            Stmt::Raise(r) => {
                if let Some(e) = &r.exc {
                    self.expr(e);
                }
                if let Some(e) = &r.cause {
                    self.expr(e);
                }
            }
            Stmt::Try(t) => {
                self.body(&t.body);
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(ty) = &h.type_ {
                        self.expr(ty);
                    }
                    if let Some(n) = &h.name {
                        self.bind(n.id.as_str());
                    }
                    self.body(&h.body);
                }
                self.body(&t.orelse);
                self.body(&t.finalbody);
            }
            Stmt::Assert(a) => {
                self.expr(&a.test);
                if let Some(m) = &a.msg {
                    self.expr(m);
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let bound = match &a.asname {
                        Some(n) => n.id.as_str().to_string(),
                        None => a
                            .name
                            .id
                            .as_str()
                            .split('.')
                            .next()
                            .unwrap_or("")
                            .to_string(),
                    };
                    self.bind(&bound);
                }
            }
            Stmt::ImportFrom(i) => {
                for a in &i.names {
                    if a.name.id.as_str() == "*" {
                        if self.cur().kind == ScopeKind::Function {
                            self.err("import * only allowed at module level".into(), i.range());
                        }
                        continue;
                    }
                    let bound = a.asname.as_ref().unwrap_or(&a.name).id.as_str().to_string();
                    self.bind(&bound);
                }
            }
            Stmt::Global(g) => {
                for n in &g.names {
                    let name = n.id.as_str().to_string();
                    let sc = self.cur();
                    if sc.params.contains(&name) {
                        let msg = format!("name '{name}' is parameter and global");
                        self.err(msg, n.range);
                        continue;
                    }
                    if sc.bound.contains(&name) || sc.used.contains(&name) {
                        let what = if sc.bound.contains(&name) {
                            "assigned to"
                        } else {
                            "used"
                        };
                        let msg = format!("name '{name}' is {what} before global declaration");
                        self.err(msg, n.range);
                        continue;
                    }
                    self.cur().globals.insert(name);
                }
            }
            Stmt::Nonlocal(g) => {
                if self.cur().kind != ScopeKind::Function {
                    self.err(
                        "nonlocal declaration not allowed at module level".into(),
                        g.range(),
                    );
                    return;
                }
                for n in &g.names {
                    let name = n.id.as_str().to_string();
                    let sc = self.cur();
                    if sc.params.contains(&name) {
                        let msg = format!("name '{name}' is parameter and nonlocal");
                        self.err(msg, n.range);
                        continue;
                    }
                    if sc.bound.contains(&name) || sc.used.contains(&name) {
                        let what = if sc.bound.contains(&name) {
                            "assigned to"
                        } else {
                            "used"
                        };
                        let msg = format!("name '{name}' is {what} before nonlocal declaration");
                        self.err(msg, n.range);
                        continue;
                    }
                    self.cur().nonlocals.insert(name);
                }
            }
            Stmt::Expr(e) => self.expr(&e.value),
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) => {}
            Stmt::Match(_) | Stmt::TypeAlias(_) | Stmt::IpyEscapeCommand(_) => {}
        }
    }

    fn target(&mut self, t: &ast::Expr) {
        use ast::Expr;
        match t {
            Expr::Name(n) => self.bind(n.id.as_str()),
            Expr::Tuple(tu) => {
                for e in &tu.elts {
                    self.target(e);
                }
            }
            Expr::List(l) => {
                for e in &l.elts {
                    self.target(e);
                }
            }
            Expr::Starred(s) => self.target(&s.value),
            Expr::Attribute(a) => self.expr(&a.value),
            Expr::Subscript(s) => {
                self.expr(&s.value);
                self.expr(&s.slice);
            }
            other => self.expr(other),
        }
    }

    fn comprehension(
        &mut self,
        node_key: usize,
        name: &str,
        gens: &[ast::Comprehension],
        elts: &[&ast::Expr],
    ) {
        // The first iterable is evaluated in the enclosing scope.
        if let Some(first) = gens.first() {
            self.expr(&first.iter);
        }
        self.push(node_key, ScopeKind::Function, name);
        self.cur().params.push(".0".into());
        self.bind(".0");
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                self.expr(&g.iter);
            }
            self.target(&g.target);
            for cond in &g.ifs {
                self.expr(cond);
            }
        }
        for e in elts {
            self.expr(e);
        }
        if name == "<genexpr>" {
            self.cur().is_generator = true;
        }
        self.pop();
    }

    fn expr(&mut self, e: &ast::Expr) {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            self.err("too many nested expressions".into(), e.range());
        } else if self.error.is_none() {
            self.expr_inner(e);
        }
        self.depth -= 1;
    }

    fn expr_inner(&mut self, e: &ast::Expr) {
        use ast::Expr;
        match e {
            Expr::BoolOp(b) => b.values.iter().for_each(|v| self.expr(v)),
            Expr::Named(n) => {
                self.expr(&n.value);
                // The walrus binds in the nearest non-comprehension scope.
                if let Expr::Name(name) = &*n.target {
                    let mut idx = self.stack.len() - 1;
                    while idx > 0 {
                        let sc = &self.scopes[&self.stack[idx]];
                        let is_comp = sc.name.starts_with('<')
                            && sc.name != "<lambda>"
                            && sc.params.first().is_some_and(|p| p == ".0");
                        if !is_comp {
                            break;
                        }
                        idx -= 1;
                    }
                    let k = self.stack[idx];
                    let top = *self.stack.last().expect("scope");
                    self.scopes
                        .get_mut(&k)
                        .expect("scope")
                        .bound
                        .insert(name.id.as_str().to_string());
                    if k != top {
                        // Inside the comprehension the target is a nonlocal/global.
                        let outer_kind = self.scopes[&k].kind;
                        let sc = self.scopes.get_mut(&top).expect("scope");
                        if outer_kind == ScopeKind::Function {
                            sc.nonlocals.insert(name.id.as_str().to_string());
                        } else {
                            sc.globals.insert(name.id.as_str().to_string());
                        }
                        // Intermediate comprehensions see it as free too.
                        for j in (idx + 1)..self.stack.len() - 1 {
                            let kk = self.stack[j];
                            let sc = self.scopes.get_mut(&kk).expect("scope");
                            if outer_kind == ScopeKind::Function {
                                sc.nonlocals.insert(name.id.as_str().to_string());
                            } else {
                                sc.globals.insert(name.id.as_str().to_string());
                            }
                        }
                    }
                } else {
                    self.target(&n.target);
                }
            }
            Expr::BinOp(b) => {
                self.expr(&b.left);
                self.expr(&b.right);
            }
            Expr::UnaryOp(u) => self.expr(&u.operand),
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.param_defaults(p);
                }
                self.push(key(l), ScopeKind::Function, "<lambda>");
                if let Some(p) = &l.parameters {
                    self.params(p);
                }
                self.expr(&l.body);
                self.pop();
            }
            Expr::If(i) => {
                self.expr(&i.test);
                self.expr(&i.body);
                self.expr(&i.orelse);
            }
            Expr::Dict(d) => {
                for item in &d.items {
                    if let Some(k) = &item.key {
                        self.expr(k);
                    }
                    self.expr(&item.value);
                }
            }
            Expr::Set(s) => s.elts.iter().for_each(|v| self.expr(v)),
            Expr::ListComp(c) => self.comprehension(key(c), "<listcomp>", &c.generators, &[&c.elt]),
            Expr::SetComp(c) => self.comprehension(key(c), "<setcomp>", &c.generators, &[&c.elt]),
            Expr::DictComp(c) => {
                let mut elts: Vec<&ast::Expr> = vec![];
                if let Some(k) = &c.key {
                    elts.push(k);
                }
                elts.push(&c.value);
                self.comprehension(key(c), "<dictcomp>", &c.generators, &elts)
            }
            Expr::Generator(c) => self.comprehension(key(c), "<genexpr>", &c.generators, &[&c.elt]),
            Expr::Await(a) => self.expr(&a.value),
            Expr::Yield(y) => {
                self.cur().is_generator = true;
                if let Some(v) = &y.value {
                    self.expr(v);
                }
            }
            Expr::YieldFrom(y) => {
                self.cur().is_generator = true;
                self.expr(&y.value);
            }
            Expr::Compare(c) => {
                self.expr(&c.left);
                c.comparators.iter().for_each(|v| self.expr(v));
            }
            Expr::Call(c) => {
                self.expr(&c.func);
                c.arguments.args.iter().for_each(|v| self.expr(v));
                c.arguments
                    .keywords
                    .iter()
                    .for_each(|k| self.expr(&k.value));
            }
            Expr::FString(f) => {
                for el in f.value.elements() {
                    self.fstring_element(el);
                }
            }
            Expr::Attribute(a) => self.expr(&a.value),
            Expr::Subscript(s) => {
                self.expr(&s.value);
                self.expr(&s.slice);
            }
            Expr::Starred(s) => self.expr(&s.value),
            Expr::Name(n) => match n.ctx {
                ast::ExprContext::Store | ast::ExprContext::Del => self.bind(n.id.as_str()),
                _ => self.use_name(n.id.as_str()),
            },
            Expr::List(l) => l.elts.iter().for_each(|v| self.expr(v)),
            Expr::Tuple(t) => t.elts.iter().for_each(|v| self.expr(v)),
            Expr::Slice(s) => {
                for p in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.expr(p);
                }
            }
            Expr::TString(_)
            | Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_)
            | Expr::IpyEscapeCommand(_) => {}
        }
    }

    fn fstring_element(&mut self, el: &ast::InterpolatedStringElement) {
        if let ast::InterpolatedStringElement::Interpolation(i) = el {
            self.expr(&i.expression);
            if let Some(spec) = &i.format_spec {
                for e in spec.elements.iter() {
                    self.fstring_element(e);
                }
            }
        }
    }
}

/// Runs scope analysis over a module.
pub fn analyze(module: &ast::ModModule) -> Result<SymbolTable, SymError> {
    let mut b = Builder {
        scopes: HashMap::new(),
        stack: Vec::new(),
        error: None,
        depth: 0,
    };
    b.push(0, ScopeKind::Module, "<module>");
    b.body(&module.body);
    b.pop();
    if let Some(e) = b.error {
        return Err(e);
    }
    let mut table = SymbolTable { scopes: b.scopes };
    resolve(&mut table, 0, &HashSet::new())?;
    Ok(table)
}

/// Resolves scope `k` given the names visible as function locals in enclosing
/// function scopes (`enclosing`). Returns the set of names this scope (or its
/// children) need from outside as free variables.
fn resolve(
    table: &mut SymbolTable,
    k: usize,
    enclosing: &HashSet<String>,
) -> Result<HashSet<String>, SymError> {
    let (kind, children, bound, used, globals, nonlocals, needs_class_cell) = {
        let s = &table.scopes[&k];
        (
            s.kind,
            s.children.clone(),
            s.bound.clone(),
            s.used.clone(),
            s.globals.clone(),
            s.nonlocals.clone(),
            s.needs_class_cell,
        )
    };
    let mut resolved: HashMap<String, NameScope> = HashMap::new();
    let mut free: HashSet<String> = HashSet::new();

    for n in &nonlocals {
        if !enclosing.contains(n) {
            return Err(SymError {
                msg: format!("no binding for nonlocal '{n}' found"),
                range: TextRange::default(),
            });
        }
        resolved.insert(n.clone(), NameScope::Free);
        free.insert(n.clone());
    }
    for n in &globals {
        resolved.insert(n.clone(), NameScope::Global);
    }
    for n in &bound {
        if resolved.contains_key(n) {
            continue;
        }
        resolved.insert(
            n.clone(),
            if kind == ScopeKind::Function {
                NameScope::Local
            } else {
                NameScope::Name
            },
        );
    }
    for n in &used {
        if resolved.contains_key(n) {
            continue;
        }
        if enclosing.contains(n) {
            resolved.insert(n.clone(), NameScope::Free);
            free.insert(n.clone());
        }
    }
    // What children see as enclosing function locals.
    let mut child_env = enclosing.clone();
    if kind == ScopeKind::Function {
        for (n, s) in &resolved {
            match s {
                NameScope::Local | NameScope::Free => {
                    child_env.insert(n.clone());
                }
                NameScope::Global => {
                    child_env.remove(n);
                }
                _ => {}
            }
        }
    } else if kind == ScopeKind::Class {
        // Methods see the implicit __class__ cell of their class.
        child_env.insert("__class__".into());
        for n in &globals {
            child_env.remove(n);
        }
    } else {
        child_env.clear();
    }
    let mut cells: Vec<String> = Vec::new();
    let mut class_cell_needed = false;
    for c in &children {
        let child_free = resolve(table, *c, &child_env)?;
        for n in child_free {
            if kind == ScopeKind::Class && n == "__class__" {
                class_cell_needed = true;
                continue;
            }
            match resolved.get(&n) {
                Some(NameScope::Local) | Some(NameScope::Cell) if kind == ScopeKind::Function => {
                    resolved.insert(n.clone(), NameScope::Cell);
                    if !cells.contains(&n) {
                        cells.push(n);
                    }
                }
                Some(NameScope::Free) => {}
                _ => {
                    // Passes through this scope (a class body or an intermediate
                    // function that does not bind it).
                    if kind == ScopeKind::Function && !resolved.contains_key(&n) {
                        resolved.insert(n.clone(), NameScope::Free);
                    }
                    free.insert(n);
                }
            }
        }
    }
    if needs_class_cell && kind == ScopeKind::Function && enclosing.contains("__class__") {
        resolved
            .entry("__class__".into())
            .or_insert(NameScope::Free);
        free.insert("__class__".into());
    }
    let s = table.scopes.get_mut(&k).expect("scope");
    if class_cell_needed {
        cells.push("__class__".into());
    }
    let mut freevars: Vec<String> = free
        .iter()
        .filter(|n| {
            resolved.get(*n) == Some(&NameScope::Free)
                || (kind == ScopeKind::Class && *n != "__class__")
        })
        .cloned()
        .collect();
    freevars.sort();
    if kind == ScopeKind::Class {
        // Free names in a class body are read with LOAD_CLASSDEREF.
        for n in &freevars {
            resolved.entry(n.clone()).or_insert(NameScope::Free);
        }
    }
    s.resolved = resolved;
    s.cellvars = cells;
    s.freevars = freevars;
    Ok(free)
}
