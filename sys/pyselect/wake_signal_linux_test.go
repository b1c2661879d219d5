// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
	"golang.org/x/sys/unix"
)

func init() {
	// TestEpollCloseWakesWithoutTaskDir's child: no task directory, so
	// waiters record their thread ids.
	if p := os.Getenv("PYSELECT_TASK_DIR"); p != "" {
		taskDirPath = p
	}
}

// eventfdIn is an eventfd registered in ep for EPOLLIN with mask extra.
func eventfdIn(t *testing.T, ep *Epoll, extra Mask) int {
	t.Helper()
	fd, err := unix.Eventfd(0, unix.EFD_CLOEXEC|unix.EFD_NONBLOCK)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Close(fd) })
	if err := ep.Register(fd, EPOLLIN|extra); err != nil {
		t.Fatal(err)
	}
	return fd
}

func signalEventfd(fd int) {
	one := [8]byte{1}
	unix.Write(fd, one[:])
}

// countEpollWaits replaces epoll_wait(2) with a counting one for the
// test.
func countEpollWaits(t *testing.T) *atomic.Int64 {
	var n atomic.Int64
	t.Cleanup(func() { epollWaitSys = unix.EpollWait })
	epollWaitSys = func(fd int, events []unix.EpollEvent, msec int) (int, error) {
		n.Add(1)
		return unix.EpollWait(fd, events, msec)
	}
	return &n
}

