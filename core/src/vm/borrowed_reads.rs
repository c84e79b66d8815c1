//! Free-threaded reads that skip counting a reference to a shared global:
//! the eval loop's fast paths for `g.attr`, `g[key]` with a pure key, and
//! `g.method(args)` with a borrowed receiver.
//!
//! Each one reads `g` from the `LOAD_GLOBAL` cache slot without a reference
//! (`CacheSlot::get_borrowed`); the slot's reference keeps `g` alive until
//! this thread's next quiescent report, so threads that only read one shared
//! object write nothing to it. The attribute and subscript reads finish
//! before any safe point; a borrowed method receiver lives on in the callee
//! frame and is strengthened before the thread's next quiescent report
//! (`crate::object::borrowed`). Every path returns `None` to leave the
//! instructions to the normal path when anything about them is not plain.

use super::fast_paths::small_binop;
use super::frame::Frame;
use super::Vm;
use crate::compiler::code::CodeObject;
use crate::compiler::opcodes::Op;
use crate::object::Value;
use crate::policy::Policy;
use crate::types::{self, DictData, ListData, PyResult};

/// Free-threaded fast path of `LOAD_GLOBAL g` when the next instructions
/// consume `g` at once and the answer needs no Python code: `g.attr`
/// (`LOAD_ATTR`), or `g[key]` (`BINARY_SUBSCR`, with a key that
/// [`pure_subscript_key`] can compute) on an exact list, tuple or dict with
/// a natively comparable key. `g` is read from the LOAD_GLOBAL cache without taking a
/// reference, so threads reading one shared global do not write its count;
/// that is sound because no safe point is reached before it is dropped (see
/// `CacheSlot::get_borrowed`). On success the consumed instructions are
/// skipped; `None` leaves everything to the normal path.
#[inline(never)]
pub(super) fn borrowed_global_read(
    code: &CodeObject,
    ip: &mut usize,
    locals: &[Option<Value>],
    cache: &crate::compiler::code::GlobalCache,
    tags: [u64; 3],
    subscript: bool,
) -> Option<Value> {
    let next = code.code.get(*ip)?;
    let subscript = if subscript {
        Some(pure_subscript_key(code, *ip, locals)?)
    } else if next.op == Op::LoadAttr {
        None
    } else {
        return None;
    };
    let bits = cache.get_borrowed(tags)?;
    // SAFETY: see `CacheSlot::get_borrowed`; the borrow ends before this
    // function returns, and nothing below runs Python code.
    let g = std::mem::ManuallyDrop::new(unsafe { Value::from_raw_bits(bits) });
    let Some((key, subscr_at)) = subscript else {
        let r = super::attr::getattr_without_python(&g, &code.names[next.arg as usize])?;
        *ip += 1;
        return Some(r);
    };
    let key: &Value = &key;
    let bt = types::builtin_types();
    let t = g.type_ptr();
    let r = if t == bt.list.as_ptr() {
        let l = g.downcast::<ListData>()?;
        let i = key.as_small()?;
        let n = l.len() as i64;
        let j = if i < 0 { i + n } else { i };
        l.get(usize::try_from(j).ok()?)?
    } else if t == bt.tuple.as_ptr() {
        let items = g.downcast::<types::TupleData>()?.items();
        let i = key.as_small()?;
        let j = if i < 0 { i + items.len() as i64 } else { i };
        items.get(usize::try_from(j).ok()?)?.clone()
    } else if t == bt.dict.as_ptr() {
        g.downcast::<DictData>()?.get_native(key)?
    } else {
        return None;
    };
    *ip = subscr_at + 1;
    Some(r)
}

/// The key of a `g[key]` read that starts at `start` (just after the
/// `LOAD_GLOBAL g`) and the index of its `BINARY_SUBSCR`, when computing it
/// has no effect anyone could see: one `LOAD_FAST` (bound) or `LOAD_CONST`,
/// or loads of small ints combined by small-int arithmetic that cannot fail
/// (`SHARED[i % n]`, `ROW[j * w + k]`). Running such a key ahead of the
/// normal path changes nothing observable, and reading `g` first or last is
/// the same since nothing in between can rebind it. None otherwise (any
/// other instruction, a value that is not a small int, an overflow, a zero
/// divisor): the normal path then runs the instructions itself.
#[inline]
fn pure_subscript_key<'a>(
    code: &'a CodeObject,
    start: usize,
    locals: &'a [Option<Value>],
) -> Option<(std::borrow::Cow<'a, Value>, usize)> {
    use std::borrow::Cow;
    let load = |i: &crate::compiler::opcodes::Instr| -> Option<&'a Value> {
        match i.op.base() {
            Op::LoadFast => locals.get(i.arg as usize)?.as_ref(),
            Op::LoadConst => code.consts.get(i.arg as usize),
            _ => None,
        }
    };
    let first = load(code.code.get(start)?)?;
    if code.code.get(start + 1)?.op == Op::BinarySubscr {
        return Some((Cow::Borrowed(first), start + 1));
    }
    let mut stack = [0i64; 4];
    stack[0] = first.as_small()?;
    let mut depth = 1;
    for at in start + 1..start + crate::compiler::opcodes::PURE_KEY_OPS {
        let i = code.code.get(at)?;
        match i.op.base() {
            Op::LoadFast | Op::LoadConst if depth < stack.len() => {
                stack[depth] = load(i)?.as_small()?;
                depth += 1;
            }
            Op::BinaryOp if depth >= 2 => {
                let r = small_binop(i.arg, stack[depth - 2], stack[depth - 1])?;
                depth -= 1;
                stack[depth - 1] = r.as_small()?;
            }
            Op::BinarySubscr if depth == 1 => {
                return Some((Cow::Owned(Value::small(stack[0])), at));
            }
            _ => return None,
        }
    }
    None
}

