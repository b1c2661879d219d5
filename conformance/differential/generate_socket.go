// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package differential

// The socket steps of difffuzz. No step may block, so the generator
// tracks what the kernel will answer: a socket is never left in blocking
// mode (each one made or accepted is put in non-blocking mode or a short
// timeout at once); connect goes in a long timeout to an open listener
// whose backlog has room (loopback completes it at once), or to a closed
// one (refused at once); accept succeeds only where a connection is
// pending, and the accepted socket is named only then. Data are a few
// bytes, so no buffer fills and no send waits.

// socketState is what the generator knows of one socket object.
type socketState struct {
	listener bool
	open     bool
	pending  int      // connections a listener has not accepted yet
	waiting  []string // a listener's clients not accepted yet, in order
	peer     string   // a connection's other end, once accepted
}

const genBacklog = 5

var (
	sockMake = func(name string) Step {
		return Step{Op: "socket", Family: "AF_INET", Type: "SOCK_STREAM", As: name}
	}
	inetAny = map[string]any{"inet": []any{"127.0.0.1", num(0)}}
)

// sockMode puts s in non-blocking mode or a short timeout.
func (g *gen) sockMode(s string) *Step {
	switch g.rng.IntN(3) {
	case 0:
		return &Step{Op: "socket.setblocking", On: s, Args: []any{map[string]any{"bool": false}}}
	case 1:
		return &Step{Op: "socket.settimeout", On: s, Args: []any{num(0)}}
	}
	return &Step{Op: "socket.settimeout", On: s, Args: []any{num(0.01)}}
}

func (g *gen) openListeners() []string {
	var out []string
	for _, s := range g.sockets {
		if st := g.sock[s]; st.listener && st.open {
			out = append(out, s)
		}
	}
	return out
}

// socketStep is a new listener, a new connection, an accept, or a method
// call on a socket (open or closed).
func (g *gen) socketStep() *Step {
	ls := g.openListeners()
	switch k := g.rng.IntN(12); {
	case len(ls) == 0 || k == 0:
		l := g.name("ls")
		g.add(ptr(sockMake(l)))
		g.add(&Step{Op: "socket.bind", On: l, Args: []any{inetAny}})
		g.add(&Step{Op: "socket.listen", On: l, Args: []any{num(genBacklog)}})
		g.sockets = append(g.sockets, l)
		g.sock[l] = &socketState{listener: true, open: true}
		if g.rng.IntN(2) == 0 {
			return g.sockMode(l)
		}
		g.add(g.sockMode(l))
		return g.connect(l) // and a connection to it
	case k < 3:
		// A client: connect to a listener, open with room, or closed
		// (refused).
		var to []string
		for _, l := range g.sockets {
			if st := g.sock[l]; st.listener && (!st.open || st.pending < genBacklog) {
				to = append(to, l)
			}
		}
		if len(to) == 0 {
			return g.accept(pick(g.rng, ls)) // every backlog is full
		}
		return g.connect(pick(g.rng, to))
	case k < 5:
		return g.accept(pick(g.rng, g.sockets))
	}
	// Mostly a connection's end: a listener answers few calls.
	var conns []string
	for _, s := range g.sockets {
		if !g.sock[s].listener {
			conns = append(conns, s)
		}
	}
	if len(conns) > 0 && g.rng.IntN(4) != 0 {
		return g.socketMethod(pick(g.rng, conns))
	}
	return g.socketMethod(pick(g.rng, g.sockets))
}

// connect is a new client connecting to l, and, half the time where l
// listens, l's accept of it.
func (g *gen) connect(l string) *Step {
	c := g.name("c")
	g.add(ptr(sockMake(c)))
	g.add(&Step{Op: "socket.settimeout", On: c, Args: []any{num(1)}})
	op := pick(g.rng, []string{"socket.connect", "socket.connect_ex"})
	g.add(&Step{Op: op, On: c, Args: []any{map[string]any{"addr": l}}})
	g.sockets = append(g.sockets, c)
	g.sock[c] = &socketState{open: true}
	if !g.sock[l].open {
		return g.sockMode(c)
	}
	g.sock[l].pending++
	g.sock[l].waiting = append(g.sock[l].waiting, c)
	if g.rng.IntN(2) == 0 {
		return g.sockMode(c)
	}
	g.add(g.sockMode(c))
	return g.accept(l) // the other end, at once
}

// accept is l.accept(): named, and put in a non-blocking mode, only
// where it succeeds.
func (g *gen) accept(l string) *Step {
	st := g.sock[l]
	if !st.listener || !st.open || st.pending == 0 {
		// Fails (BlockingIOError, TimeoutError, EBADF, EINVAL): no name.
		return &Step{Op: "socket.accept", On: l, As: g.name("x")}
	}
	st.pending--
	c := st.waiting[0]
	st.waiting = st.waiting[1:]
	a := g.name("a")
	g.add(&Step{Op: "socket.accept", On: l, As: a})
	g.sockets = append(g.sockets, a)
	g.sock[a] = &socketState{open: true, peer: c}
	g.sock[c].peer = a
	return g.sockMode(a) // accept's socket is blocking
}

