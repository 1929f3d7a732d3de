package analysis

// ruleURL returns the documentation URL of one of our rules.
func ruleURL(rule string) string {
	return "https://github.com/dockerfile-ls/dockerfile-ls/blob/main/docs/en/rules/" + rule + ".md"
}

// ourDiagnostics runs the rules of our own that BuildKit does not have.
func (d *Document) ourDiagnostics(env Env) []Diagnostic {
	var out []Diagnostic
	out = append(out, d.copyIgnoredFile(env)...)
	return out
}

func (d *Document) copyIgnoredFile(env Env) []Diagnostic { return nil }
