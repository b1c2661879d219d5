// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package support

import (
	"os"
	"os/exec"

	. "github.com/onsi/ginkgo/v2"
)

// Shell runs script with /bin/sh, its standard output a pipe, and returns
// the pipe's read end, as test_select.py::test_select and
// test_poll.py::test_poll2 read a subprocess.Popen(stdout=PIPE). When the
// spec ends the read end is closed and the child killed (if it still runs)
// and reaped.
func Shell(script string) *os.File {
	GinkgoHelper()
	r, w, err := os.Pipe()
	if err != nil {
		Fail("pipe: " + err.Error())
	}
	DeferCleanup(r.Close)
	cmd := exec.Command("/bin/sh", "-c", script)
	cmd.Stdout = w
	err = cmd.Start()
	w.Close()
	if err != nil {
		Fail("start /bin/sh: " + err.Error())
	}
	DeferCleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	return r
}
