//! `PyCell`: interior mutability for object payloads, and the per-object lock
//! of the free-threaded mode.
//!
//! Python objects are shared by reference and mutated through any of them, so
//! payload fields that Python code can change live in a `PyCell`. Access is
//! serialised by the concurrency model:
//!
//! - under a GIL (`--mode gil`, `--mode nogil --gil 1`) by the interpreter
//!   lock: [`PyCell::with`] is a plain borrow behind one well-predicted branch;
//! - in free-threaded mode (`--mode nogil`) by the cell's own 1-byte lock, a
//!   `parking_lot::RawMutex` (bit 0: locked, bit 1: a thread is parked
//!   waiting; it spins briefly, then parks on parking_lot's address-keyed wait
//!   queue). Each access is a critical section in PEP 703's sense: the
//!   operation a Python program sees as atomic (`list.append`, a dict store,
//!   `next(it)`) runs entirely under it.
//!
//! CPython keeps one `ob_mutex` per object; gilgamesh keeps one per mutable
//! payload field. For the built-in containers that is the same thing (a list,
//! dict or set has one mutable field, its storage); objects with several
//! independent fields (functions, exceptions) get finer locks, which only
//! removes contention.
//!
//! Locking is switched on once, when the free-threaded mode starts its first
//! thread and before that thread exists ([`thread_starting`]), and never
//! off: a cell is never accessed by two threads under different regimes. A
//! free-threaded program that never starts a thread takes no cell lock at
//! all (one thread cannot race with itself), so single-threaded code runs at
//! the GIL mode's speed.
//!
//! ## Rules every caller keeps
//!
//! 1. The closure given to [`PyCell::with`] never calls back into Python code,
//!    never blocks (no lock waits, no I/O) and never re-enters the same cell.
//!    Dropping values inside the closure is allowed: deallocation runs no
//!    Python code and takes no cell lock of a live object.
//! 2. Lock order (no deadlock between threads): cells form two levels.
//!    *Storage* cells (list, tuple, dict and set storage) never access another
//!    cell while held. Every other cell (iterator state, an instance's dict
//!    slot, function fields, caches) may access storage cells inside its
//!    closure, never another non-storage cell. A thread therefore holds at most
//!    one cell of each level, acquired outer-then-storage, so no cycle of
//!    waiting threads can form.
//!
//! The statistics (`--stats`) count acquisitions per thread (a thread-local
//! counter, folded into the totals when a thread ends) and contended
//! acquisitions by payload type (counted on the slow path only).

use std::cell::{Cell, UnsafeCell};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};

use parking_lot::lock_api::RawMutex as _;

/// True once threads may run Python without the GIL: from then on every
/// [`PyCell::with`] takes the cell's lock.
static CELL_LOCKS: AtomicBool = AtomicBool::new(false);
/// The free-threaded mode is on: cell locks turn on with the first thread.
static FREE_THREADED: AtomicBool = AtomicBool::new(false);

/// Enters the free-threaded mode (at start-up, one thread running): cell
/// locking starts when the first thread is started.
pub fn enter_free_threaded_mode() {
    FREE_THREADED.store(true, Relaxed);
}

/// True in the free-threaded mode (whether or not a thread was started yet).
pub fn free_threaded() -> bool {
    FREE_THREADED.load(Relaxed)
}

/// A thread is about to be started. In free-threaded mode the first call
/// (made while the calling thread is still the only one) turns cell locking
/// on; the new thread's spawn orders the store before anything it runs.
/// Later calls find it on and do nothing.
pub fn thread_starting() {
    if free_threaded() && !cell_locks_enabled() {
        CELL_LOCKS.store(true, Relaxed);
    }
}

/// True if cell accesses lock (free-threaded mode).
#[inline(always)]
pub fn cell_locks_enabled() -> bool {
    CELL_LOCKS.load(Relaxed)
}

thread_local! {
    /// Cell lock acquisitions by this thread not yet folded into [`ACQUIRED`].
    static LOCAL_ACQUIRED: Cell<u64> = const { Cell::new(0) };
}

/// Acquisitions by threads that have ended (see [`flush_thread_stats`]).
static ACQUIRED: AtomicU64 = AtomicU64::new(0);

