//! The HTML report: one self-contained page (inline CSS, inline SVG drawn by
//! plotters, no script, nothing fetched), so it opens offline and can be
//! attached to a bug report or a course page.
//!
//! It holds, per workload, a scaling chart (speedup against workers, one
//! line per column, the ideal dashed) and the cells' table; across
//! workloads, bars of each column's time at 1 worker relative to gilgamesh's
//! GIL mode (the per-thread overhead of each model); and a GIL/thread
//! timeline of one traced run ([`super::timeline`]).

use std::fmt::Write as _;

use plotters::prelude::*;

use super::report::{Cell, Run};
use super::timeline::{self, Timeline};

/// Line and bar colours, one per column, in column order.
const PALETTE: [RGBColor; 8] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(255, 127, 14),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
];

fn colour(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The speedup chart of one workload.
fn scaling_svg(cells: &[&Cell], columns: &[String], workers: &[usize]) -> String {
    let mut out = String::new();
    let max_w = workers.iter().copied().max().unwrap_or(1).max(2) as f64;
    let max_s = cells
        .iter()
        .filter_map(|c| c.speedup)
        .fold(max_w, f64::max)
        .min(4.0 * max_w);
    {
        let root = SVGBackend::with_string(&mut out, (460, 300)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let Ok(mut chart) = ChartBuilder::on(&root)
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(40)
            .build_cartesian_2d(1.0..max_w, 0.0..max_s * 1.05)
        else {
            return String::new();
        };
        let _ = chart
            .configure_mesh()
            .x_desc("workers")
            .y_desc("speedup over 1 worker")
            .x_labels(workers.len().max(2))
            .x_label_formatter(&|x| format!("{x:.0}"))
            .draw();
        let _ = chart
            .draw_series(LineSeries::new(
                [(1.0, 1.0), (max_w, max_w)],
                BLACK.mix(0.3).stroke_width(1),
            ))
            .map(|s| {
                s.label("ideal")
                    .legend(|(x, y)| PathElement::new([(x, y), (x + 14, y)], BLACK.mix(0.3)))
            });
        for (i, col) in columns.iter().enumerate() {
            let mut pts: Vec<(f64, f64)> = cells
                .iter()
                .filter(|c| &c.column == col)
                .filter_map(|c| c.speedup.map(|s| (c.workers as f64, s)))
                .collect();
            if pts.is_empty() {
                continue;
            }
            pts.sort_by(|a, b| a.0.total_cmp(&b.0));
            let c = colour(i);
            let style = c.stroke_width(2);
            if let Ok(s) = chart.draw_series(LineSeries::new(pts.clone(), style)) {
                s.label(col.as_str()).legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 14, y)], c.stroke_width(2))
                });
            }
            let _ = chart.draw_series(pts.into_iter().map(|p| Circle::new(p, 3, c.filled())));
        }
        let _ = chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK.mix(0.3))
            .draw();
    }
    out
}

/// Bars: each column's median at 1 worker over gilgamesh gil's, per workload.
fn overhead_svg(cells: &[Cell], columns: &[String], workloads: &[String]) -> String {
    let mut out = String::new();
    let n = workloads.len().max(1);
    let k = columns.len().max(1);
    let max_r = cells
        .iter()
        .filter(|c| c.workers == 1)
        .filter_map(|c| c.vs_gil1)
        .fold(1.5f64, f64::max)
        .min(10.0);
    {
        let width = (120 + n * (k * 10 + 16)).max(500) as u32;
        let root = SVGBackend::with_string(&mut out, (width, 380)).into_drawing_area();
        let _ = root.fill(&WHITE);
        // Room above the bars for the legend.
        let top = max_r * (1.25 + 0.08 * k as f64);
        let Ok(mut chart) = ChartBuilder::on(&root)
            .margin(10)
            .x_label_area_size(100)
            .y_label_area_size(45)
            .build_cartesian_2d(0.0..n as f64, 0.0..top)
        else {
            return String::new();
        };
        let _ = chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_desc("time at 1 worker / gilgamesh gil")
            .draw();
        // Workload names under their groups (the axis's own labels fall on
        // round numbers, not on the groups).
        let font = ("sans-serif", 12)
            .into_font()
            .transform(FontTransform::Rotate90);
        for (i, w) in workloads.iter().enumerate() {
            let (px, py) = chart.backend_coord(&(i as f64 + 0.45, 0.0));
            let _ = root.draw(&Text::new(w.clone(), (px, py + 6), font.clone()));
        }
        let _ = chart.draw_series(LineSeries::new(
            [(0.0, 1.0), (n as f64, 1.0)],
            BLACK.mix(0.4),
        ));
        let bar = 0.8 / k as f64;
        for (j, col) in columns.iter().enumerate() {
            let c = colour(j);
            let bars: Vec<Rectangle<(f64, f64)>> = workloads
                .iter()
                .enumerate()
                .filter_map(|(i, w)| {
                    let r = cells
                        .iter()
                        .find(|x| &x.workload == w && &x.column == col && x.workers == 1)?
                        .vs_gil1?
                        .min(max_r);
                    let x0 = i as f64 + 0.1 + j as f64 * bar;
                    Some(Rectangle::new([(x0, 0.0), (x0 + bar * 0.9, r)], c.filled()))
                })
                .collect();
            if let Ok(s) = chart.draw_series(bars) {
                s.label(col.as_str()).legend(move |(x, y)| {
                    Rectangle::new([(x, y - 4), (x + 10, y + 4)], c.filled())
                });
            }
        }
        let _ = chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK.mix(0.3))
            .draw();
    }
    out
}

