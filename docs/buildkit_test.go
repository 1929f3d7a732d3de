package docs

// Cross-checks of reference.yaml and the English pages against BuildKit
// v0.34.2 itself: its source (flag registrations, mount keys, rule list,
// build-arg names) and its behaviour (parser, instruction parsing, linter).

import (
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/command"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	dfparser "github.com/moby/buildkit/frontend/dockerfile/parser"
	digest "github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// ---------------------------------------------------------------------------
// Helpers

// bkDir returns the directory of a BuildKit package in the module cache.
func bkDir(t *testing.T, pkg string) string {
	t.Helper()
	p, err := build.Import("github.com/moby/buildkit/"+pkg, ".", build.FindOnly)
	if err != nil {
		t.Fatalf("locating BuildKit package %s: %v", pkg, err)
	}
	return p.Dir
}

// parseGoDir parses the non-test Go files of dir.
func parseGoDir(t *testing.T, dir string) []*ast.File {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var out []*ast.File
	fset := token.NewFileSet()
	for _, m := range matches {
		if strings.HasSuffix(m, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, m, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}

func strLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

// identity is an expander that keeps words as they are; it makes BuildKit
// validate RUN --mount options, which it otherwise defers to dispatch time.
func identity(s string) (string, error) { return s, nil }

// bkCheck runs src through BuildKit's parser and instruction parser. When
// whole is true it must also be a complete Dockerfile (stages, ARG scope).
func bkCheck(src string, whole bool) error {
	res, err := dfparser.Parse(strings.NewReader(src))
	if err != nil {
		return err
	}
	for _, n := range res.AST.Children {
		// A non-nil linter: with nil, BuildKit v0.34.2 panics on a
		// "# check=" comment above the instruction.
		v, err := instructions.ParseInstructionWithLinter(n, linter.New(&linter.Config{}))
		if err != nil {
			return err
		}
		if rc, ok := v.(*instructions.RunCommand); ok {
			if err := rc.Expand(identity); err != nil {
				return err
			}
		}
	}
	if whole {
		if _, _, err := instructions.Parse(res.AST, linter.New(&linter.Config{})); err != nil {
			return err
		}
	}
	return nil
}

// ---------------------------------------------------------------------------
// Instructions and flags

func TestInstructionsMatchBuildKit(t *testing.T) {
	var want []string
	for name := range command.Commands {
		want = append(want, strings.ToUpper(name))
	}
	slices.Sort(want)
	var got []string
	for _, in := range Ref().Instructions {
		got = append(got, in.Name)
	}
	if !slices.Equal(got, want) {
		t.Errorf("instructions = %v, BuildKit knows %v", got, want)
	}
}

// bkFlag is a flag registration found in BuildKit's source.
type bkFlag struct {
	method string // AddBool, AddString, AddStrings
}

// TestFlagsMatchBuildKitSource reads every req.flags.AddBool/AddString/
// AddStrings call in BuildKit's instructions package and compares the flag
// set of each instruction, and each flag's kind, with reference.yaml.
func TestFlagsMatchBuildKitSource(t *testing.T) {
	found := map[string]map[string]bkFlag{} // instruction -> flag -> registration
	for _, f := range parseGoDir(t, bkDir(t, "frontend/dockerfile/instructions")) {
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok || !slices.Contains([]string{"AddBool", "AddString", "AddStrings"}, sel.Sel.Name) || len(call.Args) == 0 {
					return true
				}
				if recv, ok := sel.X.(*ast.SelectorExpr); !ok || recv.Sel.Name != "flags" {
					return true // not req.flags.AddX (e.g. BFlags unit helpers)
				}
				name, ok := strLit(call.Args[0])
				if !ok {
					t.Errorf("%s: flag name is not a string literal", fn.Name.Name)
					return true
				}
				var instr string
				switch {
				case strings.HasPrefix(fn.Name.Name, "parse"):
					instr = strings.ToUpper(strings.TrimPrefix(fn.Name.Name, "parse"))
				case strings.HasPrefix(fn.Name.Name, "run") && strings.HasSuffix(fn.Name.Name, "PreHook"):
					instr = "RUN"
				}
				if Ref().Instruction(instr) == nil {
					t.Errorf("cannot map BuildKit function %s (flag %q) to an instruction; update this test", fn.Name.Name, name)
					return true
				}
				if found[instr] == nil {
					found[instr] = map[string]bkFlag{}
				}
				found[instr][name] = bkFlag{method: sel.Sel.Name}
				return true
			})
		}
	}
	if len(found["RUN"]) == 0 || len(found["COPY"]) == 0 {
		t.Fatalf("flag scan found nothing useful: %v", found)
	}
	for _, in := range Ref().Instructions {
		var ours, theirs []string
		for _, f := range in.Flags {
			ours = append(ours, f.Name)
			reg, ok := found[in.Name][f.Name]
			if !ok {
				continue
			}
			switch reg.method {
			case "AddBool":
				if f.Kind != "bool" || f.Repeatable {
					t.Errorf("%s --%s: BuildKit registers a bool flag; reference.yaml says kind %s, repeatable %v", in.Name, f.Name, f.Kind, f.Repeatable)
				}
			case "AddStrings":
				if !f.Repeatable || f.Kind == "bool" {
					t.Errorf("%s --%s: BuildKit registers a repeatable string flag", in.Name, f.Name)
				}
			case "AddString":
				if f.Repeatable || f.Kind == "bool" {
					t.Errorf("%s --%s: BuildKit registers a single string flag", in.Name, f.Name)
				}
			}
		}
		for name := range found[in.Name] {
			theirs = append(theirs, name)
		}
		slices.Sort(ours)
		slices.Sort(theirs)
		if !slices.Equal(ours, theirs) {
			t.Errorf("%s flags = %v, BuildKit registers %v", in.Name, ours, theirs)
		}
	}
}

