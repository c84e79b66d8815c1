//! The instruction set, defined once.
//!
//! The `opcodes!` table below generates the `Op` enum, the opcode names, how
//! many values each opcode takes from the stack and leaves on it (its
//! effect is the difference), which opcodes jump, and how the disassembler shows the
//! argument. The eval loop's `match` over `Op` is exhaustive, so adding a row
//! here without implementing it fails to compile.

/// How an instruction's argument is shown by the disassembler.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ArgKind {
    /// No argument.
    None,
    /// An index into `consts`.
    Const,
    /// An index into `names`.
    Name,
    /// An index into the fast locals (`varnames`).
    Local,
    /// An index into cell + free variables.
    Deref,
    /// An absolute jump target.
    Jump,
    /// A count or flag word.
    Count,
    /// A binary operator number.
    BinOp,
    /// A comparison number.
    Compare,
}

macro_rules! opcodes {
    ($($op:ident = $name:literal, $arg:ident, |$a:ident, $j:ident| $io:expr;)*) => {
        /// A bytecode operation.
        #[repr(u8)]
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        pub enum Op { $(
            #[doc = $name]
            $op,
        )* }

        impl Op {
            /// Every opcode in table order.
            pub const ALL: &'static [Op] = &[$(Op::$op,)*];

            /// The opcode's name as the disassembler prints it.
            pub fn name(self) -> &'static str {
                match self { $(Op::$op => $name,)* }
            }

            /// The instruction a marked one stands for (a superinstruction's
            /// first half, a `LOAD_GLOBAL_SUBSCR`'s `LOAD_GLOBAL`): what code
            /// that reads the instruction stream matches on.
            pub fn base(self) -> Op {
                match self {
                    Op::LoadFastLoadFast | Op::LoadFastLoadConst => Op::LoadFast,
                    Op::StoreFastLoadFast => Op::StoreFast,
                    Op::ForIterStoreFast => Op::ForIter,
                    Op::LoadGlobalSubscr => Op::LoadGlobal,
                    op => op,
                }
            }

            /// What the argument means.
            pub fn arg_kind(self) -> ArgKind {
                match self { $(Op::$op => ArgKind::$arg,)* }
            }

            /// How many values the instruction takes from the top of the
            /// stack and how many it leaves there, for argument `arg`;
            /// `jump` selects the counts when a jump is taken (for
            /// `SETUP_FINALLY`: when its handler is entered, the exception
            /// pushed). A value read in place below the popped ones
            /// (`LIST_APPEND`'s list, `FOR_ITER`'s iterator) counts as taken
            /// and left again, so the stack verifier
            /// (`compiler::stack_verify`) checks that it is there.
            #[allow(unused_variables, clippy::identity_op)]
            pub fn stack_io(self, arg: u32, jump: bool) -> (u64, u64) {
                match self { $(Op::$op => { let $a = u64::from(arg); let $j = jump; $io },)* }
            }

            /// Net stack effect for argument `arg` (what [`Op::stack_io`]
            /// leaves minus what it takes, saturated to `i32`); `jump`
            /// selects the effect when a jump is taken.
            pub fn stack_effect(self, arg: u32, jump: bool) -> i32 {
                let (takes, leaves) = self.stack_io(arg, jump);
                (leaves as i64 - takes as i64).clamp(i32::MIN as i64, i32::MAX as i64) as i32
            }
        }
    };
}

