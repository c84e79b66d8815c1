//! CPython-exact text formatting of primitive values.
//!
//! This module is self-contained (it uses only `std`, `num-bigint`,
//! `num-traits` and `num-integer`) and reproduces the exact output and error
//! messages of CPython 3.11 for:
//!
//! * `repr(float)` / `str(float)` ([`float_repr`]),
//! * the format-spec mini-language used by `format()` / `str.format`
//!   ([`FormatSpec`], [`format_int`], [`format_i64`], [`format_float`],
//!   [`format_str`]),
//! * printf-style `%` formatting ([`parse_percent`], [`percent_int`],
//!   [`percent_float`], [`percent_str`]),
//! * `str.format` template parsing ([`parse_format_string`]),
//! * `float(str)` and `int(str, base)` parsing ([`parse_float_literal`],
//!   [`parse_int_literal`]),
//! * `repr(str)`, `ascii(str)` and `repr(bytes)` ([`str_repr`], [`str_ascii`],
//!   [`bytes_repr`]).
//!
//! Errors are returned as [`FormatError`], which carries the Python exception
//! class to raise ([`ErrorKind`]) and CPython's exact message. `FormatError`
//! converts into `String` (the message), so `?` works in functions returning
//! `Result<_, String>`.
//!
//! Known differences from CPython (all deliberate or out of scope):
//!
//! * Parsing is eager, so where CPython interleaves parsing with argument
//!   lookup the *order* of errors can differ: an unsupported `%` conversion,
//!   a malformed `%(key` or a bad `!conversion` / `.attr` / `[key]` step is
//!   reported before a missing argument or failed lookup would be.
//!   ([`FormatStringParser`] is incremental per field, which keeps the order
//!   across fields.)
//! * Lone surrogates cannot live in a Rust `str`: `format(0xD800, 'c')` and
//!   `'%c' % 0xD800` return a `ValueError` instead of `'\ud800'`.
//! * The `n` presentation type uses the C locale (no grouping, `.`).
//! * `int(str)`'s 4300-digit limit (`sys.set_int_max_str_digits`) is left to
//!   the caller.
//! * An empty spec means `str(value)`; callers formatting `bool` (or other
//!   int/float/str subclasses) must handle the empty spec themselves.
//! * Widths above [`MAX_FIELD_WIDTH`] fail with [`ErrorKind::Memory`].

mod float_repr;
mod fmtstr;
mod number;
mod parse;
mod percent;
mod repr;
mod spec;
mod unicode_tables;

#[cfg(test)]
mod cpython_tests;

use std::fmt;

pub use float_repr::{double_to_string, float_repr, DtoaFlags};
pub use fmtstr::{
    expand_spec, parse_format_string, Accessor, FieldName, FormatField, FormatPiece,
    FormatStringParser,
};
pub use number::{
    format_float, format_float_as, format_i64, format_int, format_int_as, format_str,
    format_str_as, int_to_f64,
};
pub use parse::{parse_float_literal, parse_int_literal};
pub use percent::{
    parse_percent, percent_float, percent_int, percent_small_int, percent_str, PercentCount,
    PercentDirective, PercentFlags, PercentPiece,
};
pub use repr::{bytes_repr, is_printable, str_ascii, str_repr};
pub use spec::{Align, FormatSpec, Grouping, Sign};

/// The Python exception class a [`FormatError`] corresponds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// `ValueError` (the vast majority of formatting errors).
    Value,
    /// `OverflowError` (e.g. `%c arg not in range(0x110000)`).
    Overflow,
    /// `TypeError` (e.g. `%x format: an integer is required, not float`).
    Type,
    /// `MemoryError`: a field width beyond [`MAX_FIELD_WIDTH`] (CPython
    /// would attempt the allocation; this module refuses instead of
    /// aborting the process).
    Memory,
}

