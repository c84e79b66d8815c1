//! printf-style `%` formatting of `str`: a port of CPython 3.11's
//! `unicode_format_arg_parse`, `_PyUnicode_FormatLong`, `formatfloat` and
//! `unicode_format_arg_output` (`Objects/unicodeobject.c`).
//!
//! The caller walks the pieces from [`parse_percent`], fetches arguments
//! (resolving `*` widths/precisions with
//! [`PercentDirective::set_star_width`] / [`PercentDirective::set_star_precision`]),
//! converts `%s`/`%r`/`%a` operands to strings itself and calls
//! [`percent_int`], [`percent_float`] or [`percent_str`].

use num_bigint::BigInt;
use num_traits::FromPrimitive;

use super::float_repr::{double_to_string, float_repr, DtoaFlags};
use super::number::{int_to_char, push_fill, IntRef};
use super::{check_width, FmtResult, FormatError};

/// Conversion flags (`-`, `+`, space, `#`, `0`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PercentFlags {
    /// `-`: left-justify.
    pub left: bool,
    /// `+`: always show a sign.
    pub sign: bool,
    /// ` `: a space for non-negative numbers.
    pub space: bool,
    /// `#`: alternate form.
    pub alt: bool,
    /// `0`: zero padding (numbers only).
    pub zero: bool,
}

/// A width or precision: absent, a literal number, or `*` (taken from the
/// arguments).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PercentCount {
    /// Not given.
    Absent,
    /// Given literally.
    Fixed(usize),
    /// `*`: the next argument supplies it.
    Star,
}

/// One `%` conversion specifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PercentDirective {
    /// `%(key)s` mapping key.
    pub key: Option<String>,
    /// Conversion flags.
    pub flags: PercentFlags,
    /// Minimum field width.
    pub width: PercentCount,
    /// Precision.
    pub precision: PercentCount,
    /// Conversion character (`s r a i d u o x X e E f F g G c`).
    pub conversion: char,
    /// Character index of the conversion character in the format string.
    pub index: usize,
}

/// A piece of a `%` format string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PercentPiece {
    /// Literal text (`%%` already collapsed to `%`).
    Literal(String),
    /// A conversion specifier.
    Directive(PercentDirective),
}

impl PercentDirective {
    /// Resolves a `*` width from its argument (negative means left-justify).
    pub fn set_star_width(&mut self, w: i64) {
        if w < 0 {
            self.flags.left = true;
        }
        self.width = PercentCount::Fixed(w.unsigned_abs() as usize);
    }

    /// Resolves a `*` precision from its argument (negative means 0).
    pub fn set_star_precision(&mut self, p: i64) {
        self.precision = PercentCount::Fixed(p.max(0) as usize);
    }

    fn width_value(&self) -> i64 {
        match self.width {
            PercentCount::Fixed(w) => w as i64,
            _ => -1,
        }
    }

    fn precision_value(&self) -> i64 {
        match self.precision {
            PercentCount::Fixed(p) => p as i64,
            _ => -1,
        }
    }
}

const SUPPORTED: &str = "sraiduoxXeEfFgGc";

