//! The virtual machine: per-thread interpreter state and the protocols native
//! code uses to work with Python values (calls, attributes, operators,
//! iteration, hashing, conversion to text).

pub mod attr;
pub mod attr_site;
pub mod borrowed_reads;
pub mod call;
mod callers;
pub mod class;
pub mod containers;
pub mod eval;
pub mod fast_paths;
pub mod finalize;
pub mod formatting;
pub mod frame;
pub mod gen_inline;
pub mod import;
pub mod iteration;
pub mod local_attr;
pub mod ops;
pub mod protocol;
pub mod traceback;
pub mod value_stack;

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering::Relaxed};

use crate::object::Value;
use crate::types::{self, PyErr, PyResult};

/// Set by the SIGINT handler; the eval breaker raises KeyboardInterrupt.
pub static SIGINT_PENDING: AtomicBool = AtomicBool::new(false);

/// Buffered standard output, shared by every thread. Writes that reach the
/// operating system (a full buffer, a flush) run with the GIL released, as
/// CPython's buffered writer does, so a thread blocked on a slow pipe does
/// not stop the others. A thread never waits for this lock while holding the
/// GIL, and never takes the GIL while holding this lock, so the two cannot
/// deadlock.
static STDOUT: parking_lot::Mutex<Option<std::io::BufWriter<std::io::Stdout>>> =
    parking_lot::Mutex::new(None);

const STDOUT_BUFFER: usize = 1 << 16;

type StdoutGuard = parking_lot::MutexGuard<'static, Option<std::io::BufWriter<std::io::Stdout>>>;

fn lock_stdout() -> StdoutGuard {
    match STDOUT.try_lock() {
        Some(g) => g,
        None => crate::gil::allow_threads(crate::trace::BLOCKED_WRITE, || STDOUT.lock()),
    }
}

fn stdout_write(b: &[u8]) {
    let mut out = lock_stdout();
    let w = out
        .get_or_insert_with(|| std::io::BufWriter::with_capacity(STDOUT_BUFFER, std::io::stdout()));
    if w.buffer().len() + b.len() > w.capacity() {
        crate::gil::allow_threads(crate::trace::BLOCKED_WRITE, || {
            let _ = w.write_all(b);
        });
    } else {
        let _ = w.write_all(b);
    }
}

fn stdout_flush() {
    let mut out = lock_stdout();
    if let Some(w) = out.as_mut() {
        if !w.buffer().is_empty() {
            crate::gil::allow_threads(crate::trace::BLOCKED_WRITE, || {
                let _ = w.flush();
            });
        }
    }
}

/// The eval breaker: when set, the eval loop stops at its next safe point
/// (backward jump or call) to handle pending work. One relaxed load when clear.
pub static EVAL_BREAKER: AtomicBool = AtomicBool::new(false);

/// Asks every eval loop to visit its safe point soon.
pub fn request_safe_point() {
    EVAL_BREAKER.store(true, Relaxed);
}

/// Signature of the mode-specific frame driver (see [`eval::drive`]).
pub type DriveFn = fn(&mut Vm, Box<frame::Frame>, Option<PyErr>) -> eval::Outcome;

/// The objects whose `repr` is being computed on this thread (CPython's
/// `Py_ReprEnter`), so a container that contains itself prints `[...]`.
#[derive(Default)]
pub struct ReprGuard(rustc_hash::FxHashSet<usize>);

impl ReprGuard {
    /// True if `id` is being printed.
    pub fn contains(&self, id: &usize) -> bool {
        self.0.contains(id)
    }
    /// Marks `id` as being printed.
    pub fn push(&mut self, id: usize) {
        self.0.insert(id);
    }
    /// Keeps the ids for which `keep` is true.
    pub fn retain(&mut self, keep: impl FnMut(&usize) -> bool) {
        self.0.retain(keep);
    }
    /// Unmarks `id`.
    pub fn remove(&mut self, id: &usize) {
        self.0.remove(id);
    }
}

