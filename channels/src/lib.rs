//! Cross-interpreter messages: what crosses between isolated interpreters
//! (PEP 734) and how.
//!
//! - [`share`]: the sharing rules (immortal, zero-copy, copied, refused) and
//!   [`share::SharedValue`], the one handle to an object that may leave its
//!   interpreter;
//! - [`wire`]: the compact binary format for copies, with a bounded decoder;
//! - [`instance`]: instances of plain classes, copied as pickle's default
//!   would (class by name, `__dict__` by copy);
//! - [`keys`]: hashing decoded dict keys and set elements without a `Vm`;
//! - [`queue`]: the PEP 734 queue on crossbeam-channel, carrying
//!   [`queue::Message`]s, blocking without a GIL and without polling;
//! - [`origin`]: who put each item, and what becomes of the items of an
//!   origin that is retired (CPython 3.14's `unbounditems`);
//! - [`error`]: [`NotShareable`] and [`DecodeError`].
//!
//! This crate depends only on `gilgamesh-core`. It knows nothing of
//! interpreters: the interpreter layer (`subinterp`) calls
//! [`queue::Message::from_value`] under the sender's GIL,
//! [`queue::Queue::put`]/[`queue::Queue::get`] with its GIL released, and
//! [`queue::Message::into_value`] under the receiver's GIL; it tags each
//! item with the putting interpreter's id and retires that id
//! ([`origin::retire`]) when the interpreter closes.

#![deny(missing_docs)]

pub mod error;
pub mod instance;
pub mod keys;
pub mod origin;
pub mod queue;
pub mod share;
pub mod wire;

pub use error::{DecodeError, NotShareable, Refusal};
pub use instance::{ClassRef, Classes, NoClasses};
pub use origin::{Tag, Unbound};
pub use queue::{Got, Message, Queue, QueueEmpty, QueueFull, QueueStats};
pub use share::{classify, Crossing, ShareMode, SharedValue};
pub use wire::{decode, decode_with, encode, encode_with, Limits};
