package main

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf16"
)

// token is a probe point: where a word, flag, variable or punctuation run
// begins on a line. The context fields are a rough, independent reading of
// the line (neither server's lexer), used only to group findings and match
// known differences.
type token struct {
	Line  int    `json:"line"` // 0-based
	Col   int    `json:"col"`  // 0-based, UTF-16 units
	Text  string `json:"text"` // the run
	Kind  string `json:"kind"` // comment, directive, keyword, flag, variable, heredoc, word, punct
	Instr string `json:"instr,omitempty"`
	// Var is the variable a variable token names (also on its $ and {),
	// and Declared whether some ARG or ENV of the file declares it.
	Var      string `json:"var,omitempty"`
	Declared bool   `json:"declared,omitempty"`
	// Flag is the name of the --flag whose word the token is in.
	Flag string `json:"flag,omitempty"`
	// SelfRef marks, in an ARG or ENV, a reference to a key the same
	// instruction declares, and that key.
	SelfRef bool `json:"selfRef,omitempty"`
	// Modified marks a reference written with a modifier: ${NAME%x},
	// ${NAME:-x}…
	Modified bool `json:"modified,omitempty"`
	// Redeclared marks a variable more than one ARG/ENV declares.
	Redeclared bool `json:"redeclared,omitempty"`
	// Touches marks the $ or { of a reference, or the character just
	// after a name or a ${…}: the cursor at a name's edge.
	Touches   bool `json:"touches,omitempty"`
	ins       int  // index of the instruction the line belongs to
	wordStart bool // the token begins a space-separated word
	// InHeredoc marks a token in a heredoc body.
	InHeredoc bool `json:"inHeredoc,omitempty"`
	// AfterEscapedEscape marks the instruction right after a line ending
	// in two escape characters.
	AfterEscapedEscape bool `json:"afterEscapedEscape,omitempty"`
	// AfterCommentEscape marks the instruction right after a comment line
	// ending in the escape character (a continuation for the incumbent,
	// not for BuildKit, which drops comment lines whole).
	AfterCommentEscape bool `json:"afterCommentEscape,omitempty"`
	// MultiKey marks a key of an ARG that declares several.
	MultiKey bool `json:"multiKey,omitempty"`
	// DeclKey marks a key an ARG or ENV declares.
	DeclKey bool `json:"declKey,omitempty"`
	// Literal marks text the RUN's shell does not expand when it runs:
	// inside single quotes, or in the body of a quoted heredoc (<<'EOF').
	Literal bool `json:"literal,omitempty"`
	// Complete marks a point where a user asks for completion: an
	// instruction keyword, its first argument, a flag, a flag's value, a
	// variable name.
	Complete bool `json:"-"`
}

var (
	directiveRe = regexp.MustCompile(`^#\s*([a-zA-Z]+)\s*=\s*(\S*)`)
	// heredocRe follows BuildKit's (parser.go reHeredoc: `(\d*)<<(-?)\s*word`),
	// applied to each word of the line.
	heredocRe = regexp.MustCompile(`(?:^|\s)\d*<<(-?)\s*(["']?)([^\s<>|;&'"]+)(["']?)`)
)

// lineContext reads a Dockerfile line by line and says, for each line,
// which instruction it belongs to and whether it is a comment, a directive
// or part of a heredoc body.
type lineContext struct {
	escape      byte
	directives  bool // still in the leading directive block
	continued   string
	heredocs    []heredocEnd
	lastKeyword string
	// endedEscapedEscape: the last instruction line ended in two escape
	// characters (not a continuation for BuildKit, one for the
	// incumbent); afterEscapedEscape: the current instruction follows one.
	endedEscapedEscape, afterEscapedEscape bool
	// commentEndedEscape: the last line was a comment ending in the escape
	// character; afterCommentEscape: the current instruction follows one.
	commentEndedEscape, afterCommentEscape bool
	// bodyQuoted: the heredoc body line classify last returned belongs to
	// a quoted heredoc.
	bodyQuoted bool
}

type heredocEnd struct {
	word   string
	strip  bool // <<- strips leading tabs
	quoted bool // <<'EOF' or <<"EOF": the body is not expanded
}

