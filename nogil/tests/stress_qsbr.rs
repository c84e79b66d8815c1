//! Stress test of QSBR: readers read a shared buffer without any lock while
//! writers replace it and retire the old one through `defer_free`. A retired
//! buffer is not given back to the allocator but *poisoned* (every word
//! overwritten, through atomics) and kept until the end, so a free that runs
//! while a reader may still look at the buffer shows up as a reader seeing
//! poison, a failed assertion rather than undefined behaviour. Readers report
//! quiescent states between reads, and some detach now and then (a detached
//! thread must not delay reclamation); at the end every retired buffer must
//! have been freed exactly once.

use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU64, AtomicUsize, Ordering::*};
use std::sync::{Arc, Mutex};

use gilgamesh_nogil::qsbr;
use gilgamesh_nogil::stop_the_world::allow_threads;
use gilgamesh_nogil::thread_state::{self, unregister_current_thread, Registry};

const WORDS: usize = 32;
const POISON: u64 = u64::MAX;

struct Buffer {
    generation: u64,
    words: Vec<AtomicU64>,
    freed: AtomicBool,
}

impl Buffer {
    fn new(generation: u64) -> *mut Buffer {
        Box::into_raw(Box::new(Buffer {
            generation,
            words: (0..WORDS).map(|_| AtomicU64::new(generation)).collect(),
            freed: AtomicBool::new(false),
        }))
    }
}

struct Ptr(*mut Buffer);
// SAFETY: buffers are only shared through atomics and freed (poisoned) once.
unsafe impl Send for Ptr {}

#[test]
fn replaced_buffers_are_freed_only_after_every_reader_moved_on() {
    const READERS: usize = 5;
    const WRITERS: usize = 2;
    const REPLACEMENTS: u64 = 20_000;
    let registry = Registry::new();
    let current = Arc::new(AtomicPtr::new(Buffer::new(0)));
    let graveyard = Arc::new(Mutex::new(Vec::<Ptr>::new()));
    let frees = Arc::new(AtomicUsize::new(0));
    let next_generation = Arc::new(AtomicU64::new(1));
    let writers_done = Arc::new(AtomicUsize::new(0));

    let mut handles = Vec::new();
    for r in 0..READERS {
        let (registry, current, writers_done) =
            (registry.clone(), current.clone(), writers_done.clone());
        handles.push(std::thread::spawn(move || {
            registry.register_current_thread();
            let mut reads = 0u64;
            while writers_done.load(Acquire) < WRITERS {
                let p = current.load(Acquire);
                // SAFETY: `p` was current when loaded and this thread has not
                // reported a quiescent state since: QSBR keeps it alive.
                let b = unsafe { &*p };
                // Read it twice, sometimes letting the writers run in
                // between while we still hold the pointer.
                for pass in 0..2 {
                    assert!(!b.freed.load(Acquire), "reader saw a freed buffer");
                    for w in &b.words {
                        let v = w.load(Relaxed);
                        assert_ne!(v, POISON, "reader saw a poisoned buffer");
                        assert_eq!(v, b.generation);
                    }
                    if pass == 0 && reads.is_multiple_of(4) {
                        std::thread::yield_now();
                    }
                }
                reads += 1;
                // The safe point: no pointer is held past it.
                qsbr::quiescent_state();
                if reads % 64 == r as u64 {
                    allow_threads(std::thread::yield_now);
                }
            }
            thread_state::safe_point();
            unregister_current_thread();
            reads
        }));
    }
    for _ in 0..WRITERS {
        let (registry, current, graveyard, frees, next_generation, writers_done) = (
            registry.clone(),
            current.clone(),
            graveyard.clone(),
            frees.clone(),
            next_generation.clone(),
            writers_done.clone(),
        );
        handles.push(std::thread::spawn(move || {
            registry.register_current_thread();
            loop {
                let generation = next_generation.fetch_add(1, Relaxed);
                if generation > REPLACEMENTS {
                    break;
                }
                let old = current.swap(Buffer::new(generation), AcqRel);
                let (graveyard, frees) = (graveyard.clone(), frees.clone());
                let old = Ptr(old);
                qsbr::defer_free(move || {
                    let old = old;
                    // SAFETY: retired once, and kept allocated until the end.
                    let b = unsafe { &*old.0 };
                    assert!(!b.freed.swap(true, AcqRel), "freed twice");
                    for w in &b.words {
                        w.store(POISON, Relaxed);
                    }
                    frees.fetch_add(1, SeqCst);
                    graveyard.lock().unwrap().push(old);
                });
                // The writer's own safe point: quiescent, then process.
                thread_state::safe_point();
            }
            writers_done.fetch_add(1, Release);
            unregister_current_thread();
            0
        }));
    }
    let reads: u64 = handles.into_iter().map(|h| h.join().unwrap()).sum();
    assert!(reads > 0);

    // Whatever the exited threads could not free yet is in the registry; a
    // last thread, alone, reclaims it all.
    registry.register_current_thread();
    qsbr::process_deferred();
    assert_eq!(qsbr::abandoned_frees(&registry), 0);
    unregister_current_thread();
    assert_eq!(frees.load(SeqCst), REPLACEMENTS as usize);

    for p in graveyard.lock().unwrap().drain(..) {
        // SAFETY: every retired buffer is here once, and nobody uses it now.
        drop(unsafe { Box::from_raw(p.0) });
    }
    // SAFETY: the last current buffer, no longer shared.
    drop(unsafe { Box::from_raw(current.load(Acquire)) });
}

