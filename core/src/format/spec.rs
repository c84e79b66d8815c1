//! The format-spec mini-language (`[[fill]align][sign][z][#][0][width]
//! [grouping][.precision][type]`), a port of CPython's
//! `parse_internal_render_format_spec` (`Python/formatter_unicode.c`).

use super::{code_for_message, decimal_digit_value, FmtResult, FormatError};

/// Field alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// `<`: pad on the right.
    Left,
    /// `>`: pad on the left.
    Right,
    /// `^`: centre (extra padding goes on the right).
    Center,
    /// `=`: pad between the sign/prefix and the digits.
    AfterSign,
}

/// Sign option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    /// `+`: always show a sign.
    Plus,
    /// `-`: only negative numbers get a sign (the default).
    Minus,
    /// ` `: a space for non-negative numbers.
    Space,
}

/// Thousands-grouping option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// `,`
    Comma,
    /// `_` (groups of four for `b o x X`).
    Underscore,
}

impl Grouping {
    fn as_char(self) -> char {
        match self {
            Grouping::Comma => ',',
            Grouping::Underscore => '_',
        }
    }
}

/// A parsed format specification, as written (defaults are resolved per
/// value type when formatting).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormatSpec {
    /// Explicit fill character (only present together with an alignment).
    pub fill: Option<char>,
    /// Explicit alignment.
    pub align: Option<Align>,
    /// Explicit sign option.
    pub sign: Option<Sign>,
    /// `z`: coerce negative zero to positive zero (floats only).
    pub no_neg_zero: bool,
    /// `#`: alternate form.
    pub alternate: bool,
    /// `0` before the width (without an explicit fill): zero padding.
    pub zero_pad: bool,
    /// Minimum field width, in characters.
    pub width: Option<usize>,
    /// Thousands separator.
    pub grouping: Option<Grouping>,
    /// Precision.
    pub precision: Option<usize>,
    /// Presentation type character.
    pub ty: Option<char>,
}

fn to_align(c: char) -> Option<Align> {
    match c {
        '<' => Some(Align::Left),
        '>' => Some(Align::Right),
        '^' => Some(Align::Center),
        '=' => Some(Align::AfterSign),
        _ => None,
    }
}

/// CPython's `get_integer` for specs: reads decimal digits (any Unicode `Nd`),
/// returning the value and the number of characters consumed.
fn get_integer(chars: &[char], pos: &mut usize) -> FmtResult<(usize, usize)> {
    let start = *pos;
    let mut acc: usize = 0;
    while let Some(d) = chars.get(*pos).and_then(|&c| decimal_digit_value(c)) {
        let d = d as usize;
        if acc > (isize::MAX as usize - d) / 10 {
            return Err(FormatError::value(
                "Too many decimal digits in format string",
            ));
        }
        acc = acc * 10 + d;
        *pos += 1;
    }
    Ok((acc, *pos - start))
}

impl FormatSpec {
    /// Parses a format spec. Structural errors name the object type
    /// `object`; use [`FormatSpec::parse_for`] to name the real type.
    pub fn parse(spec: &str) -> FmtResult<FormatSpec> {
        Self::parse_for(spec, "object")
    }

    /// Parses a format spec for a value of Python type `type_name` (used in
    /// the "Invalid format specifier" message).
    pub fn parse_for(spec: &str, type_name: &str) -> FmtResult<FormatSpec> {
        let chars: Vec<char> = spec.chars().collect();
        let end = chars.len();
        let mut pos = 0;
        let mut out = FormatSpec::default();

        if end >= 2 {
            if let Some(a) = to_align(chars[1]) {
                out.align = Some(a);
                out.fill = Some(chars[0]);
                pos = 2;
            }
        }
        if pos == 0 && end >= 1 {
            if let Some(a) = to_align(chars[0]) {
                out.align = Some(a);
                pos = 1;
            }
        }
        if let Some(&c) = chars.get(pos) {
            let sign = match c {
                '+' => Some(Sign::Plus),
                '-' => Some(Sign::Minus),
                ' ' => Some(Sign::Space),
                _ => None,
            };
            if sign.is_some() {
                out.sign = sign;
                pos += 1;
            }
        }
        if chars.get(pos) == Some(&'z') {
            out.no_neg_zero = true;
            pos += 1;
        }
        if chars.get(pos) == Some(&'#') {
            out.alternate = true;
            pos += 1;
        }
        if out.fill.is_none() && chars.get(pos) == Some(&'0') {
            out.zero_pad = true;
            pos += 1;
        }
        let (width, consumed) = get_integer(&chars, &mut pos)?;
        if consumed > 0 {
            out.width = Some(width);
        }
        if chars.get(pos) == Some(&',') {
            out.grouping = Some(Grouping::Comma);
            pos += 1;
        }
        if chars.get(pos) == Some(&'_') {
            if out.grouping.is_some() {
                return Err(both_separators());
            }
            out.grouping = Some(Grouping::Underscore);
            pos += 1;
        }
        if chars.get(pos) == Some(&',') && out.grouping == Some(Grouping::Underscore) {
            return Err(both_separators());
        }
        if chars.get(pos) == Some(&'.') {
            pos += 1;
            let (prec, consumed) = get_integer(&chars, &mut pos)?;
            if consumed == 0 {
                return Err(FormatError::value("Format specifier missing precision"));
            }
            out.precision = Some(prec);
        }
        if end - pos > 1 {
            return Err(FormatError::value(format!(
                "Invalid format specifier '{spec}' for object of type '{type_name}'"
            )));
        }
        if end - pos == 1 {
            out.ty = Some(chars[pos]);
        }
        Ok(out)
    }

