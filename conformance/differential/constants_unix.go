// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package differential

import (
	"github.com/pyselect/pyselect/sys/pyselect"
	"github.com/pyselect/pyselect/sys/selectors"
)

// constants maps the names a scenario may use ("POLLIN", "EPOLLET", ...)
// to pyselect's values on this OS; the per-OS files add theirs in init.
var constants = map[string]int64{
	"POLLIN":     int64(pyselect.POLLIN),
	"POLLPRI":    int64(pyselect.POLLPRI),
	"POLLOUT":    int64(pyselect.POLLOUT),
	"POLLERR":    int64(pyselect.POLLERR),
	"POLLHUP":    int64(pyselect.POLLHUP),
	"POLLNVAL":   int64(pyselect.POLLNVAL),
	"POLLRDNORM": int64(pyselect.POLLRDNORM),
	"POLLRDBAND": int64(pyselect.POLLRDBAND),
	"POLLWRNORM": int64(pyselect.POLLWRNORM),
	"POLLWRBAND": int64(pyselect.POLLWRBAND),

	// selectors' events.
	"EVENT_READ":  selectors.EVENT_READ,
	"EVENT_WRITE": selectors.EVENT_WRITE,
}

// maskArg converts a value for an event mask parameter (poll's and
// epoll's): any Python int that fits Go's int64, so that the values CPython
// rejects (poll) or truncates (epoll) reach pyselect as they are.
func (w *World) maskArg(v any) (pyselect.Mask, error) {
	x, err := w.value(v)
	if err != nil {
		return 0, err
	}
	switch i := x.(type) {
	case int:
		return pyselect.Mask(i), nil
	case int64:
		return pyselect.Mask(i), nil
	}
	return 0, scenarioErr("%v (%T) cannot be passed as a pyselect.Mask", v, x)
}
