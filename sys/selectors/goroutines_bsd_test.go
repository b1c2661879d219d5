// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package selectors_test

import (
	"testing"

	"github.com/pyselect/pyselect/sys/selectors"
)

func selectorsUnderTest(*testing.T) []selectorCase {
	return append(unixSelectors(), selectorCase{"KqueueSelector", func(t *testing.T) selectors.BaseSelector[any] {
		s, err := selectors.NewKqueueSelector[any]()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}, true})
}
