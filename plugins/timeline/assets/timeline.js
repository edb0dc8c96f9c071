/*
 * regkb-timeline: the "Show events" filter of a timeline page.
 *
 * The page lists every event, and above them the plugin wrote the filter: in
 * <div class="regkb-timeline-filter">, a form with one checkbox per kind (with how many
 * items have it), hidden by the stylesheet from a reader without script. This makes it
 * work. Unticking a kind hides the items of that kind (an item listing several kinds stays
 * while one is ticked), then each month and year heading left with nothing under it, and
 * says how many items show. The kinds unticked are remembered for the tab
 * (sessionStorage), so the next timeline page the reader opens (a year, a jurisdiction)
 * shows the same selection.
 */
(function () {
  "use strict";

  const LEVEL = { H2: 2, H3: 3 };
  const PREFIX = "regkb-event--";
  const STORE = "regkb-timeline-hidden-kinds";

  function remembered() {
    try {
      return new Set(JSON.parse(sessionStorage.getItem(STORE) || "[]"));
    } catch {
      return new Set(); // storage off or unreadable: start with every kind
    }
  }

  function remember(hidden) {
    try {
      sessionStorage.setItem(STORE, JSON.stringify(Array.from(hidden)));
    } catch {
      /* storage off: the choice lasts for this page */
    }
  }

  function kindsOf(item) {
    return Array.from(item.classList)
      .filter((name) => name.startsWith(PREFIX))
      .map((name) => name.slice(PREFIX.length));
  }

  function setUp(host) {
    // The timeline's headings and lists follow the host element, as siblings.
    const body = [];
    for (let node = host.nextElementSibling; node; node = node.nextElementSibling) {
      if (node.tagName in LEVEL || node.matches("ol.regkb-timeline")) body.push(node);
    }
    const lists = body.filter((node) => node.tagName === "OL");
    const items = lists.flatMap((list) => Array.from(list.children));
    const form = host.querySelector("form");
    const status = host.querySelector(".regkb-timeline-filter__status");
    if (!form || !status || items.length === 0) return;
    const boxes = Array.from(form.querySelectorAll("input[type=checkbox]"));
    const hiddenBefore = remembered();
    for (const box of boxes) box.checked = !hiddenBefore.has(box.value);

    function apply() {
      const wanted = new Set(boxes.filter((box) => box.checked).map((box) => box.value));
      let shown = 0;
      for (const item of items) {
        item.hidden = !kindsOf(item).some((kind) => wanted.has(kind));
        if (!item.hidden) shown += 1;
      }
      for (const list of lists) {
        list.hidden = !Array.from(list.children).some((item) => !item.hidden);
      }
      // A heading stays while a list under it (before the next heading of its level or
      // above) still shows something.
      body.forEach((node, at) => {
        if (!(node.tagName in LEVEL)) return;
        let keep = false;
        for (const next of body.slice(at + 1)) {
          if (next.tagName in LEVEL && LEVEL[next.tagName] <= LEVEL[node.tagName]) break;
          if (next.tagName === "OL" && !next.hidden) {
            keep = true;
            break;
          }
        }
        node.hidden = !keep;
      });
      const said =
        shown === items.length
          ? `${items.length} ${items.length === 1 ? "entry" : "entries"}`
          : `${shown} of ${items.length} entries shown`;
      // Rewritten only when it changes: a status region announces what is written to it.
      if (status.textContent !== said) status.textContent = said;
    }

    form.addEventListener("change", () => {
      // Kinds this page does not list keep what another page said of them.
      const hidden = remembered();
      for (const box of boxes) {
        if (box.checked) hidden.delete(box.value);
        else hidden.add(box.value);
      }
      remember(hidden);
      apply();
    });
    form.addEventListener("submit", (event) => event.preventDefault());
    apply();
  }

  for (const host of document.querySelectorAll("div.regkb-timeline-filter")) setUp(host);
})();
