//! `gilgamesh compare`: one workload (or the built-in suite), every model,
//! every worker count, side by side with CPython.
//!
//! The matrix is workloads x columns x worker counts. A column is an
//! interpreter and a model: gilgamesh `--mode gil` threads, `--mode nogil`
//! threads, isolated interpreters (`subinterp`, run under `--mode gil`: each
//! interpreter has its own GIL, as in CPython's default build), and for each
//! `--python PATH` that CPython's threads and, from 3.13 on, its
//! subinterpreters. Every cell is a child process running the driver
//! ([`embedded`]), so cells never share a heap and the operating system
//! reports each one's CPU time and peak memory ([`cell`]). A failing cell
//! is reported and the matrix goes on. gilgamesh cells get a second,
//! untimed run with `--stats` for the counters ([`counters`]), so counting
//! never slows the timed runs. The results are a table, JSON, CSV
//! ([`report`]) and HTML ([`html`]).
//!
//! - [`embedded`]: the driver and the suite, built into the binary;
//! - [`cell`]: running one cell as a child process;
//! - [`counters`]: reading a `--stats` report;
//! - [`report`]: derived figures, table, JSON, CSV;
//! - [`html`]: the self-contained HTML page with SVG charts, and
//!   [`timeline`], its GIL/thread timeline from a traced run.

pub mod cell;
pub mod counters;
pub mod embedded;
pub mod html;
pub mod report;
pub mod timeline;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use indicatif::{ProgressBar, ProgressStyle};
use serde_json::Value as Json;

use cell::{Column, Request, Status};
use report::{median, Cell, Run, Settings};

/// What `gilgamesh compare` was asked to do: its command-line options (the
/// binary parses them with this definition).
#[derive(Clone, Debug, clap::Args)]
pub struct Options {
    /// Built-in workload names or workload files (default: the suite).
    pub workloads: Vec<String>,
    /// gilgamesh columns: gil (threads under a GIL), nogil (free threads),
    /// subinterp (isolated interpreters).
    #[arg(long, value_delimiter = ',', default_value = "gil,nogil,subinterp")]
    pub modes: Vec<String>,
    /// Worker counts.
    #[arg(long, value_delimiter = ',', default_value = "1,2")]
    pub workers: Vec<usize>,
    /// Timed runs per cell.
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    /// Untimed runs per cell first.
    #[arg(long, default_value_t = 1)]
    pub warmup: usize,
    /// Workload scale (1: about 0.1-0.3 s of work per run on one worker).
    #[arg(long, default_value_t = 1.0)]
    pub scale: f64,
    /// A CPython to run beside (repeatable): its threads and, from 3.13 on,
    /// its subinterpreters.
    #[arg(long = "python")]
    pub pythons: Vec<String>,
    /// Write the results as JSON (schema gilgamesh-compare/1).
    #[arg(long)]
    pub json: Option<PathBuf>,
    /// Write the results as CSV.
    #[arg(long)]
    pub csv: Option<PathBuf>,
    /// Write a self-contained HTML report with SVG charts.
    #[arg(long)]
    pub html: Option<PathBuf>,
    /// Counters from an extra `--stats` run per gilgamesh cell; the flag
    /// `--no-counters` skips that run.
    #[arg(long = "no-counters", action = clap::ArgAction::SetFalse)]
    pub counters: bool,
    /// Per-cell limit in seconds.
    #[arg(long = "timeout", default_value_t = 300.0)]
    pub timeout_s: f64,
}

/// The gilgamesh modes a column can name.
pub const MODES: [&str; 3] = ["gil", "nogil", "subinterp"];

/// The label of gilgamesh's GIL column (the reference for "vs gil@1").
pub const GIL_LABEL: &str = "gilgamesh gil";

