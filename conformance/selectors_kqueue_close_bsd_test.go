// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package conformance_test

import (
	"io"

	. "github.com/onsi/ginkgo/v2"

	"github.com/pyselect/pyselect/sys/selectors"
)

var _ = describe("selectors.KqueueSelector.close", "", kqLabels, Label("api:selectors", "reliability"), func() {
	// Python: Lib/selectors.py: KqueueSelector holds its kqueue object alone, so a selector
	// dropped unclosed drops the kqueue object, whose Modules/selectmodule.c: kqueue_queue_dealloc
	// closes the fd.
	itClosesWhenCollected("KqueueSelectors", func() (io.Closer, error) { return selectors.NewKqueueSelector[any]() })
})
