//! The cross-interpreter queue (PEP 734 `concurrent.interpreters.Queue`) on
//! crossbeam-channel, and the [`Message`] it carries.
//!
//! A message is either a [`SharedValue`] (an immortal value, or an immutable
//! `str`/`bytes` handed over zero-copy) or an encoded copy
//! ([`crate::wire`]). [`Message::from_value`] runs under the sender's GIL and
//! [`Message::into_value`] under the receiver's; everything in between (the
//! queue itself) is plain Rust data that never touches a `Value`'s reference
//! count, so it is safe on any thread and with no GIL held.
//!
//! # Blocking without a GIL and without polling
//!
//! [`Queue::put`] and [`Queue::get`] block in crossbeam's `send`/`recv`
//! (with a deadline if a timeout is given): the waiting thread parks and is
//! unparked by the matching operation on the other side, so a waiting
//! interpreter wakes within microseconds of a `put` (CPython 3.14 polls every
//! 10 ms). They take and return [`Message`]s, never `Value`s, so the caller
//! runs them with its GIL released:
//!
//! ```ignore
//! let msg = Message::from_value(&v, mode, &limits)?;          // GIL held
//! let r = gil::allow_threads(trace::BLOCKED_LOCK, || q.put(msg, timeout));
//! if let Err(QueueFull(msg)) = r { /* drop or report msg with the GIL held */ }
//! ```
//!
//! Dropping a `Message` is sound on any thread (see [`SharedValue`]'s safety
//! argument), so a queue that still holds messages may be dropped anywhere.
//!
//! `maxsize` follows PEP 734: 0 (or less, at the Python level) means
//! unbounded; a positive size bounds the queue and `put` blocks, or fails
//! with [`QueueFull`], when it is full.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{
    Receiver, RecvTimeoutError, SendTimeoutError, Sender, TryRecvError, TrySendError,
};

use gilgamesh_core::Value;

use crate::error::{DecodeError, NotShareable};
use crate::share::{classify, Crossing, ShareMode, SharedValue};
use crate::wire::{self, Limits};

/// One item in a queue.
#[derive(Debug)]
pub enum Message {
    /// The sender's object itself (immortal, or merged immutable `str`/`bytes`).
    Shared(SharedValue),
    /// A copy, in the wire format.
    Encoded(Vec<u8>),
    /// A cross-interpreter object by id (a queue): the interpreter layer
    /// makes the message and re-creates the receiver's handle from it.
    Handle(u64),
}

impl Message {
    /// Turns `v` into a message: shared if the rules allow it under `mode`,
    /// else encoded. Called under the sender's GIL.
    pub fn from_value(
        v: &Value,
        mode: ShareMode,
        limits: &Limits,
    ) -> Result<Message, NotShareable> {
        if let Crossing::NotShareable(e) = classify(v) {
            return Err(e);
        }
        if let Some(s) = SharedValue::new(v, mode) {
            return Ok(Message::Shared(s));
        }
        wire::encode_with(v, limits).map(Message::Encoded)
    }

    /// The value, for the receiver: the shared object, or a fresh copy owned
    /// by the calling thread. Called under the receiver's GIL. A
    /// [`Message::Handle`] arrives as its id, an `int`: the interpreter layer
    /// matches handles before calling this.
    pub fn into_value(self, limits: &Limits) -> Result<Value, DecodeError> {
        self.into_value_with(limits, &mut crate::instance::NoClasses)
    }

    /// [`Message::into_value`], with `classes` finding the receiver's class
    /// of each instance the message holds ([`crate::instance`]).
    pub fn into_value_with(
        self,
        limits: &Limits,
        classes: &mut dyn crate::instance::Classes,
    ) -> Result<Value, DecodeError> {
        match self {
            Message::Shared(s) => Ok(s.into_value()),
            Message::Encoded(b) => wire::decode_with(&b, limits, classes),
            Message::Handle(id) => Ok(gilgamesh_core::types::bigint::new_int(id as i64)),
        }
    }

    /// Bytes copied for this message (the encoded length; 0 if shared).
    pub fn bytes_copied(&self) -> usize {
        match self {
            Message::Shared(_) | Message::Handle(_) => 0,
            Message::Encoded(b) => b.len(),
        }
    }

    /// Payload bytes the receiver gets without a copy.
    pub fn bytes_shared(&self) -> usize {
        match self {
            Message::Shared(s) => s.payload_len(),
            Message::Encoded(_) | Message::Handle(_) => 0,
        }
    }
}

/// `put` found the queue full (at once, or until its timeout); the message is
/// handed back.
#[derive(Debug)]
pub struct QueueFull(pub Message);

/// `get` found the queue empty (at once, or until its timeout).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueueEmpty;

/// Counters of one queue, shared by all its handles.
#[derive(Default, Debug)]
struct Counters {
    put: AtomicU64,
    got: AtomicU64,
    bytes_copied: AtomicU64,
    bytes_shared: AtomicU64,
    blocked_put_ns: AtomicU64,
    blocked_get_ns: AtomicU64,
}

/// A snapshot of a queue's counters (for `--stats`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QueueStats {
    /// Messages put.
    pub messages_put: u64,
    /// Messages taken.
    pub messages_got: u64,
    /// Encoded bytes put (copies).
    pub bytes_copied: u64,
    /// Payload bytes put zero-copy.
    pub bytes_shared: u64,
    /// Time `put` spent blocked on a full queue.
    pub blocked_put: Duration,
    /// Time `get` spent blocked on an empty queue.
    pub blocked_get: Duration,
}

