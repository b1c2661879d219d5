// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package differential

import "github.com/pyselect/pyselect/sys/pyselect"

func init() {
	for n, v := range map[string]int64{
		"POLLMSG":        int64(pyselect.POLLMSG),
		"POLLRDHUP":      int64(pyselect.POLLRDHUP),
		"EPOLLIN":        int64(pyselect.EPOLLIN),
		"EPOLLPRI":       int64(pyselect.EPOLLPRI),
		"EPOLLOUT":       int64(pyselect.EPOLLOUT),
		"EPOLLERR":       int64(pyselect.EPOLLERR),
		"EPOLLHUP":       int64(pyselect.EPOLLHUP),
		"EPOLLRDNORM":    int64(pyselect.EPOLLRDNORM),
		"EPOLLRDBAND":    int64(pyselect.EPOLLRDBAND),
		"EPOLLWRNORM":    int64(pyselect.EPOLLWRNORM),
		"EPOLLWRBAND":    int64(pyselect.EPOLLWRBAND),
		"EPOLLMSG":       int64(pyselect.EPOLLMSG),
		"EPOLLRDHUP":     int64(pyselect.EPOLLRDHUP),
		"EPOLLEXCLUSIVE": int64(pyselect.EPOLLEXCLUSIVE),
		"EPOLLONESHOT":   int64(pyselect.EPOLLONESHOT),
		"EPOLLET":        int64(pyselect.EPOLLET),
		"EPOLL_CLOEXEC":  int64(pyselect.EPOLL_CLOEXEC),
	} {
		constants[n] = v
	}
}
