# modules/itertools: classic recipes built from itertools (take, chunked, flatten, roundrobin, unique, powerset)
from itertools import islice, chain, cycle, groupby, combinations, accumulate, count, zip_longest, tee, starmap
import operator
def take(n, it):
    return list(islice(it, n))
def chunked(it, n):
    it = iter(it)
    while True:
        chunk = list(islice(it, n))
        if not chunk:
            return
        yield chunk
def roundrobin(*its):
    nexts = cycle(iter(i).__next__ for i in its)
    pending = len(its)
    while pending:
        try:
            for nxt in nexts:
                yield nxt()
        except StopIteration:
            pending -= 1
            nexts = cycle(islice(nexts, pending))
def unique_justseen(it):
    return [k for k, _ in groupby(it)]
def powerset(s):
    s = list(s)
    return chain.from_iterable(combinations(s, r) for r in range(len(s) + 1))
def grouper(it, n, fill=None):
    args = [iter(it)] * n
    return zip_longest(*args, fillvalue=fill)
print(take(5, count(7, 7)), list(chunked(range(10), 4)), list(roundrobin("ABC", "D", "EF")))
print(unique_justseen("AAAABBBCCDAABBB"), list(powerset([1, 2, 3])), list(grouper("ABCDEFG", 3, "x")))
print(list(accumulate(range(1, 8), operator.mul)), list(starmap(operator.sub, [(5, 2), (9, 4)])))
a, b = tee(range(5))
next(b, None)
print(list(zip(a, b)))
print(sum(1 for _ in combinations(range(20), 4)), take(3, (x for x in count() if x % 17 == 3)))
