// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

// Package prof gives the benchmark servers a -cpuprofile flag that the
// harness stops with SIGTERM, the way it stops every server.
package prof

import (
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"strconv"
	"syscall"
)

// Start removes "-cpuprofile file" from args and, when it was there,
// starts a CPU profile into file. SIGTERM or SIGINT then stops the profile
// and exits with status 0; without the flag they kill the process, as
// they do a Python server.
func Start(args []string) []string {
	rest := make([]string, 0, len(args))
	path := ""
	for i := 0; i < len(args); i++ {
		if args[i] == "-cpuprofile" && i+1 < len(args) {
			path = args[i+1]
			i++
			continue
		}
		rest = append(rest, args[i])
	}
	if path == "" {
		return rest
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "cpuprofile:", err)
		os.Exit(2)
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-sig
		pprof.StopCPUProfile()
		f.Close()
		os.Exit(0)
	}()
	return rest
}

// Main is a server's main: it starts the profile (see Start), runs serve
// with the remaining arguments and exits with status 1, saying why, if
// serve fails.
func Main(name string, serve func(args []string) error) {
	if err := serve(Start(os.Args)); err != nil {
		fmt.Fprintln(os.Stderr, name+":", err)
		os.Exit(1)
	}
}

// Port is the servers' first line, port = int(sys.argv[1]) if
// len(sys.argv) > 1 else 0.
func Port(args []string) (int, error) {
	if len(args) > 1 {
		return strconv.Atoi(args[1])
	}
	return 0, nil
}