// classify returns the kind of line ("comment", "directive", "heredoc",
// "continuation" or "instruction") and its instruction keyword.
func (lc *lineContext) classify(line string) (kind, instr string) {
	trimmed := strings.TrimSpace(line)
	afterComment := lc.commentEndedEscape
	lc.commentEndedEscape = false
	if len(lc.heredocs) > 0 {
		h := lc.heredocs[0]
		l := line
		if h.strip {
			l = strings.TrimLeft(l, "\t")
		}
		if strings.TrimRight(l, " \r") == h.word {
			lc.heredocs = lc.heredocs[1:]
			return "heredoc-end", lc.lastKeyword
		}
		lc.bodyQuoted = h.quoted
		return "heredoc", lc.lastKeyword
	}
	if strings.HasPrefix(trimmed, "#") {
		if m := directiveRe.FindStringSubmatch(trimmed); lc.directives && m != nil {
			if strings.EqualFold(m[1], "escape") && m[2] == "`" {
				lc.escape = '`'
			}
			return "directive", ""
		}
		lc.directives = false
		lc.commentEndedEscape = strings.HasSuffix(trimmed, string(lc.escape))
		return "comment", lc.continued
	}
	if trimmed == "" {
		lc.directives = false
		return "empty", lc.continued
	}
	lc.directives = false
	kind = "continuation"
	instr = lc.continued
	if instr == "" {
		kind = "instruction"
		word := strings.FieldsFunc(trimmed, unicode.IsSpace)[0]
		instr = strings.ToUpper(word)
		if instr == "ONBUILD" {
			if f := strings.Fields(trimmed); len(f) > 1 {
				instr = "ONBUILD " + strings.ToUpper(f[1])
			}
		}
	}
	// BuildKit's rule (parser.go lineContinuationRegex): the line ends in
	// the escape character, not preceded by another one (or is only it).
	end := strings.TrimRight(line, " \t")
	n := len(end)
	escaped := n >= 1 && end[n-1] == lc.escape
	doubled := escaped && n >= 2 && end[n-2] == lc.escape
	lc.afterEscapedEscape = kind == "instruction" && lc.endedEscapedEscape || kind == "continuation" && lc.afterEscapedEscape
	lc.afterCommentEscape = kind == "instruction" && afterComment || kind == "continuation" && lc.afterCommentEscape
	lc.endedEscapedEscape = doubled && strings.TrimSpace(end) != string(lc.escape)
	if escaped && (!doubled || strings.TrimSpace(end) == string(lc.escape)) {
		lc.continued = instr
	} else {
		lc.continued = ""
	}
	lc.lastKeyword = instr
	if strings.Contains(instr, "RUN") || strings.Contains(instr, "COPY") || strings.Contains(instr, "ADD") {
		for _, m := range heredocRe.FindAllStringSubmatch(line, -1) {
			if m[2] == m[4] {
				lc.heredocs = append(lc.heredocs, heredocEnd{word: m[3], strip: m[1] == "-", quoted: m[2] != ""})
			}
		}
		if len(lc.heredocs) > 0 {
			lc.continued = ""
		}
	}
	return kind, instr
}

// singleQuoted returns the UTF-16 columns of line inside shell single
// quotes, given the quote open at its start (a quoted string may span a
// continuation), and the quote open at its end.
func singleQuoted(line string, quote rune) (map[int]bool, rune) {
	cols := map[int]bool{}
	col, escaped := 0, false
	for _, r := range line {
		switch {
		case quote == '\'':
			if r == '\'' {
				quote = 0
			} else {
				cols[col] = true
			}
		case escaped:
			escaped = false
		case r == '\\':
			escaped = true
		case r == '"':
			if quote == '"' {
				quote = 0
			} else {
				quote = '"'
			}
		case r == '\'' && quote == 0:
			quote = '\''
		}
		col += len(utf16.Encode([]rune{r}))
	}
	return cols, quote
}

func utf16Units(s string) []uint16 { return utf16.Encode([]rune(s)) }

type charClass int

const (
	classSpace charClass = iota
	classWord
	classPunct
)

func classOf(r rune) charClass {
	switch {
	case unicode.IsSpace(r):
		return classSpace
	case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
		return classWord
	}
	return classPunct
}

