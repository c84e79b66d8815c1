//! `format(value, spec)` for `int`, `float` and `str`: a port of
//! `format_long_internal`, `format_float_internal`, `format_string_internal`,
//! `calc_number_widths`, `fill_number` and
//! `_PyUnicode_InsertThousandsGrouping` from CPython 3.11.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use super::float_repr::{double_to_string, DtoaFlags};
use super::spec::{Align, FormatSpec, Sign};
use super::{check_width, code_for_message, FmtResult, FormatError};

/// An integer operand, small or big.
#[derive(Clone, Copy)]
pub(crate) enum IntRef<'a> {
    Small(i64),
    Big(&'a BigInt),
}

impl IntRef<'_> {
    pub(crate) fn is_negative(self) -> bool {
        match self {
            IntRef::Small(v) => v < 0,
            IntRef::Big(v) => v.is_negative(),
        }
    }

    /// Digits of the absolute value in `base` (lower case).
    pub(crate) fn abs_digits(self, base: u32) -> String {
        match self {
            IntRef::Small(v) => {
                let m = v.unsigned_abs();
                match base {
                    2 => format!("{m:b}"),
                    8 => format!("{m:o}"),
                    16 => format!("{m:x}"),
                    _ => m.to_string(),
                }
            }
            IntRef::Big(v) => v.magnitude().to_str_radix(base),
        }
    }

    pub(crate) fn to_f64(self) -> FmtResult<f64> {
        match self {
            // `as` rounds to nearest, ties to even, like CPython's int.__float__.
            IntRef::Small(v) => Ok(v as f64),
            IntRef::Big(v) => int_to_f64(v),
        }
    }

    pub(crate) fn to_i64(self) -> Option<i64> {
        match self {
            IntRef::Small(v) => Some(v),
            IntRef::Big(v) => v.to_i64(),
        }
    }
}

/// `float(v)` for a Python int: correctly rounded, or CPython's
/// `OverflowError` "int too large to convert to float".
pub fn int_to_f64(v: &BigInt) -> FmtResult<f64> {
    match v.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(FormatError::overflow("int too large to convert to float")),
    }
}

/// The pieces of a formatted number, as CPython's `calc_number_widths`
/// sees them.
pub(crate) struct NumberParts<'a> {
    /// A `-` sign was present in the raw conversion.
    pub negative: bool,
    /// Radix prefix (`0x`), already in its final case.
    pub prefix: &'a str,
    /// The run of ASCII digits subject to grouping and zero padding.
    pub digits: &'a str,
    /// Whether a decimal point follows the digits.
    pub decimal: bool,
    /// Everything after the decimal point (or after the digits).
    pub remainder: &'a str,
}

/// `_PyUnicode_InsertThousandsGrouping`: groups `digits` (ASCII) from the
/// right, padding with zeros (and separators) up to `min_width`.
fn insert_grouping(digits: &str, min_width: i64, group: Option<(usize, char)>) -> String {
    let bytes = digits.as_bytes();
    let mut min_width = min_width.max(0);
    let mut remaining = bytes.len() as i64;
    let mut rev: Vec<char> = Vec::with_capacity(bytes.len() * 2);
    let mut use_sep = false;
    let sep = group.map(|g| g.1);
    let emit = |rev: &mut Vec<char>, len: i64, remaining: i64, use_sep: bool| -> i64 {
        let n_zeros = (len - remaining).max(0);
        let n_chars = remaining.min(len).max(0);
        if use_sep {
            if let Some(s) = sep {
                rev.push(s);
            }
        }
        for i in 0..n_chars {
            rev.push(char::from(bytes[(remaining - 1 - i) as usize]));
        }
        for _ in 0..n_zeros {
            rev.push('0');
        }
        n_chars
    };
    let mut loop_broken = false;
    if let Some((size, _)) = group {
        let size = size as i64;
        loop {
            let len = size.min(remaining.max(min_width).max(1));
            remaining -= emit(&mut rev, len, remaining, use_sep);
            use_sep = true;
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                loop_broken = true;
                break;
            }
            min_width -= 1;
        }
    }
    if !loop_broken {
        let len = remaining.max(min_width).max(1);
        emit(&mut rev, len, remaining, use_sep);
    }
    rev.iter().rev().collect()
}

