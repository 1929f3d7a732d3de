package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/dockerfile-ls/dockerfile-ls/config"
)

// projectSettings finds the settings of each file check or fmt reads: the
// file given with --config, else the .dockerfile-ls.yaml nearest the file
// (up to the repository root). Each bad project file is reported once.
type projectSettings struct {
	explicit *config.File // --config, or nil
	cache    *config.Cache
	stderr   io.Writer
	reported map[string]bool
	failed   bool // a project file had problems
}

func newProjectSettings(configPath string, stderr io.Writer) *projectSettings {
	p := &projectSettings{cache: config.NewCache(), stderr: stderr, reported: map[string]bool{}}
	if configPath != "" {
		p.explicit = config.Load(configPath)
	}
	return p
}

// forPath returns the settings for the file at path ("-": stdin, governed
// by the working directory's project file).
func (p *projectSettings) forPath(path string) config.Settings {
	f := p.explicit
	if f == nil {
		dir := filepath.Dir(path)
		if path == "-" {
			dir, _ = os.Getwd()
		}
		if abs, err := filepath.Abs(dir); err == nil {
			dir = abs
		}
		f = p.cache.Lookup(dir, "")
	}
	if err := f.Err(); err != nil {
		p.failed = true
		if !p.reported[f.Path] {
			p.reported[f.Path] = true
			fmt.Fprintf(p.stderr, "dockerfile-ls: bad project settings:\n%v\n", err)
		}
	}
	return f.Apply(config.Default())
}
