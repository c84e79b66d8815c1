//! Code generation for expressions: operators, comparisons, calls,
//! displays, comprehensions, f-strings, lambdas and `yield`. Split from
//! [`super::codegen`], which owns the compiler state, statements and code
//! objects.

use ruff_python_ast as ast;
use ruff_text_size::Ranged;

use super::codegen::*;
use super::opcodes::{CmpOp, Op};
use super::symtable::{key, NameScope, ScopeKind};
use crate::object::Value;
use crate::types::{self, intern};

impl<'a> Compiler<'a> {
    // -------------------------------------------------------- expressions

    /// The slice of `x[a:b]` (no step), which loads and stores as
    /// `BINARY_SLICE` / `STORE_SLICE` with the two bounds on the stack
    /// instead of a slice object (CPython 3.12's bytecode does the same).
    pub(super) fn two_part_slice(key: &'a ast::Expr) -> Option<&'a ast::ExprSlice> {
        match key {
            ast::Expr::Slice(sl) if sl.step.is_none() => Some(sl),
            _ => None,
        }
    }

    /// Pushes a slice's lower and upper bounds (`None` for a missing one).
    pub(super) fn slice_bounds(&mut self, s: &'a ast::ExprSlice) -> CResult {
        for p in [&s.lower, &s.upper] {
            match p {
                Some(v) => self.expr(v)?,
                None => {
                    let n = self.const_none();
                    self.emit(Op::LoadConst, n);
                }
            }
        }
        Ok(())
    }

    pub(super) fn expr(&mut self, e: &'a ast::Expr) -> CResult {
        use ast::Expr;
        match e {
            Expr::NumberLiteral(_)
            | Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_) => {
                let v = self.constant_of(e)?.expect("literal");
                let c = self.literal_const(e, v);
                self.emit(Op::LoadConst, c);
            }
            Expr::Name(n) => self.load_name(n.id.as_str(), n.range)?,
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)?;
                self.emit(Op::BinaryOp, binop(b.op) as u32);
            }
            Expr::UnaryOp(u) => {
                // Fold negative numeric literals.
                if let (ast::UnaryOp::USub, Expr::NumberLiteral(n)) = (u.op, &*u.operand) {
                    match &n.value {
                        ast::Number::Int(i) if i.as_i64().is_some() => {
                            let v = -i.as_i64().unwrap_or(0);
                            let c =
                                self.add_const((2, v as u64, String::new()), || Value::small(v));
                            self.emit(Op::LoadConst, c);
                            return Ok(());
                        }
                        _ => {}
                    }
                }
                self.expr(&u.operand)?;
                self.emit(
                    match u.op {
                        ast::UnaryOp::Invert => Op::UnaryInvert,
                        ast::UnaryOp::Not => Op::UnaryNot,
                        ast::UnaryOp::UAdd => Op::UnaryPositive,
                        ast::UnaryOp::USub => Op::UnaryNegative,
                    },
                    0,
                );
            }
            Expr::BoolOp(b) => {
                let end = self.label();
                let n = b.values.len();
                for (i, v) in b.values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < n {
                        self.jump(
                            if b.op == ast::BoolOp::And {
                                Op::JumpIfFalseOrPop
                            } else {
                                Op::JumpIfTrueOrPop
                            },
                            end,
                        );
                    }
                }
                self.bind(end);
            }
            Expr::Compare(c) => self.compare(c)?,
            Expr::If(i) => {
                let orelse = self.label();
                let end = self.label();
                self.expr(&i.test)?;
                self.jump(Op::PopJumpIfFalse, orelse);
                self.expr(&i.body)?;
                self.jump(Op::Jump, end);
                self.bind(orelse);
                self.expr(&i.orelse)?;
                self.bind(end);
            }
            Expr::Named(n) => {
                self.expr(&n.value)?;
                self.emit(Op::Copy, 1);
                self.store_target(&n.target)?;
            }
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let n = self.name(a.attr.id.as_str());
                self.emit(Op::LoadAttr, n);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                if let Some(sl) = Self::two_part_slice(&s.slice) {
                    self.slice_bounds(sl)?;
                    self.emit(Op::BinarySlice, 0);
                } else {
                    self.expr(&s.slice)?;
                    self.emit(Op::BinarySubscr, 0);
                }
            }
            Expr::Slice(s) => {
                self.slice_bounds(s)?;
                match &s.step {
                    Some(v) => {
                        self.expr(v)?;
                        self.emit(Op::BuildSlice, 3);
                    }
                    None => self.emit(Op::BuildSlice, 2),
                }
            }
            Expr::Call(c) => {
                self.set_line(c.range());
                self.call(c)?;
            }
            Expr::Tuple(t) => {
                if let Some(v) = self.constant_of(e)? {
                    let c = self.const_value(v);
                    self.emit(Op::LoadConst, c);
                } else {
                    self.sequence(&t.elts, Op::BuildTuple)?;
                }
            }
            Expr::List(l) => self.sequence(&l.elts, Op::BuildList)?,
            Expr::Set(s) => self.sequence(&s.elts, Op::BuildSet)?,
            Expr::Dict(d) => self.dict(d)?,
            Expr::Lambda(l) => {
                let empty: &'a ast::Parameters = match &l.parameters {
                    Some(p) => p,
                    None => empty_params(),
                };
                self.check_params(empty)?;
                let mut flags = self.defaults(empty)?;
                let k = key(l);
                flags |= self.closure(k);
                let qual = self.qualname_for("<lambda>");
                let code =
                    self.function_body(k, "<lambda>", qual, empty, FunctionBody::Expr(&l.body))?;
                let c = self.const_value(code);
                self.emit(Op::LoadConst, c);
                self.emit(Op::MakeFunction, flags);
            }
            Expr::ListComp(c) => {
                self.comprehension(key(c), "<listcomp>", &c.generators, CompKind::List(&c.elt))?
            }
            Expr::SetComp(c) => {
                self.comprehension(key(c), "<setcomp>", &c.generators, CompKind::Set(&c.elt))?
            }
            Expr::DictComp(c) => {
                let Some(k) = &c.key else {
                    return err(
                        "dict unpacking cannot be used in dict comprehension",
                        c.range,
                    );
                };
                self.comprehension(
                    key(c),
                    "<dictcomp>",
                    &c.generators,
                    CompKind::Dict(k, &c.value),
                )?
            }
            Expr::Generator(c) => {
                self.comprehension(key(c), "<genexpr>", &c.generators, CompKind::Gen(&c.elt))?
            }
            Expr::Yield(y) => {
                if self.u().kind != ScopeKind::Function {
                    return err("'yield' outside function", y.range);
                }
                match &y.value {
                    Some(v) => self.expr(v)?,
                    None => {
                        let n = self.const_none();
                        self.emit(Op::LoadConst, n);
                    }
                }
                self.emit(Op::YieldValue, 0);
            }
            Expr::YieldFrom(y) => {
                if self.u().kind != ScopeKind::Function {
                    return err("'yield from' outside function", y.range);
                }
                self.expr(&y.value)?;
                self.emit(Op::GetYieldFromIter, 0);
                let n = self.const_none();
                self.emit(Op::LoadConst, n);
                let top = self.label();
                let end = self.label();
                self.bind(top);
                self.jump(Op::Send, end);
                self.emit(Op::YieldValue, 0);
                self.jump(Op::Jump, top);
                self.bind(end);
            }
            Expr::FString(f) => {
                let mut n = 0u32;
                for part in f.value.iter() {
                    match part {
                        ast::FStringPart::Literal(s) => {
                            let c = self.const_str(&s.value);
                            self.emit(Op::LoadConst, c);
                            n += 1;
                        }
                        ast::FStringPart::FString(fs) => {
                            for el in fs.elements.iter() {
                                n += self.fstring_element(el)?;
                            }
                        }
                    }
                }
                if n == 1 {
                    // A lone interpolation must still become a str.
                }
                if n == 0 {
                    let c = self.const_str("");
                    self.emit(Op::LoadConst, c);
                } else {
                    self.emit(Op::BuildString, n);
                }
            }
            Expr::Starred(s) => return err("can't use starred expression here", s.range),
            Expr::Await(a) => return err("gilgamesh does not support 'await'", a.range),
            Expr::TString(t) => return err("gilgamesh does not support template strings", t.range),
            Expr::IpyEscapeCommand(c) => return err("invalid syntax", c.range),
        }
        Ok(())
    }

    pub(super) fn literal_const(&mut self, e: &ast::Expr, v: Value) -> u32 {
        use ast::Expr;
        match e {
            Expr::StringLiteral(s) => self.const_str(s.value.to_str()),
            Expr::NoneLiteral(_) => self.const_none(),
            Expr::BooleanLiteral(b) => self.add_const((3, b.value as u64, String::new()), || v),
            Expr::NumberLiteral(n) => match &n.value {
                ast::Number::Int(i) => match i.as_i64() {
                    Some(x) => self.add_const((2, x as u64, String::new()), || v),
                    None => self.const_value(v),
                },
                ast::Number::Float(f) => self.add_const((4, f.to_bits(), String::new()), || v),
                _ => self.const_value(v),
            },
            _ => self.const_value(v),
        }
    }

    pub(super) fn fstring_element(
        &mut self,
        el: &'a ast::InterpolatedStringElement,
    ) -> CResult<u32> {
        match el {
            ast::InterpolatedStringElement::Literal(l) => {
                let c = self.const_str(&l.value);
                self.emit(Op::LoadConst, c);
                Ok(1)
            }
            ast::InterpolatedStringElement::Interpolation(i) => {
                let mut n = 0;
                let mut conv = match i.conversion {
                    ast::ConversionFlag::None => 0,
                    ast::ConversionFlag::Str => 1,
                    ast::ConversionFlag::Repr => 2,
                    ast::ConversionFlag::Ascii => 3,
                };
                if let Some(dbg) = &i.debug_text {
                    let c = self.const_str(dbg.as_str());
                    self.emit(Op::LoadConst, c);
                    n += 1;
                    if conv == 0 && i.format_spec.is_none() {
                        conv = 2;
                    }
                }
                self.expr(&i.expression)?;
                let mut flags = conv;
                if let Some(spec) = &i.format_spec {
                    let mut k = 0;
                    for e in spec.elements.iter() {
                        k += self.fstring_element(e)?;
                    }
                    if k == 0 {
                        let c = self.const_str("");
                        self.emit(Op::LoadConst, c);
                    } else if k > 1 {
                        self.emit(Op::BuildString, k);
                    }
                    flags |= 4;
                }
                self.emit(Op::FormatValue, flags);
                Ok(n + 1)
            }
        }
    }

    pub(super) fn compare(&mut self, c: &'a ast::ExprCompare) -> CResult {
        self.expr(&c.left)?;
        let n = c.ops.len();
        if n == 1 {
            self.expr(&c.comparators[0])?;
            self.cmp_op(c.ops[0]);
            return Ok(());
        }
        let cleanup = self.label();
        let end = self.label();
        for i in 0..n {
            self.expr(&c.comparators[i])?;
            if i + 1 < n {
                self.emit(Op::Swap, 2);
                self.emit(Op::Copy, 2);
                self.cmp_op(c.ops[i]);
                self.jump(Op::JumpIfFalseOrPop, cleanup);
            } else {
                self.cmp_op(c.ops[i]);
            }
        }
        self.jump(Op::Jump, end);
        self.bind(cleanup);
        self.emit(Op::Swap, 2);
        self.emit(Op::PopTop, 0);
        self.bind(end);
        Ok(())
    }

    pub(super) fn cmp_op(&mut self, op: ast::CmpOp) {
        use ast::CmpOp as C;
        match op {
            C::Eq => self.emit(Op::CompareOp, CmpOp::Eq as u32),
            C::NotEq => self.emit(Op::CompareOp, CmpOp::Ne as u32),
            C::Lt => self.emit(Op::CompareOp, CmpOp::Lt as u32),
            C::LtE => self.emit(Op::CompareOp, CmpOp::Le as u32),
            C::Gt => self.emit(Op::CompareOp, CmpOp::Gt as u32),
            C::GtE => self.emit(Op::CompareOp, CmpOp::Ge as u32),
            C::Is => self.emit(Op::IsOp, 0),
            C::IsNot => self.emit(Op::IsOp, 1),
            C::In => self.emit(Op::ContainsOp, 0),
            C::NotIn => self.emit(Op::ContainsOp, 1),
        }
    }

    /// A constant set display of three or more items compiles, as in CPython,
    /// to `BUILD_SET 0; LOAD_CONST frozenset; SET_UPDATE`, where the frozenset
    /// was built from the items and then rebuilt from its own iteration order
    /// (CPython's constant merging does that), so iteration order matches.
    pub(super) fn constant_set(&mut self, elts: &'a [ast::Expr]) -> CResult<bool> {
        if elts.len() < 3 {
            return Ok(false);
        }
        let mut items = Vec::new();
        for e in elts {
            match self.constant_of(e)? {
                Some(v) => items.push(v),
                None => return Ok(false),
            }
        }
        let build = |items: Vec<Value>| -> Option<types::SetData> {
            let s = types::SetData::new();
            for v in items {
                let h = crate::vm::protocol::const_hash(&v)?;
                s.add(v, h, &mut |a, b| {
                    Ok(types::dict::native_eq(a, b).unwrap_or(false))
                })
                .ok()?;
            }
            Some(s)
        };
        let Some(first) = build(items) else {
            return Ok(false);
        };
        let Some(second) = build(first.items()) else {
            return Ok(false);
        };
        let fs = crate::object::alloc_immortal(types::builtin_types().frozenset.as_ptr(), second);
        self.emit(Op::BuildSet, 0);
        let c = self.const_value(fs);
        self.emit(Op::LoadConst, c);
        self.emit(Op::SetUpdate, 1);
        Ok(true)
    }

    pub(super) fn sequence(&mut self, elts: &'a [ast::Expr], build: Op) -> CResult {
        if build == Op::BuildSet && self.constant_set(elts)? {
            return Ok(());
        }
        let has_star = elts.iter().any(|e| matches!(e, ast::Expr::Starred(_)));
        if !has_star {
            for e in elts {
                self.expr(e)?;
            }
            self.emit(build, elts.len() as u32);
            return Ok(());
        }
        let is_set = build == Op::BuildSet;
        self.emit(if is_set { Op::BuildSet } else { Op::BuildList }, 0);
        for e in elts {
            match e {
                ast::Expr::Starred(s) => {
                    self.expr(&s.value)?;
                    self.emit(
                        if is_set {
                            Op::SetUpdate
                        } else {
                            Op::ListExtend
                        },
                        1,
                    );
                }
                other => {
                    self.expr(other)?;
                    self.emit(if is_set { Op::SetAdd } else { Op::ListAppend }, 1);
                }
            }
        }
        if build == Op::BuildTuple {
            self.emit(Op::ListToTuple, 0);
        }
        Ok(())
    }

    pub(super) fn dict(&mut self, d: &'a ast::ExprDict) -> CResult {
        if d.items.iter().all(|i| i.key.is_some()) {
            for item in &d.items {
                self.expr(item.key.as_ref().expect("key"))?;
                self.expr(&item.value)?;
            }
            self.emit(Op::BuildMap, d.items.len() as u32);
            return Ok(());
        }
        self.emit(Op::BuildMap, 0);
        for item in &d.items {
            match &item.key {
                Some(k) => {
                    self.expr(k)?;
                    self.expr(&item.value)?;
                    self.emit(Op::MapAdd, 1);
                }
                None => {
                    self.expr(&item.value)?;
                    self.emit(Op::DictUpdate, 1);
                }
            }
        }
        Ok(())
    }

    pub(super) fn call(&mut self, c: &'a ast::ExprCall) -> CResult {
        // `super()` inside a method becomes `super(__class__, <first arg>)`.
        if let ast::Expr::Name(n) = &*c.func {
            if n.id.as_str() == "super"
                && c.arguments.args.is_empty()
                && c.arguments.keywords.is_empty()
                && self.scope().lookup("super") == NameScope::Global
                && self.u().kind == ScopeKind::Function
            {
                let first = self.scope().params.first().cloned();
                let has_class = self.u().freevars.iter().any(|f| f == "__class__");
                if let (Some(first), true) = (first, has_class) {
                    self.load_name("super", n.range)?;
                    self.emit(Op::PushNull, 0);
                    let i = self.deref_index("__class__");
                    self.emit(Op::LoadDeref, i);
                    self.load_name(&first, n.range)?;
                    self.emit(Op::Call, 2);
                    return Ok(());
                }
            }
        }
        if let ast::Expr::Name(n) = &*c.func {
            let name = n.id.as_str();
            let unshadowed = matches!(
                self.scope().lookup(name),
                NameScope::Global | NameScope::Name
            ) && !self.table.scopes[&0].bound.contains(name)
                && !self.scope().bound.contains(name);
            if unshadowed && c.arguments.args.is_empty() && c.arguments.keywords.is_empty() {
                match name {
                    "globals" => {
                        self.emit(Op::LoadGlobals, 0);
                        return Ok(());
                    }
                    "locals" | "vars" => {
                        self.emit(Op::LoadLocals, 0);
                        return Ok(());
                    }
                    "dir" => {
                        self.emit(Op::LoadLocals, 0);
                        self.emit(Op::CallIntrinsic, 0);
                        return Ok(());
                    }
                    _ => {}
                }
            }
        }
        if let ast::Expr::Attribute(a) = &*c.func {
            let simple = !c
                .arguments
                .args
                .iter()
                .any(|x| matches!(x, ast::Expr::Starred(_)))
                && !c.arguments.keywords.iter().any(|k| k.arg.is_none());
            if simple {
                self.expr(&a.value)?;
                let n = self.name(a.attr.id.as_str());
                self.emit(Op::LoadMethod, n);
                return self.call_args(0, &c.arguments.args, &c.arguments.keywords);
            }
        }
        self.expr(&c.func)?;
        self.emit(Op::PushNull, 0);
        self.call_args(0, &c.arguments.args, &c.arguments.keywords)
    }

    /// Emits arguments and the call; `pre` positional arguments are already on
    /// the stack (for class definitions).
    pub(super) fn call_args(
        &mut self,
        pre: u32,
        args: &'a [ast::Expr],
        keywords: &'a [ast::Keyword],
    ) -> CResult {
        let has_star = args.iter().any(|x| matches!(x, ast::Expr::Starred(_)));
        let has_dstar = keywords.iter().any(|k| k.arg.is_none());
        if !has_star && !has_dstar {
            for a in args {
                self.expr(a)?;
            }
            if keywords.is_empty() {
                self.emit(Op::Call, pre + args.len() as u32);
            } else {
                let mut names = Vec::new();
                let mut seen = std::collections::HashSet::new();
                for k in keywords {
                    let name = k.arg.as_ref().expect("keyword").id.as_str();
                    if !seen.insert(name) {
                        return err(format!("keyword argument repeated: {name}"), k.range);
                    }
                    self.expr(&k.value)?;
                    names.push(intern(name));
                }
                let tup = crate::object::alloc_immortal(
                    types::builtin_types().tuple.as_ptr(),
                    types::seq::tuple_payload(names),
                );
                let c = self.const_value(tup);
                self.emit(Op::LoadConst, c);
                self.emit(Op::CallKw, pre + (args.len() + keywords.len()) as u32);
            }
            return Ok(());
        }
        // General form: build a tuple of positionals and a dict of keywords.
        self.emit(Op::BuildList, pre);
        for a in args {
            match a {
                ast::Expr::Starred(s) => {
                    self.expr(&s.value)?;
                    self.emit(Op::ListExtend, 1);
                }
                other => {
                    self.expr(other)?;
                    self.emit(Op::ListAppend, 1);
                }
            }
        }
        self.emit(Op::ListToTuple, 0);
        if keywords.is_empty() {
            self.emit(Op::CallEx, 0);
            return Ok(());
        }
        self.emit(Op::BuildMap, 0);
        for k in keywords {
            match &k.arg {
                Some(name) => {
                    let c = self.const_str(name.id.as_str());
                    self.emit(Op::LoadConst, c);
                    self.expr(&k.value)?;
                    self.emit(Op::BuildMap, 1);
                    self.emit(Op::DictMerge, 1);
                }
                None => {
                    self.expr(&k.value)?;
                    self.emit(Op::DictMerge, 1);
                }
            }
        }
        self.emit(Op::CallEx, 1);
        Ok(())
    }

    pub(super) fn comprehension(
        &mut self,
        k: usize,
        name: &str,
        gens: &'a [ast::Comprehension],
        kind: CompKind<'a>,
    ) -> CResult {
        for g in gens {
            if g.is_async {
                return err(
                    "gilgamesh does not support asynchronous comprehensions",
                    g.range,
                );
            }
        }
        let flags = self.closure(k);
        let qual = self.qualname_for(name);
        self.enter(k, qual);
        match kind {
            CompKind::List(_) => self.emit(Op::BuildList, 0),
            CompKind::Set(_) => self.emit(Op::BuildSet, 0),
            CompKind::Dict(..) => self.emit(Op::BuildMap, 0),
            CompKind::Gen(_) => {}
        }
        self.comp_loop(gens, 0, &kind)?;
        if matches!(kind, CompKind::Gen(_)) {
            let n = self.const_none();
            self.emit(Op::LoadConst, n);
        }
        self.emit(Op::ReturnValue, 0);
        let code = self.leave(name, 1, 0, 0, 0, types::none());
        let c = self.const_value(code);
        self.emit(Op::LoadConst, c);
        self.emit(Op::MakeFunction, flags);
        self.emit(Op::PushNull, 0);
        self.expr(&gens[0].iter)?;
        self.emit(Op::GetIter, 0);
        self.emit(Op::Call, 1);
        Ok(())
    }

    pub(super) fn comp_loop(
        &mut self,
        gens: &'a [ast::Comprehension],
        depth: usize,
        kind: &CompKind<'a>,
    ) -> CResult {
        let g = &gens[depth];
        let top = self.label();
        let end = self.label();
        if depth == 0 {
            self.emit(Op::LoadFast, 0);
        } else {
            self.expr(&g.iter)?;
            self.emit(Op::GetIter, 0);
        }
        self.bind(top);
        self.jump(Op::ForIter, end);
        self.store_target(&g.target)?;
        for cond in &g.ifs {
            self.expr(cond)?;
            self.jump(Op::PopJumpIfFalse, top);
        }
        if depth + 1 < gens.len() {
            self.comp_loop(gens, depth + 1, kind)?;
        } else {
            let d = (gens.len() + 1) as u32;
            match kind {
                CompKind::List(e) => {
                    self.expr(e)?;
                    self.emit(Op::ListAppend, d);
                }
                CompKind::Set(e) => {
                    self.expr(e)?;
                    self.emit(Op::SetAdd, d);
                }
                CompKind::Dict(k, v) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    self.emit(Op::MapAdd, d);
                }
                CompKind::Gen(e) => {
                    self.expr(e)?;
                    self.emit(Op::YieldValue, 0);
                    self.emit(Op::PopTop, 0);
                }
            }
        }
        self.jump(Op::Jump, top);
        self.bind(end);
        Ok(())
    }
}
