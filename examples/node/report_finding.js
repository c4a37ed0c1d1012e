#!/usr/bin/env node
// A township's system reports a workshop it found (排查上报) to the registry:
//   1. a report with mistakes is refused, and each bad field is shown to the user in Chinese;
//   2. the corrected report is sent with a new request_id;
//   3. the answer is "lost" (as on a flaky intranet link) and the report sent again with the
//      same request_id: the registry answers with the first answer and records nothing twice.
//
// Settings (environment):
//   RECTIFY_ENDPOINT   host:port of the registry (default 127.0.0.1:50051)
//   RECTIFY_TOKEN      the township's token (from the county administrator: rectifyctl token)
//   RECTIFY_CA         the county CA (PEM) when the registry serves TLS
//   RECTIFY_CERT, RECTIFY_KEY  this system's client certificate and key, for mutual TLS
//   RECTIFY_JURISDICTION       the township's code (default yuelai)
//   RECTIFY_WORKSHOP           the workshop's name (default 悦来镇示例米业)
//
// The last line printed is `RESULT {json}`, for scripts.

'use strict';

const rectify = require('./rectify');

async function main() {
  const endpoint = process.env.RECTIFY_ENDPOINT || '127.0.0.1:50051';
  const token = process.env.RECTIFY_TOKEN;
  if (!token) {
    console.error('请设置 RECTIFY_TOKEN (set RECTIFY_TOKEN to your token)');
    process.exit(2);
  }
  const jurisdiction = process.env.RECTIFY_JURISDICTION || 'yuelai';
  const workshop = process.env.RECTIFY_WORKSHOP || '悦来镇示例米业';
  const registry = rectify.loadService('registry');
  const client = new registry.RegistryService(
    endpoint,
    rectify.channelCredentials({
      ca: process.env.RECTIFY_CA,
      cert: process.env.RECTIFY_CERT,
      key: process.env.RECTIFY_KEY,
    }),
  );

  const finding = {
    source: 'FINDING_SOURCE_TOWNSHIP_SURVEY',
    enterprise_name: workshop,
    credit_code: '',
    address: `${jurisdiction}村3组`,
    jurisdiction,
    location: { latitude: 46.98, longitude: 130.72 },
    industry: '粮食加工',
    criteria: { conforms_national_policy: true, in_industrial_park: false },
  };
  const result = { fields: [], reason: '' };

  // 1. Mistakes: a credit code of the wrong length, a position far outside the county.
  const mistaken = { ...finding, credit_code: '91230826', location: { latitude: 10, longitude: 20 } };
  try {
    await rectify.call(client, 'ReportFinding', { request_id: rectify.newRequestId(), finding: mistaken }, token);
    throw new Error('the mistaken report was accepted');
  } catch (error) {
    const details = rectify.errorDetails(error);
    if (details.code !== 'INVALID_ARGUMENT') {
      throw error;
    }
    console.log(`上报被退回：${details.chinese}`);
    for (const field of details.fields) {
      console.log(`  ${field.field}：${field.chinese}`);
    }
    result.reason = details.reason;
    result.fields = details.fields;
  }

  // 2. and 3. The corrected report, sent twice with one request_id.
  const requestId = rectify.newRequestId();
  const first = await rectify.call(client, 'ReportFinding', { request_id: requestId, finding }, token);
  console.log(`已上报：${first.finding.name}（企业 ${first.enterprise.name}）`);
  const again = await rectify.call(client, 'ReportFinding', { request_id: requestId, finding }, token);
  const once = again.finding.name === first.finding.name;
  console.log(
    once
      ? `重发同一请求（request_id ${requestId}）：得到同一答复，未重复登记`
      : `重发得到了不同的答复：${again.finding.name}`,
  );
  result.request_id = requestId;
  result.first = first.finding.name;
  result.again = again.finding.name;
  result.enterprise = first.enterprise.name;
  console.log(`RESULT ${JSON.stringify(result)}`);
  client.close();
}

main().catch((error) => {
  const details = rectify.errorDetails(error);
  console.error(`调用失败 (call failed): ${details.code} ${details.reason} ${details.chinese || details.message}`);
  process.exit(1);
});
