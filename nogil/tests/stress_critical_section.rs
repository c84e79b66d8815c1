//! Stress test of critical sections over real object headers: eight threads
//! (six registered, so their waits detach the thread state, and two plain)
//! lock four shared objects nested in random orders, two at a time, and
//! detach inside sections. Each object's "data" is a counter updated with a
//! plain load and store (no read-modify-write) plus an occupancy count, only
//! while the object's section is the top-most one: an update lost or an
//! occupancy above one means mutual exclusion failed; a lock-order deadlock
//! would hang the test.

mod common;

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::SeqCst};
use std::sync::Arc;

use common::{new_object, Frees, Obj, Rng};
use gilgamesh_nogil::critical_section::{self, with_section, with_section2};
use gilgamesh_nogil::stop_the_world::allow_threads;
use gilgamesh_nogil::thread_state::{unregister_current_thread, Registry};

const THREADS: usize = 8;
const OBJECTS: usize = 4;
const ITERS: usize = 50_000;

struct Shared {
    obj: Obj,
    inside: AtomicUsize,
    counter: AtomicU64,
}

/// Mutates `s` the way a list append would: only legal while its section is
/// the top-most one.
fn touch(s: &Shared, expected_increments: &AtomicU64) {
    assert!(
        critical_section::is_held(s.obj.header()),
        "not the top-most section"
    );
    assert_eq!(s.inside.fetch_add(1, SeqCst), 0, "two threads inside");
    let v = s.counter.load(SeqCst);
    std::hint::spin_loop();
    s.counter.store(v + 1, SeqCst);
    assert_eq!(s.inside.fetch_sub(1, SeqCst), 1);
    expected_increments.fetch_add(1, SeqCst);
}

#[test]
fn nested_and_paired_sections_keep_exclusion_without_deadlock() {
    let registry = Registry::new();
    let frees = Frees::new(5);
    let objects: Arc<Vec<Shared>> = Arc::new(
        (0..OBJECTS)
            .map(|_| Shared {
                obj: new_object(&frees),
                inside: AtomicUsize::new(0),
                counter: AtomicU64::new(0),
            })
            .collect(),
    );
    let expected: Arc<Vec<AtomicU64>> = Arc::new((0..OBJECTS).map(|_| AtomicU64::new(0)).collect());

    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let registry = registry.clone();
            let objects = objects.clone();
            let expected = expected.clone();
            std::thread::spawn(move || {
                let registered = t < 6;
                if registered {
                    registry.register_current_thread();
                }
                let mut rng = Rng(0xC0FFEE + t as u64);
                for _ in 0..ITERS {
                    let i = rng.below(OBJECTS as u64) as usize;
                    let j = rng.below(OBJECTS as u64) as usize;
                    let (a, b) = (&objects[i], &objects[j]);
                    match rng.below(4) {
                        // Nested: a, then b inside, then a again (resumed).
                        0 => with_section(a.obj.header(), || {
                            touch(a, &expected[i]);
                            with_section(b.obj.header(), || touch(b, &expected[j]));
                            touch(a, &expected[i]);
                        }),
                        // Two at a time (address order; maybe the same object).
                        1 => with_section2(a.obj.header(), b.obj.header(), || {
                            touch(a, &expected[i]);
                            if i != j {
                                touch(b, &expected[j]);
                            }
                        }),
                        // Block inside a section: it is suspended and resumed.
                        2 => with_section(a.obj.header(), || {
                            touch(a, &expected[i]);
                            allow_threads(std::thread::yield_now);
                            touch(a, &expected[i]);
                        }),
                        // A pair nested inside a single.
                        _ => with_section(b.obj.header(), || {
                            touch(b, &expected[j]);
                            with_section2(a.obj.header(), b.obj.header(), || {
                                touch(a, &expected[i]);
                            });
                            touch(b, &expected[j]);
                        }),
                    }
                    assert_eq!(critical_section::depth(), 0);
                }
                if registered {
                    unregister_current_thread();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    for (s, e) in objects.iter().zip(expected.iter()) {
        assert_eq!(s.counter.load(SeqCst), e.load(SeqCst), "lost update");
        assert!(!critical_section::is_locked(s.obj.header()));
    }
    for s in objects.iter() {
        s.obj.decref();
    }
    assert_eq!(frees.count(), OBJECTS);
}
