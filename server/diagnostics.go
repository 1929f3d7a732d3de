package server

import (
	"context"
	"strconv"
	"sync"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"github.com/dockerfile-ls/dockerfile-ls/config"
	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// diagnosticsPublisher publishes diagnostics after edits settle, off the
// request path: each edit restarts a per-document timer, and when it fires
// the diagnostics of the then-latest version are computed and sent with
// its version. Older results are never sent after newer ones: "newer" is
// the order edits arrived in, not the version numbers, which a client may
// send going backwards.
type diagnosticsPublisher struct {
	s *Server

	// mu guards timers and stopped, and orders the publishes.
	mu      sync.Mutex
	timers  map[uri.URI]*time.Timer
	stopped bool
}

func newDiagnosticsPublisher(s *Server) *diagnosticsPublisher {
	return &diagnosticsPublisher{s: s, timers: map[uri.URI]*time.Timer{}}
}

func (p *diagnosticsPublisher) schedule(doc *openDoc, delay time.Duration) {
	if p.s.getSession().pullDiags || !p.s.getSettings().DiagnosticsEnabled() {
		return // the client pulls; pushing as well would show everything twice
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return
	}
	if t := p.timers[doc.uri]; t != nil {
		t.Stop()
	}
	u := doc.uri
	p.timers[u] = time.AfterFunc(delay, func() { p.publish(u) })
}

func (p *diagnosticsPublisher) publish(u uri.URI) {
	doc := p.s.docs.get(u)
	if doc == nil {
		return
	}
	sess := p.s.getSession()
	set, file := p.s.settingsFor(u)
	p.s.configDiags.report(file)
	items := []protocol.Diagnostic{}
	if set.DiagnosticsEnabled() {
		items = p.s.diagnosticsOf(doc, set, sess)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped || p.s.docs.get(u) != doc {
		return // closed, or a newer version will publish
	}
	p.s.idle.touch() // the checks just made garbage
	p.s.notifyClient(context.Background(), "textDocument/publishDiagnostics", &protocol.PublishDiagnosticsParams{
		URI:         u,
		Version:     protocol.NewOptional(doc.version),
		Diagnostics: items,
	})
}

// clear stops pending work for a closed document and clears its diagnostics.
func (p *diagnosticsPublisher) clear(ctx context.Context, u uri.URI) {
	p.mu.Lock()
	if t := p.timers[u]; t != nil {
		t.Stop()
		delete(p.timers, u)
	}
	stopped := p.stopped
	p.mu.Unlock()
	if stopped || p.s.getSession().pullDiags {
		return
	}
	p.s.notifyClient(ctx, "textDocument/publishDiagnostics", &protocol.PublishDiagnosticsParams{
		URI:         u,
		Diagnostics: []protocol.Diagnostic{},
	})
}

func (p *diagnosticsPublisher) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stopped = true
	for _, t := range p.timers {
		t.Stop()
	}
}

// diagnosticsOf are a document's findings under its settings.
func (s *Server) diagnosticsOf(doc *openDoc, set config.Settings, sess session) []protocol.Diagnostic {
	found := doc.snap.Document().Diagnostics(env(s.contextFor(doc.uri, set)))
	return toLSPDiagnostics(doc.mapper(sess.enc), s.lang(set), set.RuleSettings().Apply(found))
}

// toLSPDiagnostics converts analysis diagnostics of one version.
func toLSPDiagnostics(m mapper, lang string, diags []analysis.Diagnostic) []protocol.Diagnostic {
	out := make([]protocol.Diagnostic, 0, len(diags))
	for _, d := range diags {
		item := protocol.Diagnostic{
			Range:    m.rng(d.Span),
			Severity: protocol.DiagnosticSeverity(d.Severity),
			Code:     protocol.String(d.Rule),
			Source:   protocol.NewOptional(d.Source),
			Message:  protocol.String(d.Localized(lang)),
		}
		if d.URL != "" {
			if href, err := uri.Parse(d.URL); err == nil {
				item.CodeDescription = protocol.CodeDescription{Href: href}
			}
		}
		if len(d.Tags) > 0 {
			tags := make([]protocol.DiagnosticTag, len(d.Tags))
			for i, t := range d.Tags {
				tags[i] = protocol.DiagnosticTag(t) // same values as the LSP's
			}
			item.Tags = protocol.NewDiagnosticTags(tags...)
		}
		out = append(out, item)
	}
	return out
}

func pullDiagnostics(s *Server, params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	p, err := decode[protocol.DocumentDiagnosticParams](params)
	if err != nil {
		return nil, err
	}
	doc := s.docs.get(p.TextDocument.URI)
	sess := s.getSession()
	var set config.Settings
	var file *config.File
	if doc != nil {
		set, file = s.settingsFor(doc.uri)
	}
	return func(ctx context.Context) (any, error) {
		s.configDiags.report(file)
		items := []protocol.Diagnostic{}
		if doc != nil && set.DiagnosticsEnabled() {
			items = s.diagnosticsOf(doc, set, sess)
		}
		resultID := ""
		if doc != nil {
			resultID = strconv.Itoa(int(doc.version))
		}
		return &protocol.RelatedFullDocumentDiagnosticReport{
			FullDocumentDiagnosticReport: protocol.FullDocumentDiagnosticReport{
				Kind:     "full",
				ResultID: &resultID,
				Items:    items,
			},
		}, nil
	}, nil
}
