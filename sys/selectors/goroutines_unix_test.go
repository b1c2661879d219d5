// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package selectors_test

import (
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support/fdtest"
	"github.com/pyselect/pyselect/conformance/support/waitfor"
	"github.com/pyselect/pyselect/sys/selectors"
)

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestRegisterWhileSelecting checks the package documentation's "Select
// waits without holding the selector": Register from another goroutine
// returns while a Select is still waiting. A PollSelector or
// SelectSelector sees the new key at the next Select; an EpollSelector or
// KqueueSelector at once (selectorsSeeAtOnce, per OS).
func TestRegisterWhileSelecting(t *testing.T) {
	for _, c := range selectorsUnderTest(t) {
		t.Run(c.name, func(t *testing.T) {
			sel := c.make(t)
			r, w := fdtest.Pipe(t)
			if _, err := unix.Write(w, []byte("x")); err != nil {
				t.Fatal(err)
			}
			type result struct {
				n   int
				err error
			}
			done, started := make(chan result, 1), make(chan bool)
			timeout := 1.0
			if c.atOnce {
				timeout = 10 // woken by the registration long before
			}
			go func() {
				started <- true
				ready, err := sel.Select(timeout)
				done <- result{len(ready), err}
			}()
			<-started
			time.Sleep(200 * time.Millisecond) // for Select to reach its wait
			if _, err := sel.Register(r, selectors.EVENT_READ); err != nil {
				t.Fatal(err)
			}
			// Select may have returned already (allowed when the kernel object
			// sees the registration at once): keep what this peek received,
			// for done carries one result only.
			var res result
			select {
			case res = <-done:
				if !c.atOnce {
					t.Fatalf("Register returned only after Select (%v): it waited for the selector", res)
				}
			default:
				res = waitfor.Recv(t, done, 20*time.Second, "Select's result")
			}
			switch {
			case res.err != nil:
				t.Fatal(res.err)
			case c.atOnce && res.n != 1:
				t.Fatalf("Select returned %d keys; the key registered during the wait is ready", res.n)
			case !c.atOnce && res.n != 0:
				t.Fatalf("Select returned %d keys; a key registered during its wait waits for the next Select", res.n)
			}
			if ready, err := sel.Select(0); err != nil || len(ready) != 1 {
				t.Fatalf("the next Select(0) = %v, %v; want the registered key", ready, err)
			}
		})
	}
}

type selectorCase struct {
	name   string
	make   func(t *testing.T) selectors.BaseSelector[any]
	atOnce bool // the kernel object sees a registration during a wait
}

// unixSelectors are the classes every Unix has.
func unixSelectors() []selectorCase {
	return []selectorCase{
		{"SelectSelector", func(t *testing.T) selectors.BaseSelector[any] {
			s := mustSel(t, selectors.NewSelectSelector[any])
			t.Cleanup(func() { s.Close() })
			return s
		}, false},
		{"PollSelector", func(t *testing.T) selectors.BaseSelector[any] {
			s := mustSel(t, selectors.NewPollSelector[any])
			t.Cleanup(func() { s.Close() })
			return s
		}, false},
	}
}
