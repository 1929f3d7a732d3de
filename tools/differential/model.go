package main

import (
	"regexp"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/imagedb"
)

// fileModel is a rough, independent reading of a file's stages and
// ARG/ENV declarations (from the token lexer, not from either server),
// enough to say what a completion label one server offers and the other
// does not refers to.
type fileModel struct {
	stages []stageInfo        // in order
	decls  map[string][]decl  // by variable name
	lineOf map[int]int        // instruction index → its first line
	byLine map[int]stageIndex // line → stage it is in (-1: before the first FROM)
	lines  []string
	argDef map[string]string // global ARG defaults, for the FROM values
	// backtick: the file's escape directive is the backtick (Windows')
	backtick bool
}

type stageIndex = int

type stageInfo struct {
	line   int
	name   string     // lower case, "" when unnamed
	parent stageIndex // the stage this one is built FROM, or -1
	image  string     // the FROM value when it names no stage above
	// byPlatform: the FROM value names its stage or image through a
	// predefined platform arg (`FROM build-${TARGETARCH}`), so which one
	// depends on the build's platform.
	byPlatform bool
}

type decl struct {
	line, ins int
	stage     stageIndex
	arg       bool // an ARG (build time only), not an ENV
}

var (
	proxyArgRe      = regexp.MustCompile(`^(?i)(http|https|ftp|no|all)_proxy$`)
	allCapsRe       = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)
	predefinedArgRe = regexp.MustCompile(`^((BUILD|TARGET)(PLATFORM|OS|ARCH|VARIANT|OSVERSION)|TARGETSTAGE|BUILDKIT_[A-Z_]+|SOURCE_DATE_EPOCH)$`)
	fromVarRe       = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)`)
	// platformArgs are BuildKit's values of the predefined platform args
	// for a build on linux/amd64 with no --platform.
	platformArgs = map[string]string{
		"TARGETPLATFORM": "linux/amd64", "TARGETOS": "linux", "TARGETARCH": "amd64", "TARGETVARIANT": "",
		"BUILDPLATFORM": "linux/amd64", "BUILDOS": "linux", "BUILDARCH": "amd64", "BUILDVARIANT": "",
	}
)

// buildModel reads stages from the FROM lines and declarations from the
// declared-key tokens.
func buildModel(toks []token, lines []string) *fileModel {
	m := &fileModel{decls: map[string][]decl{}, lineOf: map[int]int{}, byLine: map[int]stageIndex{}, lines: lines, argDef: map[string]string{}}
	for _, l := range lines { // the leading directives
		d := directiveRe.FindStringSubmatch(strings.TrimSpace(l))
		if d == nil {
			break
		}
		m.backtick = m.backtick || strings.EqualFold(d[1], "escape") && d[2] == "`"
	}
	cur := -1
	for _, t := range toks {
		if _, ok := m.lineOf[t.ins]; !ok {
			m.lineOf[t.ins] = t.Line
		}
		if cur < 0 && t.Kind == "keyword" && strings.EqualFold(t.Text, "ARG") {
			m.globalArgs(lineAt(lines, t.Line))
		}
		if t.Kind == "keyword" && strings.EqualFold(t.Text, "FROM") {
			m.stages = append(m.stages, m.stageAt(t.Line, lineAt(lines, t.Line)))
			cur = len(m.stages) - 1
		}
		m.byLine[t.Line] = cur
		if t.DeclKey {
			m.decls[t.Var] = append(m.decls[t.Var], decl{line: t.Line, ins: t.ins, stage: cur, arg: strings.HasSuffix(t.Instr, "ARG")})
		}
	}
	return m
}

// noFromAbove reports whether no FROM starts before line.
func (m *fileModel) noFromAbove(line int) bool {
	return len(m.stages) == 0 || m.stages[0].line >= line
}

func (m *fileModel) stageAt(line int, text string) stageInfo {
	s := stageInfo{line: line, parent: -1}
	var args []string
	for _, f := range strings.Fields(text)[1:] {
		if !strings.HasPrefix(f, "--") {
			args = append(args, f)
		}
	}
	if len(args) >= 3 && strings.EqualFold(args[1], "AS") {
		s.name = strings.ToLower(args[2])
	}
	if len(args) > 0 {
		args[0], s.byPlatform = m.expandFromPlatform(args[0])
		for i, st := range m.stages {
			if st.name != "" && st.name == strings.ToLower(args[0]) {
				s.parent = i
			}
		}
		if s.parent < 0 {
			s.image = args[0]
		}
	}
	return s
}

