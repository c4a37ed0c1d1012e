#!/usr/bin/env python3
"""Drives one workshop through a whole closure (关停取缔) over gRPC, each party with its own
token, as each party's system would, and has the office sign it off through the coordinator:

  the township reports it; the office confirms it, classifies it `close`, names the responsible
  person and publishes its plan; utilities, licensing and land create their work items from the
  registry's feed; the water bureau cuts water and closes the well, the power company cuts power,
  the township clears materials, products and equipment, eco verifies; the market bureau revokes
  the business licence and the water bureau the water-intake permit; eco records the site
  remediation and its first patrol; the office signs it off (SignOffEnterprise on the coordinator).

    python close_case.py --tokens deploy/secrets/tokens --host 127.0.0.1 \
        --ca deploy/secrets/tls/ca.pem --name 悦来镇某塑料加工点

With --ca every service is called over https (the compose stack serves TLS only); without it,
in plain text (a developer's `rectify up`).

Exit status 0 once the registry answers the enterprise UNDER_WATCH (a closed workshop stays
under watch for rebound patrols). It prints the enterprise's name on its last line.
"""

import argparse
import datetime
import pathlib
import sys
import time
import uuid

import rectify_client
from google.protobuf import field_mask_pb2, timestamp_pb2
from rectify.common.v1 import common_pb2
from rectify.coordinator.v1 import coordinator_pb2 as cpb
from rectify.coordinator.v1 import coordinator_pb2_grpc
from rectify.environment.v1 import environment_pb2 as epb
from rectify.environment.v1 import environment_pb2_grpc
from rectify.land.v1 import land_pb2 as dpb
from rectify.land.v1 import land_pb2_grpc
from rectify.licensing.v1 import licensing_pb2 as lpb
from rectify.licensing.v1 import licensing_pb2_grpc
from rectify.registry.v1 import registry_pb2 as rpb
from rectify.registry.v1 import registry_pb2_grpc
from rectify.utilities.v1 import utilities_pb2 as upb
from rectify.utilities.v1 import utilities_pb2_grpc
from rectify.workitems.v1 import workitems_pb2 as wpb
from rectify.workitems.v1 import workitems_pb2_grpc

PORTS = {"coordinator": 50050, "registry": 50051, "licensing": 50052, "utilities": 50053,
         "land": 50054, "safety": 50055, "environment": 50056}
PHOTO_SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
# How long the feeds may take to carry the plan to the bureaus and the work to the coordinator.
PATIENCE_SECONDS = 180


class County:
    """One client per (service, party), each party calling with its own token."""

    def __init__(self, args):
        self.args = args
        self.run = uuid.uuid4().hex[:12]
        self.step = 0
        self.clients = {}

    def client(self, service, party):
        key = (service, party)
        if key not in self.clients:
            port = PORTS[service]
            if self.args.port_base is not None:
                port = self.args.port_base + port % 10000
            scheme = "https" if self.args.ca else "http"
            endpoint = f"{scheme}://{self.args.host}:{port}"
            token = rectify_client.token_from(str(pathlib.Path(self.args.tokens) / f"{party}.token"))
            self.clients[key] = rectify_client.Client(endpoint, token, ca=self.args.ca,
                                                      cert=self.args.cert, key=self.args.key)
        return self.clients[key]

    def call(self, service, party, stub_class, method, request):
        client = self.client(service, party)
        return client.call(getattr(client.stub(stub_class), method), request)

    def request_id(self, what):
        self.step += 1
        return f"close-{self.run}-{self.step}-{what}"


def just_now():
    """The moment the work is recorded as done: now. A bureau's system records real times; this
    drive does the work right after the plan is published, and work dated before the plan's
    publication day (China Standard Time) is refused, so even "a few minutes ago" would be
    refused just after midnight CST."""
    stamp = timestamp_pb2.Timestamp()
    stamp.FromDatetime(datetime.datetime.now(datetime.timezone.utc))
    return stamp


def evidence():
    return wpb.Evidence(
        attachments=[wpb.Attachment(sha256=PHOTO_SHA256, file_name="IMG_0042.jpg",
                                    media_type="image/jpeg")],
        taken_at=just_now(),
        location=common_pb2.GeoPoint(latitude=46.98, longitude=130.72),
    )


