//! The process's interpreters, by id.
//!
//! The main interpreter (id 0) is the one that first imports the module:
//! subinterpreters can only be made through it, so no other interpreter can
//! import it first. Ids of new interpreters count up from 1 and are never
//! reused (CPython's `_PyRuntime.interpreters.next_id`).
//!
//! Which interpreter a thread runs in is a property of its `Vm`: an
//! interpreter is found by its `sys.modules` dict, which no two share.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering::SeqCst};
use std::sync::Arc;

use parking_lot::Mutex;

use gilgamesh_core::gc::{self, Heap};
use gilgamesh_core::gil::{self, Gil};
use gilgamesh_core::types::{self, DictData, ModuleData, PyResult};
use gilgamesh_core::vm::{finalize, Vm};
use gilgamesh_core::Value;

use crate::handles::{Immortal, InterpOwned};

/// What an interpreter's code reaches everything else through.
pub struct Roots {
    /// The builtins module's dict.
    pub builtins: Value,
    /// `sys.modules`.
    pub modules: Value,
    /// The `sys` module.
    pub sys: Value,
    /// The `__main__` module's dict.
    pub main: Value,
}

/// One interpreter.
pub struct Interp {
    /// Its id (0: the main interpreter).
    pub id: u64,
    /// Its GIL (the main interpreter's is `gil::GIL`).
    pub gil: &'static Gil,
    /// Its heap: the containers its collector examines.
    pub heap: &'static Heap,
    /// Its `--stats` counters.
    pub stats: Arc<crate::stats::InterpStats>,
    roots: Mutex<Option<InterpOwned<Roots>>>,
    /// Code objects of other interpreters' functions run here by `call`,
    /// by the original's address, and this interpreter's copy of each
    /// (`compiler::code::fresh_copy`; immortal).
    code_copies: Mutex<Vec<(usize, Immortal)>>,
    /// 1 while a run of its `__main__` is under way, 0 between runs,
    /// `CLOSING` once `close` claimed it.
    running: AtomicUsize,
    closed: AtomicBool,
}

impl Interp {
    /// The roots (clones), or `None` once the interpreter is closed. The
    /// calling thread must hold this interpreter's GIL (`enter::run_in`).
    pub(crate) fn roots(&self) -> Option<Roots> {
        self.roots
            .lock()
            .as_ref()
            .map(InterpOwned::get)
            .map(|r| Roots {
                builtins: r.builtins.clone(),
                modules: r.modules.clone(),
                sys: r.sys.clone(),
                main: r.main.clone(),
            })
    }

    /// True while code runs in its `__main__` through `exec`, `call` or
    /// `prepare_main` (the main interpreter always runs).
    pub fn is_running(&self) -> bool {
        self.id == 0 || self.running.load(SeqCst) == 1
    }

    /// Starts a run of its `__main__` (`exec`, `call`, `prepare_main`):
    /// false if one is under way (CPython: "interpreter already running";
    /// the main interpreter always is).
    pub(crate) fn begin_run(&self) -> bool {
        self.id != 0 && self.running.compare_exchange(0, 1, SeqCst, SeqCst).is_ok()
    }

    /// Ends the run [`Interp::begin_run`] started.
    pub(crate) fn end_run(&self) {
        self.running.store(0, SeqCst);
    }

    /// This interpreter's copy of the code object `code` (made once, or
    /// taken from a closed interpreter's spares).
    pub fn code_copy(&self, code: &Value) -> Value {
        let key = code.bits();
        let mut copies = self.code_copies.lock();
        if let Some((_, c)) = copies.iter().find(|(k, _)| *k == key) {
            return c.get().clone();
        }
        let spare = {
            let mut spares = SPARE_CODE.lock();
            spares
                .iter()
                .position(|(k, _)| *k == key)
                .map(|i| spares.swap_remove(i).1)
        };
        let c = spare
            .or_else(|| Immortal::new(gilgamesh_core::compiler::code::fresh_copy(code)))
            .expect("code objects are immortal");
        let v = c.get().clone();
        copies.push((key, c));
        v
    }

    /// True once closed.
    pub fn is_closed(&self) -> bool {
        self.closed.load(SeqCst)
    }

    /// True when `modules` is this interpreter's `sys.modules`.
    fn owns_modules(&self, modules: &Value) -> bool {
        self.roots
            .lock()
            .as_ref()
            .is_some_and(|r| r.get().modules.is(modules))
    }
}

/// `Interp::running` of an interpreter being closed: no run may begin.
const CLOSING: usize = usize::MAX;

