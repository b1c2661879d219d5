// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

// Command serveforever is main.py ported line by line: a TCP server in the
// shape of socketserver.BaseServer (CPython 3.11 Lib/socketserver.py),
// whose serve_forever registers the server object itself with a selector
// and polls a shutdown flag that shutdown() sets from another thread. Each
// comment is the Python statement the Go statement below it ports.
package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/selectors"
	"github.com/pyselect/pyselect/sys/socket"
)

// _ServerSelector is the selector class, chosen in init.
var _ServerSelector func() (selectors.BaseSelector[any], error) //lint:ignore ST1003 Python's name

func init() {
	// if hasattr(selectors, 'PollSelector'):
	if selectors.Hasattr("PollSelector") {
		// _ServerSelector = selectors.PollSelector
		_ServerSelector = selectors.NewPollSelector[any]
	} else {
		// _ServerSelector = selectors.SelectSelector
		_ServerSelector = selectors.NewSelectSelector[any]
	}
}

// sysStdout is sys.stdout, where print writes.
var sysStdout io.Writer = os.Stdout

// class UpperServer:
type UpperServer struct {
	socket          *socket.Socket
	isShutDown      *Event
	shutdownRequest atomic.Bool // set by shutdown() in another goroutine
	handled         int
}

// def __init__(self, server_address):
func NewUpperServer(serverAddress socket.Address) (*UpperServer, error) {
	s := &UpperServer{}
	var err error
	// self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
	if s.socket, err = socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0); err != nil {
		return nil, err
	}
	// self.socket.bind(server_address)
	if err := s.socket.Bind(serverAddress); err != nil {
		return nil, err
	}
	// self.socket.listen(5)
	if err := s.socket.Listen(5); err != nil {
		return nil, err
	}
	// self.__is_shut_down = threading.Event()
	s.isShutDown = NewEvent()
	// self.__shutdown_request = False
	s.shutdownRequest.Store(false)
	// self.handled = 0
	s.handled = 0
	return s, nil
}

// def fileno(self):
func (s *UpperServer) Fileno() int {
	// return self.socket.fileno()
	return s.socket.Fileno()
}

// def serve_forever(self, poll_interval=0.5):
func (s *UpperServer) serveForever(pollInterval float64) error {
	// self.__is_shut_down.clear()
	s.isShutDown.Clear()
	// try: ... finally: self.__shutdown_request = False; self.__is_shut_down.set()
	defer func() { s.shutdownRequest.Store(false); s.isShutDown.Set() }()
	// with _ServerSelector() as selector:
	selector, err := _ServerSelector()
	if err != nil {
		return err
	}
	defer selector.Close()
	// selector.register(self, selectors.EVENT_READ)
	if _, err := selector.Register(s, selectors.EVENT_READ); err != nil {
		return err
	}
	// while not self.__shutdown_request:
	for !s.shutdownRequest.Load() {
		// ready = selector.select(poll_interval)
		ready, err := selector.Select(pollInterval)
		if err != nil {
			return err
		}
		// if self.__shutdown_request:
		if s.shutdownRequest.Load() {
			// break
			break
		}
		// if ready:
		if len(ready) > 0 {
			// self._handle_request_noblock()
			if err := s.handleRequestNoblock(); err != nil {
				return err
			}
		}
	}
	return nil
}

// def shutdown(self):
func (s *UpperServer) shutdown() {
	// self.__shutdown_request = True
	s.shutdownRequest.Store(true)
	// self.__is_shut_down.wait()
	s.isShutDown.Wait()
}

// def _handle_request_noblock(self):
func (s *UpperServer) handleRequestNoblock() error {
	// try: request, client_address = self.socket.accept()
	request, _, err := s.socket.Accept()
	// except OSError: return
	if builtins.Except(err, builtins.OSError) {
		return nil
	} else if err != nil {
		return err
	}
	// try: ... finally: request.close()
	defer request.Close()
	// self.handle(request)
	err = s.handle(request)
	// except (ConnectionResetError, BrokenPipeError) as e:
	if builtins.Except(err, builtins.ConnectionResetError, builtins.BrokenPipeError) {
		// print('handle:', type(e).__name__, flush=True)
		fmt.Fprintln(sysStdout, "handle:", builtins.ExceptionOf(err))
		return nil
	}
	return err
}

// def handle(self, request):
func (s *UpperServer) handle(request *socket.Socket) error {
	// data = request.recv(1024)
	data, err := request.Recv(1024)
	if err != nil {
		return err
	}
	// self.handled += 1
	s.handled++
	// print('request', self.handled, data.decode(), flush=True)
	fmt.Fprintln(sysStdout, "request", s.handled, string(data))
	// if data == b'shutdown':
	if string(data) == "shutdown" {
		// threading.Thread(target=self.shutdown).start()
		go s.shutdown()
	}
	// request.sendall(data.upper())
	return request.Sendall(bytes.ToUpper(data))
}

// def server_close(self):
func (s *UpperServer) serverClose() error {
	// self.socket.close()
	return s.socket.Close()
}

// Event is threading.Event: a flag that Wait waits for.
type Event struct {
	mu  sync.Mutex
	set chan struct{}
}

// NewEvent is threading.Event(): a clear event.
func NewEvent() *Event { return &Event{set: make(chan struct{})} }

// Set is set(): wake every Wait.
func (e *Event) Set() {
	e.mu.Lock()
	defer e.mu.Unlock()
	select {
	case <-e.set:
	default:
		close(e.set)
	}
}

// Clear is clear(): Wait waits again.
func (e *Event) Clear() {
	e.mu.Lock()
	defer e.mu.Unlock()
	select {
	case <-e.set:
		e.set = make(chan struct{})
	default:
	}
}

// Wait is wait(): return once the event is set.
func (e *Event) Wait() {
	e.mu.Lock()
	set := e.set
	e.mu.Unlock()
	<-set
}

func main() {
	if err := run(os.Args, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(args []string, w io.Writer) error {
	sysStdout = w
	// server = UpperServer(('127.0.0.1', 0))
	server, err := NewUpperServer(socket.Inet("127.0.0.1", 0))
	if err != nil {
		return err
	}
	// print(server.socket.getsockname()[1], flush=True)
	addr, err := server.socket.Getsockname()
	if err != nil {
		return err
	}
	fmt.Fprintln(sysStdout, addr.(socket.AddrInet).Port)
	// server.serve_forever(poll_interval=0.05)
	if err := server.serveForever(0.05); err != nil {
		return err
	}
	// print('stopped after', server.handled, flush=True)
	fmt.Fprintln(sysStdout, "stopped after", server.handled)
	// server.serve_forever(poll_interval=0.05)
	if err := server.serveForever(0.05); err != nil {
		return err
	}
	// print('stopped after', server.handled, flush=True)
	fmt.Fprintln(sysStdout, "stopped after", server.handled)
	// server.server_close()
	if err := server.serverClose(); err != nil {
		return err
	}
	// print('fileno after close', server.fileno(), flush=True)
	fmt.Fprintln(sysStdout, "fileno after close", server.Fileno())
	// print('done', flush=True)
	fmt.Fprintln(sysStdout, "done")
	return nil
}
