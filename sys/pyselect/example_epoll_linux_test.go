// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect_test

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/pyselect/pyselect/sys/pyselect"
	"github.com/pyselect/pyselect/sys/socket"
)

// A classic Python epoll server (conformance/bench/python/epoll_echo.py is
// its echo form), ported line by line. Each Go statement sits under the
// Python line it ports. The Python original (one bug, marked BUG):
//
//	import socket, select
//
//	EOL1 = b'\n\n'
//	EOL2 = b'\n\r\n'
//	response  = b'HTTP/1.0 200 OK\r\nDate: Mon, 1 Jan 1996 01:01:01 GMT\r\n'
//	response += b'Content-Type: text/plain\r\nContent-Length: 13\r\n\r\n'
//	response += b'Hello, world!'
//
//	serversocket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
//	serversocket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
//	serversocket.bind(('0.0.0.0', 8080))
//	serversocket.listen(1)
//	serversocket.setblocking(0)
//
//	epoll = select.epoll()
//	epoll.register(serversocket.fileno(), select.EPOLLIN)
//
//	try:
//	    connections = []; requests = {}; responses = {}   # BUG: connections is a list, indexed by fd as a dict
//	    while True:
//	        events = epoll.poll(1)
//	        for fileno, event in events:
//	            if fileno == serversocket.fileno():
//	                connection, address = serversocket.accept()
//	                connection.setblocking(0)
//	                epoll.register(connection.fileno(), select.EPOLLIN)
//	                connections[connection.fileno()] = connection
//	                requests[connection.fileno()] = b''
//	                responses[connection.fileno()] = response
//	            elif event & select.EPOLLIN:
//	                requests[fileno] += connections[fileno].recv(1024)
//	                if EOL1 in requests[fileno] or EOL2 in requests[fileno]:
//	                    epoll.modify(fileno, select.EPOLLOUT)
//	                    print('-'*40 + '\n' + requests[fileno].decode()[:-2])
//	            elif event & select.EPOLLOUT:
//	                byteswritten = connections[fileno].send(responses[fileno])
//	                responses[fileno] = responses[fileno][byteswritten:]
//	                if len(responses[fileno]) == 0:
//	                    epoll.modify(fileno, 0)
//	                    connections[fileno].shutdown(socket.SHUT_RDWR)
//	            elif event & select.EPOLLHUP:
//	                epoll.unregister(fileno)
//	                connections[fileno].close()
//	                del connections[fileno]
//	finally:
//	    epoll.unregister(serversocket.fileno())
//	    epoll.close()
//	    serversocket.close()
//
// The port fixes the bug (connections is a map), listens on 127.0.0.1 on
// a port the kernel picks rather than 0.0.0.0:8080, and leaves the loop
// once the one client it serves has hung up, so that the example ends. A
// client sends one request and prints the response. An uncaught Python
// exception is a panic here.
func Example_epollServer() {
	// EOL1 = b'\n\n'
	eol1 := []byte("\n\n")
	// EOL2 = b'\n\r\n'
	eol2 := []byte("\n\r\n")
	// response  = b'HTTP/1.0 200 OK\r\nDate: Mon, 1 Jan 1996 01:01:01 GMT\r\n'
	response := []byte("HTTP/1.0 200 OK\r\nDate: Mon, 1 Jan 1996 01:01:01 GMT\r\n")
	// response += b'Content-Type: text/plain\r\nContent-Length: 13\r\n\r\n'
	response = append(response, "Content-Type: text/plain\r\nContent-Length: 13\r\n\r\n"...)
	// response += b'Hello, world!'
	response = append(response, "Hello, world!"...)

	// serversocket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
	serversocket, err := socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0)
	if err != nil {
		panic(err)
	}
	// serversocket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
	if err := serversocket.Setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); err != nil {
		panic(err)
	}
	// serversocket.bind(('0.0.0.0', 8080))   (here: 127.0.0.1, a port the kernel picks)
	if err := serversocket.Bind(socket.Inet("127.0.0.1", 0)); err != nil {
		panic(err)
	}
	// serversocket.listen(1)
	if err := serversocket.Listen(1); err != nil {
		panic(err)
	}
	// serversocket.setblocking(0)
	if err := serversocket.SetBlocking(false); err != nil {
		panic(err)
	}

	// epoll = select.epoll()
	epoll, err := pyselect.NewEpoll()
	if err != nil {
		panic(err)
	}
	// epoll.register(serversocket.fileno(), select.EPOLLIN)
	if err := epoll.Register(serversocket.Fileno(), pyselect.EPOLLIN); err != nil {
		panic(err)
	}

	serverAddress, err := serversocket.Getsockname()
	if err != nil {
		panic(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		// try:
		//     ...
		// finally:
		defer func() {
			// epoll.unregister(serversocket.fileno())
			epoll.Unregister(serversocket.Fileno())
			// epoll.close()
			epoll.Close()
			// serversocket.close()
			serversocket.Close()
		}()

		// connections = {}; requests = {}; responses = {}
		connections := map[int]*socket.Socket{}
		requests := map[int][]byte{}
		responses := map[int][]byte{}
		// while True:   (added: until the one client has been served)
		for served := false; !served; {
			// events = epoll.poll(1)
			events, err := epoll.Poll(1)
			if err != nil {
				panic(err)
			}
			// for fileno, event in events:
			for _, ev := range events {
				fileno, event := ev.Fd, ev.Events
				switch {
				// if fileno == serversocket.fileno():
				case fileno == serversocket.Fileno():
					// connection, address = serversocket.accept()
					connection, _, err := serversocket.Accept()
					if err != nil {
						panic(err)
					}
					// connection.setblocking(0)
					if err := connection.SetBlocking(false); err != nil {
						panic(err)
					}
					// epoll.register(connection.fileno(), select.EPOLLIN)
					if err := epoll.Register(connection.Fileno(), pyselect.EPOLLIN); err != nil {
						panic(err)
					}
					// connections[connection.fileno()] = connection
					connections[connection.Fileno()] = connection
					// requests[connection.fileno()] = b''
					requests[connection.Fileno()] = []byte{}
					// responses[connection.fileno()] = response
					responses[connection.Fileno()] = response
				// elif event & select.EPOLLIN:
				case event&pyselect.EPOLLIN != 0:
					// requests[fileno] += connections[fileno].recv(1024)
					data, err := connections[fileno].Recv(1024)
					if err != nil {
						panic(err)
					}
					requests[fileno] = append(requests[fileno], data...)
					// if EOL1 in requests[fileno] or EOL2 in requests[fileno]:
					if bytes.Contains(requests[fileno], eol1) || bytes.Contains(requests[fileno], eol2) {
						// epoll.modify(fileno, select.EPOLLOUT)
						if err := epoll.Modify(fileno, pyselect.EPOLLOUT); err != nil {
							panic(err)
						}
						// print('-'*40 + '\n' + requests[fileno].decode()[:-2])
						fmt.Println(strings.Repeat("-", 40) + "\n" + string(requests[fileno][:len(requests[fileno])-2]))
					}
				// elif event & select.EPOLLOUT:
				case event&pyselect.EPOLLOUT != 0:
					// byteswritten = connections[fileno].send(responses[fileno])
					byteswritten, err := connections[fileno].Send(responses[fileno])
					if err != nil {
						panic(err)
					}
					// responses[fileno] = responses[fileno][byteswritten:]
					responses[fileno] = responses[fileno][byteswritten:]
					// if len(responses[fileno]) == 0:
					if len(responses[fileno]) == 0 {
						// epoll.modify(fileno, 0)
						if err := epoll.Modify(fileno, 0); err != nil {
							panic(err)
						}
						// connections[fileno].shutdown(socket.SHUT_RDWR)
						if err := connections[fileno].Shutdown(socket.SHUT_RDWR); err != nil {
							panic(err)
						}
					}
				// elif event & select.EPOLLHUP:
				case event&pyselect.EPOLLHUP != 0:
					// epoll.unregister(fileno)
					if err := epoll.Unregister(fileno); err != nil {
						panic(err)
					}
					// connections[fileno].close()
					if err := connections[fileno].Close(); err != nil {
						panic(err)
					}
					// del connections[fileno]
					delete(connections, fileno)
					served = true
				}
			}
		}
	}()

	// The client: one request, then print the response, read to its end.
	client, err := socket.CreateConnection(serverAddress.(socket.AddrInet))
	if err != nil {
		panic(err)
	}
	if err := client.Sendall([]byte("GET / HTTP/1.0\nHost: example\n\n")); err != nil {
		panic(err)
	}
	var body []byte
	for {
		data, err := client.Recv(1024)
		if err != nil {
			panic(err)
		}
		if len(data) == 0 {
			break
		}
		body = append(body, data...)
	}
	client.Close()
	<-done
	fmt.Println(strings.Repeat("=", 40))
	fmt.Println(strings.ReplaceAll(string(body), "\r\n", "\n"))

	// Output:
	// ----------------------------------------
	// GET / HTTP/1.0
	// Host: example
	// ========================================
	// HTTP/1.0 200 OK
	// Date: Mon, 1 Jan 1996 01:01:01 GMT
	// Content-Type: text/plain
	// Content-Length: 13
	//
	// Hello, world!
}
