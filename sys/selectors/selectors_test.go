// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package selectors_test

import (
	"errors"
	"math"
	"net"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
	"github.com/pyselect/pyselect/sys/selectors"
)

// wantErr checks err's class and message (str(exc) in Python).
func wantErr(t *testing.T, err error, cls builtins.Exception, msg string) {
	t.Helper()
	var e *builtins.Error
	if !errors.As(err, &e) || e.Exception != cls || e.Message != msg {
		t.Errorf("got %v, want %s: %s", err, cls, msg)
	}
}

type filenoObj int

func (f filenoObj) Fileno() int { return int(f) }

// A strFileno has a String method with a value receiver, which a nil
// *strFileno cannot call.
type strFileno struct{ fd int }

func (f strFileno) Fileno() int    { return f.fd }
func (f strFileno) String() string { return "strFileno(" + strconv.Itoa(f.fd) + ")" }

type fileobj struct{ fd int }

func (f fileobj) Fileno() int { return f.fd }

type closedFileno struct{}

func (*closedFileno) Fileno() (int, error) {
	return -1, &builtins.Error{Exception: builtins.ValueError, Message: "I/O operation on closed file"}
}

// TestMessages: CPython 3.11's messages, probed with python3 -c (an
// SelectSelector registers without a system call, so this runs anywhere).
func TestMessages(t *testing.T) {
	s := mustSel(t, selectors.NewSelectSelector[any])
	_, err := s.Register(0, 1, nil, 5)
	wantErr(t, err, builtins.TypeError, "SelectSelector.register() takes from 3 to 4 positional arguments but 5 were given")
	_, err = s.Register(0, 0)
	wantErr(t, err, builtins.ValueError, "Invalid events: 0")
	_, err = s.Register(0, 4)
	wantErr(t, err, builtins.ValueError, "Invalid events: 4")
	_, err = s.Register("x", 1)
	wantErr(t, err, builtins.ValueError, "Invalid file object: 'x'")
	_, err = s.Register(-1, 1)
	wantErr(t, err, builtins.ValueError, "Invalid file descriptor: -1")
	_, err = s.Register(nil, 1)
	wantErr(t, err, builtins.ValueError, "Invalid file object: None")
	_, err = s.Register((*strFileno)(nil), 1) // a Go nil is None: its String is not called
	wantErr(t, err, builtins.ValueError, "Invalid file object: None")
	_, err = s.Register(filenoObj(-3), 1)
	wantErr(t, err, builtins.ValueError, "Invalid file descriptor: -3")
	_, err = s.Unregister(5)
	wantErr(t, err, builtins.KeyError, "'5 is not registered'")
	_, err = s.Modify(5, 1)
	wantErr(t, err, builtins.KeyError, "'5 is not registered'")
	_, err = s.Select("x")
	wantErr(t, err, builtins.TypeError, "'>' not supported between instances of 'int' and 'str'")
	_, err = s.GetMap().Get("x")
	wantErr(t, err, builtins.ValueError, "Invalid file object: 'x'")
	if _, err := s.Register(1, 1); err != nil {
		t.Fatal(err)
	}
	_, err = s.Register(1, 1)
	wantErr(t, err, builtins.KeyError, "'1 (FD 1) is already registered'")
	_, err = s.Register(filenoObj(1), 2)
	wantErr(t, err, builtins.KeyError, "'1 (FD 1) is already registered'") // a named int is an int
	_, err = s.Register(fileobj{1}, 2)
	wantErr(t, err, builtins.KeyError, `'selectors_test.fileobj({1}) (FD 1) is already registered'`)
	// 2**40 registers (no system call) and Select fails as select.select;
	// where int has 32 bits, Register refuses it (a key's Fd is an int).
	if _, err := s.Register(int64(1)<<40, 1); strconv.IntSize == 32 {
		wantErr(t, err, builtins.OverflowError, "Python int too large to convert to C int")
	} else if err != nil {
		t.Fatal(err)
	} else {
		_, err = s.Select(0)
		wantErr(t, err, builtins.OverflowError, "Python int too large to convert to C int")
		s.Unregister(int64(1) << 40)
	}
	s.Close()
	if s.GetMap().Len() != 0 {
		t.Error("get_map() after close() is not None (false)")
	}
	_, err = s.GetKey(1)
	wantErr(t, err, builtins.RuntimeError, "Selector is closed")
}

