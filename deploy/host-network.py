#!/usr/bin/env python3
"""Derives, mechanically, the host-network variant of docker-compose.yml that the compose test
runs (deploy/test/compose-test.sh): on a machine whose test traffic must stay on loopback.

Every service gets `network_mode: host` and loses its published `ports` (compose refuses both
together); every service name is mapped to 127.0.0.1 with `extra_hosts`, so the same URLs
(`http://registry:50051`, `postgres://…@postgres:5432/…`) still resolve; PostgreSQL moves off
the host's 5432 to --postgres-port, and every database URL follows it; every server listens on
127.0.0.1 only, its published port P moved to BASE + P % 10000 by --port-base (50050-50056 lie
in the range the kernel gives outgoing connections, which a busy host may be using). The env files are
inlined into `environment` (so the port can follow), relative paths made absolute; images,
commands, healthchecks, dependencies, volumes, secrets and profiles are kept as they are.

    deploy/host-network.py docker-compose.yml --postgres-port 25432 --port-base 20000 \
        [--secrets-dir deploy/.build/test-secrets] -o deploy/.build/compose.host.yml
"""

import argparse
import copy
import pathlib
import re
import sys

import yaml


class _Dumper(yaml.SafeDumper):
    """Writes repeated parts out in full, without YAML anchors."""

    def ignore_aliases(self, data):
        return True


def read_env_file(path):
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        if not sep:
            raise SystemExit(f"{path}: `{line}` is not KEY=VALUE")
        values[key.strip()] = value
    return values


def environment_of(service, base):
    """The service's whole environment: its env files in order, then `environment`."""
    merged = {}
    env_files = service.get("env_file", [])
    if isinstance(env_files, str):
        env_files = [env_files]
    for name in env_files:
        # Values of env files are not interpolated by compose; keep a `$` literal.
        merged.update({k: v.replace("$", "$$") for k, v in
                       read_env_file(base / name).items()})
    environment = service.get("environment", {})
    if isinstance(environment, list):
        environment = dict(item.partition("=")[::2] for item in environment)
    merged.update({k: ("" if v is None else str(v)) for k, v in environment.items()})
    return merged


def absolute(path, base):
    """`path` as written in the compose file, relative to its directory, made absolute."""
    return path if pathlib.Path(path).is_absolute() else str((base / path).resolve())


def published_ports(compose):
    """Every container port the compose file publishes on the host."""
    ports = set()
    for service in compose["services"].values():
        for entry in service.get("ports", []):
            ports.add(int(str(entry).rsplit(":", 1)[-1].split("/")[0]))
    return ports


def derive(compose, base, postgres_port, secrets_dir=None, port_base=None):
    derived = copy.deepcopy(compose)
    names = sorted(derived["services"])
    database_host = re.compile(r"@postgres:5432(?=/)")
    shifted = {port: (port if port_base is None else port_base + port % 10000)
               for port in published_ports(compose)}
    port_use = re.compile(r":(\d+)(?!\d)")

    def shift(value):
        return port_use.sub(lambda m: f":{shifted.get(int(m.group(1)), int(m.group(1)))}", value)

    for name, service in derived["services"].items():
        service.pop("ports", None)
        service.pop("networks", None)
        service["network_mode"] = "host"
        service["extra_hosts"] = [f"{other}:127.0.0.1" for other in names]
        environment = environment_of(service, base)
        service.pop("env_file", None)
        for key, value in environment.items():
            value = shift(database_host.sub(f"@postgres:{postgres_port}", value))
            if key.endswith("_LISTEN"):
                value = value.replace("0.0.0.0:", "127.0.0.1:")
            environment[key] = value
        if name == "postgres":
            environment["PGPORT"] = str(postgres_port)
            environment["PG_LISTEN_ADDRESSES"] = "127.0.0.1"
        if environment:
            service["environment"] = environment
        build = service.get("build")
        if isinstance(build, str):
            service["build"] = absolute(build, base)
        elif isinstance(build, dict) and "context" in build:
            build["context"] = absolute(build["context"], base)
        volumes = []
        for volume in service.get("volumes", []):
            if isinstance(volume, str) and volume.startswith("."):
                source, _, rest = volume.partition(":")
                volume = f"{absolute(source, base)}:{rest}"
            volumes.append(volume)
        if volumes:
            service["volumes"] = volumes
    for secret in derived.get("secrets", {}).values():
        if "file" in secret:
            if secrets_dir is not None:
                # The same files, from another directory (the test's own secrets): the path
                # below deploy/secrets/ is kept (tls/ca.pem).
                path = pathlib.PurePath(secret["file"])
                try:
                    name = path.relative_to("deploy/secrets")
                except ValueError:
                    name = path.name
                secret["file"] = str((secrets_dir / name).resolve())
            else:
                secret["file"] = absolute(secret["file"], base)
    derived.pop("networks", None)
    return {k: v for k, v in derived.items() if not k.startswith("x-")}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("compose", type=pathlib.Path)
    parser.add_argument("--postgres-port", type=int, default=55432)
    parser.add_argument("--secrets-dir", type=pathlib.Path,
                        help="take the secret files from here instead of deploy/secrets")
    parser.add_argument("--port-base", type=int,
                        help="move every published port P to BASE + P %% 10000 (e.g. 20000: below"
                             " the range the kernel hands out to outgoing connections)")
    parser.add_argument("-o", "--output", type=pathlib.Path)
    args = parser.parse_args()
    compose = yaml.safe_load(args.compose.read_text(encoding="utf-8"))
    derived = derive(compose, args.compose.resolve().parent, args.postgres_port,
                     args.secrets_dir, args.port_base)
    text = ("# Derived from docker-compose.yml by deploy/host-network.py: do not edit.\n"
            + yaml.dump(derived, Dumper=_Dumper, sort_keys=False, allow_unicode=True))
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
