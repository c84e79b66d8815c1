"""bench/micro/cycle_pairs.py after a thread has run: free-threaded mode
then takes per-object locks and defers what containers let go of through
QSBR. Two instances that refer to each other, made and dropped in a loop:
only the cycle collector can free them."""
import sys
import threading


class Node:
    def __init__(self):
        self.other = None


def main(n):
    for _ in range(n):
        a = Node()
        b = Node()
        a.other = b
        b.other = a


t = threading.Thread(target=lambda: None)
t.start()
t.join()
main(int(sys.argv[1]))