// TestFdBeyondGoInt: Python's _fileobj_to_fd takes any int, so a lookup
// of an int no Go int holds (2**63 and up as a uint64; 2**31 and up where
// int has 32 bits) is KeyError "... is not registered", as it is in
// CPython 3.11 for every selector class; register, which would need a key
// with that fd, is OverflowError, as CPython's poll-like selectors raise
// from their C call (probed with python3 -c; SelectSelector's success is
// a documented difference).
func TestFdBeyondGoInt(t *testing.T) {
	big := []any{uint64(1) << 63, uint64(math.MaxUint64)}
	if strconv.IntSize == 32 {
		big = append(big, int64(1)<<31, int64(math.MaxInt64))
	}
	for _, fd := range big {
		s := mustSel(t, selectors.NewSelectSelector[any])
		msg := "'" + builtins.Repr(fd) + " is not registered'"
		_, err := s.GetKey(fd)
		wantErr(t, err, builtins.KeyError, msg)
		_, err = s.Modify(fd, 1)
		wantErr(t, err, builtins.KeyError, msg)
		_, err = s.Unregister(fd)
		wantErr(t, err, builtins.KeyError, msg)
		_, err = s.GetMap().Get(fd)
		wantErr(t, err, builtins.KeyError, msg)
		if _, ok := s.GetMap().Lookup(fd); ok {
			t.Errorf("%v in get_map() is true", fd)
		}
		_, err = s.Register(fd, 1)
		wantErr(t, err, builtins.OverflowError, "Python int too large to convert to C int")
		_, err = s.Register(fd, 0)
		wantErr(t, err, builtins.ValueError, "Invalid events: 0") // events are checked first
	}
}

// TestFileobjLookupByIdentity: a file object whose fileno() fails now is
// found by identity (_fileobj_lookup's exhaustive search).
func TestFileobjLookupByIdentity(t *testing.T) {
	s := mustSel(t, selectors.NewSelectSelector[int])
	f := &closedFileno{}
	if _, err := s.Register(f, 1); err == nil {
		t.Fatal("a closed file object registered")
	}
	_, err := s.GetKey(f)
	wantErr(t, err, builtins.ValueError, "Invalid file object: "+builtins.Repr(f))
}

// A mapFile is a file object of a reference type Go cannot compare with
// ==: a map, whose fileno() fails once "closed" is set.
type mapFile map[string]int

func (m mapFile) Fileno() (int, error) {
	if m["closed"] != 0 {
		return -1, &builtins.Error{Exception: builtins.ValueError, Message: "I/O operation on closed file"}
	}
	return m["fd"], nil
}

// TestIdentityOfReferenceValues: a map or slice is the same object as
// itself, as Python's "is" says of a dict or list: a closed one is found
// by identity (_fileobj_lookup), and Modify with the same map as data
// changes nothing (data != key.data is False), returning the same key.
func TestIdentityOfReferenceValues(t *testing.T) {
	s := mustSel(t, selectors.NewSelectSelector[any])
	f := mapFile{"fd": 0}
	if _, err := s.Register(f, selectors.EVENT_READ); err != nil {
		t.Fatal(err)
	}
	f["closed"] = 1
	if _, err := s.GetKey(f); err != nil {
		t.Errorf("a closed map file object is not found by identity: %v", err)
	}
	if _, err := s.Unregister(f); err != nil {
		t.Errorf("a closed map file object is not unregistered: %v", err)
	}
	if _, err := s.GetKey(mapFile{"closed": 1}); err == nil {
		t.Error("another map was found as the same object")
	}
	d, l := map[int]int{}, []int{1}
	for _, data := range []any{d, l} {
		k, err := s.Register(1, selectors.EVENT_READ, data)
		if err != nil {
			t.Fatal(err)
		}
		if same, err := s.Modify(1, selectors.EVENT_READ, data); err != nil || same != k {
			t.Errorf("Modify with the same %T is a new key", data)
		}
		if other, err := s.Modify(1, selectors.EVENT_READ, slices.Clone(l)); err != nil || other == k {
			t.Errorf("Modify with another %T is the same key", data)
		}
		s.Unregister(1)
	}
}

// A wrapper is a file object whose fileno() is its connection's, as a
// Python class's fileno() returning self.conn.fileno(): with no
// connection (nil), that is AttributeError "'NoneType' object has no
// attribute 'fileno'".
type wrapper struct{ conn any }

func (w *wrapper) Fileno() (int, error) { return pyselect.FilenoErr(w.conn) }
func (w *wrapper) String() string       { return "wrapper" }

// TestFilenoAttributeError: _fileobj_to_fd turns an AttributeError of
// fileno() into ValueError "Invalid file object: <repr>", as it does a
// TypeError or ValueError (probed with python3 -c: a fileno() raising
// AttributeError registers as ValueError "Invalid file object: A"), so
// a file object whose fileno() fails so since it was registered is found
// by identity.
func TestFilenoAttributeError(t *testing.T) {
	s := mustSel(t, selectors.NewSelectSelector[any])
	_, err := s.Register(&wrapper{}, selectors.EVENT_READ)
	wantErr(t, err, builtins.ValueError, "Invalid file object: wrapper")
	w := &wrapper{conn: 0}
	if _, err := s.Register(w, selectors.EVENT_READ); err != nil {
		t.Fatal(err)
	}
	w.conn = nil
	if _, err := s.Unregister(w); err != nil {
		t.Errorf("a file object whose fileno() now raises AttributeError is not found by identity: %v", err)
	}
}