/// Interpreter state as seen by one thread.
pub struct Vm {
    /// The builtins module's dict.
    pub builtins: Value,
    /// `sys.modules`.
    pub modules: Value,
    /// The `sys` module.
    pub sys: Value,
    /// The exception currently being handled (`sys.exc_info()`).
    pub exc_info: Option<Value>,
    /// Current nesting of Python calls.
    pub depth: u32,
    /// `sys.getrecursionlimit()`.
    pub recursion_limit: u32,
    /// The mode's frame driver.
    pub drive: DriveFn,
    /// Recycled frames.
    pub frame_pool: Vec<Box<frame::Frame>>,
    /// Objects whose repr is being computed (recursion guard).
    pub repr_guard: ReprGuard,
    /// Name of the concurrency mode.
    pub mode: &'static str,
    /// Lowest native stack address the eval loop may reach before raising
    /// RecursionError (0: unchecked). Calls through native code (`__init__`,
    /// `sorted` keys, generators) recurse on the native stack; this keeps a
    /// raised recursion limit from overflowing it.
    pub stack_limit: usize,
    /// True for the interpreter's main thread (the one signals are delivered
    /// to, as in CPython).
    pub is_main_thread: bool,
    /// This thread's own eval-breaker bits (free-threaded mode: merge and
    /// stop requests addressed to this thread); [`NO_THREAD_BITS`] otherwise.
    /// The policy's safe-point check reads them (see `Policy::breaker_set`).
    /// Whoever sets it guarantees that the word outlives this `Vm` (the
    /// free-threaded thread state is unregistered only after the thread's
    /// `Vm` is gone).
    pub thread_bits: *const AtomicU32,
    /// Free-threaded mode: this thread's QSBR read sequence and the
    /// registry's write sequence; the policy's safe-point check copies the
    /// second into the first (a quiescent state: the thread holds no pointer
    /// a lock-free read took). Both point at [`NO_QSBR`] otherwise. Same
    /// lifetime guarantee as `thread_bits`.
    pub qsbr_slot: *const AtomicU64,
    /// See `qsbr_slot`.
    pub qsbr_wr_seq: *const AtomicU64,
}

/// The QSBR words of a thread that takes part in no reclamation.
pub static NO_QSBR: AtomicU64 = AtomicU64::new(0);

/// The thread bits of a thread nobody addresses (always zero).
pub static NO_THREAD_BITS: AtomicU32 = AtomicU32::new(0);

/// Hooks through which a concurrency mode follows the life of each thread
/// (installed once at start-up; `--mode gil` installs none).
pub struct ThreadHooks {
    /// A new thread holds the GIL (if enabled) and is about to run Python.
    pub start: fn(&mut Vm),
    /// A thread is done running Python; it still holds the GIL (if enabled).
    pub exit: fn(),
    /// The thread is about to release the GIL (to block, or to let a waiter
    /// run): from here on it touches no object.
    pub detach: fn(),
    /// The thread has just taken the GIL back.
    pub attach: fn(),
    /// Runs the closure with every other thread parked at a safe point or
    /// detached (turning the GIL on for a module that needs it).
    pub stop_the_world: fn(&mut dyn FnMut()),
    /// The thread is about to run in the heap with this key
    /// ([`crate::gc::heap_key`]): it enters an interpreter, or starts in its
    /// starter's, or comes back from one. It must not touch that heap's
    /// objects before this returns.
    pub enter_heap: fn(usize),
    /// A `Vm` for the interpreter the thread has just entered was made on
    /// the calling thread (which runs another interpreter's code): the mode
    /// points it at the thread's state in that interpreter.
    pub vm_made: fn(&mut Vm),
}

static THREAD_HOOKS: std::sync::OnceLock<ThreadHooks> = std::sync::OnceLock::new();

/// Installs the mode's thread hooks (once per process).
pub fn install_thread_hooks(h: ThreadHooks) {
    let _ = THREAD_HOOKS.set(h);
}

/// The installed thread hooks, if any.
#[inline]
pub fn thread_hooks() -> Option<&'static ThreadHooks> {
    THREAD_HOOKS.get()
}

impl Vm {
    /// A fresh interpreter for `--mode gil`.
    pub fn new_gil() -> Vm {
        Vm::with_driver(eval::drive::<crate::policy::GilPolicy>, "gil")
    }