/// Runs the comparison; the process exit status (0: every cell ran or was
/// unsupported; 1: some cell failed; 2: bad options).
pub fn run(opts: &Options, gilgamesh: &Path) -> u8 {
    if let Some(m) = opts.modes.iter().find(|m| !MODES.contains(&m.as_str())) {
        eprintln!("gilgamesh compare: unknown mode '{m}' (gil, nogil, subinterp)");
        return 2;
    }
    if opts.workers.is_empty() || opts.workers.contains(&0) {
        eprintln!("gilgamesh compare: --workers needs counts of at least 1");
        return 2;
    }
    if opts.repeat == 0 || opts.scale.is_nan() || opts.scale <= 0.0 {
        eprintln!("gilgamesh compare: --repeat must be at least 1 and --scale positive");
        return 2;
    }
    let files = match embedded::Files::write() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("gilgamesh compare: cannot write the driver: {e}");
            return 2;
        }
    };
    let workloads = match resolve_workloads(opts, &files) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("gilgamesh compare: {e}");
            return 2;
        }
    };
    let mut columns = gilgamesh_columns(opts, gilgamesh);
    for p in &opts.pythons {
        match python_columns(p, &files) {
            Ok(c) => columns.extend(c),
            Err(e) => {
                eprintln!("gilgamesh compare: --python {p}: {e}");
                return 2;
            }
        }
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let total = workloads.len() * columns.len() * opts.workers.len();
    let bar = ProgressBar::new(total as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} cells {elapsed_precise} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let started = SystemTime::now();
    let mut cells = Vec::new();
    let mut docs = Vec::new();
    for (name, path) in &workloads {
        let mut doc: Option<(String, String)> = None;
        for col in &columns {
            for &w in &opts.workers {
                bar.set_message(format!("{name} / {} / {w}", col.label));
                let req = Request {
                    column: col,
                    driver: &files.driver,
                    workload: path,
                    workers: w,
                    scale: opts.scale,
                    repeat: opts.repeat,
                    warmup: opts.warmup,
                    timeout_s: opts.timeout_s,
                    extra: &[],
                };
                let out = cell::run(&req);
                if doc.is_none() {
                    if let Some(r) = &out.result {
                        let wl = &r["workload"];
                        doc = Some((
                            wl["category"].as_str().unwrap_or("").to_string(),
                            wl["doc"].as_str().unwrap_or("").to_string(),
                        ));
                    }
                }
                let mut c = make_cell(name, col, w, &out);
                if opts.counters && col.gilgamesh && out.status == Status::Ok {
                    let counting = Request {
                        repeat: 1,
                        warmup: 0,
                        extra: &["--stats"],
                        ..req
                    };
                    let k = cell::run(&counting);
                    if k.status == Status::Ok {
                        c.counters = Some(counters::parse(&k.stderr));
                    }
                }
                cells.push(c);
                bar.inc(1);
            }
        }
        let (category, text) = doc.unwrap_or_default();
        for c in cells.iter_mut().filter(|c| &c.workload == name) {
            c.category = category.clone();
        }
        docs.push((name.clone(), category, text));
    }
    bar.finish_and_clear();
    report::derive(&mut cells, GIL_LABEL);
    print!("{}", report::table(&cells, &docs, cores));
    let failed = cells.iter().filter(|c| c.status == "failed").count();
    if failed > 0 {
        println!("\n{failed} cell(s) failed (see above); the others are valid.");
    }
    let run = Run {
        schema: report::SCHEMA,
        schema_version: 1,
        gilgamesh_version: env!("CARGO_PKG_VERSION"),
        cores,
        os: os_description(),
        started_unix_s: started
            .duration_since(UNIX_EPOCH)
            .unwrap_or(Duration::ZERO)
            .as_secs(),
        settings: Settings {
            scale: opts.scale,
            repeat: opts.repeat,
            warmup: opts.warmup,
            workers: opts.workers.clone(),
            columns: columns.iter().map(|c| c.label.clone()).collect(),
            counters: opts.counters,
        },
        cells,
    };
    let mut status = u8::from(failed > 0);
    if let Some(p) = &opts.json {
        let text = serde_json::to_string_pretty(&run).unwrap_or_default();
        if let Err(e) = std::fs::write(p, text + "\n") {
            eprintln!("gilgamesh compare: cannot write {}: {e}", p.display());
            status = 2;
        }
    }
    if let Some(p) = &opts.csv {
        if let Err(e) = std::fs::write(p, report::csv(&run.cells)) {
            eprintln!("gilgamesh compare: cannot write {}: {e}", p.display());
            status = 2;
        }
    }
    if let Some(p) = &opts.html {
        let t = workloads
            .first()
            .and_then(|(name, path)| traced_run(opts, gilgamesh, &files, name, path));
        let page = html::page(&run, &docs, t.as_ref());
        if let Err(e) = std::fs::write(p, page) {
            eprintln!("gilgamesh compare: cannot write {}: {e}", p.display());
            status = 2;
        }
    }
    status
}

