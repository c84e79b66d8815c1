//! `str` case conversions (`upper`, `lower`, `casefold`, `swapcase`, `title`,
//! `capitalize`) and character-class predicates (`isalpha`, `isdigit`, ...),
//! following CPython 3.11's `unicodeobject.c` with Unicode 14.0 data.

use super::str::this;
use super::str_unicode as uni;
use super::{m, Method};
use crate::object::Value;
use crate::types::{self, Kwargs, PyResult};
use crate::vm::Vm;

use super::str::no_kw;

/// `check_call` for `str` methods, with counts that include the receiver.
fn nargs(name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    super::str::check_call(args, "str", name, min - 1, max - 1)
}

/// The property bits (`str_unicode::ALPHA`, ...) of `c`.
pub fn props(c: char) -> u16 {
    let cp = c as u32;
    let i = uni::PROPS.partition_point(|&(start, _)| start <= cp);
    uni::PROPS[i - 1].1
}

fn has(c: char, bits: u16) -> bool {
    props(c) & bits != 0
}

/// CPython's `_PyUnicode_IsCased`.
pub fn is_cased(c: char) -> bool {
    has(c, uni::LOWER | uni::UPPER | uni::TITLE)
}

fn no_case_map(c: char) -> bool {
    uni::NO_CASE_MAP.binary_search(&(c as u32)).is_ok()
}

fn table_lookup(table: &'static [(u32, &'static str)], c: char) -> Option<&'static str> {
    table
        .binary_search_by_key(&(c as u32), |&(k, _)| k)
        .ok()
        .map(|i| table[i].1)
}

/// Appends the full lowercase mapping of `c` (no final-sigma rule).
pub fn push_lower(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if no_case_map(c) {
        out.push(c);
    } else {
        out.extend(c.to_lowercase());
    }
}

/// Appends the full uppercase mapping of `c`.
pub fn push_upper(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_uppercase());
    } else if no_case_map(c) {
        out.push(c);
    } else {
        out.extend(c.to_uppercase());
    }
}

/// Appends the full titlecase mapping of `c`.
pub fn push_title(c: char, out: &mut String) {
    match table_lookup(uni::TITLE_MAP, c) {
        Some(t) => out.push_str(t),
        None => push_upper(c, out),
    }
}

/// Appends the full case folding of `c`.
pub fn push_fold(c: char, out: &mut String) {
    match table_lookup(uni::FOLD_MAP, c) {
        Some(t) => out.push_str(t),
        None => push_lower(c, out),
    }
}

const CAPITAL_SIGMA: char = '\u{3a3}';

/// CPython's `handle_capital_sigma`: whether the capital sigma at `i` ends a
/// word (and so lowercases to the final form).
fn final_sigma(chars: &[char], i: usize) -> bool {
    let cased_before = chars[..i]
        .iter()
        .rev()
        .find(|&&c| !has(c, uni::CASE_IGNORABLE))
        .is_some_and(|&c| is_cased(c));
    if !cased_before {
        return false;
    }
    !chars[i + 1..]
        .iter()
        .find(|&&c| !has(c, uni::CASE_IGNORABLE))
        .is_some_and(|&c| is_cased(c))
}

/// Appends the lowercase of `chars[i]`, applying the final-sigma rule.
fn push_lower_at(chars: &[char], i: usize, out: &mut String) {
    let c = chars[i];
    if c == CAPITAL_SIGMA {
        out.push(if final_sigma(chars, i) {
            '\u{3c2}'
        } else {
            '\u{3c3}'
        });
    } else {
        push_lower(c, out);
    }
}

/// `s.lower()` with CPython's semantics.
pub fn lower_str(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for i in 0..chars.len() {
        push_lower_at(&chars, i, &mut out);
    }
    out
}

/// `s.upper()` with CPython's semantics.
pub fn upper_str(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_upper(c, &mut out);
    }
    out
}

fn upper(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "upper", &kw)?;
    nargs("upper", args, 1, 1)?;
    Ok(types::new_str(upper_str(this(args)?)))
}

fn lower(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "lower", &kw)?;
    nargs("lower", args, 1, 1)?;
    Ok(types::new_str(lower_str(this(args)?)))
}

fn casefold(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "casefold", &kw)?;
    nargs("casefold", args, 1, 1)?;
    let s = this(args)?;
    if s.is_ascii() {
        return Ok(types::new_str(s.to_ascii_lowercase()));
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_fold(c, &mut out);
    }
    Ok(types::new_str(out))
}

