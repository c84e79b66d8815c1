//! Float to text conversion: a port of CPython's `PyOS_double_to_string`
//! (`format_float_short` in `Python/pystrtod.c`).
//!
//! Digit generation uses Rust's float formatting, which is correctly rounded
//! from the exact binary value with round-half-even ties (the same digits
//! David Gay's `dtoa` produces for CPython); the layout of those digits
//! (decimal point, zero padding, exponent, trailing-zero rules) follows
//! CPython line by line.

/// Flags for [`double_to_string`], mirroring CPython's `Py_DTSF_*` flags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DtoaFlags {
    /// `Py_DTSF_SIGN`: always emit a sign (`+` for non-negative values).
    pub always_sign: bool,
    /// `Py_DTSF_ADD_DOT_0`: make integral results look like floats
    /// (`1.0` rather than `1`), as `repr` does.
    pub add_dot_0: bool,
    /// `Py_DTSF_ALT`: alternate form (`#`): keep the decimal point and, for
    /// `g`, trailing zeros.
    pub alt: bool,
    /// `Py_DTSF_NO_NEG_0`: turn a negative zero (after rounding) into `0`.
    pub no_neg_0: bool,
}

/// Python's `repr(x)` / `str(x)` for a float: the shortest string that
/// round-trips, with an exponent when the decimal exponent is below -4 or
/// at least 16.
///
/// ```text
/// 0.1 -> "0.1"   1e16 -> "1e+16"   1e-05 -> "1e-05"   100.0 -> "100.0"
/// ```
pub fn float_repr(x: f64) -> String {
    double_to_string(
        x,
        'r',
        0,
        DtoaFlags {
            add_dot_0: true,
            ..DtoaFlags::default()
        },
    )
}

/// CPython's `PyOS_double_to_string(val, format_code, precision, flags)`.
///
/// `format_code` is one of `e E f F g G r` (`r` is the shortest-repr mode and
/// ignores `precision`). Upper-case codes produce `E`, `INF` and `NAN`. Any
/// other code is treated as `r`.
pub fn double_to_string(val: f64, format_code: char, precision: usize, mode: DtoaFlags) -> String {
    let upper = format_code.is_ascii_uppercase();
    let code = format_code.to_ascii_lowercase();
    let mut precision = precision;
    let digits_mode = match code {
        'e' => {
            precision += 1;
            Digits::Significant(precision)
        }
        'f' => Digits::Fixed(precision),
        'g' => {
            if precision == 0 {
                precision = 1;
            }
            Digits::Significant(precision)
        }
        _ => Digits::Shortest,
    };
    let code = if matches!(code, 'e' | 'f' | 'g') {
        code
    } else {
        'r'
    };
    format_float_short(val, code, digits_mode, precision, mode, upper)
}

/// How many digits `dtoa` is asked for.
#[derive(Clone, Copy)]
enum Digits {
    /// Mode 0: shortest round-trip.
    Shortest,
    /// Mode 2: this many significant digits.
    Significant(usize),
    /// Mode 3: this many digits after the decimal point.
    Fixed(usize),
}

/// Equivalent of `_Py_dg_dtoa` for a finite, non-negative `x`: the digit
/// string (no leading or trailing zeros, `"0"` for zero) and the decimal
/// point position (`value = 0.DIGITS * 10**decpt`).
fn dtoa(x: f64, mode: Digits) -> (Vec<u8>, i64) {
    if x == 0.0 {
        return (b"0".to_vec(), 1);
    }
    let (mut digits, mut decpt) = match mode {
        Digits::Shortest => {
            let (d, decpt) = split_exp(&format!("{x:e}"));
            fix_shortest_tie(x, d, decpt)
        }
        Digits::Significant(n) => split_exp(&format!("{:.*e}", n.max(1) - 1, x)),
        Digits::Fixed(n) => {
            let s = format!("{x:.n$}");
            let (int_part, frac) = s.split_once('.').unwrap_or((s.as_str(), ""));
            let mut d: Vec<u8> = int_part.bytes().chain(frac.bytes()).collect();
            let mut decpt = int_part.len() as i64;
            let lead = d.iter().take_while(|&&b| b == b'0').count();
            d.drain(..lead);
            decpt -= lead as i64;
            (d, decpt)
        }
    };
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    if digits.is_empty() || digits == b"0" {
        digits = b"0".to_vec();
        decpt = 1;
    }
    (digits, decpt)
}

