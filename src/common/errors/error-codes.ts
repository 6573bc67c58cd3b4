/**
 * The catalog of every error code the system answers with: one enum per module (its errors, the
 * classes and factories that raise them, stay in the module's `<module>.errors.ts`, which re-exports
 * its enum from here), all in this one file so that API clients and reviewers see every code in one
 * place, and so that `error-codes.spec.ts` can check that no two enums reuse a code string (a code
 * means one thing across the API) and that every code is UPPER_SNAKE. Each code's doc comment gives
 * its HTTP status and what the caller should do. Plain data: it imports nothing, so common/ still
 * depends on no module.
 */

/** The codes every module shares; each module's own follow below. */
export enum CommonErrorCode {
  /** 400: the body, query or path fails validation; `details` name each field to correct. */
  ValidationFailed = 'VALIDATION_FAILED',
  /** 422: a record the body refers to (by id) does not exist or is still in use; check the ids in `details`. */
  ReferenceNotFound = 'REFERENCE_NOT_FOUND',
  /** 409: someone else saved the record after it was read; re-read it and apply the change on the current version. */
  VersionConflict = 'VERSION_CONFLICT',
  /** 409: a record with the same key already exists; use the existing one or change the repeated value. */
  Duplicate = 'DUPLICATE',
}

/** The codes of a refused multipart upload, shared by evidence files and imports. */
export enum UploadErrorCode {
  /** 415: the request is not multipart/form-data; send the file in the "file" field. */
  MultipartRequired = 'MULTIPART_REQUIRED',
  /** 400: the multipart body cannot be parsed; send the file in the "file" field. */
  MultipartInvalid = 'MULTIPART_INVALID',
  /** 400: the multipart body carries no file; send it in the "file" field. */
  FileMissing = 'FILE_MISSING',
  /** 413: the file exceeds the size limit of its route (evidence or import); reduce or split it. */
  FileTooLarge = 'FILE_TOO_LARGE',
}

/** The codes the filter answers for failures that are not domain errors (the database's refusals, the HTTP layer's, the unexpected). */
export enum ResponseErrorCode {
  /** 422: the database refused the values (a check, a NOT NULL, a length or a number out of range); correct them. */
  ConstraintViolated = 'CONSTRAINT_VIOLATED',
  /** 409: another operation changed the same rows at the same time (serialization failure or deadlock); retry. */
  ConcurrentUpdate = 'CONCURRENT_UPDATE',
  /** 503: PostgreSQL cannot be reached; retry later, after checking whether a sent change was saved. */
  DatabaseUnavailable = 'DATABASE_UNAVAILABLE',
  /** 413: the request body exceeds the size limit; send less text or a smaller file. */
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  /** 400: the JSON body nests lists or objects deeper than the limit; send flatter data. */
  JsonTooDeep = 'JSON_TOO_DEEP',
  /** 400: the body is not valid JSON; fix quotes, commas and braces. */
  MalformedJson = 'MALFORMED_JSON',
  /** 415: the content type or charset is not accepted; send UTF-8 JSON. */
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  /** 404: no route has this path; see /api/docs. */
  RouteNotFound = 'ROUTE_NOT_FOUND',
  /** 405: the route does not take this HTTP method; see /api/docs. */
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  /** 429: the HTTP layer throttled the caller; wait and retry. */
  TooManyRequests = 'TOO_MANY_REQUESTS',
  /** 4xx: any other refusal of the HTTP layer (its own status); check the request. */
  BadRequest = 'BAD_REQUEST',
  /** 500: an unexpected failure; retry, and report the request id to support if it persists. */
  InternalError = 'INTERNAL_ERROR',
}

