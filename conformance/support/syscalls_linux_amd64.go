// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package support

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"syscall"

	"golang.org/x/sys/unix"
)

// CanTraceSyscalls says whether TraceSyscalls works on this platform.
const CanTraceSyscalls = true

// TraceSyscalls runs argv (with env) under ptrace(2), as strace -f does,
// and returns the socket-related system calls it makes, in order, per
// segment: a segment begins where the program calls write(-1, name, n)
// (which fails with EBADF; Python: os.write(-1, b"name"), Go:
// unix.Write(-1, []byte("name"))) and ends at the next such call. Only the
// calls of the thread that wrote the segment's name count (a Go program
// locks its scenario to one thread: the runtime's other threads poll its
// own epoll and wake each other). Calls outside every segment, and calls
// not in the list below (the Go runtime's futex and nanosleep, the
// interpreter's mmap), are left out; ioctl and
// fcntl are named with their request ("ioctl(FIONBIO)"), so that an
// interpreter's isatty check (TCGETS) is told apart. Standard output is
// discarded; the program's exit status is an error when not 0.
func TraceSyscalls(argv, env []string) (map[string][]string, error) {
	runtime.LockOSThread() // ptrace(2) requests come from the tracing thread
	defer runtime.UnlockOSThread()
	devnull, err := os.Open(os.DevNull)
	if err != nil {
		return nil, err
	}
	defer devnull.Close()
	p, err := os.StartProcess(argv[0], argv, &os.ProcAttr{
		Env:   env,
		Files: []*os.File{devnull, devnull, os.Stderr},
		Sys:   &syscall.SysProcAttr{Ptrace: true, Pdeathsig: syscall.SIGKILL},
	})
	if err != nil {
		return nil, err
	}
	defer p.Release() // its pidfd; the child is reaped with wait4 below
	pid := p.Pid
	var ws unix.WaitStatus
	if _, err := unix.Wait4(pid, &ws, 0, nil); err != nil {
		return nil, err
	}
	err = unix.PtraceSetOptions(pid, unix.PTRACE_O_TRACESYSGOOD|unix.PTRACE_O_TRACECLONE|unix.PTRACE_O_EXITKILL)
	if err != nil {
		p.Kill()
		return nil, err
	}
	segs := map[string][]string{}
	seg, segTid := "", 0
	inCall := map[int]bool{}
	unix.PtraceSyscall(pid, 0)
	status := 0
	for {
		wpid, err := unix.Wait4(-1, &ws, unix.WALL, nil)
		if err == unix.ECHILD {
			break
		}
		if err != nil {
			if err == unix.EINTR {
				continue
			}
			return nil, err
		}
		switch {
		case ws.Exited() || ws.Signaled():
			if wpid == pid {
				status = ws.ExitStatus()
				if ws.Signaled() {
					status = 128 + int(ws.Signal())
				}
			}
			delete(inCall, wpid)
			continue
		case !ws.Stopped():
			continue
		}
		sig := ws.StopSignal()
		switch {
		case sig == unix.SIGTRAP|0x80: // a system call's entry or exit
			inCall[wpid] = !inCall[wpid]
			if inCall[wpid] {
				var r unix.PtraceRegs
				if unix.PtraceGetRegs(wpid, &r) == nil {
					if name, ok := marker(wpid, &r); ok {
						seg, segTid = name, wpid
					} else if c := callName(&r); c != "" && seg != "" && wpid == segTid {
						segs[seg] = append(segs[seg], c)
					}
				}
			}
			sig = 0
		case sig == unix.SIGTRAP, sig == unix.SIGSTOP:
			sig = 0 // an event stop (clone, exec) or a new thread's first stop
		}
		unix.PtraceSyscall(wpid, int(sig))
	}
	if status != 0 {
		return segs, fmt.Errorf("%s exited with status %d", argv[0], status)
	}
	return segs, nil
}

// marker reports the segment name of a write(-1, name, n).
func marker(pid int, r *unix.PtraceRegs) (string, bool) {
	if r.Orig_rax != unix.SYS_WRITE || int32(r.Rdi) != -1 || r.Rdx > 64 {
		return "", false
	}
	buf := make([]byte, r.Rdx)
	if _, err := unix.PtracePeekData(pid, uintptr(r.Rsi), buf); err != nil {
		return "", false
	}
	return string(bytes.TrimSpace(buf)), true
}

var traced = map[uint64]string{
	unix.SYS_SOCKET: "socket", unix.SYS_SOCKETPAIR: "socketpair", unix.SYS_BIND: "bind",
	unix.SYS_LISTEN: "listen", unix.SYS_ACCEPT: "accept", unix.SYS_ACCEPT4: "accept4",
	unix.SYS_CONNECT: "connect", unix.SYS_GETSOCKNAME: "getsockname", unix.SYS_GETPEERNAME: "getpeername",
	unix.SYS_SETSOCKOPT: "setsockopt", unix.SYS_GETSOCKOPT: "getsockopt", unix.SYS_SHUTDOWN: "shutdown",
	unix.SYS_RECVFROM: "recvfrom", unix.SYS_RECVMSG: "recvmsg", unix.SYS_SENDTO: "sendto",
	unix.SYS_SENDMSG: "sendmsg", unix.SYS_READ: "read", unix.SYS_WRITE: "write",
	unix.SYS_POLL: "poll", unix.SYS_PPOLL: "ppoll", unix.SYS_SELECT: "select", unix.SYS_PSELECT6: "pselect6",
	unix.SYS_EPOLL_WAIT: "epoll_wait", unix.SYS_EPOLL_PWAIT: "epoll_pwait", unix.SYS_EPOLL_CTL: "epoll_ctl",
	unix.SYS_EPOLL_CREATE1: "epoll_create1", unix.SYS_CLOSE: "close", unix.SYS_DUP: "dup", unix.SYS_DUP3: "dup3",
	unix.SYS_IOCTL: "ioctl", unix.SYS_FCNTL: "fcntl",
}

var requests = map[uint64]string{
	0x5421: "FIONBIO", 0x5401: "TCGETS",
	unix.F_GETFL: "F_GETFL", unix.F_SETFL: "F_SETFL", unix.F_GETFD: "F_GETFD", unix.F_SETFD: "F_SETFD",
	unix.F_DUPFD_CLOEXEC: "F_DUPFD_CLOEXEC",
}

// callName names a traced call, "" for one left out.
func callName(r *unix.PtraceRegs) string {
	name, ok := traced[r.Orig_rax]
	if !ok {
		return ""
	}
	if name == "ioctl" || name == "fcntl" {
		req, ok := requests[r.Rsi&0xffffffff]
		if !ok {
			req = fmt.Sprintf("%#x", r.Rsi)
		}
		name += "(" + req + ")"
	}
	return name
}