opcodes! {
    Nop = "NOP", None, |a, j| (0, 0);
    // Never emitted: what the eval loop fetches when the instruction pointer
    // is past the end of the code (the padding of `dispatch_code`); it
    // raises SystemError.
    OutOfRange = "<out of range>", None, |a, j| (0, 0);
    PopTop = "POP_TOP", None, |a, j| (1, 0);
    Copy = "COPY", Count, |a, j| (a, a + 1);
    Swap = "SWAP", Count, |a, j| (a, a);
    PushNull = "PUSH_NULL", None, |a, j| (0, 1);
    LoadConst = "LOAD_CONST", Const, |a, j| (0, 1);
    LoadFast = "LOAD_FAST", Local, |a, j| (0, 1);
    StoreFast = "STORE_FAST", Local, |a, j| (1, 0);
    DeleteFast = "DELETE_FAST", Local, |a, j| (0, 0);
    LoadDeref = "LOAD_DEREF", Deref, |a, j| (0, 1);
    StoreDeref = "STORE_DEREF", Deref, |a, j| (1, 0);
    DeleteDeref = "DELETE_DEREF", Deref, |a, j| (0, 0);
    LoadClosure = "LOAD_CLOSURE", Deref, |a, j| (0, 1);
    LoadClassDeref = "LOAD_CLASSDEREF", Deref, |a, j| (0, 1);
    LoadGlobal = "LOAD_GLOBAL", Name, |a, j| (0, 1);
    // LOAD_GLOBAL whose value a subscript with a short pure key consumes
    // (`G[i % n]`); set by `mark_global_subscripts`, shown as LOAD_GLOBAL.
    LoadGlobalSubscr = "LOAD_GLOBAL", Name, |a, j| (0, 1);
    StoreGlobal = "STORE_GLOBAL", Name, |a, j| (1, 0);
    DeleteGlobal = "DELETE_GLOBAL", Name, |a, j| (0, 0);
    LoadName = "LOAD_NAME", Name, |a, j| (0, 1);
    StoreName = "STORE_NAME", Name, |a, j| (1, 0);
    DeleteName = "DELETE_NAME", Name, |a, j| (0, 0);
    LoadAttr = "LOAD_ATTR", Name, |a, j| (1, 1);
    StoreAttr = "STORE_ATTR", Name, |a, j| (2, 0);
    DeleteAttr = "DELETE_ATTR", Name, |a, j| (1, 0);
    LoadMethod = "LOAD_METHOD", Name, |a, j| (1, 2);
    BinaryOp = "BINARY_OP", BinOp, |a, j| (2, 1);
    UnaryNegative = "UNARY_NEGATIVE", None, |a, j| (1, 1);
    UnaryPositive = "UNARY_POSITIVE", None, |a, j| (1, 1);
    UnaryInvert = "UNARY_INVERT", None, |a, j| (1, 1);
    UnaryNot = "UNARY_NOT", None, |a, j| (1, 1);
    CompareOp = "COMPARE_OP", Compare, |a, j| (2, 1);
    IsOp = "IS_OP", Count, |a, j| (2, 1);
    ContainsOp = "CONTAINS_OP", Count, |a, j| (2, 1);
    BinarySubscr = "BINARY_SUBSCR", None, |a, j| (2, 1);
    StoreSubscr = "STORE_SUBSCR", None, |a, j| (3, 0);
    DeleteSubscr = "DELETE_SUBSCR", None, |a, j| (2, 0);
    BuildSlice = "BUILD_SLICE", Count, |a, j| (if a == 3 { 3 } else { 2 }, 1);
    BinarySlice = "BINARY_SLICE", None, |a, j| (3, 1);
    StoreSlice = "STORE_SLICE", None, |a, j| (4, 0);
    BuildTuple = "BUILD_TUPLE", Count, |a, j| (a, 1);
    BuildList = "BUILD_LIST", Count, |a, j| (a, 1);
    BuildSet = "BUILD_SET", Count, |a, j| (a, 1);
    BuildMap = "BUILD_MAP", Count, |a, j| (2 * a, 1);
    BuildString = "BUILD_STRING", Count, |a, j| (a, 1);
    ListAppend = "LIST_APPEND", Count, |a, j| (a + 1, a);
    SetAdd = "SET_ADD", Count, |a, j| (a + 1, a);
    MapAdd = "MAP_ADD", Count, |a, j| (a + 2, a);
    ListExtend = "LIST_EXTEND", Count, |a, j| (a + 1, a);
    SetUpdate = "SET_UPDATE", Count, |a, j| (a + 1, a);
    DictUpdate = "DICT_UPDATE", Count, |a, j| (a + 1, a);
    DictMerge = "DICT_MERGE", Count, |a, j| (a + 1, a);
    ListToTuple = "LIST_TO_TUPLE", None, |a, j| (1, 1);
    FormatValue = "FORMAT_VALUE", Count, |a, j| (1 + (a >> 2 & 1), 1);
    UnpackSequence = "UNPACK_SEQUENCE", Count, |a, j| (1, a);
    UnpackEx = "UNPACK_EX", Count, |a, j| (1, (a & 0xff) + (a >> 8) + 1);
    Jump = "JUMP", Jump, |a, j| (0, 0);
    PopJumpIfFalse = "POP_JUMP_IF_FALSE", Jump, |a, j| (1, 0);
    PopJumpIfTrue = "POP_JUMP_IF_TRUE", Jump, |a, j| (1, 0);
    JumpIfFalseOrPop = "JUMP_IF_FALSE_OR_POP", Jump, |a, j| (1, j as u64);
    JumpIfTrueOrPop = "JUMP_IF_TRUE_OR_POP", Jump, |a, j| (1, j as u64);
    GetIter = "GET_ITER", None, |a, j| (1, 1);
    ForIter = "FOR_ITER", Jump, |a, j| (1, if j { 0 } else { 2 });
    Call = "CALL", Count, |a, j| (a + 2, 1);
    CallKw = "CALL_KW", Count, |a, j| (a + 3, 1);
    CallEx = "CALL_FUNCTION_EX", Count, |a, j| (3 + (a & 1), 1);
    MakeFunction = "MAKE_FUNCTION", Count, |a, j| (1 + (a & 15).count_ones() as u64, 1);
    ReturnValue = "RETURN_VALUE", None, |a, j| (1, 0);
    YieldValue = "YIELD_VALUE", None, |a, j| (1, 1);
    GetYieldFromIter = "GET_YIELD_FROM_ITER", None, |a, j| (1, 1);
    Send = "SEND", Jump, |a, j| (2, if j { 1 } else { 2 });
    SetupFinally = "SETUP_FINALLY", Jump, |a, j| (0, j as u64);
    PopBlock = "POP_BLOCK", None, |a, j| (0, 0);
    PopExcept = "POP_EXCEPT", None, |a, j| (0, 0);
    Raise = "RAISE_VARARGS", Count, |a, j| (a.min(2), 0);
    Reraise = "RERAISE", None, |a, j| (1, 0);
    CheckExcMatch = "CHECK_EXC_MATCH", None, |a, j| (2, 2);
    LoadAssertionError = "LOAD_ASSERTION_ERROR", None, |a, j| (0, 1);
    BeforeWith = "BEFORE_WITH", None, |a, j| (1, 3);
    ExitWith = "EXIT_WITH", None, |a, j| (2, 1);
    WithExceptStart = "WITH_EXCEPT_START", None, |a, j| (3, 4);
    LoadBuildClass = "LOAD_BUILD_CLASS", None, |a, j| (0, 1);
    LoadLocals = "LOAD_LOCALS", None, |a, j| (0, 1);
    LoadGlobals = "LOAD_GLOBALS", None, |a, j| (0, 1);
    SetupAnnotations = "SETUP_ANNOTATIONS", None, |a, j| (0, 0);
    CallIntrinsic = "CALL_INTRINSIC", Count, |a, j| (1, 1);
    ImportName = "IMPORT_NAME", Name, |a, j| (2, 1);
    ImportFrom = "IMPORT_FROM", Name, |a, j| (1, 2);
    ImportStar = "IMPORT_STAR", None, |a, j| (1, 0);
    // Superinstructions (CPython 3.13's LOAD_FAST_LOAD_FAST and friends):
    // the first instruction of a pair, which does both and skips the
    // second. Set by `mark_superinstructions`, shown under the first's name;
    // the second stays in place, so a jump to it still runs it alone.
    LoadFastLoadFast = "LOAD_FAST", Local, |a, j| (0, 1);
    LoadFastLoadConst = "LOAD_FAST", Local, |a, j| (0, 1);
    StoreFastLoadFast = "STORE_FAST", Local, |a, j| (1, 0);
    ForIterStoreFast = "FOR_ITER", Jump, |a, j| (1, if j { 0 } else { 2 });
}

