/* Charts of the community profile, drawn with the vendored Chart.js.
 *
 * Each <canvas data-chart="…" data-source="id"> reads its data from the json_script element
 * with that id. Hidden (suppressed) counts arrive as null and are left out of the drawing;
 * the table beside every chart holds all the values, the canvas's aria-label a summary.
 */
(function () {
  "use strict";

  var FEMALE = "#a4161a";
  var MALE = "#0b4f8a";
  var TOTAL = "#1b1f24";
  var BIRTHS = "#1b6e3a";
  var DEATHS = "#4a5563";
  var number = new Intl.NumberFormat("uk-UA", { useGrouping: false });

  function readData(canvas) {
    var source = document.getElementById(canvas.dataset.source);
    return source ? JSON.parse(source.textContent) : null;
  }

  function negate(values) {
    return values.map(function (value) { return value === null ? null : -value; });
  }

  function absolute(value) {
    return number.format(Math.abs(value));
  }

  function pyramid(data) {
    return {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          { label: "Чоловіки", data: negate(data.male), backgroundColor: MALE },
          { label: "Жінки", data: data.female, backgroundColor: FEMALE }
        ]
      },
      options: {
        indexAxis: "y",
        scales: {
          x: { stacked: true, ticks: { callback: absolute } },
          y: { stacked: true, reverse: true, title: { display: true, text: "Вікова група, років" } }
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: function (item) { return item.dataset.label + ": " + absolute(item.raw); }
            }
          }
        }
      }
    };
  }

  function lines(labels, series) {
    return {
      type: "line",
      data: {
        labels: labels,
        datasets: series.map(function (s) {
          return {
            label: s.label, data: s.data, borderColor: s.colour, backgroundColor: s.colour,
            borderDash: s.dash || [], spanGaps: false, tension: 0
          };
        })
      },
      options: {
        scales: { y: { beginAtZero: false, ticks: { callback: absolute } } },
        plugins: {
          tooltip: {
            callbacks: {
              label: function (item) { return item.dataset.label + ": " + absolute(item.raw); }
            }
          }
        }
      }
    };
  }

  function trend(data) {
    return lines(data.labels, [
      { label: "Разом", data: data.total, colour: TOTAL },
      { label: "Жінки", data: data.female, colour: FEMALE, dash: [6, 4] },
      { label: "Чоловіки", data: data.male, colour: MALE, dash: [2, 3] }
    ]);
  }

  function vital(data) {
    return {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          { label: "Народилося", data: data.births, backgroundColor: BIRTHS },
          { label: "Померло", data: data.deaths, backgroundColor: DEATHS }
        ]
      },
      options: { scales: { y: { beginAtZero: true, ticks: { callback: absolute } } } }
    };
  }

  var BUILDERS = { pyramid: pyramid, trend: trend, vital: vital };

  function draw() {
    if (typeof window.Chart === "undefined") {
      return;
    }
    var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    window.Chart.defaults.color = "#1b1f24";
    window.Chart.defaults.maintainAspectRatio = false;
    if (reduceMotion) {
      window.Chart.defaults.animation = false;
    }
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var build = BUILDERS[canvas.dataset.chart];
      var data = readData(canvas);
      if (build && data) {
        new window.Chart(canvas, build(data));
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
