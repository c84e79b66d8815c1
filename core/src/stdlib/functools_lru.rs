//! The engine behind `functools.lru_cache`: a hash table keyed like
//! CPython's `_make_key`, with an intrusive recency list for eviction.
//! The decorator and its wrapper function are in `py/functools.py`.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::object::Value;
use crate::stdlib::collections::native_util::{cached_type, new_obj, new_type, with_or};
use crate::types::exception::type_error;
use crate::types::misc::NativeState;
use crate::types::{self, str::as_str, DictData, Kwargs, PyResult, StaticValue, TupleData};
use crate::vm::Vm;

const NIL: usize = usize::MAX;

struct Node {
    key: Value,
    hash: i64,
    value: Value,
    prev: usize,
    next: usize,
}

/// The cache of one decorated function.
struct Lru {
    func: Value,
    maxsize: Option<usize>,
    typed: bool,
    buckets: HashMap<i64, Vec<usize>>,
    nodes: Vec<Option<Node>>,
    free: Vec<usize>,
    /// Least recently used.
    head: usize,
    /// Most recently used.
    tail: usize,
    len: usize,
    hits: u64,
    misses: u64,
}

impl NativeState for Lru {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.func);
        for n in self.nodes.iter().flatten() {
            visit(&n.key);
            visit(&n.value);
        }
    }
    fn clear(&mut self) {
        self.func = types::none();
        self.reset();
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

impl Lru {
    fn reset(&mut self) {
        self.buckets.clear();
        self.nodes.clear();
        self.free.clear();
        self.head = NIL;
        self.tail = NIL;
        self.len = 0;
    }

    fn unlink(&mut self, i: usize) {
        let (p, n) = {
            let node = self.nodes[i].as_ref().expect("node");
            (node.prev, node.next)
        };
        if p == NIL {
            self.head = n;
        } else {
            self.nodes[p].as_mut().expect("node").next = n;
        }
        if n == NIL {
            self.tail = p;
        } else {
            self.nodes[n].as_mut().expect("node").prev = p;
        }
    }

    fn push_tail(&mut self, i: usize) {
        let t = self.tail;
        {
            let node = self.nodes[i].as_mut().expect("node");
            node.prev = t;
            node.next = NIL;
        }
        if t == NIL {
            self.head = i;
        } else {
            self.nodes[t].as_mut().expect("node").next = i;
        }
        self.tail = i;
    }

    fn remove(&mut self, i: usize) -> Option<Node> {
        self.unlink(i);
        let node = self.nodes[i].take()?;
        if let Some(b) = self.buckets.get_mut(&node.hash) {
            b.retain(|&j| j != i);
            if b.is_empty() {
                self.buckets.remove(&node.hash);
            }
        }
        self.free.push(i);
        self.len -= 1;
        Some(node)
    }

    fn insert(&mut self, key: Value, hash: i64, value: Value) {
        let node = Node {
            key,
            hash,
            value,
            prev: NIL,
            next: NIL,
        };
        let i = match self.free.pop() {
            Some(i) => {
                self.nodes[i] = Some(node);
                i
            }
            None => {
                self.nodes.push(Some(node));
                self.nodes.len() - 1
            }
        };
        self.push_tail(i);
        self.buckets.entry(hash).or_default().push(i);
        self.len += 1;
    }
}

fn lru_type(vm: &mut Vm) -> Value {
    static T: OnceLock<StaticValue> = OnceLock::new();
    cached_type(&T, vm, |vm| {
        new_type(vm, "_lru_cache_state", "functools", &[], None)
    })
}

fn st<R>(v: &Value, f: impl FnOnce(&mut Lru) -> R) -> PyResult<R> {
    with_or(v, "_lru_cache_state", f)
}

/// `_lru_state(func, maxsize, typed)`.
fn lru_state(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("_lru_state", args, 3, 3)?;
    let maxsize = if types::is_none(&args[1]) {
        None
    } else {
        Some(crate::vm::protocol::index_value(&args[1])?.max(0) as usize)
    };
    let typed = crate::vm::protocol::truthy(vm, &args[2])?;
    let ty = lru_type(vm);
    Ok(new_obj(
        &ty,
        Lru {
            func: args[0].clone(),
            maxsize,
            typed,
            buckets: HashMap::new(),
            nodes: Vec::new(),
            free: Vec::new(),
            head: NIL,
            tail: NIL,
            len: 0,
            hits: 0,
            misses: 0,
        },
    ))
}

fn is_exact(v: &Value, ty: &StaticValue) -> bool {
    v.type_ptr() == ty.as_ptr()
}

fn make_key(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)], typed: bool) -> Value {
    let bt = types::builtin_types();
    if kw.is_empty()
        && !typed
        && args.len() == 1
        && (is_exact(&args[0], &bt.int) || is_exact(&args[0], &bt.str))
    {
        return args[0].clone();
    }
    let mut items = args.to_vec();
    if !kw.is_empty() {
        items.push(lru_type(vm));
        for (k, v) in kw {
            items.push(k.clone());
            items.push(v.clone());
        }
    }
    if typed {
        for a in args {
            items.push(crate::vm::protocol::type_of(a));
        }
        for (_, v) in kw {
            items.push(crate::vm::protocol::type_of(v));
        }
    }
    types::new_tuple(items)
}

