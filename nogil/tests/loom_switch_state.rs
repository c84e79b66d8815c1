//! Loom models of a thread moving between interpreters in `--mode nogil`
//! (`stop_the_world::switch_state`): a thread has a state in each
//! interpreter's registry and only the one it runs in is attached; leaving
//! an interpreter detaches its state there, entering one attaches its state
//! there (waiting while a stop holds it suspended). A stopper (that
//! interpreter's collection) holds a detached state suspended and then
//! touches the interpreter's objects.
//!
//! Each interpreter's objects are a loom cell that the moving thread
//! touches only while its state there is attached and a stopper only while
//! it holds that state suspended, so loom reports any interleaving in which
//! the status transitions fail to keep the two apart (a collection running
//! while the thread still, or already again, runs in that interpreter).
//! Waits spin with `yield_now`, so a stop that could never complete fails
//! the model instead of hanging it. The transitions are the crate's own
//! (`thread_state::{try_attach, set_detached, try_suspend_detached,
//! resume_suspended}`), over loom's atomics.

mod loom_common;
use loom_common::{model, LoomStatus};

use std::sync::atomic::Ordering;
use std::sync::Arc;

use gilgamesh_nogil::thread_state::{self, StatusWord, ATTACHED, DETACHED};
use loom::cell::UnsafeCell;
use loom::sync::atomic::AtomicU8;

/// One interpreter as the model sees it: the moving thread's state in its
/// registry, and its objects.
struct Interp {
    state: LoomStatus,
    objects: UnsafeCell<u64>,
}

// SAFETY: `objects` stands for the interpreter's objects: loom checks every
// access to it against the others; the rest are loom atomics.
unsafe impl Sync for Interp {}
// SAFETY: as above.
unsafe impl Send for Interp {}

impl Interp {
    fn new(status: u8) -> Arc<Interp> {
        Arc::new(Interp {
            state: LoomStatus(AtomicU8::new(status)),
            objects: UnsafeCell::new(0),
        })
    }

    /// Running code in this interpreter (the thread) or collecting it (a
    /// stopper): a write to its objects.
    fn touch(&self) {
        // SAFETY: loom checks this access against every other one.
        self.objects.with_mut(|o| unsafe { *o += 1 });
    }
}

/// The thread leaves `from` (attached there) for `to`, as `switch_state`:
/// detach the state left, then attach the state entered, waiting while a
/// stop holds it.
fn switch(from: &Interp, to: &Interp) {
    thread_state::set_detached(&from.state, DETACHED);
    while !thread_state::try_attach(&to.state) {
        loom::thread::yield_now();
    }
}

/// A collection of `interp` by a thread running elsewhere: hold the moving
/// thread's state there suspended (waiting until it is detached), collect,
/// restart.
fn collect(interp: &Interp) {
    while !thread_state::try_suspend_detached(&interp.state) {
        loom::thread::yield_now();
    }
    interp.touch();
    thread_state::resume_suspended(&interp.state);
}

/// The thread runs in A, visits B and comes back to A, then blocks
/// (detaches); meanwhile A collects. The collection never overlaps the
/// thread's time in A, before or after its visit.
#[test]
fn a_collection_of_the_interpreter_a_thread_leaves_and_reenters() {
    model(8, || {
        let a = Interp::new(ATTACHED);
        let b = Interp::new(DETACHED);
        let stopper = {
            let a = a.clone();
            loom::thread::spawn(move || collect(&a))
        };
        a.touch();
        switch(&a, &b);
        b.touch();
        switch(&b, &a);
        a.touch();
        thread_state::set_detached(&a.state, DETACHED);
        stopper.join().unwrap();
        assert_eq!(a.state.load(Ordering::SeqCst), DETACHED);
    });
}

/// Two interpreters collect at the same time while the thread moves from A
/// to B and blocks there: each collection excludes the thread's time in its
/// own interpreter only, and neither waits for the other.
#[test]
fn collections_of_both_interpreters_while_a_thread_moves_between_them() {
    model(8, || {
        let a = Interp::new(ATTACHED);
        let b = Interp::new(DETACHED);
        let stoppers: Vec<_> = [a.clone(), b.clone()]
            .into_iter()
            .map(|i| loom::thread::spawn(move || collect(&i)))
            .collect();
        a.touch();
        switch(&a, &b);
        b.touch();
        thread_state::set_detached(&b.state, DETACHED);
        for s in stoppers {
            s.join().unwrap();
        }
    });
}
