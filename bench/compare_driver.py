"""Run one cell of the comparison matrix: one workload, one model, one worker count.

    PYTHON bench/compare_driver.py WORKLOAD [--model threads|subinterp]
        [--workers N] [--scale S] [--repeat R] [--warmup W] [--timeout T]
    PYTHON bench/compare_driver.py WORKLOAD --describe

PYTHON is any of: ``gilgamesh run --mode gil|nogil``, CPython 3.11 (threads
only), 3.13, 3.13t, 3.14.  WORKLOAD is a workload file (``path/to/name.py``)
or the name of a built-in one in ``bench/workloads/``.  The last line of
stdout is one JSON object (schema in docs/workloads.md); the exit status is
0 when the cell passed, 1 when it failed (error, wrong answer, answers that
differ between runs, timeout), 2 on a usage error, 3 when this Python cannot
run the model (CPython 3.11 and subinterpreters).

This file runs on gilgamesh, which has no argparse, json, os, traceback,
importlib or pickle: the arguments are parsed, the JSON written and the
workload imported (``__import__`` with its folder on ``sys.path``) by hand.
In the subinterpreter model every worker interpreter imports this file as the
module ``compare_driver`` and runs ``_worker_main``.
"""

import sys
import threading
import time

SCHEMA = "gilgamesh-compare-driver/1"
SCHEMA_VERSION = 1

USAGE = __doc__.split("\n\n")[1]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_UNSUPPORTED = 0, 1, 2, 3
MAX_MESSAGE = 1000      # characters of an error message kept in the JSON

# ------------------------------------------------------------------ paths


def _dirname(path):
    head, sep, _tail = path.rpartition("/")
    if not sep:
        return "."
    return head or "/"


def _driver_dir():
    f = globals().get("__file__") or sys.argv[0]
    return _dirname(f)


def _resolve_workload(arg):
    """(folder, module name, path) of a workload file or built-in name."""
    if arg.endswith(".py") or "/" in arg:
        path = arg if arg.endswith(".py") else arg + ".py"
    else:
        path = _driver_dir() + "/workloads/" + arg + ".py"
    folder = _dirname(path)
    name = path.rpartition("/")[2][:-3]
    return folder, name, path


def _add_paths(paths):
    for p in reversed(paths):
        if p not in sys.path:
            sys.path.insert(0, p)


def _import_workload(name):
    mod = sys.modules.get(name)
    if mod is None:
        __import__(name)
        mod = sys.modules[name]
    for attr in ("setup", "work", "combine"):
        if not callable(getattr(mod, attr, None)):
            raise TypeError("workload %s does not define %s()" % (name, attr))
    return mod


# ------------------------------------------------------------- exceptions


def _type_name(exc):
    tp = type(exc)
    mod = getattr(tp, "__module__", "builtins")
    name = getattr(tp, "__qualname__", tp.__name__)
    if mod in ("builtins", None):
        return name
    return "%s.%s" % (mod, name)


def _format_exc(exc):
    """The traceback text of exc, as complete as this Python allows."""
    try:
        import traceback
    except ImportError:
        traceback = None
    if traceback is not None:
        return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    # gilgamesh: no traceback module, and traceback objects carry no frame.
    lines = []
    tb = getattr(exc, "__traceback__", None)
    while tb is not None:
        frame = getattr(tb, "tb_frame", None)
        code = getattr(frame, "f_code", None)
        if code is not None:
            lines.append('  File "%s", line %s, in %s'
                         % (code.co_filename, tb.tb_lineno, code.co_name))
        else:
            lines.append("  line %s" % (getattr(tb, "tb_lineno", "?"),))
        tb = getattr(tb, "tb_next", None)
    excinfo = getattr(exc, "excinfo", None)   # ExecutionFailed from a subinterpreter
    remote = getattr(excinfo, "errdisplay", None) if excinfo is not None else None
    text = "Traceback (most recent call last):\n" + "\n".join(lines) + "\n"
    text += "%s: %s\n" % (_type_name(exc), exc)
    if remote and remote not in text:
        text += "\nUncaught in the interpreter:\n\n" + remote
    return text


class CellError(Exception):
    """A failure of the cell, with where it happened."""

    def __init__(self, stage, type_name, message, traceback_text, worker=None):
        Exception.__init__(self, "%s: %s" % (type_name, message))
        self.stage = stage
        self.type_name = type_name
        self.message = message
        self.traceback_text = traceback_text
        self.worker = worker

    def as_json(self):
        message = self.message
        if len(message) > MAX_MESSAGE:
            message = message[:MAX_MESSAGE] + "... (%d characters)" % len(self.message)
        return {"stage": self.stage, "worker": self.worker, "type": self.type_name,
                "message": message, "traceback": self.traceback_text[-4 * MAX_MESSAGE:]}


