//! The Python side of `gilgamesh compare`, built into the binary: the cell
//! driver (`bench/compare_driver.py`), its queue support module and the
//! built-in workload suite (`bench/workloads/`), so that the command works
//! from any directory. They are written to a fresh temporary folder for the
//! run and removed afterwards.

use std::io;
use std::path::{Path, PathBuf};

/// The cell driver, run by every interpreter (gilgamesh and CPython alike).
const DRIVER: &str = include_str!("../../compare_driver.py");
/// The module workloads import for queues (`make_queue`) and the model.
const SUPPORT: &str = include_str!("../../workload_support.py");

macro_rules! suite {
    ($($name:literal),* $(,)?) => {
        /// The built-in workloads, by name, in the order the report lists them.
        pub const SUITE: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../../workloads/", $name, ".py"))),)*
        ];
    };
}

suite!(
    "mandelbrot",
    "primes",
    "montecarlo",
    "nbody",
    "matmul",
    "inverted_index",
    "graph_bfs",
    "tree_queries",
    "shared_counter",
    "shared_cache",
    "producer_consumer",
    "messaging",
    "alloc_objects",
    "sleep_io",
    "convoy",
    "big_readonly",
);

/// The driver, the support module and the suite, written out.
pub struct Files {
    dir: PathBuf,
    /// `compare_driver.py`.
    pub driver: PathBuf,
}

impl Files {
    /// Writes everything into a new folder under the system's temporary
    /// directory.
    pub fn write() -> io::Result<Files> {
        let dir = std::env::temp_dir().join(format!("gilgamesh-compare-{}", std::process::id()));
        let workloads = dir.join("workloads");
        std::fs::create_dir_all(&workloads)?;
        let driver = dir.join("compare_driver.py");
        std::fs::write(&driver, DRIVER)?;
        std::fs::write(dir.join("workload_support.py"), SUPPORT)?;
        for (name, text) in SUITE {
            std::fs::write(workloads.join(format!("{name}.py")), text)?;
        }
        Ok(Files { dir, driver })
    }

    /// The file of the built-in workload `name`, if there is one.
    pub fn builtin(&self, name: &str) -> Option<PathBuf> {
        SUITE
            .iter()
            .any(|(n, _)| *n == name)
            .then(|| self.dir.join("workloads").join(format!("{name}.py")))
    }

    /// The folder holding the files.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for Files {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
