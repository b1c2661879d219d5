// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux && !(mips || mipsle || mips64 || mips64le)

package pyselect

// poll(2) events x/sys does not define for Linux, from the kernel's
// include/uapi/asm-generic/poll.h, which every Linux port Go supports uses
// but MIPS, which has its own.
//
//lint:file-ignore ST1003 the constants keep the names Python gives them.
const (
	POLLRDNORM Mask = 0x40
	POLLRDBAND Mask = 0x80
	POLLWRNORM Mask = 0x100
	POLLWRBAND Mask = 0x200
	POLLMSG    Mask = 0x400
)
