//! The front end: parse with `ruff_python_parser`, analyse scopes, and lower
//! to gilgamesh bytecode. Parse and compile errors become `SyntaxError`s in
//! CPython's shape (file, line, offset, source text).

pub mod code;
pub mod codegen;
pub mod codegen_expr;
pub mod disassemble;
pub mod dispatch_code;
pub mod opcodes;
pub mod stack_verify;
pub mod symtable;

use crate::object::Value;
use crate::types::{self, exception, PyErr};

/// A syntax error with its location (1-based line and column).
#[derive(Debug, Clone)]
pub struct SyntaxErrorInfo {
    /// `SyntaxError` or `IndentationError`.
    pub kind: &'static str,
    /// CPython-style message.
    pub msg: String,
    /// File name.
    pub filename: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub col: u32,
    /// The source line.
    pub text: String,
}

fn line_col(source: &str, offset: usize) -> (u32, u32, String) {
    let offset = offset.min(source.len());
    let before = &source[..offset];
    let line = before.matches('\n').count() as u32 + 1;
    let start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = source[start..offset].chars().count() as u32 + 1;
    let end = source[start..]
        .find('\n')
        .map(|i| start + i)
        .unwrap_or(source.len());
    (line, col, source[start..end].to_string())
}

/// Finds the first bracket that is never closed (CPython reports it instead
/// of the parser's complaint at the end).
fn unclosed_bracket(source: &str) -> Option<(usize, char)> {
    let b = source.as_bytes();
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i] as char;
        match c {
            '#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            '\'' | '"' => {
                let triple = i + 2 < b.len() && b[i + 1] == b[i] && b[i + 2] == b[i];
                let q = b[i];
                i += if triple { 3 } else { 1 };
                while i < b.len() {
                    if b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if triple {
                        if i + 2 < b.len() && b[i] == q && b[i + 1] == q && b[i + 2] == q {
                            i += 2;
                            break;
                        }
                    } else if b[i] == q || b[i] == b'\n' {
                        break;
                    }
                    i += 1;
                }
            }
            '(' | '[' | '{' => stack.push((i, c)),
            ')' | ']' | '}' => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    stack.first().copied()
}

fn cpython_message(msg: &str) -> (&'static str, String) {
    if msg.starts_with("Unexpected indentation") {
        return ("IndentationError", "unexpected indent".into());
    }
    if msg.starts_with("Expected an indented block") {
        let m = msg.replace('`', "'");
        let mut c = m.chars();
        let first = c
            .next()
            .map(|f| f.to_lowercase().to_string())
            .unwrap_or_default();
        return ("IndentationError", first + c.as_str());
    }
    if msg.contains("nindent") {
        return (
            "IndentationError",
            "unindent does not match any outer indentation level".into(),
        );
    }
    let base = msg.split(", found").next().unwrap_or(msg).replace('`', "'");
    let mut c = base.chars();
    let first = c
        .next()
        .map(|f| f.to_lowercase().to_string())
        .unwrap_or_default();
    ("SyntaxError", first + c.as_str())
}

/// Most nested brackets CPython's tokenizer accepts (`MAXLEVEL`).
const MAX_BRACKETS: usize = 200;
/// Longest run of prefix operators accepted before parsing (the parser
/// recurses once per prefix operator).
const MAX_PREFIX_RUN: usize = 1000;

