//! No input makes the `gilgamesh` binary panic or crash.
//!
//! Every conformance program (`tests/programs/`) is fed to the binary truncated
//! at five points and with five deterministic single-byte mutations, the
//! variants alternating between `--mode gil` and `--mode nogil`. Whatever the
//! program now means, the process must end the way a Python runtime ends: exit
//! status 0, 1 (uncaught exception or syntax error) or 2 (usage error), or the
//! status the program itself asked for through `sys.exit` / `SystemExit`. It must
//! never die from a signal (a native stack overflow, an abort, a segfault), never
//! print a Rust panic message ("panicked at") and never exit with 101 (a Rust
//! panic on the main thread) or 70 (the CLI's status for a panicked interpreter
//! thread).
//!
//! A mutant that runs past its time limit or its memory limit is killed and not
//! counted against the binary: a mutation can turn `range(10)` into
//! `range(90000000)`, and an endless loop is a correct run of an endless program.
//!
//! The test bounds its own cost: it runs variants on a small thread pool, skips
//! the mutants of programs whose unmodified run takes longer than
//! [`SLOW_BASELINE`], and stops starting new runs after a time budget (120 s by
//! default, `GILGAMESH_ROBUSTNESS_SECS` to change it). Variants are scheduled
//! round by round (every program's first variant, then every program's second,
//! ...), so a budget cut still covers every program. Mutants that fail are kept
//! under `target/tmp/robustness-failures/` to reproduce.
//!
//! A second test feeds sources nested millions of levels deep (unary operators,
//! brackets, operator and attribute chains), which must end as cleanly.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The longest any single run may take.
const MAX_TIMEOUT: Duration = Duration::from_secs(10);
/// The shortest limit given to a mutant (start-up and parsing included).
const MIN_TIMEOUT: Duration = Duration::from_secs(2);
/// Programs whose unmodified run takes longer than this get no mutants.
const SLOW_BASELINE: Duration = Duration::from_secs(3);
/// The limit for a program's unmodified run (only used to time it).
const BASELINE_TIMEOUT: Duration = Duration::from_secs(5);
/// A run whose resident memory passes this is killed (a mutant that builds an
/// ever-growing list must not take the machine down with it).
const RSS_LIMIT_KB: u64 = 1 << 20;
/// Default wall-clock budget for the whole test, in seconds.
const DEFAULT_BUDGET_SECS: u64 = 120;
/// Truncations and byte mutations per program.
const TRUNCATIONS: usize = 5;
const MUTATIONS: usize = 5;
/// Bytes kept from each output stream.
const OUTPUT_CAP: usize = 1 << 20;

/// Replacement bytes that are likely to change a program's structure: brackets,
/// operators, quotes, indentation, digits, and bytes that are not UTF-8.
const INTERESTING: &[u8] = b"()[]{}:;,.=+-*/%<>!~^&|@\"'\\#\n\t 0019az_\x00\x7f\xff\xc3\xe2";

fn programs_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("programs")
}

