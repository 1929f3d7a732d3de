package analysis

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// tokens renders what the lexer found, each token as the document text its
// span covers, so that expectations read like the input.
func tokens(d *Document) string {
	var b strings.Builder
	at := func(s Span) string { return d.Text[s.Start:s.End] }
	for _, dir := range d.Directives {
		fmt.Fprintf(&b, "directive %s=%s\n", at(dir.NameSpan), at(dir.ValueSpan))
	}
	for _, ins := range d.Instructions() {
		fmt.Fprintf(&b, "%s@%d-%d", at(ins.Keyword), ins.Line, ins.EndLine)
		for _, f := range ins.Flags {
			fmt.Fprintf(&b, " flag[%s|%s]", at(f.NameSpan), at(valueSpanOrEmpty(f)))
		}
		for _, a := range ins.Args {
			fmt.Fprintf(&b, " arg[%s]", at(a.Span))
		}
		for _, v := range ins.Vars {
			fmt.Fprintf(&b, " var[%s:%s%s]", at(v.Span), v.Name, v.Modifier)
		}
		for _, h := range ins.Heredocs {
			fmt.Fprintf(&b, " heredoc[%s|%q|%v]", at(h.Marker), at(h.Body), h.Terminated)
		}
		if ins.JSON != nil {
			fmt.Fprintf(&b, " json[%v]", ins.JSON.Valid)
		}
		if ins.Sub != nil {
			fmt.Fprintf(&b, " sub[%s", at(ins.Sub.Keyword))
			for _, a := range ins.Sub.Args {
				fmt.Fprintf(&b, " %s", at(a.Span))
			}
			b.WriteString("]")
		}
		for _, l := range ins.EmptyContinuationLines {
			fmt.Fprintf(&b, " empty@%d", l)
		}
		for _, l := range ins.CommentLines {
			fmt.Fprintf(&b, " comment@%d", l)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func valueSpanOrEmpty(f *Flag) Span {
	if f.ValueSpan.Valid() {
		return f.ValueSpan
	}
	return Span{f.Span.End, f.Span.End}
}

func TestLexerTokens(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want string
	}{
		{"simple", "FROM alpine AS base\n", "FROM@0-0 arg[alpine] arg[AS] arg[base]\n"},
		{"flags", "COPY --from=base --chown=1:1 --link a /b\n", "COPY@0-0 flag[--from|base] flag[--chown|1:1] flag[--link|] arg[a] arg[/b]\n"},
		{"quoted flag value", `RUN --mount="type=cache,target=/x" true` + "\n", "RUN@0-0 flag[--mount|\"type=cache,target=/x\"] arg[true]\n"},
		{"double dash ends flags", "RUN --network=none -- --notaflag\n", "RUN@0-0 flag[--network|none] arg[--notaflag]\n"},
		{"vars", "ENV A=$B C=${D:-x} E=\\$F G='$H'\n", "ENV@0-0 arg[A=$B] arg[C=${D:-x}] arg[E=\\$F] arg[G='$H'] var[$B:B] var[${D:-x}:D:-]\n"},
		{"nested var operand", "WORKDIR ${A:+${B}/x}\n", "WORKDIR@0-0 arg[${A:+${B}/x}] var[${A:+${B}/x}:A:+] var[${B}:B]\n"},
		{"continuation with comment and empty line", "RUN a \\\n# note\n\n  b\n", "RUN@0-3 arg[a] arg[b] empty@2 comment@1\n"},
		{"word split by continuation", "RUN ab\\\ncd\n", "RUN@0-1 arg[ab\\\ncd]\n"},
		{"json form", `CMD ["a", "b c"]` + "\n", "CMD@0-0 arg[[\"a\",] arg[\"b c\"]] json[true]\n"},
		{"malformed json", `CMD ['a']` + "\n", "CMD@0-0 arg[['a']] json[false]\n"},
		{"heredoc", "RUN <<EOF\necho hi\nEOF\nRUN x\n", "RUN@0-2 arg[<<EOF] heredoc[<<EOF|\"echo hi\\n\"|true]\nRUN@3-3 arg[x]\n"},
		{"two heredocs", "COPY <<A <<-B /d\na\nA\n\tb\n\tB\n", "COPY@0-4 arg[<<A] arg[<<-B] arg[/d] heredoc[<<A|\"a\\n\"|true] heredoc[<<-B|\"\\tb\\n\"|true]\n"},
		{"unterminated heredoc", "RUN <<EOF\necho\n", "RUN@0-2 arg[<<EOF] heredoc[<<EOF|\"echo\\n\"|false]\n"},
		{"onbuild", "ONBUILD COPY --chown=1 . /app\n", "ONBUILD@0-0 sub[COPY . /app]\n"},
		{"directives", "# syntax=docker/dockerfile:1\n#escape=`\nFROM x\n", "directive syntax=docker/dockerfile:1\ndirective escape=`\nFROM@2-2 arg[x]\n"},
		{"backtick escape", "# escape=`\nRUN a `\n  b\n", "directive escape=`\nRUN@1-2 arg[a] arg[b]\n"},
		{"backslash is literal under backtick", "# escape=`\nRUN dir c:\\ \nCOPY a b\n", "directive escape=`\nRUN@1-1 arg[dir] arg[c:\\]\nCOPY@2-2 arg[a] arg[b]\n"},
		{"directive after comment is a comment", "# hello\n# syntax=x\nFROM y\n", "FROM@2-2 arg[y]\n"},
		{"CRLF", "FROM a\r\nRUN b \\\r\n  c\r\n", "FROM@0-0 arg[a]\nRUN@1-2 arg[b] arg[c]\n"},
		{"unicode", "LABEL x=\"日本語 🐳\" y=z\n", "LABEL@0-0 arg[x=\"日本語 🐳\"] arg[y=z]\n"},
		{"BOM", "\ufeffFROM a\n", "FROM@0-0 arg[a]\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tokens(Parse(tc.in)); got != tc.want {
				t.Errorf("Parse(%q):\n got %s\nwant %s", tc.in, got, tc.want)
			}
		})
	}
}