/// Parses a `%` format string into literal pieces and directives.
///
/// Errors (`ValueError`): "incomplete format", "incomplete format key",
/// "width too big", "precision too big", and
/// "unsupported format character 'z' (0x7a) at index 3". (CPython reports an
/// unsupported character only once the argument for it has been fetched, so
/// a missing argument would win there.)
pub fn parse_percent(fmt: &str) -> FmtResult<Vec<PercentPiece>> {
    let chars: Vec<char> = fmt.chars().collect();
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    let incomplete = || FormatError::value("incomplete format");
    while i < chars.len() {
        if chars[i] != '%' {
            lit.push(chars[i]);
            i += 1;
            continue;
        }
        i += 1;
        if chars.get(i) == Some(&'%') {
            lit.push('%');
            i += 1;
            continue;
        }
        let mut key = None;
        if chars.get(i) == Some(&'(') {
            i += 1;
            let start = i;
            let mut depth = 1;
            while depth > 0 && i < chars.len() {
                match chars[i] {
                    ')' => depth -= 1,
                    '(' => depth += 1,
                    _ => {}
                }
                i += 1;
            }
            if depth > 0 {
                return Err(FormatError::value("incomplete format key"));
            }
            key = Some(chars[start..i - 1].iter().collect::<String>());
        }
        let mut next = || -> FmtResult<char> {
            let c = chars.get(i).copied().ok_or_else(incomplete)?;
            i += 1;
            Ok(c)
        };
        let mut flags = PercentFlags::default();
        let mut ch = next()?;
        loop {
            match ch {
                '-' => flags.left = true,
                '+' => flags.sign = true,
                ' ' => flags.space = true,
                '#' => flags.alt = true,
                '0' => flags.zero = true,
                _ => break,
            }
            ch = next()?;
        }
        let mut width = PercentCount::Absent;
        if ch == '*' {
            width = PercentCount::Star;
            ch = next()?;
        } else if ch.is_ascii_digit() {
            let (w, c) = read_number(ch, &mut next, isize::MAX as usize, "width too big")?;
            width = PercentCount::Fixed(w);
            ch = c;
        }
        let mut precision = PercentCount::Absent;
        if ch == '.' {
            precision = PercentCount::Fixed(0);
            ch = next()?;
            if ch == '*' {
                precision = PercentCount::Star;
                ch = next()?;
            } else if ch.is_ascii_digit() {
                let (p, c) = read_number(ch, &mut next, i32::MAX as usize, "precision too big")?;
                precision = PercentCount::Fixed(p);
                ch = c;
            }
        }
        if matches!(ch, 'h' | 'l' | 'L') {
            ch = next()?;
        }
        let index = i - 1;
        if !SUPPORTED.contains(ch) {
            let cp = ch as u32;
            let shown = if (31..=126).contains(&cp) { ch } else { '?' };
            return Err(FormatError::value(format!(
                "unsupported format character '{shown}' (0x{cp:x}) at index {index}"
            )));
        }
        if !lit.is_empty() {
            pieces.push(PercentPiece::Literal(std::mem::take(&mut lit)));
        }
        pieces.push(PercentPiece::Directive(PercentDirective {
            key,
            flags,
            width,
            precision,
            conversion: ch,
            index,
        }));
    }
    if !lit.is_empty() {
        pieces.push(PercentPiece::Literal(lit));
    }
    Ok(pieces)
}

/// Reads the rest of a decimal number whose first digit is `first`; returns
/// the number and the first non-digit character.
fn read_number(
    first: char,
    next: &mut impl FnMut() -> FmtResult<char>,
    max: usize,
    too_big: &str,
) -> FmtResult<(usize, char)> {
    let mut n = first as usize - '0' as usize;
    loop {
        let c = next()?;
        if !c.is_ascii_digit() {
            return Ok((n, c));
        }
        let d = c as usize - '0' as usize;
        if n > (max - d) / 10 {
            return Err(FormatError::value(too_big));
        }
        n = n * 10 + d;
    }
}

