//! The continuous distributions of `random.Random`: `triangular`, `gauss`,
//! `normalvariate`, `lognormvariate`, `expovariate` (from
//! [`crate::numeric::random`]) and `vonmisesvariate`, `gammavariate`,
//! `betavariate`, `paretovariate`, `weibullvariate` (CPython 3.11's
//! `Lib/random.py` algorithms, operation for operation).

use super::super::math::args::{Sig, Style};
use super::super::math::{float_arg, num_err};
use super::with_rng;
use crate::numeric::float_ops::float_pow;
use crate::numeric::math_fns as mf;
use crate::numeric::PyRandom;
use crate::object::Value;
use crate::types::exception::value_error;
use crate::types::methods::{m, Method};
use crate::types::{self, Kwargs, PyResult};
use crate::vm::Vm;

const MSG_GAMMA: &str = "gammavariate: alpha and beta must be > 0.0";

const fn sig(name: &'static str, params: &'static [&'static str], required: usize) -> Sig {
    Sig {
        name,
        params,
        npos: params.len(),
        required,
        style: Style::Python { method: true },
    }
}

/// Binds the float parameters of `sig`, filling in `defaults` (one per
/// optional parameter, in order).
fn float_params(
    vm: &mut Vm,
    sig: &Sig,
    args: &[Value],
    kw: &Kwargs,
    defaults: &[f64],
) -> PyResult<Vec<f64>> {
    let bound = sig.bind(&args[1..], kw)?;
    let mut out = Vec::with_capacity(bound.len());
    for (i, b) in bound.iter().enumerate() {
        out.push(match b {
            Some(v) => float_arg(vm, v)?,
            None => defaults[i - sig.required],
        });
    }
    Ok(out)
}

fn rng_call(
    args: &[Value],
    name: &str,
    f: impl FnOnce(&mut PyRandom) -> crate::numeric::NumResult<f64>,
) -> PyResult<Value> {
    with_rng(&args[0], name, f)?
        .map(types::new_float)
        .map_err(num_err)
}

fn triangular(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    const SIG: Sig = sig("Random.triangular", &["low", "high", "mode"], 0);
    let b = SIG.bind(&args[1..], &kw)?;
    let low = match &b[0] {
        Some(v) => float_arg(vm, v)?,
        None => 0.0,
    };
    let high = match &b[1] {
        Some(v) => float_arg(vm, v)?,
        None => 1.0,
    };
    let mode = match &b[2] {
        Some(v) if !types::is_none(v) => Some(float_arg(vm, v)?),
        _ => None,
    };
    if mode.is_some() && high - low == 0.0 {
        // `(mode - low) / (high - low)` raises ZeroDivisionError: return low.
        with_rng(&args[0], "triangular", |r| r.random())?;
        return Ok(b[0].clone().unwrap_or_else(|| types::new_float(0.0)));
    }
    rng_call(args, "triangular", |r| r.triangular(low, high, mode))
}

fn gauss(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    const SIG: Sig = sig("Random.gauss", &["mu", "sigma"], 0);
    let p = float_params(vm, &SIG, args, &kw, &[0.0, 1.0])?;
    rng_call(args, "gauss", |r| Ok(r.gauss(p[0], p[1])))
}

fn normalvariate(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    const SIG: Sig = sig("Random.normalvariate", &["mu", "sigma"], 0);
    let p = float_params(vm, &SIG, args, &kw, &[0.0, 1.0])?;
    rng_call(args, "normalvariate", |r| Ok(r.normalvariate(p[0], p[1])))
}

fn lognormvariate(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    const SIG: Sig = sig("Random.lognormvariate", &["mu", "sigma"], 2);
    let p = float_params(vm, &SIG, args, &kw, &[])?;
    rng_call(args, "lognormvariate", |r| r.lognormvariate(p[0], p[1]))
}

fn expovariate(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    const SIG: Sig = sig("Random.expovariate", &["lambd"], 1);
    let p = float_params(vm, &SIG, args, &kw, &[])?;
    rng_call(args, "expovariate", |r| r.expovariate(p[0]))
}

fn vonmises(r: &mut PyRandom, mu: f64, kappa: f64) -> crate::numeric::NumResult<f64> {
    let twopi = std::f64::consts::TAU;
    if kappa <= 1e-6 {
        return Ok(twopi * r.random());
    }
    let s = 0.5 / kappa;
    let rr = s + mf::sqrt(1.0 + s * s)?;
    let z = loop {
        let u1 = r.random();
        let z = mf::cos(std::f64::consts::PI * u1)?;
        let d = z / (rr + z);
        let u2 = r.random();
        if u2 < 1.0 - d * d || u2 <= (1.0 - d) * mf::exp(d)? {
            break z;
        }
    };
    let q = 1.0 / rr;
    let f = (q + z) / (1.0 + q * z);
    let u3 = r.random();
    let theta = if u3 > 0.5 {
        mu + mf::acos(f)?
    } else {
        mu - mf::acos(f)?
    };
    crate::numeric::float_ops::float_mod(theta, twopi)
}

fn vonmisesvariate(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    const SIG: Sig = sig("Random.vonmisesvariate", &["mu", "kappa"], 2);
    let p = float_params(vm, &SIG, args, &kw, &[])?;
    rng_call(args, "vonmisesvariate", |r| vonmises(r, p[0], p[1]))
}

fn gamma(r: &mut PyRandom, alpha: f64, beta: f64) -> crate::numeric::NumResult<f64> {
    if alpha > 1.0 {
        let log4 = mf::log(4.0)?;
        let sg_magicconst = 1.0 + mf::log(4.5)?;
        let ainv = mf::sqrt(2.0 * alpha - 1.0)?;
        let bbb = alpha - log4;
        let ccc = alpha + ainv;
        loop {
            let u1 = r.random();
            if !(1e-7 < u1 && u1 < 0.9999999) {
                continue;
            }
            let u2 = 1.0 - r.random();
            let v = mf::log(u1 / (1.0 - u1))? / ainv;
            let x = alpha * mf::exp(v)?;
            let z = u1 * u1 * u2;
            let rr = bbb + ccc * v - x;
            if rr + sg_magicconst - 4.5 * z >= 0.0 || rr >= mf::log(z)? {
                return Ok(x * beta);
            }
        }
    } else if alpha == 1.0 {
        Ok(-mf::log(1.0 - r.random())? * beta)
    } else {
        let e = std::f64::consts::E;
        let x = loop {
            let u = r.random();
            let b = (e + alpha) / e;
            let p = b * u;
            let x = if p <= 1.0 {
                float_pow(p, 1.0 / alpha)?
            } else {
                -mf::log((b - p) / alpha)?
            };
            let u1 = r.random();
            if p > 1.0 {
                if u1 <= float_pow(x, alpha - 1.0)? {
                    break x;
                }
            } else if u1 <= mf::exp(-x)? {
                break x;
            }
        };
        Ok(x * beta)
    }
}

fn gammavariate(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    const SIG: Sig = sig("Random.gammavariate", &["alpha", "beta"], 2);
    let p = float_params(vm, &SIG, args, &kw, &[])?;
    if p[0] <= 0.0 || p[1] <= 0.0 {
        return Err(value_error(MSG_GAMMA));
    }
    rng_call(args, "gammavariate", |r| gamma(r, p[0], p[1]))
}

fn betavariate(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    const SIG: Sig = sig("Random.betavariate", &["alpha", "beta"], 2);
    let p = float_params(vm, &SIG, args, &kw, &[])?;
    if p[0] <= 0.0 {
        return Err(value_error(MSG_GAMMA));
    }
    rng_call(args, "betavariate", |r| {
        let y = gamma(r, p[0], 1.0)?;
        if y != 0.0 {
            if p[1] <= 0.0 {
                return Err(crate::numeric::NumError::value(MSG_GAMMA));
            }
            let z = gamma(r, p[1], 1.0)?;
            return Ok(y / (y + z));
        }
        Ok(0.0)
    })
}

fn paretovariate(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    const SIG: Sig = sig("Random.paretovariate", &["alpha"], 1);
    let p = float_params(vm, &SIG, args, &kw, &[])?;
    let e = crate::numeric::float_ops::float_truediv(-1.0, p[0]).map_err(num_err)?;
    rng_call(args, "paretovariate", |r| float_pow(1.0 - r.random(), e))
}

fn weibullvariate(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    const SIG: Sig = sig("Random.weibullvariate", &["alpha", "beta"], 2);
    let p = float_params(vm, &SIG, args, &kw, &[])?;
    rng_call(args, "weibullvariate", |r| {
        let u = 1.0 - r.random();
        let e = crate::numeric::float_ops::float_truediv(1.0, p[1])?;
        Ok(p[0] * float_pow(-mf::log(u)?, e)?)
    })
}

/// The distribution methods of `random.Random`.
pub(super) fn methods() -> Vec<Method> {
    vec![
        m("triangular", triangular),
        m("gauss", gauss),
        m("normalvariate", normalvariate),
        m("lognormvariate", lognormvariate),
        m("expovariate", expovariate),
        m("vonmisesvariate", vonmisesvariate),
        m("gammavariate", gammavariate),
        m("betavariate", betavariate),
        m("paretovariate", paretovariate),
        m("weibullvariate", weibullvariate),
    ]
}
