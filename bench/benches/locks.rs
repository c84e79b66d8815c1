//! The per-object lock against the GIL: one lock + unlock, uncontended and
//! with a second thread taking the same lock in a loop at the same time.
//!
//! - `ob_mutex`: the header's 1-byte `parking_lot::RawMutex` (PEP 703's
//!   `ob_mutex`), through `nogil::critical_section::ObjectLock`;
//! - `critical_section`: `nogil::critical_section::with_section` on that
//!   mutex (`Py_BEGIN_CRITICAL_SECTION`: the thread's section stack, then the
//!   lock; a contended wait spins 40 times, then suspends the thread's
//!   sections and parks);
//! - `pycell`: `object::pycell::PyCell::with`, the per-field lock every
//!   payload access takes in `--mode nogil` once a thread has started
//!   (`gil_mode` is the same call before locking is on: one load and a
//!   branch, what `--mode gil` pays);
//! - `gil`: `gil::take` + `gil::release(false)` (what `allow_threads` does
//!   around a blocking call); contended, the other thread does the same, and
//!   `gil/handoff` has both threads release with forced switching
//!   (`release(true)`, as at a drop request), so every release hands the GIL
//!   to the other thread.

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};

use gilgamesh_core::gil;
use gilgamesh_core::object::header::ObjHeader;
use gilgamesh_core::object::pycell::{self, PyCell};
use gilgamesh_core::types;
use gilgamesh_nogil::critical_section::{self, ObjectLock};

/// One lock + unlock of the header's `ob_mutex`.
#[inline(always)]
fn ob_mutex_pair(h: &ObjHeader) {
    let m = &black_box(h).ob_mutex;
    m.lock();
    // SAFETY: this thread took the lock on the line above.
    unsafe { m.unlock() };
}

/// One (empty) critical section on `h`.
#[inline(always)]
fn section(h: &ObjHeader) {
    critical_section::with_section(black_box(h), || black_box(()));
}

/// One access to a cell (an increment of its contents).
#[inline(always)]
fn cell_access(c: &PyCell<u64>) {
    black_box(c).with(|x| *x += 1);
}

/// One GIL acquisition and release.
#[inline(always)]
fn gil_pair(forced: bool) {
    gil::take();
    gil::release(black_box(forced));
}

static CELL: PyCell<u64> = PyCell::new(0);

fn locks(c: &mut Criterion) {
    common::init_runtime();
    let mut g = c.benchmark_group("locks");
    let obj = types::new_list(vec![]);
    let h = obj.header().expect("a heap object");

    g.bench_function("ob_mutex/uncontended", |b| b.iter(|| ob_mutex_pair(h)));
    g.bench_function("ob_mutex/contended_2t", |b| {
        b.iter_custom(|iters| {
            common::contended(
                iters,
                1,
                |_, stop| common::until_stopped(stop, || ob_mutex_pair(h)),
                |n| (0..n).for_each(|_| ob_mutex_pair(h)),
            )
        })
    });
    common::overlap("locks/ob_mutex/contended_2t");

    g.bench_function("critical_section/uncontended", |b| b.iter(|| section(h)));
    g.bench_function("critical_section/contended_2t", |b| {
        b.iter_custom(|iters| {
            common::contended(
                iters,
                1,
                |_, stop| common::until_stopped(stop, || section(h)),
                |n| (0..n).for_each(|_| section(h)),
            )
        })
    });
    common::overlap("locks/critical_section/contended_2t");

    // Before any thread has started: the GIL mode's unlocked access.
    g.bench_function("pycell/gil_mode", |b| b.iter(|| cell_access(&CELL)));
    // What `--mode nogil` does when it starts its first thread; from here on
    // every `PyCell::with` in this process takes the cell's lock.
    pycell::enter_free_threaded_mode();
    pycell::thread_starting();
    assert!(pycell::cell_locks_enabled());
    g.bench_function("pycell/uncontended", |b| b.iter(|| cell_access(&CELL)));
    g.bench_function("pycell/contended_2t", |b| {
        b.iter_custom(|iters| {
            common::contended(
                iters,
                1,
                |_, stop| common::until_stopped(stop, || cell_access(&CELL)),
                |n| (0..n).for_each(|_| cell_access(&CELL)),
            )
        })
    });
    common::overlap("locks/pycell/contended_2t");

    g.bench_function("gil/uncontended", |b| b.iter(|| gil_pair(false)));
    g.bench_function("gil/contended_2t", |b| {
        b.iter_custom(|iters| {
            common::contended(
                iters,
                1,
                |_, stop| common::until_stopped(stop, || gil_pair(false)),
                |n| (0..n).for_each(|_| gil_pair(false)),
            )
        })
    });
    common::overlap("locks/gil/contended_2t");
    g.bench_function("gil/handoff_2t", |b| {
        b.iter_custom(|iters| {
            common::contended(
                iters,
                1,
                |_, stop| common::until_stopped(stop, || gil_pair(true)),
                |n| (0..n).for_each(|_| gil_pair(true)),
            )
        })
    });
    common::overlap("locks/gil/handoff_2t");

    g.finish();
    drop(obj);
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = locks
}
criterion_main!(benches);
