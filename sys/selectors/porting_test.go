// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux

package selectors_test

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support/fdtest"
	"github.com/pyselect/pyselect/conformance/support/readme"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
	"github.com/pyselect/pyselect/sys/selectors"
)

// A portingRow is one row of the README's selectors porting table: a
// Python call form, its Go equivalent, and a test that runs the Go form.
type portingRow struct {
	python, goForm string
	run            func(t *testing.T)
}

// newSel is sel = selectors.DefaultSelector(), closed when the test ends.
func newSel(t *testing.T) selectors.BaseSelector[any] {
	t.Helper()
	sel, err := selectors.NewDefaultSelector[any]()
	check(t, err)
	t.Cleanup(func() { sel.Close() })
	return sel
}

// readable returns a pipe whose read end has a byte waiting.
func readable(t *testing.T) (r, w int) {
	r, w = fdtest.Pipe(t)
	unix.Write(w, []byte("x"))
	return r, w
}

func one(t *testing.T, ready []selectors.Ready[any], err error, key *selectors.SelectorKey[any], mask int) {
	t.Helper()
	if err != nil || len(ready) != 1 || ready[0].Key != key || ready[0].Events != mask {
		t.Fatalf("got %v %v, want one (key %v, %d)", ready, err, key, mask)
	}
}

