package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
)

// Lines are counted as editors count them (a lone "\r" ends one) and
// columns in code points, from 1, in every format.
func TestPlacesFollowEditors(t *testing.T) {
	text := "FROM a\rRUN 🐳x\r\nCMD y"
	x := strings.Index(text, "x")
	files := []File{{Path: "Dockerfile", Text: text, Diagnostics: []analysis.Diagnostic{
		{Span: analysis.Span{Start: x, End: x + 1}, Severity: analysis.SeverityWarning, Rule: "R", Message: "m"},
	}}}
	write := func(format string) string {
		var b bytes.Buffer
		if err := Write(&b, format, "v", "en", files); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	if got, want := write("text"), "Dockerfile:2:6: warning: m [R]\n"; got != want {
		t.Errorf("text: %q, want %q", got, want)
	}
	if got, want := write("github"), "::warning file=Dockerfile,line=2,col=6,endLine=2,endColumn=7,title=R::m\n"; got != want {
		t.Errorf("github: %q, want %q", got, want)
	}
	var items []struct{ Line, Column, EndLine, EndColumn int }
	if err := json.Unmarshal([]byte(write("json")), &items); err != nil || len(items) != 1 || items[0].Line != 2 || items[0].Column != 6 || items[0].EndColumn != 7 {
		t.Errorf("json: %+v %v", items, err)
	}
	var log struct {
		Runs []struct {
			NewlineSequences []string
			Results          []struct {
				Locations []struct {
					PhysicalLocation struct {
						Region struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(write("sarif")), &log); err != nil {
		t.Fatal(err)
	}
	r := log.Runs[0]
	if reg := r.Results[0].Locations[0].PhysicalLocation.Region; reg.StartLine != 2 || reg.StartColumn != 6 || len(r.NewlineSequences) != 3 {
		t.Errorf("sarif: region %+v, newlines %q", reg, r.NewlineSequences)
	}
	if err := Write(&bytes.Buffer{}, "xml", "v", "en", files); err == nil || Known("xml") {
		t.Error("an unknown format is refused")
	}
}
