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
// bytes, so no buffer fills and no send waits. Datagram sockets are bound
// to the loopback at once (an unbound one's first sendto would bind it to
// 0.0.0.0, an address the receiver sees under another name), and AF_UNIX
// streams come from socketpair().

// socketState is what the generator knows of one socket object.
type socketState struct {
	listener bool
	open     bool
	pending  int      // connections a listener has not accepted yet
	waiting  []string // a listener's clients not accepted yet, in order
	peer     string   // a connection's other end, once accepted
	dgram    bool     // a UDP socket
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
	switch k := g.rng.IntN(15); {
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
	case k < 7:
		return g.dgram()
	case k == 7:
		return g.unixPair()
	}
	// Mostly a connection's end: a listener answers few calls.
	var conns []string
	for _, s := range g.sockets {
		if !g.sock[s].listener {
			conns = append(conns, s)
		}
	}
	var dgrams []string
	for _, s := range g.sockets {
		if g.sock[s].dgram {
			dgrams = append(dgrams, s)
		}
	}
	s := pick(g.rng, g.sockets)
	switch {
	case len(dgrams) > 0 && g.rng.IntN(2) == 0:
		s = pick(g.rng, dgrams)
	case len(conns) > 0 && g.rng.IntN(4) != 0:
		s = pick(g.rng, conns)
	}
	if g.sock[s].dgram && g.rng.IntN(4) != 0 {
		return g.dgramMethod(s)
	}
	return g.socketMethod(s)
}

// dgram is a new UDP socket bound to the loopback, in a non-blocking mode.
func (g *gen) dgram() *Step {
	u := g.name("u")
	g.add(&Step{Op: "socket", Family: "AF_INET", Type: "SOCK_DGRAM", As: u})
	g.add(&Step{Op: "socket.bind", On: u, Args: []any{inetAny}})
	g.sockets = append(g.sockets, u)
	g.sock[u] = &socketState{open: true, dgram: true}
	return g.sockMode(u)
}

// unixPair is socket.socketpair(): two connected AF_UNIX streams, each put
// in a non-blocking mode.
func (g *gen) unixPair() *Step {
	p, q := g.name("p"), g.name("q")
	g.add(&Step{Op: "socket.socketpair", Args: []any{"AF_UNIX", "SOCK_STREAM"}, As: []any{p, q}})
	g.sockets = append(g.sockets, p, q)
	g.sock[p] = &socketState{open: true, peer: q}
	g.sock[q] = &socketState{open: true, peer: p}
	g.add(g.sockMode(p))
	return g.sockMode(q)
}

// dgramMethod is a datagram call on u: sendto another UDP socket (open or
// closed: a datagram to a closed port is dropped, as nothing connected
// waits for its ICMP error), recvfrom, connect to an open one, or an
// address.
func (g *gen) dgramMethod(u string) *Step {
	var to []string
	for _, s := range g.sockets {
		if g.sock[s].dgram {
			to = append(to, s)
		}
	}
	data := map[string]any{"bytes": pick(g.rng, []string{"x", "ab", "hello"})}
	switch g.rng.IntN(6) {
	case 0, 1:
		t := pick(g.rng, to)
		if g.sock[t].open && g.rng.IntN(2) == 0 {
			g.add(&Step{Op: "socket.sendto", On: u, Args: []any{data, map[string]any{"addr": t}}})
			return &Step{Op: "socket.recvfrom", On: t, Args: []any{num(1 + g.rng.IntN(8))}}
		}
		return &Step{Op: "socket.sendto", On: u, Args: []any{data, map[string]any{"addr": t}}}
	case 2:
		args := []any{num(1 + g.rng.IntN(8))}
		if g.rng.IntN(4) == 0 {
			args = append(args, pick(g.rng, []any{"MSG_PEEK", num(0), num(-1)}))
		}
		return &Step{Op: "socket.recvfrom", On: u, Args: args}
	case 3:
		var open []string
		for _, t := range to {
			if g.sock[t].open {
				open = append(open, t)
			}
		}
		if len(open) > 0 && g.rng.IntN(3) == 0 {
			// Connected for good: a peer closed later would send back
			// ICMP errors whose arrival is the kernel's timing.
			t := pick(g.rng, open)
			g.sock[u].peer = t
			return &Step{Op: "socket.connect", On: u, Args: []any{map[string]any{"addr": t}}}
		}
		return &Step{Op: "socket.getsockname", On: u}
	case 4:
		return &Step{Op: "socket.getpeername", On: u}
	}
	// To port 0 (EINVAL), or to itself. (An address of another type,
	// Python's TypeError, is no socket.Address in Go.)
	return &Step{Op: "socket.sendto", On: u, Args: []any{data, pick(g.rng, []any{inetAny, map[string]any{"addr": u}})}}
}

// connect is a new client connecting to l, and, half the time where l
// listens, l's accept of it.
func (g *gen) connect(l string) *Step {
	c := g.name("c")
	switch op := pick(g.rng, []string{"socket.connect", "socket.connect_ex", "socket.create_connection"}); op {
	case "socket.create_connection":
		if !g.sock[l].open {
			return &Step{Op: op, Args: []any{map[string]any{"addr": l}, num(1)}, As: c} // refused
		}
		g.add(&Step{Op: op, Args: []any{map[string]any{"addr": l}, num(1)}, As: c})
	default:
		g.add(ptr(sockMake(c)))
		g.add(&Step{Op: "socket.settimeout", On: c, Args: []any{num(1)}})
		g.add(&Step{Op: op, On: c, Args: []any{map[string]any{"addr": l}}})
	}
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
	switch g.rng.IntN(17) {
	case 16:
		return &Step{Op: "socket.recvfrom", On: s, Args: []any{num(1 + g.rng.IntN(8))}}
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
		return &Step{Op: pick(g.rng, []string{"socket.gettimeout", "socket.getblocking", "socket.fileno",
			"socket.getsockname", "socket.getpeername"}), On: s}
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
