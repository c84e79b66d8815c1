//! The key counters of a cell, read from the `--stats` report that
//! gilgamesh prints on stderr at exit (`core/src/stats.rs` and
//! `subinterp/src/stats.rs` write it). The counting run is separate from the
//! timed runs, since counting costs time (about 8% on `richards`).

use serde::Serialize;

/// What `gilgamesh compare` shows of a `--stats` report.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Counters {
    /// Time threads waited for a GIL, as a share of the time they held or
    /// waited for one (0 when no GIL ran).
    pub gil_wait_share: f64,
    /// Milliseconds threads spent waiting for a GIL, all threads together.
    pub gil_wait_ms: f64,
    /// Reference-count operations of the eval loop on the shared (atomic)
    /// count, as a share of all counted ones (nogil mode only).
    pub shared_refcount_share: Option<f64>,
    /// Per-object lock acquisitions and the contended ones (nogil mode).
    pub lock_acquisitions: Option<u64>,
    /// Contended per-object lock acquisitions (nogil mode).
    pub lock_contended: Option<u64>,
    /// Bytes copied through the wire format between interpreters.
    pub bytes_copied: u64,
    /// Bytes handed to another interpreter without a copy.
    pub bytes_shared: u64,
}

/// The numbers after `label` up to the next `words`, as in
/// "per-object locks: 101171 acquisitions, 0 contended".
fn number_before(line: &str, word: &str) -> Option<u64> {
    let end = line.find(word)?;
    line[..end].split_whitespace().last()?.parse().ok()
}

/// Reads the counters from a `--stats` report (`stderr` of a run).
pub fn parse(report: &str) -> Counters {
    let mut c = Counters::default();
    let (mut held, mut waited) = (0.0, 0.0);
    let mut section = "";
    for line in report.lines() {
        let t = line.trim();
        if t.starts_with("thread ") && t.contains("held ms") {
            section = "threads";
            continue;
        }
        if t.starts_with("interp ") && t.contains("bytes copied") {
            section = "interps";
            continue;
        }
        if t.starts_with("GIL switches") || t.starts_with("isolated interpreters") {
            section = "";
        }
        match section {
            "threads" => {
                // name (may hold spaces), held ms, waited ms, acquired, drops
                let cols: Vec<&str> = t.split_whitespace().collect();
                if cols.len() >= 5 {
                    let n = cols.len();
                    if let (Ok(h), Ok(w)) = (cols[n - 4].parse::<f64>(), cols[n - 3].parse::<f64>())
                    {
                        held += h;
                        waited += w;
                        continue;
                    }
                }
                section = "";
            }
            "interps" => {
                let cols: Vec<&str> = t.split_whitespace().collect();
                if cols.len() == 8 {
                    if let (Ok(shared), Ok(copied)) =
                        (cols[3].parse::<u64>(), cols[4].parse::<u64>())
                    {
                        c.bytes_shared += shared;
                        c.bytes_copied += copied;
                        continue;
                    }
                }
                section = "";
            }
            _ => {}
        }
        if t.starts_with("refcount operations by the eval loop") {
            // "... 315 shared (atomic, 1.4%), ..."
            if let Some(i) = t.find("(atomic, ") {
                let rest = &t[i + "(atomic, ".len()..];
                if let Some(p) = rest.find('%') {
                    c.shared_refcount_share =
                        rest[..p].trim().parse::<f64>().ok().map(|x| x / 100.0);
                }
            }
        }
        if t.starts_with("per-object locks:") {
            c.lock_acquisitions = number_before(t, " acquisitions");
            c.lock_contended = number_before(t, " contended");
        }
    }
    c.gil_wait_ms = waited;
    if held + waited > 0.0 {
        c.gil_wait_share = waited / (held + waited);
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_report() {
        let report = "gilgamesh --stats (mode gil, GIL enabled)
thread                      held ms    waited ms   acquired forced drops
MainThread                   30.000        10.000         28            0
Thread-1 (_exec_guard)       10.000        10.000          9            0
GIL switches: 29
refcount operations by the eval loop: 2540 local (owner thread, plain), 315 shared (atomic, 1.4%), 19255 on immortal objects (skipped)
per-object locks: 101171 acquisitions, 7 contended
isolated interpreters (concurrent.interpreters):
interp       sent   received   bytes shared   bytes copied   encode ms   decode ms   blocked ms
     0         18          6              5         530228       3.342       0.016       10.555
     1          3          9              0             56       0.012       3.531        2.265
";
        let c = parse(report);
        assert_eq!(c.gil_wait_share, 20.0 / 60.0);
        assert_eq!(c.gil_wait_ms, 20.0);
        assert!((c.shared_refcount_share.unwrap() - 0.014).abs() < 1e-12);
        assert_eq!(c.lock_acquisitions, Some(101171));
        assert_eq!(c.lock_contended, Some(7));
        assert_eq!((c.bytes_shared, c.bytes_copied), (5, 530284));
    }

    #[test]
    fn an_empty_report_gives_zeros() {
        assert_eq!(parse(""), Counters::default());
    }
}
