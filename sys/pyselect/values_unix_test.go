// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !solaris

package pyselect

import (
	"errors"
	"math"
	"net"
	"os"
	"reflect"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/internal/fdconv"
)

// zeroFileno is a Filenoer of size zero: a slice of math.MaxInt of them
// costs nothing, so only a Select that allocates by the list's length fails.
type zeroFileno struct{}

func (zeroFileno) Fileno() int { return 0 }

// A list longer than FD_SETSIZE is ValueError at element FD_SETSIZE+1, as
// CPython's seq2set raises it, whatever the list's length: nothing is
// allocated by the length before the elements are checked.
func TestSelectHugeListIsValueError(t *testing.T) {
	huge := make([]zeroFileno, math.MaxInt)
	for _, lists := range [][3][]zeroFileno{{huge, nil, nil}, {nil, huge, nil}, {nil, nil, huge}, {huge, huge, huge}} {
		_, _, _, err := Select(lists[0], lists[1], lists[2], 0)
		if err == nil || err.Error() != "ValueError: too many file descriptors in select()" {
			t.Fatalf("Select(math.MaxInt elements) = %v, want ValueError: too many file descriptors in select()", err)
		}
	}
}

// nilArgs are the typed nils a Go caller can pass as an fd argument: each
// stands for no object at all, as Python's None, and is TypeError as None
// is (PyObject_AsFileDescriptor), never a panic.
func nilArgs() map[string]any {
	var (
		fe  Filenoer
		fee FilenoErrer
		c   net.Conn
	)
	return map[string]any{
		"(*net.TCPConn)(nil)":       (*net.TCPConn)(nil),
		"(*net.UDPConn)(nil)":       (*net.UDPConn)(nil),
		"(*net.UnixConn)(nil)":      (*net.UnixConn)(nil),
		"(*net.IPConn)(nil)":        (*net.IPConn)(nil),
		"(*net.TCPListener)(nil)":   (*net.TCPListener)(nil),
		"(*net.UnixListener)(nil)":  (*net.UnixListener)(nil),
		"(*os.File)(nil)":           (*os.File)(nil),
		"(*Epoll-or-Kqueue)(nil)":   nilPoller,
		"net.Conn((*TCPConn)(nil))": net.Conn((*net.TCPConn)(nil)),
		"net.Conn(nil)":             c,
		"Filenoer(nil)":             fe,
		"FilenoErrer(nil)":          fee,
		"(*fileno)(nil) Filenoer":   (*ptrFileno)(nil),
		"net.Listener((*TCP)(nil))": net.Listener((*net.TCPListener)(nil)),
		"any(nil)":                  nil,
	}
}

type ptrFileno struct{ fd int }

func (p *ptrFileno) Fileno() int { return p.fd }

func TestNilFdArgumentsAreTypeError(t *testing.T) {
	for name, v := range nilArgs() {
		check := func(call string, err error) {
			t.Helper()
			var e *builtins.Error
			if !errors.As(err, &e) || e.Exception != builtins.TypeError || e.Message != fdconv.ErrNotFileno().Message {
				t.Errorf("%s(%s) = %v, want %v", call, name, err, fdconv.ErrNotFileno())
			}
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s: panic %v", name, r)
				}
			}()
			_, err := AsFileDescriptor(v)
			check("AsFileDescriptor", err)
			_, _, _, err = Select([]any{v}, nil, nil, 0)
			check("Select", err)
			p := NewPoll()
			check("Poll.Register", p.Register(v))
			check("Poll.Unregister", p.Unregister(v))
		}()
	}
}

