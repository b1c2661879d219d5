// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package differential

import (
	"encoding/json"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/sys/pyselect"
	"github.com/pyselect/pyselect/sys/selectors"
)

// A selector of the replay carries Python's data: ints, strings, None.
type selector = selectors.BaseSelector[any]

// newSelector makes selectors.<class>() for a "selector" step.
func newSelector(class string) (selector, error) {
	switch class {
	case "SelectSelector":
		return selectors.NewSelectSelector[any]()
	case "PollSelector":
		return selectors.NewPollSelector[any]()
	case "DefaultSelector":
		return selectors.NewDefaultSelector[any]()
	}
	return osSelector(class)
}

// fileObj is record.py's FileObj, a Python file object over a named fd
// (the "fileobj" step): Fileno gives the fd until "fileobj.close"; then it
// fails as a closed io.FileIO's fileno() does, or, for "type": "socket",
// is -1, as a closed socket's is.
type fileObj struct {
	fd     int
	socket bool
	closed atomic.Bool // a "later" step may close it while another uses it
}

func (f *fileObj) Fileno() (int, error) {
	if !f.closed.Load() {
		return f.fd, nil
	}
	if f.socket {
		return -1, nil
	}
	return -1, &pyselect.Error{Exception: pyselect.ValueError, Message: "I/O operation on closed file"}
}

// fileObjStep runs "fileobj" and "fileobj.close".
func (r *replayer) fileObjStep(st *Step) (any, error) {
	w := r.w
	if st.Op == "fileobj" {
		fd, err := w.fd(st.Fd)
		if err != nil {
			return nil, err
		}
		if st.Type != "" && st.Type != "file" && st.Type != "socket" {
			return nil, scenarioErr("fileobj type %q", st.Type)
		}
		names := st.Names()
		if len(names) != 1 {
			return nil, scenarioErr("fileobj needs one name")
		}
		return nil, w.addObj(names[0], &fileObj{fd: fd, socket: st.Type == "socket"}, -1)
	}
	o, err := w.obj(st.On)
	f, ok := o.(*fileObj)
	if err != nil || !ok {
		return nil, scenarioErr("%s is not a fileobj", st.On)
	}
	w.mu.Lock()
	f.closed.Store(true)
	delete(w.open, w.fdname[f.fd])
	w.mu.Unlock()
	return nil, unix.Close(f.fd)
}

// selector runs a "selector" step (selectors.<Class>()), a selector method
// ("selector.register", ...) or a use of a mapping get_map() returned
// ("map.len", "map.get", "map.contains", "map.iter"). Python's data
// keyword is the optional data argument of Register and Modify.
func (r *replayer) selector(st *Step) (any, error) {
	w := r.w
	if st.Op == "selector" {
		names := st.Names()
		if len(names) != 1 {
			return nil, scenarioErr("selector needs one name")
		}
		sel, err := newSelector(st.Type)
		if err != nil {
			return nil, err
		}
		fd := -1
		if f, ok := sel.(interface{ Fileno() (int, error) }); ok {
			if fd, err = f.Fileno(); err != nil {
				sel.Close()
				return nil, err
			}
		}
		return nil, w.addObj(names[0], sel, fd)
	}
	o, err := w.obj(st.On)
	if err != nil {
		return nil, err
	}
	var arg0 any
	if hasArg(st, 0, "fileobj") {
		if arg0, err = w.value(argAt(st, 0, "fileobj")); err != nil {
			return nil, err
		}
	}
	if m, ok := o.(selectors.Map[any]); ok && strings.HasPrefix(st.Op, "map.") {
		res, err := r.mapOp(st, m, arg0)
		return res, w.selectorError(st, arg0, err)
	}
	sel, ok := o.(selector)
	if !ok || !strings.HasPrefix(st.Op, "selector.") {
		return nil, scenarioErr("%s: %s is not a selector", st.Op, st.On)
	}
	res, err := r.selectorCall(st, sel, arg0)
	return res, w.selectorError(st, arg0, err)
}

