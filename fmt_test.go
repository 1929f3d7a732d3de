package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const unformatted = "from alpine\nrun apk add \\\ncurl&&echo ok\n"

func runFmt(t *testing.T, stdin string, args ...string) (code int, out, errOut string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(append([]string{"fmt"}, args...), strings.NewReader(stdin), &o, &e)
	return code, o.String(), e.String()
}

func TestFmtDiff(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "Dockerfile")
	writeTestFile(t, p, unformatted)
	code, out, _ := runFmt(t, "", "-d", p)
	if code != 0 {
		t.Errorf("-d: exit %d, want 0", code)
	}
	for _, want := range []string{"--- a/" + filepath.ToSlash(p), "+++ b/" + filepath.ToSlash(p), "@@ -1,3 +1,3 @@", "-from alpine", "+FROM alpine", "+    curl&&echo ok"} {
		if !strings.Contains(out, want) {
			t.Errorf("-d output lacks %q:\n%s", want, out)
		}
	}
	if code, _, _ := runFmt(t, "", "-d", "-check", p); code != 1 {
		t.Errorf("-d -check on an unformatted file: exit %d, want 1", code)
	}
	if b, _ := os.ReadFile(p); string(b) != unformatted {
		t.Errorf("-d changed the file")
	}
}

func TestFmtCheckWriteAndDirectories(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "Dockerfile"), filepath.Join(dir, "svc", "api.Dockerfile")
	writeTestFile(t, a, unformatted)
	writeTestFile(t, b, "FROM alpine\n")
	if code, out, _ := runFmt(t, "", "-check", dir); code != 1 || strings.TrimSpace(out) != a {
		t.Errorf("-check on a directory: exit %d, listed %q (want only %s)", code, out, a)
	}
	if code, _, _ := runFmt(t, "", "-write", dir); code != 0 {
		t.Errorf("-write: exit %d", code)
	}
	if got, _ := os.ReadFile(a); string(got) != "FROM alpine\nRUN apk add \\\n    curl&&echo ok\n" {
		t.Errorf("-write left %q", got)
	}
	if code, out, _ := runFmt(t, "", "-check", dir); code != 0 || out != "" {
		t.Errorf("-check after -write: exit %d, %q", code, out)
	}
}

func TestFmtShellAndStdin(t *testing.T) {
	code, out, _ := runFmt(t, unformatted, "-shell", "-")
	if want := "FROM alpine\nRUN apk add \\\n        curl \\\n    && echo ok\n"; code != 0 || out != want {
		t.Errorf("-shell from stdin: exit %d\n got %q\nwant %q", code, out, want)
	}
}

func TestFmtEditorconfig(t *testing.T) {
	dir := t.TempDir()
	writeTestFile(t, filepath.Join(dir, ".editorconfig"), "root = true\n\n[*]\nindent_style = space\nindent_size = 2\n\n[tabs/Dockerfile]\nindent_style = tab\ninsert_final_newline = false\n")
	spaces, tabs := filepath.Join(dir, "Dockerfile"), filepath.Join(dir, "tabs", "Dockerfile")
	writeTestFile(t, spaces, unformatted)
	writeTestFile(t, tabs, unformatted)
	for _, tc := range []struct {
		path string
		args []string
		want string
	}{
		{spaces, nil, "FROM alpine\nRUN apk add \\\n  curl&&echo ok\n"},
		{tabs, nil, "FROM alpine\nRUN apk add \\\n\tcurl&&echo ok"},
		{tabs, []string{"-indent", "3"}, "FROM alpine\nRUN apk add \\\n   curl&&echo ok"},
		{spaces, []string{"-indent", "tab"}, "FROM alpine\nRUN apk add \\\n\tcurl&&echo ok\n"},
	} {
		code, out, errOut := runFmt(t, "", append(tc.args, tc.path)...)
		if code != 0 || out != tc.want {
			t.Errorf("fmt %v %s: exit %d %s\n got %q\nwant %q", tc.args, tc.path, code, errOut, out, tc.want)
		}
	}
}

func TestFmtUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"-indent", "wide", "x"}, {"-write", "-d", "x"}} {
		if code, _, _ := runFmt(t, "", args...); code != 2 {
			t.Errorf("fmt %v: exit %d, want 2", args, code)
		}
	}
	if code, _, errOut := runFmt(t, "", filepath.Join(t.TempDir(), "missing")); code != 1 || !strings.Contains(errOut, "missing") {
		t.Errorf("a missing file: exit %d, %q", code, errOut)
	}
}
