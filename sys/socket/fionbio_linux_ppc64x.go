// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux && (ppc64 || ppc64le)

package socket

// fionbio is FIONBIO on POWER, _IOW('f', 126, int)
// (arch/powerpc/include/uapi/asm/ioctls.h).
const fionbio = 0x8004667e