fn fmt(x: Option<f64>, p: usize) -> String {
    x.map_or("-".into(), |v| format!("{v:.p$}"))
}

/// The page.
pub fn page(run: &Run, docs: &[(String, String, String)], timeline: Option<&Timeline>) -> String {
    let columns = &run.settings.columns;
    let workloads: Vec<String> = docs.iter().map(|d| d.0.clone()).collect();
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>gilgamesh compare</title><style>\
         body{{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}}\
         table{{border-collapse:collapse;font-size:13px;margin:.5em 0 1.5em}}\
         td,th{{border:1px solid #ccc;padding:3px 7px;text-align:right}}\
         td:first-child,th:first-child{{text-align:left}}\
         tr.failed td{{background:#fde0e0}} tr.unsupported td{{color:#999}}\
         .legend span{{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}}\
         .doc{{color:#555}}</style></head><body>\n"
    );
    let _ = writeln!(
        h,
        "<h1>gilgamesh compare</h1><p>{} cores, {}; gilgamesh {}; scale {}, {} timed run(s) per cell after {} warm-up; \
         workers {:?}. Times are medians of the work phase; speedup is against 1 worker of the same column.</p>",
        run.cores,
        esc(&run.os),
        esc(run.gilgamesh_version),
        run.settings.scale,
        run.settings.repeat,
        run.settings.warmup,
        run.settings.workers
    );
    let _ = writeln!(
        h,
        "<h2>Per-thread overhead</h2><p>Each column's time at 1 worker over gilgamesh gil's: above 1, the model costs \
         time on one thread (free threading's atomic counts and locks, copying for subinterpreters).</p>{}",
        overhead_svg(&run.cells, columns, &workloads)
    );
    if let Some(t) = timeline {
        let _ = writeln!(
            h,
            "<h2>GIL timeline</h2><p>{}</p><p class=\"legend\"><span style=\"background:#2ea043\"></span>running\
             <span style=\"background:#d62728\"></span>waiting for the GIL<span style=\"background:#a0a0a0\"></span>blocked \
             (sleep, lock, I/O)</p>{}",
            esc(&t.caption),
            timeline::svg(t)
        );
    }
    for (name, category, doc) in docs {
        let cells: Vec<&Cell> = run.cells.iter().filter(|c| &c.workload == name).collect();
        let _ = writeln!(
            h,
            "<h2>{}</h2><p><b>{}</b> <span class=\"doc\">{}</span></p>{}",
            esc(name),
            esc(category),
            esc(doc),
            scaling_svg(&cells, columns, &run.settings.workers)
        );
        h.push_str(
            "<table><tr><th>column</th><th>workers</th><th>median s</th><th>min-max</th><th>speedup</th>\
             <th>efficiency</th><th>vs gil@1</th><th>distribute s</th><th>cpu s</th><th>peak MiB</th>\
             <th>GIL wait</th><th>shared rc</th><th>bytes copied</th><th>note</th></tr>\n",
        );
        for c in cells {
            let k = c.counters.as_ref();
            let _ = writeln!(
                h,
                "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}-{}</td><td>{}</td><td>{}</td><td>{}</td>\
                 <td>{}</td><td>{}</td><td>{:.1}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&c.status),
                esc(&c.column),
                c.workers,
                fmt(c.median_s, 4),
                fmt(c.min_s, 4),
                fmt(c.max_s, 4),
                fmt(c.speedup, 2),
                fmt(c.efficiency, 2),
                fmt(c.vs_gil1, 2),
                fmt(c.distribute_s, 4),
                fmt(c.cpu_s, 3),
                c.peak_mib,
                k.map_or("-".into(), |k| format!("{:.1}%", k.gil_wait_share * 100.0)),
                k.and_then(|k| k.shared_refcount_share)
                    .map_or("-".into(), |s| format!("{:.1}%", s * 100.0)),
                k.map_or("-".into(), |k| k.bytes_copied.to_string()),
                esc(&c.error)
            );
        }
        h.push_str("</table>\n");
    }
    h.push_str("</body></html>\n");
    h
}
