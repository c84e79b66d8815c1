"""Cross-interpreter queues (CPython 3.14's concurrent.interpreters._queues)
over gilgamesh's native _interpqueues, whose put() and get() block without
polling."""

import queue as _queue
import _interpqueues
from . import _crossinterp
from ._crossinterp import UNBOUND_ERROR, UNBOUND_REMOVE

__all__ = [
    'UNBOUND', 'UNBOUND_ERROR', 'UNBOUND_REMOVE',
    'create', 'list_all',
    'Queue',
    'QueueError', 'QueueNotFoundError', 'QueueEmpty', 'QueueFull',
    'ItemInterpreterDestroyed',
]


class QueueError(RuntimeError):
    """Indicates that a queue-related error happened."""


class QueueNotFoundError(QueueError):
    pass


# CPython defines these two in its native module, under this name.
QueueError.__module__ = 'concurrent.interpreters'
QueueNotFoundError.__module__ = 'concurrent.interpreters'


class QueueEmpty(QueueError, _queue.Empty):
    """Raised from get_nowait() when the queue is empty.

    It is also raised from get() if it times out.
    """


class QueueFull(QueueError, _queue.Full):
    """Raised from put_nowait() when the queue is full.

    It is also raised from put() if it times out.
    """


class ItemInterpreterDestroyed(QueueError,
                               _crossinterp.ItemInterpreterDestroyed):
    """Raised from get() and get_nowait() for an item put with
    unbounditems=UNBOUND_ERROR whose interpreter was destroyed."""


UNBOUND = _crossinterp.UnboundItem.singleton('queue', __name__)


def _serialize_unbound(unbound):
    if unbound is UNBOUND:
        unbound = _crossinterp.UNBOUND
    return _crossinterp.serialize_unbound(unbound)


def _resolve_unbound(flag):
    resolved = _crossinterp.resolve_unbound(flag, ItemInterpreterDestroyed)
    if resolved is _crossinterp.UNBOUND:
        resolved = UNBOUND
    return resolved


# (flag, sentinel) of each queue's default unbounditems, by id, once known.
# Kept beside the Queue objects, not in them: a queue inside a container
# crosses as a copy of its __dict__.
_unbound = {}


def _set_unbound(qid, op, items=None):
    if items is None:
        items = _resolve_unbound(op)
    unbound = _unbound[qid] = (op, items)
    return unbound


def create(maxsize=0, *, unbounditems=UNBOUND):
    """Return a new cross-interpreter queue.

    The queue may be used to pass data safely between interpreters.
    "unbounditems" is the default for put() (see there): what becomes of
    an item whose interpreter is destroyed while it is queued.
    """
    unboundop, = _serialize_unbound(unbounditems)
    if type(maxsize) is not int:
        raise TypeError(f'maxsize must be an int, got {maxsize!r}')
    qid = _interpqueues.create(maxsize, unboundop)
    self = Queue(qid)
    _set_unbound(qid, unboundop, unbounditems)
    return self


def list_all():
    """Return a list of all open queues."""
    queues = []
    for qid, unboundop in _interpqueues.list_all():
        self = Queue(qid)
        if qid not in _unbound:
            _set_unbound(qid, unboundop)
        queues.append(self)
    return queues


_known_queues = {}


class Queue:
    """A cross-interpreter queue."""

    def __new__(cls, id, /):
        if type(id) is not int:
            raise TypeError(f'id must be an int, got {id!r}')
        self = _known_queues.get(id)
        if self is None:
            self = super().__new__(cls)
            self._id = id
            _known_queues[id] = self
        return self

    @classmethod
    def _from_id(cls, id):
        return cls(id)

    def __repr__(self):
        return f'{type(self).__name__}({self._id})'

    def __hash__(self):
        return hash(self._id)

    @property
    def id(self):
        return self._id

    @property
    def unbounditems(self):
        """The queue's default for put()'s "unbounditems"."""
        try:
            _, items = _unbound[self._id]
        except KeyError:
            op, = _interpqueues.get_queue_defaults(self._id)
            _, items = _set_unbound(self._id, op)
        return items

    @property
    def maxsize(self):
        return _interpqueues.maxsize(self._id)

    def empty(self):
        return _interpqueues.empty(self._id)

    def full(self):
        return _interpqueues.full(self._id)

    def qsize(self):
        return _interpqueues.qsize(self._id)

    def put(self, obj, block=True, timeout=None, *, unbounditems=None):
        """Add the object to the queue.

        If "block" is true, this blocks while the queue is full.

        "unbounditems" says what becomes of the item if the interpreter
        calling put() is destroyed while the item is still queued: None
        (the default) takes the queue's default (see create_queue(),
        usually UNBOUND); UNBOUND makes get() return UNBOUND in its place;
        UNBOUND_ERROR makes get() raise ItemInterpreterDestroyed (the item
        is taken all the same); UNBOUND_REMOVE removes it from the queue at
        once, so that it is never got.
        """
        # _interpqueues.put() checks "unbounditems" with _serialize_unbound()
        # unless it is None; with a timeout, it is checked here first, as
        # CPython does.
        if timeout is not None:
            if unbounditems is not None:
                _serialize_unbound(unbounditems)
            timeout = float(timeout) if type(timeout) is int else timeout
            if timeout < 0:
                raise ValueError('timeout value must be non-negative')
        if not _interpqueues.put(self._id, obj, block, timeout, unbounditems):
            raise QueueFull(f'queue {self._id} is full')

    def put_nowait(self, obj, *, unbounditems=None):
        if not _interpqueues.put(self._id, obj, False, None, unbounditems):
            raise QueueFull(f'queue {self._id} is full')

    def get(self, block=True, timeout=None):
        """Return the next object from the queue.

        If "block" is true, this blocks while the queue is empty.

        If the next item's interpreter was destroyed, what get() does
        depends on the "unbounditems" its put() was given: it returns
        UNBOUND or raises ItemInterpreterDestroyed (_interpqueues.get()
        calls _resolve_unbound()).
        """
        if timeout is not None:
            timeout = float(timeout) if type(timeout) is int else timeout
            if timeout < 0:
                raise ValueError('timeout value must be non-negative')
        ok, obj = _interpqueues.get(self._id, block, timeout)
        if not ok:
            raise QueueEmpty(f'queue {self._id} is empty')
        return obj

    def get_nowait(self):
        """Return the next object from the channel.

        If the queue is empty then raise QueueEmpty.  Otherwise this
        is the same as get().
        """
        ok, obj = _interpqueues.get(self._id, False, None)
        if not ok:
            raise QueueEmpty(f'queue {self._id} is empty')
        return obj
