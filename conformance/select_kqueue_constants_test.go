// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package conformance_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// A kqueueOptional is a kqueue name Python does not export but a spec
// uses through x/sys, or the reason it is missing on this OS
// (kqueue_xsys_*_test.go).
type kqueueOptional struct {
	filter, trigger, flag int64
	missing               string
}

// kqueueDivergent is the values of the kqueue names that differ per OS.
type kqueueDivergent struct {
	FilterRead, FilterWrite, FilterTimer, EvSysflags, NotePctrlmask int64
}

// kqueueConstants is the per-OS divergence of the constants, as data:
// each OS's value of the names whose values differ, cited with the header
// that defines them.
var kqueueConstants = support.Rows[kqueueDivergent]{
	Name: "kqueueConstants",
	OS: map[string]support.Row[kqueueDivergent]{
		"darwin":    support.Cited(kqueueDivergent{-1, -2, -7, 0xf000, -0x100000}, "apple-oss-distributions/xnu bsd/sys/event.h: EVFILT_READ (-1), EVFILT_WRITE (-2), EVFILT_TIMER (-7), EV_SYSFLAGS (0xF000), NOTE_PCTRLMASK (~NOTE_PDATAMASK, an int, so Python's value is negative)"),
		"dragonfly": support.Cited(kqueueDivergent{-1, -2, -7, 0xf800, 0xf0000000}, "DragonFlyBSD/DragonFlyBSD sys/sys/event.h: FreeBSD's numbering of the filters; EV_SYSFLAGS 0xF800, as on OpenBSD"),
		"freebsd":   support.Cited(kqueueDivergent{-1, -2, -7, 0xf000, 0xf0000000}, "freebsd/freebsd-src sys/sys/event.h: the filters are negative shorts; EV_SYSFLAGS 0xF000"),
		"netbsd":    support.Cited(kqueueDivergent{0, 1, 6, 0xf000, 0xf0000000}, "NetBSD/src sys/sys/event.h: filter is a uint32_t and the filters count up from 0 (EVFILT_READ 0U)"),
		"openbsd":   support.Cited(kqueueDivergent{-1, -2, -7, 0xf800, 0xf0000000}, "openbsd/src sys/sys/event.h: EV_SYSFLAGS also reserves 0x0800 (__EV_SELECT)"),
	},
}

var _ = describe("select", "kqueue constants", kqLabels, func() {
	// Source: SEMANTICS.md#constants-kqueue (values from x/sys zerrors, per OS), CPython
	// Modules/selectmodule.c: _select_exec's list; the filters' sign and EV_SYSFLAGS differ per OS.
	It("have this OS's values", func() {
		kqueueConstants.Expect(kqueueDivergent{pyselect.KQ_FILTER_READ, pyselect.KQ_FILTER_WRITE, pyselect.KQ_FILTER_TIMER, pyselect.KQ_EV_SYSFLAGS, pyselect.KQ_NOTE_PCTRLMASK})
	})

	DescribeTable("have the values every BSD shares (SEMANTICS.md#constants-kqueue)",
		// Source: SEMANTICS.md#constants-kqueue tables "The EV_* values are the same on all
		// four" and "NOTE_* values".
		func(got, want int64) { Expect(got).To(Equal(want)) },
		Entry("KQ_EV_ADD", int64(pyselect.KQ_EV_ADD), int64(0x1)),
		Entry("KQ_EV_DELETE", int64(pyselect.KQ_EV_DELETE), int64(0x2)),
		Entry("KQ_EV_ENABLE", int64(pyselect.KQ_EV_ENABLE), int64(0x4)),
		Entry("KQ_EV_DISABLE", int64(pyselect.KQ_EV_DISABLE), int64(0x8)),
		Entry("KQ_EV_ONESHOT", int64(pyselect.KQ_EV_ONESHOT), int64(0x10)),
		Entry("KQ_EV_CLEAR", int64(pyselect.KQ_EV_CLEAR), int64(0x20)),
		Entry("KQ_EV_FLAG1", int64(pyselect.KQ_EV_FLAG1), int64(0x2000)),
		Entry("KQ_EV_ERROR", int64(pyselect.KQ_EV_ERROR), int64(0x4000)),
		Entry("KQ_EV_EOF", int64(pyselect.KQ_EV_EOF), int64(0x8000)),
		Entry("KQ_NOTE_LOWAT", int64(pyselect.KQ_NOTE_LOWAT), int64(0x1)),
		Entry("KQ_NOTE_DELETE", int64(pyselect.KQ_NOTE_DELETE), int64(0x1)),
		Entry("KQ_NOTE_WRITE", int64(pyselect.KQ_NOTE_WRITE), int64(0x2)),
		Entry("KQ_NOTE_EXTEND", int64(pyselect.KQ_NOTE_EXTEND), int64(0x4)),
		Entry("KQ_NOTE_ATTRIB", int64(pyselect.KQ_NOTE_ATTRIB), int64(0x8)),
		Entry("KQ_NOTE_LINK", int64(pyselect.KQ_NOTE_LINK), int64(0x10)),
		Entry("KQ_NOTE_RENAME", int64(pyselect.KQ_NOTE_RENAME), int64(0x20)),
		Entry("KQ_NOTE_REVOKE", int64(pyselect.KQ_NOTE_REVOKE), int64(0x40)),
		Entry("KQ_NOTE_EXIT", int64(pyselect.KQ_NOTE_EXIT), int64(0x80000000)),
		Entry("KQ_NOTE_FORK", int64(pyselect.KQ_NOTE_FORK), int64(0x40000000)),
		Entry("KQ_NOTE_EXEC", int64(pyselect.KQ_NOTE_EXEC), int64(0x20000000)),
		Entry("KQ_NOTE_PDATAMASK", int64(pyselect.KQ_NOTE_PDATAMASK), int64(0xfffff)),
		Entry("KQ_NOTE_TRACK", int64(pyselect.KQ_NOTE_TRACK), int64(0x1)),
		Entry("KQ_NOTE_TRACKERR", int64(pyselect.KQ_NOTE_TRACKERR), int64(0x2)),
		Entry("KQ_NOTE_CHILD", int64(pyselect.KQ_NOTE_CHILD), int64(0x4)),
	)
})
