"""Numeric float work split by system: many independent small n-body simulations, whose float results are exact because each one runs in the same order in every model.

Each of a fixed number of systems (5 bodies, initial positions and
velocities from an inline LCG seeded by the system's index) is advanced with
the leapfrog scheme of the classic benchmark; the answer holds each
system's final energy. Floats are fine in an answer when every value is
computed by the same operations in the same order wherever it runs: here a
system is never split between workers, and combine() orders systems by
index before summing.

Expected winner: free threads and subinterpreters (near N x); GIL threads
1x. Float-heavy code allocates a float object per operation, so this also
shows how each runtime's allocator scales across threads.

Answer: (systems, per-system final energies). check() recomputes the first
and last systems and verifies energy conservation (|dE/E0| < 1e-3).
"""

CATEGORY = "numeric"
SYSTEMS = 16
BODIES = 5
M = 2147483647


def setup(scale):
    return {"steps": int(700 * scale) or 1, "systems": SYSTEMS, "dt": 0.001}


def _initial(s):
    x = (s * 7919 + 17) % M or 1
    bodies = []
    for b in range(BODIES):
        vals = []
        for _ in range(7):
            x = x * 48271 % M
            vals.append(x / M)
        px, py, pz, vx, vy, vz, m = vals
        bodies.append([px * 10.0 - 5.0, py * 10.0 - 5.0, pz * 10.0 - 5.0,
                       vx - 0.5, vy - 0.5, vz - 0.5, 0.5 + m])
    return bodies


def _energy(bodies):
    e = 0.0
    n = len(bodies)
    for i in range(n):
        xi, yi, zi, vxi, vyi, vzi, mi = bodies[i]
        e += 0.5 * mi * (vxi * vxi + vyi * vyi + vzi * vzi)
        for j in range(i + 1, n):
            xj, yj, zj = bodies[j][0], bodies[j][1], bodies[j][2]
            dx, dy, dz = xi - xj, yi - yj, zi - zj
            e -= mi * bodies[j][6] / (dx * dx + dy * dy + dz * dz) ** 0.5
    return e


def simulate(s, steps, dt):
    bodies = _initial(s)
    e0 = _energy(bodies)
    n = len(bodies)
    pairs = [(bodies[i], bodies[j]) for i in range(n) for j in range(i + 1, n)]
    for _ in range(steps):
        for b1, b2 in pairs:
            dx = b1[0] - b2[0]
            dy = b1[1] - b2[1]
            dz = b1[2] - b2[2]
            d2 = dx * dx + dy * dy + dz * dz + 0.01
            mag = dt / (d2 * d2 ** 0.5)
            m1 = b1[6] * mag
            m2 = b2[6] * mag
            b1[3] -= dx * m2
            b1[4] -= dy * m2
            b1[5] -= dz * m2
            b2[3] += dx * m1
            b2[4] += dy * m1
            b2[5] += dz * m1
        for b in bodies:
            b[0] += dt * b[3]
            b[1] += dt * b[4]
            b[2] += dt * b[5]
    return e0, _energy(bodies)


def work(data, worker, workers):
    steps, dt = data["steps"], data["dt"]
    out = []
    for s in range(worker, data["systems"], workers):
        e0, e1 = simulate(s, steps, dt)
        out.append((s, e1))
    return out


def combine(parts):
    systems = sorted(r for p in parts for r in p)
    return (len(systems), tuple(e for _s, e in systems))


def check(answer, scale):
    data = setup(scale)
    n, energies = answer
    if n != SYSTEMS or len(energies) != SYSTEMS:
        raise AssertionError("expected %d systems, got %d" % (SYSTEMS, n))
    for s in (0, SYSTEMS - 1):
        e0, e1 = simulate(s, data["steps"], data["dt"])
        if e1 != energies[s]:
            raise AssertionError("system %d: energy %r, recomputed %r" % (s, energies[s], e1))
        if abs((e1 - e0) / e0) > 1e-3:
            raise AssertionError("system %d: energy drifted from %r to %r" % (s, e0, e1))
