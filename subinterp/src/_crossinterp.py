"""What cross-interpreter containers share (CPython 3.14's
concurrent.interpreters._crossinterp): the rules for items whose
interpreter was destroyed while they were queued, and their sentinels."""


class ItemInterpreterDestroyed(Exception):
    """The interpreter that put an item was destroyed before it was taken."""


class UnboundItem:
    """The stand-in for an item whose interpreter was destroyed.

    Each kind of container makes its own singleton (singleton()), whose
    repr names where it lives; the class itself cannot be instantiated.
    """

    __slots__ = ()

    _MODULE = __name__
    _NAME = 'UNBOUND'

    @classmethod
    def singleton(cls, kind, module, name='UNBOUND'):
        """The sentinel of containers of `kind`, found as `module.name`."""
        doc = (cls.__doc__ or '').replace('an item', f'a {kind} item')
        sub = type(f'Unbound{kind.capitalize()}Item', (cls,),
                   dict(_MODULE=module, _NAME=name, __doc__=doc))
        return object.__new__(sub)

    def __new__(cls):
        raise Exception(f'use {cls._MODULE}.{cls._NAME}')

    def __repr__(self):
        return f'{self._MODULE}.{self._NAME}'


UNBOUND = object.__new__(UnboundItem)
UNBOUND_ERROR = object()
UNBOUND_REMOVE = object()

# The flags the native modules use (CPython's, 1 to 3).
_UNBOUND_CONSTANT_TO_FLAG = {
    UNBOUND_REMOVE: 1,
    UNBOUND_ERROR: 2,
    UNBOUND: 3,
}
_UNBOUND_FLAG_TO_CONSTANT = {flag: op for op, flag in _UNBOUND_CONSTANT_TO_FLAG.items()}


def serialize_unbound(unbound):
    """The 1-tuple of the native flag for the rule `unbound`."""
    try:
        flag = _UNBOUND_CONSTANT_TO_FLAG[unbound]
    except KeyError:
        raise NotImplementedError(f'unsupported unbound replacement op {unbound!r}')
    return flag,


def resolve_unbound(flag, exctype_destroyed):
    """What get() gives for an unbound item under the rule `flag`: UNBOUND,
    or it raises `exctype_destroyed`."""
    try:
        op = _UNBOUND_FLAG_TO_CONSTANT[flag]
    except KeyError:
        raise NotImplementedError(f'unsupported unbound replacement op {flag!r}')
    if op is UNBOUND_ERROR:
        raise exctype_destroyed("item's original interpreter destroyed")
    if op is UNBOUND:
        return UNBOUND
    # UNBOUND_REMOVE: such items never come out of a queue.
    raise NotImplementedError
