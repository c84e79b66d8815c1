//! Exceptions: the payload of exception instances, the built-in hierarchy and
//! constructors for raising from Rust.

use super::{new_str, new_tuple, PyErr, StaticValue, Traverse};
use crate::object::{alloc, PyCell, Value};

/// One traceback entry: the code object and the line being executed.
#[derive(Clone)]
pub struct TbEntry {
    /// The code object (immortal).
    pub code: Value,
    /// 1-based line number.
    pub line: u32,
}

/// The payload of an exception instance.
pub struct ExceptionData {
    /// `args` (a tuple).
    pub args: PyCell<Value>,
    /// The traceback, innermost frame last.
    pub traceback: PyCell<Vec<TbEntry>>,
    /// `__cause__` (None or an exception).
    pub cause: PyCell<Value>,
    /// `__context__` (None or an exception).
    pub context: PyCell<Value>,
    /// `__suppress_context__`.
    pub suppress_context: PyCell<bool>,
    /// Attribute dict for user-defined attributes.
    pub dict: crate::object::value_slot::ValueSlot,
}

impl ExceptionData {
    /// A fresh payload with the given args tuple.
    pub fn new(args: Value) -> ExceptionData {
        ExceptionData {
            args: PyCell::new(args),
            traceback: PyCell::new(Vec::new()),
            cause: PyCell::new(super::none()),
            context: PyCell::new(super::none()),
            suppress_context: PyCell::new(false),
            dict: Default::default(),
        }
    }
}

impl Traverse for ExceptionData {
    const TRACKED: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.args.with(|v| visit(v));
        self.cause.with(|v| visit(v));
        self.context.with(|v| visit(v));
        self.dict.visit(visit);
    }
    fn clear(&self) {
        let a = self.cause.replace(super::none());
        let b = self.context.replace(super::none());
        let c = self.dict.take();
        let d = self.args.replace(super::singletons().empty_tuple.get());
        drop((a, b, c, d));
    }
}

macro_rules! exception_table {
    ($($field:ident : $name:literal < $parent:ident,)*) => {
        /// The built-in exception types.
        pub struct ExceptionTypes { $(
            #[doc = concat!("`", $name, "`.")]
            pub $field: StaticValue,
        )* }

        /// `(field name, Python name, parent field)` for each built-in exception,
        /// parents before children.
        pub const EXCEPTION_HIERARCHY: &[(&str, &str, &str)] = &[$(
            (stringify!($field), $name, stringify!($parent)),
        )*];

        impl ExceptionTypes {
            /// Builds the table from a lookup by field name.
            pub fn from_map(m: &std::collections::HashMap<&'static str, Value>) -> ExceptionTypes {
                ExceptionTypes { $($field: StaticValue(m[stringify!($field)].clone()),)* }
            }
            /// Every type with its Python name.
            pub fn all(&self) -> Vec<(&'static str, Value)> {
                vec![$(($name, self.$field.get()),)*]
            }
        }
    };
}

