"""A two-stage pipeline of isolated interpreters joined by queues.

main --lines--> [parse] --(word, n) pairs--> [count] --totals--> main

Each stage is its own interpreter (PEP 684/734) running on its own OS
thread, with its own GIL, globals and modules: the stages share no object,
so every item is sent through a cross-interpreter queue (copied, or shared
when it is immutable and the runtime can prove that safe).

Run:  gilgamesh docs/examples/interp_pipeline.py
      gilgamesh run --stats docs/examples/interp_pipeline.py
      gilgamesh run --trace pipeline.json docs/examples/interp_pipeline.py
On CPython 3.13 (the 3.14 API rebuilt over 3.13's _interpreters by a test helper):
      PYTHONPATH=tests/programs/subinterp python3.13 docs/examples/interp_pipeline.py
"""
import sys
import threading
import time

try:
    from concurrent import interpreters      # gilgamesh, CPython 3.14+
except ImportError:                           # CPython 3.13: the 3.14 API rebuilt over
    from _interp_compat import interpreters  # _interpreters (tests/programs/subinterp/)

LINES = int(sys.argv[1]) if len(sys.argv) > 1 else 2000

PARSE = """if True:
    while True:
        line = lines.get()
        if line is None:
            break
        counts = {}
        for word in line.split():
            word = word.strip('.,;').lower()
            counts[word] = counts.get(word, 0) + 1
        pairs.put(tuple(sorted(counts.items())))
    pairs.put(None)
"""

COUNT = """if True:
    totals = {}
    batches = 0
    while True:
        batch = pairs.get()
        if batch is None:
            break
        batches += 1
        for word, n in batch:
            totals[word] = totals.get(word, 0) + n
    top = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    results.put((batches, len(totals), top))
"""

TEXT = [
    "The quick brown fox jumps over the lazy dog.",
    "A lazy dog sleeps; the fox runs on.",
    "Brown leaves, brown earth, and the quick river.",
]

lines = interpreters.create_queue(64)    # bounded: the producer waits when parse lags
pairs = interpreters.create_queue(64)
results = interpreters.create_queue()

parse = interpreters.create()
count = interpreters.create()
parse.prepare_main(lines=lines, pairs=pairs)
count.prepare_main(pairs=pairs, results=results)

start = time.perf_counter()
stages = [threading.Thread(target=parse.exec, args=(PARSE,), name="parse"),
          threading.Thread(target=count.exec, args=(COUNT,), name="count")]
for t in stages:
    t.start()
for i in range(LINES):
    lines.put(TEXT[i % len(TEXT)] + " line %d" % (i % 10))
lines.put(None)
batches, distinct, top = results.get()
for t in stages:
    t.join()
elapsed = time.perf_counter() - start

print("interpreters:", [i.id for i in interpreters.list_all()])
print("batches counted:", batches)
print("distinct words:", distinct)
print("most common:", top)
print("seconds: %.3f" % elapsed, file=sys.stderr)
parse.close()
count.close()
