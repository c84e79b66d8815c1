//! One cell of the comparison: one workload, one column (an interpreter and
//! a model), one worker count, run as a child process of the driver.
//!
//! Each cell is its own process, so no cell sees another's heap, caches or
//! threads, and the operating system reports its CPU time and peak memory
//! (`wait4`'s `rusage`). The driver prints one JSON object on its last line
//! of stdout (schema in `docs/workloads.md`); this module reads it and adds
//! what only the parent can see.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value as Json;

/// An interpreter and a model: one column of the report.
#[derive(Clone, Debug)]
pub struct Column {
    /// The column's heading, e.g. `gilgamesh nogil` or `CPython 3.13t`.
    pub label: String,
    /// The command up to the script (`[gilgamesh, run, --mode, nogil]`).
    pub program: Vec<String>,
    /// `threads` or `subinterp` (the driver's `--model`).
    pub model: &'static str,
    /// True for gilgamesh's own columns (which can report counters).
    pub gilgamesh: bool,
}

/// How a cell ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Ran, and every run's answer passed `check`.
    Ok,
    /// The interpreter cannot run this model (CPython 3.11 and subinterpreters).
    Unsupported,
    /// An error, a failed check, answers that changed between runs, a
    /// timeout, or no result at all.
    Failed,
}

/// What one child process gave.
pub struct Outcome {
    /// The driver's JSON, if it printed one.
    pub result: Option<Json>,
    /// How it ended.
    pub status: Status,
    /// Why it failed (empty when it did not).
    pub error: String,
    /// Wall time of the whole process, start-up included.
    pub process_s: f64,
    /// User + system CPU time of the process.
    pub cpu_s: f64,
    /// Peak resident memory of the process, in KiB.
    pub peak_rss_kib: u64,
    /// Its stderr (the `--stats` report, for a counting run).
    pub stderr: String,
}

/// What to run in a cell.
pub struct Request<'a> {
    /// The column.
    pub column: &'a Column,
    /// The driver script.
    pub driver: &'a Path,
    /// The workload file.
    pub workload: &'a Path,
    /// Worker count.
    pub workers: usize,
    /// The workload's scale.
    pub scale: f64,
    /// Timed runs.
    pub repeat: usize,
    /// Untimed runs first.
    pub warmup: usize,
    /// The driver's own limit per cell, in seconds (the process is killed
    /// 30 s after it).
    pub timeout_s: f64,
    /// Extra options for gilgamesh before the script (`--stats`).
    pub extra: &'a [&'a str],
}

/// Runs one cell and waits for it.
pub fn run(req: &Request) -> Outcome {
    let mut argv: Vec<String> = req.column.program.clone();
    // Options of `gilgamesh run` go before the script.
    if req.column.gilgamesh {
        argv.extend(req.extra.iter().map(|s| s.to_string()));
    }
    argv.push(req.driver.display().to_string());
    argv.push(req.workload.display().to_string());
    for (k, v) in [
        ("--model", req.column.model.to_string()),
        ("--workers", req.workers.to_string()),
        ("--scale", format_scale(req.scale)),
        ("--repeat", req.repeat.to_string()),
        ("--warmup", req.warmup.to_string()),
        ("--timeout", format!("{}", req.timeout_s)),
    ] {
        argv.push(k.into());
        argv.push(v);
    }
    let start = Instant::now();
    let child = Command::new(&argv[0])
        .args(&argv[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => return failed(format!("cannot start {}: {e}", argv[0])),
    };
    let pid = child.id() as libc::pid_t;
    let mut out = child.stdout.take().expect("piped stdout");
    let mut err = child.stderr.take().expect("piped stderr");
    let out_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let limit = Duration::from_secs_f64(req.timeout_s + 30.0);
    let (code, usage, killed) = wait_with_usage(pid, start, limit);
    // The child was reaped by `wait4`; `Child` must not wait for it again.
    drop(child);
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    let process_s = start.elapsed().as_secs_f64();
    let result = stdout
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with('{'))
        .and_then(|l| serde_json::from_str::<Json>(l).ok());
    let (status, error) = judge(code, killed, &result, &stderr, limit);
    Outcome {
        result,
        status,
        error,
        process_s,
        cpu_s: usage.0,
        peak_rss_kib: usage.1,
        stderr,
    }
}

fn failed(error: String) -> Outcome {
    Outcome {
        result: None,
        status: Status::Failed,
        error,
        process_s: 0.0,
        cpu_s: 0.0,
        peak_rss_kib: 0,
        stderr: String::new(),
    }
}

/// The scale as the driver reads it (an int when it is one).
fn format_scale(s: f64) -> String {
    if s.fract() == 0.0 && s.abs() < 1e15 {
        format!("{}", s as i64)
    } else {
        format!("{s}")
    }
}

/// Waits for `pid` (killing it after `limit`): its exit code (or -signal),
/// its CPU seconds and peak RSS in KiB, and whether it was killed.
fn wait_with_usage(pid: libc::pid_t, start: Instant, limit: Duration) -> (i32, (f64, u64), bool) {
    let mut killed = false;
    loop {
        let mut status: libc::c_int = 0;
        // SAFETY: an all-zero `rusage` is a valid value of that plain C struct.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: `pid` is our own child, not yet reaped (only this loop
        // reaps it); `status` and `usage` are valid for writes.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            let code = if libc::WIFEXITED(status) {
                libc::WEXITSTATUS(status)
            } else if libc::WIFSIGNALED(status) {
                -libc::WTERMSIG(status)
            } else {
                -1
            };
            let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
            let cpu = tv(usage.ru_utime) + tv(usage.ru_stime);
            return (code, (cpu, usage.ru_maxrss as u64), killed);
        }
        if r < 0 {
            return (-1, (0.0, 0), killed);
        }
        if !killed && start.elapsed() > limit {
            // SAFETY: `pid` is our unreaped child, so the id is not reused.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            killed = true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// The cell's status and, for a failure, why.
fn judge(
    code: i32,
    killed: bool,
    result: &Option<Json>,
    stderr: &str,
    limit: Duration,
) -> (Status, String) {
    let last_err = || {
        stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim()
            .to_string()
    };
    if killed {
        return (
            Status::Failed,
            format!("killed after {:.0} s", limit.as_secs_f64()),
        );
    }
    let Some(r) = result else {
        return (
            Status::Failed,
            format!("no result (exit status {code}): {}", last_err()),
        );
    };
    match r.get("status").and_then(Json::as_str) {
        Some("ok") if code == 0 => (Status::Ok, String::new()),
        Some("unsupported") => (Status::Unsupported, error_text(r)),
        Some(s) => (Status::Failed, format!("{s}: {}", error_text(r))),
        None => (
            Status::Failed,
            format!("exit status {code}: {}", last_err()),
        ),
    }
}

/// The driver's error, as one line.
fn error_text(r: &Json) -> String {
    let e = &r["error"];
    if e.is_null() {
        if r["check"]
            .as_str()
            .is_some_and(|c| c != "passed" && c != "absent")
        {
            return format!("check {}", r["check"].as_str().unwrap_or(""));
        }
        if r["answers_agree"] == Json::Bool(false) {
            return "answers changed between runs".into();
        }
        return String::new();
    }
    let stage = e["stage"].as_str().unwrap_or("?");
    let ty = e["type"].as_str().unwrap_or("?");
    let msg = e["message"].as_str().unwrap_or("");
    format!("{ty} in {stage}: {msg}")
}
