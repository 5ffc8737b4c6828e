/* Budget execution charts of the strategy's monitoring dashboard (vendored Chart.js).
 * Each <canvas data-budget-chart data-source="id"> reads {labels, plan, fact} from the
 * json_script element with that id; the table beside it holds the same values. */
(function () {
  "use strict";
  var PLAN = "#0b4f8a";
  var FACT = "#1b6e3a";
  document.querySelectorAll("canvas[data-budget-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.source);
    if (!source || typeof Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          { label: "План, тис. грн", data: data.plan, backgroundColor: PLAN },
          { label: "Факт, тис. грн", data: data.fact, backgroundColor: FACT }
        ]
      },
      options: { maintainAspectRatio: false, animation: false }
    });
  });
})();
