// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package conformance_test

import (
	"os"
	"runtime"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/pyselect/pyselect/conformance/support"
)

// The suite-level leak check: every spec closes what it opens (through
// DeferCleanup), so the process ends the suite with the descriptors and
// goroutines it began with.
var fdsBefore []int
var goroutinesBefore int

var _ = BeforeSuite(func() {
	// Start Go's own poller (an epoll/kqueue fd and a wake-up fd) before
	// counting, so that its lazily opened descriptors are not taken for a
	// leak.
	r, w, err := os.Pipe()
	Expect(err).NotTo(HaveOccurred())
	r.Close()
	w.Close()
	openProcessWide()
	fdsBefore = support.OpenFds()
	goroutinesBefore = runtime.NumGoroutine()
})

var _ = AfterSuite(func() {
	Eventually(support.OpenFds).WithTimeout(5*time.Second).WithPolling(50*time.Millisecond).
		Should(Equal(fdsBefore), "descriptors open after the suite, against before it")
	Eventually(runtime.NumGoroutine).WithTimeout(5*time.Second).WithPolling(50*time.Millisecond).
		Should(BeNumerically("<=", goroutinesBefore), "goroutines after the suite, against before it")
})
