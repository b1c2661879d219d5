// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package support

import (
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	"golang.org/x/sys/unix"
)

// Storm calls send every period, from its own goroutine, until the
// returned stop is called (or the spec ends); stop returns how many sends
// succeeded. It is the signal storm of the EINTR specs: send is a kill(2)
// or tgkill(2) of a signal the spec has passed to signal.Notify, so that
// the Go runtime catches it and takes no action, such as SIGUSR2 (not
// SIGUSR1: Ginkgo takes SIGUSR1 as a request for a progress report). It
// makes a blocked select(2) or poll(2) fail with EINTR (signal(7): never
// restarted, whatever SA_RESTART says).
func Storm(period time.Duration, send func() error) (stop func() int) {
	quit := make(chan struct{})
	var wg sync.WaitGroup
	sent := 0
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(period)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
				if send() == nil {
					sent++
				}
			}
		}
	}()
	var once sync.Once
	stop = func() int {
		once.Do(func() { close(quit); wg.Wait() })
		return sent
	}
	DeferCleanup(stop)
	return stop
}

// KillProcess sends sig to this process (a process-directed signal: the
// kernel hands it to any thread that does not block it).
func KillProcess(sig unix.Signal) func() error {
	return func() error { return unix.Kill(unix.Getpid(), sig) }
}
