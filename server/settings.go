package server

import (
	"encoding/json"
)

// Settings are the user-visible options, from initializationOptions or
// workspace/didChangeConfiguration (under a "dockerfile-ls" key or bare).
type Settings struct {
	// Locale picks the language of hover and completion docs: auto, en, ru.
	Locale string `json:"locale"`
	// Diagnostics turns publishing diagnostics on or off.
	Diagnostics *bool `json:"diagnostics,omitempty"`
	// Context is the build context directory for COPY/ADD completion and
	// .dockerignore checks; empty means the Dockerfile's directory.
	Context string `json:"context"`
	// Format tunes document formatting.
	Format FormatSettings `json:"format"`
}

// FormatSettings are the formatter's options that editors do not send in
// their FormattingOptions.
type FormatSettings struct {
	// Shell prints RUN commands with mvdan.cc/sh, one command per line.
	Shell bool `json:"shell"`
	// MaxBlankLines is how many blank lines may follow each other.
	MaxBlankLines int `json:"maxBlankLines"`
}

func defaultSettings() Settings {
	return Settings{Locale: "auto", Format: FormatSettings{MaxBlankLines: 1}}
}

// mergeSettings overlays raw JSON settings on cur. It accepts both
// {"dockerfile-ls": {...}} and the bare object.
func mergeSettings(cur Settings, raw []byte) Settings {
	if len(raw) == 0 || string(raw) == "null" {
		return cur
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
	if json.Unmarshal(raw, &next) != nil {
		return cur
	}
	if next.Locale == "" {
		next.Locale = "auto"
	}
	return next
}

func (s Settings) diagnosticsEnabled() bool { return s.Diagnostics == nil || *s.Diagnostics }
