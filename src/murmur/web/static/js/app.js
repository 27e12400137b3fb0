// The clinician's page: sign in, pick a patient, record a visit, and get transcript, note, codes
// and documents, all through the public Heidi v2 API.

import { HeidiClient, NetworkError, isRetryable } from "./api.js";
import { CodesView } from "./codes.js";
import { AskView, DocumentsView, copyText } from "./documents.js";
import { byId, every, formatDateTime, plural, setMessage, show } from "./dom.js";
import { NoteView } from "./note.js";
import { PatientsPanel, VisitsPanel, patientName } from "./patients.js";
import { RecordingPanel } from "./recording.js";
import { SignOffView } from "./signoff.js";
import { TranscriptView } from "./transcript.js";
import { UnaddressedView } from "./unaddressed.js";
import { SegmentQueue } from "./uploads.js";

// Chunks of 45-60 s, as the live segment flow expects, each cut at the first pause after 45 s.
const DEFAULT_CHUNK_SECONDS = 45;
const CHUNK_STRETCH_SECONDS = 15;
const TRANSCRIPT_POLL_MS = 2_500;

// ?chunk=20 makes chunks of 20-35 s (for tests and demos).
function chunkSecondsFromUrl() {
  const requested = Number(new URLSearchParams(window.location.search).get("chunk"));
  return Number.isFinite(requested) && requested >= 2 && requested <= 60 ? requested : DEFAULT_CHUNK_SECONDS;
}

const ui = {
  banner: byId("banner"),
  account: byId("account"),
  accountName: byId("account-name"),
  signInView: byId("signin-view"),
  signInForm: byId("signin-form"),
  signInError: byId("signin-error"),
  workspace: byId("workspace"),
  visitTitle: byId("visit-title"),
  visitSub: byId("visit-sub"),
  startVisit: byId("start-visit"),
  panels: byId("visit-panels"),
  noteForm: byId("note-form"),
  noteTemplate: byId("note-template"),
  noteStyle: byId("note-style"),
  noteGenerate: byId("note-generate"),
  noteCopy: byId("note-copy"),
  documentForm: byId("document-form"),
  documentTemplate: byId("document-template"),
};

function showBanner(text) {
  setMessage(ui.banner, text);
}

const client = new HeidiClient({
  onSignedOut: (reason) => {
    stopVisit();
    renderSignedOut();
    if (reason) setMessage(ui.signInError, reason);
  },
});
const queue = new SegmentQueue({ client });
const chunkSeconds = chunkSecondsFromUrl();
const recording = new RecordingPanel({
  client,
  queue,
  ui: {
    record: byId("record"),
    pause: byId("pause"),
    stop: byId("stop"),
    timer: byId("timer"),
    level: byId("level"),
    recorderState: byId("recorder-state"),
    uploadState: byId("upload-state"),
    recorderError: byId("recorder-error"),
  },
  chunkSeconds,
  maxChunkSeconds: chunkSeconds + CHUNK_STRETCH_SECONDS,
  onActiveChange: (active) => {
    ui.noteGenerate.disabled = active;
  },
  onFinished: (sessionId) => refreshTranscript(sessionId),
  onBanner: showBanner,
});
const transcript = new TranscriptView({ list: byId("transcript"), empty: byId("transcript-empty"), badge: byId("transcript-state") });
const note = new NoteView({ editor: byId("note-editor"), state: byId("note-state"), transcript });
const codes = new CodesView({ client, container: byId("codes"), state: byId("codes-state"), transcript, onError: showBanner });
const documents = new DocumentsView({ client, container: byId("documents"), state: byId("document-state"), onError: showBanner });
const signOff = new SignOffView({
  client,
  button: byId("note-sign-off"),
  state: byId("sign-off-state"),
  note,
  onError: showBanner,
});
const unaddressed = new UnaddressedView({
  client,
  section: byId("unaddressed"),
  list: byId("unaddressed-list"),
  state: byId("unaddressed-state"),
  note,
  onError: showBanner,
});
const ask = new AskView({
  client,
  form: byId("ask-form"),
  answer: byId("ask-answer"),
  getContext: () => note.text || transcript.text,
  onError: showBanner,
});
const visits = new VisitsPanel({ client, list: byId("visit-list"), onOpen: (id) => openVisit(id), onError: showBanner });
const patients = new PatientsPanel({
  client,
  elements: {
    searchForm: byId("patient-search"),
    query: byId("patient-query"),
    list: byId("patient-list"),
    createForm: byId("patient-form"),
    details: byId("new-patient"),
    error: byId("patient-error"),
  },
  onSelect: (patient) => {
    ui.startVisit.disabled = false;
    if (!visit.id) {
      ui.visitTitle.textContent = patientName(patient);
      ui.visitSub.textContent = "Start a visit to record it.";
    }
    ui.startVisit.textContent = `Start visit for ${patientName(patient)}`;
  },
  onError: showBanner,
});

