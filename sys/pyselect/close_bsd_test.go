// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package pyselect

import (
	"errors"
	"io"
	"os"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support/waitfor"
	"github.com/pyselect/pyselect/sys/builtins"
)

// Close wakes a blocked Control even when no descriptor can be had.
func TestKqueueCloseWakesAtEMFILE(t *testing.T) {
	kq, err := NewKqueue()
	if err != nil {
		t.Fatal(err)
	}
	c := waitResult(func() error { _, err := kq.Control(nil, 1, nil); return err })
	time.Sleep(50 * time.Millisecond)
	undo := atEMFILE(t)
	kq.Close()
	undo()
	wantClosed(t, c, "Control")
}

// Nothing Close does is seen through a dup of the queue's descriptor or by
// a kqueue watching it.
func TestKqueueCloseInvisible(t *testing.T) {
	kq, err := NewKqueue()
	if err != nil {
		t.Fatal(err)
	}
	fd, _ := kq.Fileno()
	dfd, err := unix.Dup(fd)
	if err != nil {
		t.Fatal(err)
	}
	dup, err := KqueueFromFd(dfd)
	if err != nil {
		t.Fatal(err)
	}
	defer dup.Close()
	outer := newTestKqueue(t)
	watch, _ := NewKevent(fd, KQ_FILTER_READ, KQ_EV_ADD)
	if _, err := outer.Control([]Kevent{watch}, 0, 0); err != nil {
		t.Fatal(err)
	}
	c := waitResult(func() error { _, err := kq.Control(nil, 1, nil); return err })
	type res struct {
		evs []Kevent
		err error
	}
	dc, oc := make(chan res, 1), make(chan res, 1)
	go func() { evs, err := dup.Control(nil, 4, 0.3); dc <- res{evs, err} }()
	go func() { evs, err := outer.Control(nil, 4, 0.3); oc <- res{evs, err} }()
	time.Sleep(50 * time.Millisecond)
	kq.Close()
	wantClosed(t, c, "Control")
	for name, ch := range map[string]chan res{"dup": dc, "outer": oc} {
		if r := waitfor.Recv(t, ch, 10*time.Second, name+".Control(None, 4, 0.3)"); r.err != nil || len(r.evs) != 0 {
			t.Errorf("%s.Control(None, 4, 0.3) while the other Kqueue closed = %v, %v; want [], nil", name, r.evs, r.err)
		}
	}
}

// A Kqueue dropped without Close is closed when collected; one closed
// explicitly is never closed again.
func TestKqueueClosedOnCollection(t *testing.T) {
	checkCollected(t, 4, func() (io.Closer, error) { return NewKqueue() })
}

// The zero Kqueue and a nil *Kqueue are closed objects: never fd 0.
func TestKqueueZeroValue(t *testing.T) {
	var zero Kqueue
	for name, kq := range map[string]*Kqueue{"zero": &zero, "nil": nil} {
		if !kq.Closed() {
			t.Errorf("%s: Closed() = false", name)
		}
		if fd, err := kq.Fileno(); !errors.Is(err, builtins.ValueError) {
			t.Errorf("%s: Fileno() = %d, %v; want ValueError", name, fd, err)
		}
		if evs, err := kq.Control(nil, 1, 0); !errors.Is(err, builtins.ValueError) {
			t.Errorf("%s: Control = %v, %v; want ValueError", name, evs, err)
		}
		if err := kq.Close(); err != nil {
			t.Errorf("%s: Close = %v", name, err)
		}
		if err := kq.Close(); err != nil {
			t.Errorf("%s: second Close = %v", name, err)
		}
		if !fdOpen(0) {
			t.Fatalf("%s: fd 0 was closed", name)
		}
	}
}

// What Control keeps between calls is bounded, whatever maxevents asked.
func TestKqueueKeptArrayBounded(t *testing.T) {
	kq := newTestKqueue(t)
	if _, err := kq.Control(nil, 1<<30, 0); err != nil {
		t.Fatal(err)
	}
	if c := cap(kq.buf.buf); c > 2*keptEvents {
		t.Errorf("Control(None, 2**30, 0) left an array of %d kevents in the Kqueue, want at most %d", c, 2*keptEvents)
	}
}

// A user's own three-deep nesting, built innermost first (Z added to X,
// then X to Y), succeeds as CPython's does. xnu refuses to add a kqueue
// to a parent whose nesting level is set and below the child's
// (bsd/kern/kern_event.c: kqueue_kqfilter); a private kqueue watching
// every Kqueue set each one's level from birth, so the second step
// failed there with EINVAL. The other kernels keep no levels; the test
// runs on all of them.
func TestKqueueUserNestingThreeDeep(t *testing.T) {
	z, x, y := newTestKqueue(t), newTestKqueue(t), newTestKqueue(t)
	for _, step := range []struct {
		name          string
		parent, child *Kqueue
	}{{"Z into X", x, z}, {"X into Y", y, x}} {
		fd, _ := step.child.Fileno()
		watch, _ := NewKevent(fd, KQ_FILTER_READ, KQ_EV_ADD)
		if _, err := step.parent.Control([]Kevent{watch}, 0, 0); err != nil {
			t.Fatalf("%s: %v; CPython's kqueues nest so", step.name, err)
		}
	}
}

// At RLIMIT_NOFILE 0 and 1, set after the Kqueue is made (as OpenSSH's
// rlimit sandbox does), a blocking Control waits out its timeout and
// returns [], as CPython's kq.control(None, 1, 0.05) does, and Close still
// wakes a blocked call: neither a wait nor Close needs a descriptor.
func TestKqueueAtRLIMIT_NOFILE(t *testing.T) {
	if os.Getenv("PYSELECT_NOFILE_CHILD") != "" {
		kq, err := NewKqueue()
		if err != nil {
			t.Fatal(err)
		}
		for _, lim := range []unix.Rlimit{{Cur: 1, Max: 1}, {Cur: 0, Max: 0}} {
			if err := unix.Setrlimit(unix.RLIMIT_NOFILE, &lim); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			evs, err := kq.Control(nil, 1, 0.05)
			if took := time.Since(start); err != nil || len(evs) != 0 || took < 50*time.Millisecond {
				t.Errorf("at RLIMIT_NOFILE %d: Control(None, 1, 0.05) = %v, %v after %v; want [], nil after 50 ms", lim.Cur, evs, err, took)
			}
		}
		c := waitResult(func() error { _, err := kq.Control(nil, 1, nil); return err })
		time.Sleep(50 * time.Millisecond)
		kq.Close()
		wantClosed(t, c, "Control at RLIMIT_NOFILE 0")
		return
	}
	runChild(t, "TestKqueueAtRLIMIT_NOFILE", "PYSELECT_NOFILE_CHILD=1")
}
