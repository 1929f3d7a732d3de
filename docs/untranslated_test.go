package docs

// A translated page must not keep English prose from its English page:
// every line of prose has to be in the page's language. Code blocks, inline
// code, link targets, flags, placeholders and the names reference.yaml
// defines are left out of the comparison.

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
)

var (
	// notProseRe matches what is not prose: inline code, link targets,
	// URLs, flags and <placeholders>.
	notProseRe = regexp.MustCompile("`[^`\n]*`|\\]\\([^)]*\\)|https?://\\S+|--[a-z][a-z0-9-]*|<[^>\\s]*>")
	wordRe     = regexp.MustCompile(`[\p{L}][\p{L}'’-]*`)
)

// minEnglishRun is the shortest run of English words that counts as an
// untranslated phrase. Shorter runs are names (Docker Desktop, Go duration).
const minEnglishRun = 4

// proseWords splits one line of prose into words, each marked as Latin
// (English) or not. Metadata names (RUN, TARGETARCH, cache) are dropped.
func proseWords(line string) (words []string, latin []bool) {
	line = notProseRe.ReplaceAllString(line, " ")
	for _, w := range wordRe.FindAllString(line, -1) {
		if vocabulary[w] {
			continue
		}
		isLatin := true
		for _, r := range w {
			if unicode.IsLetter(r) && !unicode.In(r, unicode.Latin) {
				isLatin = false
				break
			}
		}
		words = append(words, strings.ToLower(w))
		latin = append(latin, isLatin)
	}
	return words, latin
}

// englishRuns returns the runs of consecutive English words in line that
// are at least n words long, each joined with single spaces.
func englishRuns(line string, n int) []string {
	words, latin := proseWords(line)
	var out []string
	start := -1
	flush := func(end int) {
		if start >= 0 && end-start >= n {
			out = append(out, strings.Join(words[start:end], " "))
		}
		start = -1
	}
	for i := range words {
		switch {
		case latin[i] && start < 0:
			start = i
		case !latin[i]:
			flush(i)
		}
	}
	flush(len(words))
	return out
}

// ngrams returns every run of n consecutive words of s (words separated by
// single spaces).
func ngrams(s string, n int) []string {
	w := strings.Fields(s)
	var out []string
	for i := 0; i+n <= len(w); i++ {
		out = append(out, strings.Join(w[i:i+n], " "))
	}
	return out
}

// proseLines returns the non-empty lines of md outside code blocks.
func proseLines(md string) []string {
	var out []string
	for _, l := range strings.Split(prose(md), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// untranslated reports the lines of a translated page tr that are English:
// a line whose words are all English (at least minEnglishRun of them), or a
// line that repeats minEnglishRun English words in a row from en.
func untranslated(en, tr string) []string {
	enPhrases := map[string]bool{}
	for _, l := range proseLines(en) {
		for _, run := range englishRuns(l, minEnglishRun) {
			for _, g := range ngrams(run, minEnglishRun) {
				enPhrases[g] = true
			}
		}
	}
	var out []string
	for _, l := range proseLines(tr) {
		words, latin := proseWords(l)
		if len(words) >= minEnglishRun && !slices.Contains(latin, false) {
			out = append(out, "untranslated line: "+l)
			continue
		}
		for _, run := range englishRuns(l, minEnglishRun) {
			for _, g := range ngrams(run, minEnglishRun) {
				if enPhrases[g] {
					out = append(out, "English phrase "+"«"+g+"»"+" from the English page: "+l)
					break
				}
			}
		}
	}
	return out
}

func TestUntranslated(t *testing.T) {
	en := "Copies files into the image.\n\n```dockerfile\nCOPY a b\n```\n\n- Use `--from` to copy from a stage.\n"
	tests := []struct {
		name, tr string
		want     int
	}{
		{"translated", "Копирует файлы в образ.\n\n```dockerfile\nCOPY a b\n```\n\n- `--from` копирует из этапа.\n", 0},
		{"code and names kept", "Копирует `COPY --from=build /out/app /app` и `docker build --secret id=x`.\n", 0},
		{"short English names", "Раздел Builds в Docker Desktop, длительность в формате Go.\n", 0},
		{"untranslated paragraph", "Копирует файлы в образ.\n\nUse it to copy from a stage.\n", 1},
		{"untranslated list item", "Копирует файлы в образ.\n\n- Use `--from` to copy from a stage.\n", 1},
		{"English phrase inside Russian", "Копирует файлы. Совет: use to copy from a stage.\n", 1},
		{"link text and target", "Смотрите [Справка](https://docs.docker.com/reference/dockerfile/#copy-files-into-the-image).\n", 0},
	}
	for _, tt := range tests {
		if got := untranslated(en, tt.tr); len(got) != tt.want {
			t.Errorf("%s: untranslated = %q, want %d findings", tt.name, got, tt.want)
		}
	}
}

func TestTranslatedPagesHaveNoEnglishProse(t *testing.T) {
	for _, lang := range translatedLangs() {
		for _, key := range pageKeys(lang) {
			en := pageText(t, defaultLang, key)
			if en == "" {
				continue // orphan, reported by TestTranslationCoverage
			}
			for _, p := range untranslated(en, pageText(t, lang, key)) {
				t.Errorf("%s/%s: %s", lang, key, p)
			}
		}
	}
}