/** Every code the asm module throws (besides the common ones: VALIDATION_FAILED, VERSION_CONFLICT, …). */
export enum AsmErrorCode {
  /** 404: no ASM has this id (or the caller cannot see it); check the id or the list. */
  AsmNotFound = 'ASM_NOT_FOUND',
  /** 404: no action of this ASM has this id; check the id. */
  ActionNotFound = 'ACTION_NOT_FOUND',
  /** 409: committing a plan whose actions lack areas, due date, expected results or products; complete what `details` name. */
  PlanIncomplete = 'ASM_PLAN_INCOMPLETE',
  /** 409: the ASM is concluded or cancelled and takes no changes; a concluded one can be reopened by the evaluation unit. */
  NotEditable = 'ASM_NOT_EDITABLE',
  /** 409: the status change is not allowed from the current status (in `details`); follow the hint in the message. */
  TransitionInvalid = 'ASM_TRANSITION_INVALID',
  /** 409: deleting an action of an ASM that is no longer a draft; request an extension or cancel the ASM instead. */
  ActionNotRemovable = 'ACTION_NOT_REMOVABLE',
  /** 409: editing the percent of a committed action; it changes only through an approved avance. */
  PercentLocked = 'ACTION_PERCENT_LOCKED',
  /** 409: editing the due date of a committed action; it changes only through an approved prórroga. */
  DueDateLocked = 'ACTION_DUE_DATE_LOCKED',
}

/** Every code the catalog throws of its own; the shared ones (VALIDATION_FAILED, DUPLICATE, REFERENCE_NOT_FOUND, VERSION_CONFLICT) are CommonErrorCode. */
export enum CatalogErrorCode {
  /** 404: no institution has this id; check the id or the list. */
  InstitutionNotFound = 'INSTITUTION_NOT_FOUND',
  /** 404: no ramo has this id; check the id or the list. */
  RamoNotFound = 'RAMO_NOT_FOUND',
  /** 404: no program has this id; check the id or the list. */
  ProgramNotFound = 'PROGRAM_NOT_FOUND',
  /** 404: no area has this id; check the id or the list. */
  AreaNotFound = 'AREA_NOT_FOUND',
  /** 404: no evaluation cycle has this id; check the id or the list. */
  CycleNotFound = 'CYCLE_NOT_FOUND',
  /** 404: no evaluation has this id; check the id or the list. */
  EvaluationNotFound = 'EVALUATION_NOT_FOUND',
  /** 404: no recommendation has this id; check the id or the list. */
  RecommendationNotFound = 'RECOMMENDATION_NOT_FOUND',
}

/**
 * Every code the evidence module throws of its own. A refused multipart upload answers UploadErrorCode;
 * one refused for the state of its avance, corte or ASM, the progress module's code (ProgressErrorCode).
 */
export enum EvidenceErrorCode {
  /** 404: no evidence file has this id; check the id. */
  EvidenceNotFound = 'EVIDENCE_NOT_FOUND',
  /** 409: withdrawing an evidence file that was already withdrawn; nothing to do. */
  EvidenceWithdrawn = 'EVIDENCE_WITHDRAWN',
  /** 400: the file name holds a path (/ or \) or control characters; rename the file. */
  FileNameInvalid = 'FILE_NAME_INVALID',
  /** 400: the file has 0 bytes; attach the right document. */
  EmptyFile = 'EMPTY_FILE',
  /** 415: the file content is not an accepted type; attach an allowed document. */
  FileTypeNotAllowed = 'FILE_TYPE_NOT_ALLOWED',
  /** 429: the caller has too many uploads in progress; wait for them to finish. */
  TooManyUploads = 'TOO_MANY_UPLOADS',
  /** 400: the client closed the upload before it ended; retry. */
  UploadAborted = 'UPLOAD_ABORTED',
  /** 400: the upload broke off for another reason; retry. */
  UploadFailed = 'UPLOAD_FAILED',
  /** 503: the evidence storage does not answer (upload, download or health check); retry later. */
  StorageUnavailable = 'STORAGE_UNAVAILABLE',
}

/** Every code the health routes answer of their own (the storage check answers the evidence module's STORAGE_UNAVAILABLE). */
export enum HealthErrorCode {
  /** 503: the readiness check cannot reach PostgreSQL. */
  NotReady = 'NOT_READY',
  /** 503: the readiness check cannot reach Redis; notices wait in the database until it is back. */
  RedisUnavailable = 'REDIS_UNAVAILABLE',
  /** 503: Redis answers but lacks the daily scan schedule; the worker restores it within seconds. */
  DailyScanNotScheduled = 'DAILY_SCAN_NOT_SCHEDULED',
}

