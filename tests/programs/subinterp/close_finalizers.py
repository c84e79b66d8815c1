# subinterp: closing an interpreter runs the __del__ of its objects (in a global, in a cycle) inside that interpreter, with their module globals still there
from _interp_compat import interpreters

q = interpreters.create_queue()
interp = interpreters.create()
interp.prepare_main(q=q)
interp.exec("""if True:
    import sys
    class Node:
        def __init__(self, name):
            self.name = name
            self.me = self
        def __del__(self):
            q.put(('finalized', self.name, type(sys).__name__))
    a = Node('kept in a global')
    Node('in a cycle only')
""")
interp.close()
got = []
while not q.empty():
    got.append(q.get_nowait())
# Items put by an interpreter that is closed by the time they are read
# are unbound (3.14's default unbounditems).
print(len(got), sorted(type(x).__name__ for x in got))
