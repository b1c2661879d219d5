// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

// Command eventloop is main.py ported line by line: an event loop with
// interchangeable epoll and poll back ends behind pyselect.Poller. Each
// comment is the Python statement the Go statement below it ports.
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

// POLL_IN = select.POLLIN; POLL_OUT = select.POLLOUT; POLL_HUP = select.POLLHUP
//
//lint:ignore ST1003 Python's names
const POLL_IN, POLL_OUT, POLL_HUP = pyselect.POLLIN, pyselect.POLLOUT, pyselect.POLLHUP

type handler func(f *socket.Socket, event pyselect.Mask) error

type entry struct {
	f       *socket.Socket
	handler handler
}

// class EventLoop:
type EventLoop struct {
	impl  pyselect.Poller
	unit  int
	fdmap map[int]entry
}

// def __init__(self, backend):
func NewEventLoop(backend string) (*EventLoop, error) {
	el := &EventLoop{}
	var err error
	// if backend == 'epoll' and hasattr(select, 'epoll'):
	if backend == "epoll" && pyselect.HasEpoll {
		// self._impl = select.epoll()
		el.impl, err = pyselect.NewPoller()
		// self._unit = 1
		el.unit = 1
	} else {
		// self._impl = select.poll()
		el.impl = pyselect.NewPoll().Poller()
		// self._unit = 1000
		el.unit = 1000
	}
	// self._fdmap = {}
	el.fdmap = map[int]entry{}
	return el, err
}

// def add(self, f, mode, handler):
func (el *EventLoop) add(f *socket.Socket, mode pyselect.Mask, h handler) error {
	// fd = f.fileno()
	fd := f.Fileno()
	// self._fdmap[fd] = (f, handler)
	el.fdmap[fd] = entry{f, h}
	// self._impl.register(fd, mode)
	return el.impl.Register(fd, mode)
}

// def remove(self, f):
func (el *EventLoop) remove(f *socket.Socket) error {
	// fd = f.fileno()
	fd := f.Fileno()
	// del self._fdmap[fd]
	if err := builtins.Del(el.fdmap, fd); err != nil {
		return err
	}
	// self._impl.unregister(fd)
	return el.impl.Unregister(fd)
}

// def modify(self, f, mode):
func (el *EventLoop) modify(f *socket.Socket, mode pyselect.Mask) error {
	// self._impl.modify(f.fileno(), mode)
	return el.impl.Modify(f.Fileno(), mode)
}

// def run(self, until):
func (el *EventLoop) run(until func() bool) error {
	// while not until():
	for !until() {
		// for fd, event in self._impl.poll(1 * self._unit):
		events, err := el.impl.Poll(1 * el.unit)
		if err != nil {
			return err
		}
		for _, ev := range events {
			fd, event := ev.Fd, ev.Events
			// f, handler = self._fdmap[fd]
			e := el.fdmap[fd]
			// handler(f, event)
			if err := e.handler(e.f, event); err != nil {
				return err
			}
		}
	}
	return nil
}

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
	// loop = EventLoop(sys.argv[2])
	loop, err := NewEventLoop(args[2])
	if err != nil {
		return err
	}
	// pending = {}
	pending := map[*socket.Socket][]byte{}
	// served = [0]
	served := 0

	// def on_conn(conn, event):
	onConn := func(conn *socket.Socket, event pyselect.Mask) error {
		// if event & POLL_IN:
		if event&POLL_IN != 0 {
			// data = conn.recv(1024)
			data, err := conn.Recv(1024)
			if err != nil {
				return err
			}
			// if not data:
			if len(data) == 0 {
				// loop.remove(conn)
				if err := loop.remove(conn); err != nil {
					return err
				}
				// conn.close()
				if err := conn.Close(); err != nil {
					return err
				}
				// try: loop.remove(conn) except KeyError as e: print('closing, then KeyError', e, flush=True)
				if err := loop.remove(conn); builtins.Except(err, builtins.KeyError) {
					fmt.Fprintln(stdout, "closing, then KeyError", builtins.Str(err))
				}
				// served[0] += 1
				served++
				// return
				return nil
			}
			// print('received', data.decode(), flush=True)
			fmt.Fprintln(stdout, "received", string(data))
			// pending[conn] = data.upper()
			pending[conn] = []byte(strings.ToUpper(string(data)))
			// loop.modify(conn, POLL_OUT)
			return loop.modify(conn, POLL_OUT)
			// elif event & POLL_OUT:
		} else if event&POLL_OUT != 0 {
			// conn.send(pending.pop(conn))
			msg, err := builtins.Pop(pending, conn)
			if err != nil {
				return err
			}
			if _, err := conn.Send(msg); err != nil {
				return err
			}
			// loop.modify(conn, POLL_IN)
			return loop.modify(conn, POLL_IN)
		}
		return nil
	}

	// def on_accept(server, event):
	onAccept := func(server *socket.Socket, event pyselect.Mask) error {
		// conn, addr = server.accept()
		conn, _, err := server.Accept()
		if err != nil {
			return err
		}
		// conn.setblocking(False)
		if err := conn.SetBlocking(false); err != nil {
			return err
		}
		// print('connection', flush=True)
		fmt.Fprintln(stdout, "connection")
		// loop.add(conn, POLL_IN, on_conn)
		return loop.add(conn, POLL_IN, onConn)
	}

	// server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
	server, err := socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0)
	if err != nil {
		return err
	}
	defer server.Close()
	// server.bind(('127.0.0.1', 0))
	if err := server.Bind(socket.Inet("127.0.0.1", 0)); err != nil {
		return err
	}
	// server.listen(5)
	if err := server.Listen(5); err != nil {
		return err
	}
	// server.setblocking(False)
	if err := server.SetBlocking(false); err != nil {
		return err
	}
	// print(server.getsockname()[1], flush=True)
	addr, err := server.Getsockname()
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, addr.(socket.AddrInet).Port)

	// loop.add(server, POLL_IN, on_accept)
	if err := loop.add(server, POLL_IN, onAccept); err != nil {
		return err
	}
	// loop.run(lambda: served[0] >= int(sys.argv[1]))
	if err := loop.run(func() bool { return served >= n }); err != nil {
		return err
	}
	// print('done', flush=True)
	fmt.Fprintln(stdout, "done")
	return nil
}
