// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"testing"
)

// TestUserWakeRegistersThenTriggers: the EVFILT_USER wake-up, checked as
// data with FreeBSD's numbers (sys/event.h: EVFILT_USER -11, NOTE_TRIGGER
// 0x01000000, EV_ADD 0x1, EV_CLEAR 0x20). FreeBSD's kqueue_register zeroes
// the fflags of an EV_ADD change before filt_userattach looks for
// NOTE_TRIGGER, so a wake-up sent as one change never fires there: the
// registration must carry no NOTE_TRIGGER and the trigger no EV_ADD, and
// neither EV_CLEAR, so that every waiter sees the triggered filter.
func TestUserWakeRegistersThenTriggers(t *testing.T) {
	const filterUser, noteTrigger, evAdd, evClear = -11, 0x01000000, 0x1, 0x20
	ch := userWake(filterUser, noteTrigger)
	reg, trig := ch[0], ch[1]
	if reg.Filter != filterUser || trig.Filter != filterUser || reg.Ident != trig.Ident {
		t.Errorf("changes %+v, %+v: want one EVFILT_USER filter", reg, trig)
	}
	if reg.Flags&evAdd == 0 || reg.Fflags&noteTrigger != 0 {
		t.Errorf("registration %+v: want EV_ADD without NOTE_TRIGGER (FreeBSD drops the trigger of an EV_ADD change)", reg)
	}
	if trig.Flags&evAdd != 0 || trig.Fflags&noteTrigger == 0 {
		t.Errorf("trigger %+v: want NOTE_TRIGGER in a change of its own, without EV_ADD", trig)
	}
	if (reg.Flags|trig.Flags)&evClear != 0 {
		t.Errorf("changes %+v, %+v: EV_CLEAR would let one waiter consume the wake-up", reg, trig)
	}
}
