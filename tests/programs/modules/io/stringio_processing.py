# modules/io: StringIO as a file-like object for parsing and building reports; truncate/seek/write positions
import io
data = io.StringIO("name,qty\nwidget,3\ngadget,10\n\nbolt,7\n")
header = data.readline().strip().split(",")
rows = []
for line in data:
    line = line.strip()
    if line:
        rows.append(dict(zip(header, line.split(","))))
print(header, rows)
out = io.StringIO()
for r in rows:
    out.write(f"{r['name']:>8}: {'#' * int(r['qty'])}\n")
print(out.getvalue(), end="")
buf = io.StringIO()
buf.write("hello world")
buf.seek(6)
buf.write("WORLD")
print(buf.getvalue())
buf.seek(5)
buf.truncate()
print(repr(buf.getvalue()), buf.tell())
buf.write("!")
print(repr(buf.getvalue()))
lines = io.StringIO("a\nb\nc")
print(lines.read(1), lines.readline(), lines.readlines())