/// Binary operators, in `BINARY_OP`'s argument order. In-place variants are
/// `INPLACE_OFFSET` higher.
#[repr(u8)]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    TrueDiv,
    /// `//`
    FloorDiv,
    /// `%`
    Mod,
    /// `**`
    Pow,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
    /// `&`
    And,
    /// `|`
    Or,
    /// `^`
    Xor,
    /// `@`
    MatMul,
}

/// Offset of the in-place variant of a binary operator.
pub const INPLACE_OFFSET: u32 = 16;

impl BinOp {
    /// All operators in order.
    pub const ALL: [BinOp; 13] = [
        BinOp::Add,
        BinOp::Sub,
        BinOp::Mul,
        BinOp::TrueDiv,
        BinOp::FloorDiv,
        BinOp::Mod,
        BinOp::Pow,
        BinOp::LShift,
        BinOp::RShift,
        BinOp::And,
        BinOp::Or,
        BinOp::Xor,
        BinOp::MatMul,
    ];
    /// The operator symbol.
    pub fn symbol(self) -> &'static str {
        [
            "+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@",
        ][self as usize]
    }
    /// The dunder method name (`__add__`).
    pub fn dunder(self) -> &'static str {
        [
            "__add__",
            "__sub__",
            "__mul__",
            "__truediv__",
            "__floordiv__",
            "__mod__",
            "__pow__",
            "__lshift__",
            "__rshift__",
            "__and__",
            "__or__",
            "__xor__",
            "__matmul__",
        ][self as usize]
    }
    /// The reflected dunder (`__radd__`).
    pub fn rdunder(self) -> &'static str {
        [
            "__radd__",
            "__rsub__",
            "__rmul__",
            "__rtruediv__",
            "__rfloordiv__",
            "__rmod__",
            "__rpow__",
            "__rlshift__",
            "__rrshift__",
            "__rand__",
            "__ror__",
            "__rxor__",
            "__rmatmul__",
        ][self as usize]
    }
    /// The in-place dunder (`__iadd__`).
    pub fn idunder(self) -> &'static str {
        [
            "__iadd__",
            "__isub__",
            "__imul__",
            "__itruediv__",
            "__ifloordiv__",
            "__imod__",
            "__ipow__",
            "__ilshift__",
            "__irshift__",
            "__iand__",
            "__ior__",
            "__ixor__",
            "__imatmul__",
        ][self as usize]
    }
    /// Decodes a `BINARY_OP` argument into (operator, in-place).
    pub fn decode(arg: u32) -> (BinOp, bool) {
        let inplace = arg >= INPLACE_OFFSET;
        let i = if inplace { arg - INPLACE_OFFSET } else { arg };
        (BinOp::ALL[i as usize], inplace)
    }
}

