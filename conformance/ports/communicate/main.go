// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

// Command communicate is main.py ported line by line: Popen.communicate's
// POSIX loop (CPython 3.11 Lib/subprocess.py: Popen._communicate) on a
// PollSelector. Each comment is the Python statement the Go statement
// below it ports; subprocess.Popen itself ports to os/exec (README.md,
// "Porting notes: subprocess").
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"syscall"
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
	"github.com/pyselect/pyselect/sys/selectors"
)

// _PopenSelector is the selector class, chosen in run.
var _PopenSelector func() (selectors.BaseSelector[any], error) //lint:ignore ST1003 Python's name

// _PIPE_BUF = getattr(select, 'PIPE_BUF', 512)
const _PIPE_BUF = pyselect.PIPE_BUF //lint:ignore ST1003 Python's name

// TimeoutExpired is subprocess.TimeoutExpired(cmd, timeout).
type TimeoutExpired struct {
	cmd     []string
	timeout float64
}

func (e *TimeoutExpired) Error() string {
	return fmt.Sprintf("Command '%v' timed out after %v seconds", e.cmd, e.timeout)
}

// def remaining_time(endtime):
func remainingTime(endtime *time.Time) any {
	// if endtime is None: return None
	if endtime == nil {
		return nil
	}
	// return endtime - time.monotonic()
	return time.Until(*endtime).Seconds()
}

// class Child:
type Child struct {
	args           []string
	proc           *exec.Cmd
	stdin          io.WriteCloser
	stdout, stderr io.ReadCloser
	output         map[any][][]byte
	open           map[any]bool
	offset         int
}

// def __init__(self, args):
func NewChild(args []string) (*Child, error) {
	// self.args = args
	c := &Child{args: args}
	// self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
	c.proc = exec.Command(args[0], args[1:]...)
	stdin, err1 := c.proc.StdinPipe()
	stdout, err2 := c.proc.StdoutPipe()
	stderr, err3 := c.proc.StderrPipe()
	if err := errors.Join(err1, err2, err3); err != nil {
		return nil, err
	}
	c.stdin, c.stdout, c.stderr = stdin, stdout, stderr
	if err := c.proc.Start(); err != nil {
		return nil, err
	}
	// self.output = {self.proc.stdout: [], self.proc.stderr: []}
	c.output = map[any][][]byte{c.stdout: {}, c.stderr: {}}
	// self.open = {self.proc.stdin, self.proc.stdout, self.proc.stderr}
	c.open = map[any]bool{c.stdin: true, c.stdout: true, c.stderr: true}
	// self.offset = 0
	c.offset = 0
	return c, nil
}

// def communicate(self, input, timeout=None):
func (c *Child) communicate(input []byte, timeout any) (stdout, stderr []byte, err error) {
	// endtime = None if timeout is None else time.monotonic() + timeout
	var endtime *time.Time
	if t, ok, err := builtins.Seconds(timeout); err != nil {
		return nil, nil, err
	} else if ok {
		endtime = new(time.Now().Add(time.Duration(t * float64(time.Second))))
	}
	// with _PopenSelector() as selector:
	selector, err := _PopenSelector()
	if err != nil {
		return nil, nil, err
	}
	defer selector.Close()
	// if input and self.proc.stdin in self.open:
	if len(input) > 0 && c.open[c.stdin] {
		// selector.register(self.proc.stdin, selectors.EVENT_WRITE)
		if _, err := selector.Register(c.stdin, selectors.EVENT_WRITE); err != nil {
			return nil, nil, err
		}
		// elif self.proc.stdin in self.open:
	} else if c.open[c.stdin] {
		// self.open.discard(self.proc.stdin)
		delete(c.open, c.stdin)
		// self.proc.stdin.close()
		c.stdin.Close()
	}
	// for f in self.open:
	for f := range c.open {
		// if f is not self.proc.stdin:
		if f != c.stdin {
			// selector.register(f, selectors.EVENT_READ)
			if _, err := selector.Register(f, selectors.EVENT_READ); err != nil {
				return nil, nil, err
			}
		}
	}
	// view = memoryview(input)
	view := input
	// while selector.get_map():
	for selector.GetMap().Len() > 0 {
		// remaining = remaining_time(endtime)
		remaining := remainingTime(endtime)
		// if remaining is not None and remaining < 0:
		if remaining != nil && remaining.(float64) < 0 {
			// raise subprocess.TimeoutExpired(self.args, timeout)
			return nil, nil, &TimeoutExpired{c.args, timeout.(float64)}
		}
		// ready = selector.select(remaining)
		ready, err := selector.Select(remaining)
		if err != nil {
			return nil, nil, err
		}
		// if endtime is not None and time.monotonic() > endtime:
		if endtime != nil && time.Now().After(*endtime) {
			// raise subprocess.TimeoutExpired(self.args, timeout)
			return nil, nil, &TimeoutExpired{c.args, timeout.(float64)}
		}
		// for key, events in ready:
		for _, r := range ready {
			key := r.Key
			// if key.fileobj is self.proc.stdin:
			if key.Fileobj == c.stdin {
				// chunk = view[self.offset:self.offset + _PIPE_BUF]
				chunk := view[c.offset:min(c.offset+_PIPE_BUF, len(view))]
				// try: self.offset += os.write(key.fd, chunk)
				n, err := syscall.Write(key.Fd, chunk)
				// except BrokenPipeError as e:
				if builtins.Except(err, builtins.BrokenPipeError) {
					// print('stdin:', type(e).__name__, e.errno, 'input left', self.offset < len(input), flush=True)
					fmt.Fprintln(sysStdout, "stdin:", builtins.ExceptionOf(err), int(builtins.AsError(err).Errno), "input left", builtins.Repr(c.offset < len(input)))
					// selector.unregister(key.fileobj)
					if _, err := selector.Unregister(key.Fileobj); err != nil {
						return nil, nil, err
					}
					// self.open.discard(key.fileobj)
					delete(c.open, key.Fileobj)
					// key.fileobj.close()
					key.Fileobj.(io.Closer).Close()
				} else if err != nil {
					return nil, nil, err
				} else {
					c.offset += n
					// if self.offset >= len(input):
					if c.offset >= len(input) {
						// selector.unregister(key.fileobj)
						if _, err := selector.Unregister(key.Fileobj); err != nil {
							return nil, nil, err
						}
						// self.open.discard(key.fileobj)
						delete(c.open, key.Fileobj)
						// key.fileobj.close()
						key.Fileobj.(io.Closer).Close()
					}
				}
			} else {
				// data = os.read(key.fd, 32768)
				buf := make([]byte, 32768)
				n, err := syscall.Read(key.Fd, buf)
				if err != nil {
					return nil, nil, err
				}
				data := buf[:n]
				// if not data:
				if len(data) == 0 {
					// selector.unregister(key.fileobj)
					if _, err := selector.Unregister(key.Fileobj); err != nil {
						return nil, nil, err
					}
					// self.open.discard(key.fileobj)
					delete(c.open, key.Fileobj)
					// key.fileobj.close()
					key.Fileobj.(io.Closer).Close()
				}
				// self.output[key.fileobj].append(data)
				c.output[key.Fileobj] = append(c.output[key.Fileobj], data)
			}
		}
	}
	// stdout = b''.join(self.output[self.proc.stdout]); stderr = b''.join(self.output[self.proc.stderr])
	return bytes.Join(c.output[c.stdout], nil), bytes.Join(c.output[c.stderr], nil), nil
}

