// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package conformance_test

import (
	"io"
	"runtime"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
)

// The close-protocol specs every object built on pollFD shares (Epoll,
// Kqueue, Devpoll: sys/pyselect/pollfd.go), declared once and called from
// epoll_close_protocol_linux_test.go, kqueue_close_protocol_bsd_test.go and
// devpoll_close_protocol_test.go with the object's constructor.

// itWakesAtRlimit: a call blocked in the object made by open (waiting,
// the channel its error arrives on) is woken by Close when the process is
// at RLIMIT_NOFILE, and fails with ValueError msg.
func itWakesAtRlimit(msg string, open func() (obj io.Closer, waiting <-chan error)) {
	When("at RLIMIT_NOFILE while a call blocks", Serial, func() {
		// Source: open(2) ERRORS EMFILE; Go's runtime/netpoll_*.go makes its
		// wake-up once, in netpollinit, so that waking needs nothing later.
		// Design: sys/pyselect/pollfd.go (pollFD: the close protocol)
		It("wakes the call with ValueError: waking needs no descriptor", func(ctx SpecContext) {
			obj, ch := open()
			restore := support.ExhaustFds()
			Expect(obj.Close()).To(Succeed())
			restore()
			Eventually(ch).WithTimeout(5 * time.Second).Should(Receive(support.Raise(builtins.ValueError, msg)))
		}, SpecTimeout(30*time.Second))
	})
}

// itClosesWhenCollected: objects made by open and dropped without Close
// give their descriptors back once collected, and an object closed
// explicitly is never closed again by the collector.
func itClosesWhenCollected(what string, open func() (io.Closer, error)) {
	When("the object is dropped without close", Serial, func() {
		// Source: https://pkg.go.dev/runtime#AddCleanup ("A typical use is that ptr is an
		// object wrapping an underlying resource (e.g., a File object wrapping an OS
		// file descriptor)"); CPython's dealloc of each object closes its fd.
		// Design: sys/pyselect/pollfd.go (pollFD: collection)
		It("closes its descriptors once the collector finds it unreachable", func(ctx SpecContext) {
			before, after := support.DropAndCollect(100, 10, open)
			Expect(after).To(BeNumerically("<=", before+10), "100 dropped %s hold 100 or more descriptors until collected", what)
		}, SpecTimeout(30*time.Second))
	})

	When("the object was closed explicitly and its numbers were reused", Serial, func() {
		// Source: https://pkg.go.dev/runtime#Cleanup.Stop; close(2) NOTES on
		// closing a number another thread may have reused.
		// Design: sys/pyselect/pollfd.go (pollFD: collection)
		It("is never closed again by the collector", func(ctx SpecContext) {
			var files []int
			for range 20 {
				obj, err := open()
				Expect(err).NotTo(HaveOccurred())
				Expect(obj.Close()).To(Succeed())
				for range 2 {
					r, w := support.Pipe() // the lowest free numbers: the object's
					files = append(files, r, w)
				}
			}
			for range 5 {
				runtime.GC()
				time.Sleep(10 * time.Millisecond)
			}
			for _, fd := range files {
				_, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
				Expect(err).NotTo(HaveOccurred(), "fd %d was closed behind its owner", fd)
			}
		}, SpecTimeout(30*time.Second))
	})
}
