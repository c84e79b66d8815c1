//! Generators resumed inline: a `for` loop over a generator runs the
//! generator's frame in the caller's eval loop, as a call does, instead of
//! a nested [`super::eval::drive`] per value.
//!
//! CPython 3.12 does the same with FOR_ITER_GEN: the generator's frame is
//! pushed on the thread's frame stack and YIELD_VALUE pops back to the
//! caller. Here `FOR_ITER` claims the suspended frame ([`claim`]), marks it
//! with its generator ([`crate::vm::frame::Frame::gen_inline`]) and switches
//! to it. The frame leaves in one of three ways, each handled where the eval
//! loop switches frames:
//!
//! * `YIELD_VALUE`: the frame goes back into the generator ([`suspend`])
//!   and the value onto the caller's stack, after its `FOR_ITER`;
//! * `RETURN_VALUE`: the generator is finished ([`finish`]) and the
//!   caller's loop ends, as when `FOR_ITER` finds an exhausted iterator;
//! * an exception escaping the frame: the generator is finished and the
//!   exception, a `StopIteration` turned into `RuntimeError` as PEP 479
//!   says ([`fail`]), is raised in the caller at its `FOR_ITER`.
//!
//! While inline the generator's frame is claimed (its
//! [`crate::object::claim_slot::ClaimSlot`] busy), exactly as during a
//! nested resume, so `next()` on it from its own body, or from another
//! thread, raises "generator already executing", and the collector does not
//! see the frame (the eval loop owns it).

use super::frame::Frame;
use crate::object::Value;
use crate::types::exception::{self as exc, runtime_error};
use crate::types::{self, GeneratorData, PyErr};

/// Takes the frame of a suspended generator to run it inline, with `None`
/// pushed as the value of the `yield` it resumes at (nothing for a
/// generator that has not started). Returns `None`, leaving the generator
/// as it was, when it is running or finished: the caller then takes the
/// general path, which raises or reports exhaustion.
#[inline]
pub fn claim(gen: &Value) -> Option<Box<Frame>> {
    let g = gen.downcast::<GeneratorData>()?;
    let mut frame = g.frame.take().ok()?;
    if frame.ip != 0 {
        frame.stack.push(types::none());
    }
    frame.gen_inline = Some(gen.clone());
    Some(frame)
}

/// Hands a frame that yielded back to its generator.
#[inline]
pub fn suspend(gen: Value, frame: Box<Frame>) {
    if let Some(g) = gen.downcast::<GeneratorData>() {
        g.frame.put_back(frame);
    }
}

/// Marks a generator whose frame returned (or raised) finished.
#[inline]
pub fn finish(gen: &Value) {
    if let Some(g) = gen.downcast::<GeneratorData>() {
        g.frame.finish();
    }
}

/// Finishes a generator whose frame an exception escaped, and returns the
/// exception its caller sees.
pub fn fail(gen: &Value, e: PyErr) -> PyErr {
    finish(gen);
    escaped(e)
}

/// PEP 479: a `StopIteration` escaping a generator's frame becomes a
/// `RuntimeError` (its `__cause__` the original), so it cannot silently end
/// the caller's loop.
pub fn escaped(e: PyErr) -> PyErr {
    if !super::iteration::is_stop_iteration(&e) {
        return e;
    }
    let r = runtime_error("generator raised StopIteration");
    if let Some(d) = exc::exc_data(&r.0) {
        d.cause.replace(e.0.clone());
    }
    r
}
