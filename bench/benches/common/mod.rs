//! Shared by the criterion micro-benchmarks: short measurement settings (the
//! development machine has two cores, shared with builds), the harness for
//! contended measurements, and the global allocator.

#![allow(dead_code)]

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::sync::Barrier;
use std::thread;
use std::time::{Duration, Instant};

use criterion::Criterion;

/// mimalloc, as in the `gilgamesh` binary (which reaches it through its own
/// thin wrapper, `src/allocator.rs`), so that allocation and freeing cost
/// what they cost there.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Criterion settings for every group: few samples, short runs, no plots.
pub fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2))
        .without_plots()
}

/// Creates the built-in types, as `Vm::new_gil` does first thing in the
/// binary. Call before making any value: `types::intern` as the very first
/// call of a process deadlocks (it holds the intern table's lock while the
/// lazy start-up interns names).
pub fn init_runtime() {
    gilgamesh_core::types::init::init_and_get();
}

/// Wall time of the measured threads and CPU time of their contenders, in
/// nanoseconds, and both sides' operations, since the last [`overlap`] call.
static MEASURED_NS: AtomicU64 = AtomicU64::new(0);
static CONTENDER_CPU_NS: AtomicU64 = AtomicU64::new(0);
static MEASURED_OPS: AtomicU64 = AtomicU64::new(0);
static CONTENDER_OPS: AtomicU64 = AtomicU64::new(0);

/// CPU time the calling thread has used.
fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec, and
    // CLOCK_THREAD_CPUTIME_ID is a clock every Linux kernel has.
    let r = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(r, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Times `measured(iters)` on the calling thread while `contenders` other
/// threads run `contend` at the same time.
///
/// Each contender gets its index (0-based) and the stop flag, must loop until
/// the flag is set ([`until_stopped`]), and returns how many operations it
/// did. The clock starts once every
/// contender has started, and stops when `measured` returns, before the
/// contenders are stopped and joined, so the result is the measured thread's
/// own latency under contention (criterion divides it by `iters`).
pub fn contended<C, M>(iters: u64, contenders: usize, contend: C, measured: M) -> Duration
where
    C: Fn(usize, &AtomicBool) -> u64 + Sync,
    M: FnOnce(u64),
{
    let stop = AtomicBool::new(false);
    let ready = Barrier::new(contenders + 1);
    let (elapsed, cpu, ops) = thread::scope(|s| {
        let handles: Vec<_> = (0..contenders)
            .map(|i| {
                let (stop, ready, contend) = (&stop, &ready, &contend);
                s.spawn(move || {
                    ready.wait();
                    let start = thread_cpu_time();
                    let ops = contend(i, stop);
                    (thread_cpu_time() - start, ops)
                })
            })
            .collect();
        ready.wait();
        let start = Instant::now();
        measured(iters);
        let elapsed = start.elapsed();
        stop.store(true, Relaxed);
        let (mut cpu, mut ops) = (Duration::ZERO, 0);
        for h in handles {
            let (c, n) = h.join().expect("contender panicked");
            cpu += c;
            ops += n;
        }
        (elapsed, cpu, ops)
    });
    let per_contender = contenders.max(1) as u64;
    MEASURED_NS.fetch_add(elapsed.as_nanos() as u64, Relaxed);
    CONTENDER_CPU_NS.fetch_add(cpu.as_nanos() as u64 / per_contender, Relaxed);
    MEASURED_OPS.fetch_add(iters, Relaxed);
    CONTENDER_OPS.fetch_add(ops / per_contender, Relaxed);
    elapsed
}

/// A contender's loop: runs `op` until `stop` is set and returns how many
/// times it ran (the flag is a relaxed load per operation, next to nothing
/// beside the operation itself).
#[inline(always)]
pub fn until_stopped(stop: &AtomicBool, mut op: impl FnMut()) -> u64 {
    let mut n = 0;
    while !stop.load(Relaxed) {
        op();
        n += 1;
    }
    n
}

/// Prints, and resets, over the contended runs since the last call: the CPU
/// time the other thread used as a share of the measured time, and its
/// operations per measured operation. For a spinning contender a share near
/// 100% means the two threads really ran at the same time; well below, the
/// contender was descheduled part of the time (a loaded machine: another
/// build on the 2 cores) and the figure lies between the contended and the
/// uncontended cost. A contender that blocks (the GIL) sleeps instead of
/// spinning: there, its operations per measured one say how often the lock
/// changed hands.
pub fn overlap(name: &str) {
    let wall = MEASURED_NS.swap(0, Relaxed);
    let cpu = CONTENDER_CPU_NS.swap(0, Relaxed);
    let measured = MEASURED_OPS.swap(0, Relaxed);
    let other = CONTENDER_OPS.swap(0, Relaxed);
    if wall > 0 && measured > 0 {
        println!(
            "{name}: other thread on a CPU {:.0}% of the measured time, {:.2} of its operations per measured one",
            cpu as f64 * 100.0 / wall as f64,
            other as f64 / measured as f64
        );
    }
}