    /// A fresh interpreter using the given driver.
    pub fn with_driver(drive: DriveFn, mode: &'static str) -> Vm {
        types::init::init_and_get();
        crate::object::install_finalize_hook(finalize::take_back);
        crate::gc::install_finalizer_hook(finalize::queue_unreachable);
        crate::object::weakref_table::install_callback_hook(finalize::queue_weakref_callbacks);
        let modules = types::new_dict();
        let builtins_mod = crate::stdlib::builtins::make_module();
        let builtins = builtins_mod
            .downcast::<types::ModuleData>()
            .map(|m| m.dict.clone())
            .expect("builtins module");
        let mut vm = Vm {
            builtins,
            modules: modules.clone(),
            sys: types::none(),
            exc_info: None,
            depth: 0,
            recursion_limit: 1000,
            drive,
            frame_pool: Vec::new(),
            stack_limit: 0,
            is_main_thread: true,
            thread_bits: &NO_THREAD_BITS as *const AtomicU32,
            qsbr_slot: &NO_QSBR as *const AtomicU64,
            qsbr_wr_seq: &NO_QSBR as *const AtomicU64,
            repr_guard: ReprGuard::default(),
            mode,
        };
        let md = modules.downcast::<types::DictData>().expect("dict");
        md.set_str(types::intern("builtins"), builtins_mod);
        let sys = crate::stdlib::sys::make_module(&mut vm);
        md.set_str(types::intern("sys"), sys.clone());
        vm.sys = sys;
        vm
    }

    /// Guards the native stack of the calling thread, which has `size` bytes:
    /// deeper native recursion than `size` minus a safety margin raises
    /// RecursionError.
    pub fn guard_native_stack(&mut self, size: usize) {
        let here = 0u8;
        let addr = &here as *const u8 as usize;
        let margin = (size / 8).max(1 << 20);
        self.stack_limit = addr.saturating_sub(size.saturating_sub(margin));
    }

    /// Raises RecursionError when native recursion (repr, comparison or
    /// hashing of deeply nested containers) nears the end of the stack.
    #[inline]
    pub fn check_native_stack(&self) -> PyResult<()> {
        let here = 0u8;
        if (&here as *const u8 as usize) < self.stack_limit {
            return Err(types::exception::recursion_error(
                "maximum recursion depth exceeded",
            ));
        }
        Ok(())
    }

    /// A `Vm` for a new thread of the same interpreter: it shares the
    /// builtins, `sys` and `sys.modules`.
    /// The view of a new thread, in the mode of the thread that started it.
    pub fn for_thread(
        builtins: Value,
        modules: Value,
        sys: Value,
        drive: DriveFn,
        mode: &'static str,
    ) -> Vm {
        Vm {
            builtins,
            modules,
            sys,
            exc_info: None,
            depth: 0,
            recursion_limit: 1000,
            drive,
            frame_pool: Vec::new(),
            repr_guard: ReprGuard::default(),
            mode,
            stack_limit: 0,
            is_main_thread: false,
            thread_bits: &NO_THREAD_BITS as *const AtomicU32,
            qsbr_slot: &NO_QSBR as *const AtomicU64,
            qsbr_wr_seq: &NO_QSBR as *const AtomicU64,
        }
    }

    /// Handles pending work at a safe point.
    #[cold]
    pub fn service_eval_breaker(&mut self) -> PyResult<()> {
        EVAL_BREAKER.store(false, Relaxed);
        if SIGINT_PENDING.load(Relaxed) {
            if self.is_main_thread {
                SIGINT_PENDING.store(false, Relaxed);
                return Err(PyErr(types::exception::new_exception(
                    types::exc_types().keyboard_interrupt.v(),
                    vec![],
                )));
            }
            // Only the main thread handles signals: keep the breaker set
            // until it has seen this one.
            EVAL_BREAKER.store(true, Relaxed);
        }
        if crate::gc::should_collect() {
            crate::gc::collect_automatic();
        }
        if finalize::pending() {
            finalize::run_pending(self);
        }
        if finalize::queued_elsewhere() {
            // Another thread's generators wait for its safe point.
            EVAL_BREAKER.store(true, Relaxed);
        }
        crate::gil::yield_if_requested();
        Ok(())
    }

    /// Writes text to standard output (buffered).
    pub fn write_stdout(&mut self, s: &str) {
        stdout_write(s.as_bytes());
    }

    /// Flushes standard output.
    pub fn flush_stdout(&mut self) {
        stdout_flush();
    }

    /// Writes text to standard error (flushing stdout first to keep order).
    pub fn write_stderr(&mut self, s: &str) {
        self.flush_stdout();
        let _ = std::io::stderr().write_all(s.as_bytes());
    }

