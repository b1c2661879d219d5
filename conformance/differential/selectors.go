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

	"github.com/pyselect/pyselect/sys/builtins"
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
	return -1, &builtins.Error{Exception: builtins.ValueError, Message: "I/O operation on closed file"}
}

// newFileObj is the "fileobj" step: a file object over the named fd.
func (r *replayer) newFileObj(st *Step, fd int) (any, error) {
	if st.Type != "" && st.Type != "file" && st.Type != "socket" {
		return nil, scenarioErr("fileobj type %q", st.Type)
	}
	names := st.Names()
	if len(names) != 1 {
		return nil, scenarioErr("fileobj needs one name")
	}
	return nil, r.w.addObj(names[0], &fileObj{fd: fd, socket: st.Type == "socket"}, -1)
}

// closeFileObj is the "fileobj.close" step: it closes the fd under the
// file object.
func (r *replayer) closeFileObj(st *Step) (any, error) {
	w := r.w
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

// selectorOps are selectors.<Class>() (the "selector" step), the selector
// methods, and the uses of a mapping get_map() returned ("map.len",
// "map.get", "map.contains", "map.iter"). Python's data keyword is the
// optional data argument of Register and Modify.
var selectorOps = ops{
	"selector": func(r *replayer, st *Step) (any, error) {
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
		return nil, r.w.addObj(names[0], sel, fd)
	},
	"selector.close": selectorMethod(func(r *replayer, st *Step, sel selector, _ any) (any, error) {
		return nil, sel.Close()
	}),
	"selector.get_map": selectorMethod(func(r *replayer, st *Step, sel selector, _ any) (any, error) {
		m := sel.GetMap()
		// None, after close(), is a Map whose every lookup is None[f]'s
		// TypeError (an open mapping's lookup of None is ValueError).
		if _, err := m.Get(nil); errors.Is(err, builtins.TypeError) {
			return nil, nil
		}
		if names := st.Names(); len(names) == 1 {
			if err := r.w.addObj(names[0], m, -1); err != nil {
				return nil, err
			}
		}
		return "mapping", nil
	}),
	"selector.fileno": selectorMethod(func(r *replayer, st *Step, sel selector, _ any) (any, error) {
		f, ok := sel.(interface{ Fileno() (int, error) })
		if !ok {
			return nil, scenarioErr("%s has no fileno()", st.On)
		}
		fd, err := f.Fileno()
		if err != nil {
			return nil, err
		}
		return r.w.encode(fd), nil
	}),
	"selector.select": selectorMethod(func(r *replayer, st *Step, sel selector, _ any) (any, error) {
		t, err := r.w.value(argAt(st, 0, "timeout"))
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
			out[i] = []any{r.w.encodeKey(rd.Key), formatEvents(rd.Events)}
		}
		sortPy(out) // always: the order is the fd numbers' or the kernel's
		return out, nil
	}),
	"selector.get_key": selectorKeyMethod(func(r *replayer, st *Step, sel selector, fileobj any) (*selectors.SelectorKey[any], error) {
		return sel.GetKey(fileobj)
	}),
	"selector.unregister": selectorKeyMethod(func(r *replayer, st *Step, sel selector, fileobj any) (*selectors.SelectorKey[any], error) {
		return sel.Unregister(fileobj)
	}),
	"selector.register": selectorKeyMethod(func(r *replayer, st *Step, sel selector, fileobj any) (*selectors.SelectorKey[any], error) {
		events, data, err := r.w.eventsAndData(st)
		if err != nil {
			return nil, err
		}
		return sel.Register(fileobj, events, data...)
	}),
	"selector.modify": selectorKeyMethod(func(r *replayer, st *Step, sel selector, fileobj any) (*selectors.SelectorKey[any], error) {
		events, data, err := r.w.eventsAndData(st)
		if err != nil {
			return nil, err
		}
		return sel.Modify(fileobj, events, data...)
	}),
	"map.len": mapMethod(func(r *replayer, st *Step, m selectors.Map[any], _ any) (any, error) {
		return m.Len(), nil
	}),
	"map.iter": mapMethod(func(r *replayer, st *Step, m selectors.Map[any], _ any) (any, error) {
		out := []any{}
		for fd := range m.Keys() {
			out = append(out, r.w.encode(fd))
		}
		return out, nil
	}),
	"map.get": mapMethod(func(r *replayer, st *Step, m selectors.Map[any], fileobj any) (any, error) {
		key, err := m.Get(fileobj)
		if err != nil {
			return nil, err
		}
		return r.w.encodeKey(key), nil
	}),
	"map.contains": mapMethod(func(r *replayer, st *Step, m selectors.Map[any], fileobj any) (any, error) {
		// Python's "f in m" is m[f] with its KeyError turned into False
		// (collections.abc.Mapping.__contains__); any other error passes.
		_, err := m.Get(fileobj)
		if errors.Is(err, builtins.KeyError) {
			return false, nil
		}
		return err == nil, err
	}),
}

