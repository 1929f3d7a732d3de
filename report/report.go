// Package report writes the findings of `dockerfile-ls check`: as text
// (file:line:col: severity: message [Rule]), JSON, SARIF 2.1.0 or GitHub
// Actions annotations. Lines are numbered as editors number them and
// columns count code points, both from 1 (package position converts).
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"github.com/dockerfile-ls/dockerfile-ls/position"
)

// File is the result of checking one file.
type File struct {
	Path        string
	Text        string
	Diagnostics []analysis.Diagnostic
	// Lang is the language of this file's messages ("" is Write's lang):
	// a project file may set it for the files under it.
	Lang string
}

func (f File) lang(fallback string) string {
	if f.Lang != "" {
		return f.Lang
	}
	return fallback
}

// Formats are the names Write accepts.
var Formats = []string{"text", "json", "sarif", "github"}

// Known reports whether format is one of Formats.
func Known(format string) bool { return slices.Contains(Formats, format) }

// place is a 1-based line and code-point column.
type place struct {
	Line, Column int
}

// region is where a diagnostic starts and ends.
type region struct {
	Start, End place
}

func regionOf(m *position.Mapper, s analysis.Span) region {
	at := func(off int) place {
		p := m.Position(off, position.UTF32)
		return place{p.Line + 1, p.Col + 1}
	}
	return region{at(s.Start), at(s.End)}
}

// Write writes the findings of files in format, messages in lang.
func Write(w io.Writer, format, toolVersion, lang string, files []File) error {
	switch format {
	case "text":
		return eachFinding(files, func(f File, d analysis.Diagnostic, r region) error {
			_, err := fmt.Fprintf(w, "%s:%d:%d: %s: %s [%s]\n", f.Path, r.Start.Line, r.Start.Column, d.Severity, d.Localized(f.lang(lang)), d.Rule)
			return err
		})
	case "json":
		return writeJSON(w, lang, files)
	case "sarif":
		return writeSARIF(w, toolVersion, lang, files)
	case "github":
		// GitHub Actions workflow commands: annotations on the pull request.
		return eachFinding(files, func(f File, d analysis.Diagnostic, r region) error {
			level := levelOf(d.Severity, "notice")
			msg := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(d.Localized(f.lang(lang)))
			_, err := fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
				level, f.Path, r.Start.Line, r.Start.Column, r.End.Line, r.End.Column, d.Rule, msg)
			return err
		})
	}
	return fmt.Errorf("unknown report format %q", format)
}

// levelOf names a severity as GitHub and SARIF do: error, warning, or
// (for information and hints) minor, which they spell differently.
func levelOf(s analysis.Severity, minor string) string {
	switch s {
	case analysis.SeverityError:
		return "error"
	case analysis.SeverityInfo, analysis.SeverityHint:
		return minor
	}
	return "warning"
}

// eachFinding calls fn for every diagnostic of every file, in order.
func eachFinding(files []File, fn func(File, analysis.Diagnostic, region) error) error {
	for _, f := range files {
		m := position.NewMapper(f.Text)
		for _, d := range f.Diagnostics {
			if err := fn(f, d, regionOf(m, d.Span)); err != nil {
				return err
			}
		}
	}
	return nil
}

func writeJSON(w io.Writer, lang string, files []File) error {
	type item struct {
		File      string `json:"file"`
		Line      int    `json:"line"`
		Column    int    `json:"column"`
		EndLine   int    `json:"endLine"`
		EndColumn int    `json:"endColumn"`
		Severity  string `json:"severity"`
		Rule      string `json:"rule"`
		Message   string `json:"message"`
		URL       string `json:"url,omitempty"`
		Source    string `json:"source"`
	}
	items := []item{}
	eachFinding(files, func(f File, d analysis.Diagnostic, r region) error {
		items = append(items, item{f.Path, r.Start.Line, r.Start.Column, r.End.Line, r.End.Column, d.Severity.String(), d.Rule, d.Localized(f.lang(lang)), d.URL, d.Source})
		return nil
	})
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(items)
}

func writeSARIF(w io.Writer, toolVersion, lang string, files []File) error {
	type obj = map[string]any
	rules := []obj{}
	ruleIndex := map[string]int{}
	results := []obj{}
	eachFinding(files, func(f File, d analysis.Diagnostic, r region) error {
		if _, ok := ruleIndex[d.Rule]; !ok {
			ruleIndex[d.Rule] = len(rules)
			rule := obj{"id": d.Rule, "name": d.Rule}
			if d.URL != "" {
				rule["helpUri"] = d.URL
			}
			rules = append(rules, rule)
		}
		level := levelOf(d.Severity, "note")
		results = append(results, obj{
			"ruleId":    d.Rule,
			"ruleIndex": ruleIndex[d.Rule],
			"level":     level,
			"message":   obj{"text": d.Localized(f.lang(lang))},
			"locations": []obj{{"physicalLocation": obj{
				"artifactLocation": obj{"uri": f.Path},
				"region":           obj{"startLine": r.Start.Line, "startColumn": r.Start.Column, "endLine": r.End.Line, "endColumn": r.End.Column},
			}}},
		})
		return nil
	})
	log := obj{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []obj{{
			"tool": obj{"driver": obj{
				"name":           "dockerfile-ls",
				"version":        toolVersion,
				"informationUri": "https://github.com/dockerfile-ls/dockerfile-ls",
				"rules":          rules,
			}},
			"columnKind": "unicodeCodePoints",
			// A lone "\r" ends a line for us, as for editors (SARIF's default omits it).
			"newlineSequences": []string{"\r\n", "\n", "\r"},
			"results":          results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}
