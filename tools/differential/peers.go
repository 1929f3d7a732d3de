package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// incumbentPackage is the peer we compare against: rcjsuen's
// dockerfile-language-server, the server most editors ship.
const incumbentPackage = "dockerfile-language-server-nodejs@0.15.0"

// installIncumbent makes sure the incumbent is installed under dir (never
// inside the repository) and returns the command that runs it on stdio.
func installIncumbent(dir string) ([]string, error) {
	bin := filepath.Join(dir, "node_modules", ".bin", "docker-langserver")
	if _, err := os.Stat(bin); err == nil {
		return []string{"node", bin, "--stdio"}, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	pkg := filepath.Join(dir, "package.json")
	if _, err := os.Stat(pkg); err != nil {
		if err := os.WriteFile(pkg, []byte(`{"private": true}`+"\n"), 0o644); err != nil {
			return nil, err
		}
	}
	fmt.Fprintf(os.Stderr, "differential: npm install %s into %s\n", incumbentPackage, dir)
	cmd := exec.Command("npm", "install", "--no-audit", "--no-fund", "--no-save", incumbentPackage)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("npm install %s: %w", incumbentPackage, err)
	}
	if _, err := os.Stat(bin); err != nil {
		return nil, fmt.Errorf("npm install %s left no %s", incumbentPackage, bin)
	}
	return []string{"node", bin, "--stdio"}, nil
}

// buildOurs builds the repository's server into a temporary directory and
// returns the command that runs it on stdio, and a cleanup.
func buildOurs(repo string) ([]string, func(), error) {
	tmp, err := os.MkdirTemp("", "differential-ours-")
	if err != nil {
		return nil, nil, err
	}
	cleanup := func() { os.RemoveAll(tmp) }
	bin := filepath.Join(tmp, "dockerfile-ls")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = repo
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		cleanup()
		return nil, nil, fmt.Errorf("go build: %w", err)
	}
	return []string{bin, "serve", "--stdio"}, cleanup, nil
}

// repoRoot finds the module root above the working directory.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod above %s", dir)
		}
	}
}
