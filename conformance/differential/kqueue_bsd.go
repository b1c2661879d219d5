// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package differential

import (
	"strings"

	"github.com/pyselect/pyselect/sys/pyselect"
)

// kqueueOps are select.kqueue(), select.kqueue.fromfd(fd), select.kevent
// and the kqueue methods.
var kqueueOps = ops{
	"kqueue": func(r *replayer, st *Step) (any, error) {
		if len(st.Args)+len(st.Kwargs) > 0 {
			return nil, scenarioErr("NewKqueue takes no arguments")
		}
		return r.w.addPoller(st, func() (poller, error) { return pyselect.NewKqueue() })
	},
	"kqueue.fromfd": func(r *replayer, st *Step) (any, error) {
		fd, err := r.w.intArg(argAt(st, 0, ""))
		if err != nil {
			return nil, err
		}
		return r.w.addPoller(st, func() (poller, error) { return pyselect.KqueueFromFd(fd) })
	},
	"kevent": func(r *replayer, st *Step) (any, error) {
		ev, err := r.w.kevent(st.Args)
		if err != nil {
			return nil, err
		}
		return r.w.keventOut(ev), nil
	},
	"kqueue.close": kqueueMethod(func(r *replayer, st *Step, kq *pyselect.Kqueue) (any, error) {
		return nil, kq.Close()
	}),
	"kqueue.closed": kqueueMethod(func(r *replayer, st *Step, kq *pyselect.Kqueue) (any, error) {
		return kq.Closed(), nil
	}),
	"kqueue.fileno": kqueueMethod(func(r *replayer, st *Step, kq *pyselect.Kqueue) (any, error) {
		fd, err := kq.Fileno()
		if err != nil {
			return nil, err
		}
		return r.w.encode(fd), nil
	}),
	"kqueue.control": kqueueMethod((*replayer).kqueueControl),
}

func kqueueMethod(f func(r *replayer, st *Step, kq *pyselect.Kqueue) (any, error)) op {
	return method("a kqueue object", f)
}

// kqueueControl is kqueue.control(changelist, maxevents, timeout=None).
func (r *replayer) kqueueControl(st *Step, kq *pyselect.Kqueue) (any, error) {
	w := r.w
	if len(st.Args) < 2 || len(st.Args) > 3 || len(st.Kwargs) > 0 {
		return nil, scenarioErr("kqueue.control takes 2 or 3 positional arguments")
	}
	var changes []pyselect.Kevent
	if st.Args[0] != nil {
		list, ok := st.Args[0].([]any)
		if !ok {
			return nil, scenarioErr("the changelist must be null or a list")
		}
		for _, item := range list {
			m, ok := item.(map[string]any)
			args, _ := m["kevent"].([]any)
			if !ok || len(m) != 1 || args == nil {
				return nil, scenarioErr("changelist items must be {\"kevent\": [...]}")
			}
			ev, err := w.kevent(args)
			if err != nil {
				return nil, err
			}
			changes = append(changes, ev)
		}
	}
	maxevents, err := w.intArg(st.Args[1])
	if err != nil {
		return nil, err
	}
	t, err := w.value(argAt(st, 2, ""))
	if err != nil {
		return nil, err
	}
	evs, err := kq.Control(changes, maxevents, t)
	if err != nil {
		return nil, err
	}
	if st.Len {
		return len(evs), nil
	}
	out := make([]any, len(evs))
	for i, ev := range evs {
		out[i] = w.keventOut(ev)
	}
	if st.Unordered {
		sortPy(out)
	}
	return out, nil
}

// kevent is select.kevent(ident, filter, flags, fflags, data, udata).
func (w *World) kevent(args []any) (pyselect.Kevent, error) {
	if len(args) < 1 {
		return pyselect.Kevent{}, scenarioErr("kevent needs an ident")
	}
	ident, err := w.value(args[0])
	if err != nil {
		return pyselect.Kevent{}, err
	}
	rest := make([]int64, len(args)-1)
	for i, a := range args[1:] {
		x, err := w.value(a)
		if err != nil {
			return pyselect.Kevent{}, err
		}
		switch n := x.(type) {
		case int:
			rest[i] = int64(n)
		case int64:
			rest[i] = n
		default:
			return pyselect.Kevent{}, scenarioErr("kevent argument %v cannot be a Go int64", a)
		}
	}
	return pyselect.NewKevent(ident, rest...)
}

// keventOut is record.py's kevent_out: fds by name, the filter by name,
// flags spelled out, and data only where it is portable (a read filter's
// byte count, an error's errno).
func (w *World) keventOut(ev pyselect.Kevent) map[string]any {
	var filter any = ev.Filter
	for n, v := range constants {
		if strings.HasPrefix(n, "KQ_FILTER_") && v == ev.Filter {
			filter = n
		}
	}
	var data any = "*"
	if ev.Filter == pyselect.KQ_FILTER_READ || ev.Flags&pyselect.KQ_EV_ERROR != 0 {
		data = ev.Data
	}
	return map[string]any{
		"ident":  w.encode(int(ev.Ident)),
		"filter": filter,
		"flags":  formatMask(uint64(ev.Flags), "KQ_EV_"),
		"fflags": ev.Fflags,
		"data":   data,
		"udata":  ev.Udata,
	}
}
