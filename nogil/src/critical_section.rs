//! Critical sections: per-object locking that cannot deadlock, because a
//! thread that blocks gives up every lock it holds (Python/critical_section.c,
//! Include/internal/pycore_critical_section.h).
//!
//! Mutating a shared list, dict or set locks that object's `ob_mutex` inside a
//! *critical section*. Each thread keeps a stack of its sections. When the
//! thread is about to block (waiting for a contended mutex, or detaching for
//! any other reason), it **suspends** every active section: unlocks their
//! mutexes and marks them inactive ([`suspend_all`]). When it attaches again it
//! **resumes** only the top-most section ([`resume`]); a lower section is
//! re-locked lazily, when the sections above it have ended and it is top-most
//! again. So a thread never waits while holding a lock another waiter might
//! need, and lock-order deadlocks between objects are impossible. The price is
//! that only the top-most section is guaranteed to be held: the guarantee is
//! "like the GIL", not "like a lock", and code must not rely on an outer
//! section surviving an inner one that might block.
//!
//! Details that follow CPython:
//!
//! - a two-object section locks both mutexes in address order, and treats the
//!   same object twice as a one-object section;
//! - beginning a section on a mutex the top-most section already holds does not
//!   lock again and pushes nothing (its end is a no-op);
//! - while a section is being locked it is on the stack with no mutex recorded,
//!   so a suspension during the wait does not unlock what it has not got; a
//!   two-object section that holds its first mutex keeps it while it waits for
//!   the second (address order makes that safe);
//! - resuming may itself block, and then suspends and resumes again (nested),
//!   which finds the top-most section with nothing recorded and only marks it
//!   active.
//!
//! `ob_mutex` is a `parking_lot::RawMutex`, one byte, the shape of CPython's
//! `PyMutex` (both follow WebKit's `WTF::Lock`):
//!
//! | bit 1 (parked) | bit 0 (locked) | state |
//! |---|---|---|
//! | 0 | 0 | unlocked, nobody waiting |
//! | 0 | 1 | locked, nobody waiting |
//! | 1 | 0 | unlocked; a parked waiter is about to be woken (or about to give up) |
//! | 1 | 1 | locked; one or more waiters parked (cleared only under the parking-lot bucket lock) |
//!
//! The stack logic is written once, generic over [`ObjectLock`] (the mutex)
//! and [`Blocking`] (what the thread does around a wait), so the loom model
//! checks this code. The functions at the bottom are the per-thread API over
//! object headers; in a registered, attached thread a wait detaches the thread
//! state (which suspends the sections and lets a stop-the-world proceed) and
//! re-attaches after it.

use std::cell::RefCell;

use gilgamesh_core::object::header::ObjHeader;

use crate::stop_the_world;
use crate::thread_state;

/// A per-object mutex as critical sections use it.
pub trait ObjectLock {
    /// Takes the lock if it is free, without waiting.
    fn try_lock(&self) -> bool;
    /// Takes the lock, waiting as long as needed.
    fn lock(&self);
    /// Releases the lock.
    ///
    /// # Safety
    /// The calling thread holds the lock.
    unsafe fn unlock(&self);
    /// True if some thread holds the lock (a racy snapshot, for assertions).
    fn is_locked(&self) -> bool;
}

impl ObjectLock for parking_lot::RawMutex {
    #[inline]
    fn try_lock(&self) -> bool {
        parking_lot::lock_api::RawMutex::try_lock(self)
    }
    #[inline]
    fn lock(&self) {
        parking_lot::lock_api::RawMutex::lock(self)
    }
    #[inline]
    unsafe fn unlock(&self) {
        // SAFETY: the caller holds the lock.
        unsafe { parking_lot::lock_api::RawMutex::unlock(self) }
    }
    fn is_locked(&self) -> bool {
        parking_lot::lock_api::RawMutex::is_locked(self)
    }
}