/// The largest field width the formatting functions will pad to; wider
/// requests fail with [`ErrorKind::Memory`].
pub const MAX_FIELD_WIDTH: usize = i32::MAX as usize;

/// A formatting error: the Python exception class and CPython's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// Which Python exception class to raise.
    pub kind: ErrorKind,
    /// The exception message, exactly as CPython words it.
    pub message: String,
}

impl FormatError {
    /// A `ValueError` with the given message.
    pub fn value(message: impl Into<String>) -> Self {
        FormatError {
            kind: ErrorKind::Value,
            message: message.into(),
        }
    }

    /// An `OverflowError` with the given message.
    pub fn overflow(message: impl Into<String>) -> Self {
        FormatError {
            kind: ErrorKind::Overflow,
            message: message.into(),
        }
    }

    /// A `TypeError` with the given message.
    pub fn type_error(message: impl Into<String>) -> Self {
        FormatError {
            kind: ErrorKind::Type,
            message: message.into(),
        }
    }
}

/// Fails with `MemoryError` when `width` exceeds [`MAX_FIELD_WIDTH`].
pub(crate) fn check_width(width: Option<usize>) -> FmtResult<()> {
    match width {
        Some(w) if w > MAX_FIELD_WIDTH => Err(FormatError {
            kind: ErrorKind::Memory,
            message: String::new(),
        }),
        _ => Ok(()),
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FormatError {}

impl From<FormatError> for String {
    fn from(e: FormatError) -> String {
        e.message
    }
}

/// Result type used throughout this module.
pub type FmtResult<T> = Result<T, FormatError>;

/// Python's `str.isspace()` for one character.
pub fn is_py_space(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x80 {
        return matches!(cp, 0x09..=0x0D | 0x1C..=0x20);
    }
    unicode_tables::WHITESPACE.binary_search(&cp).is_ok()
}

/// The value of `c` as a Unicode decimal digit (`Nd`), as CPython's
/// `Py_UNICODE_TODECIMAL` computes it, or `None`.
pub fn decimal_digit_value(c: char) -> Option<u32> {
    let cp = c as u32;
    if c.is_ascii_digit() {
        return Some(cp - u32::from(b'0'));
    }
    if cp < 0x80 {
        return None;
    }
    let table = unicode_tables::DECIMAL_ZEROS;
    let idx = match table.binary_search(&cp) {
        Ok(i) => i,
        Err(0) => return None,
        Err(i) => i - 1,
    };
    let off = cp - table[idx];
    (off < 10).then_some(off)
}

/// Escapes a character for use in an error message the way CPython's `%c`
/// conversions with a range check do: the character itself when it is
/// printable ASCII (33..=127 exclusive), otherwise `\x..` hex.
pub(crate) fn code_for_message(c: char) -> String {
    let cp = c as u32;
    if cp > 32 && cp < 128 {
        c.to_string()
    } else {
        format!("\\x{cp:x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_and_digits() {
        for c in [
            ' ', '\t', '\n', '\x0b', '\x0c', '\r', '\x1c', '\x1f', '\u{85}', '\u{a0}',
        ] {
            assert!(is_py_space(c), "{c:?}");
        }
        for c in ['\u{3000}', '\u{2028}', '\u{202f}'] {
            assert!(is_py_space(c), "{c:?}");
        }
        for c in ['a', '\0', '\u{200b}', '\u{feff}', '\x1b'] {
            assert!(!is_py_space(c), "{c:?}");
        }
        assert_eq!(decimal_digit_value('7'), Some(7));
        assert_eq!(decimal_digit_value('\u{0663}'), Some(3)); // ARABIC-INDIC THREE
        assert_eq!(decimal_digit_value('\u{FF19}'), Some(9)); // FULLWIDTH NINE
        assert_eq!(decimal_digit_value('\u{00B2}'), None); // superscript two
        assert_eq!(decimal_digit_value('a'), None);
        let e: String = FormatError::value("boom").into();
        assert_eq!(e, "boom");
    }
}
