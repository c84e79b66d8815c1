//! Table-driven tests for the `math` module functions against CPython 3.11
//! (`testdata/math_cases.txt`).

use num_bigint::BigInt;
use num_traits::{One, Signed};

use super::math_fns::*;
use super::tests_common::*;
use super::{IntResult, NumResult};

fn unary(op: &str, x: f64) -> String {
    let ir = |r: NumResult<IntResult>| enc_res(r, |v| enc_ir(&v));
    let f = |r: NumResult<f64>| enc_res(r, enc_f);
    match op {
        "sqrt" => f(sqrt(x)),
        "exp" => f(exp(x)),
        "exp2" => f(exp2(x)),
        "expm1" => f(expm1(x)),
        "log" => f(log(x)),
        "log2" => f(log2(x)),
        "log10" => f(log10(x)),
        "log1p" => f(log1p(x)),
        "sin" => f(sin(x)),
        "cos" => f(cos(x)),
        "tan" => f(tan(x)),
        "asin" => f(asin(x)),
        "acos" => f(acos(x)),
        "atan" => f(atan(x)),
        "sinh" => f(sinh(x)),
        "cosh" => f(cosh(x)),
        "tanh" => f(tanh(x)),
        "asinh" => f(asinh(x)),
        "acosh" => f(acosh(x)),
        "atanh" => f(atanh(x)),
        "cbrt" => f(cbrt(x)),
        "erf" => enc_f(erf(x)),
        "erfc" => enc_f(erfc(x)),
        "gamma" => f(gamma(x)),
        "lgamma" => f(lgamma(x)),
        "fabs" => enc_f(fabs(x)),
        "degrees" => enc_f(degrees(x)),
        "radians" => enc_f(radians(x)),
        "floor" => ir(floor(x)),
        "ceil" => ir(ceil(x)),
        "trunc" => ir(trunc(x)),
        "frexp" => {
            let (m, e) = frexp(x);
            enc_tuple(&[enc_f(m), enc_i64(e as i64)])
        }
        "modf" => {
            let (a, b) = modf(x);
            enc_tuple(&[enc_f(a), enc_f(b)])
        }
        "ulp" => enc_f(ulp(x)),
        _ => panic!("unknown op {op}"),
    }
}

fn eval(op: &str, args: &[Arg]) -> Vec<String> {
    let f = |r: NumResult<f64>| enc_res(r, enc_f);
    let big = |r: NumResult<BigInt>| enc_res(r, |v| enc_big(&v));
    vec![match op {
        "atan2" => f(atan2(args[0].f(), args[1].f())),
        "mpow" => f(pow(args[0].f(), args[1].f())),
        "mfmod" => f(fmod(args[0].f(), args[1].f())),
        "remainder" => f(remainder(args[0].f(), args[1].f())),
        "copysign" => enc_f(copysign(args[0].f(), args[1].f())),
        "nextafter" => enc_f(nextafter(args[0].f(), args[1].f())),
        "logb" => f(log_base(args[0].f(), args[1].f())),
        "hypot2" => enc_f(hypot(&[args[0].f(), args[1].f()])),
        "ldexp" => f(ldexp(args[0].f(), clamp_exponent(args[1].i()))),
        "isclose" => enc_res(
            isclose(args[0].f(), args[1].f(), args[2].f(), args[3].f()),
            enc_b,
        ),
        "fsum" => f(fsum(args[0].floats())),
        "hypot" => enc_f(hypot(&args[0].floats())),
        "dist" => f(dist(&args[0].floats(), &args[1].floats())),
        "isqrt" => big(isqrt(args[0].i())),
        "logi" => f(log_int(args[0].i())),
        "log2i" => f(log2_int(args[0].i())),
        "log10i" => f(log10_int(args[0].i())),
        "gcd" => enc_big(&gcd(&args[0].ints())),
        "lcm" => enc_big(&lcm(&args[0].ints())),
        "factorial" => {
            let n = args[0].i();
            let modulus = (BigInt::one() << 521u32) - 1;
            let small = !n.is_negative() && n.bits() < 63;
            big(factorial(n).map(|v| if small { v % modulus } else { v }))
        }
        "comb" => big(comb(args[0].i(), args[1].i())),
        "perm" => {
            let k = match &args[1] {
                Arg::None => None,
                other => Some(other.i()),
            };
            big(perm(args[0].i(), k))
        }
        _ => unary(op, args[0].f()),
    }]
}

#[test]
fn math_table_matches_cpython() {
    let n = run_table(include_str!("testdata/math_cases.txt"), eval);
    assert!(n > 5_000);
}

#[test]
fn big_factorial_and_comb() {
    let f1000 = factorial(&BigInt::from(1000)).unwrap();
    assert_eq!(f1000.bits(), 8530);
    let c = comb(&BigInt::from(1000), &BigInt::from(500)).unwrap();
    let p = perm(&BigInt::from(1000), Some(&BigInt::from(500))).unwrap();
    let f500 = factorial(&BigInt::from(500)).unwrap();
    assert_eq!(c * f500, p);
    assert_eq!(gcd_i64(i64::MIN, 0), 1u64 << 63);
}
