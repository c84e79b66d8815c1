"""Helper (not a test): `interpreters`, the CPython 3.14 `concurrent.interpreters` API.

Test programs do ``from _interp_compat import interpreters`` and use only the
3.14 public API (PEP 734).  Code run *inside* a subinterpreter that needs the
module does ``from concurrent import interpreters``.

* CPython 3.14+ and gilgamesh: this is just ``concurrent.interpreters``.
* CPython 3.13 (used to record the expected outputs, see
  tests/record_expected.py): a pure-Python rebuild of the 3.14 module
  (Lib/concurrent/interpreters/__init__.py and _queues.py) over 3.13's private
  ``_interpreters`` and ``_interpqueues``, adjusted where 3.13's machinery
  behaves differently from 3.14's:

  - ``NotShareableError`` subclasses TypeError (3.13: ValueError), and
    ``prepare_main()`` refuses what 3.14's ``_PyObject_GetXIData(...,
    _PyXIDATA_XIDATA_ONLY)`` refuses, with 3.14's message
    ``"%R does not support cross-interpreter data"`` naming the top-level
    value (3.13 uses ``%S``, names the innermost failing item, and raises
    OverflowError for ints beyond the C ``ssize_t`` range);
  - ``exec(source)`` compiles the source in the caller first, so a
    SyntaxError is raised directly in the caller, as 3.14's
    ``_PyCode_GetScriptXIData`` does (3.13 reports it as ExecutionFailed);
  - ``call()`` takes arguments and returns the result (3.13: no arguments,
    result discarded): a stateless function crosses as its marshalled code
    and runs with the target's ``__main__`` as globals, any other callable,
    the arguments and the result cross by pickle, as 3.14 does;
  - ``Queue.put/get`` have 3.14's signatures (``block``, ``timeout``,
    ``unbounditems``) and every item is pickled (3.14 shares shareable
    values and pickles the rest; the received values compare equal either
    way); an item that cannot be pickled raises NotShareableError;
  - every interpreter made by ``create()`` first loads this module (so
    queues passed in cross as this module's ``Queue``) and gets it as
    ``concurrent.interpreters``; only module bookkeeping changes in it,
    never its ``__main__``;
  - 3.14's submodules ``concurrent.interpreters._queues`` (``UNBOUND``,
    ``UNBOUND_ERROR``, ``UNBOUND_REMOVE``, ``ItemInterpreterDestroyed``,
    ``QueueError`` and the rest of its ``__all__``) and ``_crossinterp``
    are namespaces with those names, reachable as ``interpreters._queues``
    and, inside created interpreters, by import; the unbound-item rules
    themselves are 3.13's ``_interpqueues`` (the same flags as 3.14's).

Behaviour that differs between 3.13's machinery and 3.14 beyond this (the
file name in a remote traceback, ``__main__`` functions pickled by reference,
stateless functions sent through queues) is not emulated: the tests do not
print it.
"""

try:
    from concurrent import interpreters  # CPython 3.14+, gilgamesh
