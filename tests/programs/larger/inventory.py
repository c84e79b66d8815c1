# larger: inventory system with dataclass-like classes written by hand (fields, repr, eq, ordering), orders and reports
def record(*fields, defaults=None):
    defaults = defaults or {}
    def deco(cls):
        def __init__(self, *args, **kw):
            if len(args) > len(fields):
                raise TypeError(f"{cls.__name__} takes {len(fields)} fields")
            values = dict(zip(fields, args))
            for k, v in kw.items():
                if k not in fields:
                    raise TypeError(f"unknown field {k}")
                if k in values:
                    raise TypeError(f"duplicate field {k}")
                values[k] = v
            for f in fields:
                if f not in values:
                    if f in defaults:
                        d = defaults[f]
                        values[f] = d() if callable(d) else d
                    else:
                        raise TypeError(f"missing field {f}")
                setattr(self, f, values[f])
            if hasattr(self, "__post_init__"):
                self.__post_init__()
        def __repr__(self):
            return f"{cls.__name__}(" + ", ".join(f"{f}={getattr(self, f)!r}" for f in fields) + ")"
        def __eq__(self, other):
            if type(other) is not type(self):
                return NotImplemented
            return all(getattr(self, f) == getattr(other, f) for f in fields)
        def __lt__(self, other):
            return tuple(getattr(self, f) for f in fields) < tuple(getattr(other, f) for f in fields)
        cls.__init__ = __init__
        cls.__repr__ = __repr__
        cls.__eq__ = __eq__
        cls.__lt__ = __lt__
        cls.__hash__ = None
        cls._fields = fields
        return cls
    return deco

@record("sku", "name", "price", "qty", "tags", defaults={"qty": 0, "tags": list})
class Item:
    def __post_init__(self):
        if self.price < 0:
            raise ValueError(f"negative price for {self.sku}")
    @property
    def value(self):
        return round(self.price * self.qty, 2)

@record("order_id", "lines", "status", defaults={"status": "new"})
class Order:
    def total(self, inv):
        return round(sum(inv.items[sku].price * n for sku, n in self.lines), 2)

class OutOfStock(Exception):
    pass

class Inventory:
    def __init__(self):
        self.items = {}
        self.events = []
    def add(self, item):
        if item.sku in self.items:
            self.items[item.sku].qty += item.qty
            self.events.append(("restock", item.sku, item.qty))
        else:
            self.items[item.sku] = item
            self.events.append(("new", item.sku, item.qty))
    def fulfil(self, order):
        missing = [(sku, n) for sku, n in order.lines if sku not in self.items or self.items[sku].qty < n]
        if missing:
            order.status = "backordered"
            raise OutOfStock(", ".join(f"{sku} x{n}" for sku, n in missing))
        for sku, n in order.lines:
            self.items[sku].qty -= n
        order.status = "shipped"
        self.events.append(("ship", order.order_id, len(order.lines)))
    def report(self):
        rows = sorted(self.items.values(), key=lambda i: (-i.value, i.sku))
        print(f"{'SKU':<6}{'NAME':<14}{'PRICE':>8}{'QTY':>5}{'VALUE':>10}")
        for i in rows:
            print(f"{i.sku:<6}{i.name:<14}{i.price:>8.2f}{i.qty:>5}{i.value:>10.2f}")
        print(f"{'':<6}{'TOTAL':<14}{'':>8}{sum(i.qty for i in rows):>5}{sum(i.value for i in rows):>10.2f}")
    def by_tag(self):
        out = {}
        for i in self.items.values():
            for t in i.tags:
                out.setdefault(t, []).append(i.sku)
        return {t: sorted(v) for t, v in sorted(out.items())}

inv = Inventory()
inv.add(Item("A1", "widget", 2.50, 100, ["small", "metal"]))
inv.add(Item("B2", "gadget", 12.99, 15, ["metal"]))
inv.add(Item("C3", "doohickey", 0.35, qty=1000, tags=["small", "plastic"]))
inv.add(Item("D4", "thingamajig", 99.0))
inv.add(Item("A1", "widget", 2.50, 20))
print(inv.items["A1"], inv.items["D4"])
print(Item("X", "x", 1) == Item("X", "x", 1), Item("X", "x", 1) == Item("X", "x", 2), sorted([Item("b", "", 1), Item("a", "", 2)]))
for bad in [lambda: Item("E5", "bad", -1), lambda: Item("E5"), lambda: Item("E5", "n", 1, 1, [], 9), lambda: Item("E5", "n", 1, color="red"), lambda: Item("E5", "n", 1, sku="x")]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
orders = [Order(1, [("A1", 10), ("B2", 2)]), Order(2, [("C3", 999), ("D4", 1)]), Order(3, [("A1", 200)]), Order(4, [("C3", 1), ("B2", 13)])]
for o in orders:
    try:
        inv.fulfil(o)
        print("order", o.order_id, "shipped, total", o.total(inv))
    except OutOfStock as e:
        print("order", o.order_id, "out of stock:", e)
print([o.status for o in orders])
inv.report()
print(inv.by_tag())
print(inv.events)
