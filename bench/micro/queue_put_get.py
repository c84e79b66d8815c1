"""A put and a get on one cross-interpreter queue, in one thread, through
the Python layer of concurrent.interpreters (gilgamesh only: CPython 3.11 has
no such module; count with callgrind at two sizes and take the difference,
as bench/tools/per_iteration.sh does)."""
import sys

from concurrent import interpreters


def main(n):
    q = interpreters.create_queue()

    def qput(q, x):
        q.put(x)

    def qget(q):
        return q.get()

    for i in range(n):
        qput(q, i)
        qget(q)


main(int(sys.argv[1]))
