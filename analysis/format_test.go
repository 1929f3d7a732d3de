package analysis

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

func formatWith(s string, opts FormatOptions) string {
	return ApplyEdits(s, Parse(s).Format(opts))
}

type formatCase struct {
	name, in, want string
	opts           FormatOptions
}

// checkFormat formats each case, checks the result, that formatting it again
// changes nothing, and that BuildKit parses it to the same program.
func checkFormat(t *testing.T, cases []formatCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := Parse(tc.in)
			f := newFormatter(d, tc.opts)
			got := ApplyEdits(tc.in, d.Format(tc.opts))
			if got != tc.want {
				t.Errorf("format(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
			if again := formatWith(got, tc.opts); again != got {
				t.Errorf("not idempotent: %q then %q", got, again)
			}
			if f.blocks(); f.fallbacks > 0 {
				t.Errorf("%d instructions needed the fallback", f.fallbacks)
			}
			if err := SameProgram(tc.in, got); err != nil && !strings.Contains(err.Error(), "before:") {
				t.Errorf("changed the program: %v", err)
			}
		})
	}
}

func TestFormatDefaultStyle(t *testing.T) {
	tab := FormatOptions{Indent: "\t"}
	checkFormat(t, []formatCase{
		{name: "keywords upper", in: "from alpine\nrun echo\n", want: "FROM alpine\nRUN echo\n"},
		{name: "one space after keyword and flags", in: "RUN    --mount=type=cache,target=/x   echo  hi\nCOPY\ta b\n", want: "RUN --mount=type=cache,target=/x echo  hi\nCOPY a b\n"},
		{name: "words of split instructions", in: "FROM  alpine   AS   b\nCOPY  --chown=a   src    dst\nENV A=1    B=2\nARG  X   Y=1\n", want: "FROM alpine AS b\nCOPY --chown=a src dst\nENV A=1 B=2\nARG X Y=1\n"},
		{name: "legacy ENV value verbatim", in: "ENV A   b   c\nLABEL k   v  w\n", want: "ENV A b   c\nLABEL k v  w\n"},
		{name: "verbatim values", in: "WORKDIR   /a   b\nUSER  a   b\n", want: "WORKDIR /a   b\nUSER a   b\n"},
		{name: "quotes keep spaces", in: "ENV A=\"x    y\"   B='  z'\n", want: "ENV A=\"x    y\" B='  z'\n"},
		{name: "trailing whitespace and final newline", in: "FROM a  \nRUN b \\  \n    c", want: "FROM a\nRUN b \\\n    c\n"},
		{name: "column 0", in: "  FROM a\n   # c\n\tRUN b\n", want: "FROM a\n# c\nRUN b\n"},
		{name: "blank lines", in: "FROM a\n\n\n\nRUN b\n  \n\n", want: "FROM a\n\nRUN b\n"},
		{name: "no blank lines", in: "FROM a\n\nRUN b\n", want: "FROM a\nRUN b\n", opts: FormatOptions{MaxBlankLines: -1}},
		{name: "two blank lines", in: "FROM a\n\n\n\nRUN b\n", want: "FROM a\n\n\nRUN b\n", opts: FormatOptions{MaxBlankLines: 2}},
		{name: "leading blank lines", in: "\n\n\nFROM a\n", want: "FROM a\n"},
		{name: "a blank line keeps a comment from becoming a directive", in: "\n\n# escape=`\nFROM a\n", want: "\n# escape=`\nFROM a\n"},
		{name: "no final newline", in: "FROM a\nRUN b\n\n", want: "FROM a\nRUN b", opts: FormatOptions{NoFinalNewline: true}},
		{name: "continuation at column 0", in: "RUN a \\\n&& b\n", want: "RUN a \\\n    && b\n"},
		{name: "shallow continuation", in: "RUN a \\\n  && b \\\n  && c\n", want: "RUN a \\\n    && b \\\n    && c\n"},
		{name: "deeper lines kept deeper", in: "RUN apt-get install -y \\\n      curl \\\n      git \\\n  && rm x\n", want: "RUN apt-get install -y \\\n        curl \\\n        git \\\n    && rm x\n"},
		{name: "tab indent", in: "RUN a \\\n  && b \\\n      c\n", want: "RUN a \\\n\t&& b \\\n\t\tc\n", opts: tab},
		{name: "tabs measured", in: "RUN a \\\n\t&& b \\\n\t\tc\n", want: "RUN a \\\n    && b \\\n        c\n"},
		{name: "two-space unit", in: "RUN a \\\n&& b\n", want: "RUN a \\\n  && b\n", opts: FormatOptions{Indent: "  "}},
		{name: "word joined across lines is kept", in: "RUN ab\\\ncd\n", want: "RUN ab\\\ncd\n"},
		{name: "quoted continuation is kept", in: "RUN echo \"a \\\n  b\"\n", want: "RUN echo \"a \\\n  b\"\n"},
		{name: "escaped space before the break", in: "RUN echo a\\ \\\nb\n", want: "RUN echo a\\ \\\nb\n"},
		{name: "one space before the escape", in: "RUN a    \\\n    b\nRUN echo \"x   \\\ny\"\n", want: "RUN a \\\n    b\nRUN echo \"x   \\\ny\"\n"},
		{name: "legacy ENV continuation verbatim", in: "ENV DEPS \\\n\t\tautoconf \\\n\t\tgcc\n", want: "ENV DEPS \\\n\t\tautoconf \\\n\t\tgcc\n"},
		{name: "comments inside continuations", in: "RUN a \\\n# install\n  && b \\\n      # deeper\n      c\n", want: "RUN a \\\n    # install\n    && b \\\n        # deeper\n        c\n"},
		{name: "empty continuation lines", in: "RUN a \\\n   \n    b\n", want: "RUN a \\\n\n    b\n"},
		{name: "json exec forms", in: "CMD [\"a\",\"b\"]\nENTRYPOINT [ \"a\" , \"b\" ]\nCOPY [\"a\",\"b\"]\nHEALTHCHECK CMD [\"a\",\"b\"]\nSHELL [\"sh\",\"-c\"]\n", want: "CMD [\"a\", \"b\"]\nENTRYPOINT [\"a\", \"b\"]\nCOPY [\"a\", \"b\"]\nHEALTHCHECK CMD [\"a\", \"b\"]\nSHELL [\"sh\", \"-c\"]\n"},
		{name: "json escapes kept", in: "CMD [\"a\\u0041\",\"\\\"q\\\"\"]\n", want: "CMD [\"a\\u0041\", \"\\\"q\\\"\"]\n"},
		{name: "not json stays shell form", in: "RUN [\"a\",'b']\nCMD [ -f x ]\n", want: "RUN [\"a\",'b']\nCMD [ -f x ]\n"},
		{name: "json over lines", in: "CMD [\"a\", \\\n\"b\"]\n", want: "CMD [\"a\", \\\n    \"b\"]\n"},
		{name: "heredoc body untouched", in: "run <<EOF  \n  x  \n\n\n\nEOF\n", want: "RUN <<EOF\n  x  \n\n\n\nEOF\n"},
		{name: "heredoc with flags", in: "RUN --mount=x \\\n<<EOF\n a\nEOF\n", want: "RUN --mount=x \\\n    <<EOF\n a\nEOF\n"},
		{name: "onbuild trigger", in: "onbuild   run  x\nONBUILD COPY  a   b\nONBUILD CMD [\"a\",\"b\"]\n", want: "ONBUILD RUN x\nONBUILD COPY a b\nONBUILD CMD [\"a\", \"b\"]\n"},
		{name: "healthcheck", in: "HEALTHCHECK  --interval=5s   CMD   curl  x\n", want: "HEALTHCHECK --interval=5s CMD curl  x\n"},
		{name: "unknown instruction kept", in: "FORM   x  \\\nyy\n", want: "FORM   x  \\\nyy\n"},
		{name: "comment text kept", in: "#   hello   \nFROM a\n", want: "#   hello\nFROM a\n"},
		{name: "directives untouched", in: "# syntax = docker/dockerfile:1  \n#escape=\\\nfrom a\n", want: "# syntax = docker/dockerfile:1  \n#escape=\\\nFROM a\n"},
		{name: "crlf", in: "from a\r\nrun b \\\r\n&& c  \r\n\r\n\r\n\r\nrun d", want: "FROM a\r\nRUN b \\\r\n    && c\r\n\r\nRUN d\r\n"},
		{name: "escape backtick", in: "# escape=`\nfrom x\nrun a `\n&& b\nRUN echo \"a `\n  b\"\nRUN dir c:\\  `\n   d\n", want: "# escape=`\nFROM x\nRUN a `\n    && b\nRUN echo \"a `\n  b\"\nRUN dir c:\\ `\n    d\n"},
		{name: "byte order mark", in: "\ufefffrom a\n", want: "\ufeffFROM a\n"},
		{name: "dockerfmt-ignore", in: "# dockerfmt-ignore\nrun   a\nrun   b\n", want: "# dockerfmt-ignore\nrun   a\nRUN b\n"},
		{name: "fmt off region", in: "from a\n# dockerfile-ls: fmt off\nrun  a \\\n&& b\n\n\n\n  # x  \n#  dockerfile-ls:  FMT ON\nrun  c\n", want: "FROM a\n# dockerfile-ls: fmt off\nrun  a \\\n&& b\n\n\n\n  # x  \n#  dockerfile-ls:  FMT ON\nRUN c\n"},
		{name: "fmt off to the end", in: "# dockerfile-ls: fmt off\nrun  a  \n", want: "# dockerfile-ls: fmt off\nrun  a  \n"},
		{name: "marker inside a continuation", in: "RUN  a \\\n# dockerfmt-ignore\n&& b\nRUN  c\n", want: "RUN  a \\\n# dockerfmt-ignore\n&& b\nRUN c\n"},
		{name: "empty", in: "", want: ""},
		{name: "only blank lines", in: "\n\n  \n", want: ""},
	})
}

