package analysis

import (
	"regexp"
	"slices"
	"strconv"

	"github.com/agext/levenshtein"
	"github.com/dockerfile-ls/dockerfile-ls/imagedb"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/util/suggest"
	"github.com/moby/buildkit/util/system"
)

// This file adjusts BuildKit's findings by what the base image is.
// BuildKit's checks ran offline with an empty image config on the default
// (Linux) platform, and are memoized per document: its UndefinedVar does
// not know the image's ENV, which a build with the real config expands, and
// its WorkdirRelativePath reads a Windows image's `C:\dir` with Linux path
// rules. The adjustment runs on every Diagnostics call, with the caller's
// source.

// withImages drops the UndefinedVar findings for variables the base image's
// config defines, lets a typo's "did you mean" weigh the image's names too,
// and says what a global ARG that RUN cannot see gives way to.
func (d *Document) withImages(diags []Diagnostic, images ImageSource) []Diagnostic {
	out := diags[:0]
	for _, diag := range diags {
		switch diag.Rule {
		case linter.RuleUndefinedVar.Name:
			if diag.Source != SourceBuildKit || diag.Data.Token == "" {
				break
			}
			im := d.imageAt(diag.Span.Start, images)
			if im == nil {
				break
			}
			if e, ok := im.LookupEnv(diag.Data.Token); ok && !e.FromOS {
				continue // the config defines it: the build expands it
			}
			diag = withImageSuggestion(diag, im)
		case linter.RuleWorkdirRelativePath.Name:
			// A Windows image is built on a Windows builder, whose platform
			// BuildKit checks the path with (dispatchWorkdir:
			// system.IsAbs(path, d.platform.OS)). Where the image is not
			// known, a path with a drive letter says the stage is Windows'.
			if diag.Source == SourceBuildKit && windowsAbs(diag.Data.Token) {
				im := d.imageAt(diag.Span.Start, images)
				if im != nil && im.OS == imagedb.Windows || im == nil && driveLetterRe.MatchString(diag.Data.Token) {
					continue
				}
			}
		case ruleArgNotInScope.Name:
			if im := d.imageAt(diag.Span.Start, images); im != nil {
				if e, ok := im.LookupEnv(diag.Data.Token); ok {
					// RUN sees the image's variable (Windows' own ones too).
					diag = ruleArgNotInScope.report(diag.Span, false, diag.Data, "image", diag.Data.Token, envValue(e), diag.Data.Token)
				}
			}
		}
		out = append(out, diag)
	}
	return out
}

// driveLetterRe matches a path that starts with a Windows drive.
var driveLetterRe = regexp.MustCompile(`^[A-Za-z]:(\\\\|\\|/)`)

// windowsAbs reports whether a WorkdirRelativePath finding's path (as
// BuildKit's %q wrote it) is absolute on Windows.
func windowsAbs(quoted string) bool {
	p, err := strconv.Unquote(`"` + quoted + `"`)
	return err == nil && system.IsAbs(p, "windows")
}

// imageAt is the base image of the stage around off, nil when unknown, in
// a FROM line (global scope) or an ONBUILD trigger (another build's image).
func (d *Document) imageAt(off int, images ImageSource) *imagedb.Image {
	ins := d.InstructionAt(off)
	if ins == nil || ins.Cmd == "FROM" || (ins.Sub != nil && off >= ins.Sub.Keyword.Start) {
		return nil
	}
	st := d.StageOf(ins)
	if st == nil {
		return nil
	}
	return d.ImageOf(st, images)
}

// withImageSuggestion redoes BuildKit's "did you mean" with the image's
// names among the candidates, as BuildKit would with the real config: a
// closer image name wins; on a tie BuildKit's own pick stays.
func withImageSuggestion(diag Diagnostic, im *imagedb.Image) Diagnostic {
	name := diag.Data.Token
	names := im.EnvNames(false)
	slices.Sort(names)
	best, ok := suggest.Search(name, names, im.OS != imagedb.Windows)
	if !ok {
		return diag
	}
	if got := diag.Data.Suggestion; got != "" && levenshtein.Distance(name, got, nil) <= levenshtein.Distance(name, best, nil) {
		return diag
	}
	diag.Message = linter.RuleUndefinedVar.Format(name, best)
	diag.Data.Suggestion = best
	diag.Data.Args = []string{name, best}
	if diag.text != nil {
		diag.text = RuleNamed(linter.RuleUndefinedVar.Name).translation(diag.Data) // the "did you mean" template
	}
	return diag
}

// envValue is how a message shows an image variable's value.
func envValue(e imagedb.Env) string {
	if e.Value == "" {
		return "`" + e.Name + "`"
	}
	return "`" + e.Name + "=" + e.Value + "`"
}
