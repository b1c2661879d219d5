// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"net"
	"runtime"
	"time"
	"unsafe"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/windows"
)

// The suite-level leak check on Windows: every spec closes what it opens
// (through DeferCleanup), so the process ends the suite with the sockets,
// files and pipes it began with, and no more goroutines.
//
// Windows has no fd table to walk, and its handle count is no measure: the
// Go runtime keeps a thread handle and wait events for every OS thread it
// starts, at any time. So the check lists the handles that are I/O objects,
// the ones a spec opens: a socket (getsockopt SO_TYPE succeeds) or a file,
// pipe or console (GetFileType knows it). Handle values are multiples of 4;
// a small process's stay far below 1<<16.
var ioHandlesBefore []windows.Handle
var goroutinesBefore int

var _ = BeforeSuite(func() {
	// Start Winsock and Go's I/O completion port before counting, so that
	// what they open lazily is not taken for a leak.
	ln, err := net.ListenTCP("tcp4", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
	Expect(err).NotTo(HaveOccurred())
	c, err := net.DialTCP("tcp4", nil, ln.Addr().(*net.TCPAddr))
	Expect(err).NotTo(HaveOccurred())
	s, err := ln.AcceptTCP()
	Expect(err).NotTo(HaveOccurred())
	Expect(s.Close()).To(Succeed())
	Expect(c.Close()).To(Succeed())
	Expect(ln.Close()).To(Succeed())
	ioHandlesBefore = ioHandles()
	goroutinesBefore = runtime.NumGoroutine()
})

var _ = AfterSuite(func() {
	Eventually(ioHandles).WithTimeout(5*time.Second).WithPolling(50*time.Millisecond).
		Should(Equal(ioHandlesBefore), "sockets, files and pipes open after the suite, against before it")
	Eventually(runtime.NumGoroutine).WithTimeout(5*time.Second).WithPolling(50*time.Millisecond).
		Should(BeNumerically("<=", goroutinesBefore), "goroutines after the suite, against before it")
})

// ioHandles lists this process's open sockets, files, pipes and consoles.
func ioHandles() []windows.Handle {
	var hs []windows.Handle
	for v := uintptr(4); v < 1<<16; v += 4 {
		h := windows.Handle(v)
		if isSocket(h) {
			hs = append(hs, h)
			continue
		}
		if t, err := windows.GetFileType(h); err == nil && t != windows.FILE_TYPE_UNKNOWN {
			hs = append(hs, h)
		}
	}
	return hs
}

// isSocket reports whether h is a socket: getsockopt fails with
// WSAENOTSOCK for any other handle.
func isSocket(h windows.Handle) bool {
	const soType = 0x1008 // SO_TYPE, winsock2.h
	var typ int32
	n := int32(unsafe.Sizeof(typ))
	return windows.Getsockopt(h, windows.SOL_SOCKET, soType, (*byte)(unsafe.Pointer(&typ)), &n) == nil
}
