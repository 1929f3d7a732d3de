package server

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

// settingsDockerfile shows StageNameCasing (a warning), JSONArgsRecommended
// (a warning) and ShellSyntax (a shell-aware rule).
const settingsDockerfile = "FROM alpine AS Build\nRUN if [ -f x ]; then echo\nCMD echo hi\n"

// severities maps each rule reported to its severities, in order.
func severities(p lsptest.Publish) map[string][]int {
	out := map[string][]int{}
	for _, d := range p.Diagnostics {
		out[d.Code] = append(out[d.Code], d.Severity)
	}
	return out
}

func wantSeverities(t *testing.T, what string, p lsptest.Publish, want map[string][]int) {
	t.Helper()
	got := severities(p)
	for rule, sev := range want {
		if g := got[rule]; len(g) != len(sev) || (len(sev) > 0 && g[0] != sev[0]) {
			t.Errorf("%s: %s reported as %v, want %v (all: %v)", what, rule, g, sev, got)
		}
	}
}

func TestRuleSettingsFromInitializationOptions(t *testing.T) {
	c := startServer(t)
	c.initialize(map[string]any{"initializationOptions": map[string]any{"dockerfile-ls": map[string]any{
		"rules":      map[string]any{"StageNameCasing": "off", "JSONArgsRecommended": "error"},
		"shellRules": false,
	}}})
	const uri = "file:///w/Dockerfile"
	c.Open(uri, settingsDockerfile)
	wantSeverities(t, "initializationOptions", c.WaitDiagnostics(0, uri, 1), map[string][]int{
		"StageNameCasing": nil, "JSONArgsRecommended": {1}, "ShellSyntax": nil,
	})
}

func TestRuleSettingsFromDidChangeConfiguration(t *testing.T) {
	c := startServer(t)
	c.initialize(nil)
	const uri = "file:///w/Dockerfile"
	c.Open(uri, settingsDockerfile)
	wantSeverities(t, "defaults", c.WaitDiagnostics(0, uri, 1), map[string][]int{
		"StageNameCasing": {2}, "JSONArgsRecommended": {2}, "ShellSyntax": {2},
	})
	from := len(c.Notes())
	c.Notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"dockerfile-ls": map[string]any{
		"rules": map[string]any{"StageNameCasing": "hint", "NoSuchRule": "off"},
	}}})
	wantSeverities(t, "pushed", c.WaitDiagnostics(from, uri, 1), map[string][]int{"StageNameCasing": {4}, "JSONArgsRecommended": {2}})
	c.WaitNote(from, "window/showMessage", func(raw json.RawMessage) bool { return strings.Contains(string(raw), `unknown rule \"NoSuchRule\"`) })
	// A new rules object replaces the old one: a rule left out is back to its default.
	from = len(c.Notes())
	c.Notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"dockerfile-ls": map[string]any{
		"rules": map[string]any{"JSONArgsRecommended": "off"},
	}}})
	wantSeverities(t, "replaced", c.WaitDiagnostics(from, uri, 1), map[string][]int{"StageNameCasing": {2}, "JSONArgsRecommended": nil})
}

// configAnswer is a workspace/configuration handler whose answer a test changes.
type configAnswer struct {
	mu       sync.Mutex
	answer   any
	sections []string
}

func (a *configAnswer) set(v any) { a.mu.Lock(); a.answer = v; a.mu.Unlock() }

func (a *configAnswer) handle(params json.RawMessage) (any, error) {
	var p struct {
		Items []struct {
			Section string `json:"section"`
		} `json:"items"`
	}
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	out := make([]any, len(p.Items))
	for i, it := range p.Items {
		a.sections = append(a.sections, it.Section)
		out[i] = a.answer
	}
	return out, nil
}

