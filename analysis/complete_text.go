package analysis

import "fmt"

// The sentences completion writes itself, per language: details of items
// that are syntax or come from the document rather than from the reference
// (values of the reference are described in docs/<lang>/values.yaml).
var (
	detailScratch        = Text{"en": "the empty image", "ru": "пустой образ"}
	detailImageAbove     = Text{"en": "base image used above", "ru": "базовый образ, использованный выше"}
	detailImageWorkspace = Text{"en": "base image of another open Dockerfile", "ru": "базовый образ другого открытого Dockerfile"}
	detailAs             = Text{"en": "name the stage", "ru": "дать этапу имя"}
	detailExecForm       = Text{"en": "exec form", "ru": "exec-форма"}
	detailPredefined     = Text{"en": "predefined, e.g. %s", "ru": "предопределённый, например %s"}
	detailGlobalArg      = Text{"en": "global ARG %s", "ru": "глобальный ARG %s"}
	detailAllRules       = Text{"en": "every rule", "ru": "все правила"}
	detailModifiers      = map[string]Text{
		"-": {"en": "default value when unset or empty", "ru": "значение по умолчанию, если не задана или пуста"},
		"+": {"en": "alternative value when set", "ru": "другое значение, если задана"},
		"?": {"en": "fail with a message when unset or empty", "ru": "ошибка с сообщением, если не задана или пуста"},
	}
)

// in renders t in lang (English when lang has no text) with args.
func (t Text) in(lang string, args ...any) string {
	return (&message{text: t, args: args}).render(lang)
}

// Sort groups: an item's sort text is its group and its rank in the
// reference (or in the document), so a list that mixes flags and argument
// values shows the flags first (they can only come before the arguments),
// then stages in declaration order, images, and the rest.
const (
	sortFlag  = "0"
	sortValue = "1"
	sortImage = "2"
	sortLast  = "3"
)

// sortKey is the sort text of the i-th item of a group.
func sortKey(group string, i int) string { return fmt.Sprintf("%s%03d", group, i) }
