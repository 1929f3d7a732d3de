package analysis

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/linter"
)

// BuildKit's build checks (frontend/dockerfile/linter/ruleset.go), one value
// each. dockerfile2llb.DockerfileLint finds them (buildkit.go) and reports
// them by line with a message; format reads the message back into its
// arguments, narrow points the finding at its token and fix mends it.
// CopyIgnoredFile needs the build context, so we run it ourselves.

var (
	_ = register(&Rule{
		Name:     linter.RuleStageNameCasing.Name,
		Messages: translated("имя этапа '%s' лучше писать строчными буквами"),
		format:   regexp.MustCompile(`^Stage name '(?P<token>.*)' should be lowercase$`),
		narrow:   blameArg(2),
		fix:      fixStageNameCasing,
	})
	_ = register(&Rule{
		Name:     linter.RuleFromAsCasing.Name,
		Messages: translated("ключевые слова '%s' и '%s' написаны в разном регистре"),
		format:   regexp.MustCompile(`^'(?P<token>.*)' and '(.*)' keywords' casing do not match$`),
		narrow:   blameArg(1),
		fix:      fixFromAsCasing,
	})
	_ = register(&Rule{
		Name:     linter.RuleNoEmptyContinuation.Name,
		Messages: translated("пустая строка внутри многострочной инструкции"),
		format:   regexp.MustCompile(`^Empty continuation line$`),
		narrow:   blameEmptyContinuation,
		fix:      fixEmptyContinuation,
	})
	_ = register(&Rule{
		Name:     linter.RuleConsistentInstructionCasing.Name,
		Messages: translated("инструкцию '%s' лучше написать %s, как большинство инструкций в файле"),
		argWords: map[int]map[string]Text{1: {
			"uppercase": {"en": "uppercase", "ru": "заглавными буквами"},
			"lowercase": {"en": "lowercase", "ru": "строчными буквами"},
		}},
		format: regexp.MustCompile(`^Command '(?P<token>.*)' should match the case of the command majority \((.*)\)$`),
		narrow: blameCasedKeyword,
		fix:    fixInstructionCasing,
	})
	_ = register(&Rule{
		Name:     linter.RuleDuplicateStageName.Name,
		Messages: translated("имя этапа \"%s\" уже занято: имена этапов должны быть уникальными"),
		format:   regexp.MustCompile(`^Duplicate stage name "(?P<token>.*)", stage names should be unique$`),
		narrow:   blameArg(2),
	})
	_ = register(&Rule{
		Name:     linter.RuleReservedStageName.Name,
		Messages: translated("этап не стоит называть \"%s\": это имя зарезервировано"),
		format:   regexp.MustCompile(`^Stage name should not use the same name as reserved stage "(?P<token>.*)"$`),
		narrow:   blameArg(2),
	})
	_ = register(&Rule{
		Name:     linter.RuleJSONArgsRecommended.Name,
		Messages: translated("для %s лучше JSON-форма (exec-форма): тогда процесс получает сигналы ОС"),
		format:   regexp.MustCompile(`^JSON arguments recommended for (?P<token>\S+) to prevent unintended behavior related to OS signals$`),
		narrow:   blameArguments,
		fix:      fixExecForm,
	})
	_ = register(&Rule{
		Name:     linter.RuleMaintainerDeprecated.Name,
		Messages: translated("инструкция MAINTAINER устарела: используйте LABEL"),
		Tags:     []Tag{TagDeprecated},
		format:   regexp.MustCompile(`^Maintainer instruction is deprecated in favor of using label$`),
		narrow:   blameKeyword,
		fix:      fixMaintainer,
	})
	_ = register(&Rule{
		Name: linter.RuleUndefinedArgInFrom.Name,
		Messages: map[string]Text{
			"":           {"ru": "аргумент '%s' в FROM не объявлен"},
			"suggestion": {"ru": "аргумент '%s' в FROM не объявлен (возможно, имелся в виду %s?)"},
		},
		format: regexp.MustCompile(`^FROM argument '(?P<token>.*?)' is not declared(?: \(did you mean (?P<suggestion>.*)\?\))?$`),
		narrow: blameVar,
		fix:    fixVarName,
	})
	_ = register(&Rule{
		Name:     linter.RuleWorkdirRelativePath.Name,
		Messages: translated("относительный путь WORKDIR \"%s\" может дать неожиданный результат, если сменится базовый образ"),
		format:   regexp.MustCompile(`^Relative workdir "(?P<token>.*)" can have unexpected results if the base image changes$`),
		narrow:   blameArguments,
	})
	_ = register(&Rule{
		Name: linter.RuleUndefinedVar.Name,
		Messages: map[string]Text{
			"":           {"ru": "переменная '$%s' не определена"},
			"suggestion": {"ru": "переменная '$%s' не определена (возможно, имелась в виду $%s?)"},
		},
		format: regexp.MustCompile(`^Usage of undefined variable '\$(?P<token>.*?)'(?: \(did you mean \$(?P<suggestion>.*)\?\))?$`),
		narrow: blameVar,
		fix:    fixVarName,
	})
	_ = register(&Rule{
		Name:     linter.RuleMultipleInstructionsDisallowed.Name,
		Messages: translated("несколько инструкций %s в одном этапе ни к чему: действует только последняя"),
		format:   regexp.MustCompile(`^Multiple (?P<token>\S+) instructions should not be used in the same stage because only the last one will be used$`),
		narrow:   blameKeyword,
	})
	_ = register(&Rule{
		Name:     linter.RuleLegacyKeyValueFormat.Name,
		Messages: translated("используйте «%[1]s key=value» вместо устаревшей формы «%[1]s key value»"),
		format:   regexp.MustCompile(`^"(?P<token>\S+) key=value" should be used instead of legacy "\S+ key value" format$`),
		narrow:   blameArguments,
		fix:      fixLegacyKeyValue,
	})
	_ = register(&Rule{
		Name:       linter.RuleInvalidBaseImagePlatform.Name,
		Messages:   translated("базовый образ %s скачан для платформы \"%s\", а эта сборка ждёт \"%s\""),
		NeverFires: "offline: it compares the platform of the pulled image's config, which only a registry has (with registry.enabled it fires: server/registry_test.go)",
		format:     regexp.MustCompile(`^Base image (?P<token>\S+) was pulled with platform "(.*)", expected "(.*)" for current build$`),
		narrow:     blameArg(0),
	})
	_ = register(&Rule{
		Name:     linter.RuleRedundantTargetPlatform.Name,
		Messages: translated("указывать в FROM платформу %s незачем: она и так используется по умолчанию"),
		format:   regexp.MustCompile(`^Setting platform to predefined (?P<token>\S+) in FROM is redundant as this is the default behavior$`),
		narrow:   blamePlatform,
		fix:      fixRedundantPlatform,
	})
	_ = register(&Rule{
		Name:     linter.RuleSecretsUsedInArgOrEnv.Name,
		Messages: translated("не храните секреты в инструкциях ARG и ENV (%s \"%s\")"),
		format:   regexp.MustCompile(`^Do not use ARG or ENV instructions for sensitive data \((\S+) "(?P<token>.*)"\)$`),
		narrow:   blameKey,
	})
	_ = register(&Rule{
		Name:     linter.RuleInvalidDefaultArgInFrom.Name,
		Messages: translated("со значениями ARG по умолчанию имя базового образа %s получается пустым или неверным"),
		format:   regexp.MustCompile(`^Default value for ARG (?P<token>.*) results in empty or invalid base image name$`),
		narrow:   blameArg(0),
	})
	_ = register(&Rule{
		Name:     linter.RuleFromPlatformFlagConstDisallowed.Name,
		Messages: translated("у FROM --platform фиксированное значение \"%s\""),
		format:   regexp.MustCompile(`^FROM --platform flag should not use constant value "(?P<token>.*)"$`),
		narrow:   blamePlatform,
	})
	_ = register(&Rule{
		Name:         linter.RuleCopyIgnoredFile.Name,
		Messages:     translated("%[1]s не найдёт файл \"%[2]s\": он исключён в .dockerignore"),
		argWords:     map[int]map[string]Text{0: {"Copy": {"en": "Copy", "ru": "COPY"}, "Add": {"en": "Add", "ru": "ADD"}}},
		format:       regexp.MustCompile(`^Attempting to (\S+) file "(?P<token>.*)" that is excluded by \.dockerignore$`),
		checkContext: checkCopyIgnored,
	})
	_ = register(&Rule{
		Name:     linter.RuleInvalidDefinitionDescription.Name,
		Messages: translated("комментарий к %s должен иметь вид `# %s <описание>`"),
		argWords: map[int]map[string]Text{0: {"stage": {"en": "stage", "ru": "этапу"}, "arg": {"en": "arg", "ru": "аргументу"}}},
		format:   regexp.MustCompile("^Comment for (\\S+) should follow the format: `# (?P<token>.*) <description>`$"),
		narrow:   blameCommentAbove,
	})
	_ = register(&Rule{
		Name:     linter.RuleExposeProtoCasing.Name,
		Messages: translated("протокол в '%s' лучше писать строчными буквами"),
		format:   regexp.MustCompile(`^Defined protocol '(?P<token>.*)' in EXPOSE instruction should be lowercase$`),
		narrow:   blamePort,
		fix:      fixProtoCasing,
	})
	_ = register(&Rule{
		Name:     linter.RuleExposeInvalidFormat.Name,
		Messages: translated("в EXPOSE не указывают IP-адрес или порт хоста, а здесь '%s'"),
		format:   regexp.MustCompile(`^EXPOSE instruction should not define an IP address or host-port mapping, found '(?P<token>.*)'$`),
		narrow:   blamePort,
	})
)

