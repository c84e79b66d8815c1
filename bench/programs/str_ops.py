# bench: string building, splitting, joining, formatting, searching and case/replace methods
import sys

DEFAULT_SCALE = 600000


def main(scale):
    parts = []
    for i in range(scale):
        parts.append("item%d:%s" % (i, "xyz"[i % 3] * (i % 5 + 1)))
    blob = ",".join(parts)
    fields = blob.split(",")
    lengths = 0
    for f in fields:
        name, _, val = f.partition(":")
        lengths += len(name) + len(val)
    upper = blob.upper()
    replaced = blob.replace("xyz", "Q").replace("item", "i")
    found = 0
    pos = blob.find("zz")
    while pos != -1:
        found += 1
        pos = blob.find("zz", pos + 2)
    lines = []
    for i in range(scale // 4):
        lines.append(f"{i:>6}|{i * 7 % 1000:04d}|{i / 7:.3f}|{'ok' if i % 2 else 'no':^4}")
    text = "\n".join(lines)
    words = 0
    for line in text.splitlines():
        words += len(line.strip().split("|"))
    acc = ""
    for i in range(scale // 10):
        acc += chr(97 + i % 26)
        if len(acc) > 50:
            acc = acc[25:]
    rev = 0
    for f in fields[:5000]:
        if f[::-1].startswith("z"):
            rev += 1
    checksum = 0
    for ch in replaced[:50000]:
        checksum = (checksum * 131 + ord(ch)) % 1000000007
    print("str_ops", scale, len(blob), lengths, upper.count("ZZ"), len(replaced), found, words, acc[:10], rev, checksum)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SCALE)
