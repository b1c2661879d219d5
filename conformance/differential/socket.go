// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package differential

import (
	"encoding/json"
	"path/filepath"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/sys/socket"
)

// The socket module's constants a socket step may name.
func init() {
	for n, c := range map[string]int{
		"AF_UNIX": int(socket.AF_UNIX), "AF_INET": int(socket.AF_INET), "AF_INET6": int(socket.AF_INET6),
		"SOCK_STREAM": int(socket.SOCK_STREAM), "SOCK_DGRAM": int(socket.SOCK_DGRAM),
		"SOL_SOCKET": socket.SOL_SOCKET, "IPPROTO_TCP": socket.IPPROTO_TCP,
		"SO_ERROR": socket.SO_ERROR, "SO_REUSEADDR": socket.SO_REUSEADDR, "SO_LINGER": socket.SO_LINGER,
		"SO_RCVBUF": socket.SO_RCVBUF, "SO_SNDBUF": socket.SO_SNDBUF, "SO_TYPE": socket.SO_TYPE,
		"SO_ACCEPTCONN": socket.SO_ACCEPTCONN, "SO_KEEPALIVE": socket.SO_KEEPALIVE,
		"TCP_NODELAY": socket.TCP_NODELAY,
		"SHUT_RD":     socket.SHUT_RD, "SHUT_WR": socket.SHUT_WR, "SHUT_RDWR": socket.SHUT_RDWR,
		"MSG_PEEK": socket.MSG_PEEK, "MSG_DONTWAIT": socket.MSG_DONTWAIT,
	} {
		constants[n] = int64(c)
	}
}

// socketValue is the Go form of the socket steps' argument values
// (record.py's World.value):
//
//	{"bytes": "ab"}, {"bytes": 3}   -> []byte("ab"), []byte("xxx")
//	{"inet": ["127.0.0.1", 0]}      -> socket.Inet("127.0.0.1", 0)
//	{"addr": "ls"}                  -> the address ls was last bound to
//	{"path": "srv"}                 -> socket.AddrUnix of srv in the
//	                                   scenario's temporary directory
//	{"linger": [1, 0]}              -> struct linger's bytes, for SO_LINGER
func (w *World) socketValue(k string, a any) (any, bool, error) {
	switch k {
	case "bytes":
		switch x := a.(type) {
		case string:
			b := make([]byte, 0, len(x))
			for _, r := range x {
				b = append(b, byte(r)) // latin-1
			}
			return b, true, nil
		case json.Number:
			n, err := x.Int64()
			if err != nil || n < 0 {
				return nil, true, scenarioErr("bad byte count %v", x)
			}
			b := make([]byte, n)
			for i := range b {
				b[i] = 'x'
			}
			return b, true, nil
		}
	case "inet":
		l, _ := a.([]any)
		if len(l) == 2 {
			host, ok := l[0].(string)
			port, err := number(json.Number(jsonText(l[1])))
			if p, isInt := port.(int); ok && err == nil && isInt {
				return socket.Inet(host, p), true, nil
			}
		}
	case "addr":
		name, _ := a.(string)
		w.mu.Lock()
		addr, ok := w.addrs[name]
		w.mu.Unlock()
		if !ok {
			return nil, true, scenarioErr("%s has no known address", name)
		}
		return addr, true, nil
	case "path":
		if name, ok := a.(string); ok {
			path, err := w.path(name)
			return socket.AddrUnix(path), true, err
		}
	case "linger":
		l, _ := a.([]any)
		if len(l) == 2 {
			on, err1 := number(json.Number(jsonText(l[0])))
			secs, err2 := number(json.Number(jsonText(l[1])))
			o, ok1 := on.(int)
			s, ok2 := secs.(int)
			if err1 == nil && err2 == nil && ok1 && ok2 {
				lg := unix.Linger{Onoff: int32(o), Linger: int32(s)}
				return append([]byte(nil), unsafe.Slice((*byte)(unsafe.Pointer(&lg)), unsafe.Sizeof(lg))...), true, nil
			}
		}
	default:
		return nil, false, nil
	}
	return nil, true, scenarioErr("bad value {%q: %v}", k, a)
}

func jsonText(v any) string {
	if n, ok := v.(json.Number); ok {
		return string(n)
	}
	return "not a number"
}

// socketBase is where socket objects are numbered from (record.py's
// SOCKET_BASE), apart from the libraries' descriptors (below fdBase) and
// from the other resources (from fdBase): a harness step on a closed name,
// whose number a later resource may hold, then never closes a socket
// under its object.
const socketBase = 512

