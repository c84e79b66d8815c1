//! Stress tests of biased reference counting with real threads and real core
//! objects: every object must be freed exactly once, and only after its last
//! reference is gone, whichever path (owner merge, merged state, exited
//! owner, detached owner) frees it.

mod common;

use std::sync::atomic::{Ordering::Relaxed, Ordering::SeqCst};
use std::sync::{mpsc, Arc, Barrier};

use common::{new_object, Frees, Obj, Rng};
use gilgamesh_nogil::biased_rc::{self, AtomicCounting, RefcountScheme, STATS};
use gilgamesh_nogil::stop_the_world::allow_threads;
use gilgamesh_nogil::thread_state::{self, unregister_current_thread, Registry};

const THREADS: usize = 8;

/// Eight registered threads create objects, hand three extra references of
/// each to three other threads and keep one. Receivers take and drop a
/// shared reference of their own, then drop the one they were given (which
/// the owner's local count covers: it is queued or merged). Threads wait for
/// their messages detached, so their queues are also merged on their behalf,
/// and they exit at different times, so late drops find the owner gone.
#[test]
fn cross_thread_references_free_every_object_exactly_once() {
    const ROUNDS: usize = 1500;
    const PER_ROUND: usize = 8;
    let registry = Registry::new();
    let frees = Frees::new(1);
    let (txs, rxs): (Vec<_>, Vec<_>) = (0..THREADS).map(|_| mpsc::channel::<Obj>()).unzip();
    let queued_before = STATS.queued.load(SeqCst);
    let merged_before = STATS.merged_by_owner.load(SeqCst);

    let handles: Vec<_> = rxs
        .into_iter()
        .enumerate()
        .map(|(i, rx)| {
            let registry = registry.clone();
            let txs = txs.clone();
            std::thread::spawn(move || {
                let ts = registry.register_current_thread();
                let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (i as u64 + 1));
                for _round in 0..ROUNDS {
                    let mut mine = Vec::new();
                    for _ in 0..PER_ROUND {
                        let o = new_object(&frees);
                        assert_eq!(o.header().ob_tid.load(Relaxed), ts.id());
                        for k in 1..=3 {
                            txs[(i + k) % THREADS].send(o.incref()).unwrap();
                        }
                        mine.push(o);
                    }
                    let mut got = Vec::with_capacity(3 * PER_ROUND);
                    while got.len() < 3 * PER_ROUND {
                        // Blocking receive: detached, like a blocking call.
                        let o = match rx.try_recv() {
                            Ok(o) => o,
                            Err(_) => allow_threads(|| rx.recv().unwrap()),
                        };
                        got.push(o);
                    }
                    for o in got {
                        // A reference of our own, counted in the shared count.
                        let extra = o.incref();
                        if rng.below(2) == 0 {
                            extra.decref();
                            o.decref();
                        } else {
                            o.decref();
                            extra.decref();
                        }
                    }
                    // Our own reference last, sometimes before a safe point.
                    for o in mine {
                        o.decref();
                        if rng.below(4) == 0 {
                            thread_state::safe_point();
                        }
                    }
                    thread_state::safe_point();
                }
                unregister_current_thread();
            })
        })
        .collect();
    drop(txs);
    for h in handles {
        h.join().unwrap();
    }
    let total = THREADS * ROUNDS * PER_ROUND;
    assert_eq!(frees.count(), total, "every object freed exactly once");
    assert!(
        STATS.queued.load(SeqCst) > queued_before,
        "no object was queued"
    );
    assert!(
        STATS.merged_by_owner.load(SeqCst) > merged_before,
        "no owner merged its queue"
    );
    assert_eq!(registry.thread_count(), 0);
}

