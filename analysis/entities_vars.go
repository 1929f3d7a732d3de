package analysis

// A variable entity is one name in one connected scope: a stage's ARG and
// ENV declarations of that name (one variable, assigned several times), the
// global ARGs of the name where a stage re-declares it with ARG (BuildKit's
// build argument of that name feeds both), the declarations a stage started
// "FROM <stage>" inherits and overwrites, and every $NAME / ${NAME} that
// resolves to one of them (Document.Var, the scope hover also shows).
// A predefined argument (TARGETARCH…) counts as declared by BuildKit in the
// global scope. Declarations are joined with a union-find; uses follow
// their definition.
// Keys no reference can name ("ARG a=1 # note" declares "#" and "note")
// are left out.

// declKey identifies a declaration: its instruction, the start of its key
// and its name (predefined arguments have neither instruction nor key).
type declKey struct {
	ins   *Instruction
	start int
	name  string
}

// varUnion is a union-find over declarations.
type varUnion struct {
	parent []int
	decls  []VarDef
	byKey  map[declKey]int
}

func (u *varUnion) node(def VarDef) int {
	k := declKey{def.Ins, def.NameSpan.Start, def.Name}
	if n, ok := u.byKey[k]; ok {
		return n
	}
	n := len(u.parent)
	u.parent = append(u.parent, n)
	u.decls = append(u.decls, def)
	u.byKey[k] = n
	return n
}

func (u *varUnion) find(n int) int {
	for u.parent[n] != n {
		u.parent[n] = u.parent[u.parent[n]]
		n = u.parent[n]
	}
	return n
}

func (u *varUnion) union(a, b int) { u.parent[u.find(a)] = u.find(b) }

// varUse is a reference resolved to its declaration.
type varUse struct {
	ref   VarRef
	decl  int
	scope int
	line  int
}

// indexVars records the variable entities of the document.
func (d *Document) indexVars(x *navIndex) {
	u := &varUnion{byKey: map[declKey]int{}}
	site := func(scope int, name string, line int, decl bool) {
		if x.varNames[scope] == nil {
			x.varNames[scope] = map[string][]nameSite{}
		}
		x.varNames[scope][name] = append(x.varNames[scope][name], nameSite{line, decl})
	}
	global := map[string]int{}
	for _, def := range d.globalDefs() {
		if def.Kind != VarGlobalArg || !varNameRe.MatchString(def.Name) {
			continue
		}
		n := u.node(def)
		if g, ok := global[def.Name]; ok {
			u.union(n, g)
		} else {
			global[def.Name] = n
		}
		site(-1, def.Name, def.Ins.EndLine, true)
	}
	// A predefined argument no global ARG declares is one entity too: its
	// uses in FROM lines and the stages' ARGs that take its value.
	for _, def := range d.globalDefs() {
		if _, ok := global[def.Name]; !ok && def.Kind == VarPredefined {
			global[def.Name] = u.node(def)
		}
	}
	stages := d.Stages()
	for _, st := range stages {
		own := map[string]int{}
		for _, def := range d.stageDefs(st) {
			if (def.Kind != VarArg && def.Kind != VarEnv) || !varNameRe.MatchString(def.Name) {
				continue
			}
			n := u.node(def)
			if o, ok := own[def.Name]; ok {
				u.union(n, o)
			} else {
				own[def.Name] = n
			}
			if g, ok := global[def.Name]; ok && def.Kind == VarArg {
				u.union(n, g)
			}
			site(st.Index, def.Name, def.Ins.EndLine, true)
		}
		if st.Parent != nil {
			for _, p := range d.stageDefs(st.Parent) {
				if o, ok := own[p.Name]; ok && p.Kind != VarPredefined && p.Kind != VarGlobalArg {
					u.union(o, u.node(p))
				}
			}
		}
	}
	var uses []varUse
	for _, ins := range d.allInstructions() {
		if len(ins.Vars) == 0 {
			continue
		}
		scope := -1
		if st := d.StageOf(ins); st != nil && ins.Cmd != "FROM" {
			scope = st.Index
		}
		visible := map[string]VarDef{}
		for _, def := range d.VarsAt(ins) {
			visible[def.Name] = def
		}
		for _, v := range ins.Vars {
			site(scope, v.Name, ins.Line, false)
			def, ok := visible[v.Name]
			if !ok || !varNameRe.MatchString(def.Name) {
				continue
			}
			uses = append(uses, varUse{v, u.node(def), scope, ins.Line})
		}
	}
	// One entity per root, declarations and uses in document order.
	entityOf := map[int]int{}
	ent := func(n int) int {
		r := u.find(n)
		if e, ok := entityOf[r]; ok {
			return e
		}
		e := x.newEntity(entity{kind: entityVar, name: u.decls[n].Name})
		entityOf[r] = e
		return e
	}
	declSpan := make([]Span, len(u.decls))
	for n, def := range u.decls {
		if def.Kind == VarPredefined {
			declSpan[n] = noSpan // BuildKit declares it: nowhere to go
			continue
		}
		span, mode := nameEdit(d.Text, def.NameSpan, def.Name, false)
		declSpan[n] = span
		x.add(ent(n), occurrence{span: span, hit: def.NameSpan, def: true, target: span, edit: mode, scope: d.scopeOf(def), line: def.Ins.EndLine})
	}
	for _, use := range uses {
		span, mode := nameEdit(d.Text, use.ref.NameSpan, use.ref.Name, false)
		x.add(ent(use.decl), occurrence{span: span, hit: use.ref.Span, target: declSpan[use.decl], edit: mode, scope: use.scope, line: use.line})
	}
}

// scopeOf is the scope a declaration is made in: its stage, or -1.
func (d *Document) scopeOf(def VarDef) int {
	if def.Kind == VarGlobalArg || def.Stage == nil {
		return -1
	}
	return def.Stage.Index
}
