package docs

import (
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// valueDetails maps language -> list -> value -> the short description of
// the value, read from each language folder's values.yaml.
var valueDetails = sync.OnceValue(func() map[string]map[string]map[string]string {
	out := map[string]map[string]map[string]string{}
	for _, lang := range langFolders() {
		data, err := files.ReadFile(lang + "/values.yaml")
		if err != nil {
			continue // a language without value details falls back to English
		}
		lists, err := parseValueDetails(data)
		if err != nil {
			panic("docs: invalid " + lang + "/values.yaml: " + err.Error())
		}
		out[lang] = lists
	}
	return out
})

func parseValueDetails(data []byte) (map[string]map[string]string, error) {
	var lists map[string]map[string]string
	err := yaml.Unmarshal(data, &lists)
	return lists, err
}

// ValueDetail returns the short description completion shows next to value,
// one of the values of list in reference.yaml: "kinds/<kind>",
// "flags/<INSTRUCTION>-<flag>", "mounts/options/<option>" or
// "directives/<directive>". It is lang's, else English; "" when neither
// describes the value.
func ValueDetail(lang, list, value string) string {
	all := valueDetails()
	if d, ok := all[lang][list][value]; ok {
		return d
	}
	return all[defaultLang][list][value]
}

// Value lists' names, as ValueDetail takes them.
const (
	listKinds      = "kinds/"
	listFlags      = string(KindFlag) + "/"
	listMountOpts  = string(KindMountOption) + "/"
	listDirectives = string(KindDirective) + "/"
)

// KindList names the values of a value kind, for ValueDetail.
func KindList(kind string) string { return listKinds + kind }

// FlagList names the own values of flag name of instruction instr.
func FlagList(instr, name string) string { return listFlags + strings.ToUpper(instr) + "-" + name }

// MountOptionList names the own values of a RUN --mount option.
func MountOptionList(option string) string { return listMountOpts + option }

// DirectiveList names the settings of a parser directive.
func DirectiveList(name string) string { return listDirectives + name }
