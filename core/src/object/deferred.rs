//! Deferred reference counting for objects every thread reads: module-level
//! functions, classes, modules and their namespaces.
//!
//! In free-threaded mode these objects are read by every thread (each call of
//! a global function pushes a reference to it, each instance holds one to its
//! class), and all but the creating thread count on the object's *shared*
//! count: an atomic add on one cache line that all threads write, which stops
//! calls and object creation from scaling (PEP 703, "Deferred reference
//! counting"; CPython's Tools/ftscalingbench measures exactly this).
//!
//! gilgamesh does what CPython 3.13's free-threaded build does
//! (`_PyObject_SetDeferredRefcount`, `_PyGC_ImmortalizeDeferredObjects`):
//! such objects are *marked* deferred when created (a bit in `ob_gc_bits`),
//! and when the first thread other than the main one starts, every marked
//! object is made immortal; objects marked after that are immortal at once.
//! Immortal objects are never counted, so reading them writes nothing shared.
//! The price, as in 3.13, is that these objects are not freed once threads
//! have started (they usually live as long as the program anyway; a program
//! that creates classes in a loop keeps them). CPython 3.14 replaced this with
//! true deferred counting (stack references that are not counted, found by
//! the collector); that needs the collector to scan every thread's frames,
//! which gilgamesh's collector does not do yet.
//!
//! Only the free-threaded mode immortalises (`--mode gil` has one running
//! thread at a time and plain counts cost nothing), and `--deferred-rc off`
//! turns it off, to measure what it buys.

use std::sync::atomic::{AtomicBool, Ordering::Relaxed};

use super::header::{ObjHeader, GC_DEFERRED, IMMORTAL};
use super::Value;

/// Set once deferred objects are immortal on creation (threads started).
static IMMORTALIZING: AtomicBool = AtomicBool::new(false);
/// `--deferred-rc off` switches immortalisation off.
static DISABLED: AtomicBool = AtomicBool::new(false);

/// `--deferred-rc on|off`.
pub fn set_enabled(on: bool) {
    DISABLED.store(!on, Relaxed);
}

/// True unless `--deferred-rc off`.
pub fn enabled() -> bool {
    !DISABLED.load(Relaxed)
}

/// Marks `v` as read by every thread: immortal now if threads run without
/// the GIL, else made immortal when the first thread starts.
pub fn mark(v: &Value) {
    if let Some(h) = v.header() {
        if IMMORTALIZING.load(Relaxed) {
            h.ob_ref_local.store(IMMORTAL, Relaxed);
        } else {
            h.ob_gc_bits.fetch_or(GC_DEFERRED, Relaxed);
        }
    }
}

/// A thread is about to start: in free-threaded mode (the first time only)
/// every object marked deferred becomes immortal. Runs on the starting
/// thread before the new one exists, so no other thread touches the counts
/// (the first start has no other thread running; later calls do nothing).
pub fn thread_starting() {
    if !crate::object::pycell::free_threaded() || !enabled() || IMMORTALIZING.swap(true, Relaxed) {
        return;
    }
    crate::gc::for_each_tracked(|h: &ObjHeader| {
        if h.ob_gc_bits.load(Relaxed) & GC_DEFERRED != 0 {
            h.ob_ref_local.store(IMMORTAL, Relaxed);
        }
    });
}
