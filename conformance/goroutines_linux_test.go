// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// rounds scales a loop count down under -short (qemu-user).
func rounds(n int) int {
	if testing.Short() {
		return max(n/10, 1)
	}
	return n
}

// Source: epoll(7) Q&A ("If one thread is blocked in epoll_wait() and
// another adds a file descriptor ... the blocked thread sees it");
// the Epoll doc: "An Epoll may be used from many goroutines at once".
var _ = describe("select.epoll", "goroutines", Label("reliability", "os:linux"), func() {
	It("lets several goroutines register, modify and unregister while others poll the same Epoll, with no error and no foreign fd", Label("api:epoll"), SpecTimeout(time.Minute), func(ctx SpecContext) {
		ep := support.NewEpoll()
		const mutators, pollers, perMutator = 4, 2, 8
		owned := map[int]bool{}
		fds := make([][]int, mutators)
		for m := range fds {
			for range perMutator {
				a, b := support.SocketPair(unix.SOCK_STREAM)
				support.Write(a, []byte("x")) // b readable
				fds[m] = append(fds[m], b)
				owned[b] = true
			}
		}
		var mu sync.Mutex
		var failures []string
		fail := func(s string) { mu.Lock(); failures = append(failures, s); mu.Unlock() }
		stop := make(chan struct{})
		var wg, pw sync.WaitGroup
		seen := make([]int, pollers)
		for i := range pollers {
			pw.Add(1)
			go func() {
				defer pw.Done()
				for {
					select {
					case <-stop:
						return
					default:
					}
					evs, err := ep.Poll(0.001, 64)
					if err != nil {
						fail(fmt.Sprintf("poller: %v", err))
						return
					}
					for _, e := range evs {
						if !owned[e.Fd] {
							fail(fmt.Sprintf("poller: event for fd %d, never registered", e.Fd))
						}
					}
					seen[i] += len(evs)
				}
			}()
		}
		for m := range mutators {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range rounds(500) {
					for _, fd := range fds[m] {
						if err := first(ep.Register(fd, pyselect.EPOLLIN), ep.Modify(fd, pyselect.EPOLLIN|pyselect.EPOLLOUT), ep.Unregister(fd)); err != nil {
							fail(fmt.Sprintf("mutator on fd %d: %v", fd, err))
							return
						}
					}
				}
			}()
		}
		wg.Wait()
		close(stop)
		pw.Wait()
		Expect(failures).To(BeEmpty())
		Expect(ep.Poll(0, -1)).To(BeEmpty(), "every fd was unregistered")
		GinkgoWriter.Printf("pollers saw %v events\n", seen)
	})
})

