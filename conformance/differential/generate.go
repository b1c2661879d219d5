// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package differential

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// Generate makes a random scenario for difffuzz: resources, I/O and calls
// with valid and invalid arguments, on the APIs this OS has. Every value
// is one Go can express, and no step can block: timeouts are zero, a few
// milliseconds, or invalid (never None or a negative poll/epoll timeout,
// which would wait forever).
func Generate(rng *rand.Rand, name string, apis []string) *Scenario {
	g := &gen{rng: rng, apis: apis, closed: map[string]bool{}, fobjFd: map[string]string{}, reused: map[string]bool{},
		selectClass: map[string]bool{}, sock: map[string]*socketState{}, adopted: map[string]string{}}
	sc := &Scenario{Name: name, API: apis, Doc: "random sequence from make difffuzz", Source: "difffuzz"}
	g.add(g.resource())
	n := 3 + rng.IntN(12)
	if rng.IntN(8) == 0 {
		n = 15 + rng.IntN(30) // a longer history: state that only builds up over many steps
	}
	for len(g.steps) < n {
		g.add(g.step())
	}
	sc.Steps = g.steps
	return sc
}

type gen struct {
	rng         *rand.Rand
	apis        []string
	steps       []Step
	fds         []string // fd resources (open or closed)
	closed      map[string]bool
	socks       []string // stream sockets
	tcps        []string // TCP sockets
	polls       []string
	epolls      []string
	sels        []string          // selectors
	epsels      []string          // the EpollSelectors among them (they have fileno())
	selectClass map[string]bool   // the SelectSelectors among them
	maps        []string          // mappings get_map() returned
	fobjs       []string          // fileobj objects
	fobjFd      map[string]string // fileobj -> its fd resource
	reused      map[string]bool   // closed fds a dup2 has given a new file
	sockets     []string          // socket objects (open or closed), passed as {"obj": s}
	sock        map[string]*socketState
	adopted     map[string]string // epoll.fromfd objects -> the fd resource they took
	n           int
}

func (g *gen) add(st *Step) {
	if st != nil {
		g.steps = append(g.steps, *st)
	}
}

func (g *gen) has(api string) bool {
	for _, a := range g.apis {
		if a == api {
			return true
		}
	}
	return false
}

