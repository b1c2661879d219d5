// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package conformance_test

import (
	. "github.com/onsi/ginkgo/v2"

	"github.com/pyselect/pyselect/sys/pyselect"
)

var _ = describe("pyselect.Kqueue (zero value and nil pointer)", "", kqLabels, Label("reliability"), func() {
	// Source: https://go.dev/ref/spec#The_zero_value; Python has no such object,
	// so it behaves as a closed one: test_kqueue.py::test_close. Never
	// descriptor 0.
	// Design: sys/pyselect/pollfd.go (the zero pollFD is closed)
	DescribeTable("is closed: every call is ValueError, close() succeeds, fd 0 is never touched",
		func(kq *pyselect.Kqueue) {
			expectClosedObject(kq, kqueueClosedMsg, func() error { _, err := kq.Control(nil, 1, 0); return err })
		},
		Entry("var kq pyselect.Kqueue", new(pyselect.Kqueue)),
		Entry("(*pyselect.Kqueue)(nil)", (*pyselect.Kqueue)(nil)),
	)
})
