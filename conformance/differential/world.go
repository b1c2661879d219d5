// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package differential

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/pyselect/pyselect/sys/socket"
)

// A World holds the named resources of one replay, as record.py's World
// does for CPython. Steps of "later" goroutines use it too, hence the lock.
type World struct {
	mu     sync.Mutex
	tmpdir string                    // made by the first "file" step
	fds    map[string]int            // name -> fd number (kept after close)
	open   map[string]bool           // fd resources still open
	objs   map[string]any            // poll, epoll and kqueue objects
	fdname map[int]string            // fd number -> latest name given to it
	order  []string                  // creation order, for teardown
	addrs  map[string]socket.Address // socket name -> the address it was last bound to
}

func newWorld() *World {
	return &World{fds: map[string]int{}, open: map[string]bool{},
		objs: map[string]any{}, fdname: map[int]string{}, addrs: map[string]socket.Address{}}
}

// errScenario marks a scenario that is malformed, or that Go cannot
// express (a Python value with no Go counterpart): a bug in the fixture,
// not a behaviour of pyselect.
type errScenario struct{ msg string }

func (e *errScenario) Error() string { return "scenario: " + e.msg }

func scenarioErr(format string, args ...any) error {
	return &errScenario{fmt.Sprintf(format, args...)}
}

// A NarrowIntError says that a scenario passes an integer that a Go int
// cannot hold on this platform (2**31 and beyond where int is 32 bits:
// linux/386, linux/arm under make qemu). Python's int has no width, so
// such a step has no Go counterpart here; the scenario is not replayed
// here, and the spec says why (on 64-bit platforms it is).
type NarrowIntError struct{ Value any }

func (e *NarrowIntError) Error() string {
	return fmt.Sprintf("scenario: %v does not fit a %d-bit Go int on this platform", e.Value, strconv.IntSize)
}

var nameRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
var constRE = regexp.MustCompile(`^[A-Z][A-Z0-9_]*(\|[A-Z][A-Z0-9_]*)*$`)

func (w *World) checkNew(name string) error {
	if !nameRE.MatchString(name) {
		return scenarioErr("bad resource name %q", name)
	}
	if _, ok := w.fds[name]; ok {
		return scenarioErr("resource %q defined twice", name)
	}
	if _, ok := w.objs[name]; ok {
		return scenarioErr("resource %q defined twice", name)
	}
	return nil
}

func (w *World) addFd(name string, fd int) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkNew(name); err != nil {
		return err
	}
	w.fds[name], w.open[name], w.fdname[fd] = fd, true, name
	w.order = append(w.order, name)
	return nil
}

// addObj records a select object; fd is its descriptor, or -1 (poll).
func (w *World) addObj(name string, obj any, fd int) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkNew(name); err != nil {
		return err
	}
	w.objs[name] = obj
	if fd >= 0 {
		w.fds[name], w.fdname[fd] = fd, name
	}
	w.order = append(w.order, name)
	return nil
}

func (w *World) fd(name string) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	fd, ok := w.fds[name]
	if !ok {
		return -1, scenarioErr("unknown fd resource %q", name)
	}
	return fd, nil
}

func (w *World) closed(name string) {
	w.mu.Lock()
	delete(w.open, name)
	w.mu.Unlock()
}

// group lists the fds of a "socketpairs" group, in creation order.
func (w *World) group(prefix string) ([]int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []int
	for _, n := range w.order {
		rest, ok := strings.CutPrefix(n, prefix+"_")
		if _, err := strconv.Atoi(rest); ok && err == nil {
			out = append(out, w.fds[n])
		}
	}
	if len(out) == 0 {
		return nil, scenarioErr("no socketpairs group %q", prefix)
	}
	return out, nil
}

func (w *World) obj(name string) (any, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	o, ok := w.objs[name]
	if !ok {
		return nil, scenarioErr("unknown object %q", name)
	}
	return o, nil
}

// filenoObj is Python's "object with a fileno() method" (a Filenoer);
// label is how results show it: {"fileno": "a"}.
type filenoObj struct {
	fd    int
	label map[string]any
}

func (f *filenoObj) Fileno() int { return f.fd }

// connObj is the Go form of a socket or file object: a syscall.Conn, the
// other way pyselect reads an fd.
type connObj struct {
	fd   int
	name string
}

func (c *connObj) SyscallConn() (syscall.RawConn, error) { return rawConn(c.fd), nil }

type rawConn int

func (r rawConn) Control(f func(fd uintptr)) error { f(uintptr(r)); return nil }
func (r rawConn) Read(f func(fd uintptr) bool) error {
	for !f(uintptr(r)) {
	}
	return nil
}
func (r rawConn) Write(f func(fd uintptr) bool) error { return r.Read(f) }

// opaque is Python's object(): no fd, no number.
type opaque struct{}

