// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris

package differential

import "github.com/pyselect/pyselect/sys/pyselect"

// constants maps the names a scenario may use ("POLLIN", "EPOLLET", ...)
// to pyselect's values on this OS; the per-OS files add theirs in init.
var constants = map[string]int64{
	"POLLIN":     pyselect.POLLIN,
	"POLLPRI":    pyselect.POLLPRI,
	"POLLOUT":    pyselect.POLLOUT,
	"POLLERR":    pyselect.POLLERR,
	"POLLHUP":    pyselect.POLLHUP,
	"POLLNVAL":   pyselect.POLLNVAL,
	"POLLRDNORM": pyselect.POLLRDNORM,
	"POLLRDBAND": pyselect.POLLRDBAND,
	"POLLWRNORM": pyselect.POLLWRNORM,
	"POLLWRBAND": pyselect.POLLWRBAND,
}
