//! Ctrl-C delivery: how SIGINT reaches the main thread, including a main
//! thread that is blocked in `time.sleep` or a lock wait.
//!
//! CPython runs signal handlers only in the main thread, at its next safe
//! point; a blocking call in the main thread is woken by the signal (EINTR),
//! runs the handler (which raises `KeyboardInterrupt` for SIGINT) and, if the
//! handler did not raise, goes on waiting for the rest of its time
//! (PEP 475). gilgamesh does the same without EINTR: the binary forwards
//! SIGINT from a signal-watching thread to [`deliver_sigint`], which sets the
//! pending flag, sets the eval breaker and wakes whatever wait the main
//! thread registered with [`wait_on`].

use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;
use std::time::Instant;

use parking_lot::{Condvar, Mutex};

use crate::vm::SIGINT_PENDING;

/// Wakes the main thread's current blocking wait.
type Waker = Arc<dyn Fn() + Send + Sync>;

static MAIN_WAIT: Mutex<Option<Waker>> = Mutex::new(None);

/// Called (outside any signal handler) when SIGINT arrives.
pub fn deliver_sigint() {
    SIGINT_PENDING.store(true, Relaxed);
    crate::vm::request_safe_point();
    let waker = MAIN_WAIT.lock().clone();
    if let Some(w) = waker {
        w();
    }
}

/// `_thread.interrupt_main()`: SIGINT becomes pending without a signal, so,
/// as in CPython, a main thread blocked in a sleep or a lock wait notices it
/// only when that call returns.
pub fn trip_sigint() {
    SIGINT_PENDING.store(true, Relaxed);
    crate::vm::request_safe_point();
}

/// True if a SIGINT is waiting to be handled.
pub fn sigint_pending() -> bool {
    SIGINT_PENDING.load(Relaxed)
}

/// Runs the blocking wait `f` of the main thread with `waker` registered, so
/// that [`deliver_sigint`] can end it. `f` must check [`sigint_pending`]
/// under the same mutex that `waker` locks before notifying, so no wake-up is
/// lost.
pub fn wait_on<R>(
    is_main: bool,
    waker: impl Fn() + Send + Sync + 'static,
    f: impl FnOnce() -> R,
) -> R {
    if !is_main {
        return f();
    }
    *MAIN_WAIT.lock() = Some(Arc::new(waker));
    let r = f();
    *MAIN_WAIT.lock() = None;
    r
}

static SLEEPERS: (Mutex<()>, Condvar) = (Mutex::new(()), Condvar::new());

/// Sleeps until `deadline`; the main thread wakes early (returning `true`)
/// when SIGINT arrives. Other threads sleep the whole time.
pub fn sleep_until(is_main: bool, deadline: Instant) -> bool {
    if !is_main {
        let now = Instant::now();
        if deadline > now {
            std::thread::sleep(deadline - now);
        }
        return false;
    }
    wait_on(
        true,
        || {
            let _g = SLEEPERS.0.lock();
            SLEEPERS.1.notify_all();
        },
        || {
            let mut g = SLEEPERS.0.lock();
            loop {
                if sigint_pending() {
                    return true;
                }
                if Instant::now() >= deadline {
                    return false;
                }
                SLEEPERS.1.wait_until(&mut g, deadline);
            }
        },
    )
}
