// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package pyselect

import (
	"errors"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/internal/pytime"
	"golang.org/x/sys/unix"
)

// Fuzzing of every argument path. Each target checks the library against
// an oracle written from CPython 3.11's rules (Python/pytime.c,
// Modules/selectmodule.c, Objects/fileobject.c; the summary is
// conformance/SEMANTICS.md#fd-conversion, conformance/SEMANTICS.md#timeouts, conformance/SEMANTICS.md#poll) in exact integer arithmetic, and
// then makes the public call, which must raise the oracle's error or
// succeed without blocking (a ready descriptor is always in the call).
// `go test` runs the checked-in corpora in testdata/fuzz; `make fuzz` searches.

// An api names one of the timeout rules of conformance/SEMANTICS.md#timeouts.
type api int

const (
	apiSelect api = iota // seconds; negative is ValueError
	apiPoll              // milliseconds; negative blocks
	apiEpoll             // seconds, ms by ROUND_CEILING; < -1 ms blocks
)

// A want is the oracle's verdict on a timeout: an error, or a blocking
// wait, or the value handed to the kernel in its unit (µs for select, ms
// for poll and epoll).
type want struct {
	err    *builtins.Error
	block  bool
	kernel int64
}

var (
	bigMinI64 = big.NewInt(math.MinInt64)
	bigMaxI64 = big.NewInt(math.MaxInt64)
)

// oracleNs is _PyTime_FromSecondsObject / _PyTime_FromMillisecondsObject:
// nanoseconds, or the error. f is used when isFloat, else i.
func oracleNs(isFloat bool, f float64, i *big.Int, unit int64) (*big.Int, *builtins.Error) {
	if !isFloat {
		ns := new(big.Int).Mul(i, big.NewInt(unit))
		if ns.Cmp(bigMinI64) < 0 || ns.Cmp(bigMaxI64) > 0 {
			return nil, pytime.ErrPyTime()
		}
		return ns, nil
	}
	if math.IsNaN(f) {
		return nil, pytime.ErrNaN()
	}
	// C multiplies in double precision, then rounds away from zero.
	d := f * float64(unit)
	if math.IsInf(d, 0) {
		return nil, pytime.ErrTimeT()
	}
	bf := new(big.Float).SetFloat64(d)
	ns, acc := bf.Int(nil) // truncated toward zero
	if acc == big.Below {
		ns.Add(ns, big.NewInt(1))
	} else if acc == big.Above {
		ns.Sub(ns, big.NewInt(1))
	}
	// _Py_InIntegralTypeRange(_PyTime_t, d): -2**63 <= d < 2**63.
	if ns.Cmp(bigMinI64) < 0 || ns.Cmp(bigMaxI64) > 0 {
		return nil, pytime.ErrTimeT()
	}
	return ns, nil
}

// oracleDiv divides ns by unit rounding up (away from zero) or, when
// ceiling, toward +inf.
func oracleDiv(ns *big.Int, unit int64, ceiling bool) *big.Int {
	q, r := new(big.Int).QuoRem(ns, big.NewInt(unit), new(big.Int))
	switch {
	case r.Sign() > 0:
		q.Add(q, big.NewInt(1))
	case r.Sign() < 0 && !ceiling:
		q.Sub(q, big.NewInt(1))
	}
	return q
}

// oracle is CPython's verdict on a timeout for one API.
func oracle(a api, isFloat bool, f float64, i *big.Int) want {
	unit := int64(1e9)
	if a == apiPoll {
		unit = 1e6
	}
	ns, err := oracleNs(isFloat, f, i, unit)
	if err != nil {
		return want{err: err}
	}
	switch a {
	case apiSelect:
		if ns.Sign() < 0 {
			return want{err: errTimeoutNegative()}
		}
		return want{kernel: oracleDiv(ns, 1e3, false).Int64()}
	default:
		ms := oracleDiv(ns, 1e6, a == apiEpoll)
		if ms.Cmp(big.NewInt(math.MinInt32)) < 0 || ms.Cmp(big.NewInt(math.MaxInt32)) > 0 {
			return want{err: errTimeoutTooLarge()}
		}
		if ms.Sign() < 0 {
			return want{block: true}
		}
		return want{kernel: ms.Int64()}
	}
}

