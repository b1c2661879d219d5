// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

// The conformance suite: an executable statement of what Python's select
// module does, checked against pyselect on the OS it runs on. Each spec
// names the behaviour it checks and where that behaviour is documented.
// `ginkgo --dry-run -v ./conformance` prints the catalogue.
package conformance_test

import (
	"runtime"
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	_ "github.com/pyselect/pyselect/conformance/support/memwatch" // a runaway test is named under .ci/memcap.sh
)

func TestConformance(t *testing.T) {
	RegisterFailHandler(Fail)
	describeAPIs()
	RunSpecs(t, "pyselect conformance ("+runtime.GOOS+"/"+runtime.GOARCH+")")
}
