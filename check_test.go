package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
