// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

var (
	kqueueUser    = kqueueOptional{missing: "NetBSD: x/sys v0.50.0 defines no EVFILT_USER (NetBSD added it in 10.0, after x/sys's netbsd tables were generated)"}
	kqueueReceipt = kqueueOptional{missing: "NetBSD: x/sys v0.50.0 defines no EV_RECEIPT (added to NetBSD after x/sys's netbsd tables were generated)"}
)
