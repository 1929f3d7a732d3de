// The extension's own logic that runs without VS Code: how it finds the
// binary, the command line it spawns, and the bundle it ships.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { extRoot, INSTALL_HINT, notFoundMessage, resolveServerPath, serverBinary, serverCommand, serverSettings } from './lib/helpers.mjs';

test('serverCommand passes --stdio once and sets no transport (TransportKind.stdio would add a second)', () => {
  const cmd = serverCommand('/opt/bin/dockerfile-ls', { PATH: '/usr/bin' });
  assert.equal(cmd.command, '/opt/bin/dockerfile-ls');
  assert.deepEqual(cmd.args, ['--stdio']);
  assert.equal('transport' in cmd, false);
  assert.equal(cmd.options.env.PATH, '/usr/bin');
});

test('the server accepts exactly that command line', () => {
  const cmd = serverCommand(serverBinary());
  // With stdin closed at once the server must exit by itself, not reject its flags.
  const r = spawnSync(cmd.command, cmd.args, { input: '', timeout: 10000 });
  assert.notEqual(r.status, 2, `server rejected ${cmd.args.join(' ')}: ${r.stderr}`);
  const twice = spawnSync(cmd.command, [...cmd.args, '--stdio'], { input: '', timeout: 10000 });
  assert.ok(twice.status !== null, 'double --stdio hung');
});

function tmpBin(name = 'dockerfile-ls') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dls-bin-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, '#!/bin/sh\n');
  fs.chmodSync(file, 0o755);
  return { dir, file };
}

test('resolveServerPath finds dockerfile-ls on PATH', () => {
  const { dir, file } = tmpBin();
  const r = resolveServerPath('', { PATH: ['/nonexistent', dir].join(path.delimiter), HOME: '/nonexistent' });
  assert.equal(r.path, file);
});

test('resolveServerPath falls back to $GOBIN and $GOPATH/bin (go install targets)', () => {
  const { dir, file } = tmpBin();
  assert.equal(resolveServerPath('', { PATH: '/nonexistent', GOBIN: dir }).path, file);
  const gopath = fs.mkdtempSync(path.join(os.tmpdir(), 'dls-gopath-'));
  fs.mkdirSync(path.join(gopath, 'bin'));
  fs.copyFileSync(file, path.join(gopath, 'bin', 'dockerfile-ls'));
  fs.chmodSync(path.join(gopath, 'bin', 'dockerfile-ls'), 0o755);
  assert.equal(resolveServerPath('', { PATH: '/nonexistent', GOPATH: gopath }).path, path.join(gopath, 'bin', 'dockerfile-ls'));
});

test('resolveServerPath honours dockerfile-ls.path (absolute, ~, ${workspaceFolder}, bare name)', () => {
  const { dir, file } = tmpBin('my-dls');
  assert.equal(resolveServerPath(file, { PATH: '' }).path, file);
  assert.equal(resolveServerPath('${workspaceFolder}/my-dls', { PATH: '' }, dir).path, file);
  assert.equal(resolveServerPath('my-dls', { PATH: dir }).path, file);
  const missing = resolveServerPath('/nonexistent/dockerfile-ls', { PATH: dir });
  assert.equal(missing.path, undefined);
  assert.match(missing.reason, /does not exist/);
  const notExec = path.join(dir, 'plain');
  fs.writeFileSync(notExec, '');
  assert.match(resolveServerPath(notExec, { PATH: '' }).reason, /not an executable/);
});

test('the "not found" message carries the install hint and the setting name', () => {
  const r = resolveServerPath('', { PATH: '/nonexistent', GOBIN: '/nonexistent', HOME: '/nonexistent' });
  assert.equal(r.path, undefined);
  assert.ok(r.tried.includes(path.join('/nonexistent', 'dockerfile-ls')));
  const msg = notFoundMessage(r);
  assert.ok(msg.includes(INSTALL_HINT), msg);
  assert.equal(INSTALL_HINT, 'go install .');
  assert.match(msg, /in the root of a dockerfile-ls checkout/);
  assert.match(msg, /dockerfile-ls\.path/);
});

test('serverSettings sends locale, diagnostics, a resolved context, rules and format options', () => {
  const cfg = {
    locale: 'ru',
    diagnostics: false,
    context: 'docker',
    rules: { StageNameCasing: 'off' },
    shellRules: false,
    'format.shell': true,
    'format.maxBlankLines': 0,
  };
  const got = serverSettings((k, d) => cfg[k] ?? d, {}, '/ws');
  assert.deepEqual(got, {
    locale: 'ru',
    diagnostics: false,
    context: '/ws/docker',
    rules: { StageNameCasing: 'off' },
    shellRules: false,
    format: { shell: true, maxBlankLines: 0 },
  });
  assert.deepEqual(serverSettings((_k, d) => d, {}, '/ws'), {
    locale: 'auto',
    diagnostics: true,
    context: '',
    rules: {},
    shellRules: true,
    format: { shell: false, maxBlankLines: 1 },
  });
});

test('the esbuild bundle exists, needs only vscode and Node built-ins, and exports activate/deactivate', () => {
  const bundle = path.join(extRoot, 'dist', 'extension.js');
  assert.ok(fs.existsSync(bundle), 'run npm run build first');
  const src = fs.readFileSync(bundle, 'utf8');
  const requires = new Set([...src.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
  const builtins = new Set(Module.builtinModules);
  const foreign = [...requires].filter((r) => r !== 'vscode' && !builtins.has(r.replace(/^node:/, '')));
  assert.deepEqual(foreign, [], 'bundle requires packages that the .vsix does not ship');
  assert.ok(requires.has('vscode'));
  // Load it with a stand-in 'vscode' module that has every class, enum and
  // namespace of the pinned @types/vscode (and nothing else).
  const dts = fs.readFileSync(path.join(extRoot, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  const stub = {};
  const fn = () => undefined;
  for (const [, kind, name] of dts.matchAll(/^\t?export (class|enum|namespace) (\w+)/gm)) {
    if (kind === 'class') stub[name] = class {};
    else stub[name] = new Proxy({}, { get: (_t, k) => (kind === 'enum' ? 0 : fn) });
  }
  assert.ok(stub.Disposable && stub.window && stub.DiagnosticSeverity, 'could not read @types/vscode');
  const origLoad = Module._load;
  Module._load = function (request, ...rest) {
    return request === 'vscode' ? stub : origLoad.call(this, request, ...rest);
  };
  try {
    const ext = Module.createRequire(bundle)(bundle);
    assert.equal(typeof ext.activate, 'function');
    assert.equal(typeof ext.deactivate, 'function');
  } finally {
    Module._load = origLoad;
  }
});
