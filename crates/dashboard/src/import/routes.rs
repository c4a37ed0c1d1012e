//! `GET /import` (the export links and the upload form), `POST /import` (a survey sheet, as
//! multipart with the CSRF token) and `GET /import/template.xlsx`.
//!
//! Who imports: the office, on behalf of the township it chooses (the townships send their
//! survey sheets to the office, and the registry records each finding as that township's
//! report, with the office as the actor and the logged-in user as `entered_by`). Government
//! users (supervision) read and export but do not report, so they are refused the upload.

use axum::Router;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rectify_proto::registry::v1 as pb;
use sha2::{Digest as _, Sha256};
use tonic_types::StatusExt as _;

use super::report::{self, RowError};
use super::sheet::{self, SheetError};
use super::{MAX_FILE_BYTES, findings, template};
use crate::csrf;
use crate::ledger::download;
use crate::render::{internal_error, page_with_status};
use crate::session::Session;
use crate::state::AppState;
use crate::store::Role;
use crate::views::import::{ImportPage, Outcome};

/// Requests up to this size are read whole, so that a file somewhat over the limit gets the
/// page saying so rather than a cut connection.
const MAX_REQUEST_BYTES: usize = 4 * MAX_FILE_BYTES;

/// The import's routes, with their own body limit.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/import", get(show).post(submit))
        .route("/import/template.xlsx", get(template_file))
        .layer(DefaultBodyLimit::max(MAX_REQUEST_BYTES))
}

/// `GET /import`.
pub async fn show(State(state): State<AppState>, session: Session) -> Response {
    page_with_status(StatusCode::OK, &ImportPage::new(&state, &session, "", None))
}

/// `GET /import/template.xlsx`.
pub async fn template_file(_session: Session) -> Response {
    match template::workbook() {
        Ok(bytes) => download::file(
            bytes,
            download::XLSX,
            "散乱污排查登记表模板.xlsx",
            "survey-template.xlsx",
        ),
        Err(error) => internal_error(&error.into()),
    }
}

/// What the upload form sent.
#[derive(Debug, Default)]
struct Upload {
    csrf_token: Option<String>,
    jurisdiction: String,
    file: Vec<u8>,
}

/// Reads the form; a body over the limit is [`SheetError::TooLarge`], anything else unreadable
/// is `Err(None)`.
async fn upload(mut multipart: Multipart) -> Result<Upload, Option<SheetError>> {
    let too_large = |e: &axum::extract::multipart::MultipartError| {
        (e.status() == StatusCode::PAYLOAD_TOO_LARGE).then_some(SheetError::TooLarge)
    };
    let mut upload = Upload::default();
    while let Some(field) = multipart.next_field().await.map_err(|e| too_large(&e))? {
        match field.name().unwrap_or_default() {
            "csrf_token" => {
                upload.csrf_token = Some(field.text().await.map_err(|e| too_large(&e))?)
            }
            "jurisdiction" => {
                upload.jurisdiction = field.text().await.map_err(|e| too_large(&e))?
            }
            "file" => upload.file = field.bytes().await.map_err(|e| too_large(&e))?.to_vec(),
            _ => {}
        }
    }
    Ok(upload)
}

