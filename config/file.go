package config

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"github.com/dockerfile-ls/dockerfile-ls/docs"
	"go.yaml.in/yaml/v3"
)

// FileName is the project file's name.
const FileName = ".dockerfile-ls.yaml"

// File is one project file: what it sets (nil: not set) and what is wrong
// with it. An entry with a problem is left out and the rest still applies;
// a file that is not YAML sets nothing.
type File struct {
	// Path is where the file is.
	Path string
	// Errors are its problems, in the order they appear.
	Errors []*Error

	locale     *string
	context    *string // absolute: relative paths are resolved against the file's directory
	shell      *bool
	maxBlank   *int
	rules      map[string]string
	shellRules *bool
}

// Error is a problem in a project file, at a 1-based line and column
// (0 when it is about the whole file).
type Error struct {
	Path         string
	Line, Column int
	Msg          string
	// Whole says the file is not read at all (not YAML, not a mapping, not
	// readable); otherwise only the entry the problem is on is left out.
	Whole bool
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return e.Path + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, e.Msg)
}

// Load reads and parses the project file at path; a file that cannot be
// read is a File with that error.
func Load(path string) *File {
	data, err := os.ReadFile(path)
	if err != nil {
		return &File{Path: path, Errors: []*Error{{Path: path, Msg: err.Error(), Whole: true}}}
	}
	return Parse(path, data)
}

// Parse parses the text of a project file at path.
func Parse(path string, data []byte) *File {
	f := &File{Path: path}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		f.Errors = append(f.Errors, yamlError(path, err))
		return f
	}
	if len(doc.Content) == 0 {
		return f // empty: sets nothing
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		f.errorf(root, "the file must be a mapping of settings (rules, shellRules, locale, context, format)")
		f.Errors[0].Whole = true
		return f
	}
	f.eachKey(root, func(key, val *yaml.Node) {
		switch key.Value {
		case "rules":
			f.parseRules(val)
		case "shellRules":
			f.shellRules = f.boolean(key, val)
		case "locale":
			if s := f.str(key, val); s != nil {
				if *s != "auto" && !slices.Contains(docs.Languages(), *s) {
					f.errorf(val, "unknown locale %q (auto, %s)", *s, strings.Join(docs.Languages(), ", "))
					return
				}
				f.locale = s
			}
		case "context":
			if s := f.str(key, val); s != nil {
				dir := *s
				if !filepath.IsAbs(dir) {
					dir = filepath.Join(filepath.Dir(path), dir)
				}
				f.context = &dir
			}
		case "format":
			f.parseFormat(val)
		default:
			f.errorf(key, "unknown setting %q (rules, shellRules, locale, context, format)", key.Value)
		}
	})
	return f
}

func (f *File) parseRules(val *yaml.Node) {
	if val.Kind != yaml.MappingNode {
		f.errorf(val, "rules must be a mapping of rule names to %s", strings.Join(analysis.Levels, ", "))
		return
	}
	f.rules = map[string]string{}
	f.eachKey(val, func(key, level *yaml.Node) {
		if level.Kind != yaml.ScalarNode {
			f.errorf(level, "rule %s: the level must be one of %s", key.Value, strings.Join(analysis.Levels, ", "))
			return
		}
		if err := analysis.CheckRuleSetting(key.Value, level.Value); err != nil {
			at := level
			if analysis.RuleNamed(key.Value) == nil {
				at = key
			}
			f.errorf(at, "%v", err)
			return
		}
		f.rules[key.Value] = level.Value
	})
}

func (f *File) parseFormat(val *yaml.Node) {
	if val.Kind != yaml.MappingNode {
		f.errorf(val, "format must be a mapping (shell, maxBlankLines)")
		return
	}
	f.eachKey(val, func(key, v *yaml.Node) {
		switch key.Value {
		case "shell":
			f.shell = f.boolean(key, v)
		case "maxBlankLines":
			var n int
			if v.Kind != yaml.ScalarNode || v.Decode(&n) != nil || n < 0 {
				f.errorf(v, "format.maxBlankLines must be a number, 0 or more")
				return
			}
			f.maxBlank = &n
		default:
			f.errorf(key, "unknown format setting %q (shell, maxBlankLines)", key.Value)
		}
	})
}

// eachKey calls fn for each key of a mapping, reporting keys that are not
// plain names or that repeat.
func (f *File) eachKey(m *yaml.Node, fn func(key, val *yaml.Node)) {
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, val := m.Content[i], m.Content[i+1]
		if key.Kind != yaml.ScalarNode {
			f.errorf(key, "a setting's name must be a plain word")
			continue
		}
		if seen[key.Value] {
			f.errorf(key, "%q is set twice", key.Value)
			continue
		}
		seen[key.Value] = true
		fn(key, val)
	}
}

func (f *File) boolean(key, val *yaml.Node) *bool {
	if val.Kind == yaml.ScalarNode && (val.Tag == "!!bool" || val.Tag == "!!str") {
		switch strings.ToLower(val.Value) {
		case "true", "on":
			return ptr(true)
		case "false", "off":
			return ptr(false)
		}
	}
	f.errorf(val, "%s must be true or false", key.Value)
	return nil
}

func (f *File) str(key, val *yaml.Node) *string {
	if val.Kind != yaml.ScalarNode || val.Tag != "!!str" {
		f.errorf(val, "%s must be a string", key.Value)
		return nil
	}
	s := val.Value
	return &s
}

func (f *File) errorf(at *yaml.Node, format string, args ...any) {
	f.Errors = append(f.Errors, &Error{Path: f.Path, Line: at.Line, Column: at.Column, Msg: fmt.Sprintf(format, args...)})
}

// yamlError turns the YAML parser's error ("yaml: line 3: …") into one
// with its line.
func yamlError(path string, err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		_, rest, _ := strings.Cut(msg, ":")
		return &Error{Path: path, Line: line, Column: 1, Msg: "not valid YAML:" + rest, Whole: true}
	}
	return &Error{Path: path, Msg: "not valid YAML: " + msg, Whole: true}
}

// Apply overlays what the file sets on s: a rule it names takes the file's
// level, the other rules keep theirs.
func (f *File) Apply(s Settings) Settings {
	if f == nil {
		return s
	}
	if f.locale != nil {
		s.Locale = *f.locale
	}
	if f.context != nil {
		s.Context = *f.context
	}
	if f.shell != nil {
		s.Format.Shell = *f.shell
	}
	if f.maxBlank != nil {
		s.Format.MaxBlankLines = *f.maxBlank
	}
	if f.shellRules != nil {
		s.ShellRules = f.shellRules
	}
	if len(f.rules) > 0 {
		rules := make(map[string]string, len(s.Rules)+len(f.rules))
		for k, v := range s.Rules {
			rules[k] = v
		}
		for k, v := range f.rules {
			rules[k] = v
		}
		s.Rules = rules
	}
	return s
}

// Err joins the file's problems into one error, or returns nil.
func (f *File) Err() error {
	if f == nil || len(f.Errors) == 0 {
		return nil
	}
	msgs := make([]string, len(f.Errors))
	for i, e := range f.Errors {
		msgs[i] = e.Error()
	}
	return fmt.Errorf("%s", strings.Join(msgs, "\n"))
}

func ptr[T any](v T) *T { return &v }
