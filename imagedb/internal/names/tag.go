// Package names normalises image references (Split) and turns a tag into
// its pattern (Key), for the imagedb table and its generator alike, so a
// reference written in a Dockerfile finds what the generator recorded.
//
// A tag's pattern is the shape that tags of one variant share across
// versions: "3.14.2-slim-trixie", "3.8-slim-buster" and "3-slim-bookworm" all
// become "{v}-slim-{debian}". The tag is split at '-' into tokens, and:
//   - a leading version ("3.14.2", "1.27rc1", "21.0.5_11", or a word the image
//     uses in its place: node's "lts" or "krypton", nginx's "mainline") and
//     the qualifiers after it ("rc", "preview.7", "ea") become "{v}";
//   - Debian and Ubuntu code names and Debian suites become "{debian}" and
//     "{ubuntu}";
//   - a release glued to a name ("alpine3.21", "ltsc2022", "ubi9", "jdk21")
//     becomes the name and "{n}", and so does a Windows release after
//     windowsservercore or nanoserver ("1809" → "ltsc{n}");
//   - other numbers after the start become "{n}", eight-digit dates "{date}";
//   - a trailing architecture ("amd64", "arm64v8") is dropped.
package names

// Placeholders, as they appear in patterns.
const (
	Version = "{v}"
	Number  = "{n}"
	Date    = "{date}"
	Debian  = "{debian}"
	Ubuntu  = "{ubuntu}"
)

var debianNames = map[string]bool{
	"hamm": true, "slink": true, "potato": true, "woody": true, "sarge": true,
	"etch": true, "lenny": true, "squeeze": true, "wheezy": true, "jessie": true,
	"stretch": true, "buster": true, "bullseye": true, "bookworm": true,
	"trixie": true, "forky": true, "duke": true, "sid": true,
	"stable": true, "oldstable": true, "oldoldstable": true, "testing": true, "unstable": true,
}

var ubuntuNames = map[string]bool{
	"precise": true, "trusty": true, "xenial": true, "bionic": true, "cosmic": true,
	"disco": true, "eoan": true, "focal": true, "groovy": true, "hirsute": true,
	"impish": true, "jammy": true, "kinetic": true, "lunar": true, "mantic": true,
	"noble": true, "oracular": true, "plucky": true, "questing": true, "resolute": true, "stonking": true,
}

var archNames = map[string]bool{
	"amd64": true, "arm64v8": true, "arm64": true, "arm32v7": true, "arm32v6": true,
	"arm32v5": true, "arm": true, "i386": true, "ppc64le": true, "s390x": true,
	"riscv64": true, "mips64le": true, "x86_64": true, "aarch64": true,
}

// Token classes, one map lookup per token.
const (
	classDebian = 1 << iota
	classUbuntu
	classArch
)

var tokenClass = func() map[string]uint8 {
	m := map[string]uint8{}
	for n := range debianNames {
		m[n] |= classDebian
	}
	for n := range ubuntuNames {
		m[n] |= classUbuntu
	}
	for n := range archNames {
		m[n] |= classArch
	}
	return m
}()

var qualifiers = [...]string{"rc", "alpha", "beta", "preview", "ea", "pre", "dev", "nightly", "snapshot"}

// IsDebian reports whether name is a Debian code name or suite.
func IsDebian(name string) bool { return debianNames[name] }

// IsUbuntu reports whether name is an Ubuntu code name.
func IsUbuntu(name string) bool { return ubuntuNames[name] }

// Key appends the pattern of tag to dst and returns it. isWord reports the
// image's own version words (nil: none). Key never fails: a tag with no
// version, release or architecture in it is its own pattern.
func Key(dst []byte, tag string, isWord func(string) bool) []byte {
	n := 0 // tokens written
	prev := ""
	versionOpen := false // the previous token was (part of) the leading version
	for i := 0; i <= len(tag); {
		j := i
		for j < len(tag) && tag[j] != '-' {
			j++
		}
		tok := tag[i:j]
		last := j >= len(tag)
		i = j + 1
		class := tokenClass[tok]
		if last && n > 0 && class&classArch != 0 {
			break
		}
		var out string
		switch {
		case n == 0 && tok != "" && (isVersion(tok) || (isWord != nil && isWord(tok))):
			out, versionOpen = Version, true
		case versionOpen && isQualifier(tok):
			continue
		case class&classDebian != 0:
			out = Debian
		case class&classUbuntu != 0:
			out = Ubuntu
		case (prev == "windowsservercore" || prev == "nanoserver" || prev == "servercore") && isWindowsRelease(tok):
			out = "ltsc" + Number
		case n > 0 && isDate(tok):
			out = Date
		case n > 0 && isNumber(tok):
			out = Number
		default:
			if p := namePrefix(tok); p != "" {
				out = p + Number
			} else {
				out = tok
			}
		}
		if out != Version {
			versionOpen = false
		}
		if n > 0 {
			dst = append(dst, '-')
		}
		dst = append(dst, out...)
		n++
		prev = tok
	}
	return dst
}

