package docs

// Statements of the pages that are easy to get wrong, checked against
// BuildKit v0.34.2 itself (parser, instruction parser, DockerfileLint), so a
// BuildKit upgrade that changes one of them fails here and points to the page.

import (
	"go/ast"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	dfparser "github.com/moby/buildkit/frontend/dockerfile/parser"
)

type lintClaim struct {
	page  string // the page that states it
	src   string // a Dockerfile (FROM alpine is added when missing)
	warns []string
	fails bool
}

func TestPageClaimsMatchBuildKit(t *testing.T) {
	claims := []lintClaim{
		// COPY ../file is normalised to the context root, not rejected.
		{page: "instructions/COPY", src: "COPY ../file /x\nCOPY /etc/file /y\n"},
		// LegacyKeyValueFormat flags ENV and LABEL; ARG a b declares two args.
		{page: "rules/LegacyKeyValueFormat", src: "ARG a b\nENV A=$a$b\n"},
		{page: "rules/LegacyKeyValueFormat", src: "ENV a b\nLABEL x y\n", warns: []string{"LegacyKeyValueFormat", "LegacyKeyValueFormat"}},
		// A # check= comment above an instruction applies to it only; text
		// after a space is ignored; an empty line between is allowed, a bare
		// # line is not; error= is not read there.
		{page: "directives/check", src: "# check=skip=JSONArgsRecommended the shell must expand $PORT\nCMD python3 -m http.server $PORT\nENTRYPOINT run\n", warns: []string{"JSONArgsRecommended"}},
		{page: "directives/check", src: "# check=skip=LegacyKeyValueFormat\n\nENV a b\n"},
		{page: "directives/check", src: "# check=skip=LegacyKeyValueFormat\n#\nENV a b\n", warns: []string{"LegacyKeyValueFormat"}},
		{page: "directives/check", src: "# check=skip=LegacyKeyValueFormat;error=true\nENV a b\nENV c d\n", warns: []string{"LegacyKeyValueFormat"}},
		// With --link, --chown needs numeric ids, also together with --chmod.
		{page: "flags/COPY-link", src: "COPY --link --chown=app a /b\n", fails: true},
		{page: "flags/COPY-link", src: "COPY --link --chmod=755 --chown=app a /b\n", fails: true},
		{page: "flags/COPY-link", src: "COPY --link --chown=1000:1000 a /b\n"},
		// sctp is a protocol; any case is accepted, upper case is flagged.
		{page: "instructions/EXPOSE", src: "EXPOSE 80/sctp 53/udp 8080\n"},
		{page: "rules/ExposeProtoCasing", src: "EXPOSE 80/SCTP\n", warns: []string{"ExposeProtoCasing"}},
		// HEALTHCHECK NONE ignores flags, HEALTHCHECK CMD does not.
		{page: "rules/UnknownFlag", src: "HEALTHCHECK --bogus=1 NONE\nARG --bogus A\nSTOPSIGNAL --bogus SIGTERM\n"},
		{page: "rules/UnknownFlag", src: "HEALTHCHECK --bogus=1 CMD true\n", fails: true},
		// A stage built FROM another stage inherits its args.
		{page: "instructions/ARG", src: "FROM alpine AS base\nARG VERSION=1\nFROM base\nENV V=$VERSION\n"},
		{page: "instructions/ARG", src: "FROM alpine AS base\nARG VERSION=1\nFROM alpine\nENV V=$VERSION\n", warns: []string{"UndefinedVar"}},
		// A mount without target mounts on the WORKDIR, which must not be /.
		{page: "mounts/options/target", src: "RUN --mount=type=cache true\n", fails: true},
		{page: "mounts/options/target", src: "WORKDIR /w\nRUN --mount=type=cache true\nRUN --mount=type=tmpfs true\nRUN --mount=type=bind true\n"},
		// ENV A=1 B=$A: the reference sees the value from before the line.
		{page: "instructions/ENV", src: "ENV A=1 B=$A\n", warns: []string{"UndefinedVar"}},
		{page: "instructions/ENV", src: "ENV A=1\nENV B=$A\n"},
		// Stage names: a letter, then letters, digits, -, _ and .
		{page: "instructions/FROM", src: "FROM alpine AS my_stage.1-x\n"},
		{page: "instructions/FROM", src: "FROM alpine AS 1st\n", fails: true},
		{page: "instructions/FROM", src: "FROM alpine AS a:b\n", fails: true},
		// Heredocs: the terminator must be alone on its line.
		{page: "topics/heredocs", src: "RUN <<EOF\ntrue\nEOF \n", fails: true},
		{page: "topics/heredocs", src: "RUN <<-EOF\ntrue\n\t\tEOF\n"},
	}
	for _, c := range claims {
		if _, ok := pages().exact[defaultLang][c.page]; !ok {
			t.Errorf("claim names page %s, which does not exist", c.page)
		}
		src := c.src
		if !strings.HasPrefix(src, "FROM ") {
			src = "FROM alpine\n" + src
		}
		got, err := lintExample(src)
		if (err != nil) != c.fails {
			t.Errorf("%s: BuildKit error %v, want failure %v for\n%s", c.page, err, c.fails, src)
		}
		if err == nil && !slices.Equal(got, c.warns) {
			t.Errorf("%s: BuildKit reports %v, want %v for\n%s", c.page, got, c.warns, src)
		}
	}
}