// converted is what the library's converter made of the timeout.
func converted(a api, v any) want {
	var d time.Duration
	var err error
	switch a {
	case apiSelect:
		d, err = selectTimeout(v)
	case apiPoll:
		d, err = pollTimeout(v)
	default:
		d, err = epollTimeout(v)
	}
	if err != nil {
		var e *builtins.Error
		if !errors.As(err, &e) {
			return want{err: &builtins.Error{Exception: "not *Error", Message: err.Error()}}
		}
		return want{err: e}
	}
	if d < 0 {
		return want{block: true}
	}
	if a == apiSelect {
		// The first select(2) gets at most selectMaxWait; wait resumes
		// a longer timeout with the time left.
		tv := timeval(min(d, selectMaxWait))
		return want{kernel: int64(tv.Sec)*1e6 + int64(tv.Usec)}
	}
	return want{kernel: int64(msCeil(d))}
}

func sameErr(got error, w *builtins.Error) bool {
	var e *builtins.Error
	return errors.As(got, &e) && e.Exception == w.Exception && e.Message == w.Message
}

func checkTimeout(t *testing.T, v any, isFloat bool, f float64, i *big.Int) {
	t.Helper()
	for _, a := range []api{apiSelect, apiPoll, apiEpoll} {
		w := oracle(a, isFloat, f, i)
		got := converted(a, v)
		if a == apiSelect && w.err == nil && w.kernel/1e6 >= math.MaxInt32 {
			w.kernel = math.MaxInt32 * 1e6 // the first call's share of a longer wait (selectMaxWait)
		}
		if (got.err == nil) != (w.err == nil) || got.err != nil && *got.err != *w.err ||
			got.block != w.block || got.kernel != w.kernel {
			t.Fatalf("api %d timeout %#v: got %+v (err %v), CPython's rule gives %+v (err %v)", a, v, got, got.err, w, w.err)
		}
		callWithReadyFd(t, a, v, w.err)
	}
}

// ready is a socket pair with a byte waiting in ready[1], so that ready[1]
// is readable and writable: a call that watches it never blocks.
var ready = sync.OnceValue(func() [2]int {
	p, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM, 0)
	if err != nil {
		panic(err)
	}
	unix.CloseOnExec(p[0])
	unix.CloseOnExec(p[1])
	if _, err := unix.Write(p[0], []byte{1}); err != nil {
		panic(err)
	}
	return p
})

// callWithReadyFd makes the public call with timeout v on a ready fd: it
// must fail with wantErr, or return the fd.
func callWithReadyFd(t *testing.T, a api, v any, wantErr *builtins.Error) {
	t.Helper()
	fd := ready()[1]
	var n int
	var err error
	switch a {
	case apiSelect:
		var r []int
		r, _, _, err = Select([]int{fd}, nil, nil, v)
		n = len(r)
	case apiPoll:
		p := NewPoll()
		if err := p.Register(fd, POLLIN); err != nil {
			t.Fatal(err)
		}
		var evs []Event
		evs, err = p.Poll(v)
		n = len(evs)
	default:
		var ok bool
		if n, err, ok = epollReadyCall(fd, v); !ok {
			return // no epoll on this OS
		}
	}
	if wantErr != nil {
		if !sameErr(err, wantErr) {
			t.Fatalf("api %d timeout %#v: got %v, want %v", a, v, err, wantErr)
		}
		return
	}
	if err != nil || n != 1 {
		t.Fatalf("api %d timeout %#v on a ready fd: %d results, error %v", a, v, n, err)
	}
}

// myInt is a named integer type, as Python's int subclasses.
type myInt int

// goInt converts x to the Go integer kind k picks, as a caller might pass
// it, and returns the Python int that value stands for.
func goInt(x int64, k byte) (any, *big.Int) {
	var v any
	switch k % 14 {
	case 0:
		v = int(x)
	case 1:
		v = int8(x)
	case 2:
		v = int16(x)
	case 3:
		v = int32(x)
	case 4:
		v = x
	case 5:
		v = uint(x)
	case 6:
		v = uint8(x)
	case 7:
		v = uint16(x)
	case 8:
		v = uint32(x)
	case 9:
		v = uint64(x)
	case 10:
		v = uintptr(x)
	case 11:
		v = x&1 == 1
	case 12:
		v = myInt(x)
	default:
		v = x
	}
	rv := reflect.ValueOf(v)
	switch {
	case rv.Kind() == reflect.Bool:
		return v, big.NewInt(x & 1)
	case rv.CanInt():
		return v, big.NewInt(rv.Int())
	default:
		return v, new(big.Int).SetUint64(rv.Uint())
	}
}

