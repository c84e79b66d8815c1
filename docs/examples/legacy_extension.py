"""Importing a module that needs the GIL turns it back on (--mode nogil).

    gilgamesh run --mode nogil docs/examples/legacy_extension.py
    gilgamesh run --mode nogil --gil 0 docs/examples/legacy_extension.py
"""
import sys
import threading

stop = False


def spin():
    n = 0
    while not stop:
        n += 1


worker = threading.Thread(target=spin)
worker.start()
print("GIL enabled before the import:", sys._is_gil_enabled())
import _legacy_extension  # noqa: E402  (the import is the point)
print("GIL enabled after the import:", sys._is_gil_enabled())
stop = True
worker.join()
