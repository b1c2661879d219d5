// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux

// Command selectorsecho is the selectors documentation's echo server,
// conformance/bench/python/selectors_echo.py, ported line by line to Go on
// pyselect's selectors: each block is headed by the Python line it ports.
// The callbacks are the keys' data, typed: the selector's D is callback.
//
// Usage: selectorsecho [port] [-cpuprofile file]
package main

import (
	"fmt"

	"github.com/pyselect/pyselect/conformance/bench/prof"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/selectors"
	"github.com/pyselect/pyselect/sys/socket"
)

// callback is what the Python server stores as a key's data.
type callback func(fileobj any, mask int) error

// sel = selectors.DefaultSelector()
var sel selectors.BaseSelector[callback]

// def accept(sock, mask):
func accept(fileobj any, mask int) error {
	sock := fileobj.(*socket.Socket)
	// conn, addr = sock.accept()  # Should be ready
	conn, _, err := sock.Accept()
	if err != nil {
		return err
	}
	// conn.setblocking(False)
	if err := conn.SetBlocking(false); err != nil {
		return err
	}
	// sel.register(conn, selectors.EVENT_READ, read)
	_, err = sel.Register(conn, selectors.EVENT_READ, read)
	return err
}

// def read(conn, mask):
func read(fileobj any, mask int) error {
	conn := fileobj.(*socket.Socket)
	// try:
	//     data = conn.recv(4096)  # Should be ready
	// except ConnectionError:
	//     data = b''
	data, err := conn.Recv(4096)
	if builtins.Except(err, builtins.ConnectionError) {
		data = nil
	} else if err != nil {
		return err
	}
	// if data:
	//     conn.send(data)  # Hope it won't block
	if len(data) != 0 {
		_, err := conn.Send(data)
		return err
	}
	// else:
	//     sel.unregister(conn)
	//     conn.close()
	if _, err := sel.Unregister(conn); err != nil {
		return err
	}
	return conn.Close()
}

func main() { prof.Main("selectorsecho", serve) }

func serve(args []string) error {
	var err error
	// sel = selectors.DefaultSelector()
	if sel, err = selectors.NewDefaultSelector[callback](); err != nil {
		return err
	}
	defer sel.Close()
	// port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
	port, err := prof.Port(args)
	if err != nil {
		return err
	}
	// sock = socket.socket()
	sock, err := socket.NewSocket(-1, -1, -1)
	if err != nil {
		return err
	}
	defer sock.Close()
	// sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
	if err := sock.Setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); err != nil {
		return err
	}
	// sock.bind(('127.0.0.1', port))
	if err := sock.Bind(socket.Inet("127.0.0.1", port)); err != nil {
		return err
	}
	// sock.listen(1024)
	if err := sock.Listen(1024); err != nil {
		return err
	}
	// sock.setblocking(False)
	if err := sock.SetBlocking(false); err != nil {
		return err
	}
	// print(sock.getsockname()[1], flush=True)
	name, err := sock.Getsockname()
	if err != nil {
		return err
	}
	fmt.Println(name.(socket.AddrInet).Port)
	// sel.register(sock, selectors.EVENT_READ, accept)
	if _, err := sel.Register(sock, selectors.EVENT_READ, accept); err != nil {
		return err
	}
	// while True:
	for {
		// events = sel.select()
		events, err := sel.Select(nil)
		if err != nil {
			return err
		}
		// for key, mask in events:
		for _, e := range events {
			key, mask := e.Key, e.Events
			// callback = key.data
			// callback(key.fileobj, mask)
			callback := key.Data
			if err := callback(key.Fileobj, mask); err != nil {
				return err
			}
		}
	}
}
