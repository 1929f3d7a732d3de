// Package residency gives back the resident pages of the server's own
// executable while it is idle. Initialising BuildKit's converter touches
// about 18 MiB of the binary's code and read-only data; those pages are
// clean copies of the file, so the kernel can always read them again, but
// until it needs the memory they count in the process's RSS for as long as
// the server runs. Dropping them costs page faults (from the page cache,
// not the disk, while the file is cached) on the next request.
package residency
