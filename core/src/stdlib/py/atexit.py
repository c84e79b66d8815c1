"""Functions to call when the interpreter exits.

gilgamesh runs the registered handlers as CPython does: last registered
first, after the non-daemon threads are joined, each failure reported on
stderr ("Exception ignored in atexit callback") without stopping the rest.
The shutdown itself (src/main.rs) takes them off ``_handlers``.
"""

_handlers = []


def register(func, /, *args, **kwargs):
    """Register a function to be executed upon normal program termination.

    Returns the function, so it can be used as a decorator."""
    if not callable(func):
        raise TypeError("the first argument must be callable")
    _handlers.append((func, args, kwargs))
    return func


def unregister(func, /):
    """Unregister an exit function which was previously registered (every
    registration of it, found by ``==``)."""
    _handlers[:] = [h for h in _handlers if not (h[0] == func)]


def _clear():
    """Clear the list of previously registered exit functions."""
    del _handlers[:]


def _ncallbacks():
    """Return the number of registered exit functions."""
    return len(_handlers)


def _run_exitfuncs():
    """Run all registered exit functions (last registered first)."""
    import sys
    while _handlers:
        func, args, kwargs = _handlers.pop()
        try:
            func(*args, **kwargs)
        except BaseException as e:
            print("Exception ignored in atexit callback:", repr(func), file=sys.stderr)
            print("%s: %s" % (type(e).__name__, e), file=sys.stderr)
