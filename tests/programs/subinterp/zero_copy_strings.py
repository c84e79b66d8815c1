# subinterp: strings made at run time cross to other interpreters (zero-copy in gilgamesh, copied in CPython) and stay correct while several interpreters and threads hold, copy, slice and drop them at once
import threading

from _interp_compat import interpreters

q = interpreters.create_queue()
back = interpreters.create_queue()
workers = [interpreters.create() for _ in range(3)]
for w in workers:
    w.prepare_main(q=q, back=back)

WORK = """if True:
    kept = []
    received = 0
    while True:
        s = q.get()
        if s is None:
            break
        kept.append(s)
        received += 1
        t = s + '!'
        parts = [s[i:i + 7] for i in range(0, len(s), 7)]
        assert ''.join(parts) == s
        d = {s: len(s)}
        del d, parts, t
        if len(kept) > 20:
            kept = kept[10:]
    assert all(k.startswith('payload-') for k in kept)
    back.put(received)
"""
threads = [threading.Thread(target=w.exec, args=(WORK,)) for w in workers]
for t in threads:
    t.start()
made = []
for i in range(600):
    s = ('payload-%d-' % i) * (i % 17 + 1)
    made.append(s)
    q.put(s)
    if len(made) > 50:
        made = made[25:]
for _ in workers:
    q.put(None)
for t in threads:
    t.join()
totals = [back.get() for _ in workers]
print('workers done:', len(totals), '| strings received:', sum(totals))
print('sender strings intact:', all(m.startswith('payload-') for m in made))
s = 'x' * 50 + str(len(made))
q.put(s)
r = q.get()
print('round trip equal:', r == s, '| same value:', r)
for w in workers:
    w.close()