/// `calc_number_widths` + `fill_number`.
pub(crate) fn fill_number(
    parts: &NumberParts<'_>,
    spec: &FormatSpec,
    group: Option<(usize, char)>,
) -> String {
    let fill = spec.fill_char();
    let align = spec.align_or(Align::Right);
    let width = spec.width.map_or(-1, |w| w as i64);
    let sign = match spec.sign {
        Some(Sign::Plus) => Some(if parts.negative { '-' } else { '+' }),
        Some(Sign::Space) => Some(if parts.negative { '-' } else { ' ' }),
        _ => parts.negative.then_some('-'),
    };
    let n_remainder = parts.remainder.chars().count() as i64;
    let n_non_digit = i64::from(sign.is_some())
        + parts.prefix.len() as i64
        + i64::from(parts.decimal)
        + n_remainder;
    let min_width = if fill == '0' && align == Align::AfterSign {
        width - n_non_digit
    } else {
        0
    };
    let grouped = if parts.digits.is_empty() {
        String::new()
    } else {
        insert_grouping(parts.digits, min_width, group)
    };
    let n_padding = width - (n_non_digit + grouped.len() as i64);
    let (mut lpad, mut spad, mut rpad) = (0, 0, 0);
    if n_padding > 0 {
        match align {
            Align::Left => rpad = n_padding,
            Align::Center => {
                lpad = n_padding / 2;
                rpad = n_padding - lpad;
            }
            Align::AfterSign => spad = n_padding,
            Align::Right => lpad = n_padding,
        }
    }
    let mut out = String::with_capacity((width.max(0) as usize) + grouped.len() + 8);
    push_fill(&mut out, fill, lpad);
    if let Some(s) = sign {
        out.push(s);
    }
    out.push_str(parts.prefix);
    push_fill(&mut out, fill, spad);
    out.push_str(&grouped);
    if parts.decimal {
        out.push('.');
    }
    out.push_str(parts.remainder);
    push_fill(&mut out, fill, rpad);
    out
}

pub(crate) fn push_fill(out: &mut String, fill: char, n: i64) {
    for _ in 0..n.max(0) {
        out.push(fill);
    }
}

fn unknown_code(ty: char, type_name: &str) -> FormatError {
    FormatError::value(format!(
        "Unknown format code '{}' for object of type '{type_name}'",
        code_for_message(ty)
    ))
}

/// `format(v, spec)` for a Python `int`.
///
/// Note: an *empty* spec means `str(v)` in CPython; for `int` itself that is
/// what this returns, but `bool` callers must special-case the empty spec.
pub fn format_int(v: &BigInt, spec: &FormatSpec) -> FmtResult<String> {
    format_int_impl(IntRef::Big(v), spec, "int")
}

/// [`format_int`] for an int subclass named `type_name` (used in messages).
pub fn format_int_as(v: &BigInt, spec: &FormatSpec, type_name: &str) -> FmtResult<String> {
    format_int_impl(IntRef::Big(v), spec, type_name)
}

/// [`format_int`] for a machine integer, without allocating a `BigInt`.
pub fn format_i64(v: i64, spec: &FormatSpec) -> FmtResult<String> {
    format_int_impl(IntRef::Small(v), spec, "int")
}

