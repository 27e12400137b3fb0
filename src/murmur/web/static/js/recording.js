// The recording panel: Record / Pause / End buttons, timer, level meter and upload state for the
// open visit. Chunks go to the upload queue; the queue finishes the recording once all are in.

import { formatClock, plural, setMessage } from "./dom.js";
import { ChunkedRecorder, MicrophoneError } from "./recorder.js";

export class RecordingPanel {
  #recorder = null;
  #recordingId = null;
  #recordingSessionId = null;
  #finished = false;

  constructor({ client, queue, ui, chunkSeconds, maxChunkSeconds, onActiveChange, onFinished, onBanner }) {
    this.client = client;
    this.queue = queue;
    this.ui = ui;
    this.chunkSeconds = chunkSeconds;
    this.maxChunkSeconds = maxChunkSeconds;
    this.onActiveChange = onActiveChange;
    this.onFinished = onFinished;
    this.onBanner = onBanner;
    this.sessionId = null;
    ui.record.addEventListener("click", () => this.start());
    ui.pause.addEventListener("click", () => this.togglePause());
    ui.stop.addEventListener("click", () => this.end());
    queue.addEventListener("change", ({ detail }) => this.#renderUploads(detail));
    queue.addEventListener("finished", ({ detail }) => this.#recordingFinished(detail));
  }

  get active() {
    return this.#recorder !== null && this.#recorder.state !== "stopped";
  }

  open(sessionId) {
    this.sessionId = sessionId;
    this.#recorder = null;
    this.#recordingId = null;
    this.#finished = false;
    const { ui } = this;
    ui.record.disabled = false;
    ui.record.textContent = "Record";
    ui.pause.disabled = true;
    ui.pause.textContent = "Pause";
    ui.stop.disabled = true;
    ui.timer.textContent = "0:00";
    ui.level.value = 0;
    ui.recorderState.textContent = "Ready to record.";
    setMessage(ui.recorderError, "");
    this.#renderUploads({ waiting: this.queue.waitingFor(sessionId), failed: 0, offline: false, lastError: "" });
  }

  async start() {
    const { ui } = this;
    const sessionId = this.sessionId;
    if (!sessionId || this.active) return;
    setMessage(ui.recorderError, "");
    ui.record.disabled = true;
    const recorder = new ChunkedRecorder({ chunkSeconds: this.chunkSeconds, maxChunkSeconds: this.maxChunkSeconds });
    let recordingId;
    try {
      await recorder.start();
      recordingId = await this.client.startRecording(sessionId);
    } catch (error) {
      await recorder.stop().catch(() => {});
      ui.record.disabled = false;
      const message = error instanceof MicrophoneError ? error.message : `Recording could not start: ${error.message}`;
      setMessage(ui.recorderError, message);
      ui.recorderState.textContent = "Not recording.";
      return;
    }
    this.#recorder = recorder;
    this.#recordingId = recordingId;
    this.#recordingSessionId = sessionId;
    recorder.addEventListener("chunk", ({ detail }) => {
      this.queue.enqueue({ sessionId, recordingId, index: detail.index, blob: detail.blob });
    });
    recorder.addEventListener("tick", ({ detail }) => {
      ui.timer.textContent = formatClock(detail.elapsedSeconds);
      ui.level.value = detail.level;
    });
    recorder.addEventListener("interrupted", ({ detail }) => {
      setMessage(ui.recorderError, detail.message);
      this.end();
    });
    ui.pause.disabled = false;
    ui.stop.disabled = false;
    ui.record.textContent = "Recording…";
    ui.recorderState.textContent =
      `Recording. Audio is uploaded every ${this.chunkSeconds}–${this.maxChunkSeconds} seconds, at a pause.`;
    this.onActiveChange(true);
  }

  togglePause() {
    const recorder = this.#recorder;
    if (recorder?.state === "recording") {
      recorder.pause();
      this.ui.pause.textContent = "Resume";
      this.ui.recorderState.textContent = "Paused. Nothing is recorded until you resume.";
    } else if (recorder?.state === "paused") {
      recorder.resume();
      this.ui.pause.textContent = "Pause";
      this.ui.recorderState.textContent = "Recording.";
    }
  }

  async end() {
    const recorder = this.#recorder;
    if (!recorder || recorder.state === "stopped") return;
    const { ui } = this;
    ui.pause.disabled = true;
    ui.stop.disabled = true;
    await recorder.stop();
    ui.level.value = 0;
    ui.record.textContent = "Record more";
    ui.record.disabled = false;
    ui.recorderState.textContent = "Recording ended. Uploading the last audio…";
    this.onActiveChange(false);
    await this.queue.endRecording(this.#recordingSessionId, this.#recordingId);
  }

  #renderUploads({ waiting, failed, offline, lastError }) {
    const parts = [];
    if (waiting) parts.push(`${plural(waiting, "chunk")} waiting to upload`);
    if (failed) parts.push(`${failed} refused by the server (${lastError})`);
    if (offline) parts.push("network connection lost, retrying; nothing recorded is lost");
    const recorded = this.#recordingId !== null || this.#finished;
    const state = this.ui.uploadState;
    state.textContent = parts.length ? `${parts.join("; ")}.` : recorded ? "All recorded audio is uploaded." : "";
    state.classList.toggle("warning", offline || failed > 0);
  }

  #recordingFinished(detail) {
    if (detail.failure) this.onBanner(`The recording could not be completed: ${detail.failure}`);
    if (detail.sessionId !== this.sessionId) return;
    this.#finished = true;
    this.#renderUploads({ waiting: this.queue.waitingFor(this.sessionId), failed: 0, offline: false, lastError: "" });
    this.ui.recorderState.textContent = "Recording uploaded. The transcript finishes in a moment; then write the note.";
    this.onFinished(detail.sessionId);
  }
}