/// One run of `name` under `--mode gil` with the most workers asked for (at
/// least 2), traced, for the HTML report's GIL timeline.
fn traced_run(
    opts: &Options,
    gilgamesh: &Path,
    files: &embedded::Files,
    name: &str,
    path: &Path,
) -> Option<timeline::Timeline> {
    let workers = opts.workers.iter().copied().max().unwrap_or(2).max(2);
    let col = Column {
        label: GIL_LABEL.into(),
        program: vec![
            gilgamesh.display().to_string(),
            "run".into(),
            "--mode".into(),
            "gil".into(),
        ],
        model: "threads",
        gilgamesh: true,
    };
    let trace = files.dir().join("trace.json");
    let trace_arg = trace.display().to_string();
    let extra = ["--trace", trace_arg.as_str()];
    let out = cell::run(&Request {
        column: &col,
        driver: &files.driver,
        workload: path,
        workers,
        scale: opts.scale,
        repeat: 1,
        warmup: 0,
        timeout_s: opts.timeout_s,
        extra: &extra,
    });
    if out.status != Status::Ok {
        return None;
    }
    let text = std::fs::read_to_string(&trace).ok()?;
    timeline::parse(
        &text,
        &format!(
            "{name}, gilgamesh --mode gil, {workers} worker threads, one run (setup included), from --trace (open the same file in Perfetto for details)"
        ),
    )
}

/// Workload names and files: built-in names, or paths to `.py` files.
fn resolve_workloads(
    opts: &Options,
    files: &embedded::Files,
) -> Result<Vec<(String, PathBuf)>, String> {
    if opts.workloads.is_empty() {
        return Ok(embedded::SUITE
            .iter()
            .filter_map(|(n, _)| files.builtin(n).map(|p| (n.to_string(), p)))
            .collect());
    }
    opts.workloads
        .iter()
        .map(|w| {
            if let Some(p) = files.builtin(w) {
                return Ok((w.clone(), p));
            }
            let p = PathBuf::from(w);
            if p.extension().is_some_and(|e| e == "py") && p.is_file() {
                let name = p
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let abs = std::fs::canonicalize(&p).unwrap_or(p);
                Ok((name, abs))
            } else {
                let names: Vec<&str> = embedded::SUITE.iter().map(|(n, _)| *n).collect();
                Err(format!(
                    "no workload '{w}': give a .py file or a built-in name ({})",
                    names.join(", ")
                ))
            }
        })
        .collect()
}

/// The gilgamesh columns for `--modes`.
fn gilgamesh_columns(opts: &Options, exe: &Path) -> Vec<Column> {
    let exe = exe.display().to_string();
    opts.modes
        .iter()
        .map(|m| {
            let (mode, model) = match m.as_str() {
                "nogil" => ("nogil", "threads"),
                "subinterp" => ("gil", "subinterp"),
                _ => ("gil", "threads"),
            };
            Column {
                label: format!("gilgamesh {m}"),
                program: vec![exe.clone(), "run".into(), "--mode".into(), mode.into()],
                model,
                gilgamesh: true,
            }
        })
        .collect()
}

