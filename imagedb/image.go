package imagedb

import "strings"

// OS is the operating system an image runs on.
type OS uint8

// The operating systems images are built for.
const (
	Linux OS = iota
	Windows
)

// String returns "linux" or "windows".
func (o OS) String() string {
	if o == Windows {
		return "windows"
	}
	return "linux"
}

// PackageManager is one package manager command.
type PackageManager uint8

// The package managers the table knows. None is the zero value and is never
// part of a set.
const (
	None PackageManager = iota
	Apk
	Apt // apt-get and apt
	Dnf
	Microdnf
	Yum
	Tdnf
	Zypper
	Pacman
)

var packageManagerNames = [...]string{"none", "apk", "apt", "dnf", "microdnf", "yum", "tdnf", "zypper", "pacman"}

// String returns the command name ("apk", "apt", …; "none").
func (p PackageManager) String() string {
	if int(p) < len(packageManagerNames) {
		return packageManagerNames[p]
	}
	return "none"
}

// PackageManagers is a set of package managers. The zero value is the empty
// set: the image has none (distroless, scratch, BusyBox, Windows).
type PackageManagers uint16

// Has reports whether p is in the set.
func (s PackageManagers) Has(p PackageManager) bool { return p != None && s&(1<<p) != 0 }

// List returns the members in the order of the constants (apk, apt, dnf,
// microdnf, yum, tdnf, zypper, pacman): the first is the one to name in a message.
func (s PackageManagers) List() []PackageManager {
	var out []PackageManager
	for p := Apk; p <= Pacman; p++ {
		if s.Has(p) {
			out = append(out, p)
		}
	}
	return out
}

// String joins the members with ", " ("dnf, yum"), or returns "none".
func (s PackageManagers) String() string {
	l := s.List()
	if len(l) == 0 {
		return "none"
	}
	names := make([]string, len(l))
	for i, p := range l {
		names[i] = p.String()
	}
	return strings.Join(names, ", ")
}

// Adduser says which program answers to `adduser` and `addgroup` in an
// image, because their syntax differs entirely between families.
type Adduser uint8

// The adduser families.
const (
	// NoAdduser: there is no adduser command.
	NoAdduser Adduser = iota
	// BusyBoxAdduser: BusyBox applets, `adduser -D -u 1000 -G grp name`,
	// `addgroup -S grp` (Alpine, BusyBox).
	BusyBoxAdduser
	// DebianAdduser: Debian's adduser script, `adduser --system --group
	// --uid 1000 name` (Debian, Ubuntu).
	DebianAdduser
	// ShadowAdduser: adduser is a link to shadow's useradd and takes its
	// options (Fedora, RHEL and UBI, Amazon Linux).
	ShadowAdduser
)

var adduserNames = [...]string{"none", "busybox", "debian", "shadow"}

// String returns "none", "busybox", "debian" or "shadow".
func (a Adduser) String() string {
	if int(a) < len(adduserNames) {
		return adduserNames[a]
	}
	return "none"
}

// Env is one environment variable an image defines.
type Env struct {
	// Name is the variable's name, as the image spells it.
	Name string
	// Value is its value in this image. It is "" when Varies is set and
	// the record was matched by pattern rather than by a published tag:
	// the value depends on the version the tag names.
	Value string
	// Varies reports that the value changes between versions of the
	// image (PYTHON_VERSION, GOLANG_VERSION, checksums, keys): even for an
	// exact tag, it is the value when the table was generated, and a
	// floating tag (python:3.12) moves on.
	Varies bool
	// FromOS reports a variable the operating system provides to processes
	// (Windows' ProgramFiles, SystemRoot…) rather than the image config:
	// RUN commands see it; Dockerfile expansion (ENV, COPY, WORKDIR…) does
	// not, as BuildKit expands only the config's variables.
	FromOS bool
}

