// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package differential

import "github.com/pyselect/pyselect/sys/pyselect"

func init() {
	for n, v := range map[string]int64{
		"KQ_FILTER_READ":   int64(pyselect.KQ_FILTER_READ),
		"KQ_FILTER_WRITE":  int64(pyselect.KQ_FILTER_WRITE),
		"KQ_FILTER_AIO":    int64(pyselect.KQ_FILTER_AIO),
		"KQ_FILTER_VNODE":  int64(pyselect.KQ_FILTER_VNODE),
		"KQ_FILTER_PROC":   int64(pyselect.KQ_FILTER_PROC),
		"KQ_FILTER_SIGNAL": int64(pyselect.KQ_FILTER_SIGNAL),
		"KQ_FILTER_TIMER":  int64(pyselect.KQ_FILTER_TIMER),
		"KQ_EV_ADD":        int64(pyselect.KQ_EV_ADD),
		"KQ_EV_DELETE":     int64(pyselect.KQ_EV_DELETE),
		"KQ_EV_ENABLE":     int64(pyselect.KQ_EV_ENABLE),
		"KQ_EV_DISABLE":    int64(pyselect.KQ_EV_DISABLE),
		"KQ_EV_ONESHOT":    int64(pyselect.KQ_EV_ONESHOT),
		"KQ_EV_CLEAR":      int64(pyselect.KQ_EV_CLEAR),
		"KQ_EV_EOF":        int64(pyselect.KQ_EV_EOF),
		"KQ_EV_ERROR":      int64(pyselect.KQ_EV_ERROR),
		"KQ_EV_FLAG1":      pyselect.KQ_EV_FLAG1,
		"KQ_EV_SYSFLAGS":   int64(pyselect.KQ_EV_SYSFLAGS),
	} {
		constants[n] = v
	}
}
