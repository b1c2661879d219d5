// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux

// Command selectecho is the Python select echo server,
// conformance/bench/python/select_echo.py, ported line by line to Go on
// pyselect: each block is headed by the Python line it ports. The lists
// hold *socket.Socket values, which pyselect.Select takes as Python's
// select.select takes socket objects (they have a Fileno method).
//
// Usage: selectecho [port] [-cpuprofile file]
package main

import (
	"fmt"
	"slices"

	"github.com/pyselect/pyselect/conformance/bench/prof"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
	"github.com/pyselect/pyselect/sys/socket"
)

func main() { prof.Main("selectecho", serve) }

func serve(args []string) error {
	// port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
	port, err := prof.Port(args)
	if err != nil {
		return err
	}
	// server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
	server, err := socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0)
	if err != nil {
		return err
	}
	// server.setblocking(0)
	if err := server.SetBlocking(false); err != nil {
		return err
	}
	// server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
	if err := server.Setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); err != nil {
		return err
	}
	// server.bind(('127.0.0.1', port))
	if err := server.Bind(socket.Inet("127.0.0.1", port)); err != nil {
		return err
	}
	// server.listen(1024)
	if err := server.Listen(1024); err != nil {
		return err
	}
	// print(server.getsockname()[1], flush=True)
	name, err := server.Getsockname()
	if err != nil {
		return err
	}
	fmt.Println(name.(socket.AddrInet).Port)

	// inputs = [server]
	// outputs = []
	// message_queues = {}
	inputs := []*socket.Socket{server}
	var outputs []*socket.Socket
	messageQueues := map[*socket.Socket][][]byte{}

	// closeConn is the Python server's goodbye, written twice there:
	//     if s in outputs:
	//         outputs.remove(s)
	//     inputs.remove(s)
	//     s.close()
	//     del message_queues[s]
	closeConn := func(s *socket.Socket) {
		if i := slices.Index(outputs, s); i >= 0 {
			outputs = slices.Delete(outputs, i, i+1)
		}
		inputs = slices.Delete(inputs, slices.Index(inputs, s), slices.Index(inputs, s)+1)
		s.Close()
		delete(messageQueues, s)
	}

	// while inputs:
	for len(inputs) > 0 {
		// readable, writable, exceptional = select.select(inputs, outputs, inputs)
		readable, writable, exceptional, err := pyselect.Select(inputs, outputs, inputs, nil)
		if err != nil {
			return err
		}
		// for s in readable:
		for _, s := range readable {
			// if s is server:
			if s == server {
				// connection, client_address = s.accept()
				connection, _, err := s.Accept()
				if err != nil {
					return err
				}
				// connection.setblocking(0)
				if err := connection.SetBlocking(false); err != nil {
					return err
				}
				// inputs.append(connection)
				inputs = append(inputs, connection)
				// message_queues[connection] = queue.Queue()
				messageQueues[connection] = nil
				continue
			}
			// try:
			//     data = s.recv(4096)
			// except ConnectionError:
			//     data = b''
			data, err := s.Recv(4096)
			if builtins.Except(err, builtins.ConnectionError) {
				data = nil
			} else if err != nil {
				return err
			}
			// if data:
			if len(data) > 0 {
				// message_queues[s].put(data)
				messageQueues[s] = append(messageQueues[s], data)
				// if s not in outputs:
				//     outputs.append(s)
				if !slices.Contains(outputs, s) {
					outputs = append(outputs, s)
				}
			} else {
				// else: (the goodbye)
				closeConn(s)
			}
		}
		// for s in writable:
		for _, s := range writable {
			// if s not in message_queues:
			//     continue
			q, ok := messageQueues[s]
			if !ok {
				continue
			}
			// try:
			//     next_msg = message_queues[s].get_nowait()
			// except queue.Empty:
			//     outputs.remove(s)
			// else:
			//     s.send(next_msg)
			if len(q) == 0 {
				outputs = slices.Delete(outputs, slices.Index(outputs, s), slices.Index(outputs, s)+1)
				continue
			}
			nextMsg := q[0]
			messageQueues[s] = q[1:]
			if _, err := s.Send(nextMsg); err != nil {
				return err
			}
		}
		// for s in exceptional:
		for _, s := range exceptional {
			// if s not in message_queues:
			//     continue
			if _, ok := messageQueues[s]; !ok {
				continue
			}
			// inputs.remove(s) ... (the goodbye)
			closeConn(s)
		}
	}
	return nil
}
