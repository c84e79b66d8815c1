//! The stack verifier: proves, before a code object runs, that its value
//! stack never underflows and never grows past the code's stack size.
//!
//! The eval loop pushes and pops without checking (`vm::value_stack::LiveStack`),
//! as CPython does with `co_stacksize`: a frame's stack buffer has room for
//! the code's verified maximum depth, so a push needs no capacity check and
//! a pop no emptiness check. That is only sound for code this pass accepts,
//! and code reaches the loop by more ways than the compiler (a copy made for
//! another interpreter, and whatever builds code objects from parts), so
//! [`super::dispatch_code::DispatchCode::new`] runs it on every code object,
//! after sanitising the instructions, and code that fails never runs: its
//! every instruction raises SystemError naming the code object.
//!
//! The pass is an abstract interpretation over the control-flow graph in
//! which the only state is the stack depth. Every opcode declares how many
//! values it takes from the top of the stack (pops, or reads in place below
//! the values it pops) and how many it leaves there
//! ([`super::opcodes::Op::stack_io`]), for the fall-through and, for
//! jumping opcodes, for the jump. Starting from depth 0 at instruction 0 (a
//! frame starts with an empty stack), the pass visits every reachable
//! instruction once and proves:
//!
//! - the depth before an instruction is at least what it takes;
//! - the depth after it (on each way out) is at most the declared stack size;
//! - every instruction is reached with one depth, whichever way it is
//!   reached (fall-through, jump, exception handler entry), so the depth
//!   before an instruction is a function of its index;
//! - arguments the loop indexes the stack with are nonzero (`COPY 0`,
//!   `LIST_APPEND 0` would read above the top), and operator numbers are
//!   ones the loop knows.
//!
//! What this proves about the running loop, edge by edge (the eval loop's
//! `SAFETY` comments refer here):
//!
//! - straight-line execution: each handler pops its inputs before it pushes
//!   (an instruction that reads a value in place counts it as popped and
//!   pushed again), so within one instruction the depth stays between
//!   `depth - pops` and `depth - pops + pushes`;
//! - jumps, including those the loop takes on behalf of the next
//!   instruction (a comparison fused with its conditional jump, a
//!   superinstruction's second half, the free-threaded borrowed reads that
//!   skip a `LOAD_ATTR`, a pure subscript or a method call), end where
//!   running the skipped instructions one by one would have, since those
//!   instructions fall through from each other and the pass saw that path;
//! - an exception handler is entered at the depth of its `SETUP_FINALLY`
//!   plus the exception: the jump edge of `SETUP_FINALLY` pushes one. The
//!   block records the depth at run time, and `Frame::unwind` cuts the
//!   stack down to it, whatever the raising instruction had popped or
//!   pushed by then, and refuses to enter the handler when the stack is
//!   below that depth (only possible in code that pops below a live block,
//!   which the compiler never emits: this pass does not model the block
//!   stack);
//! - a call, a `with` statement's `__enter__`/`__exit__` or a generator run
//!   inline by `FOR_ITER` suspends the caller inside its instruction, inputs
//!   popped (`BEFORE_WITH` has pushed the `__exit__` pair, two of its three
//!   values), and the callee's result is the instruction's last push; an
//!   inline generator that finishes pops its iterator and takes
//!   `FOR_ITER`'s jump;
//! - a generator resumes after its `YIELD_VALUE` with the sent value pushed
//!   (one pop, one push), or at instruction 0 with nothing.
//!
//! Unreachable instructions are not checked: nothing can run them.

use super::opcodes::{ArgKind, Instr, Op};

/// The deepest stack a code object may have. Far above anything a source
/// file compiles to (a display of this many items), it keeps hostile code
/// from making every frame of it allocate more than 128 MiB.
pub const MAX_STACK_DEPTH: u32 = 1 << 24;

