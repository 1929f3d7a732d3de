package imagedb

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/dockerfile-ls/dockerfile-ls/imagedb/internal/names"
)

// want describes the facts a reference must resolve to; zero fields are
// not checked.
type want struct {
	os      OS
	distro  string
	release string
	pm      []PackageManager // exactly these
	noShell bool             // no shell at all, and RUN's shell form fails
	shell   string           // this shell is present
	runSh   string           // Shell[0], the program RUN's shell form runs
	useradd *bool
	adduser Adduser
	user    string
	workdir string
	cmd     string // Cmd joined by " "
	entry   string // Entrypoint joined by " "
	expose  string
	env     map[string]string // name → value ("*": present, any value)
	noEnv   []string
	exact   *bool
}

var (
	yes = new(bool)
	no  = new(bool)
)

func init() { *yes = true }

func TestKnownFacts(t *testing.T) {
	for ref, w := range map[string]want{
		// Roots.
		"alpine":      {distro: "alpine", pm: []PackageManager{Apk}, shell: "sh", runSh: "/bin/sh", useradd: no, adduser: BusyBoxAdduser, cmd: "/bin/sh", exact: yes},
		"alpine:3.12": {distro: "alpine", pm: []PackageManager{Apk}, adduser: BusyBoxAdduser, exact: no},
		"busybox":     {distro: "busybox", pm: []PackageManager{}, shell: "sh", adduser: BusyBoxAdduser, cmd: "sh"},
		"debian:bookworm-slim": {distro: "debian", release: "bookworm", pm: []PackageManager{Apt}, shell: "bash", useradd: yes,
			adduser: DebianAdduser, cmd: "bash", env: map[string]string{"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}},
		"debian:buster-slim": {distro: "debian", release: "", pm: []PackageManager{Apt}, exact: no},
		"ubuntu:24.04":       {distro: "ubuntu", release: "noble", pm: []PackageManager{Apt}, cmd: "/bin/bash", adduser: DebianAdduser},
		"ubuntu:focal":       {distro: "ubuntu", pm: []PackageManager{Apt}, exact: no},
		"scratch":            {noShell: true, pm: []PackageManager{}, env: map[string]string{"PATH": "*"}},
		"hello-world":        {noShell: true, cmd: "/hello"},
		"fedora":             {distro: "fedora", pm: []PackageManager{Dnf, Yum}},
		"registry.access.redhat.com/ubi9/ubi-minimal:9.4": {distro: "rhel", pm: []PackageManager{Microdnf}, useradd: no},
		"redhat/ubi9":        {distro: "rhel", pm: []PackageManager{Dnf, Yum}, useradd: yes},
		"amazonlinux:2":      {distro: "amazonlinux", pm: []PackageManager{Yum}},
		"oraclelinux:9-slim": {distro: "oraclelinux", pm: []PackageManager{Microdnf}},
		"mcr.microsoft.com/azurelinux/base/core:3.0": {distro: "azurelinux", pm: []PackageManager{Tdnf}},
		// Languages and servers: facts that come from their Dockerfiles.
		"golang": {distro: "debian", pm: []PackageManager{Apt}, workdir: "/go", env: map[string]string{"GOPATH": "/go", "GOLANG_VERSION": "*",
			"PATH": "/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}},
		"golang:1.21-alpine":                   {distro: "alpine", pm: []PackageManager{Apk}, env: map[string]string{"GOPATH": "/go", "GOLANG_VERSION": ""}, exact: no},
		"golang:1.19-bullseye":                 {distro: "debian", env: map[string]string{"GOPATH": "/go"}, exact: no},
		"docker.io/library/golang:1.27-alpine": {distro: "alpine", env: map[string]string{"GOPATH": "/go"}},
		"golang:windowsservercore-ltsc2022": {os: Windows, distro: "windows", pm: []PackageManager{}, shell: "powershell", runSh: "powershell",
			env: map[string]string{"GOPATH": `C:\go`, "ProgramFiles": `C:\Program Files`}},
		"golang:nanoserver-ltsc2022": {os: Windows, shell: "cmd", env: map[string]string{"GOPATH": `C:\go`}},
		"python:3.12-slim": {distro: "debian", release: "trixie", pm: []PackageManager{Apt}, cmd: "python3", exact: yes,
			env: map[string]string{"LANG": "C.UTF-8", "PYTHON_VERSION": "*"}},
		"python:3.8-slim-buster":        {distro: "debian", pm: []PackageManager{Apt}, cmd: "python3", exact: no, env: map[string]string{"PYTHON_VERSION": ""}},
		"python:3.9-alpine3.15":         {distro: "alpine", pm: []PackageManager{Apk}, adduser: BusyBoxAdduser, exact: no},
		"python:3.14-windowsservercore": {os: Windows, shell: "powershell"},
		"node:24-alpine":                {distro: "alpine", pm: []PackageManager{Apk}, entry: "docker-entrypoint.sh", cmd: "node", env: map[string]string{"NODE_VERSION": "*"}},
		"node:lts-slim":                 {distro: "debian", pm: []PackageManager{Apt}, entry: "docker-entrypoint.sh"},
		"node:hydrogen":                 {distro: "debian", exact: no},
		"nginx":                         {distro: "debian", expose: "80/tcp", entry: "/docker-entrypoint.sh", cmd: "nginx -g daemon off;"},
		"nginx:mainline-alpine":         {distro: "alpine", expose: "80/tcp"},
		"httpd:2.4":                     {workdir: "/usr/local/apache2", expose: "80/tcp", cmd: "httpd-foreground"},
		"redis:7-alpine":                {distro: "alpine", workdir: "/data", expose: "6379/tcp", cmd: "redis-server"},
		"postgres:16":                   {distro: "debian", expose: "5432/tcp", cmd: "postgres", env: map[string]string{"PGDATA": "/var/lib/postgresql/data"}},
		"mysql:8.4":                     {distro: "oraclelinux", pm: []PackageManager{Microdnf}, expose: "3306/tcp 33060/tcp", cmd: "mysqld"},
		"mariadb:11":                    {distro: "ubuntu", expose: "3306/tcp", cmd: "mariadbd"},
		"mongo:7":                       {distro: "ubuntu", expose: "27017/tcp", cmd: "mongod", env: map[string]string{"HOME": "/data/db"}},
		"php:8.3-fpm-alpine":            {distro: "alpine", workdir: "/var/www/html", expose: "9000/tcp", cmd: "php-fpm", env: map[string]string{"PHP_INI_DIR": "/usr/local/etc/php"}},
		"php:8.3-apache":                {distro: "debian", expose: "80/tcp", cmd: "apache2-foreground"},
		"ruby:3.3-alpine":               {distro: "alpine", cmd: "irb", env: map[string]string{"GEM_HOME": "/usr/local/bundle"}},
		"rust:1-slim":                   {distro: "debian", env: map[string]string{"CARGO_HOME": "/usr/local/cargo", "RUSTUP_HOME": "/usr/local/rustup"}},
		"docker:dind":                   {distro: "alpine", entry: "dockerd-entrypoint.sh", expose: "2375/tcp 2376/tcp"},
		"eclipse-temurin:21-jre-alpine": {distro: "alpine", env: map[string]string{"JAVA_HOME": "/opt/java/openjdk"}},
		"maven:3-eclipse-temurin-21":    {cmd: "mvn", env: map[string]string{"MAVEN_HOME": "/usr/share/maven", "JAVA_HOME": "/opt/java/openjdk"}},
		"gradle:jdk21":                  {cmd: "gradle", workdir: "/home/gradle", env: map[string]string{"GRADLE_HOME": "/opt/gradle"}},
		"tomcat:10":                     {expose: "8080/tcp", cmd: "catalina.sh run", env: map[string]string{"CATALINA_HOME": "/usr/local/tomcat"}},
		"buildpack-deps:noble-curl":     {distro: "ubuntu", release: "noble", pm: []PackageManager{Apt}},
		"amd64/buildpack-deps:bookworm": {distro: "debian", release: "bookworm"},
		// .NET.
		"mcr.microsoft.com/dotnet/aspnet:8.0": {distro: "debian", pm: []PackageManager{Apt},
			env: map[string]string{"APP_UID": "1654", "ASPNETCORE_HTTP_PORTS": "8080", "DOTNET_RUNNING_IN_CONTAINER": "true"}},
		"mcr.microsoft.com/dotnet/aspnet:10.0.10":                            {distro: "ubuntu", env: map[string]string{"APP_UID": "1654"}, exact: no},
		"mcr.microsoft.com/dotnet/aspnet:9.0-alpine":                         {distro: "alpine", pm: []PackageManager{Apk}, env: map[string]string{"APP_UID": "1654"}},
		"mcr.microsoft.com/dotnet/runtime-deps:9.0-noble-chiseled":           {distro: "ubuntu", noShell: true, pm: []PackageManager{}, user: "1654"},
		"mcr.microsoft.com/dotnet/runtime-deps:9.0-azurelinux3.0-distroless": {distro: "azurelinux", noShell: true, user: "1654"},
		"mcr.microsoft.com/dotnet/sdk:9.0":                                   {distro: "debian", env: map[string]string{"DOTNET_SDK_VERSION": "*", "DOTNET_NOLOGO": "true"}},
		"mcr.microsoft.com/dotnet/sdk:9.0-nanoserver-ltsc2022":               {os: Windows, shell: "cmd"},
		// Distroless.
		"gcr.io/distroless/static-debian12":          {distro: "debian", release: "bookworm", noShell: true, pm: []PackageManager{}, user: "0", workdir: "/"},
		"gcr.io/distroless/static:nonroot":           {noShell: true, user: "65532", workdir: "/home/nonroot"},
		"gcr.io/distroless/base-debian12:debug":      {shell: "sh", entry: "/busybox/sh", env: map[string]string{"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/busybox"}},
		"gcr.io/distroless/java21-debian13":          {noShell: true, entry: "/usr/bin/java -jar", env: map[string]string{"LANG": "C.UTF-8"}},
		"gcr.io/distroless/nodejs22-debian13:latest": {noShell: true, entry: "/nodejs/bin/node"},
		"gcr.io/distroless/cc-debian12:latest-amd64": {noShell: true},
		// Windows.
		"mcr.microsoft.com/windows/servercore:ltsc2022": {os: Windows, distro: "windows", release: "ltsc2022", shell: "powershell", runSh: "cmd",
			user: "ContainerAdministrator", env: map[string]string{"ProgramFiles": `C:\Program Files`, "SystemRoot": `C:\Windows`}},
		"mcr.microsoft.com/windows/nanoserver:ltsc2025":        {os: Windows, shell: "cmd", runSh: "cmd", user: "ContainerUser", noEnv: []string{"PSModulePath"}},
		"mcr.microsoft.com/windows/nanoserver:10.0.20348.2762": {os: Windows, shell: "cmd"},
		"microsoft/windowsservercore":                          {os: Windows, shell: "powershell"},
		// Devcontainers.
		"mcr.microsoft.com/devcontainers/base:ubuntu":        {distro: "ubuntu", pm: []PackageManager{Apt}, shell: "zsh"},
		"mcr.microsoft.com/devcontainers/base:bookworm":      {distro: "debian", release: "bookworm"},
		"mcr.microsoft.com/devcontainers/javascript-node:22": {distro: "debian", env: map[string]string{"NVM_DIR": "/usr/local/share/nvm", "NODE_VERSION": "*"}},
		"mcr.microsoft.com/devcontainers/go:1-1.24-bookworm": {distro: "debian", env: map[string]string{"GOPATH": "/go", "GOROOT": "/usr/local/go"}, exact: no},
		"mcr.microsoft.com/vscode/devcontainers/base:alpine": {distro: "alpine"},
	} {
		t.Run(ref, func(t *testing.T) {
			im, ok := Lookup(ref)
			if !ok {
				t.Fatalf("Lookup(%q) not found", ref)
			}
			checkFacts(t, im, w)
		})
	}
}

func checkFacts(t *testing.T, im *Image, w want) {
	t.Helper()
	if im.OS != w.os {
		t.Errorf("OS = %v, want %v", im.OS, w.os)
	}
	if w.distro != "" && im.Distro != w.distro {
		t.Errorf("Distro = %q, want %q", im.Distro, w.distro)
	}
	if w.release != "" && im.Release != w.release {
		t.Errorf("Release = %q, want %q", im.Release, w.release)
	}
	if w.exact != nil && im.Exact != *w.exact {
		t.Errorf("Exact = %v, want %v", im.Exact, *w.exact)
	}
	if w.exact != nil && !*w.exact && im.Release != "" {
		t.Errorf("a pattern match has Release %q", im.Release)
	}
	if w.pm != nil && !slices.Equal(im.PackageManagers.List(), w.pm) {
		t.Errorf("PackageManagers = %v, want %v", im.PackageManagers, w.pm)
	}
	if w.noShell && (im.HasShell() || im.Shell != nil) {
		t.Errorf("Shells = %v, Shell = %v; want none", im.Shells, im.Shell)
	}
	if w.shell != "" && !im.HasShellNamed(w.shell) {
		t.Errorf("Shells = %v, want %s among them", im.Shells, w.shell)
	}
	if w.runSh != "" && (len(im.Shell) == 0 || im.Shell[0] != w.runSh) {
		t.Errorf("Shell = %v, want %s", im.Shell, w.runSh)
	}
	if w.useradd != nil && im.Useradd != *w.useradd {
		t.Errorf("Useradd = %v, want %v", im.Useradd, *w.useradd)
	}
	if w.adduser != NoAdduser && im.Adduser != w.adduser {
		t.Errorf("Adduser = %v, want %v", im.Adduser, w.adduser)
	}
	for _, c := range []struct {
		name, got, want string
	}{
		{"User", im.User, w.user}, {"WorkDir", im.WorkDir, w.workdir},
		{"Cmd", strings.Join(im.Cmd, " "), w.cmd}, {"Entrypoint", strings.Join(im.Entrypoint, " "), w.entry},
		{"Expose", strings.Join(im.Expose, " "), w.expose},
	} {
		if c.want != "" && c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	for name, val := range w.env {
		e, ok := im.LookupEnv(name)
		switch {
		case !ok:
			t.Errorf("no %s in Env %v", name, im.EnvNames(true))
		case val != "*" && e.Value != val:
			t.Errorf("%s = %q, want %q", name, e.Value, val)
		case val == "*" && e.Value == "":
			t.Errorf("%s has no value", name)
		}
	}
	for _, name := range w.noEnv {
		if _, ok := im.LookupEnv(name); ok {
			t.Errorf("%s should not be set", name)
		}
	}
}

func TestNotFound(t *testing.T) {
	for _, ref := range []string{
		"", "Python:3", "${BASE_IMAGE}", "python:", "someone/unknown:1.0", "ghcr.io/example/app",
		"python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", // digest only: no tag to go by
		"python:this-is-not-a-variant",
		"openjdk:11", // openjdk's default moved from Debian to Oracle Linux: no guess
	} {
		if im, ok := Lookup(ref); ok {
			t.Errorf("Lookup(%q) = %s (%s), want not found", ref, im.Repository, im.Source)
		}
	}
}

func TestDigestWithTag(t *testing.T) {
	im, ok := Lookup("python:3.12-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
	if !ok || im.Distro != "debian" {
		t.Fatalf("a tag with a digest: %v %v", im, ok)
	}
}

func TestSpellings(t *testing.T) {
	base, ok := Lookup("python:3.12-slim")
	if !ok {
		t.Fatal("python:3.12-slim not found")
	}
	for _, ref := range []string{"library/python:3.12-slim", "docker.io/library/python:3.12-slim", "docker.io/python:3.12-slim",
		"index.docker.io/library/python:3.12-slim", "amd64/python:3.12-slim", "mirror.gcr.io/python:3.12-slim",
		"public.ecr.aws/docker/library/python:3.12-slim"} {
		if im, ok := Lookup(ref); !ok || im != base {
			t.Errorf("Lookup(%q) differs from python:3.12-slim", ref)
		}
	}
	if im, _ := Lookup("python"); im == nil || im != mustLookup(t, "python:latest") {
		t.Error("no tag is not latest")
	}
	if n, ok := Canonical("docker.io/library/node:20"); !ok || n != "node" {
		t.Errorf("Canonical = %q, %v", n, ok)
	}
	if n, ok := Canonical("microsoft/nanoserver"); !ok || n != "mcr.microsoft.com/windows/nanoserver" {
		t.Errorf("Canonical(alias) = %q, %v", n, ok)
	}
}

func mustLookup(t *testing.T, ref string) *Image {
	t.Helper()
	im, ok := Lookup(ref)
	if !ok {
		t.Fatalf("%s not found", ref)
	}
	return im
}

func TestTagsAndRepositories(t *testing.T) {
	tags := Tags("python")
	if !slices.Contains(tags, "3.12-slim") || !sort.StringsAreSorted(tags) {
		t.Errorf("Tags(python) lacks 3.12-slim or is unsorted: %d tags", len(tags))
	}
	if Tags("no/such") != nil {
		t.Error("Tags of an unknown repository")
	}
	repos := Repositories()
	for _, r := range []string{"python", "mcr.microsoft.com/dotnet/sdk", "gcr.io/distroless/static-debian12",
		"mcr.microsoft.com/windows/servercore", "mcr.microsoft.com/devcontainers/base"} {
		if !slices.Contains(repos, r) {
			t.Errorf("Repositories lacks %s", r)
		}
	}
	if got := TagPattern("python", "3.8-slim-buster"); got != "{v}-slim-{debian}" {
		t.Errorf("TagPattern = %q", got)
	}
	if got := TagPattern("node", "lts-alpine"); got != "{v}-alpine" {
		t.Errorf("TagPattern(node) = %q", got)
	}
}

func TestEnvNames(t *testing.T) {
	im := mustLookup(t, "mcr.microsoft.com/windows/servercore:ltsc2022")
	if len(im.EnvNames(false)) != 0 || !slices.Contains(im.EnvNames(true), "ProgramFiles") {
		t.Errorf("EnvNames: config %v, with OS %v", im.EnvNames(false), im.EnvNames(true))
	}
	if _, ok := im.LookupEnv("programfiles"); !ok {
		t.Error("Windows names are case-insensitive")
	}
	g := mustLookup(t, "golang:1.27")
	if !slices.Contains(g.EnvNames(false), "GOPATH") {
		t.Errorf("golang EnvNames = %v", g.EnvNames(false))
	}
	if _, ok := g.LookupEnv("gopath"); ok {
		t.Error("Linux names are case-sensitive")
	}
}

// TestTable checks the generated table's schema: sorted, unique, in range,
// valid values, and every tag pattern compiles and covers the published
// tags it was made from.
func TestTable(t *testing.T) {
	if len(repos) < 100 || len(records) < 500 {
		t.Fatalf("table too small: %d repositories, %d records", len(repos), len(records))
	}
	envName := regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	port := regexp.MustCompile(`^[0-9]+(-[0-9]+)?/(tcp|udp|sctp)$`)
	distros := map[string]bool{"": true, "alpine": true, "debian": true, "ubuntu": true, "azurelinux": true, "rhel": true,
		"amazonlinux": true, "oraclelinux": true, "fedora": true, "photon": true, "archlinux": true, "busybox": true,
		"windows": true, "centos": true, "rockylinux": true, "almalinux": true}
	for i := range records {
		im := &records[i]
		where := fmt.Sprintf("record %d (%s, %s)", i, im.Repository, im.Source)
		if im.Source == "" || im.Repository == "" {
			t.Errorf("%s: no source or repository", where)
		}
		if !distros[im.Distro] {
			t.Errorf("%s: unknown distro %q", where, im.Distro)
		}
		if im.OS > Windows || im.Adduser > ShadowAdduser || im.PackageManagers&^(1<<(Pacman+1)-2) != 0 {
			t.Errorf("%s: value out of range", where)
		}
		if im.OS == Windows && (im.PackageManagers != 0 || im.Distro != "windows") {
			t.Errorf("%s: Windows with package managers or distro %q", where, im.Distro)
		}
		if im.Shell != nil && !im.HasShell() {
			t.Errorf("%s: a RUN shell %v but no shells", where, im.Shell)
		}
		seen := map[string]bool{}
		for _, e := range im.Env {
			if !envName.MatchString(e.Name) {
				t.Errorf("%s: env name %q", where, e.Name)
			}
			k := e.Name
			if im.OS == Windows {
				k = strings.ToLower(k)
			}
			if seen[k] {
				t.Errorf("%s: %s twice", where, e.Name)
			}
			seen[k] = true
			if e.FromOS && im.OS != Windows {
				t.Errorf("%s: OS variable %s on Linux", where, e.Name)
			}
		}
		if im.OS == Linux {
			if _, ok := im.LookupEnv("PATH"); !ok {
				t.Errorf("%s: a Linux image without PATH", where)
			}
		}
		for _, p := range im.Expose {
			if !port.MatchString(p) {
				t.Errorf("%s: port %q", where, p)
			}
		}
	}
	for i := range repos {
		r := &repos[i]
		if i > 0 && repos[i-1].name >= r.name {
			t.Errorf("repositories not sorted at %s", r.name)
		}
		if _, _, _, ok := names.Split(r.name); !ok {
			t.Errorf("repository name %q is not a reference", r.name)
		}
		for _, l := range [][]tagRef{r.tags, r.keys} {
			for j, tr := range l {
				if j > 0 && l[j-1].tag >= tr.tag {
					t.Errorf("%s: %q not sorted or repeated", r.name, tr.tag)
				}
				if int(tr.rec) >= len(records) || records[tr.rec].Repository != r.name {
					t.Errorf("%s: %q points at record %d", r.name, tr.tag, tr.rec)
				}
			}
		}
		covered := map[string]*regexp.Regexp{}
		for _, k := range r.keys {
			re, err := patternRegexp(k.tag, r.words)
			if err != nil {
				t.Errorf("%s: pattern %q: %v", r.name, k.tag, err)
				continue
			}
			covered[k.tag] = re
		}
		// Every published tag whose pattern is in the table matches that
		// pattern's regular expression: Key and the pattern language agree.
		for _, tr := range r.tags {
			key := string(names.Key(nil, tr.tag, r.isWord))
			re := covered[key]
			if re == nil {
				if mk, ok := names.WithMajor(nil, key, names.Major(tr.tag)); ok {
					re = covered[string(mk)]
				}
			}
			if re != nil && !re.MatchString(tr.tag) {
				t.Errorf("%s: tag %q has pattern %q, whose expression %s does not match it", r.name, tr.tag, key, re)
			}
		}
	}
	for i, a := range aliases {
		if i > 0 && aliases[i-1].from >= a.from {
			t.Errorf("aliases not sorted at %s", a.from)
		}
		if findRepo(a.to) == nil {
			t.Errorf("alias %s → %s: no such repository", a.from, a.to)
		}
	}
}

// patternRegexp compiles a tag pattern into the regular expression of the
// tags it stands for.
func patternRegexp(pattern string, words []string) (*regexp.Regexp, error) {
	if pattern == anyTag {
		return regexp.Compile(`^.*$`)
	}
	version := `v?[0-9][0-9A-Za-z._+]*`
	if len(words) > 0 {
		version = `(?:` + version + `|` + strings.Join(words, "|") + `)`
	}
	qual := `(?:-(?:rc|alpha|beta|preview|ea|pre|dev|nightly|snapshot)(?:\.?[0-9]+(?:\.[0-9]+)*)?)*`
	var b strings.Builder
	b.WriteString("^")
	for i, tok := range strings.Split(pattern, "-") {
		if i > 0 {
			b.WriteString("-")
		}
		switch {
		case tok == "{v}":
			b.WriteString(version + qual)
		case strings.HasPrefix(tok, "{v") && strings.HasSuffix(tok, "}"):
			major := tok[2 : len(tok)-1]
			if !regexp.MustCompile(`^[0-9]+$`).MatchString(major) {
				return nil, fmt.Errorf("bad major %q", tok)
			}
			b.WriteString(major + `(?:[._][0-9A-Za-z._+]*)?` + qual)
		case tok == "{debian}" || tok == "{ubuntu}":
			b.WriteString(`[a-z]+`)
		case tok == "{date}":
			b.WriteString(`[0-9]{8}(?:\.[0-9]+)*`)
		case tok == "{n}":
			b.WriteString(`[0-9]+(?:\.[0-9]+)*`)
		case strings.HasSuffix(tok, "{n}"):
			name := strings.TrimSuffix(tok, "{n}")
			if !regexp.MustCompile(`^[a-z]+$`).MatchString(name) {
				return nil, fmt.Errorf("bad name in %q", tok)
			}
			if name == "ltsc" {
				b.WriteString(`(?:ltsc[0-9]+|[0-9]{4}|[0-9]{2}H[0-9])`)
			} else {
				b.WriteString(name + `[0-9]+(?:\.[0-9]+)*`)
			}
		case strings.ContainsAny(tok, "{}"):
			return nil, fmt.Errorf("unknown placeholder %q", tok)
		case !regexp.MustCompile(`^[A-Za-z0-9_.]+$`).MatchString(tok):
			return nil, fmt.Errorf("bad literal %q", tok)
		default:
			b.WriteString(regexp.QuoteMeta(tok))
		}
	}
	b.WriteString(`(?:-(?:amd64|arm64v8|arm64|arm32v7|arm32v6|arm32v5|arm|i386|ppc64le|s390x|riscv64|mips64le|x86_64|aarch64))?$`)
	return regexp.Compile(b.String())
}

func TestLookupAllocates(t *testing.T) {
	for _, ref := range []string{"python:3.12-slim", "python:3.8-slim-buster", "docker.io/library/golang:1.21-alpine3.18",
		"mcr.microsoft.com/dotnet/aspnet:10.0.10", "unknown/image:1", "mcr.microsoft.com/windows/servercore:ltsc2019"} {
		if n := testing.AllocsPerRun(100, func() { Lookup(ref) }); n != 0 {
			t.Errorf("Lookup(%q) allocates %.0f times", ref, n)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	for _, ref := range []string{
		"python:3.12-slim",                         // a published tag
		"docker.io/library/python:3.8-slim-buster", // a pattern
		"mcr.microsoft.com/dotnet/aspnet:10.0.10",  // a pattern by major version
		"gcr.io/distroless/static-debian12:nonroot",
		"someone/unknown:1.0", // not in the table
	} {
		b.Run(ref, func(b *testing.B) {
			start := cpuTime()
			for b.Loop() {
				Lookup(ref)
			}
			if cpu := cpuTime() - start; cpu > 0 {
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
			}
		})
	}
}
