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
//! # Items, origins and unbound items
//!
//! Each item is a message with a [`Tag`]: the origin that put it (the
//! interpreter layer passes the putting interpreter's id) and the rule for
//! when that origin is retired (CPython 3.14's `unbounditems`, see
//! [`crate::origin`]). `get` returns a [`Got`]: the message, or, for an item
//! whose origin was retired, only its rule (the message is dropped). Items
//! under [`Unbound::Remove`] leave the queue as soon as their origin is
//! retired: they stay in the channel as tombstones that no longer count, and
//! `get` skips them.
//!
//! # Blocking without a GIL and without polling
//!
//! [`Queue::get`] blocks in crossbeam's `recv` (with a deadline if a timeout
//! is given): the waiting thread parks and is unparked by the matching `put`,
//! so a waiting interpreter wakes within microseconds of it (CPython 3.14
//! polls every 10 ms). The channel is unbounded underneath; a bounded queue
//! counts its items itself (a place is taken before the send and given back
//! after the receive, and a retired origin's removed items give theirs back
//! at once), and [`Queue::put`] on a full one sleeps on a condition variable
//! that a `get` freeing a place signals, only when some `put` waits. They
//! take and return [`Message`]s, never `Value`s, so the caller runs them with
//! its GIL released:
//!
//! ```ignore
//! let msg = Message::from_value(&v, mode, &limits)?;          // GIL held
//! let r = gil::allow_threads(trace::BLOCKED_LOCK, || q.put(msg, tag, timeout));
//! if let Err(QueueFull(msg)) = r { /* drop or report msg with the GIL held */ }
//! ```
//!
//! Dropping a `Message` is sound on any thread (see [`SharedValue`]'s safety
//! argument), so a queue that still holds messages may be dropped anywhere.
//!
//! `maxsize` follows PEP 734: 0 (or less, at the Python level) means
//! unbounded; a positive size bounds the queue and `put` blocks, or fails
//! with [`QueueFull`], when it is full.

use std::collections::HashMap;
use std::sync::atomic::{
    AtomicU64, AtomicUsize,
    Ordering::{Relaxed, SeqCst},
};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError, Weak};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender, TryRecvError};

use gilgamesh_core::Value;

use crate::error::{DecodeError, NotShareable};
use crate::origin::{Tag, Unbound};
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

/// What `get` took from the queue.
#[derive(Debug)]
pub enum Got {
    /// An item's message.
    Message(Message),
    /// An item whose origin was retired while it was queued: its rule
    /// ([`Unbound::Error`] or [`Unbound::Replace`]; `Remove` items never come
    /// out). Its message was dropped.
    Unbound(Unbound),
}

impl Got {
    /// The message, if the item was still bound.
    pub fn into_message(self) -> Option<Message> {
        match self {
            Got::Message(m) => Some(m),
            Got::Unbound(_) => None,
        }
    }
}

/// One item in the channel: the message and its tag, packed in one word
/// (`origin << 2 | rule`) so that an item is no bigger than it must be.
#[derive(Debug)]
struct Slot {
    msg: Message,
    tag: u64,
}

impl Slot {
    #[inline]
    fn new(msg: Message, tag: Tag) -> Slot {
        debug_assert!(tag.origin < 1 << 62, "origins are below 2^62");
        Slot {
            msg,
            tag: tag.origin << 2 | tag.unbound as u64,
        }
    }

    #[inline]
    fn origin(&self) -> u64 {
        self.tag >> 2
    }

    #[inline]
    fn unbound(&self) -> Unbound {
        match self.tag & 3 {
            1 => Unbound::Remove,
            2 => Unbound::Error,
            _ => Unbound::Replace,
        }
    }
}

/// Counters of one queue, shared by all its handles: those that `put`s
/// write and those that `get`s write on separate cache lines, so that a
/// producer and a consumer on two cores do not take the line from each
/// other on every message.
#[derive(Default, Debug)]
struct Counters {
    put_side: PutCounters,
    get_side: GetCounters,
}

#[derive(Default, Debug)]
#[repr(align(128))]
struct PutCounters {
    put: AtomicU64,
    bytes_copied: AtomicU64,
    bytes_shared: AtomicU64,
    blocked_put_ns: AtomicU64,
}

#[derive(Default, Debug)]
#[repr(align(128))]
struct GetCounters {
    got: AtomicU64,
    blocked_get_ns: AtomicU64,
}