// def show(name, child, stdout, stderr, input):
func show(name string, child *Child, stdout, stderr, input []byte) {
	// returncode = child.proc.wait()
	child.proc.Wait() // its error is the non-zero status, which returncode holds
	returncode := popenReturncode(child.proc.ProcessState)
	// print(name, 'stdout', len(stdout), 'bytes', stdout[:12], 'is input', stdout == input, flush=True)
	fmt.Fprintln(sysStdout, name, "stdout", len(stdout), "bytes", builtins.Repr(stdout[:min(12, len(stdout))]), "is input", builtins.Repr(bytes.Equal(stdout, input)))
	// print(name, 'stderr', stderr, 'returncode', returncode, flush=True)
	fmt.Fprintln(sysStdout, name, "stderr", builtins.Repr(stderr), "returncode", returncode)
}

// popenReturncode is Popen.returncode once the child has been waited for:
// its exit status, or -N if signal N ended it (os.ProcessState.ExitCode
// is -1 then).
func popenReturncode(ps *os.ProcessState) int {
	if ws := ps.Sys().(syscall.WaitStatus); ws.Signaled() {
		return -int(ws.Signal())
	}
	return ps.ExitCode()
}

// sysStdout is sys.stdout, where print writes.
var sysStdout io.Writer = os.Stdout

func main() {
	if err := run(os.Args, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(args []string, w io.Writer) error {
	sysStdout = w
	// if hasattr(selectors, 'PollSelector') and 'select' not in sys.argv[1:]:
	if selectors.Hasattr("PollSelector") && !slices.Contains(args[1:], "select") {
		// _PopenSelector = selectors.PollSelector
		_PopenSelector = selectors.NewPollSelector[any]
	} else {
		// _PopenSelector = selectors.SelectSelector
		_PopenSelector = selectors.NewSelectSelector[any]
	}
	// big = bytes(range(256)) * 1024
	big := bytes.Repeat(byteRange(256), 1024)
	// for name, args, input in [('cat', ...), ('both', ...), ('early', ...)]:
	for _, tc := range []struct {
		name  string
		args  []string
		input []byte
	}{
		{"cat", []string{"cat"}, big},
		{"both", []string{"sh", "-c", "echo to stdout; echo to stderr >&2; exit 3"}, []byte("")},
		{"early", []string{"head", "-c", "5"}, big},
	} {
		// child = Child(args)
		child, err := NewChild(tc.args)
		if err != nil {
			return err
		}
		// stdout, stderr = child.communicate(input)
		stdout, stderr, err := child.communicate(tc.input, nil)
		if err != nil {
			return err
		}
		// show(name, child, stdout, stderr, input)
		show(tc.name, child, stdout, stderr, tc.input)
	}

	// child = Child(['sh', '-c', 'echo started; exec sleep 30'])
	child, err := NewChild([]string{"sh", "-c", "echo started; exec sleep 30"})
	if err != nil {
		return err
	}
	// try: child.communicate(b'', timeout=0.5)
	_, _, err = child.communicate([]byte(""), 0.5)
	// except subprocess.TimeoutExpired as e:
	if e, ok := errors.AsType[*TimeoutExpired](err); ok {
		// print('timeout', type(e).__name__, e.timeout, flush=True)
		fmt.Fprintln(sysStdout, "timeout", "TimeoutExpired", e.timeout)
		// child.proc.kill()
		child.proc.Process.Kill()
		// stdout, stderr = child.communicate(b'')
		stdout, stderr, err := child.communicate([]byte(""), nil)
		if err != nil {
			return err
		}
		// show('timeout', child, stdout, stderr, b'')
		show("timeout", child, stdout, stderr, []byte(""))
	} else if err != nil {
		return err
	}
	// print('done', flush=True)
	fmt.Fprintln(sysStdout, "done")
	return nil
}

// byteRange is bytes(range(n)).
func byteRange(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}
