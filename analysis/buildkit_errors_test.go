package analysis

import (
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// buildkitErrorOn returns BuildKit's first error on text, as buildkit.go
// meets it: from the parser, the instruction parser, or the converter.
func buildkitErrorOn(t *testing.T, text string) (msg string, line int) {
	t.Helper()
	res, err := parser.Parse(strings.NewReader(text))
	if err != nil {
		if first, _, ok := errorLines(err); ok {
			return err.Error(), first
		}
		return buildkitError(t, []byte(text)) // the converter says it too, with its line
	}
	for _, node := range res.AST.Children {
		if err := checkNode(node); err != nil {
			return err.Error(), node.StartLine
		}
	}
	return buildkitError(t, []byte(text))
}

// errorClassCases are BuildKit's errors on small inputs: the class each
// belongs to, the text it blames and the token and suggestion it reads.
var errorClassCases = []struct {
	text, class, rule, blamed string
	token, suggestion         string
}{
	{"# syntax=docker/dockerfile:1\n# only a comment\n", "no instructions", "ParseError", "# only a comment", "", ""},
	{"FROM alpine\nCOPPY a /b\n", "unknown instruction", "UnknownInstruction", "COPPY", "COPPY", "COPY"},
	{"FROM alpine\nRUN --netwrk=none true\n", "unknown flag", "UnknownFlag", "--netwrk=none", "netwrk", "network"},
	{"FROM alpine\nCOPY a\n", "no destination", "InvalidArgumentCount", "a", "", ""},
	{"FROM alpine\nCOPY <<EOF\nx\nEOF\n", "no destination", "InvalidArgumentCount", "<<EOF", "", ""},
	{"FROM alpine\nSTOPSIGNAL\n", "exactly one argument", "InvalidArgumentCount", "STOPSIGNAL", "", ""},
	{"FROM alpine\nENV\n", "at least one argument", "InvalidArgumentCount", "ENV", "", ""},
	{"FROM alpine\nENV MODE\n", "name and value", "InvalidArgumentCount", "MODE", "", ""},
	{"FROM alpine\nLABEL a\n", "name and value", "InvalidArgumentCount", "a", "", ""},
	{"FROM alpine\nSHELL /bin/bash -c\n", "JSON form required", "InvalidArgumentCount", "/bin/bash -c", "", ""},
	{"FROM alpine base\n", "FROM arguments", "InvalidArgumentCount", "base", "", ""},
	{"FROM alpine AS\n", "FROM arguments", "InvalidArgumentCount", "AS", "", ""},
	{"FROM alpine AS a b c\n", "FROM arguments", "InvalidArgumentCount", "b c", "", ""},
	{"FROM alpine base x\n", "FROM arguments", "InvalidArgumentCount", "base", "", ""},
	{"FROM alpine\nHEALTHCHECK NONE x\n", "HEALTHCHECK NONE arguments", "InvalidArgumentCount", "x", "", ""},
	{"FROM alpine\nHEALTHCHECK NONE --interval=5s\n", "HEALTHCHECK NONE arguments", "InvalidArgumentCount", "--interval=5s", "", ""},

	{"FROM alpine\nRUN --mount=type=bogus,target=/x true\n", "mount type", "InvalidMountOption", "bogus", "bogus", ""},
	{"FROM alpine\nRUN --mount=type=bind,target=/x,required true\n", "mount option for type", "InvalidMountOption", "required", "required", ""},
	{"FROM alpine\nRUN --mount=type=bind,target=/x,sharing=shared true\n", "sharing for type", "InvalidMountOption", "shared", "", ""},
	{"FROM alpine\nRUN --mount=type=cache,target=/x,colour=red true\n", "unknown mount option", "InvalidMountOption", "colour=red", "colour", ""},
	{"FROM alpine\nRUN --mount=type=cache,target=/x,bogus true\n", "mount field without value", "InvalidMountOption", "bogus", "bogus", ""},
	{"FROM alpine\nRUN --device=a,b true\n", "mount field without value", "InvalidMountOption", "b", "b", ""},
	{"FROM alpine\nRUN --mount=type=cache,target=/x,sharing=bogus true\n", "mount sharing", "InvalidMountOption", "bogus", "bogus", ""},
	{"FROM alpine\nRUN --mount=type=cache,target=/x,sharing=sharde true\n", "mount sharing", "InvalidMountOption", "sharde", "sharde", "shared"},
	{"FROM alpine\nRUN --mount=type=cache,target=/x,readonly=maybe true\n", "mount value", "InvalidMountOption", "maybe", "readonly", ""},
	{"FROM alpine\nRUN --mount=type=cache,target=/x,uid=abc true\n", "mount number", "InvalidMountOption", "abc", "uid", ""},
	{"FROM alpine\nRUN --mount=type=bind,target=/x,mode=0755 true\n", "mount option not allowed", "InvalidMountOption", "mode=0755", "mode", ""},
	{"FROM alpine\nRUN --mount=type=secret,from=x,target=/x true\n", "secret mount from", "InvalidMountOption", "from=x", "from", ""},
	{"FROM alpine\nRUN --mount=type=secret true\n", "secret mount source", "InvalidMountOption", "type=secret", "", ""},
	{"FROM alpine\nRUN --mount=type=secret,id=a,source=b true\n", "source and id", "InvalidMountOption", "type=secret,id=a,source=b", "", ""},
	{"FROM alpine\nRUN --device='\"a' true\n", "mount csv", "InvalidMountOption", `'"a'`, "", ""},
	{"FROM alpine\nARG S=base\nRUN --mount=from=$S,target=/x true\n", "mount from variable", "ParseError", "$S", "from", ""},
	{"FROM alpine\nRUN --mount=type=bind,target=/x,from=later true\nFROM alpine AS later\n", "mount from later stage", "InvalidMountOption", "later", "later", ""},
	{"FROM alpine\nRUN --mount=type=bind true\n", "mount target", "InvalidMountOption", "type=bind", "/", ""},
	{"FROM alpine\nRUN --mount=type=bind,target=/ true\n", "mount target", "InvalidMountOption", "/", "/", ""},

	{"FROM alpine\nCOPY --chmod=1 --chmod=2 a /b\n", "duplicate flag", "DuplicateFlag", "--chmod=1", "chmod", ""},
	{"FROM alpine\nRUN --network true\n", "flag without value", "InvalidFlagValue", "--network", "network", ""},
	{"FROM alpine\nCOPY --link=yes a /b\n", "flag not boolean", "InvalidFlagValue", "--link=yes", "link", ""},
	{"FROM alpine\nRUN --network=foo true\n", "network mode", "InvalidFlagValue", "foo", "foo", ""},
	{"FROM alpine\nRUN --security=foo true\n", "security mode", "InvalidFlagValue", "foo", "foo", ""},
	{"FROM alpine\nHEALTHCHECK --retries=-1 CMD true\n", "negative retries", "InvalidFlagValue", "-1", "", ""},
	{"FROM alpine\nHEALTHCHECK --interval=1us CMD true\n", "short interval", "InvalidFlagValue", "1us", "interval", ""},

	{"FROM alpine\nRUN <<EOF\necho\n", "unterminated heredoc", "ParseError", "<<EOF", "", ""},
	{"FROM alpine\nCOPY a <<EOF\nx\nEOF\n", "heredoc destination", "ParseError", "<<EOF", "", ""},
	{"# escape=x\nFROM alpine\n", "escape token", "ParseError", "x", "x", ""},
	{"# escape=\\\n# escape=`\nFROM alpine\n", "duplicate directive", "ParseError", "# escape=`", "escape", ""},
	{"# syntax=a\n# syntax=b\nFROM alpine\n", "duplicate directive", "ParseError", "# syntax=b", "syntax", ""},
	{"# check=skip=all;bogus=1\nFROM alpine\n", "check option", "ParseError", "bogus", "bogus", ""},
	{"# check=skip=all;bogus\nFROM alpine\n", "check option", "ParseError", "bogus", "bogus", ""},
	{"# check=error=maybe\nFROM alpine\n", "check option value", "ParseError", "maybe", "error=maybe", ""},
	{"FROM alpine\nRUN echo " + strings.Repeat("x", 65536) + "\n", "line too long", "ParseError", "RUN echo " + strings.Repeat("x", 65536), "", ""},

	{"RUN echo hi\nFROM alpine\n", "before FROM", "ParseError", "RUN", "", ""},
	{"ARG A=1\nENV B=$A\nFROM alpine\n", "before FROM", "ParseError", "ENV", "", ""},
	{"FROM alpine\nONBUILD ONBUILD RUN x\n", "ONBUILD ONBUILD", "ParseError", "ONBUILD", "", ""},
	{"FROM alpine\nONBUILD FROM alpine\n", "ONBUILD trigger", "ParseError", "FROM", "FROM", ""},
	{"FROM alpine\nONBUILD MAINTAINER me\n", "ONBUILD trigger", "ParseError", "MAINTAINER", "MAINTAINER", ""},
	{"FROM alpine AS 1st\n", "stage name", "ParseError", "1st", "1st", ""},
	{"FROM alpine\nHEALTHCHECK --interval=5s CMD\n", "HEALTHCHECK CMD without command", "ParseError", "CMD", "", ""},
	{"FROM alpine\nHEALTHCHECK FOO bar\n", "HEALTHCHECK type", "ParseError", "FOO", "FOO", ""},
	{"FROM alpine\nENV =x\n", "blank name", "ParseError", "=x", "", ""},
	{"FROM alpine\nVOLUME /a \"\"\n", "empty VOLUME", "ParseError", `""`, "", ""},
	{"FROM alpine\nCMD [\"a\", 1]\n", "JSON strings only", "ParseError", `["a", 1]`, "", ""},
	{"FROM alpine\nENV X=${Y:?need Y}\n", "name=value", "ParseError", "Y}", "Y}", ""},
	{"FROM alpine\nENV X=${Y\n", "variable expansion", "ParseError", "${Y", "${Y", ""},
	{"FROM alpine\nENV X=\"abc\n", "variable expansion", "ParseError", `"abc`, `"abc`, ""},
	{"FROM alpine\nENV X=${Y/a}\n", "variable expansion", "ParseError", "${Y/a}", "${Y/a}", ""},
	{"FROM alpine\nENV X=${Y:3}\n", "variable expansion", "ParseError", "${Y:3}", "${Y:3}", ""},
	{"FROM alpine\nENV X=node:${A}-${V:variant}-tools\n", "variable expansion", "ParseError", "${V:variant}", "node:${A}-${V:variant}-tools", ""},
	{"ARG V\nFROM alpine\nARG V\nWORKDIR ${V:?set V}\n", "required variable", "ParseError", "${V:?set V}", "${V:?set V}", ""},

	{"ARG IMG=\nFROM ${IMG}\n", "blank base name", "ParseError", "${IMG}", "${IMG}", ""},
	{"FROM alpine\nCOPY --from=a:{{ x /y\n", "image reference", "ParseError", "{{", "a:{{", ""},
	{"FROM Alpine:3\n", "image reference", "ParseError", "Alpine", "Alpine:3", ""},
	{"FROM alpine@sha256:abc\n", "image reference", "ParseError", "sha256:abc", "alpine@sha256:abc", ""},
	{"FROM alpine:3@sha257:" + strings.Repeat("0", 64) + "\n", "image reference", "ParseError", "sha257:" + strings.Repeat("0", 64), "alpine:3@sha257:" + strings.Repeat("0", 64), ""},
	{"FROM alpine::3\n", "image reference", "ParseError", "alpine::3", "alpine::3", ""},
	{"ARG V\nFROM golang:${V}-alpine\n", "image reference", "ParseError", "golang:${V}-alpine", "golang:-alpine", ""},
	{"FROM --platform=linux/a/b/c alpine\n", "platform", "ParseError", "linux/a/b/c", "linux/a/b/c", ""},
	{"FROM --platform=$NOPE alpine\n", "empty platform", "ParseError", "$NOPE", "$NOPE", ""},
	{"FROM alpine\nCOPY --from=later /a /b\nFROM alpine AS later\n", "stage defined later", "ParseError", "later", "later", ""},
	{"FROM alpine AS a\nCOPY --from=b /x /y\nFROM alpine AS b\nCOPY --from=a /x /y\n", "circular stages", "ParseError", "b", "a", ""},
	{"FROM alpine\nARG S=base\nCOPY --from=$S /a /b\n", "--from variable", "ParseError", "$S", "", ""},
	{"FROM alpine\nCOPY --from=0 /a /b\nCOPY --from=3 /a /b\n", "stage index", "ParseError", "3", "3", ""},
	{"ARG A=1\n", "no stages", "ParseError", "ARG A=1", "", ""},

	{"FROM alpine\nADD --checksum=sha256:abc a /b\n", "checksum source", "ParseError", "--checksum=sha256:abc", "", ""},
	{"FROM alpine\nADD --checksum=sha256:abc https://x/a https://x/b /c/\n", "checksum sources", "ParseError", "--checksum=sha256:abc", "", ""},
	{"FROM alpine\nCOPY https://example.com/x /b\n", "COPY from URL", "ParseError", "https://example.com/x", "", ""},
	{"FROM alpine\nCOPY --link --chown=user a /b\n", "chown with link", "ParseError", "user", "user", ""},
	{"FROM alpine\nCOPY --chmod=999 a /b\n", "chmod", "ParseError", "999", "999", ""},

	{"FROM alpine\nEXPOSE 80/tcpx\n", "EXPOSE protocol", "ParseError", "tcpx", "80/tcpx", ""},
	{"FROM alpine\nARG PROTO=xyz\nEXPOSE 90 80/$PROTO\n", "EXPOSE protocol", "ParseError", "80/$PROTO", "80/xyz", ""},
	{"FROM alpine\nEXPOSE /tcp\n", "EXPOSE no port", "ParseError", "/tcp", "/tcp", ""},
	{"FROM alpine\nEXPOSE 80 99999\n", "EXPOSE port", "ParseError", "99999", "99999", ""},
	{"FROM alpine\nEXPOSE 8080:abc/udp\n", "EXPOSE port", "ParseError", "abc", "abc", ""},
	{"FROM alpine\nARG P=abc\nEXPOSE 80 ${P}/tcp\n", "EXPOSE port", "ParseError", "${P}/tcp", "abc", ""},
	{"FROM alpine\nARG PORTS=\"80 abc\"\nEXPOSE $PORTS 90\n", "EXPOSE port", "ParseError", "$PORTS", "abc", ""},
	{"FROM alpine\nEXPOSE x:80\n", "EXPOSE host port", "ParseError", "x:80", "x", ""},
	{"FROM alpine\nEXPOSE z:1:80\n", "EXPOSE IP address", "ParseError", "z:1:80", "z", ""},
	{"FROM alpine\nEXPOSE 1-3:5-6\n", "EXPOSE ranges", "ParseError", "1-3:5-6", "5-6", ""},
	{"FROM alpine\nSTOPSIGNAL SIGFOO\n", "signal", "ParseError", "SIGFOO", "SIGFOO", ""},
	{"FROM alpine\nARG SIG=BOGUS\nSTOPSIGNAL $SIG\n", "signal", "ParseError", "$SIG", "BOGUS", ""},
}

// unreachableClasses are classes no input can produce with BuildKit
// v0.34.2 here, and why; each keeps its pattern for other versions.
var unreachableClasses = map[string]string{
	"too many arguments":   "parseKvps's own comment: \"should never get here\"",
	"secret mount sharing": "commands_runmount.go rejects sharing on a secret mount as an unexpected key first",
	"device name":          "a second name in --device is also read as a field without a value first",
	"checksum for COPY":    "COPY has no --checksum flag: the flag parser rejects it first (unknown flag)",
}

// Each class of BuildKit's errors names its rule and blames its token;
// the messages are BuildKit's own, and stay so as Message.
func TestBuildKitErrorClasses(t *testing.T) {
	seen := map[string]bool{}
	for _, tc := range errorClassCases {
		name := tc.text
		if len(name) > 80 {
			name = name[:80]
		}
		msg, line := buildkitErrorOn(t, tc.text)
		if msg == "" {
			t.Errorf("%q: BuildKit reports no error", name)
			continue
		}
		d := Parse(tc.text)
		diag := d.errorDiagnostic(msg, line, line)
		class, _, _ := classify(diag.Message)
		seen[class.name] = true
		got := d.Text[diag.Span.Start:diag.Span.End]
		if got != tc.blamed && len(got) > 80 {
			got = got[:80] + "…"
		}
		if class.name != tc.class || diag.Rule != tc.rule || got != tc.blamed || diag.Data.Token != tc.token || diag.Data.Suggestion != tc.suggestion {
			t.Errorf("%q: BuildKit's %q is class %q, %s on %q, token %q, suggestion %q; want %q, %s on %q, token %q, suggestion %q",
				name, diag.Message, class.name, diag.Rule, got, diag.Data.Token, diag.Data.Suggestion, tc.class, tc.rule, tc.blamed, tc.token, tc.suggestion)
		}
		if diag.Span.Len() == 0 {
			t.Errorf("%q: an empty range", name)
		}
		if !strings.HasSuffix(msg, diag.Message) || diag.Source != SourceBuildKit || diag.Severity != SeverityError {
			t.Errorf("%q: BuildKit's error %q must stay BuildKit's: %q", name, msg, diag.Message)
		}
		checkLocalized(t, name, class, diag)
	}
	for _, c := range errorClasses {
		if _, ok := unreachableClasses[c.name]; ok {
			if seen[c.name] {
				t.Errorf("class %q is listed as unreachable but a case reaches it", c.name)
			}
			continue
		}
		if !seen[c.name] && c.text != nil {
			t.Errorf("class %q: no case produces it with BuildKit", c.name)
		}
	}
}

// checkLocalized: a class with a Russian text speaks Russian (whole, no
// English sentence left), with an English text explains in English, and
// otherwise English readers get BuildKit's text.
func checkLocalized(t *testing.T, name string, class *errorClass, diag Diagnostic) {
	t.Helper()
	en, ru := diag.Localized("en"), diag.Localized("ru")
	if strings.Contains(en+ru, "%!") {
		t.Errorf("%q: a template and its arguments disagree: %q / %q", name, en, ru)
	}
	if class.text == nil {
		if en != diag.Message || ru != diag.Message {
			t.Errorf("%q: class %q has no text, yet reads %q / %q", name, class.name, en, ru)
		}
		return
	}
	if diag.text == nil {
		return // this instance has no text of ours (e.g. an unknown reason)
	}
	if bad := untranslated(ru, diag.Data); bad != "" {
		t.Errorf("%q: Russian %q leaves English: %q", name, ru, bad)
	}
	if explains := diag.text.text["en"] != ""; !explains && en != diag.Message {
		t.Errorf("%q: English must stay BuildKit's %q, got %q", name, diag.Message, en)
	}
}
