//! The native `_interpqueues` module: the process's cross-interpreter queues
//! by id, under `concurrent.interpreters._queues` (`_queues.py`).
//!
//! Every item put is tagged with the putting interpreter's id and the
//! queue's or the call's `unbounditems` rule (CPython 3.14); when that
//! interpreter closes, [`crate::registry::close`] retires its id
//! (`gilgamesh_channels::origin::retire`), and `get` gives, instead of such
//! an item, what `_queues._resolve_unbound` makes of its rule: `UNBOUND`, or
//! `ItemInterpreterDestroyed` raised (items under `UNBOUND_REMOVE` are gone
//! at once). Both conversions between the Python sentinels and the rules are
//! the Python module's, and run only off the common path (an `unbounditems`
//! given, an unbound item got).
//!
//! The functions take and return ids and plain values; they differ from
//! CPython's `_interpqueues` where gilgamesh's queues do more: `put` and
//! `get` block natively (with the GIL released, no polling), so they take
//! `block` and `timeout`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering::SeqCst};
use std::sync::Arc;
use std::time::Duration;

use parking_lot::Mutex;

use gilgamesh_channels::{Got, Queue, QueueEmpty, QueueFull, Tag, Unbound};
use gilgamesh_core::stdlib::{add_functions, math::float_arg};
use gilgamesh_core::types::{self, Kwargs, PyResult, TupleData};
use gilgamesh_core::vm::call::{check_args, no_kwargs};
use gilgamesh_core::vm::import::new_module;
use gilgamesh_core::vm::Vm;
use gilgamesh_core::{gil, trace, Value};

use crate::crossing::{api_error_in, api_in, from_message, to_message, QUEUES_MODULE};
use crate::modules::int_arg;
use crate::registry;

/// A queue, with the default `unbounditems` rule of its puts, and the counts
/// of items put and got that number the `--trace` flow arrows: the k-th
/// item got is the k-th put (FIFO), so both ends name it `(queue id << 32) |
/// k` without the item carrying an id (producers that race may see their
/// arrows swapped; items removed with their interpreter shift the later
/// arrows).
struct Entry {
    q: Queue,
    id: u64,
    unbound: Unbound,
    puts: AtomicU64,
    gets: AtomicU64,
}

impl std::ops::Deref for Entry {
    type Target = Queue;
    fn deref(&self) -> &Queue {
        &self.q
    }
}

impl Entry {
    /// Records this end of the next item's arrow, at `at` (now if none).
    fn flow(&self, counter: &AtomicU64, start: bool, at: Option<u64>) {
        if trace::enabled() {
            let k = counter.fetch_add(1, SeqCst);
            let id = (self.id << 32) | (k & 0xffff_ffff);
            match at {
                Some(t) => trace::flow_at(id, start, t),
                None => trace::flow(id, start),
            }
        }
    }
}

static QUEUES: Mutex<Option<HashMap<u64, Arc<Entry>>>> = Mutex::new(None);
static NEXT_QUEUE: AtomicU64 = AtomicU64::new(1);
/// Bumped by every `destroy`: a thread's cached look-ups made before it are
/// dropped.
static DESTROYS: AtomicU64 = AtomicU64::new(0);

/// How many queues a thread keeps at hand (a round trip uses two).
const CACHED: usize = 4;

thread_local! {
    /// The queues this thread used last, with the `DESTROYS` count they were
    /// looked up under. Every `put` and `get` names its queue by id; the
    /// process's table is a mutex-guarded map that the threads at both ends
    /// of a queue would otherwise lock (and whose `Arc` counts they would
    /// bump) on every message, bouncing those cache lines between cores.
    static AT_HAND: RefCell<AtHand> = const {
        RefCell::new(AtHand { destroys: 0, queues: Vec::new() })
    };
}

/// A thread's cached queues (see `AT_HAND`).
struct AtHand {
    /// `DESTROYS` when they were looked up.
    destroys: u64,
    /// By id, oldest first.
    queues: Vec<(u64, Rc<Held>)>,
}