static INTERPS: Mutex<Vec<Arc<Interp>>> = Mutex::new(Vec::new());
/// Code copies of closed interpreters, caches emptied, by their original's
/// address: code objects are immortal, so the next interpreter that runs the
/// same code reuses one instead of leaving a new copy behind.
static SPARE_CODE: Mutex<Vec<(usize, Immortal)>> = Mutex::new(Vec::new());
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// The `__main__` module's dict of the interpreter whose `sys.modules` is
/// `modules`, creating the module if there is none.
fn main_dict(modules: &Value, builtins: &Value) -> Value {
    let md = modules.downcast::<DictData>().expect("sys.modules");
    if let Some(m) = md.get_str(&types::intern("__main__")) {
        if let Some(d) = m.downcast::<ModuleData>() {
            return d.dict.clone();
        }
    }
    let m = gilgamesh_core::vm::import::new_module("__main__");
    let dict = m.downcast::<ModuleData>().expect("module").dict.clone();
    let d = dict.downcast::<DictData>().expect("dict");
    d.set_str(types::intern("__builtins__"), builtins.clone());
    md.set_str(types::intern("__main__"), m);
    dict
}

/// Registers the calling interpreter as the main one if nothing is
/// registered yet (the first import of the module).
pub fn ensure_main(vm: &Vm) {
    let mut all = INTERPS.lock();
    if all.is_empty() {
        let main = main_dict(&vm.modules, &vm.builtins);
        all.push(Arc::new(Interp {
            id: 0,
            gil: &gil::GIL,
            // The first import happens in the main interpreter (see the
            // module's documentation), so this is the main heap.
            heap: gc::current_heap(),
            stats: crate::stats::new_row(0),
            roots: Mutex::new(Some(InterpOwned::new(Roots {
                builtins: vm.builtins.clone(),
                modules: vm.modules.clone(),
                sys: vm.sys.clone(),
                main,
            }))),
            code_copies: Mutex::new(Vec::new()),
            running: AtomicUsize::new(0),
            closed: AtomicBool::new(false),
        }));
    }
}

/// Creates an interpreter: fresh builtins, `sys`, `sys.modules`,
/// `__main__` and GIL, with the caller's mode and a copy of its `sys.path`.
pub fn create(vm: &mut Vm) -> PyResult<Arc<Interp>> {
    ensure_main(vm);
    let path = gilgamesh_core::vm::attr::getattr_str(vm, &vm.sys.clone(), "path")?;
    let items = gilgamesh_core::vm::iteration::collect(vm, &path)?;
    let paths: Vec<String> = items
        .iter()
        .filter_map(|p| types::str::as_str(p).map(str::to_string))
        .collect();
    drop((path, items));
    // Everything of the new interpreter is allocated in its own heap. No
    // other thread can reach that heap yet, so the caller's GIL suffices.
    let heap = gc::new_heap();
    let entered = gc::enter_heap(heap);
    let fresh = Vm::with_driver(vm.drive, vm.mode);
    // New `str` objects: the caller's belong to its heap.
    let strings: Vec<Value> = paths.iter().map(|p| types::new_str(p.as_str())).collect();
    let sys_dict = fresh
        .sys
        .downcast::<ModuleData>()
        .expect("sys")
        .dict
        .clone();
    let sd = sys_dict.downcast::<DictData>().expect("dict");
    sd.set_str(types::intern("path"), types::new_list(strings));
    // CPython's "isolated" config: no daemon threads, so that closing the
    // interpreter can join every thread it started.
    sd.set_str(
        types::intern(gilgamesh_core::stdlib::thread::ALLOW_DAEMON_THREADS),
        types::bool_value(false),
    );
    sd.set_str(
        types::intern("argv"),
        types::new_list(vec![types::new_str("")]),
    );
    let main = main_dict(&fresh.modules, &fresh.builtins);
    let id = NEXT_ID.fetch_add(1, SeqCst);
    let interp = Arc::new(Interp {
        id,
        gil: gil::new_interpreter_gil(),
        heap,
        stats: crate::stats::new_row(id),
        roots: Mutex::new(Some(InterpOwned::new(Roots {
            builtins: fresh.builtins.clone(),
            modules: fresh.modules.clone(),
            sys: fresh.sys.clone(),
            main,
        }))),
        code_copies: Mutex::new(Vec::new()),
        running: AtomicUsize::new(0),
        closed: AtomicBool::new(false),
    });
    drop(fresh);
    drop(entered);
    INTERPS.lock().push(interp.clone());
    Ok(interp)
}

/// The interpreter with id `id`, if it exists (and is not closed).
pub fn find(id: u64) -> Option<Arc<Interp>> {
    INTERPS.lock().iter().find(|i| i.id == id).cloned()
}

/// The interpreter the calling `Vm` runs in.
pub fn current(vm: &Vm) -> Option<Arc<Interp>> {
    INTERPS
        .lock()
        .iter()
        .find(|i| i.owns_modules(&vm.modules))
        .cloned()
}

