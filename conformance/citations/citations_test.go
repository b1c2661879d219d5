// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package citations

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	_ "github.com/pyselect/pyselect/conformance/support/memwatch" // a runaway test is named under .ci/memcap.sh
)

// forbidden matches the references a reader cannot follow from the
// repository (documents, programs and paths outside it, numbered sections,
// another tracker's issue numbers), because every citation must lead to
// something the reader can open; CPython's issues are cited as bpo-N or gh-N.
var forbidden = []struct {
	re   *regexp.Regexp
	why  string
	json bool // also match the \u escape JSON writes
}{
	{regexp.MustCompile(`(?i)\bCOMMON\.md\b`), "a document outside the repository: cite conformance/SEMANTICS.md#anchor", false},
	{regexp.MustCompile(`§|\\u00a7`), "a numbered section: cite conformance/SEMANTICS.md#anchor", true},
	{regexp.MustCompile(`(?i)\bissue #?[0-9]+`), "an issue number: cite bpo-N / gh-N for CPython's, SEMANTICS.md#anchor for a rule", false},
	{regexp.MustCompile(`(?i)\bthe\s+se` + `ed\b`), "a program outside the repository: name the file", false},
	{regexp.MustCompile(`(?i)\.\./shared\b|/work/`), "a path outside the repository", false},
}

var (
	// semanticsRef is a citation of the project's reference with an anchor.
	semanticsRef = regexp.MustCompile(`SEMANTICS\.md#([A-Za-z0-9_-]*)`)
	// mdLink is a Markdown link's target.
	mdLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)
	// repoPath is a path into the repository written in text: it starts at
	// a top-level directory, after a space, quote, backquote or bracket.
	// Under sys/ only the packages count: sys/kern/... is a kernel's source.
	repoPath = regexp.MustCompile("(?:^|[\\s(\\[`'\"])((?:\\.ci/|\\.github/|conformance/|sys/py|sys/selectors|fixtures/|vagrant/)[A-Za-z0-9_./-]*[A-Za-z0-9_])([^A-Za-z0-9_./-]|$)")
	// anchorID is an explicit anchor; heading is a Markdown heading.
	anchorID = regexp.MustCompile(`<a id="([^"]+)"></a>`)
	heading  = regexp.MustCompile(`(?m)^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$`)
	// testName is a Go test, example, fuzz target or benchmark named in a
	// document or a Go comment (not one qualified by a package or class:
	// Python's unittest.TestCase is not ours).
	testName = regexp.MustCompile(`(?:^|[^A-Za-z0-9_.])((?:Test|Example|Fuzz|Benchmark)[A-Z_][A-Za-z0-9_]*)`)
	// testFunc is the definition of one.
	testFunc = regexp.MustCompile(`(?m)^func ((?:Test|Example|Fuzz|Benchmark)[A-Za-z0-9_]*)\(`)
	// makeCmd is a make target named in a document: `make NAME ...`.
	makeCmd = regexp.MustCompile("`make ([a-z][a-z0-9-]*)([^a-z0-9-]|$)")
	// bareFile is a Go or shell file of the repository named in a document
	// by its base name alone, in backquotes: `select.go`, `lint.sh`.
	bareFile = regexp.MustCompile("`([A-Za-z0-9][A-Za-z0-9_.-]*\\.(?:go|sh))`")
	// workflow is a GitHub Actions workflow named by its file in a document.
	workflow = regexp.MustCompile(`(?:^|[^A-Za-z0-9_./-])([a-z0-9-]+\.yml)\b`)
)

// index is what the documents name besides files and anchors: the Go test
// functions of the repository, the Makefile's targets, the workflows.
type index struct {
	tests, targets, workflows map[string]bool
	files                     map[string]bool // base names of the repository's files
}