def _cell_error(stage, exc, worker=None):
    if isinstance(exc, CellError):
        return exc
    return CellError(stage, _type_name(exc), str(exc), _format_exc(exc), worker)


# --------------------------------------------------------------- JSON out


def _json_str(s):
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20 or o == 0x7F:
            out.append("\\u%04x" % o)
        elif 0xD800 <= o <= 0xDFFF:       # lone surrogate: not valid UTF-8
            out.append("\\ufffd")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _json(v):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(int(v))
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            return "null"
        return repr(v)
    if isinstance(v, str):
        return _json_str(v)
    if isinstance(v, dict):
        return "{" + ", ".join(_json_str(str(k)) + ": " + _json(x) for k, x in v.items()) + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_json(x) for x in v) + "]"
    return _json_str(repr(v))


# ----------------------------------------------------------------- digest

_FNV_OFFSET = 0xCBF29CE484222325
_FNV_PRIME = 0x100000001B3
_MASK64 = 0xFFFFFFFFFFFFFFFF


def canonical(v):
    """A text form of v that is the same on every Python for equal answers.

    Dicts and sets are written in sorted order (set order depends on str
    hashing, which is randomized); floats by repr (shortest round-trip).
    """
    if v is None or v is True or v is False or isinstance(v, (int, str, bytes, float)):
        return repr(v)
    if isinstance(v, tuple):
        return "(" + ",".join(canonical(x) for x in v) + ("," if len(v) == 1 else "") + ")"
    if isinstance(v, list):
        return "[" + ",".join(canonical(x) for x in v) + "]"
    if isinstance(v, dict):
        items = sorted((canonical(k), canonical(x)) for k, x in v.items())
        return "{" + ",".join(k + ":" + x for k, x in items) + "}"
    if isinstance(v, (set, frozenset)):
        return type(v).__name__ + "{" + ",".join(sorted(canonical(x) for x in v)) + "}"
    return type(v).__name__ + ":" + repr(v)


def fnv1a64(text):
    h = _FNV_OFFSET
    for b in text.encode("utf-8", "surrogatepass"):
        h = ((h ^ b) * _FNV_PRIME) & _MASK64
    return h


def digest(answer):
    text = canonical(answer)
    return "fnv1a64:%016x" % fnv1a64(text), text


# ------------------------------------------------------------ interpreter


def interpreter_info():
    impl = sys.implementation
    name = getattr(impl, "name", impl)
    vi = sys.version_info
    version = "%d.%d.%d" % (vi[0], vi[1], vi[2])
    is_gil = getattr(sys, "_is_gil_enabled", None)
    gil_enabled = bool(is_gil()) if is_gil is not None else True
    if name == "gilgamesh":
        build = "gilgamesh"
        free_threaded = None
        label = "gilgamesh %s" % ("gil" if gil_enabled else "nogil")
    else:
        free_threaded = False
        try:
            import sysconfig
            free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
        except ImportError:
            pass
        build = "free-threaded" if free_threaded else "default"
        label = "%s %s%s" % ("CPython" if name == "cpython" else name, version,
                             "t" if free_threaded else "")
        if free_threaded and gil_enabled:
            label += " (GIL enabled)"
    try:
        import workload_support
        api = workload_support.subinterp_api()
    except ImportError:
        api = None
    return {
        "implementation": name,
        "version": version,
        "version_string": sys.version.replace("\n", " "),
        "build": build,
        "free_threaded_build": free_threaded,
        "gil_enabled": gil_enabled,
        "switch_interval_s": sys.getswitchinterval() if hasattr(sys, "getswitchinterval") else None,
        "subinterpreters": api[0] if api else None,
        "executable": getattr(sys, "executable", None),
        "label": label,
    }


# ---------------------------------------------------------------- threads