func TestFormatShell(t *testing.T) {
	cases := []formatCase{
		{name: "one command per line", in: "FROM a\nRUN a && b || c | d\n", want: "FROM a\nRUN a \\\n    && b \\\n    || c \\\n    | d\n"},
		{name: "statements", in: "FROM a\nRUN set -e;a;  b & c\n", want: "FROM a\nRUN set -e; \\\n    a; \\\n    b & \\\n    c\n"},
		{name: "arguments on lines kept", in: "FROM a\nRUN apt-get update && apt-get install -y \\\n  curl \\\n  # vcs\n  git && rm -rf /x\n", want: "FROM a\nRUN apt-get update \\\n    && apt-get install -y \\\n        curl \\\n        # vcs\n        git \\\n    && rm -rf /x\n"},
		{name: "one command", in: "FROM a\nRUN apt-get install -y \\\ncurl  \\\n\tgit\n", want: "FROM a\nRUN apt-get install -y \\\n    curl \\\n    git\n"},
		{name: "comments kept above their command", in: "FROM a\nRUN a \\\n# first\n# second\n&& b\n", want: "FROM a\nRUN a \\\n    # first\n    # second\n    && b\n"},
		{name: "flags keep their lines", in: "FROM a\nRUN --mount=type=cache,target=/x \\\n  --network=none \\\n  a&&b\n", want: "FROM a\nRUN --mount=type=cache,target=/x \\\n    --network=none \\\n    a \\\n    && b\n"},
		{name: "words printed", in: "FROM a\nRUN echo   \"a  b\"   >  /x\n", want: "FROM a\nRUN echo \"a  b\" >/x\n"},
		{name: "tabs", in: "FROM a\nRUN a&&b\n", want: "FROM a\nRUN a \\\n\t&& b\n", opts: FormatOptions{Shell: true, Indent: "\t"}},
		{name: "heredoc script", in: "FROM a\nRUN <<EOF\nset -e\nif [ -f x ]; then\n echo   y\nfi\nEOF\n", want: "FROM a\nRUN <<EOF\nset -e\nif [ -f x ]; then\n    echo y\nfi\nEOF\n"},
		{name: "heredoc for another program", in: "FROM a\nRUN python3 <<EOF\nprint( 1 )\nEOF\nRUN <<EOF\n#!/usr/bin/env python3\nprint( 1 )\nEOF\n", want: "FROM a\nRUN python3 <<EOF\nprint( 1 )\nEOF\nRUN <<EOF\n#!/usr/bin/env python3\nprint( 1 )\nEOF\n"},
		{name: "non-POSIX SHELL", in: "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN a&&b\n", want: "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN a&&b\n"},
		{name: "escape backtick file", in: "# escape=`\nFROM a\nRUN a&&b\n", want: "# escape=`\nFROM a\nRUN a&&b\n"},
		{name: "unparsable shell", in: "FROM a\nRUN if then  &&\n", want: "FROM a\nRUN if then  &&\n"},
		{name: "backquotes left to the default style", in: "FROM a\nRUN echo `date`&&b\n", want: "FROM a\nRUN echo `date`&&b\n"},
		{name: "compound spread over lines keeps its layout", in: "FROM a\nRUN if a; then \\\n  b; \\\nfi\n", want: "FROM a\nRUN if a; then \\\n    b; \\\n    fi\n"},
		{name: "compound on one line", in: "FROM a\nRUN if a; then b; fi&&c\n", want: "FROM a\nRUN if a; then b; fi \\\n    && c\n"},
		{name: "exec form untouched", in: "FROM a\nRUN [\"a\",\"b\"]\n", want: "FROM a\nRUN [\"a\", \"b\"]\n"},
	}
	for i := range cases {
		cases[i].opts.Shell = true
	}
	checkFormat(t, cases)
}

