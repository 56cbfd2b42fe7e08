// Loads the interactive charts lazily: the ECharts bundle (data-chart-src
// on this script's own <script> element) is fetched only when a chart
// (a <figure class="chart" data-chart>) comes near the screen, so a page's
// eager weight stays small. Until then, and if the bundle never loads, the
// build-time SVG is the chart. External file, no eval: works under a
// Content-Security-Policy of script-src 'self'.
(function () {
  var me = document.currentScript;
  var src = me && me.getAttribute('data-chart-src');
  var figs = Array.prototype.slice.call(document.querySelectorAll('figure.chart[data-chart]'));
  if (!src || !figs.length || !window.JSON || !('classList' in figs[0])) return;
  var state = 0; // 0 not loaded, 1 loading, 2 loaded, 3 failed
  var queue = [];
  function flush() {
    var draw = window.perfsiteDrawChart;
    if (!draw) return;
    while (queue.length) draw(queue.shift());
  }
  function load() {
    if (state) return;
    state = 1;
    var s = document.createElement('script');
    s.src = src;
    var sri = me.getAttribute('data-chart-integrity');
    if (sri) s.integrity = sri;
    s.async = true;
    s.onload = function () { state = 2; flush(); };
    s.onerror = function () { state = 3; };
    document.head.appendChild(s);
  }
  function want(fig) {
    queue.push(fig);
    if (state === 2) flush(); else load();
  }
  if (!('IntersectionObserver' in window)) {
    figs.forEach(want);
    return;
  }
  var io = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting) {
        io.unobserve(e.target);
        want(e.target);
      }
    });
  }, { rootMargin: '200px 0px' });
  figs.forEach(function (f) { io.observe(f); });
})();