/// Contended acquisitions, by payload type name.
static CONTENDED: parking_lot::Mutex<Vec<(&'static str, u64)>> =
    parking_lot::Mutex::new(Vec::new());

/// Folds the calling thread's acquisition count into the process totals (a
/// thread calls it as it ends; the report adds the calling thread's own).
pub fn flush_thread_stats() {
    let n = LOCAL_ACQUIRED.with(|c| c.replace(0));
    ACQUIRED.fetch_add(n, Relaxed);
}

/// Lock statistics for `--stats`: total acquisitions (ended threads plus the
/// calling one) and contended acquisitions by payload type, most first.
pub fn lock_stats() -> (u64, Vec<(String, u64)>) {
    let total = ACQUIRED.load(Relaxed) + LOCAL_ACQUIRED.with(|c| c.get());
    let mut by_type: Vec<(String, u64)> = CONTENDED
        .lock()
        .iter()
        .map(|(t, n)| (short_type_name(t), *n))
        .collect();
    by_type.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    (total, by_type)
}

/// `alloc::vec::Vec<gilgamesh_core::object::value::Value>` -> `Vec<Value>`.
fn short_type_name(full: &str) -> String {
    let mut out = String::new();
    let mut word = String::new();
    for ch in full.chars() {
        if ch.is_alphanumeric() || ch == '_' || ch == ':' {
            word.push(ch);
        } else {
            out.push_str(word.rsplit("::").next().unwrap_or(""));
            word.clear();
            out.push(ch);
        }
    }
    out.push_str(word.rsplit("::").next().unwrap_or(""));
    out
}

/// A mutable payload field guarded by the interpreter's locking discipline.
pub struct PyCell<T> {
    value: UnsafeCell<T>,
    lock: parking_lot::RawMutex,
}

/// Releases a cell lock when the access ends (also on unwinding).
struct Unlock<'a>(&'a parking_lot::RawMutex);

impl Drop for Unlock<'_> {
    #[inline(always)]
    fn drop(&mut self) {
        // SAFETY: made only right after this thread locked the mutex.
        unsafe { self.0.unlock() }
    }
}

impl<T> PyCell<T> {
    /// Wraps a value.
    pub const fn new(v: T) -> PyCell<T> {
        PyCell {
            value: UnsafeCell::new(v),
            lock: parking_lot::RawMutex::INIT,
        }
    }

    /// Runs `f` with exclusive access to the contents.
    #[inline(always)]
    pub fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        if cell_locks_enabled() {
            return self.with_locked(f);
        }
        // SAFETY: cell locks are off, so no second thread runs Python
        // without the GIL: access is serialised by the GIL (or there is one
        // thread), and callers never re-enter the cell from `f` (module rule 1).
        f(unsafe { &mut *self.value.get() })
    }

    /// [`PyCell::with`] without the lock, for an object no other thread can
    /// reach yet (filling a container just allocated, before the reference
    /// is handed out).
    ///
    /// # Safety
    /// No other thread can reach the cell, and no other access to it is
    /// active (module rule 1 holds for `f`).
    #[inline(always)]
    pub unsafe fn with_unshared<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        // SAFETY: forwarded from the caller: this is the only access.
        f(unsafe { &mut *self.value.get() })
    }

    /// [`PyCell::with`] under the cell's lock (out of line, so the unlocked
    /// path stays one load and one branch).
    #[inline(never)]
    fn with_locked<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        LOCAL_ACQUIRED.with(|c| c.set(c.get() + 1));
        // The uncontended acquisition here; waiting out of line.
        if !self.lock.try_lock() {
            lock_contended(&self.lock, std::any::type_name::<T>());
        }
        let _unlock = Unlock(&self.lock);
        // SAFETY: this thread holds the cell's lock until `_unlock` drops,
        // and callers never re-enter the cell from `f` (module rule 1).
        f(unsafe { &mut *self.value.get() })
    }

    /// Replaces the contents, returning the old value (dropped by the caller
    /// outside the cell).
    #[inline(always)]
    pub fn replace(&self, v: T) -> T {
        self.with(|x| std::mem::replace(x, v))
    }
}

/// Takes a cell lock another thread holds, counting the contention.
#[cold]
#[inline(never)]
fn lock_contended(m: &parking_lot::RawMutex, type_name: &'static str) {
    {
        let mut c = CONTENDED.lock();
        match c.iter_mut().find(|(t, _)| *t == type_name) {
            Some((_, n)) => *n += 1,
            None => c.push((type_name, 1)),
        }
    }
    m.lock();
}

impl<T: Clone> PyCell<T> {
    /// A copy of the contents.
    #[inline(always)]
    pub fn get(&self) -> T {
        self.with(|x| x.clone())
    }
}

impl<T: Default> PyCell<T> {
    /// Takes the contents, leaving the default.
    #[inline(always)]
    pub fn take(&self) -> T {
        self.with(std::mem::take)
    }
}

// SAFETY: see the module documentation: every access is serialised by the GIL or
// by the cell's own lock.
unsafe impl<T> Sync for PyCell<T> {}

#[cfg(test)]
mod tests {
    use super::short_type_name;

    #[test]
    fn type_names_are_shortened() {
        assert_eq!(
            short_type_name("alloc::vec::Vec<gilgamesh_core::object::value::Value>"),
            "Vec<Value>"
        );
        assert_eq!(
            short_type_name("core::option::Option<a::b::Value>"),
            "Option<Value>"
        );
        assert_eq!(short_type_name("DictTable"), "DictTable");
    }
}
