// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package selectors_test

import (
	"net"
	"slices"
	"strconv"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support/fdtest"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
	"github.com/pyselect/pyselect/sys/selectors"
)

// TestDifferences checks the selectors entries of
// conformance/DIFFERENCES.md, each a place where the port knowingly
// differs from Lib/selectors.py.
func TestDifferences(t *testing.T) {
	t.Run("Lookup of an invalid file object is absent; Get raises", func(t *testing.T) {
		s := mustSel(t, selectors.NewSelectSelector[any])
		defer s.Close()
		f := &closedFileno{}
		if k, ok := s.GetMap().Lookup(f); k != nil || ok {
			t.Errorf("Lookup(invalid) = %v, %v; want nil, false", k, ok)
		}
		_, err := s.GetMap().Get(f)
		wantErr(t, err, builtins.ValueError, "Invalid file object: "+builtins.Repr(f))
	})
	t.Run("Modify with the same func returns a new key holding it", func(t *testing.T) {
		s := mustSel(t, selectors.NewSelectSelector[func()])
		defer s.Close()
		cb := func() {}
		k, err := s.Register(0, selectors.EVENT_READ, cb)
		check(t, err)
		k2, err := s.Modify(0, selectors.EVENT_READ, cb)
		check(t, err)
		if k2 == k || k2.Data == nil {
			t.Errorf("Modify with the same func: key %p (was %p), data set %v; want a new key holding it", k2, k, k2.Data != nil)
		}
	})
	t.Run("GetMap's iterators see the keys of the moment iteration starts", func(t *testing.T) {
		s := mustSel(t, selectors.NewSelectSelector[any])
		defer s.Close()
		for fd := range 3 {
			_, err := s.Register(fd, selectors.EVENT_READ)
			check(t, err)
		}
		var seen []int
		for fd := range s.GetMap().All() {
			seen = append(seen, fd)
			if fd == 0 {
				_, err := s.Unregister(2) // Python: RuntimeError, dictionary changed size
				check(t, err)
				_, err = s.Register(5, selectors.EVENT_READ)
				check(t, err)
			}
		}
		if !slices.Equal(seen, []int{0, 1, 2}) {
			t.Errorf("iteration saw %v; want the keys at its start, [0 1 2]", seen)
		}
	})
	t.Run("a file object whose fd does not fit int is OverflowError at Register where int has 32 bits", func(t *testing.T) {
		s := mustSel(t, selectors.NewSelectSelector[any])
		defer s.Close()
		key, err := s.Register(bigFileno{}, selectors.EVENT_READ)
		if strconv.IntSize == 32 {
			wantErr(t, err, builtins.OverflowError, "Python int too large to convert to C int")
			return
		}
		// Python registers it (and fails at select): so does a 64-bit Go.
		check(t, err)
		if int64(key.Fd) != 1<<31 {
			t.Errorf("key.Fd = %d; want 2**31", key.Fd)
		}
	})
	t.Run("SelectSelector.Select returns the ready fds in ascending order", func(t *testing.T) {
		s := mustSel(t, selectors.NewSelectSelector[any])
		defer s.Close()
		var fds []int
		for range 4 {
			r, w := fdtest.Pipe(t)
			if _, err := unix.Write(w, []byte("x")); err != nil {
				t.Fatal(err)
			}
			fds = append(fds, r)
		}
		for _, fd := range slices.Backward(fds) {
			_, err := s.Register(fd, selectors.EVENT_READ)
			check(t, err)
		}
		ready, err := s.Select(0)
		check(t, err)
		var got []int
		for _, r := range ready {
			got = append(got, r.Key.Fd)
		}
		if !slices.Equal(got, slices.Sorted(slices.Values(fds))) {
			t.Errorf("Select returned fds %v; want them ascending", got)
		}
	})
	t.Run("SelectSelector.Select raises the error of the smaller bad fd first", func(t *testing.T) {
		if strconv.IntSize == 32 {
			t.Skip("2**31 does not register where int has 32 bits (above)")
		}
		s := mustSel(t, selectors.NewSelectSelector[any])
		defer s.Close()
		for _, f := range []any{bigFileno{}, pyselect.FD_SETSIZE} {
			_, err := s.Register(f, selectors.EVENT_READ)
			check(t, err)
		}
		// CPython 3.11: OverflowError "Python int too large to convert to C int".
		_, err := s.Select(0)
		wantErr(t, err, builtins.ValueError, "filedescriptor out of range in select()")
	})
	t.Run("Lookup of an invalid file descriptor is absent; Get raises", func(t *testing.T) {
		s := mustSel(t, selectors.NewSelectSelector[any])
		defer s.Close()
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		check(t, err)
		ln.Close() // a closed socket never registered: fileno() is -1
		for _, c := range []struct {
			f  any
			fd int
		}{{ln, -1}, {-2, -2}, {filenoObj(-5), -5}} {
			if k, ok := s.GetMap().Lookup(c.f); k != nil || ok {
				t.Errorf("Lookup(%v) = %v, %v; want nil, false", c.f, k, ok)
			}
			_, err := s.GetMap().Get(c.f)
			wantErr(t, err, builtins.ValueError, "Invalid file descriptor: "+strconv.Itoa(c.fd))
		}
	})
}

// bigFileno is a file object whose fileno() is 2**31, past a 32-bit int.
type bigFileno struct{}

func (bigFileno) Fileno() (int64, error) { return 1 << 31, nil }
