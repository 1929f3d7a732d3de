// Package config holds dockerfile-ls's settings, one schema for the editor
// (LSP settings) and for CI, and the project file .dockerfile-ls.yaml that
// both `dockerfile-ls check` and the server read for the Dockerfiles under
// it. It reads files; analysis stays free of I/O and gets only the values.
package config

import "github.com/dockerfile-ls/dockerfile-ls/analysis"

// Settings are the user-visible options. The server takes them from
// initializationOptions, workspace/configuration and
// workspace/didChangeConfiguration (JSON), a project file overlays them
// (YAML, the same names), and check and fmt read the project file.
type Settings struct {
	// Locale picks the language of hover and completion docs and of our
	// messages: auto, en, ru.
	Locale string `json:"locale"`
	// Diagnostics turns publishing diagnostics on or off (editor only).
	Diagnostics *bool `json:"diagnostics,omitempty"`
	// Context is the build context directory for COPY/ADD completion and
	// .dockerignore checks; empty means the Dockerfile's directory.
	Context string `json:"context"`
	// Format tunes document formatting.
	Format Format `json:"format"`
	// Rules maps a rule name to off, error, warning, information or hint.
	Rules map[string]string `json:"rules,omitempty"`
	// ShellRules false turns off every shell-aware rule (those reading the
	// shell inside RUN) that Rules does not name.
	ShellRules *bool `json:"shellRules,omitempty"`
}

// Format are the formatter's options that editors do not send in their
// FormattingOptions.
type Format struct {
	// Shell prints RUN commands with mvdan.cc/sh, one command per line.
	Shell bool `json:"shell"`
	// MaxBlankLines is how many blank lines may follow each other.
	MaxBlankLines int `json:"maxBlankLines"`
}

// Default returns the settings before any are given.
func Default() Settings {
	return Settings{Locale: "auto", Format: Format{MaxBlankLines: 1}}
}

// DiagnosticsEnabled reports whether diagnostics are to be shown.
func (s Settings) DiagnosticsEnabled() bool { return s.Diagnostics == nil || *s.Diagnostics }

// RuleSettings are the settings' say over rules, as analysis applies them.
func (s Settings) RuleSettings() analysis.RuleSettings {
	return analysis.RuleSettings{Levels: s.Rules, ShellRules: s.ShellRules}
}