/// The `Unbound::Remove` items of retirable origins in one queue, by origin.
#[derive(Default, Debug)]
struct Removable {
    /// Items of origins still alive.
    live: HashMap<u64, usize>,
    /// Items of retired origins still in the channel (tombstones).
    dead: HashMap<u64, usize>,
    /// True once the queue is in [`REMOVABLE_QUEUES`].
    registered: bool,
}

/// The state of one queue that all its handles share.
#[derive(Debug)]
struct Shared {
    counters: Counters,
    /// The bound (0: unbounded).
    maxsize: usize,
    /// Bounded queues only: the items in the queue. `put` reserves a place
    /// here before it sends, `get` gives it back after it took a bound item,
    /// retiring an origin gives back its `Remove` items' places at once.
    count: AtomicUsize,
    /// Bounded queues only: `put`s waiting for room.
    waiting: AtomicUsize,
    /// Where waiting `put`s sleep; a `get` or a retirement that frees places
    /// while some wait takes the lock and notifies.
    room: Mutex<()>,
    room_freed: Condvar,
    /// Tombstones still in the channel (`Remove` items of retired origins).
    tombstones: AtomicUsize,
    removable: Mutex<Removable>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Queues that ever held a `Remove` item of a retirable origin: the ones
/// [`crate::origin::retire`] visits.
static REMOVABLE_QUEUES: Mutex<Vec<Weak<Shared>>> = Mutex::new(Vec::new());

/// `origin` was retired: its `Remove` items leave every queue (they stay in
/// the channel as tombstones that no longer count).
pub(crate) fn drop_removable(origin: u64) {
    let queues: Vec<Arc<Shared>> = {
        let mut all = lock(&REMOVABLE_QUEUES);
        all.retain(|w| w.strong_count() > 0);
        all.iter().filter_map(Weak::upgrade).collect()
    };
    for s in queues {
        let n = {
            let mut r = lock(&s.removable);
            match r.live.remove(&origin) {
                Some(n) => {
                    *r.dead.entry(origin).or_default() += n;
                    // Counted before the lock is let go: a `get` that meets
                    // one of them takes it off under the same lock.
                    s.tombstones.fetch_add(n, SeqCst);
                    n
                }
                None => 0,
            }
        };
        if n > 0 && s.maxsize > 0 {
            s.free_places(n);
        }
    }
}

impl Shared {
    /// Gives back `n` places of a bounded queue, waking waiting `put`s.
    #[inline]
    fn free_places(&self, n: usize) {
        self.count.fetch_sub(n, SeqCst);
        // Seen by a `put` that starts waiting after the decrement (it
        // re-checks under the lock), or it sees the decrement: both are
        // SeqCst, so one of the two sides sees the other.
        if self.waiting.load(SeqCst) > 0 {
            self.wake_putters(n);
        }
    }

    #[cold]
    fn wake_putters(&self, n: usize) {
        let _g = lock(&self.room);
        if n == 1 {
            self.room_freed.notify_one();
        } else {
            self.room_freed.notify_all();
        }
    }
}

/// A snapshot of a queue's counters (for `--stats`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QueueStats {
    /// Messages put.
    pub messages_put: u64,
    /// Items taken (a message, or an unbound item's notice).
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
    tx: Sender<Slot>,
    rx: Receiver<Slot>,
    maxsize: usize,
    shared: Arc<Shared>,
}

impl Queue {
    /// A queue holding at most `maxsize` items; 0 means unbounded.
    pub fn new(maxsize: usize) -> Queue {
        // Unbounded underneath either way: a bounded queue counts its items
        // itself (`Shared::count`), so that the places of removed items are
        // free at once although they are still in the channel.
        let (tx, rx) = crossbeam_channel::unbounded();
        Queue {
            tx,
            rx,
            maxsize,
            shared: Arc::new(Shared {
                counters: Counters::default(),
                maxsize,
                count: AtomicUsize::new(0),
                waiting: AtomicUsize::new(0),
                room: Mutex::new(()),
                room_freed: Condvar::new(),
                tombstones: AtomicUsize::new(0),
                removable: Mutex::new(Removable::default()),
            }),
        }
    }

    /// The bound given at creation (0: unbounded).
    pub fn maxsize(&self) -> usize {
        self.maxsize
    }

    /// Items currently queued (removed items no longer count).
    pub fn qsize(&self) -> usize {
        if self.maxsize > 0 {
            self.shared.count.load(SeqCst)
        } else {
            self.rx
                .len()
                .saturating_sub(self.shared.tombstones.load(SeqCst))
        }
    }

