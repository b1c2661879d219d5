// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !solaris

package selectors_test

import (
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/pyselect/pyselect/conformance/support/fdtest"
	"github.com/pyselect/pyselect/conformance/support/waitfor"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/selectors"
)

// A reentrantFile is a file object whose fileno() and repr call back into
// the selector it is registered with, as Python code may (a fileno()
// that asks sel.get_key, a __repr__ that shows len(sel.get_map())).
type reentrantFile struct {
	fd  int
	sel selectors.BaseSelector[int]
}

func (f *reentrantFile) Fileno() (int, error) {
	if m := f.sel.GetMap(); m != nil {
		m.Len()
	}
	f.sel.GetKey(f.fd)
	return f.fd, nil
}

func (f *reentrantFile) String() string {
	if m := f.sel.GetMap(); m != nil {
		m.Len()
	}
	return "reentrantFile"
}

// TestReentrantFileobj: a file object's Fileno and String, the caller's
// code, run while no lock of the selector is held, so that they may call
// the selector back, as CPython's fileno() and __repr__ may (probed with
// python3 -c: a fileno() calling sel.get_map() registers, and a
// __repr__ calling len(sel.get_map()) shows in the KeyError).
func TestReentrantFileobj(t *testing.T) {
	for _, c := range fmClasses {
		t.Run(c.name, func(t *testing.T) {
			s, err := c.new()
			if err != nil {
				t.Fatal(err)
			}
			r, _ := fdtest.Pipe(t)
			f := &reentrantFile{fd: r, sel: s}
			done := make(chan struct{})
			go func() { // a deadlocked selector cannot be closed: no cleanup outside
				defer close(done)
				defer s.Close()
				if _, err := s.Register(f, selectors.EVENT_READ); err != nil {
					t.Error(err)
				}
				_, err := s.Register(f, selectors.EVENT_READ)
				wantErr(t, err, builtins.KeyError, "'reentrantFile (FD "+strconv.Itoa(r)+") is already registered'")
				if _, err := s.GetKey(f); err != nil {
					t.Error(err)
				}
				if _, err := s.GetMap().Get(f); err != nil {
					t.Error(err)
				}
				if _, ok := s.GetMap().Lookup(f); !ok {
					t.Error("Lookup: not found")
				}
				if _, err := s.Modify(f, selectors.EVENT_WRITE, 7); err != nil {
					t.Error(err)
				}
				if _, err := s.Modify(f, selectors.EVENT_WRITE, 8); err != nil {
					t.Error(err)
				}
				if _, err := s.Unregister(f); err != nil {
					t.Error(err)
				}
				_, err = s.Unregister(f)
				wantErr(t, err, builtins.KeyError, "'reentrantFile is not registered'")
				_, err = s.Modify(f, selectors.EVENT_READ)
				wantErr(t, err, builtins.KeyError, "'reentrantFile is not registered'")
				_, err = s.GetKey(f)
				wantErr(t, err, builtins.KeyError, "'reentrantFile is not registered'")
			}()
			waitfor.Recv(t, done, 5*time.Second, "the calls whose file object's Fileno and String call the selector back (a deadlock?)")
		})
	}
}

// TestConcurrentUse: Select, GetKey and the Map in three goroutines
// while a fourth registers, modifies, unregisters and closes, as Python
// threads may; under -race, any access to the selector's state outside its lock
// fails the test.
func TestConcurrentUse(t *testing.T) {
	for _, c := range fmClasses {
		t.Run(c.name, func(t *testing.T) {
			s, err := c.new()
			if err != nil {
				t.Fatal(err)
			}
			r, w := fdtest.Pipe(t)
			if _, err := s.Register(r, selectors.EVENT_READ); err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			for range 3 {
				wg.Go(func() {
					for range 30 {
						s.Select(0.001) // a PollSelector's second poll is RuntimeError
						s.GetKey(r)
						if m := s.GetMap(); m != nil {
							for range m.All() {
							}
						}
					}
				})
			}
			wg.Go(func() {
				for i := range 100 {
					s.Modify(r, 1+i%2, i)
					s.Register(w, selectors.EVENT_WRITE)
					s.Unregister(w)
					if m := s.GetMap(); m != nil {
						for range m.All() {
						}
					}
				}
				s.Close()
				s.Register(w, selectors.EVENT_WRITE)
				s.Close()
			})
			waitfor.Recv(t, waitfor.Done(wg.Wait), time.Minute, "the goroutines sharing the selector")
		})
	}
}
