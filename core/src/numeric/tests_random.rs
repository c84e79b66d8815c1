//! Sequence tests for the `random` module port: for each seed, a script of
//! calls whose outputs must equal CPython 3.11's exactly
//! (`testdata/random_cases.txt`).  Where both an `i64` and a `BigInt`
//! entry point exist, both run on clones of the generator and must agree
//! on the result and on the random bits they consume.

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use super::random::PyRandom;
use super::tests_common::*;
use super::NumResult;

fn ints(v: &[u64]) -> String {
    enc_list(&v.iter().map(|x| format!("i:{x}")).collect::<Vec<_>>())
}

fn usizes(v: &[usize]) -> String {
    enc_list(&v.iter().map(|x| format!("i:{x}")).collect::<Vec<_>>())
}

/// Runs a randrange-like call on both entry points and checks they agree.
fn both(
    rng: &mut PyRandom,
    small: impl FnOnce(&mut PyRandom) -> Option<NumResult<i64>>,
    big: impl FnOnce(&mut PyRandom) -> NumResult<BigInt>,
) -> String {
    let mut twin = rng.clone();
    let b = enc_res(big(rng), |v| enc_big(&v));
    if let Some(s) = small(&mut twin) {
        let s = enc_res(s, enc_i64);
        assert_eq!(s, b, "i64 and BigInt paths disagree");
        assert_eq!(twin.getstate(), rng.getstate(), "different bits consumed");
    }
    b
}

fn eval(rng: &mut PyRandom, op: &str, args: &[Arg]) -> String {
    let f = |i: usize| args[i].f();
    match op {
        "seed" => {
            match &args[0] {
                Arg::I(v) => *rng = PyRandom::new(v),
                Arg::S(s) => rng.seed_str(s),
                Arg::Y(b) => rng.seed_bytes(b),
                Arg::F(x) => rng.seed_float(*x),
                other => panic!("bad seed {other:?}"),
            }
            "s:ok".into()
        }
        "random" => enc_f(rng.random()),
        "randint" => {
            let (a, b) = (args[0].i().clone(), args[1].i().clone());
            let (sa, sb) = (args[0].small(), args[1].small());
            both(
                rng,
                |r| Some(r.randint_i64(sa?, sb?)),
                |r| r.randint(&a, &b),
            )
        }
        "randrange" => {
            let (a, b, c) = (
                args[0].i().clone(),
                args[1].i().clone(),
                args[2].i().clone(),
            );
            let (sa, sb, sc) = (args[0].small(), args[1].small(), args[2].small());
            both(
                rng,
                |r| Some(r.randrange_i64(sa?, Some(sb?), sc?)),
                |r| r.randrange(&a, Some(&b), &c),
            )
        }
        "randrange1" => {
            let a = args[0].i().clone();
            let sa = args[0].small();
            both(
                rng,
                |r| Some(r.randrange_i64(sa?, None, 1)),
                |r| r.randrange(&a, None, &BigInt::from(1)),
            )
        }
        "choice10" => enc_res(rng.choice_index(10), |i| format!("i:{i}")),
        "shuffle20" => {
            let mut v: Vec<usize> = (0..20).collect();
            rng.shuffle(&mut v);
            usizes(&v)
        }
        "getrandbits" => enc_res(rng.getrandbits(args[0].small().unwrap()), |v| {
            format!("i:{v}")
        }),
        "uniform" => enc_f(rng.uniform(f(0), f(1))),
        "sample" => {
            let n = args[0].i().to_u64().unwrap();
            enc_res(rng.sample_indices(n, args[1].small().unwrap()), |v| {
                ints(&v)
            })
        }
        "sample_counts" => {
            let counts: Vec<i64> = args[0].ints().iter().map(|c| c.to_i64().unwrap()).collect();
            enc_res(
                rng.sample_counts(counts.len(), &counts, args[1].small().unwrap()),
                |v| usizes(&v),
            )
        }
        "choices" => {
            let n = args[0].small().unwrap() as usize;
            usizes(&rng.choices_indices(n, args[1].small().unwrap() as usize))
        }
        "choices_w" | "choices_cw" => {
            let w = args[0].floats();
            let k = args[1].small().unwrap() as usize;
            let r = if op == "choices_w" {
                rng.choices_weighted(w.len(), &w, k)
            } else {
                rng.choices_cum_weights(w.len(), &w, k)
            };
            enc_res(r, |v| usizes(&v))
        }
        "gauss" => enc_f(rng.gauss(f(0), f(1))),
        "normalvariate" => enc_f(rng.normalvariate(f(0), f(1))),
        "lognormvariate" => enc_res(rng.lognormvariate(f(0), f(1)), enc_f),
        "expovariate" => enc_res(rng.expovariate(f(0)), enc_f),
        "triangular" => enc_res(rng.triangular(f(0), f(1), Some(f(2))), enc_f),
        "randbytes" => enc_res(rng.randbytes(args[0].small().unwrap() as usize), |v| {
            enc_y(&v)
        }),
        _ => panic!("unknown op {op}"),
    }
}

#[test]
fn random_sequences_match_cpython() {
    let mut rng = PyRandom::default();
    let n = run_table(include_str!("testdata/random_cases.txt"), |op, args| {
        vec![eval(&mut rng, op, args)]
    });
    assert!(n > 500);
}

#[test]
fn seeds_from_i64_and_bigint_agree() {
    for s in [0i64, 1, -1, 42, i64::MIN, i64::MAX] {
        let mut a = PyRandom::from_i64(s);
        let mut b = PyRandom::new(&BigInt::from(s));
        assert_eq!(a.random().to_bits(), b.random().to_bits());
    }
    let mut r = PyRandom::from_i64(3);
    assert_eq!(r.randbelow_u64(0), 0);
    assert!(r.getrandbits(-1).is_err());
}
