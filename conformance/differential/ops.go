// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package differential

import (
	"encoding/json"
	"strconv"
)

// An op runs one step and returns its result, encoded as record.py
// encodes it, or the error the call raised.
type op func(r *replayer, st *Step) (any, error)

// ops are one kind of resource's steps by op name: its constructors
// ("epoll", "epoll.fromfd") and its methods ("epoll.poll"). Adding a step
// to the scenario language is one entry in its kind's table.
type ops map[string]op

// libraryOps are the steps that call the libraries under test, every
// kind's table in one; the harness's own steps are harnessOps.
var libraryOps = merge(selectOps, pollOps, epollOps, kqueueOps, selectorOps, socketOps)

var selectOps = ops{"select": (*replayer).selectCall}

func merge(tables ...ops) ops {
	all := ops{}
	for _, t := range tables {
		for name, f := range t {
			if all[name] != nil {
				panic("differential: op " + name + " registered twice")
			}
			all[name] = f
		}
	}
	return all
}

// method is an op on the object a step names in "on", which must be a T
// (what names the kind in the error otherwise).
func method[T any](what string, f func(r *replayer, st *Step, o T) (any, error)) op {
	return func(r *replayer, st *Step) (any, error) {
		o, err := r.w.obj(st.On)
		if err != nil {
			return nil, err
		}
		t, ok := o.(T)
		if !ok {
			return nil, scenarioErr("%s: %s is not %s", st.Op, st.On, what)
		}
		return f(r, st, t)
	}
}

// library runs a call into the library under test. A step with "each"
// runs once per fd of the named group, the fd prepended to its arguments.
func (r *replayer) library(st *Step) (any, error) {
	if st.Each != "" {
		fds, err := r.w.group(st.Each)
		if err != nil {
			return nil, err
		}
		for _, fd := range fds {
			one := *st
			one.Each = ""
			one.Args = append([]any{json.Number(strconv.Itoa(fd))}, st.Args...)
			if _, err := r.library(&one); err != nil {
				return nil, err
			}
		}
		return nil, nil
	}
	if run := libraryOps[st.Op]; run != nil {
		return run(r, st)
	}
	return nil, scenarioErr("unknown op %q", st.Op)
}
