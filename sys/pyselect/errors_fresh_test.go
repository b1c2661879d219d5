// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package pyselect_test

import (
	"errors"
	"testing"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// TestErrorsAreFresh: a caller who edits the *Error it got through
// errors.As (as the porting table's "except OSError as e" form hands it
// out) changes its own value only: the next call's error is unchanged.
// Each entry is a call whose error has a fixed message.
func TestErrorsAreFresh(t *testing.T) {
	for _, c := range []struct {
		name string
		call func() error
		want string
	}{
		{"no fileno", func() error { _, _, _, err := pyselect.Select([]any{"x"}, nil, nil, 0); return err },
			"TypeError: argument must be an int, or have a fileno() method."},
		{"negative timeout", func() error { _, _, _, err := pyselect.Select[int](nil, nil, nil, -1); return err },
			"ValueError: timeout must be non-negative"},
		{"timeout type", func() error { _, err := pyselect.NewPoll().Poll("x"); return err },
			"TypeError: timeout must be an integer or None"},
		{"C int overflow", func() error { return pyselect.NewPoll().Register(uint64(1 << 40)) },
			"OverflowError: Python int too large to convert to C int"},
		{"fd out of range", func() error { _, _, _, err := pyselect.Select([]int{1 << 20}, nil, nil, 0); return err },
			"ValueError: filedescriptor out of range in select()"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var e *builtins.Error
			if err := c.call(); !errors.As(err, &e) || err.Error() != c.want {
				t.Fatalf("got %v, want %s", err, c.want)
			}
			e.Exception, e.Message, e.Errno = builtins.KeyError, "edited", 1
			if err := c.call(); err.Error() != c.want {
				t.Fatalf("after editing an earlier error, the next call gives %q, want %s", err, c.want)
			}
		})
	}
}
