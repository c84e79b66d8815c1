//! A code object's instructions as the eval loop fetches them: padded with
//! `OUT_OF_RANGE` instructions to a power-of-two length, every jump target
//! inside the code.
//!
//! The loop fetches instruction `ip` without a bounds check: the fetch and
//! the jump to the handler are one straight-line block, which LLVM copies to
//! the end of every handler (see `.cargo/config.toml`), so each opcode has
//! its own indirect jump and the branch predictor learns which opcode
//! follows which, as with CPython's computed gotos. That is sound because
//! `ip` never passes the first padding instruction, which raises
//! SystemError (only a compiler bug could reach it), and there is always
//! at least one:
//!
//! - falling through from instruction `k` gives `ip = k + 1 <= len`;
//! - a jump goes to its argument, which [`DispatchCode::new`] makes sure is
//!   at most `len` (a target past the end is sent to the first padding
//!   instruction);
//! - a superinstruction steps over its second half, which `new` makes sure
//!   exists and is the instruction it fuses (otherwise the pair loses its
//!   fusion), so the second half's argument is checked as its own;
//! - the fused reads of `vm::borrowed_reads` skip only instructions they
//!   have found in the code, and an exception handler's address is a
//!   `SETUP_FINALLY` jump target.
//!
//! The same pass makes every fast-local argument smaller than the code's
//! number of slots, the length of the `locals` of every frame that runs it
//! (`Vm::alloc_frame` makes them so, and nothing resizes them while the
//! frame lives), so `LOAD_FAST` and `STORE_FAST` index without a check;
//! and every `LOAD_CONST` argument smaller than the number of constants.
//!
//! Last, the pass runs the stack verifier (`compiler::stack_verify`) over
//! the sanitised instructions and records the code's stack bound: the
//! deepest the value stack can get, proved for every path, so the loop
//! pushes and pops without checks in a buffer of at least that many values.
//! Code that fails verification never runs: its instructions are replaced,
//! padding included, by `OUT_OF_RANGE`, so whatever `ip` a frame of it has,
//! the first fetch raises SystemError naming the code object and the reason
//! (kept in [`DispatchCode::rejection`]); its stack bound is 0, and no
//! instruction that touches the stack is ever fetched.
//!
//! (Until 2026-11-26 the fetch masked `ip` with `len - 1`, which made any
//! `ip` safe at the cost of two instructions per dispatch.)

use super::opcodes::{ArgKind, Instr, Op};
use super::stack_verify;

/// Instructions padded to a power-of-two length. The length and the stack
/// bound are fixed at construction: the type gives no way to change them.
#[derive(Clone)]
pub struct DispatchCode {
    padded: Box<[Instr]>,
    len: usize,
    /// The most values the stack holds at any point of any run, proved by
    /// `stack_verify` (0 for rejected code, which runs no instruction).
    stack_bound: u32,
    /// Set when the code failed verification: why, and the instructions
    /// (the padded ones are all `OUT_OF_RANGE`).
    rejected: Option<Box<Rejected>>,
}

/// Code that failed stack verification.
#[derive(Clone)]
struct Rejected {
    reason: String,
    instrs: Box<[Instr]>,
}

/// What the padding holds.
const OUT_OF_RANGE: Instr = Instr {
    op: Op::OutOfRange,
    arg: 0,
};

impl DispatchCode {
    /// Pads `code` with at least one `OUT_OF_RANGE` instruction up to the
    /// next power of two, after sending jumps past the end to the first
    /// padding instruction, unfusing a superinstruction whose second half
    /// is missing or not the instruction it fuses, and turning an access to
    /// a fast local at or past `nslots` (the frame's number of locals,
    /// cells and free variables) or a constant at or past `nconsts` into
    /// `OUT_OF_RANGE`. None of this happens with code from the compiler;
    /// the loop's fetch and its unchecked local and constant accesses rely
    /// on it (see the module documentation).
    ///
    /// Then verifies the stack use (`compiler::stack_verify`) against
    /// `stacksize`, the stack size the code declares, or, for `None` (the
    /// compiler's own code), against the largest allowed and records what
    /// the code needs. Code that fails is kept for display only and raises
    /// SystemError when run.
    pub fn new(
        mut code: Vec<Instr>,
        nslots: usize,
        nconsts: usize,
        stacksize: Option<u32>,
    ) -> DispatchCode {
        let len = code.len();
        for ins in code.iter_mut() {
            let arg = ins.arg as usize;
            match ins.op.arg_kind() {
                ArgKind::Jump if arg > len => ins.arg = len as u32,
                ArgKind::Local if arg >= nslots => *ins = OUT_OF_RANGE,
                ArgKind::Const if arg >= nconsts => *ins = OUT_OF_RANGE,
                _ => {}
            }
        }
        // After the pass above, so a second half is checked as it will run.
        for k in 0..len {
            let next = code.get(k + 1).map(|i| i.op);
            let ins = &mut code[k];
            let second = match ins.op {
                Op::LoadFastLoadFast | Op::StoreFastLoadFast => Some(Op::LoadFast),
                Op::LoadFastLoadConst => Some(Op::LoadConst),
                Op::ForIterStoreFast => Some(Op::StoreFast),
                _ => None,
            };
            if second.is_some() && next != second {
                ins.op = ins.op.base();
            }
        }
        let padded_len = (len + 1).next_power_of_two();
        let limit = stacksize.unwrap_or(stack_verify::MAX_STACK_DEPTH);
        match stack_verify::verify(&code, limit) {
            Ok(max) => {
                code.resize(padded_len, OUT_OF_RANGE);
                DispatchCode {
                    padded: code.into_boxed_slice(),
                    len,
                    // What the code needs, proved no more than the
                    // declared size.
                    stack_bound: max,
                    rejected: None,
                }
            }
            Err(e) => DispatchCode {
                padded: vec![OUT_OF_RANGE; padded_len].into_boxed_slice(),
                len,
                stack_bound: 0,
                rejected: Some(Box::new(Rejected {
                    reason: e.to_string(),
                    instrs: code.into_boxed_slice(),
                })),
            },
        }
    }