/// Why code failed verification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StackError {
    /// Instruction `at` takes more values than the stack holds there.
    Underflow {
        /// The instruction.
        at: usize,
        /// The depth before it.
        depth: u32,
        /// What it takes.
        takes: u64,
    },
    /// Instruction `at` leaves more values than the stack size allows.
    Overflow {
        /// The instruction.
        at: usize,
        /// The depth after it.
        depth: u64,
        /// The stack size.
        limit: u32,
    },
    /// Instruction `at` is reached with two depths.
    Mismatch {
        /// The instruction reached twice.
        at: usize,
        /// The instruction the second path came from.
        from: usize,
        /// The depth it was first reached with.
        first: u32,
        /// The depth of the second path.
        second: u32,
    },
    /// Instruction `at` has an argument the loop cannot run.
    BadArgument {
        /// The instruction.
        at: usize,
    },
}

impl std::fmt::Display for StackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            StackError::Underflow { at, depth, takes } => write!(
                f,
                "stack underflow at instruction {at} (depth {depth}, takes {takes})"
            ),
            StackError::Overflow { at, depth, limit } => write!(
                f,
                "stack depth {depth} after instruction {at} exceeds the stack size {limit}"
            ),
            StackError::Mismatch {
                at,
                from,
                first,
                second,
            } => write!(
                f,
                "instruction {at} reached with stack depths {first} and {second} (from {from})"
            ),
            StackError::BadArgument { at } => write!(f, "bad argument at instruction {at}"),
        }
    }
}

/// Marks an instruction not reached yet.
const UNSEEN: u32 = u32::MAX;

/// Verifies `code` (sanitised: every jump target at most `code.len()`)
/// against a stack size of `limit` values, and returns the deepest the
/// stack gets. A `limit` above [`MAX_STACK_DEPTH`] counts as that.
pub fn verify(code: &[Instr], limit: u32) -> Result<u32, StackError> {
    let limit = limit.min(MAX_STACK_DEPTH);
    let mut depth_at = vec![UNSEEN; code.len()];
    let mut work: Vec<usize> = Vec::new();
    let mut max = 0u32;
    reach(&mut depth_at, &mut work, 0, 0, 0)?;
    while let Some(at) = work.pop() {
        let ins = code[at];
        if !arg_is_valid(ins) {
            return Err(StackError::BadArgument { at });
        }
        let d = depth_at[at];
        let jumps = ins.op.arg_kind() == ArgKind::Jump;
        let falls_through = !matches!(
            ins.op,
            Op::Jump | Op::ReturnValue | Op::Raise | Op::Reraise | Op::OutOfRange
        );
        // The fall-through first (checked also for an instruction that
        // never falls through: `RETURN_VALUE` still pops), then the jump.
        for (taken, go) in [(false, true), (true, jumps)] {
            if !go {
                continue;
            }
            let (takes, leaves) = ins.op.stack_io(ins.arg, taken);
            if u64::from(d) < takes {
                return Err(StackError::Underflow {
                    at,
                    depth: d,
                    takes,
                });
            }
            let after = u64::from(d) - takes + leaves;
            if after > u64::from(limit) {
                return Err(StackError::Overflow {
                    at,
                    depth: after,
                    limit,
                });
            }
            // `after <= limit <= MAX_STACK_DEPTH`, so it fits.
            let after = after as u32;
            max = max.max(after);
            if taken {
                reach(&mut depth_at, &mut work, ins.arg as usize, at, after)?;
            } else if falls_through {
                reach(&mut depth_at, &mut work, at + 1, at, after)?;
            }
        }
    }
    Ok(max)
}

/// Records that instruction `to` is reached from `from` with depth `d`,
/// queueing it the first time. An index at or past the end is the padding,
/// which raises and needs nothing.
fn reach(
    depth_at: &mut [u32],
    work: &mut Vec<usize>,
    to: usize,
    from: usize,
    d: u32,
) -> Result<(), StackError> {
    let Some(seen) = depth_at.get_mut(to) else {
        return Ok(());
    };
    if *seen == UNSEEN {
        *seen = d;
        work.push(to);
    } else if *seen != d {
        return Err(StackError::Mismatch {
            at: to,
            from,
            first: *seen,
            second: d,
        });
    }
    Ok(())
}