fn find(vm: &mut Vm, state: &Value, key: &Value, hash: i64) -> PyResult<Option<usize>> {
    let cands: Vec<(usize, Value)> = st(state, |l| {
        l.buckets
            .get(&hash)
            .map(|b| {
                b.iter()
                    .map(|&i| (i, l.nodes[i].as_ref().expect("node").key.clone()))
                    .collect()
            })
            .unwrap_or_default()
    })?;
    for (i, k) in cands {
        let same = match types::dict::native_eq(&k, key) {
            Some(b) => b,
            None => crate::vm::protocol::eq(vm, &k, key)?,
        };
        if same {
            let live = st(state, |l| {
                l.nodes
                    .get(i)
                    .and_then(|n| n.as_ref())
                    .is_some_and(|n| n.key.is(&k))
            })?;
            if live {
                return Ok(Some(i));
            }
        }
    }
    Ok(None)
}

/// `_lru_call(state, args, kwds)`: a cached call of the decorated function.
fn lru_call(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("_lru_call", args, 3, 3)?;
    let state = &args[0];
    let cargs = args[1]
        .downcast::<TupleData>()
        .ok_or_else(|| type_error("_lru_call() expects a tuple"))?
        .items()
        .to_vec();
    let kw: Vec<(Value, Value)> = args[2]
        .downcast::<DictData>()
        .map(|d| d.items())
        .unwrap_or_default();
    let (func, maxsize, typed) = st(state, |l| (l.func.clone(), l.maxsize, l.typed))?;
    let call_func = |vm: &mut Vm| -> PyResult<Value> {
        let names: Vec<Value> = kw
            .iter()
            .map(|(k, _)| types::intern(as_str(k).unwrap_or("")))
            .collect();
        let values: Vec<Value> = kw.iter().map(|(_, v)| v.clone()).collect();
        crate::vm::call::call_value(
            vm,
            &func,
            &cargs,
            Kwargs {
                names: &names,
                values: &values,
            },
        )
    };
    if maxsize == Some(0) {
        st(state, |l| l.misses += 1)?;
        return call_func(vm);
    }
    let key = make_key(vm, &cargs, &kw, typed);
    let hash = crate::vm::protocol::hash(vm, &key)?;
    if let Some(i) = find(vm, state, &key, hash)? {
        return st(state, |l| {
            l.hits += 1;
            l.unlink(i);
            l.push_tail(i);
            l.nodes[i].as_ref().expect("node").value.clone()
        });
    }
    st(state, |l| l.misses += 1)?;
    let result = call_func(vm)?;
    // The call may have cached the same key meanwhile (recursion).
    if find(vm, state, &key, hash)?.is_some() {
        return Ok(result);
    }
    let evicted = st(state, |l| {
        let mut out = None;
        if l.maxsize.is_some_and(|m| l.len >= m) && l.head != NIL {
            let h = l.head;
            out = l.remove(h);
        }
        l.insert(key, hash, result.clone());
        out
    })?;
    drop(evicted);
    Ok(result)
}

/// `_lru_info(state)`: `(hits, misses, maxsize, currsize)`.
fn lru_info(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("_lru_info", args, 1, 1)?;
    let (h, m, max, len) = st(&args[0], |l| (l.hits, l.misses, l.maxsize, l.len))?;
    Ok(types::new_tuple(vec![
        types::new_int(h as i64),
        types::new_int(m as i64),
        match max {
            Some(n) => types::new_int(n as i64),
            None => types::none(),
        },
        types::new_int(len as i64),
    ]))
}

/// `_lru_clear(state)`.
fn lru_clear(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::check_args("_lru_clear", args, 1, 1)?;
    let old = st(&args[0], |l| {
        l.hits = 0;
        l.misses = 0;
        l.buckets.clear();
        l.free.clear();
        l.head = NIL;
        l.tail = NIL;
        l.len = 0;
        std::mem::take(&mut l.nodes)
    })?;
    drop(old);
    Ok(types::none())
}

/// Adds the lru helpers to the `_functools` helper module.
pub fn add_functions(vm: &mut Vm, module: &Value) {
    crate::stdlib::add_functions(
        module,
        "_functools",
        &[
            ("_lru_state", lru_state),
            ("_lru_call", lru_call),
            ("_lru_info", lru_info),
            ("_lru_clear", lru_clear),
        ],
    );
    crate::stdlib::set_attr(module, "_lru_state_type", lru_type(vm));
}
