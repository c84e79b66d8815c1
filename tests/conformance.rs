//! The conformance corpus: every program under `tests/programs/` run through the
//! `gilgamesh` binary in every mode, its output compared with CPython 3.11's.
//!
//! One test per (mode, program), named `MODE::AREA::NAME` (for example
//! `gil::strings::split_join`), so `cargo test --test conformance -- strings::`
//! runs one area. The corpus conventions are those of `tests/record_expected.py`:
//!
//! - `AREA/NAME.py` is a program; files named `_*.py` and anything inside a
//!   directory named `_*` or `.*` are helpers, not tests.
//! - The program runs as `gilgamesh run MODE-OPTIONS NAME.py` with the working
//!   directory set to its own directory (so `sys.argv == ["NAME.py"]`).
//! - `NAME.expected` holds its exact stdout, recorded from CPython.
//! - Under `errors/`, `NAME.expected_exit` holds the exit status and
//!   `NAME.expected_stderr` the last non-empty line of stderr; elsewhere a program
//!   must exit with status 0 and its stderr is not compared.
//!
//! Programs that do not pass yet are listed in `tests/known_failures.txt` (or the
//! file named by `GILGAMESH_KNOWN_FAILURES`) and run as ignored tests, so the
//! suite stays green while the list is the honest record of what is missing.
//! Each line is a program path (`strings/split_join.py`, every mode) or
//! `MODE:PATH` (that mode only); `#` starts a comment.
//!
//! ```text
//! cargo test --release --test conformance                      # the suite
//! cargo test --release --test conformance -- --include-ignored # known failures too
//! GILGAMESH_WRITE_KNOWN_FAILURES=1 cargo test --release --test conformance
//!     # runs everything, then rewrites the list from what failed
//! ```
//!
//! `GILGAMESH_TEST_TIMEOUT=SECONDS` changes the per-program limit (default 60).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use libtest_mimic::{Arguments, Failed, Trial};

/// The concurrency modes every program runs under. Adding a mode here adds one
/// test per program. `nogil` is the free-threaded mode (no GIL, per-object
/// locks, biased counting); `nogil-gil1` is `--mode nogil --gil 1`: the same
/// machinery (per-thread owners, biased counting, merge queues, detach on
/// blocking) with the GIL on; `nogil-atomic` is free-threaded with
/// `--refcount atomic` (every count on the shared atomic word).
const MODES: &[&str] = &["gil", "nogil", "nogil-gil1", "nogil-atomic"];

/// The `gilgamesh run` options of a mode.
fn mode_args(mode: &str) -> &'static [&'static str] {
    match mode {
        "gil" => &["--mode", "gil"],
        "nogil" => &["--mode", "nogil"],
        "nogil-gil1" => &["--mode", "nogil", "--gil", "1"],
        "nogil-atomic" => &["--mode", "nogil", "--refcount", "atomic"],
        other => panic!("unknown mode {other}"),
    }
}

/// The default wall-clock limit for one program.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// At most this many bytes of each output stream are kept (the rest is drained
/// and dropped, so a runaway program cannot exhaust the test's memory).
const OUTPUT_CAP: usize = 16 << 20;

/// Lines of context and changed lines shown in a diff.
const DIFF_CONTEXT: usize = 3;
const DIFF_MAX_LINES: usize = 20;

/// Lines of the program's stderr shown when it fails.
const STDERR_TAIL: usize = 12;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn programs_root() -> PathBuf {
    repo_root().join("tests").join("programs")
}

/// True for directories that hold helpers (or caches), never tests.
fn is_helper_dir(name: &str) -> bool {
    name.starts_with('_') || name.starts_with('.')
}

/// Every program under `root`, as sorted `/`-separated paths relative to it.
fn discover(root: &Path) -> Vec<String> {
    fn walk(dir: &Path, rel: &str, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            let child = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            if path.is_dir() {
                if !is_helper_dir(&name) {
                    walk(&path, &child, out);
                }
            } else if name.ends_with(".py") && !name.starts_with('_') {
                out.push(child);
            }
        }
    }
    let mut out = Vec::new();
    walk(root, "", &mut out);
    out.sort();
    out
}

