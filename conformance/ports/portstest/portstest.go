// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

// Package portstest runs a Python program and its Go port against the
// same traffic and compares what each printed and sent, byte for byte.
package portstest

import (
	"bufio"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pyselect/pyselect/conformance/support/waitfor"
)

// portDeadline is how long a program under test, Python's or its port,
// may run.
const portDeadline = time.Minute

// A Server is what a traffic function sees of the program under test:
// its port, and its printed lines, one at a time.
type Server struct {
	Port  int
	lines <-chan string
}

// Line returns the server's next printed line ("" after 10 s of silence).
func (s *Server) Line() string {
	select {
	case l := <-s.lines:
		return l
	case <-time.After(10 * time.Second):
		return ""
	}
}

// Compare runs python3 pyFile args... and run(args) (the Go port's main,
// in this process), each as a server that first prints its port, drives
// each with traffic, and fails t unless the two transcripts (what
// traffic recorded plus every line the server printed) are equal.
func Compare(t *testing.T, pyFile string, run func(args []string, stdout io.Writer) error, args []string, traffic func(t *testing.T, s *Server) string) {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skipf("no python3 to run %s: %v", pyFile, err)
	}
	cmd := waitfor.Command(t, portDeadline, "python3", append([]string{pyFile}, args...)...)
	pyOut, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	py := drive(t, pyOut, traffic)
	if err := cmd.Wait(); err != nil {
		t.Errorf("python3 %s: %v", pyFile, err)
	}

	r, w := io.Pipe()
	done := make(chan error, 1)
	go func() { err := run(append([]string{"port"}, args...), w); w.Close(); done <- err }()
	gp := drive(t, r, traffic)
	if err := waitfor.Recv(t, done, portDeadline, "the Go port to return"); err != nil {
		t.Errorf("the Go port: %v", err)
	}
	if py != gp {
		t.Errorf("transcripts differ\n--- python3 %s\n%s\n--- Go port\n%s", pyFile, py, gp)
	}
	t.Logf("transcript (both):\n%s", gp)
}

// drive reads the port, runs traffic and returns its record followed by
// every line the server printed after the port.
func drive(t *testing.T, out io.Reader, traffic func(*testing.T, *Server) string) string {
	t.Helper()
	lines := make(chan string, 1<<12)
	var printed []string
	all := make(chan []string)
	go func() {
		sc := bufio.NewScanner(out)
		var got []string
		for sc.Scan() {
			got = append(got, sc.Text())
			lines <- sc.Text()
		}
		io.Copy(io.Discard, out)
		all <- got
	}()
	s := &Server{lines: lines}
	first := s.Line()
	port, err := strconv.Atoi(first)
	if err != nil {
		t.Fatalf("the server's first line is %q, not its port", first)
	}
	s.Port = port
	record := traffic(t, s)
	printed = waitfor.Recv(t, all, portDeadline, "the server to end its output")
	return record + "\n" + strings.Join(printed[1:], "\n")
}

// WaitFor reads printed lines until one equals line; it reports whether
// one did.
func (s *Server) WaitFor(line string) bool {
	for l := s.Line(); l != ""; l = s.Line() {
		if l == line {
			return true
		}
	}
	return false
}

// CompareOutput runs python3 pyFile args... and run(args) (the Go port's
// main, in this process), each to its end, and fails t unless the two
// printed the same bytes.
func CompareOutput(t *testing.T, pyFile string, run func(args []string, stdout io.Writer) error, args []string) {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skipf("no python3 to run %s: %v", pyFile, err)
	}
	py, err := waitfor.Command(t, portDeadline, "python3", append([]string{pyFile}, args...)...).Output()
	if err != nil {
		t.Errorf("python3 %s: %v", pyFile, err)
	}
	var gp strings.Builder
	done := make(chan error, 1)
	go func() { done <- run(append([]string{"port"}, args...), &gp) }()
	if err := waitfor.Recv(t, done, portDeadline, "the Go port to return"); err != nil {
		t.Errorf("the Go port: %v", err)
	}
	if string(py) != gp.String() {
		t.Errorf("outputs differ\n--- python3 %s\n%s\n--- Go port\n%s", pyFile, py, gp.String())
	}
	t.Logf("output (both):\n%s", gp.String())
}