fn swapcase(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "swapcase", &kw)?;
    nargs("swapcase", args, 1, 1)?;
    let chars: Vec<char> = this(args)?.chars().collect();
    let mut out = String::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        let p = props(c);
        if p & uni::UPPER != 0 {
            push_lower_at(&chars, i, &mut out);
        } else if p & uni::LOWER != 0 {
            push_upper(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Ok(types::new_str(out))
}

fn title(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "title", &kw)?;
    nargs("title", args, 1, 1)?;
    let chars: Vec<char> = this(args)?.chars().collect();
    let mut out = String::with_capacity(chars.len());
    let mut prev_cased = false;
    for (i, &c) in chars.iter().enumerate() {
        if prev_cased {
            push_lower_at(&chars, i, &mut out);
        } else {
            push_title(c, &mut out);
        }
        prev_cased = is_cased(c);
    }
    Ok(types::new_str(out))
}

fn capitalize(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "capitalize", &kw)?;
    nargs("capitalize", args, 1, 1)?;
    let chars: Vec<char> = this(args)?.chars().collect();
    let mut out = String::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        if i == 0 {
            push_title(c, &mut out);
        } else {
            push_lower_at(&chars, i, &mut out);
        }
    }
    Ok(types::new_str(out))
}

/// True if `s` is non-empty and every character satisfies `f`.
fn all_nonempty(s: &str, f: impl Fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(f)
}

/// CPython's `Py_UNICODE_ISALNUM`.
pub fn is_alnum(c: char) -> bool {
    has(c, uni::ALPHA | uni::NUMERIC)
}

/// Defines a predicate method from a per-string test.
macro_rules! predicate {
    ($name:ident, $pyname:literal, |$s:ident| $body:expr) => {
        fn $name(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
            no_kw(args, $pyname, &kw)?;
            nargs($pyname, args, 1, 1)?;
            let $s = this(args)?;
            Ok(types::bool_value($body))
        }
    };
}

predicate!(isalpha, "isalpha", |s| all_nonempty(s, |c| has(
    c,
    uni::ALPHA
)));
predicate!(isdigit, "isdigit", |s| all_nonempty(s, |c| has(
    c,
    uni::DIGIT
)));
predicate!(isnumeric, "isnumeric", |s| all_nonempty(s, |c| has(
    c,
    uni::NUMERIC
)));
predicate!(isdecimal, "isdecimal", |s| all_nonempty(s, |c| {
    crate::format::decimal_digit_value(c).is_some()
}));
predicate!(isalnum, "isalnum", |s| all_nonempty(s, is_alnum));
predicate!(isspace, "isspace", |s| all_nonempty(
    s,
    crate::format::is_py_space
));
predicate!(isascii, "isascii", |s| s.is_ascii());
predicate!(isprintable, "isprintable", |s| s
    .chars()
    .all(crate::format::is_printable));
predicate!(isidentifier, "isidentifier", |s| is_identifier(s));
predicate!(islower, "islower", |s| case_test(
    s,
    uni::LOWER,
    uni::UPPER | uni::TITLE
));
predicate!(isupper, "isupper", |s| case_test(
    s,
    uni::UPPER,
    uni::LOWER | uni::TITLE
));
predicate!(istitle, "istitle", |s| is_title(s));

/// True if `s` is a valid identifier (XID_Start or `_`, then XID_Continue).
pub fn is_identifier(s: &str) -> bool {
    let mut it = s.chars();
    match it.next() {
        Some(c) if has(c, uni::XID_START) => it.all(|c| has(c, uni::XID_CONTINUE)),
        _ => false,
    }
}

/// `islower`/`isupper`: no character with a `bad` property, at least one with `want`.
fn case_test(s: &str, want: u16, bad: u16) -> bool {
    let mut cased = false;
    for c in s.chars() {
        let p = props(c);
        if p & bad != 0 {
            return false;
        }
        cased |= p & want != 0;
    }
    cased
}

fn is_title(s: &str) -> bool {
    let (mut cased, mut prev_cased) = (false, false);
    for c in s.chars() {
        let p = props(c);
        if p & (uni::UPPER | uni::TITLE) != 0 {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if p & uni::LOWER != 0 {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

/// The case-conversion and predicate methods of `str`.
pub fn methods() -> Vec<Method> {
    vec![
        m("upper", upper),
        m("lower", lower),
        m("casefold", casefold),
        m("swapcase", swapcase),
        m("title", title),
        m("capitalize", capitalize),
        m("isalpha", isalpha),
        m("isdigit", isdigit),
        m("isnumeric", isnumeric),
        m("isdecimal", isdecimal),
        m("isalnum", isalnum),
        m("isspace", isspace),
        m("isascii", isascii),
        m("isprintable", isprintable),
        m("isidentifier", isidentifier),
        m("islower", islower),
        m("isupper", isupper),
        m("istitle", istitle),
    ]
}
