//! A code object's instructions as the eval loop fetches them: padded with
//! `OUT_OF_RANGE` instructions to a power-of-two length.
//!
//! The loop fetches instruction `ip & (len - 1)`, which is in bounds for any
//! `ip` without a compare and branch: the fetch and the jump to the handler
//! are one straight-line block, which LLVM copies to the end of every
//! handler (see `.cargo/config.toml`), so each opcode has its own indirect
//! jump and the branch predictor learns which opcode follows which, as with
//! CPython's computed gotos. Running off the end of the real instructions
//! (which only a compiler bug could cause) reaches a padding instruction,
//! which raises SystemError; there is always at least one.

use super::opcodes::{Instr, Op};

/// Instructions padded to a power-of-two length. The length is fixed at
/// construction: the type gives no way to change it.
#[derive(Clone)]
pub struct DispatchCode {
    padded: Box<[Instr]>,
    len: usize,
}

/// What the padding holds.
const OUT_OF_RANGE: Instr = Instr {
    op: Op::OutOfRange,
    arg: 0,
};

impl DispatchCode {
    /// Pads `code` with at least one `OUT_OF_RANGE` instruction up to the
    /// next power of two.
    pub fn new(mut code: Vec<Instr>) -> DispatchCode {
        let len = code.len();
        code.resize((len + 1).next_power_of_two(), OUT_OF_RANGE);
        DispatchCode {
            padded: code.into_boxed_slice(),
            len,
        }
    }

    /// The instructions, without the padding.
    #[inline]
    pub fn instrs(&self) -> &[Instr] {
        &self.padded[..self.len]
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
            let d = DispatchCode::new(code);
            assert_eq!(d.instrs().len(), n);
            let p = d.padded();
            assert!(p.len().is_power_of_two() && p.len() > n);
            assert!(p[n..].iter().all(|i| i.op == Op::OutOfRange));
        }
    }
}
