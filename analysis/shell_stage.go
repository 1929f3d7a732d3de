package analysis

import (
	"path"
	"slices"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// What the shell-aware rules need to know about the stage around a RUN:
// its cache mounts, whether its layers ship, what configuration earlier
// steps wrote, and which shell runs it.

// mountsCacheAt reports whether ins mounts a cache or a tmpfs at dir or a
// directory above it, so what the command writes there stays out of the
// layer.
func (d *Document) mountsCacheAt(ins *Instruction, dirs ...string) bool {
	return d.mountsAt(ins, []string{"cache", "tmpfs"}, dirs...)
}

// mountsAt reports whether ins mounts one of types (any, when nil) at one
// of dirs or a directory above it.
func (d *Document) mountsAt(ins *Instruction, types []string, dirs ...string) bool {
	for _, f := range ins.Flags {
		if !strings.EqualFold(f.Name, "mount") {
			continue
		}
		typ, target := "bind", ""
		for _, fd := range ins.FlagFields(f) {
			switch strings.ToLower(fd.Key) {
			case "type":
				typ = strings.ToLower(fd.Value)
			case "target", "dst", "destination":
				target = path.Clean(d.ExpandAt(ins, fd.Value))
			}
		}
		if (types != nil && !slices.Contains(types, typ)) || target == "" {
			continue
		}
		for _, dir := range dirs {
			if dir == target || strings.HasPrefix(dir, strings.TrimSuffix(target, "/")+"/") {
				return true
			}
		}
	}
	return false
}

// shipped reports whether the layers of st end up in an image someone
// uses: the last stage, a stage nothing refers to (a --target), or the base
// of a shipped stage. A stage that later stages only copy from does not
// ship its layers, so what it leaves behind costs nothing.
func (d *Document) shipped(st *Stage) bool {
	d.shipOnce.Do(func() { d.ships = d.shippedStages() })
	return st.Index < len(d.ships) && d.ships[st.Index]
}

// shippedStages computes shipped for every stage in one backward pass: a
// stage's children and users all come after it.
func (d *Document) shippedStages() []bool {
	stages := d.Stages()
	used := make([]bool, len(stages))
	ships := make([]bool, len(stages))
	for i := len(stages) - 1; i >= 0; i-- {
		st := stages[i]
		if i == len(stages)-1 || !used[i] {
			ships[i] = true
		}
		if p := st.Parent; p != nil && p.Index < i {
			used[p.Index] = true
			if ships[i] {
				ships[p.Index] = true // set before p is reached: a shipped child's base ships
			}
		}
		for _, ins := range st.Instructions {
			for _, r := range d.stageRefs(ins) { // COPY --from, RUN --mount from=
				if !r.def && r.stage.Index < i {
					used[r.stage.Index] = true
				}
			}
		}
	}
	return ships
}

// stageChain is st and the stages it builds on, nearest first.
func stageChain(st *Stage) []*Stage {
	var out []*Stage
	for s := st; s != nil && len(out) < 64; s = s.Parent {
		out = append(out, s)
	}
	return out
}

// configured reports whether a step before the call at off in s (or an
// earlier RUN of the stage chain) writes an APT setting named key, e.g.
// `echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90yes`, or
// copies a file into /etc/apt/apt.conf.d (its content is unknown, so it
// may set anything).
func (d *Document) configured(s *runScript, off int, key string) bool {
	key = strings.ToLower(key)
	for _, st := range stageChain(s.stage) {
		for _, ins := range st.Instructions {
			if ins.Line > s.ins.Line {
				break
			}
			if (ins.Cmd == "COPY" || ins.Cmd == "ADD") && len(ins.Args) > 1 &&
				strings.HasPrefix(path.Clean(ins.Args[len(ins.Args)-1].Value), "/etc/apt/apt.conf") {
				return true
			}
		}
	}
	for _, o := range d.runScripts() {
		if o.file == nil || !inChain(o.stage, s.stage) || o.ins.Line > s.ins.Line {
			continue
		}
		found := false
		syntax.Walk(o.file, func(n syntax.Node) bool {
			w, ok := n.(*syntax.Word)
			if !ok || found || (o == s && int(w.Pos().Offset()) >= off) {
				return !found
			}
			if v, ok := wordLit(w); ok && strings.Contains(strings.ToLower(v), key) {
				found = true
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// inChain reports whether st is stage or one it builds on.
func inChain(st, stage *Stage) bool {
	for _, s := range stageChain(stage) {
		if s == st {
			return true
		}
	}
	return false
}

// shellSupport is what we know of the shell that runs a script.
type shellSupport int

const (
	pipefailUnknown shellSupport = iota // the shell is not known (FROM $BASE, an unknown image)
	pipefailMissing                     // /bin/sh is dash, which has no pipefail option
	pipefailOff                         // the shell has pipefail, not set
	pipefailOn                          // SHELL sets -o pipefail
)

// pipefail says whether the shell running s supports "set -o pipefail"
// and whether SHELL already turns it on. The shell is the heredoc's "#!"
// interpreter, else the stage's SHELL, else the base image's /bin/sh as
// the offline image table knows it: BusyBox ash (Alpine) and bash
// (Fedora, RHEL and the like) have pipefail; dash (Debian, Ubuntu) has
// none in the releases those images ship.
func (d *Document) pipefail(s *runScript) shellSupport {
	if p := s.interpreter(); p != "" && p != "sh" && p != "dash" {
		return shellHasPipefail(p)
	}
	if elems := d.shellAt(s.ins, s.stage); len(elems) > 0 {
		prog := path.Base(elems[0])
		if prog != "sh" && prog != "dash" {
			if setsPipefail(elems[1:]) {
				return pipefailOn
			}
			return shellHasPipefail(prog)
		}
	}
	// Our rules are computed once per document: the offline table (nil
	// source), not a registry's answer.
	base, ok := d.BaseImage(s.stage, nil)
	im := base.Image
	if !ok || im == nil {
		return pipefailUnknown
	}
	if len(im.Shell) > 0 && path.Base(im.Shell[0]) != "sh" {
		if setsPipefail(im.Shell[1:]) {
			return pipefailOn
		}
		return shellHasPipefail(path.Base(im.Shell[0]))
	}
	switch im.Distro {
	case "debian", "ubuntu":
		return pipefailMissing
	case "alpine", "busybox", "rhel", "fedora", "centos", "rockylinux", "almalinux", "oraclelinux",
		"amazonlinux", "photon", "archlinux", "azurelinux":
		return pipefailOff
	}
	return pipefailUnknown
}

func shellHasPipefail(prog string) shellSupport {
	switch prog {
	case "bash", "zsh", "ksh", "mksh", "ash", "busybox":
		return pipefailOff
	}
	return pipefailUnknown
}

// shellAt is the exec form of the last SHELL before ins in its stage or the
// stages it builds on (nil when none).
func (d *Document) shellAt(ins *Instruction, st *Stage) []string {
	for _, s := range stageChain(st) {
		var last []string
		for _, in := range s.Instructions {
			if s == st && in.Line >= ins.Line {
				break
			}
			if in.Cmd == "SHELL" && in.IsExecForm() && len(in.JSON.Elems) > 0 {
				last = last[:0]
				for _, e := range in.JSON.Elems {
					last = append(last, e.Value)
				}
			}
		}
		if last != nil {
			return last
		}
	}
	return nil
}

// setsPipefail reports whether shell options (of SHELL or "set") turn
// pipefail on: "-o pipefail", "-eo pipefail", "-euxo pipefail"…
func setsPipefail(args []string) bool {
	for i := 0; i+1 < len(args); i++ {
		if args[i+1] == "pipefail" && strings.HasPrefix(args[i], "-") && strings.HasSuffix(args[i], "o") {
			return true
		}
	}
	return false
}
