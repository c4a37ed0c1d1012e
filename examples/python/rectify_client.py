"""A small client for rectify's gRPC services, to copy into a bureau's own system.

It generates the Python stubs from the project's `proto/` directory the first time it is
imported (grpcio-tools, into `rectify_pb/` beside this file), sends every call with the
bureau's token, retries a call that did not get through with the *same* request (so the same
`request_id`: the service answers a retry with its first answer and changes nothing), and turns
a refusal into what a person should read: the Chinese message, the reason, and each wrong field.

    pip install -r requirements.txt
    export RECTIFY_PROTO_DIR=/path/to/rectify/proto     # default: ../../proto from this file
"""

import os
import pathlib
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
GENERATED = HERE / "rectify_pb"
PROTO_DIR = pathlib.Path(os.environ.get("RECTIFY_PROTO_DIR", HERE.parent.parent / "proto"))


def _generate_stubs():
    """Runs protoc (from grpcio-tools) over every rectify proto, once per change of proto/."""
    from grpc_tools import protoc
    import grpc_tools

    protos = sorted(str(p.relative_to(PROTO_DIR)) for p in PROTO_DIR.glob("rectify/**/*.proto"))
    if not protos:
        raise SystemExit(f"no rectify protos under {PROTO_DIR}; set RECTIFY_PROTO_DIR")
    newest = max((PROTO_DIR / p).stat().st_mtime for p in protos)
    stamp = GENERATED / ".stamp"
    if stamp.exists() and stamp.stat().st_mtime >= newest:
        return
    GENERATED.mkdir(exist_ok=True)
    well_known = pathlib.Path(grpc_tools.__file__).parent / "_proto"
    # google/api/field_behavior.proto comes from googleapis-common-protos at run time.
    status = protoc.main(
        ["protoc", f"-I{PROTO_DIR}", f"-I{well_known}", f"--python_out={GENERATED}",
         f"--grpc_python_out={GENERATED}", *protos]
    )
    if status != 0:
        raise SystemExit(f"protoc failed on {PROTO_DIR} ({status})")
    stamp.touch()


_generate_stubs()
sys.path.insert(0, str(GENERATED))

import grpc  # noqa: E402
from google.rpc import error_details_pb2  # noqa: E402
from grpc_status import rpc_status  # noqa: E402

# Codes worth sending the same request again for: the call may not have reached the service,
# or its answer was lost on the way back.
RETRYABLE = {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED}


class Refused(Exception):
    """A call the service refused, with what a person needs to read."""

    def __init__(self, error):
        self.code = error.code()
        self.message = error.details()
        self.reason = ""
        self.message_zh = ""
        self.violations = []  # (field, description)
        status = rpc_status.from_call(error)
        for detail in status.details if status else []:
            if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
                info = error_details_pb2.ErrorInfo()
                detail.Unpack(info)
                self.reason = info.reason
            elif detail.Is(error_details_pb2.LocalizedMessage.DESCRIPTOR):
                localized = error_details_pb2.LocalizedMessage()
                detail.Unpack(localized)
                if localized.locale.lower().startswith("zh"):
                    self.message_zh = localized.message
            elif detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
                bad = error_details_pb2.BadRequest()
                detail.Unpack(bad)
                self.violations = [(v.field, v.description) for v in bad.field_violations]
        super().__init__(f"{self.code.name} {self.reason}: {self.message}")

    def for_user(self):
        """The refusal as the bureau's staff should see it: Chinese first."""
        lines = [f"操作未成功：{self.message_zh or self.message}"]
        for field, description in self.violations:
            lines.append(f"  · 字段 {field}：{description}")
        lines.append(f"  （代码 {self.code.name}，原因 {self.reason or '—'}）")
        return "\n".join(lines)


def _read(path):
    return pathlib.Path(path).read_bytes() if path else None


def channel_to(endpoint, ca=None, cert=None, key=None):
    """A channel to `endpoint`: `https://host:port` over TLS trusting the county CA in the file
    `ca` (e.g. deploy/secrets/tls/ca.pem), presenting the client certificate `cert` with its key
    `key` when the service requires one (mutual TLS); `http://host:port` in plain text, as on a
    developer's machine."""
    if endpoint.startswith("https://"):
        if not ca:
            raise SystemExit(f"{endpoint} is https: give the county CA (--ca ca.pem)")
        credentials = grpc.ssl_channel_credentials(
            root_certificates=_read(ca), private_key=_read(key), certificate_chain=_read(cert))
        return grpc.secure_channel(endpoint.removeprefix("https://"), credentials)
    if ca or cert:
        raise SystemExit(f"{endpoint} is plain http: a CA or certificate needs an https:// endpoint")
    return grpc.insecure_channel(endpoint.removeprefix("http://"))


def add_tls_arguments(parser):
    """The command-line options of `channel_to`: --ca, and --cert with --key."""
    parser.add_argument("--ca", help="the county CA (PEM), e.g. deploy/secrets/tls/ca.pem, to "
                        "call the services over https")
    parser.add_argument("--cert", help="this system's client certificate (PEM), when the services "
                        "require one (mutual TLS), e.g. tls/yuelai-system.pem")
    parser.add_argument("--key", help="the private key (PEM) of --cert")


class Client:
    """One connection to a service, calling with one token."""

    def __init__(self, endpoint, token, attempts=5, timeout=30.0, ca=None, cert=None, key=None):
        self.channel = channel_to(endpoint, ca, cert, key)
        self.metadata = (("authorization", f"Bearer {token.strip()}"),)
        self.attempts = attempts
        self.timeout = timeout

    def stub(self, stub_class):
        return stub_class(self.channel)

    def call(self, method, request):
        """`method(request)` with the token; the same request again while the service is
        unreachable, a refusal raised as `Refused`."""
        delay = 0.5
        for attempt in range(1, self.attempts + 1):
            try:
                return method(request, metadata=self.metadata, timeout=self.timeout)
            except grpc.RpcError as error:
                if error.code() in RETRYABLE and attempt < self.attempts:
                    time.sleep(delay)
                    delay = min(delay * 2, 5.0)
                    continue
                raise Refused(error) from None
        raise AssertionError("unreachable")


def token_from(path_or_env):
    """A token from a file (e.g. deploy/secrets/tokens/water.token) or an environment variable."""
    if path_or_env in os.environ:
        return os.environ[path_or_env].strip()
    return pathlib.Path(path_or_env).read_text(encoding="utf-8").strip()
