//! Values to messages and back, for `prepare_main`, `call` and queues.
//!
//! Everything that crosses is a [`Message`]: immortal values and (in the
//! free-threaded mode) immutable `str`/`bytes` by reference, containers of
//! shareable values and instances of plain classes as copies in the wire
//! format (an instance's class is looked up by name in the receiver, as
//! pickle does), and queues as
//! [`Message::Handle`]s with their id, from which the receiver's own
//! `concurrent.interpreters.Queue` object is made. What cannot cross raises
//! the receiving module's `NotShareableError` naming the type.

use std::sync::atomic::Ordering::Relaxed;

use gilgamesh_channels::{Limits, Message, ShareMode};
use gilgamesh_core::types::{self, DictData, ModuleData, PyErr, PyResult};
use gilgamesh_core::vm::protocol::is_instance;
use gilgamesh_core::vm::Vm;
use gilgamesh_core::Value;

use crate::{registry, stats};

/// The name of the Python package whose classes the native layer raises and
/// makes.
pub const API_MODULE: &str = "concurrent.interpreters";

/// Its submodule with the queue classes (`Queue` is also in the package).
pub const QUEUES_MODULE: &str = "concurrent.interpreters._queues";

/// The bounds every message is encoded and decoded under.
pub fn limits() -> Limits {
    Limits::default()
}

/// Mortal `str`/`bytes` are shared zero-copy in every mode: a shared
/// object's count is atomic for every interpreter's threads, the `--mode gil`
/// eval loop's plain counting included (`header::SHARED_LOCAL`).
fn share_mode(_vm: &Vm) -> ShareMode {
    ShareMode::ZeroCopy
}

/// An attribute of the calling interpreter's `concurrent.interpreters`
/// module (imported on first use).
pub fn api(vm: &mut Vm, name: &str) -> PyResult<Value> {
    api_in(vm, API_MODULE, name)
}

/// An attribute of the calling interpreter's module `module` (one of the
/// API's, imported on first use).
pub fn api_in(vm: &mut Vm, module: &str, name: &str) -> PyResult<Value> {
    let m = gilgamesh_core::vm::import::import_module(vm, module)?;
    let d = m
        .downcast::<ModuleData>()
        .and_then(|m| {
            m.dict
                .downcast::<DictData>()
                .map(|d| d.get_str(&types::intern(name)))
        })
        .flatten();
    d.ok_or_else(|| types::exception::system_error(format!("{module}.{name} is missing")))
}

/// A new instance of the API's exception class `name` with message `msg`.
pub fn api_error(vm: &mut Vm, name: &str, msg: impl Into<String>) -> PyErr {
    api_error_in(vm, API_MODULE, name, msg)
}

/// A new instance of the exception class `name` of the API's module
/// `module`, with message `msg`.
pub fn api_error_in(vm: &mut Vm, module: &str, name: &str, msg: impl Into<String>) -> PyErr {
    let msg = msg.into();
    match api_in(vm, module, name) {
        Ok(cls) => {
            match gilgamesh_core::vm::call::call(vm, &cls, &[types::new_str(msg.as_str())]) {
                Ok(e) => PyErr(e),
                Err(e) => e,
            }
        }
        Err(e) => e,
    }
}

/// The message for `v`, sent from the interpreter `vm` runs in.
pub fn to_message(vm: &mut Vm, v: &Value) -> PyResult<Message> {
    if !stats::enabled() {
        return make_message(vm, v);
    }
    let t = std::time::Instant::now();
    let m = make_message(vm, v)?;
    if let Some(i) = registry::current(vm) {
        let s = &i.stats;
        s.sent.fetch_add(1, Relaxed);
        s.bytes_shared.fetch_add(m.bytes_shared() as u64, Relaxed);
        s.bytes_copied.fetch_add(m.bytes_copied() as u64, Relaxed);
        s.encode_ns.fetch_add(stats::since(t), Relaxed);
    }
    Ok(m)
}

fn make_message(vm: &mut Vm, v: &Value) -> PyResult<Message> {
    // Only an instance of a class can be a queue: other values skip the
    // module look-up.
    if v.kind() == gilgamesh_core::object::Kind::Instance && is_instance(v, &api(vm, "Queue")?) {
        let id = gilgamesh_core::vm::attr::getattr_str(vm, v, "_id")?;
        let id = id
            .as_small()
            .ok_or_else(|| types::exception::type_error("queue id must be an int"))?;
        return Ok(Message::Handle(id as u64));
    }
    match Message::from_value(v, share_mode(vm), &limits()) {
        Ok(m) => Ok(m),
        Err(_) => {
            let r = gilgamesh_core::vm::protocol::repr_string(vm, v)?;
            Err(api_error(
                vm,
                "NotShareableError",
                format!("{r} does not support cross-interpreter data"),
            ))
        }
    }
}

