package residency

import (
	"bufio"
	"debug/elf"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// DropExecutablePages tells the kernel that this process no longer needs
// the resident pages of its executable's code and, unless the executable
// is position-independent (whose read-only segment holds relocated data),
// of its read-only data. Writable mappings are never touched: their pages
// may differ from the file.
func DropExecutablePages() error {
	exe, err := os.Readlink("/proc/self/exe")
	if err != nil {
		return err
	}
	f, err := elf.Open("/proc/self/exe")
	if err != nil {
		return err
	}
	pie := f.Type == elf.ET_DYN
	f.Close()
	maps, err := os.Open("/proc/self/maps")
	if err != nil {
		return err
	}
	defer maps.Close()
	sc := bufio.NewScanner(maps)
	for sc.Scan() {
		// address perms offset dev inode path
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 || strings.Join(fields[5:], " ") != exe {
			continue
		}
		if perms := fields[1]; perms != "r-xp" && (perms != "r--p" || pie) {
			continue
		}
		lo, hi, ok := strings.Cut(fields[0], "-")
		start, err1 := strconv.ParseUint(lo, 16, 64)
		end, err2 := strconv.ParseUint(hi, 16, 64)
		if !ok || err1 != nil || err2 != nil || end <= start {
			continue
		}
		if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, uintptr(start), uintptr(end-start), syscall.MADV_DONTNEED); errno != 0 {
			return errno
		}
	}
	return sc.Err()
}