func FuzzTimeoutFloat(f *testing.F) {
	for _, s := range []float64{0, math.Copysign(0, -1), 1e-9, 1e-7, 5e-324, -5e-324, -1e-300, 0.0005, -0.0009, -0.001, -0.0011,
		0.001, 1e-3 + 1e-12, -1, 2147483.647, 2147483.648, -2147483.648, -2147483.6481, 2147483647, 2147483647.5,
		9223372036.85, 9223372036.86, 9.2233720368547e12, 1e300, -1e300, math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		checkTimeout(t, x, true, x, nil)
		if f32 := float32(x); float64(f32) == x || math.IsNaN(x) {
			checkTimeout(t, f32, true, float64(f32), nil)
		}
	})
}

func FuzzTimeoutInt(f *testing.F) {
	for _, s := range []int64{0, 1, -1, 2, -2, 1000, 2147483, 2147484, -2147484, 2147483647, 2147483648, -2147483648, -2147483649,
		9223372036, 9223372037, 9223372036854, 9223372036855, math.MaxInt64, math.MinInt64, -1 << 32} {
		for k := byte(0); k < 14; k++ {
			f.Add(s, k)
		}
	}
	f.Fuzz(func(t *testing.T, x int64, k byte) {
		v, i := goInt(x, k)
		checkTimeout(t, v, false, 0, i)
	})
}

// oracleFd is PyObject_AsFileDescriptor's verdict on an integer fd.
func oracleFd(i *big.Int) (int, *builtins.Error) {
	if !i.IsInt64() || i.Int64() < math.MinInt32 || i.Int64() > math.MaxInt32 {
		return -1, errIntOverflow()
	}
	if i.Sign() < 0 {
		return -1, builtins.ValueError.New("file descriptor cannot be a negative integer (" + i.String() + ")")
	}
	return int(i.Int64()), nil
}

// isOpen reports whether fd is an open descriptor now.
func isOpen(fd int) bool {
	_, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
	return err == nil
}

// FuzzFdAndMask drives every fd argument (Select's lists, Poll's and
// Epoll's register/modify/unregister) with an integer of any kind and
// value, and poll's eventmask with any int. The kernel is the oracle for
// fds that pass conversion: poll(2) on the fd alone.
func FuzzFdAndMask(f *testing.F) {
	for _, s := range []int64{0, 1, 2, 3, 1023, 1024, 1025, 65535, 1 << 20, -1, -1024, math.MaxInt32, math.MaxInt32 + 1, math.MinInt32, math.MinInt32 - 1, math.MaxInt64, math.MinInt64} {
		for _, m := range []int64{0, 1, 7, 0x2000, 65535, 65536, -1, math.MinInt64, math.MaxInt64} {
			f.Add(s, byte(s&7), m)
		}
	}
	f.Fuzz(func(t *testing.T, x int64, k byte, mask int64) {
		v, i := goInt(x, k)
		fd, ferr := oracleFd(i)
		if ferr == nil && fd > 1<<20 {
			fd = fd % (1 << 20) // keep it near real fds, past any FD_SETSIZE
			v = fd
		}
		checkFd := func(what string, err error, okErr error) {
			t.Helper()
			switch {
			case ferr != nil:
				if !sameErr(err, ferr) {
					t.Fatalf("%s(%#v): got %v, want %v", what, v, err, ferr)
				}
			case err != okErr && !errors.Is(err, okErr):
				t.Fatalf("%s(%#v): got %v, want %v", what, v, err, okErr)
			}
		}

		// select: also the fd_set bound, then EBADF for a closed fd.
		r, _, _, err := Select([]any{ready()[1], v}, nil, nil, 0)
		var selWant error
		outOfRange := ferr == nil && fd >= FD_SETSIZE
		switch {
		case outOfRange:
			selWant = errFdOutOfRange()
		case ferr == nil && !isOpen(fd):
			selWant = unix.EBADF
		}
		if outOfRange {
			if !sameErr(err, errFdOutOfRange()) {
				t.Fatalf("Select(%#v): got %v, want %v", v, err, errFdOutOfRange())
			}
		} else if selWant == unix.EBADF && err == nil {
			// A closed fd past the kernel's fd table is reported ready,
			// not EBADF (conformance/SEMANTICS.md#select-kernel-quirk): CPython too.
		} else {
			checkFd("Select", err, selWant)
			if err == nil && len(r) < 1 {
				t.Fatalf("Select(%#v): the ready fd is missing from %v", v, r)
			}
		}

		// poll: the mask is a C unsigned short; the fd is not checked
		// until poll(2) reports it (POLLNVAL when closed).
		p := NewPoll()
		m := Mask(mask)
		var maskErr *builtins.Error
		switch {
		case m < 0:
			maskErr = builtins.ValueError.New("value must be positive")
		case m > 0xffff:
			maskErr = builtins.OverflowError.New("Python int too large for C unsigned short")
		}
		err = p.Register(v, m)
		if ferr == nil && maskErr != nil {
			if !sameErr(err, maskErr) {
				t.Fatalf("Register(%#v, %d): got %v, want %v", v, m, err, maskErr)
			}
			m = Mask(uint16(m))
			if err := p.Register(v, m); err != nil {
				t.Fatal(err)
			}
		} else {
			checkFd("Poll.Register", err, nil)
		}
		if ferr == nil {
			evs, err := p.Poll(0)
			rev, kerr := kernelPoll(fd, int16(uint16(m)))
			if kerr != nil {
				t.Fatal(kerr)
			}
			var wantEvs []Event
			if rev != 0 {
				wantEvs = []Event{{fd, rev}}
			}
			if err != nil || len(evs) != len(wantEvs) || len(evs) == 1 && evs[0] != wantEvs[0] {
				t.Fatalf("Poll after Register(%d, %#x): %v %v, poll(2) says %v", fd, m, evs, err, wantEvs)
			}
		}
		checkFd("Poll.Modify", p.Modify(v, 1), nil)
		checkFd("Poll.Unregister", p.Unregister(v), nil)
		if ferr == nil {
			if err := p.Unregister(v); !sameErr(err, builtins.KeyError.New(strconv.Itoa(fd))) {
				t.Fatalf("second Unregister(%d): %v, want KeyError", fd, err)
			}
			if err := p.Modify(v, 1); !errors.Is(err, builtins.FileNotFoundError) || !errors.Is(err, unix.ENOENT) {
				t.Fatalf("Modify(%d) unregistered: %v, want FileNotFoundError", fd, err)
			}
		}
		fuzzEpollFd(t, v, fd, ferr, Mask(uint32(mask)))
	})
}