// selectorsMethod is a method of a selector or of its mapping, T: f gets
// the step's first argument (Python's fileobj), if any, and its error's
// message is the one record.py writes (selectorError).
func selectorsMethod[T any](what string, f func(r *replayer, st *Step, o T, fileobj any) (any, error)) op {
	return func(r *replayer, st *Step) (any, error) {
		w := r.w
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
		t, ok := o.(T)
		if !ok {
			return nil, scenarioErr("%s: %s is not %s", st.Op, st.On, what)
		}
		res, err := f(r, st, t, arg0)
		return res, w.selectorError(st, arg0, err)
	}
}

func selectorMethod(f func(r *replayer, st *Step, sel selector, fileobj any) (any, error)) op {
	return selectorsMethod("a selector", f)
}

func mapMethod(f func(r *replayer, st *Step, m selectors.Map[any], fileobj any) (any, error)) op {
	return selectorsMethod("a selector's mapping", f)
}

// selectorKeyMethod is a selector method that takes a file object and
// returns its key.
func selectorKeyMethod(f func(r *replayer, st *Step, sel selector, fileobj any) (*selectors.SelectorKey[any], error)) op {
	return selectorMethod(func(r *replayer, st *Step, sel selector, fileobj any) (any, error) {
		if !hasArg(st, 0, "fileobj") {
			return nil, scenarioErr("%s needs a file object", st.Op)
		}
		key, err := f(r, st, sel, fileobj)
		if err != nil {
			return nil, err
		}
		return r.w.encodeKey(key), nil
	})
}

// eventsAndData are register's and modify's events and optional data.
func (w *World) eventsAndData(st *Step) (int, []any, error) {
	if !hasArg(st, 1, "events") {
		return 0, nil, scenarioErr("%s needs events", st.Op)
	}
	events, err := w.intArg(argAt(st, 1, "events"))
	if err != nil {
		return 0, nil, err
	}
	var data []any
	if hasArg(st, 2, "data") {
		d, err := w.value(argAt(st, 2, "data"))
		if err != nil {
			return 0, nil, err
		}
		data = []any{d}
	}
	return events, data, nil
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
// name. Only builtins.Repr of the very value passed is replaced, so a
// message about another object still differs.
func (w *World) selectorError(st *Step, arg0 any, err error) error {
	var pe *builtins.Error
	if !errors.As(err, &pe) || !hasArg(st, 0, "fileobj") {
		return err
	}
	for _, re := range selectorMessages {
		m := re.FindStringSubmatch(pe.Message)
		if m == nil || m[re.SubexpIndex("obj")] != builtins.Repr(arg0) {
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
		return &builtins.Error{Exception: pe.Exception, Message: q + text + q, Errno: pe.Errno}
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
				return builtins.Repr(s)
			case "fileno", "obj":
				return k + "(" + renderArg(a) + ")"
			case "object":
				return "object()"
			case "float":
				if s, ok := a.(string); ok {
					return "float(" + builtins.Repr(s) + ")"
				}
				return renderArg(a)
			}
		}
	}
	b, _ := json.Marshal(v)
	return string(b)
}
