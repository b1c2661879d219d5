// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package pyselect_test

// A Python event loop over select.kqueue,
// ported line by line. The Python original:
//
//	import select
//	import socket
//
//	EVENT_READ = 1 << 0
//	EVENT_WRITE = 1 << 1
//
//	class KqueueSelector:
//	    """Watch fds for EVENT_READ/EVENT_WRITE with one kqueue."""
//
//	    def __init__(self):
//	        self._kq = select.kqueue()
//	        self._fds = {}                      # fd -> (events, callback)
//
//	    def _control(self, fd, events, flags):
//	        changes = []
//	        if events & EVENT_READ:
//	            changes.append(select.kevent(fd, select.KQ_FILTER_READ, flags))
//	        if events & EVENT_WRITE:
//	            changes.append(select.kevent(fd, select.KQ_FILTER_WRITE, flags))
//	        self._kq.control(changes, 0, 0)
//
//	    def register(self, fd, events, callback):
//	        self._control(fd, events, select.KQ_EV_ADD)
//	        self._fds[fd] = (events, callback)
//
//	    def unregister(self, fd):
//	        events, _ = self._fds.pop(fd)
//	        try:
//	            self._control(fd, events, select.KQ_EV_DELETE)
//	        except OSError as exc:
//	            if exc.errno != errno.EBADF:    # (2) NameError: errno never imported
//	                raise                       # (the fd was closed first: kqueue already dropped it)
//
//	    def modify(self, fileobj, events, callback):
//	        self.unregister(fileobj.fileno())
//	        self.register(fileobj, events, callback)  # (3) a file object, not its fd: stored
//	                                                  # under the object, never found by ident
//
//	    def select(self, timeout=None):
//	        ready = []
//	        for kev in self._kq.control(None, max(len(self._fds), 1), timeout):
//	            events, callback = self._fds[kev.ident]
//	            if kev.filter == select.KQ_FILTER_READ:
//	                mask = EVENT_READ
//	            else:
//	                mask = EVENT_WRITE
//	            ready.append((callback, mode))  # (1) NameError: `mode` is undefined
//	        return ready
//
//	    def close(self):
//	        self._kq.close()
//
//	class EventLoop:
//	    def __init__(self):
//	        self.selector = KqueueSelector()
//	        self._running = False
//
//	    def stop(self):
//	        self._running = False
//
//	    def run(self):
//	        self._running = True
//	        while self._running:
//	            for callback, mask in self.selector.select():
//	                callback(mask)
//	        self.selector.close()
//
//	# An echo: the server end reads "ping", then waits to write "pong".
//	client, server = socket.socketpair()
//	loop = EventLoop()
//
//	def on_server(mask):
//	    if mask & EVENT_READ:
//	        print("server got", server.recv(100).decode())
//	        loop.selector.modify(server, EVENT_WRITE, on_server)
//	    else:
//	        server.send(b"pong")
//	        print("server sent pong")
//	        loop.selector.unregister(server.fileno())
//
//	def on_client(mask):
//	    print("client got", client.recv(100).decode())
//	    loop.selector.unregister(client.fileno())
//	    loop.stop()
//
//	loop.selector.register(server.fileno(), EVENT_READ, on_server)
//	loop.selector.register(client.fileno(), EVENT_READ, on_client)
//	client.send(b"ping")
//	loop.run()
//
// The three bugs, and how the port fixes each:
//
//  1. select() appends the undefined name `mode`; the port appends mask,
//     the value just computed (Go would not compile the slip).
//  2. unregister() uses errno without importing it; the port asks
//     errors.Is(err, unix.EBADF), which holds for pyselect's OSError.
//  3. modify() passes the file object on to register(), which keys its
//     map by it, so select() never finds it by kev.ident and fails with
//     KeyError; the port's Modify takes the fd, as Register does, and the
//     caller passes server's fd.

import (
	"errors"
	"fmt"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/sys/pyselect"
	"github.com/pyselect/pyselect/sys/socket"
)

const (
	eventRead  = 1 << 0 // EVENT_READ
	eventWrite = 1 << 1 // EVENT_WRITE
)

// A KqueueSelector watches fds for eventRead/eventWrite with one kqueue.
type KqueueSelector struct {
	kq  *pyselect.Kqueue
	fds map[int]selectorKey // fd -> (events, callback)
}

type selectorKey struct {
	events   int
	callback func(mask int)
}

type readyCallback struct {
	callback func(mask int)
	mask     int
}

func NewKqueueSelector() (*KqueueSelector, error) {
	kq, err := pyselect.NewKqueue()
	if err != nil {
		return nil, err
	}
	return &KqueueSelector{kq: kq, fds: map[int]selectorKey{}}, nil
}

