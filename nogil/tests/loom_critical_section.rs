//! Loom models of critical sections: the crate's section stack
//! (`critical_section::Sections`, with the `Plain` blocking that suspends all
//! sections before a wait and resumes the top-most one after it) over a
//! mutex built on a loom atomic. Two threads
//! lock two objects in opposite orders, nested and two at a time; without
//! suspension that deadlocks (the model runs out of branches and fails). Each object's data is a loom
//! cell that a thread touches only while its section on the object is the
//! top-most one, so loom reports any access the locks fail to order
//! (mutual exclusion).

mod loom_common;
use loom_common::model;

use std::sync::Arc;

use gilgamesh_nogil::critical_section::{ObjectLock, Plain, Sections};
use loom::cell::UnsafeCell;
use loom::sync::atomic::AtomicBool;
use std::sync::atomic::Ordering::{Acquire, Relaxed, Release};

/// A mutex over a loom atomic. Waiting spins with `yield_now`, which loom
/// understands: a deadlock (both threads waiting forever) exhausts the
/// model's branch budget and fails the test instead of hanging it.
struct LoomLock {
    locked: AtomicBool,
}

impl ObjectLock for LoomLock {
    fn try_lock(&self) -> bool {
        self.locked
            .compare_exchange(false, true, Acquire, Relaxed)
            .is_ok()
    }
    fn lock(&self) {
        while !self.try_lock() {
            loom::thread::yield_now();
        }
    }
    unsafe fn unlock(&self) {
        assert!(
            self.locked.swap(false, Release),
            "unlocking an unlocked mutex"
        );
    }
    fn is_locked(&self) -> bool {
        self.locked.load(Relaxed)
    }
}

struct Obj {
    lock: LoomLock,
    data: UnsafeCell<u64>,
}

// SAFETY: `data` is only touched under the object's critical section, which
// is exactly what loom checks.
unsafe impl Sync for Obj {}
// SAFETY: as above.
unsafe impl Send for Obj {}

impl Obj {
    fn new() -> Arc<Obj> {
        Arc::new(Obj {
            lock: LoomLock {
                locked: AtomicBool::new(false),
            },
            data: UnsafeCell::new(0),
        })
    }
    /// Mutates the object; the caller's top-most section must hold it.
    fn touch(&self, s: &Sections<LoomLock>) {
        assert!(s.top_holds(&self.lock), "touching an object not locked");
        // SAFETY: loom checks the exclusion this relies on.
        self.data.with_mut(|d| unsafe { *d += 1 });
    }
    fn value(&self) -> u64 {
        // SAFETY: read after every thread joined.
        self.data.with(|d| unsafe { *d })
    }
}

/// Thread A: section on X, nested section on Y, then X again once Y's section
/// ended (X is resumed lazily). Thread B: section on Y, nested two-object
/// section on X and Y, then Y again.
#[test]
fn opposite_orders_neither_deadlock_nor_break_exclusion() {
    model(8, || {
        let x = Obj::new();
        let y = Obj::new();
        let a = {
            let (x, y) = (x.clone(), y.clone());
            loom::thread::spawn(move || {
                let s = Sections::new();
                // SAFETY: the objects outlive the sections, ended in order.
                let cx = unsafe { s.begin(&x.lock, &Plain) };
                x.touch(&s);
                // SAFETY: as above.
                let cy = unsafe { s.begin(&y.lock, &Plain) };
                y.touch(&s);
                s.end(cy, &Plain);
                x.touch(&s);
                s.end(cx, &Plain);
                assert_eq!(s.depth(), 0);
            })
        };
        let s = Sections::new();
        // SAFETY: as above.
        let cy = unsafe { s.begin(&y.lock, &Plain) };
        y.touch(&s);
        // SAFETY: as above.
        let cxy = unsafe { s.begin2(&x.lock, &y.lock, &Plain) };
        x.touch(&s);
        y.touch(&s);
        s.end(cxy, &Plain);
        y.touch(&s);
        s.end(cy, &Plain);
        a.join().unwrap();
        assert_eq!(x.value(), 3);
        assert_eq!(y.value(), 4);
        assert!(!x.lock.is_locked() && !y.lock.is_locked());
    });
}

/// Re-locking the object the top-most section already holds pushes nothing;
/// a two-object section on the same object twice is a one-object section.
/// Against a thread that takes both in a two-object section.
#[test]
fn reentrant_and_same_object_sections_against_a_pair() {
    model(8, || {
        let x = Obj::new();
        let y = Obj::new();
        let a = {
            let (x, y) = (x.clone(), y.clone());
            loom::thread::spawn(move || {
                let s = Sections::new();
                // SAFETY: the objects outlive the sections, ended in order.
                let c = unsafe { s.begin2(&y.lock, &x.lock, &Plain) };
                x.touch(&s);
                y.touch(&s);
                s.end(c, &Plain);
            })
        };
        let s = Sections::new();
        // SAFETY: as above.
        let c1 = unsafe { s.begin(&x.lock, &Plain) };
        // SAFETY: as above.
        let c2 = unsafe { s.begin2(&x.lock, &x.lock, &Plain) };
        assert_eq!(s.depth(), 1, "the same mutex again pushes nothing");
        x.touch(&s);
        s.end(c2, &Plain);
        x.touch(&s);
        s.end(c1, &Plain);
        a.join().unwrap();
        assert_eq!(x.value(), 3);
        assert_eq!(y.value(), 1);
    });
}