def publish_close_plan(county, name, township):
    reported = county.call("registry", township, registry_pb2_grpc.RegistryServiceStub,
                           "ReportFinding", rpb.ReportFindingRequest(
        request_id=county.request_id("report"),
        finding=rpb.Finding(
            source=rpb.FINDING_SOURCE_TOWNSHIP_SURVEY, enterprise_name=name,
            operator=rpb.Operator(name="王建国", phone="13804541234"),
            address=f"{name}所在村3组", jurisdiction=township,
            location=common_pb2.GeoPoint(latitude=46.98, longitude=130.72),
            industry="塑料颗粒加工",
            criteria=rpb.Criteria(conforms_national_policy=False))))
    enterprise = reported.enterprise
    registry = ("registry", "office", registry_pb2_grpc.RegistryServiceStub)
    confirmed = county.call(*registry, "ConfirmEnterprise", rpb.ConfirmEnterpriseRequest(
        request_id=county.request_id("confirm"), name=enterprise.name, etag=enterprise.etag))
    county.call(*registry, "ClassifyEnterprise", rpb.ClassifyEnterpriseRequest(
        request_id=county.request_id("classify"), name=enterprise.name, etag=confirmed.etag,
        category=rpb.CATEGORY_CLOSE, reason="不符合国家产业政策，关停取缔"))
    plan = county.call(*registry, "GetPlan", rpb.GetPlanRequest(name=f"{enterprise.name}/plan"))
    plan.responsible_person = "李明"
    plan.responsible_phone = "13904541111"
    updated = county.call(*registry, "UpdatePlan", rpb.UpdatePlanRequest(
        request_id=county.request_id("responsible"), plan=plan,
        update_mask=field_mask_pb2.FieldMask(paths=["responsible_person", "responsible_phone"])))
    county.call(*registry, "PublishPlan", rpb.PublishPlanRequest(
        request_id=county.request_id("publish"), name=updated.name, etag=updated.etag))
    print(f"published the close plan of {enterprise.name}")
    return enterprise.name


def items_of(county, service, enterprise, count):
    """The enterprise's items in `service`, once its follower has created `count` of them."""
    deadline = time.monotonic() + PATIENCE_SECONDS
    while True:
        listed = county.call(service, "office", workitems_pb2_grpc.WorkItemServiceStub,
                             "ListWorkItems", wpb.ListWorkItemsRequest(enterprise=enterprise))
        if len(listed.work_items) >= count:
            return {item.kind: item.name for item in listed.work_items}
        if time.monotonic() > deadline:
            sys.exit(f"{service} holds {len(listed.work_items)} of {count} items of {enterprise}")
        time.sleep(0.5)


def cut_and_clear(county, items, township):
    utilities = utilities_pb2_grpc.UtilitiesServiceStub
    county.call("utilities", "water", utilities, "RecordWaterCut", upb.RecordWaterCutRequest(
        request_id=county.request_id("water-cut"), work_item=items["water_cut"],
        meter_number="0231-8877", seal_number="桦水封-0012", executed_at=just_now(),
        evidence=evidence()))
    county.call("utilities", "power", utilities, "RecordPowerCut", upb.RecordPowerCutRequest(
        request_id=county.request_id("power-cut"), work_item=items["power_cut"],
        account_number="2308260012345", meter_number="DB-7731", meter_reading_at_cut="48211.3",
        executed_at=just_now(), evidence=evidence()))
    for kind in ("clear_materials", "clear_products", "clear_equipment"):
        county.call("utilities", township, utilities, "RecordClearing", upb.RecordClearingRequest(
            request_id=county.request_id(kind), work_item=items[kind],
            lines=[upb.InventoryLine(item="废旧塑料", quantity="2.5", unit="吨",
                                     disposal_method=upb.DISPOSAL_METHOD_SOLD)],
            executed_at=just_now(), evidence=evidence()))
    county.call("utilities", "water", utilities, "RecordWellClosure",
                upb.RecordWellClosureRequest(
        request_id=county.request_id("well"), work_item=items["well_closure"], wells_closed=1,
        method=upb.WELL_CLOSURE_METHOD_CEMENT_SEALED, executed_at=just_now(),
        evidence=evidence()))
    for kind in ("water_cut", "power_cut", "clear_materials", "clear_products", "clear_equipment"):
        county.call("utilities", "eco", workitems_pb2_grpc.WorkItemServiceStub, "VerifyWorkItem",
                    wpb.VerifyWorkItemRequest(request_id=county.request_id(f"verify-{kind}"),
                                              name=items[kind], evidence=evidence()))
    print("utilities: water and power cut, cleared, well closed, verified by eco")


