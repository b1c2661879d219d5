// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"fmt"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// leakCycles is how many create/use/close cycles each object goes
// through; fewer under -short (qemu-user).
func leakCycles() int {
	if testing.Short() {
		return 5000
	}
	return 100000
}

// pollChurn is how many fds the memory spec registers in a Poll and
// unregisters; fewer under -short: qemu-user copies a poll(2) array onto
// its thread's stack (alloca in do_ppoll), and its threads have 256 KiB
// stacks, so a 100,000-entry poll crashes the emulator (QEMU internal
// SIGSEGV) before the kernel refuses it.
func pollChurn() int {
	if testing.Short() {
		return 10000
	}
	return 100000
}

// expectNoGrowth runs cycle n times and checks that the process ends with
// the descriptors and goroutines it began with. A cycle reports a wrong
// result as an error (plain checks: Gomega per call would dominate the
// time under -race).
func expectNoGrowth(what string, n int, cycle func() error) {
	GinkgoHelper()
	fdsBefore, gBefore := support.OpenFds(), runtime.NumGoroutine()
	for i := range n {
		if err := cycle(); err != nil {
			Fail(fmt.Sprintf("%s, cycle %d: %v", what, i, err))
		}
	}
	// No descriptor open now that was not open before. (One open before
	// may have closed meanwhile: a late cleanup of an earlier spec.)
	var fdsAfter []int
	Eventually(func() []int {
		fdsAfter = support.OpenFds()
		var grown []int
		for _, fd := range fdsAfter {
			if !slices.Contains(fdsBefore, fd) {
				grown = append(grown, fd)
			}
		}
		return grown
	}).WithTimeout(5*time.Second).WithPolling(20*time.Millisecond).Should(BeEmpty(), what+": descriptors open now and not before")
	var gAfter int
	Eventually(func() int { gAfter = runtime.NumGoroutine(); return gAfter }).
		WithTimeout(5*time.Second).WithPolling(20*time.Millisecond).Should(BeNumerically("<=", gBefore), what+": goroutines")
	AddReportEntry("leaks: "+what, fmt.Sprintf("%d cycles: fds %d -> %d, goroutines %d -> %d", n, len(fdsBefore), len(fdsAfter), gBefore, gAfter))
	GinkgoWriter.Printf("leaks: %s: %d cycles: fds %d -> %d, goroutines %d -> %d\n", what, n, len(fdsBefore), len(fdsAfter), gBefore, gAfter)
}

