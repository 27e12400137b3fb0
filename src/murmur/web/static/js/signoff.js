// Signing off the note (a Murmur extension of the Heidi API): the clinician's edited text is
// stored with who signed it and when. Editing after sign-off is allowed and marked: the note is
// then an amendment, signed off again as the next version; every signed version is kept.

import { ApiError } from "./api.js";
import { formatDateTime } from "./dom.js";

export class SignOffView {
  /** @type {import("./api.js").SignedNote | null} the latest signed version */
  #signed = null;

  constructor({ client, button, state, note, onError }) {
    this.client = client;
    this.button = button;
    this.state = state;
    this.note = note;
    this.onError = onError;
    this.sessionId = null;
    button.addEventListener("click", () => this.sign());
    note.editor.addEventListener("input", () => this.update());
  }

  clear(sessionId = null) {
    this.sessionId = sessionId;
    this.#signed = null;
    this.update();
  }

  async load() {
    const sessionId = this.sessionId;
    try {
      const signed = await this.client.getSignOff(sessionId);
      if (sessionId !== this.sessionId) return null;
      this.#signed = signed;
    } catch (error) {
      this.onError(`Whether this note was signed off could not be checked: ${error.message}`);
    }
    this.update();
    return this.#signed;
  }

  async sign() {
    const sessionId = this.sessionId;
    const content = this.note.markdown;
    if (!sessionId || !content) return;
    this.button.disabled = true;
    this.state.textContent = "Signing off…";
    try {
      const signed = await this.client.signOff(sessionId, {
        content,
        amendsVersion: this.#signed?.version ?? 0,
      });
      if (sessionId !== this.sessionId) return;
      this.#signed = signed;
      this.update();
    } catch (error) {
      this.update();
      if (error instanceof ApiError && error.status === 409) {
        this.state.textContent = "Someone signed this note off since you opened it. Open the visit again to see their version.";
      } else {
        this.onError(`The note was not signed off: ${error.message}`);
      }
    }
  }

  update() {
    const text = this.note.markdown;
    const busy = this.note.streaming;
    const signed = this.#signed;
    this.state.classList.remove("signed");
    if (!signed) {
      this.button.textContent = "Sign off";
      this.button.disabled = busy || !text;
      this.state.textContent = text && !busy ? "Not signed off yet. Check the note, edit it if needed, then sign it off." : "";
      this.note.editor.classList.remove("amending");
      return;
    }
    const changed = text !== signed.content;
    const what = signed.version > 1 ? `Amendment ${signed.version - 1} signed off` : "Signed off";
    const who = `${what} by ${signed.signedBy || "a colleague"} on ${formatDateTime(signed.signedAt)}`;
    this.button.textContent = changed ? "Sign off amendment" : "Signed off";
    this.button.disabled = busy || !changed || !text;
    this.note.editor.classList.toggle("amending", changed && !busy);
    if (changed) {
      this.state.textContent = `${who}. The note has changed since: sign off again to record the changes as an amendment.`;
    } else {
      this.state.textContent = `${who}.`;
      this.state.classList.add("signed");
    }
  }
}
