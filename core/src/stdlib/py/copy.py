"""Generic (shallow and deep) copying operations.

CPython 3.11's Lib/copy.py, with the default object.__reduce_ex__(4)
(copyreg.__newobj__, __getstate__, slots) written out in Python.
"""

class Error(Exception):
    pass

error = Error

__all__ = ["Error", "copy", "deepcopy"]


def _f():
    pass


_object_reduce_ex = getattr(object, "__reduce_ex__", None)
_object_reduce = getattr(object, "__reduce__", None)
_object_getstate = getattr(object, "__getstate__", None)

_atomic = [type(None), int, float, bool, str, bytes, type, range, type(len),
           type(_f), type(Ellipsis), type(NotImplemented), property]
for _name in ("complex", "slice"):
    try:
        _atomic.append(__builtins__[_name] if isinstance(__builtins__, dict)
                       else getattr(__builtins__, _name))
    except (KeyError, AttributeError):
        pass


def _newobj(cls, *args):
    return cls.__new__(cls, *args)


def _slotnames(cls):
    names = []
    for c in cls.__mro__:
        if "__slots__" in c.__dict__:
            slots = c.__dict__["__slots__"]
            if isinstance(slots, str):
                slots = (slots,)
            for name in slots:
                if name in ("__dict__", "__weakref__"):
                    continue
                elif name.startswith("__") and not name.endswith("__"):
                    stripped = c.__name__.lstrip("_")
                    if stripped:
                        names.append("_%s%s" % (stripped, name))
                    else:
                        names.append(name)
                else:
                    names.append(name)
    return names


def _default_state(x):
    try:
        state = x.__dict__
    except AttributeError:
        state = None
    if not state:
        state = None
    names = _slotnames(type(x))
    if names:
        slots = {}
        for name in names:
            try:
                slots[name] = getattr(x, name)
            except AttributeError:
                pass
        if slots:
            state = (state, slots)
    return state


def _reduce(x):
    """x.__reduce_ex__(4): a user-defined reducer, else the default one."""
    cls = type(x)
    reductor = getattr(cls, "__reduce_ex__", None)
    if reductor is not None and reductor is not _object_reduce_ex:
        return x.__reduce_ex__(4)
    reductor = getattr(cls, "__reduce__", None)
    if reductor is not None and reductor is not _object_reduce:
        return x.__reduce__()
    if issubclass(cls, BaseException):
        return (cls, tuple(x.args), getattr(x, "__dict__", None) or None)
    if cls.__module__ == "builtins" and cls not in (object, list, dict, tuple, set, frozenset):
        raise TypeError("cannot pickle '%s' object" % cls.__name__)
    args = ()
    getnewargs = getattr(cls, "__getnewargs__", None)
    if getnewargs is not None:
        args = tuple(x.__getnewargs__())
    elif isinstance(x, (tuple, frozenset)):
        args = (tuple(x),)
    getstate = getattr(cls, "__getstate__", None)
    if getstate is not None and getstate is not _object_getstate:
        state = x.__getstate__()
    else:
        state = _default_state(x)
    listiter = iter(x) if isinstance(x, list) else None
    dictiter = iter(x.items()) if isinstance(x, dict) else None
    return (_newobj, (cls,) + args, state, listiter, dictiter)


def copy(x):
    """Shallow copy operation on arbitrary Python objects."""
    cls = type(x)
    copier = _copy_dispatch.get(cls)
    if copier:
        return copier(x)
    if issubclass(cls, type):
        return x
    copier = getattr(cls, "__copy__", None)
    if copier is not None:
        return copier(x)
    rv = _reduce(x)
    if isinstance(rv, str):
        return x
    return _reconstruct(x, None, *rv)


_copy_dispatch = d = {}


def _copy_immutable(x):
    return x


for t in _atomic:
    d[t] = _copy_immutable
d[tuple] = _copy_immutable
d[frozenset] = _copy_immutable


def _copy_list(x):
    return x[:]


