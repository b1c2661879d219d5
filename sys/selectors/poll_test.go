// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package selectors_test

import (
	"math"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support/waitfor"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/selectors"
)

// TestPollTimeoutRules: PollSelector's timeout errors, CPython 3.11's.
func TestPollTimeoutRules(t *testing.T) {
	p := mustSel(t, selectors.NewPollSelector[any])
	_, err := p.Select("x")
	wantErr(t, err, builtins.TypeError, "'<=' not supported between instances of 'str' and 'int'")
	_, err = p.Select(math.NaN())
	wantErr(t, err, builtins.ValueError, "cannot convert float NaN to integer")
	_, err = p.Select(math.Inf(1))
	wantErr(t, err, builtins.OverflowError, "cannot convert float infinity to integer")
	_, err = p.Select(1e300)
	wantErr(t, err, builtins.OverflowError, "timestamp too large to convert to C _PyTime_t")
	if r, err := p.Select(math.Inf(-1)); err != nil || len(r) != 0 {
		t.Errorf("Select(-inf) polls: %v %v", r, err)
	}
}

// TestPollSelectorAfterClose: PollSelector.close forgets the keys only;
// registering again works, as in Python, and Select reports nothing for
// an fd the poll object still holds.
func TestPollSelectorAfterClose(t *testing.T) {
	p := mustSel(t, selectors.NewPollSelector[any])
	if _, err := p.Register(1, selectors.EVENT_WRITE); err != nil {
		t.Fatal(err)
	}
	p.Close()
	if r, err := p.Select(0); err != nil || len(r) != 0 {
		t.Errorf("Select after Close: %v %v", r, err)
	}
	if _, err := p.Register(1, selectors.EVENT_WRITE); err != nil {
		t.Errorf("Register after Close: %v", err)
	}
}

// TestSelectSelectorAfterClose: SelectSelector.close forgets the keys but
// not the fds select() watches (CPython's close leaves _readers and
// _writers), as PollSelector's poll object keeps its fds: a ready one ends
// a wait without timeout with no Ready, and once closed it fails Select
// with EBADF; Unregister cannot remove it (KeyError).
func TestSelectSelectorAfterClose(t *testing.T) {
	var p [2]int
	if err := unix.Pipe(p[:]); err != nil {
		t.Fatal(err)
	}
	defer unix.Close(p[0])
	s := mustSel(t, selectors.NewSelectSelector[any])
	if _, err := s.Register(p[1], selectors.EVENT_WRITE); err != nil {
		t.Fatal(err)
	}
	s.Close()
	done := make(chan error, 1)
	go func() {
		r, err := s.Select(nil)
		if err == nil && len(r) != 0 {
			t.Errorf("Select after Close reported %v", r)
		}
		done <- err
	}()
	if err := waitfor.Recv(t, done, 10*time.Second, "Select(nil) after Close, on a writable pipe it was watching"); err != nil {
		t.Errorf("Select(nil) after Close: %v", err)
	}
	unix.Close(p[1])
	_, err := s.Select(0)
	wantErr(t, err, builtins.OSError, "[Errno 9] Bad file descriptor")
	_, err = s.Unregister(p[1])
	wantErr(t, err, builtins.KeyError, "'"+builtins.Repr(p[1])+" is not registered'")
}
