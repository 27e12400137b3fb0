// The live transcript: one list item per uploaded chunk with its status, speaker-labelled segments
// inside, and highlighting of the segments a note sentence or a code rests on.

import { formatClock, h } from "./dom.js";

const STATUS_LABELS = { PENDING: "Transcribing…", READY: "Transcribed", FAILED: "Failed" };
const SPEAKER_LABELS = { CLINICIAN: "Clinician", PATIENT: "Patient" };

function normalise(text) {
  return (text || "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

export class TranscriptView {
  #rendered = new Map();

  constructor({ list, empty, badge }) {
    this.list = list;
    this.empty = empty;
    this.badge = badge;
    this.chunks = [];
  }

  clear() {
    this.#rendered.clear();
    this.list.replaceChildren();
    this.chunks = [];
    this.empty.hidden = false;
    this.badge.textContent = "";
  }

  get pending() {
    return this.chunks.some((chunk) => chunk.status === "PENDING");
  }

  get text() {
    return this.chunks.map((chunk) => chunk.text).join(" ").trim();
  }

  /** @param {import("./api.js").TranscriptChunk[]} chunks */
  render(chunks) {
    this.chunks = chunks;
    let offset = 0;
    const seen = new Set();
    this.chunks.forEach((chunk, position) => {
      seen.add(chunk.id);
      const signature = JSON.stringify([offset, chunk.status, chunk.text, chunk.segments, chunk.duration]);
      const previous = this.#rendered.get(chunk.id);
      if (previous?.signature !== signature) {
        const item = this.#renderChunk(chunk, position, offset);
        if (previous) previous.element.replaceWith(item);
        else this.list.append(item);
        this.#rendered.set(chunk.id, { element: item, signature });
      }
      offset += chunk.duration;
    });
    for (const [id, { element }] of this.#rendered) {
      if (!seen.has(id)) {
        element.remove();
        this.#rendered.delete(id);
      }
    }
    this.empty.hidden = this.chunks.length > 0;
    const ready = this.chunks.filter((chunk) => chunk.status === "READY").length;
    const failed = this.chunks.filter((chunk) => chunk.status === "FAILED").length;
    this.badge.textContent = this.chunks.length
      ? `${ready} of ${this.chunks.length} chunks transcribed${failed ? `, ${failed} failed` : ""}`
      : "";
  }

  /** @param {import("./api.js").TranscriptChunk} chunk */
  #renderChunk(chunk, position, offsetSeconds) {
    const { status, duration, segments } = chunk;
    const range = duration
      ? `${formatClock(offsetSeconds)}–${formatClock(offsetSeconds + duration)}`
      : formatClock(offsetSeconds);
    const body = segments.length
      ? segments.map((segment) => this.#renderSegment(segment))
      : [h("p", { class: "segment" }, chunk.text || (status === "PENDING" ? "…" : ""))];
    return h(
      "li",
      { class: `chunk status-${status.toLowerCase()}`, dataset: { chunkId: chunk.id } },
      h(
        "div",
        { class: "chunk-head" },
        h("span", { class: "chunk-name" }, `Chunk ${position + 1}`),
        h("span", { class: "chunk-time" }, range),
        h("span", { class: `badge status-${status.toLowerCase()}` }, STATUS_LABELS[status]),
      ),
      body,
    );
  }

  /** @param {import("./api.js").TranscriptSegment} segment */
  #renderSegment(segment) {
    const { speaker } = segment;
    return h(
      "p",
      { class: "segment", dataset: { index: segment.index } },
      speaker ? h("span", { class: `speaker speaker-${speaker.toLowerCase()}` }, SPEAKER_LABELS[speaker]) : null,
      h("span", { class: "segment-text" }, segment.text),
    );
  }

  clearHighlight() {
    for (const marked of this.list.querySelectorAll(".evidence")) marked.classList.remove("evidence");
  }

  // Marks the transcript segments with these indices; returns how many were found.
  highlightSegments(indices) {
    this.clearHighlight();
    const wanted = new Set(indices.map(String));
    const found = [...this.list.querySelectorAll(".segment[data-index]")].filter((element) =>
      wanted.has(element.dataset.index),
    );
    return this.#mark(found);
  }

  // Marks the segments that contain this quoted text (for evidence given as text, not indices).
  highlightQuotes(quotes) {
    this.clearHighlight();
    const segments = [...this.list.querySelectorAll(".segment")];
    const found = new Set();
    for (const quote of quotes.map(normalise).filter(Boolean)) {
      for (const segment of segments) {
        const text = normalise((segment.querySelector(".segment-text") ?? segment).textContent);
        if (text.includes(quote) || (text.length > 12 && quote.includes(text))) found.add(segment);
      }
    }
    return this.#mark([...found]);
  }

  #mark(elements) {
    for (const element of elements) element.classList.add("evidence");
    elements[0]?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    return elements.length;
  }
}
