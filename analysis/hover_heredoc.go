package analysis

import (
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
)

// hoverHeredoc explains the heredoc whose marker (<<EOF, <<-"EOF") or
// terminator line is at off: what this one does (who expands variables in
// it, whether tabs are stripped, what the body becomes), then the Heredocs
// topic page.
func (d *Document) hoverHeredoc(ins *Instruction, off int, lang string) *HoverResult {
	for _, h := range ins.Heredocs {
		span := h.Marker
		if !span.Contains(off) {
			span = h.Terminator
			if !h.Terminated || !span.Contains(off) {
				continue
			}
		}
		topic, _ := docs.Topic(lang, docs.TopicHeredocs)
		return &HoverResult{Span: span, Markdown: d.heredocSummary(ins, h, lang) + "\n\n---\n\n" + topic}
	}
	return nil
}

// heredocSummary is the part of the hover about this heredoc.
func (d *Document) heredocSummary(ins *Instruction, h Heredoc, lang string) string {
	cmd := trigger(ins).Cmd
	form := heredocFormOf(ins, h, d.Text[h.Body.Start:h.Body.End])
	var b strings.Builder
	b.WriteString("**" + msg(lang, "heredoc.title", h.Name, cmd) + "**\n\n")
	var what, expand string
	switch {
	case cmd != "RUN":
		what = msg(lang, "heredoc.file", h.Name, cmd)
		expand = msg(lang, "heredoc.buildkit")
		if form.expansion == expandNone {
			expand = msg(lang, "heredoc.literal")
		}
	case form.shebang != "":
		what = msg(lang, "heredoc.shebang", form.shebang)
		expand = msg(lang, "heredoc.interpreter", form.shebang)
		if form.expansion == expandShell {
			expand = msg(lang, "heredoc.shell")
		}
	case form.script:
		what = msg(lang, "heredoc.script")
		expand = msg(lang, "heredoc.shell")
		if !h.Expand {
			expand += " " + msg(lang, "heredoc.quotesignored")
		}
	default:
		what = msg(lang, "heredoc.command")
		expand = msg(lang, "heredoc.shell")
		if form.expansion == expandNone {
			expand = msg(lang, "heredoc.shellliteral")
		}
	}
	tabs := msg(lang, "heredoc.tabskept")
	if h.Chomp {
		tabs = msg(lang, "heredoc.tabsstripped")
	}
	b.WriteString("- " + what + "\n- " + expand + "\n- " + tabs + "\n")
	if !h.Terminated {
		b.WriteString("- " + msg(lang, "heredoc.unterminated", h.Name) + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}