def _copy_dict(x):
    return x.copy()


def _copy_set(x):
    return set(x)


d[list] = _copy_list
d[dict] = _copy_dict
d[set] = _copy_set
del d, t


def deepcopy(x, memo=None, _nil=[]):
    """Deep copy operation on arbitrary Python objects."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    copier = _deepcopy_dispatch.get(cls)
    if copier is not None:
        y = copier(x, memo)
    else:
        if issubclass(cls, type):
            y = x
        else:
            copier = getattr(x, "__deepcopy__", None)
            if copier is not None:
                y = copier(memo)
            else:
                rv = _reduce(x)
                if isinstance(rv, str):
                    y = x
                else:
                    y = _reconstruct(x, memo, *rv)
    # If is its own copy, don't memoize.
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


_deepcopy_dispatch = d = {}


def _deepcopy_atomic(x, memo):
    return x


for t in _atomic:
    d[t] = _deepcopy_atomic


def _deepcopy_list(x, memo):
    y = []
    memo[id(x)] = y
    append = y.append
    for a in x:
        append(deepcopy(a, memo))
    return y


d[list] = _deepcopy_list


def _deepcopy_tuple(x, memo):
    y = [deepcopy(a, memo) for a in x]
    # The tuple itself is not memoized, but a recursive structure may have
    # put it there while its items were copied.
    try:
        return memo[id(x)]
    except KeyError:
        pass
    for k, j in zip(x, y):
        if k is not j:
            y = tuple(y)
            break
    else:
        y = x
    return y


d[tuple] = _deepcopy_tuple


def _deepcopy_dict(x, memo):
    y = {}
    memo[id(x)] = y
    for key, value in x.items():
        y[deepcopy(key, memo)] = deepcopy(value, memo)
    return y


d[dict] = _deepcopy_dict


def _deepcopy_set(x, memo):
    y = set(deepcopy(list(x), memo))
    return y


def _deepcopy_frozenset(x, memo):
    return frozenset(deepcopy(list(x), memo))


d[set] = _deepcopy_set
d[frozenset] = _deepcopy_frozenset


def _deepcopy_method(x, memo):
    this = deepcopy(x.__self__, memo)
    try:
        return type(x)(x.__func__, this)
    except TypeError:
        # The runtime cannot build a method object directly: look the
        # function up again through the copied receiver.
        bound = getattr(this, x.__func__.__name__, None)
        if bound is not None and getattr(bound, "__func__", None) is x.__func__:
            return bound
        raise




class _C:
    def _m(self):
        pass


try:
    _bound = _C()._m
    if _bound.__self__ is not None and _bound.__func__ is not None:
        d[type(_bound)] = _deepcopy_method
    del _bound
except AttributeError:
    pass
del d, t, _C


def _keep_alive(x, memo):
    """Keeps a reference to x in the memo so its id is not reused."""
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def _reconstruct(x, memo, func, args, state=None, listiter=None, dictiter=None):
    deep = memo is not None
    if deep and args:
        args = deepcopy(args, memo)
    y = func(*args)
    if deep:
        memo[id(x)] = y

    if state is not None:
        if deep:
            state = deepcopy(state, memo)
        if hasattr(y, "__setstate__"):
            y.__setstate__(state)
        else:
            if isinstance(state, tuple) and len(state) == 2:
                state, slotstate = state
            else:
                slotstate = None
            if state is not None:
                y.__dict__.update(state)
            if slotstate is not None:
                for key, value in slotstate.items():
                    setattr(y, key, value)

    if listiter is not None:
        if deep:
            for item in listiter:
                item = deepcopy(item, memo)
                y.append(item)
        else:
            for item in listiter:
                y.append(item)
    if dictiter is not None:
        if deep:
            for key, value in dictiter:
                key = deepcopy(key, memo)
                value = deepcopy(value, memo)
                y[key] = value
        else:
            for key, value in dictiter:
                y[key] = value
    return y
