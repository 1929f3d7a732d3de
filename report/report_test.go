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

// The English message (BuildKit's own text for BuildKit's findings) stays
// the message of every format; the reader's text (Russian, or our
// explanation of a cryptic BuildKit error) is printed as text in other
// languages and added to JSON and SARIF as localizedMessage.
func TestMessagesKeepBuildKitsText(t *testing.T) {
	var files []File
	for _, text := range []string{"RUN echo hi\nFROM alpine\n", "FROM alpine AS Build\n"} {
		files = append(files, File{Path: "Dockerfile", Text: text, Diagnostics: analysis.Parse(text).Diagnostics(nil, nil)})
	}
	write := func(format, lang string) string {
		var b bytes.Buffer
		if err := Write(&b, format, "v", lang, files); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	const (
		bkError   = "no build stage in current context"
		explained = "RUN needs a FROM above it"
		bkCheck   = "Stage name 'Build' should be lowercase"
		ruCheck   = "имя этапа 'Build' лучше писать строчными буквами"
	)
	if got := write("text", "en"); !strings.Contains(got, bkError+" [ParseError]") || !strings.Contains(got, bkCheck+" [StageNameCasing]") {
		t.Errorf("text in English must print BuildKit's messages:\n%s", got)
	}
	if got := write("text", "ru"); !strings.Contains(got, "перед RUN нужна инструкция FROM") || !strings.Contains(got, ruCheck) {
		t.Errorf("text in Russian must print the Russian messages:\n%s", got)
	}
	if got := write("github", "ru"); !strings.Contains(got, ruCheck) {
		t.Errorf("annotations in Russian:\n%s", got)
	}
	for _, lang := range []string{"en", "ru"} {
		var items []struct{ Rule, Message, LocalizedMessage string }
		if err := json.Unmarshal([]byte(write("json", lang)), &items); err != nil || len(items) != 2 {
			t.Fatalf("json: %v %+v", err, items)
		}
		if items[0].Message != bkError || !strings.HasPrefix(items[0].LocalizedMessage, map[string]string{"en": explained, "ru": "перед RUN"}[lang]) {
			t.Errorf("json %s: %+v", lang, items[0])
		}
		if want := map[string]string{"en": "", "ru": ruCheck}[lang]; items[1].Message != bkCheck || items[1].LocalizedMessage != want {
			t.Errorf("json %s: %+v, want localizedMessage %q", lang, items[1], want)
		}
		var log struct {
			Runs []struct {
				Results []struct {
					Message    struct{ Text string }
					Properties struct{ LocalizedMessage, Locale string }
				}
			}
		}
		if err := json.Unmarshal([]byte(write("sarif", lang)), &log); err != nil {
			t.Fatal(err)
		}
		res := log.Runs[0].Results
		if res[0].Message.Text != bkError || res[0].Properties.LocalizedMessage != items[0].LocalizedMessage || res[0].Properties.Locale != lang ||
			res[1].Message.Text != bkCheck || res[1].Properties.LocalizedMessage != items[1].LocalizedMessage {
			t.Errorf("sarif %s: %+v", lang, res)
		}
	}
}
