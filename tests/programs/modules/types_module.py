# The types module: ModuleType(name, doc), SimpleNamespace, and the names of built-in types.
import types, sys
m = types.ModuleType('fake', 'docs')
print(m.__name__, m.__doc__, isinstance(m, types.ModuleType), type(sys) is types.ModuleType)
ns = types.SimpleNamespace(a=1, b="x")
print(ns, ns.a, ns == types.SimpleNamespace(a=1, b="x"))
def f(): pass
print(isinstance(f, types.FunctionType), isinstance(len, types.BuiltinFunctionType), types.NoneType)
try:
    types.ModuleType()
except TypeError as e: print(e)