func (s *KqueueSelector) control(fd, events int, flags int64) error {
	var changes []pyselect.Kevent
	if events&eventRead != 0 {
		kev, err := pyselect.NewKevent(fd, pyselect.KQ_FILTER_READ, flags)
		if err != nil {
			return err
		}
		changes = append(changes, kev)
	}
	if events&eventWrite != 0 {
		kev, err := pyselect.NewKevent(fd, pyselect.KQ_FILTER_WRITE, flags)
		if err != nil {
			return err
		}
		changes = append(changes, kev)
	}
	_, err := s.kq.Control(changes, 0, 0)
	return err
}

func (s *KqueueSelector) Register(fd, events int, callback func(mask int)) error {
	if err := s.control(fd, events, pyselect.KQ_EV_ADD); err != nil {
		return err
	}
	s.fds[fd] = selectorKey{events, callback}
	return nil
}

func (s *KqueueSelector) Unregister(fd int) error {
	key, ok := s.fds[fd]
	if !ok {
		return fmt.Errorf("KeyError: %d", fd)
	}
	delete(s.fds, fd)
	err := s.control(fd, key.events, pyselect.KQ_EV_DELETE)
	if err != nil && !errors.Is(err, unix.EBADF) { // fix (2)
		return err
	}
	return nil
}

func (s *KqueueSelector) Modify(fd, events int, callback func(mask int)) error { // fix (3): the fd
	if err := s.Unregister(fd); err != nil {
		return err
	}
	return s.Register(fd, events, callback)
}

func (s *KqueueSelector) Select(timeout any) ([]readyCallback, error) {
	var ready []readyCallback
	kevs, err := s.kq.Control(nil, max(len(s.fds), 1), timeout)
	if err != nil {
		return nil, err
	}
	for _, kev := range kevs {
		key := s.fds[int(kev.Ident)]
		mask := eventWrite
		if kev.Filter == pyselect.KQ_FILTER_READ {
			mask = eventRead
		}
		ready = append(ready, readyCallback{key.callback, mask}) // fix (1): mask
	}
	return ready, nil
}

func (s *KqueueSelector) Close() error { return s.kq.Close() }

// An EventLoop runs the callbacks of the fds its selector reports ready.
type EventLoop struct {
	selector *KqueueSelector
	running  bool
}

func NewEventLoop() (*EventLoop, error) {
	sel, err := NewKqueueSelector()
	if err != nil {
		return nil, err
	}
	return &EventLoop{selector: sel}, nil
}

func (l *EventLoop) Stop() { l.running = false }

func (l *EventLoop) Run() error {
	defer l.selector.Close()
	l.running = true
	for l.running {
		ready, err := l.selector.Select(nil)
		if err != nil {
			return err
		}
		for _, r := range ready {
			r.callback(r.mask)
		}
	}
	return nil
}

// ExampleKqueue_eventLoop is an echo over a socket pair, driven by a
// kqueue event loop: the server end reads "ping", then waits until it may
// write "pong", which the client end reads. Each Go statement sits under
// the Python line it ports.
func ExampleKqueue_eventLoop() {
	// client, server = socket.socketpair()
	client, server, err := socket.Socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer client.Close()
	defer server.Close()
	// loop = EventLoop()
	loop, err := NewEventLoop()
	if err != nil {
		fmt.Println(err)
		return
	}

	// def on_server(mask):
	var onServer func(mask int)
	onServer = func(mask int) {
		// if mask & EVENT_READ:
		if mask&eventRead != 0 {
			// print("server got", server.recv(100).decode())
			data, err := server.Recv(100)
			kqCheck(err)
			fmt.Println("server got", string(data))
			// loop.selector.modify(server, EVENT_WRITE, on_server)
			kqCheck(loop.selector.Modify(server.Fileno(), eventWrite, onServer))
		} else {
			// server.send(b"pong")
			_, err := server.Send([]byte("pong"))
			kqCheck(err)
			// print("server sent pong")
			fmt.Println("server sent pong")
			// loop.selector.unregister(server.fileno())
			kqCheck(loop.selector.Unregister(server.Fileno()))
		}
	}
	// def on_client(mask):
	onClient := func(mask int) {
		// print("client got", client.recv(100).decode())
		data, err := client.Recv(100)
		kqCheck(err)
		fmt.Println("client got", string(data))
		// loop.selector.unregister(client.fileno())
		kqCheck(loop.selector.Unregister(client.Fileno()))
		// loop.stop()
		loop.Stop()
	}

	// loop.selector.register(server.fileno(), EVENT_READ, on_server)
	kqCheck(loop.selector.Register(server.Fileno(), eventRead, onServer))
	// loop.selector.register(client.fileno(), EVENT_READ, on_client)
	kqCheck(loop.selector.Register(client.Fileno(), eventRead, onClient))
	// client.send(b"ping")
	_, err = client.Send([]byte("ping"))
	kqCheck(err)
	// loop.run()
	kqCheck(loop.Run())
	// Output:
	// server got ping
	// server sent pong
	// client got pong
}

func kqCheck(err error) {
	if err != nil {
		fmt.Println(err)
	}
}
