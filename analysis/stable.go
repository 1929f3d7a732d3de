package analysis

import (
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/agext/levenshtein"
	"github.com/moby/buildkit/frontend/dockerfile/command"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
	"github.com/moby/buildkit/util/suggest"
)

// This file makes BuildKit's answers a pure function of the text. BuildKit
// builds its "did you mean" candidates from maps and keeps the first of the
// equally close ones, so the same file got "did you mean RUN?" on one run
// and "ENV?" on the next. We re-rank: the closest candidate, ties going to
// the alphabetically first, in BuildKit's own wording.

var (
	reUnknownInstruction = regexp.MustCompile(`^unknown instruction: (.*) \(did you mean (.*)\?\)$`)
	reUndefinedArgInFrom = regexp.MustCompile(`^FROM argument '(.*)' is not declared \(did you mean (.*)\?\)$`)
	// wrapSuggestAny in BuildKit's converter: the first (in map order)
	// unmatched variable of a platform expression that has a close global.
	rePlatformSuggestion = regexp.MustCompile(`^((?:empty platform value from expression (\S*)|failed to parse platform (\S*?):).*) \(did you mean (.*)\?\)$`)
)

// buildKitDefaultArgs are the global args BuildKit's converter defines
// before any ARG (dockerfile2llb defaultArgs): candidates for FROM's
// suggestions.
var buildKitDefaultArgs = []string{
	"BUILDARCH", "BUILDOS", "BUILDOSVERSION", "BUILDPLATFORM", "BUILDVARIANT",
	"TARGETARCH", "TARGETOS", "TARGETOSVERSION", "TARGETPLATFORM", "TARGETSTAGE", "TARGETVARIANT",
}

// instructionNames are BuildKit's instructions, upper case and sorted.
var instructionNames = func() []string {
	var out []string
	for name := range command.Commands {
		out = append(out, strings.ToUpper(name))
	}
	slices.Sort(out)
	return out
}()

// stableMessage returns a BuildKit message with its suggestion re-ranked.
func (d *Document) stableMessage(msg string) string {
	if !strings.HasSuffix(msg, "?)") {
		return msg
	}
	if m := reUnknownInstruction.FindStringSubmatch(msg); m != nil {
		return "unknown instruction: " + m[1] + " (did you mean " + closest(m[1], m[2], instructionNames, false) + "?)"
	}
	if m := reUndefinedArgInFrom.FindStringSubmatch(msg); m != nil {
		return linter.RuleUndefinedArgInFrom.Format(m[1], closest(m[1], m[2], d.fromArgCandidates(false), true))
	}
	if m := rePlatformSuggestion.FindStringSubmatch(msg); m != nil {
		if s := d.platformSuggestion(m[2] + m[3]); s != "" {
			return m[1] + " (did you mean " + s + "?)"
		}
	}
	return msg
}

// closest returns the alphabetically first of candidates that is as close
// to val as got, BuildKit's pick, in BuildKit's casing; got when none is
// (our candidate list would then not be BuildKit's).
func closest(val, got string, candidates []string, caseSensitive bool) string {
	norm := func(s string) string {
		if caseSensitive {
			return s
		}
		return strings.ToLower(s)
	}
	want := levenshtein.Distance(norm(val), norm(got), nil)
	for _, c := range candidates { // sorted
		if levenshtein.Distance(norm(val), norm(c), nil) == want {
			if s, ok := suggest.Search(val, []string{c}, caseSensitive); ok {
				return s
			}
		}
	}
	return got
}

// fromArgCandidates are the names FROM may use: BuildKit's default args and
// the global ARGs (only those with a value when withValue), sorted.
func (d *Document) fromArgCandidates(withValue bool) []string {
	set := map[string]bool{}
	for _, name := range buildKitDefaultArgs {
		set[name] = true
	}
	for _, ins := range d.GlobalArgs() {
		for _, kv := range ins.KeyValues() {
			if kv.HasValue || !withValue {
				set[kv.Key] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(set))
}

// platformSuggestion redoes BuildKit's suggestion for a FROM --platform
// expression: the first unmatched variable, in name order, that has a
// close global arg.
func (d *Document) platformSuggestion(expr string) string {
	options := d.fromArgCandidates(true)
	var env []string
	for _, o := range options {
		env = append(env, o+"=")
	}
	res, err := shell.NewLex(rune(d.Escape)).ProcessWordWithMatches(expr, shell.EnvsFromSlice(env))
	if err != nil {
		return ""
	}
	for _, name := range slices.Sorted(maps.Keys(res.Unmatched)) {
		if s, ok := suggest.Search(name, options, true); ok {
			return s
		}
	}
	return ""
}

// unorderedError reports a converter error whose instruction depends on
// goroutine scheduling: BuildKit resolves every base image (FROM, and
// COPY --from or RUN --mount from= naming an image) concurrently and
// reports whichever fails first.
func unorderedError(msg string) bool {
	return strings.HasPrefix(msg, "failed to parse stage name ")
}
