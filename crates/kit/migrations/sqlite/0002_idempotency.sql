-- First answers to mutating calls, by caller and request_id (AIP-155).
CREATE TABLE idempotency (
    caller     TEXT NOT NULL,
    request_id TEXT NOT NULL,
    method     TEXT NOT NULL,
    -- SHA-256 of the method and the request: the same request_id with a
    -- different request is refused.
    fingerprint TEXT NOT NULL,
    response   BLOB NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (caller, request_id)
);
