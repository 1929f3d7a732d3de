package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writeTestFile(t *testing.T, path, text string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// check on a directory finds every Dockerfile by name pattern and skips
// vendored trees.
func TestCheckWalksDirectories(t *testing.T) {
	dir := t.TempDir()
	writeTestFile(t, filepath.Join(dir, "Dockerfile"), "FROM alpine\nMAINTAINER x\n")
	writeTestFile(t, filepath.Join(dir, "svc", "api.Dockerfile"), "FROM alpine\nWORKDIR app\n")
	writeTestFile(t, filepath.Join(dir, "svc", "Containerfile.dev"), "FROM alpine as b\n")
	writeTestFile(t, filepath.Join(dir, "node_modules", "x", "Dockerfile"), "FORM x\n")
	writeTestFile(t, filepath.Join(dir, "README.md"), "FORM x\n")
	var out, errOut bytes.Buffer
	code := run([]string{"check", dir}, strings.NewReader(""), &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d (warnings only): %s %s", code, out.String(), errOut.String())
	}
	for _, want := range []string{"MaintainerDeprecated", "WorkdirRelativePath", "FromAsCasing"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("missing %s in:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "node_modules") || strings.Contains(out.String(), "README") {
		t.Errorf("walked into what it should skip:\n%s", out.String())
	}
}

func TestFmtCommand(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "Dockerfile")
	writeTestFile(t, p, "from alpine  \nrun   echo hi\n")
	var out, errOut bytes.Buffer
	if code := run([]string{"fmt", "--check", p}, nil, &out, &errOut); code != 1 || !strings.Contains(out.String(), p) {
		t.Fatalf("--check on an unformatted file: exit %d, %q", code, out.String())
	}
	out.Reset()
	if code := run([]string{"fmt", p}, nil, &out, &errOut); code != 0 || out.String() != "FROM alpine\nRUN echo hi\n" {
		t.Fatalf("fmt to stdout: exit %d, %q", code, out.String())
	}
	if code := run([]string{"fmt", "--write", p}, nil, &out, &errOut); code != 0 {
		t.Fatalf("--write: exit %d", code)
	}
	if b, _ := os.ReadFile(p); string(b) != "FROM alpine\nRUN echo hi\n" {
		t.Fatalf("--write left %q", b)
	}
	out.Reset()
	if code := run([]string{"fmt", "-"}, strings.NewReader("copy a b"), &out, &errOut); code != 0 || out.String() != "COPY a b\n" {
		t.Fatalf("fmt -: exit %d, %q", code, out.String())
	}
	if code := run([]string{"fmt"}, nil, &out, &errOut); code != 2 {
		t.Fatalf("fmt without files: exit %d, want 2", code)
	}
}

func TestCheckGitHubAnnotations(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run([]string{"check", "--format", "github", "-"}, strings.NewReader("FROM alpine\nRUN --netwrk=none true\n"), &out, &errOut)
	want := "::error file=-,line=2,col=5,endLine=2,endColumn=13,title=UnknownFlag::unknown flag --netwrk"
	if code != 1 || !strings.HasPrefix(out.String(), want) {
		t.Fatalf("exit %d, output %q, want prefix %q", code, out.String(), want)
	}
}

// --locale ru prints the Russian messages; English prints BuildKit's own
// text, which JSON keeps as message with the Russian as localizedMessage.
func TestCheckLocale(t *testing.T) {
	doc := "FROM alpine AS Build\n"
	var out, errOut bytes.Buffer
	run([]string{"check", "-"}, strings.NewReader(doc), &out, &errOut)
	if want := "-:1:16: warning: Stage name 'Build' should be lowercase [StageNameCasing]\n"; out.String() != want {
		t.Errorf("English: %q, want %q", out.String(), want)
	}
	out.Reset()
	run([]string{"check", "--locale", "ru", "-"}, strings.NewReader(doc), &out, &errOut)
	if want := "-:1:16: warning: имя этапа 'Build' лучше писать строчными буквами [StageNameCasing]\n"; out.String() != want {
		t.Errorf("Russian: %q, want %q", out.String(), want)
	}
	out.Reset()
	run([]string{"check", "--locale", "ru", "--format", "json", "-"}, strings.NewReader(doc), &out, &errOut)
	if !strings.Contains(out.String(), `"message": "Stage name 'Build' should be lowercase"`) ||
		!strings.Contains(out.String(), `"localizedMessage": "имя этапа 'Build' лучше писать строчными буквами"`) {
		t.Errorf("JSON in Russian:\n%s", out.String())
	}
}

// check --fix writes every preferred fix into the file, lists the fixes on
// stderr and reports what is left; with "-" the fixed text is stdout and
// the report goes to stderr.
func TestCheckFix(t *testing.T) {
	src := "FROM debian:bookworm as Builder\nRUN apt-get update && apt-get install curl\nFROM alpine\nRUN apk add git\nCOPY --from=Builder /a /b\n"
	want := "FROM debian:bookworm AS builder\nRUN apt-get update && apt-get install -y curl\nFROM alpine\nRUN apk add --no-cache git\nCOPY --from=builder /a /b\n"
	dir := t.TempDir()
	p := filepath.Join(dir, "Dockerfile")
	writeTestFile(t, p, src)
	var out, errOut bytes.Buffer
	if code := run([]string{"check", "--fix", p}, nil, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s %s", code, out.String(), errOut.String())
	}
	if b, _ := os.ReadFile(p); string(b) != want {
		t.Errorf("--fix wrote %q, want %q", b, want)
	}
	for _, fixed := range []string{p + ":1: fixed FromAsCasing", p + ":1: fixed StageNameCasing", p + ":2: fixed AptGetMissingYes: Add -y", p + ":4: fixed ApkCacheKept"} {
		if !strings.Contains(errOut.String(), fixed) {
			t.Errorf("stderr lacks %q:\n%s", fixed, errOut.String())
		}
	}
	// What is left: the recommends hint, which has no preferred fix.
	if !strings.Contains(out.String(), "AptGetRecommends") || strings.Contains(out.String(), "FromAsCasing") {
		t.Errorf("report after fixing:\n%s", out.String())
	}

	out.Reset()
	errOut.Reset()
	if code := run([]string{"check", "--fix", "-"}, strings.NewReader(src), &out, &errOut); code != 0 {
		t.Fatalf("stdin: exit %d: %s", code, errOut.String())
	}
	if out.String() != want {
		t.Errorf("--fix - printed %q, want %q", out.String(), want)
	}
	if !strings.Contains(errOut.String(), "<stdin>:2: fixed AptGetMissingYes") || !strings.Contains(errOut.String(), "AptGetRecommends") {
		t.Errorf("stderr of --fix -:\n%s", errOut.String())
	}

	// A file with nothing to fix is left alone (not rewritten).
	writeTestFile(t, p, want)
	before, _ := os.Stat(p)
	os.Chtimes(p, before.ModTime().Add(-time.Hour), before.ModTime().Add(-time.Hour))
	before, _ = os.Stat(p)
	if code := run([]string{"check", "--fix", p}, nil, &out, &errOut); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if after, _ := os.Stat(p); !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("a file with nothing to fix was rewritten")
	}
}

