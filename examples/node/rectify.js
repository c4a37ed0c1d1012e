// Connecting to a rectify service from Node.js: the generated stubs loaded at run time from the
// repository's proto/ directory, the channel (plain or TLS, with a client certificate for mutual
// TLS), the bearer token, and the error details every rectify error carries (AIP-193).
//
// Copy this file and report_finding.js into your own system; only the settings below change.

'use strict';

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');
const googleProtoFiles = require('google-proto-files');

// The repository's proto/ directory (rectify/..., google/api/...); RECTIFY_PROTO_DIR overrides.
const PROTO_DIR = process.env.RECTIFY_PROTO_DIR || path.join(__dirname, '..', '..', 'proto');

/** Loads the package `rectify.<service>.v1` (e.g. `registry`) with its service stubs. */
function loadService(service) {
  const file = path.join('rectify', service, 'v1', `${service}.proto`);
  const definition = protoLoader.loadSync(file, {
    includeDirs: [PROTO_DIR],
    keepCase: true, // field names as in the .proto: request_id, enterprise_name, …
    longs: String,
    enums: String, // enum values by name: 'FINDING_SOURCE_TOWNSHIP_SURVEY'
    defaults: false,
    oneofs: true,
  });
  return grpc.loadPackageDefinition(definition).rectify[service].v1;
}

/**
 * Channel credentials: plain when no CA is given, else TLS trusting the county CA, presenting
 * a client certificate and key when the service requires mutual TLS.
 */
function channelCredentials({ ca, cert, key } = {}) {
  if (!ca) {
    return grpc.credentials.createInsecure();
  }
  const read = (file) => (file ? fs.readFileSync(file) : null);
  return grpc.credentials.createSsl(read(ca), read(key), read(cert));
}

/** Metadata carrying `authorization: Bearer <token>`. */
function bearer(token) {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${token.trim()}`);
  return metadata;
}

/** A new request_id (AIP-155): one per business action, reused when that action is retried. */
function newRequestId() {
  return crypto.randomUUID();
}

// google.rpc.Status and the details rectify sends, from Google's published protos.
const rpcRoot = protobuf.loadSync([
  googleProtoFiles.getProtoPath('rpc', 'status.proto'),
  googleProtoFiles.getProtoPath('rpc', 'error_details.proto'),
]);
const Status = rpcRoot.lookupType('google.rpc.Status');
const DETAIL_TYPES = {
  'type.googleapis.com/google.rpc.ErrorInfo': rpcRoot.lookupType('google.rpc.ErrorInfo'),
  'type.googleapis.com/google.rpc.BadRequest': rpcRoot.lookupType('google.rpc.BadRequest'),
  'type.googleapis.com/google.rpc.LocalizedMessage': rpcRoot.lookupType('google.rpc.LocalizedMessage'),
};

/**
 * What a failed call says, from the `grpc-status-details-bin` trailer: the gRPC code, the English
 * message, the ErrorInfo reason, the Chinese message to show a user, and every bad field with
 * its Chinese message.
 */
function errorDetails(error) {
  const out = {
    code: grpc.status[error.code] || String(error.code),
    message: error.details,
    reason: '',
    chinese: '',
    fields: [],
  };
  const raw = error.metadata && error.metadata.get('grpc-status-details-bin')[0];
  if (!raw) {
    return out;
  }
  const status = Status.decode(raw);
  for (const any of status.details) {
    const type = DETAIL_TYPES[any.type_url || any.typeUrl];
    if (!type) {
      continue;
    }
    const detail = type.decode(any.value);
    if (type.name === 'ErrorInfo') {
      out.reason = detail.reason;
    } else if (type.name === 'LocalizedMessage') {
      out.chinese = detail.message;
    } else if (type.name === 'BadRequest') {
      for (const violation of detail.fieldViolations) {
        out.fields.push({
          field: violation.field,
          description: violation.description,
          chinese: violation.localizedMessage ? violation.localizedMessage.message : '',
        });
      }
    }
  }
  return out;
}

/** `client.method(request)` as a promise, with the token. */
function call(client, method, request, token) {
  return new Promise((resolve, reject) => {
    client[method](request, bearer(token), (error, response) => (error ? reject(error) : resolve(response)));
  });
}

module.exports = { loadService, channelCredentials, bearer, newRequestId, errorDetails, call };
