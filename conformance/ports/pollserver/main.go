// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

// Command pollserver is main.py ported line by line: a poll-based echo
// server in the shape of the classic tutorial servers. Each comment is
// the Python statement the Go statement below it ports.
package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
	"github.com/pyselect/pyselect/sys/socket"
)

func main() {
	if err := run(os.Args, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	n, err := strconv.Atoi(args[1])
	if err != nil {
		return err
	}
	// server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
	server, err := socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0)
	if err != nil {
		return err
	}
	defer server.Close()
	// server.setblocking(0)
	if err := server.SetBlocking(false); err != nil {
		return err
	}
	// server.bind(('127.0.0.1', 0))
	if err := server.Bind(socket.Inet("127.0.0.1", 0)); err != nil {
		return err
	}
	// server.listen(5)
	if err := server.Listen(5); err != nil {
		return err
	}
	// print(server.getsockname()[1], flush=True)
	addr, err := server.Getsockname()
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, addr.(socket.AddrInet).Port)

	// message_queues = {}
	messageQueues := map[*socket.Socket][][]byte{}
	// TIMEOUT = 1000
	TIMEOUT := 1000
	// READ_ONLY = select.POLLIN | select.POLLPRI | select.POLLHUP | select.POLLERR
	READ_ONLY := pyselect.POLLIN | pyselect.POLLPRI | pyselect.POLLHUP | pyselect.POLLERR //lint:ignore ST1003 Python's name
	// READ_WRITE = READ_ONLY | select.POLLOUT
	READ_WRITE := READ_ONLY | pyselect.POLLOUT //lint:ignore ST1003 Python's name

	// poller = select.poll()
	poller := pyselect.NewPoll()
	// poller.register(server, READ_ONLY)
	if err := poller.Register(server, READ_ONLY); err != nil {
		return err
	}
	// fd_to_socket = {server.fileno(): server}
	fdToSocket := map[int]*socket.Socket{server.Fileno(): server}
	// served = 0
	served := 0

	// while served < int(sys.argv[1]):
	for served < n {
		// events = poller.poll(TIMEOUT)
		events, err := poller.Poll(TIMEOUT)
		if err != nil {
			return err
		}
		// for fd, flag in events:
		for _, ev := range events {
			fd, flag := ev.Fd, ev.Events
			// s = fd_to_socket[fd]
			s := fdToSocket[fd]
			switch {
			// if flag & (select.POLLIN | select.POLLPRI):
			case flag&(pyselect.POLLIN|pyselect.POLLPRI) != 0:
				// if s is server:
				if s == server {
					// connection, client_address = s.accept()
					connection, _, err := s.Accept()
					if err != nil {
						return err
					}
					// print('connection', flush=True)
					fmt.Fprintln(stdout, "connection")
					// connection.setblocking(0)
					if err := connection.SetBlocking(false); err != nil {
						return err
					}
					// fd_to_socket[connection.fileno()] = connection
					fdToSocket[connection.Fileno()] = connection
					// poller.register(connection, READ_ONLY)
					if err := poller.Register(connection, READ_ONLY); err != nil {
						return err
					}
					// message_queues[connection] = queue.Queue()
					messageQueues[connection] = [][]byte{}
				} else {
					// try: data = s.recv(1024)
					data, err := s.Recv(1024)
					// except ConnectionResetError as e: print('reset', e, flush=True); data = b''
					if builtins.Except(err, builtins.ConnectionResetError) {
						fmt.Fprintln(stdout, "reset", builtins.Str(err))
					} else if err != nil {
						return err
					}
					// if data:
					if len(data) > 0 {
						// print('received', data.decode(), flush=True)
						fmt.Fprintln(stdout, "received", string(data))
						// message_queues[s].put(data)
						messageQueues[s] = append(messageQueues[s], data)
						// poller.modify(s, READ_WRITE)
						if err := poller.Modify(s, READ_WRITE); err != nil {
							return err
						}
					} else {
						// print('closing', flush=True)
						fmt.Fprintln(stdout, "closing")
						// poller.unregister(s)
						if err := poller.Unregister(s); err != nil {
							return err
						}
						// del fd_to_socket[s.fileno()]
						if err := builtins.Del(fdToSocket, s.Fileno()); err != nil {
							return err
						}
						// s.close()
						s.Close()
						// del message_queues[s]
						if err := builtins.Del(messageQueues, s); err != nil {
							return err
						}
						// served += 1
						served++
					}
				}
			// elif flag & select.POLLHUP:
			case flag&pyselect.POLLHUP != 0:
				// print('hangup', flush=True); poller.unregister(s); s.close()
				fmt.Fprintln(stdout, "hangup")
				poller.Unregister(s)
				s.Close()
			// elif flag & select.POLLOUT:
			case flag&pyselect.POLLOUT != 0:
				// try: next_msg = message_queues[s].get_nowait()
				// except queue.Empty: poller.modify(s, READ_ONLY)
				if len(messageQueues[s]) == 0 {
					if err := poller.Modify(s, READ_ONLY); err != nil {
						return err
					}
				} else {
					nextMsg := messageQueues[s][0]
					messageQueues[s] = messageQueues[s][1:]
					// s.send(next_msg.upper())
					if _, err := s.Send([]byte(strings.ToUpper(string(nextMsg)))); err != nil {
						return err
					}
				}
			// elif flag & select.POLLERR:
			case flag&pyselect.POLLERR != 0:
				// print('error', flush=True); poller.unregister(s); s.close(); del message_queues[s]
				fmt.Fprintln(stdout, "error")
				poller.Unregister(s)
				s.Close()
				delete(messageQueues, s)
			}
		}
	}
	// print('done', flush=True)
	fmt.Fprintln(stdout, "done")
	return nil
}