/// Every program under `root` (same rules as tests/conformance.rs), sorted.
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
                if !name.starts_with('_') && !name.starts_with('.') {
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

/// A 64-bit linear congruential generator (Knuth's MMIX constants): enough to
/// pick positions and bytes deterministically without a `rand` dependency.
struct Lcg(u64);

impl Lcg {
    /// Seeded from the program's path (FNV-1a), so a program's variants do not
    /// depend on which other programs exist.
    fn for_program(path: &str) -> Lcg {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in path.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        Lcg(h)
    }

    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One modified program to run.
struct Variant {
    program: String,
    /// How it differs from the original, for messages.
    what: String,
    source: Vec<u8>,
    timeout: Duration,
}

/// The 1-based line of byte offset `pos`.
fn line_of(source: &[u8], pos: usize) -> usize {
    source[..pos.min(source.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The truncations and mutations of one program, in variant order.
fn variants_of(program: &str, source: &[u8], timeout: Duration) -> Vec<Variant> {
    let mut rng = Lcg::for_program(program);
    let n = source.len();
    let mut out = Vec::new();
    if n < 2 {
        return out;
    }
    for k in 0..TRUNCATIONS {
        // One cut inside each of the first five sixths of the file.
        let lo = n * k / (TRUNCATIONS + 1) + 1;
        let hi = (n * (k + 1) / (TRUNCATIONS + 1)).max(lo + 1);
        let cut = (lo + rng.below(hi - lo)).min(n - 1);
        out.push(Variant {
            program: program.to_string(),
            what: format!(
                "truncated to {cut} of {n} bytes (line {})",
                line_of(source, cut)
            ),
            source: source[..cut].to_vec(),
            timeout,
        });
    }
    for _ in 0..MUTATIONS {
        let pos = rng.below(n);
        let mut byte = if rng.below(4) == 0 {
            rng.below(256) as u8
        } else {
            INTERESTING[rng.below(INTERESTING.len())]
        };
        if byte == source[pos] {
            byte = byte.wrapping_add(1);
        }
        let mut mutated = source.to_vec();
        mutated[pos] = byte;
        out.push(Variant {
            program: program.to_string(),
            what: format!(
                "byte {pos} (line {}) changed from {:?} to {:?}",
                line_of(source, pos),
                source[pos] as char,
                byte as char
            ),
            source: mutated,
            timeout,
        });
    }
    out
}

/// How a run ended.
enum Ending {
    Exited(ExitStatus),
    TimedOut,
    MemoryLimit,
}

struct RunOutput {
    ending: Ending,
    stderr: Vec<u8>,
    elapsed: Duration,
}

/// Reads a stream to its end, keeping the first [`OUTPUT_CAP`] bytes.
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

/// Resident set size of a live process, in KiB (0 if unknown).
fn rss_kb(pid: u32) -> u64 {
    let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
        return 0;
    };
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Runs `script` (a file in `dir`) with helper modules importable from
/// `pythonpath`, killing it at `timeout` or when its resident memory passes
/// `rss_limit_kb`.
fn run(
    script: &Path,
    dir: &Path,
    pythonpath: &Path,
    timeout: Duration,
    rss_limit_kb: u64,
    mode: &str,
) -> RunOutput {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gilgamesh"))
        .args(["run", "--mode", mode])
        .arg(script)
        .current_dir(dir)
        .env("PYTHONPATH", pythonpath)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn gilgamesh");
    let out = drain(child.stdout.take().expect("piped stdout"));
    let err = drain(child.stderr.take().expect("piped stderr"));
    let mut nap = Duration::from_millis(1);
    let ending = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Ending::Exited(status),
            Ok(None) => {}
            Err(e) => panic!("waiting for gilgamesh: {e}"),
        }
        let over_time = start.elapsed() >= timeout;
        let over_memory = rss_kb(child.id()) > rss_limit_kb;
        if over_time || over_memory {
            let _ = child.kill();
            let _ = child.wait();
            break if over_time {
                Ending::TimedOut
            } else {
                Ending::MemoryLimit
            };
        }
        std::thread::sleep(nap);
        nap = (nap * 2).min(Duration::from_millis(20));
    };
    drop(out.join());
    RunOutput {
        ending,
        stderr: err.join().unwrap_or_default(),
        elapsed: start.elapsed(),
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

/// Why a run is a failure of the binary, if it is one.
fn verdict(run: &RunOutput, source: &[u8]) -> Option<String> {
    let stderr = String::from_utf8_lossy(&run.stderr);
    if stderr.contains("panicked at") {
        return Some("Rust panic".to_string());
    }
    let Ending::Exited(status) = &run.ending else {
        return None;
    };
    match status.code() {
        Some(0..=2) => None,
        Some(code @ (70 | 101)) => Some(format!("exit status {code} (a Rust panic)")),
        Some(code) => {
            // A program may choose its own exit status.
            let text = String::from_utf8_lossy(source);
            if text.contains("exit") || text.contains("SystemExit") {
                None
            } else {
                Some(format!("exit status {code}"))
            }
        }
        None => Some(match signal_of(status) {
            Some(sig) => format!("killed by signal {sig}"),
            None => "ended abnormally".to_string(),
        }),
    }
}

/// The last few lines of stderr, indented.
fn stderr_tail(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(8)..]
        .iter()
        .map(|l| format!("    | {l}\n"))
        .collect()
}

/// Runs `jobs` on `workers` threads, calling `f(index)` for each until done
/// or until `deadline` (jobs not started by then are skipped). Returns how many
/// jobs ran.
fn pool(jobs: usize, workers: usize, deadline: Instant, f: impl Fn(usize) + Sync) -> usize {
    let next = AtomicUsize::new(0);
    let ran = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                if Instant::now() >= deadline {
                    break;
                }
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= jobs {
                    break;
                }
                f(i);
                ran.fetch_add(1, Ordering::Relaxed);
            });
        }
    });
    ran.into_inner()
}

