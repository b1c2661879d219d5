// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package pyselect_test

import (
	"fmt"
	"net"

	"github.com/pyselect/pyselect/sys/pyselect"
)

// A classic Python select-based echo server and its client
// (conformance/bench/python/select_echo.py is the server), ported line by
// line. Each Go statement sits under the Python line it ports. The Python
// original (three bugs, marked BUG):
//
//	import select
//	import socket
//	import sys
//	# BUG 1: "import queue" is missing, so queue.Queue() is a NameError.
//
//	server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
//	server.setblocking(0)
//	server.bind(('localhost', 10000))
//	server.listen(5)
//	inputs = [server]
//	outputs = []
//	message_queues = []    # BUG 2: a list, then indexed by socket as a dict
//	while inputs:
//	    readable, writable, exceptional = select.select(inputs, outputs, inputs)
//	    for s in readable:
//	        if s is server:
//	            connection, client_address = s.accept()
//	            connection.setblocking(0)
//	            inputs.append(connection)
//	            message_queues[connection] = queue.Queue()
//	        else:
//	            data = s.recv(1024)
//	            if data:
//	                message_queues[s].put(data)
//	                if s not in outputs:
//	                    outputs.append(s)
//	            else:
//	                if s in outputs:
//	                    outputs.remove(s)
//	                inputs.remove(s)
//	                s.close()
//	                del message_queues[s]
//	    for s in writable:
//	        try:
//	            next_msg = message_queues[s].get_nowait()
//	        except queue.Empty:
//	            outputs.remove(s)
//	        else:
//	            s.send(next_msg)
//	    for s in exceptional:
//	        inputs.remove(s)
//	        if s in outputs:
//	            outputs.remove(s)
//	        s.close()
//	        del message_queues[s]
//
// and the client:
//
//	messages = [b'This is the message. ', b'It will be sent ', b'in parts.']
//	server_address = ('localhost', 10000)
//	socks = [socket.socket(socket.AF_INET, socket.SOCK_STREAM),
//	         socket.socket(socket.AF_INET, socket.SOCK_STREAM)]
//	for s in socks:
//	    s.connect(server_address)
//	for message in messages:
//	    for s in socks:
//	        s.send(message)
//	    for s in socks:
//	        data = sock.recv(1024)   # BUG 3: "sock" is undefined; the loop variable is s
//	        print(data)
//	        if not data:
//	            s.close()
//
// The port fixes the three bugs (the queues are a map of slices; the
// client reads from s), listens on 127.0.0.1 on a port the kernel picks,
// and stops the server once both clients have gone, so that the example
// ends.
func Example_selectServer() {
	// server = socket.socket(...); server.setblocking(0); server.bind(...); server.listen(5)
	server, err := net.ListenTCP("tcp4", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer server.Close()
	done := make(chan struct{})
	go func() {
		defer close(done)
		// inputs = [server]; outputs = []; message_queues = {}
		inputs := []any{server}
		outputs := []any{}
		messageQueues := map[any][][]byte{}
		served := 0
		remove := func(list []any, v any) []any {
			for i, x := range list {
				if x == v {
					return append(list[:i], list[i+1:]...)
				}
			}
			return list
		}
		contains := func(list []any, v any) bool {
			for _, x := range list {
				if x == v {
					return true
				}
			}
			return false
		}
		// while inputs:   (and, added: until both clients have gone)
		for len(inputs) > 0 && served < 2 {
			// readable, writable, exceptional = select.select(inputs, outputs, inputs)
			readable, writable, exceptional, err := pyselect.Select(inputs, outputs, inputs, nil)
			if err != nil {
				fmt.Println(err)
				return
			}
			// for s in readable:
			for _, s := range readable {
				// if s is server:
				if s == server {
					// connection, client_address = s.accept()
					connection, err := server.AcceptTCP()
					if err != nil {
						fmt.Println(err)
						return
					}
					// inputs.append(connection)
					inputs = append(inputs, connection)
					// message_queues[connection] = queue.Queue()
					messageQueues[connection] = nil
				} else {
					// data = s.recv(1024)
					conn := s.(*net.TCPConn)
					data := make([]byte, 1024)
					n, _ := conn.Read(data)
					// if data:
					if n > 0 {
						// message_queues[s].put(data)
						messageQueues[s] = append(messageQueues[s], data[:n])
						// if s not in outputs: outputs.append(s)
						if !contains(outputs, s) {
							outputs = append(outputs, s)
						}
					} else {
						// if s in outputs: outputs.remove(s)
						outputs = remove(outputs, s)
						// inputs.remove(s); s.close(); del message_queues[s]
						inputs = remove(inputs, s)
						conn.Close()
						delete(messageQueues, s)
						served++
					}
				}
			}
			// for s in writable:
			for _, s := range writable {
				// next_msg = message_queues[s].get_nowait()
				q, ok := messageQueues[s]
				if !ok {
					continue // closed above, in this same round
				}
				if len(q) == 0 {
					// except queue.Empty: outputs.remove(s)
					outputs = remove(outputs, s)
				} else {
					// else: s.send(next_msg)
					messageQueues[s] = q[1:]
					s.(*net.TCPConn).Write(q[0])
				}
			}
			// for s in exceptional: inputs.remove(s) ... s.close(); del message_queues[s]
			for _, s := range exceptional {
				inputs = remove(inputs, s)
				outputs = remove(outputs, s)
				if c, ok := s.(*net.TCPConn); ok {
					c.Close()
				}
				delete(messageQueues, s)
			}
		}
	}()

	// messages = [b'This is the message. ', b'It will be sent ', b'in parts.']
	messages := []string{"This is the message. ", "It will be sent ", "in parts."}
	// socks = [socket.socket(...), socket.socket(...)]; for s in socks: s.connect(server_address)
	var socks []net.Conn
	for range 2 {
		s, err := net.Dial("tcp4", server.Addr().String())
		if err != nil {
			fmt.Println(err)
			return
		}
		socks = append(socks, s)
	}
	// for message in messages:
	for _, message := range messages {
		// for s in socks: s.send(message)
		for _, s := range socks {
			s.Write([]byte(message))
		}
		// for s in socks: data = s.recv(1024); print(data)
		for i, s := range socks {
			data := make([]byte, 1024)
			n, _ := s.Read(data)
			fmt.Printf("client %d got %q\n", i, data[:n])
		}
	}
	for _, s := range socks {
		s.Close()
	}
	<-done

	// Output:
	// client 0 got "This is the message. "
	// client 1 got "This is the message. "
	// client 0 got "It will be sent "
	// client 1 got "It will be sent "
	// client 0 got "in parts."
	// client 1 got "in parts."
}