/// `POST /import`.
pub async fn submit(
    State(state): State<AppState>,
    session: Session,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let Ok(multipart) = multipart else {
        return csrf::refused();
    };
    let page = |status: StatusCode, jurisdiction: &str, outcome: Outcome| {
        page_with_status(
            status,
            &ImportPage::new(&state, &session, jurisdiction, Some(outcome)),
        )
    };
    let upload = match upload(multipart).await {
        Ok(upload) => upload,
        Err(Some(error)) => {
            return page(
                StatusCode::PAYLOAD_TOO_LARGE,
                "",
                Outcome::refused(error.message()),
            );
        }
        Err(None) => return csrf::refused(),
    };
    if let Err(refused) = csrf::check(&session.csrf_token, upload.csrf_token.as_deref()) {
        return refused.into_response();
    }
    let jurisdiction = upload.jurisdiction.as_str();
    if session.user.role != Role::Office {
        return page(
            StatusCode::FORBIDDEN,
            jurisdiction,
            Outcome::refused(
                "仅领导小组办公室可以导入排查表 (only the office imports surveys)".to_owned(),
            ),
        );
    }
    let Some(township) = state
        .config
        .campaign
        .jurisdictions()
        .find(|j| j.code == jurisdiction)
    else {
        return page(
            StatusCode::BAD_REQUEST,
            jurisdiction,
            Outcome::refused(
                "请选择排查表所属的乡镇（农场） (choose the survey's township)".to_owned(),
            ),
        );
    };
    let township_name = township.name.clone();
    if upload.file.is_empty() {
        return page(
            StatusCode::BAD_REQUEST,
            jurisdiction,
            Outcome::refused("请选择要导入的排查表文件 (choose a file)".to_owned()),
        );
    }
    let rows = match sheet::read(&upload.file) {
        Ok(rows) => rows,
        Err(error) => {
            let status = match error {
                SheetError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
                _ => StatusCode::BAD_REQUEST,
            };
            return page(status, jurisdiction, Outcome::refused(error.message()));
        }
    };
    let mut errors: Vec<RowError> = Vec::new();
    let mut batch = Vec::with_capacity(rows.len());
    for row in &rows {
        match findings::finding(row, jurisdiction) {
            Ok(finding) => batch.push(finding),
            Err(row_errors) => errors.extend(row_errors),
        }
    }
    if !errors.is_empty() {
        return page(StatusCode::BAD_REQUEST, jurisdiction, Outcome::rows(errors));
    }
    let Some(registry) = &state.office_registry else {
        return page(
            StatusCode::SERVICE_UNAVAILABLE,
            jurisdiction,
            Outcome::refused("未配置台账服务地址或网页端令牌，无法导入 (the registry or the dashboard's token is not configured)".to_owned()),
        );
    };
    let request = pb::ImportFindingsRequest {
        request_id: request_id(&session.user.login, jurisdiction, &upload.file),
        jurisdiction: jurisdiction.to_owned(),
        findings: batch,
        entered_by: session.user.login.clone(),
    };
    match registry.client().import_findings(request).await {
        Ok(answer) => {
            let answer = answer.into_inner();
            tracing::info!(
                login = session.user.login,
                jurisdiction,
                rows = answer.findings.len(),
                "survey imported"
            );
            page(
                StatusCode::OK,
                jurisdiction,
                Outcome::Imported {
                    township: township_name,
                    count: answer.findings.len(),
                    merged: answer.merged as usize,
                },
            )
        }
        Err(status) => {
            let lines: Vec<usize> = rows.iter().map(|r| r.line).collect();
            if let Some(errors) = report::from_status(&status, &lines) {
                return page(StatusCode::BAD_REQUEST, jurisdiction, Outcome::rows(errors));
            }
            tracing::warn!(%status, "survey import refused");
            let message = status
                .get_error_details()
                .localized_message()
                .map(|m| m.message.clone())
                .unwrap_or_else(|| {
                    "台账服务暂不可用，请稍后重试 (the registry cannot be reached; retry later)"
                        .to_owned()
                });
            page(
                StatusCode::BAD_GATEWAY,
                jurisdiction,
                Outcome::refused(message),
            )
        }
    }
}

/// The same file sent again for the same township by the same user is the same request: a
/// double submission imports once.
fn request_id(login: &str, jurisdiction: &str, file: &[u8]) -> String {
    let mut hash = Sha256::new();
    for part in [
        login.as_bytes(),
        b"\0",
        jurisdiction.as_bytes(),
        b"\0",
        file,
    ] {
        hash.update(part);
    }
    format!("survey-{}", &hex::encode(hash.finalize())[..40])
}
