// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build darwin || dragonfly || freebsd

package conformance_test

import "golang.org/x/sys/unix"

// EVFILT_USER and EV_RECEIPT, which Python does not export, from x/sys:
// FreeBSD (8.1+), macOS (10.6+) and DragonFly have both.
var (
	kqueueUser    = kqueueOptional{filter: unix.EVFILT_USER, trigger: unix.NOTE_TRIGGER}
	kqueueReceipt = kqueueOptional{flag: unix.EV_RECEIPT}
)
