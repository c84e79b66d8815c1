//! Isolated interpreters (PEP 684) and the `concurrent.interpreters` module
//! (PEP 734, CPython 3.14's API).
//!
//! An interpreter here is a set of roots — its own builtins, `sys`,
//! `sys.modules` and `__main__` — that no other interpreter's objects refer
//! to ([`registry`]). Code runs in another interpreter on the calling thread
//! ([`enter`]: `Interpreter.exec` and `call`, as CPython swaps thread states)
//! or on a thread started there (`call_in_thread`); values reach it only as
//! [`gilgamesh_channels::Message`]s, shared (immortal, or immutable `str`
//! and `bytes` zero-copy) or copied through the wire format ([`crossing`]).
//!
//! Each interpreter has its own GIL (`gil::new_interpreter_gil`), so
//! interpreters run in parallel in both modes, and its own heap and cycle
//! collector (`gc::Heap`: a thread allocates into the heap of the
//! interpreter it runs in, and a collection examines only that heap, under
//! that interpreter's GIL). Still shared (see
//! `docs/design/subinterpreters.md`): immortal allocations (code objects,
//! native function objects), which are never freed, and process-wide
//! runtime state such as the eval breaker. Isolation is checked by types: `Value` is neither `Send` nor
//! `Sync`, and code runs in another interpreter only through closures that
//! are `Send` with `Send` results ([`enter::run_in`]), so only messages and
//! the wrappers of [`handles`] cross.
//!
//! - [`registry`]: the process's interpreters, by id; the main one is 0;
//! - [`enter`]: running code with another interpreter's roots, exception
//!   snapshots (`ExecutionFailed.excinfo`);
//! - [`handles`]: the two object handles that may be held outside their
//!   interpreter (immortal objects, an interpreter's own roots);
//! - [`crossing`]: values to messages and back, queues by id;
//! - [`modules`]: the native `_interpreters` module and the embedded Python
//!   package `concurrent.interpreters` (with its submodules `_queues` and
//!   `_crossinterp`) over it and `_interpqueues`;
//! - [`queues`]: the native `_interpqueues` module, the process's queues by
//!   id, whose items remember the interpreter that put them (CPython 3.14's
//!   `unbounditems`);
//! - [`stats`]: the `--stats` counters per interpreter.

#![deny(missing_docs)]

pub mod crossing;
pub mod enter;
pub mod handles;
pub mod modules;
pub mod queues;
pub mod registry;
pub mod stats;

/// Makes `import concurrent.interpreters` (and the native modules beneath
/// it) work in every interpreter of this process. Call once, before running
/// Python code.
pub fn install() {
    gilgamesh_core::stdlib::install_module_provider(modules::provide);
}
