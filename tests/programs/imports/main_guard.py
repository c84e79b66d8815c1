# imports: if __name__ == "__main__" guard in the running script vs an imported helper
import _helper_mod
def main():
    print("main() running, __name__ =", __name__)
    return 0
if __name__ == "__main__":
    main()
else:
    print("not main")
print(_helper_mod.__name__ != "__main__")
