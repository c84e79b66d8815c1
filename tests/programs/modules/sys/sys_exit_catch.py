# modules/sys: sys.exit inside try catching SystemExit, exit codes and messages, finally runs
import sys
for arg in [None, 0, 3, "message"]:
    try:
        if arg is None:
            sys.exit()
        sys.exit(arg)
    except SystemExit as e:
        print("SystemExit", repr(e.code), e.args)
    finally:
        print("finally after exit", arg)
try:
    raise SystemExit(7)
except SystemExit as e:
    print("code", e.code)
try:
    sys.exit(1)
except Exception:
    print("not reached: SystemExit is not an Exception")
except BaseException as e:
    print("BaseException caught", type(e).__name__)
print(issubclass(SystemExit, Exception), issubclass(SystemExit, BaseException))
