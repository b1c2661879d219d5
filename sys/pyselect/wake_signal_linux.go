// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"golang.org/x/sys/unix"
)

// newWaker: an Epoll's waker (wake_signal.go) signals every thread listed
// in /proc/self/task, from a descriptor opened once, with the first Epoll
// (threads). Linux has no way to name the thread a goroutine runs on
// without gettid(2), a system call per wait; where the task directory
// cannot be opened (a /proc that hides it), waiters record their gettid(2)
// in the object's threadSet instead, one more system call per blocking
// wait, only there.
//
// The designs measured against each other (linux/amd64, Linux 6.x, this
// package's tests: TestEpollWaitSyscallsUnderStrace counts with strace -f,
// TestEpollOneWaiterWokenPerEvent counts the waiting threads' voluntary
// context switches, 16 waiters and 100 edge-triggered events):
//
//	design                                  fds  syscalls per wait       wake-ups
//	                                             ready  blocking         per event
//	eventfd beside; epoll_wait(0), ppoll,    2    1      3 (ppoll + 2)     15.3
//	  epoll_wait(0)
//	signal to the waiters (this)            1    1      1                  1.3
//
// Close wakes 8 blocked waiters in 0.6 to 0.8 ms (TestEpollCloseWakesEveryWaiter).
//
// The eventfd made beside the instance could not be in it: an eventfd
// added to the instance (as runtime/netpoll_epoll.go and mio do) is seen
// by every dup of it and makes an epoll watching it readable. Waiting in
// ppoll(2) for both put every waiter in the instance's wait queue
// non-exclusively, so each event woke them all, and ppoll with two fds
// fails with EINVAL at RLIMIT_NOFILE 0 or 1.
func newWaker(int) (waker, error) {
	if threads.open() {
		return waker{}, nil
	}
	return waker{ids: new(threadSet)}, nil
}

// signalAll sends SIGURG to every thread of the process.
func signalAll() { threads.signal() }

// threadSelf is gettid(2).
func threadSelf() uintptr { return uintptr(unix.Gettid()) }

// signalThread is tgkill(2) of SIGURG.
func signalThread(tid uintptr) { unix.Tgkill(threads.pid, int(tid), unix.SIGURG) }

// threads is the process's /proc/self/task, whose entries are its
// threads' ids (proc(5)).
//
// It is opened before the first Epoll's epoll_create1 and moved to the
// last slot of the process's descriptor table as it is then (proc(5):
// FDSize in /proc/self/status; 64 slots in a new process), so that
// neither of two things a program can see changes. The Epoll, and every
// descriptor after it, gets the number it would get in CPython, up to
// that slot: a program that prints or compares fd numbers sees the
// original's. And the table does not grow: its size decides which
// never-opened numbers Linux's select(2) ignores (fs/select.c:
// core_sys_select clips n to it), which a move to a high number such as
// FD_SETSIZE changed. Where that slot is taken the descriptor stays at the
// lowest free number, and later numbers are one above CPython's. Where
// /proc/self/task cannot be opened, dir stays -1 and waiters record their
// thread ids instead. A program that dup2(2)s over this number (as over
// Go's own netpoll descriptor) takes it from the package: Close's signals
// then find no thread, and a blocked call returns at its timeout.
var threads threadsT

type threadsT struct {
	once sync.Once
	mu   sync.Mutex
	dir  int
	pid  int
	buf  [4096]byte // getdents64 records, under mu
}

// taskDirPath is what threads opens; tests point it elsewhere to take the
// recorded-ids path.
var taskDirPath = "/proc/self/task"

// open opens the task directory once, and reports whether it is open.
func (t *threadsT) open() bool {
	t.once.Do(func() {
		t.dir = -1
		t.pid = unix.Getpid()
		fd, err := unix.Open(taskDirPath, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		if err != nil {
			return
		}
		if last := fdTableSize() - 1; fd < last {
			if moved, err := unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, last); err == nil {
				if moved == last {
					unix.Close(fd)
					fd = moved
				} else {
					unix.Close(moved) // the last slot is taken: the table would grow
				}
			}
		}
		t.dir = fd
	})
	return t.dir >= 0
}

// fdTableSize is the size of the process's descriptor table, FDSize in
// /proc/self/status, or 0 when it cannot be read.
func fdTableSize() int {
	f, err := unix.Open("/proc/self/status", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return 0
	}
	defer unix.Close(f)
	var buf [4096]byte
	n, _ := unix.Read(f, buf[:])
	_, v, ok := strings.Cut(string(buf[:max(n, 0)]), "\nFDSize:")
	if !ok {
		return 0
	}
	v, _, _ = strings.Cut(v, "\n")
	size, _ := strconv.Atoi(strings.TrimSpace(v))
	return size
}

// signal sends SIGURG to every thread of the process: one getdents64(2)
// per 4 KiB of entries (about 170 threads) and a tgkill(2) per thread. It
// needs no descriptor and allocates nothing.
func (t *threadsT) signal() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, err := unix.Seek(t.dir, 0, 0); err != nil {
		return
	}
	for {
		n, err := unix.Getdents(t.dir, t.buf[:])
		if err == unix.EINTR {
			continue
		}
		if err != nil || n <= 0 {
			return
		}
		for b := t.buf[:n]; len(b) >= 19; {
			// struct linux_dirent64: ino u64, off s64, reclen u16, type u8, name.
			reclen := int(*(*uint16)(unsafe.Pointer(&b[16])))
			if reclen < 19 || reclen > len(b) {
				break
			}
			if tid, ok := atoiName(b[19:reclen]); ok {
				unix.Tgkill(t.pid, tid, unix.SIGURG)
			}
			b = b[reclen:]
		}
	}
}

// atoiName reads a NUL-terminated decimal name; "." and ".." are not one.
func atoiName(b []byte) (n int, ok bool) {
	for _, c := range b {
		if c == 0 {
			break
		}
		if c < '0' || c > '9' {
			return 0, false
		}
		n, ok = n*10+int(c-'0'), true
	}
	return n, ok
}
