// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"fmt"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support/waitfor"
)

// benchEpoll is an Epoll watching fds for EPOLLIN, closed when b ends.
func benchEpoll(b *testing.B, fds []int) *Epoll {
	b.Helper()
	ep, err := NewEpoll(-1, 0)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ep.Close() })
	for _, fd := range fds {
		if err := ep.Register(fd, EPOLLIN); err != nil {
			b.Fatal(err)
		}
	}
	return ep
}

// benchEpollWait runs the three ways to wait on ep with timeout 0, each
// expecting ready events: raw unix.EpollWait, Epoll.Wait into the same
// array, and Python's epoll.poll(0) (maxevents -1, FD_SETSIZE-1 events,
// which the raw array matches).
func benchEpollWait(b *testing.B, ep *Epoll, ready int) {
	events := make([]unix.EpollEvent, FD_SETSIZE-1)
	b.Run("impl=raw", func(b *testing.B) {
		efd, _ := ep.Fileno()
		b.ReportAllocs()
		for b.Loop() {
			n, err := unix.EpollWait(efd, events, 0)
			checkReady(b, n, ready, err)
		}
	})
	b.Run("impl=Wait", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			n, err := ep.Wait(events, 0)
			checkReady(b, n, ready, err)
		}
	})
	b.Run("impl=Poll", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			evs, err := ep.Poll(0, -1)
			checkReady(b, len(evs), ready, err)
		}
	})
}

// BenchmarkEpollPoll: 1, 10 and 100 ready of 100 registered.
func BenchmarkEpollPoll(b *testing.B) {
	for _, ready := range []int{1, 10, 100} {
		b.Run(fmt.Sprintf("ready=%d", ready), func(b *testing.B) {
			benchEpollWait(b, benchEpoll(b, watchedFds(b, 100, ready)), ready)
		})
	}
}

// BenchmarkEpollScaling: benchReady ready of 10 to 10,000 registered. The
// cost follows the ready events, not the registered fds (epoll(7)).
func BenchmarkEpollScaling(b *testing.B) {
	for _, n := range []int{10, 100, 1000, 10000} {
		b.Run(fmt.Sprintf("fds=%d", n), func(b *testing.B) {
			benchEpollWait(b, benchEpoll(b, watchedFds(b, n, benchReady)), benchReady)
		})
	}
}

// BenchmarkEpollCtl: register then unregister one fd (EPOLL_CTL_ADD and
// EPOLL_CTL_DEL), and modify (EPOLL_CTL_MOD) between two masks.
func BenchmarkEpollCtl(b *testing.B) {
	fd := watchedFds(b, 1, 0)[0]
	ep := benchEpoll(b, nil)
	efd, _ := ep.Fileno()
	masks := [2]Mask{EPOLLIN, EPOLLIN | EPOLLOUT}

	b.Run("op=register+unregister/impl=raw", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ev := unix.EpollEvent{Events: unix.EPOLLIN, Fd: int32(fd)}
			if err := unix.EpollCtl(efd, unix.EPOLL_CTL_ADD, fd, &ev); err != nil {
				b.Fatal(err)
			}
			if err := unix.EpollCtl(efd, unix.EPOLL_CTL_DEL, fd, &ev); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("op=register+unregister/impl=pyselect", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := ep.Register(fd, EPOLLIN); err != nil {
				b.Fatal(err)
			}
			if err := ep.Unregister(fd); err != nil {
				b.Fatal(err)
			}
		}
	})

	if err := ep.Register(fd, EPOLLIN); err != nil {
		b.Fatal(err)
	}
	b.Run("op=modify/impl=raw", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			i++
			ev := unix.EpollEvent{Events: uint32(masks[i&1]), Fd: int32(fd)}
			if err := unix.EpollCtl(efd, unix.EPOLL_CTL_MOD, fd, &ev); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("op=modify/impl=pyselect", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			i++
			if err := ep.Modify(fd, masks[i&1]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkEpollWake: a blocking wait that an event ends, as a server's
// loop sleeps and is woken. Two goroutines pass a byte back and forth
// through two pipes, each waiting in its own Epoll with timeout -1; one
// iteration is two wake-ups. impl=raw is unix.EpollWait; impl=Wait and
// impl=Poll add the close protocol's way of waiting.
func BenchmarkEpollWake(b *testing.B) {
	waits := map[string]func(ep *Epoll, evs []unix.EpollEvent) error{
		"raw": func(ep *Epoll, evs []unix.EpollEvent) error {
			efd, _ := ep.Fileno()
			for {
				_, err := unix.EpollWait(efd, evs, -1)
				if err != unix.EINTR {
					return err
				}
			}
		},
		"Wait": func(ep *Epoll, evs []unix.EpollEvent) error { _, err := ep.Wait(evs, -1); return err },
		"Poll": func(ep *Epoll, _ []unix.EpollEvent) error { _, err := ep.Poll(nil, -1); return err },
	}
	for _, impl := range []string{"raw", "Wait", "Poll"} {
		wait := waits[impl]
		b.Run("impl="+impl, func(b *testing.B) {
			var p1, p2 [2]int
			for _, p := range []*[2]int{&p1, &p2} {
				if err := unix.Pipe2(p[:], unix.O_CLOEXEC); err != nil {
					b.Fatal(err)
				}
				b.Cleanup(func() { unix.Close(p[0]); unix.Close(p[1]) })
			}
			a, c := benchEpoll(b, []int{p1[0]}), benchEpoll(b, []int{p2[0]})
			done := make(chan struct{})
			go func() {
				defer close(done)
				evs, buf := make([]unix.EpollEvent, 1), make([]byte, 1)
				for {
					if wait(c, evs) != nil {
						return
					}
					unix.Read(p2[0], buf)
					if buf[0] == 0 {
						return
					}
					unix.Write(p1[1], buf)
				}
			}()
			evs, buf := make([]unix.EpollEvent, 1), []byte{1}
			b.ReportAllocs()
			for b.Loop() {
				unix.Write(p2[1], []byte{1})
				if err := wait(a, evs); err != nil {
					b.Fatal(err)
				}
				unix.Read(p1[0], buf)
			}
			unix.Write(p2[1], []byte{0})
			waitfor.Recv(b, done, 10*time.Second, "the echoing goroutine to stop")
		})
	}
}

// BenchmarkEpollNew: NewEpoll then Close, the lifetime of an Epoll with
// nothing registered (epoll_create1, one close(2), and the collector's
// cleanup added and cancelled).
func BenchmarkEpollNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		ep, err := NewEpoll(-1, 0)
		if err != nil {
			b.Fatal(err)
		}
		ep.Close()
	}
}
