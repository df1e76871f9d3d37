// The offline world map: Natural Earth country shapes (world-atlas TopoJSON, vendored) shaded by events,
// and circles for city-level places. No tile server. Tooltips are DOM nodes filled with textContent.
function tooltip(text) {
  const node = document.createElement("span");
  node.textContent = text;
  return node;
}

function shade(count, max) {
  if (!count) return "#f2f0eb";
  const t = Math.log1p(count) / Math.log1p(max);
  const light = Math.round(85 - 50 * t);
  return `hsl(5, 70%, ${light}%)`;
}

// Rings that cross the antimeridian (Russia, Fiji) would be drawn as stripes across the whole map:
// shift their longitudes by 360 where they jump, so each ring is continuous. Antarctica is left out.
function unwrapRing(ring) {
  let previous = null;
  return ring.map(([lon, lat]) => {
    let x = lon;
    if (previous !== null) {
      while (x - previous > 180) x -= 360;
      while (previous - x > 180) x += 360;
    }
    previous = x;
    return [x, lat];
  });
}

function unwrap(geometry) {
  if (geometry.type === "Polygon") geometry.coordinates = geometry.coordinates.map(unwrapRing);
  if (geometry.type === "MultiPolygon") {
    geometry.coordinates = geometry.coordinates.map((polygon) => polygon.map(unwrapRing));
  }
  return geometry;
}

async function drawMap(box) {
  const data = JSON.parse(document.getElementById(box.dataset.source).textContent);
  const map = L.map(box, { worldCopyJump: true, minZoom: 1, maxZoom: 8, attributionControl: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth (public domain) via world-atlas");
  map.setView([25, 15], 2);
  const topo = await (await fetch("/static/vendor/world-atlas/countries-110m.json")).json();
  const shapes = topojson.feature(topo, topo.objects.countries);
  shapes.features = shapes.features.filter((f) => f.id !== "010" && f.geometry);
  shapes.features.forEach((f) => unwrap(f.geometry));
  const counts = data.countries;
  const max = Math.max(1, ...Object.values(counts).map((c) => c.events));
  L.geoJSON(shapes, {
    style: (feature) => {
      const hit = counts[feature.id];
      return {
        className: hit ? "country has-events" : "country",
        color: "#8a8a8a", weight: 0.6, fillOpacity: 1, fillColor: shade(hit ? hit.events : 0, max),
      };
    },
    onEachFeature: (feature, layer) => {
      const hit = counts[feature.id];
      const name = (hit && hit.name) || feature.properties.name;
      layer.bindTooltip(tooltip(hit ? `${name}: ${hit.events} events` : name), { sticky: true });
      if (hit) layer.on("click", () => { window.location.href = "/?country=" + encodeURIComponent(hit.country); });
    },
  }).addTo(map);
  const biggest = Math.max(1, ...data.points.map((p) => p.events));
  for (const p of data.points) {
    L.circleMarker([p.lat, p.lon], {
      className: "place", radius: 4 + 10 * Math.sqrt(p.events / biggest), color: "#1f4e79", weight: 1,
      fillColor: "#2b7bba", fillOpacity: 0.7,
    }).bindTooltip(tooltip(`${p.name}: ${p.events} events`)).addTo(map);
  }
  box.dataset.rendered = String(shapes.features.length);
  box.dataset.points = String(data.points.length);
}

const mapBox = document.getElementById("map");
if (mapBox) drawMap(mapBox);
