package main

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	text := "# syntax=docker/dockerfile:1\nARG V=1\nFROM alpine AS b\nCOPY --from=b /x /y\nRUN --mount=type=cache,target=/c \\\n  echo ${V} $shell\nRUN <<EOF\necho hi\nEOF\nRUN make --j=${N%x}\n"
	var got []string
	for _, tk := range tokenize(text) {
		s := tk.Text + ":" + tk.Kind
		if tk.Flag != "" {
			s += "@" + tk.Flag
		}
		if tk.Var != "" {
			s += "$" + tk.Var
			if tk.Declared {
				s += "!"
			}
			if tk.Modified {
				s += "~"
			}
			if tk.Touches {
				s += "^"
			}
		}
		if tk.Complete {
			s += "*"
		}
		got = append(got, s)
	}
	want := strings.Fields(`#:directive syntax:directive =:directive docker:directive /:directive dockerfile:directive ::directive 1:directive
		ARG:keyword* V:word$V!* =:punct$V!^ 1:word
		FROM:keyword* alpine:word* AS:word b:word
		COPY:keyword* --:flag@from* from:flag@from =:punct@from b:flag-value@from* /:punct x:word /:punct y:word
		RUN:keyword* --:flag@mount* mount:flag@mount =:punct@mount type:flag-value@mount* =:punct@mount cache:flag-value@mount* ,:punct@mount target:flag-value@mount* =:punct@mount /:punct@mount c:word@mount \:punct
		echo:word $:variable$V!^ {:variable$V!^* V:variable$V!* }:punct$V!^ $:variable$shell^ shell:variable$shell*
		RUN:keyword* <<:punct* EOF:heredoc-delimiter
		echo:heredoc hi:heredoc
		EOF:heredoc-delimiter
		RUN:keyword* make:word* --:punct j:word =:punct $:variable$N~^ {:variable$N~^* N:variable$N~* %:punct$N~^ x:word$N~ }:punct$N~^`)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tokenize:\n got %v\nwant %v", got, want)
	}
}

func TestSelfRef(t *testing.T) {
	var got []string
	for _, tk := range tokenize("ENV PATH=/x:$PATH A=$B\n") {
		if tk.SelfRef {
			got = append(got, tk.Text)
		}
	}
	if want := []string{"PATH", "$", "PATH"}; !reflect.DeepEqual(got, want) {
		t.Errorf("self references: got %v, want %v", got, want)
	}
}

