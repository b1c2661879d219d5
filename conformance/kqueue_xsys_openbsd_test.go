// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import "golang.org/x/sys/unix"

var (
	kqueueUser    = kqueueOptional{missing: "OpenBSD: x/sys v0.50.0 defines no EVFILT_USER (OpenBSD's <sys/event.h> had none when x/sys's tables were generated)"}
	kqueueReceipt = kqueueOptional{flag: unix.EV_RECEIPT}
)
