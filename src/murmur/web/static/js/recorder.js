// Microphone capture in chunks that are each a complete audio file: one MediaRecorder per chunk,
// the next one started just before the previous one stops, so nothing falls between chunks.
// A chunk ends at the first pause in speech once it is long enough (or at its maximum length), so
// cuts fall between words: a word cut in two is a word the transcript loses.

const PREFERRED_TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4", "audio/webm"];
// Speech recognition loses words below about 48 kbit/s Opus; 64 kbit/s is ~0.5 MB a minute.
const AUDIO_BITS_PER_SECOND = 64_000;
const TICK_MS = 100;
// A pause: the input this close to the room's quietest recent level for this long.
const PAUSE_MS = 300;
const PAUSE_MARGIN = 0.12;
const FLOOR_RISE_PER_TICK = 0.002;

export class MicrophoneError extends Error {
  constructor(message) {
    super(message);
    this.name = "MicrophoneError";
  }
}

function explainMediaError(error) {
  switch (error?.name) {
    case "NotAllowedError":
    case "SecurityError":
      return "Microphone access was refused. Allow the microphone for this site (the icon in the address bar), then press Record again.";
    case "NotFoundError":
    case "OverconstrainedError":
      return "No microphone was found. Connect one and press Record again.";
    case "NotReadableError":
    case "AbortError":
      return "The microphone is in use by another application or could not be started. Close the other application and try again.";
    default:
      return `The microphone could not be started (${error?.message || error}).`;
  }
}

function pickMimeType() {
  return PREFERRED_TYPES.find((type) => MediaRecorder.isTypeSupported(type)) ?? "";
}

// Events: "chunk" {index, blob, startSeconds, durationSeconds}, "tick" {elapsedSeconds, level},
// "interrupted" {message} when the microphone goes away mid-visit.
export class ChunkedRecorder extends EventTarget {
  #stream = null;
  #recorder = null;
  #audioContext = null;
  #analyser = null;
  #samples = null;
  #ticker = null;
  #recordedMs = 0;
  #resumedAt = null;
  #chunkStartMs = 0;
  #emitted = 0;
  #pendingStops = [];

  #quietMs = 0;
  #floor = 1;

  constructor({ chunkSeconds, maxChunkSeconds = chunkSeconds + 15 }) {
    super();
    this.chunkMs = chunkSeconds * 1000;
    this.maxChunkMs = Math.max(chunkSeconds, maxChunkSeconds) * 1000;
    this.state = "idle";
    this.mimeType = "";
  }

