// How the extension finds and starts the dockerfile-ls binary. This module
// does not import 'vscode', so the tests run it in plain Node.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const SERVER_NAME = 'dockerfile-ls';
/** The install command, run in the root of a dockerfile-ls checkout (no release is published yet). */
export const INSTALL_HINT = 'go install .';

/** What the language client spawns: the server talks LSP on its stdin/stdout. */
export interface ServerCommand {
  command: string;
  args: string[];
  options: { env: NodeJS.ProcessEnv };
}

export interface Resolution {
  /** Absolute path of the executable, when one was found. */
  path?: string;
  /** Every place looked at, in order, for the "not found" message. */
  tried: string[];
  /** Why a configured path was rejected. */
  reason?: string;
}

type Env = NodeJS.ProcessEnv;

function exeName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? `${SERVER_NAME}.exe` : SERVER_NAME;
}

function isExecutable(p: string): boolean {
  try {
    const st = fs.statSync(p);
    if (!st.isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Expands a leading ~, ${env:NAME}, ${userHome} and ${workspaceFolder}. */
export function expandPath(p: string, env: Env = process.env, workspaceFolder?: string): string {
  let out = p.trim();
  out = out.replace(/\$\{env:([^}]+)\}/g, (_m, name: string) => env[name] ?? '');
  out = out.replace(/\$\{userHome\}/g, os.homedir());
  if (workspaceFolder) out = out.replace(/\$\{workspaceFolder\}/g, workspaceFolder);
  if (out === '~' || out.startsWith('~/') || out.startsWith('~\\')) out = path.join(os.homedir(), out.slice(1));
  if (workspaceFolder && out !== '' && !path.isAbsolute(out) && /[\\/]/.test(out)) {
    out = path.resolve(workspaceFolder, out);
  }
  return out;
}

/** Places a `go install` puts the binary, which GUI-started editors often lack on PATH. */
function goBinDirs(env: Env): string[] {
  const dirs: string[] = [];
  if (env.GOBIN) dirs.push(env.GOBIN);
  for (const gp of (env.GOPATH ?? '').split(path.delimiter)) if (gp) dirs.push(path.join(gp, 'bin'));
  // The env passed in decides (HOME first), so tests and remote hosts see the right home.
  dirs.push(path.join(env.HOME ?? env.USERPROFILE ?? os.homedir(), 'go', 'bin'));
  return dirs;
}

/**
 * Finds the server: the configured path (a file, or a bare command name looked
 * up on PATH) when set, else `dockerfile-ls` on PATH, then the Go bin dirs.
 */
export function resolveServerPath(
  configured: string | undefined,
  env: Env = process.env,
  workspaceFolder?: string,
  platform: NodeJS.Platform = process.platform,
): Resolution {
  const tried: string[] = [];
  const want = (configured ?? '').trim();
  const pathDirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  const onPath = (name: string): string | undefined => {
    for (const dir of pathDirs) {
      const candidate = path.join(dir, name);
      tried.push(candidate);
      if (isExecutable(candidate)) return candidate;
    }
    return undefined;
  };
  if (want !== '') {
    const p = expandPath(want, env, workspaceFolder);
    if (!/[\\/]/.test(p)) {
      const found = onPath(p) ?? (platform === 'win32' ? onPath(`${p}.exe`) : undefined);
      if (found) return { path: found, tried };
      return { tried, reason: `"${want}" (the dockerfile-ls.path setting) is not on PATH` };
    }
    tried.push(p);
    if (isExecutable(p)) return { path: p, tried };
    const why = fs.existsSync(p) ? 'is not an executable file' : 'does not exist';
    return { tried, reason: `${p} (the dockerfile-ls.path setting) ${why}` };
  }
  const name = exeName(platform);
  const found = onPath(name);
  if (found) return { path: found, tried };
  for (const dir of goBinDirs(env)) {
    const candidate = path.join(dir, name);
    if (tried.includes(candidate)) continue;
    tried.push(candidate);
    if (isExecutable(candidate)) return { path: candidate, tried };
  }
  return { tried };
}

/**
 * The command line the client spawns. The server takes --stdio itself, so
 * the client must NOT also use TransportKind.stdio (which appends another
 * --stdio): the returned object has no `transport` on purpose.
 */
export function serverCommand(binary: string, env: Env = process.env, extraArgs: string[] = []): ServerCommand {
  return { command: binary, args: ['--stdio', ...extraArgs], options: { env: { ...env } } };
}

/** The user-facing message when no binary is found. */
export function notFoundMessage(r: Resolution): string {
  const head = r.reason
    ? `Dockerfile LS: ${r.reason}.`
    : `Dockerfile LS: the ${SERVER_NAME} language server was not found on PATH or in the Go bin directories.`;
  return `${head} Install it with \`${INSTALL_HINT}\` in the root of a dockerfile-ls checkout, or set "dockerfile-ls.path" to the binary.`;
}

/** The server settings as sent in initializationOptions and didChangeConfiguration, and as the answer to workspace/configuration. */
export interface ServerSettings {
  locale: string;
  diagnostics: boolean;
  context: string;
  /** Rule name → off | error | warning | information | hint. */
  rules: Record<string, string>;
  /** false turns off every shell-aware rule that `rules` does not name. */
  shellRules: boolean;
  format: { shell: boolean; maxBlankLines: number };
}

export function serverSettings(
  get: <T>(key: string, fallback: T) => T,
  env: Env = process.env,
  workspaceFolder?: string,
): ServerSettings {
  let ctx = get<string>('context', '').trim();
  if (ctx !== '') {
    ctx = expandPath(ctx, env, workspaceFolder);
    if (workspaceFolder && !path.isAbsolute(ctx)) ctx = path.resolve(workspaceFolder, ctx);
  }
  return {
    locale: get<string>('locale', 'auto'),
    diagnostics: get<boolean>('diagnostics', true),
    context: ctx,
    rules: { ...get<Record<string, string>>('rules', {}) },
    shellRules: get<boolean>('shellRules', true),
    format: {
      shell: get<boolean>('format.shell', false),
      maxBlankLines: get<number>('format.maxBlankLines', 1),
    },
  };
}
