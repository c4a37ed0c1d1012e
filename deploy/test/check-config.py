#!/usr/bin/env python3
"""Checks the deployment's configuration against the programs it configures, and the
repository against leaked secrets:

1. every variable a service is given in docker-compose.yml (its env files, its `environment`,
   and the lines commented out in its env files, which an operator uncomments) is one that its
   binary really reads: a `[env: NAME=…]` of `<binary> --help`, or one of the few read by a
   library (PGPASSFILE by sqlx, RUST_LOG by tracing) — a misspelt variable fails;
2. every service's secrets, command and env files exist as the compose file names them;
3. no tracked file holds a private key, a token or a password: PEM private key blocks,
   JWT-shaped strings, and any secret value made in deploy/secrets/ (or $RECTIFY_SECRETS)
   when it exists here.

    deploy/test/check-config.py --bin-dir target/release [--compose docker-compose.yml]
Exit status 0 when all holds; each finding is printed.
"""

import argparse
import os
import pathlib
import re
import subprocess
import sys

import yaml

# Read by a library rather than by the binary's flags.
LIBRARY_VARIABLES = {
    "PGPASSFILE": "sqlx reads the PostgreSQL password from this pgpass file",
    "RUST_LOG": "tracing's log filter",
}
ENV_MARKER = re.compile(r"\[env: ([A-Z0-9_]+)[=\]]")
COMMENTED_VARIABLE = re.compile(r"^#\s*([A-Z][A-Z0-9_]*)=")
PEM_PRIVATE_KEY = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----\s*\n[A-Za-z0-9+/=]{40,}")
JWT = re.compile(r"eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}")


def accepted_variables(binary):
    help_text = subprocess.run([str(binary), "--help"], check=True, capture_output=True,
                               text=True).stdout
    return set(ENV_MARKER.findall(help_text))


def env_files(service):
    files = service.get("env_file", [])
    return [files] if isinstance(files, str) else files


def variables_of(service, root):
    """(variable, where) for every variable the service is given or may be given."""
    found = []
    for name in env_files(service):
        path = root / name
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            stripped = line.strip()
            commented = COMMENTED_VARIABLE.match(stripped)
            if commented:
                found.append((commented.group(1), f"{name}:{number} (commented)"))
            elif stripped and not stripped.startswith("#"):
                found.append((stripped.partition("=")[0].strip(), f"{name}:{number}"))
    environment = service.get("environment", {})
    keys = environment if isinstance(environment, dict) else [e.partition("=")[0] for e in environment]
    found.extend((key, "environment") for key in keys)
    return found


def check_variables(compose, root, bin_dir):
    problems = []
    for name, service in compose["services"].items():
        command = service.get("command") or []
        binary = bin_dir / command[0] if command else None
        if binary is None or not binary.exists():
            continue  # not one of rectify's programs (PostgreSQL, the trace viewer)
        accepted = accepted_variables(binary)
        checked = 0
        for variable, where in variables_of(service, root):
            checked += 1
            if variable in accepted or variable in LIBRARY_VARIABLES:
                continue
            problems.append(f"{name}: {variable} ({where}) is not read by `{command[0]}`"
                            f" (its --help names {len(accepted)} variables)")
        for secret in service.get("secrets", []):
            source = secret if isinstance(secret, str) else secret["source"]
            if source not in compose.get("secrets", {}):
                problems.append(f"{name}: secret {source} is not declared")
        print(f"{name}: {checked} variables checked against `{command[0]} --help`")
    return problems


def secret_values(secrets_dir):
    values = set()
    if not secrets_dir.is_dir():
        return values
    for path in secrets_dir.rglob("*"):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        if path.suffix == ".pgpass":
            values.add(text.rsplit(":", 1)[-1])
        elif path.suffix == ".token" or path.suffix == ".pem":
            values.add(text)
    return {v for v in values if len(v) >= 16}


def check_repository(root):
    problems = []
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=root, check=True,
                             capture_output=True).stdout.decode().split("\0")
    secrets_dir = pathlib.Path(os.environ.get("RECTIFY_SECRETS", root / "deploy" / "secrets"))
    made_here = secret_values(secrets_dir if secrets_dir.is_absolute() else root / secrets_dir)
    scanned = 0
    for name in filter(None, tracked):
        path = root / name
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        scanned += 1
        if PEM_PRIVATE_KEY.search(text):
            problems.append(f"{name}: holds a PEM private key")
        if JWT.search(text):
            problems.append(f"{name}: holds a JWT-shaped token")
        for value in made_here:
            if value in text:
                problems.append(f"{name}: holds a secret made in {secrets_dir}")
    print(f"repository: {scanned} tracked files scanned for secrets"
          f" ({len(made_here)} values made in {secrets_dir})")
    return problems


def main():
    parser = argparse.ArgumentParser(description="check the deployment's configuration")
    parser.add_argument("--bin-dir", type=pathlib.Path, required=True)
    parser.add_argument("--compose", type=pathlib.Path)
    parser.add_argument("--skip-repository", action="store_true")
    args = parser.parse_args()
    root = pathlib.Path(__file__).resolve().parents[2]
    compose_path = args.compose or root / "docker-compose.yml"
    compose = yaml.safe_load(compose_path.read_text(encoding="utf-8"))
    # Env files are named relative to the repository (where docker-compose.yml lives).
    problems = check_variables(compose, root, args.bin_dir)
    if not args.skip_repository:
        problems += check_repository(root)
    for problem in problems:
        print(f"FAIL {problem}", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
