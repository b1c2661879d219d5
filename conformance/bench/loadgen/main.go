// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

// Command loadgen is a closed-loop echo load generator: -c connections,
// each sending a -size byte message and waiting for all of it to come
// back before sending the next, one goroutine per connection.
//
// Usage: loadgen -addr 127.0.0.1:PORT -c 100 -size 16
//
// It prints "ready" once every connection is up, then answers each line
// "mark" on its standard input with one line
//
//	<requests completed so far> <p50 ns> <p99 ns>
//
// where the latencies are those of the requests completed since the
// previous mark. conformance/bench/run reads /proc between two marks, so
// the window is the harness's, not the generator's. "pause" waits until
// every request in flight has completed and holds the connections idle,
// answering "paused"; "resume" lets them go on ("resumed"). At end of
// input it
// closes the connections and exits. A wrong echo or an error before then
// is fatal (status 1).
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"math/bits"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// Latencies go in a log-linear histogram: 16 buckets per power of two,
// so a percentile is within 1/32 of the true value.
const (
	subBits  = 4
	nBuckets = 40 << subBits // up to 2^40 ns, about 18 minutes
)

func bucket(ns uint64) int {
	if ns < 1<<subBits {
		return int(ns)
	}
	shift := bits.Len64(ns) - 1 - subBits
	i := (shift+1)<<subBits + int(ns>>shift) - 1<<subBits
	return min(i, nBuckets-1)
}

// mid is the middle of bucket i, in nanoseconds.
func mid(i int) float64 {
	if i < 1<<subBits {
		return float64(i)
	}
	shift := i>>subBits - 1
	lo := uint64(1<<subBits+i&(1<<subBits-1)) << shift
	return float64(lo) + float64(uint64(1)<<shift)/2
}

type worker struct {
	done atomic.Uint64
	hist [nBuckets]atomic.Uint64
}

func main() {
	addr := flag.String("addr", "", "server address")
	conns := flag.Int("c", 100, "connections")
	size := flag.Int("size", 16, "message size in bytes")
	flag.Parse()

	workers := make([]*worker, *conns)
	cs := make([]net.Conn, *conns)
	for i := range cs {
		c, err := net.Dial("tcp4", *addr)
		if err != nil {
			fatal(err)
		}
		cs[i], workers[i] = c, new(worker)
	}
	var stopping atomic.Bool
	var gate sync.RWMutex // read-held by each request; pause write-locks it
	for i, c := range cs {
		go run(c, workers[i], *size, &gate, &stopping)
	}
	fmt.Println("ready")

	in := bufio.NewScanner(os.Stdin)
	paused := false
	for in.Scan() {
		switch in.Text() {
		case "pause":
			if !paused {
				gate.Lock()
				paused = true
			}
			fmt.Println("paused")
			continue
		case "resume":
			if paused {
				gate.Unlock()
				paused = false
			}
			fmt.Println("resumed")
			continue
		case "mark":
		default:
			continue
		}
		var total uint64
		var h [nBuckets]uint64
		for _, w := range workers {
			total += w.done.Load()
			for i := range h {
				h[i] += w.hist[i].Swap(0)
			}
		}
		fmt.Printf("%d %.0f %.0f\n", total, percentile(&h, 0.50), percentile(&h, 0.99))
	}
	stopping.Store(true)
	if paused {
		gate.Unlock()
	}
	for _, c := range cs {
		c.Close()
	}
}

// run is one connection's closed loop.
func run(c net.Conn, w *worker, size int, gate *sync.RWMutex, stopping *atomic.Bool) {
	msg := make([]byte, size)
	for i := range msg {
		msg[i] = byte('a' + i%26)
	}
	got := make([]byte, size)
	for {
		gate.RLock()
		start := time.Now()
		_, err := c.Write(msg)
		if err == nil {
			_, err = io.ReadFull(c, got)
		}
		elapsed := time.Since(start)
		gate.RUnlock()
		if err != nil {
			if stopping.Load() {
				return
			}
			fatal(err)
		}
		if !bytes.Equal(got, msg) {
			fatal(fmt.Errorf("echo differs: sent %q, got %q", msg, got))
		}
		w.hist[bucket(uint64(elapsed))].Add(1)
		w.done.Add(1)
	}
}

func percentile(h *[nBuckets]uint64, q float64) float64 {
	var n uint64
	for _, c := range h {
		n += c
	}
	if n == 0 {
		return 0
	}
	rank := uint64(q*float64(n-1)) + 1
	var seen uint64
	for i, c := range h {
		if seen += c; seen >= rank {
			return mid(i)
		}
	}
	return 0
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "loadgen:", err)
	os.Exit(1)
}
