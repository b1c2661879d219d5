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

// TestPortIsThePython: main.py and its Go port print the same lines and
// send the same bytes for two polite clients and one that resets.
func TestPortIsThePython(t *testing.T) {
	portstest.Compare(t, "main.py", run, []string{"3"}, func(t *testing.T, s *portstest.Server) string {
		var rec strings.Builder
		for i, msgs := range [][]string{{"hello", "world"}, {"poll"}, {"reset"}} {
			c, err := net.Dial("tcp4", fmt.Sprintf("127.0.0.1:%d", s.Port))
			if err != nil {
				t.Fatal(err)
			}
			c.SetDeadline(time.Now().Add(10 * time.Second))
			for _, m := range msgs {
				io.WriteString(c, m)
				buf := make([]byte, len(m))
				_, err := io.ReadFull(c, buf)
				fmt.Fprintf(&rec, "client %d got %q (%v)\n", i, buf, err)
			}
			if i == 2 {
				c.(*net.TCPConn).SetLinger(0)
			}
			c.Close()
			if !s.WaitFor("closing") {
				t.Fatalf("client %d: the server never closed", i)
			}
		}
		return rec.String()
	})
}
