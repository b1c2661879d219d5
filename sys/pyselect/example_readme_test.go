// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !solaris

package pyselect_test

import (
	"fmt"
	"log"
	"os"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// The README's example: a poll loop as a Python programmer writes it, each
// Go line beside the Python line it ports. TestReadmeExampleIsExample_readme
// checks that the README shows this body.
func Example_readme() {
	r, w, err := os.Pipe() // r, w = os.pipe()
	if err != nil {
		log.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	w.WriteString("ping")          // os.write(w, b"ping")
	p := pyselect.NewPoll()        // p = select.poll()
	p.Register(r, pyselect.POLLIN) // p.register(r, select.POLLIN)
	events, err := p.Poll(1000)    // events = p.poll(1000)  # milliseconds
	if err != nil {
		log.Fatal(err)
	}
	for _, ev := range events { // for fd, event in events:
		fmt.Println(ev.Events == pyselect.POLLIN) // print(event == select.POLLIN)
	}
	err = p.Unregister(w)                  // try: p.unregister(w)
	fmt.Println(builtins.ExceptionOf(err)) // except KeyError as e: print(type(e).__name__)
	// Output:
	// true
	// KeyError
}
