"""Subinterpreters High Level Module (PEP 734), as CPython 3.14's
concurrent.interpreters, over gilgamesh's native _interpreters and
_interpqueues modules."""

import _interpreters
import weakref as _weakref
import threading as _threading

from ._queues import (
    Queue,
    QueueEmpty,
    QueueFull,
)
from ._queues import (
    create as create_queue,
)

__all__ = [
    'get_current', 'get_main', 'create', 'list_all', 'is_shareable',
    'Interpreter',
    'InterpreterError', 'InterpreterNotFoundError', 'ExecutionFailed',
    'NotShareableError',
    'create_queue', 'Queue', 'QueueEmpty', 'QueueFull',
]


class InterpreterError(Exception):
    """A cross-interpreter operation failed."""


class InterpreterNotFoundError(InterpreterError):
    """An interpreter was not found."""


class NotShareableError(TypeError):
    """The object cannot be shared with another interpreter."""


_SSIZE_MIN = -(1 << 63)
_SSIZE_MAX = (1 << 63) - 1


def _not_shareable(obj):
    return NotShareableError(f'{obj!r} does not support cross-interpreter data')


def _check_shareable(obj):
    """What prepare_main() accepts (3.14's cross-interpreter data without
    the pickle fallback): None, bool, int within 64 bits, float, str, bytes,
    queues, and tuples of these."""
    tp = type(obj)
    if obj is None or tp in (bool, float, str, bytes, Queue):
        return
    if tp is int:
        if not _SSIZE_MIN <= obj <= _SSIZE_MAX:
            raise _not_shareable(obj)
        return
    if tp is tuple:
        for item in obj:
            try:
                _check_shareable(item)
            except NotShareableError:
                raise _not_shareable(obj) from None
        return
    raise _not_shareable(obj)


class _ExcType:
    def __init__(self, name, qualname, module):
        self.__name__ = name
        self.__qualname__ = qualname
        self.__module__ = module

    def __repr__(self):
        return f'<type {self.__qualname__!r}>'


class _ExcInfo:
    def __init__(self, snapshot):
        name, qualname, module, msg, formatted, errdisplay = snapshot
        self.type = _ExcType(name, qualname, module)
        self.msg = msg
        self.formatted = formatted
        self.errdisplay = errdisplay

    def __repr__(self):
        return (f'ExcInfo(type={self.type!r}, msg={self.msg!r}, '
                f'formatted={self.formatted!r})')


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
        formatted = self.excinfo.errdisplay
        if not formatted:
            return super().__str__()
        return (f'{super().__str__()}\n\nUncaught in the interpreter:\n\n'
                f'{formatted}')


def create():
    """Return a new (idle) Python interpreter."""
    interp = Interpreter(_interpreters.create())
    # The object made here owns the interpreter: it is destroyed when the
    # object dies (CPython's Interpreter.__del__ drops its reference).
    interp._ownsref = True
    return interp


def list_all():
    """Return all existing interpreters."""
    return [Interpreter(id) for id in _interpreters.list_all()]


def get_current():
    """Return the currently running interpreter."""
    return Interpreter(_interpreters.get_current())


def get_main():
    """Return the main interpreter."""
    return Interpreter(0)


def is_shareable(obj):
    """Return True if the object's data may be shared between interpreters
    (by its exact type, as CPython 3.14)."""
    return obj is None or type(obj) in (bool, int, float, str, bytes, tuple, Queue)


# The Interpreter objects alive, by id: weakly, so that dropping the last
# reference to one made by create() destroys its interpreter (__del__).
_known = _weakref.WeakValueDictionary()

_WHENCE_MAIN = 'runtime init'
_WHENCE_CREATED = '_interpreters module'


class Interpreter:
    """A single Python interpreter."""

    def __new__(cls, id, /):
        if not isinstance(id, int):
            raise TypeError(f'id must be an int, got {id!r}')
        id = int(id)
        self = _known.get(id)
        if self is None:
            if not _interpreters.exists(id):
                raise InterpreterNotFoundError(f'unrecognized interpreter ID {id}')
            self = super().__new__(cls)
            self._id = id
            self._ownsref = False
            _known[id] = self
        return self

    def __del__(self):
        if self._ownsref:
            self._ownsref = False
            try:
                _interpreters.destroy(self._id)
            except InterpreterError:
                # Already closed, or still running code: it stays.
                pass

    def __repr__(self):
        return f'{type(self).__name__}({self._id})'

    def __hash__(self):
        return hash(self._id)

    def __reduce__(self):
        return (type(self), (self._id,))

    @property
    def id(self):
        return self._id

    @property
    def whence(self):
        return _WHENCE_MAIN if self._id == 0 else _WHENCE_CREATED

    def is_running(self):
        """Return whether or not the identified interpreter is running."""
        return _interpreters.is_running(self._id)

    def close(self):
        """Finalize and destroy the interpreter.

        Attempting to destroy the current interpreter results
        in an InterpreterError.
        """
        _interpreters.destroy(self._id)
        self._ownsref = False
        _known.pop(self._id, None)

    def prepare_main(self, ns=None, /, **kwargs):
        """Bind the given values into the interpreter's __main__.

        The values must be shareable.
        """
        ns = dict(ns, **kwargs) if ns is not None else kwargs
        _interpreters.is_running(self._id)  # InterpreterNotFoundError first
        for value in ns.values():
            _check_shareable(value)
        _interpreters.set___main___attrs(self._id, ns)

    def exec(self, code, /):
        """Run the given source code in the interpreter.

        This is essentially the same as calling the builtin "exec"
        with this interpreter, using the __dict__ of its __main__
        module as both globals and locals.

        There is no return value.

        If the code raises an unhandled exception then an ExecutionFailed
        exception is raised, which summarizes the unhandled exception.
        The actual exception is discarded because objects cannot be
        shared between interpreters.
        """
        if not isinstance(code, str):
            raise TypeError(f'unsupported script {code!r}')
        excinfo = _interpreters.exec(self._id, code)
        if excinfo is not None:
            raise ExecutionFailed(_ExcInfo(excinfo))

    def call(self, callable, /, *args, **kwargs):
        """Call the object in the interpreter with given args/kwargs.

        A function crosses as its code, run with the interpreter's __main__
        as its globals (it must not be a closure); built-in functions and
        types are the same objects everywhere; the arguments and the result
        are copied.
        """
        ok, res = _interpreters.call(self._id, callable, args, kwargs)
        if not ok:
            raise ExecutionFailed(_ExcInfo(res))
        return res

    def call_in_thread(self, callable, /, *args, **kwargs):
        """Return a new thread that calls the object in the interpreter.

        The return value and any raised exception are discarded.
        """
        def task():
            self.call(callable, *args, **kwargs)
        t = _threading.Thread(target=task)
        t.start()
        return t