/// Rich comparisons, in `COMPARE_OP`'s argument order.
#[repr(u8)]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CmpOp {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpOp {
    /// All comparisons in order.
    pub const ALL: [CmpOp; 6] = [
        CmpOp::Lt,
        CmpOp::Le,
        CmpOp::Eq,
        CmpOp::Ne,
        CmpOp::Gt,
        CmpOp::Ge,
    ];
    /// The operator symbol.
    pub fn symbol(self) -> &'static str {
        ["<", "<=", "==", "!=", ">", ">="][self as usize]
    }
    /// The dunder name.
    pub fn dunder(self) -> &'static str {
        ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"][self as usize]
    }
    /// The comparison with operands swapped (`a < b` is `b > a`).
    pub fn swapped(self) -> CmpOp {
        [
            CmpOp::Gt,
            CmpOp::Ge,
            CmpOp::Eq,
            CmpOp::Ne,
            CmpOp::Lt,
            CmpOp::Le,
        ][self as usize]
    }
}

/// One instruction: an opcode and a 32-bit argument.
#[derive(Clone, Copy, Debug)]
#[repr(C)]
pub struct Instr {
    /// The operation.
    pub op: Op,
    /// Its argument (0 when unused).
    pub arg: u32,
}

/// Most instructions a key of [`mark_global_subscripts`] may take.
pub const PURE_KEY_OPS: usize = 7;

/// Marks each `LOAD_GLOBAL g` that starts `g[key]` with a short key made only
/// of local and constant loads and binary operators, ending in
/// `BINARY_SUBSCR` (`G[k]`, `G[i % n]`, `G[j * w + k]`), as
/// `LOAD_GLOBAL_SUBSCR`. The two behave the same; the mark only tells the
/// free-threaded eval loop which loads are worth trying to serve without
/// counting a reference (`vm::borrowed_reads::borrowed_global_read`), so other global
/// loads (a call's `f(n - 1)`) pay nothing for that attempt.
pub fn mark_global_subscripts(code: &mut [Instr]) {
    for at in 0..code.len() {
        if code[at].op == Op::LoadGlobal && pure_key_follows(&code[at + 1..]) {
            code[at].op = Op::LoadGlobalSubscr;
        }
    }
}

/// Marks instruction pairs the eval loop runs as one dispatch:
/// `LOAD_FAST; LOAD_FAST`, `LOAD_FAST; LOAD_CONST`, `STORE_FAST; LOAD_FAST`
/// and `FOR_ITER; STORE_FAST` (the loop variable). The first of the pair
/// gets the fused opcode; the second is left as it is, so jumps into the
/// middle of a pair, stack depths and line numbers are unchanged. A pair
/// whose second `LOAD_FAST` feeds a `LOAD_ATTR` is left alone: the loop
/// reads such attributes through the local without counting it (the
/// free-threaded borrowed read), which the fused form would skip.
pub fn mark_superinstructions(code: &mut [Instr]) {
    let mut at = 0;
    while at + 1 < code.len() {
        let (op, next) = (code[at].op, code[at + 1].op);
        let attr_follows = code.get(at + 2).is_some_and(|i| i.op == Op::LoadAttr);
        let fused = match (op, next) {
            (Op::LoadFast, Op::LoadFast) if !attr_follows => Some(Op::LoadFastLoadFast),
            (Op::LoadFast, Op::LoadConst) => Some(Op::LoadFastLoadConst),
            (Op::StoreFast, Op::LoadFast) if !attr_follows => Some(Op::StoreFastLoadFast),
            (Op::ForIter, Op::StoreFast) => Some(Op::ForIterStoreFast),
            _ => None,
        };
        match fused {
            Some(f) => {
                code[at].op = f;
                // The second half is not fused again (it runs alone only
                // when jumped to).
                at += 2;
            }
            None => at += 1,
        }
    }
}

