/* Charts of a survey's results, drawn with the vendored Chart.js: the share of each answer
 * of a question. Each <canvas data-chart="shares" data-source="id"> reads the json_script
 * with that id; hidden (suppressed) shares arrive as null and are not drawn. The table
 * next to each chart holds every value.
 */
(function () {
  "use strict";

  var percent = new Intl.NumberFormat("uk-UA", { maximumFractionDigits: 1 });

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.source);
    if (!source || !window.Chart) { return; }
    var data = JSON.parse(source.textContent);
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [{ label: "% відповідей", data: data.values, backgroundColor: "#0b4f8a" }]
      },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { min: 0, max: 100, ticks: { callback: function (v) { return v + " %"; } } } },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: function (item) { return percent.format(item.raw) + " %"; } } }
        }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-chart='shares']").forEach(draw);
  });
})();
