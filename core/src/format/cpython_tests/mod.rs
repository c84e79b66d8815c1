//! Table-driven tests whose expected strings were produced by CPython 3.11
//! (see `gen_cases.py` in this directory).

mod float_cases;
mod int_str_cases;
mod misc_cases;
mod percent_cases;
mod repr_cases;

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use super::*;

fn show(r: FmtResult<String>) -> String {
    match r {
        Ok(s) => s,
        Err(e) => {
            let kind = match e.kind {
                ErrorKind::Value => "ValueError",
                ErrorKind::Overflow => "OverflowError",
                ErrorKind::Type => "TypeError",
                ErrorKind::Memory => "MemoryError",
            };
            format!("!{kind}: {}", e.message)
        }
    }
}

fn big(s: &str) -> BigInt {
    s.parse().unwrap()
}

fn float(s: &str) -> f64 {
    s.parse().unwrap()
}

#[test]
fn format_int_table() {
    let mut failures = Vec::new();
    for &(v, spec, want) in int_str_cases::INT_CASES {
        let bv = big(v);
        let got = show(FormatSpec::parse_for(spec, "int").and_then(|s| format_int(&bv, &s)));
        if got != want {
            failures.push(format!("format({v}, {spec:?}) = {got:?}, want {want:?}"));
        }
        if let Some(small) = bv.to_i64() {
            let got = show(FormatSpec::parse_for(spec, "int").and_then(|s| format_i64(small, &s)));
            if got != want {
                failures.push(format!(
                    "format_i64({v}, {spec:?}) = {got:?}, want {want:?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn format_str_table() {
    let mut failures = Vec::new();
    for &(v, spec, want) in int_str_cases::STR_CASES {
        let got = show(FormatSpec::parse_for(spec, "str").and_then(|s| format_str(v, &s)));
        if got != want {
            failures.push(format!("format({v:?}, {spec:?}) = {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn format_float_table() {
    let mut failures = Vec::new();
    for &(v, spec, want) in float_cases::FLOAT_CASES {
        let got =
            show(FormatSpec::parse_for(spec, "float").and_then(|s| format_float(float(v), &s)));
        if got != want {
            failures.push(format!("format({v}, {spec:?}) = {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn run_percent(fmt: &str, kind: &str, arg: &str) -> FmtResult<String> {
    let mut out = String::new();
    for piece in parse_percent(fmt)? {
        match piece {
            PercentPiece::Literal(s) => out.push_str(&s),
            PercentPiece::Directive(d) => out.push_str(&match kind {
                "i" => percent_int(&big(arg), &d)?,
                "f" => percent_float(float(arg), &d)?,
                _ => percent_str(arg, &d)?,
            }),
        }
    }
    Ok(out)
}

#[test]
fn percent_table() {
    let mut failures = Vec::new();
    for &(fmt, kind, arg, want) in percent_cases::PERCENT_CASES {
        let got = show(run_percent(fmt, kind, arg));
        if got != want {
            failures.push(format!("{fmt:?} % {arg:?} = {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A miniature `str.format` over int arguments, enough to exercise the
/// parser, auto-numbering, conversions and nested specs together.
fn render(template: &str) -> FmtResult<String> {
    let args = [1i64, 22, 333];
    let lookup = |f: &FormatField| -> FmtResult<i64> {
        match &f.first {
            FieldName::Auto(i) | FieldName::Index(i) => args.get(*i).copied().ok_or_else(|| {
                FormatError::value(format!(
                    "!IndexError: Replacement index {i} out of range for positional args tuple"
                ))
            }),
            FieldName::Keyword(k) => match k.as_str() {
                "a" => Ok(4444),
                "w" => Ok(8),
                _ => Err(FormatError::value(format!("!KeyError: {}", str_repr(k)))),
            },
        }
    };
    fn render_field(
        f: &FormatField,
        lookup: &dyn Fn(&FormatField) -> FmtResult<i64>,
    ) -> FmtResult<String> {
        let v = lookup(f)?;
        let spec_text = expand_spec(f, |nf| render_field(nf, lookup))?;
        if f.conversion.is_some() {
            let spec = FormatSpec::parse_for(&spec_text, "str")?;
            return format_str(&v.to_string(), &spec);
        }
        let spec = FormatSpec::parse_for(&spec_text, "int")?;
        format_i64(v, &spec)
    }
    let mut out = String::new();
    for piece in FormatStringParser::new(template) {
        match piece? {
            FormatPiece::Literal(s) => out.push_str(&s),
            FormatPiece::Field(f) => out.push_str(&render_field(&f, &lookup)?),
        }
    }
    Ok(out)
}

#[test]
fn format_string_table() {
    let mut failures = Vec::new();
    for &(t, want) in misc_cases::FORMAT_STRING_CASES {
        let mut got = show(render(t));
        if let Some(rest) = got.strip_prefix("!ValueError: !") {
            got = format!("!{rest}");
        }
        if got != want {
            failures.push(format!("{t:?}.format(...) = {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn float_parse_table() {
    let mut failures = Vec::new();
    for &(s, want) in misc_cases::FLOAT_PARSE_CASES {
        let got = parse_float_literal(s).map_or_else(|| "!".to_string(), float_repr);
        if got != want {
            failures.push(format!("float({s:?}) = {got}, want {want}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn int_parse_table() {
    let mut failures = Vec::new();
    for &(s, base, want) in misc_cases::INT_PARSE_CASES {
        let got = parse_int_literal(s, base).map_or_else(|| "!".to_string(), |v| v.to_string());
        if got != want {
            failures.push(format!("int({s:?}, {base}) = {got}, want {want}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn repr_tables() {
    for &(s, want_repr, want_ascii) in misc_cases::STR_REPR_CASES {
        assert_eq!(str_repr(s), want_repr, "repr({s:?})");
        assert_eq!(str_ascii(s), want_ascii, "ascii({s:?})");
    }
    for &(b, want) in misc_cases::BYTES_REPR_CASES {
        assert_eq!(bytes_repr(b), want, "repr({b:?})");
    }
}

#[test]
fn float_repr_table() {
    for &(bits, want) in repr_cases::FLOAT_REPR_CASES {
        let x = f64::from_bits(bits);
        assert_eq!(float_repr(x), want, "repr({bits:#x})");
        // Round trip through the parser too.
        assert_eq!(parse_float_literal(want).map(f64::to_bits), Some(bits));
    }
}