func TestFormatRange(t *testing.T) {
	src := "from a\nrun  b \\\n&& c\nrun   d\n\n\n\nrun  e\n"
	d := Parse(src)
	// A range inside the second line formats the whole RUN it belongs to.
	got := ApplyEdits(src, d.FormatRange(Span{d.Lines.LineStart(1) + 2, d.Lines.LineStart(1) + 3}, FormatOptions{}))
	if want := "from a\nRUN b \\\n    && c\nrun   d\n\n\n\nrun  e\n"; got != want {
		t.Errorf("range format:\n got %q\nwant %q", got, want)
	}
	// A range ending at the start of a line does not touch that line.
	got = ApplyEdits(src, d.FormatRange(Span{d.Lines.LineStart(3), d.Lines.LineStart(4)}, FormatOptions{}))
	if want := "from a\nrun  b \\\n&& c\nRUN d\n\n\n\nrun  e\n"; got != want {
		t.Errorf("range format of one line:\n got %q\nwant %q", got, want)
	}
	got = ApplyEdits(src, d.FormatRange(Span{d.Lines.LineStart(4), d.Lines.LineStart(7)}, FormatOptions{}))
	if want := "from a\nrun  b \\\n&& c\nrun   d\n\nrun  e\n"; got != want {
		t.Errorf("range format of blank lines:\n got %q\nwant %q", got, want)
	}
}