// sampleArgs are valid arguments used after the flags in synthetic lines.
var sampleArgs = map[string]string{
	"ADD": "a b", "ARG": "A", "CMD": "true", "COPY": "a b", "ENTRYPOINT": "true", "ENV": "A=b",
	"EXPOSE": "80", "FROM": "alpine", "HEALTHCHECK": "CMD true", "LABEL": "a=b", "MAINTAINER": "me",
	"ONBUILD": "RUN true", "RUN": "true", "SHELL": `["sh", "-c"]`, "STOPSIGNAL": "SIGTERM",
	"USER": "app", "VOLUME": "/data", "WORKDIR": "/app",
}

func sampleValues(f *Flag) []string {
	switch f.Kind {
	case "bool":
		return []string{"true", "false"}
	case "enum":
		return f.Values
	case "duration":
		return []string{"10s", "1m30s"}
	case "int":
		return []string{"3"}
	case "chmod":
		return []string{"755", "0644", "+x", "u=rwX,go=rX"}
	case "chown":
		return []string{"1000:1000", "app"}
	case "stage":
		return []string{"build"}
	case "platform":
		return []string{"linux/amd64", "$BUILDPLATFORM"}
	case "checksum":
		return []string{"sha256:" + strings.Repeat("0", 64)}
	case "keyvalue":
		return []string{"type=cache,target=/cache", "type=secret,id=x"}
	}
	return []string{"x"}
}

func line(instr, flags string) string {
	return strings.TrimSpace(instr+" "+flags) + " " + sampleArgs[instr] + "\n"
}

