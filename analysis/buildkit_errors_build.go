package analysis

import (
	"regexp"
	"strings"
)

// The classes of the errors of BuildKit's converter
// (frontend/dockerfile/dockerfile2llb), which expands variables and checks
// what the parser leaves alone: image references, platforms, stages,
// COPY/ADD sources and options, EXPOSE ports, STOPSIGNAL, the # check=
// options, and the expansion errors of its shell lexer.

var buildErrorClasses = []*errorClass{
	// Images and stages.
	{name: "blank base name", rule: ruleParseError, pattern: regexp.MustCompile(`^base name \((?P<token>.*)\) should not be blank$`),
		text: explained("the image name %s is empty once its variables are expanded: give the ARG a default value or pass it with --build-arg",
			"имя образа %s после подстановки переменных пустое: задайте ARG значение по умолчанию или передайте его через --build-arg"),
		narrow: func(_ *Document, _, target *Instruction, _ Data) (Span, bool) { return blameBase(target) }},
	{name: "image reference", rule: ruleParseError, pattern: regexp.MustCompile(`^failed to parse stage name (?P<token>"(?:[^"\\]|\\.)*"): (.*)$`),
		text: map[string]Text{
			"": {"en": "%s is not a valid image reference: %s", "ru": "%s — некорректная ссылка на образ: %s"},
			"expanded": {"en": "once its variables are expanded, the image name is %s, which is not a valid reference: %s",
				"ru": "после подстановки переменных имя образа получается %s, а это некорректная ссылка: %s"},
		},
		args: func(_ *Document, _, target *Instruction, data Data) (string, []any) {
			why, ok := referenceReasons(data.Args[1])
			if !ok {
				return "unknown", nil // BuildKit's text
			}
			if raw := referenceWord(target); strings.Contains(raw, "$") && raw != data.Token {
				return "expanded", []any{data.Args[0], why}
			}
			return "", []any{data.Args[0], why}
		},
		narrow: blameReference},
	{name: "platform", rule: ruleParseError, pattern: regexp.MustCompile(`^failed to parse platform (?P<token>\S+): (.*)$`),
		text: explained("%s is not a valid platform: write os/arch[/variant], e.g. linux/amd64",
			"%s — недопустимая платформа: нужен вид ОС/архитектура[/вариант], например linux/amd64"),
		args:   func(_ *Document, _, _ *Instruction, data Data) (string, []any) { return "", []any{data.Args[0]} },
		narrow: blameFlagValue("platform")},
	{name: "empty platform", rule: ruleParseError, pattern: regexp.MustCompile(`^empty platform value from expression (?P<token>.*)$`),
		text: explained("--platform=%s is empty after expansion: give the ARG a default before the first FROM, or pass it with --build-arg",
			"--platform=%s после подстановки переменных пустое: задайте ARG значение по умолчанию до первой FROM или передайте его через --build-arg"),
		narrow: blameFlagValue("platform")},
	{name: "stage defined later", rule: ruleParseError,
		pattern: regexp.MustCompile(`^cannot copy from stage (?P<token>"(?:[^"\\]|\\.)*"), it needs to be defined before current stage ("(?:[^"\\]|\\.)*")$`),
		text:    translated("нельзя копировать из этапа %s: он должен быть объявлен раньше текущего этапа %s"), narrow: blameFlagValue("from")},
	{name: "mount from later stage", rule: ruleInvalidMountOption,
		pattern: regexp.MustCompile(`^cannot mount from stage (?P<token>"(?:[^"\\]|\\.)*") to ("(?:[^"\\]|\\.)*"), stage needs to be defined before current command$`),
		text:    translated("нельзя смонтировать этап %s в %s: этап должен быть объявлен выше"), narrow: blameMountValueIs},
	{name: "mount target", rule: ruleInvalidMountOption, pattern: regexp.MustCompile(`^invalid mount target (?P<token>"(?:[^"\\]|\\.)*")$`),
		text:   explained("a mount cannot go to %s: give target= another directory", "монтировать в %s нельзя: укажите в target= другой каталог"),
		narrow: blameMountValue("target")},
	{name: "stage index", rule: ruleParseError, pattern: regexp.MustCompile(`^invalid stage index (?P<token>-?\d+)$`),
		text: explained("there is no stage %s: --from=<n> counts the stages of the file from 0, in the order of their FROM lines",
			"этапа %s нет: --from=<n> отсчитывает этапы файла с 0 в порядке их строк FROM"),
		locate: locateFromValue},
	{name: "circular stages", rule: ruleParseError, pattern: regexp.MustCompile(`^circular dependency detected on stage: (?P<token>.*)$`),
		text: translated("этапы ссылаются друг на друга по кругу: %s"), narrow: blameFlagValue("from")},
	{name: "--from variable", rule: ruleParseError,
		pattern: regexp.MustCompile(`^variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround$`),
		text:    translated("в --from нельзя использовать переменные: объявите этап FROM <образ> AS <имя> (в FROM можно подставить глобальный ARG) и укажите --from=<имя>"),
		locate:  locateFromVariable},
	{name: "no stages", rule: ruleParseError, pattern: regexp.MustCompile(`^dockerfile contains no stages to build$`),
		text:   explained("the Dockerfile has no FROM, so there is nothing to build", "в Dockerfile нет ни одной инструкции FROM, так что собирать нечего"),
		locate: locateFirstInstruction},

	// COPY and ADD.
	{name: "checksum source", rule: ruleParseError, pattern: regexp.MustCompile(`^checksum requires HTTP\(S\) or Git sources$`),
		text: translated("--checksum работает только с источниками HTTP(S) и Git"), narrow: blameFlag("checksum")},
	{name: "checksum sources", rule: ruleParseError, pattern: regexp.MustCompile(`^checksum can't be specified for multiple sources$`),
		text: translated("--checksum нельзя указывать, когда источников несколько"), narrow: blameFlag("checksum")},
	{name: "checksum for COPY", rule: ruleParseError, pattern: regexp.MustCompile(`^checksum can't be specified for COPY$`),
		text: translated("у COPY нет флага --checksum: он есть только у ADD"), narrow: blameFlag("checksum")},
	{name: "COPY from URL", rule: ruleParseError, pattern: regexp.MustCompile(`^source can't be a (URL|git ref) for COPY$`),
		text: explained("COPY copies only from the build context or a stage: use ADD to fetch a URL or a Git repository",
			"COPY копирует только из контекста сборки или этапа: чтобы скачать URL или Git-репозиторий, используйте ADD"),
		narrow: blameSource(isURL)},
	{name: "chown with link", rule: ruleParseError,
		pattern: regexp.MustCompile(`^--chown=(?P<token>.*): user and group names can't be resolved when used with --link, use numeric uid\[:gid\] instead$`),
		text:    translated("с --link в --chown нельзя указывать имена пользователя и группы (%s): укажите числовые uid[:gid]"),
		narrow:  blameFlagValue("chown")},
	{name: "chmod", rule: ruleParseError,
		pattern: regexp.MustCompile(`^invalid chmod parameter: '(?P<token>.*)'\. it should be octal string and between 0 and 07777$`),
		text:    translated("недопустимое значение --chmod '%s': нужно восьмеричное число от 0 до 07777"), narrow: blameFlagValue("chmod")},

	// EXPOSE (after expansion: a port may come from a variable).
	{name: "EXPOSE protocol", rule: ruleParseError, pattern: regexp.MustCompile(`^invalid port: (?P<token>"(?:[^"\\]|\\.)*"): invalid proto: (.*)$`),
		text: explained("unknown protocol %[2]s in %[1]s: EXPOSE takes tcp, udp or sctp",
			"неизвестный протокол %[2]s в %[1]s: EXPOSE поддерживает tcp, udp и sctp"),
		narrow: blameExpose(exposeIsPort, exposeProto)},
	{name: "EXPOSE no port", rule: ruleParseError, pattern: regexp.MustCompile(`^invalid port: (?P<token>"(?:[^"\\]|\\.)*"): no port specified$`),
		text: translated("в %s не указан порт"), narrow: blameExpose(exposeIsPort, nil)},
	{name: "EXPOSE port", rule: ruleParseError, pattern: regexp.MustCompile(`^invalid containerPort: (?P<token>.*)$`),
		text: explained("%s is not a port: EXPOSE takes a number from 0 to 65535 or a range such as 8000-8010, optionally followed by /tcp, /udp or /sctp",
			"%s — не порт: EXPOSE принимает число от 0 до 65535 или диапазон вида 8000-8010, после которого можно указать /tcp, /udp или /sctp"),
		narrow: blameExpose(exposeIsContainer, exposeContainer)},
	{name: "EXPOSE host port", rule: ruleParseError, pattern: regexp.MustCompile(`^invalid hostPort: (?P<token>.*)$`),
		text: translated("%s — недопустимый порт хоста"), narrow: blameExpose(exposeIsHost, nil)},
	{name: "EXPOSE IP address", rule: ruleParseError, pattern: regexp.MustCompile(`^invalid IP address:? (?P<token>[^\s:]*|\[[^\]]*\])(?:: .*)?$`),
		text:   translated("недопустимый IP-адрес %s"),
		args:   func(_ *Document, _, _ *Instruction, data Data) (string, []any) { return "", []any{data.Args[0]} },
		narrow: blameExpose(exposeHasIP, nil)},
	{name: "EXPOSE ranges", rule: ruleParseError, pattern: regexp.MustCompile(`^invalid ranges specified for container and host Ports: (?P<token>\S+) and (\S+)$`),
		text: translated("диапазоны портов контейнера (%s) и хоста (%s) разной длины"), narrow: blameExpose(exposeIsContainer, nil)},

	// STOPSIGNAL.
	{name: "signal", rule: ruleParseError, pattern: regexp.MustCompile(`^invalid signal: (?P<token>.*)$`),
		text: translated("неизвестный сигнал %s"), narrow: func(_ *Document, _, target *Instruction, _ Data) (Span, bool) { return blameBase(target) }},
}