  get elapsedSeconds() {
    const running = this.#resumedAt === null ? 0 : performance.now() - this.#resumedAt;
    return (this.#recordedMs + running) / 1000;
  }

  async start() {
    if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) {
      throw new MicrophoneError("Recording needs a secure connection: open Murmur over HTTPS (or on localhost).");
    }
    if (typeof MediaRecorder === "undefined") {
      throw new MicrophoneError("This browser cannot record audio. Use a current Chrome, Edge, Firefox or Safari.");
    }
    try {
      this.#stream = await navigator.mediaDevices.getUserMedia({
        // Raw room audio: the browser's call-oriented processing (echo, noise, gain) costs words.
        audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
      });
    } catch (error) {
      throw new MicrophoneError(explainMediaError(error));
    }
    for (const track of this.#stream.getAudioTracks()) {
      track.addEventListener("ended", () => this.#interrupt());
    }
    this.mimeType = pickMimeType();
    this.#startLevelMeter();
    this.#beginChunk();
    this.#resumedAt = performance.now();
    this.state = "recording";
    this.#ticker = setInterval(() => this.#tick(), TICK_MS);
  }

  pause() {
    if (this.state !== "recording") return;
    this.#recorder.pause();
    this.#recordedMs += performance.now() - this.#resumedAt;
    this.#resumedAt = null;
    this.state = "paused";
    this.#emitTick();
  }

  resume() {
    if (this.state !== "paused") return;
    this.#recorder.resume();
    this.#resumedAt = performance.now();
    this.state = "recording";
  }

  // Ends the recording; resolves once the last chunk has been handed out.
  async stop() {
    if (this.state === "idle" || this.state === "stopped") return;
    if (this.#resumedAt !== null) this.#recordedMs += performance.now() - this.#resumedAt;
    this.#resumedAt = null;
    this.state = "stopped";
    clearInterval(this.#ticker);
    const last = this.#stopRecorder(this.#recorder);
    this.#recorder = null;
    await Promise.all([...this.#pendingStops, last]);
    for (const track of this.#stream.getTracks()) track.stop();
    await this.#audioContext?.close();
    this.#emitTick();
  }

  #interrupt() {
    if (this.state === "stopped" || this.state === "idle") return;
    this.dispatchEvent(
      new CustomEvent("interrupted", {
        detail: { message: "The microphone stopped (unplugged or switched off). What was recorded so far is kept." },
      }),
    );
  }

  #beginChunk() {
    const options = { audioBitsPerSecond: AUDIO_BITS_PER_SECOND };
    if (this.mimeType) options.mimeType = this.mimeType;
    const recorder = new MediaRecorder(this.#stream, options);
    const parts = [];
    const startMs = this.#recordedMs + (this.#resumedAt === null ? 0 : performance.now() - this.#resumedAt);
    recorder.addEventListener("dataavailable", (event) => {
      if (event.data.size > 0) parts.push(event.data);
    });
    recorder.chunkStartMs = startMs;
    recorder.parts = parts;
    recorder.start();
    this.#recorder = recorder;
    this.#chunkStartMs = startMs;
  }

  #stopRecorder(recorder) {
    const endMs = this.elapsedSeconds * 1000;
    return new Promise((resolve) => {
      recorder.addEventListener(
        "stop",
        () => {
          const blob = new Blob(recorder.parts, { type: recorder.mimeType || this.mimeType || "audio/webm" });
          if (blob.size > 0) {
            const detail = {
              index: this.#emitted++,
              blob,
              startSeconds: recorder.chunkStartMs / 1000,
              durationSeconds: Math.max(0, endMs - recorder.chunkStartMs) / 1000,
            };
            this.dispatchEvent(new CustomEvent("chunk", { detail }));
          }
          resolve();
        },
        { once: true },
      );
      if (recorder.state !== "inactive") recorder.stop();
    });
  }

  #rotate() {
    const previous = this.#recorder;
    this.#beginChunk();
    const stopped = this.#stopRecorder(previous);
    this.#pendingStops.push(stopped);
    stopped.then(() => {
      this.#pendingStops = this.#pendingStops.filter((pending) => pending !== stopped);
    });
  }

  #tick() {
    const level = this.state === "recording" ? this.#level() : 0;
    if (this.state === "recording") {
      this.#floor = Math.min(this.#floor + FLOOR_RISE_PER_TICK, level);
      this.#quietMs = level <= this.#floor + PAUSE_MARGIN ? this.#quietMs + TICK_MS : 0;
      const chunkMs = this.elapsedSeconds * 1000 - this.#chunkStartMs;
      const paused = this.#analyser === null || this.#quietMs >= PAUSE_MS;
      if (chunkMs >= this.maxChunkMs || (chunkMs >= this.chunkMs && paused)) this.#rotate();
    }
    this.#emitTick(level);
  }

  #emitTick(level = 0) {
    this.dispatchEvent(new CustomEvent("tick", { detail: { elapsedSeconds: this.elapsedSeconds, level } }));
  }

  #startLevelMeter() {
    try {
      this.#audioContext = new AudioContext();
      const source = this.#audioContext.createMediaStreamSource(this.#stream);
      this.#analyser = this.#audioContext.createAnalyser();
      this.#analyser.fftSize = 1024;
      this.#samples = new Float32Array(this.#analyser.fftSize);
      source.connect(this.#analyser);
    } catch {
      // The meter is a comfort, not a requirement: record without it.
      this.#analyser = null;
    }
  }

  // Input level on 0..1 from the RMS in dBFS, so quiet speech still moves the meter.
  #level() {
    if (!this.#analyser) return 0;
    this.#analyser.getFloatTimeDomainData(this.#samples);
    let sum = 0;
    for (const sample of this.#samples) sum += sample * sample;
    const rms = Math.sqrt(sum / this.#samples.length);
    const decibels = 20 * Math.log10(rms || 1e-8);
    return Math.min(1, Math.max(0, (decibels + 60) / 60));
  }
}
