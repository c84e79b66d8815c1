# formatting: building aligned tables with nested format specs
rows = [("apple", 3, 0.5), ("banana", 12, 0.25), ("cherry", 100, 2.75), ("kiwi", 7, 1.125)]
w = max(len(r[0]) for r in rows)
print(f"{'item':<{w}} | {'qty':>5} | {'price':>8} | {'total':>9}")
print("-" * (w + 31))
grand = 0
for name, qty, price in rows:
    total = qty * price
    grand += total
    print(f"{name:<{w}} | {qty:>5d} | {price:>8.3f} | {total:>9,.2f}")
print("=" * (w + 31))
print(f"{'TOTAL':<{w}} | {sum(r[1] for r in rows):>5} | {'':>8} | {grand:>9,.2f}")
for width in range(3, 9, 2):
    print(f"[{'x':^{width}}] [{width:0{width}d}]")
print("%-10s|%10s|" % ("left", "right"))
