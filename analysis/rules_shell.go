package analysis

// The shell-aware rules: each reads the shell of RUN (shell form and RUN
// <<EOF bodies, parsed once in shellscript.go) in stages a POSIX-style
// shell runs. None is an error: the build does not fail on any of them.
// Their checks live in shell_apt.go, shell_packages.go and
// shell_commands.go; shell_stage.go has what they know of the stage.

var (
	_ = register(&Rule{
		Name:  "AptGetMissingYes",
		Shell: true,
		Messages: map[string]Text{"": {
			"en": "`%s %s` may stop to ask \"Do you want to continue? [Y/n]\"; a build cannot answer, so the step aborts: add `-y`",
			"ru": "`%s %s` может спросить `Do you want to continue? [Y/n]`; при сборке ответить некому, и шаг прервётся: добавьте `-y`",
		}},
		check: checkAptMissingYes,
		fix:   insertAfter(" -y", "Add -y", true),
	})

	_ = register(&Rule{
		Name:  "AptGetRecommends",
		Shell: true,
		Messages: map[string]Text{"": {
			"en": "`%s install` also installs recommended packages, which the image seldom needs; add `--no-install-recommends` and name what you use",
			"ru": "`%s install` ставит и рекомендуемые пакеты, которые образу обычно не нужны; добавьте `--no-install-recommends` и перечислите нужное явно",
		}},
		check: checkAptRecommends,
		fix:   insertAfter(" --no-install-recommends", "Add --no-install-recommends", false),
	})

	_ = register(&Rule{
		Name:  "AptListsKept",
		Shell: true,
		Messages: map[string]Text{"": {
			"en": "`%s update` downloads package lists that stay in this layer; end the RUN with `rm -rf /var/lib/apt/lists/*` (or mount a cache at /var/lib/apt)",
			"ru": "`%s update` скачивает списки пакетов, и они остаются в этом слое; завершите RUN командой `rm -rf /var/lib/apt/lists/*` (или смонтируйте кэш в /var/lib/apt)",
		}},
		check: checkAptListsKept,
		fix:   appendCommand("rm -rf /var/lib/apt/lists/*", "Remove /var/lib/apt/lists at the end"),
	})

	_ = register(&Rule{
		Name:  "AptGetUpdateAlone",
		Shell: true,
		Messages: map[string]Text{"": {
			"en": "`%s update` in a RUN of its own: the build cache keeps this step when a later install changes, which then runs on stale lists; `update` and `install` in the same RUN",
			"ru": "`%s update` в отдельном RUN: кэш сборки сохранит этот шаг, когда изменится следующая установка, и она пойдёт по устаревшим спискам; делайте `update` и `install` в одном RUN",
		}},
		check: checkAptUpdateAlone,
	})

	_ = register(&Rule{
		Name:  "AptGetUpgrade",
		Shell: true,
		Messages: map[string]Text{"": {
			"en": "`%s %s` makes the image depend on the day it was built; prefer a newer base image, or install the specific packages you need",
			"ru": "`%s %s` делает образ зависимым от дня сборки; лучше возьмите более свежий базовый образ или обновите только нужные пакеты",
		}},
		check: checkAptUpgrade,
	})

	_ = register(&Rule{
		Name:  "ApkCacheKept",
		Shell: true,
		Messages: map[string]Text{"": {
			"en": "`apk add` keeps its package index in /var/cache/apk in this layer; add `--no-cache`",
			"ru": "`apk add` оставляет индекс пакетов в /var/cache/apk в этом слое; добавьте `--no-cache`",
		}},
		check: checkApkCacheKept,
		fix:   insertAfter(" --no-cache", "Add --no-cache", true),
	})

	_ = register(&Rule{
		Name:  "PipCacheKept",
		Shell: true,
		Messages: map[string]Text{"": {
			"en": "`pip install` keeps downloaded packages in its cache in this layer; add `--no-cache-dir` (or set `ENV PIP_NO_CACHE_DIR=1`)",
			"ru": "`pip install` оставляет скачанные пакеты в своём кэше в этом слое; добавьте `--no-cache-dir` (или задайте `ENV PIP_NO_CACHE_DIR=1`)",
		}},
		check: checkPipCacheKept,
		fix:   insertAfter(" --no-cache-dir", "Add --no-cache-dir", true),
	})

	_ = register(&Rule{
		Name:  "CdInsteadOfWorkdir",
		Shell: true,
		Messages: map[string]Text{
			"": {
				"en": "`cd %s` at the start of a RUN: `WORKDIR %[1]s` says where the commands run, for this and later instructions",
				"ru": "`cd %s` в начале RUN: `WORKDIR %[1]s` задаёт, где выполняются команды, для этой и следующих инструкций",
			},
			"alone": {
				"en": "a RUN that only runs `cd %s` changes nothing: every RUN starts in the WORKDIR; use `WORKDIR %[1]s`",
				"ru": "RUN, в котором только `cd %s`, ничего не меняет: каждый RUN начинается в WORKDIR; используйте `WORKDIR %[1]s`",
			},
		},
		check: checkCdInsteadOfWorkdir,
		fix:   fixCdInsteadOfWorkdir,
	})

	_ = register(&Rule{
		Name:  "PipeToShell",
		Shell: true,
		Messages: map[string]Text{"": {
			"en": "`%s | %s` runs whatever the server sends, unchecked; download the script to a file, verify its checksum, then run it",
			"ru": "`%s | %s` выполняет всё, что пришлёт сервер, без проверки; скачайте скрипт в файл, сверьте контрольную сумму и только потом запускайте",
		}},
		check: checkPipeToShell,
	})

	_ = register(&Rule{
		Name:  "PipefailMissing",
		Shell: true,
		Messages: map[string]Text{"": {
			"en": "if `%s` fails, this pipeline still succeeds: its status is `%s`'s alone; start the RUN with `set -o pipefail`",
			"ru": "если `%s` завершится с ошибкой, конвейер всё равно будет успешным: его код возврата — это код `%s`; начните RUN с `set -o pipefail`",
		}},
		check: checkPipefailMissing,
		fix:   fixPipefailMissing,
	})

	_ = register(&Rule{
		Name:  "SudoInRun",
		Shell: true,
		Messages: map[string]Text{
			"": {
				"en": "RUN already runs as root, and images often have no `sudo`; drop it",
				"ru": "RUN и так выполняется от root, а `sudo` в образах часто нет; уберите его",
			},
			"asUser": {
				"en": "this RUN runs as `USER %s`; instead of `sudo`, switch with `USER root` for the steps that need it",
				"ru": "этот RUN выполняется от `USER %s`; вместо `sudo` переключитесь на `USER root` для шагов, которым это нужно",
			},
		},
		check: checkSudoInRun,
		fix:   fixSudoInRun,
	})
)

// insertAfter fixes a finding by inserting text at its end (after
// "apt-get install", "apk add", "pip install").
func insertAfter(text, title string, preferred bool) func(*Document, *Diagnostic, *Instruction) []CodeAction {
	return func(_ *Document, diag *Diagnostic, _ *Instruction) []CodeAction {
		at := diag.Span.End
		return []CodeAction{{Title: title, Edits: []TextEdit{{Span{at, at}, text}}, Preferred: preferred}}
	}
}

// appendCommand fixes a finding by running cmd after the RUN's last
// command. Not preferred: a later RUN that installs without updating
// would then find no lists.
func appendCommand(cmd, title string) func(*Document, *Diagnostic, *Instruction) []CodeAction {
	return func(d *Document, _ *Diagnostic, target *Instruction) []CodeAction {
		s := d.scriptOf(target)
		if s == nil || s.file == nil || len(s.file.Stmts) == 0 {
			return nil
		}
		last := s.file.Stmts[len(s.file.Stmts)-1]
		at := s.at(last.End())
		text := " && " + cmd
		if s.body != nil {
			text = "\n" + cmd
		}
		return []CodeAction{{Title: title, Edits: []TextEdit{{Span{at, at}, text}}}}
	}
}
