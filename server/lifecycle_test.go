package server

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
	"go.lsp.dev/jsonrpc2"
)

func TestRequestBeforeInitialize(t *testing.T) {
	c := startServer(t)
	err := c.Call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": "file:///x"}, "position": map[string]any{"line": 0, "character": 0}}, nil)
	if got := lsptest.Code(err); got != -32002 {
		t.Fatalf("hover before initialize: code %d (%v), want -32002", got, err)
	}
}

func TestInitializeResult(t *testing.T) {
	for _, tc := range []struct {
		name    string
		offered []string
		wantEnc string
	}{
		{"utf-8 offered", []string{"utf-16", "utf-8"}, "utf-8"},
		{"none offered", nil, "utf-16"},
		{"utf-16 only", []string{"utf-16"}, "utf-16"},
		{"utf-32 only", []string{"utf-32"}, "utf-32"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := startServer(t)
			caps := map[string]any{}
			if tc.offered != nil {
				caps["general"] = map[string]any{"positionEncodings": tc.offered}
			}
			res := c.initialize(map[string]any{"capabilities": caps})
			info := res["serverInfo"].(map[string]any)
			if info["name"] != "dockerfile-ls" || info["version"] != "test" {
				t.Errorf("serverInfo = %v", info)
			}
			got := res["capabilities"].(map[string]any)["positionEncoding"]
			if got != tc.wantEnc {
				t.Errorf("positionEncoding = %v, want %s", got, tc.wantEnc)
			}
		})
	}
}

func TestSecondInitializeRejected(t *testing.T) {
	c := startServer(t)
	c.initialize(nil)
	if err := c.Call("initialize", map[string]any{"capabilities": map[string]any{}}, nil); lsptest.Code(err) != lsptest.InvalidRequest {
		t.Fatalf("second initialize: %v", err)
	}
}

func TestUnknownMethods(t *testing.T) {
	c := startServer(t)
	c.initialize(nil)
	if err := c.Call("textDocument/noSuchThing", map[string]any{}, nil); lsptest.Code(err) != lsptest.MethodNotFound {
		t.Fatalf("unknown request: %v, want -32601", err)
	}
	c.Notify("workspace/noSuchNotification", map[string]any{})
	c.Notify("$/someExtension", map[string]any{"x": 1})
	c.Notify("$/setTrace", map[string]any{"value": "off"})
	// The server is still alive and answering.
	if err := c.Call("textDocument/noSuchThing", nil, nil); lsptest.Code(err) != lsptest.MethodNotFound {
		t.Fatalf("after unknown notifications: %v", err)
	}
}

func TestShutdownThenExit(t *testing.T) {
	c := startServer(t)
	c.initialize(nil)
	c.MustCall("shutdown", nil, nil)
	if err := c.Call("textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": "file:///x"}}, nil); lsptest.Code(err) != lsptest.InvalidRequest {
		t.Fatalf("request after shutdown: %v, want -32600", err)
	}
	c.Notify("exit", nil)
	select {
	case <-c.done:
	case <-time.After(10 * time.Second):
		t.Fatal("server did not stop after exit")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.exitCode != 0 {
		t.Fatalf("exit code after shutdown = %d, want 0", c.exitCode)
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	c := startServer(t)
	c.initialize(nil)
	c.Notify("exit", nil)
	select {
	case <-c.done:
	case <-time.After(10 * time.Second):
		t.Fatal("server did not stop after exit")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.exitCode != 1 {
		t.Fatalf("exit code without shutdown = %d, want 1", c.exitCode)
	}
}

// slowRequest blocks until cancelled, to test $/cancelRequest.
func withSlowRequest(started chan<- struct{}) func(*Server) {
	return func(s *Server) {
		s.extraRequests = map[string]requestHandler{
			"test/slow": func(*Server, jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
				return func(ctx context.Context) (any, error) {
					close(started)
					<-ctx.Done()
					return "finished", nil
				}, nil
			},
			"test/panic": func(*Server, jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
				return func(ctx context.Context) (any, error) { panic("boom") }, nil
			},
		}
	}
}

func TestCancelRequest(t *testing.T) {
	started := make(chan struct{})
	c := startServer(t, withSlowRequest(started))
	c.initialize(nil)
	slow := c.Go("test/slow", nil)
	<-started
	c.Notify("$/cancelRequest", map[string]any{"id": slow.ID})
	if err := slow.Wait(nil); lsptest.Code(err) != lsptest.RequestCancelled {
		t.Fatalf("cancelled request answered %v, want -32800", err)
	}
}

func TestPanicInHandlerKeepsServerAlive(t *testing.T) {
	c := startServer(t, withSlowRequest(make(chan struct{})))
	c.initialize(nil)
	if err := c.Call("test/panic", nil, nil); lsptest.Code(err) != lsptest.InternalError {
		t.Fatalf("panicking request: %v, want -32603", err)
	}
	var res json.RawMessage
	c.MustCall("textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": "file:///x"}}, &res)
}

// Every request the server handles is advertised, and nothing else.
func TestCapabilitiesMatchHandlers(t *testing.T) {
	c := startServer(t)
	res := c.initialize(nil)
	caps := res["capabilities"].(map[string]any)
	for method, capability := range map[string]string{
		"textDocument/hover": "hoverProvider", "textDocument/completion": "completionProvider",
		"textDocument/signatureHelp": "signatureHelpProvider", "textDocument/definition": "definitionProvider",
		"textDocument/references": "referencesProvider", "textDocument/documentHighlight": "documentHighlightProvider",
		"textDocument/rename": "renameProvider", "textDocument/documentSymbol": "documentSymbolProvider",
		"textDocument/foldingRange": "foldingRangeProvider", "textDocument/selectionRange": "selectionRangeProvider",
		"textDocument/formatting": "documentFormattingProvider", "textDocument/rangeFormatting": "documentRangeFormattingProvider",
		"textDocument/codeAction": "codeActionProvider", "textDocument/semanticTokens/full": "semanticTokensProvider",
		"textDocument/inlayHint": "inlayHintProvider", "textDocument/documentLink": "documentLinkProvider",
		"textDocument/diagnostic": "diagnosticProvider",
	} {
		if _, ok := requestHandlers[method]; !ok {
			t.Errorf("%s is not handled", method)
		}
		if caps[capability] == nil {
			t.Errorf("%s is handled but %s is not advertised", method, capability)
		}
	}
}
