package analysis

import (
	"strings"
	"testing"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
)

// pageExample returns the first dockerfile block under the "## <section>"
// heading of a page.
func pageExample(md, section string) string {
	_, after, ok := strings.Cut(md, "## "+section+"\n")
	if !ok {
		return ""
	}
	_, block, ok := strings.Cut(after, "```dockerfile\n")
	if !ok {
		return ""
	}
	block, _, _ = strings.Cut(block, "```")
	return block
}

// TestShellRulePageExamples: the Bad example of each shell-aware rule's
// page fires the rule and the Good one does not.
func TestShellRulePageExamples(t *testing.T) {
	n := 0
	for _, r := range Rules() {
		if !r.Shell || r.Name == "ShellSyntax" {
			continue
		}
		n++
		md, _ := docs.Page("en", docs.KindRule, r.Name)
		for _, section := range []string{"Bad", "Good"} {
			src := pageExample(md, section)
			if src == "" {
				t.Errorf("%s: no %s example", r.Name, section)
				continue
			}
			fired := false
			for _, d := range Parse(src).Diagnostics(nil, nil) {
				fired = fired || d.Rule == r.Name
			}
			if fired != (section == "Bad") {
				t.Errorf("%s: %s example: fired=%v\n%s", r.Name, section, fired, src)
			}
		}
	}
	if n < 11 {
		t.Errorf("%d shell rules, want 11", n)
	}
}

// TestShellRuleCases are the spellings each rule must tell apart, as
// mvdan.cc/sh's tables list many inputs per expectation.
func TestShellRuleCases(t *testing.T) {
	tests := []struct {
		rule  string
		fires []string // RUN commands (after "FROM <base>\nRUN ")
		clean []string
	}{
		{"AptGetMissingYes",
			[]string{"apt-get install x", "apt-get -q install x", "apt install x", "sudo apt-get install x", "apt-get remove x", "apt-get -o Debug::pkgProblemResolver=1 install x", "apt-get --quiet install x", "apt-get -o APT::Get::Assume-Yes=false install x"},
			[]string{"apt-get install -y x", "apt-get -y install x", "apt-get install --yes x", "apt-get install --assume-yes x", "apt-get -qq install x", "apt-get -q -q install x", "apt-get -q=2 install x", "apt-get -qy install x", "apt-get -yq install x", "apt-get -o APT::Get::Assume-Yes=true install x", "apt-get -oAPT::Get::Assume-Yes=1 install x", "yes | apt-get install x", "apt-get install -s x", "apt-get --dry-run install x", "apt-get update", "apt-get \"$CMD\" x", "echo 'APT::Get::Assume-Yes \"true\";' > /etc/apt/apt.conf.d/90yes && apt-get install x"}},
		{"AptGetRecommends",
			[]string{"apt-get install -y x", "apt install -y x"},
			[]string{"apt-get install -y --no-install-recommends x", "apt-get --no-install-recommends install -y x", "apt-get -o APT::Install-Recommends=false install -y x", "apt-get install -y --install-recommends=no x", "apt-get remove -y x"}},
		{"AptListsKept",
			[]string{"apt-get update && apt-get install -y --no-install-recommends x", "apt-get update && apt-get install -y --no-install-recommends x && apt-get clean", "apt-get update && apt-get install -y --no-install-recommends x && rm -rf /var/lib/apt/lists/*.lz4"},
			[]string{"apt-get update && apt-get install -y --no-install-recommends x && rm -rf /var/lib/apt/lists/*", "apt-get update && apt-get install -y --no-install-recommends x && rm -rf /var/lib/apt/lists", "apt-get update && apt-get install -y --no-install-recommends x && rm -fr /var/lib/apt/lists/ /tmp/*", "apt-get update && apt-get install -y --no-install-recommends x && find /var/lib/apt/lists -type f -delete", "--mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y --no-install-recommends x", "--mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y --no-install-recommends x", "apt-get update && apt-get install -y --no-install-recommends x && apt-get distclean", "apt-get install -y --no-install-recommends x"}},
		{"AptGetUpdateAlone",
			[]string{"apt-get update", "apt-get update -qq", "echo deb http://x y > /etc/apt/sources.list.d/x.list && apt-get update", "apt-get update && echo done"},
			[]string{"apt-get update && apt-get install -y --no-install-recommends x && rm -rf /var/lib/apt/lists/*", "apt-get update && ./install-deps.sh"}},
		{"AptGetUpgrade",
			[]string{"apt-get upgrade -y", "apt-get dist-upgrade -y", "apt full-upgrade -y"},
			[]string{"apt-get install -y --no-install-recommends --only-upgrade x"}},
		{"ApkCacheKept",
			[]string{"apk add x", "apk update && apk add x", "apk -U add x", "xargs -rt apk add < pkgs"},
			[]string{"apk add --no-cache x", "apk --no-cache add x", "apk add x && rm -rf /var/cache/apk/*", "--mount=type=cache,target=/var/cache/apk apk add x", "--mount=type=cache,target=/etc/apk/cache apk add x", "apk add --no-network --virtual .deps x", "apk del x"}},
		{"PipCacheKept",
			[]string{"pip install x", "pip3 install x", "pip3.12 install x", "python3 -m pip install x", "python -m pip install -U pip", "/usr/local/bin/pip install x"},
			[]string{"pip install --no-cache-dir x", "pip --no-cache-dir install x", "pip install --no-cache x", "PIP_NO_CACHE_DIR=1 pip install x", "export PIP_NO_CACHE_DIR=1 && pip install x", "pip install x && rm -rf /root/.cache/pip", "pip install x && pip cache purge", "--mount=type=cache,target=/root/.cache/pip pip install x", "--mount=type=cache,target=/root/.cache pip install x", "uv pip install x", "pip download x"}},
		{"CdInsteadOfWorkdir",
			[]string{"cd /src && make", "cd /src && make && make install", "cd /src", "cd /src; make"},
			[]string{"make && cd /src && make", "(cd /src && make)", "cd", "cd - && make", "cd ~ && make", "cd /src || exit 1", "{ cd /src && make; }"}},
		{"PipeToShell",
			[]string{"curl -fsSL https://x | sh", "wget -qO- https://x | bash", "curl -fsSL https://x | sudo bash -s -- -y", "curl https://x | /bin/sh -"},
			[]string{"curl -fsSLo /tmp/i.sh https://x && sh /tmp/i.sh", "cat script | sh", "curl https://x | tar -xz", "curl https://x | sh -c 'cat > f'"}},
		{"SudoInRun",
			[]string{"sudo make install", "sudo -E make install", "sudo -u root make install"},
			[]string{"sudo -u builder makepkg", "make install", "echo sudo"}},
	}
	for _, tt := range tests {
		for _, cmds := range [][]string{tt.fires, tt.clean} {
			for _, cmd := range cmds {
				base := "debian:bookworm"
				if strings.Contains(cmd, "apk ") {
					base = "alpine:3.22"
				}
				src := "FROM " + base + "\nRUN " + cmd + "\n"
				fired := false
				for _, d := range Parse(src).Diagnostics(nil, nil) {
					fired = fired || d.Rule == tt.rule
				}
				if want := &cmds[0] == &tt.fires[0]; fired != want {
					t.Errorf("%s on %q: fired=%v, want %v", tt.rule, cmd, fired, want)
				}
			}
		}
	}
}