// check --fix follows the project file: a rule it turns off is not fixed.
func TestCheckFixFollowsProjectFile(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, ".git"), 0o755)
	writeTestFile(t, filepath.Join(dir, ".dockerfile-ls.yaml"), "rules:\n  FromAsCasing: off\n")
	p := filepath.Join(dir, "Dockerfile")
	writeTestFile(t, p, "FROM alpine as build\nRUN apk add git\n")
	var out, errOut bytes.Buffer
	if code := run([]string{"check", "--fix", p}, nil, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s %s", code, out.String(), errOut.String())
	}
	if b, _ := os.ReadFile(p); string(b) != "FROM alpine as build\nRUN apk add --no-cache git\n" {
		t.Errorf("--fix under FromAsCasing: off wrote %q", b)
	}
}

// A file with no instruction (empty, or only comments) fails check as it
// fails a build, with BuildKit's error; in the editor the same file gets
// no diagnostic (a file being started).
func TestCheckFileWithNoInstructions(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"Dockerfile": "# syntax=docker/dockerfile:1\n# to do\n", "empty.Dockerfile": ""} {
		writeTestFile(t, filepath.Join(dir, name), text)
		var out, errOut bytes.Buffer
		code := run([]string{"check", "--format", "json", filepath.Join(dir, name)}, strings.NewReader(""), &out, &errOut)
		if code != 1 || !strings.Contains(out.String(), `"message": "file with no instructions"`) || !strings.Contains(out.String(), `"severity": "error"`) {
			t.Errorf("%s: exit %d, want 1 with BuildKit's error:\n%s%s", name, code, out.String(), errOut.String())
		}
	}
}