func TestWorkspaceConfigurationIsPulledAndRepulled(t *testing.T) {
	answer := &configAnswer{answer: map[string]any{"rules": map[string]any{"StageNameCasing": "information"}}}
	c := startServerWith(t, lsptest.Options{Handlers: map[string]lsptest.Handler{"workspace/configuration": answer.handle}})
	c.initialize(map[string]any{
		"capabilities":          map[string]any{"workspace": map[string]any{"configuration": true}},
		"initializationOptions": map[string]any{"rules": map[string]any{"StageNameCasing": "off"}},
	})
	const uri = "file:///w/Dockerfile"
	c.Open(uri, settingsDockerfile)
	pulled := c.waitPublish(0, uri, func(p lsptest.Publish) bool { return len(severities(p)["StageNameCasing"]) > 0 })
	wantSeverities(t, "pulled over initializationOptions", pulled, map[string][]int{"StageNameCasing": {3}})

	// VS Code's client sends didChangeConfiguration with null settings: re-pull.
	answer.set(map[string]any{"rules": map[string]any{"StageNameCasing": "off"}, "shellRules": false})
	from := len(c.Notes())
	c.Notify("workspace/didChangeConfiguration", map[string]any{"settings": nil})
	repulled := c.waitPublish(from, uri, func(p lsptest.Publish) bool { return len(severities(p)["StageNameCasing"]) == 0 })
	wantSeverities(t, "re-pulled", repulled, map[string][]int{"ShellSyntax": nil, "JSONArgsRecommended": {2}})
	answer.mu.Lock()
	defer answer.mu.Unlock()
	if len(answer.sections) < 2 || answer.sections[0] != "dockerfile-ls" {
		t.Errorf("sections asked for: %v", answer.sections)
	}
}

func (c *testClient) waitPublish(from int, uri string, pred func(lsptest.Publish) bool) lsptest.Publish {
	c.t.Helper()
	var out lsptest.Publish
	c.WaitNote(from, "textDocument/publishDiagnostics", func(raw json.RawMessage) bool {
		var p lsptest.Publish
		if json.Unmarshal(raw, &p) != nil || p.URI != uri || !pred(p) {
			return false
		}
		out = p
		return true
	})
	return out
}

