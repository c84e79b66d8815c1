//! `--trace FILE`: per-thread timelines in the Chrome trace-event format
//! (the JSON that Perfetto and chrome://tracing open).
//!
//! Each thread is, at every moment, in one *state*: running Python while
//! holding the GIL, waiting for the GIL, or blocked in a call that released it
//! (sleep, a lock or condition wait, `join`, reading stdin, writing output).
//! The GIL ([`crate::gil`]) reports every state change with [`transition`];
//! each change closes the previous state as one complete event (`"ph": "X"`)
//! on that thread's track. Other mechanisms (collections, stop-the-world
//! pauses, runs in another interpreter) add spans with [`span`] and
//! [`span_named`]; messages between interpreters add flow arrows
//! ([`flow`]: `"ph": "s"` where sent, `"ph": "f"` where received).
//!
//! Recording costs one relaxed load per GIL transition when tracing is off.
//! When on, each thread appends to its own buffer (an uncontended mutex, so
//! [`write_json`] can read every buffer at exit).
//!
//! Format reference: "Trace Event Format" (Google, the document linked from
//! chrome://tracing): `traceEvents` array; `ts`/`dur` in microseconds; `pid`,
//! `tid`; metadata events (`"ph": "M"`) name the process and the threads.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use parking_lot::Mutex;

/// Span name: the thread holds the GIL and runs Python.
pub const RUNNING: &str = "running";
/// Span name: the thread waits to take the GIL.
pub const WAITING_GIL: &str = "waiting for GIL";
/// Span name: blocked in `time.sleep`.
pub const BLOCKED_SLEEP: &str = "blocked: sleep";
/// Span name: blocked acquiring a lock (locks, conditions, events, queues,
/// `join` all wait here).
pub const BLOCKED_LOCK: &str = "blocked: lock";
/// Span name: blocked reading standard input.
pub const BLOCKED_STDIN: &str = "blocked: read stdin";
/// Span name: blocked writing standard output.
pub const BLOCKED_WRITE: &str = "blocked: write stdout";
/// Span name: waiting for a new thread to start.
pub const BLOCKED_START: &str = "blocked: start thread";

static ENABLED: AtomicBool = AtomicBool::new(false);
static NEXT_TID: AtomicU64 = AtomicU64::new(1);

/// One finished span.
struct Span {
    name: std::borrow::Cow<'static, str>,
    cat: &'static str,
    start_ns: u64,
    dur_ns: u64,
}

/// One end of a flow arrow (a message from one thread to another): its id,
/// when, and whether it starts (`"ph": "s"`) or ends (`"ph": "f"`) there.
struct FlowEnd {
    id: u64,
    at_ns: u64,
    start: bool,
}

