//! Table-driven tests for int arithmetic, conversion, hashing and
//! comparison against CPython 3.11 (`testdata/int_cases.txt`).

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use super::hash_cmp::{cmp_big_f64, cmp_i64_f64, hash_big, hash_i64};
use super::int_convert::*;
use super::int_ops::*;
use super::int_pow::*;
use super::tests_common::*;
use super::{IntResult, NumResult};

fn enc_pow(r: NumResult<PowResult>) -> String {
    enc_res(r, |p| match p {
        PowResult::Int(v) => enc_ir(&v),
        PowResult::Float(f) => enc_f(f),
    })
}

fn enc_ord(o: Option<Ordering>) -> String {
    enc_s(match o {
        Some(Ordering::Less) => "<",
        Some(Ordering::Greater) => ">",
        Some(Ordering::Equal) => "=",
        None => "None",
    })
}

fn enc_ir_res(r: NumResult<IntResult>) -> String {
    enc_res(r, |v| enc_ir(&v))
}

/// Evaluates one binary int op on the BigInt path and, when both operands
/// fit, the i64 path as well.
fn binary(op: &str, a: &BigInt, b: &BigInt, sa: Option<i64>, sb: Option<i64>) -> Vec<String> {
    let mut out = vec![match op {
        "add" => enc_ir(&add_big(a, b)),
        "sub" => enc_ir(&sub_big(a, b)),
        "mul" => enc_ir(&mul_big(a, b)),
        "floordiv" => enc_ir_res(floordiv_big(a, b)),
        "mod" => enc_ir_res(mod_big(a, b)),
        "divmod" => enc_res(divmod_big(a, b), |(q, r)| {
            enc_tuple(&[enc_ir(&q), enc_ir(&r)])
        }),
        "truediv" => enc_res(truediv_big(a, b), enc_f),
        "and" => enc_ir(&and_big(a, b)),
        "or" => enc_ir(&or_big(a, b)),
        "xor" => enc_ir(&xor_big(a, b)),
        "lshift" => enc_ir_res(lshift_big(a, b)),
        "rshift" => enc_ir_res(rshift_big(a, b)),
        "pow" => enc_pow(pow_big(a, b)),
        "round" => enc_ir(&round_big(a, b.to_i64().unwrap())),
        _ => panic!("unknown op {op}"),
    }];
    if let (Some(x), Some(y)) = (sa, sb) {
        let small = match op {
            "add" => Some(enc_ir(&add_i64(x, y))),
            "sub" => Some(enc_ir(&sub_i64(x, y))),
            "mul" => Some(enc_ir(&mul_i64(x, y))),
            "floordiv" => Some(enc_ir_res(floordiv_i64(x, y))),
            "mod" => Some(enc_res(mod_i64(x, y), enc_i64)),
            "divmod" => Some(enc_res(divmod_i64(x, y), |(q, r)| {
                enc_tuple(&[enc_ir(&q), enc_i64(r)])
            })),
            "truediv" => Some(enc_res(truediv_i64(x, y), enc_f)),
            "and" => Some(enc_i64(and_i64(x, y))),
            "or" => Some(enc_i64(or_i64(x, y))),
            "xor" => Some(enc_i64(xor_i64(x, y))),
            "lshift" => Some(enc_ir_res(lshift_i64(x, y))),
            "rshift" => Some(enc_res(rshift_i64(x, y), enc_i64)),
            "pow" => Some(enc_pow(pow_i64(x, y))),
            _ => None,
        };
        out.extend(small);
    }
    out
}

