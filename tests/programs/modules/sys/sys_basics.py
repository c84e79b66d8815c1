# modules/sys: argv, path is a list, version_info, maxsize, byteorder-free checks, modules
import sys
print(type(sys.argv).__name__, len(sys.argv), sys.argv[0].endswith("sys_basics.py"))
print(type(sys.path).__name__, all(isinstance(p, str) for p in sys.path))
print(sys.version_info[0], sys.version_info.major >= 3, type(sys.version).__name__)
print(sys.maxsize == 2 ** 63 - 1, sys.maxsize > 2 ** 31)
print("sys" in sys.modules, type(sys.modules).__name__)
print(sys.platform in ("linux", "darwin", "win32"), type(sys.executable).__name__)
print(sys.float_info.max == 1.7976931348623157e308, sys.float_info.epsilon == 2.220446049250313e-16)
print(sys.getrecursionlimit() > 0)
