# subinterp: dropping the last reference to an interpreter made by create() destroys it (CPython does it in Interpreter.__del__)
from _interp_compat import interpreters

main = interpreters.get_main()
a = interpreters.create()
# dropping the last reference to a created interpreter destroys it
d = interpreters.create()
d_id = d.id
print("d listed:", d_id in [i.id for i in interpreters.list_all()])
del d
print("d listed after del:", d_id in [i.id for i in interpreters.list_all()])
print("ids keep increasing:", interpreters.create().id > d_id)
print("final list_all:", [i.id for i in interpreters.list_all()] == [main.id, a.id])
