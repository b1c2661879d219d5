// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

// illumos's POLLRDHUP (<sys/poll.h>), as conformance/PLATFORMS.md gives
// it: a compile error when the tests are built for illumos unless equal.
const _ = -uint(POLLRDHUP ^ 0x4000)
