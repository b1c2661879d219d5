// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build freebsd || netbsd || dragonfly

package conformance_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/pyselect/pyselect/sys/pyselect"
)

// lateAPIs are the waits beyond select and poll that the late-signal
// specs cover on this OS. (macOS and OpenBSD have no thread-directed kill
// a cgo-free Go program can call, so the specs do not run there.)
var lateAPIs = []eintrAPI{
	{"select.kqueue.control", Label("api:kqueue", "signals"), func(r int, timeout time.Duration) ([]int, error) {
		kq, err := pyselect.NewKqueue()
		Expect(err).NotTo(HaveOccurred())
		defer kq.Close()
		evs, err := kq.Control([]pyselect.Kevent{kev(r)}, 4, timeout.Seconds())
		Expect(err).NotTo(HaveOccurred())
		var fds []int
		for _, ev := range evs {
			fds = append(fds, int(ev.Ident))
		}
		return fds, err
	}},
}