    /// True if no item is queued.
    pub fn empty(&self) -> bool {
        self.qsize() == 0
    }

    /// True if the queue is bounded and at its bound.
    pub fn full(&self) -> bool {
        self.maxsize > 0 && self.shared.count.load(SeqCst) >= self.maxsize
    }

    /// Takes a place in a bounded queue, if one is free.
    #[inline]
    fn reserve(&self) -> bool {
        let count = &self.shared.count;
        let mut c = count.load(Relaxed);
        loop {
            if c >= self.maxsize {
                return false;
            }
            match count.compare_exchange_weak(c, c + 1, SeqCst, Relaxed) {
                Ok(_) => return true,
                Err(now) => c = now,
            }
        }
    }

    /// Sends an item whose place is taken (or that needs none).
    #[inline]
    fn send(&self, msg: Message, tag: Tag) {
        let (copied, shared) = (msg.bytes_copied(), msg.bytes_shared());
        if tag.origin != 0 && tag.unbound == Unbound::Remove {
            self.note_removable(tag.origin);
        }
        // The channel is unbounded and this handle holds its receiver, so
        // sending cannot fail.
        let sent = self.tx.send(Slot::new(msg, tag));
        debug_assert!(sent.is_ok());
        let c = &self.shared.counters.put_side;
        c.put.fetch_add(1, Relaxed);
        if copied != 0 {
            c.bytes_copied.fetch_add(copied as u64, Relaxed);
        }
        if shared != 0 {
            c.bytes_shared.fetch_add(shared as u64, Relaxed);
        }
    }

    /// Counts a `Remove` item of `origin` before it is sent.
    #[cold]
    fn note_removable(&self, origin: u64) {
        let mut r = lock(&self.shared.removable);
        *r.live.entry(origin).or_default() += 1;
        if !r.registered {
            r.registered = true;
            // Under the queue's lock, so that a retirement that follows this
            // put finds the queue.
            let mut all = lock(&REMOVABLE_QUEUES);
            if all.len() >= 64 && all.len().is_power_of_two() {
                // Queues dropped since the last retirement.
                all.retain(|w| w.strong_count() > 0);
            }
            all.push(Arc::downgrade(&self.shared));
        }
    }

    /// Appends `msg` (put by `tag.origin`), waiting while the queue is full:
    /// forever with `None`, else up to `timeout`. Blocks with no GIL needed
    /// and without polling.
    #[inline]
    pub fn put(&self, msg: Message, tag: Tag, timeout: Option<Duration>) -> Result<(), QueueFull> {
        if self.maxsize == 0 || self.reserve() {
            self.send(msg, tag);
            return Ok(());
        }
        self.put_slow(msg, tag, timeout)
    }

    #[cold]
    fn put_slow(&self, msg: Message, tag: Tag, timeout: Option<Duration>) -> Result<(), QueueFull> {
        let start = Instant::now();
        // `None` (no timeout, or one past the end of time) waits for ever.
        let deadline = timeout.and_then(|t| start.checked_add(t));
        let s = &self.shared;
        s.waiting.fetch_add(1, SeqCst);
        let mut g = lock(&s.room);
        let placed = loop {
            if self.reserve() {
                break true;
            }
            match deadline {
                None => g = s.room_freed.wait(g).unwrap_or_else(PoisonError::into_inner),
                Some(d) => {
                    let now = Instant::now();
                    if now >= d {
                        // A place freed as the wait timed out is still taken.
                        break self.reserve();
                    }
                    g = s
                        .room_freed
                        .wait_timeout(g, d - now)
                        .unwrap_or_else(PoisonError::into_inner)
                        .0;
                }
            }
        };
        drop(g);
        s.waiting.fetch_sub(1, SeqCst);
        let waited = start.elapsed().as_nanos() as u64;
        s.counters
            .put_side
            .blocked_put_ns
            .fetch_add(waited, Relaxed);
        if placed {
            self.send(msg, tag);
            Ok(())
        } else {
            Err(QueueFull(msg))
        }
    }

    /// Appends `msg` (put by `tag.origin`) if there is room, else hands it
    /// back.
    #[inline]
    pub fn put_nowait(&self, msg: Message, tag: Tag) -> Result<(), QueueFull> {
        if self.maxsize == 0 || self.reserve() {
            self.send(msg, tag);
            Ok(())
        } else {
            Err(QueueFull(msg))
        }
    }

