"""Two instances that refer to each other, made and dropped in a loop: only
the cycle collector can free them (allocation, instance attributes, and
young collections of cyclic garbage)."""
import sys


class Node:
    def __init__(self):
        self.other = None


def main(n):
    for _ in range(n):
        a = Node()
        b = Node()
        a.other = b
        b.other = a


main(int(sys.argv[1]))