/// `unicode_format_arg_output`: pads `s` per the directive. `numeric` is
/// CPython's `arg->sign` (true for integer and float conversions).
fn output(s: &str, d: &PercentDirective, numeric: bool) -> String {
    let flags = d.flags;
    // Nothing to pad, truncate, sign or prefix: the text as it is (the
    // common `%s` and `%d`).
    let width = d.width_value();
    let truncating = matches!(d.conversion, 's' | 'r' | 'a') && d.precision_value() >= 0;
    if !flags.sign
        && !flags.space
        && !flags.alt
        && !truncating
        && (width < 0
            || (width as usize) <= s.len() && (s.is_ascii() || width as usize <= s.chars().count()))
    {
        return s.to_string();
    }
    let fill = if numeric && flags.zero { '0' } else { ' ' };
    let chars: Vec<char> = s.chars().collect();
    let mut len = chars.len() as i64;
    let mut width = d.width_value();
    let prec = d.precision_value();
    let conv = d.conversion;
    if matches!(conv, 's' | 'r' | 'a') && prec >= 0 && len > prec {
        len = prec;
    }
    let mut pindex = 0usize;
    let mut sign = numeric;
    let mut signchar = '\0';
    if sign {
        match chars.first() {
            Some(&c @ ('-' | '+')) => {
                signchar = c;
                len -= 1;
                pindex += 1;
            }
            _ if flags.sign => signchar = '+',
            _ if flags.space => signchar = ' ',
            _ => sign = false,
        }
    }
    if width < len {
        width = len;
    }
    let alt_prefix = flags.alt && matches!(conv, 'x' | 'X' | 'o');
    let mut out = String::with_capacity(width as usize + 2);
    if sign {
        if fill != ' ' {
            out.push(signchar);
        }
        if width > len {
            width -= 1;
        }
    }
    if alt_prefix {
        if fill != ' ' {
            out.push('0');
            out.push(conv);
            pindex += 2;
        }
        width = (width - 2).max(0);
        len -= 2;
    }
    if width > len && !flags.left {
        push_fill(&mut out, fill, width - len);
        width = len;
    }
    if fill == ' ' {
        if sign {
            out.push(signchar);
        }
        if alt_prefix {
            out.push('0');
            out.push(conv);
            pindex += 2;
        }
    }
    let len = len.max(0) as usize;
    out.extend(chars.iter().skip(pindex).take(len));
    if width > len as i64 {
        push_fill(&mut out, ' ', width - len as i64);
    }
    out
}

fn fixed(c: PercentCount) -> Option<usize> {
    match c {
        PercentCount::Fixed(n) => Some(n),
        _ => None,
    }
}

/// `_PyUnicode_FormatLong`: sign, optional radix prefix and digits padded to
/// `prec` digits.
fn format_long(v: IntRef<'_>, d: &PercentDirective) -> FmtResult<String> {
    let prec = d.precision_value();
    if prec > i64::from(i32::MAX) - 3 {
        return Err(FormatError::overflow("precision too large"));
    }
    let conv = d.conversion;
    let (base, prefix) = match conv {
        'o' => (8, "0o"),
        'x' | 'X' => (16, "0x"),
        _ => (10, ""),
    };
    let digits = v.abs_digits(base);
    let mut out = String::with_capacity(digits.len() + 4);
    if v.is_negative() {
        out.push('-');
    }
    if d.flags.alt {
        out.push_str(prefix);
    }
    push_fill(&mut out, '0', prec - digits.len() as i64);
    out.push_str(&digits);
    if conv == 'X' {
        out.make_ascii_uppercase();
    }
    Ok(out)
}

fn format_float_conv(v: f64, d: &PercentDirective) -> String {
    let prec = d.precision_value();
    let prec = if prec < 0 { 6 } else { prec as usize };
    let mode = DtoaFlags {
        alt: d.flags.alt,
        ..DtoaFlags::default()
    };
    double_to_string(v, d.conversion, prec, mode)
}

fn wrong_type(conv: char, type_name: &str) -> FormatError {
    match conv {
        'o' | 'x' | 'X' => FormatError::type_error(format!(
            "%{conv} format: an integer is required, not {type_name}"
        )),
        'c' => FormatError::type_error("%c requires int or char"),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            FormatError::type_error(format!("must be real number, not {type_name}"))
        }
        _ => FormatError::type_error(format!(
            "%{conv} format: a real number is required, not {type_name}"
        )),
    }
}

fn percent_int_ref(v: IntRef<'_>, d: &PercentDirective) -> FmtResult<String> {
    check_width(fixed(d.width))?;
    match d.conversion {
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => Ok(output(&format_long(v, d)?, d, true)),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            Ok(output(&format_float_conv(v.to_f64()?, d), d, true))
        }
        'c' => Ok(output(&int_to_char(v, true)?.to_string(), d, false)),
        _ => {
            let mut s = v.abs_digits(10);
            if v.is_negative() {
                s.insert(0, '-');
            }
            Ok(output(&s, d, false))
        }
    }
}

/// Formats a Python `int` for directive `d` (any conversion; `%s`, `%r` and
/// `%a` use the decimal representation).
pub fn percent_int(v: &BigInt, d: &PercentDirective) -> FmtResult<String> {
    percent_int_ref(IntRef::Big(v), d)
}

