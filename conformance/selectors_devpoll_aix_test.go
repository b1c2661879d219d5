// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	. "github.com/onsi/ginkgo/v2"
)

var devpollClass = selectorClass{name: "DevpollSelector", absent: "Test needs selectors.DevpollSelector: /dev/poll exists only on Solaris and illumos", labels: Label("api:devpoll"), scalable: true}
