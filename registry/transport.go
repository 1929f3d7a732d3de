package registry

import (
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"

	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// plainHTTPPolicy refuses requests in plain HTTP to any host but a loopback
// one or one the user listed as insecure. go-containerregistry itself falls
// back to HTTP for private (RFC 1918) addresses and .local names too; Docker
// does not, and neither do we.
type plainHTTPPolicy struct {
	next     http.RoundTripper
	insecure []string // host or host:port, lower case
}

// RoundTrip sends req unless it is plain HTTP to a host that may not have it.
func (p plainHTTPPolicy) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Scheme == "http" && !p.plainAllowed(req.URL.Host) {
		return nil, fmt.Errorf("plain HTTP to %s refused: only loopback registries and hosts in registry.insecure may use it", req.URL.Host)
	}
	return p.next.RoundTrip(req)
}

func (p plainHTTPPolicy) plainAllowed(hostport string) bool {
	return isLoopback(hostport) || listed(p.insecure, hostport)
}

// listed reports whether hostport, or its host without the port, is in list.
func listed(list []string, hostport string) bool {
	hostport = strings.ToLower(hostport)
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	return slices.Contains(list, hostport) || slices.Contains(list, host)
}

// isLoopback reports whether hostport names this machine: localhost or a
// loopback address (127.0.0.0/8, ::1).
func isLoopback(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// defaultTransport is go-containerregistry's transport (HTTP(S)_PROXY and
// NO_PROXY from the environment, its timeouts) under the plain-HTTP policy.
func defaultTransport(insecure []string) http.RoundTripper {
	base := remote.DefaultTransport.(*http.Transport).Clone()
	base.Proxy = http.ProxyFromEnvironment
	return plainHTTPPolicy{next: base, insecure: insecure}
}
