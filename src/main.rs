//! The `gilgamesh` command: a thin CLI over `gilgamesh-core`.
//!
//! ```text
//! gilgamesh run [--mode gil|nogil] [--gil 0|1] [--refcount biased|atomic] [--deferred-rc on|off] [--stats] [--trace FILE] (SCRIPT | -c CODE) [ARGS...]
//! gilgamesh SCRIPT [ARGS...]
//! gilgamesh -c CODE [ARGS...]
//! gilgamesh dis SCRIPT
//! gilgamesh compare [WORKLOAD...] [--modes gil,nogil,subinterp] [--workers 1,2] [--repeat N] [--warmup N] [--scale S] [--python PATH]... [--json F] [--csv F] [--html F]
//! ```
//! Exit status: 0 success, 1 uncaught Python exception, 2 usage error.

use std::path::Path;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use gilgamesh_core::compiler::{compile_source, format_syntax_error};
use gilgamesh_core::types::{self, exception::exc_data, DictData};
use gilgamesh_core::vm::{protocol, traceback, Vm};
use gilgamesh_core::Value;

#[cfg(not(feature = "system-alloc"))]
mod allocator;

/// mimalloc, the allocator CPython's free-threaded build uses (see
/// `allocator.rs`). The `system-alloc` feature builds with the system
/// allocator instead, only to measure the difference (bench/README.md); it
/// is not a mode switch.
#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static GLOBAL: allocator::Mimalloc = allocator::Mimalloc;

/// Native stack for the interpreter thread: Python-to-Python calls do not
/// recurse natively, but calls through native code (`__init__`, `sorted` keys,
/// generators) do.
const INTERPRETER_STACK: usize = 512 << 20;

#[derive(Clone, Copy, ValueEnum, Debug, PartialEq, Eq)]
enum Mode {
    Gil,
    Nogil,
}

#[derive(Clone, Copy, ValueEnum, Debug, PartialEq, Eq)]
enum RefcountArg {
    Biased,
    Atomic,
}

#[derive(Parser, Debug)]
#[command(
    name = "gilgamesh",
    version,
    about = "Run Python under a GIL, free-threaded or subinterpreter model and see where the time goes"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Run a Python script.
    Run {
        /// Concurrency model.
        #[arg(long, value_enum, default_value = "gil")]
        mode: Mode,
        /// nogil mode: 1 runs under a GIL (as PYTHON_GIL=1); 0 keeps the GIL
        /// off even when a module asks for it (PYTHON_GIL=0). Without it the
        /// GIL is off until a module that needs it is imported.
        #[arg(long)]
        gil: Option<u8>,
        /// Print runtime statistics at exit.
        #[arg(long)]
        stats: bool,
        /// Reference counting scheme in nogil mode (an ablation): biased
        /// (PEP 703) or atomic (one shared atomic count, as the Gilectomy).
        #[arg(long, value_enum)]
        refcount: Option<RefcountArg>,
        /// Deferred reference counting in nogil mode (an ablation): on makes
        /// module-level functions, classes and modules immortal once threads
        /// start (as CPython 3.13t); off counts them like any object.
        #[arg(long, value_enum)]
        deferred_rc: Option<OnOff>,
        /// Write a Chrome trace-event file.
        #[arg(long)]
        trace: Option<String>,
        /// The script and its arguments, or `-c CODE` and its arguments.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, required = true)]
        script: Vec<String>,
    },
    /// Show the bytecode of a script.
    Dis {
        /// The script.
        script: String,
    },
    /// Run workloads under every model and worker count, beside CPython.
    Compare(gilgamesh_bench::compare::Options),
}

