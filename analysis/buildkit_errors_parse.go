package analysis

import (
	"regexp"
	"strings"
)

// The classes of the errors of BuildKit's parser and typed instruction
// parser (frontend/dockerfile/parser, frontend/dockerfile/instructions):
// unknown instructions and flags, argument counts, mounts, flag values,
// heredocs, parser directives, ONBUILD, HEALTHCHECK. Patterns are BuildKit
// v0.34.2's messages (TestBuildKitErrorClasses produces each with BuildKit).

// translated is a class text BuildKit's English is clear enough for: Russian only.
func translated(ru string) map[string]Text { return map[string]Text{"": {"ru": ru}} }

// explained is a class text that also explains BuildKit's English.
func explained(en, ru string) map[string]Text { return map[string]Text{"": {"en": en, "ru": ru}} }

var parseErrorClasses = []*errorClass{
	{name: "no instructions", rule: ruleParseError, pattern: regexp.MustCompile(`^(file with no instructions|the Dockerfile cannot be empty)$`),
		text: explained("the file has no instructions: a build needs at least a FROM",
			"в файле нет инструкций: для сборки нужна хотя бы FROM")},
	{name: "unknown instruction", rule: ruleUnknownInstruction, pattern: regexp.MustCompile(`^unknown instruction: (?P<token>\S*)$`),
		text: translated("неизвестная инструкция %s"), narrow: blameTrigger},
	{name: "unknown flag", rule: ruleUnknownFlag, pattern: regexp.MustCompile(`^unknown flag: (?:--)?(?P<token>[A-Za-z0-9-]*)$`),
		text: translated("неизвестный флаг --%s"), narrow: blameFlagNamed},

	// Argument counts.
	{name: "at least one argument", rule: ruleInvalidArgumentCount, pattern: regexp.MustCompile(`^([A-Z]+) requires at least one argument$`),
		text: translated("инструкции %s нужен хотя бы один аргумент"), narrow: blameArgsOrKeyword},
	{name: "exactly one argument", rule: ruleInvalidArgumentCount, pattern: regexp.MustCompile(`^([A-Z]+) requires exactly one argument$`),
		text: translated("инструкция %s принимает ровно один аргумент"), narrow: blameArgsOrKeyword},
	{name: "no destination", rule: ruleInvalidArgumentCount,
		pattern: regexp.MustCompile(`^([A-Z]+) requires at least two arguments, but only one was provided\. Destination could not be determined$`),
		text:    translated("инструкции %s нужны источник и путь назначения, а указан только один аргумент"), narrow: blameArgsOrKeyword},
	{name: "FROM arguments", rule: ruleInvalidArgumentCount, pattern: regexp.MustCompile(`^FROM requires either one or three arguments$`),
		text: map[string]Text{
			"": {"en": "FROM takes an image, optionally followed by AS and a stage name: FROM <image> [AS <name>]",
				"ru": "FROM принимает образ и, если нужно, AS с именем этапа: FROM <образ> [AS <имя>]"},
			"as": {"en": "AS must be followed by the stage's name: FROM <image> AS <name>",
				"ru": "после AS нужно имя этапа: FROM <образ> AS <имя>"},
		},
		args: func(_ *Document, _, target *Instruction, _ Data) (string, []any) {
			if target != nil && fromWithoutName(target) {
				return "as", nil
			}
			return "", nil
		},
		narrow: blameFromArguments},
	{name: "name and value", rule: ruleInvalidArgumentCount, pattern: regexp.MustCompile(`^([A-Z]+) must have two arguments$`),
		text:   explained("%[1]s needs a name and a value: %[1]s name=value", "инструкции %[1]s нужны имя и значение: %[1]s имя=значение"),
		narrow: blameArgsOrKeyword},
	{name: "JSON form required", rule: ruleInvalidArgumentCount, pattern: regexp.MustCompile(`^([A-Z]+) requires the arguments to be in JSON form$`),
		text: translated(`аргументы %s нужно записать в JSON-форме, например ["/bin/bash", "-c"]`), narrow: blameArgsOrKeyword},
	{name: "too many arguments", rule: ruleInvalidArgumentCount, pattern: regexp.MustCompile(`^Bad input to ([A-Z]+), too many arguments$`),
		text: translated("у инструкции %s слишком много аргументов"), narrow: blameArgsOrKeyword},
	{name: "HEALTHCHECK NONE arguments", rule: ruleInvalidArgumentCount, pattern: regexp.MustCompile(`^HEALTHCHECK NONE takes no arguments$`),
		text: translated("после HEALTHCHECK NONE ничего не указывают"), narrow: blameArgsFrom(1)},

	// RUN --mount and --device options.
	{name: "mount option for type", rule: ruleInvalidMountOption, pattern: regexp.MustCompile(`^unexpected key '(?P<token>[^']*)' for mount type '([^']*)'$`),
		text: translated("у монтирования типа '%[2]s' нет параметра '%[1]s'"), narrow: blameFieldNamed},
	{name: "unknown mount option", rule: ruleInvalidMountOption, pattern: regexp.MustCompile(`^unexpected key '(?P<token>[^']*)' in '([^']*)'$`),
		text: translated("неизвестный параметр '%s' в '%s'"), narrow: blameFieldNamed},
	{name: "mount field without value", rule: ruleInvalidMountOption, pattern: regexp.MustCompile(`^invalid field '(?P<token>[^']*)' must be a key=value pair$`),
		text: translated("поле '%s' нужно записать в виде ключ=значение"), narrow: blameFieldNamed},
	{name: "mount type", rule: ruleInvalidMountOption, pattern: regexp.MustCompile(`^unsupported mount type (?P<token>"(?:[^"\\]|\\.)*")$`),
		text: translated("неизвестный тип монтирования %s"), narrow: blameMountValue("type")},
	{name: "mount sharing", rule: ruleInvalidMountOption, pattern: regexp.MustCompile(`^unsupported sharing value (?P<token>"(?:[^"\\]|\\.)*")$`),
		text: translated("недопустимое значение sharing: %s"), narrow: blameMountValue("sharing")},
	{name: "mount value", rule: ruleInvalidMountOption, pattern: regexp.MustCompile(`^invalid value for (?P<token>[a-z-]+): (.*)$`),
		text: translated("недопустимое значение %s: %s"), narrow: blameNamedMountValue},
	{name: "mount number", rule: ruleInvalidMountOption, pattern: regexp.MustCompile(`^invalid value (\S*) for (?P<token>mode|uid|gid)$`),
		text: translated("недопустимое значение %s для %s"), narrow: blameNamedMountValue},
	{name: "mount option not allowed", rule: ruleInvalidMountOption, pattern: regexp.MustCompile(`^(?P<token>mode|uid|gid) not allowed for "([^"]*)" type mounts$`),
		text: translated(`%s нельзя задавать для монтирования типа "%s"`), narrow: blameFieldNamed},
	{name: "secret mount from", rule: ruleInvalidMountOption, pattern: regexp.MustCompile(`^secret mount should not have a (?P<token>from)$`),
		text: translated("у монтирования secret не бывает %s"), narrow: blameFieldNamed},
	{name: "secret mount sharing", rule: ruleInvalidMountOption, pattern: regexp.MustCompile(`^secret mount should not define (?P<token>sharing)$`),
		text: translated("у монтирования secret не бывает %s"), narrow: blameFieldNamed},
	{name: "secret mount source", rule: ruleInvalidMountOption, pattern: regexp.MustCompile(`^invalid secret mount\. one of source, target required$`),
		text: translated("у монтирования secret нужно указать source или target"), narrow: blameFlagValue("mount")},
	{name: "source and id", rule: ruleInvalidMountOption, pattern: regexp.MustCompile(`^both source and id can't be set$`),
		text: translated("source и id нельзя указывать вместе"), narrow: blameFlagValue("mount")},
	{name: "sharing for type", rule: ruleInvalidMountOption, pattern: regexp.MustCompile(`^invalid cache sharing set for (\S+) mount$`),
		text: translated("sharing допустим только для монтирования cache, а не %s"), narrow: blameMountValue("sharing")},
	{name: "mount csv", rule: ruleInvalidMountOption, pattern: regexp.MustCompile(`^failed to parse csv (mounts|devices): (.*)$`),
		text: explained("the flag's value is read as comma-separated fields: check its quotes and commas (a quote encloses a whole field)",
			"значение флага записано неверно: оно читается как поля через запятую — проверьте кавычки и запятые (кавычки охватывают поле целиком)"),
		narrow: func(d *Document, ins, target *Instruction, data Data) (Span, bool) {
			return blameFlagValue(strings.TrimSuffix(data.Args[0], "s"))(d, ins, target, data)
		},
		args: func(*Document, *Instruction, *Instruction, Data) (string, []any) { return "", nil }},
	{name: "device name", rule: ruleInvalidMountOption, pattern: regexp.MustCompile(`^device name already set to (.*)$`),
		text: translated("имя устройства уже задано: %s"), narrow: blameFlagValue("device")},
	{name: "mount from variable", rule: ruleParseError, pattern: regexp.MustCompile(`^'(?P<token>from)' doesn't support variable expansion, define alias stage instead$`),
		text: explained("a mount's from= cannot use variables: declare a stage with FROM <image> AS <name> and mount from=<name>",
			"в from= монтирования нельзя использовать переменные: объявите этап FROM <образ> AS <имя> и укажите from=<имя>"),
		narrow: blameFromVariable},

	// Flags.
	{name: "duplicate flag", rule: ruleDuplicateFlag, pattern: regexp.MustCompile(`^duplicate flag specified: (?:--)?(?P<token>[A-Za-z0-9-]*)$`),
		text: translated("флаг --%s указан дважды"), narrow: blameFlagNamed},
	{name: "flag without value", rule: ruleInvalidFlagValue, pattern: regexp.MustCompile(`^missing a value on flag: (?:--)?(?P<token>[A-Za-z0-9-]*)$`),
		text: translated("у флага --%s нет значения"), narrow: blameFlagNamed},
	{name: "flag not boolean", rule: ruleInvalidFlagValue, pattern: regexp.MustCompile(`^expecting boolean value for flag (?:--)?(?P<token>[A-Za-z0-9-]*), not: (.*)$`),
		text: translated("флаг --%s принимает true или false, а не %s"), narrow: blameFlagNamed},
	{name: "network mode", rule: ruleInvalidFlagValue, pattern: regexp.MustCompile(`^(?:invalid|unsupported) network mode (?P<token>"(?:[^"\\]|\\.)*")$`),
		text: translated("неизвестный сетевой режим %s"), narrow: blameFlagValue("network")},
	{name: "security mode", rule: ruleInvalidFlagValue, pattern: regexp.MustCompile(`^(?:security (?P<token>"(?:[^"\\]|\\.)*") is not valid|unsupported security mode (?P<mode>"(?:[^"\\]|\\.)*"))$`),
		text: translated("недопустимое значение --security: %s"), narrow: blameFlagValue("security"),
		args: func(_ *Document, _, _ *Instruction, data Data) (string, []any) {
			return "", []any{data.Args[0] + data.Args[1]}
		}},
	{name: "negative retries", rule: ruleInvalidFlagValue, pattern: regexp.MustCompile(`^--retries cannot be negative \((-?\d+)\)$`),
		text: translated("--retries не может быть отрицательным (%s)"), narrow: blameFlagValue("retries")},
	{name: "short interval", rule: ruleInvalidFlagValue, pattern: regexp.MustCompile(`^Interval (?P<token>"[a-z-]+") cannot be less than (\S+)$`),
		text: translated("--%s не может быть меньше %s"), narrow: blameNamedFlagValue},

	// Heredocs.
	{name: "unterminated heredoc", rule: ruleParseError, pattern: regexp.MustCompile(`^unterminated heredoc$`),
		text: explained("the heredoc <<%[1]s is never closed: end it with a line holding only %[1]s",
			"heredoc <<%[1]s не закрыт: добавьте строку, в которой только %[1]s"),
		args: func(_ *Document, _, target *Instruction, _ Data) (string, []any) {
			if target == nil {
				return "none", nil
			}
			if n := len(target.Heredocs); n > 0 {
				return "", []any{target.Heredocs[n-1].Name}
			}
			return "none", nil
		},
		narrow: func(_ *Document, _, target *Instruction, _ Data) (Span, bool) {
			if n := len(target.Heredocs); n > 0 {
				return target.Heredocs[n-1].Marker, true
			}
			return Span{}, false
		}},
	{name: "heredoc destination", rule: ruleParseError, pattern: regexp.MustCompile(`^([A-Z]+) cannot accept a heredoc as a destination$`),
		text: translated("у %s путь назначения не может быть heredoc"),
		narrow: func(_ *Document, _, target *Instruction, _ Data) (Span, bool) {
			if n := len(target.Args); n > 0 {
				return target.Args[n-1].Span, true
			}
			return Span{}, false
		}},

	// Parser directives: BuildKit's line for them is the first directive's or none.
	{name: "escape token", rule: ruleParseError, pattern: regexp.MustCompile("^invalid escape token '(?P<token>.*)' does not match ` or \\\\$"),
		text: translated("недопустимый символ экранирования '%s': подходят только \\ и `"), locate: locateDirective("escape", false)},
	{name: "duplicate directive", rule: ruleParseError, pattern: regexp.MustCompile(`^only one (?P<token>\S+) parser directive can be used$`),
		text: translated("директиву парсера %s можно указать только один раз"), locate: locateDirective("", true)},
	{name: "check option", rule: ruleParseError, pattern: regexp.MustCompile(`^failed to parse check options: invalid check option (?P<token>"(?:[^"\\]|\\.)*")$`),
		text: explained("unknown option %s in # check=: it takes skip=<rules>|all and error=true|false",
			"неизвестный параметр %s в # check=: допустимы skip=<правила>|all и error=true|false"),
		locate: locateCheckOption},
	{name: "check option value", rule: ruleParseError,
		pattern: regexp.MustCompile(`^failed to parse check options: failed to parse check option (?P<token>"(?:[^"\\]|\\.)*"): (.*)$`),
		text:    explained("%s in # check=: error= takes true or false", "%s в # check=: error= принимает только true или false"),
		args: func(_ *Document, _, _ *Instruction, data Data) (string, []any) {
			return "", []any{data.Args[0]}
		},
		locate: locateCheckOption},
	{name: "line too long", rule: ruleParseError, pattern: regexp.MustCompile(`^dockerfile line greater than max allowed size of (\d+)$`),
		text: translated("строка Dockerfile длиннее допустимых %s байт"), locate: locateLongLine},

	// Instructions.
	{name: "before FROM", rule: ruleParseError, pattern: regexp.MustCompile(`^no build stage in current context$`),
		text: explained("%[1]s needs a FROM above it: only ARG and parser directives may come before the first FROM",
			"перед %[1]s нужна инструкция FROM: до первой FROM допустимы только ARG и директивы парсера"),
		args: func(_ *Document, ins, _ *Instruction, _ Data) (string, []any) {
			if ins == nil {
				return "none", nil
			}
			return "", []any{ins.Cmd}
		},
		narrow: func(_ *Document, ins, _ *Instruction, _ Data) (Span, bool) { return ins.Keyword, true }},
	{name: "ONBUILD ONBUILD", rule: ruleParseError, pattern: regexp.MustCompile("^Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed$"),
		text: translated("ONBUILD нельзя вкладывать в ONBUILD"), narrow: blameTrigger},
	{name: "ONBUILD trigger", rule: ruleParseError, pattern: regexp.MustCompile(`^(?P<token>[A-Z]+) isn't allowed as an ONBUILD trigger$`),
		text: translated("%s нельзя использовать как триггер ONBUILD"), narrow: blameTrigger},
	{name: "stage name", rule: ruleParseError,
		pattern: regexp.MustCompile(`^invalid name for build stage: (?P<token>"(?:[^"\\]|\\.)*"), name can't start with a number or contain symbols$`),
		text:    translated("недопустимое имя этапа %s: имя начинается с буквы и состоит из букв, цифр и знаков «-», «_», «.»"),
		narrow: func(_ *Document, _, target *Instruction, _ Data) (Span, bool) {
			if len(target.Args) >= 3 {
				return target.Args[2].Span, true
			}
			return blameBase(target)
		}},
	{name: "HEALTHCHECK CMD without command", rule: ruleParseError, pattern: regexp.MustCompile(`^Missing command after HEALTHCHECK CMD$`),
		text:   translated("после HEALTHCHECK CMD не указана команда"),
		narrow: func(_ *Document, _, target *Instruction, _ Data) (Span, bool) { return blameBase(target) }},
	{name: "HEALTHCHECK type", rule: ruleParseError, pattern: regexp.MustCompile(`^Unknown type (?P<token>"(?:[^"\\]|\\.)*") in HEALTHCHECK \(try CMD\)$`),
		text: translated("неизвестный тип %s в HEALTHCHECK: нужен CMD или NONE"), narrow: blameArgWith},
	{name: "blank name", rule: ruleParseError, pattern: regexp.MustCompile(`^([A-Z]+) names can not be blank$`),
		text: translated("имя в %s не может быть пустым"),
		narrow: func(_ *Document, _, target *Instruction, _ Data) (Span, bool) {
			for _, w := range target.Args {
				if strings.HasPrefix(w.Value, "=") {
					return w.Span, true
				}
			}
			return Span{}, false
		}},
	{name: "empty VOLUME", rule: ruleParseError, pattern: regexp.MustCompile(`^VOLUME specified can not be an empty string$`),
		text: translated("путь в VOLUME не может быть пустой строкой"), narrow: blameEmptyWord},
	{name: "JSON strings only", rule: ruleParseError, pattern: regexp.MustCompile(`^when using JSON array syntax, arrays must be comprised of strings only$`),
		text: translated("в JSON-массиве допустимы только строки в двойных кавычках"), narrow: blameArgsOrKeyword},
	{name: "name=value", rule: ruleParseError, pattern: regexp.MustCompile(`^Syntax error - can't find = in (?P<token>"(?:[^"\\]|\\.)*")\. Must be of the form: name=value$`),
		text: explained("%s has no \"=\": %s splits its arguments at spaces and reads each as name=value; quote a value that holds spaces",
			"в %s нет знака «=»: %s делит аргументы по пробелам и читает каждый как имя=значение; значение с пробелами заключите в кавычки"),
		args: func(_ *Document, _, target *Instruction, data Data) (string, []any) {
			if target == nil {
				return "none", nil
			}
			return "", []any{data.Args[0], target.Cmd}
		},
		narrow: blameArgWith},
	{name: "required variable", rule: ruleParseError,
		pattern: regexp.MustCompile(`^failed to process (?P<token>"(?:[^"\\]|\\.)*"): ([A-Za-z_][A-Za-z0-9_]*): (.*)$`),
		text:    translated("переменная %[2]s не задана: %[3]s"), narrow: blameTextOf}, // ${NAME:?message}: the message is the author's
	{name: "variable expansion", rule: ruleParseError, pattern: regexp.MustCompile(`^failed to process (?P<token>"(?:[^"\\]|\\.)*"): (.*)$`),
		text: expansionTexts, args: expansionArgs, narrow: blameExpansion},
}