exception_table! {
    base_exception: "BaseException" < object,
    system_exit: "SystemExit" < base_exception,
    keyboard_interrupt: "KeyboardInterrupt" < base_exception,
    generator_exit: "GeneratorExit" < base_exception,
    exception: "Exception" < base_exception,
    stop_iteration: "StopIteration" < exception,
    stop_async_iteration: "StopAsyncIteration" < exception,
    arithmetic_error: "ArithmeticError" < exception,
    floating_point_error: "FloatingPointError" < arithmetic_error,
    overflow_error: "OverflowError" < arithmetic_error,
    zero_division_error: "ZeroDivisionError" < arithmetic_error,
    assertion_error: "AssertionError" < exception,
    attribute_error: "AttributeError" < exception,
    buffer_error: "BufferError" < exception,
    eof_error: "EOFError" < exception,
    import_error: "ImportError" < exception,
    module_not_found_error: "ModuleNotFoundError" < import_error,
    lookup_error: "LookupError" < exception,
    index_error: "IndexError" < lookup_error,
    key_error: "KeyError" < lookup_error,
    memory_error: "MemoryError" < exception,
    name_error: "NameError" < exception,
    unbound_local_error: "UnboundLocalError" < name_error,
    os_error: "OSError" < exception,
    file_not_found_error: "FileNotFoundError" < os_error,
    file_exists_error: "FileExistsError" < os_error,
    permission_error: "PermissionError" < os_error,
    timeout_error: "TimeoutError" < os_error,
    connection_error: "ConnectionError" < os_error,
    broken_pipe_error: "BrokenPipeError" < connection_error,
    connection_aborted_error: "ConnectionAbortedError" < connection_error,
    connection_refused_error: "ConnectionRefusedError" < connection_error,
    connection_reset_error: "ConnectionResetError" < connection_error,
    blocking_io_error: "BlockingIOError" < os_error,
    child_process_error: "ChildProcessError" < os_error,
    interrupted_error: "InterruptedError" < os_error,
    is_a_directory_error: "IsADirectoryError" < os_error,
    not_a_directory_error: "NotADirectoryError" < os_error,
    process_lookup_error: "ProcessLookupError" < os_error,
    reference_error: "ReferenceError" < exception,
    runtime_error: "RuntimeError" < exception,
    not_implemented_error: "NotImplementedError" < runtime_error,
    recursion_error: "RecursionError" < runtime_error,
    syntax_error: "SyntaxError" < exception,
    indentation_error: "IndentationError" < syntax_error,
    tab_error: "TabError" < indentation_error,
    system_error: "SystemError" < exception,
    type_error: "TypeError" < exception,
    value_error: "ValueError" < exception,
    unicode_error: "UnicodeError" < value_error,
    unicode_decode_error: "UnicodeDecodeError" < unicode_error,
    unicode_encode_error: "UnicodeEncodeError" < unicode_error,
    unicode_translate_error: "UnicodeTranslateError" < unicode_error,
    warning: "Warning" < exception,
    user_warning: "UserWarning" < warning,
    deprecation_warning: "DeprecationWarning" < warning,
    runtime_warning: "RuntimeWarning" < warning,
    syntax_warning: "SyntaxWarning" < warning,
    future_warning: "FutureWarning" < warning,
    pending_deprecation_warning: "PendingDeprecationWarning" < warning,
    import_warning: "ImportWarning" < warning,
    unicode_warning: "UnicodeWarning" < warning,
    bytes_warning: "BytesWarning" < warning,
    resource_warning: "ResourceWarning" < warning,
    encoding_warning: "EncodingWarning" < warning,
}

/// A new exception instance of type `ty` with `args`.
pub fn new_exception(ty: &Value, args: Vec<Value>) -> Value {
    alloc(ty, ExceptionData::new(new_tuple(args)))
}

/// A new exception of type `ty` with one message argument, as an error.
pub fn exc_msg(ty: &StaticValue, msg: impl super::str::IntoStrText) -> PyErr {
    PyErr(new_exception(ty.v(), vec![new_str(msg)]))
}

macro_rules! raisers {
    ($($fn:ident => $field:ident),* $(,)?) => {$(
        #[doc = concat!("A `", stringify!($field), "` with a message.")]
        pub fn $fn(msg: impl $crate::types::str::IntoStrText) -> PyErr {
            exc_msg(&super::exc_types().$field, msg)
        }
    )*};
}

raisers! {
    type_error => type_error,
    value_error => value_error,
    index_error => index_error,
    attribute_error => attribute_error,
    name_error => name_error,
    zero_division_error => zero_division_error,
    overflow_error => overflow_error,
    runtime_error => runtime_error,
    recursion_error => recursion_error,
    import_error => import_error,
    module_not_found_error => module_not_found_error,
    not_implemented_error => not_implemented_error,
    unbound_local_error => unbound_local_error,
    assertion_error => assertion_error,
    memory_error => memory_error,
    system_error => system_error,
    os_error => os_error,
    unicode_error => unicode_error,
    eof_error => eof_error,
}

/// A `KeyError` carrying the key itself.
pub fn key_error(key: Value) -> PyErr {
    PyErr(new_exception(super::exc_types().key_error.v(), vec![key]))
}

/// A `StopIteration` carrying a return value.
pub fn stop_iteration(value: Option<Value>) -> PyErr {
    let args = match value {
        Some(v) => vec![v],
        None => vec![],
    };
    PyErr(new_exception(super::exc_types().stop_iteration.v(), args))
}

/// The exception payload of an exception value.
pub fn exc_data(v: &Value) -> Option<&ExceptionData> {
    v.downcast::<ExceptionData>()
}
