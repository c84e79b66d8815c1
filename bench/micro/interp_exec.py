"""Interpreter.exec of a one-line statement into another interpreter, from
the main thread (gilgamesh only: CPython 3.11 has no concurrent.interpreters;
count with callgrind at two sizes and take the difference). Each exec enters
the interpreter and comes back: in --mode nogil, two switches of the
thread's state (nogil/src/stop_the_world.rs, switch_state)."""
import sys

from concurrent import interpreters


def main(n):
    it = interpreters.create()
    it.exec("x = 0")
    for i in range(n):
        it.exec("x += 1")
    it.close()


main(int(sys.argv[1]) if len(sys.argv) > 1 else 10000)