// FuzzParse: any input parses and every span stays inside the document.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"FROM a\nRUN b\n", "RUN <<EOF\nx\nEOF\n", "# escape=`\nRUN a `\n b\n", "ENV ${A:-${B}}\n",
		"COPY --from=x a b\n", "ONBUILD RUN x\n", "CMD [\"a\"\n", "RUN a \\\n\n#c\n b", "\ufeff# syntax=x\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		watchdog := time.AfterFunc(10*time.Second, func() {
			buf := make([]byte, 1<<20)
			n := runtime.Stack(buf, true)
			panic(fmt.Sprintf("FuzzParse stuck on %q:\n%s", s, buf[:n]))
		})
		defer watchdog.Stop()
		d := Parse(s)
		check := func(what string, sp Span) {
			if sp.Valid() && (sp.Start > len(s) || sp.End > len(s) || sp.Start > sp.End) {
				t.Fatalf("%s span %v outside %d bytes", what, sp, len(s))
			}
		}
		for _, ins := range d.Instructions() {
			check("instruction", ins.Span)
			check("keyword", ins.Keyword)
			for _, fl := range ins.Flags {
				check("flag", fl.Span)
				check("flag value", fl.ValueSpan)
				for _, fd := range ins.FlagFields(fl) {
					check("field", fd.Span)
				}
			}
			for _, a := range ins.Args {
				check("arg", a.Span)
			}
			for _, v := range ins.Vars {
				check("var", v.Span)
			}
		}
		for i := 0; i <= len(s); i += 7 {
			d.Hover(i, "en", nil, nil)
			d.Complete(i, CompletionOptions{})
			d.SignatureHelp(i, "en")
		}
	})
}
