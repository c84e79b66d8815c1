//! The cycle collector keeps memory flat under a steady stream of garbage cycles.
//!
//! Reference counting alone never frees a self-referencing list or an instance
//! that points to itself; without a working collector, memory grows with every
//! iteration. The test runs the same program for N and 10N iterations and reads
//! each run's peak resident set size (`VmHWM` in `/proc/PID/status`, polled until
//! the process exits). With a collector, the longer run's peak stays within
//! 1.5x the shorter run's plus 20 MB; without one it is roughly ten times larger.
//!
//! N is 300,000 in release builds and 100,000 in debug builds (where the
//! interpreter is about fifteen times slower).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Creates two kinds of garbage cycle per iteration and prints a checksum.
const PROGRAM: &str = r#"
import sys
n = int(sys.argv[1])

class Node:
    pass

total = 0
for i in range(n):
    a = []
    a.append(a)
    x = Node()
    x.self = x
    total += len(a)
print(total)
"#;

/// Iterations of the shorter run; the longer one does ten times as many.
const SHORT_RUN: u64 = if cfg!(debug_assertions) {
    100_000
} else {
    300_000
};

/// No run may take longer than this.
const TIMEOUT: Duration = Duration::from_secs(120);

/// Allowed growth: the long run's peak must be below `short * 1.5 + SLACK_KB`.
const SLACK_KB: u64 = 20 * 1024;

/// The `VmHWM` (peak resident set) of a live process, in KiB.
fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
}

/// Runs the program for `n` iterations; returns its peak RSS in KiB.
fn run_cycles(n: u64) -> u64 {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gilgamesh"))
        .arg("-c")
        .arg(PROGRAM)
        .arg(n.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn gilgamesh");
    // VmHWM only grows, so the last reading before the process exits is its
    // peak (minus at most one polling interval of growth).
    let mut peak = 0;
    let status = loop {
        if let Some(kb) = peak_rss_kb(child.id()) {
            peak = peak.max(kb);
        }
        if let Some(status) = child.try_wait().expect("wait for gilgamesh") {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{n} iterations took longer than {}s", TIMEOUT.as_secs());
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    // The outputs are small (one line, or a traceback), so reading them after
    // exit cannot deadlock on a full pipe.
    let output = child.wait_with_output().expect("collect output");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        status.success(),
        "{n} iterations: gilgamesh ended with {status}\n{stderr}"
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        n.to_string(),
        "{n} iterations: wrong output\n{stderr}"
    );
    assert!(peak > 0, "could not read VmHWM of the child process");
    eprintln!(
        "{n} iterations: peak RSS {} KiB in {:.2}s",
        peak,
        start.elapsed().as_secs_f64()
    );
    peak
}

#[test]
#[cfg(target_os = "linux")]
fn garbage_cycles_do_not_grow_peak_memory() {
    let short = run_cycles(SHORT_RUN);
    let long = run_cycles(SHORT_RUN * 10);
    let limit = short * 3 / 2 + SLACK_KB;
    assert!(
        long < limit,
        "peak RSS grew with garbage cycles: {short} KiB for {SHORT_RUN} iterations, \
         {long} KiB for {} (limit {limit} KiB): is the cycle collector running?",
        SHORT_RUN * 10
    );
}
