/* The oblast's map (Leaflet, vendored): hromadas, settlements, providers, boundaries and a
   "service desert" layer per basic service. No background tiles unless the server names a
   tile URL; every figure comes from the map's JSON, the same as the pages' tables. */
(function () {
  "use strict";
  var box = document.getElementById("oblast-map");
  if (!box || !window.L) { return; }

  function esc(value) {
    var div = document.createElement("div");
    div.textContent = value === null || value === undefined ? "" : String(value);
    return div.innerHTML;
  }
  function km(value) {
    return value === null || value === undefined ? "немає надавача в області" : String(value).replace(".", ",") + " км";
  }
  function settlementPopup(item, data) {
    var lines = data.services.filter(function (s) { return s.basic; }).map(function (s) {
      var value = item.km[s.code];
      var far = value === null || value === undefined || value > data.km;
      return "<li" + (far ? ' class="desert"' : "") + ">" + esc(s.code + " " + s.name) + ": " + esc(km(value)) + "</li>";
    });
    return "<strong>" + esc(item.name) + "</strong><br>Населення: " +
      esc(item.population === null ? "немає даних" : item.population) +
      "<br>До найближчого надавача базових послуг:<ul>" + lines.join("") + "</ul>";
  }
  function hromadaPopup(item) {
    var unmet = "немає даних";
    if (item.unmet) {
      var parts = Object.keys(item.unmet).filter(function (code) { return item.unmet[code].total > 0; })
        .map(function (code) { var u = item.unmet[code]; return esc(code) + ": " + u.total + " (ж " + u.female + ", ч " + u.male + ")"; });
      unmet = parts.length ? parts.join("<br>") : "немає";
    }
    return "<strong>" + esc(item.name) + "</strong><br>Населення: " +
      esc(item.population === null ? "немає даних" : item.population) +
      "<br>Надавачів: " + esc(item.providers) +
      "<br>Дослідження потреб: " + esc(item.study_year || "немає даних") +
      "<br>Базових послуг немає: " + esc(item.basic_missing.join(", ") || "—") +
      "<br>Не задоволено:<br>" + unmet;
  }
  function providerPopup(item) {
    return "<strong>" + esc(item.name) + "</strong><br>Послуги: " + esc(item.services.join(", "));
  }
  function dot(item, style) {
    return L.circleMarker([item.lat, item.lon], style);
  }

  function draw(data) {
    var map = L.map(box, { preferCanvas: true });
    if (data.tiles) {
      L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution, maxZoom: 18 }).addTo(map);
    }
    var overlays = {};
    var points = [];
    if (data.boundaries) {
      overlays["Межі"] = L.geoJSON(data.boundaries, { style: { color: "#4a5563", weight: 1, fill: false } }).addTo(map);
    }
    overlays["Населені пункти"] = L.layerGroup(data.settlements.map(function (item) {
      points.push([item.lat, item.lon]);
      return dot(item, { radius: 3, color: "#0b4f8a", weight: 1, fillOpacity: 0.5 }).bindPopup(settlementPopup(item, data));
    })).addTo(map);
    overlays["Громади"] = L.layerGroup(data.hromadas.map(function (item) {
      points.push([item.lat, item.lon]);
      return dot(item, { radius: 8, color: "#083a66", weight: 2, fillColor: "#ffd43b", fillOpacity: 0.9 }).bindPopup(hromadaPopup(item));
    })).addTo(map);
    overlays["Надавачі"] = L.layerGroup(data.providers.map(function (item) {
      return dot(item, { radius: 5, color: "#1b6e3a", weight: 2, fillOpacity: 0.8 }).bindPopup(providerPopup(item));
    })).addTo(map);
    var byCode = {};
    data.settlements.forEach(function (item) { byCode[item.code] = item; });
    data.services.filter(function (s) { return s.basic; }).forEach(function (service) {
      var far = (data.deserts[service.code] || []).map(function (code) {
        var item = byCode[code];
        return dot(item, { radius: 5, color: "#a4161a", weight: 2, fillOpacity: 0.7 }).bindPopup(settlementPopup(item, data));
      });
      overlays["Далі " + String(data.km).replace(".", ",") + " км: " + service.code + " " + service.name] = L.layerGroup(far);
    });
    L.control.layers(null, overlays, { collapsed: true }).addTo(map);
    if (points.length) { map.fitBounds(points, { padding: [20, 20] }); } else { map.setView([48.5, 31.5], 6); }
    box.setAttribute("data-ready", "true");
  }

  fetch(box.getAttribute("data-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) { return response.json(); })
    .then(draw)
    .catch(function () { box.textContent = "Не вдалося завантажити дані мапи. Таблиці нижче показують те саме."; });
})();