/** Every code the identity module throws of its own (users, sessions, permissions). */
export enum IdentityErrorCode {
  /** 404: no user has this id; check the id or the list. */
  UserNotFound = 'USER_NOT_FOUND',
  /** 401: wrong e-mail or password at login, or a wrong current password when changing it. */
  InvalidCredentials = 'INVALID_CREDENTIALS',
  /** 401: the account is disabled; an administrator must reactivate it. */
  UserDisabled = 'USER_DISABLED',
  /** 429: too many failed logins; `details` carry `retryAfterSeconds`. */
  LoginThrottled = 'LOGIN_THROTTLED',
  /** 401: the request carries no access token; log in and send it as a Bearer token. */
  Unauthenticated = 'UNAUTHENTICATED',
  /** 401: the browser has no session cookie; log in. */
  NoSession = 'NO_SESSION',
  /** 401: the access token expired; refresh it at /api/v1/auth/refresh or log in again. */
  TokenExpired = 'TOKEN_EXPIRED',
  /** 401: the access token is malformed or its signature is wrong; log in again. */
  TokenInvalid = 'TOKEN_INVALID',
  /** 401: the session was closed (password or permission change, or logout); log in again. */
  SessionRevoked = 'SESSION_REVOKED',
  /** 401: the refresh token is unknown; log in again. */
  RefreshTokenInvalid = 'REFRESH_TOKEN_INVALID',
  /** 401: a refresh token was used twice, so its whole session was closed; log in again. */
  RefreshTokenReused = 'REFRESH_TOKEN_REUSED',
  /** 401: the refresh token belongs to a closed session; log in again. */
  RefreshTokenRevoked = 'REFRESH_TOKEN_REVOKED',
  /** 401: the refresh token expired; log in again. */
  RefreshTokenExpired = 'REFRESH_TOKEN_EXPIRED',
  /** 403: the password is temporary; change it before anything else. */
  PasswordChangeRequired = 'PASSWORD_CHANGE_REQUIRED',
  /** 403: the route declares no permission, so it is refused by default (a server defect). */
  RouteWithoutPermission = 'ROUTE_WITHOUT_PERMISSION',
  /** 403: a cookie-authenticated request failed the CSRF check; reopen the app from its address and log in. */
  CsrfRefused = 'CSRF_REFUSED',
  /** 403: the role or area of the caller does not allow the action; ask an administrator for it. */
  Forbidden = 'FORBIDDEN',
}

/** Every code the intake module raises of its own; a refused upload answers UploadErrorCode. */
export enum IntakeErrorCode {
  /** 422: the file has problems in the official format; nothing was imported, `details` locate each (row, column). */
  ImportRejected = 'IMPORT_REJECTED',
  /** 413: the workbook is too large once uncompressed; split it into several files. */
  XlsxTooLarge = 'XLSX_TOO_LARGE',
  /** 422: the .xlsx does not look like a normal workbook (e.g. a zip bomb); re-save it in Excel. */
  XlsxSuspicious = 'XLSX_SUSPICIOUS',
  /** 409: an ASM the import matched was deleted while importing; retry the import. */
  ImportMatchLost = 'IMPORT_MATCH_LOST',
}

/** Every code the progress module throws (besides the common ones: VALIDATION_FAILED, VERSION_CONFLICT, …). */
export enum ProgressErrorCode {
  /** 404: no avance has this id; check the id. */
  AvanceNotFound = 'AVANCE_NOT_FOUND',
  /** 404: no prórroga has this id; check the id. */
  ProrrogaNotFound = 'PRORROGA_NOT_FOUND',
  /** 409: reporting an avance while no corte is open; wait for the evaluation unit to open the next. */
  NoOpenCorte = 'NO_OPEN_CORTE',
  /** 409: the avance belongs to a corte that is no longer open; record a new one in the open corte. */
  CorteClosed = 'CORTE_CLOSED',
  /** 409: reporting on an ASM that is a draft, concluded or cancelled. */
  AsmNotReportable = 'ASM_NOT_REPORTABLE',
  /** 409: the avance status (in `details`) does not allow this step. */
  AvanceStateInvalid = 'AVANCE_STATE_INVALID',
  /** 409: the action already has an avance in the open corte; edit that one (`details` carry `avanceId`). */
  AvanceAlreadyOpen = 'AVANCE_ALREADY_OPEN',
  /** 409: requesting a prórroga for an action already at 100 %. */
  ActionComplete = 'ACTION_COMPLETE',
  /** 409: the action already has a prórroga awaiting decision (`details` carry `prorrogaId`). */
  ProrrogaPending = 'PRORROGA_PENDING',
  /** 409: deciding a prórroga that was already approved or rejected. */
  ProrrogaDecided = 'PRORROGA_DECIDED',
  /** 409: the due date changed after the prórroga was requested; reject it and request a new one. */
  ProrrogaStale = 'PRORROGA_STALE',
}

