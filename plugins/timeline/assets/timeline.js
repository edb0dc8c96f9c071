/*
 * regkb-timeline: the "Show events" filter of a timeline page.
 *
 * The page lists every event. Where the plugin left an empty
 * <div class="regkb-timeline-filter" data-kinds="issued in_force ...">, this builds one
 * checkbox per kind (named as the event badges name it, with how many items have it), so
 * a reader without script never sees a control that does nothing. Unticking a kind hides
 * the items of that kind (an item listing several kinds stays while one is ticked), then
 * each month and year heading left with nothing under it, and says how many items show.
 * The kinds unticked are remembered for the tab (sessionStorage), so the next timeline
 * page the reader opens (a year, a jurisdiction) shows the same selection.
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

  function element(name, className, text) {
    const node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function setUp(host) {
    // The timeline's headings and lists follow the host element, as siblings.
    const body = [];
    for (let node = host.nextElementSibling; node; node = node.nextElementSibling) {
      if (node.tagName in LEVEL || node.matches("ol.regkb-timeline")) body.push(node);
    }
    const lists = body.filter((node) => node.tagName === "OL");
    const items = lists.flatMap((list) => Array.from(list.children));
    const kinds = (host.dataset.kinds || "").split(" ").filter(Boolean);
    if (kinds.length < 2 || items.length === 0) return;

    const hiddenBefore = remembered();
    const fieldset = element("fieldset");
    fieldset.append(element("legend", "", "Show events"));
    const boxes = kinds.map((kind) => {
      const withKind = items.filter((item) => kindsOf(item).includes(kind));
      const badge = withKind[0] && withKind[0].querySelectorAll(".regkb-event__kind");
      const name = Array.from(badge || [])
        .map((span) => span.textContent)
        .find((text) => text.replace(/ /g, "_").toLowerCase() === kind);
      const box = element("input");
      box.type = "checkbox";
      box.value = kind;
      box.checked = !hiddenBefore.has(kind);
      const label = element("label");
      label.append(box, ` ${name || kind.replace(/_/g, " ")} `);
      label.append(element("span", "regkb-timeline-filter__count", String(withKind.length)));
      fieldset.append(label);
      return box;
    });
    const status = element("p", "regkb-timeline-filter__status");
    status.setAttribute("role", "status");
    const form = element("form");
    form.append(fieldset, status);
    host.append(form);

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
      status.textContent =
        shown === items.length
          ? `${items.length} ${items.length === 1 ? "entry" : "entries"}`
          : `${shown} of ${items.length} entries shown`;
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
