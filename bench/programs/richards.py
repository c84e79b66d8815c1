# bench: Richards operating-system task scheduler simulation (object/attribute heavy)
import sys

DEFAULT_SCALE = 20

I_IDLE, I_WORK, I_HANDLERA, I_HANDLERB, I_DEVA, I_DEVB = 1, 2, 3, 4, 5, 6
K_DEV, K_WORK = 1000, 1001
BUFSIZE = 4


class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.datum = 0
        self.data = [0] * BUFSIZE

    def append_to(self, queue):
        self.link = None
        if queue is None:
            return self
        p = queue
        while p.link is not None:
            p = p.link
        p.link = self
        return queue


class DeviceRec:
    def __init__(self):
        self.pending = None


class IdleRec:
    def __init__(self):
        self.control = 1
        self.count = 10000


class HandlerRec:
    def __init__(self):
        self.work_in = None
        self.device_in = None


class WorkerRec:
    def __init__(self):
        self.destination = I_HANDLERA
        self.count = 0


class Scheduler:
    def __init__(self):
        self.tasks = [None] * 7
        self.task_list = None
        self.hold_count = 0
        self.qpkt_count = 0

    def find(self, ident):
        t = self.tasks[ident]
        if t is None:
            raise RuntimeError("bad task id %d" % ident)
        return t

    def run(self):
        tcb = self.task_list
        while tcb is not None:
            if tcb.holding or (not tcb.pending and tcb.waiting):
                tcb = tcb.link
            else:
                tcb = tcb.step()


class Task:
    def __init__(self, sched, ident, priority, queue, pending, waiting, holding, rec):
        self.sched = sched
        self.link = sched.task_list
        self.ident = ident
        self.priority = priority
        self.input = queue
        self.pending = pending
        self.waiting = waiting
        self.holding = holding
        self.rec = rec
        sched.task_list = self
        sched.tasks[ident] = self

    def step(self):
        if self.pending and self.waiting and not self.holding:
            msg = self.input
            self.input = msg.link
            if self.input is None:
                self.pending = self.waiting = self.holding = False
            else:
                self.pending = True
                self.waiting = self.holding = False
        else:
            msg = None
        return self.fn(msg, self.rec)

    def add_packet(self, pkt, old):
        if self.input is None:
            self.input = pkt
            self.pending = True
            if self.priority > old.priority:
                return self
        else:
            pkt.append_to(self.input)
        return old

    def wait(self):
        self.waiting = True
        return self

    def hold(self):
        self.sched.hold_count += 1
        self.holding = True
        return self.link

    def release(self, ident):
        t = self.sched.find(ident)
        t.holding = False
        return t if t.priority > self.priority else self

    def qpkt(self, pkt):
        t = self.sched.find(pkt.ident)
        self.sched.qpkt_count += 1
        pkt.link = None
        pkt.ident = self.ident
        return t.add_packet(pkt, self)


class DeviceTask(Task):
    def fn(self, pkt, rec):
        if pkt is None:
            pkt = rec.pending
            if pkt is None:
                return self.wait()
            rec.pending = None
            return self.qpkt(pkt)
        rec.pending = pkt
        return self.hold()


class HandlerTask(Task):
    def fn(self, pkt, rec):
        if pkt is not None:
            if pkt.kind == K_WORK:
                rec.work_in = pkt.append_to(rec.work_in)
            else:
                rec.device_in = pkt.append_to(rec.device_in)
        work = rec.work_in
        if work is None:
            return self.wait()
        count = work.datum
        if count >= BUFSIZE:
            rec.work_in = work.link
            return self.qpkt(work)
        dev = rec.device_in
        if dev is None:
            return self.wait()
        rec.device_in = dev.link
        dev.datum = work.data[count]
        work.datum = count + 1
        return self.qpkt(dev)


class IdleTask(Task):
    def fn(self, pkt, rec):
        rec.count -= 1
        if rec.count == 0:
            return self.hold()
        if rec.control & 1 == 0:
            rec.control //= 2
            return self.release(I_DEVA)
        rec.control = (rec.control // 2) ^ 0xD008
        return self.release(I_DEVB)


class WorkTask(Task):
    def fn(self, pkt, rec):
        if pkt is None:
            return self.wait()
        dest = I_HANDLERB if rec.destination == I_HANDLERA else I_HANDLERA
        rec.destination = dest
        pkt.ident = dest
        pkt.datum = 0
        for i in range(BUFSIZE):
            rec.count += 1
            if rec.count > 26:
                rec.count = 1
            pkt.data[i] = 65 + rec.count - 1
        return self.qpkt(pkt)


def run_once():
    s = Scheduler()
    IdleTask(s, I_IDLE, 1, None, False, False, False, IdleRec())
    q = Packet(Packet(None, 0, K_WORK), 0, K_WORK)
    WorkTask(s, I_WORK, 1000, q, True, True, False, WorkerRec())
    q = Packet(Packet(Packet(None, I_DEVA, K_DEV), I_DEVA, K_DEV), I_DEVA, K_DEV)
    HandlerTask(s, I_HANDLERA, 2000, q, True, True, False, HandlerRec())
    q = Packet(Packet(Packet(None, I_DEVB, K_DEV), I_DEVB, K_DEV), I_DEVB, K_DEV)
    HandlerTask(s, I_HANDLERB, 3000, q, True, True, False, HandlerRec())
    DeviceTask(s, I_DEVA, 4000, None, False, True, False, DeviceRec())
    DeviceTask(s, I_DEVB, 5000, None, False, True, False, DeviceRec())
    s.run()
    return s.qpkt_count, s.hold_count


def main(scale):
    results = set()
    for _ in range(scale):
        results.add(run_once())
    qpkt, hold = results.pop()
    ok = not results and qpkt == 23246 and hold == 9297
    print("richards", scale, "qpkt", qpkt, "hold", hold, "ok" if ok else "MISMATCH")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SCALE)
