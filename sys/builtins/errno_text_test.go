// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package builtins

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestStrerrorIsPythons: the message of the OSError of every errno from
// 1 to 4095 is the one CPython's PyErr_SetFromErrno makes, whose text is
// the C library's strerror (os.strerror), including errnos Go's table
// lacks: "[Errno 41] Unknown error 41" and "[Errno 133] Memory page has
// hardware error" with glibc, never "[Errno 41] Errno 41".
func TestStrerrorIsPythons(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	if emu := os.Getenv("PYSELECT_EMULATOR"); emu != "" {
		t.Skip("under ", emu, " python3 is the host's, whose errno numbers are another architecture's (58 is EDEADLOCK on POWER)")
	}
	out, err := exec.Command(py, "-c", "import os\nfor i in range(1, 4096): print(os.strerror(i))").Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != 4095 {
		t.Fatalf("python3 printed %d lines", len(lines))
	}
	for i, text := range lines {
		n := i + 1
		want := "[Errno " + strconv.Itoa(n) + "] " + text
		if got := errnoError(syscall.Errno(n)).Message; got != want {
			t.Errorf("errno %d: %q, CPython %q", n, got, want)
		}
	}
}
