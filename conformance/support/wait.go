// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package support

import (
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

// Fastest is the shortest of n calls of wait, each of which must find
// nothing (count 0) and no error: a wait's lower bound holds for every
// call when it holds for the fastest.
func Fastest(n int, wait func() (count int, err error)) time.Duration {
	GinkgoHelper()
	fastest := time.Duration(1<<63 - 1)
	for range n {
		start := time.Now()
		count, err := wait()
		fastest = min(fastest, time.Since(start))
		Expect(err).NotTo(HaveOccurred())
		Expect(count).To(BeZero(), "nothing was to be ready")
	}
	return fastest
}
