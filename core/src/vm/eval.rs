//! The eval loop: one `match` over the opcode per instruction, generic over
//! the concurrency [`Policy`], with a single safe-point check on backward jumps
//! and calls.
//!
//! [`drive`] runs a frame and every Python function it calls without native
//! recursion: a call pushes the caller on a local stack and switches frames; a
//! return pops it. Both happen inside `execute`, which reloads its view of the
//! code object, so a Python-to-Python call never leaves the loop. Exceptions
//! unwind the block stack of the current frame and then of each caller.

use super::callers::{push_caller, release_callers};
use super::fast_paths::{float_binop, small_binop, truth};
use super::frame::{Block, BlockKind, Frame};
use super::value_stack::LiveStack;
use super::{call, ops, protocol, Vm};
use crate::compiler::code::CodeObject;
use crate::compiler::opcodes::{BinOp, CmpOp, Op};
use crate::object::{Kind, Value};
use crate::policy::Policy;
use crate::types::exception as exc;
use crate::types::iter_cursor::Cursor;
use crate::types::{self, DictData, ListData, PyErr, PyResult, TupleData};

/// How a driven frame stopped.
pub enum Outcome {
    /// It returned a value.
    Return(Value, Box<Frame>),
    /// It yielded a value (generator frames only).
    Yield(Value, Box<Frame>),
    /// An exception escaped it.
    Error(PyErr),
}

/// Why `run` stopped executing: the outermost frame of the `drive` returned
/// or yielded.
enum Exit {
    Return(Value),
    Yield(Value),
}

/// An error inside `run`: the exception and whether it is a re-raise (which
/// adds no traceback entry).
struct Raised(PyErr, bool);

impl From<PyErr> for Raised {
    #[inline]
    fn from(e: PyErr) -> Raised {
        Raised(e, false)
    }
}

/// Runs `entry` (optionally throwing `exc` into it first) until it returns,
/// yields or raises.
pub fn drive<P: Policy>(vm: &mut Vm, entry: Box<Frame>, exc: Option<PyErr>) -> Outcome {
    let base_depth = vm.depth;
    let here = 0u8;
    if (&here as *const u8 as usize) < vm.stack_limit {
        vm.recycle_frame(entry);
        return Outcome::Error(exc::recursion_error("maximum recursion depth exceeded"));
    }
    if vm.depth >= vm.recursion_limit {
        vm.recycle_frame(entry);
        return Outcome::Error(exc::recursion_error("maximum recursion depth exceeded"));
    }
    vm.depth += 1;
    // The suspended callers of `f`, innermost last. Calls and returns between
    // Python functions switch frames inside `execute`; only an exception that
    // escapes a frame comes back here.
    let mut callers: Vec<Box<Frame>> = Vec::new();
    let mut f = entry;
    let mut pending = exc;
    loop {
        match run::<P>(vm, &mut f, &mut callers, pending.take()) {
            Ok(Exit::Return(v)) => {
                debug_assert!(callers.is_empty());
                vm.depth = base_depth;
                release_callers(callers);
                return Outcome::Return(v, f);
            }
            Ok(Exit::Yield(v)) => {
                vm.depth = base_depth;
                release_callers(callers);
                return Outcome::Yield(v, f);
            }
            Err(e) => match callers.pop() {
                None => {
                    vm.depth = base_depth;
                    vm.recycle_frame(f);
                    return Outcome::Error(e);
                }
                Some(c) => {
                    vm.depth -= 1;
                    let mut done = std::mem::replace(&mut f, c);
                    let e = match done.gen_inline.take() {
                        Some(g) => super::gen_inline::fail(&g, e),
                        None => e,
                    };
                    vm.recycle_frame(done);
                    pending = Some(e);
                }
            },
        }
    }
}

/// Runs the current frame, first delivering `injected` (an exception from a
/// callee) to it. Returns when the outermost frame of this `drive` returns
/// or yields; an exception that no block of the current frame handles is
/// returned (with `f` being that frame).
// Frames move between the pool, `callers` and the current slot by pointer.
#[allow(clippy::vec_box)]
fn run<P: Policy>(
    vm: &mut Vm,
    f: &mut Box<Frame>,
    callers: &mut Vec<Box<Frame>>,
    injected: Option<PyErr>,
) -> PyResult<Exit> {
    let mut raised = injected.map(|e| Raised(e, false));
    loop {
        if let Some(Raised(e, reraise)) = raised.take() {
            f.unwind(vm, e, reraise)?;
        }
        match execute::<P>(vm, f, callers) {
            Ok(exit) => return Ok(exit),
            Err(r) => raised = Some(r),
        }
    }
}

/// The error of fetching an `OUT_OF_RANGE` instruction: the padding past
/// the end, an argument `DispatchCode::new` found out of range, or any
/// instruction of code that failed stack verification.
#[cold]
#[inline(never)]
fn out_of_range(code: &CodeObject) -> PyErr {
    match code.code.rejection() {
        Some(why) => exc::system_error(format!(
            "code object '{}' failed stack verification: {why}",
            types::str::as_str(&code.qualname).unwrap_or("?")
        )),
        None => exc::system_error("instruction pointer out of range"),
    }
}

/// Executes instructions of `f`, switching frames on calls into Python
/// functions and on their returns, until the outermost frame of the `drive`
/// returns or yields, or an exception leaves the current frame.
#[inline(never)]
#[allow(clippy::vec_box)] // as in `run`
fn execute<P: Policy>(
    vm: &mut Vm,
    f: &mut Box<Frame>,
    callers: &mut Vec<Box<Frame>>,
) -> Result<Exit, Raised> {
    // The instruction pointer lives outside the frame while the loop runs
    // (a register, not a store and reload per instruction) and is written
    // back on every way out, so tracebacks and resumed generators see it.
    // The loop is inlined here (and this function is not inlined into
    // `run`) so `ip` is a local the optimiser keeps in a register: with the
    // loop out of line it stayed in memory behind the pointer (5-11% of
    // wall time on the ft_scaling patterns).
    // The value stack's buffer leaves the frame the same way (see
    // `LiveStack`): its top is a local too.
    let mut ip = f.ip;
    let bound = f.code().code.stack_bound();
    let mut stk = LiveStack::take(&mut f.stack, bound);
    let r = execute_at::<P>(vm, f, callers, &mut ip, &mut stk);
    f.ip = ip;
    stk.give_back(&mut f.stack);
    r
}

