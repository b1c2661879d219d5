// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package selectors_test

import (
	"testing"
	"time"

	"golang.org/x/sys/unix"

	_ "github.com/pyselect/pyselect/conformance/support/memwatch" // a runaway test is named under .ci/memcap.sh
	"github.com/pyselect/pyselect/conformance/support/waitfor"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/selectors"
)

// TestEpollSelectorClosed: select and register after close are the epoll
// object's ValueError, as in CPython 3.11.
func TestEpollSelectorClosed(t *testing.T) {
	s, err := selectors.NewEpollSelector[any]()
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = s.Select(0)
	wantErr(t, err, builtins.ValueError, "I/O operation on closed epoll object")
	_, err = s.Register(1, selectors.EVENT_WRITE)
	wantErr(t, err, builtins.ValueError, "I/O operation on closed epoll object")
	if s.GetMap().Len() != 0 {
		t.Error("get_map() is not None (false)")
	}
}

// TestEpollSelectorCloseWakesSelect: Close while another goroutine is in
// Select wakes it with the epoll object's ValueError.
func TestEpollSelectorCloseWakesSelect(t *testing.T) {
	s, err := selectors.NewEpollSelector[any]()
	if err != nil {
		t.Fatal(err)
	}
	var p [2]int
	if err := unix.Pipe(p[:]); err != nil {
		t.Fatal(err)
	}
	defer unix.Close(p[0])
	defer unix.Close(p[1])
	if _, err := s.Register(p[0], selectors.EVENT_READ); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := s.Select(nil); done <- err }()
	time.Sleep(50 * time.Millisecond) // let it block; the result is the same if not
	s.Close()
	err = waitfor.Recv(t, done, 5*time.Second, "Select(nil) to be woken by Close")
	wantErr(t, err, builtins.ValueError, "I/O operation on closed epoll object")
}

// TestEpollHangupIsReadAndWrite: EPOLLHUP maps to both events, masked
// with the key's.
func TestEpollHangupIsReadAndWrite(t *testing.T) {
	s, err := selectors.NewEpollSelector[any]()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var p [2]int
	if err := unix.Pipe(p[:]); err != nil {
		t.Fatal(err)
	}
	defer unix.Close(p[0])
	key, err := s.Register(p[0], selectors.EVENT_READ)
	if err != nil {
		t.Fatal(err)
	}
	unix.Close(p[1])
	r, err := s.Select(1)
	if err != nil || len(r) != 1 || r[0].Key != key || r[0].Events != selectors.EVENT_READ {
		t.Fatalf("got %v %v, want one EVENT_READ", r, err)
	}
}
