// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package socket_test

import (
	"fmt"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/socket"
)

// Recv on a non-blocking socket never waits: with nothing to read it
// raises BlockingIOError (EAGAIN), and a loop drains the socket until it
// does. At the end of the stream it returns an empty slice, Python's b"".
// Each Go statement sits under the Python line it ports; an uncaught
// Python exception is a panic here.
func ExampleSocket_Recv() {
	// a, b = socket.socketpair()
	a, b, err := socket.Socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
	if err != nil {
		panic(err)
	}
	defer b.Close()
	// b.setblocking(False)
	if err := b.SetBlocking(false); err != nil {
		panic(err)
	}
	// try:
	//     data = b.recv(1024)
	_, err = b.Recv(1024)
	// except BlockingIOError as e:
	if builtins.Except(err, builtins.BlockingIOError) {
		// print('nothing yet:', type(e).__name__)
		fmt.Println("nothing yet:", builtins.ExceptionOf(err))
	}
	// a.sendall(b'hello world')
	if err := a.Sendall([]byte("hello world")); err != nil {
		panic(err)
	}
	// while True:
	for {
		// try:
		//     data = b.recv(4)
		data, err := b.Recv(4)
		// except BlockingIOError:
		//     break
		if builtins.Except(err, builtins.BlockingIOError) {
			break
		} else if err != nil {
			panic(err)
		}
		// print(data)
		fmt.Println(builtins.Repr(data))
	}
	// a.close()
	if err := a.Close(); err != nil {
		panic(err)
	}
	// print(b.recv(1024))
	data, err := b.Recv(1024)
	if err != nil {
		panic(err)
	}
	fmt.Println(builtins.Repr(data))
	// Output:
	// nothing yet: BlockingIOError
	// b'hell'
	// b'o wo'
	// b'rld'
	// b''
}