fn eval(op: &str, args: &[Arg]) -> Vec<String> {
    match op {
        "neg" | "abs" | "invert" | "float" | "bin" | "oct" | "hex" | "bit_length" | "bit_count"
        | "hash" => {
            let a = args[0].i();
            let mut out = vec![match op {
                "neg" => enc_ir(&neg_big(a)),
                "abs" => enc_ir(&abs_big(a)),
                "invert" => enc_ir(&invert_big(a)),
                "float" => enc_res(big_to_f64(a), enc_f),
                "bin" => enc_s(&bin_big(a)),
                "oct" => enc_s(&oct_big(a)),
                "hex" => enc_s(&hex_big(a)),
                "bit_length" => format!("i:{}", bit_length_big(a)),
                "bit_count" => format!("i:{}", bit_count_big(a)),
                _ => enc_i64(hash_big(a)),
            }];
            if let Some(x) = args[0].small() {
                out.push(match op {
                    "neg" => enc_ir(&neg_i64(x)),
                    "abs" => enc_ir(&abs_i64(x)),
                    "invert" => enc_i64(invert_i64(x)),
                    "float" => enc_f(i64_to_f64(x)),
                    "bin" => enc_s(&bin_i64(x)),
                    "oct" => enc_s(&oct_i64(x)),
                    "hex" => enc_s(&hex_i64(x)),
                    "bit_length" => format!("i:{}", bit_length_i64(x)),
                    "bit_count" => format!("i:{}", bit_count_i64(x)),
                    _ => enc_i64(hash_i64(x)),
                });
            }
            out
        }
        "powmod" => {
            let (a, e, m) = (args[0].i(), args[1].i(), args[2].i());
            let mut out = vec![enc_ir_res(pow_mod_big(a, e, m))];
            if let (Some(x), Some(y), Some(z)) = (args[0].small(), args[1].small(), args[2].small())
            {
                out.push(enc_res(pow_mod_i64(x, y, z), enc_i64));
            }
            out
        }
        "to_bytes" => {
            let big = args[2].s() == "big";
            let len = args[1].small().unwrap() as usize;
            vec![enc_res(to_bytes(args[0].i(), len, big, args[3].b()), |v| {
                enc_y(&v)
            })]
        }
        "from_bytes" => vec![enc_ir(&from_bytes(
            args[0].y(),
            args[1].s() == "big",
            args[2].b(),
        ))],
        "cmp" => {
            let (a, f) = (args[0].i(), args[1].f());
            let mut out = vec![enc_ord(cmp_big_f64(a, f))];
            if let Some(x) = args[0].small() {
                out.push(enc_ord(cmp_i64_f64(x, f)));
            }
            out
        }
        "str4300" => {
            let a = args[0].i();
            vec![enc_res(
                to_decimal_checked(a, DEFAULT_MAX_STR_DIGITS),
                |s| {
                    let cut: String = s.chars().take(20).collect();
                    enc_s(&cut)
                },
            )]
        }
        _ => binary(
            op,
            args[0].i(),
            args[1].i(),
            args[0].small(),
            args[1].small(),
        ),
    }
}

#[test]
fn int_table_matches_cpython() {
    let n = run_table(include_str!("testdata/int_cases.txt"), eval);
    assert!(n > 5_000);
}

#[test]
fn int_result_normalises() {
    assert_eq!(IntResult::from_big(BigInt::from(5)), IntResult::Small(5));
    let big: BigInt = BigInt::from(i64::MAX) + 1;
    assert_eq!(
        IntResult::from_big(big.clone()),
        IntResult::Big(big.clone())
    );
    assert_eq!(
        IntResult::Big(big.clone()).to_string(),
        "9223372036854775808"
    );
    assert_eq!(neg_i64(i64::MIN), IntResult::Big(big));
    assert!(lshift_i64(1, 1 << 40).is_err());
    assert_eq!(
        pow_big(&BigInt::from(-1), &(BigInt::from(1) << 100u32)),
        Ok(PowResult::Int(IntResult::Small(1)))
    );
    assert_eq!(
        pow_big(&BigInt::from(0), &(BigInt::from(1) << 100u32)),
        Ok(PowResult::Int(IntResult::Small(0)))
    );
    assert!(pow_big(&BigInt::from(2), &(BigInt::from(1) << 100u32)).is_err());
}
