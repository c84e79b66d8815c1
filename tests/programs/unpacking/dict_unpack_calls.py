# unpacking: building kwargs dicts, merging defaults, forwarding *args/**kwargs through wrappers
def connect(host, port=80, *, timeout=10, retries=3):
    return f"{host}:{port} timeout={timeout} retries={retries}"
defaults = {"port": 8080, "timeout": 5}
override = {"retries": 1}
print(connect("a", **defaults), connect("b", **{**defaults, **override}), connect(*("c", 22)))
def forward(*args, **kwargs):
    return connect(*args, **kwargs)
print(forward("d", timeout=1), forward(host="e"))
def collect(*args, **kwargs):
    return args, dict(sorted(kwargs.items()))
print(collect(*range(3), *[9], z=1, **{"a": 2}))
opts = dict(sep="|", end="!\n")
print("x", "y", "z", **opts)