// A nil *Poll is Python's None: every method is AttributeError, as
// None.register(fd) is, never a nil dereference (a nil *Epoll is a
// closed epoll object; a Poll has no closed state).
func TestNilPollIsNone(t *testing.T) {
	p := (*Poll)(nil).Poller()
	for name, call := range map[string]func() error{
		"register":   func() error { return p.Register(1) },
		"modify":     func() error { return p.Modify(1, POLLIN) },
		"unregister": func() error { return p.Unregister(1) },
		"poll":       func() error { _, err := p.Poll(0); return err },
	} {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("(*Poll)(nil).%s: panic %v", name, r)
				}
			}()
			err := call()
			if want := "'NoneType' object has no attribute '" + name + "'"; builtins.ExceptionOf(err) != builtins.AttributeError || builtins.Str(err) != want {
				t.Errorf("(*Poll)(nil).%s = %v, want AttributeError: %s", name, err, want)
			}
		}()
	}
}

// secs is a named float type, as a Python float subclass.
type secs float64

// A named float type is a float, as CPython takes a float subclass.
func TestNamedFloatTimeout(t *testing.T) {
	if d, err := selectTimeout(secs(0.25)); err != nil || d != 250*time.Millisecond {
		t.Errorf("select timeout secs(0.25) = %v, %v; want 250ms", d, err)
	}
	type ms float32
	if d, err := pollTimeout(ms(2)); err != nil || d != 2*time.Millisecond {
		t.Errorf("poll timeout ms(2) = %v, %v; want 2ms", d, err)
	}
	if d, err := epollTimeout(secs(-0.0005)); err != nil || d != 0 {
		t.Errorf("epoll timeout secs(-0.0005) = %v, %v; want 0 (CPython's ceiling)", d, err)
	}
}

// A time.Duration is that duration in every API, whatever the API's unit:
// rounded up to the kernel's unit, never shortened, and free of the C int
// range CPython gives a Python number of milliseconds; a negative one
// follows the API's rule for negative timeouts.
func TestDurationTimeout(t *testing.T) {
	type parse func(any) (time.Duration, error)
	kq := func(v any) (time.Duration, error) { return kqueueTimeout(v, true) }
	month := 30 * 24 * time.Hour
	for _, c := range []struct {
		api   string
		parse parse
		in    time.Duration
		want  time.Duration
		err   error
	}{
		{"select", selectTimeout, time.Second, time.Second, nil},
		{"select", selectTimeout, 1, 1, nil},
		{"select", selectTimeout, month, month, nil},
		{"select", selectTimeout, 1<<63 - 1, 1<<63 - 1, nil},
		{"select", selectTimeout, -1, 0, errTimeoutNegative()},
		{"poll", pollTimeout, 10 * time.Millisecond, 10 * time.Millisecond, nil},
		{"poll", pollTimeout, 1, 1, nil},
		{"poll", pollTimeout, month, month, nil},
		{"poll", pollTimeout, -1, -1, nil},
		{"epoll", epollTimeout, 10 * time.Millisecond, 10 * time.Millisecond, nil},
		{"epoll", epollTimeout, 1, 1, nil},
		{"epoll", epollTimeout, month, month, nil},
		{"epoll", epollTimeout, -time.Millisecond + 1, 0, nil},
		{"epoll", epollTimeout, -time.Millisecond, -1, nil},
		{"kqueue", kq, time.Second, time.Second, nil},
		{"kqueue", kq, 1<<63 - 1, 1<<63 - 1, nil},
	} {
		d, err := c.parse(c.in)
		if c.err != nil {
			if !errors.Is(err, c.err) && !reflect.DeepEqual(err, c.err) {
				t.Errorf("%s(%v) = %v, %v; want %v", c.api, c.in, d, err, c.err)
			}
			continue
		}
		if err != nil || d != c.want {
			t.Errorf("%s(%v) = %v, %v; want %v", c.api, c.in, d, err, c.want)
		}
	}
	if _, err := kq(-time.Nanosecond); builtins.ExceptionOf(err) != builtins.ValueError {
		t.Errorf("kqueue(-1ns) = %v, want ValueError", err)
	}
}

