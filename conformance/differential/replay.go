// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package differential

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

type replayer struct {
	w       *World
	tid     int // the OS thread the replay runs on, for "signal"
	pending []*pendingStep
	// kick is closed when the next step after a run of "later" steps
	// starts: their delays count from there, as in record.py.
	kick   chan struct{}
	kicked bool
}

// start closes kick, releasing the pending "later" steps' clocks.
func (r *replayer) start() {
	if !r.kicked {
		close(r.kick)
		r.kicked = true
	}
}

type pendingStep struct {
	index int
	done  chan struct{}
	out   Outcome
	err   error
}

// ReplayContext is Replay, given up when ctx ends: a wait that never
// returns fails with ctx's error instead of hanging the caller (the
// replay's goroutine is left blocked).
func ReplayContext(ctx context.Context, sc *Scenario) ([]Outcome, error) {
	type result struct {
		outs []Outcome
		err  error
	}
	done := make(chan result, 1)
	go func() {
		outs, err := Replay(sc)
		done <- result{outs, err}
	}()
	select {
	case r := <-done:
		return r.outs, r.err
	case <-ctx.Done():
		return nil, fmt.Errorf("replay of %s did not finish: %w", sc.Name, context.Cause(ctx))
	}
}

// Replay runs sc against pyselect and returns one outcome per step, in
// the form record.py writes them. An error means the scenario itself is
// malformed or not expressible in Go, not that pyselect misbehaved: a
// misbehaviour is an outcome (an error that is no *builtins.Error, or a
// panic, is recorded as a class Python never uses).
func Replay(sc *Scenario) ([]Outcome, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	r := &replayer{w: newWorld(), tid: thread(), kick: make(chan struct{})}
	defer r.teardown()

	outs := make([]Outcome, len(sc.Steps))
	for i := range sc.Steps {
		st := &sc.Steps[i]
		if st.Op == "later" {
			if st.Later == nil {
				return nil, r.fail(outs, scenarioErr("step %d: later without a step", i+1))
			}
			p := &pendingStep{index: i, done: make(chan struct{})}
			r.pending = append(r.pending, p)
			kick := r.kick
			go func() {
				defer close(p.done)
				<-kick
				time.Sleep(time.Duration(st.MS) * time.Millisecond)
				p.out, p.err = r.run(st.Later)
			}()
			continue
		}
		r.start()
		out, err := r.run(st)
		if err != nil {
			return nil, r.fail(outs, fmt.Errorf("step %d: %w", i+1, err))
		}
		outs[i] = out
		if err := r.join(outs); err != nil {
			return nil, err
		}
		r.kick, r.kicked = make(chan struct{}), false
	}
	r.start()
	if err := r.join(outs); err != nil {
		return nil, err
	}
	for i := range outs {
		outs[i]["step"] = float64(i + 1)
	}
	return outs, nil
}

// join waits for the "later" steps started so far and stores their outcomes.
func (r *replayer) join(outs []Outcome) error {
	var first error
	for _, p := range r.pending {
		<-p.done
		if p.err != nil && first == nil {
			first = fmt.Errorf("step %d: %w", p.index+1, p.err)
		}
		outs[p.index] = p.out
	}
	r.pending = nil
	return first
}

func (r *replayer) fail(outs []Outcome, err error) error {
	r.start()
	r.join(outs)
	return err
}

// run runs one step and returns its outcome.
func (r *replayer) run(st *Step) (out Outcome, err error) {
	call, harness := harnessOps[st.Op]
	if !harness {
		call = (*replayer).library
	}
	var res any
	var callErr error
	start := time.Now()
	func() {
		defer func() {
			if p := recover(); p != nil {
				callErr = fmt.Errorf("panic: %v", p)
			}
		}()
		res, callErr = call(r, st)
	}()
	elapsed := time.Since(start)
	var se *errScenario
	var ne *NarrowIntError
	if errors.As(callErr, &se) || errors.As(callErr, &ne) {
		return nil, callErr
	}
	out = Outcome{}
	switch {
	case callErr == nil:
		out["result"] = res
	case harness:
		out["error"] = harnessError(callErr)
	default:
		out["error"] = r.w.libraryError(callErr)
	}
	if st.Timed {
		ms, err := thresholdMS(st)
		if err != nil {
			return nil, err
		}
		out["timing"] = "after"
		if float64(elapsed)/float64(time.Millisecond) < ms/2 {
			out["timing"] = "before"
		}
	}
	return normalize(out), nil
}