/// A queue held by one thread: handing it out again is a plain increment
/// of the `Rc`, where cloning the `Arc` would write the count that every
/// thread using the queue shares.
struct Held(Arc<Entry>);

impl std::ops::Deref for Held {
    type Target = Entry;
    fn deref(&self) -> &Entry {
        &self.0
    }
}

/// The queue with the id `v`, or `QueueNotFoundError`.
fn queue(vm: &mut Vm, v: &Value) -> PyResult<Rc<Held>> {
    let id = int_arg(v, "queue id")?;
    let destroys = DESTROYS.load(SeqCst);
    let hit = AT_HAND.with(|c| {
        let c = c.borrow();
        (c.destroys == destroys)
            .then(|| {
                c.queues
                    .iter()
                    .find(|(k, _)| *k == id)
                    .map(|(_, e)| e.clone())
            })
            .flatten()
    });
    if let Some(e) = hit {
        return Ok(e);
    }
    queue_slow(vm, id, destroys)
}

#[cold]
fn queue_slow(vm: &mut Vm, id: u64, destroys: u64) -> PyResult<Rc<Held>> {
    let q = QUEUES.lock().as_ref().and_then(|m| m.get(&id).cloned());
    let e = Rc::new(Held(q.ok_or_else(|| not_found(vm, id))?));
    AT_HAND.with(|c| {
        let mut c = c.borrow_mut();
        if c.destroys != destroys {
            // A queue destroyed since: forget everything looked up before
            // (`destroys` was read before the table, so nothing of it stays).
            c.destroys = destroys;
            c.queues.clear();
        }
        if c.queues.len() == CACHED {
            c.queues.remove(0);
        }
        c.queues.push((id, e.clone()));
    });
    Ok(e)
}

fn not_found(vm: &mut Vm, id: u64) -> types::PyErr {
    api_error_in(
        vm,
        QUEUES_MODULE,
        "QueueNotFoundError",
        format!("queue {id} not found"),
    )
}

/// An `unboundop` argument: a negative number takes `default`, else it must
/// be one of CPython's flags (1 remove, 2 error, 3 replace).
fn unboundop_arg(v: Option<&Value>, default: Unbound) -> PyResult<Unbound> {
    let Some(v) = v else {
        return Ok(default);
    };
    let op = v
        .as_small()
        .ok_or_else(|| types::exception::type_error("unboundop must be an int"))?;
    if op < 0 {
        return Ok(default);
    }
    Unbound::from_flag(op)
        .ok_or_else(|| types::exception::value_error(format!("unsupported unboundop {op}")))
}

/// Calls `concurrent.interpreters._queues.NAME(arg)`.
fn call_queues(vm: &mut Vm, name: &str, arg: Value) -> PyResult<Value> {
    let f = api_in(vm, QUEUES_MODULE, name)?;
    gilgamesh_core::vm::call::call(vm, &f, &[arg])
}

/// `put`'s `unbounditems` (a `UNBOUND*` sentinel): None takes `default`;
/// anything else goes through `_queues._serialize_unbound`, which raises
/// for a value that is not a rule, as CPython's does.
#[inline]
fn unbounditems_arg(vm: &mut Vm, v: Option<&Value>, default: Unbound) -> PyResult<Unbound> {
    match v {
        None => Ok(default),
        Some(v) if types::is_none(v) => Ok(default),
        Some(v) => serialize_unbound(vm, v.clone()),
    }
}

#[cold]
fn serialize_unbound(vm: &mut Vm, v: Value) -> PyResult<Unbound> {
    let flag = call_queues(vm, "_serialize_unbound", v)?;
    let flag = flag
        .downcast::<TupleData>()
        .and_then(|t| t.items().first().and_then(Value::as_small));
    flag.and_then(Unbound::from_flag)
        .ok_or_else(|| types::exception::system_error("_serialize_unbound() gave no flag"))
}