// isVersion: a token that starts with a digit (optionally after "v") and
// holds only digits, letters, '.', '_' and '+'.
func isVersion(tok string) bool {
	s := tok
	if len(s) > 1 && s[0] == 'v' {
		s = s[1:]
	}
	if s == "" || s[0] < '0' || s[0] > '9' {
		return false
	}
	for k := 0; k < len(s); k++ {
		c := s[k]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '_' || c == '+') {
			return false
		}
	}
	return true
}

// isQualifier: "rc", "rc1", "preview.7", "beta2", "ea".
func isQualifier(tok string) bool {
	if tok == "" || tok[0] < 'a' || tok[0] > 's' {
		return false
	}
	for _, q := range qualifiers {
		if len(tok) >= len(q) && tok[:len(q)] == q {
			rest := tok[len(q):]
			if rest == "" {
				return true
			}
			if rest[0] == '.' {
				rest = rest[1:]
			}
			return isNumber(rest)
		}
	}
	return false
}

// isNumber: digits separated by single dots ("21", "3.12", "24.04").
func isNumber(tok string) bool {
	if tok == "" {
		return false
	}
	digit := false
	for k := 0; k < len(tok); k++ {
		switch c := tok[k]; {
		case c >= '0' && c <= '9':
			digit = true
		case c == '.' && digit && k+1 < len(tok):
			digit = false
		default:
			return false
		}
	}
	return digit
}

// isDate: eight digits, optionally ".N" (a snapshot date such as
// bookworm-20250721 or noble-20241118.1).
func isDate(tok string) bool {
	if len(tok) < 8 {
		return false
	}
	for k := 0; k < 8; k++ {
		if tok[k] < '0' || tok[k] > '9' {
			return false
		}
	}
	rest := tok[8:]
	return rest == "" || (rest[0] == '.' && isNumber(rest[1:]))
}

// isWindowsRelease: "1809", "2004", "20H2", "ltsc2022".
func isWindowsRelease(tok string) bool {
	if len(tok) == 4 && isNumber(tok) {
		return true
	}
	if len(tok) == 4 && tok[2] == 'H' && isNumber(tok[:2]) && tok[3] >= '0' && tok[3] <= '9' {
		return true
	}
	return len(tok) > 4 && tok[:4] == "ltsc" && isNumber(tok[4:])
}

// namePrefix returns the letters of a token made of lowercase letters then
// a number ("alpine3.21" → "alpine"), or "".
func namePrefix(tok string) string {
	k := 0
	for k < len(tok) && tok[k] >= 'a' && tok[k] <= 'z' {
		k++
	}
	if k == 0 || k == len(tok) || !isNumber(tok[k:]) {
		return ""
	}
	return tok[:k]
}

// Major returns the leading number of a tag that starts with a version
// ("10.0.302" → "10", "8.0-noble" → "8"), or "".
func Major(tag string) string {
	i := 0
	for i < len(tag) && tag[i] >= '0' && tag[i] <= '9' {
		i++
	}
	return tag[:i]
}

// WithMajor turns a pattern that starts with "{v}" into the one that names
// the major version ("{v}-noble", "10" → "{v10}-noble"), appending to dst;
// ok is false when key does not start with "{v}" or major is "". Images
// whose default variant differs between major versions (.NET 8 on Debian,
// .NET 10 on Ubuntu) have patterns of this form instead.
func WithMajor(dst []byte, key, major string) ([]byte, bool) {
	if major == "" || len(key) < len(Version) || key[:len(Version)] != Version {
		return dst, false
	}
	dst = append(dst, "{v"...)
	dst = append(dst, major...)
	dst = append(dst, '}')
	return append(dst, key[len(Version):]...), true
}

// IsArch reports whether tok names an architecture ("amd64", "arm64v8").
func IsArch(tok string) bool { return archNames[tok] }
