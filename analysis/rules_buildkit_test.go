package analysis

import (
	"slices"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/linter"
)

// Each BuildKit check's format reads BuildKit's own message back into the
// values BuildKit put in it (messages here are made by BuildKit's Format);
// English stays that message, Russian is the rule's template filled with them.
func TestBuildKitFormatsReadBuildKitMessages(t *testing.T) {
	for _, tc := range []struct {
		rule             string
		msg              string
		args             []string
		token, suggested string
	}{
		{"StageNameCasing", linter.RuleStageNameCasing.Format("Build"), []string{"Build"}, "Build", ""},
		{"FromAsCasing", linter.RuleFromAsCasing.Format("FROM", "as"), []string{"as", "FROM"}, "as", ""},
		{"NoEmptyContinuation", linter.RuleNoEmptyContinuation.Format(), []string{}, "", ""},
		{"ConsistentInstructionCasing", linter.RuleConsistentInstructionCasing.Format("run", "uppercase"), []string{"run", "uppercase"}, "run", ""},
		{"DuplicateStageName", linter.RuleDuplicateStageName.Format("base"), []string{"base"}, "base", ""},
		{"ReservedStageName", linter.RuleReservedStageName.Format("scratch"), []string{"scratch"}, "scratch", ""},
		{"JSONArgsRecommended", linter.RuleJSONArgsRecommended.Format("CMD"), []string{"CMD"}, "CMD", ""},
		{"MaintainerDeprecated", linter.RuleMaintainerDeprecated.Format(), []string{}, "", ""},
		{"UndefinedArgInFrom", linter.RuleUndefinedArgInFrom.Format("VERSON", "VERSION"), []string{"VERSON", "VERSION"}, "VERSON", "VERSION"},
		{"UndefinedArgInFrom", linter.RuleUndefinedArgInFrom.Format("TAG", ""), []string{"TAG", ""}, "TAG", ""},
		{"WorkdirRelativePath", linter.RuleWorkdirRelativePath.Format("app"), []string{"app"}, "app", ""},
		{"UndefinedVar", linter.RuleUndefinedVar.Format("HOEM", "HOME"), []string{"HOEM", "HOME"}, "HOEM", "HOME"},
		{"UndefinedVar", linter.RuleUndefinedVar.Format("X", ""), []string{"X", ""}, "X", ""},
		{"MultipleInstructionsDisallowed", linter.RuleMultipleInstructionsDisallowed.Format("CMD"), []string{"CMD"}, "CMD", ""},
		{"LegacyKeyValueFormat", linter.RuleLegacyKeyValueFormat.Format("ENV"), []string{"ENV"}, "ENV", ""},
		{"InvalidBaseImagePlatform", linter.RuleInvalidBaseImagePlatform.Format("alpine", "linux/amd64", "linux/arm64"), []string{"alpine", "linux/arm64", "linux/amd64"}, "alpine", ""},
		{"RedundantTargetPlatform", linter.RuleRedundantTargetPlatform.Format("$TARGETPLATFORM"), []string{"$TARGETPLATFORM"}, "$TARGETPLATFORM", ""},
		{"SecretsUsedInArgOrEnv", linter.RuleSecretsUsedInArgOrEnv.Format("ENV", "API_TOKEN"), []string{"ENV", "API_TOKEN"}, "API_TOKEN", ""},
		{"InvalidDefaultArgInFrom", linter.RuleInvalidDefaultArgInFrom.Format("alpine:$TAG"), []string{"alpine:$TAG"}, "alpine:$TAG", ""},
		{"FromPlatformFlagConstDisallowed", linter.RuleFromPlatformFlagConstDisallowed.Format("linux/arm64"), []string{"linux/arm64"}, "linux/arm64", ""},
		{"CopyIgnoredFile", linter.RuleCopyIgnoredFile.Format("Copy", "secret.env"), []string{"Copy", "secret.env"}, "secret.env", ""},
		{"InvalidDefinitionDescription", linter.RuleInvalidDefinitionDescription.Format("stage", "build"), []string{"stage", "build"}, "build", ""},
		{"ExposeProtoCasing", linter.RuleExposeProtoCasing.Format("53/UDP"), []string{"53/UDP"}, "53/UDP", ""},
		{"ExposeInvalidFormat", linter.RuleExposeInvalidFormat.Format("80:80"), []string{"80:80"}, "80:80", ""},
	} {
		r := RuleNamed(tc.rule)
		if r == nil || r.format == nil {
			t.Errorf("%s: no rule value with BuildKit's format", tc.rule)
			continue
		}
		d := r.fromBuildKit(Parse("FROM alpine\n"), tc.msg, "", 1)
		if !slices.Equal(d.Data.Args, tc.args) || d.Data.Token != tc.token || d.Data.Suggestion != tc.suggested {
			t.Errorf("%s: %q reads as %+v, want args %q token %q suggestion %q", tc.rule, tc.msg, d.Data, tc.args, tc.token, tc.suggested)
		}
		if d.Message != tc.msg || d.Localized("en") != tc.msg {
			t.Errorf("%s: BuildKit's message %q became %q / %q", tc.rule, tc.msg, d.Message, d.Localized("en"))
		}
		if ru := d.Localized("ru"); ru == tc.msg || strings.Contains(ru, "%!") || untranslated(ru, d.Data) != "" {
			t.Errorf("%s: %q in Russian reads %q", tc.rule, tc.msg, ru)
		}
	}
}

// A BuildKit check with a translation speaks the user's language from the
// values in BuildKit's message; English stays BuildKit's text byte for byte.
func TestBuildKitCheckTranslation(t *testing.T) {
	r := &Rule{Name: "StageNameCasing", format: RuleNamed("StageNameCasing").format,
		Messages: map[string]Text{"": {"ru": "имя этапа '%s' лучше писать строчными буквами"}}}
	msg := linter.RuleStageNameCasing.Format("Build")
	d := r.fromBuildKit(Parse("FROM alpine AS Build\n"), msg, "", 1)
	if d.Localized("en") != msg || d.Message != msg || d.Localized("de") != msg {
		t.Errorf("English (and a language without a template) must stay BuildKit's: %q", d.Localized("en"))
	}
	if got := d.Localized("ru"); got != "имя этапа 'Build' лучше писать строчными буквами" {
		t.Errorf("ru = %q", got)
	}
}
