package main

import (
	"slices"
	"strings"
)

// facts is the generator's view of one image: the config plus what is
// installed. It mirrors imagedb.Image; emit.go converts.
type facts struct {
	OS      string // "linux", "windows"
	Distro  string
	Release string
	PMs     []string // "apk", "apt", …
	Shells  []string // command names present
	BinSh   bool     // /bin/sh exists (Linux shell form works without SHELL)
	Shell   []string // config SHELL; nil = the OS default
	Useradd bool
	Adduser string // "none", "busybox", "debian", "shadow"

	User       string
	WorkDir    string
	Entrypoint []string
	Cmd        []string
	Expose     []string
	Volumes    []string
	Env        []envVar
	Source     string
}

type envVar struct {
	Name, Value string
	FromOS      bool
	Varies      bool // set by the database, not by a Dockerfile
}

func (f *facts) clone() *facts {
	c := *f
	c.PMs = slices.Clone(f.PMs)
	c.Shells = slices.Clone(f.Shells)
	c.Shell = slices.Clone(f.Shell)
	c.Entrypoint = slices.Clone(f.Entrypoint)
	c.Cmd = slices.Clone(f.Cmd)
	c.Expose = slices.Clone(f.Expose)
	c.Volumes = slices.Clone(f.Volumes)
	c.Env = slices.Clone(f.Env)
	return &c
}

// getEnv implements shell.EnvGetter over the config's variables.
func (f *facts) Get(name string) (string, bool) {
	for _, e := range f.Env {
		if e.FromOS {
			continue
		}
		if e.Name == name || (f.OS == "windows" && strings.EqualFold(e.Name, name)) {
			return e.Value, true
		}
	}
	return "", false
}

func (f *facts) Keys() []string {
	var out []string
	for _, e := range f.Env {
		if !e.FromOS {
			out = append(out, e.Name)
		}
	}
	return out
}

// setEnv sets a config variable, replacing one of the same name in place.
func (f *facts) setEnv(name, value string) {
	for i, e := range f.Env {
		if e.Name == name || (f.OS == "windows" && strings.EqualFold(e.Name, name)) {
			f.Env[i] = envVar{Name: e.Name, Value: value}
			return
		}
	}
	f.Env = append(f.Env, envVar{Name: name, Value: value})
}

func (f *facts) addShell(name string) {
	if name != "" && !slices.Contains(f.Shells, name) {
		f.Shells = append(f.Shells, name)
	}
}

// core is what must agree between the entries a tag pattern stands for.
func (f *facts) core() string {
	return strings.Join([]string{f.OS, f.Distro, strings.Join(f.PMs, ","), strings.Join(f.Shells, ","),
		boolStr(f.Useradd), f.Adduser}, "|")
}

func boolStr(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// entry is one published image: a repository, the tags naming it, and
// either a seed or a Dockerfile to evaluate.
type entry struct {
	repo  string
	tags  []string
	order int // position in its listing: lower is preferred
	// exactly one of:
	seed       *facts
	dockerfile *dockerfileRef
	build      func(*db) (*facts, error) // for entries computed from another (devcontainers)

	resolved *facts
	err      error
	busy     bool
}

type dockerfileRef struct {
	src     *source
	commit  string
	path    string
	args    map[string]string // build args the publisher passes (devcontainers' VARIANT)
	hint    string            // variant name, for scratch-based images (dotnet's "noble-chiseled")
	osHint  string
	postEnv []envVar // variables added after the build (devcontainer features)
	approx  string   // the file read instead, when the snapshot lacks path
}

// approximate reports an entry built from a stand-in Dockerfile: its facts
// are those of a neighbouring variant, so it is emitted as a pattern match.
func (e *entry) approximate() bool { return e.dockerfile != nil && e.dockerfile.approx != "" }