// TestTimeoutOracleIsCPython checks the timeout oracle, and the library's
// converters with it, against CPython itself: for each int and float
// timeout of testdata/timeouts.json (recorded by fixtures/record.py), the
// oracle gives the exception CPython's select, poll.poll and epoll.poll
// raise, or the wait and the value CPython passes to the kernel, and the
// converter raises the same exception or accepts the timeout too.
func TestTimeoutOracleIsCPython(t *testing.T) {
	rows := 0
	for _, row := range cpythonTimeouts(t) {
		in := row.Input
		if in.Int == nil && in.Float == nil {
			continue // None, bool, str: not the oracle's domain
		}
		v := row.value(t)
		isFloat := in.Float != nil
		var x float64
		var i *big.Int
		if isFloat {
			x = v.(float64)
		} else {
			i, _ = new(big.Int).SetString(*in.Int, 10)
		}
		for _, c := range []struct {
			name string
			a    api
			want timeoutWant
		}{{"select", apiSelect, row.Select}, {"poll", apiPoll, row.Poll}, {"epoll", apiEpoll, row.Epoll}} {
			w, lib := oracle(c.a, isFloat, x, i), converted(c.a, v)
			if c.want.Error != "" {
				cp := builtins.Error{Exception: builtins.Exception(c.want.Error), Message: c.want.Message}
				if w.err == nil || *w.err != cp || lib.err == nil || *lib.err != cp {
					t.Errorf("%s(%v): CPython raises %v, oracle %+v (err %v), pyselect %+v (err %v)", c.name, v, &cp, w, w.err, lib, lib.err)
				}
				continue
			}
			if lib.err != nil {
				t.Errorf("%s(%v): CPython accepts it, pyselect raises %v", c.name, v, lib.err)
			}
			if w.err != nil || w.block != c.want.Block || !c.want.Block && w.kernel != *c.want.Kernel {
				t.Errorf("%s(%v): CPython %v, oracle %+v (err %v)", c.name, v, c.want, w, w.err)
			}
		}
		rows++
	}
	if rows < 50 {
		t.Fatalf("only %d int and float rows", rows)
	}
}
