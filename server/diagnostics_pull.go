package server

import (
	"context"
	"encoding/hex"
	"hash/fnv"

	"github.com/dockerfile-ls/dockerfile-ls/buildcontext"
	"github.com/dockerfile-ls/dockerfile-ls/config"
	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// Pull diagnostics: textDocument/diagnostic for one document and
// workspace/diagnostic for every open one. A pull waits for the full
// analysis of the version it names, through the scheduler: it joins the run
// that is queued or going on, never starts another. A report's resultId is
// a hash of its items, so "unchanged" is exact whatever changed in between
// (the text, .dockerignore, the settings).

// pulledReport is one document's report, computed for a pull.
type pulledReport struct {
	items    []protocol.Diagnostic
	resultID string
}

// pullRequest is what a pull captured on the read loop.
type pullRequest struct {
	s    *Server
	doc  *openDoc
	bctx *buildcontext.Context
	set  config.Settings // the document's
	file *config.File    // the project file set came from, if any
}

func (s *Server) newPull(doc *openDoc) pullRequest {
	r := pullRequest{s: s, doc: doc}
	if doc != nil {
		r.set, r.file = s.settingsFor(doc.uri)
		r.bctx = s.contextFor(doc.uri, r.set)
	}
	return r
}

// report waits for the document's analysis and converts it; pull tells
// that a client waits for this document now (it then runs first).
func (r pullRequest) report(ctx context.Context, pull bool) (pulledReport, error) {
	r.s.configDiags.report(r.file)
	items := []protocol.Diagnostic{}
	if r.set.DiagnosticsEnabled() {
		run := func(ctx context.Context) { _ = r.doc.snap.Document().Check(ctx) }
		if err := r.s.sched.wait(ctx, r.doc, pull, run); err != nil {
			return pulledReport{}, err
		}
		d := r.doc.snap.Document()
		diags, err := d.DiagnosticsContext(ctx, env(r.bctx), r.s.imageSource())
		if err != nil {
			return pulledReport{}, err
		}
		diags = d.WithLive(diags, r.s.live())
		items = r.s.toLSP(r.doc, r.set, diags)
		r.s.releaseIfCold(r.doc)
		// The checks just made garbage: the idle trim counts from the
		// last answer, not from the pulls' arrival (a burst of pulls
		// arrives at once and is answered over seconds).
		r.s.idle.touch()
	}
	return pulledReport{items: items, resultID: resultID(items)}, nil
}

// resultID identifies a report by its content.
func resultID(items []protocol.Diagnostic) string {
	b, err := protocol.Marshal(items)
	if err != nil {
		return ""
	}
	h := fnv.New64a()
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))
}

func pullDiagnostics(s *Server, params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	p, err := decode[protocol.DocumentDiagnosticParams](params)
	if err != nil {
		return nil, err
	}
	doc := s.docs.get(p.TextDocument.URI)
	if doc != nil {
		s.sched.touch(doc.uri, false, true)
	}
	r := s.newPull(doc)
	return func(ctx context.Context) (any, error) {
		if doc == nil {
			empty := ""
			return &protocol.RelatedFullDocumentDiagnosticReport{FullDocumentDiagnosticReport: protocol.FullDocumentDiagnosticReport{
				Kind: string(protocol.DocumentDiagnosticReportKindFull), ResultID: &empty, Items: []protocol.Diagnostic{},
			}}, nil
		}
		rep, err := r.report(ctx, true)
		if err != nil {
			return nil, err
		}
		if p.PreviousResultID != nil && *p.PreviousResultID == rep.resultID {
			return &protocol.RelatedUnchangedDocumentDiagnosticReport{UnchangedDocumentDiagnosticReport: protocol.UnchangedDocumentDiagnosticReport{
				Kind: string(protocol.DocumentDiagnosticReportKindUnchanged), ResultID: rep.resultID,
			}}, nil
		}
		return &protocol.RelatedFullDocumentDiagnosticReport{FullDocumentDiagnosticReport: protocol.FullDocumentDiagnosticReport{
			Kind: string(protocol.DocumentDiagnosticReportKindFull), ResultID: &rep.resultID, Items: rep.items,
		}}, nil
	}, nil
}

// workspaceDiagnostics reports every open document (the server knows no
// other), "unchanged" for those whose previous resultId is current.
func workspaceDiagnostics(s *Server, params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	p, err := decode[protocol.WorkspaceDiagnosticParams](params)
	if err != nil {
		return nil, err
	}
	previous := map[uri.URI]string{}
	for _, prev := range p.PreviousResultIds {
		previous[prev.URI] = prev.Value
	}
	var pulls []pullRequest
	for _, doc := range s.docs.all() {
		pulls = append(pulls, s.newPull(doc))
	}
	return func(ctx context.Context) (any, error) {
		out := &protocol.WorkspaceDiagnosticReport{Items: []protocol.WorkspaceDocumentDiagnosticReport{}}
		for _, r := range pulls {
			rep, err := r.report(ctx, false)
			if err != nil {
				if ctx.Err() != nil {
					return nil, err
				}
				continue // closed meanwhile
			}
			version := r.doc.version
			if prev, ok := previous[r.doc.uri]; ok && prev == rep.resultID {
				out.Items = append(out.Items, &protocol.WorkspaceUnchangedDocumentDiagnosticReport{
					UnchangedDocumentDiagnosticReport: protocol.UnchangedDocumentDiagnosticReport{
						Kind: string(protocol.DocumentDiagnosticReportKindUnchanged), ResultID: rep.resultID,
					},
					URI: r.doc.uri, Version: &version,
				})
				continue
			}
			out.Items = append(out.Items, &protocol.WorkspaceFullDocumentDiagnosticReport{
				FullDocumentDiagnosticReport: protocol.FullDocumentDiagnosticReport{
					Kind: string(protocol.DocumentDiagnosticReportKindFull), ResultID: &rep.resultID, Items: rep.items,
				},
				URI: r.doc.uri, Version: &version,
			})
		}
		return out, nil
	}, nil
}
