//! The results of a comparison: one [`Cell`] per workload, column and
//! worker count, the figures derived across cells (speedup, efficiency,
//! overhead against the GIL mode), and their three forms: the table on
//! stdout, JSON (schema [`SCHEMA`], documented in `docs/compare.md`) and CSV.

use std::fmt::Write as _;

use serde::Serialize;

use super::counters::Counters;

/// The JSON report's schema name; its version is the number after the slash.
pub const SCHEMA: &str = "gilgamesh-compare/1";

/// One cell's results.
#[derive(Clone, Debug, Serialize)]
pub struct Cell {
    /// Workload name.
    pub workload: String,
    /// Workload category.
    pub category: String,
    /// Column label (interpreter and model).
    pub column: String,
    /// `threads` or `subinterp`.
    pub model: String,
    /// Worker count.
    pub workers: usize,
    /// `ok`, `unsupported` or `failed`.
    pub status: String,
    /// Why it failed or is unsupported.
    pub error: String,
    /// Wall seconds of the work phase, one per timed run.
    pub work_s: Vec<f64>,
    /// Median of `work_s`.
    pub median_s: Option<f64>,
    /// Fastest run.
    pub min_s: Option<f64>,
    /// Slowest run.
    pub max_s: Option<f64>,
    /// Median time to send `data` to the workers (subinterpreters only).
    pub distribute_s: Option<f64>,
    /// Median time to create the worker interpreters (subinterpreters only).
    pub create_s: Option<f64>,
    /// `setup(scale)` time, once per cell.
    pub setup_s: Option<f64>,
    /// Median CPU seconds of one run's work phase, all threads.
    pub cpu_s: Option<f64>,
    /// CPU seconds of the whole cell process.
    pub process_cpu_s: f64,
    /// Peak resident memory of the cell process, in MiB.
    pub peak_mib: f64,
    /// Digest of the answer (equal in every cell of a workload).
    pub answer: Option<String>,
    /// Median time of 1 worker / median time of this cell, same column.
    pub speedup: Option<f64>,
    /// `speedup / workers`.
    pub efficiency: Option<f64>,
    /// This cell's median / the gilgamesh gil column's median at 1 worker.
    pub vs_gil1: Option<f64>,
    /// Counters from a separate `--stats` run (gilgamesh columns).
    pub counters: Option<Counters>,
    /// Seconds the harness added around the driver's own timing: process
    /// start-up and shutdown, interpreter start, reporting.
    pub harness_s: f64,
}

