// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !solaris

package differential

// A poller is a select object over a descriptor of its own: an epoll or
// a kqueue.
type poller interface {
	Fileno() (int, error)
	Close() error
}

// addPoller makes a poller with open and gives it the step's one name.
func (w *World) addPoller(st *Step, open func() (poller, error)) (any, error) {
	names := st.Names()
	if len(names) != 1 {
		return nil, scenarioErr("%s needs one name", st.Op)
	}
	p, err := open()
	if err != nil {
		return nil, err
	}
	fd, err := p.Fileno()
	if err != nil {
		p.Close()
		return nil, err
	}
	return nil, w.addObj(names[0], p, fd)
}
