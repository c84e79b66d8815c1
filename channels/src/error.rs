//! The two ways a value fails to cross: it cannot leave its interpreter
//! ([`NotShareable`], raised on the sending side), or bytes that claim to be a
//! message cannot be turned back into a value ([`DecodeError`], raised on the
//! receiving side).
//!
//! Both are plain Rust data (no `Value` inside), so they can be carried across
//! threads and turned into Python exceptions (`NotShareableError`, and an
//! `InterpreterError`-like error for decoding) by the interpreter layer.

use std::fmt;

/// Why a value cannot cross to another interpreter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The type has no cross-interpreter representation (functions, modules,
    /// instances, subclasses of builtin types, ...).
    UnsupportedType,
    /// The value contains itself (a list that holds itself, directly or not).
    Cycle,
    /// The value is nested deeper than [`crate::wire::Limits::max_depth`].
    TooDeep,
    /// The value has more elements or more bytes than the limits allow.
    TooLarge,
    /// An instance whose class customises pickling (`__reduce__`,
    /// `__getstate__`, ...): copying it would need Python code to run.
    PicklingHooks,
    /// An instance whose class the receiver could not look up by name (a
    /// class defined inside a function).
    UnnamedClass,
}

/// A value that cannot cross: the name of the offending type (of the innermost
/// value that could not be encoded, as CPython names it) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotShareable {
    /// The Python type name, e.g. `function` or `list`.
    pub type_name: String,
    /// Why it was refused.
    pub reason: Refusal,
}

impl fmt::Display for NotShareable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = &self.type_name;
        match self.reason {
            Refusal::UnsupportedType => write!(f, "{n} objects are not shareable"),
            Refusal::Cycle => write!(f, "{n} object contains itself and cannot be shared"),
            Refusal::TooDeep => write!(f, "{n} object is nested too deeply to be shared"),
            Refusal::TooLarge => write!(f, "{n} object is too large to be shared"),
            Refusal::PicklingHooks => {
                write!(f, "{n} objects customise pickling and cannot be copied")
            }
            Refusal::UnnamedClass => {
                write!(f, "{n} objects have a class that cannot be found by name")
            }
        }
    }
}

impl std::error::Error for NotShareable {}

/// Why bytes could not be decoded into a value. Malformed or oversized input
/// always ends here, never in a panic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The input is larger than [`crate::wire::Limits::max_total_bytes`].
    InputTooLarge {
        /// Input length.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// The first byte is not a known wire-format version.
    BadVersion(u8),
    /// A node tag that is not part of the format.
    BadTag(u8),
    /// The input ended in the middle of a node, or a primitive was malformed
    /// (bincode's own error, as text).
    Malformed(String),
    /// A `str` node is not valid UTF-8.
    InvalidUtf8,
    /// Containers nest deeper than the limit.
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// More elements (nodes) than the limit, or a container announces more
    /// elements than the remaining input could hold.
    TooManyElements {
        /// The limit.
        limit: usize,
    },
    /// A `str`, `bytes` or big-int payload is longer than the limit (or than
    /// the remaining input).
    StringTooLong {
        /// The announced length.
        len: u64,
        /// The limit.
        limit: usize,
    },
    /// A dict key or set element of an unhashable type (e.g. a list).
    Unhashable {
        /// The key's type name.
        type_name: &'static str,
    },
    /// Bytes remain after the root value.
    TrailingBytes(usize),
    /// An instance's class could not be found in the receiving interpreter,
    /// or is not a plain class there.
    Class {
        /// The class's `__module__`.
        module: String,
        /// Its `__qualname__`.
        qualname: String,
        /// What went wrong.
        why: String,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::InputTooLarge { len, limit } => {
                write!(f, "message of {len} bytes exceeds the limit of {limit}")
            }
            DecodeError::BadVersion(v) => write!(f, "unknown wire format version {v}"),
            DecodeError::BadTag(t) => write!(f, "unknown wire node tag {t}"),
            DecodeError::Malformed(e) => write!(f, "malformed message: {e}"),
            DecodeError::InvalidUtf8 => write!(f, "str payload is not valid UTF-8"),
            DecodeError::TooDeep { limit } => write!(f, "message nests deeper than {limit}"),
            DecodeError::TooManyElements { limit } => {
                write!(f, "message has more than {limit} elements")
            }
            DecodeError::StringTooLong { len, limit } => {
                write!(f, "payload of {len} bytes exceeds the limit of {limit}")
            }
            DecodeError::Unhashable { type_name } => {
                write!(f, "unhashable type in message: '{type_name}'")
            }
            DecodeError::TrailingBytes(n) => write!(f, "{n} bytes after the end of the message"),
            DecodeError::Class {
                module,
                qualname,
                why,
            } => write!(f, "cannot make a {module}.{qualname} instance: {why}"),
        }
    }
}

impl std::error::Error for DecodeError {}

impl From<bincode::error::DecodeError> for DecodeError {
    fn from(e: bincode::error::DecodeError) -> DecodeError {
        DecodeError::Malformed(e.to_string())
    }
}
