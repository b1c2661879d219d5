// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package socket_test

import (
	"strings"
	"testing"

	"golang.org/x/sys/windows"
)

// The OS errors the portable tests expect, as CPython 3.11 on Windows
// raises them: "[WinError N] " and the system's FormatMessage text, which
// depends on the Windows release and language (and differs under Wine), so
// only the code is compared.
const (
	msgWouldBlock   = "[WinError 10035] " // WSAEWOULDBLOCK
	msgClosed       = "[WinError 10038] " // WSAENOTSOCK: INVALID_SOCKET
	msgNotConnected = "[WinError 10057] " // WSAENOTCONN
	msgRefused      = "[WinError 10061] " // WSAECONNREFUSED
	msgAddrInUse    = "[Errno 10048] "    // WSAEADDRINUSE, as create_server re-raises it
	msgNotSocket    = "[WinError 10038] "

	eWouldBlock = windows.WSAEWOULDBLOCK
	eRefused    = windows.WSAECONNREFUSED

	serverReuseAddr = false
)

// underWine reports whether this Windows is Wine, whose ntdll exports
// wine_get_version. A check of what Wine does differently is left out
// there, with a log line saying what Windows does.
var underWine = windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil

// msgMatches compares an OSError's message with the code prefix expected.
func msgMatches(got, want string) bool {
	return got == want || strings.HasSuffix(want, "] ") && strings.HasPrefix(got, want)
}

// nonSocket is a handle that is no socket: an event's.
func nonSocket(t *testing.T) int {
	h, err := windows.CreateEvent(nil, 0, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { windows.CloseHandle(h) })
	return int(h)
}

// isOpen reports whether fd is an open socket.
func isOpen(fd int) bool {
	_, err := windows.GetsockoptInt(windows.Handle(fd), windows.SOL_SOCKET, 0x1008) // SO_TYPE
	return err != windows.WSAENOTSOCK
}
