package analysis

import (
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
)

// ItemKind classifies a completion item; the server maps it to the LSP kind.
type ItemKind int

// Completion item kinds.
const (
	ItemKeyword ItemKind = iota
	ItemSnippet
	ItemFlag
	ItemValue
	ItemVariable
	ItemStage
	ItemImage
	ItemFile
	ItemFolder
	ItemDirective
	ItemRule
	ItemProperty
)

// CompletionItem is one proposal at the cursor.
type CompletionItem struct {
	Label     string
	Kind      ItemKind
	Detail    string
	Replace   Span   // the text the item replaces (the partial word before the cursor)
	Insert    string // plain text to insert
	Snippet   string // snippet text (LSP snippet syntax), when the item has placeholders
	Filter    string // filter text when it differs from Label
	Sort      string // sort key
	Retrigger bool   // ask the editor to complete again after inserting (e.g. after "--mount=")
	DocKind   docs.Kind
	DocName   string // the reference page that documents the item (resolved lazily)
	Docs      string // documentation that is not a page (Markdown)
}

// CompletionOptions tune completion.
type CompletionOptions struct {
	Lang     string
	Snippets bool
	Env      Env
	// Images are image names used in the workspace's other Dockerfiles.
	Images []string
	// ImageSource says what base images contain (nil: the offline table).
	ImageSource ImageSource
	// Live is the registry (nil when off): tags after "image:".
	Live Live
}

// DirEntry is one entry of a build-context directory.
type DirEntry struct {
	Name  string
	IsDir bool
}

// ContextFS lists build-context directories; an Env may implement it.
type ContextFS interface {
	ListDir(rel string) []DirEntry
}

// Complete returns what may be written at off, and nothing that may not.
func (d *Document) Complete(off int, opts CompletionOptions) []CompletionItem {
	if opts.Lang == "" {
		opts.Lang = "en"
	}
	line := d.Lines.LineOf(off)
	lineStart := d.Lines.LineStart(line)
	before := d.Text[lineStart:off]
	trimmed := strings.TrimLeft(before, " \t")

	if strings.HasPrefix(trimmed, "#") {
		return d.completeComment(off, line, lineStart, before, opts)
	}
	ins := d.InstructionAt(off)
	if ins == nil || off <= ins.Keyword.End && off >= ins.Keyword.Start {
		if ins == nil && strings.TrimSpace(before) != "" {
			return nil
		}
		start := off - len(trimmed)
		if ins != nil {
			start = ins.Keyword.Start
		}
		return d.completeInstructions(Span{start, off}, false, line, opts)
	}
	target := ins
	if ins.Cmd == "ONBUILD" {
		if ins.Sub == nil || off <= ins.Sub.Keyword.End {
			start := off
			if ins.Sub != nil {
				start = ins.Sub.Keyword.Start
			}
			return d.completeInstructions(Span{start, off}, true, line, opts)
		}
		target = ins.Sub
	}
	// Inside a heredoc body only variables are ours to offer (the shell, or
	// BuildKit for COPY <<EOF, expands them there).
	for _, h := range target.Heredocs {
		if off > h.Marker.End && h.Body.Contains(off) && off >= h.Body.Start {
			return d.completeVariable(target, off, lineStart, opts)
		}
	}
	word, wordStart := currentWord(d.Text, lineStart, off)
	if items := d.completeVariable(target, off, lineStart, opts); items != nil {
		return items
	}
	if d.inFlagArea(target, wordStart) {
		switch {
		case strings.HasPrefix(word, "--") && strings.Contains(word, "="):
			return d.completeFlagValue(target, word, off, opts)
		case strings.HasPrefix(word, "-"):
			return d.completeFlagNames(target, wordStart, off)
		case word == "":
			// Flags may still be written here, and so may the first argument.
			return append(d.completeFlagNames(target, wordStart, off), d.completeArgs(target, word, wordStart, off, opts)...)
		}
	}
	return d.completeArgs(target, word, wordStart, off, opts)
}

// currentWord returns the partial word before off on its line.
func currentWord(text string, lineStart, off int) (string, int) {
	s := off
	for s > lineStart && !isSpaceByte(text[s-1]) {
		s--
	}
	return text[s:off], s
}

// inFlagArea reports whether a word starting at pos is still among the flags.
func (d *Document) inFlagArea(ins *Instruction, pos int) bool {
	for _, a := range ins.Args {
		if a.Span.Start < pos && !strings.HasPrefix(a.Raw, "--") {
			return false
		}
	}
	return true
}

// lowerCase reports whether the file writes instruction keywords in lower
// case, judging by the instructions up to line (all of them are not needed
// to know the file's habit, and completion must not lex the whole file).
func (d *Document) lowerCase(line int) bool {
	lower, upper := 0, 0
	for _, ins := range d.through(line).instructions {
		hasLower, hasUpper := false, false
		for i := ins.Keyword.Start; i < ins.Keyword.End; i++ {
			c := d.Text[i]
			hasLower = hasLower || ('a' <= c && c <= 'z')
			hasUpper = hasUpper || ('A' <= c && c <= 'Z')
		}
		switch {
		case hasLower && !hasUpper:
			lower++
		case hasUpper && !hasLower:
			upper++
		}
	}
	return lower > upper
}