/// Rust's shortest-digit generation breaks an exact tie (the value lying
/// exactly halfway between two equally short candidates) upwards, while
/// `dtoa` picks the candidate with the even last digit. Detects that rare
/// case and switches to the even candidate when it also round-trips.
fn fix_shortest_tie(x: f64, digits: Vec<u8>, decpt: i64) -> (Vec<u8>, i64) {
    let n = digits.len();
    if digits[n - 1].is_multiple_of(2) || n > 17 {
        return (digits, decpt);
    }
    // x = m_odd * 2**e_low exactly, with m_odd odd.
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7FF) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mant, e) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), biased - 1075)
    };
    if mant == 0 {
        return (digits, decpt);
    }
    let tz = mant.trailing_zeros();
    let m_odd = u128::from(mant >> tz);
    let e_low = e + i64::from(tz);
    // x is a tie at the last digit's unit 10**k iff 2 * x / 10**k is an odd
    // integer q, which requires the lowest set bit of x to be 2**(k - 1).
    let k = decpt - n as i64;
    if e_low != k - 1 {
        return (digits, decpt);
    }
    let pow5 = |p: i64| -> Option<u128> {
        let p = u32::try_from(p).ok()?;
        5u128.checked_pow(p)
    };
    let q = if k < 0 {
        match pow5(-k).and_then(|f| m_odd.checked_mul(f)) {
            Some(q) => q,
            None => return (digits, decpt),
        }
    } else {
        match pow5(k) {
            Some(f) if m_odd % f == 0 => m_odd / f,
            _ => return (digits, decpt),
        }
    };
    let below = (q - 1) / 2;
    let d: u128 = digits
        .iter()
        .fold(0, |acc, &b| acc * 10 + u128::from(b - b'0'));
    let alt = if below == d {
        d + 1
    } else if below + 1 == d && below > 0 {
        below
    } else {
        return (digits, decpt);
    };
    if format!("{alt}e{k}").parse::<f64>().map(f64::to_bits) != Ok(bits) {
        return (digits, decpt);
    }
    let alt_digits = alt.to_string().into_bytes();
    let alt_decpt = decpt + (alt_digits.len() as i64 - n as i64);
    (alt_digits, alt_decpt)
}

/// Splits Rust's `{:e}` output (`"1.2345e-5"`) into digits and `decpt`.
fn split_exp(s: &str) -> (Vec<u8>, i64) {
    let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let digits: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
    (digits, exp + 1)
}

