// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package differential

import "github.com/pyselect/pyselect/sys/pyselect"

func init() {
	for n, v := range map[string]int64{
		"POLLMSG":        pyselect.POLLMSG,
		"POLLRDHUP":      pyselect.POLLRDHUP,
		"EPOLLIN":        pyselect.EPOLLIN,
		"EPOLLPRI":       pyselect.EPOLLPRI,
		"EPOLLOUT":       pyselect.EPOLLOUT,
		"EPOLLERR":       pyselect.EPOLLERR,
		"EPOLLHUP":       pyselect.EPOLLHUP,
		"EPOLLRDNORM":    pyselect.EPOLLRDNORM,
		"EPOLLRDBAND":    pyselect.EPOLLRDBAND,
		"EPOLLWRNORM":    pyselect.EPOLLWRNORM,
		"EPOLLWRBAND":    pyselect.EPOLLWRBAND,
		"EPOLLMSG":       pyselect.EPOLLMSG,
		"EPOLLRDHUP":     pyselect.EPOLLRDHUP,
		"EPOLLEXCLUSIVE": pyselect.EPOLLEXCLUSIVE,
		"EPOLLONESHOT":   pyselect.EPOLLONESHOT,
		"EPOLLET":        pyselect.EPOLLET,
		"EPOLL_CLOEXEC":  pyselect.EPOLL_CLOEXEC,
	} {
		constants[n] = v
	}
}
