// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package differential

import (
	"github.com/pyselect/pyselect/sys/pyselect"
)

// epollOps are select.epoll(sizehint=-1, flags=0), select.epoll.fromfd(fd)
// and the epoll methods. Python's keywords map onto pyselect's positional
// parameters.
var epollOps = ops{
	"epoll": func(r *replayer, st *Step) (any, error) {
		w := r.w
		sizehint, flags := -1, 0
		var err error
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
		return w.addPoller(st, func() (poller, error) { return pyselect.NewEpoll(sizehint, flags) })
	},
	"epoll.fromfd": func(r *replayer, st *Step) (any, error) {
		fd, err := r.w.intArg(argAt(st, 0, ""))
		if err != nil {
			return nil, err
		}
		return r.w.addPoller(st, func() (poller, error) { return pyselect.EpollFromFd(fd) })
	},
	"epoll.close": epollMethod(func(r *replayer, st *Step, ep *pyselect.Epoll) (any, error) {
		return nil, ep.Close()
	}),
	"epoll.closed": epollMethod(func(r *replayer, st *Step, ep *pyselect.Epoll) (any, error) {
		return ep.Closed(), nil
	}),
	"epoll.fileno": epollMethod(func(r *replayer, st *Step, ep *pyselect.Epoll) (any, error) {
		fd, err := ep.Fileno()
		if err != nil {
			return nil, err
		}
		return r.w.encode(fd), nil
	}),
	"epoll.poll": epollMethod(func(r *replayer, st *Step, ep *pyselect.Epoll) (any, error) {
		t, err := r.w.value(argAt(st, 0, "timeout"))
		if err != nil {
			return nil, err
		}
		maxevents := -1
		if hasArg(st, 1, "maxevents") {
			if maxevents, err = r.w.intArg(argAt(st, 1, "maxevents")); err != nil {
				return nil, err
			}
		}
		evs, err := ep.Poll(t, maxevents)
		if err != nil {
			return nil, err
		}
		return r.events(st, evs, "EPOLL"), nil
	}),
	"epoll.register": epollFdMethod(func(r *replayer, st *Step, ep *pyselect.Epoll, fd any) (any, error) {
		if !hasArg(st, 1, "eventmask") {
			return nil, ep.Register(fd)
		}
		mask, err := r.w.maskArg(argAt(st, 1, "eventmask"))
		if err != nil {
			return nil, err
		}
		return nil, ep.Register(fd, mask)
	}),
	"epoll.modify": epollFdMethod(func(r *replayer, st *Step, ep *pyselect.Epoll, fd any) (any, error) {
		if !hasArg(st, 1, "eventmask") {
			return nil, scenarioErr("epoll.modify needs an eventmask")
		}
		mask, err := r.w.maskArg(argAt(st, 1, "eventmask"))
		if err != nil {
			return nil, err
		}
		return nil, ep.Modify(fd, mask)
	}),
	"epoll.unregister": epollFdMethod(func(r *replayer, st *Step, ep *pyselect.Epoll, fd any) (any, error) {
		return nil, ep.Unregister(fd)
	}),
}

func epollMethod(f func(r *replayer, st *Step, ep *pyselect.Epoll) (any, error)) op {
	return method("an epoll object", f)
}

// epollFdMethod is an epoll method whose first argument is fd.
func epollFdMethod(f func(r *replayer, st *Step, ep *pyselect.Epoll, fd any) (any, error)) op {
	return epollMethod(func(r *replayer, st *Step, ep *pyselect.Epoll) (any, error) {
		if !hasArg(st, 0, "fd") {
			return nil, scenarioErr("%s needs an fd", st.Op)
		}
		fd, err := r.w.value(argAt(st, 0, "fd"))
		if err != nil {
			return nil, err
		}
		return f(r, st, ep, fd)
	})
}
