// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect_test

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"strings"

	"github.com/pyselect/pyselect/sys/pyselect"
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
// client sends one request and prints the response.
func Example_epollServer() {
	// EOL1 = b'\n\n'; EOL2 = b'\n\r\n'
	eol1, eol2 := []byte("\n\n"), []byte("\n\r\n")
	// response = b'HTTP/1.0 200 OK...Hello, world!'
	response := []byte("HTTP/1.0 200 OK\r\nDate: Mon, 1 Jan 1996 01:01:01 GMT\r\n" +
		"Content-Type: text/plain\r\nContent-Length: 13\r\n\r\n" +
		"Hello, world!")

	// serversocket = socket.socket(...); bind; listen(1); setblocking(0)
	serversocket, err := net.ListenTCP("tcp4", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		fmt.Println(err)
		return
	}
	serverFd := pyselect.Fileno(serversocket) // serversocket.fileno()

	// epoll = select.epoll()
	epoll, err := pyselect.NewEpoll(-1, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	// epoll.register(serversocket.fileno(), select.EPOLLIN)
	epoll.Register(serverFd, pyselect.EPOLLIN)

	done := make(chan struct{})
	go func() {
		defer close(done)
		// finally: epoll.unregister(serversocket.fileno()); epoll.close(); serversocket.close()
		defer serversocket.Close()
		defer epoll.Close()
		defer epoll.Unregister(serverFd)

		// connections = {}; requests = {}; responses = {}
		connections := map[int]*net.TCPConn{}
		requests := map[int][]byte{}
		responses := map[int][]byte{}
		// while True:   (added: until the one client has been served)
		for served := false; !served; {
			// events = epoll.poll(1)
			events, err := epoll.Poll(1, -1)
			if err != nil {
				fmt.Println(err)
				return
			}
			// for fileno, event in events:
			for _, ev := range events {
				fileno, event := ev.Fd, ev.Events
				switch {
				// if fileno == serversocket.fileno():
				case fileno == serverFd:
					// connection, address = serversocket.accept()
					connection, err := serversocket.AcceptTCP()
					if err != nil {
						fmt.Println(err)
						return
					}
					fd := pyselect.Fileno(connection)
					// epoll.register(connection.fileno(), select.EPOLLIN)
					epoll.Register(fd, pyselect.EPOLLIN)
					// connections[...] = connection; requests[...] = b''; responses[...] = response
					connections[fd] = connection
					requests[fd] = nil
					responses[fd] = response
				// elif event & select.EPOLLIN:
				case event&pyselect.EPOLLIN != 0:
					// requests[fileno] += connections[fileno].recv(1024)
					buf := make([]byte, 1024)
					n, _ := connections[fileno].Read(buf)
					requests[fileno] = append(requests[fileno], buf[:n]...)
					// if EOL1 in requests[fileno] or EOL2 in requests[fileno]:
					if bytes.Contains(requests[fileno], eol1) || bytes.Contains(requests[fileno], eol2) {
						// epoll.modify(fileno, select.EPOLLOUT)
						epoll.Modify(fileno, pyselect.EPOLLOUT)
						// print('-'*40 + '\n' + requests[fileno].decode()[:-2])
						req := string(requests[fileno])
						fmt.Println(strings.Repeat("-", 40) + "\n" + req[:len(req)-2])
					}
				// elif event & select.EPOLLOUT:
				case event&pyselect.EPOLLOUT != 0:
					// byteswritten = connections[fileno].send(responses[fileno])
					byteswritten, _ := connections[fileno].Write(responses[fileno])
					// responses[fileno] = responses[fileno][byteswritten:]
					responses[fileno] = responses[fileno][byteswritten:]
					// if len(responses[fileno]) == 0:
					if len(responses[fileno]) == 0 {
						// epoll.modify(fileno, 0)
						epoll.Modify(fileno, 0)
						// connections[fileno].shutdown(socket.SHUT_RDWR)
						connections[fileno].CloseWrite()
						connections[fileno].CloseRead()
					}
				// elif event & select.EPOLLHUP:
				case event&pyselect.EPOLLHUP != 0:
					// epoll.unregister(fileno); connections[fileno].close(); del connections[fileno]
					epoll.Unregister(fileno)
					connections[fileno].Close()
					delete(connections, fileno)
					served = true
				}
			}
		}
	}()

	// The client: one request, then print the response.
	client, err := net.Dial("tcp4", serversocket.Addr().String())
	if err != nil {
		fmt.Println(err)
		return
	}
	client.Write([]byte("GET / HTTP/1.0\nHost: example\n\n"))
	body, _ := io.ReadAll(client)
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
