//! The `random` module: the `Random` class (state in Rust, algorithms from
//! [`crate::numeric::random::PyRandom`], CPython-exact for a given seed)
//! and the module-level functions, which are bound methods of a hidden
//! instance `random._inst`, exactly as in CPython.

#[path = "random_dist.rs"]
mod dist;

use std::sync::OnceLock;

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use super::collections::native_util::{cached_type, new_weakrefable_type};
use super::math::args::{Sig, Style};
use super::math::{float_arg, int_arg, num_err};
use super::{native_fn, set_attr};
use crate::numeric::PyRandom;
use crate::object::{Kind, Value};
use crate::types::exception::{index_error, type_error, value_error};
use crate::types::methods::{m, Method};
use crate::types::misc::NativeState;
use crate::types::{self, Kwargs, ListData, OpaqueData, PyResult, StaticValue, TupleData};
use crate::vm::containers::{getitem, len as seq_len, setitem};
use crate::vm::protocol::type_name;
use crate::vm::Vm;

/// The state of one `random.Random` instance.
pub(crate) struct RandomState {
    rng: PyRandom,
}

impl NativeState for RandomState {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

/// Runs `f` on the generator of a `Random` instance.
pub(crate) fn with_rng<R>(
    this: &Value,
    name: &str,
    f: impl FnOnce(&mut PyRandom) -> R,
) -> PyResult<R> {
    this.downcast::<OpaqueData>()
        .and_then(|o| o.with(|s: &mut RandomState| f(&mut s.rng)))
        .ok_or_else(|| {
            type_error(format!(
                "descriptor '{name}' for 'Random' objects doesn't apply to a '{}' object",
                type_name(this)
            ))
        })
}

/// 624 words of seed material for `seed()` without an argument (CPython
/// reads them from `os.urandom`).
fn entropy_words() -> Vec<u32> {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    h.write_u128(now);
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.write_u32(std::process::id());
    let mut x = h.finish();
    let mut out = Vec::with_capacity(624);
    while out.len() < 624 {
        // splitmix64
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        out.push(z as u32);
        out.push((z >> 32) as u32);
    }
    out
}

/// What `seed(a, version)` does, decided before touching the generator.
enum SeedAction {
    Entropy(Vec<u32>),
    Int(BigInt),
    Float(f64),
    Bytes(Vec<u8>),
}

fn seed_action(vm: &mut Vm, a: Option<&Value>, version: i64) -> PyResult<SeedAction> {
    let _ = vm;
    let a = match a {
        None => return Ok(SeedAction::Entropy(entropy_words())),
        Some(a) if types::is_none(a) => return Ok(SeedAction::Entropy(entropy_words())),
        Some(a) => a,
    };
    let bytes = if let Some(s) = types::str::as_str(a) {
        Some(s.as_bytes().to_vec())
    } else {
        a.downcast::<types::BytesData>().map(|b| b.0.to_vec())
    };
    if let Some(b) = bytes {
        if version == 1 {
            // Python 2.x-compatible string hashing (version 1).
            let chars: Vec<u32> = match types::str::as_str(a) {
                Some(s) => s.chars().map(|c| c as u32).collect(),
                None => b.iter().map(|&c| c as u32).collect(),
            };
            let mut x: u64 = chars.first().map(|&c| (c as u64) << 7).unwrap_or(0);
            for &c in &chars {
                x = 1_000_003u64.wrapping_mul(x) ^ c as u64;
            }
            x ^= chars.len() as u64;
            return Ok(SeedAction::Int(BigInt::from(x)));
        }
        if version == 2 {
            return Ok(SeedAction::Bytes(b));
        }
    }
    if types::bigint::is_int_like(a) {
        return Ok(SeedAction::Int(types::bigint::to_bigint(a).expect("int")));
    }
    if let Some(f) = a.as_float() {
        return Ok(SeedAction::Float(f));
    }
    Err(type_error(
        "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
    ))
}

fn apply_seed(this: &Value, action: SeedAction) -> PyResult<()> {
    with_rng(this, "seed", |r| match action {
        SeedAction::Entropy(w) => r.seed_entropy(&w),
        SeedAction::Int(i) => r.seed_int(&i),
        SeedAction::Float(f) => r.seed_float(f),
        SeedAction::Bytes(b) => r.seed_bytes(&b),
    })
}

fn random_new(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    // `Random.__init__` seeds (the VM calls it after `__new__`).
    Ok(types::misc::new_opaque(
        &args[0],
        Box::new(RandomState {
            rng: PyRandom::default(),
        }),
    ))
}

fn init(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    const SIG: Sig = Sig {
        name: "Random.__init__",
        params: &["x"],
        npos: 1,
        required: 0,
        style: Style::Python { method: true },
    };
    let a = SIG.bind(&args[1..], &kw)?;
    let action = seed_action(vm, a[0].as_ref(), 2)?;
    apply_seed(&args[0], action)?;
    Ok(types::none())
}

fn seed(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    const SIG: Sig = Sig {
        name: "Random.seed",
        params: &["a", "version"],
        npos: 2,
        required: 0,
        style: Style::Python { method: true },
    };
    let a = SIG.bind(&args[1..], &kw)?;
    let version = match &a[1] {
        Some(v) => crate::vm::protocol::index_value(v)?,
        None => 2,
    };
    let action = seed_action(vm, a[0].as_ref(), version)?;
    apply_seed(&args[0], action)?;
    Ok(types::none())
}

fn random(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    if args.len() != 1 || !kw.is_empty() {
        crate::vm::call::no_kwargs("random", &kw)?;
        return Err(type_error(format!(
            "random() takes no arguments ({} given)",
            args.len().saturating_sub(1)
        )));
    }
    Ok(types::new_float(with_rng(&args[0], "random", |r| {
        r.random()
    })?))
}

fn u64_value(x: u64) -> Value {
    match i64::try_from(x) {
        Ok(i) => types::new_int(i),
        Err(_) => types::new_bigint(BigInt::from(x)),
    }
}

fn getrandbits(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::no_kwargs("getrandbits", &kw)?;
    if args.len() != 2 {
        return Err(type_error(format!(
            "getrandbits() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        )));
    }
    let k = int_arg(vm, &args[1])?;
    let k = k
        .to_i64()
        .unwrap_or(if k < BigInt::from(0) { -1 } else { i64::MAX });
    if (0..=64).contains(&k) {
        return Ok(u64_value(with_rng(&args[0], "getrandbits", |r| {
            r.mt().getrandbits_u64(k as u32)
        })?));
    }
    let bits = with_rng(&args[0], "getrandbits", |r| r.getrandbits(k))?.map_err(num_err)?;
    Ok(types::new_bigint(BigInt::from(bits)))
}

fn randbelow(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("_randbelow", args, 2, 2)?;
    let n = int_arg(vm, &args[1])?;
    let mag = n.magnitude().clone();
    let r = with_rng(&args[0], "_randbelow", |r| r.randbelow(&mag))?;
    Ok(types::new_bigint(BigInt::from(r)))
}

/// `randrange`'s conversion of one argument (`_index`, then the deprecated
/// integral-float path).
fn range_arg(vm: &mut Vm, v: &Value, which: &str) -> PyResult<BigInt> {
    if types::bigint::is_int_like(v) {
        return Ok(types::bigint::to_bigint(v).expect("int"));
    }
    if let Some(x) = v.as_float() {
        if x.is_finite() && x.trunc() == x {
            return crate::numeric::int_convert::f64_to_big(x).map_err(num_err);
        }
        if x.is_nan() {
            return Err(value_error("cannot convert float NaN to integer"));
        }
        if x.is_infinite() {
            return Err(crate::types::exception::overflow_error(
                "cannot convert float infinity to integer",
            ));
        }
        return Err(value_error(format!("non-integer {which} for randrange()")));
    }
    if crate::vm::attr::lookup_special_name(v, crate::name!("__index__")).is_some() {
        return int_arg(vm, v);
    }
    if v.kind() == Kind::Str {
        return Err(value_error(format!("non-integer {which} for randrange()")));
    }
    Err(type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        type_name(v)
    )))
}

fn randrange(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let this = &args[0];
    let rest = &args[1..];
    // Fast path: small ints, positional.
    if kw.is_empty() && !rest.is_empty() && rest.len() <= 3 {
        let ints: Option<Vec<i64>> = rest.iter().map(|v| v.as_small()).collect();
        if let Some(ints) = ints {
            let (start, stop, step) = match ints.len() {
                1 => (ints[0], None, 1),
                2 => (ints[0], Some(ints[1]), 1),
                _ => (ints[0], Some(ints[1]), ints[2]),
            };
            let r = with_rng(this, "randrange", |r| r.randrange_i64(start, stop, step))?
                .map_err(num_err)?;
            return Ok(types::new_int(r));
        }
    }
    const SIG: Sig = Sig {
        name: "Random.randrange",
        params: &["start", "stop", "step"],
        npos: 3,
        required: 1,
        style: Style::Python { method: true },
    };
    let a = SIG.bind(rest, &kw)?;
    let start = range_arg(vm, a[0].as_ref().expect("required"), "arg 1")?;
    let stop = match &a[1] {
        Some(s) if !types::is_none(s) => Some(range_arg(vm, s, "stop")?),
        _ => None,
    };
    let step = match &a[2] {
        Some(s) => {
            if stop.is_none() && s.as_small() != Some(1) {
                return Err(type_error("Missing a non-None stop argument"));
            }
            range_arg(vm, s, "step")?
        }
        None => BigInt::from(1),
    };
    let r = with_rng(this, "randrange", |r| {
        r.randrange(&start, stop.as_ref(), &step)
    })?
    .map_err(num_err)?;
    Ok(types::new_bigint(r))
}

fn randint(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    if kw.is_empty() && args.len() == 3 {
        if let (Some(a), Some(b)) = (args[1].as_small(), args[2].as_small()) {
            let r = with_rng(&args[0], "randint", |r| r.randint_i64(a, b))?.map_err(num_err)?;
            return Ok(types::new_int(r));
        }
    }
    const SIG: Sig = Sig {
        name: "Random.randint",
        params: &["a", "b"],
        npos: 2,
        required: 2,
        style: Style::Python { method: true },
    };
    let a = SIG.bind(&args[1..], &kw)?;
    let lo = range_arg(vm, a[0].as_ref().expect("a"), "arg 1")?;
    let hi = crate::vm::ops::binary_op(
        vm,
        a[1].as_ref().expect("b"),
        &Value::small(1),
        crate::compiler::opcodes::BinOp::Add,
        false,
    )?;
    let hi = range_arg(vm, &hi, "stop")?;
    let r = with_rng(&args[0], "randint", |r| {
        r.randrange(&lo, Some(&hi), &BigInt::from(1))
    })?
    .map_err(num_err)?;
    Ok(types::new_bigint(r))
}

/// `seq[i]` with fast paths for lists and tuples.
fn item_at(vm: &mut Vm, seq: &Value, i: usize) -> PyResult<Value> {
    if let Some(l) = seq.downcast::<ListData>() {
        if let Some(v) = l.get(i) {
            return Ok(v);
        }
    } else if let Some(t) = seq.downcast::<TupleData>() {
        if let Some(v) = t.items().get(i) {
            return Ok(v.clone());
        }
    }
    getitem(vm, seq, &types::new_int(i as i64))
}

fn choice(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    const SIG: Sig = Sig {
        name: "Random.choice",
        params: &["seq"],
        npos: 1,
        required: 1,
        style: Style::Python { method: true },
    };
    let seq = if kw.is_empty() && args.len() == 2 {
        args[1].clone()
    } else {
        SIG.bind(&args[1..], &kw)?[0].clone().expect("seq")
    };
    let n = seq_len(vm, &seq)?;
    if n == 0 {
        return Err(index_error("Cannot choose from an empty sequence"));
    }
    let i = with_rng(&args[0], "choice", |r| r.randbelow_u64(n as u64))?;
    item_at(vm, &seq, i as usize)
}

fn shuffle(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    const SIG: Sig = Sig {
        name: "Random.shuffle",
        params: &["x"],
        npos: 1,
        required: 1,
        style: Style::Python { method: true },
    };
    let a = SIG.bind(&args[1..], &kw)?;
    let x = a[0].clone().expect("x");
    if let Some(l) = x.downcast::<ListData>() {
        with_rng(&args[0], "shuffle", |r| {
            l.with_items(|s| s.with_vec(|v| r.shuffle(v)))
        })?;
        return Ok(types::none());
    }
    let n = seq_len(vm, &x)?;
    for i in (1..n).rev() {
        let j = with_rng(&args[0], "shuffle", |r| r.randbelow_u64(i as u64 + 1))? as usize;
        let (ki, kj) = (types::new_int(i as i64), types::new_int(j as i64));
        let xi = getitem(vm, &x, &ki)?;
        let xj = getitem(vm, &x, &kj)?;
        setitem(vm, &x, ki, xj)?;
        setitem(vm, &x, kj, xi)?;
    }
    Ok(types::none())
}

fn is_sequence(v: &Value) -> bool {
    match v.kind() {
        Kind::List | Kind::Tuple | Kind::Str | Kind::Range | Kind::Bytes => true,
        Kind::Dict | Kind::Set => false,
        _ => {
            crate::vm::attr::lookup_special_name(v, crate::name!("__getitem__")).is_some()
                && crate::vm::attr::lookup_special_name(v, crate::name!("__len__")).is_some()
        }
    }
}

fn sample(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    const SIG: Sig = Sig {
        name: "Random.sample",
        params: &["population", "k", "counts"],
        npos: 2,
        required: 2,
        style: Style::Python { method: true },
    };
    let a = SIG.bind(&args[1..], &kw)?;
    let pop = a[0].clone().expect("population");
    if !is_sequence(&pop) {
        return Err(type_error(
            "Population must be a sequence.  For dicts or sets, use sorted(d).",
        ));
    }
    let n = seq_len(vm, &pop)?;
    let k = crate::vm::protocol::index_value(a[1].as_ref().expect("k"))?;
    let picks: Vec<usize> = match &a[2] {
        Some(c) if !types::is_none(c) => {
            let counts = crate::vm::iteration::collect(vm, c)?;
            let mut cs = Vec::with_capacity(counts.len());
            for c in &counts {
                cs.push(
                    types::bigint::to_i64(c)
                        .ok_or_else(|| type_error("Counts must be integers"))?,
                );
            }
            with_rng(&args[0], "sample", |r| r.sample_counts(n, &cs, k))?.map_err(num_err)?
        }
        _ => with_rng(&args[0], "sample", |r| r.sample_indices(n as u64, k))?
            .map_err(num_err)?
            .into_iter()
            .map(|i| i as usize)
            .collect(),
    };
    let mut out = Vec::with_capacity(picks.len());
    for i in picks {
        out.push(item_at(vm, &pop, i)?);
    }
    Ok(types::new_list(out))
}

fn floats(vm: &mut Vm, v: &Value) -> PyResult<Vec<f64>> {
    let items = crate::vm::iteration::collect(vm, v)?;
    items.iter().map(|x| float_arg(vm, x)).collect()
}

fn choices(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    const SIG: Sig = Sig {
        name: "Random.choices",
        params: &["population", "weights", "cum_weights", "k"],
        npos: 2,
        required: 1,
        style: Style::Python { method: true },
    };
    let a = SIG.bind(&args[1..], &kw)?;
    let pop = a[0].clone().expect("population");
    let n = seq_len(vm, &pop)?;
    let k = match &a[3] {
        Some(k) => crate::vm::protocol::index_value(k)?.max(0) as usize,
        None => 1,
    };
    let some = |v: &Option<Value>| v.as_ref().filter(|x| !types::is_none(x)).cloned();
    let (weights, cum) = (some(&a[1]), some(&a[2]));
    let picks = match (weights, cum) {
        (None, None) => with_rng(&args[0], "choices", |r| r.choices_indices(n, k))?,
        (Some(w), None) => {
            let w = floats(vm, &w)?;
            with_rng(&args[0], "choices", |r| r.choices_weighted(n, &w, k))?.map_err(num_err)?
        }
        (None, Some(c)) => {
            let c = floats(vm, &c)?;
            with_rng(&args[0], "choices", |r| r.choices_cum_weights(n, &c, k))?.map_err(num_err)?
        }
        (Some(_), Some(_)) => {
            return Err(type_error(
                "Cannot specify both weights and cumulative weights",
            ))
        }
    };
    let mut out = Vec::with_capacity(picks.len());
    for i in picks {
        out.push(item_at(vm, &pop, i)?);
    }
    Ok(types::new_list(out))
}

fn uniform(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    const SIG: Sig = Sig {
        name: "Random.uniform",
        params: &["a", "b"],
        npos: 2,
        required: 2,
        style: Style::Python { method: true },
    };
    let p = SIG.bind(&args[1..], &kw)?;
    let (av, bv) = (p[0].as_ref().expect("a"), p[1].as_ref().expect("b"));
    let r = with_rng(&args[0], "uniform", |r| r.random())?;
    if let (Some(a), Some(b)) = (av.as_small(), bv.as_small()) {
        return Ok(types::new_float(a as f64 + (b - a) as f64 * r));
    }
    let (a, b) = (float_arg(vm, av)?, float_arg(vm, bv)?);
    Ok(types::new_float(a + (b - a) * r))
}

fn getstate(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("getstate", args, 1, 1)?;
    let (words, gauss) = with_rng(&args[0], "getstate", |r| r.getstate())?;
    let words: Vec<Value> = words
        .into_iter()
        .map(|w| types::new_int(w as i64))
        .collect();
    let g = gauss.map(types::new_float).unwrap_or_else(types::none);
    Ok(types::new_tuple(vec![
        types::new_int(3),
        types::new_tuple(words),
        g,
    ]))
}

fn setstate(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    const SIG: Sig = Sig {
        name: "Random.setstate",
        params: &["state"],
        npos: 1,
        required: 1,
        style: Style::Python { method: true },
    };
    let a = SIG.bind(&args[1..], &kw)?;
    let state = a[0].clone().expect("state");
    let parts = crate::vm::iteration::collect(vm, &state)?;
    let version = parts.first().cloned().unwrap_or_else(types::none);
    if version.as_small() != Some(3) {
        let v = crate::vm::protocol::str_string(vm, &version)?;
        return Err(value_error(format!(
            "state with version {v} passed to Random.setstate() of version 3"
        )));
    }
    if parts.len() != 3 {
        return Err(value_error(format!(
            "{} values to unpack (expected 3)",
            if parts.len() < 3 {
                "not enough"
            } else {
                "too many"
            }
        )));
    }
    let internal = parts[1]
        .downcast::<TupleData>()
        .ok_or_else(|| type_error("state vector must be a tuple"))?;
    let mut words = Vec::with_capacity(internal.len());
    for w in internal.items() {
        let b = types::bigint::to_bigint(w).ok_or_else(|| {
            type_error(format!(
                "an integer is required (got type {})",
                type_name(w)
            ))
        })?;
        let x = b.to_u32().ok_or_else(|| {
            crate::types::exception::overflow_error(
                "Python int too large to convert to C unsigned long",
            )
        })?;
        words.push(x);
    }
    let gauss = if types::is_none(&parts[2]) {
        None
    } else {
        Some(float_arg(vm, &parts[2])?)
    };
    with_rng(&args[0], "setstate", |r| r.setstate(&words, gauss))?.map_err(num_err)?;
    Ok(types::none())
}

fn randbytes(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    const SIG: Sig = Sig {
        name: "Random.randbytes",
        params: &["n"],
        npos: 1,
        required: 1,
        style: Style::Python { method: true },
    };
    let a = SIG.bind(&args[1..], &kw)?;
    let n = int_arg(vm, a[0].as_ref().expect("n"))?;
    let n = n
        .to_usize()
        .ok_or_else(|| value_error("number of bits must be non-negative"))?;
    let b = with_rng(&args[0], "randbytes", |r| r.randbytes(n))?.map_err(num_err)?;
    Ok(types::misc::new_bytes(b))
}

fn reduce(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("__reduce__", args, 1, 1)?;
    let state = getstate(vm, args, Kwargs::default())?;
    let ty = crate::vm::protocol::type_of(&args[0]);
    Ok(types::new_tuple(vec![ty, types::new_tuple(vec![]), state]))
}

fn methods() -> Vec<Method> {
    let mut v = vec![
        m("__init__", init),
        m("seed", seed),
        m("random", random),
        m("getrandbits", getrandbits),
        m("_randbelow", randbelow),
        m("randrange", randrange),
        m("randint", randint),
        m("choice", choice),
        m("choices", choices),
        m("shuffle", shuffle),
        m("sample", sample),
        m("uniform", uniform),
        m("getstate", getstate),
        m("setstate", setstate),
        m("randbytes", randbytes),
        m("__getstate__", getstate),
        m("__setstate__", setstate),
        m("__reduce__", reduce),
    ];
    v.extend(dist::methods());
    v
}

/// The `random.Random` type (one per process).
pub(crate) fn random_type(vm: &mut Vm) -> Value {
    static T: OnceLock<StaticValue> = OnceLock::new();
    cached_type(&T, vm, |vm| {
        new_weakrefable_type(vm, "Random", "random", &methods(), Some(random_new))
    })
}

/// Names exported as module-level functions bound to `random._inst`.
const MODULE_FUNCS: &[&str] = &[
    "seed",
    "random",
    "getrandbits",
    "randrange",
    "randint",
    "choice",
    "choices",
    "shuffle",
    "sample",
    "uniform",
    "getstate",
    "setstate",
    "randbytes",
    "triangular",
    "gauss",
    "normalvariate",
    "lognormvariate",
    "expovariate",
    "vonmisesvariate",
    "gammavariate",
    "betavariate",
    "paretovariate",
    "weibullvariate",
];

/// Creates the `random` module.
pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let module = crate::vm::import::new_module("random");
    let ty = random_type(vm);
    set_attr(&module, "Random", ty.clone());
    let inst = crate::vm::call::call(vm, &ty, &[])?;
    set_attr(&module, "_inst", inst.clone());
    let table = methods();
    for name in MODULE_FUNCS {
        if let Some(meth) = table.iter().find(|mm| mm.name == *name) {
            let f = native_fn(meth.name, "random", meth.func);
            set_attr(&module, name, crate::vm::call::bind_method(f, inst.clone()));
        }
    }
    set_attr(&module, "BPF", types::new_int(53));
    set_attr(&module, "RECIP_BPF", types::new_float(2f64.powi(-53)));
    set_attr(&module, "TWOPI", types::new_float(std::f64::consts::TAU));
    set_attr(&module, "LOG4", types::new_float(4f64.ln()));
    set_attr(
        &module,
        "SG_MAGICCONST",
        types::new_float(1.0 + 4.5f64.ln()),
    );
    set_attr(
        &module,
        "NV_MAGICCONST",
        types::new_float(4.0 * (-0.5f64).exp() / 2f64.sqrt()),
    );
    Ok(module)
}
