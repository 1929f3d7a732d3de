import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  type LanguageClientOptions,
  RevealOutputChannelOn,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { INSTALL_HINT, notFoundMessage, resolveServerPath, serverCommand, serverSettings } from './serverCommand';

const SECTION = 'dockerfile-ls';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let traceOutput: vscode.LogOutputChannel;

function workspaceFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

function currentSettings() {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  return serverSettings((key, fallback) => cfg.get(key, fallback), process.env, workspaceFolder());
}

async function startClient(): Promise<void> {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  const found = resolveServerPath(cfg.get<string>('path', ''), process.env, workspaceFolder());
  if (!found.path) {
    const msg = notFoundMessage(found);
    output.info(msg);
    output.info(`Looked in:\n  ${found.tried.join('\n  ')}`);
    const pick = await vscode.window.showErrorMessage(msg, 'Copy install command', 'Open settings', 'Show output');
    if (pick === 'Copy install command') {
      await vscode.env.clipboard.writeText(INSTALL_HINT);
    } else if (pick === 'Open settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.path`);
    } else if (pick === 'Show output') {
      output.show(true);
    }
    return;
  }
  output.info(`Starting ${found.path} --stdio`);
  const run = serverCommand(found.path);
  const serverOptions: ServerOptions = {
    run,
    debug: serverCommand(found.path, process.env, ['--log-level', 'debug']),
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'dockerfile' },
      { scheme: 'untitled', language: 'dockerfile' },
    ],
    initializationOptions: { [SECTION]: currentSettings() },
    middleware: {
      workspace: {
        // The server pulls its section: answer with the settings as sent
        // at start (context resolved against the workspace), not VS Code's raw ones.
        configuration: (params, token, next) => {
          if (params.items.every((item) => item.section !== SECTION)) return next(params, token);
          return params.items.map((item) => (item.section === SECTION ? currentSettings() : null));
        },
      },
    },
    outputChannel: output,
    traceOutputChannel: traceOutput,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  client = new LanguageClient(SECTION, 'Dockerfile LS', serverOptions, clientOptions);
  try {
    await client.start();
    const info = client.initializeResult?.serverInfo;
    output.info(`Connected to ${info?.name ?? 'server'} ${info?.version ?? ''}`.trimEnd());
  } catch (err) {
    const msg = `Dockerfile LS: could not start ${found.path}: ${err instanceof Error ? err.message : String(err)}`;
    output.info(msg);
    void vscode.window.showErrorMessage(msg, 'Show output').then((pick) => pick && output.show(true));
    client = undefined;
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.stop(5000);
    } catch (err) {
      output.info(`Stopping the server failed: ${String(err)}`);
    }
  }
}

async function restart(): Promise<void> {
  output.info('Restarting the server');
  await stopClient();
  await startClient();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('Dockerfile LS', { log: true });
  traceOutput = vscode.window.createOutputChannel('Dockerfile LS Trace', { log: true });
  context.subscriptions.push(
    output,
    traceOutput,
    vscode.commands.registerCommand(`${SECTION}.restartServer`, restart),
    vscode.commands.registerCommand(`${SECTION}.showOutput`, () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      if (e.affectsConfiguration(`${SECTION}.path`)) {
        await restart();
        return;
      }
      if (client?.isRunning()) {
        await client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: { [SECTION]: currentSettings() },
        });
      }
    }),
  );
  await startClient();
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
