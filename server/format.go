package server

import (
	"context"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"github.com/dockerfile-ls/dockerfile-ls/config"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// formatOptions: continuation lines get a tab when the editor indents with
// tabs, else tabSize spaces; the shell style and the blank-line limit come
// from the settings.
func formatOptions(o protocol.FormattingOptions, s config.Format) analysis.FormatOptions {
	opts := analysis.FormatOptions{TabWidth: int(o.TabSize), Shell: s.Shell, MaxBlankLines: s.MaxBlankLines}
	if opts.MaxBlankLines == 0 {
		opts.MaxBlankLines = -1 // none (0 would mean the default)
	}
	if !o.InsertSpaces {
		opts.Indent = "\t"
	} else if o.TabSize > 0 {
		opts.Indent = strings.Repeat(" ", int(o.TabSize))
	}
	return opts
}

var formatting = documentHandler(func(p *protocol.DocumentFormattingParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.DocumentFormattingParams, r docRequest) (any, error) {
		opts := formatOptions(p.Options, r.set.Format)
		return textEdits(r.m, r.document().Format(opts)), nil
	})

var rangeFormatting = documentHandler(func(p *protocol.DocumentRangeFormattingParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.DocumentRangeFormattingParams, r docRequest) (any, error) {
		opts := formatOptions(p.Options, r.set.Format)
		return textEdits(r.m, r.document().FormatRange(r.m.span(p.Range), opts)), nil
	})

var onTypeFormatting = documentHandler(func(p *protocol.DocumentOnTypeFormattingParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.DocumentOnTypeFormattingParams, r docRequest) (any, error) {
		opts := formatOptions(p.Options, r.set.Format)
		return textEdits(r.m, r.document().FormatOnType(r.m.offset(p.Position), p.Ch, opts)), nil
	})
