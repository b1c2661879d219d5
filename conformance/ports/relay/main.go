// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

// Command relay is main.py ported line by line: a select-based TCP relay
// with write lists, partial sends and back-pressure. Each comment is the
// Python statement the Go statement below it ports.
package main

import (
	"fmt"
	"io"
	"net"
	"os"
	"slices"
	"strconv"
	"syscall"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// LIMIT = 65536
const LIMIT = 65536

// send is Python's sent = sock.send(data) on a non-blocking socket: one
// write(2) that never waits, whose count may be short. conn.Write is not
// it: Go's Write writes every byte, parking the goroutine until the peer
// has read enough, which stops a select loop (README.md, "Sockets after
// readiness").
func send(conn net.Conn, data []byte) (int, error) {
	rc, err := conn.(syscall.Conn).SyscallConn()
	if err != nil {
		return 0, err
	}
	n, werr := 0, error(nil)
	if err := rc.Write(func(fd uintptr) bool { n, werr = syscall.Write(int(fd), data); return true }); err != nil {
		return 0, err
	}
	return max(n, 0), werr
}

func main() {
	if err := run(os.Args, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	npairs, err := strconv.Atoi(args[1])
	if err != nil {
		return err
	}
	// server = socket.socket(...); server.bind(('127.0.0.1', 0)); server.listen(5); server.setblocking(False)
	server, err := net.ListenTCP("tcp4", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		return err
	}
	// print(server.getsockname()[1], flush=True)
	fmt.Fprintln(stdout, server.Addr().(*net.TCPAddr).Port)

	// conns = []
	conns := []net.Conn{}
	// peer = {}
	peer := map[net.Conn]net.Conn{}
	// pending = {}
	pending := map[net.Conn][]byte{}
	// name = {}
	name := map[net.Conn]int{}
	// relayed = {}
	relayed := map[net.Conn]int{}
	// eof = set(); shut = set(); paused = set()
	eof, shut, paused := map[net.Conn]bool{}, map[net.Conn]bool{}, map[net.Conn]bool{}
	// waiting = None
	var waiting net.Conn
	// pairs = 0
	pairs := 0

	// def close_pair(s):
	closePair := func(s net.Conn) {
		// for x in (s, peer[s]):
		for _, x := range []net.Conn{s, peer[s]} {
			// print('close', name[x], 'relayed', relayed[x], flush=True)
			fmt.Fprintln(stdout, "close", name[x], "relayed", relayed[x])
			// conns.remove(x)
			conns = slices.DeleteFunc(conns, func(c net.Conn) bool { return c == x })
			// del peer[x]
			delete(peer, x)
			// x.close()
			x.Close()
		}
	}

	// while pairs < int(sys.argv[1]) or conns:
	for pairs < npairs || len(conns) > 0 {
		// rlist = [server] + [s for s in conns if s not in eof and len(pending[peer[s]]) < LIMIT]
		rlist := []any{server}
		for _, s := range conns {
			if !eof[s] && len(pending[peer[s]]) < LIMIT {
				rlist = append(rlist, s)
			}
		}
		// wlist = [s for s in conns if pending[s]]
		wlist := []any{}
		for _, s := range conns {
			if len(pending[s]) > 0 {
				wlist = append(wlist, s)
			}
		}
		// readable, writable, _ = select.select(rlist, wlist, [], 5.0)
		readable, writable, _, err := pyselect.Select(rlist, wlist, nil, 5.0)
		if err != nil {
			return err
		}
		// for s in readable:
		for _, r := range readable {
			// if s is server:
			if r == any(server) {
				// conn, addr = server.accept()
				conn, err := server.AcceptTCP()
				if err != nil {
					return err
				}
				// conn.setblocking(False): Go's sockets are non-blocking underneath
				// conn.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
				conn.SetWriteBuffer(4096)
				// name[conn] = len(name) + 1
				name[conn] = len(name) + 1
				// print('connection', name[conn], flush=True)
				fmt.Fprintln(stdout, "connection", name[conn])
				// if waiting is None:
				if waiting == nil {
					// waiting = conn
					waiting = conn
					// continue
					continue
				}
				// peer[waiting], peer[conn] = conn, waiting
				peer[waiting], peer[conn] = conn, waiting
				// for x in (waiting, conn):
				for _, x := range []net.Conn{waiting, conn} {
					// conns.append(x)
					conns = append(conns, x)
					// pending[x] = b''
					pending[x] = []byte{}
					// relayed[x] = 0
					relayed[x] = 0
				}
				// print('pair', name[waiting], name[conn], flush=True)
				fmt.Fprintln(stdout, "pair", name[waiting], name[conn])
				// waiting = None
				waiting = nil
				// pairs += 1
				pairs++
				// elif s in peer:
			} else if s := r.(net.Conn); peer[s] != nil {
				// try: data = s.recv(16384)
				buf := make([]byte, 16384)
				n, err := s.Read(buf)
				data := buf[:n]
				// except ConnectionResetError as e:
				if builtins.Except(err, builtins.ConnectionResetError) {
					// print('reset', name[s], e, flush=True)
					fmt.Fprintln(stdout, "reset", name[s], builtins.Str(err))
					// close_pair(s)
					closePair(s)
					// continue
					continue
				} else if err != nil && err != io.EOF {
					return err
				}
				// if not data:
				if len(data) == 0 {
					// print('eof', name[s], flush=True)
					fmt.Fprintln(stdout, "eof", name[s])
					// eof.add(s)
					eof[s] = true
					// continue
					continue
				}
				// pending[peer[s]] += data
				pending[peer[s]] = append(pending[peer[s]], data...)
				// relayed[s] += len(data)
				relayed[s] += len(data)
				// if len(pending[peer[s]]) >= LIMIT and s not in paused:
				if len(pending[peer[s]]) >= LIMIT && !paused[s] {
					// print('paused', name[s], flush=True)
					fmt.Fprintln(stdout, "paused", name[s])
					// paused.add(s)
					paused[s] = true
				}
			}
		}
		// for s in writable:
		for _, w := range writable {
			s := w.(net.Conn)
			// if s not in peer: continue
			if peer[s] == nil {
				continue
			}
			// try: sent = s.send(pending[s])
			sent, err := send(s, pending[s])
			// except (ConnectionResetError, BrokenPipeError) as e:
			if builtins.Except(err, builtins.ConnectionResetError, builtins.BrokenPipeError) {
				// print('send', name[s], type(e).__name__, flush=True)
				fmt.Fprintln(stdout, "send", name[s], builtins.ExceptionOf(err))
				// close_pair(s)
				closePair(s)
				// continue
				continue
			} else if err != nil {
				return err
			}
			// pending[s] = pending[s][sent:]
			pending[s] = pending[s][sent:]
		}
		// for s in list(conns):
		for _, s := range slices.Clone(conns) {
			// if s in peer and peer[s] in eof and not pending[s] and s not in shut:
			if peer[s] != nil && eof[peer[s]] && len(pending[s]) == 0 && !shut[s] {
				// print('shutdown', name[s], flush=True)
				fmt.Fprintln(stdout, "shutdown", name[s])
				// s.shutdown(socket.SHUT_WR)
				s.(*net.TCPConn).CloseWrite()
				// shut.add(s)
				shut[s] = true
			}
			// if s in peer and s in shut and peer[s] in shut:
			if peer[s] != nil && shut[s] && shut[peer[s]] {
				// close_pair(s)
				closePair(s)
			}
		}
	}
	// server.close()
	server.Close()
	// print('done', flush=True)
	fmt.Fprintln(stdout, "done")
	return nil
}
