// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux

// Soak runs an echo load through an epoll loop built on pyselect, with
// random connection churn, over loopback (127.0.0.1) only, for a set time:
//
//	go run ./conformance/cmd/soak -duration 10m
//
// The server is one goroutine: a non-blocking listener and its connections
// registered in one pyselect.Epoll, served level-triggered from
// Epoll.Poll, as a Python selectors loop would be. Clients dial, send
// random-sized requests and check each echo byte for byte, and leave at
// random: politely (close), abruptly (reset with SO_LINGER 0), or in the
// middle of a request. Every 10 s and at the end it prints requests served,
// errors, open descriptors and heap; it exits 1 if any error occurred or
// if descriptors or memory grew between the warm-up and the end.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/sys/pyselect"
)

var (
	duration = flag.Duration("duration", 10*time.Minute, "how long to run the load")
	clients  = flag.Int("clients", 32, "concurrent client goroutines")
)

// Counters, shared by the server and the clients.
var (
	served   atomic.Int64 // echo replies completed by clients (request/response round trips)
	accepted atomic.Int64
	churned  atomic.Int64 // connections a client dropped on purpose (reset or mid-request)
	errs     atomic.Int64
)

func errorf(format string, args ...any) {
	errs.Add(1)
	if errs.Load() <= 20 {
		fmt.Fprintf(os.Stderr, "soak: error: "+format+"\n", args...)
	}
}

func main() {
	flag.Parse()
	// Start Go's own netpoller (the clients use package net) before the
	// first count, so that its descriptors are not taken for growth.
	if ln, err := net.Listen("tcp4", "127.0.0.1:0"); err == nil {
		ln.Close()
	}
	initial := measure()
	lfd, addr := listen()
	stop := make(chan struct{})
	var conns atomic.Int64
	serverDone := make(chan struct{})
	go func() { defer close(serverDone); serve(lfd, stop, &conns) }()

	var wg sync.WaitGroup
	clientStop := make(chan struct{})
	for i := range *clients {
		wg.Add(1)
		go func() { defer wg.Done(); client(addr, uint64(i), clientStop) }()
	}

	start := time.Now()
	warm := min(*duration/10, time.Minute)
	var base sample
	tick := time.NewTicker(10 * time.Second)
	defer tick.Stop()
	end := time.After(*duration)
	warmed := time.After(warm)
loop:
	for {
		select {
		case <-warmed:
			base = measure()
			fmt.Printf("soak: baseline after %v warm-up: %s\n", warm, base)
		case <-tick.C:
			fmt.Printf("soak: %6.0fs served %d accepted %d churned %d open %d errors %d %s\n",
				time.Since(start).Seconds(), served.Load(), accepted.Load(), churned.Load(), conns.Load(), errs.Load(), measure())
		case <-end:
			break loop
		}
	}
	close(clientStop)
	wg.Wait()
	// Let the server see every client's close.
	for deadline := time.Now().Add(10 * time.Second); conns.Load() != 0 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	open := conns.Load()
	close(stop)
	<-serverDone
	unix.Close(lfd)
	last := measure()

	elapsed := time.Since(start)
	fmt.Printf("soak: done after %v: %d requests served (%.0f/s), %d connections accepted, %d churned, %d errors\n",
		elapsed.Round(time.Second), served.Load(), float64(served.Load())/elapsed.Seconds(), accepted.Load(), churned.Load(), errs.Load())
	fmt.Printf("soak: before   %s\nsoak: baseline %s (under load, after warm-up)\nsoak: end      %s\n", initial, base, last)
	fail := false
	if errs.Load() != 0 {
		fmt.Println("soak: FAIL: errors")
		fail = true
	}
	if open != 0 {
		fmt.Printf("soak: FAIL: %d connections still open in the server\n", open)
		fail = true
	}
	// Every descriptor the run opened is closed again.
	if last.fds != initial.fds {
		fmt.Printf("soak: FAIL: %d descriptors before the run, %d after\n", initial.fds, last.fds)
		fail = true
	}
	if last.heap > base.heap+8<<20 && last.heap > base.heap*3/2 {
		fmt.Printf("soak: FAIL: heap grew from %d to %d bytes\n", base.heap, last.heap)
		fail = true
	}
	if served.Load() == 0 {
		fmt.Println("soak: FAIL: nothing served")
		fail = true
	}
	if fail {
		os.Exit(1)
	}
	fmt.Println("soak: PASS")
}

// A sample is the process's open descriptors and live heap after a GC.
type sample struct {
	fds  int
	heap uint64
	rss  uint64
}

func (s sample) String() string {
	return fmt.Sprintf("fds %d heap %.1f MiB rss %.1f MiB", s.fds, float64(s.heap)/(1<<20), float64(s.rss)/(1<<20))
}

func measure() sample {
	runtime.GC()
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	ents, _ := os.ReadDir("/proc/self/fd")
	var rss uint64
	if b, err := os.ReadFile("/proc/self/statm"); err == nil {
		var size, res uint64
		fmt.Sscan(string(b), &size, &res)
		rss = res * uint64(os.Getpagesize())
	}
	return sample{fds: len(ents) - 1, heap: ms.HeapAlloc, rss: rss} // -1: ReadDir's own fd
}

