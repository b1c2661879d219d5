// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux

// Command epollecho is the Python epoll echo server,
// conformance/bench/python/epoll_echo.py, ported line by line to Go on
// pyselect: each block is headed by the Python line it ports. It is the
// server measured against the performance targets (BENCHMARKS.md).
//
// Usage: epollecho [port] [-cpuprofile file]
//
// With -cpuprofile it writes a CPU profile from start to SIGTERM (see
// package prof), the profile BENCHMARKS.md shows.
package main

import (
	"fmt"

	"github.com/pyselect/pyselect/conformance/bench/prof"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
	"github.com/pyselect/pyselect/sys/socket"
)

func main() { prof.Main("epollecho", serve) }

func serve(args []string) error {
	// port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
	port, err := prof.Port(args)
	if err != nil {
		return err
	}
	// serversocket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
	serversocket, err := socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0)
	if err != nil {
		return err
	}
	// serversocket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
	if err := serversocket.Setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); err != nil {
		return err
	}
	// serversocket.bind(('127.0.0.1', port))
	if err := serversocket.Bind(socket.Inet("127.0.0.1", port)); err != nil {
		return err
	}
	// serversocket.listen(1024)
	if err := serversocket.Listen(1024); err != nil {
		return err
	}
	// serversocket.setblocking(0)
	if err := serversocket.SetBlocking(false); err != nil {
		return err
	}
	// print(serversocket.getsockname()[1], flush=True)
	name, err := serversocket.Getsockname()
	if err != nil {
		return err
	}
	fmt.Println(name.(socket.AddrInet).Port)

	// epoll = select.epoll()
	epoll, err := pyselect.NewEpoll(-1, 0)
	if err != nil {
		return err
	}
	// epoll.register(serversocket.fileno(), select.EPOLLIN)
	if err := epoll.Register(serversocket.Fileno(), pyselect.EPOLLIN); err != nil {
		return err
	}

	// try: ... finally:
	//     epoll.unregister(serversocket.fileno())
	//     epoll.close()
	//     serversocket.close()
	defer func() {
		epoll.Unregister(serversocket.Fileno())
		epoll.Close()
		serversocket.Close()
	}()

	// connections = {}; requests = {}; responses = {}
	connections := map[int]*socket.Socket{}
	requests := map[int][]byte{}
	responses := map[int][]byte{}
	// while True:
	for {
		// events = epoll.poll(1)
		events, err := epoll.Poll(1, -1)
		if err != nil {
			return err
		}
		// for fileno, event in events:
		for _, e := range events {
			fileno, event := e.Fd, e.Events
			switch {
			// if fileno == serversocket.fileno():
			case fileno == serversocket.Fileno():
				// connection, address = serversocket.accept()
				connection, _, err := serversocket.Accept()
				if err != nil {
					return err
				}
				// connection.setblocking(0)
				if err := connection.SetBlocking(false); err != nil {
					return err
				}
				// epoll.register(connection.fileno(), select.EPOLLIN)
				if err := epoll.Register(connection.Fileno(), pyselect.EPOLLIN); err != nil {
					return err
				}
				// connections[connection.fileno()] = connection
				// requests[connection.fileno()] = b''
				// responses[connection.fileno()] = b''
				connections[connection.Fileno()] = connection
				requests[connection.Fileno()] = nil
				responses[connection.Fileno()] = nil

			// elif event & select.EPOLLIN:
			case event&pyselect.EPOLLIN != 0:
				// try:
				//     requests[fileno] = connections[fileno].recv(4096)
				// except ConnectionError:
				//     requests[fileno] = b''
				requests[fileno], err = connections[fileno].Recv(4096)
				if builtins.Except(err, builtins.ConnectionError) {
					requests[fileno] = nil
				} else if err != nil {
					return err
				}
				// if requests[fileno]:
				if len(requests[fileno]) != 0 {
					// responses[fileno] += requests[fileno]
					responses[fileno] = append(responses[fileno], requests[fileno]...)
					// byteswritten = connections[fileno].send(responses[fileno])
					byteswritten, err := connections[fileno].Send(responses[fileno])
					if err != nil {
						return err
					}
					// responses[fileno] = responses[fileno][byteswritten:]
					responses[fileno] = consume(responses[fileno], byteswritten)
					// if len(responses[fileno]) != 0:
					//     epoll.modify(fileno, select.EPOLLOUT)
					if len(responses[fileno]) != 0 {
						if err := epoll.Modify(fileno, pyselect.EPOLLOUT); err != nil {
							return err
						}
					}
				} else {
					// else:
					//     epoll.unregister(fileno)
					//     connections[fileno].close()
					//     del connections[fileno], requests[fileno], responses[fileno]
					if err := hangUp(epoll, fileno, connections, requests, responses); err != nil {
						return err
					}
				}

			// elif event & select.EPOLLOUT:
			case event&pyselect.EPOLLOUT != 0:
				// byteswritten = connections[fileno].send(responses[fileno])
				byteswritten, err := connections[fileno].Send(responses[fileno])
				if err != nil {
					return err
				}
				// responses[fileno] = responses[fileno][byteswritten:]
				responses[fileno] = consume(responses[fileno], byteswritten)
				// if len(responses[fileno]) == 0:
				//     epoll.modify(fileno, select.EPOLLIN)
				if len(responses[fileno]) == 0 {
					if err := epoll.Modify(fileno, pyselect.EPOLLIN); err != nil {
						return err
					}
				}

			// elif event & select.EPOLLHUP:
			case event&pyselect.EPOLLHUP != 0:
				// epoll.unregister(fileno)
				// connections[fileno].close()
				// del connections[fileno], requests[fileno], responses[fileno]
				if err := hangUp(epoll, fileno, connections, requests, responses); err != nil {
					return err
				}
			}
		}
	}
}

// hangUp is the Python server's goodbye to a connection, written twice
// there:
//
//	epoll.unregister(fileno)
//	connections[fileno].close()
//	del connections[fileno], requests[fileno], responses[fileno]
func hangUp(epoll *pyselect.Epoll, fileno int, connections map[int]*socket.Socket, requests, responses map[int][]byte) error {
	if err := epoll.Unregister(fileno); err != nil {
		return err
	}
	connections[fileno].Close()
	delete(connections, fileno)
	delete(requests, fileno)
	delete(responses, fileno)
	return nil
}

// consume is b[n:], Python's responses[fileno][byteswritten:], except that
// an emptied buffer keeps its array for the next response (Python makes a
// new bytes object either way; Go need not allocate per request).
func consume(b []byte, n int) []byte {
	if n == len(b) {
		return b[:0]
	}
	return b[n:]
}