// project makes a repository with a project file and a Dockerfile in a
// subdirectory, and returns the repository's path and the Dockerfile's URI.
func project(t *testing.T, config string) (string, string) {
	t.Helper()
	root := t.TempDir()
	for path, text := range map[string]string{
		".dockerfile-ls.yaml": config,
		"app/Dockerfile":      settingsDockerfile,
	} {
		p := filepath.Join(root, path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	return root, "file://" + filepath.ToSlash(filepath.Join(root, "app", "Dockerfile"))
}

func TestProjectFileOverridesTheEditor(t *testing.T) {
	root, uri := project(t, "rules:\n  StageNameCasing: off\n  JSONArgsRecommended: hint\nshellRules: false\n")
	c := startServer(t)
	c.initialize(map[string]any{
		"rootUri":               "file://" + filepath.ToSlash(root),
		"initializationOptions": map[string]any{"rules": map[string]any{"StageNameCasing": "error", "JSONArgsRecommended": "error"}},
	})
	c.Open(uri, settingsDockerfile)
	wantSeverities(t, "project file", c.WaitDiagnostics(0, uri, 1), map[string][]int{
		"StageNameCasing": nil, "JSONArgsRecommended": {4}, "ShellSyntax": nil,
	})
	// The same text elsewhere is not under it.
	c.Open("file:///elsewhere/Dockerfile", settingsDockerfile)
	wantSeverities(t, "outside the project", c.WaitDiagnostics(0, "file:///elsewhere/Dockerfile", 1), map[string][]int{
		"StageNameCasing": {1}, "JSONArgsRecommended": {1},
	})
}

func TestProjectFileLocaleAndFormat(t *testing.T) {
	_, uri := project(t, "locale: ru\nformat:\n  maxBlankLines: 0\n")
	c := startServer(t)
	c.initialize(nil)
	c.Open(uri, "FROM alpine\n\n\nRUN true\n")
	var hover struct {
		Contents struct {
			Value string `json:"value"`
		} `json:"contents"`
	}
	c.MustCall("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 0, "character": 1}}, &hover)
	if !strings.ContainsAny(hover.Contents.Value, "абвгдеёжзийклмнопрстуфхцчшщыэюя") {
		t.Errorf("locale: ru in the project file: hover is %q", hover.Contents.Value)
	}
	var edits []lsptest.TextEdit
	c.MustCall("textDocument/formatting", map[string]any{"textDocument": map[string]any{"uri": uri}, "options": map[string]any{"tabSize": 4, "insertSpaces": true}}, &edits)
	if got := lsptest.ApplyEdits("FROM alpine\n\n\nRUN true\n", edits, "utf-16"); got != "FROM alpine\nRUN true\n" {
		t.Errorf("format.maxBlankLines 0 in the project file: %q", got)
	}
}

func TestBadProjectFileIsShownOnIt(t *testing.T) {
	root, uri := project(t, "rules:\n  StageNameCasng: off\n  JSONArgsRecommended: hint\n")
	c := startServer(t)
	c.initialize(map[string]any{"rootUri": "file://" + filepath.ToSlash(root)})
	c.Open(uri, settingsDockerfile)
	// The good entry applies; the Dockerfile's diagnostics come as ever.
	wantSeverities(t, "beside a bad entry", c.WaitDiagnostics(0, uri, 1), map[string][]int{"StageNameCasing": {2}, "JSONArgsRecommended": {4}})
	cfg := "file://" + filepath.ToSlash(filepath.Join(root, ".dockerfile-ls.yaml"))
	bad := c.waitPublish(0, cfg, func(p lsptest.Publish) bool { return len(p.Diagnostics) > 0 })
	if d := bad.Diagnostics[0]; d.Range.Start.Line != 1 || d.Range.Start.Character != 2 || d.Severity != 1 ||
		!strings.Contains(d.Message, `unknown rule "StageNameCasng" (did you mean "StageNameCasing"?)`) {
		t.Errorf("the problem on the project file: %+v", d)
	}
	// Fixed on disk, the client's watcher says so: the problem goes, the fix applies.
	if err := os.WriteFile(filepath.Join(root, ".dockerfile-ls.yaml"), []byte("rules:\n  StageNameCasing: off\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	from := len(c.Notes())
	c.Notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": cfg, "type": 2}}})
	c.waitPublish(from, cfg, func(p lsptest.Publish) bool { return len(p.Diagnostics) == 0 })
	wantSeverities(t, "after the fix", c.WaitDiagnostics(from, uri, 1), map[string][]int{"StageNameCasing": nil, "JSONArgsRecommended": {2}})
}

func TestNotYAMLProjectFile(t *testing.T) {
	root, uri := project(t, "rules: [\n")
	c := startServer(t)
	c.initialize(map[string]any{"rootUri": "file://" + filepath.ToSlash(root)})
	c.Open(uri, settingsDockerfile)
	wantSeverities(t, "a file that is not YAML sets nothing", c.WaitDiagnostics(0, uri, 1), map[string][]int{"StageNameCasing": {2}})
	cfg := "file://" + filepath.ToSlash(filepath.Join(root, ".dockerfile-ls.yaml"))
	bad := c.waitPublish(0, cfg, func(p lsptest.Publish) bool { return len(p.Diagnostics) > 0 })
	if m := bad.Diagnostics[0].Message; !strings.Contains(m, "not valid YAML") || !strings.Contains(m, "whole file is ignored") {
		t.Errorf("message: %q", m)
	}
	var hover json.RawMessage
	c.MustCall("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 0, "character": 1}}, &hover)
	if !strings.Contains(string(hover), "FROM") {
		t.Errorf("hover under a bad project file: %s", hover)
	}
}