func fixMaintainer(d *Document, diag *Diagnostic, target *Instruction) []CodeAction {
	who := strings.TrimSpace(target.ArgsText)
	if strings.Contains(who, `"`) {
		return nil
	}
	return oneFix(`Replace with LABEL org.opencontainers.image.authors`, Span{target.Keyword.Start, target.Span.End},
		fmt.Sprintf(`LABEL org.opencontainers.image.authors="%s"`, who))
}

func fixFromAsCasing(d *Document, diag *Diagnostic, target *Instruction) []CodeAction {
	kw := d.text(target.Keyword)
	as := "AS"
	if kw == strings.ToLower(kw) {
		as = "as"
	}
	return oneFix("Write '"+as+"' like '"+kw+"'", diag.Span, as)
}

func fixStageNameCasing(d *Document, diag *Diagnostic, _ *Instruction) []CodeAction {
	lower := strings.ToLower(d.text(diag.Span))
	edits, err := d.Rename(diag.Span.Start, lower)
	if err != nil {
		return nil
	}
	return []CodeAction{{Title: "Rename stage to '" + lower + "'", Edits: edits, Preferred: true}}
}

// fixInstructionCasing writes the keyword in the case BuildKit says most of
// the file uses.
func fixInstructionCasing(d *Document, diag *Diagnostic, _ *Instruction) []CodeAction {
	kw := d.text(diag.Span)
	want := strings.ToUpper(kw)
	if len(diag.Data.Args) > 1 && diag.Data.Args[1] == "lowercase" {
		want = strings.ToLower(kw)
	}
	return oneFix("Write '"+want+"'", diag.Span, want)
}

