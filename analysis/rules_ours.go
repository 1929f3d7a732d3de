package analysis

import (
	"encoding/json"
	"strings"
)

// Our own rules (source dockerfile-ls in docs/reference.yaml), one value
// each. Several also name classes of BuildKit's errors (buildkit_errors.go),
// whose messages stay BuildKit's.

var (
	ruleUnknownInstruction = register(&Rule{
		Name: "UnknownInstruction",
		fix:  fixUnknownInstruction,
	})

	ruleUnknownFlag = register(&Rule{
		Name: "UnknownFlag",
		Messages: map[string]Text{"": {
			"en": "unknown flag --%s for %s%s; valid flags: %s",
			"ru": "неизвестный флаг --%s у %s%s; допустимые флаги: %s",
		}},
		check: checkUnknownFlags,
		fix:   replaceWithSuggestion("--"),
	})

	ruleDuplicateFlag = register(&Rule{
		Name: "DuplicateFlag",
		Messages: map[string]Text{"": {
			"en": "--%s is given more than once; only one is allowed",
			"ru": "флаг --%s указан несколько раз, а допускается только один",
		}},
		check: checkDuplicateFlags,
	})

	ruleInvalidFlagValue = register(&Rule{
		Name: "InvalidFlagValue",
		Messages: map[string]Text{
			"needsValue": {"en": "--%s needs a value: --%s=%s", "ru": "флагу --%s нужно значение: --%s=%s"},
			"badValue":   {"en": "--%s: %s", "ru": "--%s: %s"},
		},
		check: checkFlagValues,
		fix:   replaceWithSuggestion(""),
	})

	ruleInvalidMountOption = register(&Rule{
		Name: "InvalidMountOption",
		Messages: map[string]Text{
			"empty":       {"en": "empty mount option; remove the extra comma", "ru": "пустой параметр монтирования; уберите лишнюю запятую"},
			"unknownKey":  {"en": "unknown mount option %q%s; type=%s takes: %s", "ru": "неизвестный параметр монтирования %q%s; для type=%s допустимы: %s"},
			"unknownType": {"en": "unknown mount type %q; use one of %s", "ru": "неизвестный тип монтирования %q; используйте один из: %s"},
			"noEffect":    {"en": "%s has no effect on type=%s mounts; it applies to %s", "ru": "%s не действует для монтирования type=%s; он нужен для: %s"},
			"needsValue":  {"en": "mount option %s needs a value (%s=…)", "ru": "параметру монтирования %s нужно значение (%s=…)"},
			"badValue":    {"en": "%s: %s", "ru": "%s: %s"},
		},
		check: checkMounts,
		fix:   replaceWithSuggestion(""),
	})

	ruleInvalidArgumentCount = register(&Rule{Name: "InvalidArgumentCount"})

	_ = register(&Rule{
		Name: "MalformedJSONForm",
		Messages: map[string]Text{"": {
			"en": "this looks like an exec-form JSON array but is not valid JSON (%s), so it runs as a shell command; use double quotes",
			"ru": "это похоже на exec-форму (массив JSON), но это некорректный JSON (%s), поэтому команда выполнится через оболочку; используйте двойные кавычки",
		}},
		check: checkJSONForms,
		fix:   fixMalformedJSON,
	})

	_ = register(&Rule{
		Name: "ArgNotInScope",
		Messages: map[string]Text{"": {
			"en": "$%s is a global ARG (declared before the first FROM), which this stage cannot see, so the shell expands it to nothing; add `ARG %s` to the stage",
			"ru": "$%s — глобальный ARG (объявлен до первой FROM), этот этап его не видит, и оболочка подставит пустую строку; добавьте в этап `ARG %s`",
		}},
		check: checkArgsNotInScope,
		fix:   fixArgNotInScope,
	})

	_ = register(&Rule{
		Name: "UnknownStage",
		Messages: map[string]Text{"": {
			"en": "no stage named %q is defined before this line, so BuildKit pulls an image %q instead; did you mean %s?",
			"ru": "этап %q выше этой строки не объявлен, поэтому BuildKit скачает образ %q; возможно, имелся в виду %s?",
		}},
		check: checkUnknownStages,
		fix:   replaceWithSuggestion(""),
	})

	_ = register(&Rule{
		Name:  "ShellSyntax",
		Shell: true,
		Messages: map[string]Text{"": {
			"en": "shell syntax error: %s (the build fails when this step runs)",
			"ru": "синтаксическая ошибка оболочки: %s (сборка упадёт, когда дойдёт до этого шага)",
		}},
		check: checkShellSyntax,
	})

	ruleChecksSkipped = register(&Rule{
		Name: "ChecksSkipped",
		Messages: map[string]Text{
			"panic":    {"en": "BuildKit's checks failed on this file and were skipped: %v", "ru": "проверки BuildKit не справились с этим файлом и пропущены: %v"},
			"tooLarge": {"en": "BuildKit's build checks are skipped for files over %d instructions", "ru": "проверки сборки BuildKit пропускаются для файлов длиннее %d инструкций"},
			"deepVars": {"en": "variable references nest %d levels deep here (more than %d), so BuildKit's checks and the shell syntax check skip this instruction",
				"ru": "ссылки на переменные вложены здесь на %d уровней (больше %d), поэтому проверки BuildKit и проверка синтаксиса оболочки эту инструкцию пропускают"},
		},
		NotACheck: true,
	})

	ruleParseError = register(&Rule{Name: "ParseError", NotACheck: true})
)

// replaceWithSuggestion fixes a finding by writing what was likely meant
// (with prefix, e.g. "--" for a flag) in place of the token at fault.
func replaceWithSuggestion(prefix string) func(*Document, *Diagnostic, *Instruction) []CodeAction {
	return func(d *Document, diag *Diagnostic, _ *Instruction) []CodeAction {
		if diag.Data.Suggestion == "" {
			return nil
		}
		repl := prefix + diag.Data.Suggestion
		return oneFix("Change to '"+repl+"'", diag.Span, repl)
	}
}

// fixUnknownInstruction writes BuildKit's suggestion in the case the
// misspelt keyword was written in.
func fixUnknownInstruction(d *Document, diag *Diagnostic, _ *Instruction) []CodeAction {
	if diag.Data.Suggestion == "" {
		return nil
	}
	repl := strings.ToUpper(diag.Data.Suggestion)
	if kw := d.text(diag.Span); kw == strings.ToLower(kw) {
		repl = strings.ToLower(repl)
	}
	return oneFix("Change to '"+repl+"'", diag.Span, repl)
}

func fixMalformedJSON(d *Document, diag *Diagnostic, _ *Instruction) []CodeAction {
	raw := d.text(diag.Span)
	if strings.Contains(raw, `"`) || strings.Contains(raw, "\n") {
		return nil
	}
	fixed := strings.ReplaceAll(raw, "'", `"`)
	var check []string
	if json.Unmarshal([]byte(fixed), &check) != nil {
		return nil
	}
	return oneFix("Use double quotes", diag.Span, fixed)
}

func fixArgNotInScope(d *Document, diag *Diagnostic, target *Instruction) []CodeAction {
	name := diag.Data.Token
	st := d.StageOf(target)
	if st == nil || name == "" {
		return nil
	}
	at := d.Lines.LineStart(st.From.EndLine + 1)
	return []CodeAction{{Title: "Add ARG " + name + " to this stage", Edits: []TextEdit{{Span{at, at}, "ARG " + name + "\n"}}, Preferred: true}}
}
