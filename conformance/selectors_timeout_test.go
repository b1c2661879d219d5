// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package conformance_test

import (
	"reflect"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/selectors"
)

// msSelectors are the classes of Lib/selectors.py's _PollLikeSelector,
// whose select rounds its timeout up to the millisecond; SelectSelector
// and KqueueSelector pass max(timeout, 0) on, which select.select rounds
// to the microsecond and kqueue.control to the nanosecond.
var msSelectors = map[string]bool{"PollSelector": true, "EpollSelector": true, "DevpollSelector": true}

// className is the Go type's name of s without its type arguments, the
// Python class it is: DefaultSelector is one of the others.
func className(s selectors.BaseSelector[any]) string {
	name, _, _ := strings.Cut(reflect.TypeOf(s).Elem().Name(), "[")
	return name
}

func init() {
	for _, c := range selectorClasses() {
		describe("selectors."+c.name, "", Label("api:selectors"), c.labels, func() {
			When("a timeout is not whole ms", func() {
				// Source: Lib/selectors.py: _PollLikeSelector.select "timeout =
				// math.ceil(timeout * 1e3)" (poll, devpoll; epoll's then "* 1e-3"), so that
				// no wait is shorter than asked; sys/selectors' doc: a time.Duration goes
				// through these rules. Probed with CPython 3.11.7 on Linux: the fastest of
				// 20 PollSelector and EpollSelector select(0.0015) took 2.1 ms, of
				// select(1e-9) 1.04 ms.
				DescribeTable("rounds it up, a Duration as a float",
					func(ctx SpecContext, timeout any, atLeast time.Duration) {
						s := newSelector(c)
						if name := className(s); !msSelectors[name] {
							Skip(name + " passes max(timeout, 0) to select.select or kqueue.control, which round to the µs or ns, not the ms (Lib/selectors.py)")
						}
						rd, _ := socketPair()
						Expect(s.Register(rd, selectors.EVENT_READ)).Error().NotTo(HaveOccurred())
						floor := support.WaitFloor(20, func() (int, error) {
							ready, err := s.Select(timeout)
							return len(ready), err
						})
						Expect(floor).To(BeNumerically(">=", atLeast), "all but the 2 shortest of 20 calls")
					},
					Entry("0.0015 s: at least 2 ms", 0.0015, 2*time.Millisecond, SpecTimeout(10*time.Second)),
					Entry("1.5*time.Millisecond: at least 2 ms", 1500*time.Microsecond, 2*time.Millisecond, SpecTimeout(10*time.Second)),
					Entry("1e-9 s: at least 1 ms", 1e-9, time.Millisecond, SpecTimeout(10*time.Second)),
					Entry("time.Nanosecond: at least 1 ms, never 0", time.Nanosecond, time.Millisecond, SpecTimeout(10*time.Second)),
				)
			})
		})
	}
}