var portingRows = []portingRow{
	{"selectors.DefaultSelector()", "selectors.NewDefaultSelector[any]()", func(t *testing.T) {
		sel, err := selectors.NewDefaultSelector[any]()
		check(t, err)
		defer sel.Close()
		if _, ok := sel.(*selectors.EpollSelector[any]); !ok {
			t.Fatalf("DefaultSelector on Linux is %T, want EpollSelector", sel)
		}
	}},
	{"with selectors.DefaultSelector() as sel:", "sel, err := selectors.NewDefaultSelector[any](); defer sel.Close()", func(t *testing.T) {
		var sel selectors.BaseSelector[any]
		func() {
			var err error
			sel, err = selectors.NewDefaultSelector[any]()
			check(t, err)
			defer sel.Close()
		}()
		if _, err := sel.GetKey(0); !errors.Is(err, builtins.RuntimeError) {
			t.Fatalf("after the with block: %v, want RuntimeError", err)
		}
	}},
	{"selectors.SelectSelector()", "selectors.NewSelectSelector[any]()", func(t *testing.T) {
		_, w := fdtest.Pipe(t)
		sel := mustSel(t, selectors.NewSelectSelector[any])
		key, err := sel.Register(w, selectors.EVENT_WRITE)
		check(t, err)
		ready, err := sel.Select(0)
		one(t, ready, err, key, selectors.EVENT_WRITE)
	}},
	{"selectors.PollSelector()", "selectors.NewPollSelector[any]()", func(t *testing.T) {
		_, w := fdtest.Pipe(t)
		sel := mustSel(t, selectors.NewPollSelector[any])
		key, err := sel.Register(w, selectors.EVENT_WRITE)
		check(t, err)
		ready, err := sel.Select(0)
		one(t, ready, err, key, selectors.EVENT_WRITE)
	}},
	{"selectors.EpollSelector()", "selectors.NewEpollSelector[any]()", func(t *testing.T) {
		sel, err := selectors.NewEpollSelector[any]()
		check(t, err)
		defer sel.Close()
		_, w := fdtest.Pipe(t)
		key, err := sel.Register(w, selectors.EVENT_WRITE)
		check(t, err)
		ready, err := sel.Select(0)
		one(t, ready, err, key, selectors.EVENT_WRITE)
	}},
	{"sel.register(sock, selectors.EVENT_READ)", "sel.Register(sock, selectors.EVENT_READ)", func(t *testing.T) {
		r, _ := readable(t)
		f := os.NewFile(uintptr(r), "pipe") // not closed: pipe() closes r
		key, err := newSel(t).Register(f, selectors.EVENT_READ)
		check(t, err)
		if key.Fileobj != any(f) || key.Fd != r || key.Data != nil {
			t.Fatalf("%+v", key)
		}
	}},
	{"sel.register(conn, selectors.EVENT_READ, read)", "sel.Register(conn, selectors.EVENT_READ, read)", func(t *testing.T) {
		r, _ := readable(t)
		sel, err := selectors.NewDefaultSelector[func(any, int) int]()
		check(t, err)
		defer sel.Close()
		_, err = sel.Register(r, selectors.EVENT_READ, func(fileobj any, mask int) int { return fileobj.(int) + mask })
		check(t, err)
		ready, err := sel.Select(0)
		check(t, err)
		if key := ready[0].Key; key.Data(key.Fileobj, ready[0].Events) != r+1 {
			t.Fatal("the callback did not see (fileobj, mask)")
		}
	}},
	{"sel.register(fd, selectors.EVENT_READ | selectors.EVENT_WRITE, data=d)", "sel.Register(fd, selectors.EVENT_READ|selectors.EVENT_WRITE, d)", func(t *testing.T) {
		r, _ := readable(t)
		key, err := newSel(t).Register(r, selectors.EVENT_READ|selectors.EVENT_WRITE, "d")
		check(t, err)
		if key.Events != 3 || key.Data != "d" {
			t.Fatalf("%+v", key)
		}
	}},
	{"sel.modify(conn, selectors.EVENT_WRITE)", "sel.Modify(conn, selectors.EVENT_WRITE)", func(t *testing.T) {
		_, w := fdtest.Pipe(t)
		sel := newSel(t)
		_, err := sel.Register(w, selectors.EVENT_READ)
		check(t, err)
		key, err := sel.Modify(w, selectors.EVENT_WRITE)
		check(t, err)
		ready, err := sel.Select(0)
		one(t, ready, err, key, selectors.EVENT_WRITE)
	}},
	{"sel.modify(conn, selectors.EVENT_WRITE, data)", "sel.Modify(conn, selectors.EVENT_WRITE, data)", func(t *testing.T) {
		_, w := fdtest.Pipe(t)
		sel := newSel(t)
		_, err := sel.Register(w, selectors.EVENT_READ, 1)
		check(t, err)
		key, err := sel.Modify(w, selectors.EVENT_WRITE, 2)
		check(t, err)
		if key.Data != 2 {
			t.Fatalf("%+v", key)
		}
	}},
	{"sel.unregister(conn)", "sel.Unregister(conn)", func(t *testing.T) {
		_, w := fdtest.Pipe(t)
		sel := newSel(t)
		key, err := sel.Register(w, selectors.EVENT_WRITE)
		check(t, err)
		if k, err := sel.Unregister(w); k != key || err != nil {
			t.Fatal(k, err)
		}
		if _, err := sel.Unregister(w); !errors.Is(err, builtins.KeyError) {
			t.Fatal(err)
		}
	}},
	{"sel.select()", "sel.Select()", func(t *testing.T) {
		_, w := fdtest.Pipe(t)
		sel := newSel(t)
		key, err := sel.Register(w, selectors.EVENT_WRITE)
		check(t, err)
		ready, err := sel.Select()
		one(t, ready, err, key, selectors.EVENT_WRITE)
	}},
	{"sel.select(timeout=0.5)", "sel.Select(0.5)", func(t *testing.T) {
		r, _ := fdtest.Pipe(t)
		sel := newSel(t)
		_, err := sel.Register(r, selectors.EVENT_READ)
		check(t, err)
		if ready, err := sel.Select(0.05); len(ready) != 0 || err != nil {
			t.Fatal(ready, err)
		}
	}},
	{"for key, mask in sel.select():", "ready, err := sel.Select(); for _, r := range ready { key, mask := r.Key, r.Events }", func(t *testing.T) {
		r, w := readable(t)
		sel := newSel(t)
		_, err := sel.Register(r, selectors.EVENT_READ)
		check(t, err)
		_, err = sel.Register(w, selectors.EVENT_WRITE)
		check(t, err)
		ready, err := sel.Select()
		check(t, err)
		got := map[int]int{}
		for _, r := range ready {
			key, mask := r.Key, r.Events
			got[key.Fd] = mask
		}
		if len(got) != 2 || got[r] != selectors.EVENT_READ || got[w] != selectors.EVENT_WRITE {
			t.Fatal(got)
		}
	}},
	{"key.fileobj, key.fd, key.events, key.data", "key.Fileobj, key.Fd, key.Events, key.Data", func(t *testing.T) {
		_, w := fdtest.Pipe(t)
		key, err := newSel(t).Register(w, selectors.EVENT_WRITE, "data")
		check(t, err)
		if key.Fileobj != any(w) || key.Fd != w || key.Events != selectors.EVENT_WRITE || key.Data != "data" {
			t.Fatalf("%+v", key)
		}
	}},
	{"sel.get_key(conn)", "sel.GetKey(conn)", func(t *testing.T) {
		_, w := fdtest.Pipe(t)
		sel := newSel(t)
		key, err := sel.Register(w, selectors.EVENT_WRITE)
		check(t, err)
		if k, err := sel.GetKey(w); k != key || err != nil {
			t.Fatal(k, err)
		}
	}},
	{"len(sel.get_map())", "sel.GetMap().Len()", func(t *testing.T) {
		_, w := fdtest.Pipe(t)
		sel := newSel(t)
		_, err := sel.Register(w, selectors.EVENT_WRITE)
		check(t, err)
		if n := sel.GetMap().Len(); n != 1 {
			t.Fatal(n)
		}
	}},
	{"sel.get_map()[conn]", "sel.GetMap().Get(conn)", func(t *testing.T) {
		r, w := fdtest.Pipe(t)
		sel := newSel(t)
		key, err := sel.Register(w, selectors.EVENT_WRITE)
		check(t, err)
		if k, err := sel.GetMap().Get(w); k != key || err != nil {
			t.Fatal(k, err)
		}
		if _, err := sel.GetMap().Get(r); !errors.Is(err, builtins.KeyError) {
			t.Fatal(err)
		}
	}},
	{"sel.get_map().get(conn), conn in sel.get_map()", "key, ok := sel.GetMap().Lookup(conn)", func(t *testing.T) {
		r, w := fdtest.Pipe(t)
		sel := newSel(t)
		key, err := sel.Register(w, selectors.EVENT_WRITE)
		check(t, err)
		if k, ok := sel.GetMap().Lookup(w); k != key || !ok {
			t.Fatal(k, ok)
		}
		if k, ok := sel.GetMap().Lookup(r); k != nil || ok {
			t.Fatal(k, ok)
		}
	}},
	{"sel.get_map().get(f) where it raises ValueError", "key, err := sel.GetMap().Get(f) // KeyError where Python returns None", func(t *testing.T) {
		sel := newSel(t)
		if _, err := sel.GetMap().Get(-2); !errors.Is(err, builtins.ValueError) || builtins.Str(err) != "Invalid file descriptor: -2" {
			t.Fatalf("get_map().get(-2): %v", err)
		}
		r, _ := fdtest.Pipe(t)
		if _, err := sel.GetMap().Get(r); !errors.Is(err, builtins.KeyError) {
			t.Fatalf("get_map().get(r) of an fd not registered: %v, want KeyError (None)", err)
		}
	}},
	{"for fd, key in sel.get_map().items():", "for fd, key := range sel.GetMap().All()", func(t *testing.T) {
		r, w := fdtest.Pipe(t)
		sel := newSel(t)
		_, err := sel.Register(w, selectors.EVENT_WRITE)
		check(t, err)
		_, err = sel.Register(r, selectors.EVENT_READ)
		check(t, err)
		var fds []int
		for fd, key := range sel.GetMap().All() {
			if key.Fd != fd {
				t.Fatal(fd, key)
			}
			fds = append(fds, fd)
		}
		if !slices.Equal(fds, []int{w, r}) {
			t.Fatal(fds)
		}
	}},
	{"sel.close()", "sel.Close()", func(t *testing.T) {
		sel := newSel(t)
		check(t, sel.Close())
		if _, err := sel.GetKey(0); !errors.Is(err, builtins.RuntimeError) {
			t.Fatalf("get_key after close(): %v, want RuntimeError", err)
		}
	}},
	{"while sel.get_map():", "for sel.GetMap().Len() > 0 {", func(t *testing.T) {
		sel := newSel(t)
		r, _ := readable(t)
		_, err := sel.Register(r, selectors.EVENT_READ)
		check(t, err)
		n := 0
		for sel.GetMap().Len() > 0 {
			if n++; n > 1 {
				t.Fatal("the loop did not end after close()")
			}
			check(t, sel.Close()) // get_map() is None from now on: false, no panic
		}
		if _, err := sel.GetMap().Get(r); !errors.Is(err, builtins.TypeError) {
			t.Fatalf("None[f]: %v, want TypeError", err)
		}
	}},
	{"sel.fileno()", "fd, err := pyselect.FilenoErr(sel)", func(t *testing.T) {
		sel := newSel(t) // the interface NewDefaultSelector returns
		fd, err := pyselect.FilenoErr(sel)
		if pyselect.HasEpoll || pyselect.HasKqueue || pyselect.HasDevpoll {
			if err != nil || fd < 0 {
				t.Fatal(fd, err)
			}
		}
		// A class without fileno() is Python's AttributeError.
		fd, err = pyselect.FilenoErr(mustSel(t, selectors.NewSelectSelector[any]))
		// (Python names the class 'SelectSelector'; Go's type name shows.)
		if fd != -1 || !errors.Is(err, builtins.AttributeError) || !strings.HasSuffix(err.Error(), " object has no attribute 'fileno'") {
			t.Fatalf("SelectSelector().fileno() = %d, %v; want AttributeError", fd, err)
		}
	}},
	{"hasattr(selectors, 'PollSelector')", "selectors.Hasattr(\"PollSelector\")", func(t *testing.T) {
		if !selectors.Hasattr("PollSelector") || pyselect.Hasattr("PollSelector") {
			t.Fatal("every Unix has selectors.PollSelector; select has none")
		}
	}},
	{"_PopenSelector = selectors.PollSelector", "popenSelector := selectors.NewPollSelector[any]", func(t *testing.T) {
		popenSelector := selectors.NewPollSelector[any]
		if !selectors.Hasattr("PollSelector") {
			popenSelector = selectors.NewSelectSelector[any] // one variable holds either class
		}
		sel, err := popenSelector() // with _PopenSelector() as selector:
		check(t, err)
		defer sel.Close()
		if _, ok := sel.(*selectors.PollSelector[any]); !ok { // isinstance(sel, selectors.PollSelector)
			t.Fatalf("%T", sel)
		}
	}},
	{"selectors.EVENT_READ, selectors.EVENT_WRITE", "selectors.EVENT_READ, selectors.EVENT_WRITE", func(t *testing.T) {
		if selectors.EVENT_READ != 1 || selectors.EVENT_WRITE != 2 {
			t.Fatal("EVENT_READ, EVENT_WRITE are 1, 2 in Python")
		}
	}},
}

// TestPortingTable runs every row of the README's selectors porting table.
func TestPortingTable(t *testing.T) {
	for _, row := range portingRows {
		t.Run(row.python, row.run)
	}
}

// TestPortingTableIsTheREADMEs: the README's selectors porting table and
// the rows above are the same, Python and Go columns alike. The kqueue
// row runs on macOS and the BSDs (the conformance specs), not here.
func TestPortingTableIsTheREADMEs(t *testing.T) {
	tested := map[string]string{}
	for _, row := range portingRows {
		tested[row.python] = row.goForm
	}
	readme.Check(t, readme.Table(t, "../../README.md", "selectors-porting"), tested, func(py string) bool {
		return strings.Contains(py, "Kqueue")
	})
}
