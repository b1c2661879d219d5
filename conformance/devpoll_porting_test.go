// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build solaris

package conformance_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// dpPortingRows are the rows of the README's devpoll porting table.
var dpPortingRows = []readmeRow{
	{"`select.devpoll()`", "`pyselect.NewDevpoll()`", func() {
		dp, err := pyselect.NewDevpoll()
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(dp.Close)
		Expect(dp.Closed()).To(BeFalse())
		Expect(dpPoll0(dp)).To(BeEmpty())
	}},
	{"`dp.register(fd)`, `dp.register(fd, select.POLLIN)`", "`dp.Register(fd)`, `dp.Register(fd, pyselect.POLLIN)`", func() {
		dp := newDp()
		r, w := support.Pipe()
		Expect(dp.Register(w)).To(Succeed())
		Expect(dp.Register(r, pyselect.POLLIN)).To(Succeed())
		support.Write(w, []byte("x"))
		Expect(dpPoll0(dp)).To(ConsistOf(pyselect.Event{Fd: w, Events: pyselect.POLLOUT}, pyselect.Event{Fd: r, Events: pyselect.POLLIN}))
	}},
	{"`dp.modify(fd, m)`", "`dp.Modify(fd, m)` (`dp.modify(fd)` is `dp.Modify(fd, pyselect.POLLIN\\|pyselect.POLLPRI\\|pyselect.POLLOUT)`)", func() {
		dp := newDp()
		_, w := support.Pipe()
		Expect(dp.Register(w, pyselect.POLLIN)).To(Succeed())
		Expect(dpPoll0(dp)).To(BeEmpty())
		m := pyselect.POLLOUT
		Expect(dp.Modify(w, m)).To(Succeed())
		Expect(dpPoll0(dp)).To(Equal([]pyselect.Event{{Fd: w, Events: pyselect.POLLOUT}}))
		Expect(dp.Modify(w, pyselect.POLLIN|pyselect.POLLPRI|pyselect.POLLOUT)).To(Succeed())
		Expect(dpPoll0(dp)).To(HaveLen(1))
		Expect(dpPolledMask(dp, w)).To(Equal(pyselect.POLLIN | pyselect.POLLPRI | pyselect.POLLOUT))
	}},
	{"`dp.unregister(fd)`", "`dp.Unregister(fd)`", func() {
		dp := newDp()
		_, w := support.Pipe()
		Expect(dp.Register(w, pyselect.POLLOUT)).To(Succeed())
		Expect(dp.Unregister(w)).To(Succeed())
		Expect(dpPoll0(dp)).To(BeEmpty())
		Expect(dp.Unregister(w)).To(Succeed(), "no KeyError")
	}},
	{"`dp.poll()`, `dp.poll(100)`", "`dp.Poll()`, `dp.Poll(100) // milliseconds`", func() {
		dp := newDp()
		r, w := support.Pipe()
		Expect(dp.Register(r, pyselect.POLLIN)).To(Succeed())
		Expect(dp.Poll(20)).To(BeEmpty())
		support.Write(w, []byte("x"))
		Expect(dp.Poll()).To(Equal([]pyselect.Event{{Fd: r, Events: pyselect.POLLIN}}))
	}},
	{"`dp.close()`, `dp.closed`, `dp.fileno()`", "`dp.Close()`, `dp.Closed()`, `dp.Fileno()`", func() {
		dp, err := pyselect.NewDevpoll()
		Expect(err).NotTo(HaveOccurred())
		Expect(dp.Fileno()).To(BeNumerically(">=", 0))
		Expect(dp.Close()).To(Succeed())
		Expect(dp.Closed()).To(BeTrue())
		_, err = dp.Fileno()
		Expect(err).To(support.Raise(builtins.ValueError, devpollClosedMsg))
	}},
}

var _ = describe("the README's devpoll porting table", "", dpLabels, func() {
	// Source: README.md "### devpoll (illumos and Solaris)": each row's Go
	// form does what its Python form does (Python docs
	// https://docs.python.org/3/library/select.html#devpoll-polling-objects).
	readmeTableSpecs("### devpoll (illumos and Solaris)", dpPortingRows)
})