/// A CPython's columns: threads, and subinterpreters where it has them
/// (asked of the driver itself, which knows each version's API).
fn python_columns(python: &str, files: &embedded::Files) -> Result<Vec<Column>, String> {
    let probe = files
        .builtin("sleep_io")
        .ok_or_else(|| "the built-in suite is missing".to_string())?;
    let out = std::process::Command::new(python)
        .arg(&files.driver)
        .arg(&probe)
        .arg("--describe")
        .output()
        .map_err(|e| format!("cannot run it: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let r: Json = text
        .lines()
        .rev()
        .find_map(|l| serde_json::from_str(l).ok())
        .ok_or_else(|| {
            format!(
                "the driver gave no result: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            )
        })?;
    let interp = &r["interpreter"];
    let label = interp["label"].as_str().unwrap_or(python).to_string();
    let mut cols = vec![Column {
        label: format!("{label} threads"),
        program: vec![python.to_string()],
        model: "threads",
        gilgamesh: false,
    }];
    if interp["subinterpreters"].as_str().is_some() {
        cols.push(Column {
            label: format!("{label} subinterp"),
            program: vec![python.to_string()],
            model: "subinterp",
            gilgamesh: false,
        });
    }
    Ok(cols)
}

/// A cell from a child's outcome.
fn make_cell(workload: &str, col: &Column, workers: usize, out: &cell::Outcome) -> Cell {
    let r = out.result.as_ref();
    let list = |key: &str| -> Vec<f64> {
        r.and_then(|r| r[key].as_array())
            .map(|a| a.iter().filter_map(Json::as_f64).collect())
            .unwrap_or_default()
    };
    let work = list("work_s");
    let driver_wall = r.and_then(|r| r["wall_s"].as_f64()).unwrap_or(0.0);
    let status = match out.status {
        Status::Ok => "ok",
        Status::Unsupported => "unsupported",
        Status::Failed => "failed",
    };
    let model_only = |key: &str| {
        if col.model == "subinterp" {
            median(&list(key))
        } else {
            None
        }
    };
    Cell {
        workload: workload.to_string(),
        category: String::new(),
        column: col.label.clone(),
        model: col.model.to_string(),
        workers,
        status: status.to_string(),
        error: out.error.clone(),
        median_s: median(&work),
        min_s: work.iter().copied().reduce(f64::min),
        max_s: work.iter().copied().reduce(f64::max),
        work_s: work,
        distribute_s: model_only("distribute_s"),
        create_s: model_only("create_s"),
        setup_s: r.and_then(|r| r["setup_s"].as_f64()),
        cpu_s: median(&list("cpu_s")),
        process_cpu_s: out.cpu_s,
        peak_mib: out.peak_rss_kib as f64 / 1024.0,
        answer: r.and_then(|r| r["answer"]["digest"].as_str().map(str::to_string)),
        speedup: None,
        efficiency: None,
        vs_gil1: None,
        counters: None,
        harness_s: (out.process_s - driver_wall).max(0.0),
    }
}

fn os_description() -> String {
    // SAFETY: an all-zero `utsname` is a valid value of that plain C struct.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: `u` is valid for writes; uname fills it with NUL-terminated
    // strings.
    if unsafe { libc::uname(&mut u) } != 0 {
        return std::env::consts::OS.to_string();
    }
    let field = |f: &[libc::c_char]| {
        let bytes: Vec<u8> = f
            .iter()
            .take_while(|&&c| c != 0)
            .map(|&c| c as u8)
            .collect();
        String::from_utf8_lossy(&bytes).into_owned()
    };
    format!(
        "{} {} {}",
        field(&u.sysname),
        field(&u.release),
        field(&u.machine)
    )
}
