# modules/random: independent Random instances, state save/restore, monte carlo with seed
import random
r1 = random.Random(123)
r2 = random.Random(123)
print([r1.random() for _ in range(3)] == [r2.random() for _ in range(3)])
print(r1.randint(1, 100), r2.randint(1, 100))
state = r1.getstate()
x = [r1.random() for _ in range(3)]
r1.setstate(state)
y = [r1.random() for _ in range(3)]
print(x == y, x)
rng = random.Random(2024)
inside = 0
N = 20000
for _ in range(N):
    px, py = rng.random(), rng.random()
    if px * px + py * py <= 1:
        inside += 1
print(inside, 4 * inside / N)
rng.seed(5)
walk = 0
pos = []
for _ in range(30):
    walk += rng.choice((-1, 1))
    pos.append(walk)
print(pos)
