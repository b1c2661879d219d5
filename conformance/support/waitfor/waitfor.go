// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

// Package waitfor gives a test's waits a deadline: a wait on a channel, on
// a child process or on anything a goroutine can wait for fails the test
// when the deadline passes, naming what it waited for, instead of hanging
// the test binary until its -timeout. The Ginkgo suite has SpecTimeout and
// Eventually for this; plain tests use this package.
package waitfor

import (
	"context"
	"os/exec"
	"testing"
	"time"
)

// Recv returns the value ch delivers within d, or fails t (t.Fatalf)
// saying that what did not arrive in d. Call it from the test's goroutine.
func Recv[T any](t testing.TB, ch <-chan T, d time.Duration, what string) T {
	t.Helper()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case v := <-ch:
		return v
	case <-timer.C:
		t.Fatalf("waited %v for %s: still waiting", d, what)
		panic("unreachable")
	}
}

// Done runs f in a new goroutine and returns a channel closed when f
// returns: with Recv, a deadline for a wait that has no channel
// (sync.WaitGroup.Wait, a blocking read).
func Done(f func()) <-chan struct{} {
	c := make(chan struct{})
	go func() {
		defer close(c)
		f()
	}()
	return c
}

// Command is exec.Command for a child that must end within d of its
// start: past d it is killed, and t gets an error naming the command, so
// that Run, Output or Wait return instead of waiting for ever. Wait also
// returns within a second of the kill when a grandchild still holds the
// child's output (exec.Cmd.WaitDelay).
func Command(t testing.TB, d time.Duration, name string, args ...string) *exec.Cmd {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Cancel = func() error {
		if ctx.Err() == context.DeadlineExceeded {
			t.Errorf("waited %v for %s: still running, killed", d, cmd)
		}
		return cmd.Process.Kill()
	}
	cmd.WaitDelay = time.Second
	return cmd
}