// harnessSocket is s moved to the lowest free fd from socketBase
// (record.py's harness_socket): the same socket, with the same timeout
// (CreateConnection's), as a new Socket over the new number.
func harnessSocket(s *socket.Socket) (*socket.Socket, error) {
	defer s.Close()
	fd, err := unix.FcntlInt(uintptr(s.Fileno()), unix.F_DUPFD_CLOEXEC, socketBase)
	if err != nil {
		return nil, err
	}
	n, err := socket.NewSocket(s.Family(), s.Type(), s.Proto(), fd)
	if err != nil {
		unix.Close(fd)
		return nil, err
	}
	if err := n.SetTimeout(s.GetTimeout()); err != nil {
		n.Close()
		return nil, err
	}
	return n, nil
}

// rememberAddr keeps the address s is bound to under its name, for
// {"addr": name} arguments and results (record.py's remember_addr).
func (w *World) rememberAddr(name string, s *socket.Socket) {
	a, err := s.Getsockname()
	if err != nil {
		return
	}
	if in, ok := a.(socket.AddrInet); ok && in.Port != 0 {
		w.mu.Lock()
		w.addrs[name] = a
		w.mu.Unlock()
	}
}

// encodeAddr writes an address as the name of the first socket bound to
// it, else as {"inet": [host, port]}, a path of the temporary directory
// as {"path": name}, and no address as nil (record.py's encode_addr).
func (w *World) encodeAddr(a socket.Address) any {
	if a == nil {
		return nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, n := range w.order {
		if b, ok := w.addrs[n]; ok && b == a {
			return map[string]any{"addr": n}
		}
	}
	switch x := a.(type) {
	case socket.AddrInet:
		return map[string]any{"inet": []any{x.Host, x.Port}}
	case socket.AddrUnix:
		if x != "" && w.tmpdir != "" && filepath.Dir(string(x)) == w.tmpdir {
			return map[string]any{"path": filepath.Base(string(x))}
		}
		return string(x)
	}
	return a.String()
}

// socketOps are socket.socket(family, type) (the "socket" step) and the
// socket methods, with results as record.py's run_socket writes them:
// bytes as latin-1 text, an accepted socket by the name in "as".
var socketOps = ops{
	"socket": func(r *replayer, st *Step) (any, error) {
		fam, err1 := constant(st.Family)
		kind, err2 := constant(st.Type)
		names := st.Names()
		if err1 != nil || err2 != nil || len(names) != 1 || len(st.Args) > 0 {
			return nil, scenarioErr("socket needs a family, a type and a name")
		}
		s, err := socket.NewSocket(socket.AddressFamily(fam), socket.SocketKind(kind), 0)
		if err != nil {
			return nil, err
		}
		if s, err = harnessSocket(s); err != nil {
			return nil, err
		}
		return nil, r.w.addObj(names[0], s, s.Fileno())
	},
	"socket.socketpair": func(r *replayer, st *Step) (any, error) {
		args, err := r.w.values(st)
		if err != nil {
			return nil, err
		}
		ints, ok := intArgs(args)
		if !ok || len(ints) != 2 || len(st.Names()) != 2 {
			return nil, scenarioErr("socket.socketpair takes a family, a type and two names")
		}
		a, b, err := socket.Socketpair(socket.AddressFamily(ints[0]), socket.SocketKind(ints[1]))
		if err != nil {
			return nil, err
		}
		return nil, r.addSockets(st, a, b)
	},
	"socket.create_connection": func(r *replayer, st *Step) (any, error) {
		args, err := r.w.values(st)
		if err != nil {
			return nil, err
		}
		var addr socket.AddrInet
		ok := len(args) >= 1 && len(args) <= 3 && len(st.Names()) == 1
		if ok {
			addr, ok = args[0].(socket.AddrInet)
		}
		var kw socket.ConnectionOptions
		for k, v := range st.Kwargs {
			x, err := r.w.value(v)
			if err != nil {
				return nil, err
			}
			kw.AllErrors, ok = x.(bool)
			ok = ok && k == "all_errors"
		}
		if !ok {
			return nil, scenarioErr("socket.create_connection takes an AF_INET address, a timeout, a source address, all_errors and one name")
		}
		s, err := socket.CreateConnection(addr, append(args[1:], kw)...)
		if err != nil {
			return nil, err
		}
		return nil, r.addSockets(st, s)
	},
	"socket.bind":    addressMethod((*socket.Socket).Bind),
	"socket.connect": addressMethod((*socket.Socket).Connect),
	"socket.connect_ex": socketMethod(func(r *replayer, st *Step, s *socket.Socket, args []any) (any, error) {
		a, err := addressArg(st, args)
		if err != nil {
			return nil, err
		}
		return s.ConnectEx(a)
	}),
	"socket.listen": socketMethod(func(r *replayer, st *Step, s *socket.Socket, args []any) (any, error) {
		backlog, ok := intArgs(args)
		if !ok {
			return nil, scenarioErr("listen takes an int")
		}
		return nil, s.Listen(backlog...)
	}),
	"socket.accept": socketMethod(func(r *replayer, st *Step, s *socket.Socket, args []any) (any, error) {
		w := r.w
		names := st.Names()
		if len(names) != 1 || len(args) > 0 {
			return nil, scenarioErr("accept takes no arguments and one name")
		}
		c, addr, err := s.Accept()
		if err != nil {
			return nil, err
		}
		if c, err = harnessSocket(c); err != nil {
			return nil, err
		}
		if err := w.addObj(names[0], c, c.Fileno()); err != nil {
			return nil, err
		}
		w.rememberAddr(names[0], c)
		return []any{map[string]any{"obj": names[0]}, w.encodeAddr(addr)}, nil
	}),
	"socket.recv": socketMethod(func(r *replayer, st *Step, s *socket.Socket, args []any) (any, error) {
		ints, ok := intArgs(args)
		if !ok || len(ints) < 1 {
			return nil, scenarioErr("recv takes ints")
		}
		b, err := s.Recv(ints[0], ints[1:]...)
		if err != nil {
			return nil, err
		}
		if st.Len {
			return len(b), nil
		}
		return latin1(b), nil
	}),
	"socket.recv_into": socketMethod(func(r *replayer, st *Step, s *socket.Socket, args []any) (any, error) {
		ints, ok := intArgs(args)
		if !ok || len(ints) < 1 || ints[0] < 0 {
			return nil, scenarioErr("recv_into takes the buffer's size and ints")
		}
		buf := make([]byte, ints[0])
		n, err := s.RecvInto(buf, ints[1:]...) // nbytes, flags: Python's optional ints
		if err != nil {
			return nil, err
		}
		return []any{n, latin1(buf[:n])}, nil
	}),
	"socket.recvfrom": socketMethod(func(r *replayer, st *Step, s *socket.Socket, args []any) (any, error) {
		ints, ok := intArgs(args)
		if !ok || len(ints) < 1 {
			return nil, scenarioErr("recvfrom takes ints")
		}
		b, addr, err := s.Recvfrom(ints[0], ints[1:]...)
		if err != nil {
			return nil, err
		}
		return []any{latin1(b), r.w.encodeAddr(addr)}, nil
	}),
	"socket.sendto": socketMethod(func(r *replayer, st *Step, s *socket.Socket, args []any) (any, error) {
		var data []byte
		var addr socket.Address
		ok := len(args) == 2
		if ok {
			data, ok = args[0].([]byte)
		}
		if ok {
			addr, ok = args[1].(socket.Address)
		}
		if !ok {
			return nil, scenarioErr("sendto takes bytes and an address")
		}
		return s.Sendto(data, addr)
	}),
	"socket.getsockname": socketMethod(func(r *replayer, st *Step, s *socket.Socket, args []any) (any, error) {
		a, err := s.Getsockname()
		if err != nil {
			return nil, err
		}
		return r.w.encodeAddr(a), nil
	}),
	"socket.getpeername": socketMethod(func(r *replayer, st *Step, s *socket.Socket, args []any) (any, error) {
		a, err := s.Getpeername()
		if err != nil {
			return nil, err
		}
		return r.w.encodeAddr(a), nil
	}),
	"socket.send": socketMethod(func(r *replayer, st *Step, s *socket.Socket, args []any) (any, error) {
		data, flags, err := dataArgs(st, args)
		if err != nil {
			return nil, err
		}
		return s.Send(data, flags...)
	}),
	"socket.sendall": socketMethod(func(r *replayer, st *Step, s *socket.Socket, args []any) (any, error) {
		data, flags, err := dataArgs(st, args)
		if err != nil {
			return nil, err
		}
		return nil, s.Sendall(data, flags...)
	}),
	"socket.shutdown": socketMethod(func(r *replayer, st *Step, s *socket.Socket, args []any) (any, error) {
		ints, ok := intArgs(args)
		if !ok || len(ints) != 1 {
			return nil, scenarioErr("shutdown takes one int")
		}
		return nil, s.Shutdown(ints[0])
	}),
	"socket.close": socketMethod(func(r *replayer, st *Step, s *socket.Socket, args []any) (any, error) {
		return nil, s.Close()
	}),
	"socket.setblocking": socketMethod(func(r *replayer, st *Step, s *socket.Socket, args []any) (any, error) {
		flag, isBool := args[0].(bool)
		if len(args) != 1 || !isBool {
			return nil, scenarioErr("setblocking takes a bool")
		}
		return nil, s.SetBlocking(flag)
	}),
	"socket.settimeout": socketMethod(func(r *replayer, st *Step, s *socket.Socket, args []any) (any, error) {
		if len(args) != 1 {
			return nil, scenarioErr("settimeout takes one value")
		}
		return nil, s.SetTimeout(args[0])
	}),
	"socket.gettimeout": socketMethod(func(r *replayer, st *Step, s *socket.Socket, args []any) (any, error) {
		return s.GetTimeout(), nil
	}),
	"socket.getblocking": socketMethod(func(r *replayer, st *Step, s *socket.Socket, args []any) (any, error) {
		return map[string]any{"bool": s.GetBlocking()}, nil
	}),
	"socket.fileno": socketMethod(func(r *replayer, st *Step, s *socket.Socket, args []any) (any, error) {
		return r.w.encode(s.Fileno()), nil
	}),
	"socket.detach": socketMethod(func(r *replayer, st *Step, s *socket.Socket, args []any) (any, error) {
		w := r.w
		fd := s.Detach()
		// The fd is the harness's now: the teardown closes it.
		w.mu.Lock()
		w.open[st.On] = true
		w.mu.Unlock()
		return w.encode(fd), nil
	}),
	"socket.getsockopt": socketMethod(func(r *replayer, st *Step, s *socket.Socket, args []any) (any, error) {
		ints, ok := intArgs(args)
		if !ok || len(ints) != 2 {
			return nil, scenarioErr("getsockopt takes two ints")
		}
		return s.Getsockopt(ints[0], ints[1])
	}),
	"socket.setsockopt": socketMethod(func(r *replayer, st *Step, s *socket.Socket, args []any) (any, error) {
		lvl, lok := intArgs(args[:min(2, len(args))])
		if !lok || len(args) != 3 {
			return nil, scenarioErr("setsockopt takes two ints and a value")
		}
		return nil, s.Setsockopt(lvl[0], lvl[1], args[2])
	}),
}

// socketMethod is a method of a socket object: f gets the step's
// arguments as Go values (no keywords), and the address the socket is
// bound to afterwards is remembered under its name.
func socketMethod(f func(r *replayer, st *Step, s *socket.Socket, args []any) (any, error)) op {
	return method("a socket", func(r *replayer, st *Step, s *socket.Socket) (any, error) {
		w := r.w
		if len(st.Kwargs) > 0 {
			return nil, scenarioErr("%s on %s: keyword arguments", st.Op, st.On)
		}
		args, err := w.values(st)
		if err != nil {
			return nil, err
		}
		defer w.rememberAddr(st.On, s)
		return f(r, st, s, args)
	})
}

// values are a step's positional arguments as Go values.
func (w *World) values(st *Step) ([]any, error) {
	args := make([]any, len(st.Args))
	for i, a := range st.Args {
		var err error
		if args[i], err = w.value(a); err != nil {
			return nil, err
		}
	}
	return args, nil
}

// addSockets moves the sockets a socket module function returned to the
// harness's numbers and gives them the step's names; it closes them all
// if one fails.
func (r *replayer) addSockets(st *Step, socks ...*socket.Socket) error {
	names := st.Names()
	var first error
	for i, s := range socks {
		if first != nil {
			s.Close()
			continue
		}
		if s, first = harnessSocket(s); first != nil {
			continue
		}
		if first = r.w.addObj(names[i], s, s.Fileno()); first != nil {
			s.Close()
			continue
		}
		r.w.rememberAddr(names[i], s)
	}
	return first
}

// addressMethod is a socket method that takes one address and returns
// nothing: bind, connect.
func addressMethod(call func(s *socket.Socket, a socket.Address) error) op {
	return socketMethod(func(r *replayer, st *Step, s *socket.Socket, args []any) (any, error) {
		a, err := addressArg(st, args)
		if err != nil {
			return nil, err
		}
		return nil, call(s, a)
	})
}

// addressArg is the one address a step's arguments hold.
func addressArg(st *Step, args []any) (socket.Address, error) {
	if len(args) == 1 {
		if a, ok := args[0].(socket.Address); ok {
			return a, nil
		}
	}
	return nil, scenarioErr("%s takes one address", st.Op)
}

// dataArgs are send's and sendall's bytes and flags.
func dataArgs(st *Step, args []any) ([]byte, []int, error) {
	var data []byte
	ok := false
	if len(args) >= 1 {
		data, ok = args[0].([]byte)
	}
	flags, fok := intArgs(args[min(1, len(args)):])
	if !ok || !fok || len(args) < 1 {
		return nil, nil, scenarioErr("%s takes bytes and flags", st.Op)
	}
	return data, flags, nil
}

// intArgs is args as Go ints, if every one is.
func intArgs(args []any) ([]int, bool) {
	out := make([]int, len(args))
	for i, a := range args {
		n, ok := a.(int)
		if !ok {
			return nil, false
		}
		out[i] = n
	}
	return out, true
}