func TestEscapedEscapeEndsTheLine(t *testing.T) {
	toks := tokenize("COPY a \\\\\nENV D x\nRUN a \\\n  b\n")
	var got []string
	for _, tk := range toks {
		if tk.Kind == "keyword" || tk.AfterEscapedEscape {
			got = append(got, tk.Text+":"+tk.Instr)
		}
	}
	// ENV is an instruction of its own (BuildKit), right after the escaped
	// escape; RUN's continuation is a continuation.
	want := []string{"COPY:COPY", "ENV:ENV", "D:ENV", "x:ENV", "RUN:RUN"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestHeredocsAsBuildKitReadsThem(t *testing.T) {
	toks := tokenize("RUN cat 5<<FILE1 6<<'F.2'\nbody one\nFILE1\nbody two\nF.2\nCOPY <<robots.txt /x\nrobots\nrobots.txt\nENV A=1\n")
	var got []string
	for _, tk := range toks {
		if tk.InHeredoc {
			got = append(got, tk.Text)
		}
	}
	want := []string{"body", "one", "FILE1", "body", "two", "F", ".", "2", "robots", "robots", ".", "txt"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("heredoc body tokens %v, want %v", got, want)
	}
}

func TestTokenColumnsAreUTF16(t *testing.T) {
	toks := tokenize("LABEL a=\"😀\" b=1")
	last := toks[len(toks)-1]
	if last.Text != "1" || last.Col != 15 {
		t.Errorf("last token %q at %d, want \"1\" at 15 (the emoji is two UTF-16 units)", last.Text, last.Col)
	}
}

func TestSetClass(t *testing.T) {
	for _, c := range []struct {
		ours, theirs []string
		want         string
	}{
		{nil, nil, ""},
		{[]string{"1:1-1:2"}, []string{"1:1-1:2"}, ""},
		{nil, []string{"1:1-1:2"}, "highlight-missing"},
		{[]string{"1:1-1:2"}, nil, "highlight-extra"},
		{[]string{"1:1-1:2"}, []string{"1:1-1:3"}, "highlight-mismatch"},
	} {
		if got := setClass("highlight", c.ours, c.theirs); got != c.want {
			t.Errorf("setClass(%v, %v) = %q, want %q", c.ours, c.theirs, got, c.want)
		}
	}
}

func TestNormLabel(t *testing.T) {
	for in, want := range map[string]string{
		"ADD source dest": "ADD", "--from=stage": "--from", "${PATH}": "PATH", "$HOME": "HOME",
		"scratch": "scratch", "type=cache": "type=cache",
	} {
		if got := normLabel(in, true); got != want {
			t.Errorf("normLabel(%q) = %q, want %q", in, got, want)
		}
	}
	if got := normLabel("${GO_IMAGE}", false); got != "${GO_IMAGE}" {
		t.Errorf("outside a variable, ${GO_IMAGE} became %q", got)
	}
}

func TestDecoders(t *testing.T) {
	r := `{"start":{"line":0,"character":5},"end":{"line":0,"character":8}}`
	if got := locations(json.RawMessage(`{"uri":"file:///a","range":`+r+`}`), "file:///a"); !reflect.DeepEqual(got, []string{"1:6-1:9"}) {
		t.Errorf("single Location: %v", got)
	}
	if got := locations(json.RawMessage(`[{"targetUri":"file:///b","targetSelectionRange":`+r+`}]`), "file:///a"); !reflect.DeepEqual(got, []string{"file:///b#1:6-1:9"}) {
		t.Errorf("LocationLink in another file: %v", got)
	}
	if got := prepareRange(json.RawMessage(`{"range":` + r + `,"placeholder":"x"}`)); got != "1:6-1:9" {
		t.Errorf("prepareRename with placeholder: %q", got)
	}
	if got := prepareRange(json.RawMessage(r)); got != "1:6-1:9" {
		t.Errorf("prepareRename as a Range: %q", got)
	}
	if got := hoverTitle(json.RawMessage(`{"contents":{"kind":"markdown","value":"\n**FROM** begins\n\nmore"}}`)); got != "**FROM** begins" {
		t.Errorf("hoverTitle markup: %q", got)
	}
	if got := hoverTitle(json.RawMessage(`{"contents":"1"}`)); got != "1" {
		t.Errorf("hoverTitle string: %q", got)
	}
	if got := hoverTitle(json.RawMessage(`null`)); got != "" {
		t.Errorf("hoverTitle null: %q", got)
	}
	edits := `{"changes":{"file:///a":[{"range":` + r + `,"newText":"n"}]}}`
	if got := renameEdits(json.RawMessage(edits), "file:///a"); !reflect.DeepEqual(got, []string{"1:6-1:9=n"}) {
		t.Errorf("renameEdits: %v", got)
	}
}

func diag(line, from, to int, code, msg string) diagnostic {
	return diagnostic{Range: lspRange{position{line, from}, position{line, to}}, Code: json.RawMessage(code), Message: msg}
}

func TestCompareDiagnostics(t *testing.T) {
	ours := []diagnostic{
		diag(0, 0, 20, `"ParseError"`, "no build stage in current context"), // same fault, wider range
		diag(2, 4, 9, `"LegacyKeyValueFormat"`, "legacy"),                   // only ours
	}
	theirs := []diagnostic{
		diag(0, 0, 3, `20`, "No source image provided with `FROM`"),
		diag(1, 0, 4, `0`, "Instructions should be written in uppercase letters"), // only theirs
	}
	var got []string
	for _, f := range compareDiagnostics("f", nil, ours, theirs) {
		got = append(got, f.Class+" "+f.Key)
	}
	want := []string{"diagnostic-range-mismatch no-source-image", "diagnostic-missing instruction-casing", "diagnostic-extra key-value-syntax"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("compareDiagnostics: got %v, want %v", got, want)
	}
}

func TestKnownMatching(t *testing.T) {
	k := &knownDiff{ID: "x", Class: "rename-missing", Kind: "^variable$", Is: map[string]bool{"declared": false}, Reason: "r", Cite: "c"}
	if err := k.compile(); err != nil {
		t.Fatal(err)
	}
	fs := []finding{
		{Class: "rename-missing", Kind: "variable"},
		{Class: "rename-missing", Kind: "variable", Declared: true},
		{Class: "rename-extra", Kind: "variable"},
	}
	explain(fs, []*knownDiff{k})
	if fs[0].Known != "x" || fs[1].Known != "" || fs[2].Known != "" {
		t.Errorf("known matching: %q %q %q, want x, -, -", fs[0].Known, fs[1].Known, fs[2].Known)
	}
	if err := (&knownDiff{ID: "y", Class: "c"}).compile(); err == nil {
		t.Error("an entry without reason and cite compiles")
	}
	if err := (&knownDiff{ID: "z", Class: "c", Reason: "r", Cite: "c", Is: map[string]bool{"nope": true}}).compile(); err == nil {
		t.Error("an entry with an unknown trait compiles")
	}
}

func TestModelDescribesLabels(t *testing.T) {
	text := "ARG G=1\nFROM alpine AS base\nENV E=1\nFROM base AS app\nARG A=1\nRUN echo $X\nENV L=1 M=$A\nFROM alpine AS other\nENV O=1\nCOPY --from=app /a /b\n"
	toks := tokenize(text)
	m := buildModel(toks, strings.Split(text, "\n"))
	at := func(line int, text string) token {
		for _, tk := range toks {
			if tk.Line == line && tk.Text == text {
				return tk
			}
		}
		t.Fatalf("no %q on line %d", text, line)
		return token{}
	}
	x := at(5, "X") // RUN echo $X in stage app
	for name, want := range map[string]string{
		"A": "in-scope", "E": "inherited", "L": "later", "O": "other-stage", "G": "global-only",
		"HTTP_PROXY": "proxy", "TARGETARCH": "predefined", "Z": "undeclared",
	} {
		if got := m.describeVar(x, name); got != want {
			t.Errorf("describeVar(%s) = %q, want %q", name, got, want)
		}
	}
	if got := m.describeVar(x, "PATH"); got != "image-env" {
		t.Errorf("describeVar(PATH) in a stage built on alpine = %q, want image-env", got)
	}
	if got := m.describeVar(at(6, "A"), "L"); got != "same-instruction" {
		t.Errorf("ENV L=1 M=$A: L is %q, want same-instruction", got)
	}
	if !m.noFromAbove(0) || !m.noFromAbove(1) || m.noFromAbove(2) {
		t.Error("noFromAbove: want true on the ARG and the first FROM, false after it")
	}
	copyLine := at(9, "COPY")
	if got := m.describeLabels(copyLine, []string{"--from", "--chown"}); got != "flag; written-flag" {
		t.Errorf("describeLabels(--from, --chown) on a COPY --from line = %q, want flag; written-flag", got)
	}
	from := at(9, "app")
	for label, want := range map[string]string{"app": "earlier-stage", "other": "current-stage", "0": "index", "golang:1": "image"} {
		if got := m.describeStage(from, label); got != want {
			t.Errorf("describeStage(%s) = %q, want %q", label, got, want)
		}
	}
}

func TestOurClassByMessage(t *testing.T) {
	for msg, want := range map[string]string{
		`failed to parse stage name "golang:": invalid reference format`:                              "image-reference",
		`base name (${BASE_IMAGE}) should not be blank`:                                               "image-reference",
		`no build stage in current context`:                                                           "no-source-image",
		`failed to process "${a:i}": unsupported modifier (:i) in substitution`:                       "key-value-syntax",
		`failed to process "'x": unexpected end of statement while looking for matching single-quote`: "key-value-syntax",
		`Missing command after HEALTHCHECK CMD`:                                                       "healthcheck",
		`Unknown type "CONNECT" in HEALTHCHECK (try CMD)`:                                             "healthcheck",
		`invalid name for build stage: "1a", name can't start with a number or contain symbols`:       "invalid-stage-name",
		`when using JSON array syntax, arrays must be comprised of strings only`:                      "json-array",
		`ENV must have two arguments`:                                                                 "argument-count",
	} {
		if got := ourClass(diagnostic{Code: json.RawMessage(`"ParseError"`), Message: msg}); got != want {
			t.Errorf("ourClass(%q) = %q, want %q", msg, got, want)
		}
		explained := diagnostic{Code: json.RawMessage(`"ParseError"`), Message: "our explanation", Data: &diagnosticData{BuildKitMessage: msg}}
		if got := ourClass(explained); got != want {
			t.Errorf("ourClass(data.buildkitMessage %q) = %q, want %q", msg, got, want)
		}
	}
}

// A variable the base image sets is the image's, through FROM <stage>
// chains and whatever the file declares later; an image the table does not
// know, or one written with a variable, sets nothing (there the ENV of
// another stage is what the label says).
func TestModelKnowsBaseImageEnv(t *testing.T) {
	text := "FROM golang:1.22 AS build\nFROM build\nRUN echo $X\nENV GOPATH=/go2\nFROM example.com/unknown:1\nRUN echo $Y\nFROM $BASE\nRUN echo $Z\n"
	toks := tokenize(text)
	m := buildModel(toks, strings.Split(text, "\n"))
	var runs []token
	for _, tk := range toks {
		if tk.Text == "X" || tk.Text == "Y" || tk.Text == "Z" {
			runs = append(runs, tk)
		}
	}
	if len(runs) != 3 {
		t.Fatalf("tokens X, Y, Z: got %d", len(runs))
	}
	for i, want := range []string{"image-env", "other-stage", "other-stage"} { // GOPATH is declared in the stage of X, after it
		if got := m.describeVar(runs[i], "GOPATH"); got != want {
			t.Errorf("GOPATH at %s: %q, want %q", runs[i].Text, got, want)
		}
	}
}

// A FROM written with global ARGs names the image their defaults give (an
// ARG's default sees the ARGs above it), as BuildKit pulls it; PATH is set
// in every non-Windows stage, by the image or by BuildKit (on Windows only
// processes see the OS's Path).
func TestModelExpandsFromArgs(t *testing.T) {
	text := "ARG V=1.22\nARG IMG=golang:${V}\nFROM $IMG\nRUN echo $X\nFROM example.com/unknown:1\nRUN echo $Y\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER $Z\n"
	toks := tokenize(text)
	m := buildModel(toks, strings.Split(text, "\n"))
	if got := m.stages[0].image; got != "golang:1.22" {
		t.Errorf("FROM $IMG names %q, want golang:1.22", got)
	}
	at := map[string]token{}
	for _, tk := range toks {
		if tk.Text == "X" || tk.Text == "Y" || tk.Text == "Z" {
			at[tk.Text] = tk
		}
	}
	if got := m.describeVar(at["X"], "GOPATH"); got != "image-env" {
		t.Errorf("GOPATH in a stage FROM $IMG (golang) = %q, want image-env", got)
	}
	for name, want := range map[string]string{"X": "image-env", "Y": "image-env", "Z": "undeclared"} {
		if got := m.describeVar(at[name], "PATH"); got != want {
			t.Errorf("PATH at $%s = %q, want %q", name, got, want)
		}
	}
}

// Text RUN's shell does not expand (single quotes, also across a
// continuation, and a quoted heredoc's body) is literal; a double-quoted
// or unquoted reference is not. An instruction after a comment line ending
// in the escape character is marked.
func TestTokenTraitsLiteralAndCommentEscape(t *testing.T) {
	text := "FROM alpine\nENV A=1\nRUN echo '$A' \"$A\" $A 'x \\\n  $A' $A\nRUN <<'EOF'\necho $A\nEOF\n#EXPOSE \\\nEXPOSE 80\n"
	var lit []bool
	for _, tk := range tokenize(text) {
		if tk.Kind == "variable" && tk.Text == "A" {
			lit = append(lit, tk.Literal)
		}
		if tk.Text == "EXPOSE" && tk.Kind == "keyword" && !tk.AfterCommentEscape {
			t.Error("EXPOSE after `#EXPOSE \\` is not marked afterCommentEscape")
		}
	}
	want := []bool{true, false, false, true, false, true}
	if fmt.Sprint(lit) != fmt.Sprint(want) {
		t.Errorf("literal $A: %v, want %v", lit, want)
	}
}

// A FROM that names its stage through a predefined platform arg resolves
// at BuildKit's linux/amd64 values, and what comes through it is
// platform-inherited.
func TestModelPlatformParent(t *testing.T) {
	text := "FROM alpine AS build-amd64\nENV B=1\nFROM build-${TARGETARCH}\nRUN echo $B\n"
	toks := tokenize(text)
	m := buildModel(toks, strings.Split(text, "\n"))
	if m.stages[1].parent != 0 || !m.stages[1].byPlatform {
		t.Fatalf("FROM build-${TARGETARCH}: parent %d byPlatform %v, want 0 true", m.stages[1].parent, m.stages[1].byPlatform)
	}
	for _, tk := range toks {
		if tk.Line == 3 && tk.Text == "B" {
			if got := m.describeVar(tk, "B"); got != "platform-inherited" {
				t.Errorf("$B = %q, want platform-inherited", got)
			}
		}
	}
}

// In a container's command an ARG declared above is build-arg (the
// container does not see it), an ENV is in scope.
func TestModelContainerCommandSeesNoArg(t *testing.T) {
	text := "FROM example.com/x:1\nARG A=1\nENV E=1\nCMD echo $X\n"
	toks := tokenize(text)
	m := buildModel(toks, strings.Split(text, "\n"))
	for _, tk := range toks {
		if tk.Line == 3 && tk.Text == "X" {
			if got := m.describeVar(tk, "A"); got != "build-arg" {
				t.Errorf("ARG A in CMD = %q, want build-arg", got)
			}
			if got := m.describeVar(tk, "E"); got != "in-scope" {
				t.Errorf("ENV E in CMD = %q, want in-scope", got)
			}
		}
	}
}

// The committed list loads: every entry parses, has its reason and
// citation, and its patterns compile.
func TestKnownListLoads(t *testing.T) {
	ks, err := loadKnown("known.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, k := range ks {
		if ids[k.ID] {
			t.Errorf("id %s twice", k.ID)
		}
		ids[k.ID] = true
	}
	if len(ks) < 100 {
		t.Errorf("%d entries, want the whole list", len(ks))
	}
}