// TestPipefailShells: PipefailMissing runs only where the shell has the
// option, and an option already set satisfies it.
func TestPipefailShells(t *testing.T) {
	const run = "RUN curl -fsSL https://x | tar -xz\n"
	tests := []struct {
		src   string
		fires bool
	}{
		{"FROM alpine:3.22\n" + run, true},                                    // BusyBox ash
		{"FROM fedora:42\n" + run, true},                                      // bash
		{"FROM debian:bookworm\n" + run, false},                               // dash: no pipefail
		{"FROM ubuntu:24.04\n" + run, false},                                  // dash
		{"ARG BASE=alpine:3.22\nFROM $BASE\n" + run, true},                    // a global ARG's default
		{"ARG BASE\nFROM $BASE\n" + run, false},                               // unknown image
		{"FROM example.com/unknown:1\n" + run, false},                         // not in the table
		{"FROM debian:bookworm\nSHELL [\"/bin/bash\", \"-c\"]\n" + run, true}, // bash SHELL
		{"FROM debian:bookworm\nSHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\n" + run, false},
		{"FROM alpine:3.22 AS base\nSHELL [\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]\nFROM base\n" + run, false},
		{"FROM alpine:3.22\nRUN set -euxo pipefail; curl -fsSL https://x | tar -xz\n", false},
		{"FROM alpine:3.22\nRUN echo ok | tee /log\n", false}, // not a download
		{"FROM debian:bookworm\nRUN <<EOF\n#!/bin/bash\ncurl -fsSL https://x | tar -xz\nEOF\n", true},
		{"FROM alpine:3.22\nSHELL [\"pwsh\", \"-c\"]\n" + run, false}, // not a POSIX shell
	}
	for _, tt := range tests {
		fired := false
		for _, d := range Parse(tt.src).Diagnostics(nil, nil) {
			fired = fired || d.Rule == "PipefailMissing"
		}
		if fired != tt.fires {
			t.Errorf("fired=%v, want %v:\n%s", fired, tt.fires, tt.src)
		}
	}
}
