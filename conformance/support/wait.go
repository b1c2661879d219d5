// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package support

import (
	"runtime"
	"runtime/debug"
	"slices"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// ReturnsWithin is call's error when call returns within limit. Otherwise
// it fails the spec, saying that the call still waits, after free has
// released the goroutine left in call from whatever it waits on.
func ReturnsWithin(limit time.Duration, call func() error, free func()) error {
	GinkgoHelper()
	done := make(chan error, 1)
	go func() { done <- call() }()
	select {
	case err := <-done:
		return err
	case <-time.After(limit):
		free()
		Fail("the call still waits after " + limit.String())
		return nil
	}
}

// WaitFloor is the time that all but two of n calls of wait took at
// least; each call must find nothing (count 0) and no error. A signal
// that interrupts a wait past its timeout as given ends it early, by PEP
// 475's rule, in CPython too, and Go's runtime sends its preemption
// signal (SIGURG) to threads in a system call: so two calls may be cut
// short, and the runtime is given few reasons to signal, with the garbage
// collector off and a fresh time slice for each call.
func WaitFloor(n int, wait func() (count int, err error)) time.Duration {
	GinkgoHelper()
	runtime.GC()
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	took := make([]time.Duration, n)
	for i := range took {
		runtime.Gosched()
		start := time.Now()
		count, err := wait()
		took[i] = time.Since(start)
		Expect(err).NotTo(HaveOccurred())
		Expect(count).To(BeZero(), "nothing was to be ready")
	}
	slices.Sort(took)
	GinkgoWriter.Printf("waits, shortest first: %v\n", took)
	return took[min(2, n-1)]
}
