// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package waitfor

import (
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/pyselect/pyselect/conformance/support/memwatch" // a runaway test is named under .ci/memcap.sh
)

// recorder is a testing.TB that keeps what the test would have reported;
// its Fatalf stops the caller as t.Fatalf does, by not returning.
type recorder struct {
	testing.TB
	mu       sync.Mutex
	failures []string
	cleanups []func()
}

type fatal struct{}

func (r *recorder) Helper()          {}
func (r *recorder) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }
func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	panic(fatal{})
}

// run calls f with r, as a test function, and runs r's cleanups.
func (r *recorder) run(f func()) {
	defer func() {
		for _, c := range r.cleanups {
			c()
		}
		if v := recover(); v != nil && v != (fatal{}) {
			panic(v)
		}
	}()
	f()
}

func TestRecv(t *testing.T) {
	ch := make(chan int, 1)
	ch <- 7
	var r recorder
	r.run(func() {
		if v := Recv(&r, ch, time.Second, "seven"); v != 7 {
			t.Errorf("Recv = %d, want 7", v)
		}
	})
	if len(r.failures) != 0 {
		t.Errorf("a value in time failed the test: %q", r.failures)
	}

	start := time.Now()
	r.run(func() {
		Recv(&r, make(chan int), 50*time.Millisecond, "the silent channel")
		t.Error("Recv returned without a value")
	})
	if len(r.failures) != 1 || !strings.Contains(r.failures[0], "the silent channel") {
		t.Errorf("failures = %q, want one naming the silent channel", r.failures)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Recv gave up after %v, want about 50 ms", d)
	}
}

func TestDone(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1)
	c := Done(wg.Wait)
	select {
	case <-c:
		t.Fatal("Done closed before its function returned")
	case <-time.After(20 * time.Millisecond):
	}
	wg.Done()
	Recv(t, c, 5*time.Second, "wg.Wait to return")
}

func TestCommand(t *testing.T) {
	if _, err := exec.LookPath("sleep"); err != nil {
		t.Skip("no sleep to run: ", err)
	}
	var r recorder
	start := time.Now()
	r.run(func() {
		if err := Command(&r, 100*time.Millisecond, "sleep", "30").Run(); err == nil {
			t.Error("sleep 30 killed after 100 ms ran to its end")
		}
	})
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Run returned after %v, want about 100 ms", d)
	}
	if len(r.failures) != 1 || !strings.Contains(r.failures[0], "sleep 30") {
		t.Errorf("failures = %q, want one naming sleep 30", r.failures)
	}

	r = recorder{}
	r.run(func() {
		if err := Command(&r, time.Minute, "sleep", "0").Run(); err != nil {
			t.Error(err)
		}
	})
	if len(r.failures) != 0 {
		t.Errorf("a child that ended in time failed the test: %q", r.failures)
	}
}