/// The median of `xs` (`None` if empty).
pub fn median(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// Fills in the figures that compare cells: speedup and efficiency within a
/// column, the ratio to the GIL column at 1 worker, and answer agreement
/// (a cell whose answer differs from the workload's reference answer, the
/// first successful cell's, is failed).
pub fn derive(cells: &mut [Cell], gil_label: &str) {
    let keys: Vec<(String, String)> = cells
        .iter()
        .map(|c| (c.workload.clone(), c.column.clone()))
        .collect();
    let reference: Vec<Option<String>> = cells
        .iter()
        .map(|c| {
            cells
                .iter()
                .find(|o| o.workload == c.workload && o.status == "ok" && o.answer.is_some())
                .and_then(|o| o.answer.clone())
        })
        .collect();
    for (c, r) in cells.iter_mut().zip(&reference) {
        if c.status == "ok" && c.answer.is_some() && c.answer != *r {
            c.status = "failed".into();
            c.error = format!(
                "answer {} differs from {} (the workload's first answer)",
                c.answer.as_deref().unwrap_or("?"),
                r.as_deref().unwrap_or("?")
            );
        }
    }
    let one: Vec<Option<f64>> = keys
        .iter()
        .map(|(w, col)| {
            cells
                .iter()
                .find(|c| {
                    &c.workload == w && &c.column == col && c.workers == 1 && c.status == "ok"
                })
                .and_then(|c| c.median_s)
        })
        .collect();
    let gil1: Vec<Option<f64>> = cells
        .iter()
        .map(|c| {
            cells
                .iter()
                .find(|o| {
                    o.workload == c.workload
                        && o.column == gil_label
                        && o.workers == 1
                        && o.status == "ok"
                })
                .and_then(|o| o.median_s)
        })
        .collect();
    for (i, c) in cells.iter_mut().enumerate() {
        let Some(m) = c.median_s.filter(|_| c.status == "ok") else {
            continue;
        };
        if let Some(t1) = one[i] {
            let s = t1 / m;
            c.speedup = Some(s);
            c.efficiency = Some(s / c.workers as f64);
        }
        c.vs_gil1 = gil1[i].map(|g| m / g);
    }
}

fn opt(x: Option<f64>, prec: usize) -> String {
    match x {
        Some(v) => format!("{v:.prec$}"),
        None => "-".into(),
    }
}

fn pct(x: Option<f64>) -> String {
    match x {
        Some(v) => format!("{:.1}%", v * 100.0),
        None => "-".into(),
    }
}

fn bytes(n: u64) -> String {
    match n {
        0 => "0".into(),
        n if n < 1 << 10 => format!("{n} B"),
        n if n < 1 << 20 => format!("{:.1} KiB", n as f64 / 1024.0),
        n => format!("{:.1} MiB", n as f64 / (1 << 20) as f64),
    }
}

/// The table printed on stdout: one block per workload.
pub fn table(cells: &[Cell], docs: &[(String, String, String)], cores: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "gilgamesh compare: {cores} cores; times are medians of the work phase (seconds), min-max beside; \
         speedup and efficiency against 1 worker of the same column; vs gil@1 against gilgamesh gil at 1 worker"
    );
    let heads = [
        "column",
        "w",
        "median",
        "min-max",
        "speedup",
        "eff",
        "vs gil@1",
        "distrib",
        "cpu",
        "peak MiB",
        "GIL wait",
        "shared rc",
        "copied",
    ];
    for (name, category, doc) in docs {
        let rows: Vec<&Cell> = cells.iter().filter(|c| &c.workload == name).collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{name} ({category}): {doc}");
        let mut lines: Vec<Vec<String>> = vec![heads.iter().map(|s| s.to_string()).collect()];
        let mut notes = Vec::new();
        for c in rows {
            let mut row = vec![c.column.clone(), c.workers.to_string()];
            if c.status == "ok" {
                let k = c.counters.as_ref();
                row.extend([
                    opt(c.median_s, 3),
                    format!("{}-{}", opt(c.min_s, 3), opt(c.max_s, 3)),
                    opt(c.speedup, 2),
                    opt(c.efficiency, 2),
                    opt(c.vs_gil1, 2),
                    opt(c.distribute_s, 3),
                    opt(c.cpu_s, 3),
                    format!("{:.1}", c.peak_mib),
                    k.map_or("-".into(), |k| pct(Some(k.gil_wait_share))),
                    k.map_or("-".into(), |k| pct(k.shared_refcount_share)),
                    k.map_or("-".into(), |k| bytes(k.bytes_copied)),
                ]);
            } else {
                row.push(c.status.to_uppercase());
                row.extend(std::iter::repeat_n(String::new(), heads.len() - 3));
                notes.push(format!(
                    "  {} w={}: {}: {}",
                    c.column, c.workers, c.status, c.error
                ));
            }
            lines.push(row);
        }
        let widths: Vec<usize> = (0..heads.len())
            .map(|i| {
                lines
                    .iter()
                    .map(|l| l[i].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for l in &lines {
            let mut s = String::new();
            for (i, cell) in l.iter().enumerate() {
                if i == 0 {
                    let _ = write!(s, "  {cell:<w$}", w = widths[i]);
                } else {
                    let _ = write!(s, "  {cell:>w$}", w = widths[i]);
                }
            }
            let _ = writeln!(out, "{}", s.trim_end());
        }
        for n in notes {
            let _ = writeln!(out, "{n}");
        }
    }
    out
}

/// The machine and settings recorded with the results.
#[derive(Serialize)]
pub struct Run {
    /// [`SCHEMA`].
    pub schema: &'static str,
    /// The schema's version.
    pub schema_version: u32,
    /// gilgamesh's version.
    pub gilgamesh_version: &'static str,
    /// Logical processors of the machine.
    pub cores: usize,
    /// `uname -srm`-like description.
    pub os: String,
    /// Seconds since the Unix epoch at the start.
    pub started_unix_s: u64,
    /// Settings: scale, repeat, warmup, worker counts, columns.
    pub settings: Settings,
    /// Every cell.
    pub cells: Vec<Cell>,
}

/// The comparison's settings.
#[derive(Serialize, Clone)]
pub struct Settings {
    /// Workload scale.
    pub scale: f64,
    /// Timed runs per cell.
    pub repeat: usize,
    /// Untimed runs first.
    pub warmup: usize,
    /// Worker counts.
    pub workers: Vec<usize>,
    /// Column labels, in order.
    pub columns: Vec<String>,
    /// Whether a separate counting run (`--stats`) was made per gilgamesh cell.
    pub counters: bool,
}

/// CSV: one row per cell (RFC 4180 quoting).
pub fn csv(cells: &[Cell]) -> String {
    let mut out = String::from(
        "workload,category,column,model,workers,status,median_s,min_s,max_s,speedup,efficiency,vs_gil1,\
         distribute_s,create_s,setup_s,cpu_s,peak_mib,gil_wait_share,shared_refcount_share,bytes_copied,\
         bytes_shared,answer,harness_s,error\n",
    );
    let q = |s: &str| {
        if s.contains([',', '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let f = |x: Option<f64>| x.map_or(String::new(), |v| format!("{v}"));
    for c in cells {
        let k = c.counters.as_ref();
        let fields = [
            q(&c.workload),
            q(&c.category),
            q(&c.column),
            q(&c.model),
            c.workers.to_string(),
            q(&c.status),
            f(c.median_s),
            f(c.min_s),
            f(c.max_s),
            f(c.speedup),
            f(c.efficiency),
            f(c.vs_gil1),
            f(c.distribute_s),
            f(c.create_s),
            f(c.setup_s),
            f(c.cpu_s),
            format!("{}", c.peak_mib),
            f(k.map(|k| k.gil_wait_share)),
            f(k.and_then(|k| k.shared_refcount_share)),
            k.map_or(String::new(), |k| k.bytes_copied.to_string()),
            k.map_or(String::new(), |k| k.bytes_shared.to_string()),
            q(c.answer.as_deref().unwrap_or("")),
            format!("{}", c.harness_s),
            q(&c.error),
        ];
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(workload: &str, column: &str, workers: usize, median: f64, answer: &str) -> Cell {
        Cell {
            workload: workload.into(),
            category: "numeric".into(),
            column: column.into(),
            model: "threads".into(),
            workers,
            status: "ok".into(),
            error: String::new(),
            work_s: vec![median],
            median_s: Some(median),
            min_s: Some(median),
            max_s: Some(median),
            distribute_s: None,
            create_s: None,
            setup_s: None,
            cpu_s: None,
            process_cpu_s: 0.0,
            peak_mib: 1.0,
            answer: Some(answer.into()),
            speedup: None,
            efficiency: None,
            vs_gil1: None,
            counters: None,
            harness_s: 0.0,
        }
    }

    #[test]
    fn medians() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
    }

    #[test]
    fn derived_figures_and_answer_agreement() {
        let mut cells = vec![
            cell("w", "gil", 1, 1.0, "a"),
            cell("w", "gil", 2, 1.0, "a"),
            cell("w", "nogil", 1, 1.1, "a"),
            cell("w", "nogil", 2, 0.55, "a"),
            cell("w", "sub", 2, 0.5, "b"),
        ];
        derive(&mut cells, "gil");
        assert_eq!(cells[1].speedup, Some(1.0));
        assert_eq!(cells[3].speedup, Some(2.0));
        assert_eq!(cells[3].efficiency, Some(1.0));
        assert_eq!(cells[3].vs_gil1, Some(0.55));
        assert_eq!(cells[4].status, "failed");
        assert!(cells[4].error.contains("differs"));
        let text = table(&cells, &[("w".into(), "numeric".into(), "doc".into())], 2);
        assert!(text.contains("FAILED") && text.contains("nogil"));
        let csv = csv(&cells);
        assert_eq!(csv.lines().count(), 6);
        assert!(csv.lines().all(|l| l.split(',').count() >= 24));
    }
}
