//! `--stats` for isolated interpreters: per interpreter, the messages it
//! sent and received, the bytes that crossed shared (zero-copy) and copied
//! (encoded), the time spent encoding and decoding, and the time its threads
//! spent blocked on queues.
//!
//! Counting is off unless `--stats` asks for it ([`enable`]): finding the
//! sending interpreter costs a registry look-up per message.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::sync::Arc;

use parking_lot::Mutex;

/// One interpreter's counters.
#[derive(Default)]
pub struct InterpStats {
    /// Messages made from this interpreter's values.
    pub sent: AtomicU64,
    /// Messages turned into values here.
    pub received: AtomicU64,
    /// Payload bytes of `str`/`bytes` sent without a copy.
    pub bytes_shared: AtomicU64,
    /// Encoded (copied) bytes sent.
    pub bytes_copied: AtomicU64,
    /// Nanoseconds spent making messages (encoding).
    pub encode_ns: AtomicU64,
    /// Nanoseconds spent turning messages into values (decoding).
    pub decode_ns: AtomicU64,
    /// Nanoseconds its threads waited in a queue's `put` or `get`.
    pub blocked_ns: AtomicU64,
}

static ENABLED: AtomicBool = AtomicBool::new(false);
/// Every interpreter's row, closed ones included, in creation order.
static ROWS: Mutex<Vec<(u64, Arc<InterpStats>)>> = Mutex::new(Vec::new());

/// Turns counting on (`--stats`), before any Python code runs.
pub fn enable() {
    ENABLED.store(true, Relaxed);
}

/// True when `--stats` counts messages.
#[inline]
pub fn enabled() -> bool {
    ENABLED.load(Relaxed)
}

/// A new row for interpreter `id`.
pub(crate) fn new_row(id: u64) -> Arc<InterpStats> {
    let row = Arc::new(InterpStats::default());
    ROWS.lock().push((id, row.clone()));
    row
}

/// Nanoseconds since `t`.
pub(crate) fn since(t: std::time::Instant) -> u64 {
    t.elapsed().as_nanos() as u64
}

/// The `--stats` section, or an empty string when no interpreter other
/// than the main one was made.
pub fn report() -> String {
    let rows = ROWS.lock();
    if rows.len() < 2 {
        return String::new();
    }
    let mut out = String::from("isolated interpreters (concurrent.interpreters):\n");
    out.push_str(&format!(
        "{:>6} {:>10} {:>10} {:>14} {:>14} {:>11} {:>11} {:>12}\n",
        "interp",
        "sent",
        "received",
        "bytes shared",
        "bytes copied",
        "encode ms",
        "decode ms",
        "blocked ms"
    ));
    for (id, s) in rows.iter() {
        let ms = |a: &AtomicU64| a.load(Relaxed) as f64 / 1e6;
        out.push_str(&format!(
            "{:>6} {:>10} {:>10} {:>14} {:>14} {:>11.3} {:>11.3} {:>12.3}\n",
            id,
            s.sent.load(Relaxed),
            s.received.load(Relaxed),
            s.bytes_shared.load(Relaxed),
            s.bytes_copied.load(Relaxed),
            ms(&s.encode_ns),
            ms(&s.decode_ns),
            ms(&s.blocked_ns)
        ));
    }
    out
}
