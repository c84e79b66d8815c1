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
    self, current_is_attached, unregister_current_thread, Registry, ATTACHED, DETACHED, SUSPENDED,
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

/// A stop of one heap's registry (an interpreter's collection) stops the
/// threads running in that heap and no other: a thread of another heap that
/// never reaches a safe point runs on; one that enters the stopped heap
/// during the stop waits for the restart, and its state in the heap it
/// left is detached meanwhile.
#[test]
fn a_stop_of_one_heap_stops_only_the_threads_that_run_in_it() {
    use gilgamesh_core::gc::{heap_key, new_heap, set_thread_heap};
    let (heap_a, heap_b) = (new_heap(), new_heap());
    let (reg_a, reg_b) = (
        Registry::for_heap(heap_key(heap_a)),
        Registry::for_heap(heap_key(heap_b)),
    );
    let done = Arc::new(AtomicBool::new(false));
    let progress: Arc<[AtomicU64; 2]> = Arc::new([AtomicU64::new(0), AtomicU64::new(0)]);
    let entered = Arc::new(AtomicBool::new(false));
    let go_enter = Arc::new(AtomicBool::new(false));
    let spawn_worker = |heap, registry: &'static Arc<Registry>, w: usize, safe_points: bool| {
        let (done, progress) = (done.clone(), progress.clone());
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
    let in_a = spawn_worker(heap_a, reg_a, 0, true);
    // Never reaches a safe point: a stop that waited for it would hang.
    let in_b = spawn_worker(heap_b, reg_b, 1, false);
    let enterer = {
        let (entered, go_enter) = (entered.clone(), go_enter.clone());
        std::thread::spawn(move || {
            set_thread_heap(heap_b);
            reg_b.register_current_thread();
            while !go_enter.load(Acquire) {
                thread_state::safe_point();
            }
            thread_state::enter_heap(heap_key(heap_a));
            entered.store(true, SeqCst);
            assert!(std::ptr::eq(
                &**thread_state::current().unwrap().registry(),
                &**reg_a
            ));
            // Back in B, then gone from both registries.
            thread_state::enter_heap(heap_key(heap_b));
            unregister_current_thread();
        })
    };
    while progress.iter().any(|p| p.load(SeqCst) == 0) {
        std::thread::yield_now();
    }
    let world = reg_a.stop_the_world();
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
    // The enterer left B: its state there is detached (a stop of B would
    // not wait for it), while B's own thread stays attached.
    let statuses: Vec<u8> = reg_b.threads().iter().map(|t| t.status()).collect();
    assert!(
        statuses.contains(&DETACHED) && statuses.contains(&ATTACHED),
        "{statuses:?}"
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
    assert_eq!(reg_a.thread_count(), 0);
    assert_eq!(reg_b.thread_count(), 0);
}

/// Stops of two heaps' registries run at the same time, each by a thread
/// of its heap, while a third thread moves back and forth between the
/// heaps (its state in the heap it left is held by that heap's stop, and
/// it waits only when it comes back into a stopped heap).
#[test]
fn stops_of_two_heaps_overlap_while_a_thread_moves_between_them() {
    use gilgamesh_core::gc::{heap_key, new_heap, set_thread_heap};
    let (heap_a, heap_b) = (new_heap(), new_heap());
    let (ka, kb) = (heap_key(heap_a), heap_key(heap_b));
    let (reg_a, reg_b) = (Registry::for_heap(ka), Registry::for_heap(kb));
    let done = Arc::new(AtomicBool::new(false));
    let both_stopped = Arc::new(AtomicU64::new(0));
    let in_stop = Arc::new([AtomicBool::new(false), AtomicBool::new(false)]);
    let stopper = |heap, registry: &'static Arc<Registry>, me: usize| {
        let (done, both_stopped, in_stop) = (done.clone(), both_stopped.clone(), in_stop.clone());
        std::thread::spawn(move || {
            set_thread_heap(heap);
            registry.register_current_thread();
            let mut rounds = 0;
            while !done.load(Acquire) && rounds < 2000 {
                rounds += 1;
                let world = registry.stop_the_world();
                in_stop[me].store(true, SeqCst);
                if in_stop[1 - me].load(SeqCst) {
                    both_stopped.fetch_add(1, SeqCst);
                }
                for _ in 0..50 {
                    std::hint::spin_loop();
                }
                in_stop[me].store(false, SeqCst);
                drop(world);
                thread_state::safe_point();
            }
            unregister_current_thread();
        })
    };
    let sa = stopper(heap_a, reg_a, 0);
    let sb = stopper(heap_b, reg_b, 1);
    let mover = {
        let done = done.clone();
        std::thread::spawn(move || {
            set_thread_heap(heap_a);
            reg_a.register_current_thread();
            let mut moves = 0u64;
            while !done.load(Acquire) {
                thread_state::enter_heap(if moves.is_multiple_of(2) { kb } else { ka });
                thread_state::safe_point();
                moves += 1;
            }
            thread_state::enter_heap(ka);
            unregister_current_thread();
            moves
        })
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while both_stopped.load(SeqCst) == 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(1));
    }
    std::thread::sleep(Duration::from_millis(50));
    done.store(true, Release);
    sa.join().unwrap();
    sb.join().unwrap();
    let moves = mover.join().unwrap();
    assert!(moves > 0);
    assert!(
        both_stopped.load(SeqCst) > 0,
        "the two heaps' stops never overlapped"
    );
    assert_eq!(reg_a.thread_count(), 0);
    assert_eq!(reg_b.thread_count(), 0);
}