def run_threads(mod, data, workers, timeout):
    """One run with OS threads sharing `data`. Returns (parts, timings)."""
    parts = [None] * workers
    errors = []
    go = threading.Event()

    def body(i):
        if not go.wait(timeout):
            errors.append(CellError("start", "TimeoutError", "no start signal", "", i))
            return
        try:
            parts[i] = mod.work(data, i, workers)
        except BaseException as exc:
            errors.append(_cell_error("work", exc, i))

    t0 = time.perf_counter()
    threads = [threading.Thread(target=body, args=(i,), daemon=True) for i in range(workers)]
    for t in threads:
        t.start()
    create_s = time.perf_counter() - t0
    cpu0 = time.process_time()
    t1 = time.perf_counter()
    go.set()
    deadline = t1 + timeout
    for t in threads:
        t.join(max(0.0, deadline - time.perf_counter()))
    work_s = time.perf_counter() - t1
    cpu_s = time.process_time() - cpu0
    alive = [i for i, t in enumerate(threads) if t.is_alive()]
    if alive:
        raise CellError("work", "TimeoutError",
                        "workers %s still running after %s s" % (alive, timeout), "", alive[0])
    if errors:
        errors.sort(key=lambda e: e.worker if e.worker is not None else -1)
        raise errors[0]
    return parts, {"create_s": create_s, "import_s": 0.0, "distribute_s": 0.0,
                   "work_s": work_s, "close_s": 0.0, "cpu_s": cpu_s}


# ---------------------------------------------------------- subinterpreters

WORKER_SCRIPT = """
import sys
for _p in reversed(paths):
    if _p not in sys.path:
        sys.path.insert(0, _p)
import compare_driver as _driver
_driver._worker_main(name, worker, workers, ctl, inbox, timeout)
"""


def _worker_main(name, worker, workers, ctl, inbox, timeout):
    """Body of one worker interpreter: import, receive data, wait, work, reply."""
    import workload_support as ws
    stage = "import"
    try:
        ws.set_model("subinterp", timeout)
        mod = _import_workload(name)
        ws.put(ctl, (worker, "ready", None))
        stage = "receive"
        msg = ws.get(inbox, timeout)
        if msg[0] != "data":
            return                                  # ("abort",): the main side failed
        data = msg[1]
        ws.put(ctl, (worker, "received", None))
        stage = "start"
        if ws.get(inbox, timeout)[0] != "go":
            return
        stage = "work"
        part = mod.work(data, worker, workers)
        stage = "send-part"
        ws.put(ctl, (worker, "part", part))
    except BaseException as exc:
        info = (stage, _type_name(exc), str(exc), _format_exc(exc))
        try:
            ws.put(ctl, (worker, "error", info))
        except BaseException:
            ws.put(ctl, (worker, "error", (stage, _type_name(exc), repr(str(exc)), "")))


def _exec_guard(interp, ctl, worker):
    """Thread body in the main interpreter: run the worker script, report a crash."""
    try:
        interp.exec(WORKER_SCRIPT)
    except BaseException as exc:
        import workload_support as ws
        try:
            ws.put(ctl, (worker, "error", ("exec", _type_name(exc), str(exc), _format_exc(exc))))
        except BaseException:
            pass


def _collect(ctl, kind, n, deadline, parts=None):
    import workload_support as ws
    seen = 0
    while seen < n:
        left = deadline - time.perf_counter()
        if left <= 0:
            stage = {"ready": "import", "received": "distribute", "part": "work"}[kind]
            raise CellError(stage, "TimeoutError",
                            "waited for %d '%s' messages, got %d" % (n, kind, seen), "")
        try:
            msg = ws.get(ctl, left)
        except TimeoutError:
            continue
        worker, what, payload = msg
        if what == "error":
            stage, tname, message, tb = payload
            raise CellError(stage, tname, message, tb, worker)
        if what != kind:
            raise CellError(kind, "RuntimeError",
                            "unexpected message %r from worker %r" % (what, worker), "", worker)
        if parts is not None:
            parts[worker] = payload
        seen += 1


