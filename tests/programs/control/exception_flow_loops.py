# control: exceptions used for control flow in loops, try inside loops
values = ["1", "x", "3", "", "5.5", "7"]
parsed = []
for v in values:
    try:
        parsed.append(int(v))
    except ValueError:
        parsed.append(None)
        continue
    finally:
        parsed.append("|")
print(parsed)
def gen_until_error():
    out = []
    it = iter([1, 2, 3])
    while True:
        try:
            out.append(next(it))
        except StopIteration:
            break
    return out
print(gen_until_error())
attempt = 0
while True:
    try:
        attempt += 1
        if attempt < 3:
            raise ConnectionError("retry")
        print("succeeded on attempt", attempt)
        break
    except ConnectionError as e:
        print("attempt", attempt, "failed:", e)
