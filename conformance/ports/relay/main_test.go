// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pyselect/pyselect/conformance/ports/portstest"
	_ "github.com/pyselect/pyselect/conformance/support/memwatch" // a runaway test is named under .ci/memcap.sh
)

// TestPortIsThePython: main.py and its Go port relay 1 MiB from one
// client to a slow reader (pausing the sender once the buffer holds
// LIMIT bytes, which needs partial sends), a reply back, each side's EOF,
// and close a pair whose first client resets.
func TestPortIsThePython(t *testing.T) {
	portstest.Compare(t, "main.py", run, []string{"2"}, func(t *testing.T, s *portstest.Server) string {
		var rec strings.Builder
		addr := fmt.Sprintf("127.0.0.1:%d", s.Port)
		dial := func(rcvbuf int) *net.TCPConn {
			d := net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
				if rcvbuf > 0 {
					c.Control(func(fd uintptr) { syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, rcvbuf) })
				}
				return nil
			}}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			c, err := d.DialContext(ctx, "tcp4", addr)
			if err != nil {
				t.Fatal(err)
			}
			c.SetDeadline(time.Now().Add(20 * time.Second))
			return c.(*net.TCPConn)
		}
		wait := func(line string) {
			if !s.WaitFor(line) {
				t.Fatalf("the relay never printed %q", line)
			}
		}

		left := dial(0)
		defer left.Close()
		wait("connection 1")
		right := dial(4096) // a small window, so that the relay's buffer fills
		defer right.Close()
		wait("pair 1 2")
		big := bytes.Repeat([]byte("0123456789abcdef"), 1<<16)
		wrote := make(chan error, 1)
		go func() { _, err := left.Write(big); wrote <- err }()
		wait("paused 1") // right reads nothing until the relay has paused left
		got := make([]byte, len(big))
		_, err := io.ReadFull(right, got)
		fmt.Fprintf(&rec, "right got %d bytes, equal %v (%v); left wrote (%v)\n", len(got), bytes.Equal(got, big), err, <-wrote)
		io.WriteString(right, "pong")
		pong := make([]byte, 4)
		_, err = io.ReadFull(left, pong)
		fmt.Fprintf(&rec, "left got %q (%v)\n", pong, err)
		left.CloseWrite()
		wait("shutdown 2")
		rest, err := io.ReadAll(right)
		fmt.Fprintf(&rec, "right then got %q (%v)\n", rest, err)
		right.CloseWrite()
		wait("close 2 relayed 4")
		rest, err = io.ReadAll(left)
		fmt.Fprintf(&rec, "left then got %q (%v)\n", rest, err)

		a := dial(0)
		defer a.Close()
		wait("connection 3")
		b := dial(0)
		defer b.Close()
		wait("pair 3 4")
		a.SetLinger(0)
		a.Close()
		wait("close 4 relayed 0")
		rest, err = io.ReadAll(b)
		fmt.Fprintf(&rec, "b got %q (%v)\n", rest, err)
		return rec.String()
	})
}