// normalize gives an outcome the types encoding/json decodes a recording
// into (float64 numbers, []any, map[string]any), so that cmp compares
// like with like.
func normalize(o Outcome) Outcome {
	b, err := json.Marshal(o)
	if err != nil {
		return Outcome{"error": map[string]any{"class": "unencodable outcome", "message": err.Error()}}
	}
	var n Outcome
	json.Unmarshal(b, &n)
	return n
}

// thresholdMS is record.py's threshold_ms: the wait a timed step is
// classified against.
func thresholdMS(st *Step) (float64, error) {
	if st.TimedMS != nil {
		return *st.TimedMS, nil
	}
	var t any
	unit := 1000.0
	switch st.Op {
	case "select":
		t = argAt(st, 3, "")
	case "poll.poll":
		t, unit = argAt(st, 0, ""), 1
	case "epoll.poll":
		t = argAt(st, 0, "timeout")
	case "kqueue.control":
		t = argAt(st, 2, "")
	case "selector.select":
		t = argAt(st, 0, "timeout")
	}
	n, ok := t.(json.Number)
	if ok {
		if f, err := n.Float64(); err == nil && f > 0 {
			return f * unit, nil
		}
	}
	return 0, scenarioErr("a timed step needs a positive timeout or timed_ms")
}

// argAt is positional argument i, else keyword kw, else nil.
func argAt(st *Step, i int, kw string) any {
	if i < len(st.Args) {
		return st.Args[i]
	}
	if kw != "" {
		return st.Kwargs[kw]
	}
	return nil
}

// hasArg reports whether argument i (or keyword kw) was given.
func hasArg(st *Step, i int, kw string) bool {
	if i < len(st.Args) {
		return true
	}
	_, ok := st.Kwargs[kw]
	return kw != "" && ok
}

// harnessError records a failed set-up step as record.py does: class and
// errno, no message (Go's strerror texts are not the C library's).
func harnessError(err error) map[string]any {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return map[string]any{"class": "Go error: " + err.Error()}
	}
	out := map[string]any{"class": string(builtins.ExceptionOf(errno))}
	if errno != 0 {
		out["errno"] = int(errno)
	}
	return out
}

// libraryError records a pyselect failure: class, message and errno. A
// KeyError's message is its fd, shown by name as record.py shows it.
func (w *World) libraryError(err error) map[string]any {
	var pe *builtins.Error
	if !errors.As(err, &pe) {
		return map[string]any{"class": fmt.Sprintf("Go error %T (not a *builtins.Error)", err), "message": err.Error()}
	}
	msg := pe.Message
	if pe.Exception == builtins.KeyError {
		if n, err := strconv.Atoi(msg); err == nil {
			if name, ok := w.fdName(n).(string); ok {
				msg = "<" + name + ">"
			}
		}
	}
	out := map[string]any{"class": string(pe.Exception), "message": msg}
	if pe.Errno != 0 {
		out["errno"] = int(pe.Errno)
	}
	return out
}

func (r *replayer) selectCall(st *Step) (any, error) {
	if len(st.Args) < 3 || len(st.Args) > 4 || len(st.Kwargs) > 0 {
		return nil, scenarioErr("select takes 3 or 4 positional arguments")
	}
	var lists [3][]any
	for i := range lists {
		v, err := r.w.value(st.Args[i])
		if err != nil {
			return nil, err
		}
		l, ok := v.([]any)
		if !ok {
			return nil, scenarioErr("select argument %d must be a list in Go", i+1)
		}
		lists[i] = l
	}
	timeout, err := r.w.value(argAt(st, 3, ""))
	if err != nil {
		return nil, err
	}
	rl, wl, xl, err := pyselect.Select(lists[0], lists[1], lists[2], timeout)
	if err != nil {
		return nil, err
	}
	return []any{r.w.encode(rl), r.w.encode(wl), r.w.encode(xl)}, nil
}

