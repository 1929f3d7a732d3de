package analysis

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// FileReport is the result of checking one file, for the CLI's reports.
type FileReport struct {
	Path        string
	Doc         *Document
	Diagnostics []Diagnostic
}

// reportPos is a 1-based line and column counted in Unicode code points.
type reportPos struct {
	Line, Column int
}

func (d *Document) reportPos(off int) reportPos {
	line, _ := d.Lines.Position(off)
	start := d.Lines.LineStart(line)
	if off > len(d.Text) {
		off = len(d.Text)
	}
	return reportPos{line + 1, utf8.RuneCountInString(d.Text[start:off]) + 1}
}

// WriteReport writes findings as text (file:line:col: severity: message
// [Rule]), JSON, SARIF 2.1.0, or GitHub Actions annotations.
func WriteReport(w io.Writer, format, toolVersion, lang string, files []FileReport) error {
	switch format {
	case "text":
		for _, f := range files {
			for _, d := range f.Diagnostics {
				p := f.Doc.reportPos(d.Span.Start)
				if _, err := fmt.Fprintf(w, "%s:%d:%d: %s: %s [%s]\n", f.Path, p.Line, p.Column, d.Severity, d.Localized(lang), d.Rule); err != nil {
					return err
				}
			}
		}
		return nil
	case "json":
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
		for _, f := range files {
			for _, d := range f.Diagnostics {
				s, e := f.Doc.reportPos(d.Span.Start), f.Doc.reportPos(d.Span.End)
				items = append(items, item{f.Path, s.Line, s.Column, e.Line, e.Column, d.Severity.String(), d.Rule, d.Localized(lang), d.URL, d.Source})
			}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(items)
	case "sarif":
		return writeSARIF(w, toolVersion, lang, files)
	case "github":
		// GitHub Actions workflow commands: annotations on the pull request.
		for _, f := range files {
			for _, d := range f.Diagnostics {
				s, e := f.Doc.reportPos(d.Span.Start), f.Doc.reportPos(d.Span.End)
				level := "warning"
				switch d.Severity {
				case SeverityError:
					level = "error"
				case SeverityInfo, SeverityHint:
					level = "notice"
				}
				msg := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(d.Localized(lang))
				if _, err := fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
					level, f.Path, s.Line, s.Column, e.Line, e.Column, d.Rule, msg); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return fmt.Errorf("unknown report format %q", format)
}

func writeSARIF(w io.Writer, toolVersion, lang string, files []FileReport) error {
	type obj = map[string]any
	rules := []obj{}
	ruleIndex := map[string]int{}
	results := []obj{}
	for _, f := range files {
		for _, d := range f.Diagnostics {
			if _, ok := ruleIndex[d.Rule]; !ok {
				ruleIndex[d.Rule] = len(rules)
				r := obj{"id": d.Rule, "name": d.Rule}
				if d.URL != "" {
					r["helpUri"] = d.URL
				}
				rules = append(rules, r)
			}
			level := "warning"
			switch d.Severity {
			case SeverityError:
				level = "error"
			case SeverityInfo, SeverityHint:
				level = "note"
			}
			s, e := f.Doc.reportPos(d.Span.Start), f.Doc.reportPos(d.Span.End)
			results = append(results, obj{
				"ruleId":    d.Rule,
				"ruleIndex": ruleIndex[d.Rule],
				"level":     level,
				"message":   obj{"text": d.Localized(lang)},
				"locations": []obj{{"physicalLocation": obj{
					"artifactLocation": obj{"uri": f.Path},
					"region":           obj{"startLine": s.Line, "startColumn": s.Column, "endLine": e.Line, "endColumn": e.Column},
				}}},
			})
		}
	}
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
			"results":    results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}
