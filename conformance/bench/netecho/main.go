// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

// Command netecho is the peer the ported servers are measured against: an
// echo server in idiomatic Go, one goroutine per connection on package
// net (the runtime's netpoller underneath).
//
// Usage: netecho [port] [-cpuprofile file]
package main

import (
	"fmt"
	"net"
	"os"

	"github.com/pyselect/pyselect/conformance/bench/prof"
)

func main() {
	args := prof.Start(os.Args)
	port := "0"
	if len(args) > 1 {
		port = args[1]
	}
	ln, err := net.Listen("tcp4", "127.0.0.1:"+port)
	if err != nil {
		fmt.Fprintln(os.Stderr, "netecho:", err)
		os.Exit(1)
	}
	fmt.Println(ln.Addr().(*net.TCPAddr).Port)
	for {
		c, err := ln.Accept()
		if err != nil {
			fmt.Fprintln(os.Stderr, "netecho:", err)
			os.Exit(1)
		}
		go echo(c)
	}
}

// echo copies what c sends back to it until c closes, through a 4096-byte
// buffer as the other servers read.
func echo(c net.Conn) {
	defer c.Close()
	buf := make([]byte, 4096)
	for {
		n, err := c.Read(buf)
		if n > 0 {
			if _, werr := c.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return // io.EOF or a reset: the client is gone
		}
	}
}