// Poll keeps Python's dict order: an fd unregistered and registered again
// goes to the end; one registered again keeps its place.
func TestPollOrderAfterUnregister(t *testing.T) {
	p := NewPoll()
	for fd := range 10 {
		if err := p.Register(fd); err != nil {
			t.Fatal(err)
		}
	}
	for _, fd := range []int{0, 3, 4, 5, 6, 7} {
		if err := p.Unregister(fd); err != nil {
			t.Fatal(err)
		}
	}
	for _, fd := range []int{3, 9, 0} {
		if err := p.Register(fd); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Unregister(5); builtins.ExceptionOf(err) != builtins.KeyError {
		t.Fatalf("Unregister(5) twice = %v, want KeyError", err)
	}
	if err := p.Modify(4, POLLIN); builtins.ExceptionOf(err) != builtins.FileNotFoundError {
		t.Fatalf("Modify(unregistered 4) = %v, want FileNotFoundError", err)
	}
	var got []int32
	p.mu.Lock()
	for _, pfd := range p.fds {
		if pfd.Fd >= 0 {
			got = append(got, pfd.Fd)
		}
	}
	p.mu.Unlock()
	if want := []int32{1, 2, 8, 9, 3, 0}; !reflect.DeepEqual(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
}

// A Poll holds memory for what is registered now, not for the most it ever
// held: once every fd is unregistered, its arrays and index shrink, as
// CPython's update_ufd_array resizes its pollfd array to the dict.
func TestPollShrinksAfterUnregister(t *testing.T) {
	n := 100000
	if testing.Short() {
		// qemu-user copies a poll(2) array onto its thread's 256 KiB
		// stack (alloca in do_ppoll): 100,000 entries crash it.
		n = 10000
	}
	p := NewPoll()
	for fd := range n {
		if err := p.Register(fd, POLLIN); err != nil {
			t.Fatal(err)
		}
	}
	p.Poll(0) // fills the kernel array (EINVAL past RLIMIT_NOFILE is no matter)
	for fd := range n {
		if err := p.Unregister(fd); err != nil {
			t.Fatal(err)
		}
	}
	if evs, err := p.Poll(0); err != nil || len(evs) != 0 {
		t.Fatalf("Poll(0) with nothing registered = %v, %v", evs, err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	runtime.KeepAlive(p)
	p = nil
	runtime.GC()
	runtime.ReadMemStats(&after)
	// The bound is far below the 4 MiB the registry kept before it shrank,
	// and above the other garbage one GC frees (67 KiB seen on linux/386
	// and arm under qemu, where 64 KiB was the bound).
	if held := int64(before.HeapAlloc) - int64(after.HeapAlloc); held > 256<<10 {
		t.Errorf("a Poll with nothing registered holds %d KiB after %d fds came and went, want at most 256 KiB", held>>10, n)
	}
}

// Select converts the sets back whatever select(2) returned, as CPython:
// after a timeout, bits Linux left set (fds beyond the fd table) are
// reported. But a wait given up at its deadline after EINTR reports
// nothing: the sets still hold the input (bpo-35310).
func TestSelectConvertsAfterTimeoutNotAfterEINTR(t *testing.T) {
	defer func() { selectFake = nil }()
	// The kernel's timeout, leaving the input bits as they were.
	selectFake = func() (int, error) { return 0, nil }
	r, w, x, err := Select([]int{5}, []int{6}, []int{5, 7}, 0.001)
	if err != nil || !reflect.DeepEqual(r, []int{5}) || !reflect.DeepEqual(w, []int{6}) || !reflect.DeepEqual(x, []int{5, 7}) {
		t.Fatalf("after a timeout with bits left: %v %v %v %v, want [5] [6] [5 7]", r, w, x, err)
	}
	// Interrupted until the deadline has passed.
	selectFake = func() (int, error) {
		time.Sleep(2 * time.Millisecond)
		return -1, syscall.EINTR
	}
	r, w, x, err = Select([]int{5}, []int{6}, []int{5, 7}, 0.001)
	if err != nil || r == nil || len(r)+len(w)+len(x) != 0 {
		t.Fatalf("EINTR at the deadline: %#v %#v %#v %v, want three empty lists", r, w, x, err)
	}
}