/// A detached thread does not hold reclamation back; an attached one that
/// never reports a quiescent state does, until it does.
#[test]
fn detached_threads_do_not_delay_reclamation() {
    let registry = Registry::new();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel::<()>();
    let (go_tx, go_rx) = std::sync::mpsc::channel::<()>();
    let (quiet_tx, quiet_rx) = std::sync::mpsc::channel::<()>();
    let (go2_tx, go2_rx) = std::sync::mpsc::channel::<()>();
    let other = {
        let registry = registry.clone();
        std::thread::spawn(move || {
            registry.register_current_thread();
            ready_tx.send(()).unwrap();
            // Attached and silent until told.
            go_rx.recv().unwrap();
            qsbr::quiescent_state();
            quiet_tx.send(()).unwrap();
            // Detached (blocked) from now on.
            allow_threads(|| go2_rx.recv().unwrap());
            unregister_current_thread();
        })
    };
    ready_rx.recv().unwrap();
    registry.register_current_thread();
    let freed = Arc::new(AtomicBool::new(false));
    let goal = qsbr::advance();
    let f = freed.clone();
    qsbr::defer_free_with_goal(goal, move || f.store(true, SeqCst));
    qsbr::process_deferred();
    assert!(
        !freed.load(SeqCst),
        "freed while an attached thread may read"
    );
    assert!(!qsbr::poll(goal));
    go_tx.send(()).unwrap();
    quiet_rx.recv().unwrap();
    assert_eq!(qsbr::process_deferred(), 1);
    assert!(freed.load(SeqCst));

    // The other thread is detached now: it delays nothing.
    let me = thread_state::current().unwrap().id();
    let other_state = registry
        .threads()
        .into_iter()
        .find(|t| t.id() != me)
        .unwrap();
    while other_state.status() != thread_state::DETACHED {
        std::thread::yield_now();
    }
    let freed2 = Arc::new(AtomicBool::new(false));
    let f = freed2.clone();
    let goal2 = qsbr::advance();
    qsbr::defer_free_with_goal(goal2, move || f.store(true, SeqCst));
    assert_eq!(qsbr::process_deferred(), 1);
    assert!(freed2.load(SeqCst));
    assert_eq!(qsbr::pending_frees(), 0);
    unregister_current_thread();
    go2_tx.send(()).unwrap();
    other.join().unwrap();
}
