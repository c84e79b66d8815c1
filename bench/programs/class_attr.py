# bench: method calls and attribute access on instances (getters, setters, properties, inheritance)
import sys

DEFAULT_SCALE = 900000


class Vector:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, other):
        return Vector(self.x + other.x, self.y + other.y)

    def scale(self, k):
        self.x *= k
        self.y *= k
        return self

    def dot(self, other):
        return self.x * other.x + self.y * other.y


class Particle:
    count = 0

    def __init__(self, ident):
        self.ident = ident
        self.pos = Vector(ident % 10, ident % 7)
        self.vel = Vector(1, -1)
        self._mass = 1 + ident % 3
        Particle.count += 1

    @property
    def mass(self):
        return self._mass

    @mass.setter
    def mass(self, v):
        self._mass = v

    def step(self):
        self.pos = self.pos.add(self.vel)
        return self

    def energy(self):
        return self.mass * self.vel.dot(self.vel)


class Heavy(Particle):
    def energy(self):
        return 2 * super().energy()


class Counter:
    def __init__(self):
        self.value = 0

    def inc(self):
        self.value += 1

    def get(self):
        return self.value


def main(scale):
    ps = [Heavy(i) if i % 4 == 0 else Particle(i) for i in range(100)]
    total = 0
    rounds = scale // 100
    for r in range(rounds):
        for p in ps:
            p.step()
            total += p.energy()
            if r % 50 == 0:
                p.mass = p.mass + 1
    c = Counter()
    for _ in range(scale):
        c.inc()
    v = Vector(1, 2)
    for _ in range(scale // 10):
        v.scale(1).add(v)
    s = sum(p.pos.x + p.pos.y for p in ps)
    print("class_attr", scale, total, c.get(), s, Particle.count, v.x, v.y)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SCALE)
