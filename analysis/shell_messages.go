package analysis

import (
	"fmt"
	"regexp"
	"strings"
)

// mvdan.cc/sh reports shell syntax errors in English (syntax/parser.go:
// posErr, curErr, followErr, matchingErr, quoteErr). shellProblem gives
// each common one our words in every language: English stays the parser's
// text, other languages get a description built from the same tokens. An
// error of another shape keeps the parser's text.

// textShape is one shape of an outside library's English message and its
// Russian template, whose arguments are the pattern's groups (for the
// shell parser, each passed through shellWordsRu first).
type textShape struct {
	pattern *regexp.Regexp
	ru      string
}

var shellMessages = []textShape{
	{regexp.MustCompile("^reached EOF without closing quote (.+)$"), "кавычка %s не закрыта"},
	{regexp.MustCompile("^reached (.+) without closing quote (.+)$"), "кавычка %[2]s не закрыта до %[1]s"},
	{regexp.MustCompile("^reached EOF without matching (.+) with (.+)$"), "для %s нет закрывающей %s"},
	{regexp.MustCompile("^reached (.+) without matching (.+) with (.+)$"), "для %[2]s нет закрывающей %[3]s до %[1]s"},
	{regexp.MustCompile("^(.+) statement must end with (.+)$"), "конструкцию %s нужно закончить словом %s"},
	{regexp.MustCompile("^(.+) must be followed by (.+)$"), "после %s ожидается %s"},
	{regexp.MustCompile("^(.+) can only be used to close a block$"), "%s закрывает только блок `{`"},
	{regexp.MustCompile("^(.+) can only be used to close a subshell$"), "%s закрывает только подоболочку `(`"},
	{regexp.MustCompile("^(.+) can only be used to close a test$"), "%s закрывает только проверку `[[`"},
	{regexp.MustCompile("^(.+) can only be used to end a loop$"), "%s может только завершать цикл"},
	{regexp.MustCompile("^(.+) can only be used to end an `if`$"), "%s может только завершать `if`"},
	{regexp.MustCompile("^(.+) can only be used to end a `case`$"), "%s может только завершать `case`"},
	{regexp.MustCompile("^(.+) can only be used in an `if`$"), "%s можно использовать только внутри `if`"},
	{regexp.MustCompile("^(.+) can only be used in a loop$"), "%s можно использовать только в цикле"},
	{regexp.MustCompile("^(.+) can only be used in a case clause$"), "%s можно использовать только внутри `case`"},
	{regexp.MustCompile("^(.+) can only be used in full statements$"), "%s можно ставить только перед целой командой"},
	{regexp.MustCompile("^(.+) can only be used to open an arithmetic cmd$"), "%s может только начинать арифметическую команду"},
	{regexp.MustCompile("^(.+) can only immediately follow a statement$"), "%s может стоять только сразу после команды"},
	{regexp.MustCompile("^(.+) is not a valid start for a statement$"), "команда не может начинаться с %s"},
	{regexp.MustCompile("^(.+) is not a valid word$"), "%s не может быть словом"},
	{regexp.MustCompile("^(.+) cannot form a statement alone$"), "%s сам по себе не команда"},
	{regexp.MustCompile("^(.+) cannot be followed by a word$"), "после %s не может идти слово"},
	{regexp.MustCompile("^unclosed here-document (.+)$"), "heredoc %s не закрыт"},
	{regexp.MustCompile("^a command can only contain words and redirects; encountered (.+)$"), "в команде допустимы только слова и перенаправления, а здесь %s"},
	{regexp.MustCompile("^not a valid parameter expansion operator: (.+)$"), "%s — недопустимый оператор подстановки параметра"},
	{regexp.MustCompile("^not a valid test operator: (.+)$"), "%s — недопустимый оператор проверки"},
	{regexp.MustCompile("^invalid @ expansion operator (.+)$"), "%s — недопустимый оператор подстановки @"},
	{regexp.MustCompile("^case patterns must be separated with (.+)$"), "шаблоны `case` разделяют знаком %s"},
	{regexp.MustCompile("^statements must be separated by &, ; or a newline$"), "команды разделяют знаками &, ; или переводом строки"},
	{regexp.MustCompile("^cannot combine multiple parameter expansion operators$"), "в одной подстановке нельзя сочетать несколько операторов"},
	{regexp.MustCompile("^cannot negate a command multiple times$"), "команду нельзя отрицать несколько раз"},
	{regexp.MustCompile("^cannot index a special parameter name$"), "у специального параметра не бывает индекса"},
	{regexp.MustCompile("^array element values must be words$"), "элементами массива могут быть только слова"},
	{regexp.MustCompile("^arrays cannot be nested$"), "массивы нельзя вкладывать друг в друга"},
	{regexp.MustCompile("^inline variables cannot be arrays$"), "переменная перед командой не может быть массивом"},
	{regexp.MustCompile("^case patterns must consist of words$"), "шаблоны `case` должны быть словами"},
	{regexp.MustCompile("^word list can only contain words$"), "список после `in` может содержать только слова"},
	{regexp.MustCompile("^test operator words must consist of a single literal$"), "оператор проверки должен быть одним словом"},
	{regexp.MustCompile("^expansions not allowed in heredoc words$"), "в ограничителе heredoc нельзя использовать подстановки"},
	{regexp.MustCompile("^invalid nested parameter expansion$"), "недопустимая вложенная подстановка"},
	{regexp.MustCompile("^nested parameter expansion cannot be followed by a word$"), "после вложенной подстановки не может идти слово"},
	{regexp.MustCompile("^@ expansion operator requires a literal$"), "после оператора @ нужна буква оператора"},
	{regexp.MustCompile("^invalid parameter name$"), "недопустимое имя параметра"},
	{regexp.MustCompile("^invalid func name$"), "недопустимое имя функции"},
	{regexp.MustCompile("^invalid var name$"), "недопустимое имя переменной"},
	{regexp.MustCompile("^coproc clause requires a command$"), "после `coproc` нужна команда"},
}

// shellWordsRu are the parser's words for what it expected, in Russian;
// the placeholders it writes inside tokens (`if <cond>`, `for foo`) too.
var shellWordsRu = strings.NewReplacer(
	"a statement list", "команда",
	"a statement", "команда",
	"a word", "слово",
	"an expression", "выражение",
	"a name", "имя",
	"a literal", "имя переменной",
	"names or assignments", "имена или присваивания",
	"a description word", "описание",
	", or a newline", " или перевод строки",
	"<cond>", "<условие>",
	"[in words]", "[in <слова>]",
	"`for foo", "`for <имя>",
	"`select foo", "`select <имя>",
	"`case x`", "`case <слово>`",
	"`foo()`", "`<имя>()`",
	"`expr`", "выражения",
)

// shellProblem is the parser's error text as a message: English as the
// parser writes it, Russian from the table (the parser's text when no
// shape matches). Both are final text: the message takes no arguments.
func shellProblem(text string) *message {
	for _, m := range shellMessages {
		g := m.pattern.FindStringSubmatch(text)
		if g == nil {
			continue
		}
		args := make([]any, 0, len(g)-1)
		for _, a := range g[1:] {
			args = append(args, shellWordsRu.Replace(a))
		}
		return &message{text: Text{"en": text, "ru": fmt.Sprintf(m.ru, args...)}}
	}
	return &message{text: Text{"en": text}}
}
