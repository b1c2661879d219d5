// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package socket_test

import (
	"fmt"

	"github.com/pyselect/pyselect/sys/pyselect"
	"github.com/pyselect/pyselect/sys/socket"
)

// A server that echoes what each client sends, on select.select, as the
// Python program:
//
//	server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
//	server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
//	server.bind(('127.0.0.1', 0))
//	server.listen()
//	server.setblocking(False)
//	client = socket.create_connection(server.getsockname())
//	client.sendall(b"ping")
//	inputs = [server]
//	while inputs:
//	    readable, _, _ = select.select(inputs, [], [])
//	    for s in readable:
//	        if s is server:
//	            conn, addr = s.accept()
//	            conn.setblocking(False)
//	            inputs.append(conn)
//	        else:
//	            data = s.recv(4096)
//	            s.send(data)
//	            inputs.clear()
//	print(client.recv(4096))
func Example_selectEchoServer() {
	server, _ := socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0)
	defer server.Close()
	server.Setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
	server.Bind(socket.Inet("127.0.0.1", 0))
	server.Listen()
	server.SetBlocking(false)
	addr, _ := server.Getsockname()
	client, err := socket.CreateConnection(addr.(socket.AddrInet))
	if err != nil {
		panic(err)
	}
	defer client.Close()
	client.Sendall([]byte("ping"))
	inputs := []*socket.Socket{server}
	for len(inputs) > 0 {
		readable, _, _, err := pyselect.Select(inputs, nil, nil, nil)
		if err != nil {
			panic(err)
		}
		for _, s := range readable {
			if s == server {
				conn, _, err := s.Accept()
				if err != nil {
					panic(err)
				}
				defer conn.Close()
				conn.SetBlocking(false)
				inputs = append(inputs, conn)
			} else {
				data, _ := s.Recv(4096)
				s.Send(data)
				inputs = nil
			}
		}
	}
	data, _ := client.Recv(4096)
	fmt.Printf("%q\n", data)
	// Output: "ping"
}
