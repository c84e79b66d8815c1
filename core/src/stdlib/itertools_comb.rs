//! Combinatoric iterators of `itertools`: `product`, `permutations`,
//! `combinations` and `combinations_with_replacement` (CPython's index
//! algorithms, so results come out in the same order).

use std::sync::OnceLock;

use super::{iter_type, next_method};
use crate::object::Value;
use crate::stdlib::collections::native_util::{
    arg, check_kw, check_n, is_none, native_state, new_obj, stop, with_or,
};
use crate::types::exception::{type_error, value_error};
use crate::types::{self, Kwargs, PyResult, StaticValue};
use crate::vm::iteration::collect;
use crate::vm::protocol::index_value;
use crate::vm::Vm;

struct Product {
    pools: Vec<Vec<Value>>,
    indices: Vec<usize>,
    first: bool,
    stopped: bool,
}
native_state!(Product, pools);

fn product_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    check_kw("product", &kw, &["repeat"])?;
    let repeat = match kw.get("repeat") {
        Some(r) => index_value(r)?,
        None => 1,
    };
    if repeat < 0 {
        return Err(value_error("repeat argument cannot be negative"));
    }
    let mut base = Vec::new();
    for a in &args[1..] {
        base.push(collect(vm, a)?);
    }
    let mut pools = Vec::with_capacity(base.len() * repeat as usize);
    for _ in 0..repeat {
        pools.extend(base.iter().cloned());
    }
    let n = pools.len();
    Ok(new_obj(
        &args[0],
        Product {
            pools,
            indices: vec![0; n],
            first: true,
            stopped: false,
        },
    ))
}

fn product_step(_vm: &mut Vm, this: &Value) -> PyResult<Option<Value>> {
    with_or(this, "product", |s: &mut Product| {
        if s.stopped {
            return None;
        }
        if s.first {
            s.first = false;
            if s.pools.iter().any(|p| p.is_empty()) {
                s.stopped = true;
                return None;
            }
        } else {
            let mut i = s.indices.len();
            loop {
                if i == 0 {
                    s.stopped = true;
                    return None;
                }
                i -= 1;
                s.indices[i] += 1;
                if s.indices[i] == s.pools[i].len() {
                    s.indices[i] = 0;
                } else {
                    break;
                }
            }
        }
        let items: Vec<Value> = s
            .indices
            .iter()
            .zip(&s.pools)
            .map(|(&i, p)| p[i].clone())
            .collect();
        Some(types::new_tuple(items))
    })
}
next_method!(product_next, product_step);

#[derive(Clone, Copy, PartialEq)]
enum CombKind {
    Permutations,
    Combinations,
    WithReplacement,
}

struct Comb {
    kind: CombKind,
    pool: Vec<Value>,
    indices: Vec<usize>,
    cycles: Vec<usize>,
    r: usize,
    first: bool,
    stopped: bool,
}
native_state!(Comb, pool);

fn comb_new(
    vm: &mut Vm,
    args: &[Value],
    kw: Kwargs,
    kind: CombKind,
    name: &str,
) -> PyResult<Value> {
    check_kw(name, &kw, &["iterable", "r"])?;
    check_n(name, args, 0, 2)?;
    let src = arg(args, &kw, 0, "iterable").ok_or_else(|| {
        type_error(format!(
            "{name}() missing required argument 'iterable' (pos 1)"
        ))
    })?;
    let pool = collect(vm, src)?;
    let n = pool.len();
    let r = match arg(args, &kw, 1, "r") {
        Some(v) if !(kind == CombKind::Permutations && is_none(v)) => index_value(v)?,
        None if kind != CombKind::Permutations => {
            return Err(type_error(format!(
                "{name}() missing required argument 'r' (pos 2)"
            )))
        }
        _ => n as i64,
    };
    if r < 0 {
        return Err(value_error("r must be non-negative"));
    }
    let r = r as usize;
    let (indices, cycles, stopped) = match kind {
        CombKind::Permutations => (
            (0..n).collect(),
            (0..r.min(n)).map(|i| n - i).collect(),
            r > n,
        ),
        CombKind::Combinations => ((0..r).collect(), vec![], r > n),
        CombKind::WithReplacement => (vec![0; r], vec![], n == 0 && r > 0),
    };
    Ok(new_obj(
        &args[0],
        Comb {
            kind,
            pool,
            indices,
            cycles,
            r,
            first: true,
            stopped,
        },
    ))
}

fn advance(s: &mut Comb) -> bool {
    let n = s.pool.len();
    let r = s.r;
    match s.kind {
        CombKind::Permutations => {
            if n == 0 {
                return false;
            }
            let mut i = r;
            while i > 0 {
                i -= 1;
                s.cycles[i] -= 1;
                if s.cycles[i] == 0 {
                    let x = s.indices.remove(i);
                    s.indices.push(x);
                    s.cycles[i] = n - i;
                } else {
                    let j = s.cycles[i];
                    s.indices.swap(i, n - j);
                    return true;
                }
            }
            false
        }
        CombKind::Combinations => {
            let mut i = r;
            loop {
                if i == 0 {
                    return false;
                }
                i -= 1;
                if s.indices[i] != i + n - r {
                    break;
                }
            }
            s.indices[i] += 1;
            for j in i + 1..r {
                s.indices[j] = s.indices[j - 1] + 1;
            }
            true
        }
        CombKind::WithReplacement => {
            let mut i = r;
            loop {
                if i == 0 {
                    return false;
                }
                i -= 1;
                if s.indices[i] != n - 1 {
                    break;
                }
            }
            let v = s.indices[i] + 1;
            for x in &mut s.indices[i..] {
                *x = v;
            }
            true
        }
    }
}

fn comb_step(_vm: &mut Vm, this: &Value) -> PyResult<Option<Value>> {
    with_or(this, "combinations", |s: &mut Comb| {
        if s.stopped {
            return None;
        }
        if s.first {
            s.first = false;
        } else if !advance(s) {
            s.stopped = true;
            return None;
        }
        let items: Vec<Value> = s.indices[..s.r]
            .iter()
            .map(|&i| s.pool[i].clone())
            .collect();
        Some(types::new_tuple(items))
    })
}
next_method!(comb_next, comb_step);

fn permutations_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    comb_new(vm, args, kw, CombKind::Permutations, "permutations")
}

fn combinations_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    comb_new(vm, args, kw, CombKind::Combinations, "combinations")
}

fn cwr_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    comb_new(
        vm,
        args,
        kw,
        CombKind::WithReplacement,
        "combinations_with_replacement",
    )
}

/// The types this file defines, by module attribute name.
pub fn types(vm: &mut Vm) -> Vec<(&'static str, Value)> {
    static P: OnceLock<StaticValue> = OnceLock::new();
    static PE: OnceLock<StaticValue> = OnceLock::new();
    static C: OnceLock<StaticValue> = OnceLock::new();
    static CW: OnceLock<StaticValue> = OnceLock::new();
    vec![
        (
            "product",
            iter_type(&P, vm, "product", product_next, Some(product_new), &[]),
        ),
        (
            "permutations",
            iter_type(
                &PE,
                vm,
                "permutations",
                comb_next,
                Some(permutations_new),
                &[],
            ),
        ),
        (
            "combinations",
            iter_type(
                &C,
                vm,
                "combinations",
                comb_next,
                Some(combinations_new),
                &[],
            ),
        ),
        (
            "combinations_with_replacement",
            iter_type(
                &CW,
                vm,
                "combinations_with_replacement",
                comb_next,
                Some(cwr_new),
                &[],
            ),
        ),
    ]
}
