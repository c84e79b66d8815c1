# formatting: fill and alignment with strings, unicode and truncation precision
for s in ["a", "héllo", "日本", ""]:
    print(f"[{s:<8}][{s:>8}][{s:^8}][{s:-^9}][{s:.2}]")
print(f"[{'abc':x<6}] [{'abc':0>6}] [{'abc':=^7}]")
print("[{:10.3}]".format("truncate"))
print("[%-6s][%6s]" % ("ab", "cd"))
print(f"[{123:<6}] [{-1.5:^9}] [{'s':>{3}}]")
