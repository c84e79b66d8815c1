//! gilgamesh-core: the object core, compiler and interpreter loop shared by
//! every concurrency mode.
//!
//! - [`object`]: the PEP 703 object header, tagged values, allocation,
//!   reference counting (the only place object memory is touched unsafely).
//! - [`types`]: payload layouts of the built-in types and their methods.
//! - [`compiler`]: ruff's parser to gilgamesh bytecode.
//! - [`vm`]: frames, the eval loop and the object protocols.
//! - [`policy`]: the seam through which a mode chooses its refcounting and
//!   locking (monomorphised into the eval loop).
//! - [`gc`]: the cycle collector.
//! - [`stdlib`]: native modules.
//! - [`format`] and [`numeric`]: pure, CPython-exact text and number semantics.
#![deny(missing_docs)]

pub mod compiler;
pub mod format;
pub mod gc;
pub mod gil;
pub mod names;
pub mod numeric;
pub mod object;
pub mod policy;
pub mod signals;
pub mod stdlib;
pub mod trace;
pub mod types;
pub mod vm;

pub use object::Value;
pub use vm::Vm;
