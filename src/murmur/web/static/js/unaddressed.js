// "Said but not in the note": the visit's key facts (a drug started, a diagnosis, an order, an
// abnormal vital, the side, the follow-up…) that the note does not state, next to Sign off. The
// list comes with the written note, and is checked again by the server a moment after each edit,
// so a fact an edit drops shows up before the note is signed. A click adds a sentence stating it.

import { h, plural } from "./dom.js";

// How long typing must pause before the edited note is checked.
const CHECK_DELAY_MS = 600;

const KIND_NAMES = {
  medication: "Medication",
  diagnosis: "Diagnosis",
  order: "Order",
  allergy: "Allergy",
  vital: "Vital sign",
  score: "Score",
  result: "Result",
  exam: "Examination",
  follow_up: "Follow-up",
  return_precaution: "Return precaution",
  family_history: "Family history",
};

const kindName = (kind) => KIND_NAMES[kind] ?? kind.replace(/_/g, " ");

export class UnaddressedView {
  #timer = null;
  #checking = null;
  #asked = 0;

  constructor({ client, section, list, state, note, onError }) {
    this.client = client;
    this.section = section;
    this.list = list;
    this.state = state;
    this.note = note;
    this.onError = onError;
    this.sessionId = null;
    note.editor.addEventListener("input", () => this.schedule());
  }

  clear(sessionId = null) {
    this.sessionId = sessionId;
    this.#cancel();
    this.list.replaceChildren();
    this.state.textContent = "";
    this.section.hidden = true;
  }

  // The list the server sent with the note, as written.
  /** @param {import("./api.js").Unaddressed[]} items */
  show(items) {
    this.#cancel();
    this.#render(items);
  }

  // Checks the note as it now reads, once typing pauses.
  schedule() {
    if (!this.sessionId || this.note.streaming) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.check(), CHECK_DELAY_MS);
  }

  async check() {
    clearTimeout(this.#timer);
    const sessionId = this.sessionId;
    const content = this.note.markdown;
    if (!sessionId || this.note.streaming) return;
    if (!content) {
      this.clear(sessionId);
      return;
    }
    this.#checking?.abort();
    const checking = new AbortController();
    this.#checking = checking;
    const asked = ++this.#asked;
    this.section.setAttribute("aria-busy", "true");
    try {
      const items = await this.client.unaddressed(sessionId, { content }, checking.signal);
      if (asked === this.#asked && sessionId === this.sessionId) this.#render(items);
    } catch (error) {
      if (error?.name === "AbortError") return;
      if (asked === this.#asked) this.onError(`The note could not be checked for left-out facts: ${error.message}`);
    } finally {
      if (asked === this.#asked) this.section.removeAttribute("aria-busy");
    }
  }

  #cancel() {
    clearTimeout(this.#timer);
    this.#checking?.abort();
    this.#checking = null;
    this.#asked += 1;
    this.section.removeAttribute("aria-busy");
  }

  /** @param {import("./api.js").Unaddressed[]} items */
  #render(items) {
    this.section.hidden = false;
    this.list.replaceChildren(...items.map((item) => this.#item(item)));
    this.state.textContent = items.length
      ? `${plural(items.length, "key fact")} said in the visit ${items.length === 1 ? "is" : "are"} not in the note. Click one to add it.`
      : "Every key fact said in the visit is in the note.";
  }

  /** @param {import("./api.js").Unaddressed} item */
  #item(item) {
    const said = item.evidence.map((evidence) => `“${evidence.quote}”`).join(" … ");
    const button = h(
      "button",
      {
        type: "button",
        class: "unaddressed-item",
        title: said ? `Said: ${said}. Click to add “${item.sentence}” to the note.` : `Click to add “${item.sentence}” to the note.`,
        "aria-label": `Add to the note: ${kindName(item.kind)}, ${item.label}`,
      },
      h("span", { class: "badge unaddressed-kind" }, kindName(item.kind)),
      h("span", { class: "unaddressed-label" }, item.label),
      h("span", { class: "unaddressed-add", "aria-hidden": "true" }, "Add"),
    );
    button.addEventListener("click", () => {
      this.note.addSentence(item.sentence);
      this.check();
    });
    return h("li", { dataset: { kind: item.kind } }, button, said ? h("p", { class: "unaddressed-said hint" }, said) : null);
  }
}
