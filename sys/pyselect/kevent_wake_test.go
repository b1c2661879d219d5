// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pyselect/pyselect/conformance/support/waitfor"
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

// TestWakeSourceFollowsXSys: a Kqueue's wake source is EVFILT_USER on
// every GOOS where the x/sys in go.mod exports EVFILT_USER and NOTE_TRIGGER
// (kevent_wake_user.go), a pipe elsewhere (kevent_wake_pipe.go). Build
// lines cannot ask whether a constant exists, so this test does: it fails
// when an x/sys upgrade brings EVFILT_USER to NetBSD or OpenBSD, saying
// which file's build line to change.
func TestWakeSourceFollowsXSys(t *testing.T) {
	out, err := waitfor.Command(t, 2*time.Minute, "go", "list", "-m", "-f", "{{.Dir}}", "golang.org/x/sys").Output()
	dir := strings.TrimSpace(string(out))
	if err != nil || dir == "" {
		t.Skip("cannot locate golang.org/x/sys with go list: ", err)
	}
	has := map[string]bool{} // GOOS -> some zerrors file exports both
	files, _ := filepath.Glob(filepath.Join(dir, "unix", "zerrors_*.go"))
	for _, f := range files {
		goos := strings.SplitN(strings.TrimPrefix(filepath.Base(f), "zerrors_"), "_", 2)[0]
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if regexp.MustCompile(`(?m)^\s*EVFILT_USER\s*=`).Match(b) && regexp.MustCompile(`(?m)^\s*NOTE_TRIGGER\s*=`).Match(b) {
			has[goos] = true
		}
	}
	for file, want := range map[string]bool{"kevent_wake_user.go": true, "kevent_wake_pipe.go": false} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		line := regexp.MustCompile(`(?m)^//go:build (.*)$`).FindSubmatch(b)
		if line == nil {
			t.Fatalf("%s has no build line", file)
		}
		for _, goos := range strings.Split(string(line[1]), " || ") {
			if has[goos] != want {
				t.Errorf("%s is built for %s, but x/sys exports EVFILT_USER there: %v; move %s to the other wake source's build line", file, goos, has[goos], goos)
			}
		}
	}
}
