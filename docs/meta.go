package docs

// Reference is the whole metadata set loaded from reference.yaml.
type Reference struct {
	Instructions []*Instruction `yaml:"instructions" json:"instructions"`
	Directives   []*Directive   `yaml:"directives" json:"directives"`
	Args         []*Arg         `yaml:"args" json:"args"`   // predefined build args
	Rules        []*Rule        `yaml:"rules" json:"rules"` // build-check rules: BuildKit's and ours
	Kinds        []*ValueKind   `yaml:"kinds" json:"kinds"` // value kinds of flags, options, arguments and directives

	// Topics lists the cross-instruction pages (topics.go).
	Topics []*TopicInfo `yaml:"topics" json:"topics"`
}

// Instruction describes one Dockerfile instruction.
type Instruction struct {
	Name string `yaml:"name" json:"name"` // upper case, e.g. "FROM"
	// Forms lists each accepted form with its syntax line.
	Forms []Form `yaml:"forms" json:"forms"`
	// MinArgs is the minimum number of arguments after the flags that
	// BuildKit accepts. Elements of a JSON (exec) array count as arguments.
	MinArgs int `yaml:"minArgs" json:"minArgs"`
	// MaxArgs is the maximum number of arguments; -1 means unlimited.
	MaxArgs    int     `yaml:"maxArgs" json:"maxArgs"`
	Flags      []*Flag `yaml:"flags,omitempty" json:"flags,omitempty"`
	Deprecated string  `yaml:"deprecated,omitempty" json:"deprecated,omitempty"` // non-empty: what to use instead
	URL        string  `yaml:"url" json:"url"`                                   // upstream reference section
	// Arg is the value kind of the arguments, when they have one (a
	// signal for STOPSIGNAL, a port for EXPOSE).
	Arg string `yaml:"arg,omitempty" json:"arg,omitempty"`
	// Snippets are the forms completion offers as snippets when the
	// instruction is typed.
	Snippets []Snippet `yaml:"snippets,omitempty" json:"snippets,omitempty"`
}

// Snippet is a completion template in LSP snippet syntax.
type Snippet struct {
	Label string `yaml:"label" json:"label"` // what the list shows, e.g. "FROM image AS name"
	Body  string `yaml:"body" json:"body"`   // e.g. "FROM ${1:image}:${2:tag} AS ${3:name}"
}

// Form is one syntactic form of an instruction.
type Form struct {
	Name   string `yaml:"name" json:"name"`     // shell, exec, json, heredoc, default, none, ...
	Syntax string `yaml:"syntax" json:"syntax"` // e.g. "RUN [OPTIONS] <command> ..."
}

// Flag is a --flag accepted by an instruction.
type Flag struct {
	Name string `yaml:"name" json:"name"` // without dashes, e.g. "platform"
	// Kind names the value kind (see ValueKind): bool, string, duration, int,
	// enum, keyvalue, stage, platform, chown, chmod, checksum.
	Kind         string   `yaml:"kind" json:"kind"`
	Value        string   `yaml:"value" json:"value"`                       // value syntax shown to users
	Values       []string `yaml:"values,omitempty" json:"values,omitempty"` // enum: allowed values
	Keys         []*Key   `yaml:"keys,omitempty" json:"keys,omitempty"`     // keyvalue: option keys
	Default      string   `yaml:"default,omitempty" json:"default,omitempty"`
	Repeatable   bool     `yaml:"repeatable,omitempty" json:"repeatable,omitempty"`
	Experimental bool     `yaml:"experimental,omitempty" json:"experimental,omitempty"` // needs docker/dockerfile:1-labs
	Deprecated   string   `yaml:"deprecated,omitempty" json:"deprecated,omitempty"`
	Since        string   `yaml:"since,omitempty" json:"since,omitempty"`     // Dockerfile frontend version, e.g. "1.2"
	Suggest      []string `yaml:"suggest,omitempty" json:"suggest,omitempty"` // values completion offers for this flag, instead of its kind's
}

// Key is one option of a key/value flag (RUN --mount).
type Key struct {
	Name    string   `yaml:"name" json:"name"` // canonical name, e.g. "target"
	Aliases []string `yaml:"aliases,omitempty" json:"aliases,omitempty"`
	Kind    string   `yaml:"kind" json:"kind"` // bool, string, enum, octal, int, size, stage
	// Value is the value's syntax shown to users, e.g. "<path>" (enums show
	// their values and bools none).
	Value  string   `yaml:"value,omitempty" json:"value,omitempty"`
	Values []string `yaml:"values,omitempty" json:"values,omitempty"`
	// Types lists the mount types for which the key has an effect; empty
	// means all types.
	Types    []string `yaml:"types,omitempty" json:"types,omitempty"`
	Default  string   `yaml:"default,omitempty" json:"default,omitempty"`
	Required []string `yaml:"required,omitempty" json:"required,omitempty"` // mount types that require the key
	Suggest  []string `yaml:"suggest,omitempty" json:"suggest,omitempty"`   // values completion offers for this key, instead of its kind's
}

// Directive is a parser directive such as "# syntax=...".
type Directive struct {
	Name   string   `yaml:"name" json:"name"`
	Values []string `yaml:"values,omitempty" json:"values,omitempty"`
	Syntax string   `yaml:"syntax" json:"syntax"`
	URL    string   `yaml:"url" json:"url"`
	Kind   string   `yaml:"kind,omitempty" json:"kind,omitempty"` // value kind, when the value is a single one
}

// Arg is a predefined build argument.
type Arg struct {
	Name    string `yaml:"name" json:"name"`
	Example string `yaml:"example" json:"example"`
	Group   string `yaml:"group" json:"group"` // platform, proxy, buildkit or other
}

// Rule is a build-check rule, either BuildKit's or one of ours.
type Rule struct {
	Name         string `yaml:"name" json:"name"`
	Source       string `yaml:"source" json:"source"`     // "buildkit" or "dockerfile-ls"
	Severity     string `yaml:"severity" json:"severity"` // "error", "warning", "information" or "hint"
	Experimental bool   `yaml:"experimental,omitempty" json:"experimental,omitempty"`
	URL          string `yaml:"url,omitempty" json:"url,omitempty"`
	Description  string `yaml:"description" json:"description"`
}

// ValueKind is a kind of value: of a flag, a mount option, an instruction's
// arguments or a directive. How a value of each kind is checked is code
// (analysis/kinds.go); the lists are here.
type ValueKind struct {
	Name string `yaml:"name" json:"name"`
	// Values is the closed list of what the kind allows, when it has one
	// (bool, protocol). Enum flags and options list their own values.
	Values []string `yaml:"values,omitempty" json:"values,omitempty"`
	// Suggest is what completion offers for a value of the kind; Values
	// when empty.
	Suggest []string `yaml:"suggest,omitempty" json:"suggest,omitempty"`
}
