#!/usr/bin/env python3
"""Writes timeouts.json: what CPython's select module makes of each timeout.

For every input and every API (select.select, poll.poll, epoll.poll) it
records either the exception the real call raises (class and message) or
the value the kernel is given: microseconds for select, milliseconds for
poll and epoll (-1 = block). The values come from CPython's own pytime
functions through _testcapi where they are exposed (seconds), and from
the same double arithmetic for poll's milliseconds. Errors always come from
calling the real API, which raises before it waits.

    python3 sys/pyselect/testdata/timeouts.py > sys/pyselect/testdata/timeouts.json
"""
import json
import math
import platform
import select
import sys

import _testcapi as capi

UP, CEILING = 3, 1  # _PyTime_ROUND_UP, _PyTime_ROUND_CEILING

INPUTS = [
    None, 0, 1, -1, 5, 1000, -1000, True, False,
    2**31 - 1, 2**31, -2**31, -2**31 - 1, 2147483, 2147484, -2147484,
    9223372036, 9223372037, -9223372036, -9223372037, 2**63 - 1, -2**63, 2**64 - 1,
    0.0, -0.0, 1e-9, 1e-7, 1e-6, 5e-7, 0.0005, 0.001, 0.0015, 0.5, 1.5, 0.1,
    -1e-300, -1e-100, -1e-9, -0.0009, -0.001, -0.0011, -0.5, -1.0, -0.1,
    2147483.647, 2147483.648, -2147483.648, -2147483.649, 2147483647.0,
    2147483647.5, -2147483648.0, -2147483648.5,
    9223372036.85, 9223372036.86, 9.2e12, 9.3e12, 1e300, -1e300,
    float("inf"), float("-inf"), float("nan"), "x",
]


def encode(v):
    if v is None:
        return {"none": True}
    if isinstance(v, bool):
        return {"bool": v}
    if isinstance(v, int):
        return {"int": str(v)}
    if isinstance(v, float):
        return {"float": repr(v)}
    return {"str": v}


def error(call):
    try:
        call()
    except Exception as e:
        return {"error": type(e).__name__, "message": str(e)}
    raise AssertionError("expected the call to raise")


def select_result(v):
    if v is None:
        return {"block": True}
    try:
        ns = capi.PyTime_FromSecondsObject(v, UP)
        sec, usec = capi.PyTime_AsTimeval(ns, UP)
    except Exception:
        return error(lambda: select.select([], [], [], v))
    if sec < 0:
        return error(lambda: select.select([], [], [], v))
    return {"kernel": sec * 10**6 + usec}


def ms_from_object(v):
    """_PyTime_FromMillisecondsObject then _PyTime_AsMilliseconds(ROUND_UP)."""
    if isinstance(v, float):
        d = v * 1e6
        d = math.ceil(d) if d >= 0 else math.floor(d)
        ns = int(d)
    else:
        ns = int(v) * 10**6
    q = abs(ns) // 10**6 + (1 if abs(ns) % 10**6 else 0)
    return q if ns >= 0 else -q


def poll_result(v):
    if v is None:
        return {"block": True}
    p = select.poll()
    if (isinstance(v, str) or (isinstance(v, float) and not math.isfinite(v))
            or (isinstance(v, float) and abs(v * 1e6) >= 2**63)
            or (isinstance(v, int) and not -2**63 <= v * 10**6 < 2**63)):
        return error(lambda: p.poll(v))
    ms = ms_from_object(v)
    if not -2**31 <= ms < 2**31:
        return error(lambda: p.poll(v))
    return {"block": True} if ms < 0 else {"kernel": ms}


def epoll_result(v):
    if v is None:
        return {"block": True}
    ep = select.epoll()
    try:
        try:
            ns = capi.PyTime_FromSecondsObject(v, UP)
            ms = capi.PyTime_AsMilliseconds(ns, CEILING)
        except Exception:
            return error(lambda: ep.poll(v))
        if not -2**31 <= ms < 2**31:
            return error(lambda: ep.poll(v))
        return {"block": True} if ms < 0 else {"kernel": ms}
    finally:
        ep.close()


rows = [{"input": encode(v), "select": select_result(v), "poll": poll_result(v),
         "epoll": epoll_result(v)} for v in INPUTS]
print(json.dumps({"python": platform.python_version(), "rows": rows}, indent=1))
