//! Printing uncaught exceptions the way CPython does: the chain of causes and
//! contexts, "Traceback (most recent call last):", one entry per frame with
//! its source line, then `Type: message`.

use super::protocol::{str_string, type_of};
use super::Vm;
use crate::object::Value;
use crate::types::exception::exc_data;
use crate::types::typeobj::TypeData;
use crate::types::{self, str::as_str};

fn source_line(file: &str, line: u32) -> Option<String> {
    let text = std::fs::read_to_string(file).ok()?;
    let l = text.lines().nth(line.checked_sub(1)? as usize)?;
    let t = l.trim();
    if t.is_empty() {
        None
    } else {
        Some(t.to_string())
    }
}

/// `Type: message` (or just `Type`), with the module prefix for user classes.
pub fn exception_only(vm: &mut Vm, e: &Value) -> String {
    let ty = type_of(e);
    let td = ty.downcast::<TypeData>().expect("type");
    let mut name = td.qualname.get();
    if let Some(m) = td.dict().get_str(crate::name!("__module__")) {
        if let Some(m) = as_str(&m) {
            if m != "builtins" && m != "__main__" {
                name = format!("{m}.{name}");
            }
        }
    }
    let msg = match str_string(vm, e) {
        Ok(s) => s,
        Err(_) => "<exception str() failed>".to_string(),
    };
    // SyntaxError carries its location in its args.
    if msg.is_empty() {
        name
    } else {
        format!("{name}: {msg}")
    }
}

fn format_one(vm: &mut Vm, e: &Value, out: &mut String) {
    if let Some(d) = exc_data(e) {
        let tb = d.traceback.get();
        if !tb.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            for entry in tb.iter().rev() {
                let co = entry
                    .code
                    .downcast::<crate::compiler::code::CodeObject>()
                    .expect("code");
                out.push_str(&format!(
                    "  File \"{}\", line {}, in {}\n",
                    co.filename_str(),
                    entry.line,
                    co.name_str()
                ));
                if let Some(src) = source_line(co.filename_str(), entry.line) {
                    out.push_str(&format!("    {src}\n"));
                }
            }
        }
    }
    out.push_str(&exception_only(vm, e));
    out.push('\n');
}

/// The full report for an uncaught exception, with chained exceptions first.
pub fn format_exception(vm: &mut Vm, e: &Value) -> String {
    let mut chain: Vec<(Value, &'static str)> = Vec::new();
    let mut cur = e.clone();
    let mut seen = vec![cur.bits()];
    while let Some(d) = exc_data(&cur) {
        let cause = d.cause.get();
        let context = d.context.get();
        let next = if !types::is_none(&cause) {
            Some((
                cause,
                "\nThe above exception was the direct cause of the following exception:\n\n",
            ))
        } else if !types::is_none(&context) && !d.suppress_context.get() {
            Some((
                context,
                "\nDuring handling of the above exception, another exception occurred:\n\n",
            ))
        } else {
            None
        };
        match next {
            Some((n, sep)) if !seen.contains(&n.bits()) => {
                seen.push(n.bits());
                chain.push((n.clone(), sep));
                cur = n;
            }
            _ => break,
        }
    }
    let mut out = String::new();
    for (ex, sep) in chain.iter().rev() {
        format_one(vm, ex, &mut out);
        out.push_str(sep);
    }
    format_one(vm, e, &mut out);
    out
}