// referenceReasons explains why an image reference is invalid, from the
// reason distribution/reference or go-digest gave BuildKit.
func referenceReasons(reason string) (*message, bool) {
	var t Text
	switch {
	case reason == "invalid reference format":
		t = Text{"en": "write name[:tag][@digest]", "ru": "нужен вид имя[:тег][@дайджест]"}
	case strings.HasPrefix(reason, "invalid reference format: repository name") && strings.HasSuffix(reason, "must be lowercase"):
		t = Text{"en": "the repository name must be lower case", "ru": "имя репозитория пишется строчными буквами"}
	case reason == "unsupported digest algorithm":
		t = Text{"en": "the digest's algorithm is not supported; use sha256:<64 hex digits>", "ru": "алгоритм дайджеста не поддерживается; используйте sha256:<64 шестнадцатеричные цифры>"}
	case strings.HasPrefix(reason, "invalid checksum digest"):
		t = Text{"en": "the digest is malformed; use sha256:<64 hex digits>", "ru": "дайджест записан неверно; нужен sha256:<64 шестнадцатеричные цифры>"}
	default:
		return nil, false
	}
	return &message{text: t}, true
}

// The errors of BuildKit's shell lexer, as "failed to process <word>: <why>".
var expansionTexts = map[string]Text{
	"dquote": {"ru": "в %s не закрыта двойная кавычка"},
	"squote": {"ru": "в %s не закрыта одинарная кавычка"},
	"match":  {"ru": "в %s нет парного символа %s"},
	"brace":  {"ru": "в %s нет закрывающей «}»"},
	"bad":    {"ru": "в %s неверная подстановка переменной"},
	"slash":  {"ru": "в %s после ${имя/ нужен ещё один знак «/»"},
	"modifier": {
		"en": "%s: the ${…} modifier %s is not supported; BuildKit supports ${name:-default}, ${name:+value}, ${name:?message} (each also without the colon), ${name#prefix}, ${name%%suffix} and ${name/old/new}",
		"ru": "в %s модификатор «%s» не поддерживается: BuildKit понимает ${имя:-по_умолчанию}, ${имя:+значение}, ${имя:?сообщение} (и без двоеточия), ${имя#префикс}, ${имя%%суффикс} и ${имя/что/чем}",
	},
	"unclosed": {"en": "the variable reference in %s is not closed with }", "ru": "ссылка на переменную в %s не закрыта знаком «}»"},
	"pattern":  {"ru": "в %s недопустимый шаблон подстановки %s"},
	"escape":   {"ru": "в %s недопустимая escape-последовательность %s"},
}