    /// What a slot just received is: a bound message, an unbound item's
    /// notice, or nothing (a tombstone, dropped).
    #[inline]
    fn take(&self, slot: Slot) -> Option<Got> {
        // Origin 0, or a `Replace`/`Error` item of an origin still alive: the
        // message (the common case: one compare, or a bit test).
        if slot.tag < 4
            || (slot.tag & 3 != Unbound::Remove as u64 && !crate::origin::is_retired(slot.origin()))
        {
            self.took();
            return Some(Got::Message(slot.msg));
        }
        self.take_tagged(slot)
    }

    /// A place given back and an item counted: a bound or unbound item was
    /// taken.
    #[inline]
    fn took(&self) {
        if self.maxsize > 0 {
            self.shared.free_places(1);
        }
        self.shared.counters.get_side.got.fetch_add(1, Relaxed);
    }

    /// [`Queue::take`] for a `Remove` item of a retirable origin, or an item
    /// of a retired one.
    #[cold]
    fn take_tagged(&self, slot: Slot) -> Option<Got> {
        let got = match slot.unbound() {
            Unbound::Remove => {
                if !self.take_removable(slot.origin()) {
                    return None;
                }
                Got::Message(slot.msg)
            }
            rule => {
                drop(slot.msg);
                Got::Unbound(rule)
            }
        };
        self.took();
        Some(got)
    }

    /// A `Remove` item of `origin` was received: false if it is a tombstone
    /// (its origin was retired: it no longer counts), else it is taken off
    /// its origin's live items.
    #[cold]
    fn take_removable(&self, origin: u64) -> bool {
        let mut r = lock(&self.shared.removable);
        if let Some(n) = r.dead.get_mut(&origin) {
            *n -= 1;
            if *n == 0 {
                r.dead.remove(&origin);
            }
            self.shared.tombstones.fetch_sub(1, SeqCst);
            return false;
        }
        if let Some(n) = r.live.get_mut(&origin) {
            *n -= 1;
            if *n == 0 {
                r.live.remove(&origin);
            }
        }
        true
    }

    /// Takes the oldest item, waiting while the queue is empty: forever with
    /// `None`, else up to `timeout`. Blocks with no GIL needed and without
    /// polling.
    #[inline]
    pub fn get(&self, timeout: Option<Duration>) -> Result<Got, QueueEmpty> {
        match self.rx.try_recv() {
            Ok(slot) => match self.take(slot) {
                Some(got) => Ok(got),
                None => self.get_slow(timeout),
            },
            Err(_) => self.get_slow(timeout),
        }
    }

    #[cold]
    fn get_slow(&self, timeout: Option<Duration>) -> Result<Got, QueueEmpty> {
        let start = Instant::now();
        let deadline = timeout.and_then(|t| start.checked_add(t));
        // This handle holds a sender, so the channel is never disconnected.
        let r = loop {
            let slot = match deadline {
                None => self.rx.recv().map_err(|_| QueueEmpty),
                Some(d) => self.rx.recv_deadline(d).map_err(|e| match e {
                    RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected => QueueEmpty,
                }),
            };
            match slot {
                Err(e) => break Err(e),
                Ok(s) => {
                    if let Some(got) = self.take(s) {
                        break Ok(got);
                    }
                }
            }
        };
        let waited = start.elapsed().as_nanos() as u64;
        self.shared
            .counters
            .get_side
            .blocked_get_ns
            .fetch_add(waited, Relaxed);
        r
    }

    /// Takes the oldest item if there is one.
    #[inline]
    pub fn get_nowait(&self) -> Result<Got, QueueEmpty> {
        loop {
            match self.rx.try_recv() {
                Ok(slot) => {
                    if let Some(got) = self.take(slot) {
                        return Ok(got);
                    }
                }
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return Err(QueueEmpty),
            }
        }
    }

    /// The counters so far.
    pub fn stats(&self) -> QueueStats {
        let (p, g) = (
            &self.shared.counters.put_side,
            &self.shared.counters.get_side,
        );
        QueueStats {
            messages_put: p.put.load(Relaxed),
            messages_got: g.got.load(Relaxed),
            bytes_copied: p.bytes_copied.load(Relaxed),
            bytes_shared: p.bytes_shared.load(Relaxed),
            blocked_put: Duration::from_nanos(p.blocked_put_ns.load(Relaxed)),
            blocked_get: Duration::from_nanos(g.blocked_get_ns.load(Relaxed)),
        }
    }

    /// True if `self` and `other` are handles to the same queue.
    pub fn same_queue(&self, other: &Queue) -> bool {
        Arc::ptr_eq(&self.shared, &other.shared)
    }
}