/// `-c CODE [ARGS...]` (given what follows `-c`): the script's name,
/// `sys.argv` and the source, or a usage error.
fn code_run(rest: &[String]) -> Result<(String, Vec<String>, Option<String>), ExitCode> {
    let Some(code) = rest.first() else {
        return Err(usage_error("argument expected for the -c option"));
    };
    let mut argv = vec!["-c".to_string()];
    argv.extend(rest[1..].iter().cloned());
    Ok(("<string>".to_string(), argv, Some(code.clone())))
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("gilgamesh: {msg}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    #[cfg(not(feature = "system-alloc"))]
    allocator::return_freed_memory_at_once();
    let argv: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let first = argv.get(1).map(|s| s.as_str());
    let mut run_opts = RunOptions::default();
    let (script, args, source_override, mode) = match first {
        None => return usage_error("no script given (try 'gilgamesh --help')"),
        Some("-c") => match code_run(&argv[2..]) {
            Ok((name, args, source)) => (name, args, source, Mode::Gil),
            Err(e) => return e,
        },
        Some("run") | Some("dis") | Some("compare") | Some("--help") | Some("-h")
        | Some("--version") | Some("-V") | Some("help") => {
            let cli = match Cli::try_parse_from(&argv) {
                Ok(c) => c,
                Err(e) => {
                    let code = if e.use_stderr() { 2 } else { 0 };
                    let _ = e.print();
                    return ExitCode::from(code);
                }
            };
            match cli.cmd {
                Cmd::Dis { script } => return disassemble(&script),
                Cmd::Compare(opts) => {
                    let exe = std::env::current_exe().unwrap_or_else(|_| argv[0].clone().into());
                    return ExitCode::from(gilgamesh_bench::compare::run(&opts, &exe));
                }
                Cmd::Run {
                    mode,
                    gil,
                    stats,
                    refcount,
                    deferred_rc,
                    trace,
                    script,
                } => {
                    if mode == Mode::Gil && refcount.is_some() {
                        return usage_error("--refcount applies only to --mode nogil");
                    }
                    if mode == Mode::Gil && deferred_rc.is_some() {
                        return usage_error("--deferred-rc applies only to --mode nogil");
                    }
                    let gil_setting = match (mode, gil) {
                        (Mode::Gil, Some(_)) => {
                            return usage_error("--gil applies only to --mode nogil")
                        }
                        (Mode::Nogil, Some(g)) if g > 1 => {
                            return usage_error(&format!("--gil must be 0 or 1, not {g}"))
                        }
                        (Mode::Nogil, Some(1)) => GilSetting::On,
                        (Mode::Nogil, Some(_)) => GilSetting::ForcedOff,
                        (Mode::Nogil, None) => GilSetting::Off,
                        (Mode::Gil, None) => GilSetting::On,
                    };
                    if let Some(path) = &trace {
                        // Fail before running, so a long run is not lost.
                        if let Err(e) = std::fs::File::create(path) {
                            return usage_error(&format!("can't write trace file '{path}': {e}"));
                        }
                    }
                    run_opts = RunOptions {
                        gil: gil_setting,
                        stats,
                        trace,
                        mode,
                        refcount: refcount.unwrap_or(RefcountArg::Biased),
                        deferred_rc: deferred_rc != Some(OnOff::Off),
                    };
                    if script[0] == "-c" {
                        // `run [OPTIONS] -c CODE [ARGS]`, as `gilgamesh -c`.
                        match code_run(&script[1..]) {
                            Ok((name, args, source)) => (name, args, source, mode),
                            Err(e) => return e,
                        }
                    } else {
                        (script[0].clone(), script.clone(), None, mode)
                    }
                }
            }
        }
        Some(s) if s.starts_with('-') => {
            return usage_error(&format!("unknown option '{s}' (try 'gilgamesh --help')"))
        }
        Some(s) => (s.to_string(), argv[1..].to_vec(), None, Mode::Gil),
    };
    run_opts.mode = mode;
    install_sigint_forwarder();
    let child = std::thread::Builder::new()
        .name("gilgamesh-main".into())
        .stack_size(INTERPRETER_STACK)
        .spawn(move || run_script(&script, &args, source_override, &run_opts))
        .expect("spawn interpreter thread");
    match child.join() {
        Ok(Exit::Status(code)) => ExitCode::from(code),
        Ok(Exit::Interrupted) => die_of_sigint(),
        Err(_) => ExitCode::from(70),
    }
}

/// An on/off switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum OnOff {
    On,
    Off,
}

/// `--gil` in `--mode nogil` (CPython's `PYTHON_GIL`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum GilSetting {
    /// The GIL serialises Python code (`--mode gil`, or `--gil 1`).
    On,
    /// Free-threaded; importing a module that needs the GIL turns it on.
    Off,
    /// Free-threaded even when a module asks for the GIL (`--gil 0`).
    ForcedOff,
}

/// Options of `gilgamesh run` that shape what is reported at exit.
#[derive(Debug)]
struct RunOptions {
    /// Whether Python runs under the GIL (`--mode nogil` defaults to off).
    gil: GilSetting,
    /// `--deferred-rc` (on unless `off`).
    deferred_rc: bool,
    stats: bool,
    trace: Option<String>,
    mode: Mode,
    refcount: RefcountArg,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            gil: GilSetting::On,
            deferred_rc: true,
            stats: false,
            trace: None,
            mode: Mode::Gil,
            refcount: RefcountArg::Biased,
        }
    }
}