/// `strings/split_join.py` -> `strings::split_join`.
fn test_name(program: &str) -> String {
    program.trim_end_matches(".py").replace('/', "::")
}

/// The known-failure list: which programs are expected to fail in which modes.
#[derive(Default)]
struct KnownFailures {
    /// Program path -> the modes it fails in (empty set = every mode).
    entries: BTreeMap<String, BTreeSet<String>>,
}

impl KnownFailures {
    fn path() -> PathBuf {
        match std::env::var_os("GILGAMESH_KNOWN_FAILURES") {
            Some(p) if !p.is_empty() => PathBuf::from(p),
            _ => repo_root().join("tests").join("known_failures.txt"),
        }
    }

    fn load(path: &Path) -> KnownFailures {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let mut kf = KnownFailures::default();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            match line.split_once(':') {
                Some((mode, program)) => {
                    let program = program.trim().to_string();
                    if !MODES.contains(&mode.trim()) {
                        eprintln!("warning: {}: unknown mode in {line:?}", path.display());
                        continue;
                    }
                    match kf.entries.get_mut(&program) {
                        // An every-mode entry already covers this mode.
                        Some(modes) if modes.is_empty() => {}
                        Some(modes) => {
                            modes.insert(mode.trim().to_string());
                        }
                        None => {
                            kf.entries
                                .insert(program, BTreeSet::from([mode.trim().to_string()]));
                        }
                    }
                }
                None => {
                    kf.entries.insert(line.to_string(), BTreeSet::new());
                }
            }
        }
        kf
    }

    fn contains(&self, mode: &str, program: &str) -> bool {
        match self.entries.get(program) {
            Some(modes) => modes.is_empty() || modes.contains(mode),
            None => false,
        }
    }

    /// The file's text: a comment header, then one entry per line, sorted.
    fn render(failed: &BTreeMap<String, BTreeSet<String>>) -> String {
        let mut out = String::from(
            "# Conformance programs that do not pass yet (tests/conformance.rs runs them\n\
             # as ignored). One path per line, or MODE:PATH for one mode only.\n\
             # Regenerate: GILGAMESH_WRITE_KNOWN_FAILURES=1 cargo test --release --test conformance\n",
        );
        for (program, modes) in failed {
            if modes.len() == MODES.len() {
                out.push_str(program);
                out.push('\n');
            } else {
                for mode in modes {
                    out.push_str(&format!("{mode}:{program}\n"));
                }
            }
        }
        out
    }
}

/// What one run of the binary produced.
struct RunOutput {
    /// `None` when the program was killed for running past the limit.
    status: Option<ExitStatus>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    elapsed: Duration,
}

/// Reads a stream to its end on a helper thread, keeping the first
/// [`OUTPUT_CAP`] bytes.
fn drain<R: Read + Send + 'static>(mut r: R) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut kept = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            match r.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let room = OUTPUT_CAP.saturating_sub(kept.len());
                    kept.extend_from_slice(&buf[..n.min(room)]);
                }
            }
        }
        kept
    })
}

/// Runs `cmd` to completion or until `timeout`, then kills it.
fn run_with_timeout(mut cmd: Command, timeout: Duration) -> std::io::Result<RunOutput> {
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let out = drain(child.stdout.take().expect("piped stdout"));
    let err = drain(child.stderr.take().expect("piped stderr"));
    let mut nap = Duration::from_millis(1);
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if start.elapsed() >= timeout {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(nap);
        nap = (nap * 2).min(Duration::from_millis(20));
    };
    Ok(RunOutput {
        status,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
        elapsed: start.elapsed(),
    })
}

/// Describes how a process ended, for messages.
fn describe_status(status: Option<ExitStatus>, limit: Duration) -> String {
    match status {
        None => format!("killed after the {}s limit", limit.as_secs()),
        Some(s) => match (s.code(), signal_of(&s)) {
            (Some(c), _) => format!("exit status {c}"),
            (None, Some(sig)) => format!("killed by signal {sig}"),
            (None, None) => "ended abnormally".to_string(),
        },
    }
}

#[cfg(unix)]
fn signal_of(s: &ExitStatus) -> Option<i32> {
    std::os::unix::process::ExitStatusExt::signal(s)
}

