package docs

import "strings"

// Topic names. A topic page explains what belongs to no single instruction
// or flag: heredoc syntax, how CMD and ENTRYPOINT combine, where COPY and ADD
// put files. Pass them to Topic.
const (
	TopicHeredocs      = "heredocs"       // <<EOF in RUN, COPY and ADD
	TopicCmdEntrypoint = "cmd-entrypoint" // CMD, ENTRYPOINT and docker run arguments together
	TopicCopyAdd       = "copy-add"       // sources, destination and WORKDIR in COPY and ADD
)

// TopicInfo is a topic's entry in reference.yaml.
type TopicInfo struct {
	Name string `yaml:"name" json:"name"` // page name, e.g. "heredocs"
	// Instructions lists the instructions the topic concerns, upper case,
	// so a hover on one of them can point to the topic.
	Instructions []string `yaml:"instructions" json:"instructions"`
	URL          string   `yaml:"url" json:"url"` // upstream reference section
}

// Topic returns the Markdown page of a topic (one of the Topic* names) in
// lang, falling back to English like Page; ok is false for an unknown topic.
// Its first paragraph (Summary(lang, KindTopic, name)) is one line that fits
// a short hover, for example on a heredoc marker or terminator.
func Topic(lang, name string) (markdown string, ok bool) {
	return Page(lang, KindTopic, name)
}

// Topic returns the reference.yaml entry of the named topic, or nil.
func (r *Reference) Topic(name string) *TopicInfo {
	if r == nil {
		return nil
	}
	name = strings.TrimSpace(name)
	for _, t := range r.Topics {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// TopicsFor returns the topics that concern an instruction (for example
// RUN: heredocs), in reference.yaml order. The name is matched
// case-insensitively.
func (r *Reference) TopicsFor(instruction string) []*TopicInfo {
	if r == nil {
		return nil
	}
	instruction = strings.TrimSpace(instruction)
	var out []*TopicInfo
	for _, t := range r.Topics {
		for _, in := range t.Instructions {
			if strings.EqualFold(in, instruction) {
				out = append(out, t)
				break
			}
		}
	}
	return out
}