// TestModifyOrder: _BaseSelectorImpl.modify of the events unregisters and
// registers (the key moves to the end of the dict); of the data alone, or
// any modify of a poll-like selector, replaces the key in place.
func TestModifyOrder(t *testing.T) {
	s := mustSel(t, selectors.NewSelectSelector[string])
	for fd := range 3 {
		if _, err := s.Register(fd, selectors.EVENT_READ, "a"); err != nil {
			t.Fatal(err)
		}
	}
	k, err := s.Modify(0, selectors.EVENT_READ, "b")
	if err != nil || k.Data != "b" {
		t.Fatal(k, err)
	}
	if got := slices.Collect(s.GetMap().Keys()); !slices.Equal(got, []int{0, 1, 2}) {
		t.Errorf("after a data modify: %v, want [0 1 2]", got)
	}
	same, err := s.Modify(0, selectors.EVENT_READ, "b")
	if err != nil || same != k {
		t.Errorf("a modify that changes nothing returns the same key: %v %v", same, err)
	}
	if _, err := s.Modify(0, selectors.EVENT_WRITE); err != nil {
		t.Fatal(err)
	}
	if got := slices.Collect(s.GetMap().Keys()); !slices.Equal(got, []int{1, 2, 0}) {
		t.Errorf("after an events modify: %v, want [1 2 0]", got)
	}
	// Invalid events: unregistered, then register fails (as in Python).
	_, err = s.Modify(1, 0)
	wantErr(t, err, builtins.ValueError, "Invalid events: 0")
	if _, ok := s.GetMap().Lookup(1); ok {
		t.Error("fd 1 still registered after a modify with invalid events")
	}
}

// TestMapManyKeys exercises the ordered map's compaction.
func TestMapManyKeys(t *testing.T) {
	s := mustSel(t, selectors.NewSelectSelector[int])
	for fd := range 100 {
		if _, err := s.Register(fd, selectors.EVENT_READ, fd); err != nil {
			t.Fatal(err)
		}
	}
	for fd := 0; fd < 100; fd += 3 {
		if _, err := s.Unregister(fd); err != nil {
			t.Fatal(err)
		}
	}
	for fd := 0; fd < 100; fd += 3 {
		if _, err := s.Register(fd, selectors.EVENT_WRITE, -fd); err != nil {
			t.Fatal(err)
		}
	}
	var want []int
	for fd := range 100 {
		if fd%3 != 0 {
			want = append(want, fd)
		}
	}
	for fd := 0; fd < 100; fd += 3 {
		want = append(want, fd)
	}
	m := s.GetMap()
	if got := slices.Collect(m.Keys()); !slices.Equal(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
	for fd, key := range m.All() {
		if key.Fd != fd || (fd%3 == 0) != (key.Events == selectors.EVENT_WRITE) {
			t.Fatalf("fd %d: %+v", fd, key)
		}
	}
	if m.Len() != 100 {
		t.Fatal(m.Len())
	}
}

// TestTimeoutRules: the TypeErrors and math.ceil errors of the timeout
// rules (probed with CPython 3.11). A listening socket nobody connects to
// is registered, as in test_selectors.py::BaseSelectorTestCase::test_timeout:
// with nothing registered, select.select has three empty sets, which
// Winsock refuses (WSAEINVAL, as CPython raises on Windows).
func TestTimeoutRules(t *testing.T) {
	s := mustSel(t, selectors.NewSelectSelector[any])
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if _, err := s.Register(ln, selectors.EVENT_READ); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if r, err := s.Select(-5); err != nil || len(r) != 0 {
		t.Errorf("Select(-5): %v %v", r, err)
	}
	if r, err := s.Select(-time.Second); err != nil || len(r) != 0 {
		t.Errorf("Select(-1s): %v %v", r, err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("negative timeouts waited %v", d)
	}
	_, err = s.Select(math.NaN())
	wantErr(t, err, builtins.ValueError, "Invalid value NaN (not a number)")
}

// mustSel is a selector of the class newSel, or the test's end.
func mustSel[D any](t testing.TB, newSel func() (selectors.BaseSelector[D], error)) selectors.BaseSelector[D] {
	t.Helper()
	sel, err := newSel()
	if err != nil {
		t.Fatal(err)
	}
	return sel
}
