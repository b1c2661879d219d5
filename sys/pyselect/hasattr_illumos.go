// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

// pollAttrsOS: illumos's <poll.h> has POLLRDHUP.
const pollAttrsOS = "POLLRDHUP "