/// Most arguments of a call [`borrowed_method_frame`] takes.
const BORROWED_CALL_ARGS: usize = 3;

/// The number of arguments if the instructions from `at` are up to
/// [`BORROWED_CALL_ARGS`] `LOAD_FAST`/`LOAD_CONST` then a `CALL` of that many
/// (the arguments of `g.method(a, 1)`).
#[inline]
fn simple_method_call(instrs: &[crate::compiler::opcodes::Instr], at: usize) -> Option<usize> {
    for n in 0..=BORROWED_CALL_ARGS {
        let i = instrs.get(at + n)?;
        match i.op.base() {
            Op::Call => return (i.arg as usize == n).then_some(n),
            Op::LoadFast | Op::LoadConst => {}
            _ => return None,
        }
    }
    None
}

/// The `g.method(args)` fast path as the eval loop takes it, out of line so
/// the loop stays small: runs the safe point of the `CALL` it skips, then
/// builds the frame ([`borrowed_method_frame`]); returns it with the number
/// of instructions consumed after the `LOAD_GLOBAL`.
#[inline(never)]
pub(super) fn borrowed_method_call<P: Policy>(
    vm: &mut Vm,
    code: &CodeObject,
    ip: usize,
    locals: &[Option<Value>],
    cache: &crate::compiler::code::GlobalCache,
    tags: [u64; 3],
) -> PyResult<Option<(Box<Frame>, usize)>> {
    let Some(nargs) = simple_method_call(&code.code, ip + 1) else {
        return Ok(None);
    };
    if P::breaker_set(vm) {
        P::safe_point(vm)?;
    }
    Ok(borrowed_method_frame(vm, code, ip, nargs, locals, cache, tags).map(|f| (f, 2 + nargs)))
}

/// Free-threaded fast path of `g.method(args)` (`LOAD_GLOBAL g`,
/// `LOAD_METHOD`, `nargs` local or constant loads, `CALL nargs`) on an
/// instance `g` whose method is a plain Python function taking exactly
/// `self` and those arguments: the method's frame, with `self` borrowed from
/// the LOAD_GLOBAL cache instead of counted (`crate::object::borrowed` says
/// why that is sound), so threads calling methods of one shared object do
/// not all write its count. `None` leaves everything to the normal path
/// (which also raises for an unbound local).
#[inline(never)]
fn borrowed_method_frame(
    vm: &mut Vm,
    code: &CodeObject,
    ip: usize,
    nargs: usize,
    locals: &[Option<Value>],
    cache: &crate::compiler::code::GlobalCache,
    tags: [u64; 3],
) -> Option<Box<Frame>> {
    let name = &code.names[code.code.get(ip)?.arg as usize];
    let mut args: [Option<&Value>; BORROWED_CALL_ARGS] = [None; BORROWED_CALL_ARGS];
    for (k, slot) in args.iter_mut().take(nargs).enumerate() {
        let i = code.code.get(ip + 1 + k)?;
        *slot = Some(match i.op.base() {
            Op::LoadFast => locals.get(i.arg as usize)?.as_ref()?,
            _ => code.consts.get(i.arg as usize)?,
        });
    }
    let bits = cache.get_borrowed(tags)?;
    // SAFETY: see `CacheSlot::get_borrowed`; nothing below runs Python code
    // or reaches a safe point before the borrow is registered.
    let g = std::mem::ManuallyDrop::new(unsafe { Value::from_raw_bits(bits) });
    let func = super::attr::plain_method_of(&g, name)?;
    let fd = func.downcast::<types::FunctionData>()?;
    let co = fd.code();
    if !co.keeps_first_arg
        || co.argcount as usize != 1 + nargs
        || co.kwonlyargcount != 0
        || co.flags & (crate::compiler::code::CO_VARARGS | crate::compiler::code::CO_VARKEYWORDS)
            != 0
    {
        return None;
    }
    let mut new = vm.alloc_frame(&fd.code, &fd.globals);
    // SAFETY: a second handle to `g` that owns no count. The frame is marked
    // borrowed, so this handle is forgotten, never dropped, unless the
    // borrow is strengthened first (`Frame::settle_borrowed_self`); the code
    // never stores to or deletes its first local (`keeps_first_arg`).
    new.locals[0] = Some(unsafe { Value::from_raw_bits(bits) });
    for (k, a) in args.iter().take(nargs).enumerate() {
        new.locals[1 + k] = a.cloned();
    }
    new.borrowed_self = true;
    crate::object::borrowed::push(bits);
    if !co.cellvars.is_empty() || fd.closure.is_some() {
        super::call::bind_cells(fd, co, &mut new);
    }
    Some(new)
}
