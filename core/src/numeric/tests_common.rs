//! Shared machinery for the table-driven tests: parses the lines written by
//! `testdata/gen.py` (CPython 3.11 as the oracle) and encodes Rust results
//! in the same notation so they can be compared as strings.

use std::fmt::Write as _;
use std::str::FromStr;

use num_bigint::BigInt;

use super::{IntResult, NumError, NumResult};

/// One decoded argument of a test line.
#[derive(Debug, Clone)]
pub(crate) enum Arg {
    I(BigInt),
    F(f64),
    S(String),
    Y(Vec<u8>),
    B(bool),
    L(Vec<Arg>),
    None,
}

impl Arg {
    pub(crate) fn i(&self) -> &BigInt {
        match self {
            Arg::I(v) => v,
            other => panic!("expected int, got {other:?}"),
        }
    }

    pub(crate) fn f(&self) -> f64 {
        match self {
            Arg::F(v) => *v,
            Arg::I(v) => v.to_string().parse().expect("small int"),
            other => panic!("expected float, got {other:?}"),
        }
    }

    pub(crate) fn s(&self) -> &str {
        match self {
            Arg::S(v) => v,
            other => panic!("expected str, got {other:?}"),
        }
    }

    pub(crate) fn y(&self) -> &[u8] {
        match self {
            Arg::Y(v) => v,
            other => panic!("expected bytes, got {other:?}"),
        }
    }

    pub(crate) fn b(&self) -> bool {
        match self {
            Arg::B(v) => *v,
            other => panic!("expected bool, got {other:?}"),
        }
    }

    pub(crate) fn l(&self) -> &[Arg] {
        match self {
            Arg::L(v) => v,
            other => panic!("expected list, got {other:?}"),
        }
    }

    pub(crate) fn floats(&self) -> Vec<f64> {
        self.l().iter().map(Arg::f).collect()
    }

    pub(crate) fn ints(&self) -> Vec<BigInt> {
        self.l().iter().map(|a| a.i().clone()).collect()
    }

    pub(crate) fn small(&self) -> Option<i64> {
        num_traits::ToPrimitive::to_i64(self.i())
    }
}

fn hex_bytes(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

/// Parses one encoded value (no errors, no nesting beyond lists).
pub(crate) fn parse_arg(s: &str) -> Arg {
    if s == "None" {
        return Arg::None;
    }
    if let Some(inner) = s.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        if inner.is_empty() {
            return Arg::L(Vec::new());
        }
        return Arg::L(inner.split(';').map(parse_arg).collect());
    }
    let (tag, body) = s.split_at(2);
    match tag {
        "i:" => Arg::I(BigInt::from_str(body).expect("int")),
        "f:" => Arg::F(if body == "nan" {
            f64::NAN
        } else {
            f64::from_bits(u64::from_str_radix(body, 16).expect("float bits"))
        }),
        "s:" => Arg::S(body.to_string()),
        "x:" => Arg::S(String::from_utf8(hex_bytes(body)).expect("utf8")),
        "y:" => Arg::Y(hex_bytes(body)),
        "b:" => Arg::B(body == "True"),
        _ => panic!("bad arg {s}"),
    }
}

pub(crate) fn enc_big(v: &BigInt) -> String {
    format!("i:{v}")
}

pub(crate) fn enc_ir(v: &IntResult) -> String {
    format!("i:{v}")
}

pub(crate) fn enc_i64(v: i64) -> String {
    format!("i:{v}")
}

pub(crate) fn enc_f(v: f64) -> String {
    if v.is_nan() {
        "f:nan".to_string()
    } else {
        format!("f:{:016x}", v.to_bits())
    }
}

pub(crate) fn enc_b(v: bool) -> String {
    format!("b:{}", if v { "True" } else { "False" })
}

pub(crate) fn enc_s(v: &str) -> String {
    if v.chars()
        .all(|c| c.is_ascii_alphanumeric() || ".+-_".contains(c))
    {
        format!("s:{v}")
    } else {
        let mut out = String::from("x:");
        for b in v.bytes() {
            let _ = write!(out, "{b:02x}");
        }
        out
    }
}

pub(crate) fn enc_y(v: &[u8]) -> String {
    let mut out = String::from("y:");
    for b in v {
        let _ = write!(out, "{b:02x}");
    }
    out
}

pub(crate) fn enc_tuple(parts: &[String]) -> String {
    format!("({})", parts.join(";"))
}

pub(crate) fn enc_list(parts: &[String]) -> String {
    format!("[{}]", parts.join(";"))
}

pub(crate) fn enc_err(e: &NumError) -> String {
    format!("E:{}:{}", e.kind.name(), e.msg)
}

/// Encodes a fallible result with `f` for the success value.
pub(crate) fn enc_res<T>(r: NumResult<T>, f: impl FnOnce(T) -> String) -> String {
    match r {
        Ok(v) => f(v),
        Err(e) => enc_err(&e),
    }
}

/// Runs every line of a table through `eval` (which returns one or more
/// encodings to check, e.g. from both the `i64` and `BigInt` paths) and
/// panics listing the first mismatches.  Returns the number of lines.
pub(crate) fn run_table(data: &str, mut eval: impl FnMut(&str, &[Arg]) -> Vec<String>) -> usize {
    let mut failures = Vec::new();
    let mut count = 0;
    for line in data.lines() {
        if line.is_empty() {
            continue;
        }
        count += 1;
        let fields: Vec<&str> = line.split('|').collect();
        let op = fields[0];
        let expected = fields[fields.len() - 1];
        let args: Vec<Arg> = fields[1..fields.len() - 1]
            .iter()
            .map(|s| parse_arg(s))
            .collect();
        for got in eval(op, &args) {
            if got != expected {
                failures.push(format!("{line}\n    got {got}"));
            }
        }
    }
    if !failures.is_empty() {
        let mut tally: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for f in &failures {
            *tally.entry(f.split('|').next().unwrap_or("")).or_default() += 1;
        }
        let shown: Vec<&String> = failures.iter().take(25).collect();
        panic!(
            "{} mismatches out of {count} lines (by op: {tally:?}):\n{}",
            failures.len(),
            shown
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    count
}
