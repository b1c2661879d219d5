// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package citations

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/doc"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// godocTargets are the ports whose files make up a package's godoc: each
// OS's package is documented from its own files.
var godocTargets = []struct{ goos, goarch string }{
	{"linux", "amd64"}, {"darwin", "arm64"}, {"freebsd", "amd64"}, {"netbsd", "amd64"},
	{"openbsd", "amd64"}, {"dragonfly", "amd64"}, {"illumos", "amd64"}, {"solaris", "amd64"},
	{"aix", "ppc64"}, {"windows", "amd64"},
}

var (
	// goFileName is a Go source file named in prose.
	goFileName = regexp.MustCompile(`(?:^|[^A-Za-z0-9_./-])([A-Za-z0-9_]+\.go)\b`)
	// testFuncName is a test, fuzz target or benchmark (an example is
	// shown in godoc, so a doc may name one).
	testFuncName = regexp.MustCompile(`(?:^|[^A-Za-z0-9_.])((?:Test|Fuzz|Benchmark)[A-Z_][A-Za-z0-9_]*)`)
)

// TestGodocVocabulary checks that the godoc of every package under sys/
// speaks the user's vocabulary: no doc comment of an exported identifier
// (nor the package comment, nor an exported field's) names an unexported
// identifier of its package, a .go file or a test. A user reads godoc
// without the source: what those names stand for is what the doc should
// say. An unexported name spelled like an English word (closed, slots)
// counts when it is written as code (`slots`) or cited (see slots).
func TestGodocVocabulary(t *testing.T) {
	root := moduleRoot(t)
	var dirs []string
	err := filepath.WalkDir(filepath.Join(root, "sys"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") && !slices.Contains(dirs, filepath.Dir(p)) {
			dirs = append(dirs, filepath.Dir(p))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 3 {
		t.Fatalf("found %d packages under sys/; expected pyselect, selectors and socket at least", len(dirs))
	}
	for _, dir := range dirs {
		rel, _ := filepath.Rel(root, dir)
		for _, f := range godocFindings(t, dir) {
			t.Errorf("%s: %s", filepath.ToSlash(rel), f)
		}
	}
}

// godocFindings returns, for the package in dir, each exported doc that
// names an unexported identifier, a .go file or a test.
func godocFindings(t *testing.T, dir string) []string {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	var names []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
		names = append(names, name)
	}
	unexported := unexportedNames(files)
	seen := map[string]bool{}
	var findings []string
	for _, tg := range godocTargets {
		ctxt := build.Default
		ctxt.GOOS, ctxt.GOARCH, ctxt.CgoEnabled = tg.goos, tg.goarch, false
		var these []*ast.File
		for i, f := range files {
			if ok, err := ctxt.MatchFile(dir, filepath.Base(names[i])); err != nil {
				t.Fatal(err)
			} else if ok {
				these = append(these, f)
			}
		}
		if len(these) == 0 {
			continue
		}
		p, err := doc.NewFromFiles(fset, these, "pyselect/"+filepath.Base(dir), doc.PreserveAST)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range exportedDocs(p) {
			for _, f := range vocabulary(d.text, unexported) {
				msg := fmt.Sprintf("the doc of %s names %s", d.name, f)
				if !seen[msg] {
					seen[msg] = true
					findings = append(findings, msg)
				}
			}
		}
	}
	return findings
}

// unexportedNames are the package-level unexported identifiers of files,
// with the unexported methods and struct fields.
func unexportedNames(files []*ast.File) map[string]bool {
	names := map[string]bool{}
	add := func(id *ast.Ident) {
		if id != nil && id.Name != "_" && !id.IsExported() {
			names[id.Name] = true
		}
	}
	for _, f := range files {
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				add(d.Name)
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						add(s.Name)
						if st, ok := s.Type.(*ast.StructType); ok {
							for _, fld := range st.Fields.List {
								for _, n := range fld.Names {
									add(n)
								}
							}
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							add(n)
						}
					}
				}
			}
		}
	}
	return names
}

type namedDoc struct{ name, text string }

// exportedDocs are the doc comments godoc shows for p: the package's,
// each exported constant and variable group's, type's, function's and
// method's, and each exported field's and interface method's.
func exportedDocs(p *doc.Package) []namedDoc {
	docs := []namedDoc{{"package " + p.Name, p.Doc}}
	values := func(vs []*doc.Value) {
		for _, v := range vs {
			docs = append(docs, namedDoc{strings.Join(v.Names, ", "), v.Doc})
		}
	}
	funcs := func(prefix string, fs []*doc.Func) {
		for _, f := range fs {
			docs = append(docs, namedDoc{prefix + f.Name, f.Doc})
		}
	}
	values(p.Consts)
	values(p.Vars)
	funcs("", p.Funcs)
	for _, ty := range p.Types {
		docs = append(docs, namedDoc{ty.Name, ty.Doc})
		values(ty.Consts)
		values(ty.Vars)
		funcs("", ty.Funcs)
		funcs(ty.Name+".", ty.Methods)
		for _, spec := range ty.Decl.Specs {
			ts, ok := spec.(*ast.TypeSpec)
			if !ok {
				continue
			}
			var list *ast.FieldList
			switch tt := ts.Type.(type) {
			case *ast.StructType:
				list = tt.Fields
			case *ast.InterfaceType:
				list = tt.Methods
			}
			if list == nil {
				continue
			}
			for _, fld := range list.List {
				for _, n := range fld.Names {
					if n.IsExported() {
						docs = append(docs, namedDoc{ty.Name + "." + n.Name, fld.Doc.Text() + fld.Comment.Text()})
					}
				}
			}
		}
	}
	return docs
}

// vocabulary returns what text names that a user of the package cannot
// look up: .go files, tests, and the unexported identifiers of the
// package. A name with an upper-case letter, a digit or an underscore
// counts wherever it stands as a word; one spelled like a word (poll,
// slots) only in backquotes or after "see", since poll(2) and Python's
// fileno() are the user's words too.
func vocabulary(text string, unexported map[string]bool) []string {
	var found []string
	for _, m := range goFileName.FindAllStringSubmatch(text, -1) {
		found = append(found, "the file "+m[1])
	}
	for _, m := range testFuncName.FindAllStringSubmatch(text, -1) {
		found = append(found, "the test "+m[1])
	}
	for _, w := range identWord.FindAllStringSubmatchIndex(text, -1) {
		name := text[w[2]:w[3]]
		if !unexported[name] {
			continue
		}
		before, after := byte(' '), byte(' ')
		if w[2] > 0 {
			before = text[w[2]-1]
		}
		if w[3] < len(text) {
			after = text[w[3]]
		}
		plain := strings.ToLower(name) == name && !strings.ContainsAny(name, "0123456789_")
		switch {
		case !plain:
		case before == '`' && after == '`':
		case strings.HasSuffix(strings.ToLower(text[:w[2]]), "see "):
		default:
			continue
		}
		found = append(found, "the unexported "+name)
	}
	return found
}

// identWord is a Go identifier in prose.
var identWord = regexp.MustCompile(`(?:^|[^A-Za-z0-9_])([A-Za-z_][A-Za-z0-9_]*)`)
