// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package differential

import (
	"encoding/json"
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
// (record.py's harness_socket): the same socket, in the same blocking
// mode, as a new Socket over the new number.
func harnessSocket(s *socket.Socket) (*socket.Socket, error) {
	defer s.Close()
	fd, err := unix.FcntlInt(uintptr(s.Fileno()), unix.F_DUPFD_CLOEXEC, socketBase)
	if err != nil {
		return nil, err
	}
	n, err := socket.NewSocket(s.Family(), s.Type(), s.Proto(), fd)
	if err != nil {
		unix.Close(fd)
	}
	return n, err
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
// it, else as {"inet": [host, port]} (record.py's encode_addr).
func (w *World) encodeAddr(a socket.Address) any {
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
		return string(x)
	}
	return a.String()
}

// socketStep runs "socket" (socket.socket(family, type)) and the
// "socket.<method>" steps, with results as record.py's run_socket writes
// them: bytes as latin-1 text, an accepted socket by the name in "as".
func (r *replayer) socketStep(st *Step) (any, error) {
	w := r.w
	if st.Op == "socket" {
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
		return nil, w.addObj(names[0], s, s.Fileno())
	}
	o, err := w.obj(st.On)
	if err != nil {
		return nil, err
	}
	s, ok := o.(*socket.Socket)
	if !ok || len(st.Kwargs) > 0 {
		return nil, scenarioErr("%s on %s: not a socket, or keyword arguments", st.Op, st.On)
	}
	args := make([]any, len(st.Args))
	for i, a := range st.Args {
		if args[i], err = w.value(a); err != nil {
			return nil, err
		}
	}
	defer w.rememberAddr(st.On, s)
	return r.socketCall(st, s, args)
}

func (r *replayer) socketCall(st *Step, s *socket.Socket, args []any) (any, error) {
	w := r.w
	meth := st.Op[len("socket."):]
	ints, ok := intArgs(args)
	switch meth {
	case "bind", "connect", "connect_ex":
		var a socket.Address
		if len(args) == 1 {
			a, ok = args[0].(socket.Address)
		}
		if !ok || len(args) != 1 {
			return nil, scenarioErr("%s takes one address", st.Op)
		}
		switch meth {
		case "bind":
			return nil, s.Bind(a)
		case "connect":
			return nil, s.Connect(a)
		}
		return s.ConnectEx(a)
	case "listen":
		if !ok {
			return nil, scenarioErr("listen takes an int")
		}
		return nil, s.Listen(ints...)
	case "accept":
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
	case "recv":
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
	case "recv_into":
		if !ok || len(ints) < 1 || ints[0] < 0 {
			return nil, scenarioErr("recv_into takes the buffer's size and ints")
		}
		buf := make([]byte, ints[0])
		n, err := s.RecvInto(buf, ints[1:]...) // nbytes, flags: Python's optional ints
		if err != nil {
			return nil, err
		}
		return []any{n, latin1(buf[:n])}, nil
	case "send", "sendall":
		var data []byte
		if len(args) >= 1 {
			data, ok = args[0].([]byte)
		}
		flags, fok := intArgs(args[min(1, len(args)):])
		if !ok || !fok || len(args) < 1 {
			return nil, scenarioErr("%s takes bytes and flags", st.Op)
		}
		if meth == "sendall" {
			return nil, s.Sendall(data, flags...)
		}
		return s.Send(data, flags...)
	case "shutdown":
		if !ok || len(ints) != 1 {
			return nil, scenarioErr("shutdown takes one int")
		}
		return nil, s.Shutdown(ints[0])
	case "close":
		return nil, s.Close()
	case "setblocking":
		flag, isBool := args[0].(bool)
		if len(args) != 1 || !isBool {
			return nil, scenarioErr("setblocking takes a bool")
		}
		return nil, s.SetBlocking(flag)
	case "settimeout":
		if len(args) != 1 {
			return nil, scenarioErr("settimeout takes one value")
		}
		return nil, s.SetTimeout(args[0])
	case "gettimeout":
		return s.GetTimeout(), nil
	case "getblocking":
		return map[string]any{"bool": s.GetBlocking()}, nil
	case "fileno":
		return w.encode(s.Fileno()), nil
	case "detach":
		fd := s.Detach()
		// The fd is the harness's now: the teardown closes it.
		w.mu.Lock()
		w.open[st.On] = true
		w.mu.Unlock()
		return w.encode(fd), nil
	case "getsockopt":
		if !ok || len(ints) != 2 {
			return nil, scenarioErr("getsockopt takes two ints")
		}
		return s.Getsockopt(ints[0], ints[1])
	case "setsockopt":
		lvl, lok := intArgs(args[:min(2, len(args))])
		if !lok || len(args) != 3 {
			return nil, scenarioErr("setsockopt takes two ints and a value")
		}
		return nil, s.Setsockopt(lvl[0], lvl[1], args[2])
	}
	return nil, scenarioErr("unknown op %q", st.Op)
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