/// How the interpreter thread ended.
enum Exit {
    Status(u8),
    /// An uncaught KeyboardInterrupt: like CPython, the process then dies of
    /// SIGINT, so a calling shell sees the interrupt (status 130).
    Interrupted,
}

fn die_of_sigint() -> ExitCode {
    // SAFETY: restoring the default disposition and raising the signal are
    // plain libc calls with valid arguments; the process ends here.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_DFL);
        libc::raise(libc::SIGINT);
    }
    ExitCode::from(130)
}

fn disassemble(script: &str) -> ExitCode {
    let source = match read_source(script) {
        Ok(s) => s,
        Err(msg) => {
            eprint!("{msg}");
            return ExitCode::from(1);
        }
    };
    match compile_source(&source, script) {
        Ok(code) => {
            print!(
                "{}",
                gilgamesh_core::compiler::disassemble::disassemble(&code)
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprint!("{}", format_syntax_error(&e));
            ExitCode::from(1)
        }
    }
}

/// Source text as UTF-8, or CPython's SyntaxError report for other bytes.
fn decode_source(script: &str, bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bad = e.as_bytes()[valid];
        let line = e.as_bytes()[..valid].iter().filter(|b| **b == b'\n').count() + 1;
        format!(
            "SyntaxError: Non-UTF-8 code starting with '\\x{bad:02x}' in file {script} on line {line}, but no encoding declared; see https://peps.python.org/pep-0263/ for details\n"
        )
    })
}

fn read_source(script: &str) -> Result<String, String> {
    match std::fs::read(script) {
        Ok(bytes) => decode_source(script, bytes),
        Err(e) => Err(format!("gilgamesh: can't open file '{script}': {e}\n")),
    }
}

fn set_sys(vm: &mut Vm, name: &str, v: Value) {
    gilgamesh_core::stdlib::set_attr(&vm.sys.clone(), name, v);
}

