# Memory per object: builds 500,000 objects of one kind and keeps them alive
# to the end, so (max RSS - max RSS of "empty") / 500,000 is the cost of one
# object, its list slot or dict entry included.
#
#   for k in empty str12 str30 dictint dictstr split; do
#     /usr/bin/time -f "$k %M" BINARY bench/micro/per_object_memory.py $k
#   done
import sys

n = 500000
kind = sys.argv[1]
if kind == "empty":
    xs = None
elif kind == "str12":
    xs = ["k%011d" % i for i in range(n)]
elif kind == "str30":
    xs = ["k%029d" % i for i in range(n)]
elif kind == "dictint":
    xs = {i: None for i in range(n)}
elif kind == "dictstr":
    ks = ["k%011d" % i for i in range(n)]
    xs = {k: 1 for k in ks}
elif kind == "split":
    xs = ",".join(["k%011d" % i for i in range(n)]).split(",")
print(kind)
