// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package differential

import "github.com/pyselect/pyselect/sys/selectors"

// osSelector makes the selector classes only this OS has.
func osSelector(class string) (selector, error) {
	if class == "KqueueSelector" {
		return selectors.NewKqueueSelector[any]()
	}
	return nil, scenarioErr("selectors.%s does not exist on this OS", class)
}
