/*
 * regkb-search: the header search box of the Pagefind engine.
 *
 * Nothing is downloaded until the reader focuses the box (or types into it). Then
 * pagefind.js is imported from the site's own bundle; for each query it fetches only the
 * index chunks holding the query's words and one small fragment per result shown.
 *
 * Results use Material's search-result classes, so they look like Material's own search
 * in both palettes. Excerpts from Pagefind are rebuilt from text nodes and <mark> only,
 * never inserted as HTML, and the spaces the indexer put between Chinese words are taken
 * out again for display.
 */

import { scriptNodes } from "./marks.js";

const HAN = "\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef";
const HAN_GAP = new RegExp(`([${HAN}])\\s+(?=[${HAN}])`, "gu");
const MARKED_HAN_GAP = new RegExp(
  `([${HAN}][\\uE000\\uE001]*)\\s+(?=[\\uE000\\uE001]*[${HAN}])`,
  "gu",
);
const DEBOUNCE_MS = 120;

const DEFAULT_TEXT = {
  "search.result.placeholder": "Type to start searching",
  "search.result.none": "No matching documents",
  "search.result.one": "1 matching document",
  "search.result.other": "# matching documents",
};

/** Material's translated labels (from its __config script), with English fallbacks. */
function labels() {
  try {
    const config = JSON.parse(document.getElementById("__config").textContent);
    return { ...DEFAULT_TEXT, ...(config.translations || {}) };
  } catch {
    return { ...DEFAULT_TEXT };
  }
}

/** Text as written: no spaces between two Chinese characters. */
function joinHan(text) {
  return text.replace(HAN_GAP, "$1");
}

function element(name, className) {
  const node = document.createElement(name);
  if (className) node.className = className;
  return node;
}

/**
 * Nodes for a Pagefind excerpt: its text and its <mark>s, nothing else. The excerpt is
 * parsed in an inert <template>, so no markup in it can run or load anything. Mark
 * boundaries become two private-use characters while the gaps between Chinese words are
 * closed, so a gap next to a <mark> closes too.
 */
function excerptNodes(html, pageLang) {
  const template = document.createElement("template");
  template.innerHTML = html;
  let flat = "";
  for (const node of template.content.childNodes) {
    const text = (node.textContent || "").replace(/[\uE000\uE001]/g, "");
    flat += node.nodeName === "MARK" ? `\uE000${text}\uE001` : text;
  }
  flat = flat.replace(MARKED_HAN_GAP, "$1");
  return flat.split(/(\uE000[^\uE001]*\uE001)/).flatMap((part) => {
    if (!part.startsWith("\uE000")) return scriptNodes(part, pageLang);
    const mark = element("mark");
    mark.append(...scriptNodes(part.slice(1, -1), pageLang));
    return [mark];
  });
}

