// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package pyselect

import (
	"errors"
	"testing"

	"github.com/pyselect/pyselect/sys/builtins"
)

// FuzzKqueueControl hands the kernel one kevent of any fields through
// Control on a fresh kqueue, with room for the answer (maxevents 1, no
// wait): whatever the kernel thinks of it, the call returns events or an
// *Error (a refused change comes back as an EV_ERROR event, kqueue(2)),
// never a panic, and the kqueue stays usable.
func FuzzKqueueControl(f *testing.F) {
	f.Add(uint64(0), int64(KQ_FILTER_READ), uint32(KQ_EV_ADD), uint32(0), int64(0), uint64(0))
	f.Add(uint64(1<<40), int64(KQ_FILTER_WRITE), uint32(KQ_EV_ADD|KQ_EV_ONESHOT), uint32(0), int64(-1), uint64(1))
	f.Add(uint64(1), int64(KQ_FILTER_TIMER), uint32(KQ_EV_ADD), uint32(0), int64(1<<62), uint64(0))
	f.Fuzz(func(t *testing.T, ident uint64, filter int64, flags, fflags uint32, data int64, udata uint64) {
		kq, err := NewKqueue()
		if err != nil {
			t.Fatal(err)
		}
		defer kq.Close()
		ev := Kevent{Ident: ident, Filter: filter, Flags: flags, Fflags: fflags, Data: data, Udata: udata}
		if _, err := kq.Control([]Kevent{ev}, 1, 0); err != nil {
			var e *builtins.Error
			if !errors.As(err, &e) {
				t.Fatalf("Control(%v): %T %v, not a Python exception", ev, err, err)
			}
		}
		if _, err := kq.Control(nil, 0, 0); err != nil {
			t.Fatalf("kqueue unusable after Control(%v): %v", ev, err)
		}
	})
}