// globalArgs records the defaults of a global ARG line ("ARG A=1 B").
func (m *fileModel) globalArgs(text string) {
	for _, f := range strings.Fields(text)[1:] {
		if k, v, ok := strings.Cut(f, "="); ok {
			m.argDef[k], _ = m.expandFromPlatform(strings.Trim(v, `"'`)) // a default sees the ARGs above
		}
	}
}

// expandFromPlatform expands a FROM value's $X and ${X} with the global
// ARGs' defaults and the predefined platform args, as BuildKit does before
// it pulls the image or matches a stage; a variable without a value stays,
// and the value then names no image the model knows. byPlatform reports
// that a predefined platform arg was used.
func (m *fileModel) expandFromPlatform(v string) (out string, byPlatform bool) {
	out = fromVarRe.ReplaceAllStringFunc(v, func(ref string) string {
		sm := fromVarRe.FindStringSubmatch(ref)
		if d, ok := m.argDef[sm[1]+sm[2]]; ok {
			return d
		}
		if d, ok := platformArgs[sm[1]+sm[2]]; ok {
			byPlatform = true
			return d
		}
		return ref
	})
	return out, byPlatform
}

// viaPlatform reports whether stage of reaches its ancestor a through a
// FROM that depends on the build's platform.
func (m *fileModel) viaPlatform(of, a stageIndex) bool {
	for s := of; s >= 0 && s < len(m.stages) && s != a; s = m.stages[s].parent {
		if m.stages[s].byPlatform {
			return true
		}
	}
	return false
}

// imageSets reports whether the image stage s is built on (through its
// parents) sets name: in its config's ENV, or, for RUN and a container
// command, among the variables
// Windows gives processes. The offline table's facts (imagedb), not our
// analysis: a variable we offer for that reason is the image's, not a guess.
func (m *fileModel) imageSets(s stageIndex, name string, run bool) bool {
	for range len(m.stages) {
		if s < 0 || s >= len(m.stages) {
			return false
		}
		if m.stages[s].parent < 0 {
			break
		}
		s = m.stages[s].parent
	}
	if s < 0 || s >= len(m.stages) {
		return false
	}
	im, ok := imagedb.Image{}, false
	if !strings.ContainsAny(m.stages[s].image, "$") {
		var p *imagedb.Image
		if p, ok = imagedb.Lookup(m.stages[s].image); ok {
			im = *p
		}
	}
	if !ok {
		// Whatever the image, BuildKit sets PATH in every stage whose
		// config lacks it, except on Windows (dockerfile2llb/convert.go,
		// "make sure that PATH is always set").
		return name == "PATH" && !m.windowsLike(m.stages[s].image)
	}
	e, ok := im.LookupEnv(name)
	if !ok && name == "PATH" {
		return im.OS != imagedb.Windows
	}
	return ok && (run || !e.FromOS)
}

// windowsLike says whether a stage on an image the table does not know is
// likely Windows': the file's escape character is the backtick, or the
// image's name says so.
func (m *fileModel) windowsLike(image string) bool {
	image = strings.ToLower(image)
	return m.backtick || strings.Contains(image, "windows") || strings.Contains(image, "nanoserver") || strings.Contains(image, "servercore")
}

func (m *fileModel) ancestor(of, a stageIndex) bool {
	for s := of; s >= 0 && s < len(m.stages); s = m.stages[s].parent {
		if s == a {
			return true
		}
	}
	return false
}

// related says whether stages a and b are built FROM a common stage.
func (m *fileModel) related(a, b stageIndex) bool {
	for s := a; s >= 0 && s < len(m.stages); s = m.stages[s].parent {
		if m.ancestor(b, s) {
			return true
		}
	}
	return false
}

