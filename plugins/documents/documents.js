/* regkb-documents: keyboard access to tables that scroll sideways, and tooltips Escape
   dismisses. Shipped with the plugin and loaded on every page (deferred).

   Tables: Material wraps every table in a scrolling box, which it creates in the browser; on a
   phone a wide table scrolls, but a keyboard can scroll only what can take focus (WCAG
   2.1.1; axe's "scrollable-region-focusable"). document$ emits after Material has mounted
   each page, the first and every one reached by instant navigation; a table that starts
   to scroll later (the window narrowed, zoomed, a tablet turned) is looked at again on
   resize. One marked stays marked: focusable and labelled, it costs nothing when it fits. */
(function () {
  function markScrollingTables() {
    for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) {
      if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Table, scrolls sideways");
      }
    }
  }
  document$.subscribe(markScrollingTables);
  let pending = 0;
  window.addEventListener("resize", function () {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(markScrollingTables);
  });
})();

/* Escape hides a tooltip shown on hover or focus (a glossary term's summary)
   without moving the pointer or the focus (WCAG 1.4.13, "dismissible"): Material shows it
   for as long as the link is hovered or focused. It stays hidden until the focus or the
   pointer moves on to another element. Registered once: document-level listeners outlive
   instant navigation. */
(function () {
  const DISMISSED = "regkb-tooltips-dismissed";
  const root = document.documentElement;
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && document.querySelector(".md-tooltip2--active")) {
      root.classList.add(DISMISSED);
    }
  });
  const restore = function () {
    root.classList.remove(DISMISSED);
  };
  document.addEventListener("focusin", restore);
  document.addEventListener("mouseover", restore);
})();
