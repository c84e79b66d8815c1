//! `float.hex()` and `float.fromhex()` with CPython's exact output format,
//! accepted syntax, round-half-even conversion and error messages.

use num_bigint::BigUint;
use num_traits::Zero;

use super::fp::{frexp, ldexp, round_to_f64};
use super::{NumError, NumResult};

/// Message for malformed input to `float.fromhex`.
pub const MSG_FROMHEX_INVALID: &str = "invalid hexadecimal floating-point string";
/// Message for `float.fromhex` results beyond the float range.
pub const MSG_FROMHEX_OVERFLOW: &str = "hexadecimal value too large to represent as a float";

/// `float.hex()`, e.g. `0x1.8000000000000p+0`; infinities and NaNs give
/// their `repr` (`inf`, `-inf`, `nan`).
pub fn float_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    if x == 0.0 {
        return if x.is_sign_negative() {
            "-0x0.0p+0"
        } else {
            "0x0.0p+0"
        }
        .to_string();
    }
    let (m, e) = frexp(x.abs());
    let shift = 1 - (-1021 - e).max(0);
    let mut m = ldexp(m, shift);
    let mut e = e - shift;
    let mut s = String::with_capacity(24);
    if x < 0.0 {
        s.push('-');
    }
    s.push_str("0x");
    let hexdig = |d: f64| char::from_digit(d as u32, 16).unwrap_or('0');
    s.push(hexdig(m));
    m -= m.trunc();
    s.push('.');
    for _ in 0..13 {
        m *= 16.0;
        s.push(hexdig(m));
        m -= m.trunc();
    }
    s.push('p');
    if e < 0 {
        s.push('-');
        e = -e;
    } else {
        s.push('+');
    }
    s.push_str(&e.to_string());
    s
}

/// Python's `_Py_parse_inf_or_nan` on the start of `s`: the value and the
/// number of bytes consumed (0 when `s` does not start with inf/nan).
fn parse_inf_or_nan(s: &[u8]) -> (f64, usize) {
    let mut i = 0;
    let mut negate = false;
    if let Some(&c) = s.first() {
        if c == b'-' {
            negate = true;
            i = 1;
        } else if c == b'+' {
            i = 1;
        }
    }
    let rest = &s[i..];
    let starts = |word: &str| {
        rest.len() >= word.len() && rest[..word.len()].eq_ignore_ascii_case(word.as_bytes())
    };
    let (v, n) = if starts("infinity") {
        (f64::INFINITY, 8)
    } else if starts("inf") {
        (f64::INFINITY, 3)
    } else if starts("nan") {
        (f64::NAN, 3)
    } else {
        return (0.0, 0);
    };
    (if negate { -v } else { v }, i + n)
}

fn is_py_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// `float.fromhex(s)`.
pub fn float_fromhex(text: &str) -> NumResult<f64> {
    let s = text.as_bytes();
    let invalid = || NumError::value(MSG_FROMHEX_INVALID);
    let mut i = 0;
    while i < s.len() && is_py_space(s[i]) {
        i += 1;
    }
    let (special, used) = parse_inf_or_nan(&s[i..]);
    let value = if used > 0 {
        i += used;
        special
    } else {
        let mut negate = false;
        if i < s.len() && (s[i] == b'-' || s[i] == b'+') {
            negate = s[i] == b'-';
            i += 1;
        }
        if i + 1 < s.len() && s[i] == b'0' && (s[i + 1] == b'x' || s[i + 1] == b'X') {
            i += 2;
        }
        // coefficient: hex digits [. hex digits]
        let mut mant = BigUint::zero();
        let mut ndigits = 0usize;
        let mut fdigits = 0i64;
        while i < s.len() && s[i].is_ascii_hexdigit() {
            mant = (mant << 4u32) + BigUint::from(hex_val(s[i]));
            ndigits += 1;
            i += 1;
        }
        if i < s.len() && s[i] == b'.' {
            i += 1;
            while i < s.len() && s[i].is_ascii_hexdigit() {
                mant = (mant << 4u32) + BigUint::from(hex_val(s[i]));
                ndigits += 1;
                fdigits += 1;
                i += 1;
            }
        }
        if ndigits == 0 {
            return Err(invalid());
        }
        if ndigits > 500_000_000 {
            return Err(NumError::value("hexadecimal string too long to convert"));
        }
        let mut exp: i64 = 0;
        if i < s.len() && (s[i] == b'p' || s[i] == b'P') {
            i += 1;
            let start = i;
            if i < s.len() && (s[i] == b'-' || s[i] == b'+') {
                i += 1;
            }
            if !(i < s.len() && s[i].is_ascii_digit()) {
                return Err(invalid());
            }
            while i < s.len() && s[i].is_ascii_digit() {
                i += 1;
            }
            // strtol semantics: saturate on overflow
            let txt = std::str::from_utf8(&s[start..i]).map_err(|_| invalid())?;
            exp = txt.parse::<i64>().unwrap_or(if txt.starts_with('-') {
                i64::MIN
            } else {
                i64::MAX
            });
        }
        let v = if mant.is_zero() || exp < i64::MIN / 2 {
            0.0
        } else if exp > i64::MAX / 2 {
            return Err(NumError::overflow(MSG_FROMHEX_OVERFLOW));
        } else {
            round_to_f64(&mant, exp - 4 * fdigits)
                .ok_or_else(|| NumError::overflow(MSG_FROMHEX_OVERFLOW))?
        };
        if negate {
            -v
        } else {
            v
        }
    };
    while i < s.len() && is_py_space(s[i]) {
        i += 1;
    }
    if i != s.len() {
        return Err(invalid());
    }
    Ok(value)
}

fn hex_val(c: u8) -> u32 {
    (c as char).to_digit(16).unwrap_or(0)
}