// pollOps are select.poll() and its methods.
var pollOps = ops{
	"poll": func(r *replayer, st *Step) (any, error) {
		if len(st.Args)+len(st.Kwargs) > 0 {
			return nil, scenarioErr("NewPoll takes no arguments")
		}
		names := st.Names()
		if len(names) != 1 {
			return nil, scenarioErr("poll needs one name")
		}
		return nil, r.w.addObj(names[0], pyselect.NewPoll(), -1)
	},
	"poll.poll": pollMethod(func(r *replayer, st *Step, p *pyselect.Poll) (any, error) {
		if len(st.Args) > 1 {
			return nil, scenarioErr("poll.poll takes one argument")
		}
		t, err := r.w.value(argAt(st, 0, ""))
		if err != nil {
			return nil, err
		}
		evs, err := p.Poll(t)
		if err != nil {
			return nil, err
		}
		return r.events(st, evs, "POLL"), nil
	}),
	"poll.register": pollFdMethod(func(r *replayer, st *Step, p *pyselect.Poll, fd any) (any, error) {
		if len(st.Args) == 1 {
			return nil, p.Register(fd)
		}
		mask, err := r.w.maskArg(st.Args[1])
		if err != nil {
			return nil, err
		}
		return nil, p.Register(fd, mask)
	}),
	"poll.modify": pollFdMethod(func(r *replayer, st *Step, p *pyselect.Poll, fd any) (any, error) {
		if len(st.Args) != 2 {
			return nil, scenarioErr("poll.modify takes two arguments")
		}
		mask, err := r.w.maskArg(st.Args[1])
		if err != nil {
			return nil, err
		}
		return nil, p.Modify(fd, mask)
	}),
	"poll.unregister": pollFdMethod(func(r *replayer, st *Step, p *pyselect.Poll, fd any) (any, error) {
		return nil, p.Unregister(fd)
	}),
}

// pollMethod is a method of a poll object, which takes no keywords.
func pollMethod(f func(r *replayer, st *Step, p *pyselect.Poll) (any, error)) op {
	return method("a poll object", func(r *replayer, st *Step, p *pyselect.Poll) (any, error) {
		if len(st.Kwargs) > 0 {
			return nil, scenarioErr("poll methods take no keyword arguments")
		}
		return f(r, st, p)
	})
}

// pollFdMethod is a poll method whose first argument is an fd.
func pollFdMethod(f func(r *replayer, st *Step, p *pyselect.Poll, fd any) (any, error)) op {
	return pollMethod(func(r *replayer, st *Step, p *pyselect.Poll) (any, error) {
		if len(st.Args) < 1 {
			return nil, scenarioErr("%s needs an fd", st.Op)
		}
		fd, err := r.w.value(st.Args[0])
		if err != nil {
			return nil, err
		}
		return f(r, st, p, fd)
	})
}

// events encodes a poll or epoll result: [[fd name, "POLLIN|POLLOUT"], ...],
// sorted as record.py sorts it when the step says the order is the kernel's.
func (r *replayer) events(st *Step, evs []pyselect.Event, prefix string) any {
	if st.Len {
		return len(evs) // which fds a capped poll returns is the kernel's choice
	}
	out := make([]any, len(evs))
	for i, e := range evs {
		out[i] = []any{r.w.encode(e.Fd), formatMask(uint64(e.Events), prefix)}
	}
	if st.Unordered {
		sortPy(out)
	}
	return out
}

// sortPy sorts as record.py's sort(key=lambda e: json.dumps(e, sort_keys=True)).
func sortPy(v []any) {
	keys := make(map[int]string, len(v))
	idx := make([]int, len(v))
	for i := range v {
		idx[i] = i
		keys[i] = pyDumps(normalizeValue(v[i]))
	}
	sort.SliceStable(idx, func(a, b int) bool { return keys[idx[a]] < keys[idx[b]] })
	sorted := make([]any, len(v))
	for i, j := range idx {
		sorted[i] = v[j]
	}
	copy(v, sorted)
}

func normalizeValue(v any) any {
	b, _ := json.Marshal(v)
	var n any
	json.Unmarshal(b, &n)
	return n
}

// teardown closes what the scenario left open: select objects first (in
// creation order), then fds, ignoring errors, as record.py does.
func (r *replayer) teardown() {
	w := r.w
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, name := range w.order {
		if c, ok := w.objs[name].(interface{ Close() error }); ok {
			c.Close()
		}
	}
	for _, name := range w.order {
		if w.open[name] {
			delete(w.open, name)
			unix.Close(w.fds[name])
		}
	}
	if w.tmpdir != "" {
		os.RemoveAll(w.tmpdir)
	}
}