const visit = { id: null, poller: null, templates: [] };

// --- Sign in ------------------------------------------------------------------------------

const signInTabs = [byId("signin-tab-key"), byId("signin-tab-client")];
let signInMode = "apiKey";

function chooseSignInMode(mode, { focus = false } = {}) {
  signInMode = mode;
  for (const tab of signInTabs) {
    const selected = tab.dataset.mode === mode;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    show(byId(tab.getAttribute("aria-controls")), selected);
    if (selected && focus) tab.focus();
  }
  setMessage(ui.signInError, "");
}

for (const tab of signInTabs) {
  tab.addEventListener("click", () => chooseSignInMode(tab.dataset.mode));
  // Arrow keys, Home and End move between the tabs, as in any tab list.
  tab.addEventListener("keydown", (event) => {
    const at = signInTabs.indexOf(tab);
    const next = {
      ArrowRight: (at + 1) % signInTabs.length,
      ArrowLeft: (at - 1 + signInTabs.length) % signInTabs.length,
      Home: 0,
      End: signInTabs.length - 1,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    chooseSignInMode(signInTabs[next].dataset.mode, { focus: true });
  });
}

function firstSignInField() {
  return byId(signInMode === "client" ? "signin-client-id" : "signin-key");
}

function renderSignedOut() {
  show(ui.signInView, true);
  show(ui.workspace, false);
  show(ui.account, false);
  firstSignInField().focus();
}

async function renderSignedIn() {
  show(ui.signInView, false);
  show(ui.workspace, true);
  show(ui.account, true);
  setMessage(ui.signInError, "");
  ui.accountName.textContent = client.clinicianEmail;
  const restored = await queue.open();
  if (restored) showBanner(`${plural(restored, "recorded chunk")} from an earlier page were not uploaded yet; uploading them now.`);
  await Promise.all([loadTemplates(), patients.search(""), visits.refresh()]);
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get("session");
  if (fromHash) await openVisit(fromHash);
}

// The fields of the chosen way to sign in, or a message saying what is missing.
function signInRequest() {
  const form = ui.signInForm.elements;
  if (signInMode === "client") {
    const clientId = form.clientId.value.trim();
    const clientSecret = form.clientSecret.value;
    if (!clientId || !clientSecret) {
      return { problem: "Enter the client ID and the client secret.", field: clientId ? form.clientSecret : form.clientId };
    }
    return { run: () => client.signInWithClient({ clientId, clientSecret }) };
  }
  const apiKey = form.apiKey.value.trim();
  const email = form.email.value.trim();
  if (!apiKey || !email || !form.email.checkValidity()) {
    return { problem: "Enter the API key and a valid email address.", field: apiKey ? form.email : form.apiKey };
  }
  return { run: () => client.signIn({ apiKey, email, userId: form.userId.value.trim() }) };
}

ui.signInForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const request = signInRequest();
  if (request.problem) {
    setMessage(ui.signInError, request.problem);
    request.field.focus();
    return;
  }
  const submit = byId("signin-submit");
  submit.disabled = true;
  try {
    await request.run();
    ui.signInForm.reset();
    await renderSignedIn();
  } catch (error) {
    const message = error instanceof NetworkError ? error.message : `Sign-in failed: ${error.message}`;
    setMessage(ui.signInError, message);
  } finally {
    submit.disabled = false;
  }
});

byId("sign-out").addEventListener("click", () => client.signOut());
byId("visits-refresh").addEventListener("click", () => visits.refresh());

// --- Templates ------------------------------------------------------------------------------

async function loadTemplates() {
  try {
    visit.templates = await client.listTemplates();
  } catch (error) {
    showBanner(`Templates could not be loaded: ${error.message}`);
    return;
  }
  const fill = (select, category) => {
    const options = visit.templates
      .filter((template) => template.category === category)
      .map((template) => new Option(template.name, template.id));
    select.replaceChildren(...options);
  };
  fill(ui.noteTemplate, "CONSULT_NOTE_TEMPLATE");
  fill(ui.documentTemplate, "DOCUMENT_TEMPLATE");
}

// --- Visits ---------------------------------------------------------------------------------

ui.startVisit.addEventListener("click", async () => {
  const patient = patients.selected;
  if (!patient) return;
  ui.startVisit.disabled = true;
  try {
    const sessionId = await client.createSession({ patientProfileId: patient.id });
    await openVisit(sessionId);
    await visits.refresh();
  } catch (error) {
    showBanner(`The visit could not be started: ${error.message}`);
  } finally {
    ui.startVisit.disabled = false;
  }
});

function stopVisit() {
  visit.poller?.stop();
  visit.poller = null;
  visit.id = null;
}

