# bench: string-keyed dict heavy workload (insert, lookup, update, delete, iteration, get/setdefault)
import sys

DEFAULT_SCALE = 1200000


def main(scale):
    keys = ["key_%d_%s" % (i, "abcdefghij"[i % 10]) for i in range(scale // 4)]
    d = {}
    for i, k in enumerate(keys):
        d[k] = i
    hits = 0
    for rep in range(3):
        for k in keys:
            if k in d:
                hits += d[k] & 7
    for k in keys[::3]:
        d[k] += 1
    for k in keys[::5]:
        del d[k]
    missing = 0
    for k in keys:
        missing += d.get(k, -1) == -1
    groups = {}
    for k in keys:
        groups.setdefault(k[-1], []).append(k)
    counts = {}
    words = ("alpha beta gamma delta epsilon zeta eta theta iota kappa " * 8).split()
    for i in range(scale):
        w = words[i % len(words)]
        counts[w] = counts.get(w, 0) + i % 3
    total = 0
    for k, v in d.items():
        total += v
    merged = dict(d)
    merged.update(counts)
    print("dict_ops", scale, len(d), hits, missing, total % 1000003,
          sorted((g, len(v)) for g, v in groups.items())[:3], sorted(counts.items())[:2], len(merged))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SCALE)
