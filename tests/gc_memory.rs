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

mod common;

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

/// Allowed growth: the long run's peak must be below `short * 1.5 + SLACK_KB`.
const SLACK_KB: u64 = 20 * 1024;

/// Runs the program for `n` iterations; returns its peak RSS in KiB.
fn run_cycles(n: u64) -> u64 {
    common::peak_rss_of_run(&[], PROGRAM, n)
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

/// Module-level comprehensions and generator expressions while another
/// thread runs, in the free-threaded mode: each run makes a function object,
/// which must be freed (it was made immortal as a "module-level function"
/// once threads started, so every run leaked one).
const COMPREHENSIONS: &str = r#"
import sys, threading
n = int(sys.argv[1])
stop = threading.Event()
t = threading.Thread(target=stop.wait)
t.start()
xs = [1, 2, 3]
total = 0
for i in range(n):
    total += len([x for x in xs]) + sum(x for x in xs) + len({x: 1 for x in xs})
stop.set()
t.join()
assert total == 12 * n, total
print(n)
"#;

#[test]
#[cfg(target_os = "linux")]
fn module_level_comprehensions_do_not_leak_under_free_threading() {
    let short = common::peak_rss_of_run(&["--mode", "nogil"], COMPREHENSIONS, SHORT_RUN / 3);
    let long = common::peak_rss_of_run(&["--mode", "nogil"], COMPREHENSIONS, SHORT_RUN * 10 / 3);
    let limit = short * 3 / 2 + SLACK_KB;
    assert!(
        long < limit,
        "peak RSS grew with module-level comprehensions: {short} KiB, then {long} KiB for ten \
         times as many (limit {limit} KiB)"
    );
}
