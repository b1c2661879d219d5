// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"errors"
	"math"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/internal/pytime"
)

// The C layouts the rules are tested against, whatever OS runs the test:
// CPython on FreeBSD/macOS amd64, NetBSD amd64, and FreeBSD 386.
var (
	abiFreeBSD64 = keventABI{ptrBits: 64, dataBits: 64, readFilter: -1, evAdd: 1}
	abiNetBSD64  = keventABI{ptrBits: 64, filter32: true, dataBits: 64, readFilter: 0, evAdd: 1}
	abiFreeBSD32 = keventABI{ptrBits: 32, dataBits: 32, readFilter: -1, evAdd: 1, time32: true}
)

// A fileObj is a Python object with a fileno() method that is no int.
type fileObj struct{ fd int }

func (f fileObj) Fileno() int { return f.fd }

type namedInt int16

// TestKeventDefaults is test_kqueue.py test_create_event's first block:
// kevent(fd) is ident=fd, filter=KQ_FILTER_READ, flags=KQ_EV_ADD, the
// rest 0 — Python's defaults, not Go's zero values.
func TestKeventDefaults(t *testing.T) {
	for _, abi := range []keventABI{abiFreeBSD64, abiNetBSD64} {
		f, err := abi.newKevent(5, nil)
		want := kfields{Ident: 5, Filter: abi.readFilter, Flags: uint32(abi.evAdd)}
		if err != nil || f != want {
			t.Errorf("newKevent(5) = %+v, %v; want %+v", f, err, want)
		}
	}
}

// TestKeventArgs is test_create_event's round trips and bpo-11973:
// kevent(1, 2, 3, 4, 5, 6), the 0x7fff values, flags=0xffff and
// fflags=0xffffffff read back unchanged; and the masking CPython's "H",
// "I" and "K" formats apply.
func TestKeventArgs(t *testing.T) {
	tests := []struct {
		abi   keventABI
		ident any
		args  []int64
		want  kfields
	}{
		{abiFreeBSD64, 1, []int64{2, 3, 4, 5, 6}, kfields{1, 2, 3, 4, 5, 6}},
		{abiFreeBSD64, 0x7fff, []int64{1, 2, 3, 0x7ffe, 0x7fff}, kfields{0x7fff, 1, 2, 3, 0x7ffe, 0x7fff}},
		{abiFreeBSD64, 1, []int64{-1, 0xffff, 0xffffffff}, kfields{1, -1, 0xffff, 0xffffffff, 0, 0}},
		{abiFreeBSD64, 1, []int64{-32768, -1, -1, math.MinInt64, -1}, kfields{1, -32768, 0xffff, 0xffffffff, math.MinInt64, math.MaxUint64}},
		{abiFreeBSD64, 1, []int64{32767, 0x12345}, kfields{1, 32767, 0x2345, 0, 0, 0}},
		{abiNetBSD64, 1, []int64{-1, 0x12345}, kfields{1, 0xffffffff, 0x12345, 0, 0, 0}},
		{abiNetBSD64, 1, []int64{1 << 40, -1}, kfields{1, 0, 0xffffffff, 0, 0, 0}},
		{abiFreeBSD32, 1, []int64{-1, 0, 0, math.MaxInt32, -1}, kfields{1, -1, 0, 0, math.MaxInt32, 0xffffffff}},
		{abiFreeBSD32, uint32(math.MaxUint32), nil, kfields{math.MaxUint32, -1, 1, 0, 0, 0}},
		{abiFreeBSD64, uint64(math.MaxUint64), nil, kfields{math.MaxUint64, -1, 1, 0, 0, 0}},
		{abiFreeBSD64, true, nil, kfields{1, -1, 1, 0, 0, 0}},
		{abiFreeBSD64, namedInt(7), nil, kfields{7, -1, 1, 0, 0, 0}},
		{abiFreeBSD64, fileObj{9}, nil, kfields{9, -1, 1, 0, 0, 0}},
	}
	for _, tt := range tests {
		got, err := tt.abi.newKevent(tt.ident, tt.args)
		if err != nil || got != tt.want {
			t.Errorf("%+v newKevent(%v, %v) = %+v, %v; want %+v", tt.abi, tt.ident, tt.args, got, err, tt.want)
		}
	}
}

// TestKeventIdentFile: an object with a file descriptor is converted as
// every fd argument is (test_kqueue.py testPair passes sockets).
func TestKeventIdentFile(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	want, err := fdOf(r)
	if err != nil {
		t.Fatal(err)
	}
	got, err := abiFreeBSD64.newKevent(r, nil)
	if err != nil || got.Ident != uint64(want) {
		t.Errorf("newKevent(*os.File) = %+v, %v; want ident %d", got, err, want)
	}
}

