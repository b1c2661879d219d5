// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	. "github.com/onsi/ginkgo/v2"

	"github.com/pyselect/pyselect/sys/pyselect"
)

var _ = describe("pyselect.Epoll (zero value and nil pointer)", "", Label("api:epoll", "os:linux", "reliability"), func() {
	// Source: https://go.dev/ref/spec#The_zero_value; Python has no such object,
	// so it behaves as a closed one: test_epoll.py::test_close ("fileno()
	// raises ValueError" once closed). Never descriptor 0.
	// Design: sys/pyselect/pollfd.go (the zero pollFD is closed)
	DescribeTable("is closed: every call is ValueError, close() succeeds, fd 0 is never touched",
		func(ep *pyselect.Epoll) {
			for name, call := range map[string]func() error{
				"poll(0)":       func() error { _, err := ep.Poll(0, -1); return err },
				"register(0)":   func() error { return ep.Register(0) },
				"unregister(0)": func() error { return ep.Unregister(0) },
			} {
				By(name)
				expectClosedObject(ep, epollClosedMsg, call)
			}
		},
		Entry("var ep pyselect.Epoll", new(pyselect.Epoll)),
		Entry("(*pyselect.Epoll)(nil)", (*pyselect.Epoll)(nil)),
	)
})
