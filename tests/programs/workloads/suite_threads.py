# workloads: every built-in workload of bench/workloads/ at a small scale, threads model, 1-3 workers, through the compare driver's own functions; answers digested and checked
import sys

sys.path[:0] = ["../../../bench/workloads", "../../../bench"]

import compare_driver as driver
import workload_support as ws

WORKLOADS = [
    "mandelbrot", "primes", "montecarlo", "nbody", "matmul",
    "inverted_index", "graph_bfs", "tree_queries",
    "shared_counter", "shared_cache",
    "producer_consumer", "messaging",
    "alloc_objects", "sleep_io", "convoy", "big_readonly",
]
SCALE = 0.05

ws.set_model("threads", 60)
for name in WORKLOADS:
    mod = driver._import_workload(name)
    data = mod.setup(SCALE)
    digests = []
    for workers in (1, 2, 3):
        parts, _times = driver.run_threads(mod, data, workers, 60)
        answer = mod.combine(parts)
        digests.append(driver.digest(answer)[0])
    try:
        mod.check(answer, SCALE)
        status = "check passed"
    except Exception as e:
        status = "check FAILED: %s: %s" % (type(e).__name__, e)
    doc = driver._doc_line(mod)
    print(name, mod.CATEGORY, digests[0], "agree" if len(set(digests)) == 1 else digests, status)
    print("   ", len(doc) > 20, doc.endswith("."))