func TestFormatOnType(t *testing.T) {
	for _, tc := range []struct{ name, before, after, want string }{
		// before|after: the text around the cursor just after the newline.
		{"after the first line", "RUN a \\\n", "\nFROM b\n", "    "},
		{"after a continuation", "RUN a \\\n      && b \\\n", "\n", "    "},
		{"after a deeper line", "RUN a \\\n  b \\\n      c \\\n", "\n", "        "},
		{"after the end", "RUN a\n", "\n", ""},
		{"indented by the editor", "RUN a\n    ", "FROM b\n", ""},
		{"continuing text", "RUN a \\\n", "&& b\n", "    "},
		{"inside a heredoc", "RUN <<EOF\n  x\n", "  \nEOF\n", "  "},
		{"inside quotes", "RUN echo \"a \\\n", "  b\"\n", "  "},
		{"tab", "RUN a \\\n", "\n", "\t"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := tc.before + tc.after
			opts := FormatOptions{}
			if tc.name == "tab" {
				opts.Indent = "\t"
			}
			d := Parse(src)
			got := ApplyEdits(src, d.FormatOnType(len(tc.before), "\n", opts))
			line := d.Lines.LineOf(len(tc.before))
			gotLine := strings.Split(got, "\n")[line]
			rest := strings.TrimLeft(strings.Split(src, "\n")[line], " \t")
			if gotLine != tc.want+rest {
				t.Errorf("line %d after on-type: %q, want %q", line, gotLine, tc.want+rest)
			}
		})
	}
}

// FuzzFormat: formatting any text returns edits that apply, in both
// styles; what BuildKit parses keeps its program, and formatting the result
// again changes nothing.
func FuzzFormat(f *testing.F) {
	for _, s := range []string{
		"from a\nrun b \\\n&& c\n", "RUN <<EOF\nx\nEOF\n", "# escape=`\nRUN a `\n b\n", "CMD [\"a\",\"b\"]\n",
		"RUN a \\\n# c\n  b\n", "ENV A b \\\n  c\n", "RUN echo \"a \\\n b\"\n", "\r\nRUN a\r\n", "ONBUILD RUN a&&b\n",
		"# dockerfile-ls: fmt off\nRUN  a\n", "RUN a; b | c || d &\n", "RUN \\\n\\\n \\\na\n",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, shell bool) {
		watchdog := time.AfterFunc(10*time.Second, func() {
			buf := make([]byte, 1<<20)
			n := runtime.Stack(buf, true)
			panic(fmt.Sprintf("FuzzFormat stuck on %q:\n%s", s, buf[:n]))
		})
		defer watchdog.Stop()
		opts := FormatOptions{Shell: shell}
		edits := Parse(s).Format(opts)
		end := 0
		for _, e := range edits {
			if e.Span.Start < end || e.Span.End < e.Span.Start || e.Span.End > len(s) {
				t.Fatalf("bad edit %v after offset %d in %d bytes", e.Span, end, len(s))
			}
			end = e.Span.End
		}
		out := ApplyEdits(s, edits)
		if again := formatWith(out, opts); again != out {
			t.Errorf("not idempotent:\n%q\n%q\n%q", s, out, again)
		}
		if err := SameProgram(s, out); err != nil && !strings.HasPrefix(err.Error(), "before:") {
			t.Errorf("%q → %q: %v", s, out, err)
		}
	})
}