    /// The instructions, without the padding (for rejected code, the
    /// instructions it was made from, which never run).
    #[inline]
    pub fn instrs(&self) -> &[Instr] {
        match &self.rejected {
            None => &self.padded[..self.len],
            Some(r) => &r.instrs,
        }
    }

    /// The most values the value stack of a frame running this code can
    /// hold: every path of the code was proved to stay within it (0 for
    /// rejected code). A frame's stack buffer must have room for this many
    /// before the eval loop runs it (`vm::value_stack::LiveStack::take`).
    #[inline(always)]
    pub fn stack_bound(&self) -> usize {
        self.stack_bound as usize
    }

    /// Why the code failed stack verification, if it did; it then raises
    /// SystemError as soon as it runs.
    pub fn rejection(&self) -> Option<&str> {
        self.rejected.as_ref().map(|r| r.reason.as_str())
    }

    /// The instructions and the padding: the slice's length is a nonzero
    /// power of two, so `ip & (len - 1)` indexes it for every `ip`.
    #[inline]
    pub fn padded(&self) -> &[Instr] {
        &self.padded
    }
}

impl std::ops::Deref for DispatchCode {
    type Target = [Instr];
    fn deref(&self) -> &[Instr] {
        self.instrs()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_makes_a_power_of_two_with_at_least_one_sentinel() {
        for n in [0usize, 1, 2, 3, 7, 8, 9, 1000] {
            let code = vec![
                Instr {
                    op: Op::Nop,
                    arg: 0
                };
                n
            ];
            let d = DispatchCode::new(code, 0, 0, None);
            assert_eq!(d.instrs().len(), n);
            let p = d.padded();
            assert!(p.len().is_power_of_two() && p.len() > n);
            assert!(p[n..].iter().all(|i| i.op == Op::OutOfRange));
        }
    }

    #[test]
    fn jumps_stay_inside_and_cut_pairs_unfuse() {
        let i = |op, arg| Instr { op, arg };
        let code = vec![
            i(Op::Jump, 1000),
            i(Op::PopJumpIfTrue, 2),
            i(Op::LoadFastLoadFast, 0),
            i(Op::LoadFast, 1),
            i(Op::StoreFastLoadFast, 1),
            i(Op::LoadConst, 0),
            i(Op::LoadFast, 2),
            i(Op::LoadFastLoadConst, 0),
            i(Op::LoadConst, 3),
            i(Op::LoadFastLoadFast, 1),
        ];
        let d = DispatchCode::new(code, 2, 3, None);
        let c = d.instrs();
        let past = "a jump past the end goes to the padding";
        assert_eq!((c[0].op, c[0].arg), (Op::Jump, 10), "{past}");
        assert_eq!(c[1].arg, 2, "a target inside is kept");
        assert_eq!(c[2].op, Op::LoadFastLoadFast, "a whole pair stays fused");
        assert_eq!(c[4].op, Op::StoreFast, "a wrong second half: unfused");
        assert_eq!(c[6].op, Op::OutOfRange, "a local past the slots raises");
        assert_eq!(c[7].op, Op::LoadFast, "a second half that raises: unfused");
        assert_eq!(c[8].op, Op::OutOfRange, "a constant past the end raises");
        assert_eq!(c[9].op, Op::LoadFast, "a pair cut off at the end: unfused");
        assert_eq!(d.padded()[10].op, Op::OutOfRange);
    }
}
