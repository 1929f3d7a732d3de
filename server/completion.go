package server

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"github.com/dockerfile-ls/dockerfile-ls/docs"
	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// completionTriggers are the characters after which clients ask again.
var completionTriggers = []string{" ", "-", "=", "$", "{", "/", ":", ","}

var itemKinds = map[analysis.ItemKind]protocol.CompletionItemKind{
	analysis.ItemKeyword:   protocol.CompletionItemKindKeyword,
	analysis.ItemSnippet:   protocol.CompletionItemKindSnippet,
	analysis.ItemFlag:      protocol.CompletionItemKindProperty,
	analysis.ItemValue:     protocol.CompletionItemKindValue,
	analysis.ItemVariable:  protocol.CompletionItemKindVariable,
	analysis.ItemStage:     protocol.CompletionItemKindReference,
	analysis.ItemImage:     protocol.CompletionItemKindModule,
	analysis.ItemFile:      protocol.CompletionItemKindFile,
	analysis.ItemFolder:    protocol.CompletionItemKindFolder,
	analysis.ItemDirective: protocol.CompletionItemKindKeyword,
	analysis.ItemRule:      protocol.CompletionItemKindEnumMember,
	analysis.ItemProperty:  protocol.CompletionItemKindField,
}

// resolveData is carried in an item's data so that completionItem/resolve
// can fetch its documentation page lazily.
type resolveData struct {
	Kind string `json:"k"`
	Name string `json:"n"`
	Lang string `json:"l"`
}

var completion = documentHandler(func(p *protocol.CompletionParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.CompletionParams, r docRequest) (any, error) {
		items := r.document().Complete(r.m.offset(p.Position), analysis.CompletionOptions{
			Lang:        r.lang,
			Snippets:    r.sess.snippets,
			Env:         r.env(),
			Images:      r.s.workspaceImages(r.doc),
			ImageSource: r.imgs,
			Live:        r.live,
		})
		out := make([]protocol.CompletionItem, 0, len(items))
		for _, it := range items {
			out = append(out, toCompletionItem(it, r.m, r.sess, r.lang))
		}
		return &protocol.CompletionList{IsIncomplete: false, Items: out}, nil
	})

var placeholderRe = regexp.MustCompile(`\$\{\d+:([^}]*)\}|\$\{\d+\|([^|,]*)[^}]*\}|\$\d+`)

// plainSnippet turns a snippet into plain text for clients without snippets.
func plainSnippet(s string) string {
	return placeholderRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := placeholderRe.FindStringSubmatch(m)
		return sub[1] + sub[2]
	})
}

func toCompletionItem(it analysis.CompletionItem, m mapper, sess session, lang string) protocol.CompletionItem {
	text := it.Insert
	format := protocol.InsertTextFormatPlainText
	if it.Snippet != "" {
		if sess.snippets {
			text, format = it.Snippet, protocol.InsertTextFormatSnippet
		} else {
			text = plainSnippet(it.Snippet)
		}
	}
	item := protocol.CompletionItem{
		Label:            it.Label,
		Kind:             itemKinds[it.Kind],
		TextEdit:         &protocol.TextEdit{Range: m.rng(it.Replace), NewText: text},
		InsertTextFormat: format,
	}
	if it.Detail != "" {
		item.Detail = protocol.NewOptional(it.Detail)
	}
	if it.Filter != "" {
		item.FilterText = protocol.NewOptional(it.Filter)
	}
	if it.Sort != "" {
		item.SortText = protocol.NewOptional(it.Sort)
	}
	if it.Docs != "" {
		item.Documentation = &protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: it.Docs}
	}
	if it.DocName != "" {
		if b, err := json.Marshal(resolveData{Kind: string(it.DocKind), Name: it.DocName, Lang: lang}); err == nil {
			item.Data = b
		}
	}
	if it.Retrigger && strings.Contains(strings.ToLower(sess.clientName), "code") {
		item.Command = protocol.Command{Title: "suggest", Command: "editor.action.triggerSuggest"}
	}
	return item
}

func completionResolve(s *Server, params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	item, err := decode[protocol.CompletionItem](params)
	if err != nil {
		return nil, err
	}
	md := s.getSession().markdown
	return func(ctx context.Context) (any, error) {
		var data resolveData
		if len(item.Data) > 0 && json.Unmarshal(item.Data, &data) == nil && data.Name != "" {
			if page, ok := docs.Page(data.Lang, docs.Kind(data.Kind), data.Name); ok {
				kind := protocol.MarkupKindMarkdown
				if !md {
					kind, page = protocol.MarkupKindPlainText, plainText(page)
				}
				item.Documentation = &protocol.MarkupContent{Kind: kind, Value: page}
			}
		}
		return item, nil
	}, nil
}

// workspaceImages lists base images used in the other open Dockerfiles
// (those analysed already: see Snapshot.BaseImages).
func (s *Server) workspaceImages(cur *openDoc) []string {
	var out []string
	for _, d := range s.docs.all() {
		if d.uri != cur.uri {
			out = append(out, d.snap.BaseImages()...)
		}
	}
	return out
}
