/* regkb: keyboard access to tables that scroll sideways.
   Material wraps every table in a scrolling box, which it creates in the browser; on a
   phone a wide table scrolls, but a keyboard can scroll only what can take focus (WCAG
   2.1.1; axe's "scrollable-region-focusable"). document$ emits after Material has mounted
   each page, the first and every one reached by instant navigation. */
document$.subscribe(function () {
  for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) {
    if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) {
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Table, scrolls sideways");
    }
  }
});
