// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux && !mips && !mipsle && !mips64 && !mips64le && !ppc64 && !ppc64le

package socket

// fionbio is FIONBIO, which x/sys does not define for Linux
// (include/uapi/asm-generic/ioctls.h).
const fionbio = 0x5421