fn format_int_impl(v: IntRef<'_>, spec: &FormatSpec, type_name: &str) -> FmtResult<String> {
    let ty = spec.ty.unwrap_or('d');
    let group = spec.check_grouping(Some(ty))?;
    let base = match ty {
        'b' => 2,
        'o' => 8,
        'x' | 'X' => 16,
        'd' | 'n' | 'c' => 10,
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            return format_float_impl(v.to_f64()?, spec, group);
        }
        _ => return Err(unknown_code(ty, type_name)),
    };
    if spec.precision.is_some() {
        return Err(FormatError::value(
            "Precision not allowed in integer format specifier",
        ));
    }
    if spec.no_neg_zero {
        return Err(FormatError::value(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    if ty == 'c' {
        if spec.sign.is_some() {
            return Err(FormatError::value(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if spec.alternate {
            return Err(FormatError::value(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        let ch = int_to_char(v, false)?;
        let s = ch.to_string();
        let parts = NumberParts {
            negative: false,
            prefix: "",
            digits: "",
            decimal: false,
            remainder: &s,
        };
        check_width(spec.width)?;
        return Ok(fill_number(&parts, spec, group));
    }
    check_width(spec.width)?;
    let mut digits = v.abs_digits(base);
    let prefix = match (spec.alternate, ty) {
        (true, 'b') => "0b",
        (true, 'o') => "0o",
        (true, 'x') => "0x",
        (true, 'X') => "0X",
        _ => "",
    };
    if ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let parts = NumberParts {
        negative: v.is_negative(),
        prefix,
        digits: &digits,
        decimal: false,
        remainder: "",
    };
    Ok(fill_number(&parts, spec, group))
}

/// Converts an int to the character `format(v, 'c')` (`percent == false`)
/// or `%c` (`percent == true`) produces; they word a C-long overflow
/// differently.
pub(crate) fn int_to_char(v: IntRef<'_>, percent: bool) -> FmtResult<char> {
    let Some(x) = v.to_i64() else {
        return Err(FormatError::overflow(if percent {
            "%c arg not in range(0x110000)"
        } else {
            "Python int too large to convert to C long"
        }));
    };
    if !(0..=0x10_FFFF).contains(&x) {
        return Err(FormatError::overflow("%c arg not in range(0x110000)"));
    }
    char::from_u32(x as u32).ok_or_else(|| {
        FormatError::value(format!(
            "lone surrogate {x:#x} cannot be represented in a str"
        ))
    })
}

/// `format(v, spec)` for a Python `float`.
pub fn format_float(v: f64, spec: &FormatSpec) -> FmtResult<String> {
    format_float_as(v, spec, "float")
}

/// [`format_float`] for a float subclass named `type_name`.
pub fn format_float_as(v: f64, spec: &FormatSpec, type_name: &str) -> FmtResult<String> {
    let group = spec.check_grouping(spec.ty)?;
    match spec.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => {}
        Some(t) => return Err(unknown_code(t, type_name)),
    }
    format_float_impl(v, spec, group)
}

fn format_float_impl(
    mut val: f64,
    spec: &FormatSpec,
    group: Option<(usize, char)>,
) -> FmtResult<String> {
    if spec.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(FormatError::value("precision too big"));
    }
    let mut mode = DtoaFlags {
        alt: spec.alternate,
        no_neg_0: spec.no_neg_zero,
        ..DtoaFlags::default()
    };
    let mut default_precision = 6;
    let mut code = match spec.ty {
        None => {
            mode.add_dot_0 = true;
            default_precision = 0;
            'r'
        }
        Some('n') => 'g',
        Some(c) => c,
    };
    let mut add_pct = false;
    if code == '%' {
        code = 'f';
        val *= 100.0;
        add_pct = true;
    }
    let precision = match spec.precision {
        None => default_precision,
        Some(p) => {
            if code == 'r' {
                code = 'g';
            }
            p
        }
    };
    check_width(spec.width)?;
    let mut buf = double_to_string(val, code, precision, mode);
    if add_pct {
        buf.push('%');
    }
    let (negative, body) = match buf.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, buf.as_str()),
    };
    let n_digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, rest) = body.split_at(n_digits);
    let (decimal, remainder) = match rest.strip_prefix('.') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let parts = NumberParts {
        negative,
        prefix: "",
        digits,
        decimal,
        remainder,
    };
    Ok(fill_number(&parts, spec, group))
}

/// `format(v, spec)` for a Python `str`.
pub fn format_str(v: &str, spec: &FormatSpec) -> FmtResult<String> {
    format_str_as(v, spec, "str")
}

/// [`format_str`] for a str subclass named `type_name`.
pub fn format_str_as(v: &str, spec: &FormatSpec, type_name: &str) -> FmtResult<String> {
    let ty = spec.ty.unwrap_or('s');
    spec.check_grouping(Some(ty))?;
    if ty != 's' {
        return Err(unknown_code(ty, type_name));
    }
    match spec.sign {
        Some(Sign::Space) => {
            return Err(FormatError::value(
                "Space not allowed in string format specifier",
            ))
        }
        Some(_) => {
            return Err(FormatError::value(
                "Sign not allowed in string format specifier",
            ))
        }
        None => {}
    }
    if spec.no_neg_zero {
        return Err(FormatError::value(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if spec.alternate {
        return Err(FormatError::value(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    let align = spec.align_or(Align::Left);
    if align == Align::AfterSign {
        return Err(FormatError::value(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    check_width(spec.width)?;
    let len = v.chars().count();
    let (text, len) = match spec.precision {
        Some(p) if p < len => {
            let cut = v.char_indices().nth(p).map_or(v.len(), |(i, _)| i);
            (&v[..cut], p)
        }
        _ => (v, len),
    };
    Ok(pad(text, len, spec.width, align, spec.fill_char()))
}

/// CPython's `calc_padding` + fill for a string of `len` characters.
pub(crate) fn pad(
    text: &str,
    len: usize,
    width: Option<usize>,
    align: Align,
    fill: char,
) -> String {
    let total = width.map_or(len, |w| w.max(len));
    let lpad = match align {
        Align::Right => total - len,
        Align::Center => (total - len) / 2,
        Align::Left | Align::AfterSign => 0,
    };
    let rpad = total - len - lpad;
    let mut out = String::with_capacity(text.len() + total - len);
    push_fill(&mut out, fill, lpad as i64);
    out.push_str(text);
    push_fill(&mut out, fill, rpad as i64);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping_with_zero_width() {
        assert_eq!(insert_grouping("1234", 10, Some((3, ','))), "00,001,234");
        assert_eq!(insert_grouping("1234", 8, Some((3, ','))), "0,001,234");
        assert_eq!(insert_grouping("1234", 0, Some((3, ','))), "1,234");
        assert_eq!(insert_grouping("1234", 6, None), "001234");
        assert_eq!(insert_grouping("ffff", 0, Some((4, '_'))), "ffff");
        assert_eq!(insert_grouping("fffff", 0, Some((4, '_'))), "f_ffff");
    }

    #[test]
    fn absurd_width_is_memory_error() {
        let spec = FormatSpec::parse("99999999999").unwrap();
        let err = format_i64(1, &spec).unwrap_err();
        assert_eq!(err.kind, super::super::ErrorKind::Memory);
        assert!(format_str("x", &spec).is_err());
        assert!(format_float(1.0, &spec).is_err());
    }

    #[test]
    fn small_and_big_agree() {
        let specs = [
            "", "+", " 10", "#x", "#X", "#b", "#o", "_b", ",", "010,", "^9", "e", ".3%",
        ];
        for v in [0i64, 1, -1, 255, -255, 1_234_567, i64::MIN, i64::MAX] {
            for s in specs {
                let spec = FormatSpec::parse(s).unwrap();
                assert_eq!(
                    format_i64(v, &spec),
                    format_int(&BigInt::from(v), &spec),
                    "{v} {s:?}"
                );
            }
        }
    }
}
