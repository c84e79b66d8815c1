//! Helpers shared by the integration tests that measure a child process.

#![allow(dead_code)] // each test crate uses part of this

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// No run may take longer than this.
pub const TIMEOUT: Duration = Duration::from_secs(120);

/// The `VmHWM` (peak resident set) of a live process, in KiB.
pub fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
}

/// Runs `gilgamesh run MODE_ARGS FILE n` with `program` in FILE (a
/// temporary file); the program must print `n`. Returns its peak RSS in KiB.
pub fn peak_rss_of_run(mode_args: &[&str], program: &str, n: u64) -> u64 {
    let start = Instant::now();
    let file = std::env::temp_dir().join(format!(
        "gilgamesh-rss-{}-{}-{n}.py",
        std::process::id(),
        mode_args.join("_").replace('-', "")
    ));
    std::fs::write(&file, program).expect("write the test program");
    let mut child = Command::new(env!("CARGO_BIN_EXE_gilgamesh"))
        .arg("run")
        .args(mode_args)
        .arg(&file)
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
    let _ = std::fs::remove_file(&file);
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
