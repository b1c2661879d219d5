// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

// userWake is the EVFILT_USER wake-up of a Kqueue's waker as data, so that
// its rule is tested on every OS: two changes, each applied by its own
// kevent(2) call. The first registers the filter (EV_ADD, ident 0, no
// NOTE_TRIGGER), when the Kqueue is made; the second triggers it
// (NOTE_TRIGGER, no EV_ADD), at Close.
//
// One change with EV_ADD and NOTE_TRIGGER never fires on FreeBSD:
// kqueue_register (sys/kern/kern_event.c) copies fflags into kn_sfflags
// and zeroes the kevent's before filt_userattach reads NOTE_TRIGGER from
// it. Go's runtime/netpoll_kqueue_event.go registers first and triggers
// with a second change for the same reason.
//
// Without EV_CLEAR the triggered filter stays active once collected
// (filt_user reports it until a change clears it), so every waiter, now
// and later, sees it: Close must wake them all, not one.
func userWake(filterUser int64, noteTrigger uint32) [2]kfields {
	const evAdd = 0x1 // EV_ADD, the same on macOS and every BSD
	return [2]kfields{
		{Filter: filterUser, Flags: evAdd},
		{Filter: filterUser, Fflags: noteTrigger},
	}
}
