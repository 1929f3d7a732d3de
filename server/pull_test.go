package server

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

// pullCaps are a pull client's capabilities; refresh says whether it takes
// workspace/diagnostic/refresh.
func pullCaps(refresh bool) map[string]any {
	return map[string]any{"capabilities": map[string]any{
		"textDocument": map[string]any{"diagnostic": map[string]any{}},
		"workspace": map[string]any{
			"diagnostics":           map[string]any{"refreshSupport": refresh},
			"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true},
		},
	}}
}

// report is a document diagnostic report as a client reads it.
type report struct {
	Kind     string               `json:"kind"`
	ResultID string               `json:"resultId"`
	Items    []lsptest.Diagnostic `json:"items"`
	URI      string               `json:"uri"`
	Version  *int                 `json:"version"`
}

func pull(t *testing.T, c *testClient, uri, previous string) report {
	t.Helper()
	params := map[string]any{"textDocument": map[string]any{"uri": uri}}
	if previous != "" {
		params["previousResultId"] = previous
	}
	var rep report
	c.MustCall("textDocument/diagnostic", params, &rep)
	return rep
}

func TestPullAnswersUnchangedWhileTheResultIsCurrent(t *testing.T) {
	c := startServer(t)
	c.initialize(pullCaps(false))
	const uri = "file:///w/Dockerfile"
	c.Open(uri, "FROM alpine\nRUN --nope x\n") // UnknownFlag, whose message is translated
	first := pull(t, c, uri, "")
	if first.Kind != "full" || first.ResultID == "" || len(first.Items) != 1 {
		t.Fatalf("first pull: %+v", first)
	}
	if again := pull(t, c, uri, first.ResultID); again.Kind != "unchanged" || again.ResultID != first.ResultID || again.Items != nil {
		t.Fatalf("a pull with the current resultId: %+v", again)
	}
	if stale := pull(t, c, uri, "not-an-id"); stale.Kind != "full" || len(stale.Items) != 1 {
		t.Fatalf("a pull with an unknown resultId: %+v", stale)
	}
	// The messages change with the language: the old resultId is not current.
	c.Notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"dockerfile-ls": map[string]any{"locale": "ru"}}})
	if ru := pull(t, c, uri, first.ResultID); ru.Kind != "full" || ru.ResultID == first.ResultID {
		t.Fatalf("after a settings change: %+v", ru)
	}
	c.Notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"text": "FROM alpine\n"}},
	})
	if edited := pull(t, c, uri, first.ResultID); edited.Kind != "full" || len(edited.Items) != 0 {
		t.Fatalf("after an edit: %+v", edited)
	}
}

func TestWorkspaceDiagnosticsReportOpenDocuments(t *testing.T) {
	c := startServer(t)
	res := c.initialize(pullCaps(false))
	caps, _ := json.Marshal(res["capabilities"])
	var dp struct {
		DiagnosticProvider struct {
			WorkspaceDiagnostics bool `json:"workspaceDiagnostics"`
		} `json:"diagnosticProvider"`
	}
	if json.Unmarshal(caps, &dp) != nil || !dp.DiagnosticProvider.WorkspaceDiagnostics {
		t.Fatalf("workspaceDiagnostics not advertised: %s", caps)
	}
	const a, b = "file:///w/a/Dockerfile", "file:///w/b/Dockerfile"
	c.Open(a, "FROM alpine\nMAINTAINER me\n")
	c.Open(b, "FROM alpine\nWORKDIR app\n")
	workspace := func(previous map[string]string) map[string]report {
		t.Helper()
		params := map[string]any{"previousResultIds": []any{}}
		for u, id := range previous {
			params["previousResultIds"] = append(params["previousResultIds"].([]any), map[string]any{"uri": u, "value": id})
		}
		var rep struct {
			Items []report `json:"items"`
		}
		c.MustCall("workspace/diagnostic", params, &rep)
		out := map[string]report{}
		for _, r := range rep.Items {
			out[r.URI] = r
		}
		return out
	}
	first := workspace(nil)
	if len(first) != 2 || first[a].Kind != "full" || len(first[a].Items) != 1 || first[a].Items[0].Code != "MaintainerDeprecated" ||
		first[b].Kind != "full" || len(first[b].Items) != 1 || first[b].Items[0].Code != "WorkdirRelativePath" ||
		first[a].Version == nil || *first[a].Version != 1 {
		t.Fatalf("first workspace pull: %+v", first)
	}
	c.Notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": b, "version": 2},
		"contentChanges": []any{map[string]any{"text": "FROM alpine\nWORKDIR /app\n"}},
	})
	second := workspace(map[string]string{a: first[a].ResultID, b: first[b].ResultID})
	if second[a].Kind != "unchanged" || second[a].ResultID != first[a].ResultID {
		t.Errorf("unchanged document: %+v", second[a])
	}
	if second[b].Kind != "full" || len(second[b].Items) != 0 || second[b].Version == nil || *second[b].Version != 2 {
		t.Errorf("edited document: %+v", second[b])
	}
	// The document pull agrees with the workspace pull.
	if doc := pull(t, c, a, second[a].ResultID); doc.Kind != "unchanged" {
		t.Errorf("document pull after the workspace pull: %+v", doc)
	}
}

// A pull client that advertises refreshSupport is asked to pull again when
// .dockerignore or the settings change; one that does not is never asked.
func TestRefreshOnlyWhenTheClientSupportsIt(t *testing.T) {
	for _, supported := range []bool{true, false} {
		refreshes := make(chan struct{}, 10)
		c := startServerWith(t, lsptest.Options{Handlers: map[string]lsptest.Handler{
			"workspace/diagnostic/refresh": func(json.RawMessage) (any, error) {
				refreshes <- struct{}{}
				return nil, nil
			},
		}})
		c.initialize(pullCaps(supported))
		dir := t.TempDir()
		uri := "file://" + filepath.ToSlash(filepath.Join(dir, "Dockerfile"))
		c.Open(uri, "FROM alpine\nCOPY secret.env /app/\n")
		if rep := pull(t, c, uri, ""); len(rep.Items) != 0 {
			t.Fatalf("before .dockerignore: %+v", rep)
		}
		if err := os.WriteFile(filepath.Join(dir, ".dockerignore"), []byte("secret.env\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		c.Notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": "file://" + filepath.ToSlash(filepath.Join(dir, ".dockerignore")), "type": 1}}})
		c.Notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"dockerfile-ls": map[string]any{"locale": "en"}}})
		if supported {
			c.WaitNote(0, "workspace/diagnostic/refresh", nil)
			c.WaitNote(c.WaitNote(0, "workspace/diagnostic/refresh", nil).Index+1, "workspace/diagnostic/refresh", nil)
		}
		// What the client pulls then is current.
		if rep := pull(t, c, uri, ""); len(rep.Items) != 1 || rep.Items[0].Code != "CopyIgnoredFile" {
			t.Fatalf("after the .dockerignore change: %+v", rep)
		}
		c.MustCall("shutdown", nil, nil)
		for _, n := range c.Notes() {
			if n.Method == "workspace/diagnostic/refresh" && !supported {
				t.Fatal("a client without refreshSupport was sent workspace/diagnostic/refresh")
			}
			if n.Method == "textDocument/publishDiagnostics" {
				t.Fatalf("a pull client was pushed diagnostics: %s", n.Params)
			}
		}
		if got := len(refreshes); supported && got != 2 {
			t.Fatalf("%d refreshes for a .dockerignore and a settings change, want 2", got)
		}
	}
}