/// The value for `msg` in the interpreter `vm` runs in.
pub fn from_message(vm: &mut Vm, msg: Message) -> PyResult<Value> {
    if !stats::enabled() {
        return read_message(vm, msg);
    }
    let t = std::time::Instant::now();
    let v = read_message(vm, msg)?;
    if let Some(i) = registry::current(vm) {
        i.stats.received.fetch_add(1, Relaxed);
        i.stats.decode_ns.fetch_add(stats::since(t), Relaxed);
    }
    Ok(v)
}

fn read_message(vm: &mut Vm, msg: Message) -> PyResult<Value> {
    if let Message::Handle(id) = msg {
        let cls = api(vm, "Queue")?;
        let make = gilgamesh_core::vm::attr::getattr_str(vm, &cls, "_from_id")?;
        return gilgamesh_core::vm::call::call(vm, &make, &[types::new_int(id as i64)]);
    }
    // Finding an instance's class imports its module: a Python error there
    // is kept and raised as it is.
    let mut classes = ReceiverClasses {
        vm,
        failed: None,
        queue_class: None,
    };
    let r = msg.into_value_with(&limits(), &mut classes);
    let failed = classes.failed.take();
    r.map_err(|e| match failed {
        Some(err) => err,
        None => match e {
            gilgamesh_channels::DecodeError::Class { .. } => {
                types::exception::type_error(e.to_string())
            }
            _ => types::exception::value_error(format!("malformed message: {e}")),
        },
    })
}

/// The receiving interpreter's classes, for the instances in a message.
struct ReceiverClasses<'v> {
    vm: &'v mut Vm,
    /// The Python error that ended the decoding, if one did.
    failed: Option<PyErr>,
    /// This interpreter's `concurrent.interpreters.Queue`, once looked up.
    queue_class: Option<Value>,
}

impl ReceiverClasses<'_> {
    fn keep(&mut self, e: PyErr, module: &str, qualname: &str) -> gilgamesh_channels::DecodeError {
        self.failed = Some(e);
        gilgamesh_channels::DecodeError::Class {
            module: module.into(),
            qualname: qualname.into(),
            why: "lookup failed".into(),
        }
    }
}

impl gilgamesh_channels::Classes for ReceiverClasses<'_> {
    fn resolve(
        &mut self,
        module: &str,
        qualname: &str,
    ) -> Result<Value, gilgamesh_channels::DecodeError> {
        let r = resolve_class(self.vm, module, qualname);
        let cls = r.map_err(|e| self.keep(e, module, qualname))?;
        if module == QUEUES_MODULE && qualname == "Queue" {
            self.queue_class = Some(cls.clone());
        }
        Ok(cls)
    }

    /// A queue inside a container arrives as the receiver's own `Queue`
    /// object for its id (as a queue sent alone does), not as a copy.
    fn finish(&mut self, obj: Value) -> Result<Value, gilgamesh_channels::DecodeError> {
        let Some(cls) = &self.queue_class else {
            return Ok(obj);
        };
        if !gilgamesh_core::vm::protocol::type_of(&obj).is(cls) {
            return Ok(obj);
        }
        let cls = cls.clone();
        let r = (|| {
            let id = gilgamesh_core::vm::attr::getattr_str(self.vm, &obj, "_id")?;
            let make = gilgamesh_core::vm::attr::getattr_str(self.vm, &cls, "_from_id")?;
            gilgamesh_core::vm::call::call(self.vm, &make, &[id])
        })();
        r.map_err(|e| self.keep(e, QUEUES_MODULE, "Queue"))
    }
}

/// The receiving interpreter's class `qualname` in module `module`, as
/// pickle finds it: imported, then looked up attribute by attribute.
fn resolve_class(vm: &mut Vm, module: &str, qualname: &str) -> PyResult<Value> {
    let m = gilgamesh_core::vm::import::import_module(vm, module)?;
    let mut obj = m.clone();
    for part in qualname.split('.') {
        obj = match gilgamesh_core::vm::attr::getattr_str(vm, &obj, part) {
            Ok(v) => v,
            Err(_) => {
                let r = gilgamesh_core::vm::protocol::repr_string(vm, &m)?;
                return Err(types::exception::attribute_error(format!(
                    "Can't get attribute '{qualname}' on {r}"
                )));
            }
        };
    }
    Ok(obj)
}
