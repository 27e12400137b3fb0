// The upload queue for recorded chunks. Every chunk is written to IndexedDB before it is sent and
// removed only once the server has acknowledged it, so a dropped network, a server restart or a
// closed tab loses nothing: the queue retries with backoff and resumes after a reload.

import { ApiError, isRetryable } from "./api.js";

const DB_NAME = "murmur-web";
const DB_VERSION = 1;
const SEGMENTS = "segments";
const RECORDINGS = "recordings";
const BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 15_000];

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

// IndexedDB when the browser allows it; memory only otherwise (private windows, some policies).
class ChunkStore {
  #db = null;

  async open() {
    try {
      const request = indexedDB.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = () => {
        request.result.createObjectStore(SEGMENTS, { keyPath: "key" });
        request.result.createObjectStore(RECORDINGS, { keyPath: "key" });
      };
      this.#db = await promised(request);
    } catch {
      this.#db = null;
    }
    return this;
  }

  get durable() {
    return this.#db !== null;
  }

  async #run(storeName, mode, action) {
    if (!this.#db) return undefined;
    const transaction = this.#db.transaction(storeName, mode);
    const result = await promised(action(transaction.objectStore(storeName)));
    return result;
  }

  put(storeName, value) {
    return this.#run(storeName, "readwrite", (store) => store.put(value));
  }

  delete(storeName, key) {
    return this.#run(storeName, "readwrite", (store) => store.delete(key));
  }

  async all(storeName) {
    return (await this.#run(storeName, "readonly", (store) => store.getAll())) ?? [];
  }
}

const recordingKey = (sessionId, recordingId) => `${sessionId}/${recordingId}`;

// Events: "change" {waiting, failed, offline, lastError}, "finished" {sessionId, recordingId}.
export class SegmentQueue extends EventTarget {
  #items = [];
  #endedRecordings = new Map();
  #pumping = false;
  #offline = false;
  #lastError = "";
  #wake = null;
  #opened = false;

  constructor({ client }) {
    super();
    this.client = client;
    this.store = new ChunkStore();
    window.addEventListener("online", () => this.#wakeUp());
  }

  // Takes up what an earlier page left; returns how many chunks it found still to upload.
  async open() {
    if (this.#opened) return 0;
    this.#opened = true;
    await this.store.open();
    const restored = await this.store.all(SEGMENTS);
    restored.sort((a, b) => a.createdAt - b.createdAt);
    this.#items.push(...restored.map((item) => ({ ...item, failed: false })));
    for (const recording of await this.store.all(RECORDINGS)) this.#endedRecordings.set(recording.key, recording);
    for (const { sessionId, recordingId } of restored) {
      // Its recorder went with the old page: the recording is finished once these chunks are in.
      const key = recordingKey(sessionId, recordingId);
      if (!this.#endedRecordings.has(key)) this.#endedRecordings.set(key, { key, sessionId, recordingId });
    }
    this.#changed();
    this.#pump();
    return restored.length;
  }

  get waiting() {
    return this.#items.length;
  }

  waitingFor(sessionId) {
    return this.#items.filter((item) => item.sessionId === sessionId).length;
  }

  async enqueue({ sessionId, recordingId, index, blob }) {
    const item = {
      key: `${recordingKey(sessionId, recordingId)}/${index}`,
      sessionId,
      recordingId,
      index,
      blob,
      createdAt: Date.now(),
      failed: false,
    };
    this.#items.push(item);
    this.#changed();
    try {
      await this.store.put(SEGMENTS, { ...item, failed: undefined });
    } catch {
      // Storage full or refused: the chunk is still held in memory and will be sent.
    }
    this.#pump();
  }

  // The recording has ended: finish it on the server once all of its chunks are uploaded.
  async endRecording(sessionId, recordingId) {
    const key = recordingKey(sessionId, recordingId);
    const recording = { key, sessionId, recordingId };
    this.#endedRecordings.set(key, recording);
    await this.store.put(RECORDINGS, recording).catch(() => {});
    this.#pump();
  }

  retryFailed() {
    for (const item of this.#items) item.failed = false;
    this.#wakeUp();
    this.#pump();
  }

  #wakeUp() {
    this.#wake?.();
  }

  #changed() {
    const failed = this.#items.filter((item) => item.failed).length;
    const detail = { waiting: this.#items.length, failed, offline: this.#offline, lastError: this.#lastError };
    this.dispatchEvent(new CustomEvent("change", { detail }));
  }

  #sleep(ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async #pump() {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      let attempt = 0;
      for (;;) {
        const next = this.#items.find((item) => !item.failed);
        const work = next ? () => this.#upload(next) : this.#nextFinish();
        if (!work) break;
        try {
          await work();
          attempt = 0;
          if (this.#offline) {
            this.#offline = false;
            this.#lastError = "";
          }
        } catch (error) {
          if (!isRetryable(error)) {
            next.failed = true;
            this.#lastError = error.message;
            this.#changed();
            continue;
          }
          this.#offline = true;
          this.#lastError = error.message;
          this.#changed();
          await this.#sleep(BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]);
          attempt += 1;
        }
        this.#changed();
      }
    } finally {
      this.#pumping = false;
    }
  }

  async #upload(item) {
    try {
      await this.client.uploadSegment(item.sessionId, item.recordingId, item.index, item.blob);
    } catch (error) {
      // 409: the server already has this chunk (our earlier try got through); it is safe.
      if (!(error instanceof ApiError && error.status === 409)) throw error;
    }
    this.#items = this.#items.filter((queued) => queued !== item);
    await this.store.delete(SEGMENTS, item.key).catch(() => {});
  }

  // A finish call for an ended recording whose chunks are all uploaded, or null when none is due.
  #nextFinish() {
    for (const recording of this.#endedRecordings.values()) {
      const outstanding = this.#items.some(
        (item) => item.sessionId === recording.sessionId && item.recordingId === recording.recordingId,
      );
      if (outstanding) continue;
      return async () => {
        let failure = "";
        try {
          await this.client.finishRecording(recording.sessionId, recording.recordingId);
        } catch (error) {
          if (isRetryable(error)) throw error;
          // 409: already finished by an earlier try. Anything else will not improve by retrying.
          if (!(error instanceof ApiError && error.status === 409)) failure = error.message;
        }
        this.#endedRecordings.delete(recording.key);
        await this.store.delete(RECORDINGS, recording.key).catch(() => {});
        this.dispatchEvent(new CustomEvent("finished", { detail: { ...recording, failure } }));
      };
    }
    return null;
  }
}
