// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package support

import "golang.org/x/sys/unix"

func gettid() int { return unix.Gettid() }

func tkill(tid int, sig unix.Signal) error { return unix.Tgkill(unix.Getpid(), tid, sig) }