/// True if `rest` starts with a pure key (see [`mark_global_subscripts`])
/// and its `BINARY_SUBSCR`.
fn pure_key_follows(rest: &[Instr]) -> bool {
    let mut depth = 0usize;
    for ins in rest.iter().take(PURE_KEY_OPS) {
        match ins.op {
            Op::LoadFast | Op::LoadConst if depth < 4 => depth += 1,
            Op::BinaryOp if depth >= 2 => depth -= 1,
            Op::BinarySubscr => return depth == 1,
            _ => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::{mark_global_subscripts, mark_superinstructions, Instr, Op};

    fn ops(code: &[(Op, u32)]) -> Vec<Instr> {
        code.iter().map(|&(op, arg)| Instr { op, arg }).collect()
    }

    #[test]
    fn only_global_loads_feeding_a_pure_subscript_are_marked() {
        // G[i % 7]; f(n - 1); G[k]; G[h(x)]; G[a][b]
        let mut code = ops(&[
            (Op::LoadGlobal, 0),
            (Op::LoadFast, 0),
            (Op::LoadConst, 0),
            (Op::BinaryOp, 5),
            (Op::BinarySubscr, 0),
            (Op::LoadGlobal, 1),
            (Op::LoadFast, 1),
            (Op::LoadConst, 1),
            (Op::BinaryOp, 1),
            (Op::Call, 1),
            (Op::LoadGlobal, 0),
            (Op::LoadFast, 2),
            (Op::BinarySubscr, 0),
            (Op::LoadGlobal, 0),
            (Op::LoadGlobal, 2),
            (Op::LoadFast, 3),
            (Op::Call, 1),
            (Op::BinarySubscr, 0),
            (Op::LoadGlobal, 0),
            (Op::BinarySubscr, 0),
        ]);
        mark_global_subscripts(&mut code);
        let marked: Vec<usize> = code
            .iter()
            .enumerate()
            .filter(|(_, i)| i.op == Op::LoadGlobalSubscr)
            .map(|(k, _)| k)
            .collect();
        assert_eq!(marked, vec![0, 10]);
        assert_eq!(Op::LoadGlobalSubscr.name(), "LOAD_GLOBAL");
    }

    #[test]
    fn superinstructions_pair_without_overlap_and_keep_borrowed_attribute_reads() {
        // a b c (three loads: one pair, then c alone); x.attr after a load
        // (not fused); store then load; for-loop variable; load + const.
        let mut code = ops(&[
            (Op::LoadFast, 0),
            (Op::LoadFast, 1),
            (Op::LoadFast, 2),
            (Op::LoadFast, 3),
            (Op::LoadFast, 4),
            (Op::LoadAttr, 0),
            (Op::StoreFast, 0),
            (Op::LoadFast, 1),
            (Op::ForIter, 12),
            (Op::StoreFast, 2),
            (Op::LoadFast, 2),
            (Op::LoadConst, 0),
            (Op::ReturnValue, 0),
        ]);
        let before: Vec<(Op, u32)> = code.iter().map(|i| (i.op, i.arg)).collect();
        mark_superinstructions(&mut code);
        let after: Vec<Op> = code.iter().map(|i| i.op).collect();
        assert_eq!(
            after,
            vec![
                Op::LoadFastLoadFast,
                Op::LoadFast,
                Op::LoadFastLoadFast,
                Op::LoadFast,
                Op::LoadFast,
                Op::LoadAttr,
                Op::StoreFastLoadFast,
                Op::LoadFast,
                Op::ForIterStoreFast,
                Op::StoreFast,
                Op::LoadFastLoadConst,
                Op::LoadConst,
                Op::ReturnValue,
            ]
        );
        // Arguments, names, stack effects and bases are those of the
        // instructions they stand for.
        for (i, (op, arg)) in code.iter().zip(before) {
            assert_eq!(i.arg, arg);
            assert_eq!(i.op.base(), op);
            assert_eq!(i.op.name(), op.name());
            for jump in [false, true] {
                assert_eq!(i.op.stack_effect(arg, jump), op.stack_effect(arg, jump));
            }
        }
    }
}
