package server

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"github.com/dockerfile-ls/dockerfile-ls/config"
	"go.lsp.dev/uri"
)

// mergeSettings overlays raw JSON settings (initializationOptions,
// didChangeConfiguration, a workspace/configuration answer) on cur. It
// accepts both {"dockerfile-ls": {...}} and the bare object. A "rules"
// object replaces the previous one whole (clients send every rule they
// set); settings that are not valid leave cur as it was, and rule levels
// that are not valid are dropped (the problems are returned, for the log).
func mergeSettings(cur config.Settings, raw []byte) (config.Settings, []string) {
	if len(raw) == 0 || string(raw) == "null" {
		return cur, nil
	}
	var wrapped map[string]json.RawMessage
	if json.Unmarshal(raw, &wrapped) == nil {
		for _, k := range []string{"dockerfile-ls", "dockerfileLs", "dockerfile"} {
			if inner, ok := wrapped[k]; ok {
				raw = inner
				break
			}
		}
		if inner, ok := wrapped["settings"]; ok {
			return mergeSettings(cur, inner)
		}
	}
	next := cur
	next.Rules = nil // cur's map is shared with readers: never decode into it
	if err := json.Unmarshal(raw, &next); err != nil {
		return cur, []string{"settings ignored: " + err.Error()}
	}
	if next.Rules == nil {
		next.Rules = cur.Rules
	}
	if next.Locale == "" {
		next.Locale = "auto"
	}
	var problems []string
	for _, name := range sortedKeys(next.Rules) {
		if err := analysis.CheckRuleSetting(name, next.Rules[name]); err != nil {
			problems = append(problems, "dockerfile-ls.rules: "+err.Error())
			delete(next.Rules, name) // a map of our own: decoded just now
		}
	}
	return next, problems
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// settingsFor returns the settings of a document: the editor's, overlaid by
// the project file governing it (a file on disk only), and that file.
func (s *Server) settingsFor(u uri.URI) (config.Settings, *config.File) {
	set := s.getSettings()
	if u.Scheme() != "file" {
		return set, nil
	}
	f := s.configs.Lookup(filepath.Dir(u.FsPath()), s.rootFor(u.FsPath()))
	return f.Apply(set), f
}

// rootFor is the workspace root holding path, where the search for a
// project file stops ("" outside the workspace: it stops at the repository
// root).
func (s *Server) rootFor(path string) string {
	root := s.getSession().rootPath
	if root == "" {
		return ""
	}
	if rel, err := filepath.Rel(root, path); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	return root
}