func TestFlagsAcceptedByBuildKit(t *testing.T) {
	for _, in := range Ref().Instructions {
		if err := bkCheck(line(in.Name, ""), false); err != nil {
			t.Fatalf("sample line for %s is invalid: %v", in.Name, err)
		}
		for _, f := range in.Flags {
			var errs []error
			for _, v := range sampleValues(f) {
				errs = append(errs, bkCheck(line(in.Name, "--"+f.Name+"="+v), false))
			}
			if f.Kind == "bool" {
				errs = append(errs, bkCheck(line(in.Name, "--"+f.Name), false))
			}
			rejected := slices.ContainsFunc(errs, func(err error) bool { return err != nil })
			// BuildKit v0.34.2 gates no flag behind a build tag (the labs and
			// mainline release tag files are empty), so every flag must be
			// accepted by this default build, and a flag marked experimental
			// would be wrong. A future labs-only flag is the other way round.
			if f.Experimental != rejected {
				t.Errorf("%s --%s: experimental=%v but BuildKit results %v", in.Name, f.Name, f.Experimental, errs)
			}
			if f.Kind == "enum" {
				if err := bkCheck(line(in.Name, "--"+f.Name+"=bogus"), false); err == nil {
					t.Errorf("%s --%s=bogus: BuildKit accepted a value outside %v", in.Name, f.Name, f.Values)
				}
			}
			if f.Kind == "bool" {
				if err := bkCheck(line(in.Name, "--"+f.Name+"=maybe"), false); err == nil {
					t.Errorf("%s --%s=maybe: BuildKit accepted a non-boolean", in.Name, f.Name)
				}
			}
			if f.Kind == "duration" {
				if err := bkCheck(line(in.Name, "--"+f.Name+"=30"), false); err == nil {
					t.Errorf("%s --%s=30: BuildKit accepted a duration without unit", in.Name, f.Name)
				}
			}
			v := sampleValues(f)[0]
			err := bkCheck(line(in.Name, "--"+f.Name+"="+v+" --"+f.Name+"="+v), false)
			if f.Repeatable && err != nil {
				t.Errorf("%s --%s is repeatable but BuildKit rejects it twice: %v", in.Name, f.Name, err)
			}
			if !f.Repeatable && err == nil {
				t.Errorf("%s --%s is not repeatable but BuildKit accepts it twice", in.Name, f.Name)
			}
		}
		// A made-up flag is rejected, except by ARG and STOPSIGNAL, whose
		// BuildKit parsers never look at flags (documented on UnknownFlag.md).
		err := bkCheck(line(in.Name, "--no-such-flag=1"), false)
		ignores := in.Name == "ARG" || in.Name == "STOPSIGNAL"
		if ignores != (err == nil) {
			t.Errorf("%s --no-such-flag: BuildKit error %v; expected rejection=%v", in.Name, err, !ignores)
		}
	}
	// Flags are case-sensitive in BuildKit, as Ref().Flag() assumes.
	if err := bkCheck("COPY --FROM=build a b\n", false); err == nil {
		t.Error("BuildKit accepted --FROM; Ref().Flag() lookups would need to ignore case")
	}
	// HEALTHCHECK retries must be a non-negative integer.
	for _, v := range []string{"-1", "three"} {
		if err := bkCheck("HEALTHCHECK --retries="+v+" CMD true\n", false); err == nil {
			t.Errorf("HEALTHCHECK --retries=%s accepted", v)
		}
	}
}

