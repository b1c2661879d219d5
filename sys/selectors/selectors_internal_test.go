// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package selectors

import (
	"errors"
	"testing"

	"github.com/pyselect/pyselect/sys/pyselect"
)

// failingPoller is a Poll whose Modify fails: test_modify_unregister's
// mock (unittest.mock.Mock(side_effect=ZeroDivisionError)).
type failingPoller struct{ registrar }

var errZeroDivision = errors.New("ZeroDivisionError")

// newPollSelector is a new *PollSelector, as NewPollSelector makes it.
func newPollSelector(t *testing.T) *PollSelector[any] {
	t.Helper()
	sel, err := NewPollSelector[any]()
	if err != nil {
		t.Fatal(err)
	}
	return sel.(*PollSelector[any])
}

func (failingPoller) Modify(any, pyselect.Mask) error { return errZeroDivision }

// TestPollLikeModifyUnregistersOnFailure is test_selectors.py's
// test_modify_unregister for PollSelector (bpo-30014): when the poller's
// modify fails, the key is removed and the error returned.
func TestPollLikeModifyUnregistersOnFailure(t *testing.T) {
	s := newPollSelector(t)
	s.poller = failingPoller{pyselect.NewPoll()}
	if _, err := s.Register(0, EVENT_READ); err != nil {
		t.Fatal(err)
	}
	if n := s.GetMap().Len(); n != 1 {
		t.Fatalf("len(map) = %d, want 1", n)
	}
	if _, err := s.Modify(0, EVENT_WRITE); err != errZeroDivision {
		t.Fatalf("Modify: %v, want the poller's error", err)
	}
	if n := s.GetMap().Len(); n != 0 {
		t.Fatalf("len(map) = %d after the failed modify, want 0", n)
	}
}

// TestPollEventMapping is _PollLikeSelector.select's mapping: any bit but
// POLLIN is writable, any but POLLOUT readable.
func TestPollEventMapping(t *testing.T) {
	p := newPollSelector(t)
	for _, c := range []struct {
		ev   pyselect.Mask
		want int
	}{
		{pyselect.POLLIN, EVENT_READ},
		{pyselect.POLLOUT, EVENT_WRITE},
		{pyselect.POLLIN | pyselect.POLLOUT, EVENT_READ | EVENT_WRITE},
		{pyselect.POLLHUP, EVENT_READ | EVENT_WRITE},
		{pyselect.POLLERR, EVENT_READ | EVENT_WRITE},
		{pyselect.POLLNVAL, EVENT_READ | EVENT_WRITE},
		{pyselect.POLLPRI, EVENT_READ | EVENT_WRITE},
		{0, 0},
	} {
		if got := p.events(c.ev); got != c.want {
			t.Errorf("events(%#x) = %d, want %d", c.ev, got, c.want)
		}
	}
}
