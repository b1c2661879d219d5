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

// Send is one send(2): on a non-blocking socket it returns how much the
// socket's buffer took, a short count when that is less than all, and
// raises BlockingIOError (EAGAIN) once the buffer is full. It never waits
// for the peer to read, as Go's net.Conn.Write does; Sendall is the call
// that sends every byte. Each Go statement sits under the Python line it
// ports; an uncaught Python exception is a panic here.
func ExampleSocket_Send() {
	// a, b = socket.socketpair()
	a, b, err := socket.Socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
	if err != nil {
		panic(err)
	}
	defer a.Close()
	defer b.Close()
	// a.setblocking(False)
	if err := a.SetBlocking(false); err != nil {
		panic(err)
	}
	// data = bytes(8 << 20)
	data := make([]byte, 8<<20)
	// sent = a.send(data)
	sent, err := a.Send(data)
	if err != nil {
		panic(err)
	}
	// print(0 < sent < len(data))
	fmt.Println(builtins.Repr(0 < sent && sent < len(data)))
	// try:
	//     a.send(data[sent:])
	_, err = a.Send(data[sent:])
	// except BlockingIOError as e:
	if builtins.Except(err, builtins.BlockingIOError) {
		// print('full:', type(e).__name__)
		fmt.Println("full:", builtins.ExceptionOf(err))
	}
	// Output:
	// True
	// full: BlockingIOError
}
