// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package pyselect

import (
	"slices"
	"strconv"
	"testing"

	"github.com/pyselect/pyselect/sys/builtins"
	"golang.org/x/sys/unix"
)

// Model-based fuzzing: a fuzz input is a sequence of operations on a few
// socket pairs and one poll (or epoll) object. A small reference model
// keeps what the object must hold (which fds are registered, with which
// mask) and says what each call must return; which descriptors are ready
// is asked of the kernel, fd by fd, with poll(2).

// A world is the descriptors an op sequence owns: each open fd number and
// the file (socket inode) it refers to, and the numbers it has used, open
// or closed, for ops to pick from.
type world struct {
	t    *testing.T
	fds  map[int]uint64
	nums []int
}

const (
	worldMaxFds  = 16 // open descriptors at most
	worldMaxNums = 10 // fd numbers ops choose from
)

func newWorld(t *testing.T) *world {
	w := &world{t: t, fds: make(map[int]uint64)}
	t.Cleanup(func() {
		for fd := range w.fds {
			unix.Close(fd)
		}
	})
	return w
}

func (w *world) use(fd int) {
	w.nums = slices.DeleteFunc(w.nums, func(n int) bool { return n == fd })
	w.nums = append(w.nums, fd)
	if len(w.nums) > worldMaxNums {
		w.nums = w.nums[1:]
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		w.t.Fatal(err)
	}
	w.fds[fd] = st.Ino
}

// pick chooses an fd number; ok is false when there is none, or when the
// number was closed and something outside the sequence has reopened it
// (the model cannot know that file).
func (w *world) pick(b byte) (fd int, ok bool) {
	if len(w.nums) == 0 {
		return -1, false
	}
	fd = w.nums[int(b)%len(w.nums)]
	if _, mine := w.fds[fd]; !mine && isOpen(fd) {
		return -1, false
	}
	return fd, true
}

// The operations every model shares, on the descriptors alone.
const (
	opPair = iota
	opClose
	opDup
	opDup2
	opWrite
	opDrain
	opShared // first op code of a model's own
)

// step runs a shared op; closed reports the fd numbers whose files lost
// a reference (a close or a dup2 over them), before the change.
func (w *world) step(op, a, b byte) (closed []int) {
	switch op {
	case opPair:
		if len(w.fds)+2 > worldMaxFds {
			return nil
		}
		p, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM, 0)
		if err != nil {
			w.t.Fatal(err)
		}
		for _, fd := range p {
			unix.CloseOnExec(fd)
			if err := unix.SetNonblock(fd, true); err != nil {
				w.t.Fatal(err)
			}
		}
		w.use(p[0])
		w.use(p[1])
	case opClose:
		if fd, ok := w.pick(a); ok {
			if _, open := w.fds[fd]; open {
				unix.Close(fd)
				delete(w.fds, fd)
				return []int{fd}
			}
		}
	case opDup:
		if fd, ok := w.pick(a); ok && len(w.fds) < worldMaxFds {
			if _, open := w.fds[fd]; open {
				// F_DUPFD and then FD_CLOEXEC, as AIX has no
				// F_DUPFD_CLOEXEC; these tests start no process.
				nfd, err := unix.FcntlInt(uintptr(fd), unix.F_DUPFD, 0)
				if err != nil {
					w.t.Fatal(err)
				}
				unix.CloseOnExec(nfd)
				w.use(nfd)
			}
		}
	case opDup2:
		// The number dst comes to refer to another file: an fd reused
		// by a new file after close.
		src, ok1 := w.pick(a)
		dst, ok2 := w.pick(b)
		_, srcOpen := w.fds[src]
		if !ok1 || !ok2 || !srcOpen || src == dst {
			return nil
		}
		_, dstOpen := w.fds[dst]
		if err := dupOnto(src, dst); err != nil {
			w.t.Fatal(err)
		}
		ino := w.fds[src]
		delete(w.fds, dst)
		if dstOpen {
			closed = []int{dst}
		}
		w.fds[dst] = ino
	case opWrite:
		if fd, ok := w.pick(a); ok {
			if _, open := w.fds[fd]; open {
				unix.Write(fd, []byte{b}) // EPIPE/EAGAIN are states too
			}
		}
	case opDrain:
		if fd, ok := w.pick(a); ok {
			if _, open := w.fds[fd]; open {
				var buf [512]byte
				unix.Read(fd, buf[:])
			}
		}
	}
	return closed
}

// readiness is what poll(2) reports for fd alone with mask, now.
func (w *world) readiness(fd int, mask int16) Mask {
	ev, err := kernelPoll(fd, mask)
	if err != nil {
		w.t.Fatal(err)
	}
	return ev
}

