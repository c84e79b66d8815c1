# exceptions: bare raise re-raising, re-raise after logging, raise in except of different type
log = []
def inner():
    raise ValueError("original")
def middle():
    try:
        inner()
    except ValueError:
        log.append("middle saw it")
        raise
try:
    middle()
except ValueError as e:
    print("outer:", e, log)
def convert():
    try:
        inner()
    except ValueError as e:
        raise TypeError("converted: " + str(e))
try:
    convert()
except TypeError as e:
    print(e, type(e.__context__).__name__)
def reraise_later():
    try:
        raise KeyError("saved")
    except KeyError as e:
        saved = e
    print("stored", repr(saved))
    raise saved
try:
    reraise_later()
except KeyError as e:
    print("got back", e)
try:
    raise
except RuntimeError as e:
    print("RuntimeError", e)
def nested_reraise():
    try:
        raise ValueError("first")
    except ValueError:
        try:
            raise KeyError("second")
        except KeyError:
            pass
        raise
try:
    nested_reraise()
except Exception as e:
    print("nested", type(e).__name__, e)
