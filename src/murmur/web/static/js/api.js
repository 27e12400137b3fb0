// A small client for the public Heidi v2 API. The page uses nothing else, so this file doubles as
// a reference client: every call below is a documented endpoint of /api/v2/ml-scribe/open-api.
//
// It is also the one place that knows the wire shapes. Each answer is read here, exactly as the
// server writes it (src/murmur/api/heidi_v2), into the plain objects typed below; the other
// modules see only those. A field the page relies on that is missing or of the wrong type is a
// WireError naming the endpoint and the field, never a silent `undefined`.

export const API_BASE = "/api/v2/ml-scribe/open-api";
const AUTH_STORAGE_KEY = "murmur.auth";
// Renew this long before the token expires, so a request never goes out with a stale one.
const REFRESH_MARGIN_MS = 120_000;
const REFRESH_RETRY_MS = 15_000;
// A token this close to its expiry is treated as expired.
const EXPIRY_SLACK_MS = 5_000;
const RELOADED_SIGN_IN_ENDED =
  "Your sign-in has ended. The page was reloaded, and it keeps your credentials only in memory, so it could not renew the sign-in: sign in again.";

// --- What the page is given --------------------------------------------------------------------

/**
 * @typedef {"CONSULT_NOTE_TEMPLATE" | "DOCUMENT_TEMPLATE"} TemplateCategory
 * @typedef {{id: string, name: string, category: TemplateCategory}} Template
 *
 * A patient profile. Text the server leaves out is "".
 * @typedef {object} Patient
 * @property {string} id
 * @property {string} name first and last name
 * @property {string} ehrPatientId the MRN
 * @property {string} dateOfBirth YYYY-MM-DD
 * @property {string} gender
 *
 * @typedef {object} PatientProfileFields What a new patient profile is created with ("" for unknown).
 * @property {string} firstName
 * @property {string} lastName
 * @property {string} dateOfBirth YYYY-MM-DD
 * @property {string} gender
 * @property {string} ehrPatientId
 *
 * A visit (Heidi's session).
 * @typedef {object} Session
 * @property {string} id
 * @property {{name: string, ehrPatientId: string}} patient
 * @property {string} createdAt ISO 8601
 * @property {number} signedOffVersion the note's latest signed-off version, 0 if unsigned
 * @property {boolean} recorded whether any audio was received
 * @property {ConsultNote | null} note null until a note is written
 *
 * @typedef {object} ConsultNote
 * @property {string} markdown
 * @property {NoteSection[]} sections
 * @property {Unaddressed[]} unaddressed key facts of the visit the note does not state
 *
 * A key fact said in the visit that a note leaves out (a Murmur extension).
 * @typedef {object} Unaddressed
 * @property {string} kind "medication", "diagnosis", "order", "vital", "follow_up", …
 * @property {string} label the fact as a reader names it
 * @property {string} sentence a note sentence that states it
 * @property {UnaddressedEvidence[]} evidence where in the transcript it was said
 *
 * @typedef {object} UnaddressedEvidence
 * @property {number} segment the transcript segment's index
 * @property {string} quote the words said
 * @property {"CLINICIAN" | "PATIENT" | null} speaker
 *
 * @typedef {{title: string, sentences: NoteSentence[]}} NoteSection
 *
 * @typedef {object} NoteSentence
 * @property {string} text
 * @property {number[]} evidence indices of the transcript segments it rests on
 * @property {boolean} unsupported no transcript segment backs it
 *
 * One uploaded chunk of the live transcript.
 * @typedef {object} TranscriptChunk
 * @property {string} id
 * @property {"PENDING" | "READY" | "FAILED"} status
 * @property {number} duration seconds
 * @property {string} text
 * @property {TranscriptSegment[]} segments
 *
 * @typedef {object} TranscriptSegment
 * @property {number} index its position in the whole visit's transcript (what evidence cites)
 * @property {string} text
 * @property {"CLINICIAN" | "PATIENT" | null} speaker
 *
 * @typedef {{id: string, name: string, content: string}} Document A document, in Markdown.
 *
 * @typedef {object} SignedNote The latest signed-off version of the note.
 * @property {number} version 1, or more for an amendment
 * @property {string} content Markdown
 * @property {string} signedBy the signer's email ("" if that account is gone)
 * @property {string} signedAt ISO 8601
 *
 * @typedef {{status: "PROCESSING" | "READY" | "FAILED", entities: CodedEntity[]}} ClinicalCodes
 *
 * @typedef {object} CodedEntity
 * @property {string} code
 * @property {string} description
 * @property {number} confidence 0 to 1
 * @property {string} reason
 * @property {"up" | "down" | null} thumbs the clinician's verdict
 * @property {CodeReference[]} references
 *
 * @typedef {object} CodeReference
 * @property {"TRANSCRIPT" | "CONSULT_NOTE"} source
 * @property {string} text
 * @property {number | null} segment the transcript segment, for a transcript reference
 */