/// A thread's track: its id in the trace, its name and its spans.
struct Track {
    tid: u64,
    name: String,
    spans: Vec<Span>,
    flows: Vec<FlowEnd>,
    /// The state the thread is in now, and since when.
    open: Option<(&'static str, u64)>,
}

impl Track {
    fn close_open(&mut self, now: u64) {
        if let Some((name, start)) = self.open.take() {
            if now > start {
                self.spans.push(Span {
                    name: name.into(),
                    cat: "gil",
                    start_ns: start,
                    dur_ns: now - start,
                });
            }
        }
    }
}

/// Every track ever opened, in creation order.
static TRACKS: Mutex<Vec<Arc<Mutex<Track>>>> = Mutex::new(Vec::new());

thread_local! {
    /// The calling thread's track.
    static LOCAL: RefCell<Option<Arc<Mutex<Track>>>> = const { RefCell::new(None) };
}

fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

/// Nanoseconds since tracing started.
pub fn now_ns() -> u64 {
    epoch().elapsed().as_nanos() as u64
}

/// Turns recording on (once, before any thread starts).
pub fn enable() {
    epoch();
    ENABLED.store(true, Relaxed);
}

/// True if `--trace` is recording.
#[inline]
pub fn enabled() -> bool {
    ENABLED.load(Relaxed)
}

fn with_local<R>(f: impl FnOnce(&mut Track) -> R) -> R {
    LOCAL.with(|l| {
        let mut l = l.borrow_mut();
        let local = l.get_or_insert_with(|| {
            let tid = NEXT_TID.fetch_add(1, Relaxed);
            let name = if tid == 1 {
                "MainThread".to_string()
            } else {
                format!("thread-{}", tid - 1)
            };
            let track = Arc::new(Mutex::new(Track {
                tid,
                name,
                spans: Vec::new(),
                flows: Vec::new(),
                open: None,
            }));
            TRACKS.lock().push(track.clone());
            track
        });
        let mut track = local.lock();
        f(&mut track)
    })
}

/// The calling thread enters `state` (or leaves every state, with `None`):
/// the state it was in becomes a finished span.
#[inline]
pub fn transition(state: Option<&'static str>) {
    if enabled() {
        transition_slow(state);
    }
}

#[cold]
fn transition_slow(state: Option<&'static str>) {
    let now = now_ns();
    with_local(|t| {
        if matches!((t.open, state), (Some((a, _)), Some(b)) if a == b) {
            return;
        }
        t.close_open(now);
        t.open = state.map(|s| (s, now));
    });
}

/// Records a finished span of another mechanism (`cat` groups them: "gc",
/// "stop-the-world") on the calling thread's track.
pub fn span(name: &'static str, cat: &'static str, start_ns: u64, end_ns: u64) {
    span_named(name.into(), cat, start_ns, end_ns);
}

/// [`span`] with a name made at run time ("interpreter 3").
pub fn span_named(
    name: std::borrow::Cow<'static, str>,
    cat: &'static str,
    start_ns: u64,
    end_ns: u64,
) {
    if !enabled() || end_ns <= start_ns {
        return;
    }
    with_local(|t| {
        t.spans.push(Span {
            name,
            cat,
            start_ns,
            dur_ns: end_ns - start_ns,
        })
    });
}

/// Records one end of flow arrow `id` on the calling thread's track, now:
/// where a message is sent (`start`) or received. Trace viewers draw an
/// arrow from the start to the end with the same id.
pub fn flow(id: u64, start: bool) {
    if enabled() {
        flow_at(id, start, now_ns());
    }
}

/// [`flow`] at a given moment (a sender takes the time before it puts the
/// message, so that the arrow's start is never after its end).
pub fn flow_at(id: u64, start: bool, at_ns: u64) {
    if enabled() {
        with_local(|t| t.flows.push(FlowEnd { id, at_ns, start }));
    }
}

/// Spans of this category (a run in another interpreter) go on a track of
/// their own beside the thread's: the thread's state spans change while it
/// runs there, and complete events on one track must nest.
const INTERPRETER_CAT: &str = "interpreter";

/// Added to a thread's track id to make the id of its interpreter track.
const INTERPRETER_TRACK: u64 = 1 << 40;

/// Names the calling thread's track (the Python thread's name).
pub fn set_thread_name(name: &str) {
    if enabled() {
        with_local(|t| t.name = name.to_string());
    }
}

fn escape(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn micros(ns: u64) -> String {
    format!("{}.{:03}", ns / 1000, ns % 1000)
}

/// The whole trace as Chrome trace-event JSON. Every thread's open state
/// ends now (threads still running at exit, such as daemon threads, show up
/// to this moment).
pub fn to_json(mode: &str) -> String {
    let now = now_ns();
    let pid = std::process::id();
    let mut out = String::from("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n");
    let _ = write!(
        out,
        "{{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":{pid},\"tid\":0,\"args\":{{\"name\":"
    );
    escape(&format!("gilgamesh --mode {mode}"), &mut out);
    out.push_str("}}");
    let tracks: Vec<_> = TRACKS.lock().clone();
    for track in tracks {
        let mut t = track.lock();
        t.close_open(now);
        let _ = write!(
            out,
            ",\n{{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":{pid},\"tid\":{},\"args\":{{\"name\":",
            t.tid
        );
        escape(&t.name, &mut out);
        out.push_str("}}");
        let _ = write!(
            out,
            ",\n{{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":{pid},\"tid\":{},\"args\":{{\"sort_index\":{}}}}}",
            t.tid, t.tid
        );
        if t.spans.iter().any(|s| s.cat == INTERPRETER_CAT) {
            let _ = write!(
                out,
                ",\n{{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":{pid},\"tid\":{},\"args\":{{\"name\":",
                t.tid + INTERPRETER_TRACK
            );
            escape(&format!("{} (in interpreters)", t.name), &mut out);
            out.push_str("}}");
            let _ = write!(
                out,
                ",\n{{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":{pid},\"tid\":{},\"args\":{{\"sort_index\":{}}}}}",
                t.tid + INTERPRETER_TRACK,
                t.tid
            );
        }
        for s in &t.spans {
            let tid = if s.cat == INTERPRETER_CAT {
                t.tid + INTERPRETER_TRACK
            } else {
                t.tid
            };
            out.push_str(",\n{\"name\":");
            escape(&s.name, &mut out);
            let _ = write!(
                out,
                ",\"cat\":\"{}\",\"ph\":\"X\",\"ts\":{},\"dur\":{},\"pid\":{pid},\"tid\":{tid}}}",
                s.cat,
                micros(s.start_ns),
                micros(s.dur_ns),
            );
        }
        for f in &t.flows {
            // Flow events bind to the enclosing complete event ("bp": "e").
            let _ = write!(
                out,
                ",\n{{\"name\":\"message\",\"cat\":\"message\",\"ph\":\"{}\",\"bp\":\"e\",\"id\":{},\"ts\":{},\"pid\":{pid},\"tid\":{}}}",
                if f.start { "s" } else { "f" },
                f.id,
                micros(f.at_ns),
                t.tid
            );
        }
    }
    out.push_str("\n]}\n");
    out
}

/// Writes the trace to `path`.
pub fn write_json(path: &std::path::Path, mode: &str) -> std::io::Result<()> {
    std::fs::write(path, to_json(mode))
}