/// The loop of [`execute`]; `ip` is the current frame's instruction pointer.
#[inline(always)]
#[allow(clippy::vec_box)] // as in `run`
fn execute_at<P: Policy>(
    vm: &mut Vm,
    f: &mut Box<Frame>,
    callers: &mut Vec<Box<Frame>>,
    ip: &mut usize,
    stk: &mut LiveStack,
) -> Result<Exit, Raised> {
    // SAFETY: code objects are immortal, so this borrow outlives the frame's
    // use of it; detaching it from `f` lets the loop mutate `f` freely.
    let mut code: &'static CodeObject = unsafe { &*(f.code() as *const CodeObject) };
    let mut instrs = code.code.padded();
    // Makes `$new` (a frame of a Python function, its arguments in place)
    // the current frame, the caller suspended in `callers`.
    macro_rules! enter {
        ($new:expr) => {{
            let new: Box<Frame> = $new;
            if vm.depth >= vm.recursion_limit {
                vm.recycle_frame(new);
                return Err(exc::recursion_error("maximum recursion depth exceeded").into());
            }
            vm.depth += 1;
            f.ip = *ip;
            stk.give_back(&mut f.stack);
            push_caller(callers, std::mem::replace(f, new));
            *ip = f.ip;
            // SAFETY: as above.
            code = unsafe { &*(f.code() as *const CodeObject) };
            instrs = code.code.padded();
            *stk = LiveStack::take(&mut f.stack, code.code.stack_bound());
            continue;
        }};
    }
    // Pushes the result `$r` of a comparison, or, when a conditional jump
    // follows, takes or skips that jump at once (CPython 3.12's
    // COMPARE_AND_BRANCH idea).
    macro_rules! push_compare {
        ($r:expr) => {{
            let r: bool = $r;
            match instrs.get(*ip) {
                Some(next) if matches!(next.op, Op::PopJumpIfFalse | Op::PopJumpIfTrue) => {
                    *ip += 1;
                    if r == (next.op == Op::PopJumpIfTrue) {
                        *ip = next.arg as usize;
                    }
                }
                _ => stk.push(types::bool_value(r)),
            }
            continue;
        }};
    }
    // Fast local `$i` (the argument of a fast-local instruction), without
    // a bounds check.
    macro_rules! local {
        ($i:expr) => {{
            let i = $i as usize;
            debug_assert!(i < f.locals.len(), "local {} of {}", i, f.locals.len());
            // SAFETY: `i` is the argument of a fast-local instruction of
            // `code` (or of the second half of a superinstruction, checked
            // as its own instruction), so `i < code.nslots()`
            // (`DispatchCode::new`), and the locals of a frame running
            // `code` have exactly that length (`Vm::alloc_frame`; nothing
            // resizes them).
            unsafe { f.locals.get_unchecked_mut(i) }
        }};
    }
    // Constant `$i` (the argument of a `LOAD_CONST`), without a bounds
    // check.
    macro_rules! constant {
        ($i:expr) => {{
            let i = $i as usize;
            debug_assert!(
                i < code.consts.len(),
                "constant {} of {}",
                i,
                code.consts.len()
            );
            // SAFETY: `i` is the argument of a `LOAD_CONST` of `code` (or
            // of the second half of a superinstruction, checked as its
            // own instruction), smaller than the number of constants
            // (`DispatchCode::new`).
            unsafe { code.consts.get_unchecked(i) }
        }};
    }
    // Pushes fast local `$i` (counted), or raises UnboundLocalError.
    macro_rules! push_local {
        ($i:expr) => {{
            let i = $i;
            match &*local!(i) {
                Some(v) => {
                    let v = P::clone_value(v);
                    stk.push(v);
                }
                None => return Err(super::frame::unbound_local(code, i).into()),
            }
        }};
    }
    // A superinstruction's second instruction (the caller steps past it
    // once the first half is done, so an error in the first half reports
    // the first instruction's line).
    macro_rules! second_half {
        () => {{
            let Some(&next) = instrs.get(*ip) else {
                return Err(exc::system_error("superinstruction at the end").into());
            };
            next
        }};
    }
    // The value stack's pushes, pops and reads of the top check nothing
    // (`LiveStack`): the stack verifier (`compiler::stack_verify`, run by
    // `DispatchCode::new`) proved that every instruction of `code` finds
    // the values it takes and leaves no more than the buffer holds. Each
    // handler takes its inputs before it pushes, as the verifier assumes.
    loop {
        // The fetch has no bounds check to branch on, so the dispatch is
        // one straight-line block that LLVM copies into every handler
        // (`compiler::dispatch_code`). An `ip` at the end of the real
        // instructions fetches padding, which raises SystemError.
        debug_assert!(*ip < instrs.len(), "ip {} past the padding", *ip);
        // SAFETY: `instrs` is always `code.code.padded()` of the current
        // code object, and `ip` is at most the index of its first padding
        // instruction: the invariant `DispatchCode::new` establishes and
        // its module documentation argues, case by case.
        let ins = unsafe { *instrs.get_unchecked(*ip) };
        *ip += 1;
        let arg = ins.arg;
        match ins.op {
            // Not an empty arm: that would make the dispatch block its own
            // successor, and LLVM does not copy blocks that loop to
            // themselves (the fence emits no instruction).
            Op::Nop => std::sync::atomic::compiler_fence(std::sync::atomic::Ordering::SeqCst),
            Op::OutOfRange => return Err(out_of_range(code).into()),
            Op::PopTop => {
                let v = stk.pop();
                P::drop_value(v);
            }
            Op::Copy => {
                let n = stk.len();
                let v = P::clone_value(&stk.as_slice()[n - arg as usize]);
                stk.push(v);
            }
            Op::Swap => {
                let n = stk.len();
                stk.as_mut_slice().swap(n - 1, n - arg as usize);
            }
            Op::PushNull => stk.push(types::null()),
            Op::LoadConst => {
                let c = constant!(arg);
                // SAFETY: constants are immortal (`CodeObject::consts`).
                let v = unsafe { c.copy_immortal() };
                stk.push(v);
            }
            Op::LoadFast => match &*local!(arg) {
                Some(v) => {
                    if let Some(next) = instrs.get(*ip) {
                        if next.op == Op::LoadAttr {
                            // LOAD_FAST x; LOAD_ATTR name: the attribute is
                            // read through the local, which keeps the object
                            // alive (nothing else can touch this frame's
                            // locals), so the object's count is not touched:
                            // threads reading attributes of one shared object
                            // (`self.x` on a shared instance) write nothing
                            // shared. CPython 3.14's LOAD_FAST_BORROW.
                            *ip += 1;
                            let i = next.arg as usize;
                            let r =
                                super::attr_site::load(vm, &code.attr_cache[i], v, &code.names[i])?;
                            stk.push(r);
                            continue;
                        }
                    }
                    let v = P::clone_value(v);
                    stk.push(v);
                }
                None => return Err(super::frame::unbound_local(code, arg).into()),
            },
            Op::StoreFast => {
                let v = stk.pop();
                let old = local!(arg).replace(v);
                if let Some(o) = old {
                    P::drop_value(o);
                }
            }
            // Superinstructions (`opcodes::mark_superinstructions`): the
            // second half's argument is the next instruction's.
            Op::LoadFastLoadFast | Op::LoadFastLoadConst => {
                let next = second_half!();
                push_local!(arg);
                *ip += 1;
                if ins.op == Op::LoadFastLoadConst {
                    let c = constant!(next.arg);
                    // SAFETY: constants are immortal (`CodeObject::consts`).
                    let v = unsafe { c.copy_immortal() };
                    stk.push(v);
                } else {
                    push_local!(next.arg);
                }
            }
            Op::StoreFastLoadFast => {
                let next = second_half!();
                let v = stk.pop();
                let old = local!(arg).replace(v);
                if let Some(o) = old {
                    P::drop_value(o);
                }
                *ip += 1;
                push_local!(next.arg);
            }
            Op::DeleteFast => {
                if local!(arg).take().is_none() {
                    return Err(super::frame::unbound_local(code, arg).into());
                }
                // A `del` that dropped a last reference queued a finalizer
                // or weak reference callback: run it before the next
                // statement, as CPython runs them at once.
                if P::breaker_set(vm) {
                    P::safe_point(vm)?;
                }
            }
            Op::LoadDeref | Op::LoadClassDeref => {
                let slot = code.varnames.len() + arg as usize;
                if ins.op == Op::LoadClassDeref {
                    let name = &code.deref_name(arg);
                    if let Some(d) = &f.locals_dict {
                        if let Some(v) = d.downcast::<DictData>().and_then(|d| d.get_str(name)) {
                            stk.push(v);
                            continue;
                        }
                    }
                }
                let cell = f.locals[slot]
                    .as_ref()
                    .and_then(|c| c.downcast::<types::CellData>());
                match cell.and_then(|c| c.value.get()) {
                    Some(v) => stk.push(v),
                    None => return Err(super::frame::unbound_deref(code, arg).into()),
                }
            }
            Op::StoreDeref => {
                let v = stk.pop();
                let slot = code.varnames.len() + arg as usize;
                if let Some(c) = f.locals[slot]
                    .as_ref()
                    .and_then(|c| c.downcast::<types::CellData>())
                {
                    let old = c.value.replace(Some(v));
                    drop(old);
                }
            }
            Op::DeleteDeref => {
                let slot = code.varnames.len() + arg as usize;
                if let Some(c) = f.locals[slot]
                    .as_ref()
                    .and_then(|c| c.downcast::<types::CellData>())
                {
                    let old = c.value.take();
                    drop(old);
                }
            }
            Op::LoadClosure => {
                let slot = code.varnames.len() + arg as usize;
                match &f.locals[slot] {
                    Some(c) => stk.push(c.clone()),
                    None => return Err(exc::system_error("missing closure cell").into()),
                }
            }
            Op::LoadGlobal | Op::LoadGlobalSubscr => {
                let name = &code.names[arg as usize];
                let gd = f.globals.downcast::<DictData>();
                let bd = f.builtins.downcast::<DictData>();
                let (gver, bver) = (
                    gd.map(|d| d.version()).unwrap_or(0),
                    bd.map(|d| d.version()).unwrap_or(0),
                );
                let gaddr = f.globals.bits();
                let cache = &code.global_cache[arg as usize];
                let tags = crate::compiler::code::global_cache_tags(gaddr, gver, bver);
                let subscript = ins.op == Op::LoadGlobalSubscr;
                if P::BORROW_FOR_READS {
                    let next = instrs.get(*ip).map(|n| n.op);
                    if subscript || next == Some(Op::LoadAttr) {
                        if let Some(r) = super::borrowed_reads::borrowed_global_read(
                            code, ip, &f.locals, cache, tags, subscript,
                        ) {
                            stk.push(r);
                            continue;
                        }
                    } else if next == Some(Op::LoadMethod) {
                        if let Some((new, skip)) = super::borrowed_reads::borrowed_method_call::<P>(
                            vm, code, *ip, &f.locals, cache, tags,
                        )? {
                            *ip += skip;
                            enter!(new);
                        }
                    }
                }
                if let crate::object::cache_slot::Cached::Hit(Some(v)) = cache.get(tags) {
                    stk.push(v);
                    continue;
                }
                let g = gd.and_then(|d| d.get_str(name));
                let v = match g {
                    Some(v) => v,
                    None => match f
                        .builtins
                        .downcast::<DictData>()
                        .and_then(|d| d.get_str(name))
                    {
                        Some(v) => v,
                        None => {
                            return Err(exc::name_error(format!(
                                "name '{}' is not defined",
                                types::str::as_str(name).unwrap_or("?")
                            ))
                            .into())
                        }
                    },
                };
                cache.set(tags, Some(v.clone()));
                stk.push(v);
            }
            Op::StoreGlobal => {
                let v = stk.pop();
                if let Some(d) = f.globals.downcast::<DictData>() {
                    d.set_str(code.names[arg as usize].clone(), v);
                }
            }
            Op::DeleteGlobal => {
                let name = &code.names[arg as usize];
                if f.globals
                    .downcast::<DictData>()
                    .and_then(|d| d.remove_str(name))
                    .is_none()
                {
                    return Err(exc::name_error(format!(
                        "name '{}' is not defined",
                        types::str::as_str(name).unwrap_or("?")
                    ))
                    .into());
                }
                // A `del` that dropped a last reference queued a finalizer
                // or weak reference callback: run it before the next
                // statement, as CPython runs them at once.
                if P::breaker_set(vm) {
                    P::safe_point(vm)?;
                }
            }
            Op::LoadName => {
                let name = &code.names[arg as usize];
                let mut found = None;
                if let Some(d) = &f.locals_dict {
                    found = d.downcast::<DictData>().and_then(|d| d.get_str(name));
                }
                if found.is_none() {
                    found = f
                        .globals
                        .downcast::<DictData>()
                        .and_then(|d| d.get_str(name));
                }
                if found.is_none() {
                    found = f
                        .builtins
                        .downcast::<DictData>()
                        .and_then(|d| d.get_str(name));
                }
                match found {
                    Some(v) => stk.push(v),
                    None => {
                        return Err(exc::name_error(format!(
                            "name '{}' is not defined",
                            types::str::as_str(name).unwrap_or("?")
                        ))
                        .into())
                    }
                }
            }
            Op::StoreName => {
                let v = stk.pop();
                let name = code.names[arg as usize].clone();
                let target = f.locals_dict.as_ref().unwrap_or(&f.globals);
                match target.downcast::<DictData>() {
                    Some(d) => d.set_str(name, v),
                    None => protocol::setitem(vm, &target.clone(), name, v)?,
                }
            }
            Op::DeleteName => {
                let name = &code.names[arg as usize];
                let target = f.locals_dict.as_ref().unwrap_or(&f.globals);
                if target
                    .downcast::<DictData>()
                    .and_then(|d| d.remove_str(name))
                    .is_none()
                {
                    return Err(exc::name_error(format!(
                        "name '{}' is not defined",
                        types::str::as_str(name).unwrap_or("?")
                    ))
                    .into());
                }
                // A `del` that dropped a last reference queued a finalizer
                // or weak reference callback: run it before the next
                // statement, as CPython runs them at once.
                if P::breaker_set(vm) {
                    P::safe_point(vm)?;
                }
            }
            Op::LoadAttr => {
                let obj = stk.pop();
                let i = arg as usize;
                let v = super::attr_site::load(vm, &code.attr_cache[i], &obj, &code.names[i])?;
                P::drop_value(obj);
                stk.push(v);
            }
            Op::StoreAttr => {
                let obj = stk.pop();
                let v = stk.pop();
                let i = arg as usize;
                super::attr_site::store(vm, &code.attr_cache[i], &obj, &code.names[i], v)?;
                P::drop_value(obj);
            }
            Op::DeleteAttr => {
                let obj = stk.pop();
                super::attr::delattr(vm, &obj, &code.names[arg as usize])?;
            }
            Op::LoadMethod => {
                let obj = stk.pop();
                let i = arg as usize;
                let (m, this) =
                    super::attr_site::load_method(vm, &code.attr_cache[i], obj, &code.names[i])?;
                stk.push(m);
                stk.push(this.unwrap_or_else(types::null));
            }
            Op::BinaryOp => {
                let b = stk.pop();
                let a = stk.pop();
                if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
                    if let Some(r) = small_binop(arg, x, y) {
                        stk.push(r);
                        continue;
                    }
                }
                if let Some(r) = float_binop(arg, &a, &b) {
                    stk.push(super::fast_paths::float_result::<P>(a, b, r));
                    continue;
                }
                let (op, inplace) = BinOp::decode(arg);
                let r = ops::binary_op(vm, &a, &b, op, inplace)?;
                P::drop_value(a);
                P::drop_value(b);
                stk.push(r);
            }
            Op::UnaryNegative => {
                let a = stk.pop();
                let r = ops::unary_neg(vm, &a)?;
                stk.push(r);
            }
            Op::UnaryPositive => {
                let a = stk.pop();
                let r = ops::unary_pos(vm, &a)?;
                stk.push(r);
            }
            Op::UnaryInvert => {
                let a = stk.pop();
                let r = ops::unary_invert(vm, &a)?;
                stk.push(r);
            }
            Op::UnaryNot => {
                let a = stk.pop();
                let t = protocol::truthy(vm, &a)?;
                stk.push(types::bool_value(!t));
            }
            Op::CompareOp => {
                let b = stk.pop();
                let a = stk.pop();
                let op = CmpOp::ALL[arg as usize];
                if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
                    let r = match op {
                        CmpOp::Lt => x < y,
                        CmpOp::Le => x <= y,
                        CmpOp::Eq => x == y,
                        CmpOp::Ne => x != y,
                        CmpOp::Gt => x > y,
                        CmpOp::Ge => x >= y,
                    };
                    push_compare!(r);
                }
                if let (Some(x), Some(y)) = (types::exact_float(&a), types::exact_float(&b)) {
                    let r = match op {
                        CmpOp::Lt => x < y,
                        CmpOp::Le => x <= y,
                        CmpOp::Eq => x == y,
                        CmpOp::Ne => x != y,
                        CmpOp::Gt => x > y,
                        CmpOp::Ge => x >= y,
                    };
                    P::drop_value(a);
                    P::drop_value(b);
                    push_compare!(r);
                }
                let r = ops::compare(vm, &a, &b, op)?;
                P::drop_value(a);
                P::drop_value(b);
                stk.push(r);
            }
            Op::IsOp => {
                let b = stk.pop();
                let a = stk.pop();
                let r = a.is(&b) != (arg == 1);
                P::drop_value(a);
                P::drop_value(b);
                push_compare!(r);
            }
            Op::ContainsOp => {
                let container = stk.pop();
                let item = stk.pop();
                let r = match super::fast_paths::contains(&container, &item) {
                    Some(r) => r,
                    None => protocol::contains(vm, &container, &item)?,
                };
                drop((container, item));
                push_compare!(r != (arg == 1));
            }
            Op::BinarySubscr => {
                let key = stk.pop();
                let obj = stk.pop();
                if let (Some(l), Some(i)) = (
                    obj.downcast::<ListData>()
                        .filter(|_| obj.type_ptr() == types::builtin_types().list.as_ptr()),
                    key.as_small(),
                ) {
                    let n = l.len() as i64;
                    let idx = if i < 0 { i + n } else { i };
                    if idx >= 0 && idx < n {
                        if let Some(v) = l.get_with(idx as usize, P::clone_value) {
                            stk.push(v);
                            P::drop_value(obj);
                            continue;
                        }
                    }
                }
                if obj.type_ptr() == types::builtin_types().dict.as_ptr() {
                    if let Some(v) = super::fast_paths::dict_get::<P>(&obj, &key) {
                        stk.push(v);
                        P::drop_value(obj);
                        P::drop_value(key);
                        continue;
                    }
                }
                let r = protocol::getitem(vm, &obj, &key)?;
                P::drop_value(obj);
                P::drop_value(key);
                stk.push(r);
            }
            Op::StoreSubscr => {
                let key = stk.pop();
                let obj = stk.pop();
                let v = stk.pop();
                if let (Some(l), Some(i)) = (obj.downcast::<ListData>(), key.as_small()) {
                    let n = l.len() as i64;
                    let idx = if i < 0 { i + n } else { i };
                    if idx >= 0 && idx < n && obj.type_ptr() == types::builtin_types().list.as_ptr()
                    {
                        if let Some(old) = l.replace(idx as usize, v) {
                            P::retire_value(old);
                        }
                        P::drop_value(obj);
                        continue;
                    }
                }
                if obj.type_ptr() == types::builtin_types().dict.as_ptr() {
                    match super::fast_paths::dict_set(&obj, key, v) {
                        Ok(()) => P::drop_value(obj),
                        Err((key, v)) => protocol::setitem(vm, &obj, key, v)?,
                    }
                    continue;
                }
                protocol::setitem(vm, &obj, key, v)?;
            }
            Op::DeleteSubscr => {
                let key = stk.pop();
                let obj = stk.pop();
                protocol::delitem(vm, &obj, &key)?;
            }
            Op::BuildSlice => {
                let step = if arg == 3 { stk.pop() } else { types::none() };
                let stop = stk.pop();
                let start = stk.pop();
                stk.push(protocol::new_slice(start, stop, step));
            }
            Op::BinarySlice => {
                let stop = stk.pop();
                let start = stk.pop();
                let obj = stk.pop();
                let r = protocol::get_slice(vm, &obj, start, stop)?;
                stk.push(r);
            }
            Op::StoreSlice => {
                let stop = stk.pop();
                let start = stk.pop();
                let obj = stk.pop();
                let v = stk.pop();
                protocol::set_slice(vm, &obj, start, stop, v)?;
            }
            Op::BuildTuple => {
                let n = arg as usize;
                let t = if n == 0 || n > types::seq::INLINE_ITEMS {
                    let from = stk.len() - n;
                    types::new_tuple(stk.split_off(from))
                } else {
                    let b = if n == 2 { Some(stk.pop()) } else { None };
                    let a = stk.pop();
                    types::seq::new_small_tuple(a, b)
                };
                stk.push(t);
            }
            Op::BuildList => {
                let n = stk.len() - arg as usize;
                let items = stk.split_off(n);
                stk.push(types::new_list(items));
            }
            Op::BuildSet => {
                let n = stk.len() - arg as usize;
                let items = stk.split_off(n);
                let s = protocol::new_set(vm, items, false)?;
                stk.push(s);
            }
            Op::BuildMap => {
                let n = stk.len() - 2 * arg as usize;
                if types::dict::native_keys(&stk.as_slice()[n..]) {
                    let d = types::dict::new_dict_from_native(stk.drain_from(n));
                    stk.push(d);
                    continue;
                }
                let d = types::new_dict();
                let mut it = stk.split_off(n).into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    protocol::dict_set(vm, &d, k, v)?;
                }
                drop(it);
                stk.push(d);
            }
            Op::BuildString => {
                let n = stk.len() - arg as usize;
                let parts = stk.split_off(n);
                let mut s = String::new();
                for p in &parts {
                    s.push_str(types::str::as_str(p).unwrap_or(""));
                }
                stk.push(types::new_str(s));
            }
            Op::ListAppend => {
                let v = stk.pop();
                let n = stk.len();
                let l = &stk.as_slice()[n - arg as usize];
                match l.downcast::<ListData>() {
                    Some(l) => l.push(v),
                    None => return Err(exc::system_error("LIST_APPEND on a non-list").into()),
                }
            }
            Op::SetAdd => {
                let v = stk.pop();
                let n = stk.len();
                let s = stk.as_slice()[n - arg as usize].clone();
                protocol::set_add(vm, &s, v)?;
            }
            Op::MapAdd => {
                let v = stk.pop();
                let k = stk.pop();
                let n = stk.len();
                let d = stk.as_slice()[n - arg as usize].clone();
                protocol::dict_set(vm, &d, k, v)?;
            }
            Op::ListExtend => {
                let it = stk.pop();
                let n = stk.len();
                let l = stk.as_slice()[n - arg as usize].clone();
                let items = protocol::collect(vm, &it)?;
                if let Some(l) = l.downcast::<ListData>() {
                    l.with_items(|v| v.extend(items));
                }
            }
            Op::SetUpdate => {
                let it = stk.pop();
                let n = stk.len();
                let s = stk.as_slice()[n - arg as usize].clone();
                if let (Some(dst), Some(src)) = (
                    s.downcast::<types::SetData>(),
                    it.downcast::<types::SetData>(),
                ) {
                    dst.merge(src, &mut |x, y| protocol::eq(vm, x, y))?;
                    continue;
                }
                for v in protocol::collect(vm, &it)? {
                    protocol::set_add(vm, &s, v)?;
                }
            }
            Op::DictUpdate | Op::DictMerge => {
                let other = stk.pop();
                let n = stk.len();
                let d = stk.as_slice()[n - arg as usize].clone();
                let r = protocol::dict_update(vm, &d, &other, ins.op == Op::DictMerge);
                if let (Err(e), Op::DictMerge) = (&r, ins.op) {
                    // Name the callee, as CPython does: the call being built
                    // is [callable, NULL, args, kwargs].
                    if n >= 4 {
                        let callee = stk.as_slice()[n - 4].clone();
                        if let Some(d) = exc::exc_data(&e.0) {
                            let msg = protocol::str_string(vm, &e.0)?;
                            let prefix = call::function_description(&callee);
                            d.args.replace(types::new_tuple(vec![types::new_str(format!(
                                "{prefix} {msg}"
                            ))]));
                        }
                    }
                }
                r?;
            }
            Op::ListToTuple => {
                let l = stk.pop();
                let items = l
                    .downcast::<ListData>()
                    .map(|l| l.snapshot())
                    .unwrap_or_default();
                stk.push(types::new_tuple(items));
            }
            Op::FormatValue => {
                let spec = if arg & 4 != 0 { Some(stk.pop()) } else { None };
                let v = stk.pop();
                let v = match arg & 3 {
                    1 => protocol::str(vm, &v)?,
                    2 => protocol::repr(vm, &v)?,
                    3 => protocol::ascii(vm, &v)?,
                    _ => v,
                };
                let r = match spec {
                    None if v.kind() == Kind::Str => v,
                    None => protocol::format(vm, &v, "")?,
                    Some(s) => protocol::format(vm, &v, types::str::as_str(&s).unwrap_or(""))?,
                };
                stk.push(r);
            }
            Op::UnpackSequence => {
                let seq = stk.pop();
                let n = arg as usize;
                if let Some(t) = seq
                    .downcast::<TupleData>()
                    .filter(|_| seq.type_ptr() == types::builtin_types().tuple.as_ptr())
                {
                    if t.len() == n {
                        for v in t.items().iter().rev() {
                            stk.push(P::clone_value(v));
                        }
                        P::drop_value(seq);
                        continue;
                    }
                }
                if seq.type_ptr() == types::builtin_types().list.as_ptr() {
                    // An exact list of the right length: its items straight
                    // onto the stack, in one access (CPython's
                    // UNPACK_SEQUENCE_LIST).
                    if let Some(l) = seq.downcast::<ListData>() {
                        let stack = &mut *stk;
                        let done = l.with_items(|s| {
                            s.len() == n && {
                                for v in s.iter().rev() {
                                    stack.push(P::clone_value(v));
                                }
                                true
                            }
                        });
                        if done {
                            P::drop_value(seq);
                            continue;
                        }
                    }
                }
                let items = protocol::unpack(vm, &seq, n)?;
                for v in items.into_iter().rev() {
                    stk.push(v);
                }
            }
            Op::UnpackEx => {
                let seq = stk.pop();
                let before = (arg & 0xff) as usize;
                let after = (arg >> 8) as usize;
                let mut items = protocol::collect(vm, &seq)?;
                if items.len() < before + after {
                    return Err(exc::value_error(format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        before + after,
                        items.len()
                    ))
                    .into());
                }
                let tail = items.split_off(items.len() - after);
                let mid = items.split_off(before);
                for v in tail.into_iter().rev() {
                    stk.push(v);
                }
                stk.push(types::new_list(mid));
                for v in items.into_iter().rev() {
                    stk.push(v);
                }
            }
            Op::Jump => {
                let t = arg as usize;
                if t < *ip && P::breaker_set(vm) {
                    *ip = t;
                    P::safe_point(vm)?;
                }
                *ip = t;
            }
            Op::PopJumpIfFalse | Op::PopJumpIfTrue => {
                let v = stk.pop();
                let t = truth(vm, &v)?;
                P::drop_value(v);
                if t == (ins.op == Op::PopJumpIfTrue) {
                    *ip = arg as usize;
                }
            }
            Op::JumpIfFalseOrPop | Op::JumpIfTrueOrPop => {
                let t = truth(vm, stk.last())?;
                if t == (ins.op == Op::JumpIfTrueOrPop) {
                    *ip = arg as usize;
                } else {
                    let v = stk.pop();
                    P::drop_value(v);
                }
            }
            Op::GetIter => {
                let v = stk.pop();
                let it = protocol::iter(vm, &v)?;
                stk.push(it);
            }
            Op::ForIter | Op::ForIterStoreFast => {
                let it = stk.last();
                let next = match it.downcast::<types::IteratorData>() {
                    Some(d) => match &d.cursor {
                        Cursor::Range(c) => c.next().map(types::new_int),
                        Cursor::Seq(c) => c.next(),
                        Cursor::None => {
                            let it = it.clone();
                            protocol::next(vm, &it)?
                        }
                    },
                    None => {
                        if it.kind() == Kind::Generator && vm.depth < vm.recursion_limit {
                            if let Some(g) = super::gen_inline::claim(it) {
                                enter!(g);
                            }
                        }
                        let it = it.clone();
                        protocol::next(vm, &it)?
                    }
                };
                match next {
                    Some(v) if ins.op == Op::ForIterStoreFast => {
                        // The loop variable's STORE_FAST, done here.
                        let store = second_half!();
                        *ip += 1;
                        let old = local!(store.arg).replace(v);
                        if let Some(o) = old {
                            P::drop_value(o);
                        }
                    }
                    Some(v) => stk.push(v),
                    None => {
                        let it = stk.pop();
                        drop(it);
                        *ip = arg as usize;
                    }
                }
            }
            Op::Call | Op::CallKw => {
                if P::breaker_set(vm) {
                    P::safe_point(vm)?;
                }
                let kwnames = if ins.op == Op::CallKw {
                    Some(stk.pop())
                } else {
                    None
                };
                let argc = arg as usize;
                let base = stk.len() - argc - 2;
                let this = &stk.as_slice()[base + 1];
                let has_self = !types::is_null(this);
                let args_start = if has_self { base + 1 } else { base + 2 };
                // Python function (or bound Python method): switch frames.
                let bound = match stk.as_slice()[base].kind() {
                    Kind::Function => Some(None),
                    Kind::BoundMethod if !has_self => {
                        let m = stk.as_slice()[base]
                            .downcast::<types::BoundMethodData>()
                            .expect("method");
                        if m.func.kind() == Kind::Function {
                            Some(Some((m.func.clone(), m.self_.clone())))
                        } else {
                            None
                        }
                    }
                    _ => None,
                };
                if let Some(bound) = bound {
                    let func = match &bound {
                        Some((func, _)) => func,
                        None => &stk.as_slice()[base],
                    };
                    let fd = func.downcast::<types::FunctionData>().expect("function");
                    let co = fd.code();
                    if kwnames.is_none()
                        && co.positional_params
                        && (stk.len() - args_start) + bound.is_some() as usize
                            == co.argcount as usize
                    {
                        // Fast path: move the arguments straight into the
                        // callee's fast locals (a generator function's
                        // frame goes into the new generator instead); a
                        // closure's cells are bound once they are there.
                        let gen_func = co.is_generator().then(|| func.clone());
                        let with_cells = (!co.simple_args).then(|| func.clone());
                        let mut frame = vm.alloc_frame(&fd.code, &fd.globals);
                        let mut i = 0;
                        if let Some((_, b)) = bound {
                            frame.locals[0] = Some(b);
                            i = 1;
                        }
                        let nargs = stk.len() - args_start;
                        for j in (0..nargs).rev() {
                            frame.locals[i + j] = Some(stk.pop());
                        }
                        if let Some(func) = with_cells {
                            let fd = func.downcast::<types::FunctionData>().expect("function");
                            call::bind_cells(fd, fd.code(), &mut frame);
                        }
                        // The callable and the self-or-NULL slot.
                        while stk.len() > base {
                            drop(stk.pop());
                        }
                        if let Some(func) = gen_func {
                            stk.push(call::make_generator(&func, frame));
                            continue;
                        }
                        enter!(frame);
                    }
                    if !co.is_generator() {
                        let kw = kwnames.as_ref().and_then(|k| k.downcast::<TupleData>());
                        let func = func.clone();
                        let frame = {
                            let args = &stk.as_slice()[args_start..];
                            call::function_frame(
                                vm,
                                &func,
                                bound.map(|(_, b)| b),
                                args,
                                kw.map(|t| t.items()).unwrap_or(&[]),
                            )?
                        };
                        stk.truncate(base);
                        enter!(frame);
                    }
                }
                if kwnames.is_none() && stk.as_slice()[base].kind() == Kind::Type && !has_self {
                    match call::class_call(
                        vm,
                        &stk.as_slice()[base],
                        &stk.as_slice()[args_start..],
                    )? {
                        // Class call with a Python `__init__`: the instance
                        // is made here and `__init__` runs as a frame of
                        // this loop (CPython's CALL_ALLOC_AND_ENTER_INIT).
                        call::ClassCall::Enter(frame) => {
                            stk.truncate(base);
                            enter!(frame);
                        }
                        call::ClassCall::Made(obj) => {
                            stk.truncate(base);
                            stk.push(obj);
                            continue;
                        }
                        call::ClassCall::General => {}
                    }
                }
                let r = {
                    // Borrowed from the stack, which keeps it alive through
                    // the call (no count taken).
                    let callable = &stk.as_slice()[base];
                    let args = &stk.as_slice()[args_start..];
                    match &kwnames {
                        None => call::call_value(vm, callable, args, types::Kwargs::default())?,
                        Some(k) => {
                            let names = k.downcast::<TupleData>().map(|t| t.items()).unwrap_or(&[]);
                            let npos = args.len() - names.len();
                            call::call_value(
                                vm,
                                callable,
                                &args[..npos],
                                types::Kwargs {
                                    names,
                                    values: &args[npos..],
                                },
                            )?
                        }
                    }
                };
                stk.truncate(base);
                stk.push(r);
            }
            Op::CallEx => {
                if P::breaker_set(vm) {
                    P::safe_point(vm)?;
                }
                let kwargs = if arg & 1 != 0 { Some(stk.pop()) } else { None };
                let args = stk.pop();
                let _null = stk.pop();
                let callable = stk.pop();
                let pos = args
                    .downcast::<TupleData>()
                    .map(|t| t.items().to_vec())
                    .unwrap_or_default();
                let r = match kwargs {
                    None => call::call_value(vm, &callable, &pos, types::Kwargs::default())?,
                    Some(kw) => {
                        let items = kw
                            .downcast::<DictData>()
                            .map(|d| d.items())
                            .unwrap_or_default();
                        let names: Vec<Value> =
                            items.iter().map(|(k, _)| types::intern_value(k)).collect();
                        let values: Vec<Value> = items.into_iter().map(|(_, v)| v).collect();
                        call::call_value(
                            vm,
                            &callable,
                            &pos,
                            types::Kwargs {
                                names: &names,
                                values: &values,
                            },
                        )?
                    }
                };
                stk.push(r);
            }
            Op::MakeFunction => {
                let code_v = stk.pop();
                let closure = if arg & 4 != 0 { Some(stk.pop()) } else { None };
                let annotations = if arg & 8 != 0 { Some(stk.pop()) } else { None };
                let kwdefaults = if arg & 2 != 0 { Some(stk.pop()) } else { None };
                let defaults = if arg & 1 != 0 { Some(stk.pop()) } else { None };
                let func = call::make_function(&f.globals, code_v, defaults, kwdefaults, closure);
                if f.locals_dict.is_some()
                    && !func
                        .downcast::<types::FunctionData>()
                        .and_then(|fd| fd.code.downcast::<crate::compiler::code::CodeObject>())
                        .is_some_and(|c| c.is_comprehension())
                {
                    // Defined in a module or class body: read by every
                    // thread that calls it (CPython defers the counts of
                    // functions that are not nested). Not a comprehension's
                    // or generator expression's function: it is called once,
                    // at once, and made anew each time the expression runs
                    // (CPython 3.12+ makes none), so marking it would keep
                    // one immortal function per run once threads start.
                    crate::object::deferred::mark(&func);
                }
                if let Some(a) = annotations {
                    if let Some(fd) = func.downcast::<types::FunctionData>() {
                        fd.annotations.replace(Some(a));
                    }
                }
                stk.push(func);
            }
            Op::ReturnValue => {
                let v = stk.pop();
                match callers.pop() {
                    None => return Ok(Exit::Return(v)),
                    Some(c) => {
                        // Back in the caller, the value on its stack.
                        vm.depth -= 1;
                        stk.give_back(&mut f.stack);
                        let mut done = std::mem::replace(f, c);
                        // SAFETY: as at the top of `execute`.
                        code = unsafe { &*(f.code() as *const CodeObject) };
                        instrs = code.code.padded();
                        *stk = LiveStack::take(&mut f.stack, code.code.stack_bound());
                        if let Some(g) = done.gen_inline.take() {
                            // An inline generator finished: its caller's
                            // `FOR_ITER` (the instruction before the
                            // caller's ip) ends the loop; the return value
                            // is dropped, as `for` drops StopIteration's.
                            super::gen_inline::finish(&g);
                            vm.recycle_frame(done);
                            drop(v);
                            let it = stk.pop();
                            drop(it);
                            *ip = instrs[f.ip - 1].arg as usize;
                            continue;
                        }
                        let init_self = done.init_self.take();
                        vm.recycle_frame(done);
                        *ip = f.ip;
                        let v = match init_self {
                            None => v,
                            Some(obj) => {
                                if !types::is_none(&v) {
                                    return Err(exc::type_error(format!(
                                        "__init__() should return None, not '{}'",
                                        protocol::type_name(&v)
                                    ))
                                    .into());
                                }
                                obj
                            }
                        };
                        stk.push(v);
                    }
                }
            }
            Op::YieldValue => {
                let v = stk.pop();
                if f.gen_inline.is_some() {
                    if let Some(c) = callers.pop() {
                        // An inline generator yielded: its frame goes back
                        // into the generator, the value to the caller's
                        // `FOR_ITER`.
                        vm.depth -= 1;
                        stk.give_back(&mut f.stack);
                        let mut done = std::mem::replace(f, c);
                        // SAFETY: as at the top of `execute`.
                        code = unsafe { &*(f.code() as *const CodeObject) };
                        instrs = code.code.padded();
                        *stk = LiveStack::take(&mut f.stack, code.code.stack_bound());
                        done.ip = *ip;
                        if let Some(g) = done.gen_inline.take() {
                            super::gen_inline::suspend(g, done);
                        }
                        *ip = f.ip;
                        stk.push(v);
                        continue;
                    }
                }
                return Ok(Exit::Yield(v));
            }
            Op::GetYieldFromIter => {
                let v = stk.pop();
                let it = if v.kind() == Kind::Generator {
                    v
                } else {
                    protocol::iter(vm, &v)?
                };
                stk.push(it);
            }
            Op::Send => {
                let value = stk.pop();
                let it = stk.last().clone();
                match protocol::send(vm, &it, value)? {
                    protocol::SendResult::Yielded(v) => stk.push(v),
                    protocol::SendResult::Returned(r) => {
                        let _ = stk.pop();
                        stk.push(r);
                        *ip = arg as usize;
                    }
                }
            }
            Op::SetupFinally => f.blocks.push(Block {
                kind: BlockKind::Setup,
                handler: arg,
                level: stk.len() as u32,
                saved: None,
            }),
            Op::PopBlock => {
                f.blocks.pop();
            }
            Op::PopExcept => {
                if let Some(b) = f.blocks.pop() {
                    vm.exc_info = b.saved;
                }
            }
            Op::Raise => {
                let e = match arg {
                    0 => match &vm.exc_info {
                        Some(e) => return Err(Raised(PyErr(e.clone()), true)),
                        None => exc::runtime_error("No active exception to reraise"),
                    },
                    1 => {
                        let v = stk.pop();
                        protocol::make_exception(vm, v)?
                    }
                    _ => {
                        let cause = stk.pop();
                        let v = stk.pop();
                        let e = protocol::make_exception(vm, v)?;
                        let cause = if types::is_none(&cause) {
                            cause
                        } else {
                            protocol::make_exception(vm, cause)?.0
                        };
                        if let Some(d) = exc::exc_data(&e.0) {
                            d.cause.replace(cause);
                            d.suppress_context.replace(true);
                        }
                        e
                    }
                };
                return Err(e.into());
            }
            Op::Reraise => {
                let e = stk.pop();
                return Err(Raised(PyErr(e), true));
            }
            Op::CheckExcMatch => {
                let ty = stk.pop();
                let e = stk.last().clone();
                let m = protocol::exception_matches(vm, &e, &ty)?;
                stk.push(types::bool_value(m));
            }
            Op::LoadAssertionError => stk.push(types::exc_types().assertion_error.get()),
            Op::BeforeWith => {
                let mgr = stk.pop();
                let ((exit, exit_self), enter) = protocol::context_methods(vm, &mgr)?;
                stk.push(exit);
                stk.push(exit_self);
                let args = std::slice::from_ref(&mgr);
                // A Python `__enter__` runs as a frame of this loop; its
                // result lands on the stack as a call's does.
                if let Some(frame) = call::inline_call_frame(vm, &enter, args)? {
                    drop(mgr);
                    enter!(frame);
                }
                let entered = call::call(vm, &enter, args)?;
                stk.push(entered);
            }
            Op::ExitWith => {
                // `__exit__(None, None, None)` through the pair BEFORE_WITH
                // pushed; its result is pushed (the compiler pops it), so a
                // Python `__exit__` runs as a frame of this loop.
                let exit_self = stk.pop();
                let exit = stk.pop();
                let n = types::none();
                // `self` first unless the callable is already bound (NULL).
                let skip = types::is_null(&exit_self) as usize;
                let all = [exit_self, n.clone(), n.clone(), n];
                let args = &all[skip..];
                if let Some(frame) = call::inline_call_frame(vm, &exit, args)? {
                    enter!(frame);
                }
                let r = call::call_value(vm, &exit, args, types::Kwargs::default())?;
                stk.push(r);
            }
            Op::WithExceptStart => {
                let n = stk.len();
                let e = stk.as_slice()[n - 1].clone();
                let exit_self = stk.as_slice()[n - 2].clone();
                let exit = stk.as_slice()[n - 3].clone();
                let ty = protocol::type_of(&e);
                let skip = types::is_null(&exit_self) as usize;
                let all = [exit_self, ty, e, types::none()];
                let r = call::call_value(vm, &exit, &all[skip..], types::Kwargs::default())?;
                stk.push(r);
            }
            Op::LoadBuildClass => {
                let b = f
                    .builtins
                    .downcast::<DictData>()
                    .and_then(|d| d.get_str(crate::name!("__build_class__")));
                match b {
                    Some(b) => stk.push(b),
                    None => return Err(exc::name_error("__build_class__ not found").into()),
                }
            }
            Op::LoadLocals => {
                let d = match &f.locals_dict {
                    Some(d) => d.clone(),
                    None => f.locals_snapshot(),
                };
                stk.push(d);
            }
            Op::LoadGlobals => stk.push(f.globals.clone()),
            Op::SetupAnnotations => {
                let target = f.locals_dict.clone().unwrap_or_else(|| f.globals.clone());
                if let Some(d) = target.downcast::<DictData>() {
                    if d.get_str(crate::name!("__annotations__")).is_none() {
                        d.set_str(crate::name!("__annotations__").clone(), types::new_dict());
                    }
                }
            }
            Op::CallIntrinsic => {
                let v = stk.pop();
                // Intrinsic 0 (the only one): dir() with no arguments, the
                // sorted names of a namespace.
                let _ = arg;
                let keys = v
                    .downcast::<DictData>()
                    .map(|d| d.keys())
                    .unwrap_or_default();
                let sorted = crate::types::methods::list::sort_values(vm, keys, None, false)?;
                let r = types::new_list(sorted);
                stk.push(r);
            }
            Op::ImportName => {
                let fromlist = stk.pop();
                let level = stk.pop();
                let m = super::import::import_name(
                    vm,
                    &code.names[arg as usize],
                    &fromlist,
                    level.as_small().unwrap_or(0),
                    &f.globals,
                )?;
                stk.push(m);
            }
            Op::ImportFrom => {
                let m = stk.last().clone();
                let v = super::import::import_from(vm, &m, &code.names[arg as usize])?;
                stk.push(v);
            }
            Op::ImportStar => {
                let m = stk.pop();
                let target = f.locals_dict.clone().unwrap_or_else(|| f.globals.clone());
                super::import::import_star(vm, &m, &target)?;
            }
        }
    }
}
