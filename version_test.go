package main

import (
	"debug/buildinfo"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
)

// builtVersion is what versionOf gives for the build info recorded in the
// binary at bin: what that binary must report, whatever the build flags were.
func builtVersion(t testing.TB, bin string) string {
	t.Helper()
	bi, err := buildinfo.ReadFile(bin)
	if err != nil {
		t.Fatalf("reading the build info of %s: %v", bin, err)
	}
	return versionOf("", bi)
}

func TestVersionOf(t *testing.T) {
	const rev = "a6b22e4c361336f3a90c34f1a99ac6572836aaf8"
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	for _, tc := range []struct {
		name     string
		override string
		bi       *debug.BuildInfo
		want     string
	}{
		{"no build info", "", nil, "v0.0.0-devel"},
		{"ldflags override wins", "1.2.3", &debug.BuildInfo{Main: debug.Module{Version: "v0.9.0"}}, "1.2.3"},
		{"module version (go install @v0.9.0)", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.9.0"}}, "v0.9.0"},
		{"pseudo-version from git", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261125032350-a6b22e4c3613+dirty"}, Settings: vcs("true")}, "v0.0.0-20261125032350-a6b22e4c3613+dirty"},
		{"devel, no vcs", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "v0.0.0-devel"},
		{"devel with a revision", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("false")}, "v0.0.0-devel+a6b22e4c3613"},
		{"devel with a modified revision", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("true")}, "v0.0.0-devel+a6b22e4c3613.dirty"},
		{"empty version (test binary)", "", &debug.BuildInfo{}, "v0.0.0-devel"},
	} {
		if got := versionOf(tc.override, tc.bi); got != tc.want {
			t.Errorf("%s: versionOf = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestVersionBuilds builds the binary the ways users do and runs
// `dockerfile-ls version`: outside git, with -ldflags -X, in a git checkout
// with vcs stamping on and off, at a tag, and with uncommitted changes.
func TestVersionBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary six times; skipped with -short")
	}
	tree := t.TempDir()
	copySource(t, ".", tree)
	bins := t.TempDir()
	// Neither the user's git configuration (signing, hooks) nor their
	// GOFLAGS may change what these builds record.
	env := append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1", "GOFLAGS=")
	run := func(name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = tree, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	// reports builds the binary with the given flags (and -X main.version=
	// override unless empty) and returns what its version command prints,
	// after checking that it is what versionOf makes of the override and the
	// build info recorded in the binary.
	n := 0 // binaries built so far
	reports := func(override string, flags ...string) string {
		t.Helper()
		n++
		bin := filepath.Join(bins, fmt.Sprintf("dockerfile-ls-%d", n))
		if override != "" {
			flags = append(flags, "-ldflags=-X main.version="+override)
		}
		run("go", append(append([]string{"build", "-o", bin}, flags...), ".")...)
		out, err := exec.Command(bin, "version").Output()
		if err != nil {
			t.Fatalf("%s version: %v", bin, err)
		}
		got, ok := strings.CutPrefix(strings.TrimSpace(string(out)), "dockerfile-ls ")
		if !ok {
			t.Fatalf("go build %v: version printed %q", flags, out)
		}
		bi, err := buildinfo.ReadFile(bin)
		if err != nil {
			t.Fatal(err)
		}
		if want := versionOf(override, bi); got != want {
			t.Errorf("go build %v: version %q, but versionOf gives %q", flags, got, want)
		}
		t.Logf("go build %s: dockerfile-ls %s", strings.Join(flags, " "), got)
		return got
	}
	expect := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s: version %q, want %q", what, got, want)
		}
	}

	expect("outside git", reports(""), develVersion)
	expect("-ldflags -X", reports("v9.8.7-custom"), "v9.8.7-custom")

	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed: the checkout builds are not tried")
	}
	run("git", "init", "-q")
	run("git", "add", "-A")
	run("git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "snapshot")
	rev := run("git", "rev-parse", "HEAD")[:12]
	pseudo := regexp.MustCompile(`^v0\.0\.0-[0-9]{14}-` + rev + `$`)
	if got := reports("", "-buildvcs=auto"); !pseudo.MatchString(got) {
		t.Errorf("git checkout: version %q, want a pseudo-version v0.0.0-<time>-%s", got, rev)
	}
	expect("git checkout, -buildvcs=false", reports("", "-buildvcs=false"), develVersion)
	run("git", "tag", "v0.9.0")
	expect("at tag v0.9.0", reports("", "-buildvcs=true"), "v0.9.0")
	if err := os.WriteFile(filepath.Join(tree, "go.mod"), append(mustRead(t, filepath.Join(tree, "go.mod")), "\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	expect("at tag v0.9.0 with a change", reports("", "-buildvcs=true"), "v0.9.0+dirty")
}

// copySource copies what building the module needs (no .git, editors,
// testdata or node_modules) from src to dst.
func copySource(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.Name() == ".git" { // a directory, or a file in a git worktree
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			switch d.Name() {
			case "editors", "testdata", "node_modules":
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		return os.WriteFile(filepath.Join(dst, rel), mustRead(t, p), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
