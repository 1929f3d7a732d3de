package analysis

import (
	"slices"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// VarKind says where a variable visible at some point comes from.
type VarKind string

// Variable kinds.
const (
	VarArg          VarKind = "ARG"        // declared with ARG in this stage
	VarEnv          VarKind = "ENV"        // set with ENV in this stage
	VarGlobalArg    VarKind = "global ARG" // declared with ARG before the first FROM
	VarInheritedEnv VarKind = "parent ENV" // ENV of the stage this one is based on
	VarInheritedArg VarKind = "parent ARG" // ARG of the stage this one is based on (BuildKit carries build args over)
	VarPredefined   VarKind = "predefined" // a build argument BuildKit always defines
)

// VarDef is a variable definition visible at some instruction.
type VarDef struct {
	Name     string
	Value    string // the value with variables expanded ("" when none)
	HasValue bool
	Kind     VarKind
	Ins      *Instruction // the declaring instruction (nil when predefined)
	NameSpan Span
	Stage    *Stage // the declaring stage (nil for global and predefined)
	line     int    // visible to instructions on later lines
}

// KeyValue is one name[=value] of ARG, ENV or LABEL.
type KeyValue struct {
	Key       string
	KeySpan   Span
	Value     string // unquoted
	ValueSpan Span
	HasValue  bool
}

// KeyValues splits the arguments of ARG, ENV or LABEL into pairs, including
// the legacy "ENV key value" form.
func (ins *Instruction) KeyValues() []KeyValue {
	var out []KeyValue
	if len(ins.Args) == 0 {
		return nil
	}
	if (ins.Cmd == "ENV" || ins.Cmd == "LABEL") && !strings.Contains(ins.Args[0].Raw, "=") {
		key := ins.Args[0]
		rest := strings.TrimLeft(ins.ArgsText[len(key.Raw):], " \t")
		restStart := len(ins.ArgsText) - len(rest)
		return []KeyValue{{
			Key: key.Value, KeySpan: key.Span,
			Value: unquote(rest, ins.escape), ValueSpan: ins.LogicalSpan(restStart, len(ins.ArgsText)),
			HasValue: rest != "",
		}}
	}
	for _, w := range ins.Args {
		raw := w.Raw
		eq := strings.IndexByte(raw, '=')
		if eq < 0 {
			out = append(out, KeyValue{Key: unquote(raw, ins.escape), KeySpan: w.Span, ValueSpan: Span{w.Span.End, w.Span.End}})
			continue
		}
		out = append(out, KeyValue{
			Key:       unquote(raw[:eq], ins.escape),
			KeySpan:   ins.logical.span(w.log, w.log+eq),
			Value:     unquote(raw[eq+1:], ins.escape),
			ValueSpan: ins.logical.span(w.log+eq+1, w.log+len(raw)),
			HasValue:  true,
		})
	}
	return out
}

// predefinedDefaults are example values for the platform args in the global
// scope; the real ones depend on the build machine and --platform.
var predefinedDefaults = map[string]string{
	"TARGETPLATFORM": "linux/amd64", "TARGETOS": "linux", "TARGETARCH": "amd64", "TARGETVARIANT": "",
	"BUILDPLATFORM": "linux/amd64", "BUILDOS": "linux", "BUILDARCH": "amd64", "BUILDVARIANT": "",
}

// envList is a shell.EnvGetter over definitions (last one wins).
type envList []VarDef

// Get returns the latest value of name.
func (e envList) Get(name string) (string, bool) {
	for i := len(e) - 1; i >= 0; i-- {
		if e[i].Name == name {
			return e[i].Value, e[i].HasValue
		}
	}
	return "", false
}

// Keys lists the names defined.
func (e envList) Keys() []string {
	var out []string
	for _, d := range e {
		out = append(out, d.Name)
	}
	return out
}

func (d *Document) expand(word string, env envList) string {
	if varDepth(word, d.Escape) > maxVarDepth {
		return word // BuildKit's lexer is quadratic in the depth (see depth.go)
	}
	lex := shell.NewLex(rune(d.Escape))
	v, _, err := lex.ProcessWord(word, env)
	if err != nil {
		return word
	}
	return v
}

// globalDefs returns the global scope: predefined platform args, then the
// ARGs before the first FROM, resolved once.
func (d *Document) globalDefs() []VarDef {
	d.globalOnce.Do(func() {
		var defs []VarDef
		for _, a := range docs.Ref().Args {
			if a.Group != "platform" {
				continue
			}
			v, ok := predefinedDefaults[a.Name]
			defs = append(defs, VarDef{Name: a.Name, Value: v, HasValue: ok, Kind: VarPredefined, NameSpan: noSpan, line: -1})
		}
		for _, ins := range d.throughFirstStage().globalArgs {
			for _, kv := range ins.KeyValues() {
				def := VarDef{Name: kv.Key, Kind: VarGlobalArg, Ins: ins, NameSpan: kv.KeySpan, line: ins.EndLine}
				if kv.HasValue {
					def.Value, def.HasValue = d.expand(kv.Value, defs), true
				}
				defs = append(defs, def)
			}
		}
		d.globalScope = defs
	})
	return d.globalScope
}

// throughFirstStage returns a view that holds every global ARG.
func (d *Document) throughFirstStage() *view {
	for line := 0; ; line += 64 {
		v := d.through(line)
		if len(v.stages) > 0 || v.next >= d.Lines.Count() {
			return v
		}
	}
}

// stageDefs returns the definitions of a stage in order (ENV inherited from
// its parent first), resolved once per stage.
func (d *Document) stageDefs(st *Stage) []VarDef {
	if defs, ok := d.stageScopes.Load(st); ok {
		return defs.([]VarDef)
	}
	global := d.globalDefs()
	var defs []VarDef
	if st.Parent != nil {
		for _, p := range d.stageDefs(st.Parent) {
			switch p.Kind {
			case VarEnv, VarInheritedEnv:
				p.Kind = VarInheritedEnv
			case VarArg, VarInheritedArg:
				p.Kind = VarInheritedArg
			default:
				continue
			}
			p.line = st.From.Line - 1
			defs = append(defs, p)
		}
	}
	for _, ins := range st.Instructions {
		if ins.Cmd != "ARG" && ins.Cmd != "ENV" {
			continue
		}
		env := envList(slices.Clone(defs))
		for _, kv := range ins.KeyValues() {
			def := VarDef{Name: kv.Key, Kind: VarKind(ins.Cmd), Ins: ins, NameSpan: kv.KeySpan, Stage: st, line: ins.EndLine}
			switch {
			case kv.HasValue:
				def.Value, def.HasValue = d.expand(kv.Value, env), true
			case ins.Cmd == "ARG":
				// ARG NAME without a value takes the global default or the predefined value.
				if g, ok := envList(global).Get(kv.Key); ok {
					def.Value, def.HasValue = g, true
				}
			}
			defs = append(defs, def)
		}
	}
	d.stageScopes.Store(st, defs)
	return defs
}

// VarsAt returns the variables visible to ins, one per name (the latest
// definition), sorted by name. Before the first FROM and in FROM lines that
// is the global scope.
func (d *Document) VarsAt(ins *Instruction) []VarDef {
	var defs []VarDef
	st := d.StageOf(ins)
	if st == nil || ins.Cmd == "FROM" {
		defs = d.globalDefs()
	} else {
		defs = d.stageDefs(st)
	}
	seen := map[string]int{}
	var out []VarDef
	for _, def := range defs {
		if def.line >= ins.Line && def.Kind != VarInheritedEnv && def.Kind != VarInheritedArg {
			continue
		}
		if i, ok := seen[def.Name]; ok {
			out[i] = def
			continue
		}
		seen[def.Name] = len(out)
		out = append(out, def)
	}
	slices.SortFunc(out, func(a, b VarDef) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Var returns the definition of name visible to ins.
func (d *Document) Var(ins *Instruction, name string) (VarDef, bool) {
	for _, def := range d.VarsAt(ins) {
		if def.Name == name {
			return def, true
		}
	}
	return VarDef{}, false
}

// ExpandAt expands variables in word as BuildKit would at ins.
func (d *Document) ExpandAt(ins *Instruction, word string) string {
	return d.expand(word, envList(d.VarsAt(ins)))
}

// defsOf returns the definitions made by an ARG or ENV instruction.
func (d *Document) defsOf(ins *Instruction) []VarDef {
	var out []VarDef
	for _, def := range d.globalDefs() {
		if def.Ins == ins {
			out = append(out, def)
		}
	}
	if st := d.StageOf(ins); st != nil {
		for _, def := range d.stageDefs(st) {
			if def.Ins == ins && def.Kind != VarInheritedEnv && def.Kind != VarInheritedArg {
				out = append(out, def)
			}
		}
	}
	return out
}
