// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build darwin || (openbsd && !ppc64)

// Trampolines to libc for wake_signal_libc.go, as x/sys's zsyscall_*.s: a
// jump to the imported symbol, whose address is a pointer-sized word.

#include "textflag.h"

#ifdef GOARCH_386
#define PTRSIZE 4
#endif
#ifdef GOARCH_arm
#define PTRSIZE 4
#endif
#ifndef PTRSIZE
#define PTRSIZE 8
#endif

TEXT libc_pthread_self_trampoline<>(SB),NOSPLIT,$0-0
	JMP	libc_pthread_self(SB)
GLOBL	·libc_pthread_self_trampoline_addr(SB), RODATA, $PTRSIZE
DATA	·libc_pthread_self_trampoline_addr(SB)/PTRSIZE, $libc_pthread_self_trampoline<>(SB)

TEXT libc_pthread_kill_trampoline<>(SB),NOSPLIT,$0-0
	JMP	libc_pthread_kill(SB)
GLOBL	·libc_pthread_kill_trampoline_addr(SB), RODATA, $PTRSIZE
DATA	·libc_pthread_kill_trampoline_addr(SB)/PTRSIZE, $libc_pthread_kill_trampoline<>(SB)