func ptr(s Step) *Step { return &s }

func (g *gen) socketMethod(s string) *Step {
	st := g.sock[s]
	data := func() any {
		return map[string]any{"bytes": pick(g.rng, []string{"x", "ab", "hello"})}
	}
	switch g.rng.IntN(16) {
	case 0, 1:
		args := []any{num(1 + g.rng.IntN(8))}
		if g.rng.IntN(4) == 0 {
			args = append(args, pick(g.rng, []any{"MSG_PEEK", num(0), "MSG_DONTWAIT", num(-1)}))
		}
		if g.rng.IntN(12) == 0 {
			args[0] = pick(g.rng, []any{num(0), num(-1), num(65536)})
		}
		return &Step{Op: "socket.recv", On: s, Args: args}
	case 2:
		args := []any{num(1 + g.rng.IntN(8))}
		if g.rng.IntN(3) == 0 {
			args = append(args, pick(g.rng, []any{num(0), num(2), num(-1), num(100)}))
		}
		return &Step{Op: "socket.recv_into", On: s, Args: args}
	case 3, 4:
		if st.peer != "" && g.rng.IntN(2) == 0 {
			// Data that the other end then reads.
			g.add(&Step{Op: "socket.send", On: s, Args: []any{data()}})
			op := pick(g.rng, []string{"socket.recv", "socket.recv_into"})
			return &Step{Op: op, On: st.peer, Args: []any{num(1 + g.rng.IntN(8))}}
		}
		return &Step{Op: "socket.send", On: s, Args: []any{data()}}
	case 5:
		return &Step{Op: "socket.sendall", On: s, Args: []any{data()}}
	case 6:
		how := pick(g.rng, []any{"SHUT_RD", "SHUT_WR", "SHUT_RDWR", num(7), num(-1)})
		if st.listener && (how == "SHUT_RD" || how == "SHUT_RDWR") {
			// Linux's inet_shutdown disconnects a listener that is shut
			// down for reading: its pending connections go, and later
			// ones are refused.
			st.open = false
			st.pending, st.waiting = 0, nil
		}
		return &Step{Op: "socket.shutdown", On: s, Args: []any{how}}
	case 7:
		if g.rng.IntN(3) == 0 {
			// Close with a reset.
			g.add(&Step{Op: "socket.setsockopt", On: s, Args: []any{"SOL_SOCKET", "SO_LINGER", map[string]any{"linger": []any{num(1), num(0)}}}})
		}
		st.open = false
		st.pending, st.waiting = 0, nil
		return &Step{Op: "socket.close", On: s}
	case 8:
		// Never a blocking mode: the next call could wait forever.
		if g.rng.IntN(3) == 0 {
			return &Step{Op: "socket.settimeout", On: s, Args: []any{pick(g.rng, []any{num(-1), fl("nan"), fl("-0.5"),
				map[string]any{"str": "1"}, fl("inf"), num("1e300")})}}
		}
		return g.sockMode(s)
	case 9:
		return &Step{Op: pick(g.rng, []string{"socket.gettimeout", "socket.getblocking", "socket.fileno"}), On: s}
	case 10:
		opt := pick(g.rng, []any{"SO_ERROR", "SO_TYPE", "SO_REUSEADDR", "SO_ACCEPTCONN", "SO_KEEPALIVE", num(12345)})
		return &Step{Op: "socket.getsockopt", On: s, Args: []any{"SOL_SOCKET", opt}}
	case 11:
		if g.rng.IntN(2) == 0 {
			return &Step{Op: "socket.getsockopt", On: s, Args: []any{"IPPROTO_TCP", "TCP_NODELAY"}}
		}
		return &Step{Op: "socket.setsockopt", On: s, Args: []any{"SOL_SOCKET",
			pick(g.rng, []any{"SO_REUSEADDR", "SO_KEEPALIVE"}), pick(g.rng, []any{num(0), num(1), map[string]any{"bool": true}})}}
	case 12:
		if g.rng.IntN(4) == 0 {
			st.open = false
			st.pending, st.waiting = 0, nil
			return &Step{Op: "socket.detach", On: s}
		}
		if len(g.sockets) > 1 {
			// connect_ex on a connected or closed socket, to a listener.
			var ls []string
			for _, l := range g.sockets {
				if g.sock[l].listener && !g.sock[l].open {
					ls = append(ls, l)
				}
			}
			if len(ls) > 0 && !st.listener {
				return &Step{Op: "socket.connect_ex", On: s, Args: []any{map[string]any{"addr": pick(g.rng, ls)}}}
			}
		}
	}
	// A socket as a file object for select, poll or a selector.
	return nil
}