// value converts an argument from the scenario language to the Go value
// passed to pyselect:
//
//	"r"                -> r's fd (an int)
//	"EPOLLIN|EPOLLET"  -> the OR of pyselect's constants
//	3, -1, 2147483648  -> int (uint64 above MaxInt64)
//	0.5, 1e300         -> float64
//	null               -> nil (Python None)
//	{"float": "nan"}   -> float64 NaN (any string Python's float() reads, or a number)
//	{"str": "x"}       -> string
//	{"bool": true}     -> bool
//	{"fileno": "r"}    -> a Filenoer returning r's fd ({"fileno": -1}: returning -1)
//	{"obj": "r"}       -> the resource as an object: a syscall.Conn for an
//	                      fd, the *Poll / *Epoll / *Kqueue itself for those
//	{"object": true}   -> a value of a type pyselect does not know
//	[...]              -> []any; {"repeat": [v, n]} inside it is n copies of v
func (w *World) value(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case bool:
		return nil, scenarioErr(`write booleans as {"bool": true}`)
	case json.Number:
		return number(x)
	case string:
		if constRE.MatchString(x) {
			c, err := constant(x)
			if err != nil {
				return nil, err
			}
			if int64(int(c)) != c {
				return c, nil // beyond a 32-bit int (EPOLLET)
			}
			return int(c), nil
		}
		return w.fd(x)
	case []any:
		out := []any{}
		for _, item := range x {
			if m, ok := item.(map[string]any); ok && m["repeat"] != nil {
				rep, _ := m["repeat"].([]any)
				if len(rep) != 2 {
					return nil, scenarioErr("bad repeat %v", m)
				}
				v, err := w.value(rep[0])
				if err != nil {
					return nil, err
				}
				n, err := strconv.Atoi(fmt.Sprint(rep[1]))
				if err != nil {
					return nil, scenarioErr("bad repeat count %v", rep[1])
				}
				for range n {
					out = append(out, v)
				}
				continue
			}
			v, err := w.value(item)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case map[string]any:
		if len(x) != 1 {
			break
		}
		for k, a := range x {
			return w.special(k, a)
		}
	}
	return nil, scenarioErr("bad value %v", v)
}

func (w *World) special(k string, a any) (any, error) {
	if v, ok, err := w.socketValue(k, a); ok {
		return v, err
	}
	switch k {
	case "float":
		switch f := a.(type) {
		case string: // Python's float(str): "nan", "inf", "-inf", "-0.0", "1e-9"
			if f, err := strconv.ParseFloat(f, 64); err == nil {
				return f, nil
			}
		case json.Number:
			return strconv.ParseFloat(string(f), 64)
		}
	case "str":
		if s, ok := a.(string); ok {
			return s, nil
		}
	case "bool":
		if b, ok := a.(bool); ok {
			return b, nil
		}
	case "fileno":
		if n, ok := a.(json.Number); ok {
			fd, err := n.Int64()
			if err == nil && fd != int64(int(fd)) {
				return nil, &NarrowIntError{Value: fd}
			}
			if err != nil {
				return nil, scenarioErr("fileno() of %v cannot be a Go int", n)
			}
			return &filenoObj{int(fd), map[string]any{"fileno": n}}, nil
		}
		if name, ok := a.(string); ok {
			fd, err := w.fd(name)
			return &filenoObj{fd, map[string]any{"fileno": name}}, err
		}
	case "obj":
		name, _ := a.(string)
		w.mu.Lock()
		o, isObj := w.objs[name]
		w.mu.Unlock()
		if isObj {
			return o, nil
		}
		fd, err := w.fd(name)
		return &connObj{fd, name}, err
	case "object":
		return opaque{}, nil
	}
	return nil, scenarioErr("bad value {%q: %v}", k, a)
}

// number is an int for integers (uint64 beyond int64, as Go can hold
// Python's 2**63..2**64-1 only there) and float64 for anything with a
// fraction or exponent, as Python's json reads them.
func number(n json.Number) (any, error) {
	s := string(n)
	if strings.ContainsAny(s, ".eE") {
		return strconv.ParseFloat(s, 64)
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		if int64(int(i)) != i {
			return i, nil // beyond a 32-bit int
		}
		return int(i), nil
	}
	if u, err := strconv.ParseUint(s, 10, 64); err == nil {
		return u, nil
	}
	return nil, scenarioErr("the integer %s has no Go type", s)
}

// constant evaluates "A|B" with pyselect's constants of this OS.
func constant(expr string) (int64, error) {
	var out int64
	for _, n := range strings.Split(expr, "|") {
		c, ok := constants[n]
		if !ok {
			return 0, scenarioErr("pyselect has no constant %s on this OS", n)
		}
		out |= c
	}
	return out, nil
}

// encode turns a result back into the scenario language, fds as names.
func (w *World) encode(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case bool:
		return map[string]any{"bool": x}
	case int:
		return w.fdName(x)
	case int64, uint64:
		return x
	case *filenoObj:
		return x.label
	case *connObj:
		return map[string]any{"obj": x.name}
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = w.encode(e)
		}
		return out
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for n, o := range w.objs {
		if o == v {
			return map[string]any{"obj": n}
		}
	}
	return fmt.Sprintf("%#v", v)
}

// fdName is the name last given to fd, or the number itself.
func (w *World) fdName(fd int) any {
	w.mu.Lock()
	defer w.mu.Unlock()
	if n, ok := w.fdname[fd]; ok {
		return n
	}
	return fd
}

// formatMask spells an event mask as record.py does: the single-bit
// constants named prefix*, in increasing value, then any rest in hex.
func formatMask(v uint64, prefix string) string {
	if v == 0 {
		return "0"
	}
	var names []string
	for _, c := range eventTable(prefix) {
		if v&c.value != 0 {
			names = append(names, c.name)
			v &^= c.value
		}
	}
	if v != 0 {
		names = append(names, "0x"+strconv.FormatUint(v, 16))
	}
	return strings.Join(names, "|")
}

type namedBit struct {
	value uint64
	name  string
}

func eventTable(prefix string) []namedBit {
	var out []namedBit
	for n, c := range constants {
		if strings.HasPrefix(n, prefix) && n != "EPOLL_CLOEXEC" && c > 0 && c&(c-1) == 0 {
			out = append(out, namedBit{uint64(c), n})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].value < out[j].value })
	return out
}

// pyDumps is Python's json.dumps(v, sort_keys=True) for the values an
// outcome holds; record.py sorts unordered results by it.
func pyDumps(v any) string {
	switch x := v.(type) {
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = pyDumps(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = pyDumps(k) + ": " + pyDumps(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	b, _ := json.Marshal(v)
	return string(b)
}