/// Interpreters closed so far. A thread's remembered answer of
/// [`current_id`] holds only while none has closed since: a closed
/// interpreter's `sys.modules` may be freed and its address reused.
static CLOSES: AtomicU64 = AtomicU64::new(0);

thread_local! {
    /// The last answer of [`current_id`] on this thread: the `sys.modules`
    /// address it was for, [`CLOSES`] then, and the id.
    static CURRENT_ID: Cell<(usize, u64, u64)> = const { Cell::new((0, u64::MAX, 0)) };
}

/// The id of the interpreter the calling `Vm` runs in (0, the main one, if
/// none is registered), remembered per thread: every queue item is tagged
/// with it, so it must not cost a registry walk.
#[inline]
pub fn current_id(vm: &Vm) -> u64 {
    let key = vm.modules.bits();
    let closes = CLOSES.load(SeqCst);
    let (k, c, id) = CURRENT_ID.get();
    if k == key && c == closes {
        return id;
    }
    let id = current(vm).map_or(0, |i| i.id);
    CURRENT_ID.set((key, closes, id));
    id
}

/// The ids of the interpreters that exist, in creation order.
pub fn ids() -> Vec<u64> {
    INTERPS.lock().iter().map(|i| i.id).collect()
}

/// Why an interpreter could not be closed.
pub enum CloseError {
    /// No interpreter has that id.
    NotFound,
    /// Code is running in it.
    Running,
    /// It is the calling interpreter, or the main one.
    Current,
}

/// Closes the interpreter `id`: empties its `sys.modules`, collects its
/// heap, running the finalizers that queues inside it, lets go of its roots
/// and retires its heap and GIL for reuse, and retires its id as the
/// origin of queue items (CPython 3.14's `unbounditems`: its items still
/// queued become unbound, or leave their queues). Called from another
/// interpreter (never the one being closed).
pub fn close(vm: &mut Vm, id: u64) -> Result<(), CloseError> {
    let interp = find(id).ok_or(CloseError::NotFound)?;
    if id == 0 || interp.owns_modules(&vm.modules) {
        return Err(CloseError::Current);
    }
    // Claimed in one step, so no run can begin between the check and the
    // close (`begin_run` fails on the CLOSING mark).
    if interp
        .running
        .compare_exchange(0, CLOSING, SeqCst, SeqCst)
        .is_err()
    {
        return Err(CloseError::Running);
    }
    interp.closed.store(true, SeqCst);
    // The interpreter's objects are let go of under its own GIL and in its
    // own heap (a thread it started may still be ending), in CPython's
    // order (`finalize_modules`, Python/pylifecycle.c): `sys.modules` is
    // emptied, then a collection runs the finalizers of what that freed,
    // whose module globals are still intact; they run in this interpreter,
    // which stays registered meanwhile, so what they put in queues carries
    // its id (and comes out unbound once it is retired).
    let like = crate::enter::VmLike::of(vm);
    crate::enter::with_gil_of(vm, &interp, || {
        let _heap = gc::enter_heap(interp.heap);
        let taken = interp.roots.lock().take().map(InterpOwned::into_inner);
        if let Some(r) = taken {
            // Its immortal code copies' caches hold its objects too.
            gilgamesh_core::stdlib::release_code_copies(&r.modules);
            gilgamesh_core::vm::local_attr::release_current_heap();
            let copies: Vec<(usize, Immortal)> = interp.code_copies.lock().drain(..).collect();
            for (_, c) in &copies {
                gilgamesh_core::compiler::code::clear_caches(c.get());
            }
            SPARE_CODE.lock().extend(copies);
            if let Some(d) = r.modules.downcast::<DictData>() {
                d.clear_all();
            }
            let Roots {
                builtins,
                modules,
                sys,
                main,
            } = r;
            drop(main);
            let kept = Roots {
                builtins,
                modules,
                sys,
                main: types::none(),
            };
            let mut last = like.make(&kept);
            *interp.roots.lock() = Some(InterpOwned::new(kept));
            finalize::collect_with_finalizers(&mut last);
            drop(last);
            let roots = interp.roots.lock().take();
            drop(roots);
        }
        INTERPS.lock().retain(|i| i.id != id);
        CLOSES.fetch_add(1, SeqCst);
        // What only its builtins and `sys` kept alive. A finalizer queued
        // now runs in a bare `Vm` of the same heap, never in the caller's
        // interpreter.
        gc::collect();
        if finalize::pending() {
            let mut bare = Vm::with_driver(like.drive, like.mode);
            finalize::run_pending(&mut bare);
            finalize::collect_with_finalizers(&mut bare);
        }
    });
    // Nothing runs in it any more (its threads were joined, no run can
    // begin and its finalizers ran), so it puts no more items.
    gilgamesh_channels::origin::retire(id);
    gc::retire_heap(interp.heap);
    gil::retire_gil(interp.gil);
    Ok(())
}
