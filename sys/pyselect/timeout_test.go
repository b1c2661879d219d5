// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
)

// A timeoutRow is one row of testdata/timeouts.json, the timeouts table
// fixtures/record.py records: what CPython 3.11 makes of one timeout in
// each API, the exception the call raises or what it passes to the kernel.
type timeoutRow struct {
	Input struct {
		None  bool    `json:"none"`
		Bool  *bool   `json:"bool"`
		Int   *string `json:"int"`
		Float *string `json:"float"`
		Str   *string `json:"str"`
	} `json:"input"`
	Select, Poll, Epoll timeoutWant
}

type timeoutWant struct {
	Block   bool   `json:"block"`
	Kernel  *int64 `json:"kernel"`
	Error   string `json:"error"`
	Message string `json:"message"`
}

func (w timeoutWant) String() string {
	switch {
	case w.Error != "":
		return w.Error + ": " + w.Message
	case w.Block:
		return "blocks"
	case w.Kernel != nil:
		return "kernel " + strconv.FormatInt(*w.Kernel, 10)
	}
	return "nothing recorded"
}

func (r *timeoutRow) value(t *testing.T) any {
	in := r.Input
	switch {
	case in.None:
		return nil
	case in.Bool != nil:
		return *in.Bool
	case in.Str != nil:
		return *in.Str
	case in.Float != nil:
		f, err := strconv.ParseFloat(*in.Float, 64)
		if err != nil {
			t.Fatal(err)
		}
		return f
	case in.Int != nil:
		if i, err := strconv.ParseInt(*in.Int, 10, 64); err == nil {
			return i
		}
		u, err := strconv.ParseUint(*in.Int, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	t.Fatal("empty input")
	return nil
}

// cpythonTimeouts returns the rows of testdata/timeouts.json.
func cpythonTimeouts(t *testing.T) []timeoutRow {
	data, err := os.ReadFile("testdata/timeouts.json")
	if err != nil {
		t.Fatal(err)
	}
	var table struct{ Rows []timeoutRow }
	if err := json.Unmarshal(data, &table); err != nil {
		t.Fatal(err)
	}
	if len(table.Rows) < 50 {
		t.Fatalf("only %d rows in testdata/timeouts.json", len(table.Rows))
	}
	return table.Rows
}

func TestTimeoutsMatchCPython(t *testing.T) {
	table := struct{ Rows []timeoutRow }{cpythonTimeouts(t)}
	apis := []struct {
		name   string
		parse  func(any) (time.Duration, error)
		kernel func(time.Duration) int64 // what the API passes to the kernel
		want   func(*timeoutRow) timeoutWant
	}{
		{"select", selectTimeout, func(d time.Duration) int64 { return divCeil(int64(d), 1e3) }, func(r *timeoutRow) timeoutWant { return r.Select }},
		{"poll", pollTimeout, func(d time.Duration) int64 { return int64(msCeil(d)) }, func(r *timeoutRow) timeoutWant { return r.Poll }},
		{"epoll", epollTimeout, func(d time.Duration) int64 { return int64(msCeil(d)) }, func(r *timeoutRow) timeoutWant { return r.Epoll }},
	}
	for i := range table.Rows {
		row := &table.Rows[i]
		v := row.value(t)
		for _, api := range apis {
			want := api.want(row)
			d, err := api.parse(v)
			switch {
			case want.Error != "":
				var e *builtins.Error
				if !errors.As(err, &e) || string(e.Exception) != want.Error || e.Message != want.Message {
					t.Errorf("%s(%#v): got (%v, %v), CPython raises %s: %s", api.name, v, d, err, want.Error, want.Message)
				}
			case err != nil:
				t.Errorf("%s(%#v): got error %v, CPython accepts it", api.name, v, err)
			case want.Block:
				if d >= 0 {
					t.Errorf("%s(%#v): got %v, CPython blocks", api.name, v, d)
				}
			case d < 0:
				t.Errorf("%s(%#v): blocks, CPython passes %d to the kernel", api.name, v, *want.Kernel)
			case api.kernel(d) != *want.Kernel:
				t.Errorf("%s(%#v): passes %d to the kernel, CPython %d", api.name, v, api.kernel(d), *want.Kernel)
			}
		}
	}
}

func TestTimevalRoundsUp(t *testing.T) {
	for _, c := range []struct {
		d       time.Duration
		sec, us int64
	}{
		{0, 0, 0},
		{1, 0, 1},
		{999, 0, 1},
		{1000, 0, 1},
		{1001, 0, 2},
		{time.Second + 1, 1, 1},
		{selectMaxWait, math.MaxInt32, 0},
	} {
		tv := timeval(c.d)
		if sec, us := int64(tv.Sec), int64(tv.Usec); sec != c.sec || us != c.us {
			t.Errorf("timeval(%d) = %d s %d µs, want %d s %d µs", c.d, sec, us, c.sec, c.us)
		}
	}
}

func TestMsCeil(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want int
	}{
		{-1, -1}, {-time.Hour, -1}, {0, 0}, {1, 1}, {time.Millisecond, 1},
		{time.Millisecond + 1, 2}, {1<<63 - 1, math.MaxInt32},
	} {
		if got := msCeil(c.d); got != c.want {
			t.Errorf("msCeil(%d) = %d, want %d", c.d, got, c.want)
		}
	}
}

// TestEintrKeepsTheDeadline: an interrupted call is retried with the time
// left, never the whole timeout again, and gives up with an empty result
// once the deadline has passed (PEP 475, bpo-35310).
func TestEintrKeepsTheDeadline(t *testing.T) {
	// Each call is interrupted at once: eintr must keep retrying with less
	// and less time until the deadline, 50 ms on, has passed. (No sleep in
	// the call: on a loaded machine one sleep may outlast the deadline.)
	//
	// The calls are counted and only the first thousand timeouts kept: a
	// wait that never gives up must fail this test, not fill the memory.
	const timeout = 50 * time.Millisecond
	var got []time.Duration
	start := time.Now()
	n, err := wait(timeout, 0, func(d time.Duration) (int, error) {
		if len(got) < 1000 {
			got = append(got, d)
		} else if time.Since(start) > 10*timeout+5*time.Second {
			t.Fatalf("still retrying %v after a %v timeout: the deadline never ended the wait", time.Since(start), timeout)
		}
		return 7, syscall.EINTR
	})
	if n != 0 || err != nil {
		t.Fatalf("after the deadline: (%d, %v), want (0, nil)", n, err)
	}
	if elapsed := time.Since(start); elapsed < timeout {
		t.Fatalf("gave up after %v, before the %v deadline", elapsed, timeout)
	}
	if len(got) < 2 || got[0] != timeout {
		t.Fatalf("calls got %v", got)
	}
	for i := 1; i < len(got); i++ {
		if got[i] > got[i-1] || got[i] < 0 {
			t.Fatalf("retry %d got %v after %v: the time left must shrink", i, got[i], got[i-1])
		}
	}

	// A zero timeout has a deadline too, now: one interrupted call ends
	// the wait (CPython's select and poll take a deadline for any timeout
	// but None, and return the empty result once it has passed).
	calls := 0
	n, err = wait(0, 0, func(time.Duration) (int, error) {
		if calls++; calls > 1000 {
			return 0, nil
		}
		return 0, syscall.EINTR
	})
	if n != 0 || err != nil || calls > 2 {
		t.Fatalf("timeout 0, every call interrupted: (%d, %v) after %d calls, want (0, nil) after one or two", n, err, calls)
	}

	calls = 0
	n, err = wait(-1, 0, func(d time.Duration) (int, error) {
		if d >= 0 {
			t.Fatalf("a blocking call was retried with timeout %v", d)
		}
		if calls++; calls < 5 {
			return 0, syscall.EINTR
		}
		return 3, nil
	})
	if n != 3 || err != nil || calls != 5 {
		t.Fatalf("blocking: (%d, %v) after %d calls", n, err, calls)
	}

	n, err = wait(time.Second, 0, func(time.Duration) (int, error) { return 0, syscall.EBADF })
	if n != 0 || err != syscall.EBADF {
		t.Fatalf("other errors pass through: (%d, %v)", n, err)
	}
}

// TestInterruptedAfterTheDeadlineLooksOnce: a wait interrupted once its
// deadline has passed (Go's runtime sends SIGURG at any time; a Python
// program seldom gets a signal) looks once more with a zero timeout, so
// that events ready before the deadline are returned, not an empty result.
func TestInterruptedAfterTheDeadlineLooksOnce(t *testing.T) {
	var got []time.Duration
	n, err := wait(time.Millisecond, 0, func(d time.Duration) (int, error) {
		got = append(got, d)
		if len(got) == 1 {
			time.Sleep(2 * time.Millisecond) // the signal lands after the deadline
			return 0, syscall.EINTR
		}
		return 2, nil
	})
	if n != 2 || err != nil || len(got) != 2 || got[1] != 0 {
		t.Fatalf("(%d, %v) after calls with timeouts %v; want (2, nil) from a second call with timeout 0", n, err, got)
	}
}

// TestWaitOutlastsTheKernelLimit: a timeout longer than the kernel takes
// in one call is waited out in calls of at most the limit, each resumed
// with the time left when it times out, so the wait never ends early.
func TestWaitOutlastsTheKernelLimit(t *testing.T) {
	const limit, timeout = 10 * time.Millisecond, 95 * time.Millisecond
	var got []time.Duration
	start := time.Now()
	n, err := wait(timeout, limit, func(d time.Duration) (int, error) {
		got = append(got, d)
		if len(got) > 1000 { // about 10 calls; never an unbounded list
			t.Fatalf("%d calls for a %v wait in calls of %v: the deadline never ended it", len(got), timeout, limit)
		}
		if d > limit {
			t.Fatalf("the kernel was given %v, more than its limit %v", d, limit)
		}
		time.Sleep(d)
		return 0, nil
	})
	if elapsed := time.Since(start); n != 0 || err != nil || elapsed < timeout {
		t.Fatalf("wait(%v) = (%d, %v) after %v, calls %v: ended early", timeout, n, err, elapsed, got)
	}
	if len(got) < 2 || got[0] != limit {
		t.Fatalf("calls got %v", got)
	}

	// An event ends it at once; a timeout within the limit is not resumed.
	calls := 0
	n, err = wait(time.Hour, limit, func(time.Duration) (int, error) { calls++; return 2, nil })
	if n != 2 || err != nil || calls != 1 {
		t.Fatalf("ready: (%d, %v) after %d calls", n, err, calls)
	}
	calls = 0
	n, err = wait(limit, limit, func(time.Duration) (int, error) { calls++; return 0, nil })
	if n != 0 || err != nil || calls != 1 {
		t.Fatalf("timeout within the limit: (%d, %v) after %d calls", n, err, calls)
	}
	// Blocking is never capped.
	n, err = wait(-1, limit, func(d time.Duration) (int, error) {
		if d >= 0 {
			t.Fatalf("a blocking call was given %v", d)
		}
		return 1, nil
	})
	if n != 1 || err != nil {
		t.Fatalf("blocking: (%d, %v)", n, err)
	}
}
