// The consult note: streamed in as it is written, then shown sentence by sentence so that each
// sentence can point at its transcript evidence. The clinician edits it in place and copies it out.

import { h } from "./dom.js";
import { renderMarkdown } from "./markdown.js";

// The structured note (sections -> sentences -> evidence) wherever the server put it.
export function findStructuredNote(value, depth = 0) {
  if (!value || typeof value !== "object" || depth > 4) return null;
  if (Array.isArray(value.sections) && value.sections.some((section) => Array.isArray(section?.sentences))) {
    return value;
  }
  for (const child of Object.values(value)) {
    const found = findStructuredNote(child, depth + 1);
    if (found) return found;
  }
  return null;
}

function isUnsupported(sentence) {
  return sentence.supported === false || sentence.unsupported === true || sentence.grounded === false;
}

export function evidenceOf(sentence) {
  const evidence = Array.isArray(sentence.evidence) ? sentence.evidence : [];
  return {
    indices: evidence
      .map((item) => (typeof item === "number" ? item : item?.segment))
      .filter((index) => Number.isInteger(index)),
    quotes: evidence.map((item) => (typeof item === "object" ? item?.text : null)).filter(Boolean),
  };
}

function inlineMarkdown(node) {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  if (node.nodeType !== Node.ELEMENT_NODE) return "";
  if (node.tagName === "BR") return "\n";
  const inner = [...node.childNodes].map(inlineMarkdown).join("");
  return (node.tagName === "STRONG" || node.tagName === "B") && inner.trim() ? `**${inner.trim()}**` : inner;
}

const oneLine = (text) => text.replace(/\s+/g, " ").trim();

// Headings, bullets and paragraphs back to the Markdown that renderMarkdown reads, so a signed
// note shown again reads back to exactly the text that was signed.
export function toMarkdown(editor) {
  const blocks = [];
  let loose = "";
  const flushLoose = () => {
    if (oneLine(loose)) blocks.push(oneLine(loose));
    loose = "";
  };
  for (const node of editor.childNodes) {
    const tag = node.nodeType === Node.ELEMENT_NODE ? node.tagName : "";
    if (/^H[1-6]$/.test(tag)) {
      flushLoose();
      const title = oneLine(inlineMarkdown(node));
      if (title) blocks.push(`## ${title}`);
    } else if (tag === "UL" || tag === "OL") {
      flushLoose();
      const items = [...node.querySelectorAll("li")].map((li) => oneLine(inlineMarkdown(li))).filter(Boolean);
      if (items.length) blocks.push(items.map((item) => `- ${item}`).join("\n"));
    } else if (tag === "P" || tag === "DIV") {
      flushLoose();
      const paragraph = oneLine(inlineMarkdown(node));
      if (paragraph) blocks.push(paragraph);
    } else {
      loose += inlineMarkdown(node);
    }
  }
  flushLoose();
  return blocks.join("\n\n");
}

export class NoteView {
  #sentences = new WeakMap();

  constructor({ editor, state, transcript }) {
    this.editor = editor;
    this.state = state;
    this.transcript = transcript;
    const follow = () => this.#showEvidenceAtCaret();
    editor.addEventListener("click", follow);
    editor.addEventListener("keyup", (event) => {
      if (event.key.startsWith("Arrow") || event.key === "Home" || event.key === "End") follow();
    });
  }

  get text() {
    return this.editor.innerText.trim();
  }

  get streaming() {
    return this.editor.classList.contains("streaming");
  }

  // The note as Markdown, as the clinician edited it: what is signed off.
  get markdown() {
    return toMarkdown(this.editor);
  }

  clear() {
    this.editor.replaceChildren();
    this.editor.classList.remove("streaming");
    this.state.textContent = "";
  }

  // While streaming: the text as it arrives, plain, so half-written Markdown never flickers.
  beginStream() {
    this.editor.replaceChildren();
    this.editor.classList.add("streaming");
    this.editor.setAttribute("aria-busy", "true");
    this.editor.contentEditable = "false";
  }

  appendStream(text) {
    this.editor.append(text);
  }

  endStream({ markdown, structured }) {
    this.editor.classList.remove("streaming");
    this.editor.removeAttribute("aria-busy");
    this.editor.contentEditable = "true";
    if (structured) this.renderStructured(structured);
    else this.editor.replaceChildren(...renderMarkdown(markdown));
  }

  renderStructured(note) {
    const nodes = [];
    for (const section of note.sections ?? []) {
      nodes.push(h("h3", {}, section.title ?? section.key ?? ""));
      const sentences = (section.sentences ?? []).map((sentence) => this.#renderSentence(sentence));
      const paragraph = h("p", {});
      sentences.forEach((sentence, position) => {
        if (position) paragraph.append(" ");
        paragraph.append(sentence);
      });
      nodes.push(sentences.length ? paragraph : h("p", { class: "empty-section" }, "Nothing recorded."));
    }
    this.editor.replaceChildren(...nodes);
    const flagged = this.editor.querySelectorAll(".sentence.unsupported").length;
    this.state.textContent = flagged
      ? `${flagged} sentence${flagged === 1 ? " was" : "s were"} not found in the transcript and ${flagged === 1 ? "is" : "are"} marked: check before signing.`
      : "Every sentence rests on the transcript. Click one to see where.";
  }

  #renderSentence(sentence) {
    const unsupported = isUnsupported(sentence);
    const element = h(
      "span",
      {
        class: `sentence${unsupported ? " unsupported" : ""}`,
        title: unsupported ? "Not found in the transcript: check this sentence" : null,
      },
      sentence.text ?? "",
    );
    this.#sentences.set(element, sentence);
    return element;
  }

  #showEvidenceAtCaret() {
    const selection = window.getSelection();
    const node = selection?.anchorNode;
    const element = node?.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    const sentenceElement = element?.closest?.(".sentence");
    for (const active of this.editor.querySelectorAll(".sentence.active")) active.classList.remove("active");
    if (!sentenceElement || !this.editor.contains(sentenceElement)) {
      this.transcript.clearHighlight();
      return;
    }
    sentenceElement.classList.add("active");
    const sentence = this.#sentences.get(sentenceElement);
    const { indices, quotes } = evidenceOf(sentence ?? {});
    let found = indices.length ? this.transcript.highlightSegments(indices) : 0;
    if (!found && quotes.length) found = this.transcript.highlightQuotes(quotes);
    if (!found && !indices.length && !quotes.length) this.transcript.clearHighlight();
    this.state.textContent = found
      ? `This sentence rests on ${found} highlighted transcript passage${found === 1 ? "" : "s"}.`
      : "No transcript evidence for this sentence.";
  }
}