function isTyping(target) {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

class SearchBox {
  constructor(root) {
    this.root = root;
    this.input = root.querySelector(".md-search__input");
    this.form = root.querySelector("form");
    this.list = root.querySelector(".md-search-result__list");
    this.status = root.querySelector(".md-search-result__meta");
    this.toggle = document.getElementById("__search");
    this.limit = Math.max(1, parseInt(root.dataset.results, 10) || 10);
    this.excerptLength = Math.max(4, parseInt(root.dataset.excerpt, 10) || 24);
    this.text = labels();
    this.engine = null; // Promise of the initialised pagefind module
    this.generation = 0; // bumped per query; stale answers are dropped
    this.timer = 0;
    this.results = [];
    this.shown = 0;
    this.ready = Promise.resolve();
    this.bind();
  }

  bind() {
    this.input.addEventListener("focus", () => {
      this.open();
      this.load().catch(() => {});
    });
    this.input.addEventListener("input", () => this.schedule());
    this.input.addEventListener("keydown", (event) => this.onInputKey(event));
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.form.addEventListener("reset", () => {
      setTimeout(() => {
        this.clear();
        this.input.focus();
      });
    });
    this.list.addEventListener("keydown", (event) => this.onListKey(event));
    this.list.addEventListener("click", (event) => {
      if (event.target instanceof Element && event.target.closest("a")) this.close();
    });
    if (this.toggle) {
      // The header's magnifier (small screens) and the overlay toggle the same checkbox.
      this.toggle.addEventListener("change", () => {
        if (this.toggle.checked && document.activeElement !== this.input) this.input.focus();
        if (!this.toggle.checked) this.input.setAttribute("aria-expanded", "false");
      });
    }
    window.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (event.key === "/" || event.key === "s" || event.key === "f") {
        event.preventDefault();
        this.input.focus();
        this.input.select();
      }
    });
  }

  open() {
    if (this.toggle && !this.toggle.checked) this.toggle.click();
    this.input.setAttribute("aria-expanded", "true");
  }

  close() {
    if (this.toggle && this.toggle.checked) this.toggle.click();
    this.input.setAttribute("aria-expanded", "false");
    this.input.blur();
  }

  /** Import and initialise the bundle once; a failure is retried on the next query. */
  load() {
    if (location.protocol === "file:") {
      return Promise.reject(new Error("search needs the site served over HTTP"));
    }
    if (!this.engine) {
      const bundle = new URL(this.root.dataset.bundle, location.href).href;
      // base_url is "." or "../.." on pages, "/" or "/sub" on the 404 page
      const base = this.root.dataset.base || ".";
      const baseUrl = new URL(base.endsWith("/") ? base : `${base}/`, location.href).pathname;
      // A large site's index comes in shards (see the plugin's shard_size); the browser
      // merges them, fetching from each only the chunks a query needs.
      const shards = (this.root.dataset.shards || "").split(" ").filter(Boolean);
      this.engine = import(bundle).then(async (pagefind) => {
        await pagefind.options({ baseUrl, excerptLength: this.excerptLength });
        for (const shard of shards) {
          await pagefind.mergeIndex(new URL(shard, location.href).href, { baseUrl });
        }
        await pagefind.init();
        return pagefind;
      });
      this.engine.catch(() => {
        this.engine = null;
      });
    }
    return this.engine;
  }

  schedule() {
    clearTimeout(this.timer);
    const generation = ++this.generation;
    this.ready = new Promise((resolve) => {
      this.timer = setTimeout(() => this.run(generation).finally(resolve), DEBOUNCE_MS);
    });
  }

  async run(generation) {
    const query = this.input.value.trim();
    if (!query) {
      this.clear();
      return;
    }
    this.root.dataset.state = "loading";
    let found;
    try {
      const pagefind = await this.load();
      found = await pagefind.search(query);
    } catch (error) {
      if (generation === this.generation) this.fail(error);
      return;
    }
    if (generation !== this.generation || !found) return;
    this.results = found.results;
    this.shown = 0;
    this.list.replaceChildren();
    await this.showMore(generation);
  }

  async showMore(generation) {
    const batch = this.results.slice(this.shown, this.shown + this.limit);
    let pages;
    try {
      pages = await Promise.all(batch.map((result) => result.data()));
    } catch (error) {
      if (generation === this.generation) this.fail(error);
      return;
    }
    if (generation !== this.generation) return;
    this.list.querySelector(".regkb-search__more")?.closest("li")?.remove();
    for (const page of pages) this.list.append(this.item(page));
    this.shown += batch.length;
    const count = this.results.length;
    this.status.textContent =
      count === 0
        ? this.text["search.result.none"]
        : count === 1
          ? this.text["search.result.one"]
          : this.text["search.result.other"].replace("#", String(count));
    if (this.shown < count) {
      const item = element("li", "md-search-result__item");
      const button = element("button", "regkb-search__more");
      button.type = "button";
      button.textContent = `Show ${Math.min(this.limit, count - this.shown)} more`;
      button.addEventListener("click", () => {
        const next = button.closest("li").previousElementSibling;
        this.showMore(this.generation).then(() => {
          next?.nextElementSibling?.querySelector("a")?.focus();
        });
      });
      item.append(button);
      this.list.append(item);
    }
    this.root.dataset.state = count ? "results" : "empty";
  }

  item(page) {
    const item = element("li", "md-search-result__item");
    const meta = page.meta || {};
    const details = [meta.kind, meta.date, meta.doc_number].filter(Boolean).join(" · ");
    const lang = meta.lang || ""; // a document in another language than the site's
    item.append(this.link(page.url, meta.title || page.url, page.excerpt, details, true, lang));
    const sections = (page.sub_results || [])
      .filter((sub) => sub.url !== page.url && sub.url.includes("#"))
      .filter((sub) => sub.excerpt !== page.excerpt)
      .slice(0, 2);
    for (const sub of sections) {
      item.append(this.link(sub.url, joinHan(sub.title || ""), sub.excerpt, "", false, lang));
    }
    return item;
  }

  link(url, title, excerpt, details, isPage, lang) {
    const link = element("a", "md-search-result__link");
    link.href = url;
    const article = element("article", "md-search-result__article md-typeset");
    const siteLang = document.documentElement.lang || "en";
    if (lang) article.lang = lang;
    const textLang = lang || siteLang;
    if (isPage) article.append(element("div", "md-search-result__icon md-icon"));
    const heading = element(isPage ? "h1" : "h2");
    heading.append(...scriptNodes(title, textLang));
    article.append(heading);
    if (details) {
      const line = element("p", "regkb-search__details");
      if (lang) line.lang = siteLang; // the site's words ("Article · 1 December 2025")
      line.append(...scriptNodes(details, siteLang));
      article.append(line);
    }
    if (excerpt) {
      const text = element("p");
      text.append(...excerptNodes(excerpt, textLang));
      article.append(text);
    }
    link.append(article);
    return link;
  }

  links() {
    return [...this.list.querySelectorAll("a.md-search-result__link, .regkb-search__more")];
  }

  async onInputKey(event) {
    if (event.key === "Escape") {
      event.preventDefault();
      this.close();
    } else if (event.key === "Enter") {
      event.preventDefault();
      await this.ready; // the query typed last, not an older one
      const first = this.list.querySelector("a.md-search-result__link");
      if (first) {
        this.close();
        first.click();
      }
    } else if (event.key === "ArrowDown") {
      const first = this.links()[0];
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  }

  onListKey(event) {
    const links = this.links();
    const at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      this.close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) this.input.focus();
      else links[Math.min(next, links.length - 1)]?.focus();
    }
  }

  clear() {
    this.results = [];
    this.shown = 0;
    this.list.replaceChildren();
    this.status.textContent = this.text["search.result.placeholder"];
    delete this.root.dataset.state;
  }

  fail(error) {
    this.list.replaceChildren();
    this.status.textContent =
      location.protocol === "file:"
        ? "Search needs the site to be served over HTTP (mkdocs serve, or any web server)."
        : "Search is not available right now.";
    this.root.dataset.state = "error";
    console.warn("regkb-search:", error);
  }
}

const root = document.querySelector("[data-regkb-search]");
if (root) new SearchBox(root);
