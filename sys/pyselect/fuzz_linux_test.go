// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"cmp"
	"math"
	"math/big"
	"slices"
	"strconv"
	"sync"
	"testing"

	"github.com/pyselect/pyselect/sys/builtins"
	"golang.org/x/sys/unix"
)

// epollReadyCall is epoll.poll(v) on a new epoll watching a ready fd.
func epollReadyCall(fd int, v any) (n int, err error, ok bool) {
	ep, err := NewEpoll(-1, 0)
	if err != nil {
		return 0, err, true
	}
	defer ep.Close()
	if err := ep.Register(fd, EPOLLIN); err != nil {
		return 0, err, true
	}
	evs, err := ep.Poll(v, -1)
	return len(evs), err, true
}

// dupOnto makes dst refer to src's file, close-on-exec (dup3(2)).
func dupOnto(src, dst int) error { return unix.Dup3(src, dst, unix.O_CLOEXEC) }

// refEpoll is a bare epoll descriptor, the kernel's own answer to each
// epoll_ctl(2) the fuzzer makes through an Epoll.
var refEpoll = sync.OnceValue(func() int {
	fd, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		panic(err)
	}
	return fd
})

// fuzzEpollFd makes register, modify and unregister on a new Epoll with
// fd argument v and any mask, and checks each against the fd oracle's
// error or, when v converts, the same epoll_ctl(2) on refEpoll.
func fuzzEpollFd(t *testing.T, v any, fd int, ferr *builtins.Error, mask Mask) {
	ep, err := NewEpoll(-1, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer ep.Close()
	own, _ := ep.Fileno()
	ref := refEpoll()
	if ferr == nil && (fd == own || fd == ref) {
		return // an epoll fd in itself is EINVAL: the two differ by design
	}
	ops := []struct {
		name string
		op   int
		call func() error
	}{
		{"register", unix.EPOLL_CTL_ADD, func() error { return ep.Register(v, mask) }},
		{"modify", unix.EPOLL_CTL_MOD, func() error { return ep.Modify(v, mask^EPOLLOUT) }},
		{"unregister", unix.EPOLL_CTL_DEL, func() error { return ep.Unregister(v) }},
		{"unregister again", unix.EPOLL_CTL_DEL, func() error { return ep.Unregister(v) }},
	}
	for i, o := range ops {
		err := o.call()
		if ferr != nil {
			expectErr(t, o.name+"("+strconv.Quote(ferr.Message)+")", err, ferr)
			continue
		}
		m := mask
		if i == 1 {
			m ^= EPOLLOUT
		}
		ev := unix.EpollEvent{Events: uint32(m), Fd: int32(fd)}
		var want error
		if kerr := unix.EpollCtl(ref, o.op, fd, &ev); kerr != nil {
			want = kerr
		}
		expectErr(t, o.name+"("+strconv.Itoa(fd)+", "+strconv.FormatUint(uint64(m), 16)+")", err, want)
	}
	unix.EpollCtl(ref, unix.EPOLL_CTL_DEL, fd, nil)
}

// FuzzMaxevents is epoll.poll(0, maxevents) for any int, on an open and
// on a closed Epoll: OverflowError outside a C int (clinic converts
// first), then the closed check, then ValueError below 1 except -1, and
// EINVAL above EP_MAX_EVENTS.
func FuzzMaxevents(f *testing.F) {
	for _, s := range []int64{-1, 0, 1, -2, 1023, 1024, math.MinInt32, math.MaxInt32, math.MaxInt32 + 1, math.MinInt32 - 1,
		int64(epMaxEvents), int64(epMaxEvents) + 1, math.MaxInt64, math.MinInt64} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, x int64, closed bool) {
		if int64(int(x)) != x {
			t.Skipf("maxevents %d cannot be a Go int on this %d-bit platform", x, strconv.IntSize)
		}
		if x > 1<<16 && x <= int64(epMaxEvents) {
			x = x%(1<<16) + 1 // valid; keep the array small
		}
		ep, err := NewEpoll(-1, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer ep.Close()
		if closed {
			ep.Close()
		}
		var want error
		switch i := big.NewInt(x); {
		case i.Cmp(big.NewInt(math.MinInt32)) < 0 || i.Cmp(big.NewInt(math.MaxInt32)) > 0:
			want = errIntOverflow()
		case closed:
			want = errClosedEpoll()
		case x < 1 && x != -1:
			want = builtins.ValueError.New("maxevents must be greater than 0, got " + strconv.FormatInt(x, 10))
		case x > int64(epMaxEvents):
			want = unix.EINVAL
		}
		evs, err := ep.Poll(0, int(x))
		expectErr(t, "poll(0, "+strconv.FormatInt(x, 10)+")", err, want)
		if err == nil && len(evs) != 0 {
			t.Fatalf("poll(0, %d) on an empty epoll: %v", x, evs)
		}
	})
}