// --- Errors ------------------------------------------------------------------------------------

export class ApiError extends Error {
  constructor(status, message, type) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.type = type;
  }
}

// The request never reached the server (offline, server down): worth retrying.
export class NetworkError extends Error {
  constructor(cause) {
    super("Cannot reach the Murmur server. Check the network connection.");
    this.name = "NetworkError";
    this.cause = cause;
  }
}

// The server answered in a shape this page does not understand: a bug, never worth retrying.
export class WireError extends Error {
  /** @param {string} endpoint as "GET /sessions/{session_id}" @param {string} problem */
  constructor(endpoint, problem) {
    super(`the answer to ${endpoint} is not what this page expects: ${problem}`);
    this.name = "WireError";
    this.endpoint = endpoint;
  }
}

export function isRetryable(error) {
  return error instanceof NetworkError || (error instanceof ApiError && error.status >= 500);
}

const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
const isString = (value) => typeof value === "string";
const isNumber = (value) => typeof value === "number" && Number.isFinite(value);

// Every error the server sends is {"detail": {"msg": ..., "type": ...}} (api/heidi_v2/errors.py);
// anything else (a proxy's error page, say) leaves only the status line.
async function errorFrom(response) {
  let detail;
  try {
    detail = (await response.json()).detail;
  } catch {
    // Not JSON.
  }
  if (isObject(detail) && isString(detail.msg)) return new ApiError(response.status, detail.msg, detail.type);
  return new ApiError(response.status, `${response.status} ${response.statusText}`.trim());
}

// --- Reading answers ---------------------------------------------------------------------------

// One JSON object of an answer, read field by field; `path` locates it in the answer for errors.
class Fields {
  #value;
  #endpoint;
  #path;

  constructor(endpoint, value, path = "") {
    this.#endpoint = endpoint;
    this.#path = path;
    if (!isObject(value)) throw new WireError(endpoint, `${path || "the body"} is not an object`);
    this.#value = value;
  }

