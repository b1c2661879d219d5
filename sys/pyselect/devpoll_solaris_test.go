// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support/waitfor"
)

// TestDevpollPollSignalStorm: signals arriving far faster than a Poll's
// timeout neither end it early nor keep it waiting past the timeout (PEP
// 475: the wait ends at its deadline). Go's handlers have SA_RESTART, and
// libc restarts an interrupted ioctl with the same relative timeout, so
// without ioctlDpPoll's signal mask each signal the waiting thread takes
// starts the 200 ms again: the Poll would return only when the storm stops
// (after 3 s here).
func TestDevpollPollSignalStorm(t *testing.T) {
	dp, err := NewDevpoll()
	if err != nil {
		t.Fatal(err)
	}
	defer dp.Close()
	var p [2]int
	if err := unix.Pipe(p[:]); err != nil {
		t.Fatal(err)
	}
	defer unix.Close(p[0])
	defer unix.Close(p[1])
	if err := dp.Register(p[0], POLLIN); err != nil {
		t.Fatal(err)
	}
	stop, done := make(chan struct{}), make(chan int)
	go func() {
		sent := 0
		for end := time.Now().Add(3 * time.Second); time.Now().Before(end); sent++ {
			select {
			case <-stop:
				done <- sent
				return
			default:
			}
			syscall.Kill(os.Getpid(), syscall.SIGUSR2) // caught by Go, which does nothing with it
			time.Sleep(time.Millisecond)
		}
		<-stop
		done <- sent
	}()
	start := time.Now()
	evs, err := dp.Poll(200)
	elapsed := time.Since(start)
	close(stop)
	sent := waitfor.Recv(t, done, 10*time.Second, "the signal sender to stop")
	if err != nil || len(evs) != 0 {
		t.Fatalf("Poll(200) = %v, %v; want [], nil", evs, err)
	}
	if elapsed < 200*time.Millisecond || elapsed > time.Second {
		t.Errorf("Poll(200) under %d signals returned after %v; want 200 ms to 1 s", sent, elapsed)
	}
	if sent == 0 {
		t.Error("no signal was sent during the wait")
	}
}

// TestDevpollPollRestoresSignalMask: the thread that waited in DP_POLL has
// its signal mask back afterwards, as it was.
func TestDevpollPollRestoresSignalMask(t *testing.T) {
	dp, err := NewDevpoll()
	if err != nil {
		t.Fatal(err)
	}
	defer dp.Close()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var before, after sigset
	if err := pthreadSigmask(sigBlock, &sigset{}, &before); err != nil { // blocks nothing: a query
		t.Fatal(err)
	}
	if _, err := dp.Poll(1); err != nil {
		t.Fatal(err)
	}
	if err := pthreadSigmask(sigBlock, &sigset{}, &after); err != nil {
		t.Fatal(err)
	}
	if before != after {
		t.Errorf("signal mask %x before Poll(1), %x after", before, after)
	}
}

// TestAsyncSignals: the mask a DP_POLL waits under blocks the signals
// sent to the process and none a fault raises on the thread.
func TestAsyncSignals(t *testing.T) {
	has := func(sig unix.Signal) bool { return asyncSignals[(sig-1)/32]&(1<<((sig-1)%32)) != 0 }
	for _, sig := range []unix.Signal{unix.SIGHUP, unix.SIGINT, unix.SIGUSR1, unix.SIGUSR2, unix.SIGCHLD, unix.SIGPROF, unix.SIGURG, unix.SIGALRM, unix.SIGTERM} {
		if !has(sig) {
			t.Errorf("%v is not blocked", sig)
		}
	}
	for _, sig := range []unix.Signal{unix.SIGILL, unix.SIGTRAP, unix.SIGEMT, unix.SIGFPE, unix.SIGBUS, unix.SIGSEGV, unix.SIGSYS} {
		if has(sig) {
			t.Errorf("%v, a fault's signal, is blocked", sig)
		}
	}
}

// The waker's pipe is in the /dev/poll from the start, so that Close
// only writes to the pipe and never to the /dev/poll, which on Solaris
// 11.4 waits for every DP_POLL in progress (see waker): a byte written to
// the pipe by hand is reported by the next Poll. The design that
// registered the pipe at Close reported nothing here.
func TestDevpollWakerRegisteredAtBirth(t *testing.T) {
	dp, err := NewDevpoll()
	if err != nil {
		t.Fatal(err)
	}
	defer dp.Close()
	w := dp.pfd.fds.wake
	if _, err := unix.Write(w.w, []byte{0}); err != nil {
		t.Fatal(err)
	}
	evs, err := dp.Poll(0)
	if err != nil || len(evs) != 1 || evs[0].Fd != w.r || evs[0].Events&POLLIN == 0 {
		t.Errorf("Poll(0) after a byte in the waker's pipe = %v, %v; want [(%d, POLLIN)]", evs, err, w.r)
	}
}