/// Whether the eval loop can run `ins`'s argument: the stack-indexing
/// instructions read `arg` values down (0 would read above the top), and
/// operator numbers index the loop's operator tables.
fn arg_is_valid(ins: Instr) -> bool {
    let a = ins.arg;
    match ins.op {
        Op::Copy
        | Op::Swap
        | Op::ListAppend
        | Op::SetAdd
        | Op::MapAdd
        | Op::ListExtend
        | Op::SetUpdate
        | Op::DictUpdate
        | Op::DictMerge => a >= 1,
        Op::BinaryOp => {
            let n = super::opcodes::BinOp::ALL.len() as u32;
            let off = super::opcodes::INPLACE_OFFSET;
            a < n || (off..off + n).contains(&a)
        }
        Op::CompareOp => (a as usize) < super::opcodes::CmpOp::ALL.len(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compiler::code::{CodeObject, CO_NAMESPACE};
    use crate::compiler::dispatch_code::DispatchCode;
    use crate::object::Value;
    use crate::types::{self, PyErr};
    use crate::vm::Vm;

    fn code(ops: &[(Op, u32)]) -> Vec<Instr> {
        ops.iter().map(|&(op, arg)| Instr { op, arg }).collect()
    }

    #[test]
    fn straight_line_code_verifies_with_its_maximum_depth() {
        // return (1, 2)[0] + 1
        let c = code(&[
            (Op::LoadConst, 0),
            (Op::LoadConst, 1),
            (Op::BuildTuple, 2),
            (Op::LoadConst, 0),
            (Op::BinarySubscr, 0),
            (Op::LoadConst, 0),
            (Op::BinaryOp, 0),
            (Op::ReturnValue, 0),
        ]);
        assert_eq!(verify(&c, MAX_STACK_DEPTH), Ok(2));
        assert_eq!(verify(&c, 2), Ok(2));
        assert_eq!(verify(&[], 0), Ok(0));
    }

    #[test]
    fn underflow_is_rejected() {
        let c = code(&[(Op::LoadConst, 0), (Op::BinaryOp, 0), (Op::ReturnValue, 0)]);
        assert_eq!(
            verify(&c, 10),
            Err(StackError::Underflow {
                at: 1,
                depth: 1,
                takes: 2
            })
        );
        // An in-place read below the popped values counts: LIST_APPEND 2
        // reads the list two below the value it appends.
        let c = code(&[(Op::BuildList, 0), (Op::LoadConst, 0), (Op::ListAppend, 2)]);
        assert!(matches!(
            verify(&c, 10),
            Err(StackError::Underflow { at: 2, .. })
        ));
        // The jump edge of JUMP_IF_FALSE_OR_POP keeps its operand, the
        // fall-through pops it: the RETURN_VALUE after it has nothing.
        let c = code(&[
            (Op::LoadConst, 0),
            (Op::JumpIfFalseOrPop, 3),
            (Op::ReturnValue, 0),
            (Op::ReturnValue, 0),
        ]);
        assert!(
            matches!(verify(&c, 10), Err(StackError::Underflow { at: 2, .. })),
            "{:?}",
            verify(&c, 10)
        );
    }

    #[test]
    fn overflow_of_the_declared_stack_size_is_rejected() {
        let c = code(&[
            (Op::LoadConst, 0),
            (Op::LoadConst, 0),
            (Op::LoadConst, 0),
            (Op::BuildTuple, 3),
            (Op::ReturnValue, 0),
        ]);
        assert_eq!(verify(&c, 3), Ok(3));
        assert_eq!(
            verify(&c, 2),
            Err(StackError::Overflow {
                at: 2,
                depth: 3,
                limit: 2
            })
        );
        // Counts past any buffer: no arithmetic overflow, no allocation.
        let c = code(&[(Op::LoadConst, 0), (Op::UnpackSequence, u32::MAX)]);
        assert!(matches!(
            verify(&c, u32::MAX),
            Err(StackError::Overflow {
                at: 1,
                limit: MAX_STACK_DEPTH,
                ..
            })
        ));
        let c = code(&[(Op::UnpackEx, u32::MAX)]);
        assert!(matches!(
            verify(&c, u32::MAX),
            Err(StackError::Underflow { at: 0, .. })
        ));
        let c = code(&[(Op::LoadConst, 0), (Op::Call, u32::MAX)]);
        assert!(matches!(
            verify(&c, u32::MAX),
            Err(StackError::Underflow { at: 1, .. })
        ));
    }

    #[test]
    fn inconsistent_depths_at_a_merge_are_rejected() {
        // if c: push one more value; both paths meet at 4.
        let c = code(&[
            (Op::LoadConst, 0),
            (Op::LoadConst, 0),
            (Op::PopJumpIfTrue, 4),
            (Op::LoadConst, 0),
            (Op::ReturnValue, 0),
        ]);
        assert!(matches!(
            verify(&c, 10),
            Err(StackError::Mismatch { at: 4, .. })
        ));
        // A loop that leaves one value per turn.
        let c = code(&[(Op::LoadConst, 0), (Op::Jump, 0)]);
        assert!(matches!(
            verify(&c, 10),
            Err(StackError::Mismatch {
                at: 0,
                from: 1,
                first: 0,
                second: 1
            })
        ));
    }

    #[test]
    fn handlers_with_blocks_and_yields_verify() {
        // with m as a:
        //     try: yield (a, 2)
        //     finally: (re-raise only)
        // return None
        let mut c = code(&[
            (Op::LoadConst, 0),       // 0  m                      -> 1
            (Op::BeforeWith, 0),      // 1  exit, self, entered    -> 3
            (Op::StoreFast, 0),       // 2  exit, self             -> 2
            (Op::SetupFinally, 17),   // 3  with handler at 17 with 3
            (Op::SetupFinally, 13),   // 4  finally handler at 13 with 3
            (Op::LoadFast, 0),        // 5                         -> 3
            (Op::LoadConst, 1),       // 6                         -> 4
            (Op::BuildTuple, 2),      // 7                         -> 3
            (Op::YieldValue, 0),      // 8  the sent value         -> 3
            (Op::PopTop, 0),          // 9                         -> 2
            (Op::PopBlock, 0),        // 10
            (Op::Jump, 15),           // 11
            (Op::Nop, 0),             // 12 unreachable
            (Op::Reraise, 0),         // 13 the exception          -> end
            (Op::Nop, 0),             // 14 unreachable
            (Op::PopBlock, 0),        // 15
            (Op::Jump, 25),           // 16
            (Op::WithExceptStart, 0), // 17 exit, self, exc, result -> 4
            (Op::PopJumpIfTrue, 20),  // 18                        -> 3
            (Op::Reraise, 0),         // 19                        -> end
            (Op::PopTop, 0),          // 20 exit, self             -> 2
            (Op::PopExcept, 0),       // 21
            (Op::PopTop, 0),          // 22                        -> 1
            (Op::PopTop, 0),          // 23                        -> 0
            (Op::Jump, 27),           // 24
            (Op::ExitWith, 0),        // 25 exit's result          -> 1
            (Op::PopTop, 0),          // 26                        -> 0
            (Op::LoadConst, 2),       // 27                        -> 1
            (Op::ReturnValue, 0),     // 28
        ]);
        assert_eq!(verify(&c, 10), Ok(4));
        assert_eq!(verify(&c, 4), Ok(4));
        // One short of the peak (the handler's or the body's) fails.
        assert!(matches!(verify(&c, 3), Err(StackError::Overflow { .. })));
        // The suppressing path joining the normal one before its POP_TOP
        // (one value fewer there).
        c[24].arg = 26;
        assert!(verify(&c, 10).is_err());
        // A handler that expects one value more than SETUP_FINALLY gives.
        c[24].arg = 27;
        c[13] = Instr {
            op: Op::PopTop,
            arg: 0,
        };
        c[14] = Instr {
            op: Op::Jump,
            arg: 20,
        };
        assert!(verify(&c, 10).is_err());
    }

    #[test]
    fn arguments_the_loop_cannot_run_are_rejected() {
        for (op, arg) in [
            (Op::Copy, 0),
            (Op::Swap, 0),
            (Op::ListAppend, 0),
            (Op::MapAdd, 0),
            (Op::DictMerge, 0),
            (Op::BinaryOp, 13),
            (Op::BinaryOp, 29),
            (Op::CompareOp, 6),
        ] {
            let c = code(&[
                (Op::LoadConst, 0),
                (Op::LoadConst, 0),
                (Op::LoadConst, 0),
                (op, arg),
            ]);
            assert_eq!(verify(&c, 10), Err(StackError::BadArgument { at: 3 }));
        }
        let c = code(&[(Op::LoadConst, 0), (Op::Copy, 1), (Op::BinaryOp, 16 + 12)]);
        assert_eq!(verify(&c, 10), Ok(2));
    }

    #[test]
    fn unreachable_code_and_jumps_to_the_padding_are_not_checked() {
        let c = code(&[
            (Op::LoadConst, 0),
            (Op::PopJumpIfTrue, 4),
            (Op::Jump, 4),
            (Op::BinaryOp, 0),
        ]);
        assert_eq!(verify(&c, 10), Ok(1));
    }

    #[test]
    fn rejected_dispatch_code_keeps_its_instructions_and_runs_none() {
        let c = code(&[(Op::PopTop, 0), (Op::LoadConst, 0), (Op::ReturnValue, 0)]);
        let d = DispatchCode::new(c, 0, 1, Some(4));
        assert!(d
            .rejection()
            .unwrap()
            .contains("underflow at instruction 0"));
        assert_eq!(d.instrs()[1].op, Op::LoadConst);
        assert_eq!(d.stack_bound(), 0);
        assert!(d.padded().iter().all(|i| i.op == Op::OutOfRange));
        let c = code(&[(Op::LoadConst, 0), (Op::LoadConst, 0), (Op::ReturnValue, 0)]);
        let d = DispatchCode::new(c.clone(), 0, 1, Some(1));
        assert!(d.rejection().is_some());
        let d = DispatchCode::new(c, 0, 1, Some(5));
        assert_eq!((d.rejection(), d.stack_bound()), (None, 2));
    }

    /// A code object of a module body running `instrs`, with two fast
    /// locals and constants 1, 2, None and (1, 2).
    fn hand_built(instrs: Vec<Instr>, stacksize: Option<u32>) -> Value {
        let intern = types::intern;
        let consts = vec![
            Value::small(1),
            Value::small(2),
            types::none(),
            types::new_tuple(vec![Value::small(1), Value::small(2)]),
        ];
        let n = instrs.len();
        let code = DispatchCode::new(instrs, 2, consts.len(), stacksize);
        let co = CodeObject {
            stacksize: stacksize.unwrap_or(code.stack_bound() as u32),
            code,
            lines: vec![1; n],
            consts,
            names: Vec::new(),
            varnames: vec![intern("a"), intern("b")],
            cellvars: Vec::new(),
            freevars: Vec::new(),
            cell2arg: Vec::new(),
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            flags: CO_NAMESPACE,
            name: intern("<hand>"),
            qualname: intern("<hand>"),
            filename: intern("<hand>"),
            first_line: 1,
            doc: types::none(),
            simple_args: true,
            positional_params: true,
            keeps_first_arg: false,
            global_cache: Box::new([]),
            attr_cache: Box::new([]),
        };
        crate::object::alloc_immortal(types::builtin_types().code.as_ptr(), co)
    }

    fn run(vm: &mut Vm, instrs: Vec<Instr>, stacksize: Option<u32>) -> Result<Value, PyErr> {
        let co = hand_built(instrs, stacksize);
        vm.run_code(co, types::new_dict())
    }

    fn message(vm: &mut Vm, e: &PyErr) -> String {
        crate::vm::protocol::str_string(vm, &e.0).unwrap_or_default()
    }

    #[test]
    fn bad_bytecode_raises_system_error_and_never_crashes() {
        let mut vm = Vm::new_gil();
        // Underflow: rejected, SystemError naming the code object.
        let e = run(
            &mut vm,
            code(&[(Op::PopTop, 0), (Op::ReturnValue, 0)]),
            None,
        )
        .map(drop)
        .expect_err("rejected");
        let m = message(&mut vm, &e);
        assert!(
            m.contains("'<hand>' failed stack verification: stack underflow"),
            "{m}"
        );
        // More than the declared stack size.
        let push3 = code(&[
            (Op::LoadConst, 0),
            (Op::LoadConst, 1),
            (Op::LoadConst, 0),
            (Op::BuildTuple, 3),
            (Op::ReturnValue, 0),
        ]);
        let e = run(&mut vm, push3.clone(), Some(2))
            .map(drop)
            .expect_err("rejected");
        assert!(message(&mut vm, &e).contains("exceeds the stack size 2"));
        let r = run(&mut vm, push3, Some(3)).expect("runs");
        assert_eq!(
            crate::vm::protocol::repr_string(&mut vm, &r)
                .ok()
                .as_deref(),
            Some("(1, 2, 1)")
        );
        // Inconsistent depths where two paths meet.
        let e = run(
            &mut vm,
            code(&[
                (Op::LoadConst, 0),
                (Op::LoadConst, 0),
                (Op::PopJumpIfTrue, 4),
                (Op::LoadConst, 0),
                (Op::ReturnValue, 0),
            ]),
            None,
        )
        .map(drop)
        .expect_err("rejected");
        assert!(message(&mut vm, &e).contains("reached with stack depths"));
        // Verified, but pops below a live handler's depth before raising:
        // the handler is not entered on too few values.
        let e = run(
            &mut vm,
            code(&[
                (Op::LoadConst, 0),
                (Op::LoadConst, 0),
                (Op::SetupFinally, 6),
                (Op::PopTop, 0),
                (Op::PopTop, 0),
                (Op::Raise, 0),
                (Op::PopTop, 0),
                (Op::PopTop, 0),
                (Op::ReturnValue, 0),
            ]),
            None,
        )
        .map(drop)
        .expect_err("raises");
        assert!(
            message(&mut vm, &e).contains("popped below the stack of an exception handler"),
            "{}",
            message(&mut vm, &e)
        );
    }

    /// Any opcode with any argument, jumps anywhere: verification and the
    /// sanitising before it never panic, and accepted code stays within
    /// its bound.
    #[test]
    fn verifying_arbitrary_instructions_never_panics() {
        let mut rng = Lcg(7);
        for _ in 0..20000 {
            let n = rng.below(40) as usize;
            let instrs: Vec<Instr> = (0..n)
                .map(|_| Instr {
                    op: Op::ALL[rng.below(Op::ALL.len() as u32) as usize],
                    arg: match rng.below(4) {
                        0 => u32::MAX - rng.below(3),
                        1 => rng.below(1 << 16),
                        _ => rng.below(n as u32 + 2),
                    },
                })
                .collect();
            let declared = [None, Some(0), Some(3), Some(u32::MAX)][rng.below(4) as usize];
            let d = DispatchCode::new(instrs, 3, 3, declared);
            assert!(d.stack_bound() <= MAX_STACK_DEPTH as usize);
            if let Some(s) = declared {
                assert!(d.stack_bound() <= s as usize);
            }
        }
    }

    /// A small deterministic generator (no dependency needed).
    struct Lcg(u64);
    impl Lcg {
        fn below(&mut self, n: u32) -> u32 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) % u64::from(n)) as u32
        }
    }

    /// Random straight-line and forward-jumping programs (so every run
    /// ends) over the opcodes that need no names: each is verified, and
    /// run whether it passed or not. A run may return or raise, never
    /// crash; builds with debug assertions check every push and pop of the
    /// ones that passed.
    #[test]
    fn random_bytecode_runs_safely() {
        const OPS: &[Op] = &[
            Op::Nop,
            Op::PopTop,
            Op::Copy,
            Op::Swap,
            Op::LoadConst,
            Op::LoadFast,
            Op::StoreFast,
            Op::DeleteFast,
            Op::BinaryOp,
            Op::CompareOp,
            Op::IsOp,
            Op::UnaryNot,
            Op::BuildTuple,
            Op::BuildList,
            Op::ListAppend,
            Op::ListToTuple,
            Op::UnpackSequence,
            Op::Jump,
            Op::PopJumpIfFalse,
            Op::PopJumpIfTrue,
            Op::JumpIfFalseOrPop,
            Op::JumpIfTrueOrPop,
            Op::GetIter,
            Op::ForIter,
            Op::SetupFinally,
            Op::PopBlock,
            Op::PopExcept,
            Op::Raise,
            Op::ReturnValue,
            Op::YieldValue,
            Op::CheckExcMatch,
            Op::LoadFastLoadFast,
            Op::LoadFastLoadConst,
            Op::StoreFastLoadFast,
            Op::ForIterStoreFast,
        ];
        let mut vm = Vm::new_gil();
        let mut rng = Lcg(0x5eed);
        let mut passed = 0;
        for _ in 0..20000 {
            let n = 1 + rng.below(24) as usize;
            let mut instrs = Vec::with_capacity(n);
            let mut depth = 0u64;
            for at in 0..n {
                let mut op = OPS[rng.below(OPS.len() as u32) as usize];
                let arg = match op.arg_kind() {
                    ArgKind::Jump => (at + 1 + rng.below(5) as usize) as u32,
                    ArgKind::Const => rng.below(5),
                    ArgKind::Local => rng.below(3),
                    ArgKind::BinOp => rng.below(32),
                    ArgKind::Compare => rng.below(7),
                    _ => rng.below(4),
                };
                // Mostly keep the running depth sane, so that many
                // programs pass and run unchecked.
                let (takes, leaves) = op.stack_io(arg, false);
                if takes > depth && rng.below(4) != 0 {
                    op = Op::LoadConst;
                }
                let (takes, leaves) = if op == Op::LoadConst {
                    (0, 1)
                } else {
                    (takes, leaves)
                };
                depth = (depth.saturating_sub(takes) + leaves).min(8);
                instrs.push(Instr { op, arg });
            }
            let stacksize = match rng.below(3) {
                0 => None,
                _ => Some(rng.below(7)),
            };
            // To find the program behind a failure.
            if std::env::var_os("STACK_VERIFY_TRACE").is_some() {
                eprintln!(
                    "{stacksize:?} {:?}",
                    instrs.iter().map(|i| (i.op, i.arg)).collect::<Vec<_>>()
                );
            }
            let co = hand_built(instrs, stacksize);
            let ok = co
                .downcast::<CodeObject>()
                .is_some_and(|c| c.code.rejection().is_none());
            passed += ok as usize;
            let _ = vm.run_code(co, types::new_dict());
            vm.exc_info = None;
        }
        assert!(passed > 500, "only {passed} programs passed verification");
    }
}
