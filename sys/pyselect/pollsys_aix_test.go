// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"errors"
	"testing"

	"github.com/pyselect/pyselect/sys/builtins"
	"golang.org/x/sys/unix"
)

// TestPollRefusesMoreFdsThanAIXTakes: with more than 65535 fds registered,
// Poll is OSError EINVAL, never a poll(2) whose nfds AIX would read as a
// count of message queues.
func TestPollRefusesMoreFdsThanAIXTakes(t *testing.T) {
	if n, err := sysPoll(make([]unix.PollFd, aixPollMaxFds+1), 0); n != -1 || err != unix.EINVAL {
		t.Errorf("sysPoll of %d fds = %d, %v; want -1, EINVAL", aixPollMaxFds+1, n, err)
	}
	p := NewPoll()
	for fd := range aixPollMaxFds + 1 {
		if err := p.Register(fd, POLLIN); err != nil {
			t.Fatal(err)
		}
	}
	_, err := p.Poll(0)
	if builtins.ExceptionOf(err) != builtins.OSError || !errors.Is(err, unix.EINVAL) {
		t.Errorf("Poll with %d fds registered = %v; want OSError EINVAL", aixPollMaxFds+1, err)
	}
}
