package docs

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// topicNames are the exported Topic* constants, the names callers use.
var topicNames = []string{TopicHeredocs, TopicCmdEntrypoint, TopicCopyAdd}

func TestTopicConstantsAreRegistered(t *testing.T) {
	var registered []string
	for _, tp := range Ref().Topics {
		registered = append(registered, tp.Name)
	}
	if !slices.Equal(slices.Sorted(slices.Values(registered)), slices.Sorted(slices.Values(topicNames))) {
		t.Errorf("reference.yaml topics %v, Topic* constants %v: add the missing side", registered, topicNames)
	}
	for _, name := range topicNames {
		if tp := Ref().Topic(name); tp == nil || tp.Name != name {
			t.Errorf("Ref().Topic(%q) = %v", name, tp)
		}
		for _, lang := range Languages() {
			md, ok := Topic(lang, name)
			if !ok || md == "" {
				t.Errorf("Topic(%q, %q) has no page", lang, name)
			}
			if got, _ := Page(lang, KindTopic, name); got != md {
				t.Errorf("Topic(%q, %q) differs from Page(%q, KindTopic, %q)", lang, name, lang, name)
			}
		}
	}
}

func TestTopic(t *testing.T) {
	tests := []struct {
		lang, name string
		ok         bool
		want       string // substring
		cyrillic   bool
	}{
		{"en", TopicHeredocs, true, "`<<EOF`", false},
		{"en", " heredocs ", true, "`<<-EOF`", false},
		{"ru", TopicHeredocs, true, "`<<EOF`", true},
		{"ru-RU", TopicHeredocs, true, "`<<EOF`", false}, // not a folder name: English
		{"xx", TopicCmdEntrypoint, true, "`ENTRYPOINT`", false},
		{"ru", TopicCmdEntrypoint, true, "`docker run", true},
		{"ru", TopicCopyAdd, true, "`WORKDIR`", true},
		{"en", "HEREDOCS", true, "`<<EOF`", false}, // case-insensitive, like every page
		{"en", "nosuchtopic", false, "", false},
		{"en", "../instructions/RUN", false, "", false},
		{"en", "", false, "", false},
	}
	for _, tt := range tests {
		md, ok := Topic(tt.lang, tt.name)
		if ok != tt.ok || !strings.Contains(md, tt.want) || hasScript(md, unicode.Cyrillic) != tt.cyrillic {
			t.Errorf("Topic(%q, %q) = ok %v, %.50q; want ok %v containing %q (Cyrillic %v)", tt.lang, tt.name, ok, md, tt.ok, tt.want, tt.cyrillic)
		}
	}
	// The summary is one line, short enough for a hover on a heredoc marker.
	for _, lang := range Languages() {
		for _, name := range topicNames {
			sum := Summary(lang, KindTopic, name)
			if sum == "" || strings.Contains(sum, "\n") || len([]rune(sum)) > 200 {
				t.Errorf("Summary(%q, topics, %q) = %q: want one line of at most 200 characters", lang, name, sum)
			}
		}
	}
	if !strings.Contains(Summary("en", KindTopic, TopicHeredocs), "delimiter") {
		t.Errorf("heredocs summary should say what ends a heredoc: %q", Summary("en", KindTopic, TopicHeredocs))
	}
}

func TestTopicsFor(t *testing.T) {
	names := func(ts []*TopicInfo) []string {
		var out []string
		for _, tp := range ts {
			out = append(out, tp.Name)
		}
		return out
	}
	tests := map[string][]string{
		"RUN":        {TopicHeredocs},
		"run":        {TopicHeredocs},
		"COPY":       {TopicHeredocs, TopicCopyAdd},
		" add ":      {TopicHeredocs, TopicCopyAdd},
		"CMD":        {TopicCmdEntrypoint},
		"ENTRYPOINT": {TopicCmdEntrypoint},
		"LABEL":      nil,
		"":           nil,
	}
	for in, want := range tests {
		if got := names(Ref().TopicsFor(in)); !slices.Equal(got, want) {
			t.Errorf("TopicsFor(%q) = %v, want %v", in, got, want)
		}
	}
	var nilRef *Reference
	if nilRef.Topic(TopicHeredocs) != nil || nilRef.TopicsFor("RUN") != nil || Ref().Topic("nope") != nil {
		t.Error("unknown topics and a nil Reference must give nil")
	}
}