/// What a thread does around waiting for a contended mutex: CPython's
/// `PyMutex_Lock` detaches the thread state while it parks, and detaching
/// suspends every active section.
pub trait Blocking<M: ObjectLock> {
    /// Carried from [`Blocking::detach`] to [`Blocking::attach`].
    type Token;
    /// How many times to retry `try_lock` before detaching.
    fn spins(&self) -> u32 {
        0
    }
    /// Before waiting: must suspend every active section of `s` (directly or
    /// by detaching the thread state, which does it).
    fn detach(&self, s: &Sections<M>) -> Self::Token;
    /// After the wait: must resume the top-most section of `s` (directly or by
    /// attaching the thread state, which does it).
    fn attach(&self, s: &Sections<M>, token: Self::Token);
}

/// The blocking of a thread with no thread state: suspend and resume the
/// sections, nothing else.
pub struct Plain;

impl<M: ObjectLock> Blocking<M> for Plain {
    type Token = ();
    fn detach(&self, s: &Sections<M>) {
        s.suspend_all();
    }
    fn attach(&self, s: &Sections<M>, _: ()) {
        s.resume(self);
    }
}

/// One entry of the stack (`PyCriticalSection` / `PyCriticalSection2`).
struct Entry<M> {
    /// The mutexes this section holds while active (address order), or null
    /// while they are being locked. Kept while suspended, so that resuming
    /// knows what to lock.
    m1: *const M,
    m2: *const M,
    /// Whether this section is one of two mutexes.
    two: bool,
    /// False once suspended (CPython's `_Py_CRITICAL_SECTION_INACTIVE` tag).
    active: bool,
}

/// What [`Sections::begin`] did; give it back to [`Sections::end`].
#[must_use = "a critical section must be ended"]
#[derive(Debug)]
pub struct SectionToken {
    /// Stack depth of the pushed section, or `None` if nothing was pushed
    /// (the top-most section already held the mutex).
    index: Option<usize>,
}

/// A thread's stack of critical sections (CPython keeps it as a linked list
/// through `tstate->critical_section`).
///
/// Not `Sync`: only its thread touches it. Borrows of the inner cell never
/// span a wait or a call into [`Blocking`], which may re-enter.
pub struct Sections<M> {
    stack: RefCell<Vec<Entry<M>>>,
}

impl<M: ObjectLock> Default for Sections<M> {
    fn default() -> Self {
        Self::new()
    }
}

impl<M: ObjectLock> Sections<M> {
    /// An empty stack.
    pub const fn new() -> Self {
        Sections {
            stack: RefCell::new(Vec::new()),
        }
    }

    /// Number of sections on the stack.
    pub fn depth(&self) -> usize {
        self.stack.borrow().len()
    }

    /// True if the top-most section is active and holds `m`.
    pub fn top_holds(&self, m: &M) -> bool {
        let s = self.stack.borrow();
        s.last()
            .is_some_and(|e| e.active && (std::ptr::eq(e.m1, m) || std::ptr::eq(e.m2, m)))
    }

    /// Number of sections currently suspended.
    pub fn suspended(&self) -> usize {
        self.stack.borrow().iter().filter(|e| !e.active).count()
    }

    /// Begins a section on `m` (`_PyCriticalSection_BeginMutex`).
    ///
    /// # Safety
    /// `m` outlives the section: [`Sections::end`] is called with the token
    /// before `m` is dropped, sections end in reverse order of beginning, and
    /// the thread does not touch `m` outside these calls.
    pub unsafe fn begin(&self, m: &M, b: &impl Blocking<M>) -> SectionToken {
        if m.try_lock() {
            return self.push(m, std::ptr::null(), false, true);
        }
        // Locking the same object again inside its own section: nothing to do.
        if self.top_holds(m) {
            return SectionToken { index: None };
        }
        let token = self.push(std::ptr::null(), std::ptr::null(), false, true);
        lock_blocking(self, m, b);
        self.record_top(m, std::ptr::null());
        token
    }

