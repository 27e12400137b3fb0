// Suggested clinical codes (ICD-10-CM diagnoses and CPT visit codes) with confidence, reason,
// evidence in the transcript on request, and thumbs up/down saved back to the server.

import { h } from "./dom.js";

export const CODING_SYSTEMS = [
  { system: "ICD-10-CM", title: "Diagnoses · ICD-10-CM" },
  { system: "CPT-2025", title: "Procedures and visit level · CPT" },
];
const POLL_MS = 2_000;
const MAX_POLLS = 90;

export class CodesView {
  constructor({ client, container, state, transcript, onError }) {
    this.client = client;
    this.container = container;
    this.state = state;
    this.transcript = transcript;
    this.onError = onError;
    this.sessionId = null;
    this.generation = 0;
  }

  clear(sessionId = null) {
    this.sessionId = sessionId;
    this.generation += 1;
    this.container.replaceChildren();
    this.state.textContent = "";
  }

  async load() {
    const sessionId = this.sessionId;
    const generation = ++this.generation;
    this.container.replaceChildren();
    this.state.textContent = "Suggesting codes…";
    const results = await Promise.allSettled(
      CODING_SYSTEMS.map(({ system }) => this.#fetchReady(sessionId, system, generation)),
    );
    if (generation !== this.generation) return;
    const groups = [];
    const problems = [];
    results.forEach((result, position) => {
      const { system, title } = CODING_SYSTEMS[position];
      if (result.status === "fulfilled") groups.push(this.#renderGroup(system, title, result.value));
      else problems.push(`${system}: ${result.reason?.message ?? result.reason}`);
    });
    this.container.replaceChildren(...groups);
    const count = this.container.querySelectorAll(".code").length;
    this.state.textContent = problems.length
      ? `Some codes could not be suggested. ${problems.join(" ")}`
      : `${count} code${count === 1 ? "" : "s"} suggested. Check each before billing.`;
  }

  /** @returns {Promise<import("./api.js").CodedEntity[]>} */
  async #fetchReady(sessionId, system, generation) {
    for (let poll = 0; poll < MAX_POLLS; poll += 1) {
      const { status, entities } = await this.client.clinicalCodes(sessionId, system);
      if (status === "FAILED") throw new Error("coding failed on the server.");
      if (status === "READY" || generation !== this.generation) return entities;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    throw new Error("still processing; try again shortly.");
  }

  #renderGroup(system, title, entities) {
    return h(
      "section",
      { class: "code-group", "aria-label": title },
      h("h3", {}, title),
      entities.length
        ? h("ul", { class: "code-list" }, entities.map((entity) => this.#renderEntity(system, entity)))
        : h("p", { class: "hint" }, "No codes suggested for this visit."),
    );
  }

  /** @param {string} system @param {import("./api.js").CodedEntity} entity */
  #renderEntity(system, entity) {
    const { code, references } = entity;
    const evidence = h(
      "ul",
      { class: "code-evidence", hidden: true },
      references.length
        ? references.map((reference) =>
            h("li", {}, h("span", { class: "source" }, reference.source === "CONSULT_NOTE" ? "Note" : "Transcript"), ` “${reference.text}”`),
          )
        : h("li", {}, "No evidence was given for this code."),
    );
    const evidenceButton = h(
      "button",
      { type: "button", class: "button small ghost", "aria-expanded": "false" },
      "Evidence",
    );
    evidenceButton.addEventListener("click", () => {
      const open = evidenceButton.getAttribute("aria-expanded") !== "true";
      evidenceButton.setAttribute("aria-expanded", String(open));
      evidence.hidden = !open;
      if (open) this.#highlight(references);
      else this.transcript.clearHighlight();
    });
    const thumbs = this.#renderThumbs(system, code, entity.thumbs);
    return h(
      "li",
      { class: "code", dataset: { code } },
      h(
        "div",
        { class: "code-line" },
        h("strong", { class: "code-value" }, code),
        h("span", { class: "code-description" }, entity.description),
        h("span", { class: "confidence", title: "Confidence" }, `${Math.round(entity.confidence * 100)}%`),
      ),
      entity.reason ? h("p", { class: "code-reason" }, entity.reason) : null,
      h("div", { class: "code-actions" }, evidenceButton, thumbs),
      evidence,
    );
  }

  /** @param {import("./api.js").CodeReference[]} references */
  #highlight(references) {
    const indices = references.map((reference) => reference.segment).filter((segment) => segment !== null);
    let found = indices.length ? this.transcript.highlightSegments(indices) : 0;
    if (!found) {
      const quotes = references.filter((reference) => reference.source !== "CONSULT_NOTE").map((reference) => reference.text);
      found = this.transcript.highlightQuotes(quotes);
    }
    return found;
  }

  #renderThumbs(system, code, initial) {
    const group = h("span", { class: "thumbs", role: "group", "aria-label": `Feedback on ${code}` });
    const buttons = {};
    const setPressed = (rating) => {
      for (const [value, button] of Object.entries(buttons)) button.setAttribute("aria-pressed", String(value === rating));
    };
    for (const [rating, label] of [
      ["up", `Good suggestion: ${code}`],
      ["down", `Wrong suggestion: ${code}`],
    ]) {
      const button = h("button", { type: "button", class: `button small thumb thumb-${rating}`, "aria-label": label, "aria-pressed": "false", title: label }, thumbIcon());
      button.addEventListener("click", async () => {
        button.disabled = true;
        try {
          await this.client.sendCodeFeedback(this.sessionId, { codingSystem: system, code, rating });
          setPressed(rating);
          this.state.textContent = `Thanks: your feedback on ${code} was saved.`;
        } catch (error) {
          this.onError(`Feedback on ${code} was not saved: ${error.message}`);
        } finally {
          button.disabled = false;
        }
      });
      buttons[rating] = button;
      group.append(button);
    }
    setPressed(initial);
    return group;
  }
}

// A thumb drawn as SVG: emoji fonts are missing on many clinic machines.
const THUMB_PATH =
  "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 " +
  "7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z";

function thumbIcon() {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", THUMB_PATH);
  svg.append(path);
  return svg;
}