/// Ctrl-C: a signal-watching thread (signal-hook's self-pipe iterator, so the
/// handler itself does nothing but write to a pipe) forwards SIGINT to the
/// interpreter, which raises KeyboardInterrupt in the main thread at its next
/// safe point and wakes it if it sleeps or waits for a lock.
fn install_sigint_forwarder() {
    let Ok(mut signals) = signal_hook::iterator::Signals::new([signal_hook::consts::SIGINT]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("gilgamesh-signals".into())
        .spawn(move || {
            for _ in signals.forever() {
                gilgamesh_core::signals::deliver_sigint();
            }
        });
}

fn run_script(
    script: &str,
    args: &[String],
    source_override: Option<String>,
    opts: &RunOptions,
) -> Exit {
    if opts.trace.is_some() {
        gilgamesh_core::trace::enable();
    }
    match opts.gil {
        GilSetting::On => {}
        GilSetting::Off | GilSetting::ForcedOff => {
            // Before any second thread exists: no thread takes the GIL, and
            // from the first thread start on every object access takes the
            // object's lock.
            gilgamesh_core::object::pycell::enter_free_threaded_mode();
            gilgamesh_core::object::deferred::set_enabled(opts.deferred_rc);
            gilgamesh_core::gil::disable(opts.gil == GilSetting::ForcedOff);
        }
    }
    gilgamesh_subinterp::install();
    if opts.stats {
        gilgamesh_core::gil::time_holds();
        gilgamesh_subinterp::stats::enable();
    }
    gilgamesh_core::gil::take();
    let mut vm = match opts.mode {
        Mode::Gil => Vm::new_gil(),
        Mode::Nogil => {
            gilgamesh_nogil::policy::enter_mode(match opts.refcount {
                RefcountArg::Biased => gilgamesh_nogil::policy::Refcount::Biased,
                RefcountArg::Atomic => gilgamesh_nogil::policy::Refcount::Atomic,
            });
            if opts.stats {
                gilgamesh_core::object::refcount::count_operations();
            }
            gilgamesh_nogil::policy::new_vm()
        }
    };
    vm.guard_native_stack(INTERPRETER_STACK);
    let source = match source_override {
        Some(s) => s,
        None => match std::fs::read(script) {
            Ok(bytes) => match decode_source(script, bytes) {
                Ok(s) => s,
                Err(msg) => {
                    vm.write_stderr(&msg);
                    return Exit::Status(1);
                }
            },
            Err(e) => {
                eprintln!(
                    "gilgamesh: can't open file '{script}': [Errno {}] {e}",
                    e.raw_os_error().unwrap_or(2)
                );
                return Exit::Status(2);
            }
        },
    };
    let argv = args.iter().map(|a| types::new_str(a.as_str())).collect();
    set_sys(&mut vm, "argv", types::new_list(argv));
    let mut path = Vec::new();
    let dir = if script == "<string>" {
        String::new()
    } else {
        let abs = std::fs::canonicalize(script).unwrap_or_else(|_| Path::new(script).to_path_buf());
        abs.parent()
            .map(|p| p.to_string_lossy().to_string())
            .unwrap_or_default()
    };
    path.push(types::new_str(if dir.is_empty() {
        "."
    } else {
        dir.as_str()
    }));
    if let Ok(pp) = std::env::var("PYTHONPATH") {
        for p in pp.split(':').filter(|p| !p.is_empty()) {
            path.push(types::new_str(p));
        }
    }
    set_sys(&mut vm, "path", types::new_list(path));
    let code = match compile_source(&source, script) {
        Ok(c) => c,
        Err(e) => {
            vm.write_stderr(&format_syntax_error(&e));
            return Exit::Status(1);
        }
    };
    let main = gilgamesh_core::vm::import::new_module("__main__");
    let globals = main
        .downcast::<types::ModuleData>()
        .expect("module")
        .dict
        .clone();
    let g = globals.downcast::<DictData>().expect("dict");
    g.set_str(types::intern("__file__"), types::new_str(script));
    g.set_str(types::intern("__builtins__"), vm.builtins.clone());
    vm.modules
        .downcast::<DictData>()
        .expect("modules")
        .set_str(types::intern("__main__"), main.clone());
    let result = vm.run_code(code, globals.clone());
    let mut interrupted = false;
    let mut status = match result {
        Ok(_) => 0,
        Err(e) => {
            interrupted = protocol::is_instance(&e.0, types::exc_types().keyboard_interrupt.v());
            report_uncaught(&mut vm, &e.0)
        }
    };
    // Wait for non-daemon threads, as CPython's threading._shutdown does.
    let threading = vm
        .modules
        .downcast::<DictData>()
        .and_then(|d| d.get_str(&types::intern("threading")));
    if let Some(t) = threading {
        let shutdown = gilgamesh_core::vm::attr::getattr_str(&mut vm, &t, "_shutdown");
        if let Ok(f) = shutdown {
            if let Err(e) = gilgamesh_core::vm::call::call(&mut vm, &f, &[]) {
                let s = report_uncaught(&mut vm, &e.0);
                if status == 0 {
                    status = s;
                }
            }
        }
    }
    // Then, as CPython's Py_FinalizeEx: the atexit handlers, and the
    // teardown of `__main__`, whose objects' finalizers (`__del__`) run.
    gilgamesh_core::stdlib::atexit::run_handlers(&mut vm);
    let flush_retired: fn() = if opts.mode == Mode::Nogil {
        || {
            gilgamesh_nogil::qsbr::process_deferred();
        }
    } else {
        || {}
    };
    gilgamesh_core::vm::finalize::clear_main_module(&mut vm, &globals, flush_retired);
    vm.flush_stdout();
    if opts.stats {
        let mut report = gilgamesh_core::gil::stats_report(vm.mode);
        if opts.mode == Mode::Nogil {
            report.push_str(&gilgamesh_nogil::policy::stats_report());
        }
        report.push_str(&gilgamesh_subinterp::stats::report());
        vm.write_stderr(&report);
    }
    if let Some(path) = &opts.trace {
        if let Err(e) = gilgamesh_core::trace::write_json(Path::new(path), vm.mode) {
            vm.write_stderr(&format!("gilgamesh: can't write trace '{path}': {e}\n"));
            if status == 0 {
                status = 1;
            }
        }
    }
    if interrupted {
        return Exit::Interrupted;
    }
    Exit::Status(status)
}

fn report_uncaught(vm: &mut Vm, e: &Value) -> u8 {
    if protocol::is_instance(e, types::exc_types().system_exit.v()) {
        let args = exc_data(e)
            .map(|d| d.args.get())
            .unwrap_or_else(types::none);
        let items = args
            .downcast::<types::TupleData>()
            .map(|t| t.items().to_vec())
            .unwrap_or_default();
        let code = match items.len() {
            0 => types::none(),
            1 => items[0].clone(),
            _ => args.clone(),
        };
        if types::is_none(&code) {
            return 0;
        }
        if let Some(i) = types::bigint::to_i64(&code) {
            return (i & 0xff) as u8;
        }
        let msg = protocol::str_string(vm, &code).unwrap_or_default();
        vm.write_stderr(&format!("{msg}\n"));
        return 1;
    }
    let text = traceback::format_exception(vm, e);
    vm.write_stderr(&text);
    1
}