/** Every code the reminders module throws. */
export enum RemindersErrorCode {
  /** 503: the job queue (Redis) does not answer when asked to run a scan; retry later. */
  QUEUE_UNAVAILABLE = 'QUEUE_UNAVAILABLE',
  /** 422: running the scan of a future day; pick today or earlier. */
  SCAN_DATE_IN_FUTURE = 'SCAN_DATE_IN_FUTURE',
  /** 422: re-running the scan of a day older than 31 days; later scans already caught up. */
  SCAN_DATE_TOO_OLD = 'SCAN_DATE_TOO_OLD',
  /** 422: re-running the scan of a day before the last scan run; pick that day or a later one. */
  SCAN_DATE_SUPERSEDED = 'SCAN_DATE_SUPERSEDED',
}

/**
 * Every code the reporting module throws of its own, besides the shared VALIDATION_FAILED, DUPLICATE and
 * VERSION_CONFLICT and the catalog's CYCLE_NOT_FOUND, PROGRAM_NOT_FOUND and INSTITUTION_NOT_FOUND (CatalogErrorCode).
 */
export enum ReportingErrorCode {
  /** 404: no corte has this id; check the id. */
  CorteNotFound = 'CORTE_NOT_FOUND',
  /** 409: the corte status does not allow the change (only a scheduled corte opens, only an open one closes). */
  CorteStateInvalid = 'CORTE_STATE_INVALID',
  /** 409: the month is not one of the configured corte months (setting cortes.meses). */
  CorteMonthNotAllowed = 'CORTE_MONTH_NOT_ALLOWED',
  /** 409: a later corte is already closed; cortes go in date order. */
  CorteOutOfOrder = 'CORTE_OUT_OF_ORDER',
  /** 409: another corte is open; close it before opening this one. */
  CorteAlreadyOpen = 'CORTE_ALREADY_OPEN',
  /** 409: closing a corte with submitted avances not yet reviewed; review them or close with force. */
  CorteHasPendingReviews = 'CORTE_HAS_PENDING_REVIEWS',
  /** 409: asking for the snapshot of a corte that is not closed yet. */
  CorteNotClosed = 'CORTE_NOT_CLOSED',
  /** 400: the corte named belongs to another institution than the one asked for. */
  CorteOfOtherInstitution = 'CORTE_OF_OTHER_INSTITUTION',
  /** 400: open data is produced only as CSV; use format=csv. */
  FormatNotAvailable = 'FORMAT_NOT_AVAILABLE',
}

/** Every code the settings module throws of its own (invalid values are CommonErrorCode's VALIDATION_FAILED). */
export enum SettingsErrorCode {
  /** 404: no setting has this key; check the key. */
  SettingNotFound = 'SETTING_NOT_FOUND',
}

/** The worker's own codes: faults of its job declarations found at start-up (JobDeclarationError, queue.errors.ts). */
export enum QueueErrorCode {
  /** Start-up fault (never an HTTP answer): a declared job has no handler. */
  JOB_WITHOUT_HANDLER = 'JOB_WITHOUT_HANDLER',
  /** Start-up fault (never an HTTP answer): a job has two handlers. */
  JOB_WITH_TWO_HANDLERS = 'JOB_WITH_TWO_HANDLERS',
  /** Start-up fault (never an HTTP answer): a handler serves a job that is not declared. */
  JOB_NOT_DECLARED = 'JOB_NOT_DECLARED',
  /** Start-up fault (never an HTTP answer): two scheduled jobs share a name. */
  SCHEDULED_JOB_NAME_TAKEN = 'SCHEDULED_JOB_NAME_TAKEN',
}
