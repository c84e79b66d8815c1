"""Support module for workloads: queues and the model, chosen by the driver.

A workload (see docs/workloads.md) is written once and runs under every
concurrency model.  Most workloads need nothing from here.  Those that pass
items between workers (pipelines, message exchanges) need a queue that works
in the model the driver picked, and those that update shared state need to
know whether the workers share one heap.  The driver calls ``set_model()``
in the main interpreter before ``setup()``, and in every worker interpreter
before ``work()``; the workload then calls:

- ``make_queue(maxsize=0)``: a ``queue.Queue`` under threads; a
  cross-interpreter queue under subinterpreters (``concurrent.interpreters``
  on gilgamesh and CPython 3.14+, ``test.support.interpreters.queues`` on
  CPython 3.13).  Call it in ``setup()`` (never at import time: the model is
  not chosen yet) and put the queue in ``data``.
- ``put(q, item)`` and ``get(q)``: a put and a blocking get that work on all
  three kinds of queue and never hang: ``get`` raises ``TimeoutError`` after
  ``TIMEOUT`` seconds (the driver sets it from its ``--timeout``).  On CPython
  3.13/3.14 the library's blocking ``get`` polls every 10 ms; ``get`` here
  spins briefly, then polls from every 50 microseconds backing off to every
  1 ms, so a message exchange measures the queue and not the library's
  sleep.
- ``shared_memory()``: True when the workers share one heap (threads), False
  when each worker has its own copy of ``data`` and of module globals
  (subinterpreters).  Use it only to decide whether a cross-worker check is
  meaningful, never to change the answer.
- ``model()``: ``"threads"``, ``"subinterp"``, or ``None`` (not run by a
  driver: behaves as threads).

This file must import on gilgamesh (no os, json, pickle or importlib) and on
CPython 3.11 to 3.14, with or without subinterpreter support.
"""

import queue as _stdqueue
import sys
import time

_MODEL = None
TIMEOUT = 300.0
_API = None          # (api name, create interpreter, create queue, prelude, blocking get)


def set_model(model, timeout=None):
    """Called by the driver: "threads" or "subinterp"."""
    global _MODEL, TIMEOUT
    if model not in ("threads", "subinterp"):
        raise ValueError("unknown model %r" % (model,))
    _MODEL = model
    if timeout is not None:
        TIMEOUT = float(timeout)


def model():
    return _MODEL


def shared_memory():
    """True when every worker sees the same heap (threads, or no driver)."""
    return _MODEL != "subinterp"


def _is_gilgamesh():
    impl = sys.implementation
    return getattr(impl, "name", impl) == "gilgamesh"


def subinterp_api():
    """Return (name, create, create_queue, prelude, blocking_get) or None.

    ``prelude`` is source that a new interpreter must run before a queue can
    be bound into it; ``blocking_get`` says whether ``Queue.get`` blocks
    without polling (gilgamesh) or polls every 10 ms (CPython).
    """
    global _API
    if _API is not None:
        return _API or None
    try:
        from concurrent import interpreters as ci
        _API = ("concurrent.interpreters", ci.create, ci.create_queue, "",
                _is_gilgamesh())
        return _API
    except ImportError:
        pass
    try:
        import test.support.interpreters as ti
        import test.support.interpreters.queues as tq
        _API = ("test.support.interpreters", ti.create, tq.create,
                "import test.support.interpreters.queues\n", False)
        return _API
    except ImportError:
        pass
    _API = ()
    return None


def make_queue(maxsize=0):
    """A queue for the current model (see the module docstring)."""
    if _MODEL == "subinterp":
        api = subinterp_api()
        if api is None:
            raise RuntimeError("no subinterpreter support in this Python")
        return api[2](maxsize)
    return _stdqueue.Queue(maxsize)


def put(q, item):
    """Put item, blocking while the queue is full (at most TIMEOUT seconds)."""
    if isinstance(q, _stdqueue.Queue):
        try:
            q.put(item, True, TIMEOUT)
        except _stdqueue.Full:
            raise TimeoutError("queue put timed out after %s s" % TIMEOUT)
        return
    api = subinterp_api()
    if api is not None and api[4]:
        try:
            q.put(item, True, TIMEOUT)
        except _stdqueue.Full:
            raise TimeoutError("queue put timed out after %s s" % TIMEOUT)
        return
    # CPython 3.13/3.14: put_nowait, polling while full.
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            q.put_nowait(item)
            return
        except _stdqueue.Full:
            if time.monotonic() > deadline:
                raise TimeoutError("queue put timed out after %s s" % TIMEOUT)
            time.sleep(0.00005)


def get(q, timeout=None):
    """Blocking get that raises TimeoutError after `timeout` (default TIMEOUT)."""
    if timeout is None:
        timeout = TIMEOUT
    if isinstance(q, _stdqueue.Queue):
        try:
            return q.get(True, timeout)
        except _stdqueue.Empty:
            raise TimeoutError("queue get timed out after %s s" % timeout)
    api = subinterp_api()
    if api is not None and api[4]:
        try:
            return q.get(True, timeout)
        except _stdqueue.Empty:
            raise TimeoutError("queue get timed out after %s s" % timeout)
    # CPython: poll.  A few sleep(0) spins (an item is often just being
    # put), then sleeps from 50 us doubling up to 1 ms, so a long wait (the
    # main interpreter waiting for parts) costs little CPU and a short one
    # little latency.
    deadline = time.monotonic() + timeout
    spins = 0
    delay = 0.00005
    while True:
        try:
            return q.get_nowait()
        except _stdqueue.Empty:
            if time.monotonic() > deadline:
                raise TimeoutError("queue get timed out after %s s" % timeout)
            spins += 1
            if spins < 20:
                time.sleep(0)
            else:
                time.sleep(delay)
                delay = min(delay * 2, 0.001)
