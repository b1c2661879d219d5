// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/sys/pyselect"
)

// lateAPIs are the waits beyond select and poll that the late-signal
// specs cover on this OS.
var lateAPIs = []eintrAPI{
	{"select.epoll.poll", Label("api:epoll", "os:linux", "signals"), func(r int, timeout time.Duration) ([]int, error) {
		ep, err := pyselect.NewEpoll(-1, 0)
		Expect(err).NotTo(HaveOccurred())
		defer ep.Close()
		Expect(ep.Register(r, pyselect.EPOLLIN)).To(Succeed())
		evs, err := ep.Poll(timeout.Seconds(), -1)
		return fdsOf(evs), err
	}},
	{"Epoll.Wait", Label("api:epoll", "os:linux", "signals"), func(r int, timeout time.Duration) ([]int, error) {
		ep, err := pyselect.NewEpoll(-1, 0)
		Expect(err).NotTo(HaveOccurred())
		defer ep.Close()
		Expect(ep.Register(r, pyselect.EPOLLIN)).To(Succeed())
		evs := make([]unix.EpollEvent, 4)
		n, err := ep.Wait(evs, timeout)
		var fds []int
		for _, ev := range evs[:n] {
			fds = append(fds, int(ev.Fd))
		}
		return fds, err
	}},
}
