//! `gilgamesh compare`: a small matrix runs in every model, the answers
//! agree, the JSON and CSV reports parse and hold every cell, and a failing
//! cell is reported while the matrix goes on.

use std::process::Command;

fn gilgamesh(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gilgamesh"))
        .args(args)
        .output()
        .expect("run gilgamesh")
}

fn temp_dir(tag: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!(
        "gilgamesh-compare-test-{tag}-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

#[test]
fn a_small_matrix_gives_table_json_and_csv() {
    let dir = temp_dir("ok");
    let (json, csv, html) = (dir.join("r.json"), dir.join("r.csv"), dir.join("r.html"));
    let out = gilgamesh(&[
        "compare",
        "primes",
        "shared_counter",
        "--workers",
        "1,2",
        "--repeat",
        "1",
        "--warmup",
        "0",
        "--scale",
        "0.02",
        "--json",
        json.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for col in ["gilgamesh gil", "gilgamesh nogil", "gilgamesh subinterp"] {
        assert!(stdout.contains(col), "{stdout}");
    }
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("json written"))
            .expect("json parses");
    assert_eq!(report["schema"], "gilgamesh-compare/1");
    assert_eq!(report["schema_version"], 1);
    assert!(report["cores"].as_u64().unwrap() >= 1);
    let cells = report["cells"].as_array().expect("cells");
    assert_eq!(cells.len(), 2 * 3 * 2);
    for w in ["primes", "shared_counter"] {
        let answers: Vec<&str> = cells
            .iter()
            .filter(|c| c["workload"] == w)
            .map(|c| {
                assert_eq!(c["status"], "ok", "{c}");
                assert!(c["median_s"].as_f64().unwrap() > 0.0);
                assert!(c["peak_mib"].as_f64().unwrap() > 0.0);
                c["answer"].as_str().expect("answer digest")
            })
            .collect();
        assert!(answers.windows(2).all(|p| p[0] == p[1]), "{answers:?}");
    }
    let one = cells
        .iter()
        .find(|c| c["column"] == "gilgamesh nogil" && c["workers"] == 2)
        .unwrap();
    assert!(one["speedup"].as_f64().is_some() && one["vs_gil1"].as_f64().is_some());
    assert!(one["counters"]["lock_acquisitions"].as_u64().is_some());
    let sub = cells
        .iter()
        .find(|c| c["column"] == "gilgamesh subinterp" && c["workers"] == 2)
        .unwrap();
    assert!(sub["distribute_s"].as_f64().is_some());
    assert!(sub["counters"]["bytes_copied"].as_u64().unwrap() > 0);
    let text = std::fs::read_to_string(&csv).expect("csv written");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header[0], "workload");
    assert!(header.contains(&"median_s") && header.contains(&"bytes_copied"));
    assert_eq!(lines.count(), 12);
    // The page is self-contained: charts inline, nothing fetched.
    let page = std::fs::read_to_string(&html).expect("html written");
    assert!(page.starts_with("<!DOCTYPE html>") && page.trim_end().ends_with("</html>"));
    // Overhead bars, the GIL timeline, one scaling chart per workload.
    assert_eq!(page.matches("<svg").count(), 4, "{page}");
    assert!(page.contains("GIL timeline") && page.contains("MainThread"));
    assert!(!page.contains("src=\"http") && !page.contains("<script"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_failing_cell_is_reported_and_the_matrix_goes_on() {
    let dir = temp_dir("fail");
    let w = dir.join("wrong_under_nogil.py");
    std::fs::write(
        &w,
        r#""""A workload whose answer depends on the mode (a broken workload)."""
import sys
CATEGORY = "numeric"
def setup(scale):
    return 3
def work(data, worker, workers):
    return data
def combine(parts):
    if getattr(sys, "_is_gil_enabled", lambda: True)():
        return sum(parts) // len(parts)
    raise ValueError("no answer without a GIL")
"#,
    )
    .unwrap();
    let json = dir.join("r.json");
    let out = gilgamesh(&[
        "compare",
        w.to_str().unwrap(),
        "--modes",
        "gil,nogil",
        "--workers",
        "1",
        "--repeat",
        "1",
        "--warmup",
        "0",
        "--json",
        json.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("FAILED") && stdout.contains("ValueError"),
        "{stdout}"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let status: Vec<&str> = report["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["status"].as_str().unwrap())
        .collect();
    assert_eq!(status, ["ok", "failed"]);
    let bad = gilgamesh(&["compare", "no_such_workload"]);
    assert_eq!(bad.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}