/// The module `_interpqueues`.
pub fn queues_module() -> Value {
    let m = new_module("_interpqueues");
    add_functions(
        &m,
        "_interpqueues",
        &[
            ("create", q_create),
            ("destroy", q_destroy),
            ("list_all", q_list_all),
            ("get_queue_defaults", q_get_queue_defaults),
            ("put", q_put),
            ("get", q_get),
            ("qsize", q_qsize),
            ("maxsize", q_maxsize),
            ("empty", q_empty),
            ("full", q_full),
        ],
    );
    m
}

/// `create(maxsize, unboundop=-1)`: the new queue's id. `unboundop` is the
/// default rule of its puts (negative: `UNBOUND`'s, 3).
fn q_create(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kwargs("create", &kw)?;
    check_args("create", args, 1, 2)?;
    let maxsize = args[0]
        .as_small()
        .ok_or_else(|| types::exception::type_error("maxsize must be an int"))?;
    let unbound = unboundop_arg(args.get(1), Unbound::Replace)?;
    let id = NEXT_QUEUE.fetch_add(1, SeqCst);
    QUEUES.lock().get_or_insert_with(HashMap::new).insert(
        id,
        Arc::new(Entry {
            q: Queue::new(maxsize.max(0) as usize),
            id,
            unbound,
            puts: AtomicU64::new(0),
            gets: AtomicU64::new(0),
        }),
    );
    Ok(types::new_int(id as i64))
}

fn q_destroy(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kwargs("destroy", &kw)?;
    check_args("destroy", args, 1, 1)?;
    let id = int_arg(&args[0], "queue id")?;
    let removed = QUEUES.lock().as_mut().and_then(|m| m.remove(&id));
    if removed.is_some() {
        DESTROYS.fetch_add(1, SeqCst);
        // This thread lets go of it at once; another thread that holds it
        // (and the items still in it) lets go at its next put or get.
        AT_HAND.with(|c| c.borrow_mut().queues.retain(|(k, _)| *k != id));
    }
    match removed {
        Some(_) => Ok(types::none()),
        None => Err(not_found(vm, id)),
    }
}

/// `list_all()`: `[(qid, unboundop), ...]` for every queue, oldest first.
fn q_list_all(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kwargs("list_all", &kw)?;
    check_args("list_all", args, 0, 0)?;
    let mut all: Vec<(u64, Unbound)> = QUEUES
        .lock()
        .as_ref()
        .map(|m| m.values().map(|e| (e.id, e.unbound)).collect())
        .unwrap_or_default();
    all.sort_by_key(|(id, _)| *id);
    Ok(types::new_list(
        all.into_iter()
            .map(|(id, u)| {
                types::new_tuple(vec![types::new_int(id as i64), types::new_int(u.flag())])
            })
            .collect(),
    ))
}

/// `get_queue_defaults(qid)`: `(unboundop,)`, the queue's default rule.
fn q_get_queue_defaults(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kwargs("get_queue_defaults", &kw)?;
    check_args("get_queue_defaults", args, 1, 1)?;
    let q = queue(vm, &args[0])?;
    Ok(types::new_tuple(vec![types::new_int(q.unbound.flag())]))
}

/// A `block` argument: any object, by its truth (the Python layer passes
/// what it was given, sparing a `bool()` call on every put and get).
#[inline]
fn block_arg(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    if v.is(&types::bool_value(true)) {
        return Ok(true);
    }
    gilgamesh_core::vm::protocol::truthy(vm, v)
}

/// A timeout argument: None (wait for ever) or non-negative seconds.
fn timeout_arg(vm: &mut Vm, v: &Value) -> PyResult<Option<Duration>> {
    if types::is_none(v) {
        return Ok(None);
    }
    let s = float_arg(vm, v)?;
    if s.is_nan() || s < 0.0 {
        return Err(types::exception::value_error(
            "timeout must be a non-negative number",
        ));
    }
    Ok(Some(
        Duration::try_from_secs_f64(s).unwrap_or(Duration::MAX),
    ))
}

/// A clock reading for [`note_blocked`], only when `--stats` counts.
#[inline]
fn blocked_clock() -> Option<std::time::Instant> {
    crate::stats::enabled().then(std::time::Instant::now)
}

