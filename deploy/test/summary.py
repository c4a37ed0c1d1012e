#!/usr/bin/env python3
"""Prints the coordinator's projection of the whole campaign (GetSummary as the office, and
ListSummaries by jurisdiction), as sorted JSON, to compare before and after a backup's restore.

    summary.py --endpoint https://127.0.0.1:50050 --ca ca.pem --token-file office.token \
        [--stable] [--wait-for EARLIER.json]

--stable waits until two reads two seconds apart agree (the coordinator has applied every
feed); --wait-for reads until the projection equals the file's (at most two minutes), then
prints it either way.
"""

import argparse
import json
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "examples" / "python"))

import rectify_client  # noqa: E402
from google.protobuf import json_format  # noqa: E402
from rectify.coordinator.v1 import coordinator_pb2 as cpb  # noqa: E402
from rectify.coordinator.v1 import coordinator_pb2_grpc  # noqa: E402


def without_read_time(value):
    """The figures only: `read_time` says when, not what."""
    if isinstance(value, dict):
        return {k: without_read_time(v) for k, v in value.items() if k != "readTime"}
    if isinstance(value, list):
        return [without_read_time(v) for v in value]
    return value


def read(client):
    stub = client.stub(coordinator_pb2_grpc.CoordinatorServiceStub)
    overall = client.call(stub.GetSummary, cpb.GetSummaryRequest())
    by_township = client.call(stub.ListSummaries, cpb.ListSummariesRequest(
        dimension=cpb.DIMENSION_JURISDICTION))
    text = without_read_time({
        "overall": json_format.MessageToDict(overall),
        "jurisdictions": json_format.MessageToDict(by_township),
    })
    return json.dumps(text, sort_keys=True, ensure_ascii=False, indent=1)


def main():
    parser = argparse.ArgumentParser(description="the coordinator's projection as JSON")
    parser.add_argument("--endpoint", default="http://127.0.0.1:50050")
    parser.add_argument("--token-file", required=True)
    parser.add_argument("--stable", action="store_true")
    parser.add_argument("--wait-for", type=pathlib.Path)
    rectify_client.add_tls_arguments(parser)
    args = parser.parse_args()
    client = rectify_client.Client(args.endpoint, rectify_client.token_from(args.token_file),
                                   ca=args.ca, cert=args.cert, key=args.key)
    current = read(client)
    deadline = time.monotonic() + 120
    if args.stable:
        while time.monotonic() < deadline:
            time.sleep(2)
            again = read(client)
            if again == current:
                break
            current = again
    if args.wait_for:
        expected = args.wait_for.read_text(encoding="utf-8").rstrip("\n")
        while current != expected and time.monotonic() < deadline:
            time.sleep(1)
            current = read(client)
    print(current)


if __name__ == "__main__":
    main()