func (r *replayer) mapOp(st *Step, m selectors.Map[any], arg0 any) (any, error) {
	switch st.Op {
	case "map.len":
		return m.Len(), nil
	case "map.iter":
		out := []any{}
		for fd := range m.Keys() {
			out = append(out, r.w.encode(fd))
		}
		return out, nil
	case "map.get":
		key, err := m.Get(arg0)
		if err != nil {
			return nil, err
		}
		return r.w.encodeKey(key), nil
	case "map.contains":
		// Python's "f in m" is m[f] with its KeyError turned into False
		// (collections.abc.Mapping.__contains__); any other error passes.
		_, err := m.Get(arg0)
		if errors.Is(err, pyselect.KeyError) {
			return false, nil
		}
		return err == nil, err
	}
	return nil, scenarioErr("unknown op %q", st.Op)
}

func (r *replayer) selectorCall(st *Step, sel selector, arg0 any) (any, error) {
	w := r.w
	switch st.Op {
	case "selector.close":
		return nil, sel.Close()
	case "selector.get_map":
		m := sel.GetMap()
		// None, after close(), is a Map whose every lookup is None[f]'s
		// TypeError (an open mapping's lookup of None is ValueError).
		if _, err := m.Get(nil); errors.Is(err, pyselect.TypeError) {
			return nil, nil
		}
		if names := st.Names(); len(names) == 1 {
			if err := w.addObj(names[0], m, -1); err != nil {
				return nil, err
			}
		}
		return "mapping", nil
	case "selector.fileno":
		f, ok := sel.(interface{ Fileno() (int, error) })
		if !ok {
			return nil, scenarioErr("%s has no fileno()", st.On)
		}
		fd, err := f.Fileno()
		if err != nil {
			return nil, err
		}
		return w.encode(fd), nil
	case "selector.select":
		t, err := w.value(argAt(st, 0, "timeout"))
		if err != nil {
			return nil, err
		}
		ready, err := sel.Select(t)
		if err != nil {
			return nil, err
		}
		if st.Len {
			return len(ready), nil
		}
		out := make([]any, len(ready))
		for i, rd := range ready {
			out[i] = []any{w.encodeKey(rd.Key), formatEvents(rd.Events)}
		}
		sortPy(out) // always: the order is the fd numbers' or the kernel's
		return out, nil
	}
	if !hasArg(st, 0, "fileobj") {
		return nil, scenarioErr("%s needs a file object", st.Op)
	}
	var key *selectors.SelectorKey[any]
	var err error
	switch st.Op {
	case "selector.get_key":
		key, err = sel.GetKey(arg0)
	case "selector.unregister":
		key, err = sel.Unregister(arg0)
	case "selector.register", "selector.modify":
		if !hasArg(st, 1, "events") {
			return nil, scenarioErr("%s needs events", st.Op)
		}
		events, ierr := w.intArg(argAt(st, 1, "events"))
		if ierr != nil {
			return nil, ierr
		}
		var data []any
		if hasArg(st, 2, "data") {
			d, derr := w.value(argAt(st, 2, "data"))
			if derr != nil {
				return nil, derr
			}
			data = []any{d}
		}
		if st.Op == "selector.register" {
			key, err = sel.Register(arg0, events, data...)
		} else {
			key, err = sel.Modify(arg0, events, data...)
		}
	default:
		return nil, scenarioErr("unknown op %q", st.Op)
	}
	if err != nil {
		return nil, err
	}
	return w.encodeKey(key), nil
}

// encodeKey is record.py's encode_key: [fileobj, fd, events, data], the
// file object as the scenario passed it, the fd by name.
func (w *World) encodeKey(key *selectors.SelectorKey[any]) any {
	if key == nil {
		return nil
	}
	return []any{w.encode(key.Fileobj), w.encode(key.Fd), formatEvents(key.Events), w.encodeData(key.Data)}
}