#[cfg(not(unix))]
fn signal_of(_s: &ExitStatus) -> Option<i32> {
    None
}

/// The last non-empty line of `text` ("" if there is none).
fn last_nonempty_line(text: &str) -> &str {
    text.lines().rev().find(|l| !l.is_empty()).unwrap_or("")
}

/// A short unified-style diff of two texts: one hunk around the first
/// difference, at most [`DIFF_MAX_LINES`] removed and added lines.
fn short_diff(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.split_inclusive('\n').collect();
    let a: Vec<&str> = actual.split_inclusive('\n').collect();
    let prefix = e.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let suffix = e[prefix..]
        .iter()
        .rev()
        .zip(a[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (e_end, a_end) = (e.len() - suffix, a.len() - suffix);
    let ctx_start = prefix.saturating_sub(DIFF_CONTEXT);
    let mut out = format!(
        "--- expected\n+++ actual\n@@ -{},{} +{},{} @@\n",
        ctx_start + 1,
        e_end - ctx_start,
        ctx_start + 1,
        a_end - ctx_start
    );
    let show = |line: &str| -> String {
        let mut s = line.strip_suffix('\n').unwrap_or(line).to_string();
        if !line.ends_with('\n') {
            s.push_str("  (no newline at end)");
        }
        s
    };
    for line in &e[ctx_start..prefix] {
        out.push_str(&format!(" {}\n", show(line)));
    }
    for (sign, lines) in [('-', &e[prefix..e_end]), ('+', &a[prefix..a_end])] {
        for line in lines.iter().take(DIFF_MAX_LINES) {
            out.push_str(&format!("{sign}{}\n", show(line)));
        }
        if lines.len() > DIFF_MAX_LINES {
            out.push_str(&format!(
                "{sign}... ({} more lines)\n",
                lines.len() - DIFF_MAX_LINES
            ));
        }
    }
    out
}

/// The last [`STDERR_TAIL`] lines of the program's stderr, indented.
fn stderr_tail(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.lines().collect();
    let start = lines.len().saturating_sub(STDERR_TAIL);
    let mut out = String::new();
    for line in &lines[start..] {
        out.push_str("  | ");
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn timeout() -> Duration {
    std::env::var("GILGAMESH_TEST_TIMEOUT")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .map(Duration::from_secs)
        .unwrap_or(DEFAULT_TIMEOUT)
}

/// Runs one program in one mode and compares it with its expectations.
fn check_program(mode: &str, program: &str) -> Result<(), String> {
    let path = programs_root().join(program);
    let dir = path.parent().expect("program has a directory");
    let file = path.file_name().expect("program has a name");
    let stem = program.trim_end_matches(".py");
    let expectation = |ext: &str| programs_root().join(format!("{stem}.{ext}"));
    let expected_stdout = std::fs::read(expectation("expected")).map_err(|e| {
        format!(
            "cannot read {stem}.expected ({e}); record it with python3 tests/record_expected.py"
        )
    })?;
    let is_error_program = program.starts_with("errors/");
    let expected_exit: i32 = if is_error_program {
        let text = std::fs::read_to_string(expectation("expected_exit"))
            .map_err(|e| format!("cannot read {stem}.expected_exit: {e}"))?;
        text.trim()
            .parse()
            .map_err(|e| format!("bad {stem}.expected_exit {text:?}: {e}"))?
    } else {
        0
    };
    let expected_stderr_line = if is_error_program {
        let text = std::fs::read_to_string(expectation("expected_stderr"))
            .map_err(|e| format!("cannot read {stem}.expected_stderr: {e}"))?;
        Some(last_nonempty_line(&text).to_string())
    } else {
        None
    };

    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gilgamesh"));
    cmd.arg("run")
        .args(mode_args(mode))
        .arg(file)
        .current_dir(dir)
        .env_remove("PYTHONPATH");
    let limit = timeout();
    let run = run_with_timeout(cmd, limit).map_err(|e| format!("cannot run gilgamesh: {e}"))?;
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);

    let mut problems = Vec::new();
    let code = run.status.and_then(|s| s.code());
    if code != Some(expected_exit) {
        problems.push(format!(
            "expected exit status {expected_exit}, got {} ({:.1}s)",
            describe_status(run.status, limit),
            run.elapsed.as_secs_f64()
        ));
    }
    if run.stdout != expected_stdout {
        let expected = String::from_utf8_lossy(&expected_stdout);
        problems.push(format!(
            "stdout differs from {stem}.expected:\n{}",
            short_diff(&expected, &stdout)
        ));
    }
    if let Some(want) = &expected_stderr_line {
        let got = last_nonempty_line(&stderr);
        if got != want {
            problems.push(format!("last stderr line differs:\n-{want}\n+{got}"));
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    let mut msg = format!("{mode}:{program}: {}", problems.join("\n"));
    if !stderr.trim().is_empty() {
        msg.push_str("\nstderr (tail):\n");
        msg.push_str(&stderr_tail(&stderr));
    }
    Err(msg)
}

/// Results gathered from the test threads.
#[derive(Default)]
struct Record {
    /// (mode, program) pairs that ran.
    ran: BTreeSet<(String, String)>,
    /// (mode, program) pairs that failed.
    failed: BTreeSet<(String, String)>,
}

fn main() {
    let mut args = Arguments::from_args();
    let write_list = std::env::var_os("GILGAMESH_WRITE_KNOWN_FAILURES").is_some_and(|v| v != "0");
    if write_list {
        args.include_ignored = true;
    }
    let list_path = KnownFailures::path();
    let known = KnownFailures::load(&list_path);
    let programs = discover(&programs_root());
    let record = Arc::new(Mutex::new(Record::default()));

    let mut trials = Vec::new();
    for &mode in MODES {
        for program in &programs {
            let ignored = known.contains(mode, program);
            let (mode_s, program_s, record) = (mode.to_string(), program.clone(), record.clone());
            trials.push(
                Trial::test(format!("{mode}::{}", test_name(program)), move || {
                    let result = check_program(&mode_s, &program_s);
                    let mut r = record.lock().unwrap_or_else(|p| p.into_inner());
                    r.ran.insert((mode_s.clone(), program_s.clone()));
                    if result.is_err() {
                        r.failed.insert((mode_s, program_s));
                    }
                    result.map_err(Failed::from)
                })
                .with_ignored_flag(ignored),
            );
        }
    }

    for program in known.entries.keys() {
        if !programs.contains(program) {
            eprintln!(
                "warning: {} lists {program}, which is not a program in tests/programs",
                list_path.display()
            );
        }
    }

    let conclusion = libtest_mimic::run(&args, trials);
    let record = record.lock().unwrap_or_else(|p| p.into_inner());

    // Known failures that ran and passed: the list is stale.
    let fixed: Vec<String> = record
        .ran
        .iter()
        .filter(|(m, p)| known.contains(m, p) && !record.failed.contains(&(m.clone(), p.clone())))
        .map(|(m, p)| format!("{m}:{p}"))
        .collect();
    if !fixed.is_empty() && !write_list {
        eprintln!(
            "note: {} known failure(s) pass now; update {} (GILGAMESH_WRITE_KNOWN_FAILURES=1): {}",
            fixed.len(),
            list_path.display(),
            fixed.join(", ")
        );
    }

    if write_list {
        // Entries for tests that did not run (filtered out) are kept as they were.
        let mut failed: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for &mode in MODES {
            for program in &programs {
                let key = (mode.to_string(), program.clone());
                let fails = if record.ran.contains(&key) {
                    record.failed.contains(&key)
                } else {
                    known.contains(mode, program)
                };
                if fails {
                    failed
                        .entry(program.clone())
                        .or_default()
                        .insert(mode.to_string());
                }
            }
        }
        let text = KnownFailures::render(&failed);
        match std::fs::write(&list_path, text) {
            Ok(()) => eprintln!(
                "wrote {} ({} program(s) failing)",
                list_path.display(),
                failed.len()
            ),
            Err(e) => eprintln!("error: cannot write {}: {e}", list_path.display()),
        }
        // The run's purpose was the list: do not fail the build over it.
        return;
    }
    conclusion.exit();
}