    /// The fill character in effect (`' '`, `'0'` for zero padding, or the
    /// explicit fill).
    pub fn fill_char(&self) -> char {
        self.fill.unwrap_or(if self.zero_pad { '0' } else { ' ' })
    }

    /// The alignment in effect for a value whose default alignment is
    /// `default` (`Left` for strings, `Right` for numbers).
    pub fn align_or(&self, default: Align) -> Align {
        match self.align {
            Some(a) => a,
            None if self.zero_pad && default == Align::Right => Align::AfterSign,
            None => default,
        }
    }

    /// CPython's end-of-parse validation of the grouping option against the
    /// presentation type `ty` (the default type already substituted;
    /// `None` for float's "no type"). Returns the group size (3, or 4 for
    /// `_` with `b o x X`) and separator, or `None` without grouping.
    pub(crate) fn check_grouping(&self, ty: Option<char>) -> FmtResult<Option<(usize, char)>> {
        let Some(g) = self.grouping else {
            return Ok(None);
        };
        match ty {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => {
                Ok(Some((3, g.as_char())))
            }
            Some('b' | 'o' | 'x' | 'X') if g == Grouping::Underscore => Ok(Some((4, '_'))),
            Some(t) => Err(FormatError::value(format!(
                "Cannot specify '{}' with '{}'.",
                g.as_char(),
                code_for_message(t)
            ))),
        }
    }
}

fn both_separators() -> FormatError {
    FormatError::value("Cannot specify both ',' and '_'.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_fields() {
        let s = FormatSpec::parse("*^+z#012,.3f").unwrap();
        assert_eq!(s.fill, Some('*'));
        assert_eq!(s.align, Some(Align::Center));
        assert_eq!(s.sign, Some(Sign::Plus));
        assert!(s.no_neg_zero && s.alternate);
        assert!(!s.zero_pad, "explicit fill disables the 0 flag");
        assert_eq!(s.width, Some(12));
        assert_eq!(s.grouping, Some(Grouping::Comma));
        assert_eq!(s.precision, Some(3));
        assert_eq!(s.ty, Some('f'));

        let s = FormatSpec::parse("010_x").unwrap();
        assert!(s.zero_pad);
        assert_eq!(s.width, Some(10));
        assert_eq!(s.fill_char(), '0');
        assert_eq!(s.align_or(Align::Right), Align::AfterSign);
        assert_eq!(s.align_or(Align::Left), Align::Left);

        let s = FormatSpec::parse("<05").unwrap();
        assert_eq!(s.align_or(Align::Right), Align::Left);
        assert_eq!(s.fill_char(), '0');

        let s = FormatSpec::parse("é>").unwrap();
        assert_eq!((s.fill, s.align), (Some('é'), Some(Align::Right)));
        let s = FormatSpec::parse("").unwrap();
        assert_eq!(s, FormatSpec::default());
        // Unicode digits are accepted in widths, as in CPython.
        assert_eq!(FormatSpec::parse("\u{0663}").unwrap().width, Some(3));
    }

    #[test]
    fn parse_errors() {
        let cases: &[(&str, &str)] = &[
            (
                "abc",
                "Invalid format specifier 'abc' for object of type 'int'",
            ),
            (",_", "Cannot specify both ',' and '_'."),
            ("_,", "Cannot specify both ',' and '_'."),
            (".", "Format specifier missing precision"),
            (".x", "Format specifier missing precision"),
            (
                "99999999999999999999",
                "Too many decimal digits in format string",
            ),
            (
                "10.2ff",
                "Invalid format specifier '10.2ff' for object of type 'int'",
            ),
        ];
        for &(spec, want) in cases {
            let err = FormatSpec::parse_for(spec, "int").unwrap_err();
            assert_eq!(err.message, want, "{spec:?}");
        }
    }
}
