"""Summarise a `gilgamesh run --trace FILE` trace without opening a viewer.

Prints, per thread track: each span name with its count, total and longest
duration; then the message flow arrows (one per queue message between
interpreters): how many, and how long from the `put` to the `get`.

It also counts spans that overlap another span of their track without
nesting in it (the Trace Event Format requires complete events on one
thread to nest), and for stop-the-world pauses, how long each one took
before the collection inside it started.

Run:  python3 docs/examples/trace_summary.py TRACE.json
(needs the json module, so run it with python3: gilgamesh has none)
"""
import json
import sys


def main(path):
    with open(path) as f:
        events = json.load(f)["traceEvents"]
    names = {}
    process = "?"
    for e in events:
        if e["ph"] == "M" and e["name"] == "thread_name":
            names[e["tid"]] = e["args"]["name"]
        elif e["ph"] == "M" and e["name"] == "process_name":
            process = e["args"]["name"]
    print("process:", process)
    spans = {}
    for e in events:
        if e["ph"] == "X":
            key = (e["tid"], e["cat"], e["name"])
            n, total, longest = spans.get(key, (0, 0.0, 0.0))
            spans[key] = (n + 1, total + e["dur"], max(longest, e["dur"]))
    print("%-18s %-15s %-24s %6s %10s %10s" % ("track", "category", "span", "count", "total ms", "max ms"))
    for (tid, cat, name), (n, total, longest) in sorted(spans.items()):
        print("%-18s %-15s %-24s %6d %10.3f %10.3f" % (
            names.get(tid, tid)[:18], cat, name, n, total / 1000, longest / 1000))
    pauses(events, names)
    overlapping(events, names)
    starts = {e["id"]: e for e in events if e["ph"] == "s"}
    ends = {e["id"]: e for e in events if e["ph"] == "f"}
    paired = [(starts[i], ends[i]) for i in starts if i in ends]
    if not starts and not ends:
        return
    print("message arrows: %d sent, %d received, %d paired" % (len(starts), len(ends), len(paired)))
    routes = {}
    for s, f in paired:
        key = (names.get(s["tid"], s["tid"]), names.get(f["tid"], f["tid"]))
        routes.setdefault(key, []).append(f["ts"] - s["ts"])
    for (a, b), lat in sorted(routes.items()):
        lat.sort()
        print("  %s -> %s: %d messages, put-to-get median %.1f us, max %.1f us%s" % (
            a, b, len(lat), lat[len(lat) // 2], lat[-1],
            ", %d end before they start" % sum(1 for x in lat if x < 0) if lat[0] < 0 else ""))


def pauses(events, names):
    """Stop-the-world spans: how long each took before the collection
    nested in it began (stopping the other threads, merging queues)."""
    stw = [e for e in events if e["ph"] == "X" and e["cat"] == "stop-the-world"]
    if not stw:
        return
    gcs = [e for e in events if e["ph"] == "X" and e["cat"] == "gc"]
    before = []
    overlap = 0
    for s in stw:
        a, b = s["ts"], s["ts"] + s["dur"]
        inner = [g for g in gcs if g["tid"] == s["tid"] and a <= g["ts"] <= b]
        if not inner:
            continue
        wait = inner[0]["ts"] - a
        before.append(wait)
        if wait > 100 and any(o["tid"] != s["tid"] and o["ts"] < inner[0]["ts"] and o["ts"] + o["dur"] > a
                              for o in stw):
            overlap += 1
    before.sort()
    if before:
        print("stop-the-world: %d pauses with a collection inside; time before it starts: "
              "median %.1f us, max %.1f us; %d over 100 us, %d of them overlapping another "
              "thread's pause" % (len(before), before[len(before) // 2], before[-1],
                                  sum(1 for w in before if w > 100), overlap))


def overlapping(events, names):
    """Complete events on one track must nest (Trace Event Format): count the
    pairs where one starts inside another and ends after it."""
    by_tid = {}
    for e in events:
        if e["ph"] == "X":
            by_tid.setdefault(e["tid"], []).append(e)
    bad = 0
    for spans in by_tid.values():
        outer = [e for e in spans if e["cat"] != "gil"]
        for o in outer:
            a, b = o["ts"], o["ts"] + o["dur"]
            for e in spans:
                if e is o:
                    continue
                s, t = e["ts"], e["ts"] + e["dur"]
                if s < a < t < b or a < s < b < t:
                    bad += 1
    if bad:
        print("spans that overlap another span of their track without nesting in it: %d" % bad)


main(sys.argv[1])