/// Rejects sources nested so deeply that parsing them would recurse without
/// bound: returns the message and byte offset of the first offence.
fn too_deep(source: &str) -> Option<(String, usize)> {
    let b = source.as_bytes();
    let mut depth = 0usize;
    let mut prefix_run = 0usize;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'\'' | b'"' => {
                let triple = i + 2 < b.len() && b[i + 1] == c && b[i + 2] == c;
                i += if triple { 3 } else { 1 };
                while i < b.len() {
                    if b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if triple {
                        if i + 2 < b.len() && b[i] == c && b[i + 1] == c && b[i + 2] == c {
                            i += 3;
                            break;
                        }
                    } else if b[i] == c || b[i] == b'\n' {
                        i += 1;
                        break;
                    }
                    i += 1;
                }
                prefix_run = 0;
                continue;
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_BRACKETS {
                    return Some(("too many nested parentheses".into(), i));
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b'-' | b'+' | b'~' => {
                prefix_run += 1;
                if prefix_run > MAX_PREFIX_RUN {
                    return Some(("too many nested expressions".into(), i));
                }
            }
            b' ' | b'\t' | b'\\' | b'\r' | b'\n' => {}
            b'n' if source[i..].starts_with("not")
                && !b
                    .get(i + 3)
                    .is_some_and(|x| x.is_ascii_alphanumeric() || *x == b'_')
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                prefix_run += 1;
                if prefix_run > MAX_PREFIX_RUN {
                    return Some(("too many nested expressions".into(), i));
                }
                i += 3;
                continue;
            }
            b'l' if source[i..].starts_with("lambda") => {
                prefix_run += 1;
                if prefix_run > MAX_PREFIX_RUN {
                    return Some(("too many nested expressions".into(), i));
                }
                i += 6;
                continue;
            }
            b':' => {}
            _ => prefix_run = 0,
        }
        i += 1;
    }
    None
}

/// Parses and compiles a module.
pub fn compile_source(source: &str, filename: &str) -> Result<Value, SyntaxErrorInfo> {
    types::init::init_and_get();
    if let Some((msg, offset)) = too_deep(source) {
        let (line, col, src) = line_col(source, offset);
        return Err(SyntaxErrorInfo {
            kind: "SyntaxError",
            msg,
            filename: filename.to_string(),
            line,
            col,
            text: src,
        });
    }
    let parsed = match ruff_python_parser::parse_module(source) {
        Ok(p) => p,
        Err(e) => {
            let msg = e.error.to_string();
            let (kind, text, offset) = if let (Some((off, ch)), true) = (
                unclosed_bracket(source),
                !msg.starts_with("Unexpected indentation"),
            ) {
                ("SyntaxError", format!("'{ch}' was never closed"), off)
            } else {
                let (k, m) = cpython_message(&msg);
                (k, m, u32::from(e.location.start()) as usize)
            };
            let (line, col, src) = line_col(source, offset);
            return Err(SyntaxErrorInfo {
                kind,
                msg: text,
                filename: filename.to_string(),
                line,
                col,
                text: src,
            });
        }
    };
    let module = parsed.syntax();
    let result = codegen::compile_module(module, source, filename);
    if result.is_err() {
        // A rejected source may be a very deep tree; dropping it recursively
        // could exhaust the native stack, so it is leaked instead (compile
        // errors are rare and usually end the process).
        std::mem::forget(parsed);
    }
    result.map_err(|e| {
        let (line, col, src) = line_col(source, u32::from(e.range.start()) as usize);
        SyntaxErrorInfo {
            kind: "SyntaxError",
            msg: e.msg,
            filename: filename.to_string(),
            line,
            col,
            text: src,
        }
    })
}

/// Converts a syntax error into a Python `SyntaxError` exception.
pub fn syntax_error_exception(info: &SyntaxErrorInfo) -> PyErr {
    let et = types::exc_types();
    let ty = if info.kind == "IndentationError" {
        et.indentation_error.v()
    } else {
        et.syntax_error.v()
    };
    let details = types::new_tuple(vec![
        types::new_str(info.filename.as_str()),
        Value::small(info.line as i64),
        Value::small(info.col as i64),
        types::new_str(format!("{}\n", info.text)),
    ]);
    PyErr(exception::new_exception(
        ty,
        vec![types::new_str(info.msg.as_str()), details],
    ))
}

/// Formats a syntax error the way CPython prints an uncaught one.
pub fn format_syntax_error(info: &SyntaxErrorInfo) -> String {
    let trimmed = info.text.trim_start();
    let indent = info.text.chars().count() - trimmed.chars().count();
    let caret = (info.col as usize).saturating_sub(1).saturating_sub(indent);
    format!(
        "  File \"{}\", line {}\n    {}\n    {}^\n{}: {}\n",
        info.filename,
        info.line,
        trimmed.trim_end(),
        " ".repeat(caret),
        info.kind,
        info.msg
    )
}