// indexOf reads the repository at root for the names check resolves.
func indexOf(t *testing.T, root string) *index {
	t.Helper()
	ix := &index{tests: map[string]bool{}, targets: map[string]bool{}, workflows: map[string]bool{}, files: map[string]bool{}}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "out") {
			return filepath.SkipDir
		}
		ix.files[d.Name()] = true
		if !strings.HasSuffix(p, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range testFunc.FindAllStringSubmatch(string(data), -1) {
			ix.tests[m[1]] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	makefile, err := os.ReadFile(filepath.Join(root, "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	ix.targets = makeTargets(string(makefile))
	wf, err := filepath.Glob(filepath.Join(root, ".github", "workflows", "*.yml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range wf {
		ix.workflows[filepath.Base(f)] = true
	}
	if len(ix.tests) < 50 || len(ix.targets) < 10 || len(ix.workflows) == 0 {
		t.Fatalf("index of %s: %d tests, %d make targets, %d workflows; expected the whole repository", root, len(ix.tests), len(ix.targets), len(ix.workflows))
	}
	return ix
}

// makeTargets returns the targets a Makefile's rules name, with the
// substitution references of its variables ($(OSES:%=vagrant-%)) expanded.
func makeTargets(makefile string) map[string]bool {
	vars := map[string][]string{}
	varDef := regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)\s*[:?]?=\s*(.*)$`)
	rule := regexp.MustCompile(`^([^\s#=:][^=:]*?)\s*:([^=]|$)`)
	subst := regexp.MustCompile(`\$\(([A-Za-z_][A-Za-z0-9_]*):%=([^%)]*)%([^)]*)\)`)
	targets := map[string]bool{}
	for _, line := range strings.Split(makefile, "\n") {
		if m := varDef.FindStringSubmatch(line); m != nil {
			vars[m[1]] = strings.Fields(m[2])
			continue
		}
		line = subst.ReplaceAllStringFunc(line, func(ref string) string {
			s := subst.FindStringSubmatch(ref)
			var words []string
			for _, v := range vars[s[1]] {
				words = append(words, s[2]+v+s[3])
			}
			return strings.Join(words, " ")
		})
		m := rule.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		for _, w := range strings.Fields(m[1]) {
			if !strings.HasPrefix(w, ".") {
				targets[w] = true
			}
		}
	}
	return targets
}

// TestCitations walks every text file of the repository and reports each
// citation that does not resolve, with its file and line.
func TestCitations(t *testing.T) {
	root := moduleRoot(t)
	semantics := filepath.Join(root, "conformance", "SEMANTICS.md")
	if _, err := os.Stat(semantics); err != nil {
		t.Fatalf("conformance/SEMANTICS.md, the project's semantics reference, is missing: %v", err)
	}
	ix := indexOf(t, root)
	anchorCache := map[string]map[string]bool{}
	anchorsOf := func(file string) map[string]bool {
		if a, ok := anchorCache[file]; ok {
			return a
		}
		a := anchors(file)
		anchorCache[file] = a
		return a
	}
	files := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			switch {
			case rel == ".git", rel == "out", strings.HasSuffix(rel, "/testdata"), rel == "conformance/citations",
				strings.HasPrefix(d.Name(), ".") && rel != ".ci" && rel != ".github" && rel != ".":
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || rel == ".git" {
			return nil // a worktree's .git is a file
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
			return nil // binary
		}
		files++
		for _, f := range check(root, rel, string(data), semantics, anchorsOf, ix) {
			t.Error(f)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 100 {
		t.Fatalf("walked %d text files under %s; expected the whole repository", files, root)
	}
}

// TestCitationsCatch feeds check one line of each kind it must refuse,
// and one it must accept, so that TestCitations passing means something.
func TestCitationsCatch(t *testing.T) {
	root := moduleRoot(t)
	semantics := filepath.Join(root, "conformance", "SEMANTICS.md")
	anchorsOf := func(file string) map[string]bool { return anchors(file) }
	ix := indexOf(t, root)
	for _, c := range []struct{ rel, line, want string }{
		{"x.go", "// COMMON" + ".md API contract", "outside the repository"},
		{"x.go", "// " + "\u00a7" + "4 shared messages", "numbered section"},
		{"x.json", `  "source": "notes \u00a7` + `7.5",`, "numbered section"},
		{"x.go", "// required by issue" + " 2", "issue number"},
		{"x.go", "// as the " + "se" + "ed had it", "a program outside the repository"},
		{"x.go", "// see SEMANTICS.md#no-such-rule", `no anchor "no-such-rule"`},
		{"x.go", "// see SEMANTICS.md#", "names no anchor"},
		{"x.go", "// see conformance/no_such_test.go", "no such file"},
		{"docs/x.md", "see [the rules](../conformance/SEMANTICS.md#nope)", `no anchor "nope"`},
		{"docs/x.md", "see [the rules](../NOPE.md)", "no such file"},
		{"x.go", "// Source: conformance/SEMANTICS.md#epoll-register; epoll_ctl(2) ERRORS; test_epoll.py::test_add; bpo-11973", ""},
		{"x.md", "[reference](conformance/SEMANTICS.md#timeouts), [select](conformance/SEMANTICS.md#select)", ""},
		{"x.md", "`TestNoSuchThing` checks it", `no func TestNoSuchThing`},
		{"x.md", "see `Example_noSuchExample`", `no func Example_noSuchExample`},
		{"x.go", "// BenchmarkNoSuch/impl=Wait measures it", `no func BenchmarkNoSuch`},
		{"x.go", "\tx := TestNotAComment // code, not a comment", ""},
		{"x.md", "`make no-such-target` runs it", `no target "no-such-target"`},
		{"x.md", "in `nosuch.yml`", `no workflow "nosuch.yml"`},
		{"x.md", "one file per facility: `select.go`, `nosuch_linux.go`", `"nosuch_linux.go": no file of that name`},
		{"x.md", "`lint.sh`, `pollfd.go`, a `_test.go` file", ""},
		{"x.md", "`TestCitations`, `BenchmarkEpollWake/impl=Wait`, unittest.TestCase; `make vagrant-freebsd-fixtures`, `make lint-ci`; `bsd.yml`", ""},
	} {
		got := check(root, c.rel, c.line, semantics, anchorsOf, ix)
		switch {
		case c.want == "" && len(got) > 0:
			t.Errorf("check(%q) = %q; want no finding", c.line, got)
		case c.want != "" && (len(got) == 0 || !strings.Contains(strings.Join(got, "\n"), c.want)):
			t.Errorf("check(%q) = %q; want a finding saying %q", c.line, got, c.want)
		}
	}
}

// check returns the citations of one file that do not resolve, each with
// its file and line.
func check(root, rel, text, semantics string, anchorsOf func(string) map[string]bool, ix *index) (findings []string) {
	seen := map[string]bool{}
	errorf := func(format string, args ...any) {
		if f := fmt.Sprintf(format, args...); !seen[f] {
			seen[f] = true
			findings = append(findings, f)
		}
	}
	isJSON := strings.HasSuffix(rel, ".json")
	for i, line := range strings.Split(text, "\n") {
		where := rel + ":" + itoa(i+1)
		checkNames(rel, where, line, ix, errorf)
		if !strings.ContainsAny(line, "/§#") && !strings.Contains(strings.ToLower(line), "issue") &&
			!strings.Contains(strings.ToLower(line), "seed") && !strings.Contains(line, `\u`) &&
			!strings.Contains(strings.ToLower(line), "common") {
			continue // no citation of any kind checked here
		}
		for _, f := range forbidden {
			if m := f.re.FindString(line); m != "" {
				if m != "§" && strings.HasPrefix(m, `\u`) && !(isJSON && f.json) {
					continue
				}
				errorf("%s: %q: %s", where, m, f.why)
			}
		}
		if isJSON && strings.Contains(line, `\u`) {
			// A JSON string: check its decoded text too (\u00a7 is §).
			var v any
			if json.Unmarshal([]byte("{"+strings.TrimSuffix(strings.TrimSpace(line), ",")+"}"), &v) == nil {
				line = decodedText(v)
			}
		}
		for _, m := range semanticsRef.FindAllStringSubmatch(line, -1) {
			if m[1] == "" {
				errorf("%s: %q names no anchor", where, m[0])
			} else if !anchorsOf(semantics)[m[1]] {
				errorf("%s: %q: no anchor %q in conformance/SEMANTICS.md", where, m[0], m[1])
			}
		}
		for _, m := range repoPath.FindAllStringSubmatch(line, -1) {
			if strings.HasSuffix(rel, ".md") && strings.Contains(line, "]("+m[1]) {
				continue // a link target: checkLink resolves it from the file's directory
			}
			p := strings.TrimSuffix(m[1], ".")
			if strings.ContainsAny(m[2], "*<{$") || placeholder(p) || strings.HasSuffix(p, ".h") {
				continue // a pattern or a C header, not a repository path
			}
			if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(p))); err != nil {
				errorf("%s: %q: no such file or directory in the repository", where, p)
			}
		}
		if strings.HasSuffix(rel, ".md") {
			for _, m := range mdLink.FindAllStringSubmatch(line, -1) {
				if f := checkLink(root, rel, where, m[1], anchorsOf); f != "" {
					errorf("%s", f)
				}
			}
		}
	}
	return findings
}

// checkNames reports a Go test, example, fuzz target or benchmark that a
// document or a Go comment names and no _test.go defines; and in a
// document, a `make` target the Makefile lacks or a workflow that
// .github/workflows lacks.
func checkNames(rel, where, line string, ix *index, errorf func(string, ...any)) {
	text := ""
	switch {
	case strings.HasSuffix(rel, ".md"):
		text = line
	case strings.HasSuffix(rel, ".go"):
		if _, c, ok := strings.Cut(line, "//"); ok {
			text = c
		}
	}
	if text == "" {
		return
	}
	for _, m := range testName.FindAllStringSubmatch(text, -1) {
		if !ix.tests[m[1]] {
			errorf("%s: %q: no func %s in any _test.go", where, m[1], m[1])
		}
	}
	if !strings.HasSuffix(rel, ".md") {
		return
	}
	for _, m := range makeCmd.FindAllStringSubmatch(text, -1) {
		if strings.ContainsAny(m[2], "<*$%{") {
			continue // a pattern: `make vagrant-<os>`
		}
		if !ix.targets[m[1]] {
			errorf("%s: `make %s`: no target %q in the Makefile", where, m[1], m[1])
		}
	}
	for _, m := range bareFile.FindAllStringSubmatch(text, -1) {
		if !ix.files[m[1]] {
			errorf("%s: %q: no file of that name in the repository", where, m[1])
		}
	}
	for _, m := range workflow.FindAllStringSubmatch(text, -1) {
		if !ix.workflows[m[1]] {
			errorf("%s: %q: no workflow %q in .github/workflows", where, m[1], m[1])
		}
	}
}

// placeholder reports a path written with a placeholder component, such
// as fixtures/scenarios/NAME.json or vagrant/OS/Vagrantfile.
func placeholder(p string) bool {
	for _, c := range strings.Split(p, "/") {
		switch strings.TrimSuffix(c, path.Ext(c)) {
		case "NAME", "OS", "GOOS", "GOARCH", "ARCH", "N":
			return true
		}
	}
	return false
}

// checkLink reports a relative Markdown link whose file or anchor does not
// exist, or returns "".
func checkLink(root, rel, where, target string, anchorsOf func(string) map[string]bool) string {
	if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
		return ""
	}
	file, frag, _ := strings.Cut(target, "#")
	dest := filepath.Join(root, filepath.FromSlash(rel))
	if file != "" {
		dest = filepath.Join(root, filepath.FromSlash(path.Join(path.Dir(rel), file)))
		if _, err := os.Stat(dest); err != nil {
			return fmt.Sprintf("%s: link %q: no such file or directory", where, target)
		}
	}
	if frag != "" && strings.HasSuffix(dest, ".md") && !anchorsOf(dest)[frag] {
		return fmt.Sprintf("%s: link %q: no anchor %q in %s", where, target, frag, filepath.Base(dest))
	}
	return ""
}

// anchors returns the anchors of a Markdown file: explicit <a id> and the
// slugs GitHub gives its headings.
func anchors(file string) map[string]bool {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	a := map[string]bool{}
	for _, m := range anchorID.FindAllStringSubmatch(string(data), -1) {
		a[m[1]] = true
	}
	seen := map[string]int{}
	inFence := false
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
		}
		if inFence {
			continue
		}
		if m := heading.FindStringSubmatch(line); m != nil {
			s := slug(m[1])
			if n := seen[s]; n > 0 {
				a[s+"-"+itoa(n)] = true
			} else {
				a[s] = true
			}
			seen[s]++
		}
	}
	return a
}

// slug is GitHub's heading anchor: lower case, markup and punctuation
// other than '-' and '_' dropped, spaces turned into '-'.
func slug(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 0x7f && r != '§' && r != '·':
			b.WriteRune(r)
		}
	}
	return b.String()
}

// decodedText joins the strings of a decoded JSON value.
func decodedText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case map[string]any:
		var s []string
		for _, e := range x {
			s = append(s, decodedText(e))
		}
		return strings.Join(s, " ")
	case []any:
		var s []string
		for _, e := range x {
			s = append(s, decodedText(e))
		}
		return strings.Join(s, " ")
	}
	return ""
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// moduleRoot is the directory of go.mod above the test's directory.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test's directory")
		}
		dir = parent
	}
}
