package main

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// evalDockerfile builds the facts of the image a Dockerfile produces: its
// last stage, starting from the facts of its base (another stage, scratch,
// or an image the database resolves) and applying what each instruction
// changes in the config, as BuildKit's dispatcher does. RUN is read only
// for packages that add a shell or shadow's useradd.
func (d *db) evalDockerfile(ref *dockerfileRef) (*facts, error) {
	data, commit, err := ref.src.read(ref.commit, ref.path)
	if err != nil {
		alt := ref.src.similar(ref.path)
		if alt == "" {
			return nil, err
		}
		if data, commit, err = ref.src.read("", alt); err != nil {
			return nil, err
		}
		ref.approx = alt
	}
	res, err := parser.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	stages, metaArgs, err := instructions.Parse(res.AST, nil)
	if err != nil {
		return nil, err
	}
	if len(stages) == 0 {
		return nil, fmt.Errorf("no stage")
	}
	lex := shell.NewLex(res.EscapeToken)
	global := map[string]string{}
	for _, a := range metaArgs {
		for _, kv := range a.Args {
			global[kv.Key] = argValue(lex, kv, ref.args, global, nil)
		}
	}
	byName := map[string]*facts{}
	var f *facts
	for i, st := range stages {
		base, _, err := lex.ProcessWord(st.BaseName, mapEnv(global))
		if err != nil {
			return nil, fmt.Errorf("stage %d: FROM %s: %v", i, st.BaseName, err)
		}
		switch prev, ok := byName[strings.ToLower(base)]; {
		case ok:
			f = prev.clone()
		case base == "scratch":
			f = scratchFacts(ref.osHint, ref.hint)
		default:
			bf, err := d.resolve(base)
			if err != nil {
				return nil, fmt.Errorf("stage %d: FROM %s: %v", i, base, err)
			}
			f = bf.clone()
		}
		if _, ok := f.Get("PATH"); !ok && f.OS == "linux" {
			f.setEnv("PATH", defaultPath) // as BuildKit does for every Linux stage
		}
		if err := d.dispatch(f, st, lex, global, ref.args); err != nil {
			return nil, fmt.Errorf("stage %d: %v", i, err)
		}
		if st.Name != "" {
			byName[strings.ToLower(st.Name)] = f
		}
		byName[fmt.Sprint(i)] = f
	}
	for _, e := range ref.postEnv {
		v, _, err := lex.ProcessWord(e.Value, f)
		if err != nil {
			return nil, err
		}
		f.setEnv(e.Name, v)
	}
	f.Source = ref.src.origin(commit, ref.path)
	if ref.approx != "" {
		f.Source = ref.src.origin(commit, ref.approx) + " (standing in for " + ref.path + ")"
	}
	return f, nil
}

const defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// dispatch applies one stage's instructions to f.
func (d *db) dispatch(f *facts, st instructions.Stage, lex *shell.Lex, global, buildArgs map[string]string) error {
	args := map[string]string{}
	env := stageEnv{f: f, args: args}
	word := func(s string) (string, error) {
		w, _, err := lex.ProcessWord(s, env)
		return w, err
	}
	cmdSet := false
	for _, c := range st.Commands {
		switch c := c.(type) {
		case *instructions.ArgCommand:
			for _, kv := range c.Args {
				args[kv.Key] = argValue(lex, kv, buildArgs, global, env)
			}
		case *instructions.EnvCommand:
			for _, kv := range c.Env {
				v, err := word(kv.Value)
				if err != nil {
					return err
				}
				f.setEnv(kv.Key, v)
			}
		case *instructions.UserCommand:
			u, err := word(c.User)
			if err != nil {
				return err
			}
			f.User = u
		case *instructions.WorkdirCommand:
			w, err := word(c.Path)
			if err != nil {
				return err
			}
			f.WorkDir = joinWorkdir(f.OS, f.WorkDir, w)
		case *instructions.EntrypointCommand:
			f.Entrypoint = commandLine(f, c.ShellDependantCmdLine)
			if !cmdSet {
				f.Cmd = nil
			}
		case *instructions.CmdCommand:
			f.Cmd = commandLine(f, c.ShellDependantCmdLine)
			cmdSet = true
		case *instructions.ExposeCommand:
			for _, p := range c.Ports {
				w, err := word(p)
				if err != nil {
					return err
				}
				for _, port := range strings.Fields(w) {
					if !strings.Contains(port, "/") {
						port += "/tcp"
					}
					if !slices.Contains(f.Expose, port) {
						f.Expose = append(f.Expose, port)
					}
				}
			}
			sort.Strings(f.Expose)
		case *instructions.VolumeCommand:
			for _, v := range c.Volumes {
				w, err := word(v)
				if err != nil {
					return err
				}
				if !slices.Contains(f.Volumes, w) {
					f.Volumes = append(f.Volumes, w)
				}
			}
		case *instructions.ShellCommand:
			f.Shell = slices.Clone(c.Shell)
			if len(c.Shell) > 0 {
				f.addShell(shellName(c.Shell[0]))
			}
		case *instructions.RunCommand:
			if f.OS == "linux" && c.PrependShell && len(c.CmdLine) > 0 {
				scanInstalls(f, strings.Join(c.CmdLine, " "))
			}
		}
	}
	return nil
}

