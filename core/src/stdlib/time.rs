//! The `time` module: wall-clock, monotonic and process clocks, and `sleep`.

use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::add_functions;
use crate::object::Value;
use crate::types::exception::{overflow_error, value_error};
use crate::types::{self, Kwargs, PyResult};
use crate::vm::Vm;

/// The process-wide origin of the monotonic clocks.
fn origin() -> Instant {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    *ORIGIN.get_or_init(Instant::now)
}

/// Nanoseconds on the monotonic clock (arbitrary origin, never decreasing).
fn monotonic_nanos() -> u128 {
    // Offset by one second so the first reading is not zero.
    origin().elapsed().as_nanos() + 1_000_000_000
}

fn wall_nanos() -> i128 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

/// CPU time of this process in nanoseconds.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn process_nanos() -> u128 {
    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;
    let mut ts = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `clock_gettime` from the C library writes one `timespec`
    // (two 64-bit fields on 64-bit Linux) through a valid pointer.
    let rc = unsafe { clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return origin().elapsed().as_nanos();
    }
    ts.tv_sec as u128 * 1_000_000_000 + ts.tv_nsec as u128
}

/// CPU time of this process in nanoseconds (approximated by elapsed time).
#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
fn process_nanos() -> u128 {
    origin().elapsed().as_nanos()
}

fn float_secs(ns: i128) -> Value {
    types::new_float(ns as f64 / 1e9)
}

fn int_ns(ns: i128) -> Value {
    types::new_bigint(num_bigint::BigInt::from(ns))
}

fn no_args(name: &str, args: &[Value], kw: &Kwargs) -> PyResult<()> {
    crate::vm::call::no_kwargs(name, kw)?;
    crate::vm::call::check_args(name, args, 0, 0)
}

fn time(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_args("time", args, &kw)?;
    Ok(float_secs(wall_nanos()))
}

fn time_ns(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_args("time_ns", args, &kw)?;
    Ok(int_ns(wall_nanos()))
}

fn monotonic(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_args("monotonic", args, &kw)?;
    Ok(float_secs(monotonic_nanos() as i128))
}

fn monotonic_ns(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_args("monotonic_ns", args, &kw)?;
    Ok(int_ns(monotonic_nanos() as i128))
}

fn process_time(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_args("process_time", args, &kw)?;
    Ok(float_secs(process_nanos() as i128))
}

fn process_time_ns(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_args("process_time_ns", args, &kw)?;
    Ok(int_ns(process_nanos() as i128))
}

fn sleep(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    crate::vm::call::no_kwargs("sleep", &kw)?;
    crate::vm::call::check_args("sleep", args, 1, 1)?;
    let secs = super::math::float_arg(vm, &args[0]).map_err(|_| {
        types::exception::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            crate::vm::protocol::type_name(&args[0])
        ))
    })?;
    if secs.is_nan() {
        return Err(value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(value_error("sleep length must be non-negative"));
    }
    let d = Duration::try_from_secs_f64(secs)
        .map_err(|_| overflow_error("timestamp too large to convert to C _PyTime_t"))?;
    vm.flush_stdout();
    let deadline = std::time::Instant::now()
        .checked_add(d)
        .ok_or_else(|| overflow_error("sleep length is too large"))?;
    let is_main = vm.is_main_thread;
    // Ctrl-C wakes a sleeping main thread: the handler raises
    // KeyboardInterrupt, or the sleep goes on for the rest of its time.
    while crate::gil::allow_threads(crate::trace::BLOCKED_SLEEP, || {
        crate::signals::sleep_until(is_main, deadline)
    }) {
        vm.service_eval_breaker()?;
    }
    Ok(types::none())
}

/// Creates the `time` module.
pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let _ = vm;
    origin();
    let m = crate::vm::import::new_module("time");
    add_functions(
        &m,
        "time",
        &[
            ("time", time),
            ("time_ns", time_ns),
            ("perf_counter", monotonic),
            ("perf_counter_ns", monotonic_ns),
            ("monotonic", monotonic),
            ("monotonic_ns", monotonic_ns),
            ("process_time", process_time),
            ("process_time_ns", process_time_ns),
            ("sleep", sleep),
        ],
    );
    Ok(m)
}
