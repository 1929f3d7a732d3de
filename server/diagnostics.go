package server

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"github.com/dockerfile-ls/dockerfile-ls/config"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// diagnosticsPublisher pushes diagnostics, computed off the request path
// by the scheduler. Each version gets at most two sets, each consistent
// with that version alone: a quick one (analysis.QuickDiagnostics) when the
// full one would not be there at once, then the full one, which replaces
// it. After an edit the full set waits until edits settle: twice the time
// the document's last analysis took, within the Debounce option. Only the
// document's current version is published, in the order versions arrived
// (not by version number, which a client may send going backwards), never
// a quick set after its full one; closing clears.
type diagnosticsPublisher struct {
	s *Server

	// mu guards the fields below and orders the publishes.
	mu        sync.Mutex
	published map[uri.URI]shown
	cost      map[uri.URI]time.Duration // how long the document's last full analysis took
	stopped   bool
}

// shown is the last set published for a document.
type shown struct {
	doc  *openDoc
	full bool
}

// firstResultsBudget is how long a full set may take and still be the
// first one shown: beyond it, the quick set goes first.
const firstResultsBudget = 50 * time.Millisecond

// costPerLine estimates a document's full analysis before it was measured
// (BuildKit's checks take about 20 µs a line on the benchmark machine).
const costPerLine = 20 * time.Microsecond

// minDebounce coalesces the changes of one burst (a paste, multi-cursor edits).
const minDebounce = 5 * time.Millisecond

func newDiagnosticsPublisher(s *Server) *diagnosticsPublisher {
	return &diagnosticsPublisher{s: s, published: map[uri.URI]shown{}, cost: map[uri.URI]time.Duration{}}
}

// publishReason says why a document is analysed again.
type publishReason int

const (
	reasonOpen    publishReason = iota // opened: nothing is shown yet
	reasonEdit                         // its text changed
	reasonRefresh                      // something it depends on changed (.dockerignore, settings)
)

// schedule queues the analysis of doc's version.
func (p *diagnosticsPublisher) schedule(doc *openDoc, why publishReason) {
	if p.s.getSession().pullDiags || !p.s.getSettings().DiagnosticsEnabled() {
		return // the client pulls; pushing as well would show everything twice
	}
	p.mu.Lock()
	if p.stopped {
		p.mu.Unlock()
		return
	}
	cost, measured := p.cost[doc.uri]
	p.mu.Unlock()
	if !measured {
		cost = time.Duration(doc.snap.Mapper().Count()) * costPerLine
	}
	var delay time.Duration
	if why == reasonEdit {
		delay = min(max(2*cost, minDebounce), p.s.opts.Debounce)
	}
	if why != reasonRefresh && delay+cost > firstResultsBudget {
		// The parser's errors are worth their cost after an edit (a typo);
		// a file opened from disk almost always parses.
		parserErrors := why == reasonEdit
		p.s.sched.submit(doc, jobQuick, 0, func(context.Context) {
			set, file := p.s.settingsFor(doc.uri)
			if !set.DiagnosticsEnabled() {
				return // the full job publishes the empty set
			}
			p.publish(doc, false, set, file, doc.snap.Document().QuickDiagnostics(env(p.s.contextFor(doc.uri, set)), p.s.imageSource(), parserErrors))
		})
	}
	p.s.sched.submit(doc, jobFull, delay, func(ctx context.Context) { p.publishFull(ctx, doc) })
}

// publishFull computes and publishes doc's full set, measuring how long it
// took for the next debounce.
func (p *diagnosticsPublisher) publishFull(ctx context.Context, doc *openDoc) {
	set, file := p.s.settingsFor(doc.uri)
	if !set.DiagnosticsEnabled() {
		p.publish(doc, true, set, file, nil) // turned off for this document
		return
	}
	start := time.Now()
	d := doc.snap.Document()
	diags, err := d.DiagnosticsContext(ctx, env(p.s.contextFor(doc.uri, set)), p.s.imageSource())
	if err != nil {
		return // superseded or closed
	}
	diags = d.WithLive(diags, p.s.live())
	p.mu.Lock()
	if p.s.docs.get(doc.uri) == doc {
		p.cost[doc.uri] = time.Since(start)
	}
	p.mu.Unlock()
	p.publish(doc, true, set, file, diags)
	p.s.releaseIfCold(doc)
}

// publish sends one set for doc if doc is still the current version and
// the set is not a quick one after the version's full one; set and file
// are the document's settings and the project file they came from.
func (p *diagnosticsPublisher) publish(doc *openDoc, full bool, set config.Settings, file *config.File, diags []analysis.Diagnostic) {
	p.s.configDiags.report(file)
	items := []protocol.Diagnostic{}
	if set.DiagnosticsEnabled() {
		items = p.s.toLSP(doc, set, diags)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped || p.s.docs.get(doc.uri) != doc {
		return // closed, or a newer version will publish
	}
	if last := p.published[doc.uri]; !full && last.doc == doc {
		return // this version's sets are shown already
	}
	p.published[doc.uri] = shown{doc: doc, full: full}
	p.s.idle.touch() // the checks just made garbage
	p.s.notifyClient(context.Background(), "textDocument/publishDiagnostics", &protocol.PublishDiagnosticsParams{
		URI:         doc.uri,
		Version:     protocol.NewOptional(doc.version),
		Diagnostics: items,
	})
}

// clear forgets a closed document (or one whose diagnostics were turned
// off) and clears what was shown for it.
func (p *diagnosticsPublisher) clear(ctx context.Context, u uri.URI) {
	p.mu.Lock()
	delete(p.published, u)
	delete(p.cost, u)
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
}

// toLSP converts a document's findings under its settings (rule levels,
// language).
func (s *Server) toLSP(doc *openDoc, set config.Settings, found []analysis.Diagnostic) []protocol.Diagnostic {
	return toLSPDiagnostics(doc.mapper(s.getSession().enc), s.lang(set), set.RuleSettings().Apply(found))
}

// diagnosticData is a diagnostic's data: BuildKit's own message, on a
// BuildKit finding whose message shown is ours.
type diagnosticData struct {
	BuildKitMessage string `json:"buildkitMessage,omitempty"`
}

// toLSPDiagnostics converts analysis diagnostics of one version.
func toLSPDiagnostics(m mapper, lang string, diags []analysis.Diagnostic) []protocol.Diagnostic {
	out := make([]protocol.Diagnostic, 0, len(diags))
	for _, d := range diags {
		shown := d.Localized(lang)
		item := protocol.Diagnostic{
			Range:    m.rng(d.Span),
			Severity: protocol.DiagnosticSeverity(d.Severity),
			Code:     protocol.String(d.Rule),
			Source:   protocol.NewOptional(d.Source),
			Message:  protocol.String(shown),
		}
		if d.Source == analysis.SourceBuildKit && shown != d.Message {
			// The message shown is ours (translated or explained): BuildKit's
			// own text stays available to clients and tools.
			if b, err := json.Marshal(diagnosticData{BuildKitMessage: d.Message}); err == nil {
				item.Data = b
			}
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
