# Built-in and native types reject setting and deleting attributes (they
# are shared by every thread); classes, including subclasses of built-in
# types, accept both.
import collections


def attempt(label, f):
    try:
        f()
        print(label, "ok")
    except (TypeError, AttributeError) as e:
        print(label, type(e).__name__ + ":", e)


def del_int_method():
    del int.bit_length


def set_int_attr():
    int.x = 1


def set_deque_attr():
    collections.deque.x = 1


def del_deque_method():
    del collections.deque.append


def del_list_method():
    del list.append


def setattr_str():
    setattr(str, "upper", None)


def delattr_dict():
    delattr(dict, "get")


def del_object_attr():
    del object.__repr__


for f in [del_int_method, set_int_attr, set_deque_attr, del_deque_method,
          del_list_method, setattr_str, delattr_dict, del_object_attr]:
    attempt(f.__name__, f)
print((5).bit_length(), [1].append(2), "a".upper(), {}.get(1))


class MyList(list):
    pass


MyList.extra = 7
print(MyList.extra, MyList().extra)
del MyList.extra
print(hasattr(MyList, "extra"))


class Plain:
    x = 1


del Plain.x
attempt("del missing", lambda: delattr(Plain, "x"))
Plain.y = 2
print(Plain.y)