// TestArgumentCounts checks MinArgs/MaxArgs against BuildKit's parser.
func TestArgumentCounts(t *testing.T) {
	words := map[string][]string{
		"ADD": {"a", "b", "c"}, "ARG": {"A", "B"}, "CMD": {"echo", "hi"}, "COPY": {"a", "b", "c"},
		"ENTRYPOINT": {"echo", "hi"}, "ENV": {"A=1", "B=2"}, "EXPOSE": {"80", "81"},
		"FROM": {"alpine", "AS", "base", "extra"}, "HEALTHCHECK": {"NONE"}, "LABEL": {"a=1", "b=2"},
		"MAINTAINER": {"Jane", "Doe"}, "ONBUILD": {"RUN", "true"}, "RUN": {"echo", "hi"},
		"STOPSIGNAL": {"SIGTERM", "SIGKILL"}, "USER": {"app", "other"}, "VOLUME": {"/a", "/b"},
		"WORKDIR": {"/a", "b"},
	}
	args := func(in string, n int) string {
		if in == "SHELL" {
			if n == 0 {
				return "[]"
			}
			return `["` + strings.Join(slices.Repeat([]string{"sh"}, n), `", "`) + `"]`
		}
		w := words[in]
		for len(w) < n {
			w = append(w, w[len(w)-1])
		}
		return strings.Join(w[:n], " ")
	}
	// Counts that BuildKit's parser accepts although the build fails later:
	// "RUN" alone runs "/bin/sh -c" without a command; STOPSIGNAL and USER
	// take the rest of the line as one value, which is no valid signal or
	// user name when it contains a space.
	laterFailures := map[string]bool{"RUN min-1": true, "STOPSIGNAL max+1": true, "USER max+1": true}
	for _, in := range Ref().Instructions {
		check := func(label string, n int, wantOK bool) {
			src := strings.TrimSpace(in.Name+" "+args(in.Name, n)) + "\n"
			err := bkCheck(src, false)
			if laterFailures[in.Name+" "+label] {
				if err != nil {
					t.Errorf("%s %s (%q): now rejected by the parser (%v); drop the exception", in.Name, label, src, err)
				}
				return
			}
			if (err == nil) != wantOK {
				t.Errorf("%s %s (%q): BuildKit error %v, want ok=%v", in.Name, label, src, err, wantOK)
			}
		}
		check("min", in.MinArgs, true)
		if in.MinArgs > 0 {
			check("min-1", in.MinArgs-1, false)
		}
		if in.MaxArgs >= 0 {
			check("max", in.MaxArgs, true)
			check("max+1", in.MaxArgs+1, false)
		}
	}
}

// ---------------------------------------------------------------------------
// RUN --mount

func mountFlag(t *testing.T) *Flag {
	t.Helper()
	f := Ref().Flag("RUN", "mount")
	if f == nil {
		t.Fatal("RUN --mount missing")
	}
	return f
}

func TestMountKeysMatchBuildKitSource(t *testing.T) {
	// parseMount lists every key it knows in its "unexpected key" error.
	var allKeys []string
	for _, f := range parseGoDir(t, bkDir(t, "frontend/dockerfile/instructions")) {
		ast.Inspect(f, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
				return true
			}
			if id, ok := as.Lhs[0].(*ast.Ident); !ok || id.Name != "allKeys" {
				return true
			}
			lit, ok := as.Rhs[0].(*ast.CompositeLit)
			if !ok {
				return true
			}
			var keys []string
			for _, e := range lit.Elts {
				if s, ok := strLit(e); ok {
					keys = append(keys, s)
				}
			}
			if slices.Contains(keys, "target") { // the mount list, not the device one
				allKeys = keys
			}
			return true
		})
	}
	if len(allKeys) == 0 {
		t.Fatal("could not find parseMount's allKeys list")
	}
	var ours []string
	for _, k := range mountFlag(t).Keys {
		ours = append(ours, k.Name)
		ours = append(ours, k.Aliases...)
	}
	slices.Sort(ours)
	slices.Sort(allKeys)
	if !slices.Equal(ours, allKeys) {
		t.Errorf("mount keys and aliases = %v, BuildKit knows %v", ours, allKeys)
	}
}

var keySample = map[string]string{
	"target": "/mnt/x", "source": "src", "from": "stage", "readonly": "true", "readwrite": "true",
	"id": "x", "sharing": "locked", "mode": "0644", "uid": "1000", "gid": "1000", "size": "64m",
	"env": "FOO", "required": "true",
}

func mountLine(typ, opts string) string {
	base := "type=" + typ
	if !strings.Contains(opts, "target=") {
		base += ",target=/mnt/t"
	}
	return "RUN --mount=" + base + "," + opts + " true\n"
}