    /// Begins a section on two mutexes (`_PyCriticalSection2_BeginMutex`):
    /// locked in address order; the same mutex twice is a one-mutex section.
    ///
    /// # Safety
    /// As for [`Sections::begin`], for both mutexes.
    pub unsafe fn begin2(&self, a: &M, b: &M, blk: &impl Blocking<M>) -> SectionToken {
        if std::ptr::eq(a, b) {
            // SAFETY: forwarded.
            return unsafe { self.begin(a, blk) };
        }
        let (m1, m2) = if (a as *const M) < (b as *const M) {
            (a, b)
        } else {
            (b, a)
        };
        let m1_locked = m1.try_lock();
        if m1_locked && m2.try_lock() {
            return self.push(m1, m2, true, true);
        }
        // Pushed with nothing recorded: a suspension while we wait must not
        // unlock m1 (held or not), which is safe because m1 < m2.
        let token = self.push(std::ptr::null(), std::ptr::null(), true, true);
        if !m1_locked {
            lock_blocking(self, m1, blk);
        }
        lock_blocking(self, m2, blk);
        self.record_top(m1, m2);
        token
    }

    fn push(&self, m1: *const M, m2: *const M, two: bool, active: bool) -> SectionToken {
        let mut s = self.stack.borrow_mut();
        s.push(Entry {
            m1,
            m2,
            two,
            active,
        });
        SectionToken {
            index: Some(s.len() - 1),
        }
    }

    fn record_top(&self, m1: *const M, m2: *const M) {
        let mut s = self.stack.borrow_mut();
        let top = s.last_mut().expect("section stack is empty");
        debug_assert!(top.m1.is_null() && top.m2.is_null());
        top.m1 = m1;
        top.m2 = m2;
        top.active = true;
    }

    /// Ends the section `token` (which must be the top-most), unlocking its
    /// mutexes, and resumes the section below it if that one is suspended
    /// (`_PyCriticalSection_End`, `_PyCriticalSection_Pop`).
    ///
    /// # Panics
    /// If `token` is not the top-most section.
    pub fn end(&self, token: SectionToken, b: &impl Blocking<M>) {
        let Some(index) = token.index else { return };
        let (m1, m2, resume_below) = {
            let mut s = self.stack.borrow_mut();
            assert_eq!(s.len(), index + 1, "critical sections end out of order");
            let e = s.pop().expect("section stack is empty");
            assert!(e.active, "ending a suspended critical section");
            let below = s.last().is_some_and(|e| !e.active);
            (e.m1, e.m2, below)
        };
        // SAFETY: an active section holds its recorded mutexes; `begin`'s
        // contract keeps them alive until now.
        unsafe {
            if !m2.is_null() {
                (*m2).unlock();
            }
            (*m1).unlock();
        }
        if resume_below {
            self.resume(b);
        }
    }

    /// Unlocks the mutexes of every active section, from the top down to the
    /// first suspended one, and marks them suspended
    /// (`_PyCriticalSection_SuspendAll`). Called when the thread detaches.
    pub fn suspend_all(&self) {
        let mut s = self.stack.borrow_mut();
        for e in s.iter_mut().rev() {
            if !e.active {
                break;
            }
            if !e.m1.is_null() {
                // SAFETY: an active section holds its recorded mutexes, which
                // `begin`'s contract keeps alive.
                unsafe {
                    (*e.m1).unlock();
                    if !e.m2.is_null() {
                        (*e.m2).unlock();
                    }
                }
            }
            e.active = false;
        }
    }

    /// Re-locks the top-most section if it is suspended
    /// (`_PyCriticalSection_Resume`). Called when the thread attaches. The
    /// wait for its mutexes may block, suspending and resuming again (which
    /// finds the section with nothing recorded and only marks it active).
    pub fn resume(&self, b: &impl Blocking<M>) {
        let (m1, m2) = {
            let mut s = self.stack.borrow_mut();
            let Some(top) = s.last_mut() else { return };
            if top.active {
                return;
            }
            let taken = (top.m1, top.m2);
            top.m1 = std::ptr::null();
            top.m2 = std::ptr::null();
            taken
        };
        // SAFETY: recorded mutexes stay alive until their section ends.
        unsafe {
            if !m1.is_null() {
                lock_blocking(self, &*m1, b);
            }
            if !m2.is_null() {
                lock_blocking(self, &*m2, b);
            }
        }
        let mut s = self.stack.borrow_mut();
        let top = s.last_mut().expect("section stack is empty");
        top.m1 = m1;
        top.m2 = m2;
        top.active = true;
        debug_assert!(top.two || m2.is_null());
    }
}

