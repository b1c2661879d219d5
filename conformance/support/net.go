// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package support

import (
	"net"

	. "github.com/onsi/ginkgo/v2"
)

// TCPPair returns the two ends of a TCP connection over loopback
// (127.0.0.1), closed when the spec ends unless the spec closed them.
// The conns stay in Go's non-blocking mode; pyselect reads their fds
// through SyscallConn.
func TCPPair() (client, server *net.TCPConn) {
	GinkgoHelper()
	ln, err := net.ListenTCP("tcp4", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		Fail("listen: " + err.Error())
	}
	defer ln.Close()
	client, err = net.DialTCP("tcp4", nil, ln.Addr().(*net.TCPAddr))
	if err != nil {
		Fail("dial: " + err.Error())
	}
	// A spec may close either end itself; the second Close's "use of closed
	// network connection" is not the spec's failure.
	DeferCleanup(func() { client.Close() })
	server, err = ln.AcceptTCP()
	if err != nil {
		Fail("accept: " + err.Error())
	}
	DeferCleanup(func() { server.Close() })
	return client, server
}
