package main

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// checkJSON runs the built binary's check in dir and decodes its JSON.
func checkJSON(t *testing.T, dir string, args ...string) (findings []map[string]any, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binPath, append([]string{"check", "--format", "json"}, args...)...)
	cmd.Dir = dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code = cmd.ProcessState.ExitCode()
	if err != nil && code < 0 {
		t.Fatal(err)
	}
	if out.Len() > 0 {
		if err := json.Unmarshal(out.Bytes(), &findings); err != nil {
			t.Fatalf("output is not JSON: %v\n%s", err, out.String())
		}
	}
	return findings, errOut.String(), code
}

// bySeverity maps "file rule" to the severities reported.
func bySeverity(findings []map[string]any) map[string][]string {
	out := map[string][]string{}
	for _, f := range findings {
		k := filepath.ToSlash(f["file"].(string)) + " " + f["rule"].(string)
		out[k] = append(out[k], f["severity"].(string))
	}
	return out
}

const configDockerfile = "FROM alpine AS Build\nRUN if [ -f x ]; then echo\nCMD echo hi\n"

func TestCheckReadsTheProjectFile(t *testing.T) {
	repo := t.TempDir()
	writeTestFile(t, filepath.Join(repo, ".git", "HEAD"), "ref: refs/heads/main\n")
	writeTestFile(t, filepath.Join(filepath.Dir(repo), ".dockerfile-ls.yaml"), "rules:\n  JSONArgsRecommended: off\n") // above the repository: not read
	writeTestFile(t, filepath.Join(repo, ".dockerfile-ls.yaml"), "rules:\n  StageNameCasing: off\n  JSONArgsRecommended: error\nshellRules: false\n")
	writeTestFile(t, filepath.Join(repo, "app", "Dockerfile"), configDockerfile)
	writeTestFile(t, filepath.Join(repo, "legacy", ".dockerfile-ls.yaml"), "rules:\n  JSONArgsRecommended: hint\n")
	writeTestFile(t, filepath.Join(repo, "legacy", "deep", "Dockerfile"), configDockerfile)

	findings, stderr, code := checkJSON(t, repo, ".")
	got := bySeverity(findings)
	for key, want := range map[string]string{
		"app/Dockerfile JSONArgsRecommended":         "error", // a user's error is honoured…
		"legacy/deep/Dockerfile JSONArgsRecommended": "hint",  // the nearest file wins
		"legacy/deep/Dockerfile StageNameCasing":     "warning",
		"legacy/deep/Dockerfile ShellSyntax":         "warning",
	} {
		if s := got[key]; len(s) != 1 || s[0] != want {
			t.Errorf("%s: %v, want %s (all: %v)", key, s, want, got)
		}
	}
	for _, key := range []string{"app/Dockerfile StageNameCasing", "app/Dockerfile ShellSyntax"} {
		if s := got[key]; s != nil {
			t.Errorf("%s is turned off, reported %v", key, s)
		}
	}
	if code != 1 || stderr != "" {
		t.Errorf("…and fails the check: exit %d, stderr %q", code, stderr)
	}

	// --config replaces the search.
	writeTestFile(t, filepath.Join(repo, "ci.yaml"), "rules:\n  JSONArgsRecommended: information\n")
	findings, _, code = checkJSON(t, repo, "--config", "ci.yaml", "app/Dockerfile", "legacy/deep/Dockerfile")
	got = bySeverity(findings)
	if s := got["legacy/deep/Dockerfile JSONArgsRecommended"]; len(s) != 1 || s[0] != "info" || code != 0 {
		t.Errorf("--config: exit %d, %v", code, got)
	}
	if got["app/Dockerfile StageNameCasing"] == nil {
		t.Errorf("--config: the project file must not apply: %v", got)
	}
}

func TestCheckProjectLocaleAndContext(t *testing.T) {
	repo := t.TempDir()
	writeTestFile(t, filepath.Join(repo, ".git", "HEAD"), "ref: refs/heads/main\n")
	writeTestFile(t, filepath.Join(repo, ".dockerfile-ls.yaml"), "locale: ru\ncontext: ctx\n")
	writeTestFile(t, filepath.Join(repo, "ctx", ".dockerignore"), "secret.env\n")
	writeTestFile(t, filepath.Join(repo, "app", "Dockerfile"), "FROM alpine\nCOPY secret.env /\nRUN --bogus=1 true\n")
	message := func(findings []map[string]any, rule string) string {
		for _, f := range findings {
			if f["rule"] == rule {
				return f["message"].(string)
			}
		}
		return ""
	}
	findings, _, _ := checkJSON(t, repo, "app/Dockerfile")
	if message(findings, "CopyIgnoredFile") == "" || !strings.ContainsAny(message(findings, "UnknownFlag"), "аеиоуя") {
		t.Errorf("context and locale from the project file: %v", findings)
	}
	// --locale on the command line wins.
	findings, _, _ = checkJSON(t, repo, "--locale", "en", "app/Dockerfile")
	if m := message(findings, "UnknownFlag"); m == "" || strings.ContainsAny(m, "аеиоуя") {
		t.Errorf("--locale en over the project file: %v", findings)
	}
}

func TestCheckBadProjectFile(t *testing.T) {
	repo := t.TempDir()
	writeTestFile(t, filepath.Join(repo, ".git", "HEAD"), "ref: refs/heads/main\n")
	writeTestFile(t, filepath.Join(repo, ".dockerfile-ls.yaml"), "rules:\n  StageNameCasing: loud\n")
	writeTestFile(t, filepath.Join(repo, "Dockerfile"), configDockerfile)
	_, stderr, code := checkJSON(t, repo, "Dockerfile")
	want := `.dockerfile-ls.yaml:2:20: rule StageNameCasing: unknown level "loud" (one of off, error, warning, information, hint)`
	if code != 2 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr %q; want 2 and %s", code, stderr, want)
	}
	_, stderr, code = checkJSON(t, repo, "--config", "missing.yaml", "Dockerfile")
	if code != 2 || !strings.Contains(stderr, "missing.yaml") {
		t.Errorf("--config of a missing file: exit %d, stderr %q", code, stderr)
	}
}

func TestFmtReadsTheProjectFile(t *testing.T) {
	repo := t.TempDir()
	writeTestFile(t, filepath.Join(repo, ".git", "HEAD"), "ref: refs/heads/main\n")
	writeTestFile(t, filepath.Join(repo, ".dockerfile-ls.yaml"), "format:\n  maxBlankLines: 0\n")
	p := filepath.Join(repo, "Dockerfile")
	writeTestFile(t, p, "FROM alpine\n\n\nRUN true\n")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"fmt", p}, "FROM alpine\nRUN true\n"},
		{[]string{"fmt", "--blank", "2", p}, "FROM alpine\n\n\nRUN true\n"}, // the flag wins
	} {
		var out, errOut bytes.Buffer
		if code := run(c.args, strings.NewReader(""), &out, &errOut); code != 0 || out.String() != c.want {
			t.Errorf("%v: exit %d, %q (stderr %q), want %q", c.args, code, out.String(), errOut.String(), c.want)
		}
	}
	writeTestFile(t, filepath.Join(repo, ".dockerfile-ls.yaml"), "format:\n  maxBlankLines: many\n")
	var out, errOut bytes.Buffer
	if code := run([]string{"fmt", "--write", p}, strings.NewReader(""), &out, &errOut); code != 2 || !strings.Contains(errOut.String(), ".dockerfile-ls.yaml:2:18:") {
		t.Errorf("a bad project file: exit %d, stderr %q", code, errOut.String())
	}
}
