//! Interpreter creation: `subinterp::registry::create` (what
//! `concurrent.interpreters.create()` runs: a fresh `Vm` with its own
//! builtins, `sys`, `sys.modules`, `__main__` and GIL, registered under a
//! new id) and `registry::close` (what `Interpreter.close()` runs: under the
//! new interpreter's GIL, its `__main__` and `sys.modules` are cleared and
//! its roots let go of), from a main interpreter made as the binary makes
//! one (`gil::take`, `Vm::new_gil`).
//!
//! `create` and `close` are timed separately: each iteration creates one
//! interpreter and closes it, and only the named half is on the clock.

mod common;

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};

use gilgamesh_core::gil;
use gilgamesh_core::vm::Vm;
use gilgamesh_subinterp::registry::{self, CloseError};

/// Creates and closes one interpreter; returns the time each took.
fn create_close(vm: &mut Vm) -> (Duration, Duration) {
    let t0 = Instant::now();
    let interp = match registry::create(vm) {
        Ok(i) => i,
        Err(_) => panic!("creating an interpreter raised"),
    };
    let t1 = Instant::now();
    let r = registry::close(vm, interp.id);
    let t2 = Instant::now();
    match r {
        Ok(()) => {}
        Err(CloseError::NotFound | CloseError::Running | CloseError::Current) => {
            panic!("closing interpreter {} failed", interp.id)
        }
    }
    drop(interp);
    (t1 - t0, t2 - t1)
}

fn interp(c: &mut Criterion) {
    gilgamesh_subinterp::install();
    gil::take();
    let mut vm = Vm::new_gil();
    let mut g = c.benchmark_group("interp");
    g.bench_function("create", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| create_close(&mut vm).0).sum())
    });
    g.bench_function("close", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| create_close(&mut vm).1).sum())
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = interp
}
criterion_main!(benches);
