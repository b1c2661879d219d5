// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package pyselect_test

import (
	"fmt"
	"slices"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
	"github.com/pyselect/pyselect/sys/socket"
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
// ends. An uncaught Python exception is a panic here.
func Example_selectServer() {
	// server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
	server, err := socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0)
	if err != nil {
		panic(err)
	}
	defer server.Close()
	// server.setblocking(0)
	if err := server.SetBlocking(false); err != nil {
		panic(err)
	}
	// server.bind(('localhost', 10000))   (here: a port the kernel picks)
	if err := server.Bind(socket.Inet("127.0.0.1", 0)); err != nil {
		panic(err)
	}
	// server.listen(5)
	if err := server.Listen(5); err != nil {
		panic(err)
	}
	// server_address = ('localhost', 10000)   (here: the port picked)
	serverAddress, err := server.Getsockname()
	if err != nil {
		panic(err)
	}

	done := make(chan struct{})
	go func() {
		defer close(done)
		// inputs = [server]
		inputs := []*socket.Socket{server}
		// outputs = []
		outputs := []*socket.Socket{}
		// message_queues = {}
		messageQueues := map[*socket.Socket][][]byte{}
		served := 0
		// while inputs:   (and, added: until both clients have gone)
		for len(inputs) > 0 && served < 2 {
			// readable, writable, exceptional = select.select(inputs, outputs, inputs)
			readable, writable, exceptional, err := pyselect.Select(inputs, outputs, inputs)
			if err != nil {
				panic(err)
			}
			// for s in readable:
			for _, s := range readable {
				// if s is server:
				if s == server {
					// connection, client_address = s.accept()
					connection, _, err := s.Accept()
					if err != nil {
						panic(err)
					}
					// connection.setblocking(0)
					if err := connection.SetBlocking(false); err != nil {
						panic(err)
					}
					// inputs.append(connection)
					inputs = append(inputs, connection)
					// message_queues[connection] = queue.Queue()
					messageQueues[connection] = nil
				} else {
					// data = s.recv(1024)
					data, err := s.Recv(1024)
					if err != nil {
						panic(err)
					}
					// if data:
					if len(data) > 0 {
						// message_queues[s].put(data)
						messageQueues[s] = append(messageQueues[s], data)
						// if s not in outputs:
						if !slices.Contains(outputs, s) {
							// outputs.append(s)
							outputs = append(outputs, s)
						}
					} else {
						// if s in outputs:
						if i := slices.Index(outputs, s); i >= 0 {
							// outputs.remove(s)
							outputs = slices.Delete(outputs, i, i+1)
						}
						// inputs.remove(s)
						inputs = slices.DeleteFunc(inputs, func(x *socket.Socket) bool { return x == s })
						// s.close()
						if err := s.Close(); err != nil {
							panic(err)
						}
						// del message_queues[s]
						delete(messageQueues, s)
						served++
					}
				}
			}
			// for s in writable:
			for _, s := range writable {
				// try:
				//     next_msg = message_queues[s].get_nowait()
				q, ok := messageQueues[s]
				if !ok {
					continue // closed above, in this same round
				}
				// except queue.Empty:
				if len(q) == 0 {
					// outputs.remove(s)
					outputs = slices.DeleteFunc(outputs, func(x *socket.Socket) bool { return x == s })
				} else {
					messageQueues[s] = q[1:]
					// else:
					//     s.send(next_msg)
					if _, err := s.Send(q[0]); err != nil {
						panic(err)
					}
				}
			}
			// for s in exceptional:
			for _, s := range exceptional {
				// inputs.remove(s)
				inputs = slices.DeleteFunc(inputs, func(x *socket.Socket) bool { return x == s })
				// if s in outputs:
				if i := slices.Index(outputs, s); i >= 0 {
					// outputs.remove(s)
					outputs = slices.Delete(outputs, i, i+1)
				}
				// s.close()
				if err := s.Close(); err != nil {
					panic(err)
				}
				// del message_queues[s]
				delete(messageQueues, s)
			}
		}
	}()

	// messages = [b'This is the message. ', b'It will be sent ', b'in parts.']
	messages := [][]byte{[]byte("This is the message. "), []byte("It will be sent "), []byte("in parts.")}
	// socks = [socket.socket(socket.AF_INET, socket.SOCK_STREAM),
	//          socket.socket(socket.AF_INET, socket.SOCK_STREAM)]
	socks := make([]*socket.Socket, 2)
	for i := range socks {
		if socks[i], err = socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0); err != nil {
			panic(err)
		}
	}
	// for s in socks:
	for _, s := range socks {
		// s.connect(server_address)
		if err := s.Connect(serverAddress); err != nil {
			panic(err)
		}
	}
	// for message in messages:
	for _, message := range messages {
		// for s in socks:
		for _, s := range socks {
			// s.send(message)
			if _, err := s.Send(message); err != nil {
				panic(err)
			}
		}
		// for s in socks:
		for _, s := range socks {
			// data = s.recv(1024)
			data, err := s.Recv(1024)
			if err != nil {
				panic(err)
			}
			// print(data)
			fmt.Println(builtins.Repr(data))
			// if not data:
			if len(data) == 0 {
				// s.close()
				if err := s.Close(); err != nil {
					panic(err)
				}
			}
		}
	}
	// (added: the clients hang up, so that the server's loop ends)
	for _, s := range socks {
		s.Close()
	}
	<-done

	// Output:
	// b'This is the message. '
	// b'This is the message. '
	// b'It will be sent '
	// b'It will be sent '
	// b'in parts.'
	// b'in parts.'
}
