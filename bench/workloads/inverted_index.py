"""An in-memory object graph read by every worker: an inverted index (dict of str -> set of doc ids) answering AND queries.

setup() builds a corpus of synthetic documents (words drawn from a skewed
distribution by an inline LCG) and indexes it: a dict from each word to the
set of documents containing it. Every worker runs its share of a fixed list
of 2- and 3-word AND queries against the whole index, intersecting sets
smallest-first.

Expected winner: free threads: the index is read in place by every thread
(shared dict and set reads; a free-threaded runtime must make those reads
safe without a lock on every access, and shared reference counts are the
cost to watch). Subinterpreters scale the queries too, but each first
receives its own copy of the whole index (thousands of sets and strings):
the distribution time is the price of share-nothing. GIL threads 1x.

Watch CPython 3.13t here: reading an index built by another thread costs it
far more than reading one built by the same thread (on the 2-core
development VM, `work` at scale 1: about 0.95 s in a worker thread against
0.13 s in the thread that built the index; CPython 3.13 0.09 s; gilgamesh
nogil 0.2 s either way). That is the price of objects owned by one thread
and reference-counted from another.

Answer: (queries, total matches, a checksum of every query's (match count,
sum of ids), and those pairs for every 251st query). check() answers the
sampled queries by scanning the documents directly.
"""

CATEGORY = "object-graph"
M = 2147483647
SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "qu", "ba", "do")


def _word(k):
    s = SYLLABLES[k % 12] + SYLLABLES[(k // 12) % 12]
    if k >= 144:
        s += SYLLABLES[(k // 144) % 12]
    return s


def _corpus(scale):
    n_docs = int(5000 * scale) or 1
    vocab = 600
    x = 2024
    docs = []
    for _ in range(n_docs):
        words = []
        for _ in range(12):
            x = x * 48271 % M
            r = x % vocab
            x = x * 48271 % M
            k = r * (x % vocab) // vocab        # skewed: small k are frequent
            words.append(_word(k))
        docs.append(tuple(words))
    return docs, vocab


def _queries(vocab, count):
    x = 777
    out = []
    for q in range(count):
        terms = []
        for _ in range(2 + q % 2):
            x = x * 48271 % M
            terms.append(_word((x % 60) if q % 3 else (x % vocab) // 4))
        out.append(tuple(terms))
    return tuple(out)


def setup(scale):
    docs, vocab = _corpus(scale)
    index = {}
    for d, words in enumerate(docs):
        for w in words:
            s = index.get(w)
            if s is None:
                s = index[w] = set()
            s.add(d)
    return {"index": index, "queries": _queries(vocab, int(14000 * scale) or 1)}


def _run_query(index, terms):
    sets = sorted((index.get(t, set()) for t in terms), key=len)
    result = sets[0]
    for s in sets[1:]:
        result = result & s
    return len(result), sum(result)


def work(data, worker, workers):
    index, queries = data["index"], data["queries"]
    return [(q,) + _run_query(index, queries[q]) for q in range(worker, len(queries), workers)]


SAMPLE = 251


def combine(parts):
    rows = sorted(r for p in parts for r in p)
    checksum = 0
    for _q, count, total in rows:
        checksum = (checksum * 1000003 + count * 7919 + total) % 2305843009213693951
    return (len(rows), sum(r[1] for r in rows), checksum,
            tuple((r[1], r[2]) for r in rows[::SAMPLE]))


def check(answer, scale):
    docs, vocab = _corpus(scale)
    queries = _queries(vocab, int(14000 * scale) or 1)
    n, total, _checksum, sampled = answer
    if n != len(queries) or len(sampled) != len(range(0, n, SAMPLE)):
        raise AssertionError("expected %d queries, got %d" % (len(queries), n))
    for k, q in enumerate(range(0, n, SAMPLE)):
        terms = queries[q]
        ids = [d for d, words in enumerate(docs) if all(t in words for t in terms)]
        if (len(ids), sum(ids)) != sampled[k]:
            raise AssertionError("query %d %r: got %r, scan says %r"
                                 % (q, terms, sampled[k], (len(ids), sum(ids))))
    if total < n // 10:
        raise AssertionError("suspiciously few matches: %d" % total)