/// Port of CPython's `format_float_short`.
fn format_float_short(
    d: f64,
    code: char,
    digits_mode: Digits,
    precision: usize,
    mode: DtoaFlags,
    upper: bool,
) -> String {
    let mut out = String::new();
    if !d.is_finite() {
        if d.is_nan() {
            if mode.always_sign {
                out.push('+');
            }
            out.push_str(if upper { "NAN" } else { "nan" });
        } else {
            if d < 0.0 {
                out.push('-');
            } else if mode.always_sign {
                out.push('+');
            }
            out.push_str(if upper { "INF" } else { "inf" });
        }
        return out;
    }

    let (digits, mut decpt) = dtoa(d.abs(), digits_mode);
    let mut negative = d.is_sign_negative();
    if mode.no_neg_0 && negative && digits == b"0" {
        negative = false;
    }
    let precision = precision as i64;
    let digits_len = digits.len() as i64;

    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match code {
        'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        'f' => vdigits_end = decpt + precision,
        'g' => {
            let limit = if mode.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if mode.alt {
                vdigits_end = precision;
            }
        }
        _ => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }

    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    if !use_exp && mode.add_dot_0 {
        vdigits_end = vdigits_end.max(decpt + 1);
    } else {
        vdigits_end = vdigits_end.max(decpt);
    }

    if negative {
        out.push('-');
    } else if mode.always_sign {
        out.push('+');
    }
    let zeros = |out: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            out.push('0');
        }
    };
    let push_digits = |out: &mut String, ds: &[u8]| {
        out.extend(ds.iter().map(|&b| char::from(b)));
    };

    // Zero padding on the left of the digit string.
    if decpt <= 0 {
        zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    // Digits, with the decimal point when it falls inside them.
    if 0 < decpt && decpt <= digits_len {
        let split = decpt as usize;
        push_digits(&mut out, &digits[..split]);
        out.push('.');
        push_digits(&mut out, &digits[split..]);
    } else {
        push_digits(&mut out, &digits);
    }
    // Zeros on the right.
    if digits_len < decpt {
        zeros(&mut out, decpt - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - decpt);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    // Delete a trailing decimal point unless using the alternate form.
    if out.ends_with('.') && !mode.alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        let a = exp.unsigned_abs();
        if a < 10 {
            out.push('0');
        }
        out.push_str(&a.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(value, repr(value))`, expected strings produced by CPython 3.11.
    const REPR_CASES: &[(f64, &str)] = &[
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (1.0, "1.0"),
        (-1.0, "-1.0"),
        (0.1, "0.1"),
        (0.3, "0.3"),
        (0.1 + 0.2, "0.30000000000000004"),
        (100.0, "100.0"),
        (1.5, "1.5"),
        (1e16, "1e+16"),
        (1e15, "1000000000000000.0"),
        (9_999_999_999_999_998.0, "9999999999999998.0"),
        (1.234_567_890_123_456_7e16, "1.2345678901234568e+16"),
        (1e-5, "1e-05"),
        (1e-4, "0.0001"),
        (0.000_123, "0.000123"),
        (1.23e-5, "1.23e-05"),
        (1.5e300, "1.5e+300"),
        (-1.5e-300, "-1.5e-300"),
        (5e-324, "5e-324"),
        (f64::MAX, "1.7976931348623157e+308"),
        (f64::MIN_POSITIVE, "2.2250738585072014e-308"),
        (123_456_789.0, "123456789.0"),
        (2e16 + 8.0, "2.000000000000001e+16"),
        (1.0 / 3.0, "0.3333333333333333"),
        (2.0 / 3.0, "0.6666666666666666"),
        (1e22, "1e+22"),
        (1e23, "1e+23"),
        (123.456, "123.456"),
        (0.5, "0.5"),
        // Exact ties between two shortest candidates take the even digit.
        (1e15 + 0.25, "1000000000000000.2"),
        (1e15 + 0.75, "1000000000000000.8"),
        (f64::INFINITY, "inf"),
        (f64::NEG_INFINITY, "-inf"),
        (f64::NAN, "nan"),
        (-f64::NAN, "nan"),
        (4.35, "4.35"),
        (9.007_199_254_740_993e15, "9007199254740992.0"),
    ];

    #[test]
    fn repr_table() {
        for &(x, want) in REPR_CASES {
            assert_eq!(float_repr(x), want, "repr({x:e})");
        }
    }

    /// `(value, code, precision, alt, PyOS_double_to_string result)` via
    /// `'%{#}.{p}{code}' % value` in CPython 3.11.
    const DTS_CASES: &[(f64, char, usize, bool, &str)] = &[
        (0.5, 'f', 0, false, "0"),
        (1.5, 'f', 0, false, "2"),
        (2.5, 'f', 0, false, "2"),
        (0.125, 'f', 2, false, "0.12"),
        (0.375, 'f', 2, false, "0.38"),
        (1e23, 'f', 3, false, "99999999999999991611392.000"),
        (-0.001, 'f', 1, false, "-0.0"),
        (1.0, 'f', 0, true, "1."),
        (0.0, 'e', 3, false, "0.000e+00"),
        (12345.678, 'e', 2, false, "1.23e+04"),
        (12345.678, 'E', 0, false, "1E+04"),
        (12345.678, 'e', 0, true, "1.e+04"),
        (9.99, 'e', 1, false, "1.0e+01"),
        (1e-300, 'e', 1, false, "1.0e-300"),
        (0.0001, 'g', 6, false, "0.0001"),
        (0.00001, 'g', 6, false, "1e-05"),
        (123456.0, 'g', 6, false, "123456"),
        (1234567.0, 'g', 6, false, "1.23457e+06"),
        (1.0, 'g', 6, true, "1.00000"),
        (1.5, 'g', 0, false, "2"),
        (100.0, 'g', 2, false, "1e+02"),
        (100.0, 'G', 2, false, "1E+02"),
        (0.0, 'g', 6, true, "0.00000"),
        (f64::INFINITY, 'F', 2, false, "INF"),
        (f64::NAN, 'G', 2, false, "NAN"),
        (f64::NEG_INFINITY, 'e', 2, false, "-inf"),
    ];

    #[test]
    fn dts_table() {
        for &(x, code, p, alt, want) in DTS_CASES {
            let mode = DtoaFlags {
                alt,
                ..DtoaFlags::default()
            };
            assert_eq!(
                double_to_string(x, code, p, mode),
                want,
                "{x:e} {code} {p} {alt}"
            );
        }
    }

    #[test]
    fn sign_and_neg_zero() {
        let plus = DtoaFlags {
            always_sign: true,
            ..DtoaFlags::default()
        };
        assert_eq!(double_to_string(1.0, 'f', 1, plus), "+1.0");
        assert_eq!(double_to_string(f64::NAN, 'f', 1, plus), "+nan");
        let z = DtoaFlags {
            no_neg_0: true,
            ..DtoaFlags::default()
        };
        assert_eq!(double_to_string(-0.001, 'f', 1, z), "0.0");
        assert_eq!(double_to_string(-0.0, 'e', 1, z), "0.0e+00");
        assert_eq!(double_to_string(-0.01, 'f', 2, z), "-0.01");
    }
}
