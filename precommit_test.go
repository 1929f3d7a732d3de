package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The hooks of .pre-commit-hooks.yaml, run by Debian's pre-commit against a
// scratch repository: pre-commit clones a copy of this source tree (as it
// is now, uncommitted changes included), builds it with `go install ./...`
// and runs the hooks on the scratch repository's Dockerfiles.
func TestPreCommitHooks(t *testing.T) {
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Skip("pre-commit is not installed (apt-get install pre-commit): the hooks in .pre-commit-hooks.yaml are not tested")
	}
	if testing.Short() {
		t.Skip("-short: building the hooks with pre-commit takes a while")
	}
	tmp := t.TempDir()
	env := append(os.Environ(),
		"PRE_COMMIT_HOME="+filepath.Join(tmp, "cache"),
		"GOMODCACHE="+goEnv(t, "GOMODCACHE"), // pre-commit points GOPATH at its own directory
		"GOPROXY=off", "GOFLAGS=",            // no network: every module is in the cache
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
	)
	sh := func(dir string, name string, args ...string) (string, error) {
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	must := func(out string, err error) string {
		t.Helper()
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return out
	}

	// The hook repository: this tree's files, committed in a scratch repository.
	hooks := filepath.Join(tmp, "hooks")
	files := must(sh(".", "git", "ls-files", "-co", "--exclude-standard"))
	for _, f := range strings.Split(strings.TrimSpace(files), "\n") {
		data, err := os.ReadFile(f)
		if err != nil {
			continue // deleted in the work tree
		}
		writeTestFile(t, filepath.Join(hooks, f), string(data))
	}
	must(sh(hooks, "git", "init", "-q"))
	must(sh(hooks, "git", "add", "-A"))
	must(sh(hooks, "git", "commit", "-qm", "hooks"))
	rev := strings.TrimSpace(must(sh(hooks, "git", "rev-parse", "HEAD")))

	// The repository that uses them.
	repo := filepath.Join(tmp, "repo")
	writeTestFile(t, filepath.Join(repo, ".pre-commit-config.yaml"), "repos:\n  - repo: "+hooks+"\n    rev: "+rev+
		"\n    hooks:\n      - id: dockerfile-ls-check\n      - id: dockerfile-ls-fmt\n")
	writeTestFile(t, filepath.Join(repo, "app", "Dockerfile"), "from alpine\nRUN --bogus=1 true\n")
	writeTestFile(t, filepath.Join(repo, "web.dockerfile"), "FROM alpine AS Web\n")
	writeTestFile(t, filepath.Join(repo, "README.md"), "RUN --bogus=1 true\n")
	must(sh(repo, "git", "init", "-q"))
	must(sh(repo, "git", "add", "-A"))

	out, err := sh(repo, "pre-commit", "run", "--all-files")
	if err == nil {
		t.Fatalf("an unknown flag (a build error) must fail the check hook:\n%s", out)
	}
	for _, want := range []string{"app/Dockerfile:2:5: error:", "[UnknownFlag]", "web.dockerfile:1:16: warning:", "files were modified by this hook"} {
		if !strings.Contains(out, want) {
			t.Errorf("pre-commit output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "README.md") {
		t.Errorf("the hooks ran on a file that is not a Dockerfile:\n%s", out)
	}
	if data, _ := os.ReadFile(filepath.Join(repo, "app", "Dockerfile")); string(data) != "FROM alpine\nRUN --bogus=1 true\n" {
		t.Errorf("the fmt hook left %q", data)
	}

	// Fixed, and the warning turned off in the project file the hooks read.
	writeTestFile(t, filepath.Join(repo, "app", "Dockerfile"), "FROM alpine\nRUN true\n")
	writeTestFile(t, filepath.Join(repo, ".dockerfile-ls.yaml"), "rules:\n  StageNameCasing: off\n")
	must(sh(repo, "git", "add", "-A"))
	out, err = sh(repo, "pre-commit", "run", "--all-files")
	if err != nil || strings.Contains(out, "StageNameCasing") {
		t.Errorf("after the fix the hooks must pass, quietly: %v\n%s", err, out)
	}
}

func goEnv(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}
