"""Message-heavy exchange: tiny requests and replies bounce through two queues, so the cost per message is all there is.

Every worker sends its share of a fixed number of small requests (tuples of
two ints) to a shared request queue, takes one request off it (often
another worker's), computes a one-line reply and puts it on a shared reply
queue, then takes one reply and adds it to its total: four queue
operations and almost no computation per message. Each worker takes as many
items from each queue as it put, so the queues drain and nothing blocks
forever; the total is the same whoever served whom.

Expected winner: GIL threads or free threads (a `queue.Queue` hands over a
pointer); subinterpreters pay a copy (or a share of an immutable tuple) and
a cross-interpreter hand-off per message. This is the workload where
share-nothing costs the most per unit of work.

Answer: (messages, sum of replies). check() computes the sum directly.
"""

import workload_support

CATEGORY = "messaging"
M = 2147483647


def _messages(scale):
    return int(12000 * scale) or 1


def setup(scale):
    return {"messages": _messages(scale),
            "requests": workload_support.make_queue(),
            "replies": workload_support.make_queue()}


def reply(seq, payload):
    return (seq, (payload * payload + seq) % 1000003)


def work(data, worker, workers):
    requests, replies = data["requests"], data["replies"]
    put, get = workload_support.put, workload_support.get
    n = 0
    total = 0
    for seq in range(worker, data["messages"], workers):
        put(requests, (seq, seq * 2654435761 % M))
        s, payload = get(requests)
        put(replies, reply(s, payload))
        _s, value = get(replies)
        total += value
        n += 1
    return (n, total)


def combine(parts):
    return (sum(p[0] for p in parts), sum(p[1] for p in parts))


def check(answer, scale):
    n = _messages(scale)
    total = sum(reply(seq, seq * 2654435761 % M)[1] for seq in range(n))
    if answer != (n, total):
        raise AssertionError("got %r, expected %r" % (answer, (n, total)))
