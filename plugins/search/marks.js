/*
 * regkb-search: the words of search results marked with their language.
 *
 * Pages mark each run of Chinese, Japanese or Korean script in another language's text
 * with its language (plugins/languages.py) so that screen readers speak it as such (WCAG
 * 2.1, 3.1.2). Search results are drawn in the browser: the Pagefind box builds its
 * results with ``scriptNodes``; Material's own box is watched, and the runs in each result
 * it draws are marked the same way.
 */

// Runs of East Asian script, as plugins/scripts.py reads them: the digits and ASCII
// punctuation between their characters belong to them (银发〔2026〕42号).
const EAST_ASIAN =
  "\\u3400-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3ffff}\\u3040-\\u30ff\\u31f0-\\u31ff" +
  "\\uac00-\\ud7af\\u1100-\\u11ff\\u3130-\\u318f\\u3000-\\u303f\\uff00-\\uffef";
const SCRIPT_RUN = new RegExp(
  `[${EAST_ASIAN}]+(?:[0-9\\s!-/:-@\\[-\`{-~]+[${EAST_ASIAN}]+)*`,
  "gu",
);
const HAS_RUN = new RegExp(SCRIPT_RUN.source, "u");
const KANA = /[\u3040-\u30ff\u31f0-\u31ff]/u;
const HANGUL = /[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]/u;
const HAN_CHAR = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{3ffff}]/u;

/** The primary language of a tag: "zh-Hans-CN" -> "zh". */
function primary(tag) {
  return (tag || "").split("-")[0].toLowerCase();
}

/**
 * ``text`` as nodes, each run of Chinese, Japanese or Korean script in a span marked with
 * its language when that is not ``pageLang``'s, so that a screen reader reads "数字人民币"
 * in an English result as Chinese (WCAG 2.1, 3.1.2), as the site's pages mark it.
 */
export function scriptNodes(text, pageLang) {
  const page = primary(pageLang);
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(SCRIPT_RUN)) {
    const run = match[0];
    let lang = null;
    if (KANA.test(run)) lang = "ja";
    else if (HANGUL.test(run)) lang = "ko";
    else if (HAN_CHAR.test(run)) lang = "zh";
    if (!lang || lang === page || (lang === "zh" && ["zh", "ja", "ko"].includes(page))) continue;
    if (match.index > last) nodes.push(document.createTextNode(text.slice(last, match.index)));
    const span = document.createElement("span");
    span.lang = lang;
    span.textContent = run;
    nodes.push(span);
    last = match.index + run.length;
  }
  if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}

/** Mark the runs in the text under ``root`` not already inside a marked language. */
export function markScripts(root, pageLang) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      HAS_RUN.test(node.data) && !node.parentElement.closest("[lang]:not(html)")
        ? NodeFilter.FILTER_ACCEPT
        : NodeFilter.FILTER_REJECT,
  });
  const found = [];
  while (walker.nextNode()) found.push(walker.currentNode);
  for (const node of found) {
    const nodes = scriptNodes(node.data, pageLang);
    if (nodes.length !== 1 || nodes[0].nodeType !== Node.TEXT_NODE) node.replaceWith(...nodes);
  }
}

/** Material's search results, marked as Material draws them. */
function watchMaterialResults() {
  const list = document.querySelector(".md-search-result__list");
  if (!list) return;
  const lang = document.documentElement.lang || "en";
  new MutationObserver((changes) => {
    for (const change of changes) {
      for (const node of change.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE) markScripts(node, lang);
      }
    }
  }).observe(list, { childList: true, subtree: true });
}

watchMaterialResults();
