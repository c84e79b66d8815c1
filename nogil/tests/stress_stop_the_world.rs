//! Stress tests of stop-the-world: while threads run, attach and detach,
//! block inside critical sections, and while threads come and go, stoppers
//! repeatedly stop the world and check that it is stopped: every other thread
//! of the registry is suspended, and no thread makes progress (workers only
//! count progress while attached) until the restart.

mod common;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::*};
use std::sync::Arc;
use std::time::Duration;

use common::{new_object, Frees, Rng};
use gilgamesh_nogil::critical_section::with_section;
use gilgamesh_nogil::stop_the_world::{allow_threads, attach, detach};
use gilgamesh_nogil::thread_state::{
    self, current_is_attached, unregister_current_thread, Registry, SUSPENDED,
};

#[test]
fn stopped_world_is_stopped_while_threads_attach_detach_and_churn() {
    const WORKERS: usize = 5;
    const STOPS: u64 = 300;
    let registry = Registry::new();
    let stop = Arc::new(AtomicBool::new(false));
    let progress: Arc<Vec<AtomicU64>> = Arc::new((0..WORKERS).map(|_| AtomicU64::new(0)).collect());
    let frees = Frees::new(6);
    let shared_obj = new_object(&frees);

    let mut handles = Vec::new();
    for w in 0..WORKERS {
        let (registry, stop, progress) = (registry.clone(), stop.clone(), progress.clone());
        handles.push(std::thread::spawn(move || {
            registry.register_current_thread();
            let mut rng = Rng(w as u64 * 31 + 1);
            while !stop.load(Acquire) {
                // "Running Python code": progress only while attached.
                assert!(current_is_attached());
                progress[w].fetch_add(1, SeqCst);
                match rng.below(8) {
                    0 => allow_threads(std::thread::yield_now),
                    1 => {
                        detach();
                        std::thread::sleep(Duration::from_micros(20));
                        attach();
                    }
                    2 => with_section(shared_obj.header(), || {
                        progress[w].fetch_add(1, SeqCst);
                        // Block inside the section: detaches.
                        allow_threads(std::thread::yield_now);
                        progress[w].fetch_add(1, SeqCst);
                    }),
                    _ => {}
                }
                thread_state::safe_point();
            }
            unregister_current_thread();
        }));
    }
    // Threads that register, run a little and exit, over and over.
    let churned = Arc::new(AtomicU64::new(0));
    {
        let (registry, stop, churned) = (registry.clone(), stop.clone(), churned.clone());
        handles.push(std::thread::spawn(move || {
            while !stop.load(Acquire) {
                let (registry, churned) = (registry.clone(), churned.clone());
                std::thread::spawn(move || {
                    registry.register_current_thread();
                    for _ in 0..10 {
                        thread_state::safe_point();
                    }
                    churned.fetch_add(1, SeqCst);
                    unregister_current_thread();
                })
                .join()
                .unwrap();
            }
        }));
    }

    // Two stoppers: one registered (it stays attached), one not.
    let stoppers: Vec<_> = (0..2)
        .map(|s| {
            let (registry, progress) = (registry.clone(), progress.clone());
            std::thread::spawn(move || {
                let me = (s == 0).then(|| registry.register_current_thread());
                for _ in 0..STOPS {
                    let world = registry.stop_the_world();
                    assert!(registry.is_world_stopped());
                    for t in registry.threads() {
                        if me.as_ref().is_some_and(|m| m.id() == t.id()) {
                            assert!(current_is_attached());
                        } else {
                            assert_eq!(t.status(), SUSPENDED, "a thread runs in a stopped world");
                        }
                    }
                    let before: Vec<u64> = progress.iter().map(|p| p.load(SeqCst)).collect();
                    std::thread::sleep(Duration::from_micros(200));
                    let after: Vec<u64> = progress.iter().map(|p| p.load(SeqCst)).collect();
                    assert_eq!(before, after, "progress while the world was stopped");
                    world.start();
                    if me.is_some() {
                        thread_state::safe_point();
                    }
                    std::thread::yield_now();
                }
                if me.is_some() {
                    unregister_current_thread();
                }
            })
        })
        .collect();
    for s in stoppers {
        s.join().unwrap();
    }
    stop.store(true, Release);
    for h in handles {
        h.join().unwrap();
    }
    let stats = registry.pause_stats();
    assert_eq!(stats.count, 2 * STOPS);
    assert!(stats.max >= Duration::from_micros(200));
    assert!(stats.total >= stats.max);
    assert!(stats.time_to_stop_total <= stats.total);
    assert!(progress.iter().all(|p| p.load(SeqCst) > 0));
    assert!(churned.load(SeqCst) > 0);
    assert_eq!(registry.thread_count(), 0);
    shared_obj.decref();
    assert_eq!(frees.count(), 1);
}

