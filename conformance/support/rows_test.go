// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package support

import (
	_ "github.com/pyselect/pyselect/conformance/support/memwatch" // a runaway test is named under .ci/memcap.sh
	"strings"
	"testing"
)

// checks is a Checker that keeps what a row did.
type checks struct {
	failures     []string
	observations []Observation
}

func (c *checks) Fail(m string)         { c.failures = append(c.failures, m) }
func (c *checks) Observe(o Observation) { c.observations = append(c.observations, o) }

type mask int64

var hangup = Rows[mask]{
	Name: `pollHangup["socketpair, peer closed, POLLIN only"]`,
	OS: map[string]Row[mask]{
		"linux":     Cited(mask(0x11), "torvalds/linux net/unix/af_unix.c: unix_poll"),
		"dragonfly": Unknown[mask]("poll_copyout's EVFILT_READ -> POLLHUP line is under #if 0"),
		"nosource":  Cited(mask(1), ""),
	},
}

func TestRowsUnknownRecordsAndPasses(t *testing.T) {
	for _, goos := range []string{"dragonfly", "netbsd"} { // an Unknown row, and no row at all
		var c checks
		hangup.ExpectOn(&c, goos, "amd64", mask(1))
		if len(c.failures) != 0 {
			t.Errorf("%s: an unknown row failed: %q", goos, c.failures)
		}
		want := Observation{Table: hangup.Name, GOOS: goos, GOARCH: "amd64", Type: "support.mask", Value: "support.mask(1)", Text: "1", Note: hangup.Row(goos).Note}
		if len(c.observations) != 1 || c.observations[0] != want {
			t.Errorf("%s: observed %+v, want one %+v", goos, c.observations, want)
		}
	}
}

func TestRowsCitedFailsOnMismatch(t *testing.T) {
	var c checks
	hangup.ExpectOn(&c, "linux", "amd64", mask(1))
	if len(c.failures) != 1 || !strings.Contains(c.failures[0], "unix_poll") {
		t.Errorf("a cited row's mismatch: failures %q, want one naming the source", c.failures)
	}
	if len(c.observations) != 0 {
		t.Errorf("a cited row recorded %+v", c.observations)
	}

	c = checks{}
	hangup.ExpectOn(&c, "linux", "amd64", mask(0x11))
	if len(c.failures)+len(c.observations) != 0 {
		t.Errorf("a cited row that matches: failures %q, observations %+v", c.failures, c.observations)
	}

	c = checks{}
	hangup.ExpectOn(&c, "nosource", "amd64", mask(1))
	if len(c.failures) != 1 || !strings.Contains(c.failures[0], "without a source") {
		t.Errorf("a row cited without a source: failures %q", c.failures)
	}
}

func TestRowsGoValue(t *testing.T) {
	type event struct{ Fd, Events int }
	for _, tc := range []struct {
		got, want string
	}{
		{Rows[int]{}.goValue(65536), "65536"},
		{Rows[bool]{}.goValue(true), "true"},
		{Rows[mask]{}.goValue(-3), "support.mask(-3)"},
		{Rows[[]event]{}.goValue([]event{}), "[]support.event{}"},
		{Rows[mask]{GoValue: func(m mask) string { return "POLLIN" }}.goValue(1), "POLLIN"},
	} {
		if tc.got != tc.want {
			t.Errorf("goValue = %s, want %s", tc.got, tc.want)
		}
	}
}
