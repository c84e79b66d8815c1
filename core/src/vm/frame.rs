//! Frames: the execution state of one code object (instruction pointer, value
//! stack, fast locals and cells, block stack).
//!
//! Python-to-Python calls do not recurse on the native stack: the eval loop
//! keeps the caller's frame and switches to the callee. Frames are recycled
//! through a per-thread pool so a call does not allocate in the steady state.

use super::Vm;
use crate::compiler::code::CodeObject;
use crate::object::Value;
use crate::types::exception::{self as exc, TbEntry};
use crate::types::{self, DictData, PyErr, PyResult};

/// What a block-stack entry guards.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BlockKind {
    /// A `try` (or `with`) region: on exception, jump to `handler`.
    Setup,
    /// Inside an except/finally handler: on leaving, restore the previously
    /// handled exception.
    ExceptHandler,
}

/// One block-stack entry.
pub struct Block {
    /// Kind.
    pub kind: BlockKind,
    /// Handler address (Setup).
    pub handler: u32,
    /// Value-stack height to restore.
    pub level: u32,
    /// The exception that was being handled before (ExceptHandler).
    pub saved: Option<Value>,
}

/// An executing (or suspended) code object.
pub struct Frame {
    /// The code object (immortal).
    pub code: Value,
    /// Next instruction.
    pub ip: usize,
    /// The value stack.
    pub stack: super::value_stack::ValueStack,
    /// Fast locals, then cells, then free variables.
    pub locals: Vec<Option<Value>>,
    /// The block stack.
    pub blocks: Vec<Block>,
    /// Module globals (a dict).
    pub globals: Value,
    /// The builtins dict.
    pub builtins: Value,
    /// The namespace of module and class bodies.
    pub locals_dict: Option<Value>,
    /// For the frame of an `__init__` entered straight from a class call:
    /// the new instance, which the call evaluates to once `__init__`
    /// returns None.
    pub init_self: Option<Value>,
    /// The first local (`self`) is borrowed, not counted: a method entered
    /// on a shared global in free-threaded mode (`crate::object::borrowed`).
    /// Cleared, and the borrow settled, by [`Frame::settle_borrowed_self`]
    /// when the frame ends.
    pub borrowed_self: bool,
    /// The generator this frame belongs to, while it runs inline: resumed
    /// by a `FOR_ITER` of its caller in the same eval loop (as CPython
    /// 3.12's FOR_ITER_GEN pushes the generator's frame), not by a nested
    /// [`crate::vm::iteration::gen_resume`]. A yield, return or escaping
    /// exception hands the frame back to the generator and the caller
    /// goes on.
    pub gen_inline: Option<Value>,
}

impl Frame {
    /// Ends the borrow of `self` if this frame has one: the first local is
    /// dropped if it was strengthened meanwhile (it owns a count now), and
    /// forgotten if it is still borrowed.
    #[inline(always)]
    pub fn settle_borrowed_self(&mut self) {
        if self.borrowed_self {
            self.settle_borrowed_self_slow();
        }
    }

    #[cold]
    #[inline(never)]
    fn settle_borrowed_self_slow(&mut self) {
        self.borrowed_self = false;
        let v = self.locals.first_mut().and_then(|l| l.take());
        if crate::object::borrowed::pop() {
            drop(v);
        } else {
            std::mem::forget(v);
        }
    }
}

impl Drop for Frame {
    fn drop(&mut self) {
        // Frames normally end through `Vm::recycle_frame`, which settles the
        // borrow; this covers any frame dropped on another path.
        self.settle_borrowed_self();
    }
}

impl Frame {
    /// The code object.
    #[inline(always)]
    pub fn code(&self) -> &CodeObject {
        // SAFETY: `code` is always a code object (checked at frame creation).
        unsafe { self.code.downcast_unchecked::<CodeObject>() }
    }

    /// The line being executed.
    pub fn line(&self) -> u32 {
        self.code().line_of(self.ip.saturating_sub(1))
    }