/// Adds the time since `t` to the blocked time of `vm`'s interpreter.
fn note_blocked(vm: &Vm, t: Option<std::time::Instant>) {
    if let Some(t) = t {
        if let Some(i) = registry::current(vm) {
            i.stats
                .blocked_ns
                .fetch_add(crate::stats::since(t), std::sync::atomic::Ordering::Relaxed);
        }
    }
}

/// `put(qid, obj, block, timeout, unbounditems=None)`: True, or False when
/// the queue stayed full. The item is tagged with the calling interpreter
/// and its rule: `unbounditems` (a sentinel of `_queues`), or the queue's
/// default when it is None. A put that finds room keeps the GIL (as
/// CPython's does); one that must wait blocks with the GIL released.
fn q_put(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kwargs("put", &kw)?;
    check_args("put", args, 4, 5)?;
    let q = queue(vm, &args[0])?;
    let block = block_arg(vm, &args[2])?;
    let unbound = unbounditems_arg(vm, args.get(4), q.unbound)?;
    let msg = to_message(vm, &args[1])?;
    let tag = Tag::new(registry::current_id(vm), unbound);
    let timeout = timeout_arg(vm, &args[3])?;
    // The arrow starts before the item can be taken.
    let sent_at = trace::enabled().then(trace::now_ns);
    let r = match q.put_nowait(msg, tag) {
        Err(QueueFull(msg)) if block => {
            let t = blocked_clock();
            let r = gil::allow_threads(trace::BLOCKED_LOCK, || q.put(msg, tag, timeout));
            note_blocked(vm, t);
            r
        }
        r => r,
    };
    match r {
        Ok(()) => {
            q.flow(&q.puts, true, sent_at);
            Ok(types::bool_value(true))
        }
        Err(QueueFull(m)) => {
            drop(m);
            Ok(types::bool_value(false))
        }
    }
}

/// `get(qid, block, timeout)`: `(True, obj)`, or `(False, None)` when the
/// queue stayed empty. For an item whose interpreter closed while it was
/// queued, `obj` is what `_queues._resolve_unbound` gives for its rule
/// (`UNBOUND`), or its exception is raised (`ItemInterpreterDestroyed`).
/// A get that finds an item keeps the GIL; one that must wait blocks with
/// the GIL released.
fn q_get(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kwargs("get", &kw)?;
    check_args("get", args, 3, 3)?;
    let q = queue(vm, &args[0])?;
    let block = block_arg(vm, &args[1])?;
    let timeout = timeout_arg(vm, &args[2])?;
    let r = match q.get_nowait() {
        Err(QueueEmpty) if block => {
            let t = blocked_clock();
            let r = gil::allow_threads(trace::BLOCKED_LOCK, || q.get(timeout));
            note_blocked(vm, t);
            r
        }
        r => r,
    };
    match r {
        Ok(Got::Message(m)) => {
            q.flow(&q.gets, false, None);
            let v = from_message(vm, m)?;
            Ok(types::new_tuple(vec![types::bool_value(true), v]))
        }
        Ok(Got::Unbound(u)) => {
            q.flow(&q.gets, false, None);
            let v = call_queues(vm, "_resolve_unbound", types::new_int(u.flag()))?;
            Ok(types::new_tuple(vec![types::bool_value(true), v]))
        }
        Err(QueueEmpty) => Ok(types::new_tuple(vec![
            types::bool_value(false),
            types::none(),
        ])),
    }
}

fn q_qsize(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    check_args("qsize", args, 1, 1)?;
    Ok(types::new_int(queue(vm, &args[0])?.qsize() as i64))
}

fn q_maxsize(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    check_args("maxsize", args, 1, 1)?;
    Ok(types::new_int(queue(vm, &args[0])?.maxsize() as i64))
}

fn q_empty(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    check_args("empty", args, 1, 1)?;
    Ok(types::bool_value(queue(vm, &args[0])?.empty()))
}

fn q_full(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    check_args("full", args, 1, 1)?;
    Ok(types::bool_value(queue(vm, &args[0])?.full()))
}
