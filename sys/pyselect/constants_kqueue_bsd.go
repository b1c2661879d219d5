// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package pyselect

import "golang.org/x/sys/unix"

// The kqueue constants of Python's select module, with each OS's values
// from x/sys (conformance/SEMANTICS.md#constants-kqueue). CPython's _select_exec
// exports these names for every macro the OS's <sys/event.h> defines; in
// x/sys v0.50.0 every one of them exists on macOS, DragonFly, FreeBSD,
// NetBSD and OpenBSD, so one list serves all five, with different values:
// the filters are negative (KQ_FILTER_READ -1) except on NetBSD (0, 1,
// ...), KQ_EV_SYSFLAGS is 0xf800 on OpenBSD and DragonFly (0xf000
// elsewhere), KQ_NOTE_PCTRLMASK is
// ~NOTE_PDATAMASK (-0x100000) on macOS.
//
// Absent, as in Python: KQ_FILTER_NETDEV and KQ_NOTE_LINKUP, LINKDOWN and
// LINKINV (EVFILT_NETDEV is gone from every supported system), and every
// name CPython never exports (EV_RECEIPT, EV_DISPATCH, EVFILT_USER,
// NOTE_TRIGGER: use golang.org/x/sys/unix for those).
//
//lint:file-ignore ST1003 the constants keep the names Python gives them.
const (
	KQ_FILTER_READ   = unix.EVFILT_READ
	KQ_FILTER_WRITE  = unix.EVFILT_WRITE
	KQ_FILTER_AIO    = unix.EVFILT_AIO
	KQ_FILTER_VNODE  = unix.EVFILT_VNODE
	KQ_FILTER_PROC   = unix.EVFILT_PROC
	KQ_FILTER_SIGNAL = unix.EVFILT_SIGNAL
	KQ_FILTER_TIMER  = unix.EVFILT_TIMER

	KQ_EV_ADD      = unix.EV_ADD
	KQ_EV_DELETE   = unix.EV_DELETE
	KQ_EV_ENABLE   = unix.EV_ENABLE
	KQ_EV_DISABLE  = unix.EV_DISABLE
	KQ_EV_ONESHOT  = unix.EV_ONESHOT
	KQ_EV_CLEAR    = unix.EV_CLEAR
	KQ_EV_SYSFLAGS = unix.EV_SYSFLAGS
	KQ_EV_FLAG1    = unix.EV_FLAG1
	KQ_EV_EOF      = unix.EV_EOF
	KQ_EV_ERROR    = unix.EV_ERROR

	// EVFILT_READ and EVFILT_WRITE: fflags NOTE_LOWAT makes data the
	// low-water mark.
	KQ_NOTE_LOWAT = unix.NOTE_LOWAT

	// EVFILT_VNODE fflags.
	KQ_NOTE_DELETE = unix.NOTE_DELETE
	KQ_NOTE_WRITE  = unix.NOTE_WRITE
	KQ_NOTE_EXTEND = unix.NOTE_EXTEND
	KQ_NOTE_ATTRIB = unix.NOTE_ATTRIB
	KQ_NOTE_LINK   = unix.NOTE_LINK
	KQ_NOTE_RENAME = unix.NOTE_RENAME
	KQ_NOTE_REVOKE = unix.NOTE_REVOKE

	// EVFILT_PROC fflags.
	KQ_NOTE_EXIT      = unix.NOTE_EXIT
	KQ_NOTE_FORK      = unix.NOTE_FORK
	KQ_NOTE_EXEC      = unix.NOTE_EXEC
	KQ_NOTE_PCTRLMASK = unix.NOTE_PCTRLMASK
	KQ_NOTE_PDATAMASK = unix.NOTE_PDATAMASK
	KQ_NOTE_TRACK     = unix.NOTE_TRACK
	KQ_NOTE_CHILD     = unix.NOTE_CHILD
	KQ_NOTE_TRACKERR  = unix.NOTE_TRACKERR
)
