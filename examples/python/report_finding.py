#!/usr/bin/env python3
"""Reports a workshop found in a township's survey (排查上报) to the registry, the way a
bureau's or township's own system would: a mistake is shown to the user in Chinese with the
wrong field, then the corrected report is sent, and sent again with the same request_id, as a
system does when it is not sure the first one arrived: the registry answers the same finding,
stored once.

    python report_finding.py --endpoint https://127.0.0.1:50051 --ca ca.pem \
        --token-file yuelai.token --jurisdiction yuelai --name 悦来镇示例塑料加工点
"""

import argparse
import uuid

import rectify_client
from rectify.common.v1 import common_pb2
from rectify.registry.v1 import registry_pb2 as pb
from rectify.registry.v1 import registry_pb2_grpc


def finding(args, credit_code):
    return pb.Finding(
        source=pb.FINDING_SOURCE_TOWNSHIP_SURVEY,
        enterprise_name=args.name,
        credit_code=credit_code,
        operator=pb.Operator(name="王建国", phone="13804541234"),
        address="悦来镇中心村3组",
        jurisdiction=args.jurisdiction,
        location=common_pb2.GeoPoint(latitude=46.98, longitude=130.72),
        industry="塑料颗粒加工",
        criteria=pb.Criteria(conforms_national_policy=False),
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", default="http://127.0.0.1:50051")
    parser.add_argument("--token-file", required=True)
    parser.add_argument("--jurisdiction", default="yuelai")
    parser.add_argument("--name", default="悦来镇示例塑料加工点")
    rectify_client.add_tls_arguments(parser)
    args = parser.parse_args()

    client = rectify_client.Client(args.endpoint, rectify_client.token_from(args.token_file),
                                   ca=args.ca, cert=args.cert, key=args.key)
    registry = client.stub(registry_pb2_grpc.RegistryServiceStub)

    # A mistyped credit code (13 characters, not 18): the registry says which field.
    wrong = pb.ReportFindingRequest(
        request_id=f"report-{uuid.uuid4()}", finding=finding(args, "9123082612345")
    )
    try:
        client.call(registry.ReportFinding, wrong)
        raise SystemExit("the registry accepted a wrong credit code")
    except rectify_client.Refused as refused:
        print(refused.for_user())

    # Corrected (no licence: the credit code left empty), sent twice with one request_id.
    request = pb.ReportFindingRequest(request_id=f"report-{uuid.uuid4()}", finding=finding(args, ""))
    first = client.call(registry.ReportFinding, request)
    again = client.call(registry.ReportFinding, request)
    if again.finding.name != first.finding.name:
        raise SystemExit("a retry stored a second finding")
    print(f"已上报：{first.finding.name}（企业 {first.enterprise.name}）；重试返回同一结果")


if __name__ == "__main__":
    main()
