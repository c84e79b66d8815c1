//! Frames: the execution state of one code object (instruction pointer, value
//! stack, fast locals and cells, block stack).
//!
//! Python-to-Python calls do not recurse on the native stack: the eval loop
//! keeps the caller's frame and switches to the callee. Frames are recycled
//! through a per-thread pool so a call does not allocate in the steady state.

use crate::compiler::code::CodeObject;
use crate::object::Value;

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
}
