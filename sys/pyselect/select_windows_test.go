// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"math"
	"net"
	"testing"
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
	"golang.org/x/sys/windows"
)

// TestFdSetCountedArray checks the fd_set rules of winsock2.h that
// CPython's seq2set relies on: FD_SET adds a handle once, keeps at most
// FD_SETSIZE, and takes any handle value (no range check).
func TestFdSetCountedArray(t *testing.T) {
	var s fdSet
	for _, h := range []int{0x1234, 8, 0x1234, math.MaxInt32, 8} {
		if err := s.add(h); err != nil {
			t.Fatalf("add(%#x) = %v, want nil: Windows has no fd range check", h, err)
		}
	}
	if s.count != 3 {
		t.Errorf("count = %d after adding 3 distinct handles (2 twice), want 3", s.count)
	}
	for _, h := range []int{0x1234, 8, math.MaxInt32} {
		if !s.isSet(h) {
			t.Errorf("isSet(%#x) = false after add", h)
		}
	}
	if s.isSet(12) {
		t.Errorf("isSet(12) = true, never added")
	}
	for h := 0; s.count < FD_SETSIZE; h += 4 {
		s.add(0x10000 + h)
	}
	s.add(0x7000000) // one more than fits: dropped, as FD_SET drops it
	if s.count != FD_SETSIZE || s.isSet(0x7000000) {
		t.Errorf("full set: count %d, isSet(past the end) %v; want %d, false", s.count, s.isSet(0x7000000), FD_SETSIZE)
	}
	if FD_SETSIZE != 512 {
		t.Errorf("FD_SETSIZE = %d, want CPython's 512", FD_SETSIZE)
	}
}

// TestFillTooMany checks seq2set's limit: FD_SETSIZE elements in one list,
// duplicates counted, and the 513th is ValueError.
func TestFillTooMany(t *testing.T) {
	for _, n := range []int{FD_SETSIZE, FD_SETSIZE + 1} {
		var s fdSet
		list := make([]int, n)
		for i := range list {
			list[i] = 0x100 // one handle, n times
		}
		nfd := 0
		_, err := fill(&s, list, nil, &nfd)
		if n <= FD_SETSIZE && err != nil {
			t.Errorf("%d elements: %v, want nil", n, err)
		}
		if n > FD_SETSIZE && builtins.ExceptionOf(err) != builtins.ValueError {
			t.Errorf("%d elements: %v, want ValueError: too many file descriptors in select()", n, err)
		}
	}
}

// TestSysSelect calls Winsock through sysSelect on a loopback TCP pair:
// the timeout is waited out, readiness is reported in the sets, and three
// empty sets are WSAEINVAL.
func TestSysSelect(t *testing.T) {
	ln, err := net.ListenTCP("tcp4", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	c, err := net.DialTCP("tcp4", nil, ln.Addr().(*net.TCPAddr))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s, err := ln.AcceptTCP()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cfd, err := fdOf(c)
	if err != nil {
		t.Fatal(err)
	}
	sfd, _ := fdOf(s)

	var r, w, x fdSet
	r.add(sfd)
	w.add(cfd)
	n, err := sysSelect(0, &r, &w, &x, 0)
	if err != nil || n != 1 || r.count != 0 || !w.isSet(cfd) {
		t.Errorf("before a write: n=%d err=%v r=%d w=%v; want 1, nil, 0, client writable", n, err, r.count, w.isSet(cfd))
	}
	if _, err := c.Write([]byte("x")); err != nil {
		t.Fatal(err)
	}
	r = fdSet{}
	r.add(sfd)
	n, err = sysSelect(0, &r, nil, nil, 5*time.Second)
	if err != nil || n != 1 || !r.isSet(sfd) {
		t.Errorf("after a write: n=%d err=%v; want the server end readable", n, err)
	}

	_, err = sysSelect(0, &fdSet{}, &fdSet{}, &fdSet{}, 0)
	if e, ok := err.(*builtins.Error); !ok || e.Errno != windows.WSAEINVAL || e.Exception != builtins.OSError {
		t.Errorf("three empty sets: %v, want OSError [WinError 10022]", err)
	}
}
