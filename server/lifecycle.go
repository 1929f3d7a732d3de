package server

import (
	"context"
	"encoding/json"
	"sync"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"github.com/dockerfile-ls/dockerfile-ls/config"
	"github.com/dockerfile-ls/dockerfile-ls/position"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

func initialize(s *Server, params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	p, err := decode[protocol.InitializeParams](params)
	if err != nil {
		return nil, err
	}
	return func(context.Context) (any, error) {
		// Markdown unless the client lists hover formats without it: clients
		// that say nothing are, in practice, ones that render Markdown.
		sess := session{enc: position.UTF16, markdown: true}
		caps := p.Capabilities
		if caps.General != nil {
			sess.enc = negotiateEncoding(caps.General.PositionEncodings)
		}
		if td := caps.TextDocument; td != nil {
			if td.Hover != nil {
				sess.markdown = len(td.Hover.ContentFormat) == 0 || contains(td.Hover.ContentFormat, protocol.MarkupKindMarkdown)
			}
			if td.Completion != nil && td.Completion.CompletionItem.SnippetSupport != nil {
				sess.snippets = *td.Completion.CompletionItem.SnippetSupport
			}
			sess.pullDiags = td.Diagnostic != nil
		}
		if w := caps.Workspace; w != nil {
			if w.DidChangeWatchedFiles != nil && w.DidChangeWatchedFiles.DynamicRegistration != nil {
				sess.watchFiles = *w.DidChangeWatchedFiles.DynamicRegistration
			}
			sess.pullConfig = w.Configuration != nil && *w.Configuration
			sess.refreshDiags = w.Diagnostics != nil && w.Diagnostics.RefreshSupport != nil && *w.Diagnostics.RefreshSupport
		}
		if p.Locale != nil {
			sess.locale = *p.Locale
		}
		//lint:ignore SA1019 rootUri is the fallback for clients that send no workspaceFolders.
		if root := p.RootURI; root != nil && !root.IsZero() {
			sess.rootPath = root.FsPath()
		}
		sess.clientName = p.ClientInfo.Name
		settings := s.getSettings()
		if p.InitializationOptions != nil {
			if raw, err := json.Marshal(p.InitializationOptions); err == nil {
				var problems []string
				settings, problems = mergeSettings(settings, raw)
				s.logSettingsProblems(problems)
			}
		}
		s.stateMu.Lock()
		s.session = sess
		s.settings = settings
		s.state = stateInitializing
		s.stateMu.Unlock()
		s.configureRegistry(settings.Registry)
		go warm()
		s.log.Info("initialize", "client", sess.clientName, "positionEncoding", encodingKind(sess.enc), "pullDiagnostics", sess.pullDiags)
		return &protocol.InitializeResult{
			Capabilities: s.capabilities(sess),
			ServerInfo:   protocol.ServerInfo{Name: "dockerfile-ls", Version: protocol.NewOptional(s.opts.Version)},
		}, nil
	}, nil
}

func contains[T comparable](xs []T, x T) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func (s *Server) capabilities(sess session) protocol.ServerCapabilities {
	change := protocol.TextDocumentSyncKindIncremental
	openClose := true
	return protocol.ServerCapabilities{
		PositionEncoding: encodingKind(sess.enc),
		TextDocumentSync: &protocol.TextDocumentSyncOptions{
			OpenClose: &openClose,
			Change:    &change,
			Save:      protocol.Boolean(true),
		},
		HoverProvider: protocol.Boolean(true),
		CompletionProvider: &protocol.CompletionOptions{
			TriggerCharacters: completionTriggers,
			ResolveProvider:   ptr(true),
		},
		SignatureHelpProvider: &protocol.SignatureHelpOptions{
			TriggerCharacters:   []string{" "},
			RetriggerCharacters: []string{"=", ","},
		},
		DefinitionProvider:              protocol.Boolean(true),
		ReferencesProvider:              protocol.Boolean(true),
		DocumentHighlightProvider:       protocol.Boolean(true),
		RenameProvider:                  &protocol.RenameOptions{PrepareProvider: ptr(true)},
		DocumentSymbolProvider:          protocol.Boolean(true),
		FoldingRangeProvider:            protocol.Boolean(true),
		WorkspaceSymbolProvider:         protocol.Boolean(true),
		SelectionRangeProvider:          protocol.Boolean(true),
		DocumentFormattingProvider:      protocol.Boolean(true),
		DocumentRangeFormattingProvider: protocol.Boolean(true),
		// On-type formatting on newline indents continuation lines.
		DocumentOnTypeFormattingProvider: protocol.DocumentOnTypeFormattingOptions{FirstTriggerCharacter: "\n"},
		CodeActionProvider: &protocol.CodeActionOptions{
			CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix, protocol.CodeActionKindSourceFixAll},
		},
		SemanticTokensProvider: &protocol.SemanticTokensOptions{
			Legend: protocol.SemanticTokensLegend{TokenTypes: analysis.TokenTypeNames, TokenModifiers: analysis.TokenModifierNames},
			Full:   &protocol.SemanticTokensFullDelta{Delta: ptr(true)},
			Range:  protocol.Boolean(true),
		},
		InlayHintProvider:    protocol.Boolean(true),
		DocumentLinkProvider: &protocol.DocumentLinkOptions{},
		DiagnosticProvider: &protocol.DiagnosticOptions{
			Identifier:            ptr("dockerfile-ls"),
			InterFileDependencies: false,
			WorkspaceDiagnostics:  true,
		},
	}
}