/// A thread that starts while the world is stopped cannot attach until the
/// restart.
#[test]
fn thread_registered_during_a_stop_waits_for_the_restart() {
    let registry = Registry::new();
    let attached = Arc::new(AtomicBool::new(false));
    let world = registry.stop_the_world();
    let t = {
        let (registry, attached) = (registry.clone(), attached.clone());
        std::thread::spawn(move || {
            registry.register_current_thread();
            attached.store(true, SeqCst);
            unregister_current_thread();
        })
    };
    std::thread::sleep(Duration::from_millis(30));
    assert!(!attached.load(SeqCst), "attached in a stopped world");
    assert_eq!(registry.threads()[0].status(), SUSPENDED);
    drop(world);
    t.join().unwrap();
    assert!(attached.load(SeqCst));
}

/// A stop of one heap (an interpreter's collection) stops the threads that
/// have run in that heap and no other: a thread of another heap that never
/// reaches a safe point runs on, and one that enters the stopped heap during
/// the stop waits for the restart.
#[test]
fn a_stop_of_one_heap_stops_only_the_threads_that_ran_in_it() {
    use gilgamesh_core::gc::{heap_key, new_heap, set_thread_heap};
    let registry = Registry::new();
    let (heap_a, heap_b) = (new_heap(), new_heap());
    let done = Arc::new(AtomicBool::new(false));
    let progress: Arc<[AtomicU64; 2]> = Arc::new([AtomicU64::new(0), AtomicU64::new(0)]);
    let entered = Arc::new(AtomicBool::new(false));
    let go_enter = Arc::new(AtomicBool::new(false));
    let spawn_worker = |heap, w: usize, safe_points: bool| {
        let (registry, done, progress) = (registry.clone(), done.clone(), progress.clone());
        std::thread::spawn(move || {
            set_thread_heap(heap);
            registry.register_current_thread();
            while !done.load(Acquire) {
                progress[w].fetch_add(1, SeqCst);
                if safe_points {
                    thread_state::safe_point();
                } else {
                    std::hint::spin_loop();
                }
            }
            unregister_current_thread();
        })
    };
    let in_a = spawn_worker(heap_a, 0, true);
    // Never reaches a safe point: a stop that waited for it would hang.
    let in_b = spawn_worker(heap_b, 1, false);
    let enterer = {
        let (registry, entered, go_enter) = (registry.clone(), entered.clone(), go_enter.clone());
        std::thread::spawn(move || {
            set_thread_heap(heap_b);
            registry.register_current_thread();
            while !go_enter.load(Acquire) {
                thread_state::safe_point();
            }
            thread_state::enter_heap(heap_key(heap_a));
            entered.store(true, SeqCst);
            unregister_current_thread();
        })
    };
    while progress.iter().any(|p| p.load(SeqCst) == 0) {
        std::thread::yield_now();
    }
    let world = registry.stop_the_world_of(heap_key(heap_a));
    let (a0, b0) = (progress[0].load(SeqCst), progress[1].load(SeqCst));
    go_enter.store(true, Release);
    // The other heap's thread runs on (however loaded the machine is).
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while progress[1].load(SeqCst) <= b0 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(1));
    }
    // Time for the enterer to (wrongly) get in.
    std::thread::sleep(Duration::from_millis(20));
    assert_eq!(
        progress[0].load(SeqCst),
        a0,
        "a thread of the stopped heap ran"
    );
    assert!(
        progress[1].load(SeqCst) > b0,
        "a thread of another heap was stopped"
    );
    assert!(
        !entered.load(SeqCst),
        "entered the stopped heap during the stop"
    );
    drop(world);
    enterer.join().unwrap();
    assert!(entered.load(SeqCst));
    // The stopped heap's thread runs again after the restart.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while progress[0].load(SeqCst) == a0 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(1));
    }
    assert!(progress[0].load(SeqCst) > a0, "not restarted");
    done.store(true, Release);
    in_a.join().unwrap();
    in_b.join().unwrap();
    assert_eq!(registry.thread_count(), 0);
}
