package analysis

import (
	"path"

	"github.com/dockerfile-ls/dockerfile-ls/imagedb"
)

// The rules that compare a Dockerfile with what its base image contains,
// as an ImageSource knows it (the offline table by default). An image the
// source does not know gives no finding: no guess. Their checks are in
// check_image.go; the commands they read come from image_commands.go.

var (
	_ = register(&Rule{
		Name:  "PackageManagerMissing",
		Shell: true, // reads RUN's commands with mvdan.cc/sh
		Messages: map[string]Text{"": {
			"en": "`%s` is not in `%s` (%s), so this step fails with \"not found\"; %s",
			"ru": "`%s` в `%s` (%s) нет, поэтому шаг завершится ошибкой `not found`; %s",
		}, "use": {
			"en": "its package manager is `%s`",
			"ru": "менеджер пакетов этого образа — `%s`",
		}, "nodistro": {
			"en": "no distribution",
			"ru": "без дистрибутива",
		}, "none": {
			"en": "it has no package manager: install in another stage and COPY the result",
			"ru": "менеджера пакетов в нём нет: установите нужное в другом этапе и скопируйте результат через COPY",
		}},
		checkImage: checkPackageManagers,
	})

	_ = register(&Rule{
		Name: "NoShellInImage",
		Messages: map[string]Text{"": {
			"en": "`%s` has no shell, so this shell-form %s fails at this step (/bin/sh is missing); run a program the image has in exec form, or do the work in a stage with a shell and COPY the result",
			"ru": "в `%s` нет оболочки, поэтому %s в shell-форме завершится ошибкой на этом шаге (нет /bin/sh); запустите имеющуюся в образе программу в exec-форме или сделайте работу в этапе с оболочкой и скопируйте результат через COPY",
		}, "start": {
			"en": "`%s` has no shell, so this shell-form %s fails when the container starts (/bin/sh is missing); write it in exec form",
			"ru": "в `%s` нет оболочки, поэтому %s в shell-форме не сработает при запуске контейнера (нет /bin/sh); запишите в exec-форме",
		}, "exec": {
			"en": "`%s` has no `%s`, so this %s fails at this step; run a program the image has, or do the work in a stage with a shell",
			"ru": "в `%s` нет `%s`, поэтому этот %s завершится ошибкой; запустите имеющуюся в образе программу или сделайте работу в этапе с оболочкой",
		}},
		checkImage: checkNoShell,
	})

	_ = register(&Rule{
		Name:  "UserCommandSyntax",
		Shell: true, // reads RUN's commands with mvdan.cc/sh
		Messages: map[string]Text{"": {
			"en": "`%s` in `%s` is %s, which does not take `%s`: that is the syntax of %s",
			"ru": "`%s` в `%s` — это %s, он не принимает `%s`: так пишут для другой программы — %s",
		}, "absent": {
			"en": "`%s` is not in `%s`, so this step fails with \"not found\"; %s",
			"ru": "`%s` в `%s` нет, поэтому шаг завершится ошибкой `not found`; %s",
		}, "busybox": {
			"en": "BusyBox's adduser",
			"ru": "`adduser` из BusyBox",
		}, "debian": {
			"en": "Debian's adduser script",
			"ru": "сценарий `adduser` из Debian",
		}, "shadow": {
			"en": "shadow's useradd",
			"ru": "`useradd` из пакета `shadow`",
		}, "useBusyBox": {
			"en": "use BusyBox's `adduser`/`addgroup` (`adduser -D -u 1000 name`), or install shadow first (`apk add shadow`)",
			"ru": "используйте `adduser`/`addgroup` из BusyBox (`adduser -D -u 1000 name`) или сначала установите пакет `shadow` (`apk add shadow`)",
		}, "useUseradd": {
			"en": "use `useradd`/`groupadd`, which the image has",
			"ru": "используйте `useradd`/`groupadd`, они в образе есть",
		}, "installShadow": {
			"en": "install shadow-utils first, or create the user in another stage and copy /etc/passwd and /etc/group",
			"ru": "сначала установите `shadow-utils` или создайте пользователя в другом этапе и скопируйте /etc/passwd и /etc/group",
		}},
		checkImage: checkUserCommands,
	})
)

// withImageRules appends the findings of the rules that read base-image
// facts, as "# check=" configures them.
func (d *Document) withImageRules(out []Diagnostic, images ImageSource) []Diagnostic {
	if len(d.Instructions()) == 0 {
		return out
	}
	cfg := d.checkConfig()
	for _, r := range sortedRules() {
		if r.checkImage == nil || cfg.skips(r.Name) {
			continue
		}
		for _, f := range r.checkImage(r, d, images) { // ours: "error=true" is for BuildKit's checks
			if !d.skippedHere(f) { // "# check=skip=" above the instruction
				out = append(out, f)
			}
		}
	}
	return out
}

// imageRulesReport reports whether the image rules can report on an
// instruction (RUN's commands, the shell forms of CMD and ENTRYPOINT).
func imageRulesReport(cmd string) bool {
	return cmd == "RUN" || cmd == "CMD" || cmd == "ENTRYPOINT"
}

// sub is one of r's messages as an argument of another.
func (r *Rule) sub(id string, args ...any) *message {
	return &message{text: r.Messages[id], args: args}
}

// packageCommands are the package managers' commands.
var packageCommands = map[string]imagedb.PackageManager{
	"apk": imagedb.Apk, "apt-get": imagedb.Apt, "apt": imagedb.Apt, "dnf": imagedb.Dnf,
	"microdnf": imagedb.Microdnf, "yum": imagedb.Yum, "tdnf": imagedb.Tdnf, "zypper": imagedb.Zypper, "pacman": imagedb.Pacman,
}

// distroLabel is how a message names an image's distribution.
func distroLabel(r *Rule, im *imagedb.Image) any {
	if name, ok := distroNames[im.Distro]; ok {
		return name
	}
	if im.Distro == "" {
		return r.sub("nodistro")
	}
	return im.Distro
}

// isShellProgram reports whether prog (a path or name) is a POSIX-style shell.
func isShellProgram(prog string) (string, bool) {
	base := path.Base(prog)
	switch base {
	case "sh", "bash", "ash", "dash", "zsh", "ksh", "mksh":
		return base, true
	}
	return base, false
}

// shellInstructionBefore reports whether a SHELL instruction in st or the
// stages it builds on comes before ins: what runs shell forms is then not
// the image's /bin/sh.
func shellInstructionBefore(ins *Instruction, st *Stage) bool {
	for s, n := st, 0; s != nil && n < maxStageChain; s, n = s.Parent, n+1 {
		for _, in := range s.Instructions {
			if s == st && in.Line >= ins.Line {
				break
			}
			if in.Cmd == "SHELL" {
				return true
			}
		}
	}
	return false
}
