//! gilgamesh's benchmark harness: `gilgamesh compare` ([`compare`]), which
//! runs workloads under every concurrency model and worker count, side by
//! side with CPython. The Python drivers for single-thread and threading
//! benchmarks live beside this crate (`bench/*.py`, `bench/README.md`).

#![deny(missing_docs)]

pub mod compare;
