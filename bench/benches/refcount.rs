//! Reference count increment + decrement, through the runtime's own code:
//!
//! - `plain`: `--mode gil`'s eval loop (`policy::GilPolicy`): a relaxed load,
//!   the immortality compare and a plain store, no owner check;
//! - `atomic`: the `--refcount atomic` ablation of `--mode nogil`: the thread
//!   runs under `refcount::SHARED_ONLY_OWNER`, objects are allocated merged,
//!   and every count is an atomic read-modify-write on `ob_ref_shared`
//!   (`fetch_add` up, a compare-exchange loop down); `atomic_counting` is
//!   `nogil::biased_rc::AtomicCounting` (one `fetch_add`/`fetch_sub` on
//!   `ob_ref_local`, the Gilectomy's scheme) for comparison;
//! - `biased`: `--mode nogil`'s eval loop (`nogil::policy::NogilPolicy`, the
//!   general protocol of `object::refcount`): the owner thread with plain
//!   loads and stores of `ob_ref_local`, a non-owner thread with atomics on
//!   `ob_ref_shared`.
//!
//! The `refcount_contended` group times the measuring thread's pairs while a
//! second thread increments and decrements the same object's count at the
//! same time (two threads: the machine these were recorded on has two
//! cores). The other thread calls `object::refcount::incref`/`decref` on the
//! header (a `Value` is not `Send`), the very functions `Value`'s `Clone` and
//! `Drop` run.
//!
//! "Another thread" is a thread whose owner id differs from the object's
//! `ob_tid`, which is all the protocol looks at; the single-threaded
//! `non_owner` case switches the bench thread's owner id to get that path.

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};

use gilgamesh_core::object::header::ObjHeader;
use gilgamesh_core::object::refcount::{self, set_current_owner, SHARED_ONLY_OWNER};
use gilgamesh_core::policy::{GilPolicy, Policy};
use gilgamesh_core::types;
use gilgamesh_core::Value;
use gilgamesh_nogil::biased_rc::{AtomicCounting, RefcountScheme};
use gilgamesh_nogil::policy::NogilPolicy;

/// The bench thread's owner id (the main interpreter's, the default).
const MAIN_OWNER: usize = 1;
/// An owner id no object of these benches has.
const NON_OWNER: usize = 1000;

/// A mortal object owned by the calling thread (under its current owner id).
fn object() -> Value {
    types::new_str("a mortal str whose count the benches move")
}

/// One increment and one decrement through policy `P`, as the eval loop's
/// `LOAD_FAST` / `POP_TOP` pair does.
#[inline(always)]
fn pair<P: Policy>(v: &Value) {
    let c = P::clone_value(black_box(v));
    P::drop_value(black_box(c));
}

/// One increment and one decrement through the general protocol, on a raw
/// header (what `Value`'s `Clone` and `Drop` call).
#[inline(always)]
fn pair_raw(h: &ObjHeader) {
    let p = black_box(h as *const ObjHeader);
    // SAFETY: the caller's `h` keeps the object alive (its owner holds a
    // reference for the whole measurement); the decrement gives back the
    // reference the increment just took.
    unsafe {
        refcount::incref(p);
        refcount::decref(p);
    }
}

/// [`pair_raw`] under the `AtomicCounting` scheme.
#[inline(always)]
fn pair_atomic_counting(h: &ObjHeader) {
    let p = black_box(h as *const ObjHeader);
    // SAFETY: as in `pair_raw`; every count of this object in the bench is
    // made through `AtomicCounting` (the main reference included), as the
    // scheme requires.
    unsafe {
        AtomicCounting::incref(p);
        AtomicCounting::decref(p);
    }
}

fn uncontended(c: &mut Criterion) {
    common::init_runtime();
    let mut g = c.benchmark_group("refcount");
    set_current_owner(MAIN_OWNER);
    let v = object();

    g.bench_function("plain/gil_policy", |b| b.iter(|| pair::<GilPolicy>(&v)));

    g.bench_function("biased/owner", |b| b.iter(|| pair::<NogilPolicy>(&v)));

    g.bench_function("biased/non_owner", |b| {
        set_current_owner(NON_OWNER);
        b.iter(|| pair::<NogilPolicy>(&v));
        set_current_owner(MAIN_OWNER);
    });

    g.bench_function("atomic/shared_only", |b| {
        set_current_owner(SHARED_ONLY_OWNER);
        // Allocated unowned and merged, as under `--refcount atomic`.
        let m = object();
        b.iter(|| pair::<NogilPolicy>(&m));
        drop(m);
        set_current_owner(MAIN_OWNER);
    });

    g.bench_function("atomic/atomic_counting", |b| {
        let h = v.header().expect("a heap object");
        b.iter(|| pair_atomic_counting(h));
    });

    g.finish();
}

