# modules/sys: getrecursionlimit/setrecursionlimit and catching RecursionError
import sys
old = sys.getrecursionlimit()
print(type(old).__name__)
sys.setrecursionlimit(5000)
print(sys.getrecursionlimit())
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(3000))
sys.setrecursionlimit(200)
try:
    depth(1000)
except RecursionError as e:
    print("RecursionError caught")
sys.setrecursionlimit(old)
print(sys.getrecursionlimit() == old)
print(depth(500))