func (g *gen) name(prefix string) string {
	g.n++
	return fmt.Sprintf("%s%d", prefix, g.n)
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

func (g *gen) resource() *Step {
	switch g.rng.IntN(6) {
	case 0, 1:
		r, w := g.name("r"), g.name("w")
		g.fds = append(g.fds, r, w)
		return &Step{Op: "pipe", As: []any{r, w}}
	case 2:
		a, b := g.name("a"), g.name("b")
		g.fds = append(g.fds, a, b)
		g.socks = append(g.socks, a, b)
		return &Step{Op: "socketpair", As: []any{a, b}}
	case 3:
		a, b := g.name("d"), g.name("e")
		g.fds = append(g.fds, a, b)
		return &Step{Op: "socketpair", As: []any{a, b}, Type: "dgram"}
	case 4:
		c, s := g.name("c"), g.name("s")
		g.fds = append(g.fds, c, s)
		g.socks = append(g.socks, c, s)
		g.tcps = append(g.tcps, c, s)
		return &Step{Op: "tcp", As: []any{c, s}}
	}
	f := g.name("f")
	g.fds = append(g.fds, f)
	return &Step{Op: "file", As: f}
}

func (g *gen) step() *Step {
	n := 23
	if g.has("socket") {
		n = 31
	}
	for {
		switch k := g.rng.IntN(n); {
		case k < 2:
			return g.resource()
		case k < 6:
			if st := g.io(); st != nil {
				return st
			}
		case k < 9:
			if g.has("select") {
				return g.selectStep()
			}
		case k < 14:
			if g.has("poll") {
				return g.pollStep()
			}
		case k < 20:
			if g.has("selectors") {
				return g.selectorStep()
			}
		case k < 23:
			if g.has("epoll") {
				return g.epollStep()
			}
		default:
			if st := g.socketStep(); st != nil {
				return st
			}
		}
	}
}

func str(s string) *string { return &s }

func (g *gen) io() *Step {
	fd := pick(g.rng, g.fds)
	switch g.rng.IntN(10) {
	case 0, 1, 2:
		return &Step{Op: "write", Fd: fd, Data: str(strings.Repeat("x", 1+g.rng.IntN(8)))}
	case 3:
		return &Step{Op: "read", Fd: fd, Size: 1 + g.rng.IntN(8)}
	case 4:
		return &Step{Op: "drain", Fd: fd}
	case 5:
		g.closed[fd] = true
		return &Step{Op: "close", Fd: fd}
	case 6:
		if g.closed[fd] {
			return nil // dup of a closed fd makes no resource
		}
		nfd := g.name("x")
		g.fds = append(g.fds, nfd)
		st := &Step{Op: "dup", Fd: fd, As: nfd}
		if g.rng.IntN(3) == 0 {
			st.Min = pick(g.rng, []int{1023, 1024, 4096}) // at and beyond select's FD_SETSIZE
		}
		return st
	case 7:
		if len(g.socks) > 0 {
			return &Step{Op: "shutdown", Fd: pick(g.rng, g.socks), How: pick(g.rng, []string{"RD", "WR", "RDWR"})}
		}
	case 8:
		if len(g.tcps) > 0 {
			if g.rng.IntN(2) == 0 {
				return &Step{Op: "send_oob", Fd: pick(g.rng, g.tcps), Data: str("!")}
			}
			fd := pick(g.rng, g.tcps)
			g.closed[fd] = true
			return &Step{Op: "reset", Fd: fd}
		}
	case 9:
		// A pipe's write end fills in a few writes; sockets take longer.
		// Not a closed one: its number may be a regular file's now, which
		// never fills (the harness refuses it).
		if strings.HasPrefix(fd, "w") && !g.closed[fd] {
			return &Step{Op: "fill", Fd: fd}
		}
	}
	return g.objIO()
}

// objIO makes or closes a file object, or reuses an fd number (dup2).
func (g *gen) objIO() *Step {
	if !g.has("selectors") {
		return nil
	}
	switch g.rng.IntN(3) {
	case 0:
		fd := pick(g.rng, g.fds)
		if g.closed[fd] {
			return nil
		}
		f := g.name("fo")
		g.fobjs = append(g.fobjs, f)
		g.fobjFd[f] = fd
		return &Step{Op: "fileobj", Fd: fd, As: f, Type: pick(g.rng, []string{"", "socket"})}
	case 1:
		if len(g.fobjs) > 0 {
			f := pick(g.rng, g.fobjs)
			if g.closed[g.fobjFd[f]] {
				return nil // its fd number may be another file's now
			}
			g.closed[g.fobjFd[f]] = true
			return &Step{Op: "fileobj.close", On: f}
		}
	case 2:
		// Only onto a closed number: dup2 over an open one would close
		// a file some other name still stands for.
		src, dst := pick(g.rng, g.fds), pick(g.rng, g.fds)
		if g.closed[src] || !g.closed[dst] || g.reused[dst] {
			return nil
		}
		g.reused[dst] = true
		nfd := g.name("u")
		g.fds = append(g.fds, nfd)
		return &Step{Op: "dup2", Fd: src, Onto: dst, As: nfd}
	}
	return nil
}

func num(v any) json.Number { return json.Number(fmt.Sprint(v)) }

func fl(v string) map[string]any { return map[string]any{"float": v} }

// fdValue is an fd argument: usually a resource, sometimes invalid.
func (g *gen) fdValue(objs ...string) any {
	switch k := g.rng.IntN(20); {
	case k < 12:
		return pick(g.rng, g.fds)
	case k < 14:
		return map[string]any{"fileno": pick(g.rng, g.fds)}
	case k < 16:
		all := append(append(append([]string{}, g.fds...), objs...), g.sockets...)
		return map[string]any{"obj": pick(g.rng, all)}
	}
	switch g.rng.IntN(3) {
	case 0:
		return g.edgeInt(true)
	case 1:
		return map[string]any{"fileno": g.edgeInt(false)}
	}
	return pick(g.rng, []any{
		num(-1), num("2147483648"), num(999), nil, fl("1.5"), map[string]any{"str": "3"},
		map[string]any{"object": true}, map[string]any{"fileno": num(-2)}, map[string]any{"bool": false},
	})
}

// edgeInts are the integers at and beyond the limits of the C types
// CPython converts Python ints to (unsigned short: poll masks; int: fds,
// maxevents, sizehint, milliseconds; unsigned int: epoll masks) and of Go's
// int64. wideInts are the ones only a uint64 holds, which pyselect takes
// where a parameter is an any (fds, timeouts), not where it is an int or a
// Mask.
var (
	edgeInts = []string{"-9223372036854775808", "-4294967296", "-2147483649", "-2147483648", "-65536",
		"-32769", "-32768", "32767", "32768", "65535", "65536", "2147483647", "2147483648",
		"4294967295", "4294967296", "9223372036854775807"}
	wideInts = []string{"9223372036854775808", "18446744073709551615"}
)

// edgeInt is one of edgeInts, or with wide, sometimes one of wideInts.
func (g *gen) edgeInt(wide bool) json.Number {
	if wide && g.rng.IntN(6) == 0 {
		return num(pick(g.rng, wideInts))
	}
	return num(pick(g.rng, edgeInts))
}

// selectItem avoids literal fds that are not open: below FD_SETSIZE the
// kernel's answer for them depends on the process's fd table size.
func (g *gen) selectItem() any {
	if g.rng.IntN(12) == 0 {
		return pick(g.rng, []any{num(-1), num(1024), num("2147483648"), nil, fl("2.0"),
			map[string]any{"str": "x"}, map[string]any{"object": true}, map[string]any{"fileno": num(4096)},
			num(2147483647), num("-2147483649"), num(pick(g.rng, wideInts)),
			map[string]any{"fileno": num("2147483648")}, map[string]any{"fileno": num(-1)}})
	}
	switch g.rng.IntN(4) {
	case 0:
		return map[string]any{"fileno": pick(g.rng, g.fds)}
	case 1:
		all := append(append(append([]string{}, g.fds...), g.epolls...), g.sockets...)
		return map[string]any{"obj": pick(g.rng, all)}
	}
	return pick(g.rng, g.fds)
}

func (g *gen) list(item func() any) []any {
	out := []any{}
	for n := g.rng.IntN(4); len(out) < n; {
		out = append(out, item())
	}
	return out
}

func (g *gen) selectStep() *Step {
	args := []any{g.list(g.selectItem), g.list(g.selectItem), g.list(g.selectItem)}
	if g.rng.IntN(20) == 0 { // FD_SETSIZE entries, or one too many
		n := pick(g.rng, []int{1024, 1025})
		args[g.rng.IntN(3)] = []any{map[string]any{"repeat": []any{pick(g.rng, g.fds), num(n)}}}
	}
	t := g.timeout(
		[]any{num(0), num(0), num(0.001), fl("-0.0"), num(-1), map[string]any{"str": "0"},
			map[string]any{"bool": false}, fl("1e-10"), fl("-1e-10"), fl("-0.5"), fl("5e-324")},
		[]any{nil, map[string]any{"bool": true}, num(86400), fl("1e9"), fl("nan"), fl("inf"), fl("-inf"),
			num("9223372037"), num("1e300"), num("9223372036.854775"), num("9223372036854775807"),
			num("-9223372036854775808"), num(pick(g.rng, wideInts))},
		func() { args[1] = append(args[1].([]any), g.guardPipe()) })
	return &Step{Op: "select", Args: append(args, t)}
}

// timeout is a wait's timeout: mostly one of quick (zero, a millisecond,
// or a value that fails before any wait), else one of slow (None, a
// negative poll timeout, a long one, or one that would wait long if
// pyselect took it where CPython refuses it), after guard has made the
// wait's object something ready, so that the call returns at once.
func (g *gen) timeout(quick, slow []any, guard func()) any {
	if g.rng.IntN(5) != 0 {
		return pick(g.rng, quick)
	}
	guard()
	return pick(g.rng, slow)
}

// guardPipe adds a pipe whose write end, fresh and empty, is ready for
// writing, and returns the write end's name.
func (g *gen) guardPipe() string {
	r, w := g.name("r"), g.name("w")
	g.fds = append(g.fds, r, w)
	g.add(&Step{Op: "pipe", As: []any{r, w}})
	return w
}

func (g *gen) pollMask() any {
	if g.rng.IntN(8) == 0 {
		return pick(g.rng, []any{num(-1), num(65536), num(0), num(65535), g.edgeInt(false)})
	}
	bits := []string{"POLLIN", "POLLPRI", "POLLOUT", "POLLERR", "POLLHUP", "POLLNVAL", "POLLRDHUP", "POLLRDNORM",
		"POLLWRNORM", "POLLRDBAND", "POLLWRBAND", "POLLMSG"}
	return g.mask(bits)
}

func (g *gen) mask(bits []string) string {
	var out []string
	for _, b := range bits {
		if g.rng.IntN(3) == 0 {
			out = append(out, b)
		}
	}
	if len(out) == 0 {
		out = append(out, bits[0])
	}
	return strings.Join(out, "|")
}

func (g *gen) pollStep() *Step {
	if len(g.polls) == 0 || g.rng.IntN(10) == 0 {
		p := g.name("p")
		g.polls = append(g.polls, p)
		return &Step{Op: "poll", As: p}
	}
	p := pick(g.rng, g.polls)
	switch g.rng.IntN(6) {
	case 0, 1:
		args := []any{g.fdValue(g.polls...)}
		if g.rng.IntN(4) != 0 {
			args = append(args, g.pollMask())
		}
		return &Step{Op: "poll.register", On: p, Args: args}
	case 2:
		return &Step{Op: "poll.modify", On: p, Args: []any{g.fdValue(), g.pollMask()}}
	case 3:
		return &Step{Op: "poll.unregister", On: p, Args: []any{g.fdValue()}}
	}
	t := g.timeout(
		[]any{num(0), num(0), num(0), num(1), num(0.5), fl("1e-9"), map[string]any{"str": "x"},
			map[string]any{"bool": false}, fl("5e-324"), fl("-0.0")},
		[]any{nil, num(-1), fl("-0.5"), fl("-1e-10"), num(-2147483648), num(2147483647), num(1000),
			map[string]any{"bool": true}, fl("nan"), num("2147483648"), fl("inf"), fl("-inf"), num("1e13"),
			num("9223372036854775807"), num("-2147483649"), fl("2147483647.5"), num("-9223372036854775808"),
			num(pick(g.rng, wideInts))},
		func() {
			// A fresh regular file: always readable.
			f := g.name("f")
			g.fds = append(g.fds, f)
			g.add(&Step{Op: "file", As: f})
			g.add(&Step{Op: "poll.register", On: p, Args: []any{f, "POLLIN"}})
		})
	return &Step{Op: "poll.poll", On: p, Args: []any{t}}
}

func (g *gen) epollMask() any {
	if g.rng.IntN(8) == 0 {
		return pick(g.rng, []any{num(0), num("4294967295"), num("2147483648"), "EPOLLIN|EPOLLEXCLUSIVE",
			"EPOLLIN|EPOLLEXCLUSIVE|EPOLLONESHOT", "EPOLLEXCLUSIVE|EPOLLET", g.edgeInt(false)})
	}
	bits := []string{"EPOLLIN", "EPOLLOUT", "EPOLLPRI", "EPOLLRDHUP", "EPOLLET", "EPOLLONESHOT", "EPOLLERR", "EPOLLHUP",
		"EPOLLRDNORM", "EPOLLRDBAND", "EPOLLWRNORM", "EPOLLWRBAND", "EPOLLMSG"}
	return g.mask(bits)
}

func (g *gen) epollStep() *Step {
	if len(g.epolls) == 0 || g.rng.IntN(10) == 0 {
		// A failed creation makes no object, so only the valid variants
		// join g.epolls (a step on a missing object is no scenario).
		ep := g.name("ep")
		st := &Step{Op: "epoll", As: ep}
		ok := true
		switch g.rng.IntN(8) {
		case 0:
			arg := pick(g.rng, []any{num(0), num(-2), num(16), num("2147483648"), num(2147483647),
				num("-2147483649"), num(-2147483648), num("9223372036854775807")})
			st.Args, ok = []any{arg}, arg == num(16) || arg == num(2147483647)
			st = g.keywords(st, "sizehint")
		case 1:
			arg := pick(g.rng, []any{num(0), "EPOLL_CLOEXEC", num(1), num(-1), num("2147483648"), num("-2147483649")})
			st.Args, ok = []any{num(-1), arg}, arg == num(0) || arg == "EPOLL_CLOEXEC"
			st = g.keywords(st, "sizehint", "flags")
		case 2:
			// Not fromfd(-5): CPython builds that error from the thread's
			// stale errno (a declared divergence, see
			// fixtures/divergences.json). Not a closed epoll's number
			// either: the libraries' own descriptors take it again, and
			// pyselect makes two where CPython makes one.
			var open []string
			for _, e := range g.epolls {
				if !g.closed[e] {
					open = append(open, e)
				}
			}
			args := []any{num(-1), pick(g.rng, g.fds)}
			if len(open) > 0 {
				args = append(args, pick(g.rng, open))
			}
			arg := pick(g.rng, args)
			if fd, ok := arg.(string); ok {
				g.adopted[ep] = fd // its close closes fd
			}
			st = &Step{Op: "epoll.fromfd", As: ep, Args: []any{arg}}
		}
		if ok {
			g.epolls = append(g.epolls, ep)
		}
		return st
	}
	ep := pick(g.rng, g.epolls)
	switch g.rng.IntN(12) {
	case 0, 1, 2:
		args := []any{g.fdValue(g.epolls...)}
		if g.rng.IntN(4) != 0 {
			args = append(args, g.epollMask())
		}
		return g.keywords(&Step{Op: "epoll.register", On: ep, Args: args}, "fd", "eventmask")
	case 3:
		return g.keywords(&Step{Op: "epoll.modify", On: ep, Args: []any{g.fdValue(), g.epollMask()}}, "fd", "eventmask")
	case 4:
		return g.keywords(&Step{Op: "epoll.unregister", On: ep, Args: []any{g.fdValue()}}, "fd")
	case 5:
		op := pick(g.rng, []string{"epoll.close", "epoll.closed", "epoll.fileno"})
		if op == "epoll.close" {
			g.closed[ep] = true
			if fd, ok := g.adopted[ep]; ok {
				g.closed[fd] = true
			}
		}
		return &Step{Op: op, On: ep}
	}
	t := g.timeout(
		[]any{num(0), num(0), num(0), fl("0.0"), fl("-0.0005"), num(0.001), map[string]any{"bool": false},
			map[string]any{"str": "x"}, fl("1e-10"), fl("5e-324")},
		[]any{nil, num(-1), fl("-0.5"), fl("-1.5"), fl("-1e-10"), fl("nan"), fl("inf"), fl("-inf"),
			num(2147483.648), num(-2147484), num(-2147483.648), num(2147483.647), num(-2147483.649),
			num(2147483.6475), num("1e300"), map[string]any{"bool": true}, num("9223372036854775807"),
			num(pick(g.rng, wideInts))},
		func() {
			gw := g.guardPipe()
			g.add(&Step{Op: "epoll.register", On: ep, Args: []any{gw, "EPOLLOUT"}})
		})
	args := []any{t}
	if g.rng.IntN(3) == 0 {
		args = append(args, pick(g.rng, []any{num(-1), num(1), num(2), num(64), num(0), num(-2), num("2147483648"),
			num(-2147483648), num("-2147483649"), num(178956970), num(178956971), num("9223372036854775807"),
			num("-9223372036854775808")}))
	}
	return g.keywords(&Step{Op: "epoll.poll", On: ep, Args: args, Unordered: true}, "timeout", "maxevents")
}

// keywords passes some of st's trailing arguments by keyword, as Python
// callers may: names are the parameters' names in order.
func (g *gen) keywords(st *Step, names ...string) *Step {
	if g.rng.IntN(4) != 0 {
		return st
	}
	from := g.rng.IntN(len(st.Args) + 1)
	if from == len(st.Args) {
		return st
	}
	st.Kwargs = map[string]any{}
	for i := from; i < len(st.Args); i++ {
		st.Kwargs[names[i]] = st.Args[i]
	}
	st.Args = st.Args[:from]
	return st
}

// Format writes a scenario as the fixtures are written: the header
// fields, then one step per line.
func Format(sc *Scenario) []byte {
	var b strings.Builder
	field := func(k string, v any) {
		j, _ := json.Marshal(v)
		fmt.Fprintf(&b, "  %q: %s,\n", k, j)
	}
	b.WriteString("{\n")
	field("name", sc.Name)
	field("api", sc.API)
	field("doc", sc.Doc)
	field("source", sc.Source)
	if len(sc.OS) > 0 {
		field("os", sc.OS)
	}
	b.WriteString("  \"steps\": [\n")
	for i, st := range sc.Steps {
		j, _ := json.Marshal(st)
		sep := ","
		if i == len(sc.Steps)-1 {
			sep = ""
		}
		fmt.Fprintf(&b, "    %s%s\n", j, sep)
	}
	b.WriteString("  ]\n}\n")
	return []byte(b.String())
}

// selectorStep is a selectors call: a new selector, register, modify,
// unregister, get_key, select (never a timeout that waits long: 0, a
// millisecond, or invalid), get_map and the mapping's methods, close,
// fileno.
func (g *gen) selectorStep() *Step {
	if len(g.sels) == 0 || g.rng.IntN(12) == 0 {
		classes := []string{"SelectSelector", "PollSelector", "DefaultSelector"}
		if g.has("epoll") {
			classes = append(classes, "EpollSelector", "EpollSelector")
		}
		class := pick(g.rng, classes)
		s := g.name("sel")
		g.sels = append(g.sels, s)
		if class == "EpollSelector" {
			g.epsels = append(g.epsels, s)
		}
		g.selectClass[s] = class == "SelectSelector"
		return &Step{Op: "selector", Type: class, As: s}
	}
	s := pick(g.rng, g.sels)
	switch g.rng.IntN(16) {
	case 0, 1, 2, 3:
		args := g.selectorArgs(true)
		if n, ok := args[0].(json.Number); ok && g.selectClass[s] && slices.Contains(wideInts, string(n)) {
			// CPython's SelectSelector keeps a key no SelectorKey can hold
			// (a declared divergence, see fixtures/divergences.json).
			args[0] = num(-1)
		}
		return g.keywords(&Step{Op: "selector.register", On: s, Args: args}, "fileobj", "events", "data")
	case 4, 5:
		return g.keywords(&Step{Op: "selector.modify", On: s, Args: g.selectorArgs(true)}, "fileobj", "events", "data")
	case 6:
		return g.keywords(&Step{Op: "selector.unregister", On: s, Args: g.selectorArgs(false)}, "fileobj")
	case 7:
		return g.keywords(&Step{Op: "selector.get_key", On: s, Args: g.selectorArgs(false)}, "fileobj")
	case 8:
		if g.closed[s] {
			return &Step{Op: "selector.get_map", On: s} // None: no mapping to keep
		}
		m := g.name("m")
		g.maps = append(g.maps, m)
		return &Step{Op: "selector.get_map", On: s, As: m}
	case 9:
		if len(g.maps) > 0 {
			st := &Step{Op: pick(g.rng, []string{"map.len", "map.iter", "map.get", "map.contains"}), On: pick(g.rng, g.maps)}
			if st.Op == "map.get" || st.Op == "map.contains" {
				st.Args = g.selectorArgs(false)
			}
			return st
		}
	case 10:
		if g.rng.IntN(3) == 0 {
			g.closed[s] = true
			return &Step{Op: "selector.close", On: s}
		}
	case 11:
		if len(g.epsels) > 0 {
			return &Step{Op: "selector.fileno", On: pick(g.rng, g.epsels)}
		}
	}
	quick := []any{num(0), num(0), num(0), num(-1), num(0.001), fl("1e-9"), fl("-0.0"), fl("-inf"),
		map[string]any{"str": "x"}, map[string]any{"bool": false}, fl("-1e-10"), num("-9223372036854775808")}
	slow := []any{nil, fl("nan"), fl("inf"), num("1e300"), map[string]any{"bool": true}, num(86400),
		num("9223372036854775807"), num(pick(g.rng, wideInts)), num(2147483.648)}
	if g.closed[s] {
		slow = quick // a closed selector's register may fail, and select wait on nothing
	}
	t := g.timeout(quick, slow, func() {
		g.add(&Step{Op: "selector.register", On: s, Args: []any{g.guardPipe(), "EVENT_WRITE"}})
	})
	return g.keywords(&Step{Op: "selector.select", On: s, Args: []any{t}}, "timeout")
}

// selectorArgs is a file object, and with events, events and sometimes
// data: mostly valid, sometimes not.
func (g *gen) selectorArgs(events bool) []any {
	var f any
	switch k := g.rng.IntN(20); {
	case k < 10:
		f = pick(g.rng, g.fds)
	case k < 13:
		f = map[string]any{"fileno": pick(g.rng, g.fds)}
	case k < 16 && len(g.fobjs) > 0:
		f = map[string]any{"obj": pick(g.rng, g.fobjs)}
	case k < 17:
		f = map[string]any{"obj": pick(g.rng, append(append([]string{}, g.fds...), g.sockets...))}
	case k < 18:
		f = map[string]any{"obj": pick(g.rng, g.sels)} // an EpollSelector has fileno()
	default:
		f = pick(g.rng, []any{num(-1), num(999), nil, fl("1.5"), map[string]any{"str": "3"},
			map[string]any{"object": true}, map[string]any{"fileno": num(-2)}, g.edgeInt(true),
			map[string]any{"fileno": g.edgeInt(false)}})
	}
	if !events {
		return []any{f}
	}
	ev := pick(g.rng, []any{"EVENT_READ", "EVENT_WRITE", "EVENT_READ|EVENT_WRITE", "EVENT_READ", "EVENT_WRITE",
		"EVENT_READ|EVENT_WRITE", num(0), num(4), num(-1), num(7), num(3), g.edgeInt(false)})
	args := []any{f, ev}
	switch g.rng.IntN(4) {
	case 0:
		args = append(args, num(g.rng.IntN(3)))
	case 1:
		args = append(args, map[string]any{"str": pick(g.rng, []string{"a", "b"})})
	case 2:
		args = append(args, nil)
	}
	return args
}
