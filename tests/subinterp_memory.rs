//! Creating and closing isolated interpreters in a loop keeps memory flat.
//!
//! Each iteration creates an interpreter, runs code in it that imports a
//! module and builds objects, sends it a value and gets one back through a
//! queue, and closes it. The test runs N and 10N iterations in each mode and
//! compares the peak resident set sizes (`VmHWM`), as `gc_memory.rs` does:
//! the longer run's peak must stay within 1.5x the shorter one's plus 20 MB.
//! What an interpreter leaves behind (its modules, classes and functions
//! kept alive by the immortal code copies it ran, or a cycle the collector
//! cannot see) grows with the count instead.

mod common;

const PROGRAM: &str = r#"
import sys
from concurrent import interpreters
n = int(sys.argv[1])
q = interpreters.create_queue()
for i in range(n):
    interp = interpreters.create()
    interp.prepare_main(q=q, i=i)
    interp.exec("import threading\nclass K(tuple): pass\nK.k = K((i, 2))\nq.put([i, 'x' * 10])")
    assert q.get() == [i, 'x' * 10]
    interp.close()
print(n)
"#;

/// Iterations of the shorter run; the longer one does ten times as many.
const SHORT_RUN: u64 = if cfg!(debug_assertions) { 200 } else { 1_000 };

/// Allowed growth: the long run's peak must be below `short * 1.5 + SLACK_KB`.
const SLACK_KB: u64 = 20 * 1024;

fn check(mode_args: &[&str]) {
    let short = common::peak_rss_of_run(mode_args, PROGRAM, SHORT_RUN);
    let long = common::peak_rss_of_run(mode_args, PROGRAM, SHORT_RUN * 10);
    let limit = short * 3 / 2 + SLACK_KB;
    assert!(
        long < limit,
        "{mode_args:?}: peak RSS grew with interpreters created and closed: {short} KiB \
         for {SHORT_RUN}, {long} KiB for {} (limit {limit} KiB)",
        SHORT_RUN * 10
    );
}

#[test]
#[cfg(target_os = "linux")]
fn interpreters_created_and_closed_in_gil_mode_do_not_grow_memory() {
    check(&["--mode", "gil"]);
}

#[test]
#[cfg(target_os = "linux")]
fn interpreters_created_and_closed_in_nogil_mode_do_not_grow_memory() {
    check(&["--mode", "nogil"]);
}
