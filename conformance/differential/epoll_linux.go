// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package differential

import (
	"github.com/pyselect/pyselect/sys/pyselect"
)

// epoll runs select.epoll and its methods: epoll(sizehint=-1, flags=0),
// epoll.fromfd(fd), and register/modify/unregister/poll/close/closed/fileno.
// Python's keywords map onto pyselect's positional parameters.
func (r *replayer) epoll(st *Step) (any, error) {
	w := r.w
	switch st.Op {
	case "epoll", "epoll.fromfd":
		names := st.Names()
		if len(names) != 1 {
			return nil, scenarioErr("%s needs one name", st.Op)
		}
		var ep *pyselect.Epoll
		var err error
		if st.Op == "epoll" {
			sizehint, flags := -1, 0
			if hasArg(st, 0, "sizehint") {
				if sizehint, err = w.intArg(argAt(st, 0, "sizehint")); err != nil {
					return nil, err
				}
			}
			if hasArg(st, 1, "flags") {
				if flags, err = w.intArg(argAt(st, 1, "flags")); err != nil {
					return nil, err
				}
			}
			ep, err = pyselect.NewEpoll(sizehint, flags)
		} else {
			fd, ierr := w.intArg(argAt(st, 0, ""))
			if ierr != nil {
				return nil, ierr
			}
			ep, err = pyselect.EpollFromFd(fd)
		}
		if err != nil {
			return nil, err
		}
		fd, ferr := ep.Fileno()
		if ferr != nil {
			ep.Close()
			return nil, ferr
		}
		return nil, w.addObj(names[0], ep, fd)
	}
	o, err := w.obj(st.On)
	if err != nil {
		return nil, err
	}
	ep, ok := o.(*pyselect.Epoll)
	if !ok {
		return nil, scenarioErr("%s is not an epoll object", st.On)
	}
	switch st.Op {
	case "epoll.close":
		return nil, ep.Close()
	case "epoll.closed":
		return ep.Closed(), nil
	case "epoll.fileno":
		fd, err := ep.Fileno()
		if err != nil {
			return nil, err
		}
		return w.encode(fd), nil
	case "epoll.poll":
		t, err := w.value(argAt(st, 0, "timeout"))
		if err != nil {
			return nil, err
		}
		maxevents := -1
		if hasArg(st, 1, "maxevents") {
			if maxevents, err = w.intArg(argAt(st, 1, "maxevents")); err != nil {
				return nil, err
			}
		}
		evs, err := ep.Poll(t, maxevents)
		if err != nil {
			return nil, err
		}
		return r.events(st, evs, "EPOLL"), nil
	}
	if !hasArg(st, 0, "fd") {
		return nil, scenarioErr("%s needs an fd", st.Op)
	}
	fd, err := w.value(argAt(st, 0, "fd"))
	if err != nil {
		return nil, err
	}
	switch st.Op {
	case "epoll.register", "epoll.modify":
		if !hasArg(st, 1, "eventmask") {
			if st.Op == "epoll.modify" {
				return nil, scenarioErr("epoll.modify needs an eventmask")
			}
			return nil, ep.Register(fd)
		}
		mask, err := w.maskArg(argAt(st, 1, "eventmask"))
		if err != nil {
			return nil, err
		}
		if st.Op == "epoll.modify" {
			return nil, ep.Modify(fd, mask)
		}
		return nil, ep.Register(fd, mask)
	case "epoll.unregister":
		return nil, ep.Unregister(fd)
	}
	return nil, scenarioErr("unknown op %q", st.Op)
}