func ptr[T any](v T) *T { return &v }

// warm does, once per process and in the background, the package-level
// initialisation a first analysis would otherwise pay when the first
// document opens (BuildKit, regular expressions, the embedded reference).
var warm = sync.OnceFunc(analysis.Warm)

func initialized(s *Server, _ context.Context, _ jsonrpc2.RawMessage) error {
	s.stateMu.Lock()
	if s.state == stateInitializing {
		s.state = stateRunning
	}
	watch, pull := s.session.watchFiles, s.session.pullConfig
	s.stateMu.Unlock()
	if pull {
		go s.pullConfiguration()
	}
	if watch {
		// .dockerignore decides CopyIgnoredFile and path completion, and a
		// project file the settings: ask the client to tell us when one changes. A call from the read loop would
		// wait on itself, so it goes on its own goroutine.
		go func() {
			params := map[string]any{"registrations": []any{map[string]any{
				"id": "dockerfile-ls-dockerignore", "method": "workspace/didChangeWatchedFiles",
				"registerOptions": map[string]any{"watchers": []any{
					map[string]any{"globPattern": "**/.dockerignore"},
					map[string]any{"globPattern": "**/*.dockerignore"},
					map[string]any{"globPattern": "**/" + config.FileName},
				}},
			}}}
			if _, err := s.conn.Call(context.Background(), "client/registerCapability", params, nil); err != nil {
				s.log.Debug("registering file watchers", "error", err)
			}
		}()
	}
	return nil
}

// didChangeWatchedFiles: a .dockerignore or a project file changed, so
// diagnostics may too.
func didChangeWatchedFiles(s *Server, _ context.Context, _ jsonrpc2.RawMessage) error {
	s.configDiags.recheck()
	s.settingsChanged()
	return nil
}

func shutdown(s *Server, _ jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	return func(context.Context) (any, error) {
		s.stateMu.Lock()
		s.state = stateShutdown
		s.stateMu.Unlock()
		s.diags.stop()
		return nil, nil
	}, nil
}

func exit(s *Server, _ context.Context, _ jsonrpc2.RawMessage) error {
	code := 1
	if s.getState() == stateShutdown {
		code = 0
	}
	s.log.Info("exit", "code", code)
	if s.opts.Exit != nil {
		s.opts.Exit(code)
	}
	go s.conn.Close() // Close waits for this handler; it cannot run inline
	return nil
}

func didChangeConfiguration(s *Server, ctx context.Context, params jsonrpc2.RawMessage) error {
	var p struct {
		Settings json.RawMessage `json:"settings"`
	}
	if err := json.Unmarshal(params, &p); err != nil {
		return err
	}
	s.stateMu.Lock()
	var problems []string
	s.settings, problems = mergeSettings(s.settings, p.Settings)
	pull := s.session.pullConfig
	s.stateMu.Unlock()
	s.logSettingsProblems(problems)
	s.settingsChanged()
	if pull {
		// Clients that answer workspace/configuration often send no settings
		// here, only the news that they changed.
		go s.pullConfiguration()
	}
	return nil
}
