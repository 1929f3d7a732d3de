// Shared helpers for the VS Code extension tests: find (or build) the server
// binary, and talk to it with vscode-languageserver-protocol — the protocol
// library vscode-languageclient is built on — exactly as the extension does.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
export const here = path.dirname(fileURLToPath(import.meta.url));
export const extRoot = path.resolve(here, '..', '..');
export const repoRoot = path.resolve(extRoot, '..', '..');
export const proto = require('vscode-languageserver-protocol/node');
export const { serverCommand, resolveServerPath, notFoundMessage, serverSettings, INSTALL_HINT } = require(
  path.join(extRoot, 'out', 'serverCommand.js'),
);

/** EDITORS_STRICT=1 turns "server does not advertise X yet" skips into failures. */
export const strict = process.env.EDITORS_STRICT === '1';

let builtBinary;
/** $DOCKERFILE_LS, or a binary built from the repository root once per run. */
export function serverBinary() {
  if (process.env.DOCKERFILE_LS) return path.resolve(process.env.DOCKERFILE_LS);
  if (!builtBinary) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-ls-vscode-'));
    builtBinary = path.join(dir, 'dockerfile-ls');
    execFileSync('go', ['build', '-o', builtBinary, '.'], { cwd: repoRoot, stdio: 'inherit' });
  }
  return builtBinary;
}

export const DOCKERFILE = 'FROM alpine as build\nMAINTAINER someone\n\nRUN echo hi\n';

/** The capabilities vscode-languageclient 11 sends, trimmed to what matters here. */
export function clientCapabilities({ pull }) {
  const textDocument = {
    synchronization: { dynamicRegistration: true, didSave: true },
    hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
    completion: {
      dynamicRegistration: true,
      completionItem: { snippetSupport: true, labelDetailsSupport: true, documentationFormat: ['markdown', 'plaintext'] },
      contextSupport: true,
    },
    publishDiagnostics: { relatedInformation: true, versionSupport: false, codeDescriptionSupport: true, dataSupport: true },
  };
  if (pull) textDocument.diagnostic = { dynamicRegistration: true, relatedDocumentSupport: false };
  return {
    general: { positionEncodings: ['utf-16'] },
    textDocument,
    workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
  };
}

/**
 * Starts the server with the extension's own command line and initializes
 * it. Returns { conn, proc, init, diagnostics(uri, pred), pulls, configure(settings), stderr(), close() }.
 */
export async function startSession({ pull = false, initializationOptions } = {}) {
  const cmd = serverCommand(serverBinary(), process.env);
  const proc = spawn(cmd.command, cmd.args, { ...cmd.options, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const conn = proto.createProtocolConnection(
    new proto.StreamMessageReader(proc.stdout),
    new proto.StreamMessageWriter(proc.stdin),
  );
  const published = new Map(); // uri -> list of PublishDiagnosticsParams
  const waiters = new Set();
  conn.onNotification(proto.PublishDiagnosticsNotification.type, (p) => {
    if (!published.has(p.uri)) published.set(p.uri, []);
    published.get(p.uri).push(p);
    for (const w of [...waiters]) w();
  });
  // workspace/configuration is answered as the extension's middleware does:
  // the current settings for the dockerfile-ls section (configure changes them).
  let settings = initializationOptions?.['dockerfile-ls'] ?? null;
  const pulls = [];
  conn.onRequest(proto.ConfigurationRequest.type, (p) => {
    pulls.push(p);
    return p.items.map((item) => (item.section === 'dockerfile-ls' ? settings : null));
  });
  conn.onRequest(proto.RegistrationRequest.type, () => null);
  conn.onRequest(proto.WorkDoneProgressCreateRequest.type, () => null);
  conn.listen();
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const rootUri = pathToFileURL(extRoot).href;
  const init = await withTimeout(
    conn.sendRequest(proto.InitializeRequest.type, {
      processId: process.pid,
      clientInfo: { name: 'Visual Studio Code', version: '1.91.0' },
      locale: 'en',
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'vscode' }],
      capabilities: clientCapabilities({ pull }),
      initializationOptions,
    }),
    10000,
    () => `initialize timed out; server stderr:\n${stderr}`,
  );
  await conn.sendNotification(proto.InitializedNotification.type, {});

  /** Waits for the newest publishDiagnostics for uri to satisfy pred. */
  function diagnostics(uri, pred = () => true, ms = 10000) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const list = published.get(uri) ?? [];
        const last = list[list.length - 1];
        if (last && pred(last.diagnostics)) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(last.diagnostics);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        const list = published.get(uri) ?? [];
        reject(new Error(`no matching publishDiagnostics for ${uri} in ${ms} ms; got ${JSON.stringify(list)}`));
      }, ms);
      if (!check()) waiters.add(check);
    });
  }

  /**
   * Stops the server the way vscode-languageclient does: shutdown, exit, and
   * if the process is still there after 2 s, end its stdin (then kill it).
   * Returns { code, signal, exitedOnExit }.
   */
  async function close() {
    try {
      await withTimeout(conn.sendRequest(proto.ShutdownRequest.type), 5000, () => 'shutdown timed out');
      await conn.sendNotification(proto.ExitNotification.type);
    } catch {
      proc.kill();
    }
    let exitedOnExit = true;
    let result = await withTimeout(exited, 2000, 'no exit').catch(() => null);
    if (!result) {
      exitedOnExit = false;
      proc.stdin.end();
      result = await withTimeout(exited, 3000, 'no exit').catch(() => {
        proc.kill('SIGKILL');
        return { code: null, signal: 'SIGKILL' };
      });
    }
    conn.dispose();
    return { ...result, exitedOnExit };
  }

  /** Changes the settings as VS Code does: the new ones answer pulls, and didChangeConfiguration says so. */
  function configure(next) {
    settings = next;
    return conn.sendNotification(proto.DidChangeConfigurationNotification.type, { settings: { 'dockerfile-ls': next } });
  }

  return { conn, proc, init, diagnostics, published, pulls, configure, stderr: () => stderr, close };
}

export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(typeof what === 'function' ? what() : what)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export function docUri(name = 'Dockerfile') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-ls-doc-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, DOCKERFILE);
  return pathToFileURL(file).href;
}

export function open(conn, uri, text = DOCKERFILE, version = 1) {
  return conn.sendNotification(proto.DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'dockerfile', version, text },
  });
}

/** Skips the running test when the server lacks a capability (unless strict). */
export function needs(t, init, capability, what) {
  if (init.capabilities[capability]) return true;
  const msg = `server does not advertise ${capability} yet (${what} not landed)`;
  if (strict) throw new Error(msg);
  t.skip(msg);
  return false;
}
