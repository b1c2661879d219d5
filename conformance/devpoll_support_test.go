// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build solaris

package conformance_test

import (
	"runtime"
	"time"
	"unsafe"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/sys/pyselect"
)

// What the select.devpoll specs share (illumos and Solaris: Go's solaris
// build tag also holds on illumos).

// dpLabels are the labels of every devpoll spec.
var dpLabels = Label("api:devpoll", "os:"+runtime.GOOS)

const devpollClosedMsg = "I/O operation on closed devpoll object"

// newDp returns a select.devpoll() closed when the spec ends.
func newDp() *pyselect.Devpoll {
	GinkgoHelper()
	dp, err := pyselect.NewDevpoll()
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(dp.Close)
	return dp
}

// dpFileno is dp.fileno() of an open Devpoll.
func dpFileno(dp *pyselect.Devpoll) int {
	GinkgoHelper()
	fd, err := dp.Fileno()
	Expect(err).NotTo(HaveOccurred())
	return fd
}

// dpPoll0 is dp.poll(0), failing the spec on an error.
func dpPoll0(dp *pyselect.Devpoll) []pyselect.Event {
	GinkgoHelper()
	evs, err := dp.Poll(0)
	Expect(err).NotTo(HaveOccurred())
	return evs
}

// A dpPollResult is what a Poll returned.
type dpPollResult struct {
	evs []pyselect.Event
	err error
}

// dpPollAsync runs dp.Poll(timeout) in a goroutine; the spec must make it
// return.
func dpPollAsync(dp *pyselect.Devpoll, timeout any) <-chan dpPollResult {
	ch := make(chan dpPollResult, 1)
	go func() {
		evs, err := dp.Poll(timeout)
		ch <- dpPollResult{evs, err}
	}()
	return ch
}

// dpWaitsForClose is a goroutine blocked in dp.Poll(None): its channel
// receives the error Close wakes it with.
func dpWaitsForClose(dp *pyselect.Devpoll) <-chan error {
	ch := make(chan error, 1)
	go func() { _, err := dp.Poll(nil); ch <- err }()
	Consistently(ch).WithTimeout(50 * time.Millisecond).ShouldNot(Receive())
	return ch
}

// dpIsPolled is poll(4D)'s DP_ISPOLLED ioctl on the /dev/poll descriptor
// dpfd: whether fd is in the set, and the events it is polled for
// ("The DP_ISPOLLED ioctl returns 1 if the file descriptor is in the set.
// ... The revents field contains the currently polled events"). It shows
// what has been written to the kernel, not what the object has buffered.
//
// x/sys has no ioctl that takes a pointer and returns the ioctl's value
// except IoctlSetStrioctlRetInt, which passes its pointer through: the
// pollfd is put at the start of memory the size of a struct strioctl, of
// which the kernel reads and writes the first 8 bytes.
func dpIsPolled(dpfd, fd int) (events pyselect.Mask, polled bool) {
	GinkgoHelper()
	var arg struct {
		_   [0]uint64 // the alignment of a struct strioctl
		pfd unix.PollFd
		_   [unsafe.Sizeof(unix.Strioctl{}) - unsafe.Sizeof(unix.PollFd{})]byte
	}
	arg.pfd.Fd = int32(fd)
	n, err := unix.IoctlSetStrioctlRetInt(dpfd, dpIsPolledReq, (*unix.Strioctl)(unsafe.Pointer(&arg)))
	Expect(err).NotTo(HaveOccurred(), "ioctl(DP_ISPOLLED)")
	Expect(n).To(BeElementOf(0, 1), "DP_ISPOLLED returns 1 or 0")
	if n == 0 {
		return 0, false
	}
	Expect(arg.pfd.Fd).To(Equal(int32(fd)), "DP_ISPOLLED keeps the fd")
	return pyselect.Mask(uint16(arg.pfd.Revents)), true
}

// dpPolledMask is the mask the kernel polls fd for in dp's set; the spec
// fails if fd is not in it.
func dpPolledMask(dp *pyselect.Devpoll, fd int) pyselect.Mask {
	GinkgoHelper()
	events, polled := dpIsPolled(dpFileno(dp), fd)
	Expect(polled).To(BeTrue(), "DP_ISPOLLED: fd %d is in the set", fd)
	return events
}

// dpIsPolledReq is <sys/devpoll.h>'s DP_ISPOLLED, (DPIOC | 2) with DPIOC
// 0xD0 << 8, the same on illumos and Solaris.
const dpIsPolledReq = 0xD0<<8 | 2