// argValue is the value an ARG takes: the build argument the publisher
// passes, else its default expanded, else the global ARG of that name.
func argValue(lex *shell.Lex, kv instructions.KeyValuePairOptional, buildArgs, global map[string]string, env shell.EnvGetter) string {
	if v, ok := buildArgs[kv.Key]; ok {
		return v
	}
	if kv.Value != nil {
		if env == nil {
			env = mapEnv(global)
		}
		v, _, err := lex.ProcessWord(*kv.Value, env)
		if err == nil {
			return v
		}
		return *kv.Value
	}
	return global[kv.Key]
}

// commandLine is what the config stores for CMD or ENTRYPOINT: the exec
// form as written, the shell form prefixed by the shell.
func commandLine(f *facts, c instructions.ShellDependantCmdLine) []string {
	if !c.PrependShell {
		return slices.Clone(c.CmdLine)
	}
	sh := f.Shell
	if len(sh) == 0 {
		sh = defaultShell(f.OS)
	}
	return append(slices.Clone(sh), strings.Join(c.CmdLine, " "))
}

func defaultShell(os string) []string {
	if os == "windows" {
		return []string{"cmd", "/S", "/C"}
	}
	return []string{"/bin/sh", "-c"}
}

func joinWorkdir(os, cur, w string) string {
	if os == "windows" || path.IsAbs(w) {
		return w
	}
	if cur == "" {
		cur = "/"
	}
	return path.Join(cur, w)
}

// shellName turns "C:\\Program Files\\PowerShell\\pwsh.exe" or "/bin/bash"
// into "pwsh" or "bash".
func shellName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		p = p[i+1:]
	}
	return strings.TrimSuffix(strings.ToLower(p), ".exe")
}

// stageEnv is what expansion sees inside a stage: the config's variables,
// then the stage's build args.
type stageEnv struct {
	f    *facts
	args map[string]string
}

func (e stageEnv) Get(k string) (string, bool) {
	if v, ok := e.f.Get(k); ok {
		return v, true
	}
	v, ok := e.args[k]
	return v, ok
}

func (e stageEnv) Keys() []string {
	keys := e.f.Keys()
	for k := range e.args {
		keys = append(keys, k)
	}
	return keys
}

type mapEnv map[string]string

func (m mapEnv) Get(k string) (string, bool) { v, ok := m[k]; return v, ok }

func (m mapEnv) Keys() []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// scratchFacts: FROM scratch has nothing; the distribution of a
// scratch-based image (chiseled Ubuntu, Azure Linux distroless) comes from
// its variant name.
func scratchFacts(os, hint string) *facts {
	if os == "" {
		os = "linux"
	}
	f := &facts{OS: os, Adduser: "none"}
	f.Distro, f.Release = distroFromName(hint)
	return f
}
