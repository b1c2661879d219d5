// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

// POLLRDHUP is illumos's read-side hang-up event (<sys/poll.h>, since
// 2015), which CPython exports where it is defined. x/sys does not export
// it for illumos; the value is the header's. Oracle Solaris is not known
// to define it, so it is not built there.
//
//lint:ignore ST1003 the constant keeps the name Python gives it.
const POLLRDHUP Mask = 0x4000