/// An owner that exits before the other thread drops its references: each
/// drop finds the owner gone and merges immediately. And an owner that exits
/// with objects still queued: its exit merges them.
#[test]
fn owner_exit_merges_queued_objects_and_later_drops_merge_immediately() {
    const N: usize = 200;
    let registry = Registry::new();
    let frees = Frees::new(2);
    let (to_other, from_owner) = mpsc::channel::<Vec<Obj>>();
    let (queued_tx, queued_rx) = mpsc::channel::<()>();
    let exited_before = STATS.merged_owner_exited.load(SeqCst);

    let other = {
        let registry = registry.clone();
        std::thread::spawn(move || {
            registry.register_current_thread();
            // First batch: dropped while the owner is attached and busy, so
            // the objects wait in its queue until it exits.
            for o in from_owner.recv().unwrap() {
                o.decref();
            }
            queued_tx.send(()).unwrap();
            // Second batch: dropped after the owner has exited.
            for o in from_owner.recv().unwrap() {
                o.decref();
            }
            unregister_current_thread();
        })
    };
    let owner = {
        let registry = registry.clone();
        std::thread::spawn(move || {
            let ts = registry.register_current_thread();
            let first: Vec<Obj> = (0..N).map(|_| new_object(&frees)).collect();
            let second: Vec<Obj> = (0..N).map(|_| new_object(&frees)).collect();
            to_other.send(first).unwrap();
            // Stay attached (no safe point) until they are all queued.
            queued_rx.recv().unwrap();
            assert_eq!(ts.merge_queue_len(), N);
            assert_ne!(ts.breaker_bits() & thread_state::EXPLICIT_MERGE_BIT, 0);
            unregister_current_thread();
            // The exit merged the first batch (only the queue held them).
            assert_eq!(frees.count(), N);
            to_other.send(second).unwrap();
        })
    };
    owner.join().unwrap();
    other.join().unwrap();
    assert_eq!(frees.count(), 2 * N);
    assert!(STATS.merged_owner_exited.load(SeqCst) >= exited_before + N as u64);
}

/// A detached owner (blocked) does not keep garbage: the thread that would
/// queue an object holds the owner suspended and merges its queue for it.
#[test]
fn detached_owner_queue_is_merged_on_its_behalf() {
    const N: usize = 100;
    let registry = Registry::new();
    let frees = Frees::new(3);
    let (to_other, from_owner) = mpsc::channel::<Vec<Obj>>();
    let done = Arc::new(Barrier::new(2));
    let detached_before = STATS.merged_owner_detached.load(SeqCst);

    let owner = {
        let registry = registry.clone();
        let done = done.clone();
        std::thread::spawn(move || {
            registry.register_current_thread();
            let objs: Vec<Obj> = (0..N).map(|_| new_object(&frees)).collect();
            to_other.send(objs).unwrap();
            // Blocked, detached, until the other thread has dropped them all.
            allow_threads(|| done.wait());
            assert_eq!(frees.count(), N, "freed while the owner slept");
            assert_eq!(biased_rc::merge_pending(), 0);
            unregister_current_thread();
        })
    };
    let other = {
        let registry = registry.clone();
        std::thread::spawn(move || {
            registry.register_current_thread();
            let objs = from_owner.recv().unwrap();
            // Wait until the owner is detached.
            let owner_state = loop {
                let ts = registry
                    .threads()
                    .into_iter()
                    .find(|t| t.id() != thread_state::current().unwrap().id());
                if let Some(t) = ts.filter(|t| t.status() == thread_state::DETACHED) {
                    break t;
                }
                std::thread::yield_now();
            };
            for o in objs {
                o.decref();
            }
            assert_eq!(frees.count(), N);
            assert_eq!(owner_state.status(), thread_state::DETACHED);
            done.wait();
            unregister_current_thread();
        })
    };
    owner.join().unwrap();
    other.join().unwrap();
    assert!(STATS.merged_owner_detached.load(SeqCst) >= detached_before + N as u64);
}

/// The ablation: eight threads count shared objects with one atomic count
/// each; the last decrement, wherever it happens, frees exactly once.
#[test]
fn atomic_counting_ablation_frees_exactly_once() {
    const OBJECTS: usize = 64;
    const ITERS: usize = 2000;
    let frees = Frees::new(4);
    let objs: Vec<Obj> = (0..OBJECTS).map(|_| new_object(&frees)).collect();
    // One reference per thread, taken here; the creating reference is dropped
    // below, so the last thread to finish frees each object.
    for o in &objs {
        for _ in 0..THREADS {
            // SAFETY: we hold a reference.
            unsafe { AtomicCounting::incref(o.0) };
        }
        // SAFETY: the creating reference.
        unsafe { AtomicCounting::decref(o.0) };
    }
    let handles: Vec<_> = (0..THREADS)
        .map(|i| {
            let objs = objs.clone();
            std::thread::spawn(move || {
                let mut rng = Rng(i as u64 + 7);
                for _ in 0..ITERS {
                    let o = objs[rng.below(OBJECTS as u64) as usize];
                    // SAFETY: this thread holds a reference to every object.
                    unsafe {
                        AtomicCounting::incref(o.0);
                        AtomicCounting::decref(o.0);
                    }
                }
                for o in objs {
                    // SAFETY: the thread's own reference.
                    unsafe { AtomicCounting::decref(o.0) };
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(frees.count(), OBJECTS);
}