def revoke(county, items):
    licensing = licensing_pb2_grpc.LicensingServiceStub
    today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).date().isoformat()
    county.call("licensing", "market", licensing, "RecordLicenceRevocation",
                lpb.RecordLicenceRevocationRequest(
        request_id=county.request_id("licence"), work_item=items["licence_revocation"],
        outcome=lpb.LICENCE_OUTCOME_REVOKED, decision_number="桦市监吊字〔2021〕7号",
        decided_on=today, evidence=evidence()))
    county.call("licensing", "water", licensing, "RecordWaterPermitRevocation",
                lpb.RecordWaterPermitRevocationRequest(
        request_id=county.request_id("permit"), work_item=items["water_permit_revocation"],
        decision_number="桦水吊字〔2021〕2号", decided_on=today, evidence=evidence()))
    print("licensing: business licence and water-intake permit revoked")


def remediate(county, items):
    county.call("land", "eco", land_pb2_grpc.LandServiceStub, "RecordSiteRemediation",
                dpb.RecordSiteRemediationRequest(
        request_id=county.request_id("remediation"), work_item=items["site_remediation"],
        assessment_reference="桦环场调〔2021〕4号", completed_at=just_now(),
        evidence=evidence()))
    print("land: site remediated")


def patrol(county, items):
    county.call("environment", "eco", environment_pb2_grpc.EnvironmentServiceStub,
                "RecordReboundPatrol", epb.RecordReboundPatrolRequest(
        request_id=county.request_id("patrol"), work_item=items["rebound_patrol"],
        patrolled_at=just_now(), found_running=False, evidence=evidence()))
    print("environment: eco's patrol finds the workshop closed")


def sign_off(county, enterprise):
    """The office signs off through the coordinator; until the coordinator's projection has
    caught up with every feed it refuses, and the same request is sent again."""
    request = cpb.SignOffEnterpriseRequest(request_id=county.request_id("sign-off"),
                                           name=enterprise, note="各项整治措施已完成")
    deadline = time.monotonic() + PATIENCE_SECONDS
    shown = set()
    while True:
        try:
            return county.call("coordinator", "office", coordinator_pb2_grpc.CoordinatorServiceStub,
                               "SignOffEnterprise", request).enterprise
        except rectify_client.Refused as refused:
            if refused.reason not in shown:
                shown.add(refused.reason)
                print(f"not yet ({refused.reason}), asking again: {refused.message_zh}")
            if time.monotonic() > deadline:
                print(refused.for_user(), file=sys.stderr)
                sys.exit("the coordinator did not sign the enterprise off")
            time.sleep(1)


def main():
    parser = argparse.ArgumentParser(description="drive a close case to sign-off")
    parser.add_argument("--tokens", required=True, help="directory of <party>.token files")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port-base", type=int,
                        help="services moved to BASE + port %% 10000 (the compose test's 20000)")
    parser.add_argument("--township", default="yuelai")
    parser.add_argument("--name", default=f"悦来镇鑫源塑料颗粒加工点-{uuid.uuid4().hex[:6]}")
    rectify_client.add_tls_arguments(parser)
    args = parser.parse_args()
    county = County(args)

    enterprise = publish_close_plan(county, args.name, args.township)
    utilities = items_of(county, "utilities", enterprise, 6)
    licensing = items_of(county, "licensing", enterprise, 2)
    land = items_of(county, "land", enterprise, 1)
    environment = items_of(county, "environment", enterprise, 1)
    cut_and_clear(county, utilities, args.township)
    revoke(county, licensing)
    remediate(county, land)
    patrol(county, environment)
    signed = sign_off(county, enterprise)
    state = rpb.LifecycleState.Name(signed.state)
    print(f"signed off through the coordinator: {state}")
    if signed.state != rpb.LIFECYCLE_STATE_UNDER_WATCH:
        sys.exit(f"expected UNDER_WATCH, the registry answered {state}")
    print(enterprise)


if __name__ == "__main__":
    main()
