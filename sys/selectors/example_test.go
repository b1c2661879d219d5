// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package selectors_test

import (
	"fmt"
	"net"

	"github.com/pyselect/pyselect/sys/selectors"
)

// The echo server of the selectors documentation
// (https://docs.python.org/3/library/selectors.html#examples), line by
// line: the callback is the key's data, called as key.data(key.fileobj,
// mask). Here a client sends three messages and the loop ends when it
// hangs up. Python:
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
	sel, err := selectors.NewDefaultSelector[callback]()
	if err != nil {
		panic(err)
	}
	defer sel.Close()

	var read callback
	accept := func(fileobj any, mask int) {
		conn, err := fileobj.(*net.TCPListener).AcceptTCP() // Should be ready
		if err != nil {
			panic(err)
		}
		fmt.Println("accepted a connection")
		sel.Register(conn, selectors.EVENT_READ, read)
	}
	done := false
	read = func(fileobj any, mask int) {
		conn := fileobj.(*net.TCPConn)
		data := make([]byte, 1000)
		n, _ := conn.Read(data) // Should be ready
		if n > 0 {
			fmt.Printf("echoing %q\n", data[:n])
			conn.Write(data[:n]) // Hope it won't block
		} else {
			fmt.Println("closing")
			sel.Unregister(conn)
			conn.Close()
			done = true
		}
	}

	sock, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		panic(err)
	}
	defer sock.Close()
	sel.Register(sock, selectors.EVENT_READ, accept)

	// The client: each message is sent once its echo has come back.
	go func() {
		c, err := net.Dial("tcp", sock.Addr().String())
		if err != nil {
			panic(err)
		}
		buf := make([]byte, 100)
		for _, msg := range []string{"hello", "selectors", "bye"} {
			c.Write([]byte(msg))
			if _, err := c.Read(buf); err != nil {
				panic(err)
			}
		}
		c.Close()
	}()

	for !done {
		events, err := sel.Select(nil)
		if err != nil {
			panic(err)
		}
		for _, r := range events {
			key, mask := r.Key, r.Events
			callback := key.Data
			callback(key.Fileobj, mask)
		}
	}
	// Output:
	// accepted a connection
	// echoing "hello"
	// echoing "selectors"
	// echoing "bye"
	// closing
}
