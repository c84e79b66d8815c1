# modules/operator: arithmetic/comparison functions, itemgetter, attrgetter, methodcaller
import operator as op
print(op.add(2, 3), op.sub(2, 3), op.mul(2, 3), op.truediv(7, 2), op.floordiv(7, 2), op.mod(7, 2), op.pow(2, 5), op.neg(4), op.pos(-4), op.abs(-3))
print(op.eq(1, 1), op.ne(1, 2), op.lt(1, 2), op.le(2, 2), op.gt(1, 2), op.ge(3, 2), op.not_(0), op.truth([]), op.is_(None, None), op.is_not(1, None))
print(op.and_(6, 3), op.or_(6, 3), op.xor(6, 3), op.invert(5), op.lshift(1, 4), op.rshift(32, 2), op.concat([1], [2]), op.contains("abc", "b"))
print(op.getitem([10, 20], 1), op.countOf([1, 1, 2], 1), op.indexOf("abc", "c"))
lst = [1, 2, 3]
op.setitem(lst, 0, 100); op.delitem(lst, 1)
print(lst)
rows = [("bob", 30, "NY"), ("amy", 25, "LA"), ("cal", 30, "SF")]
print(sorted(rows, key=op.itemgetter(1, 0)), op.itemgetter(2)(rows[0]), op.itemgetter(0, 2)(rows[1]))
print(list(map(op.itemgetter("k"), [{"k": 1}, {"k": 2}])), op.itemgetter(slice(1, 3))("abcd"))
class P:
    def __init__(self, name, addr):
        self.name = name
        self.addr = addr
class A:
    def __init__(self, city):
        self.city = city
people = [P("x", A("Rome")), P("y", A("Oslo"))]
print([op.attrgetter("addr.city")(p) for p in people], op.attrgetter("name", "addr.city")(people[0]))
print(sorted(people, key=op.attrgetter("addr.city"))[0].name)
print(op.methodcaller("upper")("abc"), op.methodcaller("split", ",")("a,b"), op.methodcaller("replace", "a", "o")("banana"), op.methodcaller("split", maxsplit=1)("a b c"))
x = [1]
x = op.iadd(x, [2]); print(x, op.index(5))
print(op.length_hint([1, 2, 3]), op.length_hint(iter([]), 7))
