// A small client for the public Heidi v2 API. The page uses nothing else, so this file doubles as
// a reference client: every call below is a documented endpoint of /api/v2/ml-scribe/open-api.

export const API_BASE = "/api/v2/ml-scribe/open-api";
const AUTH_STORAGE_KEY = "murmur.auth";
// Renew this long before the token expires, so a request never goes out with a stale one.
const REFRESH_MARGIN_MS = 120_000;
const REFRESH_RETRY_MS = 15_000;
// A token this close to its expiry is treated as expired.
const EXPIRY_SLACK_MS = 5_000;
const RELOADED_SIGN_IN_ENDED =
  "Your sign-in has ended. The page was reloaded, and it keeps your credentials only in memory, so it could not renew the sign-in: sign in again.";

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

export function isRetryable(error) {
  return error instanceof NetworkError || (error instanceof ApiError && error.status >= 500);
}

async function errorFrom(response) {
  let message = `${response.status} ${response.statusText}`.trim();
  let type;
  try {
    const body = await response.json();
    const detail = body?.detail;
    if (typeof detail === "string") message = detail;
    else if (Array.isArray(detail)) message = detail.map((item) => item.msg ?? String(item)).join("; ");
    else if (detail && typeof detail === "object") {
      message = detail.msg ?? message;
      type = detail.type;
    }
  } catch {
    // Not JSON (a proxy error page, say): the status line is the best we have.
  }
  return new ApiError(response.status, message, type);
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
    const body = await response.json();
    // Measured against the server's clock (its Date header), so a skewed clock here cannot make
    // the page renew too late.
    const lifetime = Date.parse(body.expiration_time) - (Date.parse(response.headers.get("Date") ?? "") || Date.now());
    return {
      token: body.token,
      expiresAt: Date.now() + (Number.isFinite(lifetime) ? lifetime : 3_600_000),
      email: body.email ?? credentials.email ?? "",
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

  async #request(method, path, options = {}) {
    let response = await this.#send(method, path, options);
    if (response.status === 401 && this.#auth) {
      // The token may have been revoked or the clock skewed: renew once and try again.
      await this.refresh();
      response = await this.#send(method, path, options);
    }
    if (!response.ok) throw await errorFrom(response);
    return response;
  }

  async #json(method, path, options) {
    const response = await this.#request(method, path, options);
    if (response.status === 204) return null;
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }

  // Yields each object of an application/x-ndjson response as soon as its line arrives.
  async *#ndjson(path, json, signal) {
    const response = await this.#request("POST", path, {
      json,
      signal,
      accept: "application/x-ndjson",
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += value;
        const lines = buffered.split("\n");
        buffered = lines.pop();
        for (const line of lines) if (line.trim()) yield JSON.parse(line);
      }
      if (buffered.trim()) yield JSON.parse(buffered);
    } catch (cause) {
      if (cause instanceof SyntaxError || cause?.name === "AbortError") throw cause;
      throw new NetworkError(cause);
    } finally {
      reader.releaseLock();
    }
  }

  // --- Templates -------------------------------------------------------------------------
  async listTemplates() {
    return (await this.#json("GET", "/templates/document-templates"))?.data ?? [];
  }

  // --- Patient profiles ------------------------------------------------------------------
  async listPatients({ ehrPatientId } = {}) {
    const query = ehrPatientId ? { ehr_patient_id: ehrPatientId } : undefined;
    return (await this.#json("GET", "/patient-profiles", { query }))?.data ?? [];
  }

  createPatient(profile) {
    return this.#json("POST", "/patient-profiles", { json: profile });
  }

  // --- Sessions --------------------------------------------------------------------------
  async createSession({ patientProfileId }) {
    const created = await this.#json("POST", "/sessions", {
      json: { patient_profile_id: patientProfileId },
    });
    return created.session_id;
  }

  getSession(sessionId) {
    return this.#json("GET", `/sessions/${encodeURIComponent(sessionId)}`);
  }

  updateSession(sessionId, changes) {
    return this.#json("PATCH", `/sessions/${encodeURIComponent(sessionId)}`, { json: changes });
  }

  async listRecentSessions(pageSize = 20) {
    const page = await this.#json("GET", "/sessions/linked-user", {
      query: { page_size: String(pageSize) },
    });
    return page?.data ?? [];
  }

  // --- Live audio: the restful segment transcription flow --------------------------------
  async startRecording(sessionId) {
    const started = await this.#json(
      "POST",
      `/sessions/${encodeURIComponent(sessionId)}/restful-segment-transcription`,
      { json: {} },
    );
    return started.recording_id;
  }

  uploadSegment(sessionId, recordingId, index, blob, signal) {
    const form = new FormData();
    form.append("index", String(index));
    form.append("file", blob, `segment-${index}.${extensionFor(blob.type)}`);
    return this.#json(
      "POST",
      `/sessions/${encodeURIComponent(sessionId)}/restful-segment-transcription/` +
        `${encodeURIComponent(recordingId)}:transcribe`,
      { form, signal },
    );
  }

  finishRecording(sessionId, recordingId) {
    return this.#json(
      "POST",
      `/sessions/${encodeURIComponent(sessionId)}/restful-segment-transcription/` +
        `${encodeURIComponent(recordingId)}:finish`,
      { json: {} },
    );
  }

  // --- Transcript ------------------------------------------------------------------------
  liveTranscript(sessionId) {
    return this.#json("GET", `/sessions/${encodeURIComponent(sessionId)}/transcript/live`);
  }

  // --- Consult note, documents, Ask AI ---------------------------------------------------
  streamConsultNote(sessionId, { templateId, voiceStyle, addition = "" }, signal) {
    const body = {
      generation_method: "TEMPLATE",
      template_id: templateId,
      addition,
      voice_style: voiceStyle,
      brain: "LEFT",
      content_type: "MARKDOWN",
    };
    return this.#ndjson(`/sessions/${encodeURIComponent(sessionId)}/consult-note`, body, signal);
  }

  generateDocument(sessionId, { templateId, voiceStyle = "GOLDILOCKS" }) {
    return this.#json("POST", `/sessions/${encodeURIComponent(sessionId)}/documents`, {
      json: {
        generation_method: "TEMPLATE",
        template_id: templateId,
        voice_style: voiceStyle,
        brain: "LEFT",
        content_type: "MARKDOWN",
      },
    });
  }

  async listDocuments(sessionId) {
    const listed = await this.#json("GET", `/sessions/${encodeURIComponent(sessionId)}/documents`);
    return listed?.data ?? [];
  }

  streamAskAi(sessionId, { question, content }, signal) {
    const body = { ai_command_text: question, content, content_type: "MARKDOWN" };
    return this.#ndjson(`/sessions/${encodeURIComponent(sessionId)}/ask-ai`, body, signal);
  }

  // --- Sign-off (a Murmur extension) -------------------------------------------------------
  getSignOff(sessionId) {
    return this.#json("GET", `/sessions/${encodeURIComponent(sessionId)}/consult-note/sign-off`);
  }

  signOff(sessionId, { content, contentType = "MARKDOWN", amendsVersion }) {
    return this.#json("POST", `/sessions/${encodeURIComponent(sessionId)}/consult-note/sign-off`, {
      json: { content, content_type: contentType, amends_version: amendsVersion },
    });
  }

  // --- Clinical codes --------------------------------------------------------------------
  clinicalCodes(sessionId, codingSystem) {
    return this.#json("GET", `/sessions/${encodeURIComponent(sessionId)}/clinical-codes`, {
      query: { coding_system: codingSystem },
    });
  }

  sendCodeFeedback(sessionId, { codingSystem, code, rating }) {
    return this.#json("POST", `/sessions/${encodeURIComponent(sessionId)}/clinical-codes/feedback`, {
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