// A wait is one system call, whether it finds events ready or blocks
// until one comes; the Go runtime's preemption signal may add a retry
// now and then (EINTR), hence the slack. (The design that waited in
// ppoll(2) beside an eventfd made three per blocking wait.)
func TestEpollWaitIsOneSystemCall(t *testing.T) {
	ep, err := NewEpoll(-1, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer ep.Close()
	ready := eventfdIn(t, ep, 0)
	signalEventfd(ready)
	calls := countEpollWaits(t)
	ev := make([]unix.EpollEvent, 1)
	const n = 100
	for range n {
		if got, err := ep.Wait(ev, -1); got != 1 || err != nil {
			t.Fatalf("Wait = %d, %v", got, err)
		}
	}
	if got := calls.Load(); got != n {
		t.Errorf("%d ready Waits made %d epoll_wait calls; want %d", n, got, n)
	}
	ep.Unregister(ready)

	edge := eventfdIn(t, ep, EPOLLET)
	calls.Store(0)
	for range n {
		go func() { time.Sleep(200 * time.Microsecond); signalEventfd(edge) }()
		if got, err := ep.Wait(ev, 5*time.Second); got != 1 || err != nil {
			t.Fatalf("Wait = %d, %v", got, err)
		}
	}
	if got := calls.Load(); got > n+n/10 {
		t.Errorf("%d blocking Waits made %d epoll_wait calls; want %d (+10%% for EINTR)", n, got, n)
	}
}

// One waiter is woken per event, as the kernel wakes one exclusive
// waiter of an epoll instance (fs/eventpoll.c: ep_poll adds its waiter
// with __add_wait_queue_exclusive): 16 goroutines block in one Epoll, an
// edge-triggered eventfd fires 100 times, each time after the last was
// taken, and the waiting threads' voluntary context switches are counted.
// The design that waited in ppoll(2) woke every waiter for every event
// (14.1 ppoll calls per event with 16 waiters, the switch count here 16
// per event).
func TestEpollOneWaiterWokenPerEvent(t *testing.T) {
	ep, err := NewEpoll(-1, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer ep.Close()
	efd := eventfdIn(t, ep, EPOLLET)
	const waiters, events = 16, 100
	var taken atomic.Int64
	switches := make(chan int64, waiters)
	var started sync.WaitGroup
	started.Add(waiters)
	for range waiters {
		go func() {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			before := threadSwitches(t)
			started.Done()
			ev := make([]unix.EpollEvent, 1)
			for {
				n, err := ep.Wait(ev, 10*time.Second)
				if err != nil {
					break
				}
				if n == 1 {
					var b [8]byte
					unix.Read(efd, b[:])
					taken.Add(1)
				}
			}
			switches <- threadSwitches(t) - before
		}()
	}
	started.Wait()
	time.Sleep(50 * time.Millisecond) // let them block
	deadline := time.Now().Add(10 * time.Second)
	for i := range int64(events) {
		signalEventfd(efd)
		for taken.Load() <= i {
			if time.Now().After(deadline) {
				t.Fatalf("event %d not taken in 10 s", i)
			}
			time.Sleep(100 * time.Microsecond)
		}
	}
	ep.Close()
	var total int64
	for range waiters {
		select {
		case n := <-switches:
			total += n
		case <-time.After(10 * time.Second):
			t.Fatal("a waiter still blocked 10 s after Close")
		}
	}
	perEvent := float64(total-waiters) / events // Close wakes each once
	t.Logf("%d waiters, %d events: %d voluntary switches, %.2f per event", waiters, events, total, perEvent)
	if perEvent > 3 {
		t.Errorf("%.2f waiting-thread wake-ups per event; want about 1 (one waiter per event)", perEvent)
	}
}

// threadSwitches is the calling thread's voluntary context switches
// (proc(5): /proc/thread-self/status); the caller is locked to its thread.
func threadSwitches(t *testing.T) int64 {
	f, err := os.Open("/proc/thread-self/status")
	if err != nil {
		t.Skip("no /proc/thread-self/status: ", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "voluntary_ctxt_switches:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(rest), 10, 64)
			return n
		}
	}
	t.Skip("no voluntary_ctxt_switches in /proc/thread-self/status")
	return 0
}

// At RLIMIT_NOFILE 0 and 1, set after the Epoll is made (as OpenSSH's
// rlimit sandbox does), a blocking Poll waits out its timeout and returns
// [], as CPython's ep.poll(0.05) does, and Close still wakes a blocked
// call: a wait needs no descriptor, and neither does Close.
func TestEpollAtRLIMIT_NOFILE(t *testing.T) {
	if os.Getenv("PYSELECT_NOFILE_CHILD") != "" {
		ep, err := NewEpoll(-1, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, lim := range []uint64{1, 0} {
			if err := unix.Setrlimit(unix.RLIMIT_NOFILE, &unix.Rlimit{Cur: lim, Max: lim}); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			evs, err := ep.Poll(0.05, -1)
			if took := time.Since(start); err != nil || len(evs) != 0 || took < 50*time.Millisecond {
				t.Errorf("at RLIMIT_NOFILE %d: Poll(0.05) = %v, %v after %v; want [], nil after 50 ms", lim, evs, err, took)
			}
			if n, err := ep.Wait(make([]unix.EpollEvent, 1), 10*time.Millisecond); n != 0 || err != nil {
				t.Errorf("at RLIMIT_NOFILE %d: Wait(10 ms) = %d, %v; want 0, nil", lim, n, err)
			}
		}
		c := waitResult(func() error { _, err := ep.Poll(nil, -1); return err })
		time.Sleep(50 * time.Millisecond)
		ep.Close()
		wantClosed(t, c, "Poll at RLIMIT_NOFILE 0")
		return
	}
	runChild(t, "TestEpollAtRLIMIT_NOFILE", "PYSELECT_NOFILE_CHILD=1")
}

// Where /proc/self/task cannot be opened, waiters record their thread ids
// and Close signals those: the close tests pass in a child whose task
// directory is a path that does not exist.
func TestEpollCloseWakesWithoutTaskDir(t *testing.T) {
	if os.Getenv("PYSELECT_TASK_DIR") != "" {
		ep, err := NewEpoll(-1, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer ep.Close()
		if threads.dir != -1 || ep.pfd.fds.wake.ids == nil {
			t.Fatalf("task directory %d, tid set %v: the fallback is not in use", threads.dir, ep.pfd.fds.wake.ids)
		}
		return
	}
	const noDir = "PYSELECT_TASK_DIR=/nonexistent/task"
	runChild(t, "TestEpollCloseWakesWithoutTaskDir|TestEpollCloseWakesAtEMFILE|TestEpollCloseWakesEveryWaiter|TestEpollOneWaiterWokenPerEvent", noDir)
	runChild(t, "TestEpollAtRLIMIT_NOFILE", noDir, "PYSELECT_NOFILE_CHILD=1")
}

// Close wakes every blocked call, soon: 8 goroutines in Poll and Wait
// with no timeout return ValueError; the Close-to-wake time is logged.
func TestEpollCloseWakesEveryWaiter(t *testing.T) {
	ep, err := NewEpoll(-1, 0)
	if err != nil {
		t.Fatal(err)
	}
	var cs []<-chan error
	for i := range 8 {
		cs = append(cs, waitResult(func() error {
			if i%2 == 0 {
				_, err := ep.Poll(nil, -1)
				return err
			}
			_, err := ep.Wait(make([]unix.EpollEvent, 1), -1)
			return err
		}))
	}
	time.Sleep(50 * time.Millisecond)
	start := time.Now()
	ep.Close()
	for _, c := range cs {
		wantClosed(t, c, "a call blocked in the Epoll")
	}
	t.Logf("8 waiters woken %v after Close", time.Since(start))
	if w := ep.pfd.waiters.Load(); w != 0 {
		t.Errorf("%d waiters counted after every call returned", w)
	}
}

// The task directory is not one of the numbers a program opening files
// after its first Epoll would get, and does not grow the descriptor table:
// it sits in the table's last slot, so the Epoll's number is the lowest
// free one, as in CPython.
func TestEpollTaskDirInTheTablesLastSlot(t *testing.T) {
	size := fdTableSize()
	ep, err := NewEpoll(-1, 0)
	if err != nil {
		t.Fatal(err)
	}
	fd, _ := ep.Fileno()
	ep.Close()
	if threads.dir < 0 {
		t.Skip("no task directory here: ", taskDirPath)
	}
	if grown := fdTableSize(); grown != size && size > 0 {
		t.Errorf("the descriptor table grew from %d to %d slots", size, grown)
	}
	if threads.dir < fd {
		t.Errorf("task directory is fd %d, below the Epoll's %d", threads.dir, fd)
	}
	low, err := unix.Open("/dev/null", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	unix.Close(low)
	if low != fd {
		t.Errorf("after closing the Epoll (fd %d), open got fd %d; want the same number", fd, low)
	}
}

// Under strace, the one system call of a wait is seen from outside: a
// child makes 50 ready and 50 blocking Waits, and strace counts the calls
// on its epoll descriptor; then 10 Poll(0, 4096) open nothing under /proc
// (the design before read /proc/self/fdinfo on each). CI has no strace;
// the test then skips.
func TestEpollWaitSyscallsUnderStrace(t *testing.T) {
	if os.Getenv("PYSELECT_STRACE_CHILD") != "" {
		ep, err := NewEpoll(-1, 0)
		if err != nil {
			t.Fatal(err)
		}
		fd, _ := ep.Fileno()
		fmt.Printf("EPFD=%d\n", fd)
		edge := eventfdIn(t, ep, EPOLLET)
		ev := make([]unix.EpollEvent, 1)
		for range 50 {
			signalEventfd(edge)
			ep.Wait(ev, -1)
		}
		for range 50 {
			go func() { time.Sleep(time.Millisecond); signalEventfd(edge) }()
			ep.Wait(ev, -1)
		}
		fmt.Println("LARGE")
		for range 10 {
			ep.Poll(0, 4096) // sized without /proc/self/fdinfo
		}
		return
	}
	strace, err := exec.LookPath("strace")
	if err != nil {
		t.Skip("strace not installed")
	}
	if testing.Short() {
		t.Skip("re-executes the test binary")
	}
	log := t.TempDir() + "/strace.log"
	cmd := exec.Command(strace, "-f", "-qq", "-o", log, "-e", "trace=epoll_wait,epoll_pwait,ppoll,eventfd2,openat,write", os.Args[0], "-test.run=^TestEpollWaitSyscallsUnderStrace$")
	cmd.Env = append(os.Environ(), "PYSELECT_STRACE_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Skip("strace cannot run here: ", err, string(out))
	}
	m := regexp.MustCompile(`EPFD=(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("child printed no EPFD:\n%s", out)
	}
	trace, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	large := bytes.Index(trace, []byte("LARGE"))
	if large < 0 {
		t.Fatalf("no LARGE in the trace")
	}
	waits := regexp.MustCompile(`(epoll_wait|epoll_pwait)\(`+string(m[1])+`,`).FindAll(trace[:large], -1)
	ppolls := len(regexp.MustCompile(`ppoll\(`).FindAll(trace, -1))
	eintr := len(regexp.MustCompile(`epoll_p?wait.*= -1 EINTR`).FindAll(trace[:large], -1))
	t.Logf("100 Waits (50 ready, 50 blocking): %d epoll waits on the instance (%d EINTR in the process), %d ppoll", len(waits), eintr, ppolls)
	// The runtime's preemption signal interrupts a wait now and then,
	// more often under strace: 10% slack.
	if len(waits) > 110 || ppolls != 0 {
		t.Errorf("100 Waits made %d epoll waits and %d ppoll; want 100 (+10%% for EINTR) and 0", len(waits), ppolls)
	}
	if opens := regexp.MustCompile(`openat\(.*/proc`).FindAll(trace[large:], -1); len(opens) != 0 {
		t.Errorf("10 Poll(0, 4096) opened %d files under /proc: %s", len(opens), bytes.Join(opens, []byte("; ")))
	}
}

// Close wakes a blocked call whatever the program did with SIGURG, except
// ignore it: under GODEBUG=asyncpreemptoff=1 the runtime still handles it
// (runtime/signal_unix.go installs the handler for every signal it
// knows), after signal.Notify(SIGURG) the handler still runs (and the
// channel gets the extra signals, as it gets the runtime's), and after
// signal.Ignore(SIGURG) the kernel drops it, so the call returns
// ValueError at its timeout, as the waker's doc says.
func TestEpollCloseUnderSignalSettings(t *testing.T) {
	switch os.Getenv("PYSELECT_SIGURG") {
	case "":
	case "notify":
		c := make(chan os.Signal, 1)
		signal.Notify(c, syscall.SIGURG)
		defer signal.Stop(c)
		closeWakesWithin(t, 5*time.Second)
		return
	case "ignore":
		signal.Ignore(syscall.SIGURG)
		ep, err := NewEpoll(-1, 0)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		c := waitResult(func() error { _, err := ep.Poll(0.3, -1); return err })
		time.Sleep(20 * time.Millisecond)
		ep.Close()
		wantClosed(t, c, "Poll(0.3) after signal.Ignore(SIGURG)")
		if took := time.Since(start); took < 300*time.Millisecond {
			t.Logf("woken after %v: the kernel delivered an ignored SIGURG?", took)
		}
		return
	default:
		closeWakesWithin(t, 5*time.Second)
		return
	}
	runChild(t, "TestEpollCloseUnderSignalSettings", "PYSELECT_SIGURG=plain", "GODEBUG=asyncpreemptoff=1")
	runChild(t, "TestEpollCloseUnderSignalSettings", "PYSELECT_SIGURG=notify")
	runChild(t, "TestEpollCloseUnderSignalSettings", "PYSELECT_SIGURG=ignore")
}

// closeWakesWithin checks that Close wakes a Poll blocked with no timeout
// within limit.
func closeWakesWithin(t *testing.T, limit time.Duration) {
	t.Helper()
	ep, err := NewEpoll(-1, 0)
	if err != nil {
		t.Fatal(err)
	}
	c := waitResult(func() error { _, err := ep.Poll(nil, -1); return err })
	time.Sleep(20 * time.Millisecond)
	ep.Close()
	select {
	case err := <-c:
		if !errors.Is(err, builtins.ValueError) {
			t.Errorf("Poll woken by Close = %v, want ValueError", err)
		}
	case <-time.After(limit):
		t.Fatalf("Poll still blocked %v after Close", limit)
	}
}