var upperProtoPortRe = regexp.MustCompile(`^(.*)/([A-Za-z]+)$`)

func fixProtoCasing(d *Document, diag *Diagnostic, _ *Instruction) []CodeAction {
	m := upperProtoPortRe.FindStringSubmatch(d.text(diag.Span))
	if m == nil {
		return nil
	}
	return oneFix("Write the protocol in lower case", diag.Span, m[1]+"/"+strings.ToLower(m[2]))
}

var shellMetaRe = regexp.MustCompile(`[|&;<>()$\x60\\"'*?~#{}\[\]]`)

// fixExecForm rewrites a plain shell-form command (no shell syntax in it)
// as the exec form.
func fixExecForm(d *Document, diag *Diagnostic, target *Instruction) []CodeAction {
	args := target.ArgsText
	if shellMetaRe.MatchString(args) || strings.Contains(args, "\n") {
		return nil
	}
	b, _ := json.Marshal(strings.Fields(args))
	return oneFix("Use the exec form "+strings.ReplaceAll(string(b), ",", ", "), target.ArgsSpan, strings.ReplaceAll(string(b), `","`, `", "`))
}

var legacyUnsafeRe = regexp.MustCompile(`["\\]`)

func fixLegacyKeyValue(d *Document, diag *Diagnostic, target *Instruction) []CodeAction {
	kvs := target.KeyValues()
	if len(kvs) != 1 || legacyUnsafeRe.MatchString(kvs[0].Value) || strings.Contains(d.text(target.ArgsSpan), "\n") {
		return nil
	}
	v := kvs[0].Value
	if strings.ContainsAny(v, " \t") || v == "" {
		v = `"` + v + `"`
	}
	return oneFix("Use "+target.Cmd+" "+kvs[0].Key+"="+v, target.ArgsSpan, kvs[0].Key+"="+v)
}

func fixRedundantPlatform(d *Document, diag *Diagnostic, target *Instruction) []CodeAction {
	f := target.Flag("platform")
	if f == nil {
		return nil
	}
	end := f.Span.End
	for end < len(d.Text) && (d.Text[end] == ' ' || d.Text[end] == '\t') {
		end++
	}
	return oneFix("Remove --platform=$TARGETPLATFORM", Span{f.Span.Start, end}, "")
}

func fixEmptyContinuation(d *Document, diag *Diagnostic, target *Instruction) []CodeAction {
	var edits []TextEdit
	for _, l := range target.EmptyContinuationLines {
		edits = append(edits, TextEdit{Span{d.Lines.LineStart(l), d.Lines.LineStart(l + 1)}, ""})
	}
	return []CodeAction{{Title: "Remove the empty continuation lines", Edits: edits, Preferred: true}}
}

// fixVarName writes the variable BuildKit suggests in place of the name
// (not the whole reference, so "${NAME:-x}" keeps its default).
func fixVarName(d *Document, diag *Diagnostic, target *Instruction) []CodeAction {
	if diag.Data.Suggestion == "" {
		return nil
	}
	span := diag.Span
	for _, v := range target.Vars {
		if v.Span == diag.Span || v.Span.Contains(diag.Span.Start) {
			span = v.NameSpan
		}
	}
	return oneFix("Change to '"+diag.Data.Suggestion+"'", span, diag.Data.Suggestion)
}