// Image is what the table knows about one image and tag: the image config
// (user, workdir, entrypoint, cmd, ports, env) and what is installed (OS,
// distribution, package managers, shells, user tools). Records are shared
// and read-only: never modify an Image or its slices.
type Image struct {
	// Repository is the canonical name: "python", "mcr.microsoft.com/dotnet/sdk",
	// "gcr.io/distroless/static-debian12".
	Repository string
	// Exact reports that the tag was published when the table was
	// generated and the facts are those of its own Dockerfile; false when
	// the tag was matched by its shape (python:3.8-slim-buster by the
	// pattern of python:3.14-slim-trixie; TagPattern names the shape).
	Exact bool

	OS OS
	// Distro is the distribution: "alpine", "debian", "ubuntu", "azurelinux",
	// "rhel" (UBI), "amazonlinux", "oraclelinux", "fedora", "centos",
	// "rockylinux", "almalinux", "photon", "archlinux", "busybox", "windows";
	// "" for scratch and images built on it with no distribution
	// (chiseled and distroless images name the one their files come from).
	Distro string
	// Release is the distribution release ("trixie", "3.23", "noble",
	// "ltsc2022"), "" when a pattern matched or it is not known.
	Release string
	// PackageManagers are the package managers present.
	PackageManagers PackageManagers
	// Shells lists the shells present, by command name ("sh", "bash",
	// "zsh", "cmd", "powershell", "pwsh"); empty when there is none.
	Shells []string
	// Shell is the shell RUN, CMD and ENTRYPOINT in shell form use (the
	// config's SHELL, else /bin/sh -c or cmd /S /C) when that program
	// exists in the image; nil when it does not, so shell forms fail
	// (distroless, scratch, and distroless :debug, whose sh is /busybox/sh).
	Shell []string
	// Useradd reports that shadow's useradd and groupadd are present.
	Useradd bool
	// Adduser says what adduser and addgroup are.
	Adduser Adduser

	// User is the user processes run as: the config's USER ("" is root on
	// Linux); on Windows the base image's account, ContainerAdministrator
	// (Server Core) or ContainerUser (Nano Server), unless USER changed it.
	User string
	// WorkDir is the config's working directory ("" means /).
	WorkDir    string
	Entrypoint []string
	Cmd        []string
	// Expose lists the exposed ports as the config stores them ("80/tcp").
	Expose  []string
	Volumes []string
	// Env lists every variable, in the order the image chain defines them.
	Env []Env

	// ConfigOnly reports a record made from an image config alone (a
	// registry's answer for an image the table does not know): User,
	// WorkDir, Entrypoint, Cmd, Expose, Volumes, Env and OS are the image's,
	// but what is installed (Distro, PackageManagers, Shells, Shell,
	// Useradd, Adduser) is unknown, not absent. Rules about installed
	// programs must skip such a record.
	ConfigOnly bool

	// Source says where the facts come from ("docker-library/python
	// 3.14/slim-trixie/Dockerfile"; "seed:debian" for facts entered from an
	// upstream build definition that is not a Dockerfile).
	Source string
}

// HasShell reports whether any shell is present.
func (im *Image) HasShell() bool { return len(im.Shells) > 0 }

// HasShellNamed reports whether the shell called name ("bash", "sh",
// "powershell"…) is present.
func (im *Image) HasShellNamed(name string) bool {
	for _, s := range im.Shells {
		if s == name {
			return true
		}
	}
	return false
}

// LookupEnv returns the variable called name. Names are case-sensitive on
// Linux and case-insensitive on Windows, as the OS treats them.
func (im *Image) LookupEnv(name string) (Env, bool) {
	for _, e := range im.Env {
		if e.Name == name || (im.OS == Windows && strings.EqualFold(e.Name, name)) {
			return e, true
		}
	}
	return Env{}, false
}

// EnvNames returns the names of the variables the image config defines
// (those Dockerfile expansion sees), in definition order; withOS adds those
// the OS provides to processes.
func (im *Image) EnvNames(withOS bool) []string {
	names := make([]string, 0, len(im.Env))
	for _, e := range im.Env {
		if !e.FromOS || withOS {
			names = append(names, e.Name)
		}
	}
	return names
}