def run_subinterp(api, name, paths, data, workers, timeout):
    """One run with one interpreter per worker, data sent over queues."""
    import workload_support as ws
    _api_name, create, create_queue, prelude, _blocking = api
    interps = []
    threads = []
    inboxes = []
    ok = False
    stage = "create"
    try:
        t0 = time.perf_counter()
        ctl = create_queue()
        inboxes = [create_queue() for _ in range(workers)]
        for i in range(workers):
            it = create()
            interps.append(it)
            if prelude:
                it.exec(prelude)
            it.prepare_main(ctl=ctl, inbox=inboxes[i], paths=tuple(paths), name=name,
                            worker=i, workers=workers, timeout=float(timeout))
        create_s = time.perf_counter() - t0

        stage = "import"
        t1 = time.perf_counter()
        deadline = t1 + timeout
        for i, it in enumerate(interps):
            t = threading.Thread(target=_exec_guard, args=(it, ctl, i), daemon=True)
            t.start()
            threads.append(t)
        _collect(ctl, "ready", workers, deadline)
        import_s = time.perf_counter() - t1

        stage = "distribute"
        t2 = time.perf_counter()
        for q in inboxes:
            ws.put(q, ("data", data))
        _collect(ctl, "received", workers, deadline)
        distribute_s = time.perf_counter() - t2

        stage = "work"
        parts = [None] * workers
        cpu0 = time.process_time()
        t3 = time.perf_counter()
        for q in inboxes:
            ws.put(q, ("go",))
        _collect(ctl, "part", workers, deadline, parts)
        work_s = time.perf_counter() - t3
        cpu_s = time.process_time() - cpu0
        ok = True
    except BaseException as exc:
        raise _cell_error(stage, exc)
    finally:
        t4 = time.perf_counter()
        if not ok:
            # Wake workers still waiting for data or the start signal.
            for q in inboxes:
                for _ in range(2):
                    try:
                        q.put_nowait(("abort",))
                    except BaseException:
                        pass
        hung = []
        for i, t in enumerate(threads):
            t.join(max(0.0, min(timeout, 10.0 if ok else 2.0)))
            if t.is_alive():
                hung.append(i)
        for i, it in enumerate(interps):
            if i not in hung:
                try:
                    it.close()
                except BaseException:
                    pass
        close_s = time.perf_counter() - t4
    return parts, {"create_s": create_s, "import_s": import_s, "distribute_s": distribute_s,
                   "work_s": work_s, "close_s": close_s, "cpu_s": cpu_s}


# ------------------------------------------------------------------ args


def parse_args(argv):
    opts = {"workload": None, "model": "threads", "workers": 1, "scale": 1,
            "repeat": 3, "warmup": 1, "timeout": 300.0, "describe": False}
    ints = {"--workers": "workers", "--repeat": "repeat", "--warmup": "warmup"}
    i = 0
    while i < len(argv):
        a = argv[i]
        val = None
        if a.startswith("--") and "=" in a:
            a, _, val = a.partition("=")
        if a in ("-h", "--help"):
            return None
        if a == "--describe":
            opts["describe"] = True
        elif a in ints or a in ("--model", "--scale", "--timeout"):
            if val is None:
                i += 1
                if i >= len(argv):
                    raise ValueError("%s needs a value" % a)
                val = argv[i]
            if a in ints:
                opts[ints[a]] = int(val)
            elif a == "--model":
                if val not in ("threads", "subinterp"):
                    raise ValueError("--model must be threads or subinterp, not %r" % val)
                opts["model"] = val
            elif a == "--scale":
                try:
                    opts["scale"] = int(val)
                except ValueError:
                    opts["scale"] = float(val)
            else:
                opts["timeout"] = float(val)
        elif a.startswith("-"):
            raise ValueError("unknown option %s" % a)
        elif opts["workload"] is None:
            opts["workload"] = a
        else:
            raise ValueError("more than one workload: %s" % a)
        i += 1
    if opts["workload"] is None:
        raise ValueError("no workload given")
    if opts["workers"] < 1 or opts["repeat"] < 1 or opts["warmup"] < 0:
        raise ValueError("--workers and --repeat must be >= 1, --warmup >= 0")
    if opts["timeout"] <= 0:
        raise ValueError("--timeout must be positive")
    return opts


# ------------------------------------------------------------------ main


def _emit(result, code):
    sys.stdout.write(_json(result) + "\n")
    sys.stdout.flush()
    sys.exit(code)


def _doc_line(mod):
    doc = getattr(mod, "__doc__", None) or ""
    doc = doc.strip()
    return doc.split("\n")[0].strip() if doc else ""