/// Takes `m`, detaching around the wait if it is contended (CPython's
/// `PyMutex_Lock` with `_PY_LOCK_DETACH`).
fn lock_blocking<M: ObjectLock, B: Blocking<M>>(s: &Sections<M>, m: &M, b: &B) {
    if m.try_lock() {
        return;
    }
    for _ in 0..b.spins() {
        std::hint::spin_loop();
        if m.try_lock() {
            return;
        }
    }
    let token = b.detach(s);
    m.lock();
    b.attach(s, token);
}

// ---------------------------------------------------------------------------
// The calling thread's sections over object headers.

type ObMutex = parking_lot::RawMutex;

thread_local! {
    static SECTIONS: Sections<ObMutex> = const { Sections::new() };
}

/// How a real thread waits: a registered, attached thread detaches its thread
/// state (so a stop-the-world can proceed and QSBR does not wait for it); any
/// other thread just suspends its sections.
struct ThreadBlocking;

impl Blocking<ObMutex> for ThreadBlocking {
    /// True if the thread state was detached.
    type Token = bool;
    fn spins(&self) -> u32 {
        // CPython spins briefly before parking too (lock.c, MAX_SPIN_COUNT).
        40
    }
    fn detach(&self, s: &Sections<ObMutex>) -> bool {
        if thread_state::current_is_attached() {
            stop_the_world::detach();
            true
        } else {
            s.suspend_all();
            false
        }
    }
    fn attach(&self, s: &Sections<ObMutex>, detached: bool) {
        if detached {
            stop_the_world::attach();
        } else {
            s.resume(self);
        }
    }
}

/// Runs `f` inside a critical section on `obj` (`Py_BEGIN_CRITICAL_SECTION`).
pub fn with_section<R>(obj: &ObjHeader, f: impl FnOnce() -> R) -> R {
    // SAFETY: `obj` is borrowed for the whole section, and the guard ends it
    // (in order) even if `f` panics.
    let guard = EndGuard(Some(unsafe { begin(obj) }));
    let r = f();
    drop(guard);
    r
}

/// Runs `f` inside a critical section on `a` and `b`
/// (`Py_BEGIN_CRITICAL_SECTION2`).
pub fn with_section2<R>(a: &ObjHeader, b: &ObjHeader, f: impl FnOnce() -> R) -> R {
    // SAFETY: as in `with_section`.
    let guard = EndGuard(Some(unsafe { begin2(a, b) }));
    let r = f();
    drop(guard);
    r
}

struct EndGuard(Option<SectionToken>);

impl Drop for EndGuard {
    fn drop(&mut self) {
        if let Some(t) = self.0.take() {
            end(t);
        }
    }
}

/// Begins a critical section on `obj` in the calling thread.
///
/// # Safety
/// `obj` stays live until the section ends, and sections end in reverse order
/// of beginning ([`end`] panics otherwise, but a section left open would
/// keep a pointer to `obj`).
pub unsafe fn begin(obj: *const ObjHeader) -> SectionToken {
    // SAFETY: forwarded from the caller.
    SECTIONS.with(|s| unsafe { s.begin(&(*obj).ob_mutex, &ThreadBlocking) })
}

/// Begins a two-object critical section in the calling thread.
///
/// # Safety
/// As for [`begin`], for both objects.
pub unsafe fn begin2(a: *const ObjHeader, b: *const ObjHeader) -> SectionToken {
    // SAFETY: forwarded from the caller.
    SECTIONS.with(|s| unsafe { s.begin2(&(*a).ob_mutex, &(*b).ob_mutex, &ThreadBlocking) })
}

/// Ends the calling thread's top-most critical section.
pub fn end(token: SectionToken) {
    SECTIONS.with(|s| s.end(token, &ThreadBlocking));
}

/// Suspends every active section of the calling thread (it is about to
/// block or detach).
pub fn suspend_all() {
    SECTIONS.with(|s| s.suspend_all());
}

