// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !solaris

package pyselect_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestReadmeExampleIsExample_readme: the body of main in the README's Go
// program (the go block after "<!-- example: Example_readme -->") is the
// body of Example_readme, which go test runs and checks the output of. The
// README's example therefore compiles, runs and prints what it says.
func TestReadmeExampleIsExample_readme(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Skipf("README.md not found from the package directory (%v): run with go test", err)
	}
	_, block, ok := strings.Cut(string(readme), "<!-- example: Example_readme -->\n```go\n")
	if !ok {
		t.Fatal(`README.md has no "<!-- example: Example_readme -->" marker followed by a go block`)
	}
	block, _, _ = strings.Cut(block, "```")
	shown, err := funcBody(block, "func main() {")
	if err != nil {
		t.Fatalf("README.md's example: %v", err)
	}
	src, err := os.ReadFile("example_readme_test.go")
	if err != nil {
		t.Fatal(err)
	}
	tested, err := funcBody(string(src), "func Example_readme() {")
	if err != nil {
		t.Fatalf("example_readme_test.go: %v", err)
	}
	if shown != tested {
		t.Errorf("README.md's main differs from Example_readme; copy the body of Example_readme into it.\nREADME:\n%s\nExample_readme:\n%s", shown, tested)
	}
}

// funcBody returns the lines of src between the line that is header and the
// next line that is "}", without their first tab.
func funcBody(src, header string) (string, error) {
	_, rest, ok := strings.Cut(src, "\n"+header+"\n")
	if !ok {
		return "", fmt.Errorf("no line %q", header)
	}
	body, _, ok := strings.Cut(rest, "\n}\n")
	if !ok {
		return "", fmt.Errorf("no closing brace after %q", header)
	}
	lines := strings.Split(body, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, "\t")
	}
	return strings.Join(lines, "\n"), nil
}