// tokenize returns every token start of text. A run is a maximal sequence
// of word characters (letters, digits, _) or of one repeated punctuation
// character; spaces separate runs.
func tokenize(text string) []token {
	lc := lineContext{escape: '\\', directives: true}
	var out []token
	declared := map[string]bool{}
	own := map[int]map[string]bool{} // instruction → keys it declares
	ins := 0
	flagsOpen := false // the instruction's own --flags may still follow
	var quote rune     // the shell quote open at the end of the RUN's last line
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSuffix(line, "\r")
		kind, instr := lc.classify(line)
		if kind == "instruction" {
			ins++
			quote = 0
		}
		var literal map[int]bool
		if strings.HasSuffix(instr, "RUN") && (kind == "instruction" || kind == "continuation") {
			literal, quote = singleQuoted(line, quote)
		}
		if kind == "instruction" || kind == "continuation" {
			if own[ins] == nil {
				own[ins] = map[string]bool{}
			}
			declare(own[ins], line, kind, instr)
			for k := range own[ins] {
				declared[k] = true
			}
		}
		if kind == "instruction" {
			flagsOpen = true
		}
		toks := lineTokens(i, line, kind, instr, &flagsOpen)
		for k := range toks {
			toks[k].ins = ins
			toks[k].InHeredoc = kind == "heredoc" || kind == "heredoc-end"
			toks[k].Literal = literal[toks[k].Col] || kind == "heredoc" && lc.bodyQuoted
			toks[k].AfterCommentEscape = lc.afterCommentEscape && (kind == "instruction" || kind == "continuation")
			toks[k].AfterEscapedEscape = lc.afterEscapedEscape && (kind == "instruction" || kind == "continuation") ||
				lc.endedEscapedEscape && (kind == "comment" || kind == "empty")
		}
		out = append(out, toks...)
	}
	// Keys and references first, then what touches them.
	for i := range out {
		t := &out[i]
		switch {
		case t.Kind == "word" && t.wordStart && declaresVars(t.Instr) && own[t.ins][t.Text]:
			t.Var, t.DeclKey = t.Text, true
		case t.Kind == "variable":
			for j := i; j < len(out) && j < i+3 && out[j].Line == t.Line; j++ {
				if classOf([]rune(out[j].Text)[0]) == classWord {
					t.Var = out[j].Text
					break
				}
			}
			t.Touches = t.Text == "$" || t.Text == "{"
		}
	}
	declCount, keysIn := map[string]int{}, map[int]int{}
	for _, t := range out {
		if t.DeclKey {
			declCount[t.Var]++
			keysIn[t.ins]++
		}
	}
	for i := range out {
		if t := &out[i]; t.DeclKey && strings.HasSuffix(t.Instr, "ARG") && keysIn[t.ins] > 1 {
			t.MultiKey = true
		}
	}
	for i := 1; i < len(out); i++ {
		t, prev := &out[i], out[i-1]
		if t.Var != "" || !contiguous(out, i-1, i) {
			continue
		}
		switch {
		case prev.Var != "" && classOf([]rune(t.Text)[0]) != classWord && (prev.DeclKey || prev.Kind == "variable" && prev.Text == prev.Var):
			t.Var, t.Touches = prev.Var, true // the character right after a name
			if prev.Kind == "variable" && modified(out, i-1) {
				t.Modified = true
				j := i
				for ; j < len(out) && out[j].Line == t.Line && out[j].Text != "}"; j++ {
					if out[j].Var == "" {
						out[j].Var, out[j].Modified = prev.Var, true
					}
				}
				if j < len(out) && out[j].Line == t.Line && out[j].Var == "" {
					out[j].Var, out[j].Touches, out[j].Modified = prev.Var, true, true // the } closing ${NAME…}
				}
			}
		case prev.Text == "}" && prev.Var != "":
			t.Touches = true // right after ${NAME}
		}
	}
	selfRefs := map[int]map[string]bool{}
	for i := range out {
		t := &out[i]
		if t.Var == "" {
			continue
		}
		t.Declared = declared[t.Var]
		t.Redeclared = declCount[t.Var] > 1
		if t.Kind == "variable" && modified(out, i) {
			t.Modified = true
		}
		if own[t.ins][t.Var] && t.Kind == "variable" {
			t.SelfRef = true
			if selfRefs[t.ins] == nil {
				selfRefs[t.ins] = map[string]bool{}
			}
			selfRefs[t.ins][t.Var] = true
		}
	}
	var lastRef *token // the last reference's name token, for its edges
	for i := range out {
		t := &out[i]
		switch {
		case t.DeclKey && selfRefs[t.ins][t.Text]:
			t.SelfRef = true
		case t.Kind == "variable" && t.Text == t.Var:
			lastRef = t
		case t.Touches && !t.DeclKey && lastRef != nil && lastRef.Line == t.Line && lastRef.Var == t.Var:
			t.SelfRef = lastRef.SelfRef // the } or character after a self reference
		}
	}
	return out
}

func declaresVars(instr string) bool {
	return strings.HasSuffix(instr, "ARG") || strings.HasSuffix(instr, "ENV")
}

// modified says whether the variable token at i belongs to a braced
// reference with a modifier after the name.
func modified(toks []token, i int) bool {
	j := i
	for j < len(toks) && toks[j].Line == toks[i].Line && toks[j].Text != toks[i].Var {
		j++
	}
	if j == 0 || j+1 >= len(toks) || toks[j-1].Text != "{" || toks[j+1].Line != toks[i].Line || !contiguous(toks, j, j+1) {
		return false
	}
	return strings.ContainsAny(toks[j+1].Text[:1], ":-+?%#/^,")
}

