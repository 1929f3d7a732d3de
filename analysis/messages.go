package analysis

import "fmt"

// messages are the labels and sentences of hover that analysis writes
// itself, per language. Reference text lives in docs/; the messages of
// rules live in their rule values (rules_ours.go), those of value kinds in
// kinds.go.
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
		"rule.buildkit":    "BuildKit's message:",
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
		"rule.buildkit":    "Сообщение BuildKit:",
	},
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