// describeVar says what a variable label is to the cursor at t:
// in-scope (declared above in this stage, or globally for FROM),
// inherited (declared in a stage this one is built FROM), platform-inherited
// (the same, through a FROM named with a platform arg), same-instruction,
// image-env (set by the base image), later, global-only (a global ARG the
// stage does not re-declare), other-stage; else build-arg (an ARG, which
// CMD/ENTRYPOINT/HEALTHCHECK, run in the container, do not see), proxy,
// predefined or undeclared.
func (m *fileModel) describeVar(t token, name string) string {
	s := m.byLine[t.Line]
	inFrom := strings.HasSuffix(t.Instr, "FROM") || s == -1 // the global scope
	if inFrom && predefinedArgRe.MatchString(name) {
		global := false
		for _, d := range m.decls[name] {
			global = global || d.stage == -1 && d.line < t.Line
		}
		if !global {
			return "predefined" // FROM sees BuildKit's value, whatever stages declare
		}
	}
	var kinds []string
	atStart := strings.HasSuffix(t.Instr, "CMD") || strings.HasSuffix(t.Instr, "ENTRYPOINT") || strings.HasSuffix(t.Instr, "HEALTHCHECK")
	buildArg := false
	for _, d := range m.decls[name] {
		if atStart && d.arg && d.line < t.Line {
			buildArg = true // the container's command does not see it
			continue
		}
		switch {
		case d.ins == t.ins:
			kinds = append(kinds, "same-instruction")
		case d.line > t.Line:
			if d.stage == s {
				kinds = append(kinds, "later")
			} else {
				kinds = append(kinds, "other-stage")
			}
		case inFrom && d.stage == -1, !inFrom && d.stage == s:
			kinds = append(kinds, "in-scope")
		case !inFrom && d.stage >= 0 && m.ancestor(s, d.stage) && m.viaPlatform(s, d.stage):
			kinds = append(kinds, "platform-inherited")
		case !inFrom && d.stage >= 0 && m.ancestor(s, d.stage):
			kinds = append(kinds, "inherited")
		case d.stage == -1:
			kinds = append(kinds, "global-only")
		default:
			kinds = append(kinds, "other-stage")
		}
	}
	for i, k := range []string{"in-scope", "inherited", "platform-inherited", "same-instruction", "later", "global-only", "other-stage"} {
		if i == 2 && !inFrom && m.imageSets(s, name, strings.HasSuffix(t.Instr, "RUN") || atStart) {
			return "image-env" // visible whatever the file declares later
		}
		for _, have := range kinds {
			if have == k {
				return k
			}
		}
	}
	switch {
	case buildArg:
		return "build-arg"
	case proxyArgRe.MatchString(name):
		return "proxy"
	case predefinedArgRe.MatchString(name):
		return "predefined"
	}
	return "undeclared"
}

// describeStage says what a --from label is to the cursor at t:
// current-stage, earlier-stage, later-stage, index, variable (a `${X}`
// value, or an upper-case name, which no image reference can be: the
// repository part is lower case) or image.
func (m *fileModel) describeStage(t token, label string) string {
	s := m.byLine[t.Line]
	if strings.Contains(label, "$") || allCapsRe.MatchString(label) {
		return "variable"
	}
	for i, st := range m.stages {
		if st.name == "" || st.name != strings.ToLower(label) {
			continue
		}
		switch {
		case i == s:
			return "current-stage"
		case i < s:
			return "earlier-stage"
		}
		return "later-stage"
	}
	if strings.Trim(label, "0123456789") == "" && label != "" {
		return "index"
	}
	return "image"
}

// describeLabels describes completion labels where the cursor completes a
// variable or a --from value, and flag labels (written-flag: the flag is
// already on the line, apart from the token at t); "" elsewhere.
func (m *fileModel) describeLabels(t token, labels []string) string {
	var out []string
	for _, l := range labels {
		switch {
		case strings.HasPrefix(l, "--") && m.flagWritten(t, l):
			out = append(out, "written-flag")
		case strings.HasPrefix(l, "--"):
			out = append(out, "flag")
		case t.Kind == "variable" && t.Text != "$":
			out = append(out, m.describeVar(t, l))
		case t.Flag == "from" && t.Kind == "flag-value":
			out = append(out, m.describeStage(t, l))
		}
	}
	return strings.Join(sortedSet(out), "; ")
}

// flagWritten reports whether flag (--name) is written on t's line other
// than at t.
func (m *fileModel) flagWritten(t token, flag string) bool {
	if t.Line >= len(m.lines) {
		return false
	}
	line := m.lines[t.Line]
	for i := 0; ; {
		j := strings.Index(line[i:], flag)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(flag)
		if j != t.Col && (j == 0 || line[j-1] == ' ' || line[j-1] == '\t') && (end == len(line) || strings.ContainsRune("= \t", rune(line[end]))) {
			return true
		}
		i = end
	}
}
