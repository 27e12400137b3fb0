// A small client for the public Heidi v2 API. The page uses nothing else, so this file doubles as
// a reference client: every call below is a documented endpoint of /api/v2/ml-scribe/open-api.

export const API_BASE = "/api/v2/ml-scribe/open-api";
const AUTH_STORAGE_KEY = "murmur.auth";
// Renew this long before the token expires, so a request never goes out with a stale one.
const REFRESH_MARGIN_MS = 120_000;
const REFRESH_RETRY_MS = 15_000;

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

export class HeidiClient {
  #auth = null;
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

  // Picks the sign-in up again after a reload of the same tab (sessionStorage is per tab).
  restore() {
    try {
      const saved = JSON.parse(this.storage.getItem(AUTH_STORAGE_KEY) ?? "null");
      if (!saved?.token || !saved.apiKey) return false;
      this.#auth = saved;
      this.#scheduleRefresh();
      return true;
    } catch {
      return false;
    }
  }

  async signIn({ apiKey, email, userId }) {
    const auth = { apiKey, email, userId: userId || email, token: null, expiresAt: 0 };
    await this.#exchange(auth);
    this.#auth = auth;
    this.#save();
    this.#scheduleRefresh();
  }

  signOut(reason = "") {
    clearTimeout(this.#refreshTimer);
    this.#auth = null;
    this.storage.removeItem(AUTH_STORAGE_KEY);
    this.onSignedOut(reason);
  }

  // GET /jwt: exchange the tenant API key for a short-lived token bound to this clinician.
  async #exchange(auth) {
    const query = new URLSearchParams({ email: auth.email, third_party_internal_id: auth.userId });
    let response;
    try {
      response = await fetch(`${API_BASE}/jwt?${query}`, {
        headers: { "Heidi-Api-Key": auth.apiKey, Accept: "application/json" },
      });
    } catch (cause) {
      throw new NetworkError(cause);
    }
    if (!response.ok) throw await errorFrom(response);
    const body = await response.json();
    auth.token = body.token;
    auth.expiresAt = Date.parse(body.expiration_time) || Date.now() + 3_600_000;
  }

  async refresh() {
    if (!this.#auth) return;
    this.#refreshing ??= (async () => {
      const auth = { ...this.#auth };
      try {
        await this.#exchange(auth);
        this.#auth = auth;
        this.#save();
      } finally {
        this.#refreshing = null;
      }
    })();
    await this.#refreshing;
  }

  #save() {
    this.storage.setItem(AUTH_STORAGE_KEY, JSON.stringify(this.#auth));
  }

  #scheduleRefresh() {
    clearTimeout(this.#refreshTimer);
    if (!this.#auth) return;
    const remaining = this.#auth.expiresAt - Date.now();
    const delay = Math.max(1_000, remaining - Math.min(REFRESH_MARGIN_MS, remaining / 4));
    this.#refreshTimer = setTimeout(async () => {
      try {
        await this.refresh();
        this.#scheduleRefresh();
      } catch (error) {
        if (error instanceof ApiError && error.status < 500) {
          this.signOut("Your sign-in was not renewed: the API key was refused. Sign in again.");
        } else {
          this.#refreshTimer = setTimeout(() => this.#scheduleRefresh(), REFRESH_RETRY_MS);
        }
      }
    }, Math.min(delay, 2_147_000_000));
  }

  async #send(method, path, { json, form, query, signal, accept = "application/json" }) {
    if (!this.#auth) throw new ApiError(401, "Not signed in.", "unauthenticated");
    if (Date.now() >= this.#auth.expiresAt - 5_000) await this.refresh();
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
