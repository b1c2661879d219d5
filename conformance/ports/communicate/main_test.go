// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package main

import (
	"os/exec"
	"testing"

	"github.com/pyselect/pyselect/conformance/ports/portstest"
	_ "github.com/pyselect/pyselect/conformance/support/memwatch" // a runaway test is named under .ci/memcap.sh
)

// TestPortIsThePython: main.py and its Go port, on a PollSelector and on
// a SelectSelector, collect the same output from the same four children:
// cat fed 256 KiB PIPE_BUF bytes at a time, a shell writing to stdout and
// stderr, head, which exits early (BrokenPipeError EPIPE on stdin), and a
// sleep that outlives its timeout (TimeoutExpired, then kill: -9).
func TestPortIsThePython(t *testing.T) {
	for _, child := range []string{"cat", "sh", "head", "sleep"} {
		if _, err := exec.LookPath(child); err != nil {
			t.Skipf("no %s to run as the child: %v", child, err)
		}
	}
	for _, backend := range []string{"poll", "select"} {
		t.Run(backend, func(t *testing.T) {
			portstest.CompareOutput(t, "main.py", run, []string{backend})
		})
	}
}
