package analysis

import "fmt"

// messages are the few sentences analysis writes itself (hover labels and
// our own diagnostics), per language. Reference text lives in docs/.
var messages = map[string]map[string]string{
	"en": {
		"var.value":        "Value: `%s`",
		"var.novalue":      "No value here: it expands to an empty string unless set with `--build-arg`.",
		"var.defined":      "Defined by `%s` on line %d",
		"var.inherited":    "Inherited from stage `%s` (`%s` on line %d)",
		"var.predefined":   "Predefined build argument.",
		"var.global":       "Global build argument (`ARG` before the first `FROM`), line %d",
		"var.undefined":    "`$%s` is not defined here.",
		"var.declare":      "Declare `ARG %s` in this stage to use it here.",
		"var.shell":        "Expanded by the shell at run time, not by BuildKit.",
		"stage.title":      "Build stage `%s` (stage %d)",
		"stage.from":       "`%s` on line %d",
		"stage.unnamed":    "Build stage %d",
		"stage.notfound":   "No stage named `%s` is defined before this line, so it is treated as an image.",
		"image.title":      "Image `%s`",
		"image.registry":   "Registry",
		"image.repository": "Repository",
		"image.tag":        "Tag",
		"image.digest":     "Digest",
		"image.latest":     "`latest` (no tag given)",
		"image.vars":       "Contains variables; resolved with their defaults as `%s`.",
		"image.invalid":    "Not a valid image reference: %s",
		"image.scratch":    "`scratch` is the empty image: the stage starts from nothing.",
		"image.page":       "Registry page",
		"rule.title":       "Build check `%s`",

		"hint.flag":         " (did you mean --%s?)",
		"hint.value":        " (did you mean %s?)",
		"flag.unknown":      "unknown flag --%s for %s%s; valid flags: %s",
		"flag.duplicate":    "--%s is given more than once; only one is allowed",
		"flag.needsValue":   "--%s needs a value: --%s=%s",
		"flag.badValue":     "--%s: %s",
		"json.malformed":    "this looks like an exec-form JSON array but is not valid JSON (%s), so it runs as a shell command; use double quotes",
		"value.enum":        "%q is not one of %s%s",
		"value.bool":        "%q is not a boolean; use true or false",
		"value.duration":    "%q is not a duration; write it like 30s, 1m30s or 500ms",
		"value.durationMin": "%q is shorter than the minimum of 1ms",
		"value.int":         "%q is not a whole number",
		"value.negative":    "%d cannot be negative",
		"value.chmod":       "%q is not a file mode; use octal like 0755 or symbolic like u+x",
		"value.octal":       "%q is not an octal mode such as 0755",
		"value.size":        "%q is not a size such as 64m or 1g",
		"mount.empty":       "empty mount option; remove the extra comma",
		"mount.unknownKey":  "unknown mount option %q%s; type=%s takes: %s",
		"mount.unknownType": "unknown mount type %q; use one of %s",
		"mount.noEffect":    "%s has no effect on type=%s mounts; it applies to %s",
		"mount.needsValue":  "mount option %s needs a value (%s=…)",
		"mount.badValue":    "%s: %s",
		"shell.syntax":      "shell syntax error: %s (the build fails when this step runs)",
		"arg.notInScope":    "$%s is a global ARG (declared before the first FROM), which this stage cannot see, so the shell expands it to nothing; add `ARG %s` to the stage",
		"stage.unknown":     "no stage named %q is defined before this line, so BuildKit pulls an image %q instead; did you mean %s?",
		"checks.deepVars":   "variable references nest %d levels deep here (more than %d), so BuildKit's checks and the shell syntax check skip this instruction",
	},
	"ru": {
		"var.value":        "Значение: `%s`",
		"var.novalue":      "Здесь значения нет: подставится пустая строка, если не задать его через `--build-arg`.",
		"var.defined":      "Определена в `%s` на строке %d",
		"var.inherited":    "Унаследована от этапа `%s` (`%s` на строке %d)",
		"var.predefined":   "Предопределённый аргумент сборки.",
		"var.global":       "Глобальный аргумент сборки (`ARG` до первой `FROM`), строка %d",
		"var.undefined":    "`$%s` здесь не определена.",
		"var.declare":      "Объявите `ARG %s` в этом этапе, чтобы использовать её здесь.",
		"var.shell":        "Подставляет оболочка при выполнении, а не BuildKit.",
		"stage.title":      "Этап сборки `%s` (этап %d)",
		"stage.from":       "`%s` на строке %d",
		"stage.unnamed":    "Этап сборки %d",
		"stage.notfound":   "Этап `%s` выше этой строки не объявлен, поэтому имя считается образом.",
		"image.title":      "Образ `%s`",
		"image.registry":   "Реестр",
		"image.repository": "Репозиторий",
		"image.tag":        "Тег",
		"image.digest":     "Дайджест",
		"image.latest":     "`latest` (тег не указан)",
		"image.vars":       "Содержит переменные; со значениями по умолчанию это `%s`.",
		"image.invalid":    "Некорректная ссылка на образ: %s",
		"image.scratch":    "`scratch` — пустой образ: этап начинается с нуля.",
		"image.page":       "Страница в реестре",
		"rule.title":       "Проверка сборки `%s`",

		"hint.flag":         " (возможно, имелся в виду --%s?)",
		"hint.value":        " (возможно, имелось в виду %s?)",
		"flag.unknown":      "неизвестный флаг --%s у %s%s; допустимые флаги: %s",
		"flag.duplicate":    "флаг --%s указан несколько раз, а допускается только один",
		"flag.needsValue":   "флагу --%s нужно значение: --%s=%s",
		"flag.badValue":     "--%s: %s",
		"json.malformed":    "это похоже на exec-форму (массив JSON), но это некорректный JSON (%s), поэтому команда выполнится через оболочку; используйте двойные кавычки",
		"value.enum":        "%q не входит в список: %s%s",
		"value.bool":        "%q — не логическое значение; используйте true или false",
		"value.duration":    "%q — не длительность; пишите, например, 30s, 1m30s или 500ms",
		"value.durationMin": "%q меньше минимума в 1ms",
		"value.int":         "%q — не целое число",
		"value.negative":    "%d не может быть отрицательным",
		"value.chmod":       "%q — не режим доступа; используйте восьмеричный вид (0755) или символьный (u+x)",
		"value.octal":       "%q — не восьмеричный режим вроде 0755",
		"value.size":        "%q — не размер вроде 64m или 1g",
		"mount.empty":       "пустой параметр монтирования; уберите лишнюю запятую",
		"mount.unknownKey":  "неизвестный параметр монтирования %q%s; для type=%s допустимы: %s",
		"mount.unknownType": "неизвестный тип монтирования %q; используйте один из: %s",
		"mount.noEffect":    "%s не действует для монтирования type=%s; он нужен для: %s",
		"mount.needsValue":  "параметру монтирования %s нужно значение (%s=…)",
		"mount.badValue":    "%s: %s",
		"shell.syntax":      "синтаксическая ошибка оболочки: %s (сборка упадёт, когда дойдёт до этого шага)",
		"arg.notInScope":    "$%s — глобальный ARG (объявлен до первой FROM), этот этап его не видит, и оболочка подставит пустую строку; добавьте в этап `ARG %s`",
		"stage.unknown":     "этап %q выше этой строки не объявлен, поэтому BuildKit скачает образ %q; возможно, имелся в виду %s?",
		"checks.deepVars":   "ссылки на переменные вложены здесь на %d уровней (больше %d), поэтому проверки BuildKit и проверка синтаксиса оболочки эту инструкцию пропускают",
	},
}

// lmsg is a message to render later in the reader's language; arguments
// that are themselves lmsg values are rendered in the same language.
type lmsg struct {
	key  string
	args []any
}

func (m *lmsg) render(lang string) string {
	args := make([]any, len(m.args))
	for i, a := range m.args {
		if sub, ok := a.(*lmsg); ok {
			args[i] = sub.render(lang)
		} else {
			args[i] = a
		}
	}
	return msg(lang, m.key, args...)
}

// msg formats the message key in lang, falling back to English.
func msg(lang, key string, args ...any) string {
	m, ok := messages[lang][key]
	if !ok {
		m = messages["en"][key]
	}
	if len(args) == 0 {
		return m
	}
	return fmt.Sprintf(m, args...)
}
