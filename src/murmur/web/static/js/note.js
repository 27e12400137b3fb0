// The consult note: streamed in as it is written, then shown sentence by sentence so that each
// sentence can point at its transcript evidence. The clinician edits it in place and copies it out.

import { h } from "./dom.js";
import { renderMarkdown } from "./markdown.js";

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

  // The finished note: sentence by sentence when it has sections, else its Markdown as written.
  /** @param {{markdown: string, sections: import("./api.js").NoteSection[]}} note */
  endStream({ markdown, sections }) {
    this.editor.classList.remove("streaming");
    this.editor.removeAttribute("aria-busy");
    this.editor.contentEditable = "true";
    if (sections.length) this.#renderSections(sections);
    else this.editor.replaceChildren(...renderMarkdown(markdown));
  }

  // A sentence the clinician chose to add (a fact the note left out), as a paragraph of its own at
  // the end; announced as an edit, so the sign-off and the check for left-out facts follow it.
  addSentence(text) {
    if (this.streaming) return;
    this.editor.append(h("p", { class: "added" }, text));
    this.editor.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: text }));
  }

  /** @param {import("./api.js").NoteSection[]} sections */
  #renderSections(sections) {
    const nodes = [];
    for (const section of sections) {
      nodes.push(h("h3", {}, section.title));
      const sentences = section.sentences.map((sentence) => this.#renderSentence(sentence));
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

  /** @param {import("./api.js").NoteSentence} sentence */
  #renderSentence(sentence) {
    const element = h(
      "span",
      {
        class: `sentence${sentence.unsupported ? " unsupported" : ""}`,
        title: sentence.unsupported ? "Not found in the transcript: check this sentence" : null,
      },
      sentence.text,
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
    // A sentence the clinician split or typed has no evidence of its own.
    const found = this.transcript.highlightSegments(this.#sentences.get(sentenceElement)?.evidence ?? []);
    this.state.textContent = found
      ? `This sentence rests on ${found} highlighted transcript passage${found === 1 ? "" : "s"}.`
      : "No transcript evidence for this sentence.";
  }
}
