// Just enough Markdown for notes and letters (headings, bullets, paragraphs, bold), built as DOM
// nodes so generated text can never inject markup.

import { h } from "./dom.js";

function inline(text) {
  const parts = text.split(/(\*\*[^*]+\*\*)/g).filter(Boolean);
  return parts.map((part) =>
    part.startsWith("**") && part.endsWith("**") ? h("strong", {}, part.slice(2, -2)) : part,
  );
}

// Headings start at <h{topLevel}>, so a document's sections sit below its own title.
export function renderMarkdown(markdown, { topLevel = 3 } = {}) {
  const nodes = [];
  let list = null;
  let paragraph = [];
  const flushParagraph = () => {
    if (paragraph.length) nodes.push(h("p", {}, inline(paragraph.join(" "))));
    paragraph = [];
  };
  for (const raw of (markdown || "").split("\n")) {
    const line = raw.trimEnd();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
    if (heading) {
      flushParagraph();
      list = null;
      const level = Math.min(6, topLevel + (heading[1].length <= 2 ? 0 : 1));
      nodes.push(h(`h${level}`, {}, inline(heading[2])));
    } else if (bullet) {
      flushParagraph();
      if (!list) nodes.push((list = h("ul")));
      list.append(h("li", {}, inline(bullet[1])));
    } else if (!line.trim()) {
      flushParagraph();
      list = null;
    } else {
      list = null;
      paragraph.push(line.trim());
    }
  }
  flushParagraph();
  return nodes;
}
