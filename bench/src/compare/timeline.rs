//! The GIL/thread timeline of the HTML report: one band per thread, coloured
//! by state (running, waiting for the GIL, blocked), read from a run traced
//! with `gilgamesh run --trace` (Chrome trace-event JSON, `core/src/trace.rs`)
//! and drawn as SVG with plotters, in the manner of D. Beazley's GIL
//! visualisations.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde_json::Value as Json;

/// One state span of one thread.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    /// Row (thread index, in the order threads first appear).
    pub row: usize,
    /// State name (`running`, `waiting for GIL`, `blocked: ...`).
    pub state: String,
    /// Start, milliseconds from the first span.
    pub start_ms: f64,
    /// Duration in milliseconds.
    pub dur_ms: f64,
}

/// The threads and their spans.
#[derive(Clone, Debug, Default)]
pub struct Timeline {
    /// Thread names, by row.
    pub threads: Vec<String>,
    /// Every span (at most [`MAX_SPANS`], the earliest).
    pub spans: Vec<Span>,
    /// What was traced (shown under the chart).
    pub caption: String,
}

/// Spans drawn at most (the earliest are kept): enough for a few hundred
/// GIL switches, small enough for a page.
pub const MAX_SPANS: usize = 6000;

/// Reads a trace-event JSON document (an object with `traceEvents`, or a
/// bare array).
pub fn parse(text: &str, caption: &str) -> Option<Timeline> {
    let doc: Json = serde_json::from_str(text).ok()?;
    let events = doc
        .get("traceEvents")
        .and_then(Json::as_array)
        .or_else(|| doc.as_array())?;
    let mut names: Vec<(u64, String)> = Vec::new();
    for e in events {
        if e["ph"] == "M" && e["name"] == "thread_name" {
            if let (Some(tid), Some(n)) = (e["tid"].as_u64(), e["args"]["name"].as_str()) {
                names.push((tid, n.to_string()));
            }
        }
    }
    let mut raw: Vec<(u64, String, f64, f64)> = events
        .iter()
        .filter(|e| e["ph"] == "X" && e["cat"] != "interpreter")
        .filter_map(|e| {
            Some((
                e["tid"].as_u64()?,
                e["name"].as_str()?.to_string(),
                e["ts"].as_f64()?,
                e["dur"].as_f64()?,
            ))
        })
        .collect();
    if raw.is_empty() {
        return None;
    }
    raw.sort_by(|a, b| a.2.total_cmp(&b.2));
    let t0 = raw[0].2;
    let mut tids: Vec<u64> = Vec::new();
    let mut spans = Vec::new();
    for (tid, state, ts, dur) in raw.into_iter().take(MAX_SPANS) {
        let row = match tids.iter().position(|&t| t == tid) {
            Some(r) => r,
            None => {
                tids.push(tid);
                tids.len() - 1
            }
        };
        spans.push(Span {
            row,
            state,
            start_ms: (ts - t0) / 1000.0,
            dur_ms: dur / 1000.0,
        });
    }
    let threads = tids
        .iter()
        .map(|t| {
            names
                .iter()
                .find(|(id, _)| id == t)
                .map_or_else(|| format!("thread {t}"), |(_, n)| n.clone())
        })
        .collect();
    Some(Timeline {
        threads,
        spans,
        caption: caption.to_string(),
    })
}

/// The colour of a state.
fn colour(state: &str) -> RGBColor {
    match state {
        "running" => RGBColor(46, 160, 67),
        "waiting for GIL" => RGBColor(214, 39, 40),
        s if s.starts_with("blocked") => RGBColor(160, 160, 160),
        _ => RGBColor(31, 119, 180),
    }
}

/// The timeline as an SVG document.
pub fn svg(t: &Timeline) -> String {
    let mut out = String::new();
    let rows = t.threads.len().max(1);
    let height = 60 + 28 * rows as u32;
    let end = t
        .spans
        .iter()
        .map(|s| s.start_ms + s.dur_ms)
        .fold(0.0f64, f64::max)
        .max(1e-3);
    {
        let root = SVGBackend::with_string(&mut out, (900, height)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let chart = ChartBuilder::on(&root)
            .margin(8)
            .x_label_area_size(30)
            .y_label_area_size(150)
            .build_cartesian_2d(0.0..end, 0.0..rows as f64);
        let Ok(mut chart) = chart else {
            return String::new();
        };
        let _ = chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .x_desc("milliseconds")
            .draw();
        // Thread names beside their bands (the axis's labels fall on round
        // numbers, not on the rows).
        for (i, name) in t.threads.iter().enumerate() {
            let (px, py) = chart.backend_coord(&(0.0, i as f64 + 0.5));
            let style = ("sans-serif", 12)
                .into_font()
                .color(&BLACK)
                .pos(Pos::new(HPos::Right, VPos::Center));
            let _ = root.draw(&Text::new(name.clone(), (px - 6, py), style));
        }
        let _ = chart.draw_series(t.spans.iter().map(|s| {
            let y0 = s.row as f64 + 0.15;
            Rectangle::new(
                [(s.start_ms, y0), (s.start_ms + s.dur_ms, y0 + 0.7)],
                colour(&s.state).filled(),
            )
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_spans_and_thread_names() {
        let trace = r#"{"traceEvents":[
            {"name":"thread_name","ph":"M","pid":1,"tid":1,"args":{"name":"MainThread"}},
            {"name":"thread_name","ph":"M","pid":1,"tid":2,"args":{"name":"Thread-1"}},
            {"name":"running","cat":"gil","ph":"X","ts":1000.0,"dur":500.0,"pid":1,"tid":1},
            {"name":"waiting for GIL","cat":"gil","ph":"X","ts":1100.0,"dur":400.0,"pid":1,"tid":2},
            {"name":"running","cat":"gil","ph":"X","ts":1500.0,"dur":250.0,"pid":1,"tid":2}
        ]}"#;
        let t = parse(trace, "test").expect("parses");
        assert_eq!(t.threads, ["MainThread", "Thread-1"]);
        assert_eq!(t.spans.len(), 3);
        assert_eq!(t.spans[1].row, 1);
        assert_eq!(t.spans[1].start_ms, 0.1);
        assert_eq!(t.spans[2].dur_ms, 0.25);
        let svg = svg(&t);
        assert!(svg.starts_with("<svg") && svg.contains("MainThread"));
        assert!(parse("not json", "x").is_none());
    }
}