// encodeData is record.py's encode_data: a key's data is None, an int or
// a string, never an fd name.
func (w *World) encodeData(v any) any {
	switch x := v.(type) {
	case nil, int, int64, uint64:
		return x
	case string:
		return map[string]any{"str": x}
	}
	return w.encode(v)
}

// formatEvents spells a key's events as record.py's format_mask(v,
// "EVENT_") does, Python's signed arithmetic included: -1 is
// "EVENT_READ|EVENT_WRITE|-0x4".
func formatEvents(v int) string {
	if v == 0 {
		return "0"
	}
	var names []string
	rest := int64(v)
	for _, c := range []struct {
		bit  int64
		name string
	}{{selectors.EVENT_READ, "EVENT_READ"}, {selectors.EVENT_WRITE, "EVENT_WRITE"}} {
		if rest&c.bit != 0 {
			names = append(names, c.name)
			rest &^= c.bit
		}
	}
	if rest < 0 {
		names = append(names, "-0x"+strconv.FormatUint(uint64(-rest), 16))
	} else if rest != 0 {
		names = append(names, "0x"+strconv.FormatInt(rest, 16))
	}
	return strings.Join(names, "|")
}

// selectorMessages are record.py's SELECTOR_MESSAGES: the selectors
// messages that hold {!r} of a file object (a KeyError's in double quotes
// when the repr holds a single one, as a socket's does).
var selectorMessages = []*regexp.Regexp{
	regexp.MustCompile(`^(?P<q>['"])(?P<obj>.*) \(FD (?P<fd>\d+)\) is already registered['"]$`),
	regexp.MustCompile(`^(?P<q>['"])(?P<obj>.*) is not registered['"]$`),
	regexp.MustCompile(`^(?P<q>)Invalid file object: (?P<obj>.*)$`),
}

// selectorError is err with the message record.py's selector_message
// writes: the repr of the step's file object replaced by the step's own
// spelling of it ("'fileno(r) is not registered'"), the fd of "(FD n)" by
// name. Only pyselect.Repr of the very value passed is replaced, so a
// message about another object still differs.
func (w *World) selectorError(st *Step, arg0 any, err error) error {
	var pe *pyselect.Error
	if !errors.As(err, &pe) || !hasArg(st, 0, "fileobj") {
		return err
	}
	for _, re := range selectorMessages {
		m := re.FindStringSubmatch(pe.Message)
		if m == nil || m[re.SubexpIndex("obj")] != pyselect.Repr(arg0) {
			continue
		}
		text := renderArg(argAt(st, 0, "fileobj"))
		switch {
		case re.SubexpIndex("fd") >= 0:
			n, _ := strconv.Atoi(m[re.SubexpIndex("fd")])
			text += " (FD " + renderArg(w.encode(n)) + ") is already registered"
		case strings.Contains(pe.Message, "is not registered"):
			text += " is not registered"
		default:
			text = "Invalid file object: " + text
		}
		q := m[re.SubexpIndex("q")]
		return &pyselect.Error{Exception: pe.Exception, Message: q + text + q, Errno: pe.Errno}
	}
	return err
}

// renderArg is record.py's render: a scenario value as Python source.
func renderArg(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case string:
		return x
	case json.Number:
		return string(x)
	case int:
		return strconv.Itoa(x)
	case map[string]any:
		for k, a := range x {
			switch k {
			case "str":
				s, _ := a.(string)
				return pyselect.Repr(s)
			case "fileno", "obj":
				return k + "(" + renderArg(a) + ")"
			case "object":
				return "object()"
			case "float":
				if s, ok := a.(string); ok {
					return "float(" + pyselect.Repr(s) + ")"
				}
				return renderArg(a)
			}
		}
	}
	b, _ := json.Marshal(v)
	return string(b)
}