func TestMountOptionsMatchBuildKit(t *testing.T) {
	mount := mountFlag(t)
	typeKey := mount.Key("type")
	for _, typ := range typeKey.Values {
		if err := bkCheck(mountLine(strings.ToUpper(typ), "id=x"), false); err != nil && typ != "bind" && typ != "tmpfs" {
			t.Errorf("mount type %s: %v", typ, err)
		}
	}
	if err := bkCheck(mountLine("volume", "id=x"), false); err == nil {
		t.Error("BuildKit accepted mount type volume")
	}
	if err := bkCheck(mountLine("cache", "sharing=exclusive"), false); err == nil {
		t.Error("BuildKit accepted sharing=exclusive")
	}
	for _, v := range mount.Key("sharing").Values {
		if err := bkCheck(mountLine("cache", "sharing="+strings.ToUpper(v)), false); err != nil {
			t.Errorf("sharing=%s: %v", v, err)
		}
	}
	if err := bkCheck(mountLine("cache", "bogus=1"), false); err == nil {
		t.Error("BuildKit accepted an unknown mount key")
	}
	// Option/type pairs that BuildKit's parser rejects. The pages say so,
	// and reference.yaml must not list these types for the key.
	rejected := map[string][]string{
		"size":     {"bind", "cache", "secret", "ssh"},
		"required": {"bind", "cache", "tmpfs"},
		"mode":     {"bind", "tmpfs"},
		"uid":      {"bind", "tmpfs"},
		"gid":      {"bind", "tmpfs"},
		"sharing":  {"bind", "tmpfs", "secret", "ssh"},
		"from":     {"secret"},
	}
	for _, k := range mount.Keys {
		if k.Name == "type" {
			continue
		}
		for _, name := range append([]string{k.Name}, k.Aliases...) {
			for _, typ := range mountTypes {
				err := bkCheck(mountLine(typ, name+"="+keySample[k.Name]), false)
				wantReject := slices.Contains(rejected[k.Name], typ)
				if wantReject != (err != nil) {
					t.Errorf("--mount=type=%s,%s=...: BuildKit error %v, want rejected=%v", typ, name, err, wantReject)
				}
				if len(k.Types) > 0 && slices.Contains(k.Types, typ) && err != nil {
					t.Errorf("key %s is listed for type %s, but BuildKit rejects it: %v", k.Name, typ, err)
				}
			}
		}
		if k.Kind == "bool" {
			for _, typ := range k.Types {
				if err := bkCheck(mountLine(typ, k.Name), false); err != nil {
					t.Errorf("bare %s for %s: %v", k.Name, typ, err)
				}
				if err := bkCheck(mountLine(typ, k.Name+"=maybe"), false); err == nil {
					t.Errorf("%s=maybe accepted for %s", k.Name, typ)
				}
			}
		}
	}
	// Bad values for typed keys.
	for _, opt := range []string{"mode=rw", "uid=root", "gid=-1"} {
		if err := bkCheck(mountLine("cache", opt), false); err == nil {
			t.Errorf("BuildKit accepted %s", opt)
		}
	}
	if err := bkCheck(mountLine("tmpfs", "size=huge"), false); err == nil {
		t.Error("BuildKit accepted size=huge")
	}
	// Order matters for size and required (documented on type.md).
	if err := bkCheck("RUN --mount=size=1m,type=tmpfs,target=/t true\n", false); err == nil {
		t.Error("BuildKit now accepts size before type; update mounts/options/type.md")
	}
}

// ---------------------------------------------------------------------------
// Directives, args, rules