// TestKeventErrors: the exceptions of kevent(): PyLong_AsSize_t for an
// int ident, PyObject_AsFileDescriptor for anything else, "h" for filter,
// a C long for data where intptr_t has 32 bits, and too many arguments.
func TestKeventErrors(t *testing.T) {
	tests := []struct {
		abi   keventABI
		ident any
		args  []int64
		exc   builtins.Exception
		msg   string
	}{
		{abiFreeBSD64, -1, nil, builtins.OverflowError, "can't convert negative value to size_t"},
		{abiFreeBSD64, int8(-1), nil, builtins.OverflowError, "can't convert negative value to size_t"},
		{abiFreeBSD32, uint64(1 << 32), nil, builtins.OverflowError, "Python int too large to convert to C size_t"},
		{abiFreeBSD32, int64(1 << 40), nil, builtins.OverflowError, "Python int too large to convert to C size_t"},
		{abiFreeBSD64, "3", nil, builtins.TypeError, "argument must be an int, or have a fileno() method."},
		{abiFreeBSD64, 1.0, nil, builtins.TypeError, "argument must be an int, or have a fileno() method."},
		{abiFreeBSD64, nil, nil, builtins.TypeError, "argument must be an int, or have a fileno() method."},
		{abiFreeBSD64, fileObj{-1}, nil, builtins.ValueError, "file descriptor cannot be a negative integer (-1)"},
		{abiFreeBSD64, 1, []int64{32768}, builtins.OverflowError, "signed short integer is greater than maximum"},
		{abiFreeBSD64, 1, []int64{-32769}, builtins.OverflowError, "signed short integer is less than minimum"},
		{abiFreeBSD32, 1, []int64{0, 0, 0, 1 << 31}, builtins.OverflowError, "Python int too large to convert to C long"},
		{abiFreeBSD32, 1, []int64{0, 0, 0, -1<<31 - 1}, builtins.OverflowError, "Python int too large to convert to C long"},
		{abiFreeBSD64, 1, []int64{1, 2, 3, 4, 5, 6}, builtins.TypeError, "kevent() takes at most 6 arguments (7 given)"},
	}
	for _, tt := range tests {
		_, err := tt.abi.newKevent(tt.ident, tt.args)
		var e *builtins.Error
		if !errors.As(err, &e) || e.Exception != tt.exc || e.Message != tt.msg {
			t.Errorf("newKevent(%v, %v) = %v; want %s: %s", tt.ident, tt.args, err, tt.exc, tt.msg)
		}
	}
}

// TestKeventCompare is test_create_event's ordering: the six fields in
// order, in their C types: a signed filter (KQ_FILTER_READ -1 >
// KQ_FILTER_WRITE -2), NetBSD's unsigned one, udata as intptr_t, and
// values outside a field's C type compared as the C type holds them.
func TestKeventCompare(t *testing.T) {
	tests := []struct {
		abi  keventABI
		a, b kfields
		want int
	}{
		{abiFreeBSD64, kfields{Ident: 3}, kfields{Ident: 3}, 0},
		{abiFreeBSD64, kfields{Ident: 3}, kfields{Ident: 1000}, -1},
		{abiFreeBSD64, kfields{Ident: math.MaxUint64}, kfields{Ident: 0}, 1},
		{abiFreeBSD64, kfields{Ident: 3, Filter: -1}, kfields{Ident: 3, Filter: -2}, 1},
		{abiNetBSD64, kfields{Ident: 3, Filter: 0xffffffff}, kfields{Ident: 3, Filter: 0}, 1},
		{abiFreeBSD64, kfields{Filter: 1, Flags: 0}, kfields{Filter: 0, Flags: 9}, 1},
		{abiFreeBSD64, kfields{Flags: 1}, kfields{Flags: 2}, -1},
		{abiFreeBSD64, kfields{Fflags: 0xffffffff}, kfields{Fflags: 0}, 1},
		{abiFreeBSD64, kfields{Data: -1}, kfields{Data: 0}, -1},
		{abiFreeBSD64, kfields{Udata: math.MaxUint64}, kfields{Udata: 0}, -1},
		{abiFreeBSD32, kfields{Udata: 0xffffffff}, kfields{Udata: 0}, -1},
		{abiFreeBSD32, kfields{Udata: 0x7fffffff}, kfields{Udata: 0}, 1},
		{abiFreeBSD64, kfields{Filter: 0x10000 - 1}, kfields{Filter: -1}, 0},
		{abiFreeBSD64, kfields{Flags: 0x10001}, kfields{Flags: 1}, 0},
		{abiFreeBSD32, kfields{Ident: 1<<32 + 5}, kfields{Ident: 5}, 0},
		{abiNetBSD64, kfields{Flags: 0x10001}, kfields{Flags: 1}, 1},
	}
	for _, tt := range tests {
		if got := tt.abi.compare(tt.a, tt.b); got != tt.want {
			t.Errorf("compare(%+v, %+v) = %d; want %d", tt.a, tt.b, got, tt.want)
		}
		if got := tt.abi.compare(tt.b, tt.a); got != -tt.want {
			t.Errorf("compare(%+v, %+v) = %d; want %d", tt.b, tt.a, got, -tt.want)
		}
	}
}

