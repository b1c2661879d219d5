// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"io"

	. "github.com/onsi/ginkgo/v2"

	"github.com/pyselect/pyselect/sys/selectors"
)

var _ = describe("selectors.EpollSelector.close", "", Label("api:selectors", "api:epoll", "os:linux", "reliability"), func() {
	// Python: Lib/selectors.py: EpollSelector holds its epoll object alone, so a selector
	// dropped unclosed drops the epoll object, whose Modules/selectmodule.c: pyepoll_dealloc
	// closes the fd.
	itClosesWhenCollected("EpollSelectors", func() (io.Closer, error) { return selectors.NewEpollSelector[any]() })
})
