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
	"os"
	"slices"
	"strconv"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
	"github.com/pyselect/pyselect/sys/socket"
)

// LIMIT = 65536
const LIMIT = 65536

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

	// conns = []
	conns := []*socket.Socket{}
	// peer = {}
	peer := map[*socket.Socket]*socket.Socket{}
	// pending = {}
	pending := map[*socket.Socket][]byte{}
	// name = {}
	name := map[*socket.Socket]int{}
	// relayed = {}
	relayed := map[*socket.Socket]int{}
	// eof = set(); shut = set(); paused = set()
	eof, shut, paused := map[*socket.Socket]bool{}, map[*socket.Socket]bool{}, map[*socket.Socket]bool{}
	// waiting = None
	var waiting *socket.Socket
	// pairs = 0
	pairs := 0

	// def close_pair(s):
	closePair := func(s *socket.Socket) error {
		// for x in (s, peer[s]):
		for _, x := range []*socket.Socket{s, peer[s]} {
			// print('close', name[x], 'relayed', relayed[x], flush=True)
			fmt.Fprintln(stdout, "close", name[x], "relayed", relayed[x])
			// conns.remove(x)
			conns = slices.DeleteFunc(conns, func(c *socket.Socket) bool { return c == x })
			// del peer[x]
			delete(peer, x)
			// x.close()
			if err := x.Close(); err != nil {
				return err
			}
		}
		return nil
	}

	// while pairs < int(sys.argv[1]) or conns:
	for pairs < npairs || len(conns) > 0 {
		// rlist = [server] + [s for s in conns if s not in eof and len(pending[peer[s]]) < LIMIT]
		rlist := []*socket.Socket{server}
		for _, s := range conns {
			if !eof[s] && len(pending[peer[s]]) < LIMIT {
				rlist = append(rlist, s)
			}
		}
		// wlist = [s for s in conns if pending[s]]
		wlist := []*socket.Socket{}
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
		for _, s := range readable {
			// if s is server:
			if s == server {
				// conn, addr = server.accept()
				conn, _, err := server.Accept()
				if err != nil {
					return err
				}
				// conn.setblocking(False)
				if err := conn.SetBlocking(false); err != nil {
					return err
				}
				// conn.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
				if err := conn.Setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096); err != nil {
					return err
				}
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
				for _, x := range []*socket.Socket{waiting, conn} {
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
			} else if peer[s] != nil {
				// try: data = s.recv(16384)
				data, err := s.Recv(16384)
				// except ConnectionResetError as e:
				if builtins.Except(err, builtins.ConnectionResetError) {
					// print('reset', name[s], e, flush=True)
					fmt.Fprintln(stdout, "reset", name[s], builtins.Str(err))
					// close_pair(s)
					if err := closePair(s); err != nil {
						return err
					}
					// continue
					continue
				} else if err != nil {
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
		for _, s := range writable {
			// if s not in peer: continue
			if peer[s] == nil {
				continue
			}
			// try: sent = s.send(pending[s])
			sent, err := s.Send(pending[s])
			// except (ConnectionResetError, BrokenPipeError) as e:
			if builtins.Except(err, builtins.ConnectionResetError, builtins.BrokenPipeError) {
				// print('send', name[s], type(e).__name__, flush=True)
				fmt.Fprintln(stdout, "send", name[s], builtins.ExceptionOf(err))
				// close_pair(s)
				if err := closePair(s); err != nil {
					return err
				}
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
				if err := s.Shutdown(socket.SHUT_WR); err != nil {
					return err
				}
				// shut.add(s)
				shut[s] = true
			}
			// if s in peer and s in shut and peer[s] in shut:
			if peer[s] != nil && shut[s] && shut[peer[s]] {
				// close_pair(s)
				if err := closePair(s); err != nil {
					return err
				}
			}
		}
	}
	// server.close()
	if err := server.Close(); err != nil {
		return err
	}
	// print('done', flush=True)
	fmt.Fprintln(stdout, "done")
	return nil
}