var (
	reExpMatching = regexp.MustCompile(`^unexpected end of statement while looking for matching (.)$`)
	reExpModifier = regexp.MustCompile(`^unsupported modifier \((.*)\) in substitution$`)
	reExpPattern  = regexp.MustCompile(`^invalid pattern \((.*)\) in substitution: .*$`)
	reExpEscape   = regexp.MustCompile(`^invalid escape '(.*)'$`)
)

// expansionArgs picks the text for the lexer's reason.
func expansionArgs(_ *Document, _, _ *Instruction, data Data) (string, []any) {
	word, why := data.Args[0], data.Args[1]
	switch why {
	case "unexpected end of statement while looking for matching double-quote":
		return "dquote", []any{word}
	case "unexpected end of statement while looking for matching single-quote":
		return "squote", []any{word}
	case "syntax error: missing '}'":
		return "brace", []any{word}
	case "syntax error: bad substitution":
		return "bad", []any{word}
	case "syntax error: missing '/' in ${}":
		return "slash", []any{word}
	}
	if m := reExpMatching.FindStringSubmatch(why); m != nil {
		return "match", []any{word, m[1]}
	}
	if m := reExpModifier.FindStringSubmatch(why); m != nil {
		if m[1] == "" || strings.ContainsRune(m[1], '\uFFFD') {
			return "unclosed", []any{word} // the lexer met the end of the word
		}
		return "modifier", []any{word, m[1]}
	}
	if m := reExpPattern.FindStringSubmatch(why); m != nil {
		return "pattern", []any{word, m[1]}
	}
	if m := reExpEscape.FindStringSubmatch(why); m != nil {
		return "escape", []any{word, m[1]}
	}
	return "unknown", nil
}

// blameExpansion blames the ${…} reference at fault inside the word the
// lexer could not expand (the one with the modifier it names, else the
// first), else the word.
func blameExpansion(d *Document, ins, target *Instruction, data Data) (Span, bool) {
	word, ok := blameTextOf(d, ins, target, data)
	if !ok {
		return word, false
	}
	modifier := ""
	if m := reExpModifier.FindStringSubmatch(data.Args[1]); m != nil {
		modifier = m[1]
	}
	var first *VarRef
	for i := range target.Vars {
		v := &target.Vars[i]
		if !v.Braced || v.Span.Start < word.Start || v.Span.End > word.End {
			continue
		}
		if modifier != "" && strings.Contains(d.text(v.Span), modifier) {
			return v.Span, true
		}
		if first == nil {
			first = v
		}
	}
	if first != nil && first.Span != word {
		return first.Span, true
	}
	return word, true
}