/// [`percent_int`] for an int that fits a machine word.
pub fn percent_small_int(v: i64, d: &PercentDirective) -> FmtResult<String> {
    percent_int_ref(IntRef::Small(v), d)
}

/// Formats a Python `float` for directive `d`. `%d`/`%i`/`%u` truncate to an
/// int; `%o`/`%x`/`%X`/`%c` raise `TypeError`; `%s`/`%r`/`%a` use `repr`.
pub fn percent_float(v: f64, d: &PercentDirective) -> FmtResult<String> {
    check_width(fixed(d.width))?;
    match d.conversion {
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => Ok(output(&format_float_conv(v, d), d, true)),
        'd' | 'i' | 'u' => {
            if v.is_nan() {
                return Err(FormatError::value("cannot convert float NaN to integer"));
            }
            let Some(i) = BigInt::from_f64(v.trunc()) else {
                return Err(FormatError::overflow(
                    "cannot convert float infinity to integer",
                ));
            };
            percent_int_ref(IntRef::Big(&i), d)
        }
        's' | 'r' | 'a' => Ok(output(&float_repr(v), d, false)),
        c => Err(wrong_type(c, "float")),
    }
}

/// Formats an already-converted string for directive `d`: `%s`, `%r` and
/// `%a` (precision truncates), or `%c` with a one-character string. Numeric
/// conversions raise CPython's `TypeError` for a `str` operand.
pub fn percent_str(s: &str, d: &PercentDirective) -> FmtResult<String> {
    check_width(fixed(d.width))?;
    match d.conversion {
        's' | 'r' | 'a' => Ok(output(s, d, false)),
        'c' => {
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(_), None) => Ok(output(s, d, false)),
                _ => Err(wrong_type('c', "str")),
            }
        }
        c => Err(wrong_type(c, "str")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(fmt: &str) -> PercentDirective {
        let pieces = parse_percent(fmt).unwrap();
        pieces
            .into_iter()
            .find_map(|p| match p {
                PercentPiece::Directive(d) => Some(d),
                PercentPiece::Literal(_) => None,
            })
            .unwrap()
    }

    #[test]
    fn parse_structure() {
        let p = parse_percent("a%%b%(k(x))-+ #05.3ld tail").unwrap();
        assert_eq!(p.len(), 3);
        assert_eq!(p[0], PercentPiece::Literal("a%b".into()));
        let PercentPiece::Directive(d) = &p[1] else {
            panic!()
        };
        assert_eq!(d.key.as_deref(), Some("k(x)"));
        let f = d.flags;
        assert!(f.left && f.sign && f.space && f.alt && f.zero);
        assert_eq!(d.width, PercentCount::Fixed(5));
        assert_eq!(d.precision, PercentCount::Fixed(3));
        assert_eq!((d.conversion, d.index), ('d', 20));
        assert_eq!(p[2], PercentPiece::Literal(" tail".into()));
        let d = dir("%*.*f");
        assert_eq!(
            (d.width, d.precision),
            (PercentCount::Star, PercentCount::Star)
        );
        let d = dir("%.s");
        assert_eq!(d.precision, PercentCount::Fixed(0));
        assert_eq!(parse_percent("").unwrap(), vec![]);
        let e = parse_percent("%(a").unwrap_err();
        assert_eq!(e.message, "incomplete format key");
        let e = parse_percent("%(a)").unwrap_err();
        assert_eq!(e.message, "incomplete format");
        let e = parse_percent("%99999999999999999999d").unwrap_err();
        assert_eq!(e.message, "width too big");
        let e = parse_percent("%.99999999999d").unwrap_err();
        assert_eq!(e.message, "precision too big");
    }

    #[test]
    fn star_resolution() {
        let mut d = dir("%*.*d");
        d.set_star_width(-6);
        d.set_star_precision(-2);
        assert_eq!(percent_int(&BigInt::from(42), &d).unwrap(), "42    ");
        let mut d = dir("%*.*d");
        d.set_star_width(6);
        d.set_star_precision(4);
        assert_eq!(percent_int(&BigInt::from(42), &d).unwrap(), "  0042");
    }
}
