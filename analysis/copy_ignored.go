package analysis

import (
	"path"
	"path/filepath"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/patternmatcher"
)

// checkCopyIgnored runs BuildKit's CopyIgnoredFile check, which needs the
// build context's .dockerignore: BuildKit runs it only with a build client.
// It follows BuildKit's validateCopySourcePath.
func checkCopyIgnored(r *Rule, d *Document, env Env, instructions []*Instruction) []Diagnostic {
	patterns := env.DockerIgnore()
	if len(patterns) == 0 {
		return nil
	}
	pm, err := patternmatcher.New(patterns)
	if err != nil || pm.Exclusions() {
		return nil // exclusions make the answer undecidable statically
	}
	rootIgnored := false
	for _, p := range pm.Patterns() {
		switch p.String() {
		case "*", "**", "**/*":
			rootIgnored = true
		}
	}
	var out []Diagnostic
	for _, ins := range instructions {
		if (ins.Cmd != "COPY" && ins.Cmd != "ADD") || ins.Flag("from") != nil || len(ins.Args) < 2 {
			continue
		}
		cmd := "Copy"
		if ins.Cmd == "ADD" {
			cmd = "Add"
		}
		for _, w := range ins.Args[:len(ins.Args)-1] {
			src := d.ExpandAt(ins, w.Value)
			if strings.HasPrefix(src, "<<") || strings.Contains(src, "://") || strings.HasPrefix(src, "git@") {
				continue
			}
			src = path.Clean(filepath.ToSlash(src))
			if (src == "." || src == "/") && !rootIgnored {
				continue
			}
			if ok, _ := pm.MatchesOrParentMatches(src); ok {
				data := Data{Token: src, Args: []string{cmd, src}}
				out = append(out, Diagnostic{
					Span: w.Span, Severity: SeverityWarning, Rule: r.Name, Message: linter.RuleCopyIgnoredFile.Format(cmd, src),
					URL: linter.RuleCopyIgnoredFile.URL, Source: SourceBuildKit, Tags: r.Tags, Data: data, rule: r, text: r.translation(data),
				})
			}
		}
	}
	return out
}
