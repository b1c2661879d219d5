// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build aix

package selectors_test

import "testing"

func selectorsUnderTest(*testing.T) []selectorCase { return unixSelectors() }
