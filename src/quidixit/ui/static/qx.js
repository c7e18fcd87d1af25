// quidixit article view: clicking a statement in the side list scrolls to it
// and highlights its pieces (content, cue, speaker mention). Works without JS
// too: the links are plain #st-N anchors.
(function () {
  function focus(n, scroll) {
    document.querySelectorAll(".qx-focus").forEach(function (el) { el.classList.remove("qx-focus"); });
    document.querySelectorAll(".qx-current").forEach(function (el) { el.classList.remove("qx-current"); });
    if (n === null) return;
    document.querySelectorAll('[data-st~="' + n + '"], [data-of~="' + n + '"]').forEach(function (el) {
      el.classList.add("qx-focus");
    });
    var item = document.querySelector('.qx-side a[data-goto="' + n + '"]');
    if (item) item.classList.add("qx-current");
    var anchor = document.getElementById("st-" + n);
    if (anchor && scroll) anchor.scrollIntoView({ behavior: "smooth", block: "center" });
  }
  function fromHash() {
    var m = /^#st-(\d+)$/.exec(location.hash);
    return m ? m[1] : null;
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".qx-side a[data-goto]").forEach(function (a) {
      a.addEventListener("click", function (ev) {
        ev.preventDefault();
        var n = a.getAttribute("data-goto");
        history.replaceState(null, "", "#st-" + n);
        focus(n, true);
      });
    });
    var n = fromHash();
    if (n !== null) focus(n, true);
  });
  window.addEventListener("hashchange", function () { focus(fromHash(), true); });
})();
