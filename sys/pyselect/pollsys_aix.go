// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import "golang.org/x/sys/unix"

// aixPollMaxFds is the most fds AIX's poll(2) takes: it reads nfds's low
// 16 bits as the count of pollfd structures and its high 16 bits as a
// count of message queues (struct pollmsg) that follow them in the array
// (AIX poll(2), NFDS and NMSGS in <sys/poll.h>). An nfds above it would
// make the kernel read the pollfd array past its end as pollmsg entries.
const aixPollMaxFds = 0xffff

// sysPoll is poll(2) with at most aixPollMaxFds fds. CPython passes
// ufd_len to poll(2) unchecked, so on AIX it has the same limit; pyselect
// refuses a longer array with EINVAL, the error Linux's poll(2) gives, and
// CPython passes through, when nfds exceeds what it takes (RLIMIT_NOFILE):
// OSError: [Errno 22] Invalid argument.
func sysPoll(fds []unix.PollFd, ms int) (int, error) {
	if len(fds) > aixPollMaxFds {
		return -1, unix.EINVAL
	}
	return unix.Poll(fds, ms)
}
