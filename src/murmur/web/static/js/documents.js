// Further documents from the visit (referral letter, patient summary) and Ask AI about it.

import { h } from "./dom.js";
import { renderMarkdown } from "./markdown.js";

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard permission refused (or an insecure context): fall back to a selection copy.
    const scratch = h("textarea", { class: "visually-hidden", "aria-hidden": "true", tabindex: "-1" });
    scratch.value = text;
    document.body.append(scratch);
    scratch.select();
    const copied = document.execCommand("copy");
    scratch.remove();
    return copied;
  }
}

export class DocumentsView {
  constructor({ client, container, state, onError }) {
    this.client = client;
    this.container = container;
    this.state = state;
    this.onError = onError;
    this.sessionId = null;
  }

  clear(sessionId = null) {
    this.sessionId = sessionId;
    this.container.replaceChildren();
    this.state.textContent = "";
  }

  async load() {
    try {
      const documents = await this.client.listDocuments(this.sessionId);
      this.container.replaceChildren(...documents.map((item) => this.#render(item)));
    } catch (error) {
      this.onError(`Documents could not be loaded: ${error.message}`);
    }
  }

  async generate(templateId, templateName) {
    const sessionId = this.sessionId;
    this.state.textContent = `Writing the ${templateName.toLowerCase()}…`;
    try {
      const generated = await this.client.generateDocument(sessionId, { templateId });
      if (sessionId !== this.sessionId) return;
      this.container.prepend(this.#render(generated));
      this.state.textContent = `${generated.name} is ready.`;
    } catch (error) {
      this.state.textContent = "";
      this.onError(`The ${templateName.toLowerCase()} was not written: ${error.message}`);
    }
  }

  /** @param {import("./api.js").Document} item */
  #render(item) {
    const body = h("div", { class: "document-body", contenteditable: "true", role: "textbox", "aria-multiline": "true", "aria-label": item.name });
    body.append(...renderMarkdown(item.content, { topLevel: 4 }));
    const copy = h("button", { type: "button", class: "button small" }, "Copy");
    copy.addEventListener("click", async () => {
      const copied = await copyText(body.innerText);
      this.state.textContent = copied ? `${item.name} copied.` : "Copying failed: select the text and copy it by hand.";
    });
    return h(
      "article",
      { class: "document" },
      h("div", { class: "card-head" }, h("h3", {}, item.name), copy),
      body,
    );
  }
}

export class AskView {
  constructor({ client, form, answer, getContext, onError }) {
    this.client = client;
    this.answer = answer;
    this.getContext = getContext;
    this.onError = onError;
    this.sessionId = null;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const question = form.elements.question.value.trim();
      if (question) this.ask(question);
    });
  }

  clear(sessionId = null) {
    this.sessionId = sessionId;
    this.answer.replaceChildren();
  }

  async ask(question) {
    const output = h("p", { class: "answer-text", "aria-busy": "true" });
    this.answer.replaceChildren(h("p", { class: "question" }, question), output);
    try {
      for await (const piece of this.client.streamAskAi(this.sessionId, { question, content: this.getContext() })) {
        output.append(piece);
      }
      output.removeAttribute("aria-busy");
      if (!output.textContent.trim()) output.textContent = "No answer was given.";
    } catch (error) {
      output.removeAttribute("aria-busy");
      this.onError(`The question was not answered: ${error.message}`);
    }
  }
}