  get empty() {
    return Object.keys(this.#value).length === 0;
  }

  // Whether the field is there; the server leaves some out (or sends null) when they are unknown.
  has(name) {
    return this.#value[name] !== undefined && this.#value[name] !== null;
  }

  string(name) {
    return this.#required(name, "a string", isString);
  }

  // A text field the server may leave out: "" then.
  optionalString(name) {
    return this.has(name) ? this.string(name) : "";
  }

  number(name) {
    return this.#required(name, "a number", isNumber);
  }

  integer(name) {
    return this.#required(name, "a whole number", Number.isInteger);
  }

  integers(name) {
    return this.#required(name, "a list of whole numbers", (value) => Array.isArray(value) && value.every(Number.isInteger));
  }

  boolean(name) {
    return this.#required(name, "true or false", (value) => typeof value === "boolean");
  }

  oneOf(name, values) {
    return this.#required(name, `one of ${values.join(", ")}`, (value) => values.includes(value));
  }

  object(name) {
    return new Fields(this.#endpoint, this.#required(name, "an object", isObject), this.#at(name));
  }

  /** @template T @param {string} name @param {(item: Fields) => T} read @returns {T[]} */
  list(name, read) {
    const items = this.#required(name, "a list", Array.isArray);
    return items.map((item, position) => read(new Fields(this.#endpoint, item, `${this.#at(name)}[${position}]`)));
  }

  #at(name) {
    return this.#path ? `${this.#path}.${name}` : name;
  }

  #required(name, kind, valid) {
    const value = this.#value[name];
    if (value === undefined || value === null) throw new WireError(this.#endpoint, `${this.#at(name)} is missing`);
    if (!valid(value)) throw new WireError(this.#endpoint, `${this.#at(name)} is not ${kind}`);
    return value;
  }
}

function parsed(endpoint, text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new WireError(endpoint, "it is not JSON");
  }
  return new Fields(endpoint, value);
}

/** @returns {Template} */
function readTemplate(fields) {
  return {
    id: fields.string("id"),
    name: fields.string("name"),
    category: fields.oneOf("template_category", ["CONSULT_NOTE_TEMPLATE", "DOCUMENT_TEMPLATE"]),
  };
}

/** @returns {Patient} */
function readPatient(fields) {
  return {
    id: fields.string("id"),
    name: [fields.optionalString("first_name"), fields.optionalString("last_name")].filter(Boolean).join(" "),
    ehrPatientId: fields.optionalString("ehr_patient_id"),
    dateOfBirth: fields.optionalString("date_of_birth"),
    gender: fields.optionalString("gender"),
  };
}

/** @returns {Session} */
function readSession(fields) {
  // `patient` is free-form; with a patient profile the server fills in `name` and `ehr_patient_id`.
  const patient = fields.object("patient");
  return {
    id: fields.string("session_id"),
    patient: { name: patient.optionalString("name"), ehrPatientId: patient.optionalString("ehr_patient_id") },
    createdAt: fields.string("created_at"),
    signedOffVersion: fields.integer("signed_off_version"),
    recorded: fields.object("audio").integer("chunks") > 0,
    note: readConsultNote(fields.object("consult_note")),
  };
}

// `consult_note` is {} until a note is written; then `result` is its Markdown and `structure` its
// sections -> sentences -> transcript evidence.
/** @returns {ConsultNote | null} */
function readConsultNote(fields) {
  if (fields.empty) return null;
  return {
    markdown: fields.string("result"),
    sections: fields.object("structure").list("sections", readNoteSection),
    unaddressed: fields.list("unaddressed", readUnaddressed),
  };
}

// A key fact the note leaves out (notes/omissions.py), with the words that said it.
/** @returns {Unaddressed} */
function readUnaddressed(fields) {
  return {
    kind: fields.string("kind"),
    label: fields.string("label"),
    sentence: fields.string("sentence"),
    evidence: fields.list("evidence", (evidence) => ({
      segment: evidence.integer("segment"),
      quote: evidence.string("quote"),
      speaker: evidence.has("speaker") ? evidence.oneOf("speaker", ["CLINICIAN", "PATIENT"]) : null,
    })),
  };
}

/** @returns {NoteSection} */
function readNoteSection(fields) {
  return { title: fields.string("title"), sentences: fields.list("sentences", readNoteSentence) };
}

/** @returns {NoteSentence} */
function readNoteSentence(fields) {
  return {
    text: fields.string("text"),
    evidence: fields.integers("evidence"),
    // Written only on a sentence no transcript segment backs (notes/domain.py), as true.
    unsupported: fields.has("unsupported") && fields.boolean("unsupported"),
  };
}

/** @returns {TranscriptChunk} */
function readTranscriptChunk(fields) {
  return {
    id: fields.string("id"),
    status: fields.oneOf("status", ["PENDING", "READY", "FAILED"]),
    duration: fields.number("duration"),
    text: fields.string("text"),
    segments: fields.list("segments", readTranscriptSegment),
  };
}

/** @returns {TranscriptSegment} */
function readTranscriptSegment(fields) {
  return {
    index: fields.integer("index"),
    text: fields.string("text"),
    speaker: fields.has("speaker") ? fields.oneOf("speaker", ["CLINICIAN", "PATIENT"]) : null,
  };
}

/** @returns {Document} */
function readDocument(fields) {
  return { id: fields.string("id"), name: fields.string("name"), content: fields.string("content") };
}

// The sign-off state after a note was signed (status SIGNED, or AMENDED for a later version).
/** @returns {SignedNote} */
function readSignedNote(fields) {
  fields.oneOf("status", ["SIGNED", "AMENDED"]);
  return {
    version: fields.integer("version"),
    content: fields.string("content"),
    signedBy: fields.object("signed_by").string("email"),
    signedAt: fields.string("signed_at"),
  };
}

/** @returns {SignedNote | null} */
function readSignOff(fields) {
  return fields.oneOf("status", ["UNSIGNED", "SIGNED", "AMENDED"]) === "UNSIGNED" ? null : readSignedNote(fields);
}

/** @returns {ClinicalCodes} */
function readClinicalCodes(fields) {
  return {
    status: fields.oneOf("status", ["PROCESSING", "READY", "FAILED"]),
    entities: fields.list("entities", readCodedEntity),
  };
}

/** @returns {CodedEntity} */
function readCodedEntity(fields) {
  const primary = fields.object("primary_code");
  return {
    code: primary.string("code"),
    description: primary.string("description"),
    confidence: fields.number("confidence"),
    reason: fields.string("reason"),
    thumbs: fields.has("thumbs") ? fields.oneOf("thumbs", ["up", "down"]) : null,
    references: fields.list("references", readCodeReference),
  };
}

/** @returns {CodeReference} */
function readCodeReference(fields) {
  return {
    source: fields.oneOf("source", ["TRANSCRIPT", "CONSULT_NOTE"]),
    text: fields.string("text"),
    segment: fields.has("segment") ? fields.integer("segment") : null,
  };
}

// The non-blank lines of an NDJSON body as they arrive.
async function* lines(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  const next = async () => {
    try {
      return await reader.read();
    } catch (cause) {
      if (cause?.name === "AbortError") throw cause;
      throw new NetworkError(cause);
    }
  };
  try {
    for (let read = await next(); !read.done; read = await next()) {
      buffered += read.value;
      const complete = buffered.split("\n");
      buffered = complete.pop();
      yield* complete.filter((line) => line.trim());
    }
    if (buffered.trim()) yield buffered;
  } finally {
    reader.releaseLock();
  }
}

// "/sessions/{session_id}" with each {name} replaced by its encoded value.
function fill(template, params = {}) {
  return template.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(params[name]));
}

// Two ways to sign in, both buying the same Heidi token: the tenant API key with the clinician's
// email (GET /jwt), or client credentials (POST /jwt, a Murmur extension). The credentials stay
// in this object's memory only, to renew the token before it expires; sessionStorage (this tab
// only) keeps just the token, so a reload stays signed in until that token runs out.
export class HeidiClient {
  #auth = null;
  #credentials = null;
  #refreshTimer = null;
  #refreshing = null;

  constructor({ storage = window.sessionStorage, onSignedOut = () => {} } = {}) {
    this.storage = storage;
    this.onSignedOut = onSignedOut;
  }

  get signedIn() {
    return this.#auth !== null;
  }

  get clinicianEmail() {
    return this.#auth?.email ?? "";
  }

  // Picks the sign-in up again after a reload of the same tab, until its token expires.
  restore() {
    try {
      const saved = JSON.parse(this.storage.getItem(AUTH_STORAGE_KEY) ?? "null");
      if (!saved?.token || !(saved.expiresAt > Date.now() + EXPIRY_SLACK_MS)) {
        this.storage.removeItem(AUTH_STORAGE_KEY);
        return false;
      }
      this.#auth = { token: saved.token, expiresAt: saved.expiresAt, email: saved.email ?? "" };
      this.#credentials = null;
      this.#save(); // drops anything else an older version of the page kept there
      this.#scheduleRefresh();
      return true;
    } catch {
      return false;
    }
  }

  // With the tenant's API key and the clinician's email (and EHR user id).
  async signIn({ apiKey, email, userId }) {
    await this.#start({ kind: "apiKey", apiKey, email, userId: userId || email });
  }

  // With client credentials, which act as the clinician they were created for.
  async signInWithClient({ clientId, clientSecret }) {
    await this.#start({ kind: "client", clientId, clientSecret });
  }

  async #start(credentials) {
    const auth = await this.#exchange(credentials);
    this.#credentials = credentials;
    this.#auth = auth;
    this.#save();
    this.#scheduleRefresh();
  }

  signOut(reason = "") {
    clearTimeout(this.#refreshTimer);
    this.#auth = null;
    this.#credentials = null;
    this.storage.removeItem(AUTH_STORAGE_KEY);
    this.onSignedOut(reason);
  }

  // GET /jwt (API key) or POST /jwt (client credentials): a short-lived token for the clinician.
  async #exchange(credentials) {
    const byClient = credentials.kind === "client";
    const query = byClient
      ? ""
      : `?${new URLSearchParams({ email: credentials.email, third_party_internal_id: credentials.userId })}`;
    const init = byClient
      ? {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify({ client_id: credentials.clientId, client_secret: credentials.clientSecret }),
        }
      : { headers: { "Heidi-Api-Key": credentials.apiKey, Accept: "application/json" } };
    let response;
    try {
      response = await fetch(`${API_BASE}/jwt${query}`, init);
    } catch (cause) {
      throw new NetworkError(cause);
    }
    if (!response.ok) throw await errorFrom(response);
    const body = parsed(`${byClient ? "POST" : "GET"} /jwt`, await response.text());
    // Measured against the server's clock (its Date header), so a skewed clock here cannot make
    // the page renew too late.
    const lifetime = Date.parse(body.string("expiration_time")) - (Date.parse(response.headers.get("Date") ?? "") || Date.now());
    return {
      token: body.string("token"),
      expiresAt: Date.now() + (Number.isFinite(lifetime) ? lifetime : 3_600_000),
      // Client credentials act as the clinician the server names; an API key as the one given.
      email: byClient ? body.string("email") : credentials.email,
    };
  }

  async refresh() {
    if (!this.#auth) return;
    if (!this.#credentials) {
      this.signOut(RELOADED_SIGN_IN_ENDED);
      throw new ApiError(401, RELOADED_SIGN_IN_ENDED, "AuthenticationError");
    }
    this.#refreshing ??= (async () => {
      try {
        const renewed = await this.#exchange(this.#credentials);
        if (this.#auth) {
          this.#auth = renewed;
          this.#save();
        }
      } finally {
        this.#refreshing = null;
      }
    })();
    await this.#refreshing;
  }

  #save() {
    const { token, expiresAt, email } = this.#auth;
    this.storage.setItem(AUTH_STORAGE_KEY, JSON.stringify({ token, expiresAt, email }));
  }

