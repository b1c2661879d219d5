// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !solaris

package pyselect_test

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// Select returns the caller's own elements: here the *os.File values, as
// Python returns the objects it was given.
func ExampleSelect() {
	r, w, err := os.Pipe() // r, w = os.pipe()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	defer w.Close()

	// rl, wl, xl = select.select([r], [w], [], 0.01): nothing to read yet.
	rl, wl, xl, err := pyselect.Select([]*os.File{r}, []*os.File{w}, nil, 0.01)
	fmt.Println(len(rl), len(wl), len(xl), wl[0] == w, err)

	w.WriteString("x")
	// rl, _, _ = select.select([r], [], []): no timeout, returns once r is readable.
	rl, _, _, err = pyselect.Select([]*os.File{r}, nil, nil, nil)
	fmt.Println(len(rl), rl[0] == r, err)
	// Output:
	// 0 1 0 true <nil>
	// 1 true <nil>
}

// Poll.Poll takes its timeout in milliseconds, as poll.poll does, and
// returns (fd, events) pairs for the fds with something to report.
func ExamplePoll_Poll() {
	r, w, err := os.Pipe()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	defer w.Close()
	rfd := pyselect.Fileno(r)
	name := map[int]string{rfd: "r"}

	p := pyselect.NewPoll()        // p = select.poll()
	p.Register(r, pyselect.POLLIN) // p.register(r, select.POLLIN)
	events, err := p.Poll(10)      // p.poll(10): 10 ms
	fmt.Println(events, err)

	w.WriteString("x")
	events, err = p.Poll(nil) // p.poll(): no timeout
	for _, ev := range events {
		fmt.Println(name[ev.Fd], ev.Events == pyselect.POLLIN, err)
	}

	w.Close() // the writer hangs up: POLLHUP is reported though not asked for
	events, _ = p.Poll(0)
	fmt.Println(events[0].Events&pyselect.POLLHUP != 0)
	// Output:
	// [] <nil>
	// r true <nil>
	// true
}

// ExceptionOf names the Python exception an error stands for; errors.Is
// matches the class, its base classes and the errno.
func ExampleExceptionOf() {
	_, _, _, err := pyselect.Select([]int{-1}, nil, nil, 0)
	fmt.Println(builtins.ExceptionOf(err), "|", err)

	r, w, err := os.Pipe()
	if err != nil {
		fmt.Println(err)
		return
	}
	fd := pyselect.Fileno(r)
	r.Close()
	w.Close()
	// fd is closed now: select(2) fails with EBADF, which is a plain OSError.
	_, _, _, err = pyselect.Select([]int{fd}, nil, nil, 0)
	fmt.Println(builtins.ExceptionOf(err), "|", err)
	fmt.Println(errors.Is(err, builtins.OSError), errors.Is(err, unix.EBADF), errors.Is(err, builtins.ValueError))
	// Output:
	// ValueError | ValueError: file descriptor cannot be a negative integer (-1)
	// OSError | OSError: [Errno 9] Bad file descriptor
	// true true false
}