/// A cross-interpreter FIFO queue. Cloning gives another handle to the same
/// queue (this is how a queue is shared between interpreters).
#[derive(Clone, Debug)]
pub struct Queue {
    tx: Sender<Message>,
    rx: Receiver<Message>,
    maxsize: usize,
    counters: Arc<Counters>,
}

impl Queue {
    /// A queue holding at most `maxsize` messages; 0 means unbounded.
    pub fn new(maxsize: usize) -> Queue {
        let (tx, rx) = if maxsize == 0 {
            crossbeam_channel::unbounded()
        } else {
            crossbeam_channel::bounded(maxsize)
        };
        Queue {
            tx,
            rx,
            maxsize,
            counters: Arc::default(),
        }
    }

    /// The bound given at creation (0: unbounded).
    pub fn maxsize(&self) -> usize {
        self.maxsize
    }

    /// Messages currently queued.
    pub fn qsize(&self) -> usize {
        self.rx.len()
    }

    /// True if no message is queued.
    pub fn empty(&self) -> bool {
        self.rx.is_empty()
    }

    /// True if the queue is bounded and at its bound.
    pub fn full(&self) -> bool {
        self.maxsize > 0 && self.rx.len() >= self.maxsize
    }

    fn count_put(&self, bytes_copied: usize, bytes_shared: usize) {
        let c = &self.counters;
        c.put.fetch_add(1, Relaxed);
        c.bytes_copied.fetch_add(bytes_copied as u64, Relaxed);
        c.bytes_shared.fetch_add(bytes_shared as u64, Relaxed);
    }

    /// Appends `msg`, waiting while the queue is full: forever with `None`,
    /// else up to `timeout`. Blocks with no GIL needed and without polling.
    pub fn put(&self, msg: Message, timeout: Option<Duration>) -> Result<(), QueueFull> {
        let (copied, shared) = (msg.bytes_copied(), msg.bytes_shared());
        let msg = match self.tx.try_send(msg) {
            Ok(()) => {
                self.count_put(copied, shared);
                return Ok(());
            }
            Err(TrySendError::Full(m) | TrySendError::Disconnected(m)) => m,
        };
        self.put_slow(msg, timeout, copied, shared)
    }

    #[cold]
    fn put_slow(
        &self,
        msg: Message,
        timeout: Option<Duration>,
        copied: usize,
        shared: usize,
    ) -> Result<(), QueueFull> {
        let start = Instant::now();
        // This handle holds a receiver, so the channel is never disconnected.
        let r = match timeout {
            None => self.tx.send(msg).map_err(|e| QueueFull(e.0)),
            Some(t) => self.tx.send_timeout(msg, t).map_err(|e| match e {
                SendTimeoutError::Timeout(m) | SendTimeoutError::Disconnected(m) => QueueFull(m),
            }),
        };
        let waited = start.elapsed().as_nanos() as u64;
        self.counters.blocked_put_ns.fetch_add(waited, Relaxed);
        if r.is_ok() {
            self.count_put(copied, shared);
        }
        r
    }

    /// Appends `msg` if there is room, else hands it back.
    pub fn put_nowait(&self, msg: Message) -> Result<(), QueueFull> {
        let (copied, shared) = (msg.bytes_copied(), msg.bytes_shared());
        match self.tx.try_send(msg) {
            Ok(()) => {
                self.count_put(copied, shared);
                Ok(())
            }
            Err(TrySendError::Full(m) | TrySendError::Disconnected(m)) => Err(QueueFull(m)),
        }
    }

    /// Takes the oldest message, waiting while the queue is empty: forever
    /// with `None`, else up to `timeout`. Blocks with no GIL needed and
    /// without polling.
    pub fn get(&self, timeout: Option<Duration>) -> Result<Message, QueueEmpty> {
        match self.rx.try_recv() {
            Ok(m) => {
                self.counters.got.fetch_add(1, Relaxed);
                Ok(m)
            }
            Err(TryRecvError::Empty | TryRecvError::Disconnected) => self.get_slow(timeout),
        }
    }

    #[cold]
    fn get_slow(&self, timeout: Option<Duration>) -> Result<Message, QueueEmpty> {
        let start = Instant::now();
        // This handle holds a sender, so the channel is never disconnected.
        let r = match timeout {
            None => self.rx.recv().map_err(|_| QueueEmpty),
            Some(t) => self.rx.recv_timeout(t).map_err(|e| match e {
                RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected => QueueEmpty,
            }),
        };
        let waited = start.elapsed().as_nanos() as u64;
        self.counters.blocked_get_ns.fetch_add(waited, Relaxed);
        if r.is_ok() {
            self.counters.got.fetch_add(1, Relaxed);
        }
        r
    }

    /// Takes the oldest message if there is one.
    pub fn get_nowait(&self) -> Result<Message, QueueEmpty> {
        match self.rx.try_recv() {
            Ok(m) => {
                self.counters.got.fetch_add(1, Relaxed);
                Ok(m)
            }
            Err(_) => Err(QueueEmpty),
        }
    }

    /// The counters so far.
    pub fn stats(&self) -> QueueStats {
        let c = &self.counters;
        QueueStats {
            messages_put: c.put.load(Relaxed),
            messages_got: c.got.load(Relaxed),
            bytes_copied: c.bytes_copied.load(Relaxed),
            bytes_shared: c.bytes_shared.load(Relaxed),
            blocked_put: Duration::from_nanos(c.blocked_put_ns.load(Relaxed)),
            blocked_get: Duration::from_nanos(c.blocked_get_ns.load(Relaxed)),
        }
    }

    /// True if `self` and `other` are handles to the same queue.
    pub fn same_queue(&self, other: &Queue) -> bool {
        Arc::ptr_eq(&self.counters, &other.counters)
    }
}
