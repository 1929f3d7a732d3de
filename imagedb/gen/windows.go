package main

// Windows base images (mcr.microsoft.com/windows/…) are not built from
// Dockerfiles. Their facts: no package manager; Server Core has cmd and
// Windows PowerShell and runs as ContainerAdministrator, Nano Server has cmd
// only and runs as ContainerUser. Their config defines no variables: the
// ones below are the system's, which processes (RUN) see and Dockerfile
// expansion does not.

var windowsReleases = []string{"ltsc2016", "ltsc2019", "ltsc2022", "ltsc2025", "1809", "1903", "1909", "2004", "20H2"}

func windowsEnv(user string, powershell bool) []envVar {
	home := `C:\Users\` + user
	env := []envVar{
		{Name: "ALLUSERSPROFILE", Value: `C:\ProgramData`},
		{Name: "APPDATA", Value: home + `\AppData\Roaming`},
		{Name: "CommonProgramFiles", Value: `C:\Program Files\Common Files`},
		{Name: "CommonProgramW6432", Value: `C:\Program Files\Common Files`},
		{Name: "COMPUTERNAME", Varies: true},
		{Name: "ComSpec", Value: `C:\Windows\system32\cmd.exe`},
		{Name: "LOCALAPPDATA", Value: home + `\AppData\Local`},
		{Name: "NUMBER_OF_PROCESSORS", Varies: true},
		{Name: "OS", Value: "Windows_NT"},
		{Name: "Path", Varies: true},
		{Name: "PATHEXT", Value: ".COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC"},
		{Name: "PROCESSOR_ARCHITECTURE", Value: "AMD64"},
		{Name: "ProgramData", Value: `C:\ProgramData`},
		{Name: "ProgramFiles", Value: `C:\Program Files`},
		{Name: "ProgramW6432", Value: `C:\Program Files`},
		{Name: "PUBLIC", Value: `C:\Users\Public`},
		{Name: "SystemDrive", Value: "C:"},
		{Name: "SystemRoot", Value: `C:\Windows`},
		{Name: "TEMP", Value: home + `\AppData\Local\Temp`},
		{Name: "TMP", Value: home + `\AppData\Local\Temp`},
		{Name: "USERNAME", Value: user},
		{Name: "USERPROFILE", Value: home},
		{Name: "windir", Value: `C:\Windows`},
	}
	if powershell {
		env = append(env, envVar{Name: "PSModulePath", Varies: true})
	}
	for i := range env {
		env[i].FromOS = true
	}
	return env
}

func windowsFacts(kind, release string) *facts {
	f := &facts{OS: "windows", Distro: "windows", Release: release, Adduser: "none", Source: "seed:windows-" + kind}
	switch kind {
	case "nanoserver":
		f.Shells = []string{"cmd"}
		f.User = "ContainerUser"
	default: // servercore, server, windows
		f.Shells = []string{"cmd", "powershell"}
		f.User = "ContainerAdministrator"
	}
	f.BinSh = true // the default shell, cmd, exists
	f.Env = windowsEnv(f.User, f.HasShell("powershell"))
	return f
}

func (f *facts) HasShell(name string) bool {
	for _, s := range f.Shells {
		if s == name {
			return true
		}
	}
	return false
}

func windowsRoots(d *db) {
	for _, img := range []struct{ repo, kind string }{
		{"mcr.microsoft.com/windows/servercore", "servercore"},
		{"mcr.microsoft.com/windows/nanoserver", "nanoserver"},
		{"mcr.microsoft.com/windows/server", "server"},
		{"mcr.microsoft.com/windows", "windows"},
	} {
		for _, rel := range windowsReleases {
			d.add(&entry{repo: img.repo, tags: []string{rel}, seed: windowsFacts(img.kind, rel)})
		}
		d.add(&entry{repo: img.repo, tags: []string{"*"}, seed: windowsFacts(img.kind, "")})
	}
	d.alias("microsoft/windowsservercore", "mcr.microsoft.com/windows/servercore")
	d.alias("microsoft/nanoserver", "mcr.microsoft.com/windows/nanoserver")
}