def main(argv):
    t_start = time.perf_counter()
    result = {"schema": SCHEMA, "schema_version": SCHEMA_VERSION,
              "driver": "bench/compare_driver.py", "status": "error"}
    try:
        opts = parse_args(argv)
    except ValueError as exc:
        sys.stderr.write("compare_driver: %s\n%s\n" % (exc, USAGE))
        result["status"] = "usage"
        result["error"] = {"stage": "args", "worker": None, "type": "UsageError",
                           "message": str(exc), "traceback": ""}
        _emit(result, EXIT_USAGE)
    if opts is None:
        sys.stdout.write(__doc__)
        sys.exit(EXIT_OK)

    folder, name, path = _resolve_workload(opts["workload"])
    paths = [folder, _driver_dir()]
    _add_paths(paths)
    import workload_support as ws

    model, workers = opts["model"], opts["workers"]
    result.update({
        "interpreter": interpreter_info(),
        "workload": {"name": name, "path": path, "category": None, "doc": None,
                     "has_check": None},
        "model": model, "workers": workers, "scale": opts["scale"],
        "repeat": opts["repeat"], "warmup": opts["warmup"], "timeout_s": opts["timeout"],
        "setup_s": None,
        "create_s": [], "import_s": [], "distribute_s": [], "work_s": [],
        "close_s": [], "combine_s": [], "cpu_s": [], "warmup_work_s": [],
        "answer": None, "answers_agree": None,
        "check": None, "check_s": None,
        "error": None, "wall_s": None,
    })

    def fail(err):
        result["status"] = "error"
        result["error"] = err.as_json()
        result["wall_s"] = time.perf_counter() - t_start
        _emit(result, EXIT_FAILED)

    try:
        mod = _import_workload(name)
    except BaseException as exc:
        fail(_cell_error("import", exc))
    result["workload"].update({
        "category": getattr(mod, "CATEGORY", None),
        "doc": _doc_line(mod),
        "has_check": callable(getattr(mod, "check", None)),
    })
    if opts["describe"]:
        result["status"] = "ok"
        _emit(result, EXIT_OK)

    api = None
    if model == "subinterp":
        api = ws.subinterp_api()
        if api is None:
            result["status"] = "unsupported"
            result["error"] = {"stage": "model", "worker": None, "type": "Unsupported",
                               "message": "this Python has neither concurrent.interpreters "
                                          "nor test.support.interpreters",
                               "traceback": ""}
            result["wall_s"] = time.perf_counter() - t_start
            _emit(result, EXIT_UNSUPPORTED)

    ws.set_model(model, opts["timeout"])
    try:
        t = time.perf_counter()
        data = mod.setup(opts["scale"])
        result["setup_s"] = time.perf_counter() - t
    except BaseException as exc:
        fail(_cell_error("setup", exc))

    first = None
    answer0 = None
    agree = True
    total = opts["warmup"] + opts["repeat"]
    for run in range(total):
        try:
            if model == "threads":
                parts, times = run_threads(mod, data, workers, opts["timeout"])
            else:
                parts, times = run_subinterp(api, name, paths, data, workers, opts["timeout"])
        except BaseException as exc:
            fail(_cell_error("run", exc))
        try:
            t = time.perf_counter()
            answer = mod.combine(parts)
            combine_s = time.perf_counter() - t
        except BaseException as exc:
            fail(_cell_error("combine", exc))
        dig, text = digest(answer)
        if first is None:
            first = dig
            answer0 = answer
            result["answer"] = {"digest": dig, "repr": text[:200], "repr_len": len(text),
                                "type": type(answer).__name__}
        elif dig != first:
            agree = False
            result.setdefault("answer_digests", []).append(dig)
        if run < opts["warmup"]:
            result["warmup_work_s"].append(times["work_s"])
            continue
        for key in ("create_s", "import_s", "distribute_s", "work_s", "close_s", "cpu_s"):
            result[key].append(times[key])
        result["combine_s"].append(combine_s)
    result["answers_agree"] = agree
    if hasattr(sys, "_is_gil_enabled"):
        result["gil_enabled_after"] = bool(sys._is_gil_enabled())

    check = getattr(mod, "check", None)
    if not callable(check):
        result["check"] = "absent"
    else:
        t = time.perf_counter()
        try:
            check(answer0, opts["scale"])
            result["check"] = "passed"
        except BaseException as exc:
            result["check"] = "failed"
            result["check_s"] = time.perf_counter() - t
            result["status"] = "check_failed"
            result["error"] = _cell_error("check", exc).as_json()
            result["wall_s"] = time.perf_counter() - t_start
            _emit(result, EXIT_FAILED)
        result["check_s"] = time.perf_counter() - t
    result["wall_s"] = time.perf_counter() - t_start
    if not agree:
        result["status"] = "mismatch"
        result["error"] = {"stage": "combine", "worker": None, "type": "AnswerMismatch",
                           "message": "runs of this cell gave different answers",
                           "traceback": ""}
        _emit(result, EXIT_FAILED)
    result["status"] = "ok"
    _emit(result, EXIT_OK)


if __name__ == "__main__":
    main(sys.argv[1:])