    /// Takes a recycled frame or allocates one.
    #[inline(always)]
    pub fn alloc_frame(&mut self, code: &Value, globals: &Value) -> Box<frame::Frame> {
        let co = code
            .downcast::<crate::compiler::code::CodeObject>()
            .expect("code object");
        let nslots = co.nslots();
        // Room for the verified stack bound: what `LiveStack::take` needs.
        let stacksize = co.code.stack_bound();
        match self.frame_pool.pop() {
            // A pooled frame keeps its code, globals and builtins (a
            // recursive call finds the same ones and touches no count), and
            // its buffers once they are big enough.
            Some(mut f)
                if f.code.is(code)
                    && f.globals.is(globals)
                    && f.builtins.is(&self.builtins)
                    && f.stack.capacity() >= stacksize
                    && f.locals.len() == nslots =>
            {
                // Its locals were emptied in place by `recycle_frame`.
                f.ip = 0;
                f
            }
            pooled => self.alloc_frame_slow(pooled, code, globals, nslots, stacksize),
        }
    }

    /// [`Vm::alloc_frame`] for a pooled frame of another code object,
    /// globals or size, or an empty pool.
    #[cold]
    #[inline(never)]
    fn alloc_frame_slow(
        &mut self,
        pooled: Option<Box<frame::Frame>>,
        code: &Value,
        globals: &Value,
        nslots: usize,
        stacksize: usize,
    ) -> Box<frame::Frame> {
        match pooled {
            Some(mut f) => {
                if !f.code.is(code) {
                    f.code = code.clone();
                }
                if !f.globals.is(globals) {
                    f.globals = globals.clone();
                }
                if !f.builtins.is(&self.builtins) {
                    f.builtins = self.builtins.clone();
                }
                f.ip = 0;
                if f.stack.capacity() < stacksize {
                    f.stack.reserve(stacksize);
                }
                // Emptied by `recycle_frame`: only the length changes.
                f.locals.resize_with(nslots, || None);
                f
            }
            None => {
                let mut locals = Vec::with_capacity(nslots);
                locals.resize_with(nslots, || None);
                Box::new(frame::Frame {
                    code: code.clone(),
                    ip: 0,
                    stack: value_stack::ValueStack::with_capacity(stacksize),
                    locals,
                    blocks: Vec::new(),
                    globals: globals.clone(),
                    builtins: self.builtins.clone(),
                    locals_dict: None,
                    init_self: None,
                    borrowed_self: false,
                    gen_inline: None,
                })
            }
        }
    }

    /// Returns a finished frame to the pool, dropping its stack, locals and
    /// blocks (its code, globals and builtins stay until it is reused).
    #[inline(always)]
    pub fn recycle_frame(&mut self, mut f: Box<frame::Frame>) {
        f.settle_borrowed_self();
        // Dropped one by one so the common cases (an empty stack, a few
        // locals) stay inline.
        while let Some(v) = f.stack.pop() {
            drop(v);
        }
        // Emptied in place: a frame reused for the same code (a recursive
        // or repeated call) then needs no initialisation.
        for l in f.locals.iter_mut() {
            if let Some(v) = l.take() {
                drop(v);
            }
        }
        if !f.blocks.is_empty() || f.locals_dict.is_some() || f.init_self.is_some() {
            Self::clear_frame_extras(&mut f);
        }
        if self.frame_pool.len() < 64 {
            self.frame_pool.push(f);
        }
    }

    /// The rarely set parts of a frame, cleared for reuse.
    #[cold]
    #[inline(never)]
    fn clear_frame_extras(f: &mut frame::Frame) {
        f.blocks.clear();
        f.locals_dict = None;
        f.init_self = None;
    }

    /// Runs a module-level code object in `globals`.
    pub fn run_code(&mut self, code: Value, globals: Value) -> PyResult<Value> {
        let mut f = self.alloc_frame(&code, &globals);
        f.locals_dict = Some(globals);
        let r = self.run_frame(f);
        // Generators the body let go of at its very end are closed now.
        if finalize::pending() {
            finalize::run_pending(self);
        }
        r
    }

    /// Runs a frame to completion.
    pub fn run_frame(&mut self, f: Box<frame::Frame>) -> PyResult<Value> {
        match (self.drive)(self, f, None) {
            eval::Outcome::Return(v, f) => {
                self.recycle_frame(f);
                Ok(v)
            }
            eval::Outcome::Yield(_, f) => {
                self.recycle_frame(f);
                Err(types::exception::system_error(
                    "frame yielded outside a generator",
                ))
            }
            eval::Outcome::Error(e) => Err(e),
        }
    }
}