// Source: the Epoll contract (Close while another goroutine is inside
// Poll: the blocked call is woken and returns ValueError "I/O operation
// on closed epoll object"; the fd is not closed, so its number cannot be
// reused, until that call returns). Go's internal/poll.fdMutex gives
// os.File the same guarantee.
var _ = describe("select.epoll.close", "while another goroutine waits", Label("reliability", "os:linux"), func() {
	It("wakes the blocked Poll on Close, and never touches the descriptors opened right after", Label("api:epoll"), SpecTimeout(2*time.Minute), func(ctx SpecContext) {
		r, _ := support.Pipe() // never ready
		for range rounds(200) {
			ep, err := pyselect.NewEpoll(-1, 0)
			Expect(err).NotTo(HaveOccurred())
			epfd := support.EpollFileno(ep)
			Expect(ep.Register(r, pyselect.EPOLLIN)).To(Succeed())
			done := make(chan error, 2)
			go func() { _, err := ep.Poll(nil, -1); done <- err }()
			go func() { _, err := ep.Wait(make([]unix.EpollEvent, 8), -1); done <- err }()
			regDone := make(chan error, 1)
			runtime.Gosched()
			go func() { regDone <- ep.Modify(r, pyselect.EPOLLIN|pyselect.EPOLLOUT) }()
			Expect(ep.Close()).To(Succeed())

			// Tempt reuse of the epoll fd's number: open pipes at once.
			var tempt [][2]int
			for range 4 {
				var p [2]int
				Expect(unix.Pipe2(p[:], unix.O_CLOEXEC|unix.O_NONBLOCK)).To(Succeed())
				tempt = append(tempt, p)
			}
			for range 2 {
				Eventually(done).WithTimeout(10 * time.Second).Should(Receive(support.Raise(builtins.ValueError, "I/O operation on closed epoll object")))
			}
			// Modify raced with Close: it either ran first, or saw the
			// object closed; never EBADF or EINVAL from a dead or reused
			// number.
			var modErr error
			Eventually(regDone).WithTimeout(10 * time.Second).Should(Receive(&modErr))
			if modErr != nil {
				Expect(modErr).To(support.Raise(builtins.ValueError, "I/O operation on closed epoll object"))
			}
			// Every pipe opened after Close is intact and works: none was
			// closed, drained or registered by the closing Epoll, also
			// when it reused the epoll fd's number.
			for _, p := range tempt {
				for _, fd := range p {
					var st unix.Stat_t
					Expect(unix.Fstat(fd, &st)).To(Succeed(), "fd %d (the epoll fd was %d)", fd, epfd)
					Expect(st.Mode & unix.S_IFMT).To(Equal(uint32(unix.S_IFIFO)))
				}
				support.Write(p[1], []byte("ok"))
				buf := make([]byte, 4)
				n, err := unix.Read(p[0], buf)
				Expect(err).NotTo(HaveOccurred())
				Expect(string(buf[:n])).To(Equal("ok"))
				unix.Close(p[0])
				unix.Close(p[1])
			}
		}
	})
})

// Source: SEMANTICS.md#poll-concurrency and CPython
// test_poll.py::test_threaded_poll: while one thread is inside poll(),
// another poll() on the same object raises RuntimeError "concurrent
// poll() invocation"; register from another thread is allowed.
var _ = describe("select.poll.poll", "goroutines", Label("reliability", "os:linux"), func() {
	It("makes a second Poll.Poll on one poll object RuntimeError while the first is blocked", Label("api:poll"), SpecTimeout(time.Minute), func(ctx SpecContext) {
		r, w := support.Pipe()
		r2, w2 := support.Pipe()
		p := pyselect.NewPoll()
		Expect(p.Register(r, pyselect.POLLIN)).To(Succeed())
		type result struct {
			evs []pyselect.Event
			err error
		}
		done := make(chan result, 1)
		go func() {
			for {
				evs, err := p.Poll(nil)
				if builtins.ExceptionOf(err) == builtins.RuntimeError {
					continue // lost the start to the probe below: poll again
				}
				done <- result{evs, err}
				return
			}
		}()
		Eventually(func() error { _, err := p.Poll(0); return err }).WithTimeout(10 * time.Second).WithPolling(time.Millisecond).
			Should(support.Raise(builtins.RuntimeError, "concurrent poll() invocation"))
		Expect(p.Register(r2, pyselect.POLLIN)).To(Succeed(), "register during a poll is allowed")
		support.Write(w2, []byte("x")) // not seen by the poll in flight
		Consistently(done).WithTimeout(50 * time.Millisecond).ShouldNot(Receive())
		support.Write(w, []byte("x"))
		var res result
		Eventually(done).WithTimeout(10 * time.Second).Should(Receive(&res))
		Expect(res.err).NotTo(HaveOccurred())
		Expect(res.evs).To(Equal([]pyselect.Event{{Fd: r, Events: pyselect.POLLIN}}))
		Expect(p.Poll(0)).To(Equal([]pyselect.Event{{Fd: r, Events: pyselect.POLLIN}, {Fd: r2, Events: pyselect.POLLIN}}))
	})
})