async function openVisit(sessionId) {
  if (recording.active) {
    showBanner("Finish the current recording before opening another visit.");
    return;
  }
  let session;
  try {
    session = await client.getSession(sessionId);
  } catch (error) {
    showBanner(`That visit could not be opened: ${error.message}`);
    return;
  }
  stopVisit();
  visit.id = sessionId;
  window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}#session=${encodeURIComponent(sessionId)}`);
  visits.activeId = sessionId;
  ui.visitTitle.textContent = `Visit · ${patientName(session.patient)}`;
  ui.visitSub.textContent = `Started ${formatDateTime(session.createdAt)}`;
  show(ui.panels, true);
  transcript.clear();
  note.clear();
  codes.clear(sessionId);
  documents.clear(sessionId);
  ask.clear(sessionId);
  signOff.clear(sessionId);
  unaddressed.clear(sessionId);
  recording.open(sessionId);
  if (session.note) {
    note.endStream(session.note);
    unaddressed.show(session.note.unaddressed);
    ui.noteCopy.disabled = false;
  }
  showSignedNote(sessionId);
  visit.poller = every(TRANSCRIPT_POLL_MS, () => refreshTranscript(sessionId));
  documents.load();
  byId("recorder-title").scrollIntoView({ block: "nearest" });
}

// A signed note is shown as signed; the draft stays only if it reads exactly the same (it keeps
// its links to the transcript).
async function showSignedNote(sessionId) {
  const signed = await signOff.load();
  if (!signed || visit.id !== sessionId || note.streaming || signed.content === note.markdown) return;
  note.endStream({ markdown: signed.content, sections: [] });
  byId("note-state").textContent = "This is the note as signed off. Edit it to write an amendment.";
  ui.noteCopy.disabled = false;
  signOff.update();
  unaddressed.check();
}

async function refreshTranscript(sessionId) {
  if (visit.id !== sessionId) return;
  try {
    const chunks = await client.liveTranscript(sessionId);
    if (visit.id === sessionId) transcript.render(chunks);
  } catch (error) {
    // The next poll retries what may pass; anything else is shown.
    if (!isRetryable(error)) showBanner(`The transcript could not be read: ${error.message}`);
  }
}

// --- Recording ------------------------------------------------------------------------------

window.addEventListener("beforeunload", (event) => {
  // Uploaded and queued chunks are safe; the chunk being recorded right now is not.
  if (recording.active || (queue.waiting > 0 && !queue.store.durable)) event.preventDefault();
});
window.addEventListener("offline", () => showBanner("You are offline. Recording continues; chunks wait here until the connection is back."));
window.addEventListener("online", () => showBanner(""));

// --- Note -----------------------------------------------------------------------------------

async function waitForTranscript(sessionId) {
  while (visit.id === sessionId && (queue.waitingFor(sessionId) > 0 || transcript.pending)) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await refreshTranscript(sessionId);
  }
}

ui.noteForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const sessionId = visit.id;
  if (!sessionId || !ui.noteTemplate.value) return;
  ui.noteGenerate.disabled = true;
  ui.noteCopy.disabled = true;
  const state = byId("note-state");
  try {
    if (queue.waitingFor(sessionId) > 0 || transcript.pending) {
      state.textContent = "Waiting for the transcript to finish…";
      await waitForTranscript(sessionId);
    }
    state.textContent = "Writing the note…";
    note.beginStream();
    unaddressed.clear(sessionId);
    signOff.update();
    for await (const piece of client.streamConsultNote(sessionId, {
      templateId: ui.noteTemplate.value,
      voiceStyle: ui.noteStyle.value,
    })) {
      if (visit.id !== sessionId) return;
      note.appendStream(piece);
    }
    // The stream carries the text only; the stored note has its sentences and their evidence.
    const written = (await client.getSession(sessionId)).note;
    if (visit.id !== sessionId) return;
    if (!written) throw new Error("the server did not store it.");
    note.endStream(written);
    unaddressed.show(written.unaddressed);
    if (!written.sections.length) state.textContent = "The note is ready. Edit it here, then copy it into the record.";
    ui.noteCopy.disabled = false;
  } catch (error) {
    note.endStream({ markdown: note.text, sections: [] });
    unaddressed.check();
    state.textContent = "";
    showBanner(`The note was not written: ${error.message}`);
  } finally {
    ui.noteGenerate.disabled = false;
    signOff.update();
  }
});

ui.noteCopy.addEventListener("click", async () => {
  const copied = await copyText(note.text);
  byId("note-state").textContent = copied ? "Note copied to the clipboard." : "Copying failed: select the text and copy it by hand.";
});

// --- Codes and documents -------------------------------------------------------------------

byId("codes-load").addEventListener("click", () => codes.load().catch((error) => showBanner(error.message)));

ui.documentForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const option = ui.documentTemplate.selectedOptions[0];
  if (option) documents.generate(option.value, option.textContent);
});

// --- Start ----------------------------------------------------------------------------------

if (client.restore()) {
  renderSignedIn().catch((error) => showBanner(error.message));
} else {
  renderSignedOut();
}