fn contended(c: &mut Criterion) {
    let mut g = c.benchmark_group("refcount_contended");
    set_current_owner(MAIN_OWNER);
    let v = object();
    let h = v.header().expect("a heap object");

    // The owner's plain counts while another thread counts atomically on the
    // same header (the same cache line).
    g.bench_function("biased/owner_vs_non_owner", |b| {
        b.iter_custom(|iters| {
            common::contended(
                iters,
                1,
                |i, stop| {
                    set_current_owner(NON_OWNER + 1 + i);
                    common::until_stopped(stop, || pair_raw(h))
                },
                |n| {
                    for _ in 0..n {
                        pair::<NogilPolicy>(&v);
                    }
                },
            )
        })
    });
    common::overlap("refcount_contended/biased/owner_vs_non_owner");

    // Two non-owner threads on the shared count.
    g.bench_function("biased/non_owner_vs_non_owner", |b| {
        b.iter_custom(|iters| {
            set_current_owner(NON_OWNER);
            let d = common::contended(
                iters,
                1,
                |i, stop| {
                    set_current_owner(NON_OWNER + 1 + i);
                    common::until_stopped(stop, || pair_raw(h))
                },
                |n| {
                    for _ in 0..n {
                        pair::<NogilPolicy>(&v);
                    }
                },
            );
            set_current_owner(MAIN_OWNER);
            d
        })
    });
    common::overlap("refcount_contended/biased/non_owner_vs_non_owner");

    // A non-owner thread while the owner thread counts with plain stores.
    g.bench_function("biased/non_owner_vs_owner", |b| {
        const OWNER: usize = NON_OWNER + 50;
        set_current_owner(OWNER);
        let o = object();
        set_current_owner(MAIN_OWNER);
        let oh = o.header().expect("a heap object");
        b.iter_custom(|iters| {
            common::contended(
                iters,
                1,
                |_, stop| {
                    set_current_owner(OWNER);
                    common::until_stopped(stop, || pair_raw(oh))
                },
                |n| {
                    for _ in 0..n {
                        pair::<NogilPolicy>(&o);
                    }
                },
            )
        });
        // The owner thread is gone: drop the reference as its owner, so the
        // object is freed rather than queued to nobody.
        set_current_owner(OWNER);
        drop(o);
        set_current_owner(MAIN_OWNER);
    });
    common::overlap("refcount_contended/biased/non_owner_vs_owner");

    // `--refcount atomic`: every thread on the shared count.
    g.bench_function("atomic/shared_only", |b| {
        set_current_owner(SHARED_ONLY_OWNER);
        let m = object();
        let mh = m.header().expect("a heap object");
        b.iter_custom(|iters| {
            common::contended(
                iters,
                1,
                |_, stop| {
                    set_current_owner(SHARED_ONLY_OWNER);
                    common::until_stopped(stop, || pair_raw(mh))
                },
                |n| {
                    for _ in 0..n {
                        pair::<NogilPolicy>(&m);
                    }
                },
            )
        });
        drop(m);
        set_current_owner(MAIN_OWNER);
    });
    common::overlap("refcount_contended/atomic/shared_only");

    // One `fetch_add`/`fetch_sub` count, every thread.
    g.bench_function("atomic/atomic_counting", |b| {
        b.iter_custom(|iters| {
            common::contended(
                iters,
                1,
                |_, stop| common::until_stopped(stop, || pair_atomic_counting(h)),
                |n| {
                    for _ in 0..n {
                        pair_atomic_counting(h);
                    }
                },
            )
        })
    });
    common::overlap("refcount_contended/atomic/atomic_counting");

    g.finish();
    drop(v);
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = uncontended, contended
}
criterion_main!(benches);
