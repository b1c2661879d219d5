// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	. "github.com/onsi/ginkgo/v2"

	"github.com/pyselect/pyselect/sys/selectors"
)

var devpollClass = selectorClass{name: "DevpollSelector", make: selectors.NewDevpollSelector[any], labels: Label("api:devpoll"), scalable: true,
	skipModify: "/dev/poll's modify of a registered fd cannot be made to fail from outside; sys/selectors' TestPollLikeModifyUnregistersOnFailure covers the rule"}
