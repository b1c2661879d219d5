// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package selectors_test

import (
	"fmt"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/selectors"
	"github.com/pyselect/pyselect/sys/socket"
)

// The echo server of the selectors documentation
// (https://docs.python.org/3/library/selectors.html#examples), line by
// line: the callback is the key's data, called as key.data(key.fileobj,
// mask). Each Go statement sits under the Python line it ports; an
// uncaught Python exception is a panic here. The port listens on a port
// the kernel picks, prints the peer's host where Python prints the
// socket and its address (their fds and ports change from run to run),
// and ends the loop when its client hangs up, after three messages.
// Python:
//
//	import selectors
//	import socket
//
//	sel = selectors.DefaultSelector()
//
//	def accept(sock, mask):
//	    conn, addr = sock.accept()  # Should be ready
//	    print('accepted', conn, 'from', addr)
//	    conn.setblocking(False)
//	    sel.register(conn, selectors.EVENT_READ, read)
//
//	def read(conn, mask):
//	    data = conn.recv(1000)  # Should be ready
//	    if data:
//	        print('echoing', repr(data), 'to', conn)
//	        conn.send(data)  # Hope it won't block
//	    else:
//	        print('closing', conn)
//	        sel.unregister(conn)
//	        conn.close()
//
//	sock = socket.socket()
//	sock.bind(('localhost', 1234))
//	sock.listen(100)
//	sock.setblocking(False)
//	sel.register(sock, selectors.EVENT_READ, accept)
//
//	while True:
//	    events = sel.select()
//	    for key, mask in events:
//	        callback = key.data
//	        callback(key.fileobj, mask)
func Example_echoServer() {
	type callback func(fileobj any, mask int)
	// sel = selectors.DefaultSelector()
	sel, err := selectors.NewDefaultSelector[callback]()
	if err != nil {
		panic(err)
	}
	defer sel.Close()

	var read callback
	done := false
	// def accept(sock, mask):
	accept := func(fileobj any, mask int) {
		sock := fileobj.(*socket.Socket)
		// conn, addr = sock.accept()  # Should be ready
		conn, addr, err := sock.Accept()
		if err != nil {
			panic(err)
		}
		// print('accepted', conn, 'from', addr)
		fmt.Println("accepted a connection from", addr.(socket.AddrInet).Host)
		// conn.setblocking(False)
		if err := conn.SetBlocking(false); err != nil {
			panic(err)
		}
		// sel.register(conn, selectors.EVENT_READ, read)
		if _, err := sel.Register(conn, selectors.EVENT_READ, read); err != nil {
			panic(err)
		}
	}
	// def read(conn, mask):
	read = func(fileobj any, mask int) {
		conn := fileobj.(*socket.Socket)
		// data = conn.recv(1000)  # Should be ready
		data, err := conn.Recv(1000)
		if err != nil {
			panic(err)
		}
		// if data:
		if len(data) > 0 {
			// print('echoing', repr(data), 'to', conn)
			fmt.Println("echoing", builtins.Repr(data))
			// conn.send(data)  # Hope it won't block
			if _, err := conn.Send(data); err != nil {
				panic(err)
			}
		} else {
			// print('closing', conn)
			fmt.Println("closing")
			// sel.unregister(conn)
			if _, err := sel.Unregister(conn); err != nil {
				panic(err)
			}
			// conn.close()
			if err := conn.Close(); err != nil {
				panic(err)
			}
			done = true
		}
	}

	// sock = socket.socket()
	sock, err := socket.NewSocket(-1, -1, -1)
	if err != nil {
		panic(err)
	}
	defer sock.Close()
	// sock.bind(('localhost', 1234))
	if err := sock.Bind(socket.Inet("127.0.0.1", 0)); err != nil {
		panic(err)
	}
	// sock.listen(100)
	if err := sock.Listen(100); err != nil {
		panic(err)
	}
	// sock.setblocking(False)
	if err := sock.SetBlocking(false); err != nil {
		panic(err)
	}
	// sel.register(sock, selectors.EVENT_READ, accept)
	if _, err := sel.Register(sock, selectors.EVENT_READ, accept); err != nil {
		panic(err)
	}

	// The client, in its own goroutine: each message is sent once its echo
	// has come back.
	addr, err := sock.Getsockname()
	if err != nil {
		panic(err)
	}
	go func() {
		c, err := socket.CreateConnection(addr.(socket.AddrInet))
		if err != nil {
			panic(err)
		}
		for _, msg := range []string{"hello", "selectors", "bye"} {
			if err := c.Sendall([]byte(msg)); err != nil {
				panic(err)
			}
			if _, err := c.Recv(100); err != nil {
				panic(err)
			}
		}
		c.Close()
	}()

	// while True:   (here: until the client has gone)
	for !done {
		// events = sel.select()
		events, err := sel.Select()
		if err != nil {
			panic(err)
		}
		// for key, mask in events:
		for _, r := range events {
			key, mask := r.Key, r.Events
			// callback = key.data
			callback := key.Data
			// callback(key.fileobj, mask)
			callback(key.Fileobj, mask)
		}
	}
	// Output:
	// accepted a connection from 127.0.0.1
	// echoing b'hello'
	// echoing b'selectors'
	// echoing b'bye'
	// closing
}
