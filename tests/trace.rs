//! `--trace FILE`: the file is Chrome trace-event JSON (the format Perfetto
//! and chrome://tracing read), and a known two-thread program shows the spans
//! it must: the main thread blocked in `sleep`, then waiting for the GIL that
//! a CPU-bound worker holds; the worker running and being asked to drop it.

use std::process::Command;

use serde_json::Value;

fn run_traced(name: &str, source: &str) -> (String, Value) {
    let dir = std::env::temp_dir().join(format!("gilgamesh-trace-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let script = dir.join("prog.py");
    let trace = dir.join("trace.json");
    std::fs::write(&script, source).expect("write script");
    let out = Command::new(env!("CARGO_BIN_EXE_gilgamesh"))
        .args([
            "run",
            "--trace",
            trace.to_str().expect("utf-8 path"),
            script.to_str().expect("utf-8 path"),
        ])
        .output()
        .expect("run gilgamesh");
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&trace).expect("trace written");
    let json: Value = serde_json::from_str(&text).expect("trace is valid JSON");
    (String::from_utf8_lossy(&out.stdout).into_owned(), json)
}

/// A span: (thread id, name, start us, duration us, category).
type Span = (u64, String, f64, f64, String);

/// Checks every event against the trace-event format and returns the
/// complete events and the thread names.
fn validate(json: &Value) -> (Vec<Span>, Vec<(u64, String)>) {
    let events = json["traceEvents"]
        .as_array()
        .expect("object form with a traceEvents array");
    let mut spans = Vec::new();
    let mut names = Vec::new();
    let pid = events[0]["pid"].as_u64().expect("pid");
    for e in events {
        let ph = e["ph"].as_str().expect("every event has a phase");
        let name = e["name"].as_str().expect("every event has a name");
        assert_eq!(e["pid"].as_u64(), Some(pid), "one process: {e}");
        let tid = e["tid"].as_u64().expect("integer tid");
        match ph {
            "M" => {
                assert!(
                    matches!(name, "process_name" | "thread_name" | "thread_sort_index"),
                    "{e}"
                );
                if name == "thread_name" {
                    let n = e["args"]["name"].as_str().expect("thread name");
                    names.push((tid, n.to_string()));
                }
            }
            "X" => {
                let cat = e["cat"].as_str().expect("category");
                let ts = e["ts"].as_f64().expect("ts in microseconds");
                let dur = e["dur"].as_f64().expect("dur in microseconds");
                assert!(ts >= 0.0 && dur > 0.0, "{e}");
                spans.push((tid, name.to_string(), ts, dur, cat.to_string()));
            }
            "s" | "f" => {
                // Flow arrows (messages between interpreters).
                assert_eq!(name, "message", "{e}");
                assert!(
                    e["id"].as_u64().is_some() && e["ts"].as_f64().is_some(),
                    "{e}"
                );
            }
            other => panic!("unexpected phase {other}: {e}"),
        }
    }
    // The GIL states of one thread follow each other without overlapping
    // (collections and stop-the-world spans nest inside them).
    for (tid, _) in &names {
        let mut mine: Vec<&Span> = spans
            .iter()
            .filter(|s| s.0 == *tid && s.4 == "gil")
            .collect();
        mine.sort_by(|a, b| a.2.total_cmp(&b.2));
        for w in mine.windows(2) {
            assert!(
                w[0].2 + w[0].3 <= w[1].2 + 0.002,
                "overlapping spans on thread {tid}: {:?} {:?}",
                w[0],
                w[1]
            );
        }
    }
    // Complete events of one track nest: any two are disjoint or one holds
    // the other (the trace-event format's rule; viewers misdraw otherwise).
    // Timestamps are printed in whole nanoseconds, so allow 1 ns.
    for (tid, _) in &names {
        let mine: Vec<&Span> = spans.iter().filter(|s| s.0 == *tid).collect();
        for a in &mine {
            for b in &mine {
                let (a0, a1, b0, b1) = (a.2, a.2 + a.3, b.2, b.2 + b.3);
                let disjoint = a1 <= b0 + 0.002 || b1 <= a0 + 0.002;
                let nested = (a0 <= b0 + 0.002 && b1 <= a1 + 0.002)
                    || (b0 <= a0 + 0.002 && a1 <= b1 + 0.002);
                assert!(
                    disjoint || nested,
                    "spans cross on track {tid}: {a:?} {b:?}"
                );
            }
        }
    }
    (spans, names)
}

#[test]
fn two_threads_show_running_waiting_and_blocked_spans() {
    let (stdout, json) = run_traced(
        "two",
        "import threading, time\n\
         stop = threading.Event()\n\
         def spin():\n\
         \x20   n = 0\n\
         \x20   while not stop.is_set():\n\
         \x20       n += 1\n\
         t = threading.Thread(target=spin, name='worker')\n\
         t.start()\n\
         time.sleep(0.05)\n\
         stop.set()\n\
         t.join()\n\
         print('done')\n",
    );
    assert_eq!(stdout, "done\n");
    let (spans, names) = validate(&json);
    let tid_of = |n: &str| {
        names
            .iter()
            .find(|(_, name)| name == n)
            .unwrap_or_else(|| panic!("no thread named {n}: {names:?}"))
            .0
    };
    let main = tid_of("MainThread");
    let worker = tid_of("worker");
    let of = |tid: u64, name: &str| -> Vec<Span> {
        spans
            .iter()
            .filter(|s| s.0 == tid && s.1 == name)
            .cloned()
            .collect()
    };
    let sleep = of(main, "blocked: sleep");
    // (Its length is not checked: the span starts when the GIL is released,
    // which a loaded machine may delay past part of the 50 ms.)
    assert_eq!(sleep.len(), 1, "{spans:?}");
    // Waking from the sleep, the main thread must wait for the spinning
    // worker to drop the GIL.
    let sleep_end = sleep[0].2 + sleep[0].3;
    assert!(
        of(main, "waiting for GIL")
            .iter()
            .any(|s| (s.2 - sleep_end).abs() < 1.0),
        "no GIL wait after the sleep: {spans:?}"
    );
    assert!(!of(main, "running").is_empty());
    let running = of(worker, "running");
    assert!(!running.is_empty(), "{spans:?}");
    // The worker ran while the main thread slept.
    assert!(
        running
            .iter()
            .any(|s| s.2 < sleep_end && s.2 + s.3 > sleep[0].2),
        "{spans:?}"
    );
    // Asked to drop the GIL, the worker then waited to get it back.
    assert!(!of(worker, "waiting for GIL").is_empty(), "{spans:?}");
}

#[test]
fn interpreters_show_as_spans_and_messages_as_arrows() {
    let (stdout, json) = run_traced(
        "interp",
        "from concurrent import interpreters\n\
         a = interpreters.create()\n\
         q = interpreters.create_queue()\n\
         a.prepare_main(q=q)\n\
         a.exec('for i in range(3):\\n    q.put(i)')\n\
         print(sum(q.get() for _ in range(3)))\n",
    );
    assert_eq!(stdout, "3\n");
    let (spans, _) = validate(&json);
    assert!(
        spans
            .iter()
            .any(|s| s.1 == format!("interpreter {}", 1) && s.4 == "interpreter"),
        "no span of interpreter 1: {spans:?}"
    );
    let events = json["traceEvents"].as_array().expect("events");
    let ids = |ph: &str| -> Vec<u64> {
        let mut v: Vec<u64> = events
            .iter()
            .filter(|e| e["ph"] == ph)
            .map(|e| e["id"].as_u64().expect("flow id"))
            .collect();
        v.sort();
        v
    };
    let (starts, ends) = (ids("s"), ids("f"));
    assert_eq!(starts.len(), 3, "three messages sent: {starts:?}");
    assert_eq!(starts, ends, "every arrow has both ends");
    // Every arrow starts no later than it ends.
    let at = |ph: &str, id: u64| {
        events
            .iter()
            .find(|e| e["ph"] == ph && e["id"].as_u64() == Some(id))
            .and_then(|e| e["ts"].as_f64())
            .expect("flow end")
    };
    for id in &starts {
        assert!(
            at("s", *id) <= at("f", *id),
            "arrow {id} ends before it starts"
        );
    }
    // Runs in another interpreter are on the thread's interpreter track.
    let tracks = validate(&json).1;
    let span = spans
        .iter()
        .find(|s| s.4 == "interpreter")
        .expect("an interpreter span");
    let track = tracks.iter().find(|t| t.0 == span.0).expect("named track");
    assert!(track.1.ends_with("(in interpreters)"), "{track:?}");
}

#[test]
fn single_thread_trace_is_one_running_span() {
    let (stdout, json) = run_traced("one", "print(sum(range(1000)))\n");
    assert_eq!(stdout, "499500\n");
    let (spans, names) = validate(&json);
    assert_eq!(names.len(), 1, "{names:?}");
    let gil: Vec<_> = spans
        .iter()
        .filter(|s| s.1 != "blocked: write stdout")
        .collect();
    assert!(gil.iter().all(|s| s.1 == "running"), "{spans:?}");
}

#[test]
fn unwritable_trace_path_is_a_usage_error_before_running() {
    let out = Command::new(env!("CARGO_BIN_EXE_gilgamesh"))
        .args([
            "run",
            "--trace",
            "/nonexistent-dir/trace.json",
            "tests/programs/basics/bigint.py",
        ])
        .output()
        .expect("run gilgamesh");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nonexistent-dir/trace.json"), "{err}");
}

#[test]
fn nogil_collections_show_as_stop_the_world_spans() {
    let dir = std::env::temp_dir().join(format!("gilgamesh-trace-{}-stw", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let script = dir.join("prog.py");
    let trace = dir.join("trace.json");
    std::fs::write(
        &script,
        "import gc\na = []\na.append(a)\ndel a\nprint(gc.collect())\n",
    )
    .expect("write script");
    let out = Command::new(env!("CARGO_BIN_EXE_gilgamesh"))
        .args(["run", "--mode", "nogil", "--gil", "1", "--trace"])
        .arg(&trace)
        .arg(&script)
        .output()
        .expect("run gilgamesh");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1\n");
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(&trace).expect("trace")).expect("JSON");
    let (spans, _) = validate(&json);
    let stw: Vec<_> = spans.iter().filter(|s| s.1 == "stop-the-world").collect();
    let gc: Vec<_> = spans
        .iter()
        .filter(|s| s.1 == "gc: full collection")
        .collect();
    assert_eq!((stw.len(), gc.len()), (1, 1), "{spans:?}");
    // The collection runs inside the stopped world.
    assert!(stw[0].2 <= gc[0].2 && gc[0].2 + gc[0].3 <= stw[0].2 + stw[0].3 + 0.002);
}
