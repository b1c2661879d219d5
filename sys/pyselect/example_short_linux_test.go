// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// Epoll.Poll takes its timeout in seconds, as epoll.poll does; -1 for
// maxevents is Python's default. Registering an fd twice is Python's
// FileExistsError, which is also EEXIST and fs.ErrExist.
func ExampleEpoll_Poll() {
	r, w, err := os.Pipe()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	defer w.Close()
	rfd := pyselect.Fileno(r)

	ep, err := pyselect.NewEpoll(-1, 0) // ep = select.epoll()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ep.Close()
	ep.Register(r, pyselect.EPOLLIN) // ep.register(r, select.EPOLLIN)

	events, err := ep.Poll(0.01, -1) // ep.poll(0.01): nothing yet
	fmt.Println(events, err)

	w.WriteString("x")
	events, _ = ep.Poll(1, -1) // ep.poll(1)
	fmt.Println(len(events), events[0].Fd == rfd, events[0].Events == pyselect.EPOLLIN)

	err = ep.Register(r, pyselect.EPOLLIN) // again
	fmt.Println(err)
	fmt.Println(errors.Is(err, builtins.FileExistsError), errors.Is(err, unix.EEXIST), errors.Is(err, fs.ErrExist))
	// Output:
	// [] <nil>
	// 1 true true
	// FileExistsError: [Errno 17] File exists
	// true true true
}

// Epoll.Wait is the Go form of epoll.poll for a hot loop: it fills the
// caller's array, as epoll_wait(2) does, and allocates nothing. Its
// timeout is a time.Duration; a negative one blocks.
func ExampleEpoll_Wait() {
	r, w, err := os.Pipe()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	defer w.Close()
	rfd := pyselect.Fileno(r)

	ep, err := pyselect.NewEpoll(-1, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ep.Close()
	ep.Register(rfd, pyselect.EPOLLIN)

	events := make([]unix.EpollEvent, 16) // reused by every Wait
	n, err := ep.Wait(events, 10*time.Millisecond)
	fmt.Println(n, err)

	w.WriteString("x")
	n, err = ep.Wait(events, -1)
	for _, ev := range events[:n] {
		fmt.Println(int(ev.Fd) == rfd, ev.Events&unix.EPOLLIN != 0, err)
	}
	// Output:
	// 0 <nil>
	// true true <nil>
}
