package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/imagedb/internal/names"
)

// A source reads one upstream repository: either a bare git directory (the
// layout the fetch tool and `git clone --mirror` leave: <dir>/<owner>+<name>/repo
// or <dir>/<owner>+<name>.git) read at a commit, or a checked-out work tree
// (<dir>/<owner>/<name> or <dir>/<owner>+<name>) read as it is.
type source struct {
	name    string // owner/name
	gitDir  string // set for git sources
	workDir string // set for work trees
	head    string // resolved HEAD commit (git sources)
	files   []string
}

// openSource finds owner/name under dir, or returns nil.
func openSource(dir, name string) *source {
	flat := strings.ReplaceAll(name, "/", "+")
	for _, g := range []string{filepath.Join(dir, flat, "repo"), filepath.Join(dir, flat+".git")} {
		if isGitDir(g) {
			s := &source{name: name, gitDir: g}
			out, err := s.git("rev-parse", "HEAD")
			if err != nil {
				continue
			}
			s.head = strings.TrimSpace(string(out))
			return s
		}
	}
	for _, w := range []string{filepath.Join(dir, filepath.FromSlash(name)), filepath.Join(dir, flat)} {
		if st, err := os.Stat(w); err == nil && st.IsDir() {
			return &source{name: name, workDir: w}
		}
	}
	return nil
}

func isGitDir(p string) bool {
	_, err := os.Stat(filepath.Join(p, "HEAD"))
	return err == nil
}

func (s *source) git(args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"--git-dir", s.gitDir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// read returns the file at path, at commit when the git source has it and
// at HEAD otherwise (snapshots are often shallow); the second result is the
// commit actually read ("" for work trees).
func (s *source) read(commit, path string) ([]byte, string, error) {
	path = strings.TrimPrefix(filepath.ToSlash(filepath.Clean(path)), "./")
	if s.workDir != "" {
		b, err := os.ReadFile(filepath.Join(s.workDir, filepath.FromSlash(path)))
		return b, "", err
	}
	if commit != "" && commit != s.head {
		if b, err := s.git("show", commit+":"+path); err == nil {
			return b, commit, nil
		}
	}
	b, err := s.git("show", s.head+":"+path)
	return b, s.head, err
}

// list returns the entries of directory path at HEAD (names; directories
// end in "/").
func (s *source) list(path string) ([]string, error) {
	path = strings.Trim(filepath.ToSlash(path), "/")
	if s.workDir != "" {
		des, err := os.ReadDir(filepath.Join(s.workDir, filepath.FromSlash(path)))
		if err != nil {
			return nil, err
		}
		var out []string
		for _, d := range des {
			n := d.Name()
			if d.IsDir() {
				n += "/"
			}
			out = append(out, n)
		}
		return out, nil
	}
	spec := s.head
	if path != "" {
		spec += ":" + path
	}
	b, err := s.git("ls-tree", spec)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		meta, n, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		if strings.Contains(meta, " tree ") {
			n += "/"
		}
		out = append(out, n)
	}
	return out, nil
}

// walk returns every file path under root at HEAD.
func (s *source) walk(root string) ([]string, error) {
	root = strings.Trim(filepath.ToSlash(root), "/")
	if s.workDir != "" {
		var out []string
		base := filepath.Join(s.workDir, filepath.FromSlash(root))
		err := filepath.WalkDir(base, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				rel, _ := filepath.Rel(s.workDir, p)
				out = append(out, filepath.ToSlash(rel))
			}
			return nil
		})
		return out, err
	}
	args := []string{"ls-tree", "-r", "--name-only", s.head}
	if root != "" {
		args = append(args, "--", root)
	}
	b, err := s.git(args...)
	if err != nil {
		return nil, err
	}
	return strings.Fields(string(b)), nil
}

// origin names what was read, for Image.Source: "owner/name@commit path".
func (s *source) origin(commit, path string) string {
	if len(commit) > 12 {
		commit = commit[:12]
	}
	if commit != "" {
		return s.name + "@" + commit + " " + strings.TrimPrefix(path, "./")
	}
	return s.name + " " + strings.TrimPrefix(path, "./")
}

// similar returns the file at HEAD that best stands in for a path the
// snapshot lacks (a directory newer than the snapshot, such as
// 4.0/alpine3.24 when it has 4.0/alpine3.23, or a layout that moved, such as
// debian/ when it has 7.2/debian/): same depth and the same tag pattern in
// every component, else a path ending in the wanted one; the newest by
// natural order. "" if none.
func (s *source) similar(want string) string {
	if s.files == nil {
		all, err := s.walk("")
		if err != nil {
			return ""
		}
		s.files = all
	}
	wantParts := strings.Split(want, "/")
	var best string
	better := func(p string) {
		if best == "" || naturalLess(best, p) {
			best = p
		}
	}
	for _, p := range s.files {
		parts := strings.Split(p, "/")
		if len(parts) != len(wantParts) || parts[len(parts)-1] != wantParts[len(wantParts)-1] {
			continue
		}
		same := true
		for i := range parts {
			if componentKey(parts[i]) != componentKey(wantParts[i]) {
				same = false
			}
		}
		if same {
			better(p)
		}
	}
	if best != "" || len(wantParts) < 2 {
		return best
	}
	for _, p := range s.files {
		if strings.HasSuffix(p, "/"+want) {
			better(p)
		}
	}
	return best
}

func componentKey(c string) string { return string(names.Key(nil, c, nil)) }

// naturalLess orders "3.9" before "3.10".
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := leadingDigits(a), leadingDigits(b)
		if da != "" && db != "" {
			if len(da) != len(db) {
				return len(da) < len(db)
			}
			if da != db {
				return da < db
			}
			a, b = a[len(da):], b[len(db):]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func leadingDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}
