// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package socket

import (
	"strconv"

	"github.com/pyselect/pyselect/sys/pyselect"
)

// Gaierror is socket.gaierror, the OSError subclass a failed address
// lookup raises, with getaddrinfo(3)'s error code as its errno:
// "[Errno -2] Name or service not known" on Linux.
const Gaierror = pyselect.Gaierror

// A gai is a getaddrinfo(3) error: its code and gai_strerror(3) text.
type gai struct {
	code int
	text string
}

func gaiError(g gai) error {
	return newError(Gaierror, "[Errno "+strconv.Itoa(g.code)+"] "+g.text)
}