func TestDirectivesMatchBuildKit(t *testing.T) {
	for _, d := range Ref().Directives {
		var p dfparser.DirectiveParser
		got, err := p.ParseLine([]byte("# " + strings.ToUpper(d.Name) + "=x"))
		if err != nil || got == nil || got.Name != d.Name {
			t.Errorf("BuildKit does not recognise directive %s: %v %v", d.Name, got, err)
		}
	}
	var p dfparser.DirectiveParser
	if got, _ := p.ParseLine([]byte("# bogus=x")); got != nil {
		t.Error("BuildKit recognised a bogus directive")
	}
	// check values are the options BuildKit's linter config accepts.
	for _, v := range Ref().Directive("check").Values {
		val := "all"
		if v == "error" {
			val = "true"
		}
		if _, err := linter.ParseLintOptions(v + "=" + val); err != nil {
			t.Errorf("check option %s: %v", v, err)
		}
	}
	if _, err := linter.ParseLintOptions("bogus=1"); err == nil {
		t.Error("BuildKit accepted a bogus check option")
	}
}

var buildArgRe = regexp.MustCompile(`^(?:build-arg:)?(BUILDKIT_[A-Z_]+|(?:BUILD|TARGET)(?:PLATFORM|OS|OSVERSION|ARCH|VARIANT|STAGE)|SOURCE_DATE_EPOCH)$`)

// TestArgsMatchBuildKit collects the build-arg names the frontend reads from
// its source and requires each of them in reference.yaml.
func TestArgsMatchBuildKit(t *testing.T) {
	removed := map[string]bool{"BUILDKIT_DISABLE_FILEOP": true} // only read to report its removal
	found := map[string]bool{}
	for _, pkg := range []string{"frontend/dockerfile/dockerfile2llb", "frontend/dockui", "frontend/dockerui", "frontend/dockerfile/builder"} {
		dir := ""
		if p, err := build.Import("github.com/moby/buildkit/"+pkg, ".", build.FindOnly); err == nil {
			if _, err := os.Stat(p.Dir); err == nil {
				dir = p.Dir
			}
		}
		if dir == "" {
			continue
		}
		for _, f := range parseGoDir(t, dir) {
			ast.Inspect(f, func(n ast.Node) bool {
				if e, ok := n.(ast.Expr); ok {
					if s, ok := strLit(e); ok {
						if m := buildArgRe.FindStringSubmatch(s); m != nil && !removed[m[1]] {
							found[m[1]] = true
						}
					}
				}
				return true
			})
		}
	}
	for _, must := range []string{"TARGETPLATFORM", "BUILDKIT_SYNTAX", "BUILDKIT_CACHE_MOUNT_NS", "SOURCE_DATE_EPOCH"} {
		if !found[must] {
			t.Fatalf("source scan did not find %s; the scan is broken", must)
		}
	}
	for name := range found {
		if Ref().Arg(name) == nil {
			t.Errorf("BuildKit reads build arg %s, but reference.yaml lacks it", name)
		}
	}
	for _, proxy := range []string{"HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY", "ALL_PROXY"} {
		for _, name := range []string{proxy, strings.ToLower(proxy)} {
			if a := Ref().Arg(name); a == nil || a.Group != "proxy" {
				t.Errorf("proxy arg %s missing", name)
			}
		}
	}
	// Documented but read outside the frontend (exporter, buildx).
	for _, name := range []string{"BUILDKIT_INLINE_CACHE", "BUILDKIT_BUILD_NAME"} {
		if Ref().Arg(name) == nil {
			t.Errorf("documented build arg %s missing", name)
		}
	}
}

type bkRule struct {
	Name, Description, URL string
	Experimental           bool
}

func ruleInfo[F any](r *linter.LinterRule[F]) bkRule {
	return bkRule{Name: r.Name, Description: r.Description, URL: r.URL, Experimental: r.Experimental}
}