except ImportError:
    import marshal
    import os
    import pickle
    import queue as _stdqueue
    import threading
    import time
    import types
    import weakref

    import _interpreters
    import _interpqueues as _queues

    from _interpreters import InterpreterError, InterpreterNotFoundError
    from _interpqueues import QueueError, QueueNotFoundError

    _PICKLED = 1          # 3.13 queue item format: pickled bytes
    _SHARED_ONLY = 0      # 3.13 queue item format: the shareable object itself
    _SSIZE_MIN = -(1 << 63)
    _SSIZE_MAX = (1 << 63) - 1
    _THIS_FILE = os.path.abspath(__file__)

    # ------------------------------------------------------------ exceptions

    class NotShareableError(TypeError):
        """An object could not be shared between interpreters (3.14: TypeError)."""

    NotShareableError.__module__ = 'concurrent.interpreters'

    _EXEC_FAILURE_STR = """
{superstr}

Uncaught in the interpreter:

{formatted}
""".strip()

    class ExecutionFailed(InterpreterError):
        """An unhandled exception happened during execution.

        This is raised from Interpreter.exec() and Interpreter.call().
        """

        def __init__(self, excinfo):
            msg = excinfo.formatted
            if not msg:
                if excinfo.type and excinfo.msg:
                    msg = f'{excinfo.type.__name__}: {excinfo.msg}'
                else:
                    msg = excinfo.type.__name__ or excinfo.msg
            super().__init__(msg)
            self.excinfo = excinfo

        def __str__(self):
            try:
                formatted = self.excinfo.errdisplay
            except Exception:
                return super().__str__()
            else:
                return _EXEC_FAILURE_STR.format(
                    superstr=super().__str__(),
                    formatted=formatted,
                )

    def _not_shareable(obj):
        return NotShareableError(f'{obj!r} does not support cross-interpreter data')

    # ------------------------------------------------ 3.14 cross-interpreter data

    def _xi_exact(obj):
        """3.14 _PyObject_GetXIData(obj, _PyXIDATA_XIDATA_ONLY): raise if refused."""
        tp = type(obj)
        if obj is None or tp in (bool, float, str, bytes, memoryview, Queue):
            return
        if tp is int:
            if not _SSIZE_MIN <= obj <= _SSIZE_MAX:
                raise _not_shareable(obj) from OverflowError('try sending as bytes')
            return
        if tp is tuple:
            for item in obj:
                try:
                    _xi_exact(item)
                except NotShareableError as exc:
                    raise _not_shareable(obj) from exc
            return
        raise _not_shareable(obj)

    def is_shareable(obj):
        """3.14 _PyObject_CheckXIData(): registry lookup by exact type."""
        return obj is None or type(obj) in (
            bool, int, float, str, bytes, tuple, memoryview, Queue)

    def _dumps(obj):
        """Pickle obj, raising NotShareableError as 3.14's full fallback does."""
        try:
            return pickle.dumps(obj)
        except Exception as exc:
            raise _not_shareable(obj) from exc

    def _is_stateless(func):
        """Approximates 3.14 _PyFunction_VerifyStateless()."""
        if not isinstance(func, types.FunctionType):
            return False
        if func.__defaults__ or func.__kwdefaults__ or func.__closure__:
            return False
        import builtins
        import dis

        def names(code):
            for ins in dis.get_instructions(code):
                if ins.opname in ('LOAD_GLOBAL', 'STORE_GLOBAL', 'DELETE_GLOBAL',
                                  'LOAD_NAME', 'STORE_NAME', 'DELETE_NAME'):
                    yield ins.argval
            for const in code.co_consts:
                if isinstance(const, types.CodeType):
                    yield from names(const)

        code = func.__code__
        if code.co_freevars or code.co_cellvars:
            return False
        for name in names(code):
            if name in func.__globals__ or not hasattr(builtins, name):
                return False
        return True

    # ----------------------------------------------------------- interpreters

    _BOOTSTRAP = '''if True:
        exec(compile(%r, '<interp_compat bootstrap>', 'exec'), {'__builtins__': __builtins__})
    '''
    _BOOTSTRAP_BODY = '''if True:
        import sys, importlib.util
        path = %r
        if '_interp_compat' not in sys.modules:
            spec = importlib.util.spec_from_file_location('_interp_compat', path)
            mod = importlib.util.module_from_spec(spec)
            sys.modules['_interp_compat'] = mod
            spec.loader.exec_module(mod)
        import concurrent
        mod = sys.modules['_interp_compat'].interpreters
        sys.modules['concurrent.interpreters'] = mod
        sys.modules['concurrent.interpreters._queues'] = mod._queues
        sys.modules['concurrent.interpreters._crossinterp'] = mod._crossinterp
        concurrent.interpreters = mod
    '''

    def _bootstrap(interpid):
        body = _BOOTSTRAP_BODY % (_THIS_FILE,)
        excinfo = _interpreters.exec(interpid, _BOOTSTRAP % (body,), restrict=True)
        if excinfo is not None:
            raise ExecutionFailed(excinfo)

    def create():
        """Return a new (idle) Python interpreter."""
        id = _interpreters.create(reqrefs=True)
        interp = Interpreter(id, _ownsref=True)
        _bootstrap(id)
        return interp

    def list_all():
        """Return all existing interpreters."""
        return [Interpreter(id, _whence=whence)
                for id, whence in _interpreters.list_all(require_ready=True)]

    def get_current():
        """Return the currently running interpreter."""
        id, whence = _interpreters.get_current()
        return Interpreter(id, _whence=whence)

    def get_main():
        """Return the main interpreter."""
        id, whence = _interpreters.get_main()
        assert whence == _interpreters.WHENCE_RUNTIME, repr(whence)
        return Interpreter(id, _whence=whence)

    _known = weakref.WeakValueDictionary()

    class Interpreter:
        """A single Python interpreter."""

        _WHENCE_TO_STR = {
            _interpreters.WHENCE_UNKNOWN: 'unknown',
            _interpreters.WHENCE_RUNTIME: 'runtime init',
            _interpreters.WHENCE_LEGACY_CAPI: 'legacy C-API',
            _interpreters.WHENCE_CAPI: 'C-API',
            _interpreters.WHENCE_XI: 'cross-interpreter C-API',
            _interpreters.WHENCE_STDLIB: '_interpreters module',
        }

        def __new__(cls, id, /, _whence=None, _ownsref=None):
            # There is only one instance for any given ID.
            if not isinstance(id, int):
                raise TypeError(f'id must be an int, got {id!r}')
            id = int(id)
            if _whence is None:
                if _ownsref:
                    _whence = _interpreters.WHENCE_STDLIB
                else:
                    _whence = _interpreters.whence(id)
            assert _whence in cls._WHENCE_TO_STR, repr(_whence)
            if _ownsref is None:
                _ownsref = (_whence == _interpreters.WHENCE_STDLIB)
            try:
                self = _known[id]
                assert hasattr(self, '_ownsref')
            except KeyError:
                self = super().__new__(cls)
                _known[id] = self
                self._id = id
                self._whence = _whence
                self._ownsref = _ownsref
                if _ownsref:
                    # This may raise InterpreterNotFoundError:
                    _interpreters.incref(id)
            return self

        def __repr__(self):
            return f'{type(self).__name__}({self.id})'

        def __hash__(self):
            return hash(self._id)

        def __del__(self):
            self._decref()

        # for pickling:
        def __reduce__(self):
            return (type(self), (self._id,))

        def _decref(self):
            if not self._ownsref:
                return
            self._ownsref = False
            try:
                _interpreters.decref(self._id)
            except InterpreterNotFoundError:
                pass

        @property
        def id(self):
            return self._id

        @property
        def whence(self):
            return self._WHENCE_TO_STR[self._whence]

        def is_running(self):
            """Return whether or not the identified interpreter is running."""
            return _interpreters.is_running(self._id)

        def close(self):
            """Finalize and destroy the interpreter."""
            return _interpreters.destroy(self._id, restrict=True)

        def prepare_main(self, ns=None, /, **kwargs):
            """Bind the given values into the interpreter's __main__."""
            ns = dict(ns, **kwargs) if ns is not None else kwargs
            _interpreters.is_running(self._id)  # InterpreterNotFoundError first
            for value in ns.values():
                _xi_exact(value)
            try:
                _interpreters.set___main___attrs(self._id, ns, restrict=True)
            except _interpreters.NotShareableError as exc:
                raise NotShareableError(*exc.args) from None

        def exec(self, code, /):
            """Run the given source code in the interpreter."""
            _interpreters.is_running(self._id)  # InterpreterNotFoundError first
            if isinstance(code, str):
                # 3.14 compiles the script in the calling interpreter.
                compile(code, '<script>', 'exec', dont_inherit=True)
            elif not isinstance(code, (types.FunctionType, types.CodeType)):
                raise TypeError(f'unsupported script {code!r}')
            excinfo = _interpreters.exec(self._id, code, restrict=True)
            if excinfo is not None:
                raise ExecutionFailed(excinfo)

        def _call(self, callable, args, kwargs):
            res, excinfo = _call(self._id, callable, args, kwargs)
            if excinfo is not None:
                raise ExecutionFailed(excinfo)
            return res

        def call(self, callable, /, *args, **kwargs):
            """Call the object in the interpreter with given args/kwargs."""
            return self._call(callable, args, kwargs)

        def call_in_thread(self, callable, /, *args, **kwargs):
            """Return a new thread that calls the object in the interpreter."""
            t = threading.Thread(target=self._call, args=(callable, args, kwargs))
            t.start()
            return t

    def _call(interpid, func, args, kwargs):
        """3.14 _interpreters.call(id, func, args, kwargs, restrict=True)."""
        _interpreters.is_running(interpid)  # InterpreterNotFoundError first
        if not callable(func):
            raise TypeError(f'expected a callable, got {func!r}')
        if _is_stateless(func):
            packed = ('code', marshal.dumps(func.__code__))
        else:
            try:
                packed = ('pickle', pickle.dumps(func))
            except Exception as exc:
                if isinstance(func, types.FunctionType):
                    err = NotShareableError('only stateless functions are shareable')
                else:
                    err = NotShareableError(f'expected a function, got {func!r}')
                raise err from exc
        argbytes = _dumps(args) if args else None
        kwbytes = _dumps(kwargs) if kwargs else None
        payload = pickle.dumps(packed + (argbytes, kwbytes))
        qid = _queues.create(1, _SHARED_ONLY, 3)
        try:
            script = f'__import__("_interp_compat")._run_call({payload!r}, {qid})'
            excinfo = _interpreters.exec(interpid, script, restrict=True)
            if excinfo is not None:
                return None, excinfo
            data, _fmt, _unbound = _queues.get(qid)
        finally:
            _queues.destroy(qid)
        ok, value = pickle.loads(data)
        if not ok:
            raise NotShareableError(f'{value} does not support cross-interpreter data')
        return pickle.loads(value), None

    def _run_call(payload, qid):
        """The target side of _call()."""
        kind, fbytes, argbytes, kwbytes = pickle.loads(payload)
        if kind == 'code':
            import __main__
            func = types.FunctionType(marshal.loads(fbytes), vars(__main__))
        else:
            func = pickle.loads(fbytes)
        args = pickle.loads(argbytes) if argbytes is not None else ()
        kwargs = pickle.loads(kwbytes) if kwbytes is not None else {}
        res = func(*args, **kwargs)
        try:
            data = (True, pickle.dumps(res))
        except Exception:
            data = (False, repr(res))
        _queues.put(qid, pickle.dumps(data), _SHARED_ONLY, 3)

    # ---------------------------------------------------------------- queues

    class QueueEmpty(QueueError, _stdqueue.Empty):
        """Raised from get_nowait() when the queue is empty.

        It is also raised from get() if it times out.
        """

    class QueueFull(QueueError, _stdqueue.Full):
        """Raised from put_nowait() when the queue is full.

        It is also raised from put() if it times out.
        """

    # 3.14 keeps these in concurrent.interpreters._crossinterp (the base
    # exception, the generic sentinel and the rules) and _queues (the
    # queue's own exception and sentinel); see the modules built below.

    class _XIItemInterpreterDestroyed(Exception):
        """The interpreter that put an item was destroyed before it was taken."""

    _XIItemInterpreterDestroyed.__name__ = 'ItemInterpreterDestroyed'
    _XIItemInterpreterDestroyed.__qualname__ = 'ItemInterpreterDestroyed'
    _XIItemInterpreterDestroyed.__module__ = 'concurrent.interpreters._crossinterp'

    class ItemInterpreterDestroyed(QueueError, _XIItemInterpreterDestroyed):
        """Raised from get() and get_nowait()."""

    ItemInterpreterDestroyed.__module__ = 'concurrent.interpreters._queues'

    class _UnboundItem:
        """The stand-in for an item whose interpreter was destroyed."""
        __slots__ = ()
        _MODULE = 'concurrent.interpreters._crossinterp'
        _NAME = 'UNBOUND'

        def __new__(cls):
            raise Exception(f'use {cls._MODULE}.{cls._NAME}')

        def __repr__(self):
            return f'{self._MODULE}.{self._NAME}'

    _UnboundItem.__name__ = _UnboundItem.__qualname__ = 'UnboundItem'
    _UnboundItem.__module__ = 'concurrent.interpreters._crossinterp'

    # 3.14: UnboundItem.singleton('queue', 'concurrent.interpreters._queues')
    _UnboundQueueItem = type('UnboundQueueItem', (_UnboundItem,), dict(
        _MODULE='concurrent.interpreters._queues', _NAME='UNBOUND',
        __module__='concurrent.interpreters._crossinterp'))

    _XI_UNBOUND = object.__new__(_UnboundItem)
    UNBOUND = object.__new__(_UnboundQueueItem)
    UNBOUND_ERROR = object()
    UNBOUND_REMOVE = object()
    _UNBOUND_TO_FLAG = {UNBOUND_REMOVE: 1, UNBOUND_ERROR: 2, _XI_UNBOUND: 3}

    def _serialize_unbound(unbound):
        if unbound is UNBOUND:
            unbound = _XI_UNBOUND
        try:
            return _UNBOUND_TO_FLAG[unbound]
        except KeyError:
            raise NotImplementedError(f'unsupported unbound replacement op {unbound!r}')

    def _resolve_unbound(flag):
        if flag == 2:
            raise ItemInterpreterDestroyed("item's original interpreter destroyed")
        if flag == 3:
            return UNBOUND
        if flag == 1:
            raise NotImplementedError
        raise NotImplementedError(f'unsupported unbound replacement op {flag!r}')

    def create_queue(maxsize=0, *, unbounditems=UNBOUND):
        """Return a new cross-interpreter queue."""
        unboundop = _serialize_unbound(unbounditems)
        qid = _queues.create(maxsize, _PICKLED, unboundop)
        self = Queue(qid)
        self._unbound = unboundop
        self._unbounditems = unbounditems
        return self

    def _list_all_queues():
        """3.14 concurrent.interpreters._queues.list_all()."""
        return [Queue(qid) for qid, *_ in _queues.list_all()]

    _known_queues = weakref.WeakValueDictionary()

    class Queue:
        """A cross-interpreter queue."""

        def __new__(cls, id, /):
            # There is only one instance for any given ID.
            if isinstance(id, int):
                id = int(id)
            else:
                raise TypeError(f'id must be an int, got {id!r}')
            try:
                self = _known_queues[id]
            except KeyError:
                self = super().__new__(cls)
                self._id = id
                _known_queues[id] = self
                _queues.bind(id)
            return self

        def __del__(self):
            try:
                _queues.release(self._id)
            except QueueNotFoundError:
                pass
            try:
                del _known_queues[self._id]
            except KeyError:
                pass

        def __repr__(self):
            return f'{type(self).__name__}({self.id})'

        def __hash__(self):
            return hash(self._id)

        # for pickling:
        def __reduce__(self):
            return (type(self), (self._id,))

        def _unboundop(self, unbounditems):
            if unbounditems is not None:
                return _serialize_unbound(unbounditems)
            try:
                return self._unbound
            except AttributeError:
                _fmt, self._unbound = _queues.get_queue_defaults(self._id)
                return self._unbound

        @property
        def id(self):
            return self._id

        @property
        def unbounditems(self):
            """3.14: the queue's default for put(); resolved from its flag
            when this interpreter did not create the queue."""
            try:
                return self._unbounditems
            except AttributeError:
                self._unbounditems = _resolve_unbound(self._unboundop(None))
                return self._unbounditems

        @property
        def maxsize(self):
            try:
                return self._maxsize
            except AttributeError:
                self._maxsize = _queues.get_maxsize(self._id)
                return self._maxsize

        def empty(self):
            return self.qsize() == 0

        def full(self):
            return _queues.is_full(self._id)

        def qsize(self):
            return _queues.get_count(self._id)

        def put(self, obj, block=True, timeout=None, *,
                unbounditems=None,
                _delay=10 / 1000,  # 10 milliseconds
                ):
            """Add the object to the queue."""
            if not block:
                return self.put_nowait(obj, unbounditems=unbounditems)
            unboundop = self._unboundop(unbounditems)
            if timeout is not None:
                timeout = int(timeout)
                if timeout < 0:
                    raise ValueError(f'timeout value must be non-negative')
                end = time.time() + timeout
            data = _dumps(obj)
            while True:
                try:
                    _queues.put(self._id, data, _PICKLED, unboundop)
                except QueueFull:
                    if timeout is not None and time.time() >= end:
                        raise  # re-raise
                    time.sleep(_delay)
                else:
                    break

        def put_nowait(self, obj, *, unbounditems=None):
            unboundop = self._unboundop(unbounditems)
            _queues.put(self._id, _dumps(obj), _PICKLED, unboundop)

        def get(self, block=True, timeout=None, *,
                _delay=10 / 1000,  # 10 milliseconds
                ):
            """Return the next object from the queue."""
            if not block:
                return self.get_nowait()
            if timeout is not None:
                timeout = int(timeout)
                if timeout < 0:
                    raise ValueError(f'timeout value must be non-negative')
                end = time.time() + timeout
            while True:
                try:
                    obj, fmt, unboundop = _queues.get(self._id)
                except QueueEmpty:
                    if timeout is not None and time.time() >= end:
                        raise  # re-raise
                    time.sleep(_delay)
                else:
                    break
            return self._unpack(obj, fmt, unboundop)

        def get_nowait(self):
            """Return the next object from the queue, or raise QueueEmpty."""
            obj, fmt, unboundop = _queues.get(self._id)
            return self._unpack(obj, fmt, unboundop)

        @staticmethod
        def _unpack(obj, fmt, unboundop):
            if unboundop is not None:
                assert obj is None, repr(obj)
                return _resolve_unbound(unboundop)
            if fmt == _PICKLED:
                return pickle.loads(obj)
            return obj

    _queues._register_heap_types(Queue, QueueEmpty, QueueFull)

    # ------------------------------------------------------------ the module

    interpreters = types.ModuleType('concurrent.interpreters', __doc__)
    for _name in [
        'get_current', 'get_main', 'create', 'list_all', 'is_shareable',
        'Interpreter',
        'InterpreterError', 'InterpreterNotFoundError', 'ExecutionFailed',
        'NotShareableError',
        'create_queue', 'Queue', 'QueueEmpty', 'QueueFull',
    ]:
        setattr(interpreters, _name, globals()[_name])
    interpreters.__all__ = [
        'get_current', 'get_main', 'create', 'list_all', 'is_shareable',
        'Interpreter',
        'InterpreterError', 'InterpreterNotFoundError', 'ExecutionFailed',
        'NotShareableError',
        'create_queue', 'Queue', 'QueueEmpty', 'QueueFull',
    ]

    # 3.14's submodules concurrent.interpreters._crossinterp and _queues,
    # with the names they define (their private helpers aside).
    _crossinterp = types.ModuleType('concurrent.interpreters._crossinterp')
    _crossinterp.ItemInterpreterDestroyed = _XIItemInterpreterDestroyed
    _crossinterp.UnboundItem = _UnboundItem
    _crossinterp.UNBOUND = _XI_UNBOUND
    _crossinterp.UNBOUND_ERROR = UNBOUND_ERROR
    _crossinterp.UNBOUND_REMOVE = UNBOUND_REMOVE
    interpreters._crossinterp = _crossinterp

    _queues_module = types.ModuleType('concurrent.interpreters._queues')
    for _name, _value in [
        ('UNBOUND', UNBOUND), ('UNBOUND_ERROR', UNBOUND_ERROR),
        ('UNBOUND_REMOVE', UNBOUND_REMOVE),
        ('create', create_queue), ('list_all', _list_all_queues),
        ('Queue', Queue),
        ('QueueError', QueueError), ('QueueNotFoundError', QueueNotFoundError),
        ('QueueEmpty', QueueEmpty), ('QueueFull', QueueFull),
        ('ItemInterpreterDestroyed', ItemInterpreterDestroyed),
    ]:
        setattr(_queues_module, _name, _value)
    _queues_module.__all__ = [
        'UNBOUND', 'UNBOUND_ERROR', 'UNBOUND_REMOVE',
        'create', 'list_all',
        'Queue',
        'QueueError', 'QueueNotFoundError', 'QueueEmpty', 'QueueFull',
        'ItemInterpreterDestroyed',
    ]
    interpreters._queues = _queues_module
    del _name, _value