#[test]
fn no_panic_on_truncated_or_mutated_programs() {
    let start = Instant::now();
    let budget = std::env::var("GILGAMESH_ROBUSTNESS_SECS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(DEFAULT_BUDGET_SECS);
    let deadline = start + Duration::from_secs(budget);
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(2, 8);
    let root = programs_root();
    let programs = discover(&root);
    assert!(!programs.is_empty(), "no programs under {}", root.display());

    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("robustness-{}", std::process::id()));
    let keep = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("robustness-failures");
    let failures: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let record_failure = |v: &Variant, why: &str, run: &RunOutput| {
        let name = format!(
            "{}.{:016x}.py",
            v.program.trim_end_matches(".py").replace('/', "__"),
            Lcg::for_program(&v.what).0
        );
        let _ = std::fs::create_dir_all(&keep);
        let saved = keep.join(name);
        let _ = std::fs::write(&saved, &v.source);
        failures
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(format!(
                "{}: {} -> {why} (kept as {})\n{}",
                v.program,
                v.what,
                saved.display(),
                stderr_tail(&run.stderr)
            ));
    };

    // Round 0: every program as it is, to time it (and it must not crash either).
    let sources: Vec<Vec<u8>> = programs
        .iter()
        .map(|p| std::fs::read(root.join(p)).expect("read program"))
        .collect();
    let baseline: Vec<Mutex<Option<Duration>>> =
        programs.iter().map(|_| Mutex::new(None)).collect();
    pool(programs.len(), workers, deadline, |i| {
        let path = root.join(&programs[i]);
        let dir = path.parent().expect("program directory");
        let r = run(&path, dir, dir, BASELINE_TIMEOUT, RSS_LIMIT_KB, "gil");
        let original = Variant {
            program: programs[i].clone(),
            what: "unmodified".to_string(),
            source: sources[i].clone(),
            timeout: BASELINE_TIMEOUT,
        };
        if let Some(why) = verdict(&r, &sources[i]) {
            record_failure(&original, &why, &r);
        }
        if matches!(r.ending, Ending::Exited(_)) {
            *baseline[i].lock().unwrap_or_else(|p| p.into_inner()) = Some(r.elapsed);
        }
    });

    // Later rounds: variant k of every program, for k = 0, 1, ...
    let mut per_program: Vec<Vec<Variant>> = Vec::new();
    let mut slow = Vec::new();
    for (i, program) in programs.iter().enumerate() {
        let time = *baseline[i].lock().unwrap_or_else(|p| p.into_inner());
        match time {
            Some(t) if t <= SLOW_BASELINE => {
                let timeout = (t * 4 + Duration::from_secs(1)).clamp(MIN_TIMEOUT, MAX_TIMEOUT);
                per_program.push(variants_of(program, &sources[i], timeout));
            }
            _ => slow.push(program.as_str()),
        }
    }
    let mut queues: Vec<_> = per_program.into_iter().map(Vec::into_iter).collect();
    let mut jobs: Vec<Variant> = Vec::new();
    for _round in 0..TRUNCATIONS + MUTATIONS {
        jobs.extend(queues.iter_mut().filter_map(Iterator::next));
    }
    let killed = AtomicUsize::new(0);
    let ran = pool(jobs.len(), workers, deadline, |i| {
        let v = &jobs[i];
        let program_path = root.join(&v.program);
        let program_dir = program_path.parent().expect("program directory");
        // Each mutant gets its own directory and keeps its file name; helper
        // modules stay importable through PYTHONPATH.
        let dir = tmp.join(format!("job{i}"));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        let script = dir.join(program_path.file_name().expect("file name"));
        std::fs::write(&script, &v.source).expect("write mutant");
        // Alternate jobs run in the GIL and the free-threaded mode.
        let mode = if i % 2 == 0 { "gil" } else { "nogil" };
        let r = run(&script, &dir, program_dir, v.timeout, RSS_LIMIT_KB, mode);
        if !matches!(r.ending, Ending::Exited(_)) {
            killed.fetch_add(1, Ordering::Relaxed);
        }
        if let Some(why) = verdict(&r, &v.source) {
            record_failure(v, &format!("{why} (--mode {mode})"), &r);
        }
        let _ = std::fs::remove_dir_all(&dir);
    });
    let _ = std::fs::remove_dir_all(&tmp);

    eprintln!(
        "robustness: {} programs, {ran} of {} variants run in {:.0}s on {workers} threads \
         ({} killed at a time or memory limit); mutants skipped for slow programs: {}",
        programs.len(),
        jobs.len(),
        start.elapsed().as_secs_f64(),
        killed.into_inner(),
        if slow.is_empty() {
            "none".to_string()
        } else {
            slow.join(", ")
        }
    );
    let failures = failures.into_inner().unwrap_or_else(|p| p.into_inner());
    assert!(
        failures.is_empty(),
        "{} run(s) crashed or panicked:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Sources nested far deeper than any real program: CPython rejects them at
/// compile time (`SyntaxError: too many nested parentheses`, `RecursionError:
/// maximum recursion depth exceeded during compilation` or `MemoryError`);
/// gilgamesh must end just as cleanly, whatever the depth, instead of
/// overflowing the native stack of the parser or the compiler.
///
/// The front end rejects such sources with a SyntaxError before anything
/// recurses on the depth (200 nested brackets, as CPython's tokenizer, and a
/// nesting limit for prefix operators, statements and expressions).
#[test]
fn deeply_nested_sources_end_cleanly() {
    const DEPTH: usize = 3_000_000;
    let cases: [(&str, String); 5] = [
        ("unary minus", format!("x = {}1\n", "-".repeat(DEPTH))),
        ("not", format!("x = {}True\n", "not ".repeat(DEPTH))),
        (
            "nested lists",
            format!("x = {}{}\n", "[".repeat(DEPTH), "]".repeat(DEPTH)),
        ),
        ("binary operators", format!("x = 1{}\n", "+1".repeat(DEPTH))),
        (
            "attribute chain",
            format!("x = 1\ny = x{}\n", ".real".repeat(DEPTH)),
        ),
    ];
    let tmp =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("nested-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("create temp dir");
    let mut failures = Vec::new();
    for (name, source) in &cases {
        let script = tmp.join("nested.py");
        std::fs::write(&script, source).expect("write program");
        // The crash comes only after the stack and the syntax tree have grown
        // to gigabytes, so this test allows more memory than the mutants.
        let r = run(&script, &tmp, &tmp, MAX_TIMEOUT * 3, 4 << 20, "gil");
        if let Some(why) = verdict(&r, source.as_bytes()) {
            failures.push(format!(
                "{name} nested {DEPTH} deep -> {why}\n{}",
                stderr_tail(&r.stderr)
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Recursion through native code (`__init__` calls, `repr` of nested lists)
/// with a raised recursion limit ends in RecursionError, not a native stack
/// overflow. (CPython 3.11 crashes on this program, so it cannot be a
/// conformance test with recorded output.)
#[test]
fn native_recursion_raises_recursion_error() {
    let source = r#"
import sys
sys.setrecursionlimit(1000000)
class Node:
    def __init__(self, n):
        self.child = Node(n - 1) if n else None
try:
    Node(300000)
    print("built")
except RecursionError:
    print("RecursionError from __init__")
nested = []
for i in range(50000):
    nested = [nested]
try:
    print(len(repr(nested)))
except RecursionError:
    print("RecursionError from repr")
print("still running")
"#;
    let out = Command::new(env!("CARGO_BIN_EXE_gilgamesh"))
        .args(["-c", source])
        .output()
        .expect("run gilgamesh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "status {:?}, stderr: {stderr}",
        out.status
    );
    assert_eq!(lines.len(), 3, "stdout: {stdout}");
    // Whether the recursion fits depends on native frame sizes (debug or
    // optimised build); either way it must end cleanly.
    assert!(
        lines[0] == "RecursionError from __init__" || lines[0] == "built",
        "stdout: {stdout}"
    );
    // A deep repr either fits the native stack (optimised builds) or raises.
    assert!(
        lines[1] == "RecursionError from repr" || lines[1] == "100002",
        "stdout: {stdout}"
    );
    assert_eq!(lines[2], "still running");
}