// buildkitRules enumerates every Rule* variable of BuildKit's linter.
func buildkitRules() []bkRule {
	return []bkRule{
		ruleInfo(&linter.RuleStageNameCasing),
		ruleInfo(&linter.RuleFromAsCasing),
		ruleInfo(&linter.RuleNoEmptyContinuation),
		ruleInfo(&linter.RuleConsistentInstructionCasing),
		ruleInfo(&linter.RuleDuplicateStageName),
		ruleInfo(&linter.RuleReservedStageName),
		ruleInfo(&linter.RuleJSONArgsRecommended),
		ruleInfo(&linter.RuleMaintainerDeprecated),
		ruleInfo(&linter.RuleUndefinedArgInFrom),
		ruleInfo(&linter.RuleWorkdirRelativePath),
		ruleInfo(&linter.RuleUndefinedVar),
		ruleInfo(&linter.RuleMultipleInstructionsDisallowed),
		ruleInfo(&linter.RuleLegacyKeyValueFormat),
		ruleInfo(&linter.RuleInvalidBaseImagePlatform),
		ruleInfo(&linter.RuleRedundantTargetPlatform),
		ruleInfo(&linter.RuleSecretsUsedInArgOrEnv),
		ruleInfo(&linter.RuleInvalidDefaultArgInFrom),
		ruleInfo(&linter.RuleFromPlatformFlagConstDisallowed),
		ruleInfo(&linter.RuleCopyIgnoredFile),
		ruleInfo(&linter.RuleInvalidDefinitionDescription),
		ruleInfo(&linter.RuleExposeProtoCasing),
		ruleInfo(&linter.RuleExposeInvalidFormat),
	}
}

func TestRulesMatchBuildKit(t *testing.T) {
	want := buildkitRules()
	if len(want) != 22 {
		t.Fatalf("expected BuildKit v0.34.2 to have 22 rules, listed %d", len(want))
	}
	// The explicit list above must cover every exported Rule* variable.
	var vars []string
	for _, f := range parseGoDir(t, bkDir(t, "frontend/dockerfile/linter")) {
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				for _, id := range spec.(*ast.ValueSpec).Names {
					if strings.HasPrefix(id.Name, "Rule") && id.IsExported() {
						vars = append(vars, strings.TrimPrefix(id.Name, "Rule"))
					}
				}
			}
		}
	}
	var listed []string
	for _, r := range want {
		listed = append(listed, r.Name)
	}
	slices.Sort(vars)
	slices.Sort(listed)
	if !slices.Equal(vars, listed) {
		t.Errorf("linter exports rules %v; the test lists %v", vars, listed)
	}
	var ours []string
	for _, r := range Ref().Rules {
		if r.Source == "buildkit" {
			ours = append(ours, r.Name)
		}
	}
	slices.Sort(ours)
	if !slices.Equal(ours, listed) {
		t.Errorf("buildkit rules in reference.yaml = %v, want %v", ours, listed)
	}
	for _, w := range want {
		r := Ref().Rule(w.Name)
		if r == nil {
			continue
		}
		if r.Source != "buildkit" || r.Description != w.Description || r.URL != w.URL || r.Experimental != w.Experimental {
			t.Errorf("rule %s = %+v, BuildKit has %+v", w.Name, *r, w)
		}
	}
}

// ---------------------------------------------------------------------------
// Page examples

// exampleSkips are pages whose dockerfile blocks are deliberately not valid.
var exampleSkips = map[string]string{}

// TestPageExamplesParse runs every dockerfile block of the English pages
// through BuildKit. Bad examples of our error rules must be rejected; all
// other blocks must be accepted.
func TestPageExamplesParse(t *testing.T) {
	for _, key := range pageKeys("en") {
		if _, skip := exampleSkips[key]; skip {
			continue
		}
		md, _ := Page("en", Kind(key[:strings.LastIndex(key, "/")]), key[strings.LastIndex(key, "/")+1:])
		blocks, _, _ := mdParse(md)
		name := strings.TrimPrefix(key, "rules/")
		expectError := strings.HasPrefix(key, "rules/") && Ref().Rule(name) != nil &&
			Ref().Rule(name).Source == "dockerfile-ls" && Ref().Rule(name).Severity == "error"
		for _, b := range blocks {
			if b.lang != "dockerfile" {
				continue
			}
			if onlyComments(b.code) {
				continue // e.g. a lone "# syntax=..." directive
			}
			whole := strings.HasPrefix(b.code, "FROM ") || strings.HasPrefix(b.code, "# syntax")
			err := bkCheck(b.code, whole)
			if b.section == "Bad" && expectError {
				if err == nil {
					t.Errorf("%s: Bad example is accepted by BuildKit:\n%s", key, b.code)
				}
				continue
			}
			// Forms show syntax templates with placeholders; skip those.
			if b.section == "Forms" {
				continue
			}
			if err != nil {
				t.Errorf("%s (%s): BuildKit rejects the example: %v\n%s", key, b.section, err, b.code)
			}
		}
	}
}

