//! `float(str)` and `int(str, base)` parsing, ported from CPython 3.11's
//! `PyFloat_FromString`, `_Py_string_to_number_with_underscores` and
//! `PyLong_FromString` (including `_PyUnicode_TransformDecimalAndSpaceToASCII`,
//! so Unicode whitespace and Unicode decimal digits are accepted).

use num_bigint::BigInt;
use num_traits::{Num, Zero};

use super::{decimal_digit_value, is_py_space};

/// `_PyUnicode_TransformDecimalAndSpaceToASCII`: ASCII kept, Unicode
/// whitespace becomes `' '`, Unicode decimal digits become ASCII digits;
/// anything else makes the input invalid (`None`).
fn to_ascii(s: &str) -> Option<String> {
    if s.is_ascii() {
        return Some(s.to_string());
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if (c as u32) < 0x7F {
            out.push(c);
        } else if is_py_space(c) {
            out.push(' ');
        } else {
            let d = decimal_digit_value(c)?;
            out.push(char::from(b'0' + d as u8));
        }
    }
    Some(out)
}

/// C `Py_ISSPACE`: ASCII whitespace only.
fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// `_Py_string_to_number_with_underscores`: underscores only between
/// digits; returns the string without them.
fn remove_underscores(s: &str) -> Option<String> {
    if !s.contains('_') {
        return Some(s.to_string());
    }
    let mut out = String::with_capacity(s.len());
    let mut prev = 0u8;
    for &b in s.as_bytes() {
        if b == b'_' {
            if !prev.is_ascii_digit() {
                return None;
            }
        } else {
            if prev == b'_' && !b.is_ascii_digit() {
                return None;
            }
            out.push(char::from(b));
        }
        prev = b;
    }
    if prev == b'_' {
        return None;
    }
    Some(out)
}

/// The strict decimal grammar `_Py_dg_strtod` accepts, consuming all of `b`:
/// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`.
fn is_decimal_literal(b: &[u8]) -> bool {
    let mut i = 0;
    let count_digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let mut mantissa = count_digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        mantissa += count_digits(&mut i);
    }
    if mantissa == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if count_digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Python's `float(s)` for a `str` argument: `None` where CPython raises
/// `ValueError: could not convert string to float: ...`.
///
/// Accepts surrounding whitespace, a sign, decimal literals with optional
/// fraction and exponent, single underscores between digits, and
/// `inf`/`infinity`/`nan` in any case. Out-of-range values become `±inf`
/// or `±0.0`, as in CPython.
pub fn parse_float_literal(s: &str) -> Option<f64> {
    let t = remove_underscores(&to_ascii(s)?)?;
    let body = t.trim_matches(|c: char| c.is_ascii() && is_c_space(c as u8));
    if body.is_empty() {
        return None;
    }
    if is_decimal_literal(body.as_bytes()) {
        return body.parse::<f64>().ok();
    }
    let (negative, word) = match body.as_bytes()[0] {
        b'-' => (true, &body[1..]),
        b'+' => (false, &body[1..]),
        _ => (false, body),
    };
    let v = if word.eq_ignore_ascii_case("inf") || word.eq_ignore_ascii_case("infinity") {
        f64::INFINITY
    } else if word.eq_ignore_ascii_case("nan") {
        f64::NAN
    } else {
        return None;
    };
    Some(if negative { -v } else { v })
}

fn digit_value(b: u8) -> u32 {
    match b {
        b'0'..=b'9' => u32::from(b - b'0'),
        b'a'..=b'z' => u32::from(b - b'a') + 10,
        b'A'..=b'Z' => u32::from(b - b'A') + 10,
        _ => 99,
    }
}

/// Python's `int(s, base)` for a `str` argument: `None` where CPython raises
/// `ValueError: invalid literal for int() with base N: ...` (and for a base
/// outside `0` and `2..=36`, which the caller should reject first with
/// "int() base must be >= 2 and <= 36, or 0").
///
/// Handles surrounding whitespace, a sign, `0x`/`0o`/`0b` prefixes (base 0,
/// or the matching base) with one optional underscore after them, single
/// underscores between digits, and base 0's ban on leading zeros. CPython's
/// `sys.int_info.default_max_str_digits` limit (4300 digits for non-power-of-two
/// bases) is not applied here.
pub fn parse_int_literal(s: &str, base: u32) -> Option<BigInt> {
    if base == 1 || base > 36 {
        return None;
    }
    let t = to_ascii(s)?;
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() && is_c_space(b[i]) {
        i += 1;
    }
    let mut negative = false;
    match b.get(i) {
        Some(b'+') => i += 1,
        Some(b'-') => {
            negative = true;
            i += 1;
        }
        _ => {}
    }
    let at = |k: usize| b.get(k).copied().unwrap_or(0).to_ascii_lowercase();
    let mut base = base;
    let mut error_if_nonzero = false;
    if base == 0 {
        base = match (at(i), at(i + 1)) {
            (b'0', b'x') => 16,
            (b'0', b'o') => 8,
            (b'0', b'b') => 2,
            (b'0', _) => {
                error_if_nonzero = true;
                10
            }
            _ => 10,
        };
    }
    if at(i) == b'0' && matches!((base, at(i + 1)), (16, b'x') | (8, b'o') | (2, b'b')) {
        i += 2;
        if at(i) == b'_' {
            i += 1;
        }
    }
    if at(i) == b'_' {
        return None;
    }
    let mut digits = String::new();
    let mut prev = 0u8;
    while i < b.len() && (digit_value(b[i]) < base || b[i] == b'_') {
        if b[i] == b'_' {
            if prev == b'_' {
                return None;
            }
        } else {
            digits.push(char::from(b[i]));
        }
        prev = b[i];
        i += 1;
    }
    if prev == b'_' || digits.is_empty() {
        return None;
    }
    while i < b.len() && is_c_space(b[i]) {
        i += 1;
    }
    if i != b.len() {
        return None;
    }
    let v = BigInt::from_str_radix(&digits, base).ok()?;
    if error_if_nonzero && !v.is_zero() {
        return None;
    }
    Some(if negative { -v } else { v })
}