// declare adds the keys an ARG or ENV line declares (roughly: each
// key=value word's key, or ENV's legacy single key).
func declare(names map[string]bool, line, kind, instr string) {
	if instr != "ARG" && instr != "ENV" && instr != "ONBUILD ARG" && instr != "ONBUILD ENV" {
		return
	}
	words := strings.Fields(strings.TrimSuffix(strings.TrimSpace(line), "\\"))
	if kind == "instruction" {
		words = words[len(strings.Fields(instr)):]
	}
	for k, w := range words {
		if strings.HasPrefix(w, "--") {
			continue
		}
		key, _, hasEq := strings.Cut(w, "=")
		if hasEq || instr == "ARG" || instr == "ONBUILD ARG" {
			names[key] = true
		} else if k == 0 && kind == "instruction" {
			names[key] = true // ENV key value
			return
		}
	}
}

func lineTokens(n int, line, lineKind, instr string, flagsOpen *bool) []token {
	var out []token
	inFlags := false // the current word is one of the instruction's flags
	runes := []rune(line)
	col := 0             // UTF-16 column of runes[j]
	argStart := true     // the current run begins a space-separated word
	wordPrefix := ""     // text of the current space-separated word so far
	keywordSeen := false // the line's instruction keyword has been passed
	firstArgDone := false
	for j := 0; j < len(runes); j++ {
		r := runes[j]
		c := classOf(r)
		w := len(utf16.Encode([]rune{r}))
		if c == classSpace {
			argStart, wordPrefix = true, ""
			col += w
			continue
		}
		if argStart && (lineKind == "instruction" && keywordSeen || lineKind == "continuation") {
			rest := j
			for rest < len(runes) && classOf(runes[rest]) != classSpace {
				rest++
			}
			if word := string(runes[j:rest]); word != "\\" && word != "`" {
				*flagsOpen = *flagsOpen && strings.HasPrefix(word, "--")
			}
			inFlags = *flagsOpen
		} else if argStart {
			inFlags = false
		}
		starts := j == 0 || c != classOf(runes[j-1]) || (c == classPunct && r != runes[j-1])
		if starts {
			end := j + 1
			for end < len(runes) && classOf(runes[end]) == c && (c == classWord || runes[end] == r) {
				end++
			}
			t := token{Line: n, Col: col, Text: string(runes[j:end]), Instr: instr, wordStart: argStart}
			t.Kind, t.Complete = tokenKind(lineKind, t.Text, wordPrefix, argStart, inFlags)
			if inFlags {
				rest := j
				for rest < len(runes) && classOf(runes[rest]) != classSpace {
					rest++
				}
				t.Flag = flagOf(wordPrefix + string(runes[j:rest]))
			}
			if lineKind == "instruction" && !keywordSeen && c == classWord {
				t.Kind, t.Complete, keywordSeen = "keyword", true, true
			} else if lineKind == "instruction" && keywordSeen && argStart && !firstArgDone {
				t.Complete, firstArgDone = true, true
			}
			out = append(out, t)
		}
		wordPrefix += string(r)
		argStart = false
		col += w
	}
	return out
}

var flagRe = regexp.MustCompile(`^--([A-Za-z][A-Za-z0-9-]*)`)

func flagOf(word string) string {
	if m := flagRe.FindStringSubmatch(word); m != nil {
		return m[1]
	}
	return ""
}

// tokenKind guesses what a run is from the line's kind and the text of
// its space-separated word before it.
func tokenKind(lineKind, text, wordPrefix string, argStart, inFlags bool) (string, bool) {
	switch lineKind {
	case "comment", "directive":
		return lineKind, false
	case "heredoc", "heredoc-end":
		if lineKind == "heredoc-end" {
			return "heredoc-delimiter", false
		}
		if strings.HasSuffix(wordPrefix, "$") || strings.HasSuffix(wordPrefix, "${") {
			return "variable", true
		}
		if text == "$" {
			return "variable", false
		}
		return "heredoc", false
	}
	switch {
	case inFlags && argStart && strings.HasPrefix(text, "--"):
		return "flag", true
	case inFlags && (strings.HasSuffix(wordPrefix, "=") || strings.HasSuffix(wordPrefix, ",")) && classOf([]rune(text)[0]) == classWord:
		return "flag-value", true
	case inFlags && !strings.Contains(wordPrefix, "=") && classOf([]rune(text)[0]) == classWord:
		return "flag", false
	case strings.HasSuffix(wordPrefix, "$") || strings.HasSuffix(wordPrefix, "${"):
		return "variable", true
	case text == "$":
		return "variable", false
	case strings.Contains(wordPrefix, "<<") && classOf([]rune(text)[0]) == classWord:
		return "heredoc-delimiter", false
	}
	if classOf([]rune(text)[0]) == classWord {
		return "word", false
	}
	return "punct", false
}
