// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package differential

import "github.com/pyselect/pyselect/sys/pyselect"

func init() {
	for n, v := range map[string]int64{
		"KQ_FILTER_READ":   pyselect.KQ_FILTER_READ,
		"KQ_FILTER_WRITE":  pyselect.KQ_FILTER_WRITE,
		"KQ_FILTER_AIO":    pyselect.KQ_FILTER_AIO,
		"KQ_FILTER_VNODE":  pyselect.KQ_FILTER_VNODE,
		"KQ_FILTER_PROC":   pyselect.KQ_FILTER_PROC,
		"KQ_FILTER_SIGNAL": pyselect.KQ_FILTER_SIGNAL,
		"KQ_FILTER_TIMER":  pyselect.KQ_FILTER_TIMER,
		"KQ_EV_ADD":        pyselect.KQ_EV_ADD,
		"KQ_EV_DELETE":     pyselect.KQ_EV_DELETE,
		"KQ_EV_ENABLE":     pyselect.KQ_EV_ENABLE,
		"KQ_EV_DISABLE":    pyselect.KQ_EV_DISABLE,
		"KQ_EV_ONESHOT":    pyselect.KQ_EV_ONESHOT,
		"KQ_EV_CLEAR":      pyselect.KQ_EV_CLEAR,
		"KQ_EV_EOF":        pyselect.KQ_EV_EOF,
		"KQ_EV_ERROR":      pyselect.KQ_EV_ERROR,
		"KQ_EV_FLAG1":      pyselect.KQ_EV_FLAG1,
		"KQ_EV_SYSFLAGS":   pyselect.KQ_EV_SYSFLAGS,
	} {
		constants[n] = v
	}
}