    /// Visits every reference held (for the collector).
    pub fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        for v in &self.stack {
            visit(v);
        }
        for v in self.locals.iter().flatten() {
            visit(v);
        }
        for b in &self.blocks {
            if let Some(s) = &b.saved {
                visit(s);
            }
        }
        visit(&self.globals);
        if let Some(d) = &self.locals_dict {
            visit(d);
        }
        if let Some(s) = &self.init_self {
            visit(s);
        }
    }

    /// Routes an exception raised in this frame to its innermost handler
    /// (the block stack: the handler's `ip`, the value stack cut to the
    /// block's level and the exception on it), or returns it when no block
    /// handles it. `reraise` leaves the traceback as it is.
    pub fn unwind(&mut self, vm: &mut Vm, e: PyErr, reraise: bool) -> PyResult<()> {
        if !reraise {
            if let Some(d) = exc::exc_data(&e.0) {
                let line = self.line();
                d.traceback.with(|tb| {
                    tb.push(TbEntry {
                        code: self.code.clone(),
                        line,
                    })
                });
                if let Some(ctx) = &vm.exc_info {
                    if !ctx.is(&e.0) && d.context.with(|c| types::is_none(c)) {
                        d.context.replace(ctx.clone());
                    }
                }
            }
        }
        while let Some(b) = self.blocks.pop() {
            self.stack.truncate(b.level as usize);
            match b.kind {
                BlockKind::ExceptHandler => {
                    vm.exc_info = b.saved;
                }
                BlockKind::Setup if self.stack.len() != b.level as usize => {
                    // The code popped below the depth its `SETUP_FINALLY`
                    // had: the handler expects the stack verifier's depth
                    // (that depth and the exception), so it must not run
                    // on fewer values. The compiler never emits such code.
                    return Err(stack_below_handler(self.code()));
                }
                BlockKind::Setup => {
                    let prev = vm.exc_info.replace(e.0.clone());
                    self.blocks.push(Block {
                        kind: BlockKind::ExceptHandler,
                        handler: 0,
                        level: self.stack.len() as u32,
                        saved: prev,
                    });
                    self.stack.push(e.0);
                    self.ip = b.handler as usize;
                    return Ok(());
                }
            }
        }
        Err(e)
    }

    /// `locals()` inside a function: a snapshot of the bound fast locals
    /// and cells.
    pub fn locals_snapshot(&self) -> Value {
        let code = self.code();
        let d = types::new_dict();
        let dd = d.downcast::<DictData>().expect("dict");
        for (i, name) in code.varnames.iter().enumerate() {
            if let Some(v) = &self.locals[i] {
                dd.set_str(name.clone(), v.clone());
            }
        }
        let nvar = code.varnames.len();
        for (j, name) in code.cellvars.iter().chain(code.freevars.iter()).enumerate() {
            let cell = self
                .locals
                .get(nvar + j)
                .and_then(|c| c.as_ref())
                .and_then(|c| c.downcast::<types::CellData>().and_then(|c| c.value.get()));
            if let Some(v) = cell {
                dd.set_str(name.clone(), v);
            }
        }
        d
    }
}

/// The error of entering an exception handler of `code` with the value
/// stack below the depth its `SETUP_FINALLY` had.
#[cold]
#[inline(never)]
fn stack_below_handler(code: &CodeObject) -> PyErr {
    exc::system_error(format!(
        "code object '{}' popped below the stack of an exception handler",
        types::str::as_str(&code.qualname).unwrap_or("?")
    ))
}

/// The error of reading fast local `arg` of `code` while it is unbound.
#[cold]
#[inline(never)]
pub fn unbound_local(code: &CodeObject, arg: u32) -> PyErr {
    unbound_local_named(&code.varnames[arg as usize])
}

/// The error of reading cell or free variable `arg` of `code` (`LOAD_DEREF`'s
/// argument) while it is empty: a cell of this code is a local variable, a
/// free variable belongs to an enclosing scope.
#[cold]
#[inline(never)]
pub fn unbound_deref(code: &CodeObject, arg: u32) -> PyErr {
    let name = code.deref_name(arg);
    if (arg as usize) < code.cellvars.len() {
        return unbound_local_named(&name);
    }
    let name = types::str::as_str(&name).unwrap_or("?");
    exc::name_error(format!(
        "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
    ))
}

fn unbound_local_named(name: &Value) -> PyErr {
    let name = types::str::as_str(name).unwrap_or("?");
    exc::unbound_local_error(format!(
        "cannot access local variable '{name}' where it is not associated with a value"
    ))
}
