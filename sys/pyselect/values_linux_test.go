// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"testing"

	"github.com/pyselect/pyselect/sys/builtins"
)

var nilPoller = (*Epoll)(nil)

func TestNilFdArgumentsEpoll(t *testing.T) {
	ep, err := NewEpoll(-1, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer ep.Close()
	for name, v := range nilArgs() {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s: panic %v", name, r)
				}
			}()
			for call, err := range map[string]error{"Register": ep.Register(v), "Modify": ep.Modify(v, 1), "Unregister": ep.Unregister(v)} {
				if builtins.ExceptionOf(err) != builtins.TypeError {
					t.Errorf("Epoll.%s(%s) = %v, want TypeError", call, name, err)
				}
			}
		}()
	}
}
