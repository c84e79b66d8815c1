# subinterp: every built-in workload of bench/workloads/ at a small scale in the subinterpreter model (1 and 2 worker interpreters) through the compare driver's own functions; the answers must match the threads model's
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
PATHS = ["../../../bench/workloads", "../../../bench"]

api = ws.subinterp_api()
print("subinterpreter support:", api is not None)
for name in WORKLOADS:
    mod = driver._import_workload(name)
    ws.set_model("threads", 60)
    parts, _ = driver.run_threads(mod, mod.setup(SCALE), 2, 60)
    expect = driver.digest(mod.combine(parts))[0]
    ws.set_model("subinterp", 60)
    data = mod.setup(SCALE)
    results = []
    for workers in (1, 2):
        try:
            parts, times = driver.run_subinterp(api, name, PATHS, data, workers, 60)
            answer = mod.combine(parts)
            mod.check(answer, SCALE)
            results.append("same" if driver.digest(answer)[0] == expect else "DIFFERENT")
        except driver.CellError as e:
            results.append("failed in %s: %s" % (e.stage, e.type_name.rpartition(".")[2]))
    print(name, results)