/// Resumes the calling thread's top-most section if it is suspended (it has
/// re-attached).
pub fn resume() {
    SECTIONS.with(|s| s.resume(&ThreadBlocking));
}

/// Number of critical sections the calling thread is inside.
pub fn depth() -> usize {
    SECTIONS.with(|s| s.depth())
}

/// True if the calling thread's top-most section holds `obj`'s mutex
/// (`_Py_CRITICAL_SECTION_ASSERT_OBJECT_LOCKED`).
pub fn is_held(obj: &ObjHeader) -> bool {
    SECTIONS.with(|s| s.top_holds(&obj.ob_mutex))
}

/// True if any thread holds `obj`'s mutex (a racy snapshot).
pub fn is_locked(obj: &ObjHeader) -> bool {
    ObjectLock::is_locked(&obj.ob_mutex)
}

#[cfg(test)]
mod tests {
    use super::*;
    use parking_lot::lock_api::RawMutex as _;

    fn mutexes<const N: usize>() -> [parking_lot::RawMutex; N] {
        [const { parking_lot::RawMutex::INIT }; N]
    }

    #[test]
    fn suspend_unlocks_everything_and_resume_relocks_only_the_top() {
        let [a, b, c] = mutexes::<3>();
        let s = Sections::new();
        // SAFETY: the mutexes outlive the sections, which end in order.
        let (ta, tb, tc) = unsafe {
            (
                s.begin(&a, &Plain),
                s.begin(&b, &Plain),
                s.begin2(&c, &a, &Plain),
            )
        };
        // a is held by the first section and wanted again by the pair: the
        // pair's wait suspended the sections below it.
        assert_eq!(s.depth(), 3);
        assert_eq!(s.suspended(), 2);
        assert!(s.top_holds(&a) && s.top_holds(&c));
        assert!(!ObjectLock::is_locked(&b));

        s.suspend_all();
        assert_eq!(s.suspended(), 3);
        assert!(!ObjectLock::is_locked(&a) && !ObjectLock::is_locked(&c));
        s.resume(&Plain);
        assert_eq!(s.suspended(), 2);
        assert!(ObjectLock::is_locked(&a) && ObjectLock::is_locked(&c));
        assert!(!ObjectLock::is_locked(&b), "lower sections resume lazily");

        s.end(tc, &Plain);
        assert!(s.top_holds(&b) && ObjectLock::is_locked(&b));
        assert!(!ObjectLock::is_locked(&a) && !ObjectLock::is_locked(&c));
        s.end(tb, &Plain);
        assert!(s.top_holds(&a) && !ObjectLock::is_locked(&b));
        s.end(ta, &Plain);
        assert_eq!(s.depth(), 0);
        assert!(!ObjectLock::is_locked(&a));
    }

    #[test]
    fn same_mutex_again_pushes_nothing() {
        let [a, b] = mutexes::<2>();
        let s = Sections::new();
        // SAFETY: as above.
        unsafe {
            let t1 = s.begin(&a, &Plain);
            let t2 = s.begin(&a, &Plain);
            let t3 = s.begin2(&a, &a, &Plain);
            assert_eq!(s.depth(), 1);
            s.end(t3, &Plain);
            s.end(t2, &Plain);
            assert!(s.top_holds(&a));
            let t4 = s.begin2(&b, &a, &Plain);
            assert_eq!(s.depth(), 2);
            assert!(s.top_holds(&a) && s.top_holds(&b));
            s.end(t4, &Plain);
            s.end(t1, &Plain);
        }
        assert!(!ObjectLock::is_locked(&a) && !ObjectLock::is_locked(&b));
    }

    #[test]
    #[should_panic(expected = "out of order")]
    fn ending_out_of_order_panics() {
        let [a, b] = mutexes::<2>();
        let s = Sections::new();
        // SAFETY: as above (the panic leaves them locked, which is fine).
        let (ta, _tb) = unsafe { (s.begin(&a, &Plain), s.begin(&b, &Plain)) };
        s.end(ta, &Plain);
    }
}
