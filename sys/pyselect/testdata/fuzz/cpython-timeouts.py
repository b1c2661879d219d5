import os, select, sys
r, w = os.pipe(); os.write(w, b"x")
floats = [0.0, -0.0, 1e-9, 1e-7, 5e-324, -5e-324, -1e-300, 0.0005, -0.0009, -0.001, -0.0011, 0.001, -1.0, 2147483.647,
          2147483.648, -2147483.648, -2147483.6481, 2147483647.0, 2147483647.5, 2147483648.0, -2147483648.0, -2147483649.0,
          9223372036.85, 9223372036.86, 9223372036854.0, 9223372036855.0, 1e300, -1e300, float("inf"), float("-inf"), float("nan"), 1.7976931348623157e308]
ints = [0, 1, -1, 2, -2, 1000, 2147483, 2147484, -2147484, 2147483647, 2147483648, -2147483648, -2147483649,
        9223372036, 9223372037, -9223372036, -9223372037, 9223372036854, 9223372036855, 9223372036854775807, -9223372036854775808]
def outcome(f):
    try:
        f(); return "ok"
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)
p = select.poll(); p.register(r, select.POLLIN)
ep = select.epoll(); ep.register(r, select.EPOLLIN)
print("# python3 %s: api kind value -> outcome, with a ready fd (python3 testdata/fuzz/cpython-timeouts.py)" % sys.version.split()[0])
for kind, vals in (("float", floats), ("int", ints)):
    for v in vals:
        for api, f in (("select", lambda: select.select([r], [], [], v)), ("poll", lambda: p.poll(v)), ("epoll", lambda: ep.poll(v))):
            print("%s\t%s\t%r\t%s" % (api, kind, v, outcome(f)))