// listen opens a non-blocking TCP listener on 127.0.0.1 and an ephemeral
// port.
func listen() (int, string) {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	check(err)
	check(unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1))
	check(unix.Bind(fd, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}))
	check(unix.Listen(fd, 1024))
	sa, err := unix.Getsockname(fd)
	check(err)
	return fd, fmt.Sprintf("127.0.0.1:%d", sa.(*unix.SockaddrInet4).Port)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(2)
	}
}

// A conn is the server's state for one connection: bytes read and not
// yet echoed.
type conn struct{ pending []byte }

// serve is the epoll loop: accept, read, echo, close.
func serve(lfd int, stop <-chan struct{}, open *atomic.Int64) {
	ep, err := pyselect.NewEpoll(-1, 0)
	check(err)
	defer ep.Close()
	check(ep.Register(lfd, pyselect.EPOLLIN))
	conns := map[int]*conn{}
	buf := make([]byte, 64<<10)
	drop := func(fd int) {
		if err := ep.Unregister(fd); err != nil {
			errorf("unregister %d: %v", fd, err)
		}
		unix.Close(fd)
		delete(conns, fd)
		open.Add(-1)
	}
	defer func() {
		for fd := range conns {
			drop(fd)
		}
	}()
	for {
		select {
		case <-stop:
			return
		default:
		}
		evs, err := ep.Poll(0.1, -1)
		if err != nil {
			errorf("poll: %v", err)
			return
		}
		for _, e := range evs {
			if e.Fd == lfd {
				for {
					nfd, _, err := unix.Accept4(lfd, unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC)
					if err != nil {
						if err != unix.EAGAIN && err != unix.ECONNABORTED {
							errorf("accept: %v", err)
						}
						break
					}
					if err := ep.Register(nfd, pyselect.EPOLLIN|pyselect.EPOLLRDHUP); err != nil {
						errorf("register %d: %v", nfd, err)
						unix.Close(nfd)
						continue
					}
					conns[nfd] = &conn{}
					accepted.Add(1)
					open.Add(1)
				}
				continue
			}
			c := conns[e.Fd]
			if c == nil {
				errorf("event %#x for fd %d, not a connection", e.Events, e.Fd)
				continue
			}
			if e.Events&pyselect.EPOLLOUT != 0 && len(c.pending) > 0 {
				if !flush(e.Fd, c) {
					drop(e.Fd)
					continue
				}
			}
			if e.Events&(pyselect.EPOLLIN|pyselect.EPOLLERR|pyselect.EPOLLHUP) != 0 {
				n, err := unix.Read(e.Fd, buf)
				switch {
				case err == unix.EAGAIN:
				case err == unix.ECONNRESET || n == 0 && err == nil:
					drop(e.Fd) // the client left: churn, not an error
					continue
				case err != nil:
					errorf("read %d: %v", e.Fd, err)
					drop(e.Fd)
					continue
				default:
					c.pending = append(c.pending, buf[:n]...)
					if !flush(e.Fd, c) {
						drop(e.Fd)
						continue
					}
				}
			}
			// Ask for EPOLLOUT only while there is something to write.
			mask := pyselect.EPOLLIN | pyselect.EPOLLRDHUP
			if len(c.pending) > 0 {
				mask |= pyselect.EPOLLOUT
			}
			if err := ep.Modify(e.Fd, mask); err != nil {
				errorf("modify %d: %v", e.Fd, err)
			}
		}
	}
}

// flush writes what it can of c.pending; false means the peer is gone.
func flush(fd int, c *conn) bool {
	for len(c.pending) > 0 {
		n, err := unix.Write(fd, c.pending)
		if err == unix.EAGAIN {
			return true
		}
		if err == unix.EPIPE || err == unix.ECONNRESET {
			return false
		}
		if err != nil {
			errorf("write %d: %v", fd, err)
			return false
		}
		c.pending = c.pending[n:]
	}
	c.pending = c.pending[:0:0]
	return true
}

// client dials, makes 1 to 50 round trips of 1 to 16 KiB, checks each
// echo, and leaves politely, abruptly or mid-request; until stop.
func client(addr string, seed uint64, stop <-chan struct{}) {
	rng := rand.New(rand.NewPCG(seed, 0x50a4))
	req := make([]byte, 16<<10)
	resp := make([]byte, 16<<10)
	for {
		select {
		case <-stop:
			return
		default:
		}
		c, err := net.DialTimeout("tcp4", addr, 5*time.Second)
		if err != nil {
			errorf("dial: %v", err)
			time.Sleep(10 * time.Millisecond)
			continue
		}
		tc := c.(*net.TCPConn)
		rounds := 1 + rng.IntN(50)
		for i := range rounds {
			n := 1 + rng.IntN(len(req))
			for j := range req[:n] {
				req[j] = byte(rng.Uint32())
			}
			tc.SetDeadline(time.Now().Add(10 * time.Second))
			if i == rounds-1 && rng.IntN(10) == 0 {
				// Leave in the middle of a request.
				tc.Write(req[:n/2+1])
				churned.Add(1)
				break
			}
			if _, err := tc.Write(req[:n]); err != nil {
				errorf("client write: %v", err)
				break
			}
			if _, err := io.ReadFull(tc, resp[:n]); err != nil {
				errorf("client read: %v", err)
				break
			}
			if !bytes.Equal(req[:n], resp[:n]) {
				errorf("echo of %d bytes differs", n)
				break
			}
			served.Add(1)
		}
		if rng.IntN(4) == 0 {
			tc.SetLinger(0) // close with RST
			churned.Add(1)
		}
		tc.Close()
	}
}