func onlyComments(src string) bool {
	for _, l := range strings.Split(src, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			return false
		}
	}
	return true
}

// fakeResolver answers image-config requests offline. Images whose name
// contains "example/tool" are published for linux/amd64 only.
type fakeResolver struct{}

func (fakeResolver) ResolveImageConfig(_ context.Context, ref string, opt sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	os, arch := "linux", "amd64"
	if opt.ImageOpt != nil && opt.ImageOpt.Platform != nil && !strings.Contains(ref, "example/tool") {
		os, arch = opt.ImageOpt.Platform.OS, opt.ImageOpt.Platform.Architecture
	}
	cfg, err := json.Marshal(map[string]any{
		"os": os, "architecture": arch,
		"config": map[string]any{"Env": []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}},
		"rootfs": map[string]any{"type": "layers", "diff_ids": []string{"sha256:" + strings.Repeat("0", 64)}},
	})
	return ref, digest.FromBytes(cfg), cfg, err
}

// lint runs BuildKit's build checks on src, with experimental checks on and
// linux/arm64 as the target platform, and returns the reported rule names.
// A build error is returned too; the warnings before it are still valid.
func lint(t *testing.T, src string) ([]string, error) {
	t.Helper()
	dt := []byte("# check=experimental=all\n" + src)
	target := ocispecs.Platform{OS: "linux", Architecture: "arm64"}
	sm := llb.NewSourceMap(nil, "Dockerfile", "Dockerfile", dt)
	sm.Definition = &llb.Definition{}
	opt := dockerfile2llb.ConvertOpt{
		MetaResolver:   fakeResolver{},
		SourceMap:      sm,
		TargetPlatform: &target,
	}
	res, err := dockerfile2llb.DockerfileLint(context.Background(), dt, opt)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, w := range res.Warnings {
		names = append(names, w.RuleName)
	}
	if res.Error != nil {
		return names, fmt.Errorf("%s", res.Error.Message)
	}
	return names, nil
}

// TestBuildKitRuleExamples checks that BuildKit itself reports each of its
// rules for the page's Bad example and not for the Good one.
func TestBuildKitRuleExamples(t *testing.T) {
	skip := map[string]string{
		"CopyIgnoredFile": "needs a .dockerignore from a build client",
	}
	for _, r := range Ref().Rules {
		if r.Source != "buildkit" {
			continue
		}
		if why, ok := skip[r.Name]; ok {
			t.Logf("%s: not linted (%s)", r.Name, why)
			continue
		}
		md, _ := Page("en", KindRule, r.Name)
		blocks, _, _ := mdParse(md)
		for _, b := range blocks {
			if b.lang != "dockerfile" || (b.section != "Bad" && b.section != "Good") {
				continue
			}
			src := b.code
			if !strings.Contains(src, "FROM ") {
				src = "FROM alpine\n" + src
			}
			got, err := lint(t, src)
			if err != nil && b.section == "Good" {
				t.Errorf("%s Good example: build error %v", r.Name, err)
				continue
			}
			if has := slices.Contains(got, r.Name); has != (b.section == "Bad") {
				t.Errorf("%s %s example: BuildKit reports %v\n%s", r.Name, b.section, got, src)
			}
		}
	}
}