// first returns the first non-nil error.
func first(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Source: Python docs, epoll.close ("Close the control file descriptor
// of the epoll object"); CPython test_epoll.py::test_close (close is
// idempotent); epoll_create1(2), epoll_ctl(2).
var _ = describe("select.epoll", "leaks", Label("reliability", "os:linux"), func() {
	It("leaves the fd and goroutine counts unchanged after create/register/poll/close cycles of Epoll, and Close is idempotent", Label("api:epoll"), SpecTimeout(2*time.Minute), func(ctx SpecContext) {
		r, w := support.Pipe()
		support.Write(w, []byte("x"))
		expectNoGrowth("Epoll", leakCycles(), func() error {
			ep, err := pyselect.NewEpoll(-1, 0)
			if err != nil {
				return err
			}
			defer ep.Close()
			if err := ep.Register(r, pyselect.EPOLLIN); err != nil {
				return err
			}
			evs, err := ep.Poll(0, -1)
			if err != nil {
				return err
			}
			if len(evs) != 1 {
				return fmt.Errorf("poll(0) = %v, want the ready pipe", evs)
			}
			err = first(ep.Modify(r, pyselect.EPOLLOUT), ep.Unregister(r), ep.Close(), ep.Close())
			if _, ferr := ep.Fileno(); err == nil && (!ep.Closed() || builtins.ExceptionOf(ferr) != builtins.ValueError) {
				return fmt.Errorf("after Close: Closed() %v, Fileno() error %v", ep.Closed(), ferr)
			}
			return err
		})
	})
})

// Source: Python docs, select.poll ("Returns a polling object");
// poll(2). A Poll holds no descriptor; its cycles must hold nothing.
var _ = describe("select.poll", "leaks", Label("reliability", "os:linux"), func() {
	It("leaves the fd and goroutine counts unchanged after create/register/poll/unregister cycles of Poll and calls of Select", Label("api:poll", "api:select"), SpecTimeout(2*time.Minute), func(ctx SpecContext) {
		r, w := support.Pipe()
		support.Write(w, []byte("x"))
		expectNoGrowth("Poll and Select", leakCycles(), func() error {
			p := pyselect.NewPoll()
			if err := p.Register(r, pyselect.POLLIN); err != nil {
				return err
			}
			evs, err := p.Poll(0)
			if err := first(err, p.Unregister(r)); err != nil {
				return err
			}
			rr, ww, _, err := pyselect.Select([]int{r}, []int{w}, nil, 0)
			if err == nil && (len(evs) != 1 || len(rr)+len(ww) != 2) {
				err = fmt.Errorf("poll(0) = %v, select = %v %v: want the ready pipe", evs, rr, ww)
			}
			return err
		})
	})
})

// Source: epoll(7) Q6 (closing an fd removes it from every interest
// list it is in); Modules/selectmodule.c: update_ufd_array (poll's
// pollfd array is resized to the registered fds on every change).
// An object holds memory for what is registered now, not for the most
// it ever held.
var _ = describe("select.epoll", "memory", Label("reliability", "os:linux"), Label("memory"), func() {
	When("many fds came and went", func() {
		It("leaves an Epoll with fds closed unregistered, and a Poll with fds unregistered, holding little memory", Label("api:epoll", "api:poll"), SpecTimeout(time.Minute), func(ctx SpecContext) {
			base := liveHeap()
			ep, err := pyselect.NewEpoll(-1, 0)
			Expect(err).NotTo(HaveOccurred())
			DeferCleanup(ep.Close)
			for range 20000 { // plain checks: Gomega per call would dominate under -race
				fd, err := unix.Eventfd(0, unix.EFD_CLOEXEC)
				if err = first(err, ep.Register(fd, pyselect.EPOLLIN), unix.Close(fd)); err != nil {
					Fail(err.Error()) // Close: the kernel drops the entry
				}
			}
			Expect(ep.Poll(0, 1<<20)).To(BeEmpty())
			Expect(liveHeap()-base).To(BeNumerically("<", 64<<10), "heap bytes live with an Epoll whose interest list is empty")

			base = liveHeap()
			p := pyselect.NewPoll()
			for fd := range pollChurn() {
				if err := p.Register(fd, pyselect.POLLIN); err != nil {
					Fail(err.Error())
				}
			}
			p.Poll(0) // EINVAL past RLIMIT_NOFILE; the array is filled first
			for fd := range pollChurn() {
				if err := p.Unregister(fd); err != nil {
					Fail(err.Error())
				}
			}
			Expect(p.Poll(0)).To(BeEmpty())
			Expect(liveHeap()-base).To(BeNumerically("<", 64<<10), "heap bytes live with a Poll that has nothing registered")
			runtime.KeepAlive(p)
		})
	})
})

// Source: the pyselect contract (Epoll.Close while a call is in flight
// wakes it with a signal; the epoll fd is closed by the last call).
var _ = describe("select.epoll.close", "leaks", Label("reliability", "os:linux"), func() {
	It("leaves nothing behind after Close wakes a blocked Epoll.Poll, cycle after cycle", Label("api:epoll"), SpecTimeout(2*time.Minute), func(ctx SpecContext) {
		expectNoGrowth("Epoll closed under a blocked Poll", leakCycles()/20, func() error {
			ep, err := pyselect.NewEpoll(-1, 0)
			if err != nil {
				return err
			}
			done := make(chan error)
			go func() { _, err := ep.Poll(nil, -1); done <- err }()
			runtime.Gosched() // often inside epoll_wait by now; either way it must end
			ep.Close()
			select {
			case err := <-done:
				if builtins.ExceptionOf(err) != builtins.ValueError {
					return fmt.Errorf("the blocked Poll returned %v, want ValueError", err)
				}
				return nil
			case <-time.After(10 * time.Second):
				return fmt.Errorf("Close did not wake the blocked Poll in 10 s")
			}
		})
	})
})

// Source: CPython test_epoll.py::test_fd_non_inheritable; PEP 446;
// epoll_create1(2) EPOLL_CLOEXEC. The child checks its own fd table.
var _ = describe("select.epoll", "leaks", Label("reliability", "os:linux"), func() {
	It("gives an exec'd child none of the Epoll descriptors (close-on-exec), as the child itself sees", Label("api:epoll"), SpecTimeout(time.Minute), func(ctx SpecContext) {
		var fds []string
		for _, mk := range []func() (*pyselect.Epoll, error){
			func() (*pyselect.Epoll, error) { return pyselect.NewEpoll(-1, 0) },
			func() (*pyselect.Epoll, error) { return pyselect.NewEpoll(-1, pyselect.EPOLL_CLOEXEC) },
			func() (*pyselect.Epoll, error) { return pyselect.EpollFromFd(-1) },
		} {
			ep, err := mk()
			Expect(err).NotTo(HaveOccurred())
			DeferCleanup(ep.Close)
			fds = append(fds, strconv.Itoa(support.EpollFileno(ep)))
		}
		// The control: a descriptor without FD_CLOEXEC, which the child
		// must see, so that the check can fail.
		r, _ := support.Pipe()
		inherited, err := unix.Dup(r)
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(unix.Close, inherited)

		script := `for fd in "$@"; do if [ -e /proc/self/fd/$fd ]; then echo $fd; fi; done`
		args := append([]string{"-c", script, "sh", strconv.Itoa(inherited)}, fds...)
		out, err := exec.Command("/bin/sh", args...).Output()
		Expect(err).NotTo(HaveOccurred())
		Expect(strings.Fields(string(out))).To(Equal([]string{strconv.Itoa(inherited)}),
			"fds open in the child, of the control %d and the epoll fds %v", inherited, fds)
	})
})

// liveHeap is the heap bytes live after a collection: what is reachable.
func liveHeap() int64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC() // and what the cleanups the first one ran let go of
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}
