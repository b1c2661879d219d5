// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build darwin || dragonfly || freebsd

package pyselect

// dataBits is the width CPython gives kevent.data here: intptr_t
// (DATA_TYPE T_INTPTRT in selectmodule.c), so 32 bits on FreeBSD's 386
// and arm, although FreeBSD 12's struct kevent holds an int64_t. Data
// read back from the kernel keeps all 64 bits.
const dataBits = 32 << (^uintptr(0) >> 63)