// TestKqueueTimeout is kqueue.control's timeout rule (conformance/SEMANTICS.md#timeouts, conformance/SEMANTICS.md#kqueue-control): every
// conversion failure is TypeError naming the type, negative values are
// ValueError, and values round away from zero to the nanosecond.
func TestKqueueTimeout(t *testing.T) {
	typeErr := func(name string) *builtins.Error {
		return builtins.TypeError.New("timeout argument must be a number or None, got " + name)
	}
	negErr := builtins.ValueError.New("timeout must be positive or None")
	tests := []struct {
		v      any
		time32 bool
		want   time.Duration
		err    *builtins.Error
	}{
		{nil, false, -1, nil},
		{0, false, 0, nil},
		{0.0, false, 0, nil},
		{math.Copysign(0, -1), false, 0, nil},
		{1, false, time.Second, nil},
		{true, false, time.Second, nil},
		{0.5, false, 500 * time.Millisecond, nil},
		{1e-10, false, 1, nil},
		{float32(0.25), false, 250 * time.Millisecond, nil},
		{int64(9223372036), false, 9223372036 * time.Second, nil},
		{-1, false, 0, negErr},
		{-1e-10, false, 0, negErr},
		{-0.5, false, 0, negErr},
		{math.NaN(), false, 0, typeErr("float")},
		{math.Inf(1), false, 0, typeErr("float")},
		{math.Inf(-1), false, 0, typeErr("float")},
		{1e300, false, 0, typeErr("float")},
		{int64(9223372037), false, 0, typeErr("int")},
		{uint64(1 << 63), false, 0, typeErr("int")},
		{"1", false, 0, typeErr("str")},
		{[]byte("1"), false, 0, typeErr("bytes")},
		{struct{}{}, false, 0, typeErr("struct {}")},
		{math.MaxInt32, true, math.MaxInt32 * time.Second, nil},
		{int64(math.MaxInt32 + 1), true, 0, pytime.ErrTimeT()},
		// _PyTime_AsTimespec fails before the sign is looked at: below
		// a 32-bit time_t's range is OverflowError, not ValueError.
		{int64(math.MinInt32), true, 0, negErr},
		{-0.5, true, 0, negErr},
		{int64(math.MinInt32 - 1), true, 0, pytime.ErrTimeT()},
		{float64(math.MinInt32) - 0.5, true, 0, pytime.ErrTimeT()},
		{time.Duration(math.MinInt64), true, 0, negErr},
	}
	for _, tt := range tests {
		got, err := kqueueTimeout(tt.v, tt.time32)
		if tt.err != nil {
			var e *builtins.Error
			if !errors.As(err, &e) || e.Exception != tt.err.Exception || e.Message != tt.err.Message {
				t.Errorf("kqueueTimeout(%#v) = %v, %v; want %v", tt.v, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("kqueueTimeout(%#v) = %v, %v; want %v", tt.v, got, err, tt.want)
		}
	}
}

// TestSubmitOnce is the EINTR decision: an interrupted kevent(2) is
// retried without its changelist, which the kernel has already applied
// (FreeBSD kqueue(2): "When kevent() call fails with EINTR error, all
// changes in the changelist have been applied"), with the time left.
func TestSubmitOnce(t *testing.T) {
	var calls [][]int
	var waits []time.Duration
	sys := func(changes []int, d time.Duration) (int, error) {
		calls = append(calls, changes)
		waits = append(waits, d)
		if len(calls) < 3 {
			return 0, syscall.EINTR
		}
		return 2, nil
	}
	n, err := wait(time.Hour, 0, submitOnce([]int{1, 2, 3}, sys))
	if n != 2 || err != nil {
		t.Fatalf("wait(submitOnce) = %d, %v; want 2, nil", n, err)
	}
	if len(calls) != 3 || len(calls[0]) != 3 || calls[1] != nil || calls[2] != nil {
		t.Errorf("changelists passed = %v; want [1 2 3] once, then none", calls)
	}
	if waits[0] != time.Hour || waits[1] > time.Hour || waits[1] <= 0 {
		t.Errorf("timeouts passed = %v; want 1h, then the time left", waits)
	}

	// A blocking call (negative timeout) retries with no deadline.
	calls = nil
	n, err = wait(-1, 0, submitOnce([]int{7}, sys))
	if n != 2 || err != nil || len(calls) != 3 || calls[1] != nil {
		t.Errorf("blocking: %d, %v, changelists %v", n, err, calls)
	}
}
