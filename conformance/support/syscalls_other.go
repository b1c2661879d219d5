// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build !(linux && amd64)

package support

import "errors"

// CanTraceSyscalls says whether TraceSyscalls works on this platform: its
// tracer reads linux/amd64's registers.
const CanTraceSyscalls = false

// TraceSyscalls is available on linux/amd64 only.
func TraceSyscalls(argv, env []string) (map[string][]string, error) {
	return nil, errors.New("system calls are traced on linux/amd64 only")
}
