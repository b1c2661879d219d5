// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package conformance_test

import (
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// Timeout conversion (SEMANTICS.md#timeouts). Every expected
// value below was probed with CPython 3.11.7 on Linux:
//
//	python3 -c 'import select,os; r,w=os.pipe(); print(select.select([],[w],[],T))'
//	python3 -c 'import select,os; r,w=os.pipe(); p=select.poll(); p.register(w,4); print(p.poll(T))'
//
// An accepted timeout is checked with a descriptor that is already ready,
// so the call returns at once whatever the timeout (None included).

// timeoutCase is one timeout value and what CPython does with it: cls ""
// means accepted.
type timeoutCase struct {
	timeout any
	cls     builtins.Exception
	msg     string
}

const (
	msgSelectType   = "timeout must be a float or None"
	msgIntType      = "timeout must be an integer or None"
	msgNegative     = "timeout must be non-negative"
	msgNaN          = "Invalid value NaN (not a number)"
	msgTimeT        = "timestamp out of range for platform time_t"
	msgPyTime       = "timestamp too large to convert to C _PyTime_t"
	msgTooLarge     = "timeout is too large"
	timeoutOKSuffix = ", it is accepted"
)

func timeoutEntry(desc string, timeout any, cls builtins.Exception, msg string) TableEntry {
	if cls == "" {
		return Entry("When the timeout is "+desc+timeoutOKSuffix, timeoutCase{timeout: timeout})
	}
	return Entry("When the timeout is "+desc+", it fails with "+string(cls), timeoutCase{timeout, cls, msg})
}

var negZero = math.Copysign(0, -1)

// lastMsRuns waits of 0.1 ms, each rounded up to 1 ms, show that an event
// arriving in the rounded-up part is returned; lastMsNeed of them must
// qualify (see eventInLastMillisecond), or the spec skips, and at most
// one qualifying run in lastMsLose may lose the event to a signal.
const (
	lastMsRuns  = 40
	lastMsNeed  = 5
	lastMsLose  = 10
	lastMsWrite = 400 * time.Microsecond
)

// eventInLastMillisecond checks that wait, a wait of 0.1 ms that the
// select module rounds up to 1 ms, returns an event that arrives 0.4 ms
// into it. r is the read end of a non-blocking pipe that wait watches
// for reading, w its write end; wait reports whether r was returned.
//
// Each run writes w from another goroutine, which spins until 0.4 ms
// after the call began. The write is known to have landed by the time
// the goroutine reads the monotonic clock after it; a wait that was
// called before that, with a timeout rounded up to 1 ms, has its
// deadline at least 1 ms after its call. So a run qualifies when the
// write returned less than 1 ms after the call, and in such a run wait
// must return the event, as the kernel returns an event that arrives
// before its timeout. A run whose writer was held up (a loaded machine,
// GOMAXPROCS 1) proves nothing and is not counted; too few qualifying
// runs skip the spec rather than pass it.
//
// A signal that lands in the wait makes it fail with EINTR, and past the
// timeout as given (0.1 ms), PEP 475's retry then returns an empty list
// at once, without looking again, in CPython (_PyDeadline_Get < 0) and
// here alike: such a run loses the event by the rule of signals, not of
// rounding. Go's runtime sends its preemption signal (SIGURG) to threads
// in a system call too (seen with strace interrupting the wait, on Go
// 1.26). So the runs keep it rare, with the garbage collector off and a
// fresh time slice for each run, and one qualifying run in lastMsLose
// may lose its event; a wait that drops events in its last millisecond
// loses nearly every one.
//
// kqueue.control has no such millisecond: CPython converts its timeout to
// a timespec of exact nanoseconds (_PyTime_AsTimespec), so this rule, and
// the 1 ms lower bound of epoll.poll, poll.poll and devpoll.poll, are not
// asked of it.
func eventInLastMillisecond(r, w int, wait func() (ready bool, err error)) {
	GinkgoHelper()
	runtime.GC()
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	base := time.Now()
	qualified := 0
	var lost []string
	for run := range lastMsRuns {
		var due atomic.Int64 // when to write, as time since base; 0: not yet
		wrote := make(chan time.Duration, 1)
		go func() {
			for due.Load() == 0 {
				runtime.Gosched()
			}
			for time.Since(base) < time.Duration(due.Load()) {
			}
			if _, err := unix.Write(w, []byte("x")); err != nil {
				wrote <- -1
				return
			}
			wrote <- time.Since(base)
		}()
		runtime.Gosched() // a fresh time slice: no preemption for running too long
		called := time.Since(base)
		due.Store(int64(called + lastMsWrite))
		ready, err := wait()
		Expect(err).NotTo(HaveOccurred())
		var landed time.Duration
		Eventually(wrote).WithTimeout(5*time.Second).Should(Receive(&landed), "the writer never wrote")
		Expect(landed).To(BeNumerically(">", 0), "the writer's write failed")
		support.Drain(r)
		if landed-called >= time.Millisecond {
			continue
		}
		qualified++
		if !ready {
			lost = append(lost, fmt.Sprintf("run %d (landed %v after the call)", run, landed-called))
		}
	}
	if qualified < lastMsNeed {
		Skip(fmt.Sprintf("only %d of %d runs had the write land within 1 ms of the call (a loaded machine, or one CPU); %d are needed", qualified, lastMsRuns, lastMsNeed))
	}
	GinkgoWriter.Printf("%d of %d runs qualified, %d lost the event\n", qualified, lastMsRuns, len(lost))
	Expect(len(lost)).To(BeNumerically("<=", qualified/lastMsLose),
		"of %d runs whose event landed before the rounded-up deadline, these returned nothing: %s", qualified, strings.Join(lost, ", "))
}

var _ = describe("select.select", "", Label("api:select"), func() {
	// Source: https://docs.python.org/3/library/select.html#select.select
	// "The optional timeout argument specifies a time-out as a floating
	// point number in seconds. When the timeout argument is omitted the
	// function blocks until at least one file descriptor is ready. A time-out
	// value of zero specifies a poll and never blocks."; the conversion is
	// _PyTime_FromSecondsObject + _PyTime_AsTimeval(ROUND_UP); values and
	// messages probed with CPython 3.11.7 (SEMANTICS.md#timeout-messages).
	DescribeTable("converts the timeout",
		func(c timeoutCase) {
			_, w := support.Pipe()
			var r, wl, x []int
			var err error
			Expect(func() { r, wl, x, err = pyselect.Select(nil, []int{w}, nil, c.timeout) }).NotTo(Panic())
			if c.cls != "" {
				Expect(err).To(support.Raise(c.cls, c.msg))
				return
			}
			Expect(err).NotTo(HaveOccurred())
			Expect(r).To(BeEmpty())
			Expect(wl).To(Equal([]int{w}))
			Expect(x).To(BeEmpty())
		},
		timeoutEntry("nil (None)", nil, "", ""),
		timeoutEntry("0", 0, "", ""),
		timeoutEntry("-0.0", negZero, "", ""),
		timeoutEntry("1e-9 (rounds up to 1 µs)", 1e-9, "", ""),
		timeoutEntry("true (bool is an int: 1 s)", true, "", ""),
		timeoutEntry("false (0 s)", false, "", ""),
		timeoutEntry("an int8", int8(3), "", ""),
		timeoutEntry("a float32", float32(0.25), "", ""),
		timeoutEntry("9223372036 (the largest int: ns fit int64)", int64(9223372036), "", ""),
		timeoutEntry("uint64 9223372036", uint64(9223372036), "", ""),
		timeoutEntry("9223372036.85 (the float boundary)", 9223372036.85, "", ""),
		timeoutEntry("-1 (test_select.py::test_error_conditions)", -1, builtins.ValueError, msgNegative),
		timeoutEntry("-1.5", -1.5, builtins.ValueError, msgNegative),
		timeoutEntry("-1e-300 (rounds away from zero to -1 ns)", -1e-300, builtins.ValueError, msgNegative),
		timeoutEntry("an int64 -1", int64(-1), builtins.ValueError, msgNegative),
		timeoutEntry("NaN", math.NaN(), builtins.ValueError, msgNaN),
		timeoutEntry("a float32 NaN", float32(math.NaN()), builtins.ValueError, msgNaN),
		timeoutEntry("+inf", math.Inf(1), builtins.OverflowError, msgTimeT),
		timeoutEntry("-inf", math.Inf(-1), builtins.OverflowError, msgTimeT),
		timeoutEntry("a float32 +inf", float32(math.Inf(1)), builtins.OverflowError, msgTimeT),
		timeoutEntry("1e300", 1e300, builtins.OverflowError, msgTimeT),
		timeoutEntry("9223372036.86 (past the float boundary)", 9223372036.86, builtins.OverflowError, msgTimeT),
		timeoutEntry("9223372037 (an int whose ns overflow int64)", int64(9223372037), builtins.OverflowError, msgPyTime),
		timeoutEntry("math.MaxInt64", int64(math.MaxInt64), builtins.OverflowError, msgPyTime),
		timeoutEntry("math.MinInt64", int64(math.MinInt64), builtins.OverflowError, msgPyTime),
		timeoutEntry("uint64 2**63", uint64(1)<<63, builtins.OverflowError, msgPyTime),
		timeoutEntry("uint64 2**64-1", uint64(math.MaxUint64), builtins.OverflowError, msgPyTime),
		timeoutEntry(`the string "not a number"`, "not a number", builtins.TypeError, msgSelectType),
		timeoutEntry("a []byte", []byte("x"), builtins.TypeError, msgSelectType),
		timeoutEntry("a complex128", complex(1, 0), builtins.TypeError, msgSelectType),
		timeoutEntry("a struct", struct{}{}, builtins.TypeError, msgSelectType),
	)

	When("nothing becomes ready", func() {
		// Source: select(2) "timeout ... the interval that select() should
		// block waiting"; Python docs: returns three empty lists on timeout.
		// Tolerance: at least the timeout; at most 500 ms more (qemu, -race).
		It("returns three empty lists after the timeout, within [timeout, timeout+500ms]", func(ctx SpecContext) {
			r, _ := support.Pipe()
			start := time.Now()
			rl, wl, xl, err := pyselect.Select([]int{r}, nil, []int{r}, 0.05)
			elapsed := time.Since(start)
			Expect(err).NotTo(HaveOccurred())
			Expect(rl).To(BeEmpty())
			Expect(wl).To(BeEmpty())
			Expect(xl).To(BeEmpty())
			Expect(elapsed).To(BeNumerically(">=", 50*time.Millisecond))
			Expect(elapsed).To(BeNumerically("<", 550*time.Millisecond))
		}, SpecTimeout(5*time.Second))

		// Source: SEMANTICS.md#timeouts (ns via ROUND_UP, then
		// timeval via ROUND_UP. 1e-7 s becomes 1 µs); pytime.c
		// _PyTime_ROUND_TIMEOUT. select(2) waits at least the timeval.
		It("rounds a positive timeout up to 1 µs, never to 0 (the fastest of 5 calls with 1e-9 s takes >= 1 µs)", func(ctx SpecContext) {
			r, _ := support.Pipe()
			fastest := time.Hour
			for range 5 {
				start := time.Now()
				_, _, _, err := pyselect.Select([]int{r}, nil, nil, 1e-9)
				fastest = min(fastest, time.Since(start))
				Expect(err).NotTo(HaveOccurred())
			}
			Expect(fastest).To(BeNumerically(">=", time.Microsecond))
		}, SpecTimeout(5*time.Second))
	})
})

var _ = describe("select.poll.poll", "", Label("api:poll"), func() {
	// Source: https://docs.python.org/3/library/select.html#select.poll.poll
	// "timeout ... specifies the length of time in milliseconds ... If
	// timeout is omitted, negative, or None, the call will block";
	// _PyTime_FromMillisecondsObject + _PyTime_AsMilliseconds(ROUND_UP) into
	// a C int; test_poll.py::test_poll3 and ::test_poll_c_limits; values
	// and messages probed with CPython 3.11.7 (SEMANTICS.md#timeout-messages).
	DescribeTable("converts the timeout",
		func(c timeoutCase) {
			_, w := support.Pipe()
			p := pyselect.NewPoll()
			Expect(p.Register(w, pyselect.POLLOUT)).To(Succeed())
			var evs []pyselect.Event
			var err error
			Expect(func() { evs, err = p.Poll(c.timeout) }).NotTo(Panic())
			if c.cls != "" {
				Expect(err).To(support.Raise(c.cls, c.msg))
				return
			}
			Expect(err).NotTo(HaveOccurred())
			Expect(evs).To(Equal([]pyselect.Event{{Fd: w, Events: pyselect.POLLOUT}}))
		},
		timeoutEntry("nil (None)", nil, "", ""),
		timeoutEntry("0", 0, "", ""),
		timeoutEntry("-0.0", negZero, "", ""),
		timeoutEntry("1e-6 (rounds up to 1 ms)", 1e-6, "", ""),
		timeoutEntry("0.5", 0.5, "", ""),
		timeoutEntry("true (1 ms)", true, "", ""),
		timeoutEntry("a float32", float32(1.5), "", ""),
		timeoutEntry("2**31-1 (C INT_MAX)", 2147483647, "", ""),
		timeoutEntry("2147483647.0", 2147483647.0, "", ""),
		timeoutEntry("an int32 INT_MAX", int32(math.MaxInt32), "", ""),
		timeoutEntry("2**31 (INT_MAX+1, test_poll.py::test_poll_c_limits)", int64(math.MaxInt32)+1, builtins.OverflowError, msgTooLarge),
		timeoutEntry("2**32 (UINT_MAX+1, test_poll.py::test_poll_c_limits)", int64(1)<<32, builtins.OverflowError, msgTooLarge),
		timeoutEntry("-2**31-1", int64(math.MinInt32)-1, builtins.OverflowError, msgTooLarge),
		timeoutEntry("2147483647.5 (rounds up past INT_MAX)", 2147483647.5, builtins.OverflowError, msgTooLarge),
		timeoutEntry("9.2e12 (fits in ns, not in C int ms)", 9.2e12, builtins.OverflowError, msgTooLarge),
		timeoutEntry("math.MaxInt64 (Go's nearest to test_poll3's 1<<64)", int64(math.MaxInt64), builtins.OverflowError, msgPyTime),
		timeoutEntry("math.MinInt64", int64(math.MinInt64), builtins.OverflowError, msgPyTime),
		timeoutEntry("uint64 2**64-1", uint64(math.MaxUint64), builtins.OverflowError, msgPyTime),
		timeoutEntry("NaN", math.NaN(), builtins.ValueError, msgNaN),
		timeoutEntry("+inf", math.Inf(1), builtins.OverflowError, msgTimeT),
		timeoutEntry("-inf", math.Inf(-1), builtins.OverflowError, msgTimeT),
		timeoutEntry("1e300", 1e300, builtins.OverflowError, msgTimeT),
		timeoutEntry("9.3e12 (ns overflow int64)", 9.3e12, builtins.OverflowError, msgTimeT),
		timeoutEntry(`the string "x"`, "x", builtins.TypeError, msgIntType),
		timeoutEntry("a complex128", complex(1, 0), builtins.TypeError, msgIntType),
		timeoutEntry("a time.Time", time.Time{}, builtins.TypeError, msgIntType),
	)

	When("nothing becomes ready", func() {
		// Source: poll(2) "The timeout argument specifies the number of
		// milliseconds that poll() should block"; Python docs: an empty
		// list on timeout. Tolerance: at least the timeout, at most 500 ms
		// more (qemu, -race).
		It("returns an empty list after the timeout, within [timeout, timeout+500ms]", func(ctx SpecContext) {
			r, _ := support.Pipe()
			p := pyselect.NewPoll()
			Expect(p.Register(r, pyselect.POLLIN)).To(Succeed())
			start := time.Now()
			evs, err := p.Poll(50)
			elapsed := time.Since(start)
			Expect(err).NotTo(HaveOccurred())
			Expect(evs).To(BeEmpty())
			Expect(evs).NotTo(BeNil(), "an empty list, not None")
			Expect(elapsed).To(BeNumerically(">=", 50*time.Millisecond))
			Expect(elapsed).To(BeNumerically("<", 550*time.Millisecond))
		}, SpecTimeout(5*time.Second))

		// Source: SEMANTICS.md#timeout-poll (0.001 -> 1 ms; 1e-9 -> 1
		// ms; 0.5 -> 1 ms) (ROUND_UP); SEMANTICS.md#poll-poll probed "with nothing
		// registered ... poll(10) sleeps ~10 ms".
		DescribeTable("rounds a positive timeout up to 1 ms, never to 0",
			func(ctx SpecContext, timeout any) {
				p := pyselect.NewPoll()
				start := time.Now()
				evs, err := p.Poll(timeout)
				Expect(err).NotTo(HaveOccurred())
				Expect(evs).To(BeEmpty())
				Expect(time.Since(start)).To(BeNumerically(">=", time.Millisecond))
			},
			Entry("When the timeout is 1e-6 ms, it waits at least 1 ms", 1e-6, SpecTimeout(5*time.Second)),
			Entry("When the timeout is 0.5 ms, it waits at least 1 ms", 0.5, SpecTimeout(5*time.Second)),
			Entry("When the timeout is true (1 ms), it waits at least 1 ms", true, SpecTimeout(5*time.Second)),
		)

		// Source: Modules/selectmodule.c: select_poll_poll_impl
		// "_PyTime_AsMilliseconds(timeout, _PyTime_ROUND_TIMEOUT)"; poll(2) "The timeout
		// argument specifies the number of milliseconds that poll() should block".
		// Probed with CPython 3.11.7 with an idle pipe registered: the fastest of 20
		// poll.poll(0.5) took 1.08 ms, of poll.poll(1e-6) 1.04 ms.
		DescribeTable("waits >= 1 ms for a timeout under 1 ms with an idle fd registered",
			func(ctx SpecContext, timeout any) {
				r, _ := support.Pipe()
				p := pyselect.NewPoll()
				Expect(p.Register(r, pyselect.POLLIN)).To(Succeed())
				Expect(support.WaitFloor(20, func() (int, error) { evs, err := p.Poll(timeout); return len(evs), err })).
					To(BeNumerically(">=", time.Millisecond), "all but the 2 shortest of 20 calls")
			},
			Entry("Poll(0.5)", 0.5, SpecTimeout(5*time.Second)),
			Entry("Poll(1e-6)", 1e-6, SpecTimeout(5*time.Second)),
			Entry("Poll(500*time.Microsecond)", 500*time.Microsecond, SpecTimeout(5*time.Second)),
		)
	})

	When("an fd becomes ready in the last, rounded-up millisecond of the wait", func() {
		// Source: Modules/selectmodule.c: select_poll_poll_impl rounds the timeout up
		// to the millisecond (_PyTime_ROUND_TIMEOUT) and passes it to poll(2), which
		// returns an fd that becomes ready before its timeout expires. Probed with
		// CPython 3.11.7, a thread writing a pipe 0.4 ms into poll.poll(0.1): the event
		// was returned in each of the 19 of 20 runs whose write landed within 1 ms.
		DescribeTable("returns it",
			func(ctx SpecContext, timeout any) {
				r, w := support.NonblockingPipe()
				p := pyselect.NewPoll()
				Expect(p.Register(r, pyselect.POLLIN)).To(Succeed())
				eventInLastMillisecond(r, w, func() (bool, error) {
					evs, err := p.Poll(timeout)
					return len(evs) == 1, err
				})
			},
			Entry("Poll(0.1)", 0.1, SpecTimeout(30*time.Second)),
			Entry("Poll(100*time.Microsecond)", 100*time.Microsecond, SpecTimeout(30*time.Second)),
		)
	})
})