// kernelPoll is poll(2) on fd alone with timeout 0, retried on EINTR
// (which even a zero timeout can get: Go's preemption signal).
func kernelPoll(fd int, mask int16) (Mask, error) {
	pfd := []unix.PollFd{{Fd: int32(fd)}}
	setEvents(&pfd[0].Events, uint16(mask))
	for {
		_, err := unix.Poll(pfd, 0)
		if err != unix.EINTR {
			return Mask(uint16(pfd[0].Revents)), err
		}
	}
}

// modelMasks are the masks models register with: level-triggered
// combinations of the bits poll(2) and epoll(7) share.
var modelMasks = []Mask{POLLIN, POLLOUT, POLLIN | POLLOUT, POLLIN | POLLPRI | POLLOUT, POLLPRI, 0}

// expectErr fails unless err is want (nil, an *Error by class and
// message, or an errno's OSError).
func expectErr(t *testing.T, what string, err error, want error) {
	t.Helper()
	switch w := want.(type) {
	case nil:
		if err != nil {
			t.Fatalf("%s: %v, the model wants no error", what, err)
		}
	case *builtins.Error:
		if !sameErr(err, w) {
			t.Fatalf("%s: %v, the model wants %v", what, err, w)
		}
	case unix.Errno:
		if !sameErr(err, builtins.AsError(w)) {
			t.Fatalf("%s: %v, the model wants %v", what, err, builtins.AsError(w))
		}
	}
}

// pollModel is the reference poll object: CPython's dict of fd -> mask,
// in insertion order.
type pollModel struct {
	fds   []int
	masks map[int]Mask
}

func (m *pollModel) set(fd int, mask Mask) {
	if _, ok := m.masks[fd]; !ok {
		m.fds = append(m.fds, fd)
	}
	m.masks[fd] = mask
}

func FuzzPollModel(f *testing.F) {
	f.Add([]byte{opPair, 0, 0, opShared, 0, 0, opShared + 3, 0, 0, opWrite, 1, 7, opShared + 3, 0, 0, opClose, 0, 0, opShared + 3, 0, 0})
	f.Add([]byte{opPair, 0, 0, opShared, 1, 2, opShared + 2, 1, 0, opShared + 2, 1, 0, opShared + 1, 1, 1, opShared + 3, 0, 0})
	f.Add([]byte{opPair, 0, 0, opDup, 0, 0, opShared, 0, 1, opShared, 2, 1, opDup2, 1, 0, opShared + 3, 0, 0, opShared + 4, 0, 0})
	f.Fuzz(func(t *testing.T, ops []byte) {
		w := newWorld(t)
		p := NewPoll()
		m := &pollModel{masks: make(map[int]Mask)}
		for len(ops) >= 3 {
			op, a, b := ops[0]%(opShared+5), ops[1], ops[2]
			ops = ops[3:]
			if op < opShared {
				w.step(op, a, b) // poll keeps closed fds registered (POLLNVAL)
				continue
			}
			fd, ok := w.pick(a)
			mask := modelMasks[int(b)%len(modelMasks)]
			switch op - opShared {
			case 0: // register: never checks the fd, keeps its place
				if ok {
					expectErr(t, "register", p.Register(fd, mask), nil)
					m.set(fd, mask)
				}
			case 1: // modify
				if ok {
					_, reg := m.masks[fd]
					var want error = unix.ENOENT
					if reg {
						want = nil
						m.set(fd, mask)
					}
					expectErr(t, "modify", p.Modify(fd, mask), want)
				}
			case 2: // unregister
				if ok {
					var want error = builtins.KeyError.New(strconv.Itoa(fd))
					if _, reg := m.masks[fd]; reg {
						want = nil
						delete(m.masks, fd)
						m.fds = slices.DeleteFunc(m.fds, func(n int) bool { return n == fd })
					}
					expectErr(t, "unregister", p.Unregister(fd), want)
				}
			case 3: // poll(0): every registered fd with events, in order
				var want []Event
				for _, fd := range m.fds {
					if ev := w.readiness(fd, int16(m.masks[fd])); ev != 0 {
						want = append(want, Event{fd, ev})
					}
				}
				got, err := p.Poll(0)
				if err != nil || !slices.Equal(got, want) {
					t.Fatalf("poll(0) = %v, %v; the model wants %v", got, err, want)
				}
			case 4: // a new object
				p, m = NewPoll(), &pollModel{masks: make(map[int]Mask)}
			}
		}
	})
}
