# modules/functools: lru_cache (maxsize, cache_info, cache_clear), cache
from functools import lru_cache, cache
calls = 0
@lru_cache(maxsize=None)
def fib(n):
    global calls
    calls += 1
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(100), calls)
print(fib.cache_info())
fib.cache_clear()
print(fib.cache_info())
@lru_cache(maxsize=2)
def sq(x):
    print("computing", x)
    return x * x
print(sq(1), sq(2), sq(1), sq(3), sq(2), sq(1))
print(sq.cache_info().hits, sq.cache_info().misses, sq.cache_info().currsize)
@cache
def ways(n, k):
    if n == 0:
        return 1
    if n < 0 or k == 0:
        return 0
    return ways(n - k, k) + ways(n, k - 1)
print(ways(100, 100), ways(50, 50))
@lru_cache
def plain(a, b=1):
    return a + b
print(plain(1), plain(1, 2), plain(1, b=2), plain.cache_info().misses)