// epollReg is one entry of the kernel's interest list: epoll keys it by
// (open file, fd number), epoll_ctl(2).
type epollReg struct {
	ino  uint64
	fd   int
	mask Mask
}

// FuzzEpollModel runs op sequences on an Epoll against a model of the
// interest list. The model keeps the rules of epoll(7): a registration is
// keyed by the file and the fd number; an fd that is closed while a dup
// keeps its file open stays registered and keeps reporting under the old
// number, and unregister of that number is EBADF (or ENOENT once the
// number is reused by a file not registered under it); closing the last
// fd of a file removes it.
func FuzzEpollModel(f *testing.F) {
	const (
		opRegister = opShared + iota
		opModify
		opUnregister
		opPoll
		opNew
		opCloseEpoll
		opCount
	)
	f.Add([]byte{opPair, 0, 0, opRegister, 0, 0, opPoll, 0, 0, opWrite, 1, 7, opPoll, 0, 0, opClose, 0, 0, opPoll, 0, 0, opUnregister, 0, 0})
	f.Add([]byte{opPair, 0, 0, opRegister, 1, 2, opDup, 1, 0, opClose, 1, 0, opPoll, 0, 0, opUnregister, 1, 0, opWrite, 0, 1, opPoll, 0, 0})
	f.Add([]byte{opPair, 0, 0, opPair, 0, 0, opRegister, 0, 1, opDup, 0, 0, opDup2, 2, 0, opRegister, 0, 1, opPoll, 0, 0, opModify, 0, 2})
	f.Add([]byte{opPair, 0, 0, opRegister, 0, 0, opCloseEpoll, 0, 0, opRegister, 1, 0, opPoll, 0, 0, opNew, 0, 0, opRegister, 0, 0})
	f.Fuzz(func(t *testing.T, ops []byte) {
		w := newWorld(t)
		ep, err := NewEpoll(-1, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { ep.Close() }()
		var regs []epollReg
		find := func(ino uint64, fd int) int {
			return slices.IndexFunc(regs, func(r epollReg) bool { return r.ino == ino && r.fd == fd })
		}
		for len(ops) >= 3 {
			op, a, b := ops[0]%opCount, ops[1], ops[2]
			ops = ops[3:]
			if op < opShared {
				if len(w.step(op, a, b)) > 0 {
					// A file lost a reference: it leaves every epoll
					// once no descriptor refers to it.
					regs = slices.DeleteFunc(regs, func(r epollReg) bool {
						for _, ino := range w.fds {
							if ino == r.ino {
								return false
							}
						}
						return true
					})
				}
				continue
			}
			fd, ok := w.pick(a)
			mask := modelMasks[int(b)%len(modelMasks)]
			ino, open := w.fds[fd]
			var want error
			switch op {
			case opRegister, opModify, opUnregister:
				if !ok {
					continue
				}
				i := find(ino, fd)
				switch {
				case ep.Closed():
					want = errClosedEpoll()
				case !open:
					want = unix.EBADF
				case op == opRegister && i >= 0:
					want = unix.EEXIST
				case op != opRegister && i < 0:
					want = unix.ENOENT
				case op == opRegister:
					regs = append(regs, epollReg{ino, fd, mask})
				case op == opModify:
					regs[i].mask = mask
				default:
					regs = slices.Delete(regs, i, i+1)
				}
				switch op {
				case opRegister:
					err = ep.Register(fd, mask)
				case opModify:
					err = ep.Modify(fd, mask)
				default:
					err = ep.Unregister(fd)
				}
				expectErr(t, "op "+strconv.Itoa(int(op))+" fd "+strconv.Itoa(fd), err, want)
			case opPoll:
				got, err := ep.Poll(0, -1)
				if ep.Closed() {
					expectErr(t, "poll on a closed epoll", err, errClosedEpoll())
					continue
				}
				var want []Event
				for _, r := range regs {
					// The file's readiness, through any fd that refers to it.
					for afd, ino := range w.fds {
						if ino == r.ino {
							if ev := w.readiness(afd, int16(r.mask)); ev != 0 {
								want = append(want, Event{r.fd, ev})
							}
							break
						}
					}
				}
				byFd := func(a, b Event) int { return cmp.Or(cmp.Compare(a.Fd, b.Fd), cmp.Compare(a.Events, b.Events)) }
				slices.SortFunc(got, byFd)
				slices.SortFunc(want, byFd)
				if err != nil || !slices.Equal(got, want) {
					t.Fatalf("poll(0) = %v, %v; the model wants %v (registered %v)", got, err, want, regs)
				}
			case opNew:
				ep.Close()
				if ep, err = NewEpoll(-1, 0); err != nil {
					t.Fatal(err)
				}
				regs = nil
			case opCloseEpoll:
				ep.Close()
				if _, err := ep.Fileno(); !sameErr(err, errClosedEpoll()) {
					t.Fatalf("fileno after close: %v", err)
				}
			}
		}
	})
}
