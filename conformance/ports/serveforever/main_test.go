// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package main

import (
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/pyselect/pyselect/conformance/ports/portstest"
	_ "github.com/pyselect/pyselect/conformance/support/memwatch" // a runaway test is named under .ci/memcap.sh
)

// TestPortIsThePython: main.py and its Go port serve the same requests,
// report the client that resets as ConnectionResetError, stop when a
// request's handler calls shutdown() from another thread, serve again
// with the same server object registered in a new selector, and stop again.
// The transcript holds what the clients got and the server printed once
// the last shutdown has been waited for.
func TestPortIsThePython(t *testing.T) {
	portstest.Compare(t, "main.py", run, nil, func(t *testing.T, s *portstest.Server) string {
		var rec strings.Builder
		handled := 0
		for i, m := range []string{"hello", "", "shutdown", "again", "shutdown"} {
			c, err := net.Dial("tcp4", fmt.Sprintf("127.0.0.1:%d", s.Port))
			if err != nil {
				t.Fatal(err)
			}
			c.SetDeadline(time.Now().Add(10 * time.Second))
			if m == "" {
				// a client that resets before it sends anything
				c.(*net.TCPConn).SetLinger(0)
				c.Close()
				if !s.WaitFor("handle: ConnectionResetError") {
					t.Fatalf("client %d: the server never saw the reset", i)
				}
				continue
			}
			io.WriteString(c, m)
			reply, err := io.ReadAll(c)
			fmt.Fprintf(&rec, "client %d sent %q got %q (%v)\n", i, m, reply, err)
			c.Close()
			handled++
			want := fmt.Sprintf("request %d %s", handled, m)
			if !s.WaitFor(want) {
				t.Fatalf("client %d: the server never printed %q", i, want)
			}
			// The next client waits for the shutdown to finish: a
			// connection that is ready before shutdown() in its own
			// thread has set the flag is served by this serve_forever,
			// in Python as in Go.
			if stopped := fmt.Sprintf("stopped after %d", handled); m == "shutdown" && !s.WaitFor(stopped) {
				t.Fatalf("client %d: the server never printed %q", i, stopped)
			}
		}
		return rec.String()
	})
}
