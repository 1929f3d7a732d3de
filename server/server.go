// Package server is the LSP wiring of dockerfile-ls: the connection, the
// lifecycle, the document store, debounced diagnostics and one small file
// per LSP feature that turns params into an analysis call.
//
// Start at Serve. Notifications are applied one at a time in arrival order
// on the connection's read loop; requests capture the current snapshot on
// the read loop and then run concurrently.
package server

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/buildcontext"
	"github.com/dockerfile-ls/dockerfile-ls/config"
	"github.com/dockerfile-ls/dockerfile-ls/position"
	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// Options configure a Server.
type Options struct {
	Version  string        // reported in serverInfo
	Logger   *slog.Logger  // defaults to discarding
	Debounce time.Duration // delay before publishing diagnostics after an edit
	// Exit is called on the exit notification with the process exit code
	// (0 after shutdown, 1 without). Nil means only the connection closes.
	Exit func(code int)
}

// serverState is where the server is in the LSP lifecycle.
type serverState int

const (
	stateStarting     serverState = iota // before initialize
	stateInitializing                    // initialize answered, initialized not yet received
	stateRunning
	stateShutdown // shutdown received; only exit is accepted
)

// String names the state for logs.
func (s serverState) String() string {
	return [...]string{"starting", "initializing", "running", "shutdown"}[s]
}

// Server is one LSP session.
type Server struct {
	opts Options
	log  *slog.Logger
	conn jsonrpc2.Conn
	docs *store
	// ignores caches the .dockerignore files of build contexts.
	ignores *buildcontext.Cache
	// configs caches the project files (.dockerfile-ls.yaml) documents are under.
	configs *config.Cache
	// configDiags are the project files whose problems are shown, by URI.
	configDiags *configReporter
	diags       *diagnosticsPublisher
	idle        *idleTrimmer

	// stateMu guards the lifecycle state and the negotiated session settings.
	stateMu  sync.RWMutex
	state    serverState
	session  session
	settings config.Settings
	// configPulls counts workspace/configuration requests, so an answer
	// overtaken by a newer request is dropped.
	configPulls atomic.Int64
	// problemsMu guards lastProblems, the settings problems last shown.
	problemsMu   sync.Mutex
	lastProblems string

	// inflightMu guards inflight: cancel functions of running requests by id.
	inflightMu sync.Mutex
	inflight   map[jsonrpc2.ID]context.CancelFunc

	// extraRequests lets tests add request handlers (e.g. a slow one to
	// cancel); nil in production.
	extraRequests map[string]requestHandler

	closed chan struct{}
}

// session is what initialize negotiated.
type session struct {
	enc        position.Encoding
	markdown   bool // hover/documentation as Markdown
	snippets   bool // completion snippets
	pullDiags  bool // the client pulls diagnostics; we then do not push
	locale     string
	rootPath   string
	clientName string
	watchFiles bool // the client can watch files for us (dynamic registration)
	pullConfig bool // the client answers workspace/configuration
	// refreshDiags: the client re-pulls diagnostics on workspace/diagnostic/refresh.
	refreshDiags bool
}

// New makes a server; call Serve to run it on a connection.
func New(opts Options) *Server {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.Debounce == 0 {
		opts.Debounce = 100 * time.Millisecond
	}
	s := &Server{
		opts:     opts,
		log:      opts.Logger,
		docs:     newStore(),
		ignores:  buildcontext.NewCache(128, 1<<20),
		inflight: map[jsonrpc2.ID]context.CancelFunc{},
		configs:  config.NewCache(),
		settings: config.Default(),
		closed:   make(chan struct{}),
	}
	s.diags = newDiagnosticsPublisher(s)
	s.configDiags = &configReporter{s: s, shown: map[uri.URI]string{}}
	s.idle = &idleTrimmer{delay: 500 * time.Millisecond}
	return s
}

// Serve runs the server over rwc (e.g. stdin/stdout) until the connection
// ends, and returns the connection's error (nil at a clean end).
func (s *Server) Serve(ctx context.Context, rwc io.ReadWriteCloser) error {
	stream := newTolerantStream(rwc, s.log)
	s.conn = jsonrpc2.NewConn(stream)
	s.conn.Go(ctx, s.handle)
	<-s.conn.Done()
	s.diags.stop()
	s.idle.stop()
	close(s.closed)
	return s.conn.Err()
}

func (s *Server) getState() serverState {
	s.stateMu.RLock()
	defer s.stateMu.RUnlock()
	return s.state
}

func (s *Server) getSession() session {
	s.stateMu.RLock()
	defer s.stateMu.RUnlock()
	return s.session
}

func (s *Server) getSettings() config.Settings {
	s.stateMu.RLock()
	defer s.stateMu.RUnlock()
	return s.settings
}

// requestHandler decodes a request's params on the read loop and returns the
// work to run concurrently. Capturing the snapshot before returning is what
// makes a request see exactly the edits that arrived before it.
type requestHandler func(s *Server, params jsonrpc2.RawMessage) (run func(ctx context.Context) (any, error), err error)

