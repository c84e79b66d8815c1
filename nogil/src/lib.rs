//! gilgamesh-nogil: the free-threading mechanisms of PEP 703, as a standalone
//! crate that `--mode nogil` will plug into the eval loop.
//!
//! Each mechanism lives in its own file, mirroring the CPython source it is
//! modelled on:
//!
//! | module | mechanism | CPython |
//! |--------|-----------|---------|
//! | [`thread_state`] | registry of free-threaded thread states: owner ids, attached/detached/suspended, per-thread eval-breaker bits, the safe-point handler | Include/internal/pycore_pystate.h, Python/pystate.c |
//! | [`biased_rc`] | the merge queues of biased reference counting, and the "atomic" ablation | Python/brc.c, Objects/object.c |
//! | [`critical_section`] | per-object locks as a per-thread stack of critical sections, suspended when the thread blocks | Python/critical_section.c, Include/internal/pycore_critical_section.h |
//! | [`qsbr`] | quiescent-state-based reclamation of memory that lock-free readers may still see | Python/qsbr.c, InternalDocs/qsbr.md |
//! | [`stop_the_world`] | pausing every other thread at its safe point, attach and detach | Python/pystate.c (`stop_the_world`, `_PyThreadState_Attach`) |
//!
//! The reference-count transitions themselves are in
//! `gilgamesh_core::object::refcount`, which every mode shares; this crate adds
//! what only free threading needs. Each lock-free protocol is written once,
//! generic over the few words it touches ([`gilgamesh_core::object::refcount::RefcountWords`],
//! [`critical_section::ObjectLock`], [`thread_state::StatusWord`],
//! [`biased_rc::Locked`]), so the loom models in `tests/loom_*.rs` check the
//! very code that runs.
//!
//! [`policy`] wires these into the VM for `--mode nogil` (through
//! `gilgamesh_core::vm::ThreadHooks` and the `Policy` seam). What the VM calls:
//!
//! - thread start: [`thread_state::Registry::register_current_thread`]
//!   (registers and attaches); thread exit:
//!   [`thread_state::unregister_current_thread`];
//! - at every safe-point check: [`qsbr::quiescent_state`], and
//!   [`thread_state::safe_point`] when
//!   [`thread_state::ThreadState::breaker_bits`] is non-zero;
//! - around every blocking call: [`stop_the_world::allow_threads`] (or
//!   [`stop_the_world::detach`] / [`stop_the_world::attach`]);
//! - once per process: [`biased_rc::install`];
//! - a collection: [`thread_state::Registry::stop_the_world`].
//!
//! **Invariant:** this crate depends only on `gilgamesh-core` (and on crates
//! outside the workspace); the core never depends on it.
#![deny(missing_docs)]

pub mod biased_rc;
pub mod critical_section;
pub mod policy;
pub mod qsbr;
pub mod stop_the_world;
pub mod thread_state;
