// The extension's client path against the real server: the command line the
// extension builds, over stdio, with vscode-languageserver-protocol.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DOCKERFILE, docUri, extRoot, needs, open, proto, serverSettings, startSession, strict } from './lib/helpers.mjs';

const byCode = (diags, code) => diags.find((d) => d.code === code);

function assertDockerfileDiagnostics(diags) {
  const maint = byCode(diags, 'MaintainerDeprecated');
  assert.ok(maint, `MaintainerDeprecated missing in ${JSON.stringify(diags)}`);
  assert.equal(maint.severity, proto.DiagnosticSeverity.Warning);
  assert.equal(maint.source, 'buildkit');
  assert.deepEqual(maint.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } });
  const casing = byCode(diags, 'FromAsCasing');
  assert.ok(casing, `FromAsCasing missing in ${JSON.stringify(diags)}`);
  assert.deepEqual(casing.range, { start: { line: 0, character: 12 }, end: { line: 0, character: 14 } });
}

describe('push diagnostics (client without textDocument.diagnostic)', () => {
  let s;
  const uri = docUri('Dockerfile');
  before(async () => {
    s = await startSession({ pull: false, initializationOptions: { 'dockerfile-ls': { locale: 'en' } } });
    await open(s.conn, uri);
  });
  after(async () => {
    if (!s.closed) await s.close();
  });

  test('initialize answers with serverInfo, utf-16 and incremental sync', () => {
    assert.equal(s.init.serverInfo?.name, 'dockerfile-ls');
    assert.equal(s.init.capabilities.positionEncoding ?? 'utf-16', 'utf-16');
    const sync = s.init.capabilities.textDocumentSync;
    assert.equal(typeof sync === 'object' ? sync.change : sync, proto.TextDocumentSyncKind.Incremental);
    assert.equal(sync.openClose, true);
  });

  test('didOpen publishes MaintainerDeprecated and FromAsCasing', async () => {
    const diags = await s.diagnostics(uri, (d) => d.length > 0);
    assertDockerfileDiagnostics(diags);
  });

  test('hover on FROM returns markdown mentioning FROM', async (t) => {
    if (!needs(t, s.init, 'hoverProvider', 'hover')) return;
    const hover = await s.conn.sendRequest(proto.HoverRequest.type, {
      textDocument: { uri },
      position: { line: 0, character: 1 },
    });
    assert.ok(hover, 'hover returned null on FROM');
    assert.equal(hover.contents.kind, 'markdown', JSON.stringify(hover.contents));
    assert.match(hover.contents.value, /FROM/);
  });

  test('completion on the empty line after FROM offers RUN and COPY', async (t) => {
    if (!needs(t, s.init, 'completionProvider', 'completion')) return;
    const res = await s.conn.sendRequest(proto.CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 2, character: 0 },
      context: { triggerKind: proto.CompletionTriggerKind.Invoked },
    });
    const items = Array.isArray(res) ? res : res?.items ?? [];
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('RUN'), `RUN missing in ${JSON.stringify(labels)}`);
    assert.ok(labels.includes('COPY'), `COPY missing in ${JSON.stringify(labels)}`);
  });

  test('didChange republishes: fixing the file drops MaintainerDeprecated', async () => {
    await s.conn.sendNotification(proto.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [
        // incremental: delete line 1 ("MAINTAINER someone\n")
        { range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: '' },
      ],
    });
    const diags = await s.diagnostics(uri, (d) => !byCode(d, 'MaintainerDeprecated'));
    assert.ok(byCode(diags, 'FromAsCasing'), JSON.stringify(diags));
  });

  test('didClose clears the published diagnostics', async () => {
    await s.conn.sendNotification(proto.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    const diags = await s.diagnostics(uri, (d) => d.length === 0);
    assert.deepEqual(diags, []);
  });

  test('shutdown then exit ends the process with code 0', async (t) => {
    const { code, exitedOnExit } = await s.close();
    s.closed = true;
    if (!exitedOnExit && !strict) {
      // Known server bug at the time of writing: after `exit` the process
      // waits for stdin to close. VS Code hides it (it kills the server 2 s
      // after exit), so it is reported, not failed. EDITORS_STRICT=1 fails it.
      t.todo('server still running 2 s after the exit notification; it ended only when stdin closed');
    }
    assert.ok(exitedOnExit, 'server still running 2 s after exit');
    assert.equal(code, 0, `exit code; stderr:\n${s.stderr()}`);
  });
});

