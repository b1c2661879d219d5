// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux

package conformance_test

// openProcessWide: pyselect holds nothing per process here.
func openProcessWide() {}