  #scheduleRefresh() {
    clearTimeout(this.#refreshTimer);
    if (!this.#auth) return;
    const remaining = this.#auth.expiresAt - Date.now();
    if (!this.#credentials) {
      // Restored after a reload: nothing to renew with, so the sign-in ends with its token.
      this.#refreshTimer = setTimeout(
        () => this.signOut(RELOADED_SIGN_IN_ENDED),
        Math.min(Math.max(0, remaining - EXPIRY_SLACK_MS), 2_147_000_000),
      );
      return;
    }
    const delay = Math.max(1_000, remaining - Math.min(REFRESH_MARGIN_MS, remaining / 4));
    this.#refreshTimer = setTimeout(async () => {
      try {
        await this.refresh();
        this.#scheduleRefresh();
      } catch (error) {
        if (error instanceof ApiError && error.status < 500) {
          const what = this.#credentials?.kind === "client" ? "client credentials were" : "API key was";
          this.signOut(`Your sign-in was not renewed: the ${what} refused. Sign in again.`);
        } else {
          this.#refreshTimer = setTimeout(() => this.#scheduleRefresh(), REFRESH_RETRY_MS);
        }
      }
    }, Math.min(delay, 2_147_000_000));
  }

  async #send(method, path, { json, form, query, signal, accept = "application/json" }) {
    if (!this.#auth) throw new ApiError(401, "Not signed in.", "unauthenticated");
    if (Date.now() >= this.#auth.expiresAt - EXPIRY_SLACK_MS) await this.refresh();
    const url = query ? `${API_BASE}${path}?${new URLSearchParams(query)}` : `${API_BASE}${path}`;
    const headers = { Authorization: `Bearer ${this.#auth.token}`, Accept: accept };
    let body;
    if (json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(json);
    } else if (form !== undefined) {
      body = form;
    }
    try {
      return await fetch(url, { method, headers, body, signal });
    } catch (cause) {
      if (cause?.name === "AbortError") throw cause;
      throw new NetworkError(cause);
    }
  }

  // The endpoint `method template` (its {names} filled from options.params), answered with success.
  async #request(method, template, options = {}) {
    const path = fill(template, options.params);
    let response = await this.#send(method, path, options);
    if (response.status === 401 && this.#auth) {
      // The token may have been revoked or the clock skewed: renew once and try again.
      await this.refresh();
      response = await this.#send(method, path, options);
    }
    if (!response.ok) throw await errorFrom(response);
    return response;
  }

  // The JSON answer of an endpoint, to be read with the Fields methods.
  async #json(method, template, options) {
    const response = await this.#request(method, template, options);
    let text;
    try {
      text = await response.text();
    } catch (cause) {
      throw new NetworkError(cause);
    }
    return parsed(`${method} ${template}`, text);
  }

  // The text pieces of an NDJSON answer, one {"data": "..."} object a line, as each arrives.
  async *#pieces(template, params, json, signal) {
    const response = await this.#request("POST", template, { params, json, signal, accept: "application/x-ndjson" });
    let number = 0;
    for await (const line of lines(response.body)) {
      number += 1;
      yield parsed(`POST ${template} (line ${number})`, line).string("data");
    }
  }

  // --- Templates -------------------------------------------------------------------------
  /** @returns {Promise<Template[]>} */
  async listTemplates() {
    return (await this.#json("GET", "/templates/document-templates")).list("data", readTemplate);
  }

  // --- Patient profiles ------------------------------------------------------------------
  /** @returns {Promise<Patient[]>} */
  async listPatients({ ehrPatientId } = {}) {
    const query = ehrPatientId ? { ehr_patient_id: ehrPatientId } : undefined;
    return (await this.#json("GET", "/patient-profiles", { query })).list("data", readPatient);
  }

  /** @param {PatientProfileFields} fields @returns {Promise<Patient>} */
  async createPatient({ firstName, lastName, dateOfBirth, gender, ehrPatientId }) {
    const given = { first_name: firstName, last_name: lastName, date_of_birth: dateOfBirth, gender, ehr_patient_id: ehrPatientId };
    const json = Object.fromEntries(Object.entries(given).filter(([, value]) => value));
    return readPatient(await this.#json("POST", "/patient-profiles", { json }));
  }

  // --- Sessions --------------------------------------------------------------------------
  /** @returns {Promise<string>} the new session's id */
  async createSession({ patientProfileId }) {
    const created = await this.#json("POST", "/sessions", { json: { patient_profile_id: patientProfileId } });
    return created.string("session_id");
  }

  /** @returns {Promise<Session>} */
  async getSession(sessionId) {
    return readSession(await this.#json("GET", "/sessions/{session_id}", { params: { session_id: sessionId } }));
  }

  /** @returns {Promise<Session[]>} */
  async listRecentSessions(pageSize = 20) {
    const page = await this.#json("GET", "/sessions/linked-user", { query: { page_size: String(pageSize) } });
    return page.list("data", readSession);
  }

  // --- Live audio: the restful segment transcription flow --------------------------------
  /** @returns {Promise<string>} the recording's id */
  async startRecording(sessionId) {
    const started = await this.#json("POST", "/sessions/{session_id}/restful-segment-transcription", {
      params: { session_id: sessionId },
      json: {},
    });
    return started.string("recording_id");
  }

  async uploadSegment(sessionId, recordingId, index, blob) {
    const form = new FormData();
    form.append("index", String(index));
    form.append("file", blob, `segment-${index}.${extensionFor(blob.type)}`);
    await this.#request("POST", "/sessions/{session_id}/restful-segment-transcription/{recording_id}:transcribe", {
      params: { session_id: sessionId, recording_id: recordingId },
      form,
    });
  }

  async finishRecording(sessionId, recordingId) {
    await this.#request("POST", "/sessions/{session_id}/restful-segment-transcription/{recording_id}:finish", {
      params: { session_id: sessionId, recording_id: recordingId },
      json: {},
    });
  }

  // --- Transcript ------------------------------------------------------------------------
  /** @returns {Promise<TranscriptChunk[]>} */
  async liveTranscript(sessionId) {
    const live = await this.#json("GET", "/sessions/{session_id}/transcript/live", { params: { session_id: sessionId } });
    return live.list("chunks", readTranscriptChunk);
  }

  // --- Consult note, documents, Ask AI ---------------------------------------------------
  // The note's text as it is written; the finished note, with its structure, is then the
  // session's `note` (getSession).
  /** @returns {AsyncGenerator<string>} */
  streamConsultNote(sessionId, { templateId, voiceStyle, addition = "" }, signal) {
    const body = {
      generation_method: "TEMPLATE",
      template_id: templateId,
      addition,
      voice_style: voiceStyle,
      brain: "LEFT",
      content_type: "MARKDOWN",
    };
    return this.#pieces("/sessions/{session_id}/consult-note", { session_id: sessionId }, body, signal);
  }

  /** @returns {Promise<Document>} */
  async generateDocument(sessionId, { templateId, voiceStyle = "GOLDILOCKS" }) {
    const generated = await this.#json("POST", "/sessions/{session_id}/documents", {
      params: { session_id: sessionId },
      json: {
        generation_method: "TEMPLATE",
        template_id: templateId,
        voice_style: voiceStyle,
        brain: "LEFT",
        content_type: "MARKDOWN",
      },
    });
    return readDocument(generated);
  }

  /** @returns {Promise<Document[]>} */
  async listDocuments(sessionId) {
    const listed = await this.#json("GET", "/sessions/{session_id}/documents", { params: { session_id: sessionId } });
    return listed.list("data", readDocument);
  }

  /** @returns {AsyncGenerator<string>} the answer's text as it is written */
  streamAskAi(sessionId, { question, content }, signal) {
    const body = { ai_command_text: question, content, content_type: "MARKDOWN" };
    return this.#pieces("/sessions/{session_id}/ask-ai", { session_id: sessionId }, body, signal);
  }

  // --- Sign-off (a Murmur extension) -------------------------------------------------------
  /** @returns {Promise<SignedNote | null>} null while the note is not signed off */
  async getSignOff(sessionId) {
    const state = await this.#json("GET", "/sessions/{session_id}/consult-note/sign-off", { params: { session_id: sessionId } });
    return readSignOff(state);
  }

  /** @returns {Promise<SignedNote>} */
  async signOff(sessionId, { content, contentType = "MARKDOWN", amendsVersion }) {
    const state = await this.#json("POST", "/sessions/{session_id}/consult-note/sign-off", {
      params: { session_id: sessionId },
      json: { content, content_type: contentType, amends_version: amendsVersion },
    });
    return readSignedNote(state);
  }

  // --- Said but not in the note (a Murmur extension) -------------------------------------
  // The visit's key facts that `content` (the note as edited) does not state.
  /** @returns {Promise<Unaddressed[]>} */
  async unaddressed(sessionId, { content, contentType = "MARKDOWN" }, signal) {
    const checked = await this.#json("POST", "/sessions/{session_id}/consult-note/unaddressed", {
      params: { session_id: sessionId },
      json: { content, content_type: contentType },
      signal,
    });
    return checked.list("unaddressed", readUnaddressed);
  }

  // --- Clinical codes --------------------------------------------------------------------
  /** @returns {Promise<ClinicalCodes>} */
  async clinicalCodes(sessionId, codingSystem) {
    const codes = await this.#json("GET", "/sessions/{session_id}/clinical-codes", {
      params: { session_id: sessionId },
      query: { coding_system: codingSystem },
    });
    return readClinicalCodes(codes);
  }

  async sendCodeFeedback(sessionId, { codingSystem, code, rating }) {
    await this.#request("POST", "/sessions/{session_id}/clinical-codes/feedback", {
      params: { session_id: sessionId },
      json: { coding_system: codingSystem, code, rating },
    });
  }
}

function extensionFor(mimeType) {
  if (mimeType.includes("ogg")) return "ogg";
  if (mimeType.includes("mp4")) return "m4a";
  if (mimeType.includes("wav")) return "wav";
  return "webm";
}
