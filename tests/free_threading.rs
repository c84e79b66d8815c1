//! Stress tests of the free-threaded mode: many threads race on one list,
//! dict, set, instance, iterator and generator without a GIL
//! (`tests/free_threading/*.py`). Each program checks its own invariants
//! (appends never lost, no element twice in a set, every item of a shared
//! iterator delivered once, exact totals under locks) and prints `ok`.
//!
//! A run fails on a wrong answer, a Python exception, a Rust panic (the
//! process aborts), a crash, or a hang (killed after [`HANG_LIMIT`]; the
//! programs take well under a second). Each program runs several times in
//! each free-threaded configuration, since interleavings differ from run to
//! run.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs of each program in each configuration.
const RUNS: usize = 3;
/// A program still running after this long is hung.
const HANG_LIMIT: Duration = Duration::from_secs(60);

/// The free-threaded configurations: biased counting (PEP 703) and the
/// atomic-counting ablation.
const CONFIGS: &[&[&str]] = &[
    &["--mode", "nogil"],
    &["--mode", "nogil", "--refcount", "atomic"],
];

fn programs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/free_threading");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/free_threading")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    v.sort();
    v
}

/// Runs `program` once; an error describes what went wrong.
fn run_once(config: &[&str], program: &Path) -> Result<(), String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gilgamesh"))
        .arg("run")
        .args(config)
        .arg(program)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start gilgamesh: {e}"))?;
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let (mut o, mut e) = (String::new(), String::new());
        let _ = out.read_to_string(&mut o);
        let _ = err.read_to_string(&mut e);
        (o, e)
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().map_err(|e| e.to_string())? {
            break s;
        }
        if start.elapsed() > HANG_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("hung (killed after {HANG_LIMIT:?})"));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let (stdout, stderr) = reader.join().expect("reader");
    // The one diagnostic a program may print: the GIL being turned on by a
    // module that needs it (gil_switch_race.py).
    let unexpected = stderr
        .lines()
        .any(|l| !l.contains("RuntimeWarning: The global interpreter lock (GIL) has been enabled"));
    if !status.success() || stdout != "ok\n" || unexpected {
        return Err(format!(
            "status {status}\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
        ));
    }
    Ok(())
}

#[test]
fn threads_racing_on_shared_objects_keep_their_invariants() {
    let programs = programs();
    assert!(programs.len() >= 7, "expected the stress programs");
    let mut failures = Vec::new();
    for config in CONFIGS {
        for program in &programs {
            for run in 0..RUNS {
                if let Err(e) = run_once(config, program) {
                    failures.push(format!(
                        "{} {} (run {run}): {e}",
                        config.join(" "),
                        program.display()
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
