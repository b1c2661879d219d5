// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package conformance_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
)

// A closedObject is what an Epoll, a Kqueue and a Devpoll share: the calls a zero
// value or a nil pointer must answer as a closed object does.
type closedObject interface {
	Closed() bool
	Fileno() (int, error)
	Close() error
}

// expectClosedObject checks the promises of a zero value or nil pointer:
// closed, fileno() and call() raise CPython's ValueError for a closed
// object, close() succeeds twice, and descriptor 0 is never touched.
func expectClosedObject(obj closedObject, msg string, call func() error) {
	GinkgoHelper()
	Expect(obj.Closed()).To(BeTrue())
	_, err := obj.Fileno()
	Expect(err).To(support.Raise(builtins.ValueError, msg))
	Expect(call()).To(support.Raise(builtins.ValueError, msg))
	Expect(obj.Close()).To(Succeed())
	Expect(obj.Close()).To(Succeed())
	_, err = unix.FcntlInt(0, unix.F_GETFD, 0)
	Expect(err).NotTo(HaveOccurred(), "descriptor 0 was closed")
}
