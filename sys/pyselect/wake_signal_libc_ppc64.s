// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build openbsd && ppc64

// Trampolines to libc for wake_signal_libc.go, as x/sys's
// zsyscall_openbsd_ppc64.s: a call and return, not a jump.

#include "textflag.h"

TEXT libc_pthread_self_trampoline<>(SB),NOSPLIT,$0-0
	CALL	libc_pthread_self(SB)
	RET
GLOBL	·libc_pthread_self_trampoline_addr(SB), RODATA, $8
DATA	·libc_pthread_self_trampoline_addr(SB)/8, $libc_pthread_self_trampoline<>(SB)

TEXT libc_pthread_kill_trampoline<>(SB),NOSPLIT,$0-0
	CALL	libc_pthread_kill(SB)
	RET
GLOBL	·libc_pthread_kill_trampoline_addr(SB), RODATA, $8
DATA	·libc_pthread_kill_trampoline_addr(SB)/8, $libc_pthread_kill_trampoline<>(SB)
