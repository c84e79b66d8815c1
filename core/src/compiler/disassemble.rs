//! The disassembler behind `gilgamesh dis`: one line per instruction with its
//! source line, offset, name and resolved argument, then nested code objects.

use super::code::CodeObject;
use super::opcodes::{ArgKind, BinOp, CmpOp};
use crate::object::Value;
use crate::types::str::as_str;

fn const_repr(v: &Value) -> String {
    if let Some(i) = v.as_small() {
        return i.to_string();
    }
    if let Some(s) = as_str(v) {
        return crate::format::str_repr(s);
    }
    if let Some(c) = v.downcast::<CodeObject>() {
        return format!("<code object {}>", c.name_str());
    }
    if let Some(f) = v.as_float() {
        return crate::format::float_repr(f);
    }
    if crate::types::is_none(v) {
        return "None".into();
    }
    format!("<{:?}>", v.kind())
}

/// Disassembles a code object and every code object nested in it.
pub fn disassemble(code: &Value) -> String {
    let mut out = String::new();
    let mut queue = vec![code.clone()];
    while let Some(c) = queue.pop() {
        let co = c.downcast::<CodeObject>().expect("code");
        out.push_str(&format!(
            "Disassembly of <code object {} from {}, line {}> (args={}, locals={}, stack={}):\n",
            crate::types::str::as_str(&co.qualname).unwrap_or("?"),
            co.filename_str(),
            co.first_line,
            co.argcount,
            co.varnames.len(),
            co.stacksize
        ));
        let mut last_line = 0;
        let nested: Vec<Value> = co
            .consts
            .iter()
            .filter(|k| k.downcast::<CodeObject>().is_some())
            .cloned()
            .collect();
        for (i, ins) in co.code.iter().enumerate() {
            let line = co.lines[i];
            let lcol = if line != last_line {
                last_line = line;
                format!("{line:>5}")
            } else {
                "     ".into()
            };
            let a = ins.arg as usize;
            let shown = match ins.op.arg_kind() {
                ArgKind::None => String::new(),
                ArgKind::Const => format!(
                    "{a} ({})",
                    co.consts.get(a).map(const_repr).unwrap_or_default()
                ),
                ArgKind::Name => {
                    format!("{a} ({})", co.names.get(a).and_then(as_str).unwrap_or("?"))
                }
                ArgKind::Local => format!(
                    "{a} ({})",
                    co.varnames.get(a).and_then(as_str).unwrap_or("?")
                ),
                ArgKind::Deref => {
                    let n = co.cellvars.iter().chain(co.freevars.iter()).nth(a);
                    format!("{a} ({})", n.and_then(as_str).unwrap_or("?"))
                }
                ArgKind::Jump => format!("to {a}"),
                ArgKind::Count => a.to_string(),
                ArgKind::BinOp => {
                    let (op, inplace) = BinOp::decode(ins.arg);
                    format!("{a} ({}{})", op.symbol(), if inplace { "=" } else { "" })
                }
                ArgKind::Compare => format!(
                    "{a} ({})",
                    CmpOp::ALL.get(a).map(|c| c.symbol()).unwrap_or("?")
                ),
            };
            out.push_str(&format!("{lcol} {i:>6} {:<22} {shown}\n", ins.op.name()));
        }
        out.push('\n');
        for n in nested.into_iter().rev() {
            queue.push(n);
        }
    }
    out
}
