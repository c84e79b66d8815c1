//! The `string` module: the character-class constants and `capwords`.

use super::{add_functions, set_attr};
use crate::object::Value;
use crate::types::exception::type_error;
use crate::types::{self, str::as_str, Kwargs, PyResult};
use crate::vm::Vm;

const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";
const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS: &str = "0123456789";
const PUNCTUATION: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
const WHITESPACE: &str = " \t\n\r\x0b\x0c";

/// `capwords(s, sep=None)`: `(sep or ' ').join(w.capitalize() for w in
/// s.split(sep))`.
fn capwords(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let mut s = args.first().cloned();
    let mut sep = args.get(1).cloned();
    if args.len() > 2 {
        return Err(type_error(format!(
            "capwords() takes from 1 to 2 positional arguments but {} were given",
            args.len()
        )));
    }
    for (k, v) in kw.iter() {
        match k {
            "s" if s.is_none() => s = Some(v.clone()),
            "sep" if sep.is_none() => sep = Some(v.clone()),
            _ => {
                return Err(type_error(format!(
                    "capwords() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    let s =
        s.ok_or_else(|| type_error("capwords() missing 1 required positional argument: 's'"))?;
    let text = as_str(&s).ok_or_else(|| {
        type_error(format!(
            "descriptor 'split' for 'str' objects doesn't apply to a '{}' object",
            crate::vm::protocol::type_name(&s)
        ))
    })?;
    let sep = match sep {
        Some(v) if !types::is_none(&v) => Some(
            as_str(&v)
                .ok_or_else(|| {
                    type_error(format!(
                        "must be str or None, not {}",
                        crate::vm::protocol::type_name(&v)
                    ))
                })?
                .to_string(),
        ),
        _ => None,
    };
    let words: Vec<&str> = match sep.as_deref() {
        None => text.split(is_py_space).filter(|w| !w.is_empty()).collect(),
        Some("") => return Err(crate::types::exception::value_error("empty separator")),
        Some(p) => text.split(p).collect(),
    };
    let caps: Vec<String> = words.into_iter().map(capitalize).collect();
    let joiner = sep.as_deref().unwrap_or(" ");
    Ok(types::new_str(caps.join(joiner)))
}

/// `str.isspace` for one character (Unicode whitespace plus the ASCII
/// separators `\x1c`..`\x1f`).
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// `str.capitalize`: first character upper (title) case, the rest lower case.
fn capitalize(w: &str) -> String {
    let mut chars = w.chars();
    match chars.next() {
        None => String::new(),
        Some(c) => {
            let mut out: String = c.to_uppercase().collect();
            out.push_str(&chars.as_str().to_lowercase());
            out
        }
    }
}

/// Creates the `string` module.
pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let _ = vm;
    let m = crate::vm::import::new_module("string");
    let letters = format!("{LOWER}{UPPER}");
    set_attr(&m, "ascii_lowercase", types::new_str(LOWER));
    set_attr(&m, "ascii_uppercase", types::new_str(UPPER));
    set_attr(&m, "ascii_letters", types::new_str(letters.as_str()));
    set_attr(&m, "digits", types::new_str(DIGITS));
    set_attr(&m, "hexdigits", types::new_str("0123456789abcdefABCDEF"));
    set_attr(&m, "octdigits", types::new_str("01234567"));
    set_attr(&m, "punctuation", types::new_str(PUNCTUATION));
    set_attr(&m, "whitespace", types::new_str(WHITESPACE));
    set_attr(
        &m,
        "printable",
        types::new_str(format!("{DIGITS}{letters}{PUNCTUATION}{WHITESPACE}")),
    );
    add_functions(&m, "string", &[("capwords", capwords)]);
    Ok(m)
}