// notificationHandler applies a notification on the read loop.
type notificationHandler func(s *Server, ctx context.Context, params jsonrpc2.RawMessage) error

// handle is the connection's only handler.
func (s *Server) handle(ctx context.Context, req *jsonrpc2.Request) (any, error) {
	s.idle.touch()
	method := req.Method()
	if !req.IsCall() {
		s.notify(ctx, method, req.Params())
		return nil, nil // an error here would end the connection
	}
	// The method borrows the read buffer; the request outlives it (Async).
	return s.request(ctx, req.ID(), strings.Clone(method), req.Params())
}

func (s *Server) notify(ctx context.Context, method string, params jsonrpc2.RawMessage) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("panic in notification handler", "method", method, "panic", r, "stack", string(debug.Stack()))
		}
	}()
	if method == "$/cancelRequest" {
		s.cancelRequest(params)
		return
	}
	h, ok := notificationHandlers[method]
	if !ok {
		if !strings.HasPrefix(method, "$/") {
			s.log.Debug("ignoring unknown notification", "method", method)
		}
		return
	}
	state := s.getState()
	if method != "exit" && (state == stateStarting || state == stateShutdown) {
		s.log.Debug("dropping notification outside the running state", "method", method, "state", state)
		return
	}
	if err := h(s, ctx, params); err != nil {
		s.log.Warn("notification failed", "method", method, "error", err)
	}
}

func (s *Server) request(ctx context.Context, id jsonrpc2.ID, method string, params jsonrpc2.RawMessage) (result any, err error) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("panic in request handler", "method", method, "panic", r, "stack", string(debug.Stack()))
			result, err = nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "internal error in %s: %v", method, r)
		}
	}()
	switch state := s.getState(); {
	case state == stateStarting && method != "initialize":
		return nil, jsonrpc2.NewError(codeServerNotInitialized, "the server is not initialized")
	case state != stateStarting && method == "initialize":
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "initialize may be sent only once")
	case state == stateShutdown:
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "the server is shutting down")
	}
	h, ok := requestHandlers[method]
	if !ok {
		h, ok = s.extraRequests[method]
	}
	if !ok {
		return nil, jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "method not found: %s", method)
	}
	run, err := h(s, params)
	if err != nil {
		return nil, asRPCError(err)
	}
	if method == "initialize" || method == "shutdown" {
		return s.finish(ctx, run) // lifecycle requests stay in order
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.inflightMu.Lock()
	s.inflight[id] = cancel
	s.inflightMu.Unlock()
	defer func() {
		s.inflightMu.Lock()
		delete(s.inflight, id)
		s.inflightMu.Unlock()
	}()
	jsonrpc2.Async(ctx)
	return s.finish(ctx, run)
}

// finish runs the work and marshals its result with the protocol's codec.
func (s *Server) finish(ctx context.Context, run func(context.Context) (any, error)) (any, error) {
	res, err := run(ctx)
	if ctx.Err() != nil {
		return nil, protocol.ErrRequestCancelled
	}
	if err != nil {
		return nil, asRPCError(err)
	}
	if res == nil {
		return jsonrpc2.RawMessage("null"), nil
	}
	b, err := protocol.Marshal(res)
	if err != nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "encoding the result: %v", err)
	}
	return jsonrpc2.RawMessage(b), nil
}

const codeServerNotInitialized jsonrpc2.Code = -32002

func asRPCError(err error) error {
	var rpcErr *jsonrpc2.Error
	if errors.As(err, &rpcErr) {
		return rpcErr
	}
	if errors.Is(err, context.Canceled) {
		return protocol.ErrRequestCancelled
	}
	return jsonrpc2.NewError(jsonrpc2.InternalError, err.Error())
}

func invalidParams(err error) error {
	return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "invalid params: %v", err)
}

func (s *Server) cancelRequest(params jsonrpc2.RawMessage) {
	var p struct {
		ID any `json:"id"`
	}
	if err := jsonUnmarshal(params, &p); err != nil {
		return
	}
	var id jsonrpc2.ID
	switch v := p.ID.(type) {
	case float64:
		id = jsonrpc2.NewNumberID(int64(v))
	case string:
		id = jsonrpc2.NewStringID(v)
	default:
		return
	}
	s.inflightMu.Lock()
	cancel := s.inflight[id]
	s.inflightMu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// decode unmarshals params into a new T with the protocol's codec.
func decode[T any](params jsonrpc2.RawMessage) (*T, error) {
	var v T
	if len(params) == 0 {
		return &v, nil
	}
	if err := protocol.Unmarshal(params, &v); err != nil {
		return nil, invalidParams(err)
	}
	return &v, nil
}

// notifyClient sends a notification to the client.
func (s *Server) notifyClient(ctx context.Context, method string, params any) {
	b, err := protocol.Marshal(params)
	if err != nil {
		s.log.Error("encoding a notification", "method", method, "error", err)
		return
	}
	if err := s.conn.Notify(ctx, method, jsonrpc2.RawMessage(b)); err != nil {
		s.log.Debug("sending a notification", "method", method, "error", err)
	}
}
