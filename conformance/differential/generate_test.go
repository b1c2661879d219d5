// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package differential

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	_ "github.com/pyselect/pyselect/conformance/support/memwatch" // a runaway test is named under .ci/memcap.sh
)

// Every scenario the difffuzz generator makes must survive the trip
// through a file and be one the replayer can run (no value Go cannot
// express, no step on a resource that was never made); CPython is not
// needed to check that.
func TestGeneratedScenariosReplay(t *testing.T) {
	apis := []string{"select", "poll", "selectors", "socket"}
	if runtime.GOOS == "linux" {
		apis = append(apis, "epoll")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	dir := t.TempDir()
	for i := range 300 {
		sc := Generate(rng, "gen", apis)
		path := filepath.Join(dir, "gen.json")
		if err := os.WriteFile(path, Format(sc), 0o644); err != nil {
			t.Fatal(err)
		}
		loaded, err := LoadScenario(path)
		if err != nil {
			t.Fatalf("scenario %d does not load: %v\n%s", i, err, Format(sc))
		}
		var narrow *NarrowIntError
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		_, err = ReplayContext(ctx, loaded)
		cancel()
		if errors.As(err, &narrow) {
			continue // a 2**31-sized int on a 32-bit platform: 64-bit ones replay it
		} else if err != nil {
			t.Fatalf("scenario %d cannot be replayed: %v\n%s", i, err, Format(sc))
		}
	}
}
