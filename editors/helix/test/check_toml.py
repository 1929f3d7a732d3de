"""Checks editors/helix/languages.toml: it parses as TOML, wires the
dockerfile language to the dockerfile-ls server, covers every file pattern,
and the command/args it names start a server that answers initialize.

    python3 check_toml.py LANGUAGES_TOML [SERVER_BINARY]

Prints one line per check and "N passed, N failed"; exits 1 on failure.
"""
import fnmatch
import json
import os
import subprocess
import sys
import tomllib

path = sys.argv[1]
binary = sys.argv[2] if len(sys.argv) > 2 else None
passed = failed = 0


def check(name, fn):
    global passed, failed
    try:
        fn()
        passed += 1
        print(f"ok - helix languages.toml: {name}")
    except Exception as e:  # noqa: BLE001
        failed += 1
        print(f"not ok - helix languages.toml: {name}: {e}")


with open(path, "rb") as f:
    try:
        doc = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        print(f"not ok - helix languages.toml: parses as TOML: {e}")
        print("0 passed, 1 failed")
        sys.exit(1)
print("ok - helix languages.toml: parses as TOML")
passed += 1

server = doc.get("language-server", {}).get("dockerfile-ls", {})
lang = next((l for l in doc.get("language", []) if l.get("name") == "dockerfile"), {})


def server_entry():
    assert server.get("command") == "dockerfile-ls", server
    assert server.get("args") == ["--stdio"], server.get("args")
    cfg = server.get("config", {}).get("dockerfile-ls", {})
    assert cfg == {"locale": "auto", "diagnostics": True, "context": ""}, cfg


def language_entry():
    assert lang, "no [[language]] name = \"dockerfile\""
    assert lang.get("language-servers") == ["dockerfile-ls"], lang.get("language-servers")


def file_types():
    fts = lang.get("file-types", [])

    def matches(name):
        for ft in fts:
            if isinstance(ft, dict) and fnmatch.fnmatchcase(name, ft["glob"]):
                return True
            if isinstance(ft, str) and name.rsplit(".", 1)[-1] == ft and "." in name:
                return True
        return False

    names = ["Dockerfile", "Containerfile", "app.Dockerfile", "app.dockerfile", "Dockerfile.dev", "Containerfile.prod"]
    missing = [n for n in names if not matches(n)]
    assert not missing, f"not matched: {missing}"
    assert not matches("README.md"), "README.md matched"


def server_starts():
    if not binary:
        raise RuntimeError("no server binary given")
    # The command from the snippet, resolved to the binary under test.
    cmd = [binary] + server["args"]
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                       "params": {"processId": None, "rootUri": None, "capabilities": {},
                                  "initializationOptions": server["config"]}}).encode()
    exit_msgs = b""
    for m in ({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}, {"jsonrpc": "2.0", "method": "exit"}):
        b = json.dumps(m).encode()
        exit_msgs += b"Content-Length: %d\r\n\r\n" % len(b) + b
    stdin = b"Content-Length: %d\r\n\r\n" % len(body) + body + exit_msgs
    r = subprocess.run(cmd, input=stdin, capture_output=True, timeout=20)
    out = r.stdout.decode()
    assert '"name":"dockerfile-ls"' in out.replace(" ", ""), f"no serverInfo in {out[:300]!r}; stderr {r.stderr[:300]!r}"


check("[language-server.dockerfile-ls] runs `dockerfile-ls --stdio` with the server settings", server_entry)
check("[[language]] dockerfile uses language-servers = [\"dockerfile-ls\"]", language_entry)
check("file-types cover Dockerfile, Containerfile, *.Dockerfile, *.dockerfile, Dockerfile.*, Containerfile.*", file_types)
check("the command and args it names start a server that answers initialize", server_starts)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