// TestHeredocClaimsMatchBuildKit checks the heredoc page against BuildKit's
// parser: quoting the word turns expansion off, <<- strips leading tabs,
// each COPY heredoc becomes a file named after its word.
func TestHeredocClaimsMatchBuildKit(t *testing.T) {
	src := "FROM alpine\nCOPY <<EOF <<'QUOTED' <<-\"TABS\" /d/\n$A\nEOF\n$B\nQUOTED\n\t\t$C\n\tTABS\n"
	res, err := dfparser.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	stages, _, err := instructions.Parse(res.AST, linter.New(&linter.Config{}))
	if err != nil {
		t.Fatal(err)
	}
	cp := stages[0].Commands[0].(*instructions.CopyCommand)
	want := []instructions.SourceContent{
		{Path: "EOF", Data: "$A\n", Expand: true},
		{Path: "QUOTED", Data: "$B\n", Expand: false},
		{Path: "TABS", Data: "$C\n", Expand: false},
	}
	if !slices.Equal(cp.SourceContents, want) {
		t.Errorf("COPY heredocs = %+v, want %+v", cp.SourceContents, want)
	}
	// The Example of the page parses into the documented heredocs: two RUN
	// scripts, then files named after the destination or the word.
	md, _ := Topic(defaultLang, TopicHeredocs)
	var files []string
	for _, b := range blocksOf(md, "Example") {
		res, err := dfparser.Parse(strings.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range res.AST.Children {
			for _, h := range n.Heredocs {
				files = append(files, h.Name)
			}
		}
	}
	if want := []string{"EOF", "EOF", "EOF", "EOF", "one.txt", "two.txt"}; !slices.Equal(files, want) {
		t.Errorf("heredocs in the example = %v, want %v", files, want)
	}
}

func blocksOf(md, section string) []string {
	blocks, _, _ := mdParse(md)
	var out []string
	for _, b := range blocks {
		if b.section == section && b.lang == "dockerfile" {
			out = append(out, b.code)
		}
	}
	return out
}

// TestAutomaticArgsMatchBuildKit compares the args of group platform (the
// ones the analysis puts in the global scope) with the list that
// dockerfile2llb's defaultArgs sets before the first FROM.
func TestAutomaticArgsMatchBuildKit(t *testing.T) {
	dir := bkDir(t, "frontend/dockerfile/dockerfile2llb")
	var theirs []string
	for _, f := range parseGoDir(t, dir) {
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Name.Name != "defaultArgs" {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				pair, ok := n.(*ast.CompositeLit)
				if !ok || len(pair.Elts) != 2 {
					return true
				}
				if s, ok := strLit(pair.Elts[0]); ok {
					theirs = append(theirs, s)
				}
				return true
			})
		}
	}
	if !slices.Contains(theirs, "TARGETPLATFORM") {
		t.Fatalf("did not find defaultArgs in %s; the scan is broken", filepath.Base(dir))
	}
	var ours []string
	for _, a := range Ref().Args {
		if a.Group == "platform" {
			ours = append(ours, a.Name)
		}
	}
	slices.Sort(ours)
	slices.Sort(theirs)
	if !slices.Equal(ours, theirs) {
		t.Errorf("args of group platform = %v, BuildKit's defaultArgs sets %v", ours, theirs)
	}
}

// TestPinnedFrontendIsCurrent keeps the pinned frontend in the examples at
// the Dockerfile frontend version that this BuildKit ships
// (frontend/dockerfile/version), so the pages never teach an old pin.
func TestPinnedFrontendIsCurrent(t *testing.T) {
	var current string
	for _, f := range parseGoDir(t, bkDir(t, "frontend/dockerfile/version")) {
		ast.Inspect(f, func(n ast.Node) bool {
			if vs, ok := n.(*ast.ValueSpec); ok && len(vs.Names) == 1 && vs.Names[0].Name == "version" && len(vs.Values) == 1 {
				current, _ = strLit(vs.Values[0])
			}
			return true
		})
	}
	if !versionRe.MatchString(current) {
		t.Fatalf("frontend version constant %q not found", current)
	}
	pin := regexp.MustCompile(`docker/dockerfile:1\.[0-9]+\b`)
	for _, v := range Ref().ValueKind("frontend").Suggest { // what completion offers after "# syntax="
		if m := pin.FindString(v); m != "" && m != "docker/dockerfile:"+current {
			t.Errorf("kind frontend suggests %s; BuildKit v0.34.2 ships Dockerfile %s", m, current)
		}
	}
	for _, lang := range Languages() {
		for _, key := range pageKeys(lang) {
			for _, m := range pin.FindAllString(pageText(t, lang, key), -1) {
				if m != "docker/dockerfile:"+current {
					t.Errorf("%s/%s pins %s; BuildKit v0.34.2 ships Dockerfile %s", lang, key, m, current)
				}
			}
		}
		if md, _ := Page(lang, KindDirective, "syntax"); !strings.Contains(md, "docker/dockerfile:"+current) {
			t.Errorf("%s/directives/syntax should show the current pin docker/dockerfile:%s", lang, current)
		}
	}
}
