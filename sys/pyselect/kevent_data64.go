// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build netbsd || openbsd

package pyselect

// dataBits is the width CPython gives kevent.data: NetBSD and OpenBSD
// declare it int64_t, and selectmodule.c converts it as one (DATA_TYPE
// T_INT64) on every architecture.
const dataBits = 64