// vscode-languageclient 11 advertises textDocument.diagnostic, so inside VS
// Code the server answers pulls instead of pushing: test that path too.
describe('pull diagnostics (what vscode-languageclient 11 uses)', () => {
  let s;
  const uri = docUri('app.Dockerfile');
  before(async () => {
    s = await startSession({ pull: true });
    await open(s.conn, uri);
  });
  after(() => s.close());

  test('initialize advertises diagnosticProvider', () => {
    assert.ok(s.init.capabilities.diagnosticProvider, JSON.stringify(s.init.capabilities));
  });

  test('textDocument/diagnostic returns the same findings and nothing is pushed', async () => {
    const report = await s.conn.sendRequest(proto.DocumentDiagnosticRequest.type, { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    assertDockerfileDiagnostics(report.items);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(s.published.get(uri), undefined, 'pushed diagnostics to a pull client');
  });
});

// The settings the extension sends: initializationOptions at start, then
// workspace/didChangeConfiguration under the "dockerfile-ls" key.
describe('settings from the extension', () => {
  let s;
  const uri = docUri('Containerfile');
  before(async () => {
    s = await startSession({
      pull: true,
      initializationOptions: { 'dockerfile-ls': { locale: 'en', diagnostics: false, context: '' } },
    });
    await open(s.conn, uri);
  });
  after(() => s.close());

  test('diagnostics: false in initializationOptions silences diagnostics', async () => {
    const report = await s.conn.sendRequest(proto.DocumentDiagnosticRequest.type, { textDocument: { uri } });
    assert.deepEqual(report.items, []);
  });

  test('didChangeConfiguration diagnostics: true turns them back on', async () => {
    await s.configure({ locale: 'en', diagnostics: true, context: '' });
    const report = await s.conn.sendRequest(proto.DocumentDiagnosticRequest.type, { textDocument: { uri } });
    assertDockerfileDiagnostics(report.items);
  });

  test('rules from serverSettings turn a rule off and raise another; the server pulls its section', async () => {
    const settings = serverSettings((k, d) => ({ rules: { MaintainerDeprecated: 'off', FromAsCasing: 'error' } })[k] ?? d, {}, extRoot);
    await s.configure(settings);
    const report = await s.conn.sendRequest(proto.DocumentDiagnosticRequest.type, { textDocument: { uri } });
    assert.equal(byCode(report.items, 'MaintainerDeprecated'), undefined, JSON.stringify(report.items));
    assert.equal(byCode(report.items, 'FromAsCasing')?.severity, proto.DiagnosticSeverity.Error, JSON.stringify(report.items));
    assert.ok(s.pulls.some((p) => p.items.some((item) => item.section === 'dockerfile-ls')), 'no workspace/configuration request');
    await s.configure({ locale: 'en', diagnostics: true, context: '' });
  });

  test('locale ru is accepted (hover still answers)', async (t) => {
    if (!needs(t, s.init, 'hoverProvider', 'hover')) return;
    await s.configure({ locale: 'ru', diagnostics: true, context: '' });
    const hover = await s.conn.sendRequest(proto.HoverRequest.type, {
      textDocument: { uri },
      position: { line: 0, character: 1 },
    });
    assert.ok(hover && hover.contents.value.length > 0, JSON.stringify(hover));
  });
});

test('the test document is the one the README describes', () => {
  assert.equal(DOCKERFILE.split('\n')[0], 'FROM alpine as build');
});