// fromWithoutName reports whether FROM ends with AS and no stage name.
func fromWithoutName(target *Instruction) bool {
	return len(target.Args) == 2 && strings.EqualFold(target.Args[1].Value, "as")
}

// blameFromArguments blames what is wrong in FROM's arguments: an AS
// without a name, the words after the stage name, or the word where AS
// should be.
func blameFromArguments(d *Document, ins, target *Instruction, data Data) (Span, bool) {
	a := target.Args
	switch {
	case len(a) == 0:
		return target.Keyword, true
	case fromWithoutName(target):
		return a[1].Span, true
	case len(a) > 3 && strings.EqualFold(a[1].Value, "as"):
		return blameArgsFrom(3)(d, ins, target, data)
	case len(a) <= 3:
		return a[1].Span, true
	}
	return blameArgsFrom(1)(d, ins, target, data)
}

// blameNamedMountValue blames the value of the mount option the message
// names (Data.Token is its key).
func blameNamedMountValue(d *Document, ins, target *Instruction, data Data) (Span, bool) {
	return blameMountValue(data.Token)(d, ins, target, data)
}

// blameEmptyWord blames the first argument (or exec-form element) that is
// an empty string.
func blameEmptyWord(_ *Document, _, target *Instruction, _ Data) (Span, bool) {
	words := target.Args
	if target.JSON != nil {
		words = target.JSON.Elems
	}
	for _, w := range words {
		if w.Value == "" {
			return w.Span, true
		}
	}
	return Span{}, false
}
